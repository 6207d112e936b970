using System.Collections.Immutable;
using Ward.Aws.Estate;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Policy.Parsing;
using Ward.Aws.Policy.Syntax;
using Ward.Core.Decisions;
using Ward.Core.Diagnostics;
using Ward.Core.Graph;

namespace Ward.Aws.Edges;

/// <summary>
/// A member-account principal changing the SCPs and RCPs that govern its own account (<c>ward-org-update-scp</c>,
/// <c>ward-org-detach-scp</c>): deciding its Organizations requests, and whether it is admin-equivalent once the
/// changes are made.
/// </summary>
/// <remarks>
/// Organizations policy requests succeed only from the management account or from a delegated administrator, which
/// the organization's resource policy names. The requests go to the management account's organization, so they are
/// decided as cross-account requests against that policy when the export has it; without it, against an assumed
/// delegation to the principal's account, and the edge carries the delegation as a requirement. An organization
/// exported without a resource policy delegates to nobody: no principal gets an administration.
/// </remarks>
internal sealed class ControlPolicyAdministration
{
    private static readonly ControlPolicyType[] Types = [ControlPolicyType.ServiceControl, ControlPolicyType.ResourceControl];

    private readonly AwsOrganization _organization;
    private readonly AwsPrincipal _principal;
    private readonly string _account;
    private readonly NamedPolicy _delegation;
    private readonly bool _delegationAssumed;

    private ControlPolicyAdministration(AwsOrganization organization, AwsPrincipal principal, string account, NamedPolicy delegation, bool delegationAssumed)
    {
        _organization = organization;
        _principal = principal;
        _account = account;
        _delegation = delegation;
        _delegationAssumed = delegationAssumed;
    }

    public static IReadOnlyList<ControlPolicyType> PolicyTypes => Types;

    /// <summary>
    /// The self-escalations of a technique that changes the policies governing the principal's own account: for each
    /// candidate allowed <paramref name="action"/> and able to administer them, the changes it could make, the fewest
    /// of them that make it admin-equivalent, and the edge that says so (<paramref name="describe"/> names the changes).
    /// </summary>
    public static IEnumerable<Edge> SelfEscalations(
        AwsEdgeContext context,
        string technique,
        string action,
        Func<ControlPolicyAdministration, IEnumerable<ControlPolicyChange>> changesOf,
        Func<IEnumerable<ControlPolicyChange>, string> describe)
    {
        if (context.Estate.Organization is not { } organization)
        {
            yield break;
        }

        foreach (var principal in context.Candidates(action))
        {
            if (For(organization, principal) is not { } administration
                || administration.Needed(context, [.. changesOf(administration)]) is not { } needed)
            {
                continue;
            }

            var edge = AwsEdgeContext.EdgeIf(
                technique,
                principal.Value,
                principal.Value,
                $"{describe(needed.Changes)}, which govern account {administration.Account}; then it {needed.Verdict.Reason}",
                grantsAdmin: true,
                [.. needed.Changes.SelectMany(c => c.Steps)]);
            if (administration.Finish(edge) is { } finished)
            {
                yield return finished;
            }
        }
    }

    /// <summary>How edges name a policy type: <c>SCP</c> or <c>RCP</c>.</summary>
    public static string KindOf(ControlPolicyType type) => type == ControlPolicyType.ServiceControl ? "SCP" : "RCP";

    /// <summary>The administration of a member-account principal; null when no request of it can succeed (management account, no delegation).</summary>
    public static ControlPolicyAdministration? For(AwsOrganization organization, AwsPrincipal principal)
    {
        if (principal.Account is not { } account || account == organization.ManagementAccountId || !organization.Contains(account))
        {
            return null;
        }

        if (organization.ResourcePolicy is { } exported)
        {
            return new(organization, principal, account, new NamedPolicy($"resource policy of organization {organization.Id}", exported), delegationAssumed: false);
        }

        return organization.ResourcePolicyExported ? null : new(organization, principal, account, AssumedDelegation(organization, account), delegationAssumed: true);
    }

    public AwsOrganization Organization => _organization;

    public string Account => _account;

    /// <summary>The policies of the type that govern the principal's account, but for the AWS-managed full-access one (nobody can edit or detach it).</summary>
    public IEnumerable<ControlPolicy> Governing(ControlPolicyType type) =>
        _organization.PoliciesGoverning(_account, type).Where(p => !AwsOrganization.IsFullAccess(p));

    /// <summary>One Organizations request on a policy or target, decided with the delegation (exported or assumed).</summary>
    public (string Action, string Resource, Decision Decision) Step(AwsEdgeContext context, string action, string resource, ControlPolicyType type)
    {
        // The request goes to the management account, and delegation policies commonly name the policy type.
        var request = new Dictionary<string, ContextValue>(StringComparer.Ordinal)
        {
            ["aws:ResourceAccount"] = ContextValue.Of(_organization.ManagementAccountId),
            ["organizations:PolicyType"] = ContextValue.Of(type == ControlPolicyType.ServiceControl ? "SERVICE_CONTROL_POLICY" : "RESOURCE_CONTROL_POLICY"),
        };
        return (action, resource, context.Can(_principal, action, resource, request, policies => policies with { ResourcePolicy = _delegation }));
    }

    /// <summary>
    /// The changes, among the possible ones, that make the principal admin-equivalent, each needed (without any
    /// one of them it would not be), with the verdict; null when even all of them do not.
    /// </summary>
    /// <remarks>
    /// Found by dropping changes one at a time while the principal stays admin-equivalent: RCP changes first, then
    /// those that hold only under conditions, so that a principal held back by SCPs alone is shown changing SCPs alone.
    /// </remarks>
    public (ImmutableArray<ControlPolicyChange> Changes, AdminVerdict Verdict)? Needed(AwsEdgeContext context, IReadOnlyList<ControlPolicyChange> changes)
    {
        var possible = changes.Where(c => c.IsPossible).ToList();
        if (possible.Count == 0)
        {
            return null;
        }

        var verdict = AdminWith(context, possible);
        if (!verdict.IsAdmin)
        {
            return null;
        }

        var kept = possible;
        foreach (var change in possible.OrderBy(c => c.Type == ControlPolicyType.ResourceControl ? 0 : 1).ThenBy(c => c.IsConditional ? 0 : 1).ToList())
        {
            if (kept.Count == 1)
            {
                break;
            }

            var without = kept.Where(c => !ReferenceEquals(c, change)).ToList();
            var lesser = AdminWith(context, without);
            if (lesser.IsAdmin)
            {
                (kept, verdict) = (without, lesser);
            }
        }

        return ([.. kept], verdict);
    }

    /// <summary>The edge (null stays null), with the delegation as a requirement when the export does not show it.</summary>
    public Edge? Finish(Edge? edge) =>
        edge is null || !_delegationAssumed
            ? edge
            : edge with
            {
                Requirements =
                [
                    .. edge.Requirements,
                    $"account {_account} is a delegated administrator for AWS Organizations policies (the organization's resource policy is not in the exports)",
                ],
            };

    /// <summary>Admin-equivalence with the changes made: the SCP levels of the principal's account, and the RCP levels of requests to resources in it.</summary>
    private AdminVerdict AdminWith(AwsEdgeContext context, IReadOnlyList<ControlPolicyChange> changes)
    {
        var current = Types.ToDictionary(t => t, t => _organization.LevelsFor(_account, t));
        var changed = Types.ToDictionary(t => t, t => _organization.LevelsWith(_account, t, target => Attached(t, target, changes)));

        // Only the levels of the principal's account change: a service-linked role has no SCPs, and RCPs of
        // other accounts stay as they are.
        return AdminEquivalence.Evaluate(context, _principal, AwsGraphBuilder.DefaultRegion, policies => policies with
        {
            ServiceControlPolicies = policies.ServiceControlPolicies == current[ControlPolicyType.ServiceControl] ? changed[ControlPolicyType.ServiceControl] : policies.ServiceControlPolicies,
            ResourceControlPolicies = policies.ResourceControlPolicies == current[ControlPolicyType.ResourceControl] ? changed[ControlPolicyType.ResourceControl] : policies.ResourceControlPolicies,
        });
    }

    /// <summary>The policies of the type attached to a target once the changes are made.</summary>
    private ImmutableArray<ControlPolicy> Attached(ControlPolicyType type, string target, IReadOnlyList<ControlPolicyChange> changes)
    {
        var attached = _organization.AttachedTo(target, type).ToList();
        foreach (var change in changes.Where(c => c.Type == type))
        {
            if (change.FullAccessAttachedTo == target && !attached.Exists(AwsOrganization.IsFullAccess))
            {
                attached.Add(FullAccess(type));
            }

            attached.RemoveAll(p => change.Detached.Contains((p.Id, target)));
            for (var i = attached.Count - 1; i >= 0; i--)
            {
                if (change.Rewritten.Contains(attached[i].Id, StringComparer.Ordinal))
                {
                    // An SCP can be rewritten to allow everything; an RCP may hold Deny statements only, so the best
                    // rewrite denies nothing, the same as not being there.
                    if (type == ControlPolicyType.ServiceControl)
                    {
                        attached[i] = attached[i] with { Document = AllowEverything(type) };
                    }
                    else
                    {
                        attached.RemoveAt(i);
                    }
                }
            }
        }

        return [.. attached];
    }

    /// <summary>The AWS-managed full-access policy of the type, as the export has it or as AWS defines it.</summary>
    private ControlPolicy FullAccess(ControlPolicyType type) =>
        _organization.Policies.FirstOrDefault(p => p.Type == type && AwsOrganization.IsFullAccess(p))
        ?? new ControlPolicy(AwsOrganization.FullAccessPolicyId(type), type == ControlPolicyType.ServiceControl ? "FullAWSAccess" : "RCPFullAWSAccess", type, AllowEverything(type), []);

    private static PolicyDocument AllowEverything(ControlPolicyType type)
    {
        var (text, kind) = type == ControlPolicyType.ServiceControl
            ? ("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""", PolicyKind.ServiceControl)
            : ("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}""", PolicyKind.ResourceControl);
        return PolicyParser.ParseText(text, kind, new SourceLocation("(full access)")).Document!;
    }

    private static NamedPolicy AssumedDelegation(AwsOrganization organization, string account)
    {
        var text = $$"""{"Version":"2012-10-17","Statement":[{"Sid":"AssumedDelegatedAdministrator","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{account}}:root"},"Action":["organizations:UpdatePolicy","organizations:AttachPolicy","organizations:DetachPolicy"],"Resource":"*"}]}""";
        var document = PolicyParser.ParseText(text, PolicyKind.Resource, new SourceLocation("(assumed)")).Document!;
        return new NamedPolicy($"resource policy of organization {organization.Id} (assumed: account {account} is a delegated administrator)", document);
    }
}
