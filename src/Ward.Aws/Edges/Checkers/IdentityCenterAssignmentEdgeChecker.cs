using Ward.Aws.Estate;
using Ward.Aws.Policy.Evaluation;
using Ward.Core.Decisions;
using Ward.Core.Graph;

namespace Ward.Aws.Edges.Checkers;

/// <summary>
/// <c>ward-sso-assignment</c>: a principal of an account that administers IAM Identity Center that can create
/// permission sets, give them AWS managed policies, provision them and assign them can make an Identity Center user
/// it controls an administrator of an account of the organization.
/// </summary>
/// <remarks>
/// With an Identity Center export, decided from it: no edge without an instance; the instance's owner account (the
/// management account) and the delegated administrators the export lists administer it; each step is decided on the
/// instance's ARNs and on a member account's (a delegated administrator cannot assign in the management account).
/// Without the export, principals of the organization's management account are decided with the actions on any
/// resource, and the edge carries Identity Center being enabled as a requirement. Either way the Identity Center
/// user the principal signs in as is a requirement.
/// </remarks>
public sealed class IdentityCenterAssignmentEdgeChecker : IAwsEdgeChecker
{
    private const string CreatePermissionSet = "sso:CreatePermissionSet";
    private const string AttachManagedPolicy = "sso:AttachManagedPolicyToPermissionSet";
    private const string Provision = "sso:ProvisionPermissionSet";
    private const string Assign = "sso:CreateAccountAssignment";

    private static readonly string[] Actions = [CreatePermissionSet, AttachManagedPolicy, Provision, Assign];

    public string TechniqueId => "ward-sso-assignment";

    public bool TargetsSelf => true;

    public bool GrantsAdmin => true;

    public IEnumerable<Edge> Check(AwsEdgeContext context, IReadOnlySet<string>? targets) =>
        context.Estate.IdentityCenter is { } identityCenter ? Decided(context, identityCenter) : Assumed(context);

    private IEnumerable<Edge> Decided(AwsEdgeContext context, AwsIdentityCenter identityCenter)
    {
        foreach (var instance in identityCenter.Instances.Where(i => i.OwnerAccountId is not null))
        {
            var administering = identityCenter.AdministeringAccounts(instance);
            foreach (var principal in context.Candidates(Actions).Where(p => administering.Contains(p.Account ?? string.Empty, StringComparer.Ordinal)))
            {
                if (EdgeThrough(context, principal, instance, MemberAccounts(context, identityCenter, instance, principal)) is { } edge)
                {
                    yield return edge;
                }
            }
        }
    }

    /// <summary>
    /// The accounts the principal could assign in, its own first: the organization's (else those the estate and the
    /// assignments name), but the management account for a delegated administrator.
    /// </summary>
    private static IEnumerable<string> MemberAccounts(AwsEdgeContext context, AwsIdentityCenter identityCenter, IdentityCenterInstance instance, AwsPrincipal principal)
    {
        var known = context.Estate.Organization is { } organization
            ? organization.Accounts.Select(a => a.Id)
            : context.Estate.Accounts.Select(a => a.Id).Concat(identityCenter.Assignments.Select(a => a.AccountId));
        var excluded = principal.Account != instance.OwnerAccountId ? instance.OwnerAccountId : null;
        var accounts = known.Where(a => a != excluded).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return accounts.Remove(principal.Account!) ? accounts.Prepend(principal.Account!) : accounts;
    }

    private Edge? EdgeThrough(AwsEdgeContext context, AwsPrincipal principal, IdentityCenterInstance instance, IEnumerable<string> accounts)
    {
        // A new permission set: its ARN is not known before it is created.
        var newPermissionSet = $"arn:{instance.Partition}:sso:::permissionSet/{instance.InstanceId}/*";
        var common = new List<(string Action, string Resource, Decision Decision)>();
        foreach (var action in Actions)
        {
            common.Add((action, instance.Arn, context.Can(principal, action, instance.Arn)));
            common.Add((action, newPermissionSet, context.Can(principal, action, newPermissionSet)));
        }

        if (common.Exists(s => !Allows(s.Decision)))
        {
            return null;
        }

        foreach (var account in accounts)
        {
            var accountArn = instance.AccountArn(account);
            var provision = (Provision, accountArn, context.Can(principal, Provision, accountArn));
            var assign = (Assign, accountArn, context.Can(principal, Assign, accountArn));
            if (!Allows(provision.Item3) || !Allows(assign.Item3))
            {
                continue;
            }

            var (userStep, requirement) = IdentityCenterAdministration.UserItSignsInAs(context, principal, instance);
            var edge = AwsEdgeContext.EdgeIf(
                TechniqueId,
                principal.Value,
                principal.Value,
                $"assigns an Identity Center user it controls a new administrator permission set in account {account} (Identity Center instance {instance.InstanceId})",
                grantsAdmin: true,
                [.. common, provision, assign, .. userStep is { } step ? [step] : Array.Empty<(string, string, Decision)>()]);
            return edge is null ? null : edge with { Requirements = [.. edge.Requirements, requirement] };
        }

        return null;
    }

    /// <summary>Without an Identity Center export: the organization's management account, Identity Center assumed enabled.</summary>
    private IEnumerable<Edge> Assumed(AwsEdgeContext context)
    {
        if (context.Estate.Organization is not { } organization)
        {
            yield break;
        }

        foreach (var principal in context.Candidates(Actions).Where(p => p.Account == organization.ManagementAccountId))
        {
            var steps = Actions.Select(action => (Action: action, Result: context.CanSomewhereCached(principal, action))).ToList();
            if (steps.Exists(s => !Allows(s.Result.Decision)))
            {
                continue;
            }

            var edge = AwsEdgeContext.EdgeIf(
                TechniqueId,
                principal.Value,
                principal.Value,
                $"assigns an Identity Center user it controls an administrator permission set in any account of organization {organization.Id}",
                grantsAdmin: true,
                [.. steps.Select(s => (s.Action, s.Result.Resource, s.Result.Decision))]);
            if (edge is not null)
            {
                yield return edge with
                {
                    Requirements =
                    [
                        .. edge.Requirements,
                        "IAM Identity Center is enabled for the organization (its configuration is not in the exports)",
                        "the principal controls an Identity Center user, or can create one (identitystore:CreateUser)",
                    ],
                };
            }
        }
    }

    private static bool Allows(Decision decision) => decision.Kind is DecisionKind.Allowed or DecisionKind.Conditional;
}
