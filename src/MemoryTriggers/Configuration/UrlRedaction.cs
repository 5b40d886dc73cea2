namespace MemoryTriggers.Configuration;

/// <summary>
/// Shortens URLs shown to people to scheme, host and port: webhook URLs (Slack, Teams, …) carry their
/// secret in the path or query, so a redacted config or diff must not print them whole.
/// </summary>
internal static class UrlRedaction
{
    /// <summary>Whether a key holds a URL: <c>url</c> or a name ending in <c>_url</c>.</summary>
    public static bool IsUrlKey(string key) =>
        key.Equals("url", StringComparison.OrdinalIgnoreCase) || key.EndsWith("_url", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// <c>https://hooks.example.com/services/T0/B0/x?y=1</c> becomes <c>https://hooks.example.com/***</c>; a URL with
    /// no path, query or user info, and anything that is not an absolute http(s) URL, is returned unchanged.
    /// </summary>
    public static string Redact(string value)
    {
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return value;
        }

        var bare = uri.AbsolutePath is "" or "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0;
        return bare ? value : $"{uri.Scheme}://{uri.Authority}/{ConfigWriter.Redacted}";
    }
}
