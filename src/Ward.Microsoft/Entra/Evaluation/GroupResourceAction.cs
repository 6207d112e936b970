namespace Ward.Microsoft.Entra.Evaluation;

/// <summary>A resource action that reaches a group, and what must be true of the group for it to (null: nothing).</summary>
public sealed record GroupResourceAction(string Action, string? Assumes);
