using Ward.Gcp.Iam;

namespace Ward.Analysis.Rules;

/// <summary>What a Google Cloud role hands out, as the rules weigh it: the basic roles by name, control by the permissions the roles export lists.</summary>
internal static class GcpRoles
{
    public const string Owner = "roles/owner";
    public const string Editor = "roles/editor";

    /// <summary>
    /// Permissions that hand control, not data: whoever holds them can grant access or become a service account (besides
    /// any <c>*.setIamPolicy</c>). <c>getOpenIdToken</c> mints an ID token as the account, which Cloud Run, Cloud Run
    /// functions and IAP-protected services take for the account.
    /// </summary>
    private static readonly string[] ControlPermissions =
    [
        "iam.serviceAccounts.getAccessToken", "iam.serviceAccounts.getOpenIdToken", "iam.serviceAccounts.signBlob", "iam.serviceAccounts.signJwt", "iam.serviceAccounts.implicitDelegation",
        "iam.serviceAccounts.actAs", "iam.serviceAccountKeys.create", "iam.roles.update",
    ];

    public static bool IsBasic(string role) => role is Owner or Editor;

    /// <summary>The permissions of a role that change access or act as a service account, sorted; null when the roles export does not say what the role includes.</summary>
    public static List<string>? ControlOf(Role? role) =>
        role is null || !role.PermissionsKnown
            ? null
            : [.. role.IncludedPermissions.Where(p => p.EndsWith(".setIamPolicy", StringComparison.Ordinal) || ControlPermissions.Contains(p, StringComparer.Ordinal)).Order(StringComparer.Ordinal)];

    /// <summary>
    /// For a basic role the roles export does not describe: the permissions that hand control (as <see cref="ControlOf"/>
    /// counts them, and the project's <c>setIamPolicy</c>) that Ward knows it by name to include, sorted.
    /// </summary>
    public static List<string> ControlByName(string role) =>
        [.. ControlPermissions.Append("resourcemanager.projects.setIamPolicy").Append("iam.serviceAccounts.setIamPolicy")
            .Where(p => BasicRoles.Decide(role, p) is { Includes: true }).Order(StringComparer.Ordinal)];

    /// <summary>The first permissions of a list, quoted: <c>`a`, `b`, `c`, …</c>.</summary>
    public static string Sample(IReadOnlyCollection<string> permissions) =>
        string.Join(", ", permissions.Take(3).Select(p => $"`{p}`")) + (permissions.Count > 3 ? ", …" : string.Empty);

    /// <summary>One level less severe, for a grant a condition narrows (never below low).</summary>
    public static Severity Lower(Severity severity) => severity > Severity.Low ? severity - 1 : severity;

    /// <summary>How a basic-role binding's condition is said in a finding (empty without one).</summary>
    public static string ConditionPhrase(Binding binding) =>
        binding.Condition is { } c ? $" under the condition `{c.Expression}` (one level lower: the condition may narrow it)" : string.Empty;

    /// <summary>The severity of a binding's finding: one level lower when a condition may narrow the binding.</summary>
    public static Severity ForBinding(Binding binding, Severity severity) => binding.Condition is null ? severity : Lower(severity);
}
