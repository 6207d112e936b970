using Ward.Core.Decisions;
using Ward.Core.Graph;
using Ward.Microsoft.Entra.Evaluation;

namespace Ward.Microsoft.Edges.Checkers;

/// <summary>
/// <c>entra-reset-password</c>: a principal whose directory roles let it reset a user's password signs in as that
/// user. Decided user by user (scope, administrative units, the documented reset tiers).
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
                var decision = context.Roles.Authorize(resetter, PasswordResetTiers.ResetAction, user.Id);
                if (decision.Kind == DecisionKind.ImplicitDeny)
                {
                    continue;
                }

                if (MicrosoftEdgeContext.EdgeIf(TechniqueId, resetter, user.Id, $"resets the password of `{user.UserPrincipalName ?? user.Id}` and signs in as them", decision, PasswordResetTiers.ResetAction, user.Id) is { } edge)
                {
                    yield return edge;
                }
            }
        }
    }
}
