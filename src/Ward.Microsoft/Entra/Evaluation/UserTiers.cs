using System.Collections.Frozen;

namespace Ward.Microsoft.Entra.Evaluation;

/// <summary>
/// Which of Microsoft's two "who can" tables limits an action on a user by the roles the user holds, and what it says
/// for a role: "Who can reset passwords" for password resets, refresh token invalidation and authentication method
/// changes (<see cref="PasswordResetTiers"/>), "Who can perform sensitive actions" for disabling, enabling, deleting,
/// restoring and renaming a user (<see cref="SensitiveActionTiers"/>).
/// </summary>
/// <param name="Table">The table's title on Microsoft's page, named in explanations.</param>
/// <param name="Verb">What the action does to the user, after "may" ("reset its password").</param>
/// <param name="ActsOnAnyone">Whether a role, by template id, acts on every user, administrators included.</param>
/// <param name="ActsOnRoles">The roles a role may still act on when the user holds them; null when the table has no column for it.</param>
internal sealed record UserTiers(string Table, string Verb, Func<string, bool> ActsOnAnyone, Func<string, FrozenSet<string>?> ActsOnRoles)
{
    private const string ResetTable = "Who can reset passwords";

    /// <summary>The table that limits the action, null when none does.</summary>
    public static UserTiers? For(string action)
    {
        if (SensitiveActionTiers.SensitiveActionName(action) is { } sensitive)
        {
            return new("Who can perform sensitive actions", $"perform the sensitive action \"{sensitive}\" (`{action}`) on it", SensitiveActionTiers.ActsOnAnyone, SensitiveActionTiers.ActsOnRoles);
        }

        if (!PasswordResetTiers.IsTiered(action))
        {
            return null;
        }

        var verb = string.Equals(action, PasswordResetTiers.ResetAction, StringComparison.OrdinalIgnoreCase) ? "reset its password"
            : string.Equals(action, PasswordResetTiers.InvalidateRefreshTokensAction, StringComparison.OrdinalIgnoreCase) ? "invalidate its refresh tokens"
            : $"change its authentication methods (`{action}`)";
        return new(ResetTable, verb, PasswordResetTiers.ResetsAnyone, PasswordResetTiers.ResettableRoles);
    }
}
