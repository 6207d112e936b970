using System.Collections.Immutable;
using System.Globalization;
using Ward.Core.Graph;
using Ward.Gcp.Iam;
using Ward.Gcp.Policy.Evaluation;

namespace Ward.Gcp.Edges;

/// <summary>
/// The techniques that run one's code as a service account through a Google Cloud service: the principal needs
/// <c>iam.serviceAccounts.actAs</c> on the account and the service's permissions in the account's own project (where
/// Google lets a resource run as it unless cross-project use is allowed, which Ward does not assume). Each way of
/// doing it is a set of project permissions, tried in order; a way that needs a resource Ward cannot see (an existing
/// function to update) makes the edge conditional on it. A way that uses a resource already running as the account
/// (<see cref="ServiceWay.NeedsActAs"/> false) is open to whoever holds its permissions, conditional on that resource.
/// A way through an existing Compute Engine instance (<see cref="ServiceWay.Instance"/>) goes through an exported one
/// where the project's instances were listed, and is conditional on one only where they were not.
/// </summary>
public abstract class ActAsServiceEdgeChecker : IGcpEdgeChecker
{
    protected const string ActAs = "iam.serviceAccounts.actAs";

    public abstract string TechniqueId { get; }

    public bool GrantsAdmin => false;

    /// <summary>The ways, in order of preference.</summary>
    protected abstract ImmutableArray<ServiceWay> Ways { get; }

    /// <summary>What the holder does, for the edge's description, given how the account and the project are named.</summary>
    protected abstract string Does(string account, string project);

    public virtual IEnumerable<Edge> Check(GcpEdgeContext context, IReadOnlySet<string>? targets)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var account in context.ServiceAccounts.Where(a => targets is null || targets.Contains(a)))
        {
            var email = GcpPrincipals.ServiceAccountEmail(account)!;
            if (context.ProjectOfServiceAccount(email) is not { } project || context.ContainerResource(project) is not { } projectResource
                || context.ServiceAccountResource(email) is not { } resource)
            {
                continue;
            }

            var projectName = OwnerEquivalence.Label(project);
            var description = Does(context.Describe(email), projectName);
            var found = new HashSet<string>(StringComparer.Ordinal) { account };

            // The exported instances each way through an existing one may use, once per account (nothing to work out for the other techniques).
            var instances = Ways.Any(w => w.Instance != InstanceUse.None)
                ? Ways.Select(w => w.Instance == InstanceUse.None ? null : ExistingInstances.Choose(context, w.Instance, email, project)).ToList()
                : null;

            // Those who may act as the account (its own policy and those above it), then, for the ways that need no
            // actAs, whoever holds their first permission in the project: the candidates, not every principal.
            foreach (var holder in context.WhoCan(ActAs, resource))
            {
                if (found.Contains(holder.Principal))
                {
                    continue;
                }

                var actAs = new EdgeStep(ActAs, resource.Name, holder.Decision);
                for (var i = 0; i < Ways.Length; i++)
                {
                    var way = Ways[i];
                    if (!way.NeedsActAs)
                    {
                        continue;
                    }

                    // Through an exported instance; where the project's were not all listed, else as before: conditional on one existing.
                    var edge = instances?[i] is not { } through ? InProject(context, holder.Principal, account, email, description, way, projectResource, projectName, actAs)
                        : ThroughInstance(context, holder.Principal, account, description, way, through.Choices, projectResource, projectName, actAs, project)
                            ?? (through.Complete ? null : InProject(context, holder.Principal, account, email, description, way, projectResource, projectName, actAs));
                    if (edge is not null)
                    {
                        found.Add(holder.Principal);
                        yield return edge;
                        break;
                    }
                }
            }

            foreach (var way in Ways.Where(w => !w.NeedsActAs))
            {
                foreach (var holder in context.WhoCan(way.Permissions[0], projectResource))
                {
                    if (found.Contains(holder.Principal))
                    {
                        continue;
                    }

                    var steps = Steps(context, holder.Principal, new EdgeStep(way.Permissions[0], projectName, holder.Decision), way.Permissions, 1, projectResource, projectName);
                    if (Edge(context, holder.Principal, account, email, description, way, projectName, steps) is { } edge)
                    {
                        found.Add(holder.Principal);
                        yield return edge;
                    }
                }
            }
        }
    }

    /// <summary>
    /// The edge through the first instance that gives a certain one, else the first that gives a conditional one; its
    /// permissions decided on the instance (so its own policy and conditions on its name apply), or on the project for
    /// project-wide metadata.
    /// </summary>
    /// <remarks>
    /// A way that turns OS Login off first (<see cref="InstanceChoice.TurnsOsLoginOff"/>) is stopped by
    /// <c>compute.requireOsLogin</c> enforced on the project, unless the principal may lift it (<see cref="OrgPolicyGate"/>).
    /// </remarks>
    private Edge? ThroughInstance(GcpEdgeContext context, string from, string account, string description, ServiceWay way, ImmutableArray<InstanceChoice> choices, GcpResource projectResource, string projectName, EdgeStep actAs, HierarchyNode project)
    {
        Edge? conditional = null;
        foreach (var choice in choices)
        {
            var onInstance = ExistingInstances.DecidedOnInstance(way.Instance);
            var target = onInstance ? context.InstanceResource(choice.Instance) : projectResource;
            if (target is null)
            {
                continue;
            }

            var steps = Steps(context, from, actAs, way.Permissions, 0, target, onInstance ? choice.Instance.RelativeName : projectName);
            var named = $"{description}, through VM instance `{choice.Instance.RelativeName}`{ExistingInstances.Reach(way.Instance, choice.Instance)}{(choice.TurnsOsLoginOff is { } off ? $" (it {off})" : string.Empty)}";
            if (context.EdgeIf(TechniqueId, from, account, named, steps) is not { } edge)
            {
                continue;
            }

            if (choice.TurnsOsLoginOff is not null)
            {
                if (OrgPolicyGate.Apply(context, edge, project, [InstanceChoice.RequireOsLogin]) is not { } gated)
                {
                    continue;
                }

                edge = gated;
            }

            edge = edge with { Requirements = [.. edge.Requirements.Concat(choice.Requirements).Distinct(StringComparer.Ordinal)] };
            if (!edge.IsConditional)
            {
                return edge;
            }

            conditional ??= edge;
        }

        return conditional;
    }

    /// <summary>The way in the account's project, conditional on a resource to use where the way needs one.</summary>
    private Edge? InProject(GcpEdgeContext context, string from, string account, string email, string description, ServiceWay way, GcpResource projectResource, string projectName, EdgeStep actAs) =>
        Edge(context, from, account, email, description, way, projectName, Steps(context, from, actAs, way.Permissions, 0, projectResource, projectName));

    /// <summary>
    /// The first step, then the permissions from <paramref name="start"/> on, each decided only when the edge reads it
    /// (it stops at the first denial); one iterator rather than a chain of queries: every holder of every account asks.
    /// </summary>
    private static IEnumerable<EdgeStep> Steps(GcpEdgeContext context, string principal, EdgeStep first, ImmutableArray<string> permissions, int start, GcpResource on, string onName)
    {
        yield return first;
        for (var i = start; i < permissions.Length; i++)
        {
            yield return new EdgeStep(permissions[i], onName, context.StepDecision(principal, permissions[i], on));
        }
    }

    private Edge? Edge(GcpEdgeContext context, string from, string account, string email, string description, ServiceWay way, string projectName, IEnumerable<EdgeStep> steps) =>
        context.EdgeIf(TechniqueId, from, account, description, steps) is not { } edge ? null
            : way.Needs is null ? edge
            : edge with { Requirements = edge.Requirements.Add(string.Format(CultureInfo.InvariantCulture, way.Needs, projectName, email)) };
}
