using System.Collections.Immutable;

namespace Ward.Gcp.Policy.Evaluation;

/// <summary>
/// One binding that includes a principal (see <see cref="GcpAuthorizer.WhatCan"/>): where its allow policy is
/// attached, the role and the permissions it grants there and below, and what must hold for it to apply.
/// </summary>
/// <param name="Resource">The full name of the resource the allow policy is set on.</param>
/// <param name="Role">The role, as the binding names it.</param>
/// <param name="Member">The member that includes the principal, as the binding names it.</param>
/// <param name="How">How the member includes the principal when not by name (a domain, a group), or null.</param>
/// <param name="Requirement">What must hold for the binding to apply (a membership, a condition Ward cannot decide), or null.</param>
/// <param name="Permissions">The role's permissions; empty when the roles export does not describe them.</param>
/// <param name="Problem">Why the binding grants nothing or an unknown set (a deleted, disabled or undescribed role; a condition that does not hold), or null.</param>
public sealed record GcpGrant(string Resource, string Role, string Member, string? How, string? Requirement, ImmutableArray<string> Permissions, string? Problem)
{
    /// <summary>Whether the binding grants its permissions now, for certain.</summary>
    public bool Grants => Requirement is null && Problem is null;
}
