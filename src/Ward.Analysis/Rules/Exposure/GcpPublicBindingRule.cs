using Ward.Gcp.Iam;
using Ward.Gcp.Policy.Conditions;
using Ward.Gcp.Policy.Evaluation;
using Ward.Gcp.Policy.OrgPolicies;

namespace Ward.Analysis.Rules.Exposure;

/// <summary>
/// <c>gcp-public-binding</c>: an allow policy binds a role to <c>allUsers</c> or <c>allAuthenticatedUsers</c>, on a
/// container or any other resource. Severity by what the role can do: critical when it can change access or act as
/// a service account, high when it can change anything (or Ward cannot tell), medium when it only reads or invokes
/// what the owner exposes. As for the other exposure rules, the finding's principal is the exposed resource (its full name).
/// A Cloud Storage resource whose bucket enforces public access prevention (its <c>iamConfiguration</c>, when the
/// bucket is exported) or whose project does (the organization policy constraint <c>storage.publicAccessPrevention</c>,
/// on the project or above it) keeps the public out: reported at info, as blocked.
/// </summary>
public sealed class GcpPublicBindingRule : IRule
{
    private static readonly string[] ReadVerbs = ["get", "list", "search", "read", "lookup", "view", "watch", "testIamPermissions"];

    /// <summary>
    /// Reads whose verb says otherwise: BigQuery Data Viewer's copies of a table or model out of the dataset (an
    /// export to the caller's bucket, a snapshot or replica in the caller's dataset); the writes land where the caller
    /// holds its own permissions, the dataset only gives the data.
    /// </summary>
    private static readonly string[] ReadPermissions =
    [
        "bigquery.models.export", "bigquery.tables.createSnapshot", "bigquery.tables.export", "bigquery.tables.replicateData",
    ];

    /// <summary>
    /// Calls of what the owner deployed, as the owner configured it (the invoker roles): a request to a Cloud Run
    /// service or a function, an execution of a Cloud Run job. They change nothing of the resource itself.
    /// </summary>
    private static readonly string[] InvokePermissions = ["cloudfunctions.functions.invoke", "run.jobs.run", "run.routes.invoke"];

    /// <summary>Enforced, Cloud Storage refuses access to <c>allUsers</c> and <c>allAuthenticatedUsers</c> on the project's buckets and objects, whatever their policies say.</summary>
    private const string PublicAccessPrevention = "storage.publicAccessPrevention";

    private const string StorageResources = "//storage.googleapis.com/";

    public RuleMetadata Metadata { get; } = new(
        "gcp-public-binding",
        "Role granted to the public",
        "exposure",
        Severity.High,
        "An allow policy grants a role to `allUsers` (anyone on the internet, signed in or not) or `allAuthenticatedUsers` (anyone with a Google account or a service account, in any organization). Every resource under the policy is open to them for what the role allows.",
        "Remove `allUsers` and `allAuthenticatedUsers` from the binding and grant the role to the principals that need it. Enforce the organization policy constraint `iam.allowedPolicyMemberDomains` (domain restricted sharing) so public members cannot be added again; for a website bucket, serve it through a load balancer or keep only object read.",
        ["gcp"],
        ["https://cloud.google.com/iam/docs/principal-identifiers", "https://cloud.google.com/resource-manager/docs/organization-policy/restricting-domains"]);

    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        if (context.Gcp is not { } gcp)
        {
            yield break;
        }

        foreach (var policy in gcp.Estate.Policies.OrderBy(p => p.Resource, StringComparer.Ordinal))
        {
            var prevention = PreventionOf(gcp, policy);
            var bucket = gcp.Estate.FindBucketOf(policy.Resource);
            foreach (var binding in policy.Bindings)
            {
                var role = gcp.Estate.FindRole(binding.Role);
                if (role is { GrantsPermissions: false })
                {
                    continue;
                }

                foreach (var member in binding.Members.Where(m => !m.IsDeleted && m.Kind is MemberKind.AllUsers or MemberKind.AllAuthenticatedUsers).DistinctBy(m => m.Kind))
                {
                    if (When(gcp, policy, binding, role) is not var (when, where))
                    {
                        continue;
                    }

                    var (severity, why) = Weigh(role, binding.Role);
                    var resource = gcp.ResourceLabel(policy.Resource);
                    var who = member.Kind == MemberKind.AllUsers ? "anyone on the internet, signed in or not" : "anyone with a Google account or a service account, in any organization";
                    var title = $"`{member.Text}` holds `{binding.Role}` on `{resource}`";
                    var explanation = $"The allow policy of `{resource}` binds `{binding.Role}` to `{member.Text}`{when}: {who} has it {where}. {why}";
                    if (bucket is { EnforcesPublicAccessPrevention: true })
                    {
                        severity = Severity.Info;
                        title += ", blocked by public access prevention";
                        explanation = $"The allow policy of `{resource}` binds `{binding.Role}` to `{member.Text}`{when}, but the bucket `{bucket.Name}` enforces public access prevention (its `iamConfiguration.publicAccessPrevention` is `{bucket.PublicAccessPrevention}`): Cloud Storage refuses access to `allUsers` and `allAuthenticatedUsers` there, so the binding grants nothing while the setting stays. Were it lifted, {who} would have it {where}. {why}";
                    }
                    else if (prevention is { State: ConstraintState.Enforced })
                    {
                        severity = Severity.Info;
                        title += ", blocked by public access prevention";
                        explanation = $"The allow policy of `{resource}` binds `{binding.Role}` to `{member.Text}`{when}, but public access prevention is enforced on it ({prevention.Describe()}): Cloud Storage refuses access to `allUsers` and `allAuthenticatedUsers` there, so the binding grants nothing while the constraint stays enforced. Were it lifted, {who} would have it {where}. {why}";
                    }
                    else if (prevention is { State: ConstraintState.EnforcedUnderCondition, Unless: { } unless })
                    {
                        explanation += $" Public access prevention keeps the public out unless its organization policy's condition says otherwise; the binding grants only if {unless}.";
                    }

                    yield return new Finding
                    {
                        RuleId = Metadata.Id,
                        Category = Metadata.Category,
                        Severity = severity,
                        Provider = "gcp",
                        Account = gcp.AccountOf(policy),
                        Principal = resource,
                        Title = title,
                        Explanation = explanation,
                        Remediation = Metadata.Remediation,
                        References = Metadata.References,
                        Fingerprint = GcpBindingFingerprint.Of(binding.Condition, Metadata.Id, policy.Resource, binding.Role, member.Text),
                    };
                }
            }
        }
    }

    /// <summary>
    /// Whether public access prevention applies to a Cloud Storage resource's policy: <c>storage.publicAccessPrevention</c>
    /// as the organization policies of the resource's project and those above it decide it (the closest policy that
    /// sets it, a reset, a rule's condition over the project's tags); null for other resources, for a resource whose
    /// project is not in the exported hierarchy, and where it is not enforced. A bucket's own setting
    /// (<c>iamConfiguration.publicAccessPrevention</c>) is read apart: <c>enforced</c> there wins over the constraint.
    /// </summary>
    private static ConstraintEnforcement? PreventionOf(GcpAnalysisContext gcp, IamPolicy policy)
    {
        if (!policy.Resource.StartsWith(StorageResources, StringComparison.Ordinal)
            || policy.Ancestors.Select(gcp.Edges.FindProject).FirstOrDefault(p => p is not null) is not { } project)
        {
            return null;
        }

        return gcp.Edges.Enforcement(project, PublicAccessPrevention) is { State: not ConstraintState.NotEnforced } enforced ? enforced : null;
    }

    /// <summary>How much the role hands out, and why.</summary>
    private static (Severity Severity, string Why) Weigh(Role? role, string name)
    {
        if (role is null || GcpRoles.ControlOf(role) is not { } control)
        {
            // A basic role the export does not describe is known by name: Owner and Editor act as service accounts, Viewer reads.
            if (BasicRoles.IsBasic(name))
            {
                var byName = GcpRoles.ControlByName(name);
                return byName.Count > 0
                    ? (Severity.Critical, $"The role can change access or act as a service account ({GcpRoles.Sample(byName)}; the roles export does not list its permissions, but `{name}` is a basic role Ward knows by name).")
                    : (Severity.Medium, $"The role only reads (the roles export does not list its permissions, but Google documents the basic role `{name}` as read-only), but whatever it reads is public.");
            }

            return (Severity.High, $"The roles export does not list what `{name}` includes, so Ward cannot tell whether it only reads.");
        }

        if (control.Count > 0)
        {
            return (Severity.Critical, $"The role can change access or act as a service account ({GcpRoles.Sample(control)}).");
        }

        var writes = role.IncludedPermissions.Where(p => !IsRead(p) && !IsInvoke(p)).Order(StringComparer.Ordinal).ToList();
        var invokes = role.IncludedPermissions.Where(IsInvoke).Order(StringComparer.Ordinal).ToList();
        return (writes.Count, invokes.Count) switch
        {
            ( > 0, _) => (Severity.High, $"The role can change things ({GcpRoles.Sample(writes)})."),
            (_, > 0) => (Severity.Medium, $"Anyone can invoke what the owner exposes there ({GcpRoles.Sample(invokes)}): it runs as the owner deployed it, for any caller and at the owner's cost, but the role changes nothing of the resource itself; the rest of it only reads."),
            _ => (Severity.Medium, "The role only reads, but whatever it reads is public."),
        };
    }

    private static bool IsRead(string permission)
    {
        var verb = permission[(permission.LastIndexOf('.') + 1)..];
        return ReadVerbs.Any(r => verb.StartsWith(r, StringComparison.Ordinal)) || ReadPermissions.Contains(permission, StringComparer.Ordinal);
    }

    private static bool IsInvoke(string permission) => InvokePermissions.Contains(permission, StringComparer.Ordinal);

    /// <summary>
    /// How the binding's condition bounds it: a clause for the explanation (empty without a condition) and where the
    /// public holds the role; null when the condition holds for no resource the policy reaches at the reference time.
    /// </summary>
    /// <remarks>
    /// A condition is checked against the resource a request names, which may be any resource under the policy's (an
    /// object of the bucket, a resource of the project): one that is false for the policy's resource itself may still
    /// hold below it (<c>resource.name.startsWith(".../objects/incoming/")</c> on a bucket,
    /// <c>resource.type == "storage.googleapis.com/Object"</c> on a project). Below, the time and the inherited tags
    /// are known, and what the resources may be (<see cref="Below"/>): such a binding is dropped only when the condition
    /// is false for every one of them.
    /// </remarks>
    private static (string When, string Where)? When(GcpAnalysisContext gcp, IamPolicy policy, Binding binding, Role? role)
    {
        const string Everywhere = "there and on everything under it";
        if (binding.Condition is not { } condition)
        {
            return (string.Empty, Everywhere);
        }

        var resource = ResourceLocator.Locate(gcp.Estate, policy.Resource, out _);
        var parsed = IamCondition.Parse(condition.Expression);
        var tags = resource is null ? null : gcp.Edges.Authorizer.TagsOf(resource);
        var itself = parsed.Evaluate(new ConditionContext
        {
            RequestTime = gcp.ReferenceTime,
            ResourceName = resource?.RelativeName,
            ResourceService = resource?.Service,
            ResourceType = resource?.Type ?? policy.AssetType,
            ResourceTags = tags,
        });
        switch (itself.Truth)
        {
            case ConditionTruth.True:
                return ($" (its condition `{condition.Expression}` holds at the reference time)", Everywhere);
            case ConditionTruth.Undecided:
                return ($" when its condition `{condition.Expression}` holds (undecided: {string.Join("; ", itself.Undecided)})", Everywhere);
        }

        var kinds = Below(gcp, policy, resource, role, tags);
        var below = kinds
            .Select(kind => (kind.Label, Result: parsed.Evaluate(kind.Context)))
            .Where(k => k.Result.Truth != ConditionTruth.False)
            .ToList();
        if (below.Count == 0)
        {
            // Below an organization or folder, each folder and project has its own tags (its effective tags), which the
            // resources in it inherit: the condition may hold on some of them though not with the container's.
            var holds = Descendants(gcp, policy)
                .Select(node => (Node: node, Results: kinds.Select(k => parsed.Evaluate(k.Context with { ResourceTags = gcp.Edges.Authorizer.TagsOf(node.Resource) })).Where(r => r.Truth != ConditionTruth.False).ToList()))
                .Where(n => n.Results.Count > 0)
                .ToList();
            if (holds.Count == 0)
            {
                return null;
            }

            var names = string.Join(", ", holds.Select(h => $"`{gcp.ResourceLabel(h.Node.Name)}`{(h.Results.TrueForAll(r => r.Truth == ConditionTruth.True) ? string.Empty : " (undecided: " + string.Join("; ", h.Results.SelectMany(r => r.Undecided).Distinct(StringComparer.Ordinal)) + ")")}"));
            return ($" under the condition `{condition.Expression}`, which is false for `{gcp.ResourceLabel(policy.Resource)}` itself but holds, with their own tags, for {names} under it", $"on {names} and the resources in {(holds.Count == 1 ? "it" : "them")}");
        }

        var on = below.Select(k => k.Label).OfType<string>().ToList();
        var what = on.Count == below.Count ? $" (on {string.Join(", ", on)})" : string.Empty;
        var undecided = below.SelectMany(k => k.Result.Undecided).Distinct(StringComparer.Ordinal);
        return ($" under the condition `{condition.Expression}`, which is false for `{gcp.ResourceLabel(policy.Resource)}` itself but may hold for resources under it{what} (undecided: {string.Join("; ", undecided)})", "on the resources under it for which the condition holds");
    }

    /// <summary>The exported folders and projects below an organization's or folder's policy, with their resources; none below any other.</summary>
    private static IEnumerable<(string Name, GcpResource Resource)> Descendants(GcpAnalysisContext gcp, IamPolicy policy)
    {
        if (ResourceNames.ContainerKind(policy.Resource) is not (HierarchyNodeKind.Organization or HierarchyNodeKind.Folder))
        {
            return [];
        }

        var container = ResourceNames.Relative(policy.Resource);
        return gcp.Edges.HierarchyTopDown
            .Where(n => n.Kind is HierarchyNodeKind.Folder or HierarchyNodeKind.Project && n.RelativeName != container && n.Ancestors.Contains(container, StringComparer.Ordinal))
            .Select(n => (n.Name, Resource: gcp.Edges.ContainerResource(n)))
            .Where(n => n.Resource is not null)
            .Select(n => (n.Name, n.Resource!));
    }

    /// <summary>
    /// What a resource under the policy's may be, as conditions see it: under a resource other than a container (a
    /// bucket, a dataset, a service account), one of the same service whose name lies under it; under a container,
    /// a folder or project below it, or a resource of a service the role's permissions act on, when Ward knows that
    /// service's name for every permission of the role (<see cref="ServiceHosts"/>). Otherwise anything: one context
    /// that knows only the time and the tags. Each with a label for the explanation (null for anything).
    /// </summary>
    private static List<(string? Label, ConditionContext Context)> Below(GcpAnalysisContext gcp, IamPolicy policy, GcpResource? resource, Role? role, ResourceTags? tags)
    {
        var anything = new ConditionContext
        {
            RequestTime = gcp.ReferenceTime,
            ResourceTypeUnknownBecause = "each resource under the policy's has its own",
            ResourceTags = tags,
        };
        if (resource is null)
        {
            return [(null, anything)];
        }

        var container = ResourceNames.ContainerKind(policy.Resource);
        if (container is null)
        {
            return [($"resources of `{resource.Service}` named under `{resource.RelativeName}/`", anything with { ResourceServicePrefix = resource.Service, ResourceTypePrefix = resource.Service + "/", ResourceNamePrefix = resource.RelativeName + "/" })];
        }

        if (role is not { PermissionsKnown: true })
        {
            return [(null, anything)];
        }

        var hosts = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var permission in role.IncludedPermissions)
        {
            var service = permission[..Math.Max(0, permission.IndexOf('.', StringComparison.Ordinal))];
            if (!ServiceHosts.TryGetValue(service, out var host))
            {
                return [(null, anything)];
            }

            hosts.Add(host);
        }

        var kinds = hosts.Select(h => ((string?)$"resources of `{h}`", anything with { ResourceServicePrefix = h, ResourceTypePrefix = h + "/" })).ToList();
        if (container is not HierarchyNodeKind.Project)
        {
            // A folder or project below an organization or folder, whatever the role's permissions.
            const string ResourceManager = "cloudresourcemanager.googleapis.com";
            kinds.Add(("folders and projects below it", anything with { ResourceServicePrefix = ResourceManager, ResourceTypePrefix = ResourceManager + "/" }));
        }

        return kinds;
    }

    /// <summary>
    /// The <c>resource.service</c> of the resources a permission's service acts on, for the services whose resources
    /// Google documents resource attributes of (a permission of any other service may be checked on anything Ward
    /// cannot tell). A permission on a project is checked on the project, a container Ward places itself.
    /// </summary>
    private static readonly Dictionary<string, string> ServiceHosts = new(StringComparer.Ordinal)
    {
        ["bigquery"] = "bigquery.googleapis.com",
        ["cloudkms"] = "cloudkms.googleapis.com",
        ["compute"] = "compute.googleapis.com",
        ["dataplex"] = "dataplex.googleapis.com",
        ["iam"] = "iam.googleapis.com",
        ["resourcemanager"] = "cloudresourcemanager.googleapis.com",
        ["secretmanager"] = "secretmanager.googleapis.com",
        ["spanner"] = "spanner.googleapis.com",
        ["storage"] = "storage.googleapis.com",
    };
}
