using Ward.Gcp.Edges;
using Ward.Gcp.Iam;

namespace Ward.Analysis.Rules.Trust;

/// <summary>
/// <c>gcp-external-domain-member</c>: an allow policy grants a role to a user, group or domain outside the
/// organization's domains, or to a service account of a project outside the exported organization. The organization's
/// domains: each exported organization's display name (Google names an organization after its primary domain), the
/// domains of exported Google groups (Cloud Identity only lets a customer's groups use its own domains), and
/// <c>--gcp-domain</c> (secondary domains and aliases, which no Google Cloud export lists). A subdomain of one of them
/// counts as the organization's. One finding per principal, listing what it holds; high when a role hands control
/// (basic roles, setIamPolicy, acting as a service account) or the principal is owner-equivalent, medium otherwise.
/// A service account of a project id that matches no exported project, while some exported projects are known by
/// number only, may be one of theirs: it is not reported, and the scan says so.
/// Google's service agents, public members (<c>gcp-public-binding</c>) and bindings whose condition has expired
/// (<c>gcp-expired-conditional-binding</c>) are left out.
/// </summary>
public sealed class GcpExternalDomainMemberRule : IRule
{
    private static readonly string[] ConsumerDomains = ["gmail.com", "googlemail.com"];

    public RuleMetadata Metadata { get; } = new(
        "gcp-external-domain-member",
        "Principal from outside the organization",
        "trust",
        Severity.Medium,
        "An allow policy grants a role to a user, group or domain that is not in the organization's domains (a personal Gmail account, a partner's or vendor's domain), or to a service account of a project outside the organization. Whoever runs that domain or project decides who uses the access, beyond the organization's offboarding, MFA and sign-in policies.",
        "Remove the binding, or give the person an identity the organization manages (a Cloud Identity account, or workforce identity federation for a partner's users) and grant that instead. Enforce the organization policy constraint `iam.allowedPolicyMemberDomains` (domain restricted sharing) with the organization's customer ids. Name the organization's other domains with `--gcp-domain` so they are not reported.",
        ["gcp"],
        ["https://cloud.google.com/resource-manager/docs/organization-policy/restricting-domains", "https://cloud.google.com/iam/docs/principal-identifiers"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (context.Gcp is not { } gcp || Domains(context) is not { Count: > 0 } domains)
        {
            yield break;
        }

        var held = new SortedDictionary<string, List<(IamPolicy Policy, Binding Binding, string Outside)>>(StringComparer.Ordinal);
        foreach (var policy in gcp.Estate.Policies.OrderBy(p => p.Resource, StringComparer.Ordinal))
        {
            foreach (var binding in policy.Bindings.Where(b => gcp.Estate.FindRole(b.Role) is not { GrantsPermissions: false } && gcp.ExpiredCondition(b) is null))
            {
                foreach (var member in binding.Members.Where(m => !m.IsDeleted))
                {
                    if (Outside(gcp, member, domains) is { } outside && GcpPrincipals.IdOf(member) is { } id)
                    {
                        (held.TryGetValue(id, out var list) ? list : held[id] = []).Add((policy, binding, outside));
                    }
                }
            }
        }

        var known = string.Join(", ", domains.Select(d => $"`{d.Key}` ({d.Value})"));
        foreach (var (principal, grants) in held)
        {
            var roles = grants.Select(g => $"`{g.Binding.Role}` on `{gcp.ResourceLabel(g.Policy.Resource)}`{(g.Binding.Condition is { } c ? $" under `{c.Expression}`" : string.Empty)}").Distinct(StringComparer.Ordinal).ToList();
            var control = grants.Select(g => g.Binding.Role).Distinct(StringComparer.Ordinal)
                .Where(r => GcpRoles.IsBasic(r) || GcpRoles.ControlOf(gcp.Estate.FindRole(r)) is { Count: > 0 }).ToList();
            var owner = gcp.Graph.Node(principal)?.AdminReason;
            var accounts = grants.Select(g => gcp.AccountOf(g.Policy)).Distinct(StringComparer.Ordinal).ToList();
            var why = owner is not null ? $" It {owner}."
                : control.Count > 0 ? $" {string.Join(", ", control.Select(r => $"`{r}`"))} can change access or act as a service account."
                : string.Empty;
            yield return new Finding
            {
                RuleId = Metadata.Id,
                Category = Metadata.Category,
                Severity = owner is not null || control.Count > 0 ? Severity.High : Severity.Medium,
                Provider = "gcp",
                Account = accounts.Count == 1 ? accounts[0] : grants[0].Policy.Ancestors.LastOrDefault() is { } top ? gcp.Label(top) : null,
                Principal = principal,
                Title = roles.Count == 1 ? $"`{principal}`, from outside the organization, holds {roles[0]}" : $"`{principal}`, from outside the organization, holds {roles.Count} roles",
                Explanation = $"{grants[0].Outside}; the organization's domains are {known}. `{principal}` holds {string.Join("; ", roles.Take(5))}{(roles.Count > 5 ? $" and {roles.Count - 5} more" : string.Empty)}.{why}",
                Remediation = Metadata.Remediation,
                References = Metadata.References,
                Fingerprint = Finding.FingerprintOf(Metadata.Id, principal),
            };
        }
    }

    public IEnumerable<SkippedAnalysis> Skipped(AnalysisContext context)
    {
        if (context.Gcp is not { } gcp)
        {
            yield break;
        }

        if (Domains(context).Count == 0)
        {
            yield return new SkippedAnalysis(
                Metadata.Id,
                "no domain of the Google Cloud organization is known (no organization resource or Google group was exported, and --gcp-domain was not given): members from outside it cannot be told apart");
            yield break;
        }

        var undecided = gcp.Estate.Policies
            .SelectMany(p => p.Bindings.Where(b => gcp.Estate.FindRole(b.Role) is not { GrantsPermissions: false } && gcp.ExpiredCondition(b) is null))
            .SelectMany(b => b.Members)
            .Where(m => m is { IsDeleted: false, Kind: MemberKind.ServiceAccount } && !GcpPrincipals.IsGoogleServiceAgent(m.Id) && gcp.Estate.FindServiceAccount(m.Id) is null
                && GcpPrincipals.ProjectOfEmail(m.Id) is { } project && gcp.Edges.FindProject("projects/" + project) is null && PerhapsExported(gcp, project))
            .Select(m => m.Id.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (undecided.Count > 0)
        {
            var unnamed = gcp.Estate.Nodes.Count(n => n is { Kind: HierarchyNodeKind.Project, ProjectId: null });
            yield return new SkippedAnalysis(
                $"{Metadata.Id} for {(undecided.Count == 1 ? "1 service account" : $"{undecided.Count} service accounts")} of projects named by id",
                $"{string.Join(", ", undecided.Take(5).Select(e => $"`{e}`"))}{(undecided.Count > 5 ? " and others" : string.Empty)} belong to project ids that match no exported project, while {unnamed} exported project{(unnamed == 1 ? " is" : "s are")} known by number only (no resource export describes {(unnamed == 1 ? "it" : "them")}): whether those accounts are the organization's is unknown, so they are not reported; add the resource export (`gcloud asset list --content-type=resource`)");
        }
    }

    /// <summary>
    /// Whether a project named by id may be one of the exported projects known by number only (no resource export
    /// describes them, so their ids are unknown): then Ward cannot tell whether its accounts are the organization's.
    /// </summary>
    private static bool PerhapsExported(GcpAnalysisContext gcp, string project) =>
        !project.All(char.IsAsciiDigit) && gcp.Estate.Nodes.Any(n => n is { Kind: HierarchyNodeKind.Project, ProjectId: null });

    /// <summary>The organization's domains, lower case, each with where it comes from.</summary>
    private static SortedDictionary<string, string> Domains(AnalysisContext context)
    {
        var domains = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (context.Gcp is not { } gcp)
        {
            return domains;
        }

        foreach (var organization in gcp.Estate.Nodes.Where(n => n.Kind == HierarchyNodeKind.Organization && IsDomain(n.DisplayName)))
        {
            domains.TryAdd(organization.DisplayName.ToLowerInvariant(), $"`{organization.RelativeName}`");
        }

        foreach (var group in gcp.Estate.Groups)
        {
            if (DomainOf(group.Email) is { } domain)
            {
                domains.TryAdd(domain, "exported Google groups");
            }
        }

        foreach (var domain in context.Settings.GcpDomains)
        {
            domains.TryAdd(domain, "--gcp-domain");
        }

        return domains;
    }

    /// <summary>Why a member is outside the organization, or null when it is not (or Ward cannot tell).</summary>
    private static string? Outside(GcpAnalysisContext gcp, Member member, SortedDictionary<string, string> domains)
    {
        switch (member.Kind)
        {
            case MemberKind.User or MemberKind.Group or MemberKind.Domain:
                var domain = member.Kind == MemberKind.Domain ? member.Id.ToLowerInvariant() : DomainOf(member.Id);
                if (domain is null || domains.Keys.Any(d => domain == d || domain.EndsWith("." + d, StringComparison.Ordinal)))
                {
                    return null;
                }

                return ConsumerDomains.Contains(domain, StringComparer.Ordinal)
                    ? $"`{member.Id}` is a personal Google account (`{domain}`), which the organization does not manage"
                    : $"`{domain}` is not a domain of the organization";
            case MemberKind.ServiceAccount:
                // Service agents act for Google; a service account of an exported project, or exported itself, is the organization's.
                if (GcpPrincipals.IsGoogleServiceAgent(member.Id) || gcp.Estate.FindServiceAccount(member.Id) is not null
                    || !gcp.Estate.Nodes.Any(n => n.Kind == HierarchyNodeKind.Organization)
                    || GcpPrincipals.ProjectOfEmail(member.Id) is not { } project || gcp.Edges.FindProject("projects/" + project) is not null
                    || PerhapsExported(gcp, project))
                {
                    return null;
                }

                return $"`{member.Id}` is a service account of project `{project}`, which is not in the exported organization";
            default:
                return null;
        }
    }

    private static string? DomainOf(string email)
    {
        var at = email.LastIndexOf('@');
        return at > 0 && at < email.Length - 1 ? email[(at + 1)..].ToLowerInvariant() : null;
    }

    private static bool IsDomain(string text) => text.Contains('.', StringComparison.Ordinal) && !text.Any(char.IsWhiteSpace);
}
