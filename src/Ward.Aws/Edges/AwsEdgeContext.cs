using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Ward.Aws.Estate;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Policy.Matching;
using Ward.Aws.Policy.Syntax;
using Ward.Aws.Queries;
using Ward.Core.Decisions;
using Ward.Core.Graph;
using Ward.Core.Model;

namespace Ward.Aws.Edges;

/// <summary>
/// What edge checkers may ask: the estate, decisions by the full evaluator, and cached shortcuts (which principals
/// have any statement that could allow an action, which roles trust a service). Checkers read files and clouds never.
/// </summary>
public sealed partial class AwsEdgeContext
{
    private static readonly IReadOnlyDictionary<string, ContextValue> NoContext = FrozenDictionary<string, ContextValue>.Empty;

    private static readonly ConcurrentDictionary<string, string> LowerCase = new(StringComparer.Ordinal);

    private const string AssumeRoleLower = "sts:assumerole";

    // Stands for "a statement could allow the action on anything" among per-document patterns.
    private static readonly string[] AnyResource = ["*"];

    // Stands for "a statement could single out a resource other than by a pattern" among per-document patterns.
    private static readonly string[] Unshareable = ["(unshareable)"];

    // The policy a technique that grants arbitrary permissions adds to its target (see AdminOnceRewritten).
    private static readonly NamedPolicy ArbitraryPermissions = new(
        "arbitrary permissions granted by the technique",
        Policy.Parsing.PolicyParser.ParseText("""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""", PolicyKind.Identity, Core.Diagnostics.SourceLocation.None).Document!);

    private readonly ConcurrentDictionary<string, PrincipalFacts> _facts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AdminVerdict?> _rewritten = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AdminVerdict> _unbounded = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<bool[]>> _mayAllowByAction = new(StringComparer.Ordinal);

    // Per document and action: its specific patterns (see DocumentSpecificPatterns); only documents with statements for the action's service.
    private readonly ConcurrentDictionary<(StatementIndex Index, string ActionLower), string[]> _specificPatternsByDocument = new();

    // Per action, per numbered document: its allow patterns (see DocumentAllowPatterns), filled in as asked.
    private readonly ConcurrentDictionary<string, string[]?[]> _allowPatternsByAction = new(StringComparer.Ordinal);
    private readonly Policy.BoundedCache<string, SortedSet<string>> _targetsByPatterns = new(100_000, StringComparer.Ordinal);
    private readonly Policy.BoundedCache<string, SortedSet<string>> _holdersByPatterns = new(100_000, StringComparer.Ordinal);
    private readonly FrozenDictionary<string, int> _positions;
    private readonly Lazy<(StatementIndex[] Documents, int[][] DocumentsByPrincipal)> _documents;
    private readonly Lazy<(FrozenDictionary<string, int[]> ByService, int[] AnyService, int[][] Holders)> _documentsByService;
    private readonly ConcurrentDictionary<string, ImmutableArray<IamRole>> _rolesTrusting = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Lazy<ImmutableArray<(string Arn, bool Certain)>>> _adminGrantingPolicies = new(StringComparer.Ordinal);

    private readonly Lazy<TrustIndex> _trustIndex;
    private readonly Lazy<SortedArns> _sortedTargets;
    private readonly Lazy<(FrozenDictionary<string, string[]> Holders, SortedArns Sorted)> _heldPolicies;
    private readonly Lazy<FrozenDictionary<string, ImmutableArray<string>>> _sortedUsers;
    private readonly Lazy<FrozenDictionary<string, ImmutableArray<string>>> _sortedRoles;

    public AwsEdgeContext(AwsEstate estate, DateTimeOffset asOf, IReadOnlySet<PrincipalId>? admins = null)
    {
        _trustIndex = new Lazy<TrustIndex>(() => TrustIndex.Build(estate));
        _sortedTargets = new Lazy<SortedArns>(() =>
            new SortedArns(estate.Users.Keys.Concat(estate.Roles.Keys).Concat(estate.Accounts.SelectMany(a => a.Groups).Select(g => g.Arn))));
        _heldPolicies = new(() =>
        {
            var holders = estate.Users.Keys.Concat(estate.Roles.Keys)
                .SelectMany(holder => IamTargets.CustomerPoliciesOf(estate, holder).Select(policy => (Policy: policy, Holder: holder)))
                .GroupBy(p => p.Policy, StringComparer.Ordinal)
                .ToFrozenDictionary(g => g.Key, g => g.Select(p => p.Holder).ToArray(), StringComparer.Ordinal);
            return (holders, new SortedArns(holders.Keys));
        });
        _sortedUsers = new(() => estate.Users.Values.GroupBy(u => u.Account, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.Select(u => u.Arn).Order(StringComparer.Ordinal).ToImmutableArray(), StringComparer.Ordinal));
        _sortedRoles = new(() => estate.Roles.Values.GroupBy(r => r.Account, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.Select(r => r.Arn).Order(StringComparer.Ordinal).ToImmutableArray(), StringComparer.Ordinal));
        Estate = estate;
        AsOf = asOf;
        Queries = new AwsAccessQueries(estate, asOf);
        Principals = [.. estate.Principals()];
        _documents = new(NumberDocuments);
        _documentsByService = new(IndexDocuments);
        _positions = Principals.Select((p, i) => (p.Value, i)).DistinctBy(p => p.Value, StringComparer.Ordinal).ToFrozenDictionary(p => p.Value, p => p.i, StringComparer.Ordinal);
        Admins = admins ?? FrozenSet<PrincipalId>.Empty;
    }

    public AwsEstate Estate { get; }

    /// <summary>The reference time of every decision.</summary>
    public DateTimeOffset AsOf { get; }

    public AwsAccessQueries Queries { get; }

    public ImmutableArray<AwsPrincipal> Principals { get; }

    /// <summary>Admin-equivalent principals: they need no escalation, so checkers skip them as sources.</summary>
    /// <remarks>The graph builder sets them once the verdicts are in, so that one context (and its caches) serves both.</remarks>
    public IReadOnlySet<PrincipalId> Admins { get; internal set; }

    public static PrincipalId IdOf(AwsPrincipal principal) => new(principal.Value);

    public static PrincipalId IdOf(string arn) => new(arn);

    /// <summary>
    /// Principals that certainly reach admin (or the resource searched for) by the edges found so far: no other edge
    /// from them can make a path shorter or surer, so checkers need not look for more.
    /// </summary>
    public ConcurrentDictionary<string, byte> Settled { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Non-admin, unsettled principals with an identity statement that could allow every given action (for
    /// sts:AssumeRole, or a trust policy of their account naming them by ARN or naming everyone: see <see cref="MayAllow"/>).
    /// </summary>
    public IEnumerable<AwsPrincipal> Candidates(params string[] actions)
    {
        var allowing = actions.Select(MayAllowByPrincipal).ToArray();
        for (var i = 0; i < Principals.Length; i++)
        {
            var principal = Principals[i];
            if (AllSet(allowing, i) && !Admins.Contains(IdOf(principal)) && !Settled.ContainsKey(principal.Value))
            {
                yield return principal;
            }
        }
    }

    private static bool AllSet(bool[][] allowing, int position)
    {
        foreach (var bits in allowing)
        {
            if (!bits[position])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A cheap, sound pre-filter: false only when no identity statement can allow the action, and, for
    /// sts:AssumeRole, no role trust policy of the principal's own account names it by ARN or names everyone
    /// (<c>"*"</c>, <c>{"AWS": "*"}</c>, an Allow with NotPrincipal). Within one account such a trust policy allows the
    /// assumption by itself, with no identity policy (IAM user guide, "Policy evaluation logic": a resource-based
    /// policy naming the principal, or <c>*</c>, suffices within the account; STS API reference, AssumeRole).
    /// </summary>
    public bool MayAllow(AwsPrincipal principal, string action) =>
        _positions.TryGetValue(principal.Value, out var position) && Principals[position].Type == principal.Type
            ? MayAllowByPrincipal(action)[position]
            : AnyIdentityStatementMayAllow(principal, Lower(action))
                || (Lower(action) == AssumeRoleLower && (_trustIndex.Value.IsNamedDirectly(principal.Value) || _trustIndex.Value.HasOpenRole(principal.Account)));

    /// <summary>
    /// <see cref="MayAllow"/> for every principal of the estate (by position), worked out once per action: every
    /// checker and rule asks it of every principal.
    /// </summary>
    /// <remarks>Decided per policy document (a managed policy is shared by many principals), then per principal.</remarks>
    private bool[] MayAllowByPrincipal(string action) =>
        _mayAllowByAction.TryGetValue(action, out var known) ? known.Value : _mayAllowByAction.GetOrAdd(action, a => new Lazy<bool[]>(() =>
        {
            var lower = Lower(a);
            var documents = _documents.Value.Documents;
            var (byService, anyService, holders) = _documentsByService.Value;
            var colon = lower.IndexOf(':', StringComparison.Ordinal);
            var byPrincipal = new bool[Principals.Length];
            // Only the documents naming the action's service, or any service, can allow it: the others are not looked at.
            foreach (var id in (colon > 0 && byService.TryGetValue(lower[..colon], out var naming) ? naming : []).Concat(anyService))
            {
                if (DocumentMayAllow(documents[id], lower))
                {
                    foreach (var holder in holders[id])
                    {
                        byPrincipal[holder] = true;
                    }
                }
            }

            if (lower == AssumeRoleLower)
            {
                // A same-account trust policy naming the principal by ARN, or naming everyone, needs no identity
                // statement.
                var trusts = _trustIndex.Value;
                foreach (var named in trusts.NamedDirectly)
                {
                    if (_positions.TryGetValue(named, out var position))
                    {
                        byPrincipal[position] = true;
                    }
                }

                for (var i = 0; i < Principals.Length; i++)
                {
                    byPrincipal[i] |= trusts.HasOpenRole(Principals[i].Account);
                }
            }

            return byPrincipal;
        })).Value;

    private bool AnyIdentityStatementMayAllow(AwsPrincipal principal, string lower) =>
        Array.Exists(FactsOf(principal).Identity, index => DocumentMayAllow(index, lower));

    private static bool DocumentMayAllow(StatementIndex document, string lower)
    {
        foreach (var statement in document.For(lower))
        {
            if (statement.Problem is not null || (statement.Effect == Effect.Allow && ActionMatches(statement.Action, lower)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The documents (by number) whose statements name each service, those with a statement that could name any
    /// service, and the principals (by position) that hold each document.
    /// </summary>
    private (FrozenDictionary<string, int[]> ByService, int[] AnyService, int[][] Holders) IndexDocuments()
    {
        var (documents, documentsByPrincipal) = _documents.Value;
        var byService = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var anyService = new List<int>();
        for (var id = 0; id < documents.Length; id++)
        {
            foreach (var service in documents[id].Services)
            {
                (byService.TryGetValue(service, out var ids) ? ids : byService[service] = []).Add(id);
            }

            if (documents[id].HasAnyServiceStatements)
            {
                anyService.Add(id);
            }
        }

        var holders = new List<int>[documents.Length];
        for (var position = 0; position < documentsByPrincipal.Length; position++)
        {
            foreach (var id in documentsByPrincipal[position])
            {
                (holders[id] ??= []).Add(position);
            }
        }

        return (byService.ToFrozenDictionary(s => s.Key, s => s.Value.ToArray(), StringComparer.Ordinal), [.. anyService], Array.ConvertAll(holders, h => h?.ToArray() ?? []));
    }

    /// <summary>The distinct identity policy documents of the estate's principals, and each principal's (by position).</summary>
    private (StatementIndex[] Documents, int[][] DocumentsByPrincipal) NumberDocuments()
    {
        var ids = new Dictionary<StatementIndex, int>(ReferenceEqualityComparer.Instance);
        var byPrincipal = new int[Principals.Length][];
        for (var i = 0; i < Principals.Length; i++)
        {
            byPrincipal[i] = Array.ConvertAll(FactsOf(Principals[i]).Identity, index => ids.TryGetValue(index, out var id) ? id : ids[index] = ids.Count);
        }

        var documents = new StatementIndex[ids.Count];
        foreach (var (index, id) in ids)
        {
            documents[id] = index;
        }

        return (documents, byPrincipal);
    }

    /// <summary>
    /// A cheap, sound pre-filter on a concrete resource: false only when no allowing statement's resource pattern
    /// can match it, and, for sts:AssumeRole, the role's trust policy neither names the principal of its own account
    /// by ARN nor names everyone (the full evaluator decides the rest).
    /// </summary>
    public bool MayAllowOn(AwsPrincipal principal, string action, string resourceArn)
    {
        var lower = Lower(action);
        if (lower == AssumeRoleLower && (_trustIndex.Value.NamesDirectly(principal.Value, resourceArn) || _trustIndex.Value.IsOpenTo(principal.Account, resourceArn)))
        {
            return true;
        }

        var resource = new ResourceToMatch(resourceArn);
        if (!_positions.TryGetValue(principal.Value, out var position) || Principals[position].Type != principal.Type)
        {
            return AllowPatterns(principal, lower) is not { } patterns || AnyMatches(patterns.AsSpan(), ref resource);
        }

        // Per document: a managed policy's patterns are worked out once for all the principals it is attached to.
        var (documents, documentsByPrincipal) = _documents.Value;
        var table = _allowPatternsByAction.TryGetValue(lower, out var known) ? known : _allowPatternsByAction.GetOrAdd(lower, static (_, count) => new string[]?[count], documents.Length);
        foreach (var id in documentsByPrincipal[position])
        {
            var patterns = DocumentAllowPatterns(table, documents, id, lower);
            if (ReferenceEquals(patterns, AnyResource) || AnyMatches(patterns, ref resource))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>As the evaluator matches: by ARN parts when both are ARNs, otherwise as text (`*-prod`, or `*` itself).</summary>
    private static bool AnyMatches(ReadOnlySpan<string> patterns, ref ResourceToMatch resource)
    {
        if (patterns.IsEmpty)
        {
            return false;
        }

        var text = resource.Text;
        var isArn = resource.TryGetArn(out var arn);
        foreach (var pattern in patterns)
        {
            if (isArn ? ArnMatcher.PatternMatches(pattern, arn, ignoreCaseBeforeResource: true) ?? Wildcard.IsMatch(pattern, text, ignoreCase: false) : Wildcard.IsMatch(pattern, text, ignoreCase: false))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A resource whose ARN is parsed on first need, once for all the documents a principal has.</summary>
    private struct ResourceToMatch(string text)
    {
        private bool _parsed;
        private bool _isArn;
        private Arn _arn;

        public readonly string Text => text;

        public bool TryGetArn(out Arn arn)
        {
            if (!_parsed)
            {
                _isArn = Arn.TryParse(text, out _arn);
                _parsed = true;
            }

            arn = _arn;
            return _isArn;
        }
    }

    /// <summary>The document's allow patterns for the action, worked out on first use (<see cref="AnyResource"/>: it could allow anything).</summary>
    private static string[] DocumentAllowPatterns(string[]?[] table, StatementIndex[] documents, int id, string actionLower)
    {
        // Two threads may both work it out: the answer is the same, and publishing a reference is atomic.
        if (Volatile.Read(ref table[id]) is { } known)
        {
            return known;
        }

        var document = documents[id];
        // Most documents have no statement on a given action: nothing to gather.
        var patterns = document.For(actionLower).Length == 0 ? []
            : AllowPatternsOf([document], actionLower) is { } found ? [.. found] : AnyResource;
        Volatile.Write(ref table[id], patterns);
        return patterns;
    }

    public Decision Can(AwsPrincipal principal, string action, string resource, IReadOnlyDictionary<string, ContextValue>? context = null, Func<AwsPolicySet, AwsPolicySet>? adjust = null) =>
        Queries.Can(principal, action, resource, context ?? NoContext, adjust: adjust).Decision;

    /// <summary>
    /// <see cref="Can"/> on an IAM user, role, group or policy, sharing one decision among the targets that only
    /// <c>Resource: "*"</c> statements apply to (per principal, action, account and <paramref name="contextKey"/>).
    /// </summary>
    /// <remarks>
    /// A target that no statement names specifically meets exactly the statements every other such target meets, so
    /// the evaluator's answer is the same: a principal allowed iam:PassRole on <c>*</c> under a condition would
    /// otherwise be evaluated once for each of thousands of roles, per technique. Targets some statement names (by
    /// a pattern other than <c>*</c>) are decided on their own; so is everything when a statement could look at the
    /// resource in other ways (NotResource, a resource condition key, an unreadable statement), and role
    /// assumption, whose trust policy is a resource policy.
    /// </remarks>
    public Decision CanOnTarget(AwsPrincipal principal, string action, string target, string contextKey = "", IReadOnlyDictionary<string, ContextValue>? context = null)
    {
        var lower = Lower(action);
        if (!Arn.TryParse(target, out var arn) || lower.StartsWith("sts:", StringComparison.Ordinal)
            || SpecificPatternsCached(principal, lower, arn.Account) is not { } specific
            || MayName(specific, arn))
        {
            return Can(principal, action, target, context);
        }

        var facts = FactsOf(principal);
        var key = (lower, arn.Account, contextKey);
        var decision = facts.TryRecall(f => f.SharedDecisions, key, out var shared) ? shared : DecideShared(facts, key, principal, action, target, context);
        return KeptDenial.IsKind(decision) ? KeptDenial.Recall(decision, () => Can(principal, action, target, context).Explanation) : decision;
    }

    /// <summary>
    /// Whether some statement of any layer names the target for the action with a pattern other than <c>*</c> (or looks
    /// at the resource in a condition): then its decision is its own; otherwise it shares the decision of every target
    /// of its account no statement names (as <see cref="CanOnTarget"/> does).
    /// </summary>
    public bool NamesSpecifically(AwsPrincipal principal, string action, string target) =>
        !Arn.TryParse(target, out var arn) || SpecificPatternsCached(principal, Lower(action), arn.Account) is not { } specific || MayName(specific, arn);

    // Apart from CanOnTarget, so that only a miss pays for the closure. A denial is kept as its kind alone (most are).
    private Decision DecideShared(PrincipalFacts facts, (string, string, string) key, AwsPrincipal principal, string action, string target, IReadOnlyDictionary<string, ContextValue>? context) =>
        facts.Remember(f => f.SharedDecisions, key, () => KeptDenial.Keep(Can(principal, action, target, context)));

    /// <summary>
    /// The decision every IAM resource of a type in the principal's own account shares when no statement names it
    /// specifically (see <see cref="CanOnTarget"/>); null when resources cannot share decisions.
    /// </summary>
    public Decision? SharedDecision(AwsPrincipal principal, string action, string resourceType)
    {
        if (principal.Account is not { } account || action.StartsWith("sts:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        // Every technique asks this of every candidate: decided once per principal, action and resource type.
        var facts = FactsOf(principal);
        var key = (Lower(action), resourceType);
        var decision = facts.TryRecall(f => f.UnnamedDecisions, key, out var known) ? known : DecideUnnamed(facts, key, principal, action, account);
        return KeptDenial.IsKind(decision) ? KeptDenial.Recall(decision!, () => CanOnTarget(principal, action, Unnamed(account, resourceType)).Explanation) : decision;
    }

    // Apart from SharedDecision, so that only a miss pays for the closure. A denial is kept as its kind alone (most are).
    private Decision? DecideUnnamed(PrincipalFacts facts, (string Lower, string ResourceType) key, AwsPrincipal principal, string action, string account) =>
        facts.Remember(f => f.UnnamedDecisions, key, () =>
        {
            var unnamed = Unnamed(account, key.ResourceType);
            return SpecificPatternsCached(principal, key.Lower, account) is not { } specific
                || !Arn.TryParse(unnamed, out var arn)
                || MayName(specific, arn)
                ? null
                : KeptDenial.Keep(CanOnTarget(principal, action, unnamed));
        });

    /// <summary>The IAM resource of a type no statement names, whose decision every such resource shares (<see cref="SharedDecision"/>).</summary>
    private static string Unnamed(string account, string resourceType) => $"arn:aws:iam::{account}:{resourceType}/ward-unnamed-{resourceType}";

    /// <summary>Whether some statement of any layer names resources for the action with a pattern other than <c>*</c> (or could single one out otherwise).</summary>
    public bool NamesResources(AwsPrincipal principal, string action, string? resourceType = null)
    {
        // Within the principal's own account, the only one where IAM actions on IAM resources can succeed.
        var lower = Lower(action);
        var refused = ServiceRules.SingledOut(lower).Select(Wildcard.Translate).ToList();
        return SpecificPatternsCached(principal, lower, principal.Account ?? string.Empty) is not { } patterns
            || patterns.Any(p => !refused.Contains(p, StringComparer.Ordinal) && (resourceType is null || CouldName(p, resourceType)));
    }

    /// <summary>
    /// Whether a pattern could name a resource of the type (<c>role</c>, <c>policy</c>...): the literal start of its
    /// resource part must agree with <c>type/</c>. <c>role/app-*</c> never names a policy.
    /// </summary>
    private static bool CouldName(string pattern, string resourceType)
    {
        var resource = ResourcePartOf(pattern);
        var wildcard = resource.IndexOfAny(Wildcard.AnyRun, Wildcard.AnyOne);
        var literal = wildcard < 0 ? resource : resource[..wildcard];
        var prefix = resourceType + "/";
        return resource.IsEmpty || literal.StartsWith(prefix, StringComparison.Ordinal) || prefix.AsSpan().StartsWith(literal, StringComparison.Ordinal);
    }

    /// <summary>
    /// The resource patterns other than <c>*</c> of every statement (any layer, either effect) that could apply to
    /// the action; null when some statement could single out a resource otherwise.
    /// </summary>
    private ImmutableArray<string>? SpecificPatterns(AwsPrincipal principal, string actionLower, string account)
    {
        // Per document (a managed policy, boundary or SCP serves many principals), then their union; out at the first
        // document that rules sharing out. Most unions are empty: the set is made for the first pattern.
        HashSet<string>? patterns = null;
        if (!AddSpecific(Estate.IdentityPoliciesOf(principal).AsSpan()) || (Estate.BoundaryOf(principal) is { } boundary && !AddSpecific([boundary])))
        {
            return null;
        }

        foreach (var level in Estate.ServiceControlLevelsFor(principal))
        {
            if (!AddSpecific(level.Policies.AsSpan()))
            {
                return null;
            }
        }

        foreach (var level in Estate.ResourceControlLevelsFor(account))
        {
            if (!AddSpecific(level.Policies.AsSpan()))
            {
                return null;
            }
        }

        // Resources a service rule refuses whatever the policies say are decided on their own too.
        foreach (var refused in ServiceRules.SingledOut(actionLower))
        {
            (patterns ??= new HashSet<string>(StringComparer.Ordinal)).Add(Wildcard.Translate(refused));
        }

        return patterns is null ? ImmutableArray<string>.Empty : [.. patterns];

        // False when a document rules sharing out.
        bool AddSpecific(ReadOnlySpan<NamedPolicy> policies)
        {
            foreach (var policy in policies)
            {
                var index = StatementIndex.Of(policy.Document);
                if (index.For(actionLower).Length == 0)
                {
                    continue;
                }

                var key = (index, actionLower);
                if (!_specificPatternsByDocument.TryGetValue(key, out var specific))
                {
                    specific = _specificPatternsByDocument.GetOrAdd(key, DocumentSpecificPatterns(index, actionLower));
                }

                if (ReferenceEquals(specific, Unshareable))
                {
                    return false;
                }

                if (specific.Length > 0)
                {
                    (patterns ??= new HashSet<string>(StringComparer.Ordinal)).UnionWith(specific);
                }
            }

            return true;
        }
    }

    /// <summary>
    /// The resource patterns other than <c>*</c> of the document's statements that could apply to the action, or
    /// <see cref="Unshareable"/> when one could single out a resource otherwise (NotResource, a resource condition key,
    /// an unreadable statement).
    /// </summary>
    private static string[] DocumentSpecificPatterns(StatementIndex index, string actionLower)
    {
        var patterns = new List<string>();
        foreach (var statement in index.For(actionLower))
        {
            if (statement.Problem is null && !ActionMatches(statement.Action, actionLower))
            {
                continue;
            }

            if (statement.Problem is not null || statement.Resource is not { Negated: false } resource || LooksAtTheResource(statement))
            {
                return Unshareable;
            }

            for (var i = 0; i < resource.Patterns.Length; i++)
            {
                if (resource.Patterns[i] != "*")
                {
                    // A policy variable may stand for anything: widen it to a wildcard (more targets decided on their own).
                    patterns.Add(WidenVariables(resource.Globs[i]));
                }
            }
        }

        return [.. patterns];

        static bool LooksAtTheResource(Statement statement) =>
            statement.Conditions.Any(c => c.Key.Contains("resource", StringComparison.OrdinalIgnoreCase) || c.Values.Any(v => v.Contains("resource", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>
    /// Every statement of every layer that could apply to the principal's request for the action on a resource of
    /// <paramref name="resourceAccount"/>: identity policies, boundary, SCPs, RCPs (unreadable statements included).
    /// </summary>
    private IEnumerable<Statement> StatementsThatCouldApply(AwsPrincipal principal, string actionLower, string? resourceAccount)
    {
        var policies = Estate.IdentityPoliciesOf(principal)
            .Concat(Estate.BoundaryOf(principal) is { } boundary ? [boundary] : [])
            .Concat(Estate.ServiceControlLevelsFor(principal).SelectMany(l => l.Policies))
            .Concat(Estate.ResourceControlLevelsFor(resourceAccount).SelectMany(l => l.Policies));
        foreach (var policy in policies)
        {
            foreach (var statement in StatementIndex.Of(policy.Document).For(actionLower))
            {
                if (statement.Problem is not null || ActionMatches(statement.Action, actionLower))
                {
                    yield return statement;
                }
            }
        }
    }

    private static string WidenVariables(string glob) =>
        glob.Contains("${", StringComparison.Ordinal) ? VariablePattern().Replace(glob, Wildcard.AnyRun.ToString()) : glob;

    /// <summary>
    /// Whether the principal can perform an action on some resource (a resource it will create, or any of its
    /// kind): each resource pattern its allowing statements name is tried by the full evaluator. With a
    /// <paramref name="kind"/>, only the patterns that may name a resource of that kind (a grant on ECS tasks does
    /// not let one start a session on an EC2 instance). When a statement that could apply looks at the region and
    /// the context names none, the caller picks the region: each one worth trying is (see <see cref="RegionsToTry"/>).
    /// </summary>
    public (Decision Decision, string Resource) CanSomewhere(AwsPrincipal principal, string action, IReadOnlyDictionary<string, ContextValue>? context = null, ResourceKind? kind = null)
    {
        var lower = Lower(action);
        var patterns = Estate.IdentityPoliciesOf(principal)
            .SelectMany(p => StatementIndex.Of(p.Document).For(lower))
            .Where(s => s.Effect == Effect.Allow && s.Problem is null && ActionMatches(s.Action, lower))
            .SelectMany(s => s.Resource is { Negated: false } r ? r.Patterns.AsEnumerable() : ["*"])
            .Where(p => kind is null || kind.MayName(p))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .DefaultIfEmpty("*")
            .ToList();
        var (regions, complete) = context?.ContainsKey(RequestedRegion) == true ? (null, true) : RegionsToTry(principal, lower);
        (Decision Decision, string Resource)? best = null;
        foreach (var region in regions ?? (IEnumerable<string?>)[null])
        {
            var asked = region is null ? context : WithRegion(context, region);
            foreach (var pattern in patterns)
            {
                var decision = Can(principal, action, pattern, asked);
                if (decision.Kind == DecisionKind.Allowed)
                {
                    return (decision, pattern);
                }

                if (best is null || (decision.Kind == DecisionKind.Conditional && best.Value.Decision.Kind != DecisionKind.Conditional))
                {
                    best = (decision, pattern);
                }
            }
        }

        if (!complete && best!.Value.Decision.Kind != DecisionKind.Conditional)
        {
            // Some region the tries left out may do better: the answer without a region stands for it.
            foreach (var pattern in patterns)
            {
                var decision = Can(principal, action, pattern, context);
                if (decision.Kind is DecisionKind.Allowed or DecisionKind.Conditional)
                {
                    return (decision, pattern);
                }
            }
        }

        return best!.Value;
    }

    private const string RequestedRegion = "aws:RequestedRegion";

    // A few regions at most, the same for every principal.
    private static readonly ConcurrentDictionary<string, FrozenDictionary<string, ContextValue>> RegionContexts = new(StringComparer.Ordinal);

    private static IReadOnlyDictionary<string, ContextValue> WithRegion(IReadOnlyDictionary<string, ContextValue>? context, string region)
    {
        var only = RegionContexts.GetOrAdd(region, r => new Dictionary<string, ContextValue>(StringComparer.OrdinalIgnoreCase) { [RequestedRegion] = ContextValue.Of(r) }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase));
        return context is null or { Count: 0 } ? only : context.Concat(only).ToDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The regions a request for the action is worth deciding in, most likely first, when a statement that could
    /// apply looks at the region (null otherwise: every region gets the same answer): those
    /// <see cref="AwsUnrestrictedAccess.ProbeRegions"/> names, every region an <c>aws:RequestedRegion</c> condition of
    /// those statements names, and one region none names (which stands for all such). Complete when those
    /// conditions are all there is to the region (no other region key, no wildcard in a region, no unreadable
    /// statement): any other region gets the answer of one tried; otherwise the answer without a region stands for
    /// the rest.
    /// </summary>
    private (List<string>? Regions, bool Complete) RegionsToTry(AwsPrincipal principal, string actionLower)
    {
        if (RegionLookOf(principal, actionLower) == RegionLook.None)
        {
            return (null, true);
        }

        var regions = new List<string>(AwsUnrestrictedAccess.ProbeRegions(Estate, principal));
        var complete = true;
        var namesARegion = false;
        foreach (var statement in StatementsThatCouldApply(principal, actionLower, principal.Account))
        {
            complete &= statement.Problem is null;
            foreach (var condition in statement.Conditions)
            {
                var isRequestedRegion = condition.Key.Equals(RequestedRegion, StringComparison.OrdinalIgnoreCase);
                if (!isRequestedRegion && !condition.Key.Contains("region", StringComparison.OrdinalIgnoreCase) && !condition.Values.Any(v => v.Contains("region", StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                namesARegion = true;
                foreach (var value in condition.Values)
                {
                    if (!isRequestedRegion || value.AsSpan().IndexOfAny("*?$") >= 0)
                    {
                        complete = false;
                    }
                    else if (!regions.Contains(value, StringComparer.Ordinal))
                    {
                        regions.Add(value);
                    }
                }

                complete &= isRequestedRegion;
            }
        }

        if (complete && !namesARegion)
        {
            // Only resource patterns name a region: the request's region does not change the answer.
            return (null, true);
        }

        if (UnnamedRegions.FirstOrDefault(r => !regions.Contains(r, StringComparer.OrdinalIgnoreCase)) is { } unnamed)
        {
            regions.Add(unnamed);
        }

        return (regions, complete);
    }

    /// <summary>Real regions, one of which stands for every region no policy names.</summary>
    private static readonly string[] UnnamedRegions = ["us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2", "sa-east-1", "ca-central-1", "ap-northeast-1", "eu-north-1"];

    /// <summary>
    /// A cheap, sound pre-filter for assuming a role: false only when no Allow statement of its trust policy can
    /// name the principal (its ARN, its role, its account, or everyone). A role without a readable trust policy may
    /// admit anyone (the evaluator then answers Indeterminate).
    /// </summary>
    public bool TrustMayAdmit(AwsPrincipal principal, string roleArn) => _trustIndex.Value.MayAdmit(principal, roleArn);

    /// <summary>The roles whose trust policy can name the principal (by ARN, account or everyone); a superset of those it can assume.</summary>
    public IReadOnlyList<string> RolesAdmitting(AwsPrincipal principal) => _trustIndex.Value.Admitting(principal);

    /// <summary>
    /// The principals, roles and groups of the estate that an allowing statement of the principal could target with
    /// the action: found through the literal prefix of each resource pattern, so a narrow grant costs a few lookups
    /// instead of a pass over every target. Null when some statement could target anything (`*`, NotResource).
    /// </summary>
    /// <remarks>In ARN order, and shared among principals whose statements name the same patterns: callers must not change it.</remarks>
    public IReadOnlyCollection<string>? TargetsMatching(AwsPrincipal principal, string action)
    {
        // Every technique with a step on its target asks this of every candidate: once per principal and action.
        var lower = Lower(action);
        var facts = FactsOf(principal);
        return facts.TryRecall(f => f.TargetsByAction, lower, out var known) ? known
            : facts.Remember(f => f.TargetsByAction, lower, () => AllowPatterns(principal, lower) is { } patterns ? TargetsMatchedBy(patterns) : null);
    }

    /// <summary>
    /// The users, roles and groups that some statement of any layer (either effect) names with a pattern other than
    /// <c>*</c> for one of the actions: each is decided on its own, while every other target of an account shares
    /// one decision (see <see cref="CanOnTarget"/>). Null when targets cannot share decisions.
    /// </summary>
    public SortedSet<string>? SpecificTargets(AwsPrincipal principal, IEnumerable<string> actions)
    {
        // Most techniques ask about one action at a time, for every candidate: those answers are kept per principal.
        if (actions is IReadOnlyList<string> { Count: 1 } single)
        {
            var lower = Lower(single[0]);
            var facts = FactsOf(principal);
            return facts.TryRecall(f => f.SpecificTargetsByAction, lower, out var known) ? known
                : facts.Remember(f => f.SpecificTargetsByAction, lower, () => SpecificTargetsOf(principal, [lower]));
        }

        return SpecificTargetsOf(principal, actions);
    }

    /// <summary>
    /// As <see cref="SpecificTargets"/>, for techniques that assume the target role once they have rewritten its trust
    /// policy to name the principal: every such trust is the same, so the assumption is shared by the roles no
    /// statement names for sts:AssumeRole either.
    /// </summary>
    public SortedSet<string>? SpecificTargetsUnderRewrittenTrust(AwsPrincipal principal, IEnumerable<string> actions) =>
        SpecificTargetsOf(principal, actions, roleAssumptionShared: true);

    private SortedSet<string>? SpecificTargetsOf(AwsPrincipal principal, IEnumerable<string> actions, bool roleAssumptionShared = false)
    {
        // IAM users, roles, groups and policies have no resource policies: IAM actions on them succeed only from
        // their own account, which is the only one whose targets need sorting out. Role assumption depends on each
        // role's own trust policy, unless the technique has rewritten it.
        var patterns = new List<string>();
        foreach (var action in actions)
        {
            if (action.StartsWith("sts:", StringComparison.OrdinalIgnoreCase) && !(roleAssumptionShared && action.Equals("sts:AssumeRole", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            if (SpecificPatternsCached(principal, Lower(action), principal.Account ?? string.Empty) is not { } specific)
            {
                return null;
            }

            patterns.AddRange(specific);
        }

        return TargetsMatchedBy(patterns.Distinct(StringComparer.Ordinal));
    }

    /// <summary>
    /// The targets worth deciding one by one: every candidate some statement names specifically, then the first
    /// other candidate, which stands for the rest (they share its decisions). The candidates are of the principal's
    /// own account, the only one where IAM actions on users, roles and groups can succeed.
    /// </summary>
    /// <param name="ordered">Every candidate, in the order edges are preferred.</param>
    /// <param name="specific">From <see cref="SpecificTargets"/>.</param>
    /// <param name="isCandidate">Whether a specific target is among the candidates.</param>
    public static IEnumerable<string> Representatives(IEnumerable<string> ordered, SortedSet<string> specific, Func<string, bool> isCandidate)
    {
        foreach (var target in specific)
        {
            if (isCandidate(target))
            {
                yield return target;
            }
        }

        if (ordered.FirstOrDefault(target => !specific.Contains(target)) is { } representative)
        {
            yield return representative;
        }
    }

    /// <summary>The users of an account, sorted by ARN (computed once).</summary>
    public ImmutableArray<string> SortedUsers(string? account) => _sortedUsers.Value.GetValueOrDefault(account ?? string.Empty, []);

    /// <summary>The roles of an account, sorted by ARN (computed once).</summary>
    public ImmutableArray<string> SortedRoles(string? account) => _sortedRoles.Value.GetValueOrDefault(account ?? string.Empty, []);

    /// <remarks>
    /// Principals that carry the same policies name the same patterns: the targets are found once per set of
    /// patterns and the set is shared, so callers must not change it.
    /// </remarks>
    private SortedSet<string> TargetsMatchedBy(IEnumerable<string> patterns)
    {
        var (ordered, key) = KeyOf(patterns);
        if (_targetsByPatterns.TryGetValue(key, out var known))
        {
            return known;
        }

        var found = FindTargets(ordered, _sortedTargets.Value);
        _targetsByPatterns.Add(key, found);
        return found;
    }

    /// <summary>
    /// The users and roles holding a customer-managed policy (a user also through its groups) that an allowing
    /// identity statement of the principal could target with the action: the only targets a technique acting on its
    /// target's policies can reach. Null when a statement could target any policy.
    /// </summary>
    /// <remarks>Shared among principals whose statements name the same patterns: callers must not change it.</remarks>
    public SortedSet<string>? HoldersOfPoliciesMatching(AwsPrincipal principal, string action)
    {
        var lower = Lower(action);
        var facts = FactsOf(principal);
        return facts.TryRecall(f => f.HoldersByAction, lower, out var known) ? known
            : facts.Remember(f => f.HoldersByAction, lower, () => AllowPatterns(principal, lower) is { } patterns ? HoldersOfPolicies(patterns) : null);
    }

    /// <summary>
    /// The users and roles holding a customer-managed policy that some statement of any layer names for the action
    /// with a pattern other than <c>*</c>: every other policy shares one decision (see <see cref="CanOnTarget"/>).
    /// Null when policies cannot share decisions.
    /// </summary>
    /// <remarks>Shared among principals whose statements name the same patterns: callers must not change it.</remarks>
    public SortedSet<string>? HoldersOfPoliciesNamed(AwsPrincipal principal, string action)
    {
        var lower = Lower(action);
        var facts = FactsOf(principal);
        return facts.TryRecall(f => f.NamedHoldersByAction, lower, out var known) ? known
            : facts.Remember(f => f.NamedHoldersByAction, lower, () => SpecificPatternsCached(principal, lower, principal.Account ?? string.Empty) is { } patterns ? HoldersOfPolicies(patterns) : null);
    }

    private SortedSet<string> HoldersOfPolicies(ImmutableArray<string> patterns)
    {
        var (ordered, key) = KeyOf(patterns);
        if (_holdersByPatterns.TryGetValue(key, out var known))
        {
            return known;
        }

        var (holders, sorted) = _heldPolicies.Value;
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var policy in FindTargets(ordered, sorted))
        {
            found.UnionWith(holders[policy]);
        }

        _holdersByPatterns.Add(key, found);
        return found;
    }

    /// <summary>A set of patterns in order, and the key that caches what it matches.</summary>
    private static (string[] Ordered, string Key) KeyOf(IEnumerable<string> patterns)
    {
        var ordered = patterns.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return (ordered, string.Join('\n', ordered));
    }

    /// <summary>
    /// ARNs sorted by their resource part (<c>user/path/name</c>), all together and account by account: the literal
    /// start of a pattern's resource part selects a narrow range, whatever wildcards precede it in other segments,
    /// and a pattern naming one account looks only at that account's (the accounts of an organization repeat the
    /// same names).
    /// </summary>
    private sealed class SortedArns
    {
        private readonly (string Resource, string Arn, Arn Parsed)[] _all;
        private readonly FrozenDictionary<string, (string Resource, string Arn, Arn Parsed)[]> _byAccount;
        private readonly (string Resource, string Arn, Arn Parsed)[] _unparsed;

        public SortedArns(IEnumerable<string> arns)
        {
            _all = [.. arns.Select(arn => Arn.TryParse(arn, out var parsed) ? (parsed.Resource, arn, parsed) : (arn, arn, default)).OrderBy(t => t.Item1, StringComparer.Ordinal)];
            var parsed = _all.Where(t => t.Parsed.Account is not null).ToList();
            _byAccount = parsed.GroupBy(t => t.Parsed.Account, StringComparer.OrdinalIgnoreCase).ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase);
            _unparsed = [.. _all.Where(t => t.Parsed.Account is null)];
        }

        /// <summary>The sorted lists the pattern can match in: its account's (and the ARNs that do not parse) when it names one, else all.</summary>
        public IEnumerable<(string Resource, string Arn, Arn Parsed)[]> ListsFor(string pattern)
        {
            if (LiteralAccountOf(pattern) is not { } account)
            {
                return [_all];
            }

            return _byAccount.TryGetValue(account, out var own) ? [own, _unparsed] : [_unparsed];
        }

        /// <summary>The account part of an ARN pattern when it has no wildcard; null otherwise (or when it is not a whole ARN pattern).</summary>
        private static string? LiteralAccountOf(string pattern)
        {
            if (!pattern.StartsWith("arn:", StringComparison.Ordinal))
            {
                return null;
            }

            Span<Range> parts = stackalloc Range[6];
            var span = pattern.AsSpan(4);
            if (span.Split(parts, ':') < 5)
            {
                return null;
            }

            var account = span[parts[3]];
            return account.IndexOfAny(Wildcard.AnyRun, Wildcard.AnyOne) >= 0 ? null : account.ToString();
        }
    }

    private static SortedSet<string> FindTargets(string[] patterns, SortedArns arns)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var pattern in patterns)
        {
            foreach (var sorted in arns.ListsFor(pattern))
            {
                AddMatches(pattern, sorted, found);
            }
        }

        return found;
    }

    private static void AddMatches(string pattern, (string Resource, string Arn, Arn Parsed)[] sorted, SortedSet<string> found)
    {
        // Sorted by resource part: the literal start of the pattern's resource part selects a narrow range.
        var resourcePart = ResourcePartOf(pattern);
        var wildcard = resourcePart.IndexOfAny(Wildcard.AnyRun, Wildcard.AnyOne);
        var prefix = (wildcard < 0 ? resourcePart : resourcePart[..wildcard]).ToString();
        var low = 0;
        var high = sorted.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (string.CompareOrdinal(sorted[middle].Resource, prefix) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        for (var i = low; i < sorted.Length && sorted[i].Resource.StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            if (ArnMatcher.PatternMatches(pattern, sorted[i].Parsed, ignoreCaseBeforeResource: true) ?? true)
            {
                found.Add(sorted[i].Arn);
            }
        }
    }

    private static ReadOnlySpan<char> ResourcePartOf(string pattern)
    {
        var index = -1;
        for (var colons = 0; colons < 5; colons++)
        {
            index = pattern.IndexOf(':', index + 1);
            if (index < 0)
            {
                return [];
            }
        }

        return pattern.AsSpan(index + 1);
    }

    /// <summary>Roles by who their trust policies can name, for quick candidate targets of role assumption.</summary>
    private sealed class TrustIndex
    {
        private readonly Dictionary<string, List<string>> _byName = new(StringComparer.Ordinal);
        private readonly HashSet<string> _anyone = new(StringComparer.Ordinal);

        // Principal ARN -> the roles of its own account whose trust policy names it by that ARN.
        private readonly Dictionary<string, HashSet<string>> _namedDirectly = new(StringComparer.Ordinal);

        // Account -> its roles whose trust policy may allow sts:AssumeRole to everyone ("*", {"AWS": "*"}, an Allow
        // with NotPrincipal): within the account that needs no identity policy either.
        private readonly Dictionary<string, HashSet<string>> _openByAccount = new(StringComparer.Ordinal);

        /// <summary>The principals (ARNs) some role trust policy of their own account names by ARN.</summary>
        public IEnumerable<string> NamedDirectly => _namedDirectly.Keys;

        public static TrustIndex Build(AwsEstate estate)
        {
            var index = new TrustIndex();
            foreach (var role in estate.Roles.Values)
            {
                if (role.TrustPolicy is { } trust && trust.Statements.Any(IsOpenAssumption))
                {
                    if (!index._openByAccount.TryGetValue(role.Account, out var open))
                    {
                        open = new HashSet<string>(StringComparer.Ordinal);
                        index._openByAccount[role.Account] = open;
                    }

                    open.Add(role.Arn);
                }

                if (role.TrustPolicy is null || role.TrustPolicy.Statements.Any(s => s.Problem is not null || (s.Effect == Effect.Allow && s.Principal is { } p && (p.Negated || p.IsWildcardString))))
                {
                    index._anyone.Add(role.Arn);
                    continue;
                }

                foreach (var statement in role.TrustPolicy.Statements.Where(s => s.Effect == Effect.Allow && s.Principal is not null))
                {
                    foreach (var (type, value) in statement.Principal!.Entries.Where(e => e.Type == PrincipalType.Aws))
                    {
                        if (value == "*")
                        {
                            index._anyone.Add(role.Arn);
                            continue;
                        }

                        // Accounts are keyed by id, principals by ARN; a role ARN also admits its sessions.
                        var key = AwsPrincipal.IsAccountId(value) ? value : value.EndsWith(":root", StringComparison.Ordinal) ? value.Split(':')[4] : value;
                        if (!index._byName.TryGetValue(key, out var roles))
                        {
                            roles = [];
                            index._byName[key] = roles;
                        }

                        roles.Add(role.Arn);
                        if (key.StartsWith("arn:", StringComparison.Ordinal) && key.Split(':') is { Length: >= 6 } parts && string.Equals(parts[4], role.Account, StringComparison.Ordinal))
                        {
                            if (!index._namedDirectly.TryGetValue(key, out var named))
                            {
                                named = new HashSet<string>(StringComparer.Ordinal);
                                index._namedDirectly[key] = named;
                            }

                            named.Add(role.Arn);
                        }
                    }
                }
            }

            return index;
        }

        public IReadOnlyList<string> Admitting(AwsPrincipal principal) =>
        [
            .. _anyone,
            .. _byName.GetValueOrDefault(principal.Value) ?? [],
            .. principal.Account is { } account ? _byName.GetValueOrDefault(account) ?? [] : [],
        ];

        public bool IsNamedDirectly(string principalArn) => _namedDirectly.ContainsKey(principalArn);

        /// <summary>Whether some role of the account has a trust policy that may allow sts:AssumeRole to everyone.</summary>
        public bool HasOpenRole(string? account) => account is not null && _openByAccount.ContainsKey(account);

        /// <summary>Whether the role, of the given account, has a trust policy that may allow sts:AssumeRole to everyone.</summary>
        public bool IsOpenTo(string? account, string roleArn) => account is not null && _openByAccount.TryGetValue(account, out var roles) && roles.Contains(roleArn);

        /// <summary>
        /// An Allow statement that can allow sts:AssumeRole to any AWS principal, as the evaluator matches it
        /// (<see cref="PrincipalMatch.Wildcard"/>): <c>"*"</c>, <c>{"AWS": "*"}</c>, or NotPrincipal.
        /// </summary>
        private static bool IsOpenAssumption(Statement statement) =>
            statement.Problem is null && statement.Effect == Effect.Allow && statement.Principal is { } principal
            && (principal.Negated || principal.IsWildcardString || principal.Entries.Any(e => e.Type == PrincipalType.Aws && e.Value == "*"))
            && StatementMatcher.ActionMatches(statement.Action, AssumeRoleLower);

        /// <summary>Whether the role's trust policy names the principal, of the role's own account, by ARN.</summary>
        public bool NamesDirectly(string principalArn, string roleArn) => _namedDirectly.TryGetValue(principalArn, out var roles) && roles.Contains(roleArn);

        public bool MayAdmit(AwsPrincipal principal, string roleArn) =>
            _anyone.Contains(roleArn)
            || (_byName.TryGetValue(principal.Value, out var byArn) && byArn.Contains(roleArn, StringComparer.Ordinal))
            || (principal.Account is { } account && _byName.TryGetValue(account, out var byAccount) && byAccount.Contains(roleArn, StringComparer.Ordinal));
    }

    /// <summary><see cref="CanSomewhere"/> without extra context, decided once per principal, action and kind.</summary>
    public (Decision Decision, string Resource) CanSomewhereCached(AwsPrincipal principal, string action, ResourceKind? kind = null) =>
        FactsOf(principal).Remember(f => f.Somewhere, (action, kind?.Key ?? string.Empty), () => CanSomewhere(principal, action, kind: kind));

    /// <summary>
    /// What a technique that grants the target arbitrary identity permissions (an allow-all policy put on it, on its
    /// group or in its policy) makes of it: its permissions boundary still caps it, and SCPs and its own denies still
    /// apply, so it is admin-equivalent only if the evaluator says so with that policy added (IAM user guide,
    /// "Permissions boundaries for IAM entities"). Null when the target has no boundary: nothing then stands between
    /// arbitrary identity permissions and admin. Decided once per target.
    /// </summary>
    public AdminVerdict? AdminOnceRewritten(string target)
    {
        if (_rewritten.TryGetValue(target, out var known))
        {
            return known;
        }

        var principal = _positions.TryGetValue(target, out var position) ? Principals[position] : null;
        var verdict = principal is null || Estate.BoundaryOf(principal) is null
            ? null
            : AdminEquivalence.Evaluate(this, principal, AwsGraphBuilder.DefaultRegion, policies => policies with { IdentityPolicies = policies.IdentityPolicies.Add(ArbitraryPermissions) });
        return _rewritten.GetOrAdd(target, verdict);
    }

    /// <summary>
    /// Whether the principal would be admin-equivalent without its permissions boundary (or with one that limits
    /// nothing): what deleting, replacing or rewriting its boundary would make of it. Decided once per principal.
    /// </summary>
    public AdminVerdict AdminWithoutBoundary(AwsPrincipal principal) =>
        _unbounded.GetOrAdd(principal.Value, _ => AdminEquivalence.Evaluate(this, principal, AwsGraphBuilder.DefaultRegion, policies => policies with { PermissionsBoundary = null }, adjustAddsNoIdentityPolicy: true));

    /// <summary>
    /// The managed policies of the estate that a principal of the account could have attached and that would make it
    /// admin-equivalent (<see cref="AdminEquivalence.PolicyGrants"/>): the account's customer-managed policies and the
    /// AWS managed ones the export holds, AdministratorAccess and IAMFullAccess aside (attaching is decided for those
    /// first). <c>Certain</c> is false for a policy that grants it only under conditions Ward cannot decide, or whose
    /// default version cannot be read. In ARN order; decided once per account.
    /// </summary>
    public ImmutableArray<(string Arn, bool Certain)> AdminGrantingPolicies(string account) =>
        _adminGrantingPolicies.GetOrAdd(account, a => new Lazy<ImmutableArray<(string Arn, bool Certain)>>(() =>
        [
            .. Estate.ManagedPolicies.Values
                .Where(p => p.IsAwsManaged
                    ? p.Name is not ("AdministratorAccess" or "IAMFullAccess")
                    : Arn.TryParse(p.Arn, out var arn) && string.Equals(arn.Account, a, StringComparison.Ordinal))
                .Select(p => (p.Arn, Kind: p.DefaultDocument is { } document ? AdminEquivalence.PolicyGrants(document, a, AwsGraphBuilder.DefaultRegion) : DecisionKind.Conditional))
                .Where(p => p.Kind is DecisionKind.Allowed or DecisionKind.Conditional)
                .OrderBy(p => p.Arn, StringComparer.Ordinal)
                .Select(p => (p.Arn, p.Kind == DecisionKind.Allowed)),
        ])).Value;

    /// <summary>Whether a trust policy statement allows the service (by name, or as everyone) in.</summary>
    public static bool LetsServiceIn(Statement statement, string service) =>
        statement.Effect == Effect.Allow && statement.Principal is { } p
        && (p.IsWildcardString || p.Entries.Any(e => (e.Type == PrincipalType.Service && string.Equals(e.Value, service, StringComparison.OrdinalIgnoreCase)) || (e.Type == PrincipalType.Aws && e.Value == "*")));

    /// <summary>Roles of the estate whose trust policy lets an AWS service (e.g. <c>lambda.amazonaws.com</c>) assume them.</summary>
    public ImmutableArray<IamRole> RolesTrustingService(string service) =>
        _rolesTrusting.GetOrAdd(service, s => [.. Estate.Roles.Values
            .Where(r => r.TrustPolicy is not null && r.TrustPolicy.Statements.Any(st => LetsServiceIn(st, s)))
            .Where(r => Can(AwsPrincipal.Parse(s), "sts:AssumeRole", r.Arn).Kind is DecisionKind.Allowed or DecisionKind.Conditional)
            .OrderBy(r => r.Arn, StringComparer.Ordinal)]);

    /// <summary>
    /// An edge when every step is allowed (or allowed under conditions, which become the edge's requirements);
    /// null when any step is denied or indeterminate.
    /// </summary>
    public static Edge? EdgeIf(string technique, string from, string to, string description, bool grantsAdmin, params (string Action, string Resource, Decision Decision)[] steps)
    {
        var permissions = ImmutableArray.CreateBuilder<EdgePermission>(steps.Length);
        var requirements = ImmutableArray.CreateBuilder<string>();
        foreach (var (action, resource, decision) in steps)
        {
            switch (decision)
            {
                case Allowed:
                    break;
                case Conditional conditional:
                    requirements.AddRange(conditional.Requirements);
                    break;
                default:
                    return null;
            }

            // The grant the principal holds: its identity statement first (a cross-account step also needs the
            // resource policy's, which the explanation shows), else the resource policy's (same account, trust).
            var grant = decision.Explanation.Layers.SelectMany(l => l.Statements.Select(s => (Layer: l, Statement: s)))
                .Where(x => x.Statement.Effect == StatementEffect.Allow && x.Layer.Layer is not ("SCP" or "RCP"))
                .OrderBy(x => x.Layer.Layer == "identity policies" ? 0 : 1)
                .FirstOrDefault();
            permissions.Add(new EdgePermission(
                action,
                resource,
                grant.Statement is { } statement ? $"{statement.Policy}, statement {statement.Statement}" : decision.Explanation.Summary,
                grant.Statement?.Conditions ?? []));
        }

        return new Edge(IdOf(from), IdOf(to), technique, description, permissions.MoveToImmutable())
        {
            Requirements = [.. requirements.Distinct(StringComparer.Ordinal)],
            GrantsAdmin = grantsAdmin,
        };
    }

    /// <summary>An action in lower case, the form statements are matched in (the few action names checkers use, lowered once).</summary>
    private static string Lower(string action) =>
        LowerCase.TryGetValue(action, out var lower) ? lower : LowerCase.Count < 10_000 ? LowerCase.GetOrAdd(action, a => a.ToLowerInvariant()) : action.ToLowerInvariant();

    private PrincipalFacts FactsOf(AwsPrincipal principal) =>
        _facts.TryGetValue(principal.Value, out var facts) ? facts : _facts.GetOrAdd(principal.Value, static (_, state) =>
            new PrincipalFacts([.. state.Estate.IdentityPoliciesOf(state.principal).Select(p => StatementIndex.Of(p.Document))]), (Estate, principal));

    /// <summary>
    /// The resource patterns of the principal's identity statements that could allow the action; null when one of
    /// them could allow it on anything (<c>*</c>, NotResource, an unreadable statement).
    /// </summary>
    private ImmutableArray<string>? AllowPatterns(AwsPrincipal principal, string actionLower)
    {
        var facts = FactsOf(principal);
        return facts.Remember(f => f.AllowPatterns, actionLower, () =>
        {
            if (!_positions.TryGetValue(principal.Value, out var position) || Principals[position].Type != principal.Type)
            {
                return AllowPatternsOf(facts.Identity, actionLower);
            }

            var (documents, documentsByPrincipal) = _documents.Value;
            var table = _allowPatternsByAction.GetOrAdd(actionLower, _ => new string[]?[documents.Length]);
            var union = new HashSet<string>(StringComparer.Ordinal);
            foreach (var id in documentsByPrincipal[position])
            {
                var patterns = DocumentAllowPatterns(table, documents, id, actionLower);
                if (ReferenceEquals(patterns, AnyResource))
                {
                    return null;
                }

                union.UnionWith(patterns);
            }

            return [.. union];
        });
    }

    private static ImmutableArray<string>? AllowPatternsOf(StatementIndex[] identity, string actionLower)
    {
        var patterns = new HashSet<string>(StringComparer.Ordinal);
        foreach (var index in identity)
        {
            foreach (var statement in index.For(actionLower))
            {
                if (statement.Problem is null && (statement.Effect != Effect.Allow || !ActionMatches(statement.Action, actionLower)))
                {
                    continue;
                }

                if (statement.Problem is not null || statement.Resource is not { Negated: false } resource || resource.Patterns.Contains("*", StringComparer.Ordinal))
                {
                    return null;
                }

                foreach (var glob in resource.Globs)
                {
                    // A policy variable may stand for anything: widen it to a wildcard (still a sound over-approximation).
                    patterns.Add(WidenVariables(glob));
                }
            }
        }

        return [.. patterns];
    }

    /// <summary>
    /// The regions worth deciding the action in: all of them when some statement that could apply (any layer) looks
    /// at the region (a condition key naming a region, a resource pattern naming one, NotResource, an unreadable
    /// statement), or when the estate exports a resource under one of the probed ARNs; otherwise only the first, as
    /// every region gets the same answer.
    /// </summary>
    public IReadOnlyList<string> RegionsWorthProbing(AwsPrincipal principal, string action, IReadOnlyList<string> regions)
    {
        if (regions.Count <= 1)
        {
            return regions;
        }

        return RegionLookOf(principal, Lower(action)) != RegionLook.None || AwsUnrestrictedAccess.ExportedUnderProbe(Estate, action, principal.Account, regions) ? regions : [regions[0]];
    }

    /// <summary>
    /// Whether every statement that could apply to the action (any layer) and looks at the region is a readable Deny.
    /// Allows are then the same in every region, and denies only deny: once a region's answer is an implicit deny,
    /// no other region's can be allowed or conditional.
    /// </summary>
    public bool OnlyDeniesLookAtTheRegion(AwsPrincipal principal, string action) => RegionLookOf(principal, Lower(action)) != RegionLook.Any;

    /// <summary>How the statements that could apply to an action look at the region: not at all, through readable denies only, or otherwise.</summary>
    private enum RegionLook
    {
        None,
        DeniesOnly,
        Any,
    }

    private RegionLook RegionLookOf(AwsPrincipal principal, string actionLower) =>
        FactsOf(principal).Remember(f => f.RegionLooks, actionLower, () => WorkOutRegionLook(principal, actionLower));

    private RegionLook WorkOutRegionLook(AwsPrincipal principal, string actionLower)
    {
        var identity = HowLooksAtTheRegion(Estate.IdentityPoliciesOf(principal).AsSpan(), actionLower);
        var boundary = Estate.BoundaryOf(principal) is { } policy ? HowLooksAtTheRegion([policy], actionLower) : RegionLook.None;
        var control = ControlPoliciesLookAtTheRegion(Estate.ServiceControlLevelsFor(principal), Estate.ResourceControlLevelsFor(principal.Account), actionLower);
        return (RegionLook)Math.Max((int)identity, Math.Max((int)boundary, (int)control));
    }

    // The control policies of an account are the same for its hundreds of principals: decided once per action.
    private readonly ConcurrentDictionary<(ControlPolicyLevel[] Scps, ControlPolicyLevel[] Rcps, string Action), RegionLook> _controlPoliciesLookAtTheRegion = new();

    private RegionLook ControlPoliciesLookAtTheRegion(ImmutableArray<ControlPolicyLevel> scps, ImmutableArray<ControlPolicyLevel> rcps, string actionLower)
    {
        if (scps.IsEmpty && rcps.IsEmpty)
        {
            return RegionLook.None;
        }

        var key = (ImmutableCollectionsMarshal.AsArray(scps)!, ImmutableCollectionsMarshal.AsArray(rcps)!, actionLower);
        if (_controlPoliciesLookAtTheRegion.TryGetValue(key, out var known))
        {
            return known;
        }

        var looks = scps.Concat(rcps).Select(level => HowLooksAtTheRegion(level.Policies.AsSpan(), actionLower)).DefaultIfEmpty(RegionLook.None).Max();
        _controlPoliciesLookAtTheRegion.TryAdd(key, looks);
        return looks;
    }

    private static RegionLook HowLooksAtTheRegion(ReadOnlySpan<NamedPolicy> policies, string actionLower)
    {
        var look = RegionLook.None;
        foreach (var policy in policies)
        {
            foreach (var statement in StatementIndex.Of(policy.Document).For(actionLower))
            {
                if ((statement.Problem is not null || ActionMatches(statement.Action, actionLower)) && LooksAtTheRegion(statement))
                {
                    if (statement.Problem is not null || statement.Effect != Effect.Deny)
                    {
                        return RegionLook.Any;
                    }

                    look = RegionLook.DeniesOnly;
                }
            }
        }

        return look;
    }

    private static bool LooksAtTheRegion(Statement statement) =>
        statement.Problem is not null || statement.Resource is not { Negated: false } resource
        || statement.Conditions.Any(c => c.Key.Contains("region", StringComparison.OrdinalIgnoreCase) || c.Values.Any(v => v.Contains("region", StringComparison.OrdinalIgnoreCase)))
        || resource.Patterns.Any(NamesARegion);

    private static bool NamesARegion(string pattern)
    {
        // arn:partition:service:REGION:account:resource; a pattern that is not an ARN is matched as text, and
        // a policy variable such as ${aws:RequestedRegion} may stand for the region anywhere.
        if (pattern.Contains("region", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!pattern.StartsWith("arn:", StringComparison.Ordinal))
        {
            return pattern != "*";
        }

        Span<Range> parts = stackalloc Range[5];
        var span = pattern.AsSpan();
        if (span.Split(parts, ':') < 4)
        {
            return true;
        }

        var region = span[parts[3]];
        return region.Length > 0 && !region.SequenceEqual("*");
    }

    private ImmutableArray<string>? SpecificPatternsCached(AwsPrincipal principal, string actionLower, string account)
    {
        var facts = FactsOf(principal);
        return facts.TryRecall(f => f.SpecificPatterns, (actionLower, account), out var known) ? known : WorkOutSpecificPatterns(facts, principal, actionLower, account);
    }

    // Apart from SpecificPatternsCached, so that only a miss pays for the closure.
    private ImmutableArray<string>? WorkOutSpecificPatterns(PrincipalFacts facts, AwsPrincipal principal, string actionLower, string account) =>
        facts.Remember(f => f.SpecificPatterns, (actionLower, account), () => SpecificPatterns(principal, actionLower, account));

    /// <summary>Whether one of the patterns may name the resource (a pattern that is not an ARN pattern may name anything).</summary>
    private static bool MayName(ImmutableArray<string> patterns, Arn arn)
    {
        foreach (var pattern in patterns)
        {
            if (ArnMatcher.PatternMatches(pattern, arn, ignoreCaseBeforeResource: true) ?? true)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// What the checkers have worked out about one principal, kept together (and locked together: checkers of
    /// different techniques ask about the same principal at once).
    /// </summary>
    private sealed class PrincipalFacts(StatementIndex[] identity)
    {
        /// <summary>The statement indexes of the principal's identity policies.</summary>
        public StatementIndex[] Identity { get; } = identity;

        // Created on first use (most principals are asked only a few of these), and only under the lock.
        public Dictionary<string, ImmutableArray<string>?> AllowPatterns => field ??= new(StringComparer.Ordinal);

        public Dictionary<(string Action, string Account), ImmutableArray<string>?> SpecificPatterns => field ??= [];

        public Dictionary<(string Action, string Account, string Context), Decision> SharedDecisions => field ??= [];

        public Dictionary<(string Action, string Kind), (Decision Decision, string Resource)> Somewhere => field ??= [];

        public Dictionary<(string Action, string ResourceType), Decision?> UnnamedDecisions => field ??= [];

        public Dictionary<string, RegionLook> RegionLooks => field ??= new(StringComparer.Ordinal);

        public Dictionary<string, SortedSet<string>?> TargetsByAction => field ??= new(StringComparer.Ordinal);

        public Dictionary<string, SortedSet<string>?> SpecificTargetsByAction => field ??= new(StringComparer.Ordinal);

        public Dictionary<string, SortedSet<string>?> HoldersByAction => field ??= new(StringComparer.Ordinal);

        public Dictionary<string, SortedSet<string>?> NamedHoldersByAction => field ??= new(StringComparer.Ordinal);

        /// <summary>The remembered answer for the key, if any (asking first spares the caller building a closure on every hit).</summary>
        public bool TryRecall<TKey, TValue>(Func<PrincipalFacts, Dictionary<TKey, TValue>> table, TKey key, out TValue value)
            where TKey : notnull
        {
            lock (this)
            {
                return table(this).TryGetValue(key, out value!);
            }
        }

        /// <summary>
        /// The remembered answer for the key, or the computed one, remembered. Computed outside the lock: two
        /// threads may both compute an answer, which is the same.
        /// </summary>
        public TValue Remember<TKey, TValue>(Func<PrincipalFacts, Dictionary<TKey, TValue>> table, TKey key, Func<TValue> compute)
            where TKey : notnull
        {
            lock (this)
            {
                if (table(this).TryGetValue(key, out var known))
                {
                    return known;
                }
            }

            var value = compute();
            lock (this)
            {
                table(this)[key] = value;
            }

            return value;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\$\{[^}]*\}", System.Text.RegularExpressions.RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial System.Text.RegularExpressions.Regex VariablePattern();

    private static bool ActionMatches(ActionElement element, string actionLower) => StatementMatcher.ActionMatches(element, actionLower);
}
