using System.Collections.Immutable;
using Ward.Analysis.Rules;
using Ward.Core.Graph;
using Ward.Gcp.Edges;
using Ward.Gcp.Iam;
using Ward.Gcp.Policy.Conditions;

namespace Ward.Analysis;

/// <summary>
/// What the Google Cloud rules read: the estate, the scan's reference time, and (built on first use, once for every
/// rule) the edge checkers' shared context and the escalation graph. Rules run in parallel: what is built on first
/// use is built once, under its own lock.
/// </summary>
public sealed class GcpAnalysisContext(GcpEstate estate, DateTimeOffset referenceTime)
{
    private readonly Lock _edgesGate = new();
    private readonly Lock _graphGate = new();
    private readonly Lock _impersonationsGate = new();

    public GcpEstate Estate { get; } = estate;

    public DateTimeOffset ReferenceTime { get; } = referenceTime;

    /// <summary>The evaluator and lookups the edge checkers share.</summary>
    public GcpEdgeContext Edges
    {
        get
        {
            lock (_edgesGate)
            {
                return field ??= new GcpEdgeContext(Estate, ReferenceTime);
            }
        }
    }

    /// <summary>The escalation graph, with the owner-equivalent principals of every container.</summary>
    public GcpGraph Graph
    {
        get
        {
            lock (_graphGate)
            {
                return field ??= GcpGraphBuilder.Build(Edges);
            }
        }
    }

    /// <summary>
    /// Every edge by which a service account acts as another service account with permissions on the account alone
    /// (<see cref="GcpEdgeCheckers.Impersonation"/>), towards every service account: the graph keeps only the edges on a
    /// path to an owner-equivalent principal. The same checkers as the graph's, over the same evaluator and its
    /// answers already worked out. Edges from other principals are not asked for: an organization has millions.
    /// </summary>
    public ImmutableArray<Edge> Impersonations
    {
        get
        {
            lock (_impersonationsGate)
            {
                if (field.IsDefault)
                {
                    // Each checker on a worker of its own, as the graph's: one account's questions do not wait on another's.
                    var checkers = GcpEdgeCheckers.Impersonation;
                    var found = new List<Edge>[checkers.Count];
                    Parallel.For(0, checkers.Count, i => found[i] = [.. checkers[i].CheckFromServiceAccounts(Edges)]);
                    field = [.. found.SelectMany(f => f).DistinctBy(e => (e.From, e.To, e.Technique))];
                }

                return field;
            }
        }
    }

    /// <summary>
    /// What several rules read and is long to build, for the scanner to start before the rules (see
    /// <see cref="Scanner"/>).
    /// </summary>
    internal IEnumerable<(string Work, Action Build)> SharedWork => [("Google Cloud graph", () => _ = Graph), ("Google Cloud impersonations", () => _ = Impersonations)];

    /// <summary>
    /// The bindings of a basic role (Owner, Editor) in the allow policies of organizations, folders and projects, whose
    /// condition has not expired, with the kind of container; in resource order.
    /// </summary>
    public IEnumerable<(IamPolicy Policy, HierarchyNodeKind Kind, Binding Binding)> LiveBasicRoleBindings()
    {
        foreach (var policy in Estate.Policies.OrderBy(p => p.Resource, StringComparer.Ordinal))
        {
            if (ResourceNames.ContainerKind(policy.Resource) is not { } kind)
            {
                continue;
            }

            foreach (var binding in policy.Bindings.Where(b => GcpRoles.IsBasic(b.Role) && ExpiredCondition(b) is null))
            {
                yield return (policy, kind, binding);
            }
        }
    }

    /// <summary>The expiry of a binding's condition when it has passed at the reference time (the binding never grants again); null for a binding without a condition, or one that may still hold.</summary>
    public ConditionExpiry? ExpiredCondition(Binding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        return binding.Condition is { } condition && IamCondition.Parse(condition.Expression).Expiry is { } expiry && expiry.HasPassed(ReferenceTime) ? expiry : null;
    }

    /// <summary>The <c>account</c> of a finding about a resource: the project it lies in, else the closest container above it (as its policy's ancestry names them).</summary>
    public string? AccountOf(IamPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var container = policy.Ancestors.FirstOrDefault(a => ResourceNames.ContainerKind(a) == HierarchyNodeKind.Project) ?? policy.Ancestors.FirstOrDefault();
        if (container is null)
        {
            return ResourceNames.ContainerKind(policy.Resource) is null ? null : Label(ResourceNames.Relative(policy.Resource));
        }

        return Label(container);
    }

    /// <summary>
    /// A resource as findings name it: a container as <see cref="Label"/> does, a service account by its email
    /// (asset exports name it by unique id), anything else by its full name.
    /// </summary>
    public string ResourceLabel(string fullName)
    {
        ArgumentNullException.ThrowIfNull(fullName);
        if (ResourceNames.ContainerKind(fullName) is not null)
        {
            return Label(ResourceNames.Relative(fullName));
        }

        var segments = fullName.Split('/');
        return fullName.StartsWith("//iam.googleapis.com/projects/", StringComparison.Ordinal) && segments is [.., "serviceAccounts", var account]
            && Estate.FindServiceAccount(account) is { } found
            ? string.Join('/', segments[..^1]) + "/" + found.Email
            : fullName;
    }

    /// <summary>A container as findings name it: <c>projects/ID</c> for a project the hierarchy knows, else its relative name.</summary>
    public string Label(string relativeName) => Estate.FindNode(relativeName) is { } node ? OwnerEquivalence.Label(node) : relativeName;
}
