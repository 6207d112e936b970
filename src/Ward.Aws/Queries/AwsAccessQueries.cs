using System.Collections.Immutable;
using Ward.Aws.Catalog;
using Ward.Aws.Estate;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Policy.Matching;
using Ward.Aws.Policy.Syntax;
using Ward.Aws.Resources;
using Ward.Core.Decisions;

namespace Ward.Aws.Queries;

/// <summary>The questions <c>ward can</c>, <c>who-can</c> and <c>what-can</c> ask of a loaded estate.</summary>
public sealed class AwsAccessQueries(AwsEstate estate, DateTimeOffset asOf)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, PrincipalContext> _principalContexts = new(StringComparer.Ordinal);

    // The trust and resource policies requests meet, named once per role or resource rather than per request.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Kind, string Arn), NamedPolicy> _namedResourcePolicies = new();

    // What each access point adds to the requests through it, worked out on first use.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, S3AccessPointAccess> _accessPoints = new(StringComparer.Ordinal);

    public AwsEstate Estate { get; } = estate;

    /// <summary>Finds a principal by ARN, by <c>user/NAME</c> or <c>role/NAME</c>, or by a unique name.</summary>
    public AwsPrincipal? FindPrincipal(string text, out string? problem)
    {
        problem = null;
        if (text is "anonymous" or "*")
        {
            return AwsPrincipal.Anonymous;
        }

        if (text.StartsWith("arn:", StringComparison.Ordinal) || AwsPrincipal.IsAccountId(text) || text.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase))
        {
            var parsed = AwsPrincipal.Parse(text);
            if (parsed.Type is AwsPrincipalType.IamUser && !Estate.Users.ContainsKey(parsed.Value))
            {
                problem = $"user `{text}` is not in the loaded estate; it is evaluated with no identity policies";
            }
            else if (parsed.Type is AwsPrincipalType.IamRole && !Estate.Roles.ContainsKey(parsed.Value))
            {
                problem = $"role `{text}` is not in the loaded estate; it is evaluated with no identity policies";
            }

            return parsed;
        }

        var kind = text.StartsWith("user/", StringComparison.Ordinal) ? AwsPrincipalType.IamUser
            : text.StartsWith("role/", StringComparison.Ordinal) ? AwsPrincipalType.IamRole
            : (AwsPrincipalType?)null;
        var name = kind is null ? text : text[5..];
        var matches = Estate.Principals()
            .Where(p => (kind is null || p.Type == kind) && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            .ToList();
        switch (matches.Count)
        {
            case 1:
                return matches[0];
            case 0:
                problem = $"no user or role named `{text}` in the loaded estate";
                return null;
            default:
                problem = $"`{text}` is ambiguous: {string.Join(", ", matches.Select(m => m.Value))}; give the ARN";
                return null;
        }
    }

    /// <summary>
    /// The decision for one request; <paramref name="extra"/> adds a resource or session policy the caller supplies,
    /// <paramref name="adjust"/> changes the policies first (what-if: "without this boundary").
    /// </summary>
    public AccessAnswer Can(AwsPrincipal principal, string action, string resource, IReadOnlyDictionary<string, ContextValue> context, SuppliedPolicies? extra = null, Func<AwsPolicySet, AwsPolicySet>? adjust = null) =>
        new(principal, action, resource, Estate.AccessPointFor(resource) is { } accessPoint
            ? ThroughAccessPoint(accessPoint, principal, action, resource, context, extra, adjust)
            : Decide(principal, action, resource, context, extra, adjust, s3: null));

    /// <summary>
    /// A request through an access point is decided twice, as S3 does: on the access point (its policy, and a supplied
    /// resource policy in its place) and on the bucket it leads to (the bucket policy and ACL), each with the keys S3
    /// adds; both must allow, and so must the access point's network origin.
    /// </summary>
    private Decision ThroughAccessPoint(S3AccessPoint accessPoint, AwsPrincipal principal, string action, string resource, IReadOnlyDictionary<string, ContextValue> context, SuppliedPolicies? extra, Func<AwsPolicySet, AwsPolicySet>? adjust)
    {
        var access = _accessPoints.GetOrAdd(accessPoint.Arn, static (_, state) => S3AccessPointAccess.Of(state.Estate, state.accessPoint), (Estate, accessPoint));
        var keys = access.RequestKeys(context, onBucket: false);
        var throughAccessPoint = Decide(principal, action, resource, keys, extra, adjust, p => p with { PublicPolicyRestriction = access.AccessPointRestriction });
        var onBucket = Decide(principal, action, accessPoint.BucketResourceFor(resource), access.RequestKeys(context, onBucket: true), extra is null ? null : extra with { ResourcePolicy = null }, adjust,
            p => p with { AccessControlList = access.BucketAcl, PublicPolicyRestriction = access.BucketRestriction });
        return access.Combine(access.NetworkOrigin(keys), throughAccessPoint, onBucket);
    }

    private Decision Decide(AwsPrincipal principal, string action, string resource, IReadOnlyDictionary<string, ContextValue> context, SuppliedPolicies? extra, Func<AwsPolicySet, AwsPolicySet>? adjust, Func<AwsPolicySet, AwsPolicySet>? s3)
    {
        var request = Request(principal, action, resource, context);
        var policies = PoliciesFor(principal, request);
        if (s3 is not null)
        {
            policies = s3(policies);
        }

        if (adjust is not null)
        {
            policies = adjust(policies);
        }

        if (extra?.ResourcePolicy is { } resourcePolicy)
        {
            policies = policies with { ResourcePolicy = resourcePolicy };
        }

        if (extra?.SessionPolicy is { } sessionPolicy)
        {
            policies = policies with { SessionPolicy = sessionPolicy };
        }

        return AwsAuthorizer.Authorize(request, policies);
    }

    /// <summary>Every principal of the estate that is allowed, or allowed under conditions, with the decision.</summary>
    public ImmutableArray<AccessAnswer> WhoCan(string action, string resource, IReadOnlyDictionary<string, ContextValue> context, bool includeDenied = false, SuppliedPolicies? extra = null)
    {
        var principals = Estate.Principals().ToArray();
        var answers = new AccessAnswer?[principals.Length];
        Parallel.For(0, principals.Length, i =>
        {
            var answer = Can(principals[i], action, resource, context, extra);
            if (includeDenied || answer.Decision.Kind is DecisionKind.Allowed or DecisionKind.Conditional or DecisionKind.Indeterminate)
            {
                answers[i] = answer;
            }
        });
        return [.. answers.OfType<AccessAnswer>()];
    }

    /// <summary>
    /// The effective permissions of a principal: each catalogued action its identity policies grant, checked by the
    /// full evaluator against each resource pattern the granting statements name.
    /// </summary>
    public ImmutableArray<EffectivePermission> WhatCan(AwsPrincipal principal, string? service, AccessLevel? level, IReadOnlyDictionary<string, ContextValue> context)
    {
        var catalog = AwsActionCatalog.Default;
        var identity = Estate.IdentityPoliciesOf(principal);
        var results = new List<EffectivePermission>();
        var candidates = service is null ? catalog.Actions : catalog.ActionsOf(service);
        foreach (var action in candidates)
        {
            if (level is { } wanted && action.AccessLevel != wanted)
            {
                continue;
            }

            var lower = action.FullName.ToLowerInvariant();
            var patterns = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var policy in identity)
            {
                foreach (var statement in policy.Document.Statements)
                {
                    if (statement.Effect == Effect.Allow && (statement.Problem is not null || ActionMatches(statement, lower)))
                    {
                        foreach (var resource in statement.Resource is { Negated: false } r ? r.Patterns : ["*"])
                        {
                            patterns.Add(resource);
                        }
                    }
                }
            }

            if (patterns.Count == 0 && principal.Type != AwsPrincipalType.AccountRoot)
            {
                continue;
            }

            if (principal.Type == AwsPrincipalType.AccountRoot)
            {
                patterns.Add("*");
            }

            var allowed = new List<string>();
            var conditional = new List<string>();
            foreach (var pattern in patterns)
            {
                var decision = Can(principal, action.FullName, pattern, context).Decision;
                if (decision.Kind == DecisionKind.Allowed)
                {
                    allowed.Add(pattern);
                }
                else if (decision.Kind is DecisionKind.Conditional or DecisionKind.Indeterminate)
                {
                    conditional.Add(pattern);
                }
            }

            if (allowed.Count + conditional.Count > 0)
            {
                results.Add(new EffectivePermission(action, [.. allowed], [.. conditional]));
            }
        }

        return [.. results.OrderBy(r => r.Action.Service, StringComparer.Ordinal).ThenBy(r => r.Action.Name, StringComparer.Ordinal)];
    }

    private static bool ActionMatches(Statement statement, string actionLower) => StatementMatcher.ActionMatches(statement.Action, actionLower);

    private AwsRequest Request(AwsPrincipal principal, string action, string resource, IReadOnlyDictionary<string, ContextValue> context)
    {
        // S3 ARNs carry no account: `-c aws:ResourceAccount=…` names it, else the resource-policies export does;
        // otherwise the caller's account is assumed.
        var resourceAccount = context.TryGetValue("aws:ResourceAccount", out var given) && given.Text is { } named ? named
            : Arn.TryParse(resource, out var arn) && arn.Account.Length == 12 ? arn.Account
            : Estate.ResourcePolicyFor(resource)?.Account ?? Estate.S3AccessFor(resource)?.Account ?? principal.Account;
        return new AwsRequest
        {
            Principal = principal,
            Action = action,
            Resource = resource,
            ResourceAccount = resourceAccount,
            Context = AwsRequestContextBuilder.Build(Estate, PrincipalContextOf(principal), principal, resource, resourceAccount, context, action),
        };
    }

    private PrincipalContext PrincipalContextOf(AwsPrincipal principal) =>
        _principalContexts.TryGetValue(principal.Value, out var known) ? known
            : _principalContexts.GetOrAdd(principal.Value, static (_, state) => AwsRequestContextBuilder.ForPrincipal(state.Estate, state.principal, state.asOf), (Estate, principal, asOf));

    private AwsPolicySet PoliciesFor(AwsPrincipal principal, AwsRequest request)
    {
        NamedPolicy? resourcePolicy = null;
        if (request.Action.StartsWith("sts:AssumeRole", StringComparison.OrdinalIgnoreCase) && Estate.RoleFor(request.Resource) is { } role)
        {
            resourcePolicy = _namedResourcePolicies.GetOrAdd(("trust", role.Arn), static (_, role) =>
                new NamedPolicy($"trust policy of {role.Name}", role.TrustPolicy ?? PolicyDocument.Unreadable($"the trust policy of `{role.Name}` is not in the export")), role);
        }
        else if (Estate.ResourcePolicyFor(request.Resource) is { } exported)
        {
            // A resource without an exported policy is decided as before (no resource policy layer).
            resourcePolicy = _namedResourcePolicies.GetOrAdd(("resource", exported.Arn), static (_, exported) => new NamedPolicy($"{(exported.Type == Ingest.S3BucketSettingsReader.AccessPointType ? "access point policy" : "resource policy")} of {exported.Name}", exported.Document), exported);
        }

        var bucket = Estate.S3AccessFor(request.Resource);
        var own = OwnPoliciesOf(principal);
        var resourceControlPolicies = request.ResourceAccount == principal.Account ? own.ResourceControlPolicies : Estate.ResourceControlLevelsFor(request.ResourceAccount);
        return resourcePolicy is null && bucket is null && resourceControlPolicies == own.ResourceControlPolicies
            ? own
            : own with
            {
                AccessControlList = bucket?.Acl,
                PublicPolicyRestriction = bucket?.PublicPolicyRestriction,
                ResourceControlPolicies = resourceControlPolicies,
                ResourcePolicy = resourcePolicy,
            };
    }

    // Most requests are on resources of the caller's own account with no resource policy: their policies are the
    // caller's alone, put together once per principal (by ARN; another principal under the same ARN, of another type
    // or account, is not cached).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (AwsPrincipal Principal, AwsPolicySet Policies)> _ownPolicies = new(StringComparer.Ordinal);

    private AwsPolicySet OwnPoliciesOf(AwsPrincipal principal)
    {
        var (cached, policies) = _ownPolicies.TryGetValue(principal.Value, out var known) ? known
            : _ownPolicies.GetOrAdd(principal.Value, static (_, state) => (state.principal, state.queries.PoliciesOf(state.principal)), (queries: this, principal));
        return ReferenceEquals(cached, principal) || cached == principal ? policies : PoliciesOf(principal);
    }

    private AwsPolicySet PoliciesOf(AwsPrincipal principal) => new()
    {
        IdentityPolicies = Estate.IdentityPoliciesOf(principal),
        PermissionsBoundary = Estate.BoundaryOf(principal),
        ServiceControlPolicies = Estate.ServiceControlLevelsFor(principal),
        ResourceControlPolicies = Estate.ResourceControlLevelsFor(principal.Account),
    };
}
