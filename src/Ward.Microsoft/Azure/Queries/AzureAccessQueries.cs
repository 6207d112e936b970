using System.Collections.Frozen;
using System.Collections.Immutable;
using Ward.Core.Decisions;
using Ward.Microsoft.Azure.Evaluation;
using Ward.Microsoft.Azure.Rbac;

namespace Ward.Microsoft.Azure.Queries;

/// <summary>
/// The questions <c>ward can</c>, <c>who-can</c> and <c>what-can</c> ask of a loaded Azure estate. Principals are
/// Entra object ids; <see cref="FindPrincipal"/> also accepts the <c>principalName</c> the az CLI puts on
/// assignments. Group membership comes from the caller (the Entra directory), none by default.
/// </summary>
public sealed class AzureAccessQueries
{
    public AzureAccessQueries(AzureEstate estate, IGroupMembership? groups = null)
    {
        Authorizer = new AzureAuthorizer(estate, groups);
    }

    public AzureAuthorizer Authorizer { get; }

    public AzureEstate Estate => Authorizer.Estate;

    /// <summary>
    /// The object id for a principal given by object id (any GUID is accepted, known or not) or by the name the
    /// exports give it (case-insensitive; must be unique).
    /// </summary>
    public string? FindPrincipal(string text, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        problem = null;
        if (Guid.TryParse(text, out _))
        {
            if (!Principals().Any(p => string.Equals(p, text, StringComparison.OrdinalIgnoreCase)))
            {
                problem = $"`{text}` has no role assignment, eligibility or deny assignment in the loaded estate";
            }

            return text.ToLowerInvariant();
        }

        var matches = Estate.RoleAssignments.Where(a => string.Equals(a.PrincipalName, text, StringComparison.OrdinalIgnoreCase)).Select(a => a.PrincipalId)
            .Concat(Estate.EligibleAssignments.Where(e => string.Equals(e.PrincipalName, text, StringComparison.OrdinalIgnoreCase)).Select(e => e.PrincipalId))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        switch (matches.Count)
        {
            case 1:
                return matches[0];
            case 0:
                problem = $"no principal named `{text}` in the loaded assignments (give the object id)";
                return null;
            default:
                problem = $"`{text}` is ambiguous: {string.Join(", ", matches)}; give the object id";
                return null;
        }
    }

    /// <summary>Whether an action is a data action, by the role definitions of the estate (see <see cref="AzureActionClassifier"/>).</summary>
    public AzureActionKind InferActionKind(string action) => AzureActionClassifier.Infer(Estate, action);

    /// <summary>The decision for one request, and what activating the principal's eligibilities would change.</summary>
    public AzureAccessAnswer Can(AzureRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var active = Authorizer.Authorize(request with { ActivateEligible = false });
        Decision? eligible = null;
        if (HasEligibility(request.PrincipalId))
        {
            var activated = Authorizer.Authorize(request with { ActivateEligible = true });
            eligible = activated.Kind == active.Kind ? null : activated;
        }

        return new AzureAccessAnswer
        {
            PrincipalId = request.PrincipalId,
            PrincipalName = Authorizer.NameOf(request.PrincipalId),
            PrincipalType = TypeOf(request.PrincipalId),
            Decision = active,
            EligibleDecision = eligible,
        };
    }

    /// <summary>Shorthand for <see cref="Can(AzureRequest)"/>; the action kind is inferred when not given.</summary>
    public AzureAccessAnswer Can(string principalId, string action, AzureScope scope, AzureActionKind? kind = null) =>
        Can(new AzureRequest { PrincipalId = principalId, Action = action, Scope = scope, ActionKind = kind ?? InferActionKind(action) });

    /// <summary>
    /// Every principal with an assignment or eligibility reaching the scope (for a data action in a key vault that
    /// uses access policies, every object its policies name), and every member of such a group when membership is
    /// known, with its decision. Only those allowed, conditional, indeterminate or allowed once an
    /// eligibility is activated are returned, unless <paramref name="includeDenied"/>.
    /// </summary>
    /// <param name="template">The request to ask for each principal (its <see cref="AzureRequest.PrincipalId"/> is replaced).</param>
    /// <param name="includeDenied">Also return the principals that are denied.</param>
    public ImmutableArray<AzureAccessAnswer> WhoCan(AzureRequest template, bool includeDenied = false)
    {
        ArgumentNullException.ThrowIfNull(template);
        var hierarchy = Estate.Hierarchy;
        var holders = Estate.RoleAssignments.Where(a => hierarchy.Reach(a.Scope, template.Scope) != ScopeReach.No).Select(a => a.PrincipalId)
            .Concat(Estate.EligibleAssignments.Where(e => hierarchy.Reach(e.Scope, template.Scope) != ScopeReach.No).Select(e => e.PrincipalId))
            .Concat(template.ActionKind == AzureActionKind.Data && KeyVaultAccessPolicies.AccessPolicyVaultOf(Estate, template.Scope) is var (_, settings) ? KeyVaultAccessPolicies.NamedObjects(settings) : [])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var principals = holders.Concat(holders.SelectMany(h => Authorizer.Groups.MembersOf(h)))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var answers = ImmutableArray.CreateBuilder<AzureAccessAnswer>();
        foreach (var principal in principals)
        {
            var answer = Can(template with { PrincipalId = principal });
            if (includeDenied || answer.Decision.Kind is DecisionKind.Allowed or DecisionKind.Conditional or DecisionKind.Indeterminate
                || answer.EligibleDecision?.Kind is DecisionKind.Allowed or DecisionKind.Conditional or DecisionKind.Indeterminate)
            {
                answers.Add(answer);
            }
        }

        return answers.ToImmutable();
    }

    /// <summary>Shorthand for <see cref="WhoCan(AzureRequest, bool)"/>; the action kind is inferred when not given.</summary>
    public ImmutableArray<AzureAccessAnswer> WhoCan(string action, AzureScope scope, AzureActionKind? kind = null, bool includeDenied = false) =>
        WhoCan(new AzureRequest { PrincipalId = string.Empty, Action = action, Scope = scope, ActionKind = kind ?? InferActionKind(action) }, includeDenied);

    /// <summary>
    /// Per scope where the principal or one of its groups has an assignment (or eligibility, when
    /// <paramref name="includeEligible"/>): the roles and the action patterns they grant there and below.
    /// </summary>
    public AzurePrincipalAccess WhatCan(string principalId, bool includeEligible = true)
    {
        ArgumentNullException.ThrowIfNull(principalId);
        var groups = Authorizer.Groups.GroupsOf(principalId);
        var holders = groups.Prepend(principalId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var grants = new List<(AzureScope Scope, AzureRoleGrant Grant)>();
        foreach (var assignment in Estate.RoleAssignments.Where(a => holders.Contains(a.PrincipalId)))
        {
            grants.Add((assignment.Scope, Grant(assignment.Id, assignment.RoleDefinitionId, assignment.RoleDefinitionName, assignment.PrincipalId, principalId, assignment.Condition, eligible: false)));
        }

        if (includeEligible)
        {
            foreach (var eligibility in Estate.EligibleAssignments.Where(e => holders.Contains(e.PrincipalId)))
            {
                grants.Add((eligibility.Scope, Grant(eligibility.Id, eligibility.RoleDefinitionId, null, eligibility.PrincipalId, principalId, eligibility.Condition, eligible: true)));
            }
        }

        var scopes = grants.GroupBy(g => g.Scope)
            .OrderBy(g => Depth(g.Key))
            .ThenBy(g => g.Key.Value, StringComparer.OrdinalIgnoreCase)
            .Select(g => new AzureScopeAccess
            {
                Scope = g.Key,
                Grants = [.. g.Select(x => x.Grant)],
                Actions = Effective(g.Select(x => x.Grant), data: false),
                DataActions = Effective(g.Select(x => x.Grant), data: true),
            })
            .ToImmutableArray();

        var denies = Estate.DenyAssignments
            .Where(d => d.Principals.Any(p => p.IsEveryone || holders.Contains(p.Id)) && !d.ExcludePrincipals.Any(p => holders.Contains(p.Id)))
            .ToImmutableArray();

        return new AzurePrincipalAccess
        {
            PrincipalId = principalId,
            PrincipalName = Authorizer.NameOf(principalId),
            Groups = [.. groups],
            Scopes = scopes,
            Denies = denies,
        };
    }

    private AzureRoleGrant Grant(string id, string roleDefinitionId, string? roleName, string holder, string principalId, string? condition, bool eligible)
    {
        var definition = Estate.FindRoleDefinition(roleDefinitionId);
        var via = string.Equals(holder, principalId, StringComparison.OrdinalIgnoreCase) ? null : holder;
        return new AzureRoleGrant
        {
            RoleName = definition?.RoleName ?? roleName ?? RoleDefinition.GuidOf(roleDefinitionId),
            RoleDefinitionId = roleDefinitionId,
            AssignmentId = id,
            ViaGroupId = via,
            ViaGroupName = via is null ? null : Authorizer.NameOf(via),
            IsEligible = eligible,
            Condition = condition,
            Permissions = definition?.Permissions ?? [],
            DefinitionMissing = definition is null,
        };
    }

    private static ImmutableArray<AzureEffectivePattern> Effective(IEnumerable<AzureRoleGrant> grants, bool data)
    {
        var patterns = new List<(string Pattern, ImmutableArray<string> Except, string By, bool Conditional)>();
        foreach (var grant in grants)
        {
            var by = grant.RoleName + (grant.ViaGroupId is null ? string.Empty : $" via group {grant.ViaGroupName ?? grant.ViaGroupId}") + (grant.IsEligible ? " (eligible)" : string.Empty);
            foreach (var block in grant.Permissions)
            {
                var (allowed, except) = data ? (block.DataActions, block.NotDataActions) : (block.Actions, block.NotActions);
                foreach (var pattern in allowed)
                {
                    var relevant = except.Where(e => ActionPattern.Matches(pattern, e) || ActionPattern.Matches(e, pattern)).ToImmutableArray();
                    patterns.Add((pattern, relevant, by, grant.IsEligible || grant.Condition is not null || block.Condition is not null));
                }
            }
        }

        return [.. patterns
            .GroupBy(p => (p.Pattern.ToUpperInvariant(), string.Join('\n', p.Except.Order(StringComparer.OrdinalIgnoreCase)).ToUpperInvariant()))
            .Select(g => new AzureEffectivePattern(g.First().Pattern, g.First().Except, [.. g.Select(p => p.By).Distinct(StringComparer.Ordinal)]) { OnlyConditionally = g.All(p => p.Conditional) })
            .OrderBy(p => p.Pattern, StringComparer.OrdinalIgnoreCase)];
    }

    private static int Depth(AzureScope scope) => scope.Kind switch
    {
        AzureScopeKind.Root => 0,
        AzureScopeKind.ManagementGroup => 1,
        AzureScopeKind.Subscription => 2,
        AzureScopeKind.ResourceGroup => 3,
        _ => 4,
    };

    // who-can asks these of every principal: looked up, not searched for, in estates of 100,000s of assignments.
    private FrozenSet<string> EligiblePrincipals =>
        field ??= Estate.EligibleAssignments.Select(e => e.PrincipalId).ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private FrozenDictionary<string, string> PrincipalTypes =>
        field ??= Estate.RoleAssignments.Where(a => a.PrincipalType is not null).Select(a => (a.PrincipalId, Type: a.PrincipalType!))
            .Concat(Estate.EligibleAssignments.Where(e => e.PrincipalType is not null).Select(e => (e.PrincipalId, Type: e.PrincipalType!)))
            .DistinctBy(p => p.PrincipalId, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(p => p.PrincipalId, p => p.Type, StringComparer.OrdinalIgnoreCase);

    private bool HasEligibility(string principalId) =>
        EligiblePrincipals.Count > 0 && Authorizer.Groups.GroupsOf(principalId).Prepend(principalId).Any(EligiblePrincipals.Contains);

    private string? TypeOf(string principalId) => PrincipalTypes.GetValueOrDefault(principalId);

    private IEnumerable<string> Principals() =>
        Estate.RoleAssignments.Select(a => a.PrincipalId)
            .Concat(Estate.EligibleAssignments.Select(e => e.PrincipalId))
            .Concat(Estate.DenyAssignments.SelectMany(d => d.Principals.Concat(d.ExcludePrincipals)).Select(p => p.Id));
}
