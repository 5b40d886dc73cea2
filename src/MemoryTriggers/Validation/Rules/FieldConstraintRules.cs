using System.Globalization;
using System.Text.RegularExpressions;
using MemoryTriggers.Configuration;
using MemoryTriggers.Configuration.Binding;
using MemoryTriggers.Internal;

namespace MemoryTriggers.Validation.Rules;

/// <summary>The ranges, patterns and allowed values declared on the model's fields, checked on any config, however it was built.</summary>
internal static class FieldConstraintRules
{
    public static IEnumerable<ValidationIssue> Check(MemoryTriggerConfig config) => Check(config, typeof(MemoryTriggerConfig), string.Empty);

    private static IEnumerable<ValidationIssue> Check(object record, Type type, string path)
    {
        foreach (var field in ConfigModel.Fields(type))
        {
            var fieldPath = ConfigPath.Append(path, field.Key);
            var value = field.GetValue(record);
            switch (field.Kind)
            {
                case FieldKind.Section when value is not null:
                    foreach (var issue in Check(value, field.ItemType!, fieldPath))
                    {
                        yield return issue;
                    }

                    continue;
                case FieldKind.SectionMap when value is not null:
                    foreach (var (name, entry) in SectionMaps.Entries(field.ItemType!, value))
                    {
                        foreach (var issue in Check(entry, field.ItemType!, ConfigPath.Append(fieldPath, name)))
                        {
                            yield return issue;
                        }
                    }

                    continue;
            }

            if (field.Range is { } range && value is int or double)
            {
                var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                var min = Convert.ToDouble(range.Minimum, CultureInfo.InvariantCulture);
                var max = Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture);
                if (double.IsNaN(number) || number < min || number > max)
                {
                    yield return Issue.Error(IssueCodes.Range, fieldPath,
                        string.Create(CultureInfo.InvariantCulture, $"{fieldPath} must be {field.RangeText}, found {number}"),
                        $"use a value {field.RangeText}");
                }
            }

            if (field.Pattern is { } pattern && value is string text && !Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                yield return Issue.Error(IssueCodes.Pattern, fieldPath, $"'{text}' does not have the form {pattern}", "write MAJOR.MINOR in quotes, for example \"1.0\"");
            }

            if (field.AllowedValues is { } allowed && value is string chosen && !allowed.Contains(chosen))
            {
                var closest = Names.Closest(chosen, allowed);
                yield return Issue.Error(IssueCodes.Enum, fieldPath, $"'{chosen}' is not one of {string.Join(", ", allowed)}",
                    closest is null ? $"use one of {string.Join(", ", allowed)}" : $"did you mean '{closest}'?{(allowed.All(v => string.Equals(v, v.ToUpperInvariant(), StringComparison.Ordinal)) ? " (values are upper case)" : string.Empty)}");
            }
        }
    }
}
