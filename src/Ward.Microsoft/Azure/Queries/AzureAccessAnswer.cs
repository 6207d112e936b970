using Ward.Core.Decisions;

namespace Ward.Microsoft.Azure.Queries;

/// <summary>The decision for one principal, with what activating its PIM eligibilities would change.</summary>
public sealed record AzureAccessAnswer
{
    /// <summary>The Entra object id.</summary>
    public required string PrincipalId { get; init; }

    /// <summary>The name the exports give the principal (the az CLI's <c>principalName</c>), if any.</summary>
    public string? PrincipalName { get; init; }

    /// <summary><c>User</c>, <c>Group</c>, <c>ServicePrincipal</c>, … as the assignments say, if they do.</summary>
    public string? PrincipalType { get; init; }

    /// <summary>The decision with active assignments only.</summary>
    public required Decision Decision { get; init; }

    /// <summary>
    /// The decision with the principal's (and its groups') eligibilities activated, when it differs in kind from
    /// <see cref="Decision"/>; null when the principal has no eligibility that changes the answer.
    /// </summary>
    public Decision? EligibleDecision { get; init; }

    /// <summary>Whether the principal is allowed now, or only once it activates an eligibility.</summary>
    public bool IsAllowedOnlyIfActivated => !Decision.IsAllowed && EligibleDecision?.IsAllowed == true;
}
