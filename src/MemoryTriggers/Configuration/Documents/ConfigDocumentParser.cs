using System.Text.RegularExpressions;
using MemoryTriggers.Internal;
using MemoryTriggers.Validation;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace MemoryTriggers.Configuration.Documents;

/// <summary>Parses YAML text into a <see cref="ConfigDocument"/>, reporting problems as issues with line and column.</summary>
public static partial class ConfigDocumentParser
{
    private const int MaxDepth = 64;
    private const int MaxNodes = 2_000_000;

    /// <summary>Parses one YAML document.</summary>
    /// <param name="text">The YAML text.</param>
    /// <param name="sourceName">The file or source name, used in locations.</param>
    /// <param name="issues">Receives syntax errors, duplicate keys and structural problems.</param>
    /// <returns>The document; its root is <see langword="null"/> when the text is empty or unusable.</returns>
    public static ConfigDocument Parse(string text, string? sourceName, ICollection<ValidationIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(issues);
        var reader = new Reader(sourceName, issues);
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                return new ConfigDocument(sourceName, null);
            }

            parser.Consume<DocumentStart>();
            var root = reader.ReadNode(parser, 0, string.Empty);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
            {
                reader.Report(IssueCodes.MultipleDocuments, second.Start, "the text holds more than one YAML document", "keep one document per file; remove the extra '---'");
            }

            return new ConfigDocument(sourceName, root is ConfigScalar { Value: null } ? null : root);
        }
        catch (YamlException ex)
        {
            var message = PositionPrefix().Replace(ex.Message, string.Empty);
            if (ex.InnerException is not null && message.StartsWith("Exception during", StringComparison.Ordinal))
            {
                message = ex.InnerException.Message;
            }

            var where = message.Contains("tab", StringComparison.OrdinalIgnoreCase) ? FirstTabIndentation(text, ex.Start) : ex.Start;
            reader.Report(IssueCodes.YamlSyntax, where, message.TrimEnd('.'), SyntaxHint(message));
            return new ConfigDocument(sourceName, null);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet fails this way on a flow collection ('[' or '{') that is never closed.
            var opener = reader.InnermostFlowOpener;
            reader.Report(IssueCodes.YamlSyntax, opener?.Mark ?? Mark.Empty,
                opener is { } open ? $"this '{open.Bracket}' is never closed" : "the document ends in the middle of a value",
                opener is { } o ? $"close it with '{(o.Bracket == '[' ? ']' : '}')}' on the same logical value, or use block style" : "check the brackets and quotes");
            return new ConfigDocument(sourceName, null);
        }
        catch (DocumentTooLargeException ex)
        {
            reader.Report(IssueCodes.YamlSyntax, ex.Start, ex.Message, "simplify the document; deep nesting and alias chains are limited");
            return new ConfigDocument(sourceName, null);
        }
    }

    /// <summary>YamlDotNet reports a tab in indentation at the value before it; point at the tab itself.</summary>
    private static Mark FirstTabIndentation(string text, Mark reported)
    {
        var lines = text.Split('\n');
        for (var i = (int)Math.Max(0, reported.Line - 1); i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t', StringComparison.Ordinal);
            if (tab >= 0 && tab < indent)
            {
                return new Mark(0, i + 1, tab + 1);
            }
        }

        return reported;
    }

    private static string SyntaxHint(string message) =>
        message.Contains("tab", StringComparison.OrdinalIgnoreCase) ? "indent with spaces, not tabs"
        : message.Contains("did not find expected key", StringComparison.Ordinal) ? "check the indentation of this line and the one above"
        : message.Contains("mapping values are not allowed", StringComparison.Ordinal) || message.Contains("invalid mapping", StringComparison.Ordinal)
            ? "quote values that contain ': ', or put the value on its own line"
        : "check the YAML syntax near this position";

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex PositionPrefix();

    private sealed class DocumentTooLargeException(Mark start, string message) : Exception(message)
    {
        public Mark Start { get; } = start;
    }

    private sealed class Reader(string? sourceName, ICollection<ValidationIssue> issues)
    {
        private readonly Dictionary<string, (ConfigNode Node, int Weight)> _anchors = new(StringComparer.Ordinal);
        private readonly List<(Mark Mark, char Bracket)> _openFlows = [];
        private int _nodes;

        public void Report(string code, Mark mark, string message, string suggestion, string path = "") =>
            issues.Add(new ValidationIssue(IssueSeverity.Error, code, path, message)
            {
                Suggestion = suggestion,
                Location = Locate(mark),
            });

        public (Mark Mark, char Bracket)? InnermostFlowOpener => _openFlows.Count == 0 ? null : _openFlows[^1];

        public ConfigNode ReadNode(IParser parser, int depth, string path) => ReadWeighted(parser, depth, path).Node;

        private SourceLocation Locate(Mark mark) => SourceLocation.At(sourceName, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

        private (ConfigNode Node, int Weight) ReadWeighted(IParser parser, int depth, string path)
        {
            var start = parser.Current?.Start ?? Mark.Empty;
            if (depth > MaxDepth)
            {
                throw new DocumentTooLargeException(start, $"the document nests deeper than {MaxDepth} levels");
            }

            (ConfigNode Node, int Weight) result;
            string? anchor = null;
            if (parser.TryConsume<AnchorAlias>(out var alias))
            {
                if (!_anchors.TryGetValue(alias.Value.Value, out result))
                {
                    throw new SemanticErrorException(alias.Start, alias.End, $"the alias *{alias.Value.Value} refers to no anchor");
                }
            }
            else if (parser.TryConsume<Scalar>(out var scalar))
            {
                anchor = scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value;
                result = (ReadScalar(scalar), 1);
            }
            else if (parser.TryConsume<SequenceStart>(out var sequenceStart))
            {
                anchor = sequenceStart.Anchor.IsEmpty ? null : sequenceStart.Anchor.Value;
                result = ReadSequence(parser, sequenceStart, depth, path);
            }
            else if (parser.TryConsume<MappingStart>(out var mappingStart))
            {
                anchor = mappingStart.Anchor.IsEmpty ? null : mappingStart.Anchor.Value;
                result = ReadMapping(parser, mappingStart, depth, path);
            }
            else
            {
                throw new SemanticErrorException(start, start, $"unexpected {parser.Current?.GetType().Name ?? "end of input"}");
            }

            _nodes += result.Weight;
            if (_nodes > MaxNodes)
            {
                throw new DocumentTooLargeException(start, $"the document expands to more than {MaxNodes} values (alias chains count each use)");
            }

            if (anchor is not null)
            {
                _anchors[anchor] = result;
            }

            return result;
        }

        private ConfigScalar ReadScalar(Scalar scalar)
        {
            var location = Locate(scalar.Start);
            var isString = scalar.Style is not ScalarStyle.Plain
                || (!scalar.Tag.IsEmpty && scalar.Tag.Value is "tag:yaml.org,2002:str" or "!");
            var value = isString ? scalar.Value : ConfigScalar.ResolvePlain(scalar.Value);
            return new ConfigScalar(value, scalar.Value, scalar.Style is not ScalarStyle.Plain, location);
        }

        private (ConfigNode, int) ReadSequence(IParser parser, SequenceStart start, int depth, string path)
        {
            var items = new List<ConfigNode>();
            var weight = 1;
            TrackFlow(start.Style == SequenceStyle.Flow, start.Start, '[');
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                var (node, itemWeight) = ReadWeighted(parser, depth + 1, ConfigPath.Index(path, items.Count));
                items.Add(node);
                weight += itemWeight;
            }

            UntrackFlow(start.Style == SequenceStyle.Flow);

            return (new ConfigSequence(items, Locate(start.Start)), weight);
        }

        private (ConfigNode, int) ReadMapping(IParser parser, MappingStart start, int depth, string path)
        {
            var entries = new List<ConfigEntry>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var weight = 1;
            TrackFlow(start.Style == MappingStyle.Flow, start.Start, '{');
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyStart = parser.Current?.Start ?? Mark.Empty;
                var (keyNode, _) = ReadWeighted(parser, depth + 1, path);
                var key = keyNode is ConfigScalar { Value: not null } k ? k.Text : "?";
                var (value, valueWeight) = ReadWeighted(parser, depth + 1, ConfigPath.Append(path, key));
                weight += valueWeight + 1;
                if (keyNode is not ConfigScalar { Value: not null } keyScalar)
                {
                    Report(IssueCodes.YamlSyntax, keyStart, $"a key must be a plain name, not {keyNode.Describe()}", "write keys as plain words such as batch_size", path);
                    continue;
                }

                if (!seen.Add(keyScalar.Text))
                {
                    Report(IssueCodes.DuplicateKey, keyStart, $"the key '{keyScalar.Text}' appears twice in this mapping", "remove one of them; the first one is used", ConfigPath.Append(path, keyScalar.Text));
                    continue;
                }

                entries.Add(new ConfigEntry(keyScalar.Text, keyScalar.Location, value));
            }

            UntrackFlow(start.Style == MappingStyle.Flow);
            return (new ConfigMapping(entries, Locate(start.Start)), weight);
        }

        private void TrackFlow(bool flow, Mark mark, char bracket)
        {
            if (flow)
            {
                _openFlows.Add((mark, bracket));
            }
        }

        private void UntrackFlow(bool flow)
        {
            if (flow)
            {
                _openFlows.RemoveAt(_openFlows.Count - 1);
            }
        }
    }
}
