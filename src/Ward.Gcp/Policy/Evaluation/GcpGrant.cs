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

    /// <summary>
    /// The role's permissions that an exported deny rule refuses the principal: wherever the binding applies (attached
    /// at its resource or above) or on part of it (attached below); empty without deny policies.
    /// </summary>
    public ImmutableArray<GcpDenial> Denials { get; init; } = [];

    /// <summary>
    /// The role's permissions that a principal access boundary bound to the principal blocks on the binding's resource
    /// (resources below it that the boundary makes eligible are not blocked); empty without boundaries.
    /// </summary>
    public ImmutableArray<GcpBoundaryBlock> Blocks { get; init; } = [];
}

/// <summary>A permission of a what-can grant that a principal access boundary blocks on the grant's resource.</summary>
/// <param name="Permission">The permission.</param>
/// <param name="Requirement">What must hold for the block to be lifted (the boundary's reach is undecided), or null when it certainly blocks.</param>
public sealed record GcpBoundaryBlock(string Permission, string? Requirement);

/// <summary>A permission of a what-can grant that a deny rule refuses the principal.</summary>
/// <param name="Permission">The permission.</param>
/// <param name="DenyPolicy">The deny policy's name.</param>
/// <param name="Rule">The rule's index in the policy.</param>
/// <param name="OnlyBelow">The container below the binding's resource the policy is attached to (the denial covers only it and below), or null when it covers everywhere the binding applies.</param>
/// <param name="Requirement">What must hold for the rule to apply (a membership, an exception, a condition Ward cannot decide), or null when it certainly does.</param>
public sealed record GcpDenial(string Permission, string DenyPolicy, int Rule, string? OnlyBelow, string? Requirement);
