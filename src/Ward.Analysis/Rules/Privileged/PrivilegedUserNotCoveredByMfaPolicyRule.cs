using System.Globalization;
using Ward.Microsoft.Entra.ConditionalAccess;
using Ward.Microsoft.Entra.Directory;

namespace Ward.Analysis.Rules.Privileged;

/// <summary>
/// <c>entra-privileged-user-not-covered-by-mfa-policy</c>: a privileged user (<see cref="PrivilegedUsers"/>) whom no
/// enforced requirement makes use MFA at every sign-in (<see cref="MfaCoverage"/>): high when nothing does, medium when
/// a policy applies only partially.
/// </summary>
public sealed class PrivilegedUserNotCoveredByMfaPolicyRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "entra-privileged-user-not-covered-by-mfa-policy",
        "Privileged user not covered by an enforced MFA policy",
        "privileged-access",
        Severity.High,
        "No enabled conditional access policy (nor the security defaults) requires multifactor authentication of a user who holds a privileged Entra ID role or Owner or User Access Administrator in Azure, or the policies that do leave some sign-ins out, together. Report-only and disabled policies do not count; an exclusion (by name, group, role or guest kind) wins over an inclusion. A role-targeted policy applies to a PIM-eligible role once it is activated, as Conditional Access evaluates the roles active at sign-in; administrative-unit-scoped roles are never targeted. High when nothing requires MFA of the user, medium when the policies apply only to some applications, client apps, platforms, locations, risk levels or devices (policies that split the sign-ins between them, such as one for browsers and desktop clients and one for the other clients, cover together), or accept another control instead of MFA. An authentication strength counts as MFA only when every combination it allows is multifactor.",
        "Require MFA (better: a phishing-resistant authentication strength) of every privileged user at every sign-in to all resources: a policy for all users, or one targeting the privileged roles, enabled rather than report-only, without conditions that leave sign-ins out. Keep exclusions to two monitored emergency access accounts, and protect those with FIDO2 keys or certificate-based authentication instead.",
        ["entra"],
        ["https://learn.microsoft.com/en-us/entra/identity/conditional-access/howto-conditional-access-policy-admin-mfa", "https://learn.microsoft.com/en-us/entra/identity/conditional-access/concept-conditional-access-users-groups", "https://learn.microsoft.com/en-us/entra/identity/conditional-access/concept-conditional-access-grant", "https://learn.microsoft.com/en-us/entra/identity/authentication/concept-authentication-strengths", "https://learn.microsoft.com/en-us/entra/fundamentals/security-defaults", "https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/security-emergency-access"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (context.Microsoft is not { } microsoft || !CanDecide(microsoft.Directory))
        {
            yield break;
        }

        var directory = microsoft.Directory;
        var coverage = new MfaCoverage(directory, microsoft.ReferenceTime);
        var enforced = directory.ConditionalAccessPolicies.Count(p => p.State == ConditionalAccessPolicyState.Enabled && MfaCoverage.Grant(p) is not null && MfaCoverage.AppliesAtSignIn(p));
        foreach (var user in microsoft.PrivilegedUsers)
        {
            var verdict = coverage.For(user.User.Id);
            if (verdict.Level == MfaCoverageLevel.Full || (user.AzureOnly && CoveredForAzureBySecurityDefaults(verdict)))
            {
                continue;
            }

            var partial = verdict.Level == MfaCoverageLevel.Partial;
            var why = partial
                ? $"MFA is required of them only in part: {string.Join("; ", verdict.Requirements.Select(r => $"{r.Source} ({r.Reason}) has gaps: {string.Join("; ", r.Gaps)}"))}.{Together(verdict.Together)}"
                : enforced == 0
                    ? "No enabled conditional access policy requires MFA" + (directory.ConditionalAccessPolicies.IsEmpty ? " (the tenant has none)" : string.Empty) + "."
                    : enforced == 1
                        ? "The one enabled conditional access policy requiring MFA does not apply to them."
                        : $"None of the {enforced} enabled conditional access policies requiring MFA applies to them.";
            yield return new Finding
            {
                RuleId = Metadata.Id,
                Category = Metadata.Category,
                Severity = partial ? Severity.Medium : Severity.High,
                Provider = "entra",
                Account = microsoft.TenantId,
                Principal = user.User.Id,
                PrincipalName = user.Name == user.User.Id ? null : user.Name,
                Title = partial
                    ? $"Privileged user `{user.Name}` is only partly covered by MFA policies"
                    : $"Privileged user `{user.Name}` is not covered by an enforced MFA policy",
                Explanation = $"`{user.Name}` holds {string.Join("; ", user.Holdings)}. {why}"
                    + (verdict.Misses.IsEmpty ? string.Empty : $" Policies that miss them: {string.Join("; ", verdict.Misses)}.")
                    + SecurityDefaults(directory),
                Remediation = Metadata.Remediation,
                References = Metadata.References,
                Fingerprint = Finding.FingerprintOf(Metadata.Id, user.User.Id),
            };
        }
    }

    public IEnumerable<SkippedAnalysis> Skipped(AnalysisContext context)
    {
        if (context.Microsoft is { } microsoft && !CanDecide(microsoft.Directory) && !microsoft.PrivilegedUsers.IsEmpty)
        {
            yield return new SkippedAnalysis(
                Metadata.Id,
                "neither the conditional access policies (`GET /identity/conditionalAccess/policies`, Policy.Read.All and Entra ID P1) nor the security defaults policy were exported, so whether privileged users must use MFA is unknown");
        }
    }

    /// <summary>Coverage can be decided when the policies were exported (an empty list means none), or when security defaults are known to be on.</summary>
    private static bool CanDecide(EntraDirectory directory) =>
        directory.ConditionalAccessPoliciesExported || directory.SecurityDefaults?.IsEnabled == true;

    /// <summary>Security defaults require MFA of every user signing in to Azure management, which is where an Azure-only privilege is used.</summary>
    private static bool CoveredForAzureBySecurityDefaults(UserMfaCoverage verdict) =>
        verdict.Requirements.Any(r => r.Source == MfaCoverage.SecurityDefaultsSource && r.Gaps.SequenceEqual([MfaCoverage.AzureManagementOnly], StringComparer.Ordinal));

    /// <summary>The sign-ins the policies leave together, when more than one applies or one leaves some out.</summary>
    private static string Together(SignInCover? together) => together switch
    {
        { IsUndecided: true } => $" Whether they cover every sign-in together was not decided: their conditions make more than {SignInSpace.CellLimit.ToString("N0", CultureInfo.InvariantCulture)} combinations to check.",
        { Uncovered: var cells, UncoveredCount: var count } when count > 0 =>
            $" No enabled policy requires MFA of them for sign-ins {string.Join("; ", cells)}{(count > cells.Length ? $" (and {count - cells.Length} more)" : string.Empty)}.",
        _ => string.Empty,
    };

    private static string SecurityDefaults(EntraDirectory directory) => directory.SecurityDefaults?.IsEnabled switch
    {
        false => " Security defaults are disabled.",
        null when directory.SecurityDefaults is not null => " Whether security defaults are enabled is not known.",

        // Security defaults cannot be on while a conditional access policy is enabled; with none enabled, they may be.
        null when !directory.ConditionalAccessPolicies.Any(p => p.State == ConditionalAccessPolicyState.Enabled) =>
            " Whether security defaults are enabled is not known: the export has no security defaults policy (`GET /policies/identitySecurityDefaultsEnforcementPolicy`, Policy.Read.All). If they are on, they require MFA at every sign-in of the administrator roles they name, and of every user for Azure management.",
        _ => string.Empty,
    };
}
