namespace MemoryTriggers.Compare.Generation;

/// <summary>Draws events of <see cref="EventSchema"/> with every field present (the varied stream drops fields later).</summary>
internal static class EventGenerator
{
    /// <summary>Draws event number <paramref name="index"/>; its id is <paramref name="idPrefix"/>, a dash and the index.</summary>
    public static EventNode Next(SplitMix64 rng, string idPrefix, int index)
    {
        ArgumentNullException.ThrowIfNull(rng);
        var text = Text(rng);
        var user = new EventNode()
            .Add("id", EventSchema.UserIds.Pick(rng))
            .Add("tier", EventSchema.Tiers.Pick(rng))
            .Add("locale", EventSchema.Locales.Pick(rng))
            .Add("age_days", (long)Bucketed(rng, [0, 30, 180, 720, 2000]));
        var message = new EventNode()
            .Add("text", text)
            .Add("role", EventSchema.Roles.Pick(rng))
            .Add("length", (long)text.Length)
            .Add("meta", new EventNode()
                .Add("lang", EventSchema.Languages.Pick(rng))
                .Add("source", new EventNode()
                    .Add("kind", EventSchema.SourceKinds.Pick(rng))
                    .Add("app", EventSchema.Apps.Pick(rng))));
        var context = new EventNode()
            .Add("env", new EventNode()
                .Add("region", new EventNode().Add("zone", EventSchema.Zones.Pick(rng)))
                .Add("cluster", EventSchema.Clusters.Pick(rng)))
            .Add("trace", "tr-" + EventSchema.Letters(rng.Next(26 * 26 * 26 * 26), 4) + EventSchema.Letters(rng.Next(26 * 26), 2));
        return new EventNode()
            .Add("type", EventSchema.Types.Pick(rng))
            .Add("id", $"{idPrefix}-{index:D7}")
            .Add("user", user)
            .Add("channel", EventSchema.Channels.Pick(rng))
            .Add("score", (long)(rng.Between(0, 50) + rng.Between(0, 50)))
            .Add("message", message)
            .Add("session", rng.Pick(EventSchema.Sessions))
            .Add("agent", $"{EventSchema.AgentNames.Pick(rng)}-{rng.Between(1, 9)}")
            .Add("priority", EventSchema.Priorities.Pick(rng))
            .Add("latency_ms", (long)Bucketed(rng, [2, 50, 400, 3000, 30000]))
            .Add("tokens", (long)Bucketed(rng, [1, 200, 1000, 4000, 16000]))
            .Add("error_code", EventSchema.ErrorCodes.Pick(rng))
            .Add("tool", EventSchema.Tools.Pick(rng))
            .Add("stage", EventSchema.Stages.Pick(rng))
            .Add("context", context);
    }

    /// <summary>A skewed integer: one of the ranges between consecutive <paramref name="edges"/>, then uniform inside it.</summary>
    private static int Bucketed(SplitMix64 rng, int[] edges)
    {
        var bucket = rng.Next(edges.Length - 1);
        return rng.Between(edges[bucket], edges[bucket + 1] - 1);
    }

    private static string Text(SplitMix64 rng)
    {
        var count = rng.Between(3, 14);
        var words = new string[count];
        for (var i = 0; i < count; i++)
        {
            words[i] = EventSchema.Words.Pick(rng);
        }

        var end = rng.Next(10) switch
        {
            < 5 => "",
            < 8 => ".",
            8 => "?",
            _ => "!",
        };
        return string.Join(' ', words) + end;
    }
}
