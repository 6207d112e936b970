using Ward.Gcp.Edges;
using Ward.Gcp.Iam;

namespace Ward.Analysis.Rules.OverPermissive;

/// <summary>
/// <c>gcp-basic-role</c>: an organization, folder or project binds a basic role, Owner or Editor, to a user, group,
/// service account, domain or federated identity. Severity by role and by where it is bound; one level lower under a
/// condition. Left to other rules: the public members (<c>gcp-public-binding</c>), the default service accounts
/// (<c>gcp-default-service-account-editor</c>), bindings whose condition has expired
/// (<c>gcp-expired-conditional-binding</c>); Google's service agents, which Google grants Editor itself, are not
/// reported.
/// </summary>
public sealed class GcpBasicRoleRule : IRule
{
    public RuleMetadata Metadata { get; } = new(
        "gcp-basic-role",
        "Basic role Owner or Editor granted",
        "over-permissive",
        Severity.High,
        "Owner and Editor are Google Cloud's basic roles: several thousand permissions across every service, bound on an organization, folder or project and inherited by everything under it. Editor creates, changes and deletes almost any resource; Owner also decides who has access. Google advises against them in production: predefined or custom roles grant what the work needs.",
        "Replace the binding with the predefined roles the principal uses (the IAM role recommender proposes them from its activity), granted on the narrowest resource that serves; keep Owner to a few break-glass administrators, and Editor off folders and organizations altogether.",
        ["gcp"],
        ["https://cloud.google.com/iam/docs/roles-overview#basic", "https://cloud.google.com/iam/docs/using-iam-securely", "https://cloud.google.com/policy-intelligence/docs/role-recommendations-overview"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (context.Gcp is not { } gcp)
        {
            yield break;
        }

        foreach (var (policy, kind, binding) in gcp.LiveBasicRoleBindings())
        {
            foreach (var member in binding.Members.Where(m => IsReported(gcp, m)).DistinctBy(m => GcpPrincipals.IdOf(m), StringComparer.Ordinal))
            {
                var principal = GcpPrincipals.IdOf(member)!;
                var container = gcp.Label(ResourceNames.Relative(policy.Resource));
                var owner = binding.Role == GcpRoles.Owner;
                var severity = (owner, kind) switch
                {
                    (true, HierarchyNodeKind.Project) => Severity.High,
                    (true, _) => Severity.Critical,
                    (false, HierarchyNodeKind.Project) => Severity.Medium,
                    (false, _) => Severity.High,
                };
                var condition = GcpRoles.ConditionPhrase(binding);
                var does = owner
                    ? "Owner can do anything there, including grant any role to anyone: `admin-equivalent` names the holder as owner-equivalent too; this finding is about the basic role"
                    : "Editor can create, change and delete almost every resource of every service there";
                yield return new Finding
                {
                    RuleId = Metadata.Id,
                    Category = Metadata.Category,
                    Severity = GcpRoles.ForBinding(binding, severity),
                    Provider = "gcp",
                    Account = container,
                    Principal = principal,
                    Title = $"`{principal}` holds the basic role `{binding.Role}` on `{container}`",
                    Explanation = $"The allow policy of `{container}` binds `{binding.Role}` to `{member.Text}`{Who(member)}{condition}, on `{container}` and everything under it. {does}. Owner is high on a project and critical on a folder or organization; Editor is one level lower.",
                    Remediation = Metadata.Remediation,
                    References = Metadata.References,
                    Fingerprint = GcpBindingFingerprint.Of(binding.Condition, Metadata.Id, policy.Resource, binding.Role, principal),
                };
            }
        }
    }

    /// <summary>People, groups, domains, federated identities and user-managed service accounts; not public members, deleted or disabled principals, default service accounts or service agents.</summary>
    private static bool IsReported(GcpAnalysisContext gcp, Member member) =>
        !member.IsDeleted && member.Kind switch
        {
            MemberKind.User or MemberKind.Group or MemberKind.Domain or MemberKind.Principal or MemberKind.PrincipalSet => true,
            MemberKind.ServiceAccount => GcpPrincipals.DefaultServiceAccount(member.Id) is null && !GcpPrincipals.IsGoogleServiceAgent(member.Id)
                && gcp.Estate.FindServiceAccount(member.Id) is not { Disabled: true },
            _ => false,
        };

    /// <summary>For a member that stands for many: who.</summary>
    private static string Who(Member member) => member.Kind switch
    {
        MemberKind.Group => " (every member of the group)",
        MemberKind.Domain => " (every user of the domain)",
        MemberKind.PrincipalSet => " (every identity of the set)",
        _ => string.Empty,
    };
}
