using Ward.Gcp.Edges;
using Ward.Gcp.Iam;

namespace Ward.Analysis.Rules.OverPermissive;

/// <summary>
/// <c>gcp-default-service-account-editor</c>: a default service account, Compute Engine's
/// (<c>PROJECT_NUMBER-compute@developer.gserviceaccount.com</c>) or App Engine's (<c>PROJECT_ID@appspot.gserviceaccount.com</c>),
/// holds a basic role on an organization, folder or project. High for Editor on a project (Google's automatic grant
/// on the account's own project is the common case), critical for Owner or for a folder or organization; one level
/// lower under a condition. Every basic-role binding of a default service account is reported here, not by
/// <c>gcp-basic-role</c>.
/// </summary>
public sealed class GcpDefaultServiceAccountEditorRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "gcp-default-service-account-editor",
        "Default service account with Editor or Owner",
        "over-permissive",
        Severity.High,
        "The Compute Engine and App Engine default service accounts get Editor on their project when the API is enabled, unless the organization policy `iam.automaticIamGrantsForDefaultServiceAccounts` stops it. Every VM, function, App Engine app or Cloud Run service created without naming another account runs as them, and every principal that may act as them (Service Account User, Token Creator) holds Editor as well.",
        "Remove Editor (and Owner) from the default service accounts; give each workload a user-managed service account with only the roles it needs, and grant Service Account User on that account alone. Enforce the organization policy constraint `iam.automaticIamGrantsForDefaultServiceAccounts` on the organization so new projects do not get the grant.",
        ["gcp"],
        ["https://cloud.google.com/iam/docs/service-account-types#default", "https://cloud.google.com/resource-manager/docs/organization-policy/restricting-service-accounts#disable_service_account_default_grants", "https://cloud.google.com/iam/docs/best-practices-service-accounts"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (context.Gcp is not { } gcp)
        {
            yield break;
        }

        foreach (var (policy, kind, binding) in gcp.LiveBasicRoleBindings())
        {
            var accounts = binding.Members.Where(m => m is { IsDeleted: false, Kind: MemberKind.ServiceAccount } && GcpPrincipals.DefaultServiceAccount(m.Id) is not null
                && gcp.Estate.FindServiceAccount(m.Id) is not { Disabled: true });
            foreach (var member in accounts.DistinctBy(m => GcpPrincipals.IdOf(m), StringComparer.Ordinal))
            {
                var (name, project) = GcpPrincipals.DefaultServiceAccount(member.Id)!.Value;
                var home = gcp.Edges.FindProject(project);
                var homeLabel = home is null ? project : OwnerEquivalence.Label(home);
                var container = gcp.Label(ResourceNames.Relative(policy.Resource));
                var where = home is null ? $"its project `{homeLabel}` is not in the export"
                    : home.Name == policy.Resource ? "its own project: the grant Google makes when the API is enabled"
                    : home.Ancestors.Contains(ResourceNames.Relative(policy.Resource), StringComparer.Ordinal) ? $"above its project `{homeLabel}`, which inherits it"
                    : $"neither its project `{homeLabel}` nor above it";
                var severity = binding.Role == GcpRoles.Owner || kind != HierarchyNodeKind.Project ? Severity.Critical : Severity.High;
                var condition = GcpRoles.ConditionPhrase(binding);
                var principal = GcpPrincipals.IdOf(member)!;
                yield return new Finding
                {
                    RuleId = Metadata.Id,
                    Category = Metadata.Category,
                    Severity = GcpRoles.ForBinding(binding, severity),
                    Provider = "gcp",
                    Account = container,
                    Principal = principal,
                    Title = $"`{member.Id}`, {name} of `{homeLabel}`, holds `{binding.Role}` on `{container}`",
                    Explanation = $"`{member.Id}` is {name} of `{homeLabel}`. The allow policy of `{container}` binds `{binding.Role}` to it{condition} ({where}). "
                        + $"Whatever runs as the account (VMs, functions, apps created without naming another one) and every principal that may act as it holds `{binding.Role}` on `{container}` and everything under it. "
                        + "Editor on a project is high; Owner, or a basic role on a folder or organization, critical.",
                    Remediation = Metadata.Remediation,
                    References = Metadata.References,
                    Fingerprint = GcpBindingFingerprint.Of(binding.Condition, Metadata.Id, policy.Resource, binding.Role, principal),
                };
            }
        }
    }
}
