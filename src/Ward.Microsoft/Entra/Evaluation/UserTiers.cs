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
/// <param name="Anyone">The roles that act on anyone, for explanations ("Privileged Authentication Administrators and Global Administrators").</param>
/// <param name="UnitScopeRestriction">
/// The item of Microsoft's list of permissions "restricted when the target of an action is a user with another role or an
/// administrator" for roles scoped to an administrative unit that the action is ("Reset user passwords"); null when the
/// list does not name it (refresh token invalidation).
/// </param>
internal sealed record UserTiers(string Table, string Verb, Func<string, bool> ActsOnAnyone, Func<string, FrozenSet<string>?> ActsOnRoles, string Anyone, string? UnitScopeRestriction)
{
    private const string ResetTable = "Who can reset passwords";

    /// <summary>The table that limits the action, null when none does.</summary>
    public static UserTiers? For(string action)
    {
        if (SensitiveActionTiers.SensitiveActionName(action) is { } sensitive)
        {
            var restriction = sensitive.StartsWith("Delete", StringComparison.Ordinal) ? "Delete or restore user accounts" : "Modify sensitive user properties";
            return new("Who can perform sensitive actions", $"perform the sensitive action \"{sensitive}\" (`{action}`) on it", SensitiveActionTiers.ActsOnAnyone, SensitiveActionTiers.ActsOnRoles, "Privileged Authentication Administrators and Global Administrators", restriction);
        }

        if (!PasswordResetTiers.IsTiered(action))
        {
            return null;
        }

        var (verb, unitRestriction) = string.Equals(action, PasswordResetTiers.ResetAction, StringComparison.OrdinalIgnoreCase) ? ("reset its password", "Reset user passwords")
            : string.Equals(action, PasswordResetTiers.InvalidateRefreshTokensAction, StringComparison.OrdinalIgnoreCase) ? ("invalidate its refresh tokens", (string?)null)
            : ($"change its authentication methods (`{action}`)", "Read and modify user authentication methods");
        return new(ResetTable, verb, PasswordResetTiers.ResetsAnyone, PasswordResetTiers.ResettableRoles, "Privileged Authentication Administrators, Global Administrators and Partner Tier2 Support", unitRestriction);
    }
}
