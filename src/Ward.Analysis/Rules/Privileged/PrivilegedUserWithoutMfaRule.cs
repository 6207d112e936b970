using Ward.Microsoft.Entra.Directory;

namespace Ward.Analysis.Rules.Privileged;

/// <summary>
/// <c>entra-privileged-user-without-mfa</c>: a privileged user (<see cref="PrivilegedUsers"/>) whose entry in the
/// authentication methods registration report says no MFA method is registered (<c>isMfaRegistered</c> false), or
/// none the authentication methods policy allows (<c>isMfaRegistered</c> true, <c>isMfaCapable</c> false).
/// </summary>
public sealed class PrivilegedUserWithoutMfaRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "entra-privileged-user-without-mfa",
        "Privileged user without a registered MFA method",
        "privileged-access",
        Severity.High,
        "A user who holds a privileged Entra ID role (one Microsoft labels PRIVILEGED, assigned directory-wide, active or PIM-eligible) or Owner or User Access Administrator of an Azure subscription, management group or the root has no multifactor authentication method registered, or none the authentication methods policy allows, according to the authentication methods registration report. A password alone then stands between an attacker and the role: phishing, spraying or a reused password is enough. Where a policy requires MFA, whoever signs in first with the password registers their own method. Critical for a Global Administrator, high otherwise.",
        "Have the user register a phishing-resistant method (a FIDO2 security key, Windows Hello for Business, a passkey in Microsoft Authenticator) now, or remove the role until they do; issue a Temporary Access Pass for the registration rather than letting a first sign-in with the password register a method. Emergency access (break-glass) accounts need a strong method too: Microsoft requires MFA for the admin portals, so register FIDO2 keys or certificate-based authentication for them and keep the keys safe.",
        ["entra"],
        ["https://learn.microsoft.com/en-us/entra/identity/authentication/howto-authentication-methods-activity", "https://learn.microsoft.com/en-us/graph/api/resources/userregistrationdetails", "https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/security-emergency-access", "https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/privileged-roles-permissions"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (context.Microsoft is not { } microsoft || !microsoft.Directory.UserRegistrationDetailsExported)
        {
            yield break;
        }

        var registrations = Registrations(microsoft);
        foreach (var user in microsoft.PrivilegedUsers)
        {
            if (!registrations.TryGetValue(user.User.Id, out var registration) || !(registration.IsMfaRegistered == false || NotCapable(registration)))
            {
                continue;
            }

            var methods = registration.MethodsRegistered.IsEmpty ? "none" : string.Join(", ", registration.MethodsRegistered.Select(m => $"`{m}`"));
            var updated = registration.LastUpdated is { } at ? $" (entry updated {Elapsed.Ago(at, microsoft.ReferenceTime)})" : string.Empty;
            yield return new Finding
            {
                RuleId = Metadata.Id,
                Category = Metadata.Category,
                Severity = user.IsGlobalAdministrator ? Severity.Critical : Severity.High,
                Provider = "entra",
                Account = microsoft.TenantId,
                Principal = user.User.Id,
                PrincipalName = user.Name == user.User.Id ? null : user.Name,
                Title = NotCapable(registration)
                    ? $"Privileged user `{user.Name}` has no MFA method the authentication methods policy allows"
                    : $"Privileged user `{user.Name}` has no MFA method registered",
                Explanation = $"`{user.Name}` holds {string.Join("; ", user.Holdings)}. "
                    + (NotCapable(registration)
                        ? $"The authentication methods registration report says `isMfaRegistered` is true but `isMfaCapable` is false{updated}; methods registered: {methods}. "
                            + "The methods registered include none the authentication methods policy allows for MFA (a method it disabled, or one not allowed to this user), so they cannot complete MFA: wherever MFA is required they cannot sign in, and whoever first signs in with the password may register their own method."
                        : $"The authentication methods registration report says `isMfaRegistered` is false{updated}; methods registered: {methods}. "
                            + "Their sign-ins rest on the password alone until a method is registered, and whoever first signs in with the password where MFA is required registers their own."),
                Remediation = Metadata.Remediation,
                References = Metadata.References,
                Fingerprint = Finding.FingerprintOf(Metadata.Id, user.User.Id),
            };
        }
    }

    public IEnumerable<SkippedAnalysis> Skipped(AnalysisContext context)
    {
        if (context.Microsoft is not { } microsoft)
        {
            yield break;
        }

        var privileged = microsoft.PrivilegedUsers;
        if (privileged.IsEmpty)
        {
            yield break;
        }

        if (!microsoft.Directory.UserRegistrationDetailsExported)
        {
            yield return new SkippedAnalysis(
                Metadata.Id,
                $"the authentication methods registration report (`GET /reports/authenticationMethods/userRegistrationDetails`, AuditLog.Read.All and Entra ID P1 or P2) was not exported, so whether the {Users(privileged.Length)} registered an MFA method is unknown");
            yield break;
        }

        var registrations = Registrations(microsoft);
        var unknown = privileged.Where(u => !registrations.TryGetValue(u.User.Id, out var r) || r.IsMfaRegistered is null).ToList();
        if (unknown.Count > 0)
        {
            yield return new SkippedAnalysis(
                $"{Metadata.Id} for {Users(unknown.Count)}",
                $"the registration report has no `isMfaRegistered` for {string.Join(", ", unknown.Take(5).Select(u => $"`{u.Name}`"))}{(unknown.Count > 5 ? $" and {unknown.Count - 5} more" : string.Empty)}");
        }
    }

    /// <summary>A method is registered, but none the authentication methods policy allows for MFA (<c>isMfaCapable</c> requires one).</summary>
    private static bool NotCapable(UserRegistrationDetails registration) => registration is { IsMfaRegistered: true, IsMfaCapable: false };

    private static Dictionary<string, UserRegistrationDetails> Registrations(MicrosoftAnalysisContext microsoft) =>
        microsoft.Directory.UserRegistrationDetails.ToDictionary(r => r.Id, StringComparer.OrdinalIgnoreCase);

    private static string Users(int count) => count == 1 ? "1 privileged user" : $"{count} privileged users";
}
