using System.Collections.Immutable;
using Ward.Core.Diagnostics;

namespace Ward.Gcp.Iam;

/// <summary>
/// A Privileged Access Manager entitlement (<c>gcloud pam entitlements list --location=global</c>): who may request
/// a grant (<c>eligibleUsers</c>), the role bindings a grant adds to an organization, folder or project
/// (<c>privilegedAccess.gcpIamAccess</c>), for how long, and whose approval it needs (<c>approvalWorkflow</c>; none
/// when absent).
/// </summary>
public sealed record PamEntitlement
{
    /// <summary><c>organizations|folders|projects/ID/locations/LOCATION/entitlements/ID</c>.</summary>
    public required string Name { get; init; }

    public required ImmutableArray<Member> EligiblePrincipals { get; init; }

    /// <summary>The full name of the organization, folder or project a grant binds the roles on.</summary>
    public required string Resource { get; init; }

    public required ImmutableArray<PamRoleBinding> RoleBindings { get; init; }

    /// <summary>The manual approval steps, in order; empty when a grant needs no approval.</summary>
    public ImmutableArray<PamApprovalStep> ApprovalSteps { get; init; } = [];

    /// <summary>The longest a grant lasts (<c>maxRequestDuration</c>, e.g. <c>3600s</c>), as written.</summary>
    public string? MaxRequestDuration { get; init; }

    /// <summary><c>AVAILABLE</c>, <c>CREATING</c>, <c>UPDATING</c>, <c>DELETING</c> or <c>DELETED</c>; null when not exported.</summary>
    public string? State { get; init; }

    public SourceLocation Location { get; init; } = SourceLocation.None;

    /// <summary>Whether grants can be requested: not being deleted or deleted (an entitlement being updated still serves requests).</summary>
    public bool IsRequestable => State is not ("DELETING" or "DELETED" or "CREATING");

    /// <summary>
    /// Whether a request by <paramref name="requester"/> can be approved: Google does not let a principal approve its
    /// own request, so a step whose named approvers, the requester left out, are fewer than the approvals it needs
    /// can never pass. A group, domain or pool set among the approvers may hold others, so it never rules a request out.
    /// </summary>
    public bool CanBeApprovedFor(Member requester)
    {
        ArgumentNullException.ThrowIfNull(requester);
        foreach (var step in ApprovalSteps)
        {
            if (step.Approvers.All(a => a.Kind is MemberKind.User or MemberKind.ServiceAccount)
                && step.Approvers.Where(a => !a.IsDeleted).Distinct().Count(a => !a.Equals(requester)) < step.ApprovalsNeeded)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>What must happen before a grant is active: null without approval steps, else who must approve at each step.</summary>
    public string? ApprovalRequirement => ApprovalSteps.IsEmpty ? null
        : $"a request under PAM entitlement `{Name}` is approved ({string.Join("; then ", ApprovalSteps.Select(s => $"{s.ApprovalsNeeded} approval{(s.ApprovalsNeeded == 1 ? string.Empty : "s")} of {string.Join(", ", s.Approvers.Select(a => $"`{a.Text}`"))}"))})";
}
