using Ward.Aws.Estate;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Policy.Parsing;
using Ward.Aws.Policy.Syntax;
using Ward.Aws.Resources;
using Ward.Core.Decisions;
using Ward.Core.Diagnostics;

namespace Ward.Aws.Edges;

/// <summary>
/// What the checkers of edges to a resource named with <c>--target</c> share: who may act on it, the request
/// context of such a call, the data actions decided with a given resource policy, and the policy a principal
/// would write to let itself in.
/// </summary>
internal static class ResourceTargets
{
    /// <summary>
    /// The principals worth deciding for the actions on the resource, admin-equivalent ones included (a key policy
    /// can lock out an account's administrators): those with an identity statement that could allow one of the
    /// actions on it, and those its policy could name. Account root users are left out: they are no escalation source.
    /// </summary>
    public static IEnumerable<AwsPrincipal> Sources(AwsEdgeContext context, AwsResourcePolicy resource, IReadOnlyList<(string Action, string Resource)> requests) =>
        context.Principals.Where(principal => principal.Type != AwsPrincipalType.AccountRoot
            && (PolicyMayName(resource.Document, principal) || requests.Any(r => context.MayAllowOn(principal, r.Action, r.Resource))));

    /// <summary>
    /// A direct call on the resource as its owner's region and TLS would have it: the caller chooses both, so
    /// conditions on them do not hold the edge back. Other request facts stay open (requirements).
    /// </summary>
    public static Dictionary<string, ContextValue> RequestContext(AwsResourcePolicy resource, IEnumerable<KeyValuePair<string, ContextValue>>? extra = null)
    {
        var context = new Dictionary<string, ContextValue>(StringComparer.OrdinalIgnoreCase)
        {
            ["aws:ResourceAccount"] = ContextValue.Of(resource.Account),
            ["aws:SecureTransport"] = ContextValue.Of("true"),
        };
        if (resource.Region is { } region)
        {
            context["aws:RequestedRegion"] = ContextValue.Of(region);
        }

        foreach (var (key, value) in extra ?? [])
        {
            context[key] = value;
        }

        return context;
    }

    /// <summary>
    /// The data actions of the resource type (<see cref="SensitiveActions.DataActions"/>) the principal may perform,
    /// with <paramref name="resourcePolicy"/> in place of the exported policy when given: the certainly allowed ones
    /// when there are any, else those allowed under conditions. Empty when none is allowed.
    /// </summary>
    public static (string Action, string Resource, Decision Decision)[] DataAccess(AwsEdgeContext context, AwsPrincipal principal, AwsResourcePolicy resource, NamedPolicy? resourcePolicy = null)
    {
        var requestContext = RequestContext(resource);
        Func<AwsPolicySet, AwsPolicySet>? adjust = resourcePolicy is null ? null : policies => policies with { ResourcePolicy = resourcePolicy };
        var decided = SensitiveActions.DataActions(resource.Type, resource.Arn)
            .Select(a => (a.Action, a.Resource, Decision: context.Can(principal, a.Action, a.Resource, requestContext, adjust)))
            .ToArray();
        var certain = Array.FindAll(decided, d => d.Decision.Kind == DecisionKind.Allowed);
        return certain.Length > 0 ? certain : Array.FindAll(decided, d => d.Decision.Kind == DecisionKind.Conditional);
    }

    /// <summary>
    /// The data actions a principal of <paramref name="account"/> holding arbitrary permissions (its identity
    /// policies allow everything, no boundary; the account's SCPs still apply) may perform on the resource under its
    /// current policy: what a principal that can grant itself anything in that account reaches.
    /// </summary>
    public static (string Action, string Resource, Decision Decision)[] ArbitraryPermissionsAccess(AwsEdgeContext context, string account, AwsResourcePolicy resource)
    {
        var probe = new AwsPrincipal(AwsPrincipalType.IamRole, $"arn:aws:iam::{account}:role/ward-arbitrary-permissions", account, "ward-arbitrary-permissions");
        var requestContext = RequestContext(resource);
        var decided = SensitiveActions.DataActions(resource.Type, resource.Arn)
            .Select(a => (a.Action, a.Resource, Decision: context.Can(probe, a.Action, a.Resource, requestContext, Queries.ProbeCallers.Willingly)))
            .ToArray();
        var certain = Array.FindAll(decided, d => d.Decision.Kind == DecisionKind.Allowed);
        return certain.Length > 0 ? certain : Array.FindAll(decided, d => d.Decision.Kind == DecisionKind.Conditional);
    }

    /// <summary>The resource policy as the principal would rewrite it: one statement letting itself do anything to the resource.</summary>
    public static NamedPolicy RewrittenFor(AwsResourcePolicy resource, AwsPrincipal principal) =>
        new($"resource policy of {resource.Name} as rewritten by {principal.Name ?? principal.Value}", Parse(AllowStatement("WardRewrite", principal, "*"), resource));

    /// <summary>
    /// The exported policy with one more statement allowing the principal the actions: how a grant adds to a key
    /// policy (whose denies still apply).
    /// </summary>
    public static NamedPolicy WithGrantFor(AwsResourcePolicy resource, AwsPrincipal principal, string description, params string[] actions)
    {
        var added = Parse(AllowStatement("WardGrant", principal, actions), resource).Statements[0] with { Index = resource.Document.Statements.Length };
        // A copy would keep the original's statement index, which does not know the added statement: built anew.
        var document = resource.Document with { Statements = resource.Document.Statements.Add(added) };
        return new NamedPolicy($"resource policy of {resource.Name} with {description}", document);
    }

    /// <summary>The actions of <paramref name="steps"/>, for edge descriptions.</summary>
    public static string ActionsOf(IEnumerable<(string Action, string Resource, Decision Decision)> steps) =>
        string.Join(", ", steps.Select(s => s.Action).Distinct(StringComparer.Ordinal));

    /// <summary>
    /// Whether an Allow statement of the policy could name the principal: everyone, an entry of its account (the
    /// account, its root, one of its ARNs), or an entry that is no ARN (a unique id). Unreadable statements could.
    /// </summary>
    private static bool PolicyMayName(PolicyDocument document, AwsPrincipal principal) =>
        document.Statements.Any(s => s.Problem is not null || (s.Effect == Effect.Allow && s.Principal is { } named
            && (named.Negated || named.IsWildcardString || named.Entries.Any(e => e.Type == PrincipalType.Aws
                && (e.Value == "*" || e.Value == principal.Value || (principal.Account is { } account && e.Value.Contains(account, StringComparison.Ordinal)) || !e.Value.StartsWith("arn:", StringComparison.Ordinal))))));

    private static string AllowStatement(string sid, AwsPrincipal principal, params string[] actions) =>
        $$"""{"Sid":"{{sid}}","Effect":"Allow","Principal":{"AWS":{{System.Text.Json.JsonSerializer.Serialize(principal.Value)}}},"Action":{{System.Text.Json.JsonSerializer.Serialize(actions)}},"Resource":"*"}""";

    private static PolicyDocument Parse(string statement, AwsResourcePolicy resource) =>
        PolicyParser.ParseText($$"""{"Version":"2012-10-17","Statement":[{{statement}}]}""", PolicyKind.Resource, new SourceLocation($"(rewritten policy of {resource.Arn})")).Document
            ?? throw new InvalidOperationException("a policy Ward writes itself must parse");
}
