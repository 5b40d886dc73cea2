using System.Text.Json;

namespace MemoryTriggers.Cli;

/// <summary>Reads a context file: one JSON object, with a located message when it is not.</summary>
internal static class PolicyContextFile
{
    public static bool TryRead(string path, out JsonDocument? document, out string? problem)
    {
        document = null;
        problem = null;
        if (!File.Exists(path))
        {
            problem = $"{path}: the context file does not exist";
            return false;
        }

        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            problem = $"{path}:{(ex.LineNumber ?? 0) + 1}:{(ex.BytePositionInLine ?? 0) + 1}: the context is not valid JSON: {ex.Message.Split(" Path:")[0]}";
            return false;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            problem = $"{path}:1:1: the context must be a JSON object, not {document.RootElement.ValueKind.ToString().ToLowerInvariant()}";
            document.Dispose();
            document = null;
            return false;
        }

        return true;
    }
}
