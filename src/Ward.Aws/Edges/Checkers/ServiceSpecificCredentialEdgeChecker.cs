using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Queries;
using Ward.Core.Decisions;
using Ward.Core.Graph;

namespace Ward.Aws.Edges.Checkers;

/// <summary>
/// <c>ward-iam-service-credential</c>: a principal that can create (iam:CreateServiceSpecificCredential) or reset
/// (iam:ResetServiceSpecificCredential) a service-specific credential of another user of its account acts as that
/// user, but only in the credential's service: CodeCommit Git credentials, Amazon Keyspaces passwords, Amazon
/// Bedrock API keys. Its edges are limited to that service (<see cref="Edge.LimitedToServices"/>), so no path goes
/// through them.
/// </summary>
/// <remarks>
/// Each service is decided on its own, with <c>iam:ServiceSpecificCredentialServiceName</c> in the request. A target
/// counts only if its own effective permissions let it use the credential (its policies, boundary and SCPs still
/// apply to every request made with it). Resetting needs an existing credential, which the exports do not list, and
/// its id (iam:ListServiceSpecificCredentials): such an edge is conditional on the credential existing.
/// </remarks>
public sealed class ServiceSpecificCredentialEdgeChecker : IAwsEdgeChecker
{
    private const string Create = "iam:CreateServiceSpecificCredential";
    private const string Reset = "iam:ResetServiceSpecificCredential";
    private const string List = "iam:ListServiceSpecificCredentials";

    /// <summary>
    /// The services that issue service-specific credentials (the CreateServiceSpecificCredential API reference), and
    /// what a user needs to use one: any of <c>AnyOf</c>, and every one of <c>AllOf</c>.
    /// </summary>
    private static readonly ImmutableArray<CredentialService> Services =
    [
        new("codecommit.amazonaws.com", "codecommit", "CodeCommit", AnyOf: ["codecommit:GitPull", "codecommit:GitPush"], AllOf: []),
        new("cassandra.amazonaws.com", "cassandra", "Amazon Keyspaces", AnyOf: ["cassandra:Select", "cassandra:Modify"], AllOf: []),
        // A long-term Bedrock API key works only where bedrock:CallWithBearerToken is allowed for it.
        new("bedrock.amazonaws.com", "bedrock", "Amazon Bedrock", AnyOf: ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream", "bedrock:Converse"], AllOf: ["bedrock:CallWithBearerToken"]),
    ];

    private static readonly IReadOnlyDictionary<string, ContextValue> LongTermBearerToken =
        new Dictionary<string, ContextValue>(StringComparer.Ordinal) { ["bedrock:BearerTokenType"] = ContextValue.Of("LONG_TERM") };

    // The request context of each service's credential calls (the service name the API takes).
    private static readonly FrozenDictionary<string, IReadOnlyDictionary<string, ContextValue>> RequestFor = Services.ToFrozenDictionary(
        service => service.Name,
        service => (IReadOnlyDictionary<string, ContextValue>)new Dictionary<string, ContextValue>(StringComparer.Ordinal) { ["iam:ServiceSpecificCredentialServiceName"] = ContextValue.Of(service.Name) },
        StringComparer.Ordinal);

    public string TechniqueId => "ward-iam-service-credential";

    public bool GrantsAdmin => false;

    public bool TargetsSelf => false;

    public bool LimitsServices => true;

    public IEnumerable<Edge> Check(AwsEdgeContext context, IReadOnlySet<string>? targets)
    {
        // What each target user can do with a credential, worked out once per scan (many principals share targets).
        var usable = new ConcurrentDictionary<(string Target, string Service), Decision?>();
        var usableUsers = new ConcurrentDictionary<string, string[]>(StringComparer.Ordinal);
        var sources = context.Candidates(Create).Concat(context.Candidates(Reset)).DistinctBy(p => p.Value, StringComparer.Ordinal).OrderBy(p => p.Value, StringComparer.Ordinal);
        foreach (var principal in sources)
        {
            // Denied on every user no statement names, and no statement names one: nothing to find (cheap to know).
            if (Array.TrueForAll([Create, Reset], action => context.SharedDecision(principal, action, "user") is { Kind: not (DecisionKind.Allowed or DecisionKind.Conditional) }
                && !context.NamesResources(principal, action, "user")))
            {
                continue;
            }

            var candidates = usableUsers.GetOrAdd(principal.Account ?? string.Empty, account => UsersWhoCouldUseACredential(context, account, usable))
                .Where(target => target != principal.Value && (targets is null || targets.Contains(target)));
            var limit = new EdgeLimit();
            foreach (var target in candidates)
            {
                var edge = EdgeTo(context, principal, target, usable);
                if (limit.Admit(edge))
                {
                    yield return edge!;
                }

                if (limit.Done)
                {
                    break;
                }
            }
        }
    }

    /// <summary>
    /// The users of the account whose own permissions let them use a credential of some service: the only targets
    /// worth an edge, worked out once per account. Administrators first (taking over one of them is the worse
    /// finding, and the one kept), then by ARN.
    /// </summary>
    private static string[] UsersWhoCouldUseACredential(AwsEdgeContext context, string account, ConcurrentDictionary<(string Target, string Service), Decision?> usable) =>
        // On every core: this checker often runs last and alone, and an account has thousands of users to decide.
        [.. context.SortedUsers(account).AsParallel()
            .Where(user => Services.Any(service => usable.GetOrAdd((user, service.Prefix), key => Usable(context, key.Target, service)) is not null))
            .OrderBy(user => context.Admins.Contains(AwsEdgeContext.IdOf(user)) ? 0 : 1)
            .ThenBy(user => user, StringComparer.Ordinal)];

    /// <summary>The edge to one target: the services where the credential can be had and used, certain ones preferred.</summary>
    private Edge? EdgeTo(AwsEdgeContext context, AwsPrincipal principal, string target, ConcurrentDictionary<(string Target, string Service), Decision?> usable)
    {
        var options = new List<(CredentialService Service, Edge Edge)>();
        foreach (var service in Services)
        {
            // Whether the target could use the credential at all first: worked out once per target and service, it
            // rules out most targets before any edge is built.
            if (usable.GetOrAdd((target, service.Prefix), key => Usable(context, key.Target, service)) is not { } use)
            {
                continue;
            }

            var request = RequestFor[service.Name];
            var create = context.MayAllowOn(principal, Create, target) ? context.CanOnTarget(principal, Create, target, service.Name, request) : null;
            var edge = create is not null ? AwsEdgeContext.EdgeIf(TechniqueId, principal.Value, target, string.Empty, grantsAdmin: false, (Create, target, create)) : null;
            if (edge is null && context.MayAllowOn(principal, Reset, target))
            {
                // The credential's id comes from listing the user's credentials.
                var reset = context.CanOnTarget(principal, Reset, target, service.Name, request);
                var list = context.CanOnTarget(principal, List, target);
                edge = AwsEdgeContext.EdgeIf(TechniqueId, principal.Value, target, string.Empty, grantsAdmin: false, (List, target, list), (Reset, target, reset)) is { } resetEdge
                    ? resetEdge with { Requirements = [.. resetEdge.Requirements, $"`{NameOf(target)}` already has a {service.Title} service-specific credential (the IAM export does not list them)"] }
                    : null;
            }

            if (edge is null)
            {
                continue;
            }

            options.Add((service, use is Conditional conditional
                ? edge with { Requirements = [.. edge.Requirements, .. conditional.Requirements.Select(r => $"{r} (for `{NameOf(target)}` using {service.Title})")] }
                : edge));
        }

        // One edge per target: the services reached for certain, or else those reached under conditions.
        var chosen = options.Where(o => !o.Edge.IsConditional).ToList() is { Count: > 0 } certain ? certain : options;
        if (chosen.Count == 0)
        {
            return null;
        }

        return chosen[0].Edge with
        {
            Description = $"{(chosen.Exists(o => o.Edge.Permissions.Any(p => p.Action == Create)) ? "creates" : "resets")} a service-specific credential of `{NameOf(target)}` and acts as it in {string.Join(", ", chosen.Select(o => o.Service.Title))} only",
            Permissions = [.. chosen.SelectMany(o => o.Edge.Permissions).DistinctBy(p => (p.Action, p.Resource, p.GrantedBy))],
            Requirements = [.. chosen.SelectMany(o => o.Edge.Requirements).Distinct(StringComparer.Ordinal)],
            LimitedToServices = [.. chosen.Select(o => o.Service.Prefix)],
        };
    }

    /// <summary>Whether the target's own effective permissions let it use a credential of the service: null when not, else the decision (allowed or conditional).</summary>
    private static Decision? Usable(AwsEdgeContext context, string target, CredentialService service)
    {
        if (!context.Estate.Users.TryGetValue(target, out var user))
        {
            return null;
        }

        // As the user's own requests would be decided: in a region it may use, over TLS, on any resource.
        var principal = new AwsPrincipal(AwsPrincipalType.IamUser, user.Arn, user.Account, user.Name);
        var regions = AwsUnrestrictedAccess.ProbeRegions(context.Estate, principal);

        // Most users hold no statement that could allow these services' actions: the pre-filter settles them
        // without the evaluator (null: certainly neither allowed nor conditional).
        Decision? Decide(string action) =>
            AwsUnrestrictedAccess.MayAllow(context, principal, action, regions)
                ? AwsUnrestrictedAccess.Decide(context.Queries, principal, action, context.RegionsWorthProbing(principal, action, regions), action == "bedrock:CallWithBearerToken" ? LongTermBearerToken : null).Decision
                : null;

        var any = service.AnyOf.Select(Decide).OfType<Decision>().OrderBy(d => d.Kind == DecisionKind.Allowed ? 0 : d.Kind == DecisionKind.Conditional ? 1 : 2).FirstOrDefault();
        if (any is null)
        {
            return null;
        }

        var required = service.AllOf.Select(Decide).Append(any).ToList();
        if (required.Exists(d => d is not { Kind: DecisionKind.Allowed or DecisionKind.Conditional }))
        {
            return null;
        }

        return required.FirstOrDefault(d => d!.Kind == DecisionKind.Conditional) ?? any;
    }

    private static string NameOf(string arn) => arn[(arn.LastIndexOf('/') + 1)..];

    /// <param name="Name">The service name the API takes (<c>codecommit.amazonaws.com</c>).</param>
    /// <param name="Prefix">Its action prefix.</param>
    /// <param name="Title">Its name in descriptions.</param>
    /// <param name="AnyOf">Actions of which the user needs one to make use of the credential.</param>
    /// <param name="AllOf">Actions the user needs all of.</param>
    private sealed record CredentialService(string Name, string Prefix, string Title, ImmutableArray<string> AnyOf, ImmutableArray<string> AllOf);
}
