using System.Collections.Immutable;
using CsCheck;
using Ward.Aws.Policy.Evaluation;
using Ward.Aws.Policy.Syntax;
using Ward.Aws.Tests.Testing;
using Ward.Core.Decisions;

namespace Ward.Aws.Tests.Policy;

public sealed partial class AwsAuthorizerTests
{
    [Fact]
    public void Adding_a_deny_statement_never_turns_a_decision_into_allowed()
    {
        // Given random small policy sets and requests, and a random Deny statement added to one of the policies
        var cases = Scenarios.SelectMany(scenario => Gen.Int[0, scenario.Slots.Length].SelectMany(
            target => StatementFor(LayerAt(scenario, target), Gen.Const("Deny")).Select(deny => (scenario, After: scenario.Add(target, deny)))));

        // When both are decided
        // Then the deny can only take an allow away, and never an explicit deny
        cases.Sample(
            (before, after) =>
            {
                var was = before.Decide();
                var now = after.Decide();
                return (was.Kind == DecisionKind.Allowed || now.Kind != DecisionKind.Allowed)
                    && (was.Kind != DecisionKind.ExplicitDeny || now.Kind == DecisionKind.ExplicitDeny);
            },
            iter: 4_000,
            print: Describe);
    }

    [Fact]
    public void Removing_an_allow_statement_never_creates_an_allowed()
    {
        // Given random small policy sets and requests, and one of their Allow statements removed
        var cases = Scenarios.Where(s => s.AllowStatements().Any()).SelectMany(scenario =>
        {
            var allows = scenario.AllowStatements().ToArray();
            return Gen.Int[0, allows.Length - 1].Select(i => (scenario, After: scenario.Remove(allows[i].Slot, allows[i].Statement)));
        });

        // When both are decided
        // Then the smaller policy set never allows what the larger did not
        cases.Sample(
            (before, after) => before.Decide().Kind == DecisionKind.Allowed || after.Decide().Kind != DecisionKind.Allowed,
            iter: 4_000,
            print: Describe);
    }

    [Fact]
    public void Adding_an_allow_statement_never_takes_an_allowed_away()
    {
        // Given random small policy sets and requests, and a random Allow statement added to one of the policies
        var cases = Scenarios.SelectMany(scenario => Gen.Int[0, scenario.Slots.Length].SelectMany(
            target => StatementFor(LayerAt(scenario, target), Gen.Const("Allow")).Select(allow => (scenario, After: scenario.Add(target, allow)))));

        // When both are decided
        // Then what was allowed stays allowed
        cases.Sample(
            (before, after) => before.Decide().Kind != DecisionKind.Allowed || after.Decide().Kind == DecisionKind.Allowed,
            iter: 4_000,
            print: Describe);
    }

    [Fact]
    public void A_problem_statement_about_another_action_changes_nothing()
    {
        // Given random scenarios, and an unreadable statement (Effect `Permit`) added to one of their policies
        var cases = Scenarios.SelectMany(scenario => Gen.Int[0, scenario.Slots.Length].SelectMany(
            target => StatementFor(LayerAt(scenario, target), Gen.Const("Permit")).Select(problem => (scenario, After: scenario.Add(target, problem)))));

        // When both are decided
        // Then the problem statement matters only if its action element matches the request's action
        cases.Sample(
            (before, after) =>
            {
                var problem = after.ProblemStatement();
                return StatementMatcher.ActionMatches(problem.Action, before.Request.Action.ToLowerInvariant())
                    || before.Decide().Kind == after.Decide().Kind;
            },
            iter: 4_000,
            print: Describe);
    }

    [Fact]
    public void A_problem_statement_leaves_a_decision_certain_only_when_no_reading_of_it_changes_the_outcome()
    {
        // Given random scenarios with an unreadable statement, and the same scenario with it read as Allow and as Deny
        var cases = Scenarios.SelectMany(scenario => Gen.Int[0, scenario.Slots.Length].SelectMany(
            target => StatementFor(LayerAt(scenario, target), Gen.Const("Permit")).Select(problem => (scenario.Add(target, problem), target))));

        // When all three are decided
        // Then a certain answer with the problem is the answer under either reading
        cases.Sample(
            (withProblem, target) =>
            {
                var asAllow = withProblem.Reread(target, "Allow").Decide().Kind;
                var asDeny = withProblem.Reread(target, "Deny").Decide().Kind;
                return withProblem.Decide().Kind switch
                {
                    DecisionKind.Allowed => asAllow == DecisionKind.Allowed && asDeny == DecisionKind.Allowed,
                    DecisionKind.ExplicitDeny or DecisionKind.ImplicitDeny =>
                        asAllow is not (DecisionKind.Allowed or DecisionKind.Conditional) && asDeny is not (DecisionKind.Allowed or DecisionKind.Conditional),
                    _ => true,
                };
            },
            iter: 4_000,
            print: pair => $"{pair.Item1}\n=> {pair.Item1.Decide().Kind}");
    }

    [Fact]
    public void Random_scenarios_reach_every_kind_of_decision()
    {
        // Given the scenario generator the properties use
        // When many scenarios are decided
        var kinds = new HashSet<DecisionKind>();
        Scenarios.Sample(scenario => { lock (kinds) { kinds.Add(scenario.Decide().Kind); } }, iter: 2_000, threads: 1);

        // Then they cover allows, both denials, and conditional answers, so the properties are not vacuous
        Assert.Superset(new HashSet<DecisionKind> { DecisionKind.Allowed, DecisionKind.ExplicitDeny, DecisionKind.ImplicitDeny, DecisionKind.Conditional }, kinds);
    }

    private static string Describe((Scenario Before, Scenario After) pair) =>
        $"before:\n{pair.Before}\nafter:\n{pair.After}\n=> {pair.Before.Decide().Kind} then {pair.After.Decide().Kind}";

    private enum Layer
    {
        Identity,
        Boundary,
        Session,
        Scp,
        Rcp,
        Resource,
    }

    private sealed record PolicySlot(Layer Layer, int Level, ImmutableArray<string> Statements);

    private sealed record Scenario(AwsRequest Request, ImmutableArray<PolicySlot> Slots)
    {
        public Decision Decide() => AwsAuthorizer.Authorize(Request, Policies());

        /// <summary>Adds a statement to the slot at <paramref name="target"/>, or as a new identity policy past the end.</summary>
        public Scenario Add(int target, string statement) => target == Slots.Length
            ? this with { Slots = Slots.Add(new PolicySlot(Layer.Identity, 0, [statement])) }
            : this with { Slots = Slots.SetItem(target, Slots[target] with { Statements = Slots[target].Statements.Add(statement) }) };

        public Scenario Remove(int slot, int statement) =>
            this with { Slots = Slots.SetItem(slot, Slots[slot] with { Statements = Slots[slot].Statements.RemoveAt(statement) }) };

        /// <summary>The last statement of the last policy it was added to, parsed (it has a problem).</summary>
        public Statement ProblemStatement()
        {
            var slot = Slots.Last(s => s.Statements.Any(t => t.Contains("\"Effect\":\"Permit\"", StringComparison.Ordinal)));
            return PolicyText.Read(PolicyText.Policy([.. slot.Statements]), KindOf(slot.Layer)).Document!.Statements.Single(t => t.Problem is not null);
        }

        /// <summary>The scenario with the problem statement of the slot at <paramref name="target"/> read with a valid Effect.</summary>
        public Scenario Reread(int target, string effect)
        {
            var index = Math.Min(target, Slots.Length - 1);
            var slot = Slots[index];
            return this with
            {
                Slots = Slots.SetItem(index, slot with
                {
                    Statements = [.. slot.Statements.Select(t => t.Replace("\"Effect\":\"Permit\"", $"\"Effect\":\"{effect}\"", StringComparison.Ordinal))],
                }),
            };
        }

        public IEnumerable<(int Slot, int Statement)> AllowStatements() =>
            Slots.SelectMany((slot, i) => slot.Statements.Select((s, j) => (i, j, s)))
                .Where(x => x.s.Contains("\"Effect\":\"Allow\"", StringComparison.Ordinal))
                .Select(x => (x.i, x.j));

        public AwsPolicySet Policies()
        {
            NamedPolicy Parse(PolicySlot slot, int i) =>
                new($"{slot.Layer}-{i}", PolicyText.Read(PolicyText.Policy([.. slot.Statements]), KindOf(slot.Layer)).Document!);
            var named = Slots.Select((slot, i) => (slot, policy: Parse(slot, i))).ToArray();
            ImmutableArray<ControlPolicyLevel> Levels(Layer layer) =>
                [.. named.Where(n => n.slot.Layer == layer).GroupBy(n => n.slot.Level).OrderBy(g => g.Key)
                    .Select(g => new ControlPolicyLevel($"{layer}-level-{g.Key}", [.. g.Select(n => n.policy)]))];
            return new AwsPolicySet
            {
                IdentityPolicies = [.. named.Where(n => n.slot.Layer == Layer.Identity).Select(n => n.policy)],
                PermissionsBoundary = named.FirstOrDefault(n => n.slot.Layer == Layer.Boundary).policy,
                SessionPolicy = named.FirstOrDefault(n => n.slot.Layer == Layer.Session).policy,
                ResourcePolicy = named.FirstOrDefault(n => n.slot.Layer == Layer.Resource).policy,
                ServiceControlPolicies = Levels(Layer.Scp),
                ResourceControlPolicies = Levels(Layer.Rcp),
            };
        }

        public override string ToString() =>
            $"{Request.Principal.Value} {Request.Action} {Request.Resource} (resource account {Request.ResourceAccount ?? "-"}, "
            + $"{(Request.Context.IsOpen ? "open" : "closed")} context {string.Join(", ", Request.Context.Values.Select(v => $"{v.Key}={v.Value}"))})\n"
            + string.Join("\n", Slots.Select(s => $"  {s.Layer}[{s.Level}]: {string.Join(", ", s.Statements)}"));
    }

    private static PolicyKind KindOf(Layer layer) => layer switch
    {
        Layer.Identity => PolicyKind.Identity,
        Layer.Boundary => PolicyKind.PermissionsBoundary,
        Layer.Session => PolicyKind.Session,
        Layer.Scp => PolicyKind.ServiceControl,
        Layer.Rcp => PolicyKind.ResourceControl,
        _ => PolicyKind.Resource,
    };

    private static Layer LayerAt(Scenario scenario, int target) => target == scenario.Slots.Length ? Layer.Identity : scenario.Slots[target].Layer;

    private static readonly Gen<string> PropertyActions = Gen.OneOf("*", "*", "s3:*", "s3:GetObject", "s3:Get*", "sts:AssumeRole", "kms:Decrypt", "iam:PassRole", "ec2:*");

    private static readonly Gen<string> PropertyResources = Gen.OneOf(
        "*", "*", "*", "arn:aws:s3:::reports/*", "arn:aws:s3:::home/${aws:username}/*", "arn:aws:iam::111122223333:role/*", "arn:aws:kms:*:111122223333:key/*", "arn:aws:iam::*:role/deploy");

    private static readonly Gen<string?> PropertyConditions = Gen.Frequency(
        (2, Gen.Const((string?)null)),
        (1, Gen.OneOf<string?>(
            RequireMfa,
            "{\"BoolIfExists\":{\"aws:MultiFactorAuthPresent\":\"false\"}}",
            "{\"StringEquals\":{\"aws:username\":\"alice\"}}",
            "{\"StringNotEquals\":{\"aws:PrincipalAccount\":\"111122223333\"}}",
            "{\"Null\":{\"aws:SourceIp\":\"true\"}}",
            "{\"StringLike\":{\"aws:PrincipalTag/team\":\"da*\"}}")));

    private static readonly Gen<string> PropertyPrincipals = Gen.OneOf(
        "\"Principal\":\"*\"",
        "\"Principal\":{\"AWS\":\"*\"}",
        "\"Principal\":{\"AWS\":\"111122223333\"}",
        "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:user/alice\"}",
        "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:role/deploy\"}",
        "\"Principal\":{\"AWS\":\"arn:aws:sts::111122223333:assumed-role/deploy/ci-run-42\"}",
        "\"Principal\":{\"AWS\":[\"444455556666\",\"arn:aws:iam::444455556666:user/mallory\"]}",
        "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"}",
        "\"NotPrincipal\":{\"AWS\":\"arn:aws:iam::111122223333:user/alice\"}",
        "\"NotPrincipal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"}");

    private static Gen<string> StatementFor(Layer layer, Gen<string> effects) =>
        Gen.Select(effects, Gen.Bool, PropertyActions, Gen.Frequency((5, Gen.Const(false)), (1, Gen.Const(true))), PropertyResources, PropertyConditions, PropertyPrincipals)
            .Select((effect, notAction, action, notResource, resource, condition, principal) =>
            {
                var principalElement = layer switch
                {
                    Layer.Rcp => "\"Principal\":\"*\",",
                    Layer.Resource => principal + ",",
                    _ => string.Empty,
                };
                var actionElement = notAction && action != "*" ? $"\"NotAction\":\"{action}\"" : $"\"Action\":\"{action}\"";
                var resourceElement = notResource && resource != "*" ? $"\"NotResource\":\"{resource}\"" : $"\"Resource\":\"{resource}\"";
                return "{" + $"\"Effect\":\"{effect}\",{principalElement}{actionElement},{resourceElement}"
                    + (condition is null ? string.Empty : $",\"Condition\":{condition}") + "}";
            });

    private static readonly Gen<string> PropertyEffects = Gen.Frequency((7, Gen.Const("Allow")), (1, Gen.Const("Deny")));

    /// <summary>A policy of up to three random statements; control policies usually start with a full-access allow, as in real organizations.</summary>
    private static Gen<PolicySlot> Slot(Layer layer, int level) =>
        Gen.Select(Gen.Double[0, 1], StatementFor(layer, PropertyEffects).Array[0, 3]).Select((roll, statements) => new PolicySlot(
            layer,
            level,
            layer switch
            {
                Layer.Scp when roll < 0.75 => [Statement("Allow", "*"), .. statements],
                Layer.Rcp when roll < 0.75 => ["{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}", .. statements],
                _ => [.. statements],
            }));

    private static Gen<ImmutableArray<PolicySlot>> Optional(Gen<PolicySlot> slot, double chance) =>
        Gen.Double[0, 1].SelectMany(roll => roll < chance ? slot.Select(s => ImmutableArray.Create(s)) : Gen.Const(ImmutableArray<PolicySlot>.Empty));

    /// <summary>Zero to two levels of control policies, each with one or two policies.</summary>
    private static Gen<ImmutableArray<PolicySlot>> ControlLevels(Layer layer) =>
        Gen.Select(Gen.Int[0, 2], Slot(layer, 0).Array[1, 2], Slot(layer, 1).Array[1, 2])
            .Select((levels, first, second) => levels switch
            {
                0 => ImmutableArray<PolicySlot>.Empty,
                1 => [.. first],
                _ => [.. first, .. second],
            });

    private static readonly Gen<(string Action, string Resource)> PropertyRequests = Gen.Frequency(
        (10, Gen.OneOf(
            ("s3:GetObject", ReportObject),
            ("s3:GetObject", "arn:aws:s3:::home/alice/notes.txt"),
            ("sts:AssumeRole", DeployRoleArn),
            ("kms:Decrypt", KeyArn),
            ("iam:PassRole", DeployRoleArn),
            ("ec2:RunInstances", "*"))),
        (1, Gen.Const(("sts:GetCallerIdentity", "*"))));

    private static readonly Gen<RequestContext> PropertyContexts =
        Gen.Select(
            Gen.Bool,
            Gen.OneOf<string?>("true", "false", null),
            Gen.OneOf<string?>("alice", "bob", null),
            Gen.OneOf<string?>("111122223333", "444455556666", null),
            Gen.OneOf<string?>("data", "ops", null))
        .Select((open, mfa, user, account, team) =>
        {
            var values = new List<KeyValuePair<string, ContextValue>>();
            void Put(string key, string? value)
            {
                if (value is not null)
                {
                    values.Add(KeyValuePair.Create(key, ContextValue.Of(value)));
                }
            }

            Put("aws:MultiFactorAuthPresent", mfa);
            Put("aws:username", user);
            Put("aws:PrincipalAccount", account);
            Put("aws:PrincipalTag/team", team);
            return open ? RequestContext.Open(values) : RequestContext.Closed(values);
        });

    private static Gen<AwsRequest> PropertyRequestsWithCallers =>
        Gen.Select(
            Gen.OneOf(Alice, DeployRole, DeploySession, Root, Mallory, Lambda, AwsPrincipal.Anonymous),
            PropertyRequests,
            Gen.OneOf<string?>(Account, OtherAccount, null),
            PropertyContexts)
        .Select((principal, request, resourceAccount, context) => new AwsRequest
        {
            Principal = principal,
            Action = request.Action,
            Resource = request.Resource,
            ResourceAccount = resourceAccount,
            Context = context,
        });

    private static Gen<Scenario> Scenarios =>
        Gen.Select(
            PropertyRequestsWithCallers,
            Slot(Layer.Identity, 0).Array[1, 2],
            Optional(Slot(Layer.Boundary, 0), 0.3),
            Optional(Slot(Layer.Session, 0), 0.2),
            ControlLevels(Layer.Scp),
            ControlLevels(Layer.Rcp),
            Optional(Slot(Layer.Resource, 0), 0.6))
        .Select((request, identity, boundary, session, scps, rcps, resource) =>
            new Scenario(request, [.. identity, .. boundary, .. session, .. scps, .. rcps, .. resource]));
}
