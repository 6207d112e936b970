namespace Ward.Core.Model;

/// <summary>What an export says about the last use of a credential, an identity or a service.</summary>
public enum UseState
{
    /// <summary>The export could not say (the value was missing or unreadable).</summary>
    Unknown,

    /// <summary>No use was recorded: never used, or not within the provider's tracking period.</summary>
    Never,

    /// <summary>Not used since the provider began tracking (AWS: <c>no_information</c>, tracking began in October 2014).</summary>
    BeforeTracking,

    /// <summary>A use was recorded at <see cref="LastUse.At"/>.</summary>
    Recorded,
}
