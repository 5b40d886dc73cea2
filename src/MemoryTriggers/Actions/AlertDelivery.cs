using MemoryTriggers.Configuration;

namespace MemoryTriggers.Actions;

/// <summary>Where one alert went: the channels that received it, those it skipped and those that failed.</summary>
public sealed record AlertDelivery
{
    /// <summary>Gets the channels that received the alert, <c>log</c> first.</summary>
    public ValueList<string> Delivered { get; init; } = ValueList<string>.Empty;

    /// <summary>Gets the channels left out on purpose: alerting is off, or the alert is below the channel's <c>min_severity</c>.</summary>
    public ValueList<string> Skipped { get; init; } = ValueList<string>.Empty;

    /// <summary>Gets the channels that could not be reached, with the reason for each.</summary>
    public ValueMap<string> Failed { get; init; } = ValueMap<string>.Empty;

    /// <summary>Gets a value indicating whether no channel failed.</summary>
    public bool Succeeded => Failed.Count == 0;

    /// <summary>Creates a delivery to the given channels, none skipped or failed.</summary>
    /// <param name="channels">The channels that received the alert.</param>
    /// <returns>The delivery.</returns>
    public static AlertDelivery To(params string[] channels) => new() { Delivered = ValueList<string>.From(channels) };
}
