using System.Collections.Immutable;
using Ward.Aws.Policy.Syntax;
using Ward.Core.Decisions;

namespace Ward.Aws.Policy.Evaluation;

/// <summary>
/// Decides an AWS request the way AWS does (IAM user guide, "Policy evaluation logic"): an explicit deny in any
/// layer wins; every SCP level of the principal's account and every RCP level of the resource's account must allow;
/// then identity-based and resource-based policies grant according to same- or cross-account rules; a permissions
/// boundary and a session policy can only narrow. Every decision carries its explanation.
/// </summary>
/// <remarks>
/// Statements whose conditions depend on keys an open context does not know are undecided. The decision is computed
/// twice, once counting undecided allows in and undecided denies out (optimistic) and once the other way
/// (pessimistic). The procedure is monotone, so when both agree the answer is certain; otherwise it is conditional.
/// </remarks>
public static class AwsAuthorizer
{
    private const string IdentityLayer = "identity policies";
    private const string BoundaryLayer = "permissions boundary";
    private const string SessionLayer = "session policy";
    private const string ResourceLayer = "resource policy";
    private const string ScpLayer = "SCP";
    private const string RcpLayer = "RCP";

    public static Decision Authorize(AwsRequest request, AwsPolicySet policies)
    {
        var prepared = PreparedRequest.From(request);
        var caller = request.Principal;
        var hasBoundary = policies.PermissionsBoundary is not null;
        var resourceAccount = request.ResourceAccount ?? caller.Account;

        var identity = Evaluate(IdentityLayer, null, policies.IdentityPolicies.AsSpan(), prepared, resourcePolicy: false, hasBoundary);
        var boundary = policies.PermissionsBoundary is { } b ? Evaluate(BoundaryLayer, null, [b], prepared, false, hasBoundary) : null;
        var session = policies.SessionPolicy is { } s ? Evaluate(SessionLayer, null, [s], prepared, false, hasBoundary) : null;
        var scps = EvaluateLevels(ScpLayer, policies.ServiceControlPolicies, prepared, hasBoundary);
        var rcps = AppliesResourceControlPolicies(prepared.ActionLower) ? EvaluateLevels(RcpLayer, policies.ResourceControlPolicies, prepared, hasBoundary) : [];
        // Every role has a trust policy: assuming one whose trust policy is not given is undecidable, not allowed.
        var resourcePolicy = policies.ResourcePolicy
            ?? (IsRoleAssumption(prepared) ? new NamedPolicy("trust policy (not given)", PolicyDocument.Unreadable("the role's trust policy is not known")) : null);
        NamedPolicy[] resourcePolicies = (resourcePolicy, policies.AccessControlList) switch
        {
            ({ } r, { } acl) => [r, acl],
            ({ } r, null) => [r],
            (null, { } acl) => [acl],
            _ => [],
        };
        var resource = resourcePolicies.Length > 0 ? Evaluate(ResourceLayer, null, resourcePolicies, prepared, resourcePolicy: true, hasBoundary) : null;
        var confined = Confine(resource, policies, caller, resourceAccount);

        var layers = new List<LayerResult>(scps.Length + rcps.Length + 4);

        // SCPs govern principals of the organization's accounts; an anonymous caller has none.
        if (caller.IsAuthenticated)
        {
            layers.AddRange(scps);
        }

        layers.AddRange(rcps);
        if (resource is not null)
        {
            layers.Add(resource);
        }

        layers.Add(identity);
        if (boundary is not null)
        {
            layers.Add(boundary);
        }

        if (session is not null)
        {
            layers.Add(session);
        }

        var context = new DecisionInputs(prepared, caller, resourceAccount, identity, boundary, session, scps, rcps, resource, layers);
        var pessimistic = Noted(Decide(in context, optimistic: false), confined);

        // Without undecided statements both readings are the same: decide once.
        var optimistic = AnyUndecided(layers) ? Noted(Decide(in context, optimistic: true), confined) : pessimistic;

        if (pessimistic.Kind == optimistic.Kind || (pessimistic.Kind != DecisionKind.Allowed && optimistic.Kind != DecisionKind.Allowed))
        {
            // Certain. When both are denials of different kinds, the denial is certain but its kind is not: report
            // the weaker (implicit) one, as the explicit deny depends on unknown facts.
            // Explain with the reading that proves it: an allow that holds even pessimistically, a deny that holds
            // even optimistically (so a definite deny is named rather than one that depends on unknown keys).
            return Certain(pessimistic.Kind == DecisionKind.Allowed ? pessimistic : optimistic, layers);
        }

        var undecided = layers.Where(l => l.HasUndecided).ToList();
        if (undecided.Exists(l => l.Matches.Any(m => m.IsProblem)))
        {
            var problem = undecided.SelectMany(l => l.Matches.Where(m => m.IsProblem).Select(m => (l, m))).First();
            var reason = $"statement `{problem.m.Statement.DisplayName}` of `{problem.m.Policy}` ({problem.l.Layer}) cannot be evaluated: {problem.m.Statement.Problem}";
            return new Indeterminate(reason, Explain(Described(pessimistic, $"Indeterminate: {reason}."), layers));
        }

        var requirements = undecided.SelectMany(l => l.UndecidedRequirements()).Distinct(StringComparer.Ordinal).ToImmutableArray();
        var otherwise = pessimistic.Summary.TrimEnd('.');
        otherwise = otherwise[(otherwise.IndexOf(": ", StringComparison.Ordinal) + 2)..];
        var summary = $"Allowed only if {string.Join(" and ", requirements)}; otherwise {Describe(pessimistic.Kind)} ({otherwise}).";
        return new Conditional(requirements, pessimistic.Kind, Explain(Described(pessimistic, summary), layers));
    }

    // Decisions are made by the million and most are never explained: the lambdas that explain them are made in these
    // helpers, so that a decision that needs none does not pay for the captured variables of the methods above.
    private static Decision Certain(Verdict certain, List<LayerResult> layers)
    {
        Func<Explanation> explanation = () => Explain(certain, layers);
        return certain.Kind switch
        {
            DecisionKind.Allowed => new Allowed(explanation),
            DecisionKind.ExplicitDeny => new ExplicitDeny(explanation),
            _ => new ImplicitDeny(explanation),
        };
    }

    private static Verdict Described(Verdict verdict, string summary) => verdict with { Describe = () => summary };

    private static Verdict ExplicitlyDeniedBy(LayerResult layer, MatchedStatement deny) =>
        new(DecisionKind.ExplicitDeny, () => $"Explicitly denied by {Where(layer)}: statement `{deny.Statement.DisplayName}` of `{deny.Policy}`.", layer);

    private static Verdict AllowedByResourcePolicy(string to, MatchedStatement grant, LayerResult? layer) =>
        new(DecisionKind.Allowed, () => $"Allowed to {to} by the resource policy: statement `{grant.Statement.DisplayName}` of `{grant.Policy}`.", layer);

    private static Verdict ImplicitlyDenied(string reason, LayerResult? layer) => new(DecisionKind.ImplicitDeny, () => $"Implicitly denied: {reason}.", layer);

    private static Verdict NotAllowedByControlPolicies(string kind, string accounts, LayerResult level) =>
        new(DecisionKind.ImplicitDeny, () => $"Implicitly denied: no {kind} attached at `{level.Scope}` allows the request (every level from the root to {accounts} must).", level);

    private static Verdict AllowedBy(Func<string> grantedBy, LayerResult? layer) => new(DecisionKind.Allowed, () => $"Allowed by {grantedBy()}; no deny applies.", layer);

    private static Func<string> ByResourcePolicy(MatchedStatement grant) => () => $"the resource policy (statement `{grant.Statement.DisplayName}` of `{grant.Policy}`)";

    private static Func<string> ByIdentityPolicy(AwsPrincipal caller, MatchedStatement? grant) => () => IdentityGrant(caller, grant);

    private static Func<string> DelegatedByResourcePolicy(AwsPrincipal caller, MatchedStatement? identityGrant, MatchedStatement accountGrant) =>
        () => $"{IdentityGrant(caller, identityGrant)}, delegated by the resource policy's statement `{accountGrant.Statement.DisplayName}` naming the account";

    private static Func<string> ByBothSides(AwsPrincipal caller, MatchedStatement? identityGrant, MatchedStatement resourceSide) =>
        () => $"{IdentityGrant(caller, identityGrant)} and the resource policy (statement `{resourceSide.Statement.DisplayName}` of `{resourceSide.Policy}`)";

    /// <summary>
    /// RestrictPublicBuckets with a public bucket policy: for a caller that is neither an AWS service nor a principal of
    /// the bucket's account, the policy's Allow statements are set aside (its denies and the ACL still apply). Returns
    /// the sentence explanations add, or null when nothing was set aside.
    /// </summary>
    private static string? Confine(LayerResult? resource, AwsPolicySet policies, AwsPrincipal caller, string? resourceAccount)
    {
        if (resource is null || policies.PublicPolicyRestriction is not { } why || policies.ResourcePolicy is not { } policy
            || caller.Type == AwsPrincipalType.Service || (caller.Account is not null && string.Equals(caller.Account, resourceAccount, StringComparison.Ordinal)))
        {
            return null;
        }

        var set = resource.Matches.Where(m => m.Statement.Effect == Effect.Allow && !m.IsProblem && string.Equals(m.Policy, policy.Name, StringComparison.Ordinal)).ToList();
        if (set.Count == 0)
        {
            return null;
        }

        resource.RemoveAll(set.Contains);
        return $"{why}: its statement{(set.Count == 1 ? string.Empty : "s")} {string.Join(", ", set.Select(m => $"`{m.Statement.DisplayName}`").Distinct(StringComparer.Ordinal))} do{(set.Count == 1 ? "es" : string.Empty)} not apply to this caller.";
    }

    private static Verdict Noted(Verdict verdict, string? confined) =>
        confined is null || verdict.Kind == DecisionKind.Allowed ? verdict : WithNote(verdict, confined);

    private static Verdict WithNote(Verdict verdict, string note) => verdict with { Describe = () => $"{verdict.Summary} {note}" };

    private static string Describe(DecisionKind kind) => kind switch
    {
        DecisionKind.ExplicitDeny => "explicitly denied",
        DecisionKind.ImplicitDeny => "implicitly denied",
        _ => kind.ToString(),
    };

    private static Explanation Explain(Verdict verdict, List<LayerResult> layers) =>
        new(verdict.Summary, [.. layers.Select(l => l.ToEvaluation(ReferenceEquals(l, verdict.Decisive)))]);

    private readonly record struct DecisionInputs(
        PreparedRequest Request,
        AwsPrincipal Caller,
        string? ResourceAccount,
        LayerResult Identity,
        LayerResult? Boundary,
        LayerResult? Session,
        LayerResult[] Scps,
        LayerResult[] Rcps,
        LayerResult? Resource,
        List<LayerResult> DenyOrder);

    // The summary is worked out only when an explanation is read: most decisions' never are.
    private sealed record Verdict(DecisionKind Kind, Func<string> Describe, LayerResult? Decisive)
    {
        public string Summary => Describe();
    }

    private static Verdict Decide(in DecisionInputs inputs, bool optimistic)
    {
        var caller = inputs.Caller;
        var action = inputs.Request.ActionLower;

        // sts:GetCallerIdentity needs no permission and cannot be denied (STS API reference).
        if (caller.IsAuthenticated && action == "sts:getcalleridentity")
        {
            return new Verdict(DecisionKind.Allowed, () => "Allowed: `sts:GetCallerIdentity` needs no permission and cannot be denied.", null);
        }

        // 1. An explicit deny anywhere wins.
        foreach (var layer in inputs.DenyOrder)
        {
            if (layer.FirstDeny(optimistic) is { } deny)
            {
                return ExplicitlyDeniedBy(layer, deny);
            }
        }

        // 2. Anonymous callers get only what a resource policy grants to everyone, within the RCPs.
        if (!caller.IsAuthenticated)
        {
            if (inputs.Resource?.FirstAllow(optimistic, p => p == PrincipalMatch.Wildcard) is not { } publicGrant)
            {
                return new Verdict(DecisionKind.ImplicitDeny, () => "Implicitly denied: no resource policy statement grants access to anonymous callers.", inputs.Resource);
            }

            return ControlPolicies(inputs, optimistic) ?? AllowedByResourcePolicy("anonymous callers", publicGrant, inputs.Resource);
        }

        // 3. Every SCP level and every RCP level must allow.
        if (ControlPolicies(inputs, optimistic) is { } blocked)
        {
            return blocked;
        }

        if (ServiceRules.Blocks(caller, action, inputs.Request.Resource) is { } rule)
        {
            return ImplicitlyDenied(rule, null);
        }

        // 4. AWS service principals, and web identities (AssumeRoleWithWebIdentity), act only through resource
        // policies that name them.
        if (caller.Type is AwsPrincipalType.Service || (caller.Type == AwsPrincipalType.WebIdentity && caller.Account is null))
        {
            return inputs.Resource?.FirstAllow(optimistic, IsDirect) is { } serviceGrant
                ? AllowedByResourcePolicy("the service", serviceGrant, inputs.Resource)
                : new Verdict(DecisionKind.ImplicitDeny, () => "Implicitly denied: no resource policy statement names this service.", inputs.Resource);
        }

        var sameAccount = caller.Account is not null && string.Equals(caller.Account, inputs.ResourceAccount, StringComparison.Ordinal);
        var direct = inputs.Resource?.FirstAllow(optimistic, IsDirect);

        // 5. A session policy limits the session, except for what a same-account resource policy grants to the
        // session's own ARN (IAM user guide, "Session policies").
        if (inputs.Session is { } sessionLayer && !sessionLayer.Allows(optimistic))
        {
            var namedSession = sameAccount && caller.Type == AwsPrincipalType.AssumedRoleSession
                && inputs.Resource?.FirstAllow(optimistic, p => p == PrincipalMatch.Exact) is not null;
            if (!namedSession)
            {
                return new Verdict(DecisionKind.ImplicitDeny, () => "Implicitly denied: the session policy allows no matching statement.", sessionLayer);
            }
        }

        // 6. Identity-based and resource-based policies.
        var identityGrant = caller.Type == AwsPrincipalType.AccountRoot ? null : inputs.Identity.FirstAllow(optimistic);
        var identityAllows = caller.Type == AwsPrincipalType.AccountRoot || identityGrant is not null;
        var accountGrant = inputs.Resource?.FirstAllow(optimistic, p => p == PrincipalMatch.Account);
        var requiresResourcePolicy = RequiresResourcePolicy(inputs, sameAccount);

        Func<string> grantedBy;
        LayerResult? grantingLayer;
        if (sameAccount && !requiresResourcePolicy)
        {
            if (direct is null && !identityAllows)
            {
                return new Verdict(DecisionKind.ImplicitDeny, () => "Implicitly denied: no identity-based or resource-based policy allows the request.", inputs.Identity);
            }

            (grantedBy, grantingLayer) = direct is not null && identityGrant is null
                ? (ByResourcePolicy(direct), inputs.Resource)
                : (ByIdentityPolicy(caller, identityGrant), inputs.Identity);
        }
        else if (sameAccount)
        {
            // Role trust policies and KMS key policies must allow even within the account.
            if (direct is not null)
            {
                (grantedBy, grantingLayer) = (ByResourcePolicy(direct), inputs.Resource);
            }
            else if (accountGrant is not null && identityAllows)
            {
                (grantedBy, grantingLayer) = (DelegatedByResourcePolicy(caller, identityGrant, accountGrant), inputs.Identity);
            }
            else
            {
                return ImplicitlyDenied(
                    accountGrant is null
                        ? "the resource policy (role trust or key policy) neither names the caller nor delegates to its account"
                        : "the resource policy delegates to the account, but no identity-based policy allows the request",
                    inputs.Resource ?? inputs.Identity);
            }
        }
        else
        {
            // Cross-account: both sides must allow.
            var resourceSide = direct ?? accountGrant;
            if (resourceSide is null)
            {
                return new Verdict(DecisionKind.ImplicitDeny, () => "Implicitly denied: cross-account access needs the resource policy to allow the caller or its account, and it does not.", inputs.Resource ?? inputs.Identity);
            }

            if (!identityAllows)
            {
                return new Verdict(DecisionKind.ImplicitDeny, () => "Implicitly denied: cross-account access needs an identity-based policy of the caller to allow the request too.", inputs.Identity);
            }

            (grantedBy, grantingLayer) = (ByBothSides(caller, identityGrant, resourceSide), inputs.Identity);
        }

        // 7. A permissions boundary limits identity-based grants; within the account it does not limit a resource
        // policy that names an IAM user or session ARN (or everyone), but it does limit one naming a role ARN.
        if (inputs.Boundary is { } boundaryLayer && caller.IsIamIdentity && !boundaryLayer.Allows(optimistic))
        {
            var bypass = sameAccount && inputs.Resource?.FirstAllow(optimistic, caller.Type == AwsPrincipalType.IamRole
                ? static p => p == PrincipalMatch.Wildcard
                : static p => p is PrincipalMatch.Exact or PrincipalMatch.Wildcard) is not null;
            if (!bypass)
            {
                return new Verdict(DecisionKind.ImplicitDeny, () => "Implicitly denied: the permissions boundary allows no matching statement.", boundaryLayer);
            }
        }

        return AllowedBy(grantedBy, grantingLayer);
    }

    private static bool IsRoleAssumption(in PreparedRequest request) =>
        request.ActionLower.StartsWith("sts:assumerole", StringComparison.Ordinal)
        && request.ResourceArn is { Service: "iam" } arn && arn.Resource.StartsWith("role/", StringComparison.Ordinal);

    private static bool IsDirect(PrincipalMatch match) => match is PrincipalMatch.Exact or PrincipalMatch.Wildcard or PrincipalMatch.RoleOfSession;

    private static string IdentityGrant(AwsPrincipal caller, MatchedStatement? grant) => grant is null
        ? caller.Type == AwsPrincipalType.AccountRoot ? "the account root user's full access to its own account" : "identity-based policies"
        : $"identity-based policy `{grant.Policy}` (statement `{grant.Statement.DisplayName}`)";

    /// <summary>Role trust policies (sts) and KMS key policies must allow even in the same account.</summary>
    private static bool RequiresResourcePolicy(in DecisionInputs inputs, bool sameAccount)
    {
        var arn = inputs.Request.ResourceArn;
        if (arn is not { } resourceArn)
        {
            return false;
        }

        if (string.Equals(resourceArn.Service, "kms", StringComparison.OrdinalIgnoreCase))
        {
            return resourceArn.Resource.StartsWith("key/", StringComparison.OrdinalIgnoreCase);
        }

        return inputs.Resource is not null && inputs.Request.ActionLower.StartsWith("sts:", StringComparison.Ordinal)
            && string.Equals(resourceArn.Service, "iam", StringComparison.OrdinalIgnoreCase)
            && resourceArn.Resource.StartsWith("role/", StringComparison.Ordinal) && sameAccount;
    }

    private static Verdict? ControlPolicies(in DecisionInputs inputs, bool optimistic)
    {
        foreach (var level in inputs.Caller.IsAuthenticated ? inputs.Scps : [])
        {
            if (!level.Allows(optimistic))
            {
                return NotAllowedByControlPolicies("SCP", "the account", level);
            }
        }

        foreach (var level in inputs.Rcps)
        {
            if (!level.Allows(optimistic))
            {
                return NotAllowedByControlPolicies("RCP", "the resource's account", level);
            }
        }

        return null;
    }

    // AWS applies RCPs to the resources of these services only (AWS Organizations user guide, "List of AWS services
    // that support RCPs"; ECR, DynamoDB, OpenSearch Serverless, CloudWatch Logs, Cognito user and identity pools and
    // IAM Roles Anywhere joined the first five in 2025-26); an RCP naming any other service does not restrict it.
    private static bool AppliesResourceControlPolicies(string actionLower)
    {
        var colon = actionLower.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && actionLower.AsSpan(0, colon) is "s3" or "sts" or "kms" or "sqs" or "secretsmanager" or "ecr" or "aoss" or "dynamodb" or "logs" or "cognito-idp" or "cognito-identity" or "rolesanywhere";
    }

    private static string Where(LayerResult layer) => layer.Scope is null ? layer.Layer : $"{layer.Layer} at `{layer.Scope}`";

    private static LayerResult[] EvaluateLevels(string name, ImmutableArray<ControlPolicyLevel> levels, in PreparedRequest request, bool callerHasBoundary)
    {
        if (levels.IsEmpty)
        {
            return [];
        }

        var results = new LayerResult[levels.Length];
        for (var i = 0; i < levels.Length; i++)
        {
            results[i] = Evaluate(name, levels[i].Target, levels[i].Policies.AsSpan(), request, resourcePolicy: false, callerHasBoundary);
        }

        return results;
    }

    private static bool AnyUndecided(List<LayerResult> layers)
    {
        foreach (var layer in layers)
        {
            if (layer.HasUndecided)
            {
                return true;
            }
        }

        return false;
    }

    private static LayerResult Evaluate(string name, string? scope, ReadOnlySpan<NamedPolicy> policies, in PreparedRequest request, bool resourcePolicy, bool callerHasBoundary)
    {
        var layer = new LayerResult(name, scope);
        foreach (var policy in policies)
        {
            var variables = policy.Document.SupportsVariables;
            var index = StatementIndex.Of(policy.Document);
            foreach (var statement in index.For(request.ActionLower))
            {
                if (statement.Problem is not null)
                {
                    if (statement.Action.Patterns.Length == 0 || StatementMatcher.ActionMatches(statement.Action, request.ActionLower))
                    {
                        layer.Add(new MatchedStatement(policy.Name, statement, Tri.Unknown, PrincipalMatch.Wildcard, null));
                    }

                    continue;
                }

                if (!StatementMatcher.ActionMatches(statement.Action, request.ActionLower))
                {
                    continue;
                }

                var principal = PrincipalMatch.Exact;
                if (resourcePolicy)
                {
                    principal = StatementMatcher.PrincipalMatches(statement.Principal, request.Principal, callerHasBoundary, statement.Effect);
                    if (principal == PrincipalMatch.None)
                    {
                        continue;
                    }
                }

                var match = StatementMatcher.ResourceMatches(statement.Resource, request, variables);
                if (match == Tri.False)
                {
                    continue;
                }

                // Only an open context leaves conditions undecided; the list is made only when one is.
                List<string>? undecided = null;
                match = match.And(StatementMatcher.ConditionsMatch(statement, request, variables, ref undecided));
                if (match == Tri.False)
                {
                    continue;
                }

                if (match == Tri.Unknown && request.Context.IsOpen && undecided is null)
                {
                    undecided = ["a policy variable whose key is not known has the needed value"];
                }

                layer.Add(match == Tri.True && undecided is null && !resourcePolicy
                    ? index.DefiniteMatch(policy.Name, statement)
                    : new MatchedStatement(policy.Name, statement, match, principal, undecided));
            }
        }

        return layer;
    }
}
