using System.Globalization;
using Ward.Core.Decisions;
using Ward.Gcp.Edges;
using Ward.Gcp.Ingest;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Edges;

/// <summary>
/// The service accounts of a project mostly have no allow policy of their own, so the graph shares one who-can answer
/// among those with the same policies above them. Sharing must never change an answer: for every service account of
/// the fixture organizations and every permission the techniques ask on one, the kept answer is the one worked out for
/// that account alone (principal, decision, requirements, the granting binding).
/// </summary>
public sealed class SharedWhoCanTests : IDisposable
{
    private static readonly DateTimeOffset AsOf = DateTimeOffset.Parse("2026-12-01T09:00:00Z", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

    private static readonly string[] Permissions =
    [
        "iam.serviceAccounts.actAs", "iam.serviceAccounts.getAccessToken", "iam.serviceAccounts.signBlob", "iam.serviceAccounts.signJwt",
        "iam.serviceAccounts.implicitDelegation", "iam.serviceAccounts.setIamPolicy", "iam.serviceAccountKeys.create",
    ];

    private readonly ScratchFolder _withGroups = new();

    public SharedWhoCanTests()
    {
        _withGroups.CopyFrom(GcpFixtures.OrganizationFolder);
        _withGroups.CopyFrom(Path.Combine(AppContext.BaseDirectory, "Fixtures", "groups"));
    }

    // Apps: `builder` has an allow policy of its own (Token Creator to kai), the project grants Token Creator to rin
    // only on `deployer` (a condition on resource.name) and to ode on all, and `runner` has nothing of its own; a
    // condition on the resource may tell accounts apart, so none of them shares. Jobs: `worker` and `batcher` only
    // inherit ode's grant and pia's, whose condition reads only the time, so they share one answer.
    private readonly ScratchFolder _project = new(
        ("assets/resource.json", """
            {"name":"//cloudresourcemanager.googleapis.com/organizations/900000000001","asset_type":"cloudresourcemanager.googleapis.com/Organization","resource":{"version":"v1","discovery_name":"Organization","data":{"displayName":"shared.example","lifecycleState":"ACTIVE","name":"organizations/900000000001"}},"ancestors":["organizations/900000000001"]}
            {"name":"//cloudresourcemanager.googleapis.com/projects/900000000101","asset_type":"cloudresourcemanager.googleapis.com/Project","resource":{"version":"v1","discovery_name":"Project","parent":"//cloudresourcemanager.googleapis.com/organizations/900000000001","data":{"lifecycleState":"ACTIVE","name":"Apps","parent":{"id":"900000000001","type":"organization"},"projectId":"sh-apps","projectNumber":"900000000101"}},"ancestors":["projects/900000000101","organizations/900000000001"]}
            {"name":"//cloudresourcemanager.googleapis.com/projects/900000000102","asset_type":"cloudresourcemanager.googleapis.com/Project","resource":{"version":"v1","discovery_name":"Project","parent":"//cloudresourcemanager.googleapis.com/organizations/900000000001","data":{"lifecycleState":"ACTIVE","name":"Jobs","parent":{"id":"900000000001","type":"organization"},"projectId":"sh-jobs","projectNumber":"900000000102"}},"ancestors":["projects/900000000102","organizations/900000000001"]}
            """),
        ("assets/iam-policy.json", """
            {"name":"//cloudresourcemanager.googleapis.com/projects/900000000101","asset_type":"cloudresourcemanager.googleapis.com/Project","iam_policy":{"version":3,"bindings":[{"role":"roles/iam.serviceAccountTokenCreator","members":["user:rin@shared.example"],"condition":{"title":"deployer only","expression":"resource.name.endsWith(\"/serviceAccounts/deployer@sh-apps.iam.gserviceaccount.com\")"}},{"role":"roles/iam.serviceAccountTokenCreator","members":["user:ode@shared.example"]}]},"ancestors":["projects/900000000101","organizations/900000000001"]}
            {"name":"//cloudresourcemanager.googleapis.com/projects/900000000102","asset_type":"cloudresourcemanager.googleapis.com/Project","iam_policy":{"version":3,"bindings":[{"role":"roles/iam.serviceAccountTokenCreator","members":["user:ode@shared.example"]},{"role":"roles/iam.serviceAccountTokenCreator","members":["user:pia@shared.example"],"condition":{"title":"until the migration ends","expression":"request.time < timestamp(\"2027-01-01T00:00:00Z\")"}}]},"ancestors":["projects/900000000102","organizations/900000000001"]}
            {"name":"//iam.googleapis.com/projects/sh-apps/serviceAccounts/900000000000000000011","asset_type":"iam.googleapis.com/ServiceAccount","iam_policy":{"version":1,"bindings":[{"role":"roles/iam.serviceAccountTokenCreator","members":["user:kai@shared.example"]}]},"ancestors":["projects/900000000101","organizations/900000000001"]}
            """),
        ("roles/predefined.json", """
            [{"name":"roles/iam.serviceAccountTokenCreator","title":"Service Account Token Creator","includedPermissions":["iam.serviceAccounts.getAccessToken","iam.serviceAccounts.signBlob","iam.serviceAccounts.signJwt","iam.serviceAccounts.implicitDelegation"],"stage":"GA"}]
            """),
        ("service-accounts/sh-apps.json", """
            [
              {"email":"builder@sh-apps.iam.gserviceaccount.com","name":"projects/sh-apps/serviceAccounts/builder@sh-apps.iam.gserviceaccount.com","projectId":"sh-apps","uniqueId":"900000000000000000011"},
              {"email":"deployer@sh-apps.iam.gserviceaccount.com","name":"projects/sh-apps/serviceAccounts/deployer@sh-apps.iam.gserviceaccount.com","projectId":"sh-apps","uniqueId":"900000000000000000012"},
              {"email":"runner@sh-apps.iam.gserviceaccount.com","name":"projects/sh-apps/serviceAccounts/runner@sh-apps.iam.gserviceaccount.com","projectId":"sh-apps","uniqueId":"900000000000000000013"}
            ]
            """),
        ("service-accounts/sh-jobs.json", """
            [
              {"email":"worker@sh-jobs.iam.gserviceaccount.com","name":"projects/sh-jobs/serviceAccounts/worker@sh-jobs.iam.gserviceaccount.com","projectId":"sh-jobs","uniqueId":"900000000000000000021"},
              {"email":"batcher@sh-jobs.iam.gserviceaccount.com","name":"projects/sh-jobs/serviceAccounts/batcher@sh-jobs.iam.gserviceaccount.com","projectId":"sh-jobs","uniqueId":"900000000000000000022"}
            ]
            """));

    public static TheoryData<string> Organizations => ["organization with groups", "escalation", "findings", "one project"];

    [Theory]
    [MemberData(nameof(Organizations))]
    public void A_shared_answer_is_the_answer_for_the_account_alone(string organization)
    {
        var estate = Load(organization);
        var context = new GcpEdgeContext(estate, AsOf);

        foreach (var email in estate.ServiceAccounts.Select(a => a.Email))
        {
            var resource = context.ServiceAccountResource(email);
            Assert.NotNull(resource);
            foreach (var permission in Permissions)
            {

                Assert.Equal(Describe(context.DecideWhoCan(permission, resource)), Describe(context.WhoCan(permission, resource)), StringComparer.Ordinal);
            }
        }

    }

    [Theory]
    [MemberData(nameof(Organizations))]
    public void The_service_accounts_who_can_are_those_of_the_whole_answer(string organization)
    {
        var estate = Load(organization);
        var whole = new GcpEdgeContext(estate, AsOf);
        var accountsOnly = new GcpEdgeContext(estate, AsOf);
        var asked = 0;

        foreach (var email in estate.ServiceAccounts.Select(a => a.Email))
        {
            foreach (var permission in Permissions)
            {
                var expected = whole.WhoCan(permission, whole.ServiceAccountResource(email)!).Where(a => a.Principal.StartsWith("serviceAccount:", StringComparison.Ordinal)).ToList();
                asked += expected.Count;
                Assert.Equal(Describe(expected), Describe(accountsOnly.ServiceAccountsWhoCan(permission, accountsOnly.ServiceAccountResource(email)!)), StringComparer.Ordinal);
                // Asked again once the whole answer is known, it is read from that answer.
                Assert.Equal(Describe(expected), Describe(whole.ServiceAccountsWhoCan(permission, whole.ServiceAccountResource(email)!)), StringComparer.Ordinal);
            }
        }

        Assert.True(organization == "one project" || asked > 0, "the fixture has service accounts allowed on service accounts");
    }

    [Theory]
    [MemberData(nameof(Organizations))]
    public void Impersonation_edges_from_service_accounts_are_those_of_every_edge(string organization)
    {
        var estate = Load(organization);
        static string Text(Ward.Core.Graph.Edge e) => $"{e.From.Value} {e.To.Value} {e.Technique} {e.IsConditional} {string.Join(" & ", e.Requirements)} {string.Join(" & ", e.Permissions.Select(p => p.GrantedBy))}";
        var every = new GcpEdgeContext(estate, AsOf);
        var accountsOnly = new GcpEdgeContext(estate, AsOf);
        var edges = 0;

        foreach (var checker in GcpEdgeCheckers.Impersonation)
        {
            var expected = checker.Check(every, targets: null).Where(e => e.From.Value.StartsWith("serviceAccount:", StringComparison.Ordinal)).Select(Text).ToList();
            edges += expected.Count;
            Assert.Equal(expected, checker.CheckFromServiceAccounts(accountsOnly).Select(Text), StringComparer.Ordinal);
        }

        Assert.True(organization is "one project" or "organization with groups" || edges > 0, "the fixture has service accounts acting as service accounts");
    }

    private Ward.Gcp.Iam.GcpEstate Load(string organization) => organization switch
    {
        "organization with groups" => GcpEstateLoader.Load([_withGroups.Path], TestContext.Current.CancellationToken),
        "escalation" => GcpFixtures.Escalation,
        "one project" => GcpEstateLoader.Load([_project.Path], TestContext.Current.CancellationToken),
        _ => GcpEstateLoader.Load([Path.Combine(AppContext.BaseDirectory, "Fixtures", "findings")], TestContext.Current.CancellationToken),
    };

    private static IEnumerable<string> Describe(IEnumerable<PrincipalDecision> answers) =>
        answers.Select(a => $"{a.Principal} {a.Decision.Kind} {(a.Decision is Conditional c ? string.Join(" & ", c.Requirements) : string.Empty)} {(a.Decision is Indeterminate i ? i.Reason : string.Empty)} {GcpEdgeContext.GrantedBy(a.Decision)}");

    [Fact]
    public void Accounts_with_their_own_policy_or_a_condition_naming_them_get_their_own_answers()
    {
        var context = new GcpEdgeContext(GcpEstateLoader.Load([_project.Path], TestContext.Current.CancellationToken), AsOf);
        string Holders(string account) => string.Join(", ", context.WhoCan("iam.serviceAccounts.getAccessToken", context.ServiceAccountResource($"{account}@sh-apps.iam.gserviceaccount.com")!)
            .Select(a => $"{a.Principal} {a.Decision.Kind}"));

        Assert.Equal("user:kai@shared.example Allowed, user:ode@shared.example Allowed", Holders("builder"));
        Assert.Equal("user:ode@shared.example Allowed, user:rin@shared.example Allowed", Holders("deployer"));
        Assert.Equal("user:ode@shared.example Allowed", Holders("runner"));

        string? Key(string account) => context.Authorizer.SharedAnswerKey("iam.serviceAccounts.getAccessToken", context.ServiceAccountResource(account)!);
        Assert.Null(Key("builder@sh-apps.iam.gserviceaccount.com"));
        Assert.Null(Key("deployer@sh-apps.iam.gserviceaccount.com"));
        Assert.Null(Key("runner@sh-apps.iam.gserviceaccount.com"));
        Assert.NotNull(Key("worker@sh-jobs.iam.gserviceaccount.com"));
        Assert.Equal(Key("worker@sh-jobs.iam.gserviceaccount.com"), Key("batcher@sh-jobs.iam.gserviceaccount.com"));
        var jobs = context.WhoCan("iam.serviceAccounts.getAccessToken", context.ServiceAccountResource("batcher@sh-jobs.iam.gserviceaccount.com")!);
        Assert.Equal(["user:ode@shared.example Allowed", "user:pia@shared.example Allowed"], jobs.Select(a => $"{a.Principal} {a.Decision.Kind}"), StringComparer.Ordinal);
    }

    [Fact]
    public void With_the_reference_time_accounts_on_which_a_name_condition_comes_out_the_same_share_answers()
    {
        // Given Apps, whose Token Creator grant to rin holds on `deployer` only (a condition on resource.name)
        var context = new GcpEdgeContext(GcpEstateLoader.Load([_project.Path], TestContext.Current.CancellationToken), AsOf);
        string? Key(string account) => context.Authorizer.SharedAnswerKey("iam.serviceAccounts.getAccessToken", context.ServiceAccountResource($"{account}@sh-apps.iam.gserviceaccount.com")!, AsOf);

        // Then runner (on which it is false) and deployer (true) have keys that differ, and builder's names its own policy
        Assert.NotNull(Key("runner"));
        Assert.NotNull(Key("deployer"));
        Assert.NotEqual(Key("runner"), Key("deployer"), StringComparer.Ordinal);
        Assert.Contains("//iam.googleapis.com/projects/sh-apps/serviceAccounts/900000000000000000011", Key("builder"), StringComparison.Ordinal);
        Assert.Contains("bindings[0] False", Key("runner"), StringComparison.Ordinal);
    }

    // A deny rule without a condition denies alike on every account of a project, so the accounts still share an
    // answer, which leaves the denied principal out; one whose condition reads the resource stops the sharing.
    [Fact]
    public void A_deny_rule_without_a_condition_on_the_resource_keeps_answers_shared()
    {
        using var denied = new ScratchFolder();
        denied.CopyFrom(_project.Path);
        denied.Write("deny-policies/projects-900000000102.json", """
            [{"name":"policies/cloudresourcemanager.googleapis.com%2Fprojects%2F900000000102/denypolicies/no-pia","kind":"DenyPolicy","displayName":"pia creates no tokens","rules":[{"denyRule":{"deniedPrincipals":["principal://goog/subject/pia@shared.example"],"deniedPermissions":["iam.googleapis.com/serviceAccounts.getAccessToken"]}}]}]
            """);
        var context = new GcpEdgeContext(GcpEstateLoader.Load([denied.Path], TestContext.Current.CancellationToken), AsOf);
        string? Key(string account) => context.Authorizer.SharedAnswerKey("iam.serviceAccounts.getAccessToken", context.ServiceAccountResource(account)!);
        Assert.NotNull(Key("worker@sh-jobs.iam.gserviceaccount.com"));
        Assert.Equal(Key("worker@sh-jobs.iam.gserviceaccount.com"), Key("batcher@sh-jobs.iam.gserviceaccount.com"));
        foreach (var account in new[] { "worker", "batcher" })
        {
            var resource = context.ServiceAccountResource($"{account}@sh-jobs.iam.gserviceaccount.com")!;
            Assert.Equal(["user:ode@shared.example Allowed"], context.WhoCan("iam.serviceAccounts.getAccessToken", resource).Select(a => $"{a.Principal} {a.Decision.Kind}"), StringComparer.Ordinal);
            Assert.Equal(Describe(context.DecideWhoCan("iam.serviceAccounts.getAccessToken", resource)), Describe(context.WhoCan("iam.serviceAccounts.getAccessToken", resource)), StringComparer.Ordinal);
        }

        denied.Write("deny-policies/projects-900000000102.json", """
            [{"name":"policies/cloudresourcemanager.googleapis.com%2Fprojects%2F900000000102/denypolicies/no-pia","kind":"DenyPolicy","displayName":"pia creates no worker tokens","rules":[{"denyRule":{"deniedPrincipals":["principal://goog/subject/pia@shared.example"],"deniedPermissions":["iam.googleapis.com/serviceAccounts.getAccessToken"],"denialCondition":{"title":"worker","expression":"resource.name.endsWith('/worker@sh-jobs.iam.gserviceaccount.com')"}}}]}]
            """);
        var conditioned = new GcpEdgeContext(GcpEstateLoader.Load([denied.Path], TestContext.Current.CancellationToken), AsOf);
        Assert.Null(conditioned.Authorizer.SharedAnswerKey("iam.serviceAccounts.getAccessToken", conditioned.ServiceAccountResource("worker@sh-jobs.iam.gserviceaccount.com")!));
        string Holders(string account) => string.Join(", ", conditioned.WhoCan("iam.serviceAccounts.getAccessToken", conditioned.ServiceAccountResource($"{account}@sh-jobs.iam.gserviceaccount.com")!).Select(a => a.Principal));
        Assert.Equal("user:ode@shared.example", Holders("worker"));
        Assert.Equal("user:ode@shared.example, user:pia@shared.example", Holders("batcher"));
    }

    public void Dispose()
    {
        _withGroups.Dispose();
        _project.Dispose();
    }
}
