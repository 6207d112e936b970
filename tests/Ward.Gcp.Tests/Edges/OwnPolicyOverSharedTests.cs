using System.Globalization;
using Ward.Core.Decisions;
using Ward.Gcp.Edges;
using Ward.Gcp.Ingest;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Edges;

/// <summary>
/// A service account whose own allow policy names single users and accounts only gets its project's shared who-can
/// answer for everyone else, and a decision on itself for those its policy names. That must give every answer, in the
/// same order and with the same granting binding, as asking every candidate on the account alone.
/// </summary>
public sealed class OwnPolicyOverSharedTests : IDisposable
{
    private static readonly DateTimeOffset AsOf = DateTimeOffset.Parse("2026-12-01T09:00:00Z", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

    private static readonly string[] Permissions =
    [
        "iam.serviceAccounts.actAs", "iam.serviceAccounts.getAccessToken", "iam.serviceAccounts.signBlob", "iam.serviceAccounts.signJwt",
        "iam.serviceAccounts.implicitDelegation", "iam.serviceAccounts.setIamPolicy", "iam.serviceAccountKeys.create",
    ];

    // Jobs grants Token Creator to ode, to pia until June 2026 (expired at the reference time), and Workload Identity
    // User (an access token, not a signature) to every signed-in account. `worker`'s own policy grants Token Creator to
    // pia and to the batcher account; `crew`'s to the oncall group, whose exported members are max and the batcher
    // account; `loner`'s to the whole domain (which may include anyone); `batcher` has none.
    private readonly ScratchFolder _jobs = new(
        ("assets/resource.json", """
            {"name":"//cloudresourcemanager.googleapis.com/organizations/920000000001","asset_type":"cloudresourcemanager.googleapis.com/Organization","resource":{"version":"v1","discovery_name":"Organization","data":{"displayName":"own.example","lifecycleState":"ACTIVE","name":"organizations/920000000001"}},"ancestors":["organizations/920000000001"]}
            {"name":"//cloudresourcemanager.googleapis.com/projects/920000000102","asset_type":"cloudresourcemanager.googleapis.com/Project","resource":{"version":"v1","discovery_name":"Project","parent":"//cloudresourcemanager.googleapis.com/organizations/920000000001","data":{"lifecycleState":"ACTIVE","name":"Jobs","parent":{"id":"920000000001","type":"organization"},"projectId":"ow-jobs","projectNumber":"920000000102"}},"ancestors":["projects/920000000102","organizations/920000000001"]}
            """),
        ("assets/iam-policy.json", """
            {"name":"//cloudresourcemanager.googleapis.com/projects/920000000102","asset_type":"cloudresourcemanager.googleapis.com/Project","iam_policy":{"version":3,"bindings":[{"role":"roles/iam.serviceAccountTokenCreator","members":["user:ode@own.example"]},{"role":"roles/iam.serviceAccountTokenCreator","members":["user:pia@own.example"],"condition":{"title":"until the migration ends","expression":"request.time < timestamp(\"2026-06-01T00:00:00Z\")"}},{"role":"roles/iam.workloadIdentityUser","members":["allAuthenticatedUsers"]}]},"ancestors":["projects/920000000102","organizations/920000000001"]}
            {"name":"//iam.googleapis.com/projects/ow-jobs/serviceAccounts/920000000000000000021","asset_type":"iam.googleapis.com/ServiceAccount","iam_policy":{"version":1,"bindings":[{"role":"roles/iam.serviceAccountTokenCreator","members":["user:pia@own.example","serviceAccount:batcher@ow-jobs.iam.gserviceaccount.com"]}]},"ancestors":["projects/920000000102","organizations/920000000001"]}
            {"name":"//iam.googleapis.com/projects/ow-jobs/serviceAccounts/920000000000000000023","asset_type":"iam.googleapis.com/ServiceAccount","iam_policy":{"version":1,"bindings":[{"role":"roles/iam.serviceAccountTokenCreator","members":["domain:own.example"]}]},"ancestors":["projects/920000000102","organizations/920000000001"]}
            {"name":"//iam.googleapis.com/projects/ow-jobs/serviceAccounts/920000000000000000024","asset_type":"iam.googleapis.com/ServiceAccount","iam_policy":{"version":1,"bindings":[{"role":"roles/iam.serviceAccountTokenCreator","members":["group:oncall@own.example"]}]},"ancestors":["projects/920000000102","organizations/920000000001"]}
            """),
        ("roles/predefined.json", """
            [
              {"name":"roles/iam.serviceAccountTokenCreator","title":"Service Account Token Creator","includedPermissions":["iam.serviceAccounts.getAccessToken","iam.serviceAccounts.signBlob","iam.serviceAccounts.signJwt","iam.serviceAccounts.implicitDelegation"],"stage":"GA"},
              {"name":"roles/iam.workloadIdentityUser","title":"Workload Identity User","includedPermissions":["iam.serviceAccounts.get","iam.serviceAccounts.getAccessToken","iam.serviceAccounts.getOpenIdToken","iam.serviceAccounts.list"],"stage":"GA"}
            ]
            """),
        ("service-accounts/ow-jobs.json", """
            [
              {"email":"worker@ow-jobs.iam.gserviceaccount.com","name":"projects/ow-jobs/serviceAccounts/worker@ow-jobs.iam.gserviceaccount.com","projectId":"ow-jobs","uniqueId":"920000000000000000021"},
              {"email":"batcher@ow-jobs.iam.gserviceaccount.com","name":"projects/ow-jobs/serviceAccounts/batcher@ow-jobs.iam.gserviceaccount.com","projectId":"ow-jobs","uniqueId":"920000000000000000022"},
              {"email":"loner@ow-jobs.iam.gserviceaccount.com","name":"projects/ow-jobs/serviceAccounts/loner@ow-jobs.iam.gserviceaccount.com","projectId":"ow-jobs","uniqueId":"920000000000000000023"},
              {"email":"crew@ow-jobs.iam.gserviceaccount.com","name":"projects/ow-jobs/serviceAccounts/crew@ow-jobs.iam.gserviceaccount.com","projectId":"ow-jobs","uniqueId":"920000000000000000024"}
            ]
            """),
        ("groups/groups.json", """
            [{"createTime":"2025-02-03T10:00:00.000000Z","displayName":"On call","groupKey":{"id":"oncall@own.example"},"labels":{"cloudidentity.googleapis.com/groups.discussion_forum":""},"name":"groups/02oncall7h2k9x1","parent":"customers/C04own123","updateTime":"2026-09-01T08:00:00.000000Z"}]
            """),
        ("groups/memberships/oncall@own.example.json", """
            [
              {"createTime":"2025-02-03T10:05:00.000000Z","deliverySetting":"ALL_MAIL","name":"groups/02oncall7h2k9x1/memberships/111111111111111111111","preferredMemberKey":{"id":"max@own.example"},"roles":[{"name":"MEMBER"}],"type":"USER","updateTime":"2025-02-03T10:05:00.000000Z"},
              {"createTime":"2025-02-03T10:06:00.000000Z","deliverySetting":"NONE","name":"groups/02oncall7h2k9x1/memberships/222222222222222222222","preferredMemberKey":{"id":"batcher@ow-jobs.iam.gserviceaccount.com"},"roles":[{"name":"MEMBER"}],"type":"SERVICE_ACCOUNT","updateTime":"2025-02-03T10:06:00.000000Z"}
            ]
            """));

    [Fact]
    public void Every_answer_is_the_one_worked_out_for_the_account_alone()
    {
        // Given the Jobs project
        var estate = GcpEstateLoader.Load([_jobs.Path], TestContext.Current.CancellationToken);
        var context = new GcpEdgeContext(estate, AsOf);
        var accountsOnly = new GcpEdgeContext(estate, AsOf);

        // When who-can (and its service accounts only) is asked of every account and permission
        // Then each answer is the one asked of every candidate on the account
        foreach (var email in estate.ServiceAccounts.Select(a => a.Email))
        {
            foreach (var permission in Permissions)
            {
                var resource = context.ServiceAccountResource(email)!;
                var alone = context.DecideWhoCan(permission, resource);
                Assert.Equal(Describe(alone), Describe(context.WhoCan(permission, resource)), StringComparer.Ordinal);
                Assert.Equal(
                    Describe(alone.Where(a => a.Principal.StartsWith("serviceAccount:", StringComparison.Ordinal))),
                    Describe(accountsOnly.ServiceAccountsWhoCan(permission, accountsOnly.ServiceAccountResource(email)!)),
                    StringComparer.Ordinal);
            }
        }
    }

    [Fact]
    public void Only_the_principals_an_account_s_own_policy_names_are_decided_on_it()
    {
        var context = new GcpEdgeContext(GcpEstateLoader.Load([_jobs.Path], TestContext.Current.CancellationToken), AsOf);
        var worker = context.ServiceAccountResource("worker@ow-jobs.iam.gserviceaccount.com")!;
        string Holders(string permission, string account) =>
            string.Join(", ", context.WhoCan(permission, context.ServiceAccountResource($"{account}@ow-jobs.iam.gserviceaccount.com")!).Select(a => $"{a.Principal} {a.Decision.Kind}"));

        // worker's policy names pia and batcher, crew's a group with exported members, so their answers stand on the
        // shared one; loner's names a domain: not
        Assert.NotNull(context.Authorizer.OwnPolicyOverShared("iam.serviceAccounts.signBlob", worker));
        var crew = context.Authorizer.OwnPolicyOverShared("iam.serviceAccounts.signBlob", context.ServiceAccountResource("crew@ow-jobs.iam.gserviceaccount.com")!);
        Assert.Equal(["group:oncall@own.example", "serviceAccount:batcher@ow-jobs.iam.gserviceaccount.com", "user:max@own.example"], crew!.Value.Named.Select(m => m.Text).Order(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.Null(context.Authorizer.OwnPolicyOverShared("iam.serviceAccounts.signBlob", context.ServiceAccountResource("loner@ow-jobs.iam.gserviceaccount.com")!));

        // A signature: pia (expired in the project) and batcher through worker's own policy, ode everywhere
        Assert.Equal("serviceAccount:batcher@ow-jobs.iam.gserviceaccount.com Allowed, user:ode@own.example Allowed, user:pia@own.example Allowed", Holders("iam.serviceAccounts.signBlob", "worker"));
        Assert.Equal("user:ode@own.example Allowed", Holders("iam.serviceAccounts.signBlob", "batcher"));
        Assert.Equal("group:oncall@own.example Allowed, serviceAccount:batcher@ow-jobs.iam.gserviceaccount.com Allowed, user:max@own.example Allowed, user:ode@own.example Allowed", Holders("iam.serviceAccounts.signBlob", "crew"));

        // An access token: every signed-in account may have one, which stands for the principals it includes
        Assert.Equal("allAuthenticatedUsers Allowed", Holders("iam.serviceAccounts.getAccessToken", "worker"));
    }

    [Fact]
    public void A_decision_reads_the_policies_of_the_resource_asked_about_and_the_permission_asked()
    {
        // Given worker, whose own policy grants pia Token Creator (expired in the project), and worker as it would be
        // without that policy: the same name, other policies
        var context = new GcpEdgeContext(GcpEstateLoader.Load([_jobs.Path], TestContext.Current.CancellationToken), AsOf);
        var worker = context.ServiceAccountResource("worker@ow-jobs.iam.gserviceaccount.com")!;
        var without = context.Authorizer.OwnPolicyOverShared("iam.serviceAccounts.signBlob", worker)!.Value.Without;

        // When the authorizer is asked one principal at a time, on each (its plan of policies kept with the resource)
        // Then worker's own policy allows pia to sign, only on worker, and does not let it act as the account
        Assert.Equal(DecisionKind.Allowed, context.Authorize("user:pia@own.example", "iam.serviceAccounts.signBlob", worker).Kind);
        Assert.Equal(DecisionKind.ImplicitDeny, context.Authorize("user:pia@own.example", "iam.serviceAccounts.signBlob", without).Kind);
        Assert.Equal(DecisionKind.ImplicitDeny, context.Authorize("user:pia@own.example", "iam.serviceAccounts.actAs", worker).Kind);
        Assert.Equal(DecisionKind.Allowed, context.Authorize("user:pia@own.example", "iam.serviceAccounts.signBlob", worker).Kind);
    }

    private static IEnumerable<string> Describe(IEnumerable<PrincipalDecision> answers) =>
        answers.Select(a => $"{a.Principal} {a.Decision.Kind} {(a.Decision is Conditional c ? string.Join(" & ", c.Requirements) : string.Empty)} {(a.Decision is Indeterminate i ? i.Reason : string.Empty)} {GcpEdgeContext.GrantedBy(a.Decision)}");

    public void Dispose() => _jobs.Dispose();
}
