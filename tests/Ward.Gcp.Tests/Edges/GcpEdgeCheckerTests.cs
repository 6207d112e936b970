using Ward.Core.Decisions;
using Ward.Core.Graph;
using Ward.Gcp.Edges;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Edges;

/// <summary>Every technique on the escalation lab (Fixtures/escalation): the vulnerable principal gets its edge, the safe twin none.</summary>
public sealed class GcpEdgeCheckerTests
{
    private const string Admin = "serviceAccount:admin-sa@esc-lab.iam.gserviceaccount.com";
    private const string Legacy = "serviceAccount:600000000001@cloudbuild.gserviceaccount.com";
    private const string GoogleApisAgent = "serviceAccount:600000000001@cloudservices.gserviceaccount.com";
    private const string LabPoolRepository = "principalSet://iam.googleapis.com/projects/600000000001/locations/global/workloadIdentityPools/lab-pool/attribute.repository/example/infra";
    private const string OldPool = "principalSet://iam.googleapis.com/projects/600000000001/locations/global/workloadIdentityPools/old-pool/*";
    private const string LabDefaultCompute = "serviceAccount:600000000001-compute@developer.gserviceaccount.com";
    private const string CustomCodeAgent = "serviceAccount:service-600000000001@gcp-sa-aiplatform-cc.iam.gserviceaccount.com";
    private static readonly DateTimeOffset AsOf = new(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Lazy<GcpEdgeContext> Context = new(() => new GcpEdgeContext(GcpFixtures.Escalation, AsOf));

    public enum Expect
    {
        Certain,
        Conditional,
        None,
    }

    public static TheoryData<string, string, string, Expect> Cases => new()
    {
        // setIamPolicy on the project: allowed outright is a target, not an edge; an undecided condition gives a conditional self-escalation; an expired one nothing.
        { "gcp-set-iam-policy", "user:c-projectadmin@example.com", "user:c-projectadmin@example.com", Expect.Conditional },
        { "gcp-set-iam-policy", "user:s-projectadmin@example.com", "user:s-projectadmin@example.com", Expect.None },
        { "gcp-set-iam-policy", "user:x-projectadmin@example.com", "user:x-projectadmin@example.com", Expect.None },
        { "gcp-sa-set-iam-policy", "user:v-setpolicy@example.com", Admin, Expect.Certain },
        { "gcp-sa-set-iam-policy", "user:s-setpolicy@example.com", Admin, Expect.None },
        { "gcp-sa-get-access-token", "user:v-token@example.com", Admin, Expect.Certain },
        { "gcp-sa-get-access-token", "user:s-token@example.com", Admin, Expect.None },
        { "gcp-sa-sign-blob", "user:v-signblob@example.com", Admin, Expect.Certain },
        { "gcp-sa-sign-blob", "user:s-signblob@example.com", Admin, Expect.None },
        { "gcp-sa-sign-jwt", "user:v-signjwt@example.com", Admin, Expect.Certain },
        { "gcp-sa-sign-jwt", "user:s-signjwt@example.com", Admin, Expect.None },
        { "gcp-sa-implicit-delegation", "user:v-delegate@example.com", Admin, Expect.Certain },
        { "gcp-sa-implicit-delegation", "user:s-delegate@example.com", Admin, Expect.None },
        { "gcp-sa-key-create", "user:v-keys@example.com", Admin, Expect.Certain },
        { "gcp-sa-key-create", "user:s-keys@example.com", Admin, Expect.None },
        { "gcp-compute-instance", "user:v-compute@example.com", Admin, Expect.Certain },
        { "gcp-compute-instance", "user:s-compute@example.com", Admin, Expect.None },
        { "gcp-cloud-function", "user:v-functions@example.com", Admin, Expect.Certain },
        { "gcp-cloud-function", "user:u-functions@example.com", Admin, Expect.Conditional },
        { "gcp-cloud-function", "user:s-functions@example.com", Admin, Expect.None },
        { "gcp-cloud-run", "user:v-run@example.com", Admin, Expect.Certain },
        { "gcp-cloud-run", "user:s-run@example.com", Admin, Expect.None },
        { "gcp-cloud-build", "user:v-build@example.com", Admin, Expect.Certain },
        { "gcp-cloud-build", "user:v-build@example.com", Legacy, Expect.Certain },
        { "gcp-cloud-build", "user:v-run@example.com", Legacy, Expect.None },
        { "gcp-cloud-scheduler", "user:v-scheduler@example.com", Admin, Expect.Certain },
        { "gcp-cloud-scheduler", "user:s-scheduler@example.com", Admin, Expect.None },

        // Cloud Tasks: Cloud Tasks Admin makes its own queue (certain), and so does Queue Admin, granting itself Enqueuer
        // on it; Enqueuer alone needs a queue Ward cannot see (conditional); Enqueuer without actAs, or actAs without
        // Enqueuer, nothing.
        { "gcp-cloud-tasks", "user:v-tasks@example.com", Admin, Expect.Certain },
        { "gcp-cloud-tasks", "user:v-taskqueues@example.com", Admin, Expect.Certain },
        { "gcp-cloud-tasks", "user:c-tasks@example.com", Admin, Expect.Conditional },
        { "gcp-cloud-tasks", "user:s-tasks@example.com", Admin, Expect.None },
        { "gcp-cloud-tasks", "user:s-tasksactas@example.com", Admin, Expect.None },
        { "gcp-custom-role-update", "user:v-roleupdate@example.com", "user:v-roleupdate@example.com", Expect.Certain },
        { "gcp-custom-role-update", "user:s-roleupdate@example.com", "user:s-roleupdate@example.com", Expect.None },

        // Deployment Manager: the deployer gets the Google APIs service agent (conditional on the API still accepting
        // deployments, after its end of support); its twin's grant expired.
        { "gcp-deployment-manager", "user:v-deploymentmanager@example.com", GoogleApisAgent, Expect.Conditional },
        { "gcp-deployment-manager", "user:s-deploymentmanager@example.com", GoogleApisAgent, Expect.None },
        { "gcp-deployment-manager", "user:v-deploymentmanager@example.com", Admin, Expect.None },

        // Workflows: creating without running them is not enough.
        { "gcp-workflows", "user:v-workflows@example.com", Admin, Expect.Certain },
        { "gcp-workflows", "user:s-workflows@example.com", Admin, Expect.None },

        // Composer: the twin may act as other-sa only (a resource.name condition).
        { "gcp-composer", "user:v-composer@example.com", Admin, Expect.Certain },
        { "gcp-composer", "user:s-composer@example.com", Admin, Expect.None },

        // Composer DAG buckets: a new DAG in lab-airflow's DAG folder runs as admin-sa; the twin may write the data folder only.
        // The environment that names no account runs as the project's Compute Engine default account, but is in ERROR: conditional.
        { "gcp-composer-dag-write", "user:v-dagwriter@example.com", Admin, Expect.Certain },
        { "gcp-composer-dag-write", "user:s-dagwriter@example.com", Admin, Expect.None },
        { "gcp-composer-dag-write", "user:c-dagwriter@example.com", LabDefaultCompute, Expect.Conditional },
        { "gcp-composer-dag-write", "user:c-dagwriter@example.com", Admin, Expect.None },

        // setIamPolicy on the DAG bucket grants object creation there; on a bucket that holds no DAGs it is no edge.
        { "gcp-bucket-set-iam-policy", "user:v-bucketpolicy@example.com", Admin, Expect.Certain },
        { "gcp-bucket-set-iam-policy", "user:s-bucketpolicy@example.com", Admin, Expect.None },
        { "gcp-composer-dag-write", "user:s-bucketpolicy@example.com", Admin, Expect.None },

        // Dataproc: a cluster with actAs; a job on an existing cluster without (conditional); job creation alone nothing.
        { "gcp-dataproc", "user:v-dataproc@example.com", Admin, Expect.Certain },
        { "gcp-dataproc", "user:c-dataproc@example.com", Admin, Expect.Conditional },
        { "gcp-dataproc", "user:s-dataproc@example.com", Admin, Expect.None },

        // Dataflow: the twin's actAs is refused by the project's deny policy.
        { "gcp-dataflow", "user:v-dataflow@example.com", Admin, Expect.Certain },
        { "gcp-dataflow", "user:s-dataflow@example.com", Admin, Expect.None },

        // Vertex AI: a custom job or a Workbench instance with actAs; without, only the Custom Code service agent.
        { "gcp-vertex-ai", "user:v-vertex@example.com", Admin, Expect.Certain },
        { "gcp-vertex-ai", "user:v-notebooks@example.com", Admin, Expect.Certain },
        { "gcp-vertex-ai", "user:s-vertex@example.com", Admin, Expect.None },
        { "gcp-vertex-ai", "user:s-vertex@example.com", CustomCodeAgent, Expect.Certain },

        // App Engine: with the application's creation certain, without conditional; without Cloud Build and Cloud Storage nothing.
        { "gcp-app-engine", "user:v-appengine@example.com", Admin, Expect.Certain },
        { "gcp-app-engine", "user:u-appengine@example.com", Admin, Expect.Conditional },
        { "gcp-app-engine", "user:s-appengine@example.com", Admin, Expect.None },

        // Cloud Run jobs: creating one without running it is not enough.
        { "gcp-cloud-run-job", "user:v-runjob@example.com", Admin, Expect.Certain },
        { "gcp-cloud-run-job", "user:s-runjob@example.com", Admin, Expect.None },

        // SSH keys in metadata: conditional on an instance; project-wide keys need actAs on the project, not on the account alone.
        { "gcp-compute-ssh-metadata", "user:c-sshmeta@example.com", Admin, Expect.Conditional },
        { "gcp-compute-ssh-metadata", "user:v-compute@example.com", Admin, Expect.Conditional },
        { "gcp-compute-ssh-metadata", "user:s-sshmeta@example.com", Admin, Expect.None },

        // Workload identity providers: a pool admin adds one and becomes the pool's identities; the updater rewrites the exported provider;
        // the pool viewer may do neither; the disabled pool issues no token at all.
        { "gcp-workload-identity-provider", "user:v-wipcreate@example.com", LabPoolRepository, Expect.Certain },
        { "gcp-workload-identity-provider", "user:v-wipupdate@example.com", LabPoolRepository, Expect.Certain },
        { "gcp-workload-identity-provider", "user:s-wipcreate@example.com", LabPoolRepository, Expect.None },
        { "gcp-workload-identity-provider", "user:v-wipcreate@example.com", OldPool, Expect.None },
        { "gcp-sa-get-access-token", LabPoolRepository, Admin, Expect.Certain },

        // PAM: a grant without approval is held as the role (Token Creator on the project), one with approval is conditional on it.
        { "gcp-sa-get-access-token", "user:v-pamtoken@example.com", Admin, Expect.Certain },
        { "gcp-set-iam-policy", "user:c-pamadmin@example.com", "user:c-pamadmin@example.com", Expect.Conditional },

        // OS Login: conditional on an instance, and only with actAs on its account.
        { "gcp-compute-os-login", "user:c-oslogin@example.com", Admin, Expect.Conditional },
        { "gcp-compute-os-login", "user:s-oslogin@example.com", Admin, Expect.None },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_technique_gives_its_edge_to_the_vulnerable_principal_and_none_to_its_safe_twin(string technique, string from, string to, Expect expected)
    {
        // Given the lab and the technique's checker
        var checker = Assert.Single(GcpEdgeCheckers.All, c => c.TechniqueId == technique);

        // When it checks every target
        var edges = checker.Check(Context.Value, targets: null).Where(e => e.From.Value == from && e.To.Value == to).ToList();

        // Then the edge is there, certain or conditional, or absent, as the grants say
        switch (expected)
        {
            case Expect.None:
                Assert.Empty(edges);
                break;
            case Expect.Certain:
                var certain = Assert.Single(edges);
                Assert.False(certain.IsConditional, string.Join("; ", certain.Requirements));
                Assert.All(certain.Permissions, p => Assert.False(string.IsNullOrEmpty(p.GrantedBy)));
                break;
            default:
                var conditional = Assert.Single(edges);
                Assert.True(conditional.IsConditional);
                break;
        }
    }

    [Fact]
    public void A_conditional_setIamPolicy_carries_the_condition_it_could_not_decide_and_the_project_it_grants()
    {
        // Given c-projectadmin, Project IAM Admin under a tag condition
        var edge = Assert.Single(Edges("gcp-set-iam-policy"), e => e.From.Value == "user:c-projectadmin@example.com");

        // Then its self-escalation names the tag condition and makes it owner-equivalent of the project only
        Assert.True(edge.GrantsAdmin);
        Assert.Equal("//cloudresourcemanager.googleapis.com/projects/600000000001", edge.AdminScope);
        Assert.Contains(edge.Requirements, r => r.Contains("resource.matchTag", StringComparison.Ordinal));
    }

    [Fact]
    public void Updating_an_existing_function_is_conditional_on_one_existing()
    {
        var edge = Assert.Single(Edges("gcp-cloud-function"), e => e.From.Value == "user:u-functions@example.com");
        Assert.Contains(edge.Requirements, r => r.Contains("a Cloud Function exists in `projects/esc-lab`", StringComparison.Ordinal));
        Assert.Contains(edge.Permissions, p => p.Action == "cloudfunctions.functions.update");
    }

    [Fact]
    public void A_DAG_writer_is_decided_on_a_new_file_in_the_DAG_folder_and_needs_no_actAs()
    {
        // Given v-dagwriter, Storage Object Creator on lab-airflow's bucket and nothing else
        var edge = Assert.Single(Edges("gcp-composer-dag-write"), e => e.From.Value == "user:v-dagwriter@example.com");

        // Then its one step is creating a new DAG file under the environment's dagGcsPrefix, granted by the bucket's policy
        var step = Assert.Single(edge.Permissions);
        Assert.Equal(("storage.objects.create", "projects/_/buckets/europe-west1-lab-airflow-1a2b3c4d-bucket/objects/dags/new_dag.py"), (step.Action, step.Resource));
        Assert.Contains("europe-west1-lab-airflow-1a2b3c4d-bucket", step.GrantedBy, StringComparison.Ordinal);
        Assert.Contains("environments/lab-airflow", edge.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void An_environment_that_is_not_running_makes_its_DAG_edges_conditional_on_it_running()
    {
        var edge = Assert.Single(Edges("gcp-composer-dag-write"), e => e.From.Value == "user:c-dagwriter@example.com");
        Assert.Contains(edge.Requirements, r => r.Contains("environments/lab-default` (now `ERROR`) runs its DAGs", StringComparison.Ordinal));
    }

    [Fact]
    public void Composer_environments_are_read_from_the_resource_export_with_their_DAG_folder_and_account()
    {
        // Given the lab's two environments, one naming admin-sa, one naming no account
        var environments = Context.Value.Estate.ComposerEnvironments.ToDictionary(e => e.Name[(e.Name.LastIndexOf('/') + 1)..], StringComparer.Ordinal);

        // Then each has its bucket and folder, and the one without an account runs as the project's Compute Engine default account
        Assert.Equal(("europe-west1-lab-airflow-1a2b3c4d-bucket", "dags", "admin-sa@esc-lab.iam.gserviceaccount.com"), (environments["lab-airflow"].DagBucket, environments["lab-airflow"].DagFolder, environments["lab-airflow"].ServiceAccount));
        Assert.Equal("600000000001-compute@developer.gserviceaccount.com", environments["lab-default"].ServiceAccount);
        Assert.Equal("ERROR", environments["lab-default"].State);
    }

    [Fact]
    public void Deployment_manager_leads_to_the_Google_APIs_service_agent_of_the_project_without_actAs()
    {
        // Given v-deploymentmanager, Deployment Manager Editor of esc-lab and nothing else
        var edge = Assert.Single(Edges("gcp-deployment-manager"), e => e.From.Value == "user:v-deploymentmanager@example.com");

        // Then its one step is the deployment's creation in the project, and the edge names the agent
        var step = Assert.Single(edge.Permissions);
        Assert.Equal(("deploymentmanager.deployments.create", "projects/esc-lab"), (step.Action, step.Resource));
        Assert.Contains("the Google APIs service agent `600000000001@cloudservices.gserviceaccount.com`", edge.Description, StringComparison.Ordinal);

        // And, Google having ended support for Deployment Manager on 31 March 2026, it holds only while the API still
        // accepts deployments; as of the day before, for certain
        Assert.Equal("the Deployment Manager API still accepts deployments in the project (Google ended support for Deployment Manager on 31 March 2026)", Assert.Single(edge.Requirements));
        var before = new GcpEdgeContext(GcpFixtures.Escalation, new DateTimeOffset(2026, 3, 30, 9, 0, 0, TimeSpan.Zero));
        var checker = Assert.Single(GcpEdgeCheckers.All, c => c.TechniqueId == "gcp-deployment-manager");
        Assert.False(Assert.Single(checker.Check(before, targets: null), e => e.From.Value == "user:v-deploymentmanager@example.com").IsConditional);
    }

    [Fact]
    public void A_job_on_an_existing_Dataproc_cluster_needs_no_actAs_and_is_conditional_on_a_cluster_running_as_the_account()
    {
        var edge = Assert.Single(Edges("gcp-dataproc"), e => e.From.Value == "user:c-dataproc@example.com" && e.To.Value == Admin);
        Assert.Equal("dataproc.jobs.create,dataproc.clusters.use", string.Join(",", edge.Permissions.Select(p => p.Action)));
        var requirement = Assert.Single(edge.Requirements);
        Assert.Contains("a Dataproc cluster whose VMs run as `admin-sa@esc-lab.iam.gserviceaccount.com` exists in `projects/esc-lab`", requirement, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Cloud_Tasks_enqueuer_is_conditional_on_a_queue_existing_and_a_queue_creator_is_not()
    {
        // Given c-tasks, Cloud Tasks Enqueuer of esc-lab and Service Account User on admin-sa
        var enqueuer = Assert.Single(Edges("gcp-cloud-tasks"), e => e.From.Value == "user:c-tasks@example.com" && e.To.Value == Admin);

        // Then its task needs actAs on the account and tasks.create in the project, and a queue the export does not show
        Assert.Equal("iam.serviceAccounts.actAs,cloudtasks.tasks.create", string.Join(",", enqueuer.Permissions.Select(p => p.Action)));
        Assert.Equal(("cloudtasks.tasks.create", "projects/esc-lab"), (enqueuer.Permissions[1].Action, enqueuer.Permissions[1].Resource));
        Assert.Equal("a Cloud Tasks queue exists in `projects/esc-lab` (the export lists none)", Assert.Single(enqueuer.Requirements));
        Assert.Contains("OAuth token of `admin-sa@esc-lab.iam.gserviceaccount.com`", enqueuer.Description, StringComparison.Ordinal);

        // And Cloud Tasks Admin creates the queue itself; Queue Admin creates one and grants itself Enqueuer there
        var admin = Assert.Single(Edges("gcp-cloud-tasks"), e => e.From.Value == "user:v-tasks@example.com" && e.To.Value == Admin);
        Assert.Equal("iam.serviceAccounts.actAs,cloudtasks.queues.create,cloudtasks.tasks.create", string.Join(",", admin.Permissions.Select(p => p.Action)));
        var queueAdmin = Assert.Single(Edges("gcp-cloud-tasks"), e => e.From.Value == "user:v-taskqueues@example.com" && e.To.Value == Admin);
        Assert.Equal("iam.serviceAccounts.actAs,cloudtasks.queues.create,cloudtasks.queues.setIamPolicy", string.Join(",", queueAdmin.Permissions.Select(p => p.Action)));
    }

    [Fact]
    public void Project_wide_SSH_keys_need_actAs_granted_on_the_project()
    {
        // Given c-sshmeta, who may set the project's metadata and holds Service Account User on the project
        var edge = Assert.Single(Edges("gcp-compute-ssh-metadata"), e => e.From.Value == "user:c-sshmeta@example.com" && e.To.Value == Admin);

        // Then the edge relies on actAs on the project itself, and holds only if an instance running as admin-sa accepts project-wide keys
        Assert.Contains(edge.Permissions, p => p.Action == "iam.serviceAccounts.actAs" && p.Resource == "projects/esc-lab");
        Assert.Contains(edge.Permissions, p => p.Action == "compute.projects.setCommonInstanceMetadata");
        Assert.Contains(edge.Requirements, r => r.Contains("accepts project-wide SSH keys", StringComparison.Ordinal) && r.Contains("admin-sa@esc-lab", StringComparison.Ordinal));
    }

    [Fact]
    public void The_deny_policy_refuses_the_twin_what_its_allow_bindings_grant()
    {
        // Given s-dataflow, bound like v-dataflow, whom the project's deny policy refuses actAs
        var denied = Context.Value.Authorize("user:s-dataflow@example.com", "iam.serviceAccounts.actAs", Context.Value.ServiceAccountResource("admin-sa@esc-lab.iam.gserviceaccount.com")!);

        // Then the evaluator says so, and no technique gives it an edge
        Assert.Equal(DecisionKind.ExplicitDeny, denied.Kind);
        Assert.DoesNotContain(GcpEdgeCheckers.All.SelectMany(c => c.Check(Context.Value, targets: null)), e => e.From.Value == "user:s-dataflow@example.com");
    }

    [Fact]
    public void Implicit_delegation_leads_to_what_the_intermediate_can_impersonate_not_to_the_intermediate()
    {
        var edges = Edges("gcp-sa-implicit-delegation").Where(e => e.From.Value == "user:v-delegate@example.com").ToList();
        var edge = Assert.Single(edges);
        Assert.Equal(Admin, edge.To.Value);
        Assert.Equal("iam.serviceAccounts.implicitDelegation,iam.serviceAccounts.getAccessToken", string.Join(",", edge.Permissions.Select(p => p.Action)));
    }

    [Fact]
    public void The_graph_marks_owner_equivalent_principals_and_finds_every_vulnerable_principal_and_no_twin()
    {
        // Given the lab's graph
        var graph = GcpGraphBuilder.Build(Context.Value);

        // When we search the escalations
        var escalations = graph.Escalations().ToDictionary(e => e.Principal, StringComparer.Ordinal);

        // Then admin-sa and x-projectadmin are targets, every v- user escalates to the project, and no s- user does
        Assert.NotNull(graph.OwnerEquivalenceOf(Admin, "//cloudresourcemanager.googleapis.com/projects/600000000001"));
        Assert.NotNull(graph.OwnerEquivalenceOf("user:x-projectadmin@example.com", "//cloudresourcemanager.googleapis.com/projects/600000000001"));
        Assert.False(escalations.ContainsKey("user:x-projectadmin@example.com"));
        string[] vulnerable =
        [
            "v-setpolicy", "v-token", "v-signblob", "v-signjwt", "v-delegate", "v-keys", "v-compute", "v-functions", "v-run", "v-build", "v-scheduler", "v-roleupdate",
            "v-workflows", "v-composer", "v-dataproc", "v-dataflow", "v-vertex", "v-notebooks", "v-appengine", "v-runjob",
            "v-wipcreate", "v-wipupdate", "v-pamtoken", "v-dagwriter", "v-bucketpolicy", "v-tasks", "v-taskqueues",
        ];
        Assert.All(vulnerable, v => Assert.False(escalations[$"user:{v}@example.com"].IsConditional, v));
        Assert.All(escalations.Keys, p => Assert.DoesNotContain("user:s-", p, StringComparison.Ordinal));
        // (v-deploymentmanager's is conditional too: Deployment Manager's support ended before the lab's reference time)
        string[] conditional = ["v-deploymentmanager", "c-projectadmin", "u-functions", "c-dataproc", "c-sshmeta", "c-oslogin", "c-pamadmin", "c-pamrequester", "c-tasks"];
        Assert.All(conditional, c => Assert.True(escalations[$"user:{c}@example.com"].IsConditional, c));

        // And u-appengine's App Engine edge waits for an application, but the Cloud Build Editor role deploying needs builds as admin-sa now
        Assert.Equal("gcp-cloud-build", Assert.Single(escalations["user:u-appengine@example.com"].Path).Technique);

        // And the deployer's path goes through the Google APIs service agent, Editor of the project, which builds as admin-sa
        Assert.Equal("gcp-deployment-manager,gcp-cloud-build", string.Join(",", escalations["user:v-deploymentmanager@example.com"].Path.Select(e => e.Technique)));
    }

    [Fact]
    public void A_PAM_entitlement_without_approval_makes_its_eligible_principal_owner_equivalent_and_one_with_approval_waits_for_the_approvers()
    {
        // Given the lab's graph, with its PAM entitlements: Owner on request, Project IAM Admin after a group's approval,
        // Owner under an expired condition, and a deleted entitlement
        var graph = GcpGraphBuilder.Build(Context.Value);
        const string Project = "//cloudresourcemanager.googleapis.com/projects/600000000001";

        // Then the break-glass owner is owner-equivalent, as the entitlement says
        Assert.Contains("break-glass-owner", graph.OwnerEquivalenceOf("user:v-pamowner@example.com", Project), StringComparison.Ordinal);
        Assert.Null(graph.OwnerEquivalenceOf("user:s-pamowner@example.com", Project));
        Assert.Null(graph.OwnerEquivalenceOf("user:s-pamdeleted@example.com", Project));

        // And the IAM admin's self-escalation needs the approvers' approval
        var edge = Assert.Single(Edges("gcp-set-iam-policy"), e => e.From.Value == "user:c-pamadmin@example.com");
        Assert.Contains(edge.Requirements, r => r.Contains("iam-admin-approved", StringComparison.Ordinal) && r.Contains("`group:pam-approvers@example.com`", StringComparison.Ordinal));
        // And an entitlement whose only approver is also eligible waits for that approver's approval for anyone else,
        // but never serves the approver itself: a principal cannot approve its own request
        var requester = Assert.Single(Edges("gcp-set-iam-policy"), e => e.From.Value == "user:c-pamrequester@example.com");
        Assert.Contains(requester.Requirements, r => r.Contains("iam-admin-by-lead", StringComparison.Ordinal));
        Assert.DoesNotContain(Edges("gcp-set-iam-policy"), e => e.From.Value == "user:s-pamselfapprover@example.com");
    }

    [Fact]
    public void A_pool_admin_becomes_the_pool_identity_and_through_it_the_service_account_it_may_impersonate()
    {
        // Given the lab's graph, where an attribute set of lab-pool is Workload Identity User of admin-sa
        var graph = GcpGraphBuilder.Build(Context.Value);

        // When we search the escalations
        var path = graph.Escalations().Single(e => e.Principal == "user:v-wipcreate@example.com").Path;

        // Then the pool admin adds a provider, is the pool's identity, and gets a token of admin-sa as it
        Assert.Equal("gcp-workload-identity-provider,gcp-sa-get-access-token", string.Join(",", path.Select(e => e.Technique)));
        Assert.Equal(LabPoolRepository, path[0].To.Value);
        Assert.Equal("iam.workloadIdentityPoolProviders.create", Assert.Single(path[0].Permissions).Action);
    }

    [Fact]
    public void Every_checker_is_in_the_catalogue_once_and_every_technique_has_a_checker()
    {
        var ids = GcpEdgeCheckers.All.Select(c => c.TechniqueId).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(GcpTechniqueCatalog.All.Keys.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
        Assert.All(GcpTechniqueCatalog.All.Values, t => Assert.Matches("^gcp-[a-z0-9-]+$", t.Id));
        var listed = GcpEdgeCheckers.All.Select(c => c.GetType()).ToHashSet();
        var declared = typeof(IGcpEdgeChecker).Assembly.GetTypes().Where(t => typeof(IGcpEdgeChecker).IsAssignableFrom(t) && !t.IsAbstract && !t.IsInterface);
        Assert.All(declared, t => Assert.Contains(t, listed));
    }

    [Fact]
    public void Every_technique_has_a_row_in_the_documented_table_and_every_row_a_checker()
    {
        // Given the technique table of docs/gcp/escalation.md (rows whose first cell is a technique id)
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Ward.slnx")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var documented = File.ReadAllLines(Path.Combine(root.FullName, "docs", "gcp", "escalation.md"))
            .Where(l => l.StartsWith("| `gcp-", StringComparison.Ordinal))
            .Select(l => l.Split('|')[1].Trim().Trim('`'));

        // Then it names every checker's technique once, and nothing else
        Assert.Equal(GcpEdgeCheckers.All.Select(c => c.TechniqueId).Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    private static List<Edge> Edges(string technique) =>
        [.. GcpEdgeCheckers.All.Single(c => c.TechniqueId == technique).Check(Context.Value, targets: null)];
}
