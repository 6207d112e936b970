using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Gcp.Iam;

/// <summary>
/// A Recommender insight of type <c>google.iam.policy.Insight</c> (subtype <c>PERMISSIONS_USAGE</c>): how many of the
/// permissions a role binding grants a member it used during the observation period, by Google's reckoning.
/// </summary>
public sealed record PolicyInsight
{
    /// <summary><c>projects|folders|organizations/ID/locations/global/insightTypes/google.iam.policy.Insight/insights/ID</c>.</summary>
    public required string Name { get; init; }

    /// <summary><c>content.member</c>, as a binding names it.</summary>
    public required string Member { get; init; }

    /// <summary><c>content.role</c>.</summary>
    public required string Role { get; init; }

    /// <summary><c>targetResources</c>: the resources whose allow policy holds the binding.</summary>
    public ImmutableArray<string> TargetResources { get; init; } = [];

    /// <summary><c>content.exercisedPermissions[].permission</c>: used during the observation period.</summary>
    public ImmutableArray<string> ExercisedPermissions { get; init; } = [];

    /// <summary><c>content.inferredPermissions[].permission</c>: Google expects them to be needed, though unused.</summary>
    public ImmutableArray<string> InferredPermissions { get; init; } = [];

    /// <summary><c>content.currentTotalPermissionsCount</c>: how many permissions the role grants.</summary>
    public int? TotalPermissions { get; init; }

    /// <summary><c>content.condition</c>, when the binding is conditional.</summary>
    public BindingCondition? Condition { get; init; }

    public DateTimeOffset? LastRefresh { get; init; }

    public TimeSpan? ObservationPeriod { get; init; }

    /// <summary><c>stateInfo.state</c>: <c>ACTIVE</c>, <c>ACCEPTED</c>, <c>DISMISSED</c>.</summary>
    public string? State { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;
}
