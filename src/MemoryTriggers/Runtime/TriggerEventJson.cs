using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MemoryTriggers.Runtime;

/// <summary>
/// Writes a <see cref="TriggerEvent"/> as the JSON object <see cref="TriggerEventReader"/> reads,
/// so that writing and reading back gives the same event: every field, the payload as written,
/// absent fields absent (read back as null) and the timestamp to the tick with its offset.
/// </summary>
public static class TriggerEventJson
{
    /// <summary>Writes an event as one line of JSON.</summary>
    /// <param name="triggerEvent">The event.</param>
    /// <returns>The JSON text, without line breaks.</returns>
    /// <exception cref="ArgumentException">The event cannot be read back: <see cref="Problem"/> says why.</exception>
    public static string Serialize(TriggerEvent triggerEvent)
    {
        ArgumentNullException.ThrowIfNull(triggerEvent);
        if (Problem(triggerEvent) is { } problem)
        {
            throw new ArgumentException(problem, nameof(triggerEvent));
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteObject(writer, triggerEvent);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes an event as a JSON object.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="triggerEvent">The event.</param>
    /// <exception cref="ArgumentException">The event cannot be read back: <see cref="Problem"/> says why.</exception>
    public static void Write(Utf8JsonWriter writer, TriggerEvent triggerEvent)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(triggerEvent);
        if (Problem(triggerEvent) is { } problem)
        {
            throw new ArgumentException(problem, nameof(triggerEvent));
        }

        WriteObject(writer, triggerEvent);
    }

    /// <summary>
    /// Says why an event built in code could not be written and read back, if it could not: an
    /// empty id, a score outside [0, 1] or not a number, a payload that is not a JSON object, or
    /// text that is not valid UTF-16.
    /// </summary>
    /// <param name="triggerEvent">The event.</param>
    /// <returns>A sentence naming the field, or null when the event can be written.</returns>
    public static string? Problem(TriggerEvent triggerEvent)
    {
        ArgumentNullException.ThrowIfNull(triggerEvent);
        if (string.IsNullOrWhiteSpace(triggerEvent.Id))
        {
            return "The event's 'id' must not be empty.";
        }

        if (!Enum.IsDefined(triggerEvent.TriggerType))
        {
            return $"The event's 'trigger_type' {(int)triggerEvent.TriggerType} is not a trigger type.";
        }

        foreach (var (name, score) in new[] { ("confidence", triggerEvent.Confidence), ("quality_score", triggerEvent.QualityScore) })
        {
            if (score is { } value && !(value >= 0 && value <= 1))
            {
                return $"The event's '{name}' must be between 0 and 1, not {value.ToString(CultureInfo.InvariantCulture)}.";
            }
        }

        if (triggerEvent.Payload.ValueKind != JsonValueKind.Object)
        {
            return $"The event's 'payload' must be a JSON object, not {triggerEvent.Payload.ValueKind}.";
        }

        string?[] texts = [triggerEvent.Id, triggerEvent.AgentId, triggerEvent.WorkflowId, triggerEvent.TaskId, triggerEvent.UserId, triggerEvent.SessionId];
        string[] names = ["id", "agent_id", "workflow_id", "task_id", "user_id", "session_id"];
        for (var i = 0; i < texts.Length; i++)
        {
            if (texts[i] is { } text && !IsValidUtf16(text))
            {
                return $"The event's '{names[i]}' holds an unpaired surrogate, which JSON cannot carry.";
            }
        }

        return null;
    }

    private static void WriteObject(Utf8JsonWriter writer, TriggerEvent e)
    {
        writer.WriteStartObject();
        writer.WriteString("id", e.Id);
        writer.WriteString("trigger_type", YamlNames.Of(e.TriggerType));
        writer.WriteString("timestamp", e.Timestamp.ToString("O", CultureInfo.InvariantCulture));
        WriteText(writer, "agent_id", e.AgentId);
        WriteText(writer, "workflow_id", e.WorkflowId);
        WriteText(writer, "task_id", e.TaskId);
        WriteText(writer, "user_id", e.UserId);
        WriteText(writer, "session_id", e.SessionId);
        if (e.Success is { } success)
        {
            writer.WriteBoolean("success", success);
        }

        if (e.Confidence is { } confidence)
        {
            writer.WriteNumber("confidence", confidence);
        }

        if (e.QualityScore is { } quality)
        {
            writer.WriteNumber("quality_score", quality);
        }

        writer.WritePropertyName("payload");
        e.Payload.WriteTo(writer);
        writer.WriteEndObject();
    }

    private static void WriteText(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static bool IsValidUtf16(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
