using MemoryTriggers.Compare.Verification;

namespace MemoryTriggers.Compare.Reporting;

/// <summary>Re-verifies results against the expected match files of a data directory (each file is read once).</summary>
internal sealed class ResultVerifier
{
    private readonly string _expectedDirectory;
    private readonly Dictionary<string, MatchFile?> _files = new(StringComparer.Ordinal);

    /// <summary>Creates a verifier reading <c>RULES.VARIANT.matches</c> files from <paramref name="expectedDirectory"/>.</summary>
    public ResultVerifier(string expectedDirectory)
    {
        _expectedDirectory = expectedDirectory;
    }

    /// <summary>Verifies <paramref name="result"/>.</summary>
    public ResultVerification Verify(ResultFile result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var name = $"{result.Rules}.{result.Variant}.matches";
        if (name.IndexOfAny(['/', '\\']) >= 0 || name.StartsWith("..", StringComparison.Ordinal))
        {
            return new(false, $"rules/variant '{result.Rules}'/'{result.Variant}' do not name an expected file");
        }

        var path = Path.Combine(_expectedDirectory, name);
        if (!_files.TryGetValue(path, out var expected))
        {
            expected = File.Exists(path) ? MatchFile.Read(path) : null;
            _files[path] = expected;
        }

        if (expected is null)
        {
            return new(false, $"no expected file {path}");
        }

        if (result.CheckedEvents < 1 || result.CheckedEvents > expected.LineCount)
        {
            return new(false, $"checked_events {result.CheckedEvents} is outside 1-{expected.LineCount} (the lines of {name})");
        }

        var digest = expected.Sha256(result.CheckedEvents);
        return string.Equals(digest, result.MatchesSha256, StringComparison.OrdinalIgnoreCase)
            ? new(true, "")
            : new(false, $"matches_sha256 {result.MatchesSha256} differs from {digest}, the digest of the first {result.CheckedEvents} lines of {name}");
    }
}
