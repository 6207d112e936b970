using System.Runtime.InteropServices;

namespace Ward.Core.Model;

/// <summary>The last recorded use of something, or why there is none. <c>default</c> is <see cref="UseState.Unknown"/>.</summary>
[StructLayout(LayoutKind.Auto)]
public readonly record struct LastUse(UseState State, DateTimeOffset? At)
{
    public static LastUse Unknown { get; } = new(UseState.Unknown, null);

    public static LastUse Never { get; } = new(UseState.Never, null);

    public static LastUse BeforeTracking { get; } = new(UseState.BeforeTracking, null);

    /// <summary>Whether the export says something definite: a date, or that there was no use.</summary>
    public bool IsKnown => State != UseState.Unknown;

    public static LastUse On(DateTimeOffset at) => new(UseState.Recorded, at);
}
