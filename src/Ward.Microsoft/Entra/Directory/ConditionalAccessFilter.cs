namespace Ward.Microsoft.Entra.Directory;

/// <summary>A policy's device or application filter: <c>include</c> or <c>exclude</c> what matches the rule.</summary>
public sealed record ConditionalAccessFilter(string? Mode, string? Rule);
