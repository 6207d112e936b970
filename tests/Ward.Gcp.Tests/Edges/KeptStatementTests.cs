using System.Globalization;
using Ward.Core.Decisions;
using Ward.Gcp.Edges;
using Ward.Gcp.Ingest;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Edges;

/// <summary>
/// Who-can answers are kept for the whole scan: the statement of a binding inherited by many resources is kept once,
/// however many answers name it, and reads as before.
/// </summary>
public sealed class KeptStatementTests : IDisposable
{
    private static readonly DateTimeOffset AsOf = DateTimeOffset.Parse("2026-12-01T09:00:00Z", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
    private const string Permission = "iam.serviceAccounts.getAccessToken";

    // ann holds Token Creator on the organization; each project's own policy names someone else, so the two
    // projects' accounts are answered one by one, not from one shared answer.
    private readonly ScratchFolder _organization = new(
        ("assets/resource.json", """
            {"name":"//cloudresourcemanager.googleapis.com/organizations/920000000001","asset_type":"cloudresourcemanager.googleapis.com/Organization","resource":{"version":"v1","discovery_name":"Organization","data":{"displayName":"kept.example","lifecycleState":"ACTIVE","name":"organizations/920000000001"}},"ancestors":["organizations/920000000001"]}
            {"name":"//cloudresourcemanager.googleapis.com/projects/920000000101","asset_type":"cloudresourcemanager.googleapis.com/Project","resource":{"version":"v1","discovery_name":"Project","parent":"//cloudresourcemanager.googleapis.com/organizations/920000000001","data":{"lifecycleState":"ACTIVE","name":"Apps","parent":{"id":"920000000001","type":"organization"},"projectId":"kp-apps","projectNumber":"920000000101"}},"ancestors":["projects/920000000101","organizations/920000000001"]}
            {"name":"//cloudresourcemanager.googleapis.com/projects/920000000102","asset_type":"cloudresourcemanager.googleapis.com/Project","resource":{"version":"v1","discovery_name":"Project","parent":"//cloudresourcemanager.googleapis.com/organizations/920000000001","data":{"lifecycleState":"ACTIVE","name":"Data","parent":{"id":"920000000001","type":"organization"},"projectId":"kp-data","projectNumber":"920000000102"}},"ancestors":["projects/920000000102","organizations/920000000001"]}
            """),
        ("assets/iam-policy.json", """
            {"name":"//cloudresourcemanager.googleapis.com/organizations/920000000001","asset_type":"cloudresourcemanager.googleapis.com/Organization","iam_policy":{"version":1,"bindings":[{"role":"roles/iam.serviceAccountTokenCreator","members":["user:ann@kept.example"]}]},"ancestors":["organizations/920000000001"]}
            {"name":"//cloudresourcemanager.googleapis.com/projects/920000000101","asset_type":"cloudresourcemanager.googleapis.com/Project","iam_policy":{"version":1,"bindings":[{"role":"roles/iam.serviceAccountTokenCreator","members":["user:bo@kept.example"]}]},"ancestors":["projects/920000000101","organizations/920000000001"]}
            {"name":"//cloudresourcemanager.googleapis.com/projects/920000000102","asset_type":"cloudresourcemanager.googleapis.com/Project","iam_policy":{"version":1,"bindings":[{"role":"roles/iam.serviceAccountTokenCreator","members":["user:cy@kept.example"]}]},"ancestors":["projects/920000000102","organizations/920000000001"]}
            """),
        ("roles/predefined.json", """
            [{"name":"roles/iam.serviceAccountTokenCreator","title":"Service Account Token Creator","includedPermissions":["iam.serviceAccounts.getAccessToken","iam.serviceAccounts.signBlob","iam.serviceAccounts.signJwt","iam.serviceAccounts.implicitDelegation"],"stage":"GA"}]
            """),
        ("service-accounts/kp-apps.json", """
            [{"email":"runner@kp-apps.iam.gserviceaccount.com","name":"projects/kp-apps/serviceAccounts/runner@kp-apps.iam.gserviceaccount.com","projectId":"kp-apps","uniqueId":"920000000000000000011"}]
            """),
        ("service-accounts/kp-data.json", """
            [{"email":"loader@kp-data.iam.gserviceaccount.com","name":"projects/kp-data/serviceAccounts/loader@kp-data.iam.gserviceaccount.com","projectId":"kp-data","uniqueId":"920000000000000000012"}]
            """));

    [Fact]
    public void Answers_on_two_projects_keep_one_copy_of_the_inherited_binding_they_name()
    {
        // Given the two projects' accounts
        var context = new GcpEdgeContext(GcpEstateLoader.Load([_organization.Path], TestContext.Current.CancellationToken), AsOf);
        var runner = context.ServiceAccountResource("runner@kp-apps.iam.gserviceaccount.com")!;
        var loader = context.ServiceAccountResource("loader@kp-data.iam.gserviceaccount.com")!;

        // When who can create tokens for each is worked out
        var onRunner = context.WhoCan(Permission, runner);
        var onLoader = context.WhoCan(Permission, loader);

        // Then each project's own grant is in its answer only, and ann's organization binding is one statement for both
        Assert.Contains(onRunner, a => a.Principal == "user:bo@kept.example");
        Assert.DoesNotContain(onLoader, a => a.Principal == "user:bo@kept.example");
        var annOnRunner = Assert.Single(Assert.Single(onRunner.Single(a => a.Principal == "user:ann@kept.example").Decision.Explanation.Layers).Statements);
        var annOnLoader = Assert.Single(Assert.Single(onLoader.Single(a => a.Principal == "user:ann@kept.example").Decision.Explanation.Layers).Statements);
        Assert.Same(annOnRunner, annOnLoader);
        Assert.Equal("allow policy of organizations/920000000001", annOnRunner.Policy);
        Assert.StartsWith("bindings[0]: `roles/iam.serviceAccountTokenCreator` to `user:ann@kept.example`", annOnRunner.Statement, StringComparison.Ordinal);
    }

    [Fact]
    public void A_binding_that_allows_on_two_projects_is_one_allow_in_both_answers()
    {
        // Given the two projects' accounts, each answered one by one
        var context = new GcpEdgeContext(GcpEstateLoader.Load([_organization.Path], TestContext.Current.CancellationToken), AsOf);
        var onRunner = context.WhoCan(Permission, context.ServiceAccountResource("runner@kp-apps.iam.gserviceaccount.com")!);
        var onLoader = context.WhoCan(Permission, context.ServiceAccountResource("loader@kp-data.iam.gserviceaccount.com")!);

        // Then ann's allow by the organization's binding is one decision, which reads as allowed by that binding, and
        // each project's own grant is a decision of its own
        var annOnRunner = onRunner.Single(a => a.Principal == "user:ann@kept.example").Decision;
        Assert.Same(annOnRunner, onLoader.Single(a => a.Principal == "user:ann@kept.example").Decision);
        Assert.Equal(DecisionKind.Allowed, annOnRunner.Kind);
        Assert.Equal("allow policy of organizations/920000000001: bindings[0]: `roles/iam.serviceAccountTokenCreator` to `user:ann@kept.example`: grants `iam.serviceAccounts.getAccessToken`", GcpEdgeContext.GrantedBy(annOnRunner));
        Assert.NotSame(onRunner.Single(a => a.Principal == "user:bo@kept.example").Decision, onLoader.Single(a => a.Principal == "user:cy@kept.example").Decision);
    }

    [Fact]
    public void The_evaluator_writes_an_inherited_bindings_statement_once_for_every_resource_it_decides()
    {
        // Given the two projects' accounts
        var context = new GcpEdgeContext(GcpEstateLoader.Load([_organization.Path], TestContext.Current.CancellationToken), AsOf);

        // When the evaluator says who may be allowed on each, explaining allows by their deciding binding
        var onRunner = AnnsStatementOn(context, "runner@kp-apps.iam.gserviceaccount.com");
        var onLoader = AnnsStatementOn(context, "loader@kp-data.iam.gserviceaccount.com");

        // Then ann's organization binding is one statement in both answers, reading as that binding, and the one the
        // who-can answers keep (not a copy)
        Assert.Same(onRunner, onLoader);
        var kept = context.WhoCan(Permission, context.ServiceAccountResource("runner@kp-apps.iam.gserviceaccount.com")!).Single(a => a.Principal == "user:ann@kept.example");
        Assert.Same(onRunner, Assert.Single(Assert.Single(kept.Decision.Explanation.Layers).Statements));
        Assert.Equal("bindings[0]: `roles/iam.serviceAccountTokenCreator` to `user:ann@kept.example`: grants `iam.serviceAccounts.getAccessToken`", onRunner.Statement);
    }

    [Fact]
    public void A_denied_step_is_kept_as_its_kind_and_explained_for_each_asker_as_the_evaluator_explains_it()
    {
        // Given bo, who holds Token Creator on the apps project only
        var context = new GcpEdgeContext(GcpEstateLoader.Load([_organization.Path], TestContext.Current.CancellationToken), AsOf);
        var loader = context.ServiceAccountResource("loader@kp-data.iam.gserviceaccount.com")!;

        // When an edge's step asks twice whether bo may create the data project's account's tokens
        var first = context.StepDecision("user:bo@kept.example", Permission, loader);
        var again = context.StepDecision("user:bo@kept.example", Permission, loader);

        // Then each asker gets a denial of its own, explained as the evaluator explains it (not the cache's kind, whose
        // explanation is never to be read), and an allow is handed out as the cache keeps it
        Assert.Equal(DecisionKind.ImplicitDeny, first.Kind);
        Assert.NotSame(first, again);
        Assert.False(KeptDenial.IsKind(first));
        var asked = Text(context.Authorize("user:bo@kept.example", Permission, loader).Explanation);
        Assert.Equal(asked, Text(first.Explanation));
        Assert.Equal(asked, Text(again.Explanation));
        var allowed = context.StepDecision("user:cy@kept.example", Permission, loader);
        Assert.Equal(DecisionKind.Allowed, allowed.Kind);
        Assert.Same(allowed, context.StepDecision("user:cy@kept.example", Permission, loader));
    }

    private static string Text(Explanation explanation) =>
        explanation.Summary + string.Concat(explanation.Layers.Select(l => $" | {l.Layer} {l.Scope} {l.Outcome}: " + string.Join("; ", l.Statements.Select(s => $"{s.Policy} {s.Statement} {s.Effect}"))));

    private static StatementMatch AnnsStatementOn(GcpEdgeContext context, string account)
    {
        var answers = context.Authorizer.WhoMayBeAllowed(Permission, context.ServiceAccountResource(account)!, AsOf);
        return Assert.Single(Assert.Single(answers.Single(a => a.Principal.Text == "user:ann@kept.example").Decision.Explanation.Layers).Statements);
    }

    [Fact]
    public void Resources_name_the_containers_above_them_as_their_policies_do()
    {
        var context = new GcpEdgeContext(GcpEstateLoader.Load([_organization.Path], TestContext.Current.CancellationToken), AsOf);

        var runner = context.ServiceAccountResource("runner@kp-apps.iam.gserviceaccount.com")!;
        var loader = context.ServiceAccountResource("loader@kp-data.iam.gserviceaccount.com")!;

        // One string for the organization, whichever resource names it (an organization has 100,000s of resources).
        var organization = context.Estate.Policies.Single(p => p.Resource.EndsWith("/organizations/920000000001", StringComparison.Ordinal)).Resource;
        Assert.Contains(runner.PolicyHolders, h => h == "//cloudresourcemanager.googleapis.com/projects/920000000101");
        Assert.Equal(organization, runner.PolicyHolders[^1]);
        Assert.Same(organization, runner.PolicyHolders[^1]);
        Assert.Same(organization, loader.PolicyHolders[^1]);
    }

    [Fact]
    public void Statements_kept_once_are_those_equal_in_every_part()
    {
        // Each statement carries an array of its own for its conditions: equal items are equal conditions.
        var statement = new StatementMatch("allow policy of organizations/920000000001", "bindings[0]: `roles/owner` to `user:ann@kept.example`", StatementEffect.Allow, ["request.time < timestamp(\"2027-01-01T00:00:00Z\")"]);
        var same = statement with { Conditions = [.. statement.Conditions] };
        var comparer = GcpEdgeContext.SameStatement.Instance;

        Assert.True(comparer.Equals(statement, same));
        Assert.Equal(comparer.GetHashCode(statement), comparer.GetHashCode(same));
        StatementMatch[] others =
        [
            statement with { Policy = "allow policy of projects/920000000101" },
            statement with { Statement = "bindings[1]: `roles/owner` to `user:ann@kept.example`" },
            statement with { Effect = StatementEffect.Deny },
            statement with { Conditions = [] },
            statement with { Undecided = true },
        ];
        Assert.All(others, other => Assert.False(comparer.Equals(statement, other)));

        // A part added to statements must be compared too (and a variant added above).
        Assert.Equal(others.Length, typeof(StatementMatch).GetProperties().Count(p => p.Name != "EqualityContract"));
    }

    public void Dispose() => _organization.Dispose();
}
