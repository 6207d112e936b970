using Ward.Core.Decisions;
using Ward.Core.Graph;
using Ward.Microsoft.Entra.Evaluation;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>entra-reset-password</c>: a principal whose directory roles let it reset a user's password signs in as that
/// user. Decided user by user (scope, administrative units, the documented reset tiers). Not towards a B2B
/// collaboration user that authenticates at its home organization or identity provider (a federated identity): a
/// password set in this tenant signs nobody in as it. An invited account (<c>#EXT#</c>) exported without its
/// <c>identities</c> is reached on the condition that it signs in with this tenant's password.
/// </summary>
public sealed class ResetPasswordEdgeChecker : IMicrosoftEdgeChecker
{
    public string TechniqueId => "entra-reset-password";

    public bool GrantsAdmin => false;

    public IEnumerable<Edge> Check(MicrosoftEdgeContext context, IReadOnlySet<string>? targets)
    {
        foreach (var resetter in context.RoleHoldersFor(PasswordResetTiers.ResetAction))
        {
            foreach (var user in context.Directory.Users.Where(u => (targets is null || targets.Contains(u.Id)) && !string.Equals(u.Id, resetter, StringComparison.OrdinalIgnoreCase)))
            {
                if (user.AuthenticatesElsewhere == true)
                {
                    continue;
                }

                var step = context.DecideDirectoryRole(resetter, PasswordResetTiers.ResetAction, user.Id);
                if (step.Kind == DecisionKind.ImplicitDeny)
                {
                    continue;
                }

                var name = user.UserPrincipalName ?? user.Id;
                if (step.ToEdge(TechniqueId, resetter, user.Id, $"resets the password of `{name}` and signs in as them", PasswordResetTiers.ResetAction, user.Id) is { } edge)
                {
                    yield return user.AuthenticatesElsewhere is null && user.IsInvitedAccount
                        ? edge with { Requirements = edge.Requirements.Add($"`{name}` signs in with a password of this tenant, not at its home organization (an invited account's `identities`, which say where it authenticates, are not in the export)") }
                        : edge;
                }
            }
        }
    }
}
