using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ward.Cli.Tests;

/// <summary><c>ward scan</c> on the Google Cloud sample (samples/gcp/README.md lists its seeded risks and traps).</summary>
public sealed class GcpScanTests
{
    private const string AsOf = "2026-12-01T09:00:00Z";
    private const string SandboxBot = "serviceAccount:sandbox-bot@nw-sandbox.iam.gserviceaccount.com";
    private static readonly string Sample = Path.Combine(Repository.Root, "samples", "gcp");

    private static readonly Lazy<JsonElement> Report = new(() =>
    {
        var output = Path.Combine(Path.GetTempPath(), $"ward-gcp-{Guid.NewGuid():N}.json");
        var (exitCode, console) = WardRunner.Run("scan", Sample, "--as-of", AsOf, "--format", "json", "--output", output);
        Assert.True(exitCode == 0, console);
        var report = JsonDocument.Parse(File.ReadAllText(output)).RootElement.Clone();
        File.Delete(output);
        return report;
    });

    [Fact]
    public void The_sample_gives_exactly_the_expected_findings()
    {
        // Given the expected findings of the sample (Expected/gcp-northwind-findings.txt, derived from samples/gcp/README.md)
        var expected = File.ReadAllLines(Path.Combine(Repository.Root, "tests", "Ward.Cli.Tests", "Expected", "gcp-northwind-findings.txt"))
            .Where(line => line.Length > 0 && !line.StartsWith('#')).ToList();

        // When the sample is scanned
        var actual = Findings().Select(f => $"{f.GetProperty("severity").GetString()} {f.GetProperty("ruleId").GetString()} {f.GetProperty("principal").GetString()}").ToList();

        // Then every expected finding is there, in order, and nothing else
        var missing = expected.Except(actual, StringComparer.Ordinal).ToList();
        var unexpected = actual.Except(expected, StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0 && unexpected.Count == 0, $"missing:\n{string.Join("\n", missing)}\nunexpected:\n{string.Join("\n", unexpected)}");
        Assert.Equal(expected, actual);
        Assert.All(Findings(), f => Assert.Equal("gcp", f.GetProperty("provider").GetString()));
    }

    [Theory]
    [InlineData("user:sam.okafor@northwind.example", "gcp-compute-instance", "organizations/583920174615")]
    [InlineData("group:ci-operators@northwind.example", "gcp-sa-get-access-token", "organizations/583920174615")]
    [InlineData("user:priya.nair@northwind.example", "gcp-sa-implicit-delegation", "organizations/583920174615")]
    [InlineData("user:omar.haddad@northwind.example", "gcp-custom-role-update", "folders/710000000002")]
    [InlineData("group:developers@northwind.example", "gcp-cloud-build", "projects/nw-shop-prod")]
    [InlineData("group:secops@northwind.example", "gcp-set-iam-policy", "folders/710000000001")]
    [InlineData("user:ana.silva@northwind.example", "gcp-dataflow", "projects/nw-shop-prod")]
    [InlineData("user:mei.chen@northwind.example", "gcp-composer-dag-write", "projects/nw-shop-prod")]
    [InlineData("serviceAccount:830000000201-compute@developer.gserviceaccount.com", "gcp-bucket-set-iam-policy", "projects/nw-shop-prod")]
    [InlineData("user:tom.reed@northwind.example", "gcp-gke-node-service-account", "projects/nw-shop-prod")]
    [InlineData("user:nina.berg@northwind.example", "gcp-gke-node-service-account", "projects/nw-shop-prod")]
    public void Seeded_escalation_paths_start_with_their_technique_and_reach_the_highest_container(string principal, string technique, string container)
    {
        var finding = Escalation(principal);
        Assert.Equal(technique, finding.GetProperty("path")[0].GetProperty("technique").GetString());
        Assert.Equal(container, finding.GetProperty("account").GetString());
        Assert.Contains($"owner-equivalent of `{container}`", finding.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_through_a_default_service_account_with_Editor_says_so()
    {
        // Given jo.martin, who can run a VM in nw-shop-dev as its Compute Engine default service account, which may create keys for shop-deployer
        var finding = Escalation("user:jo.martin@northwind.example");

        // Then the path has both steps, in order, and the explanation names the default account and its Editor grant
        var path = finding.GetProperty("path");
        Assert.Equal(2, path.GetArrayLength());
        Assert.Equal("serviceAccount:830000000202-compute@developer.gserviceaccount.com", path[0].GetProperty("to").GetString());
        Assert.Equal("serviceAccount:shop-deployer@nw-shop-prod.iam.gserviceaccount.com", path[1].GetProperty("to").GetString());
        Assert.Contains("the Compute Engine default service account of `nw-shop-dev`, which holds `roles/editor` there", finding.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_step_under_an_undecided_condition_is_medium_and_carries_the_condition()
    {
        var finding = Escalation("group:secops@northwind.example");
        Assert.Equal("medium", finding.GetProperty("severity").GetString());
        var requirement = Assert.Single(finding.GetProperty("path")[0].GetProperty("requirements").EnumerateArray());
        Assert.Contains("resource.matchTag", requirement.GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("user:kim.audit@partner.example")]
    [InlineData("user:lee.contractor@partner.example")]
    [InlineData("user:lena.vogel@northwind.example")]
    [InlineData("serviceAccount:ci-deployer@nw-platform-ci.iam.gserviceaccount.com")]
    [InlineData("domain:northwind.example")]
    [InlineData("user:noah.berg@northwind.example")]   // Token Creator on terraform, locked out by the organization's deny policy
    [InlineData("user:ben.ito@northwind.example")]     // Dataflow Developer, may act only as dataflow-worker, which escalates no further
    [InlineData("serviceAccount:830000000201@cloudservices.gserviceaccount.com")]              // Google's service agent: Editor by design, no path of its own
    [InlineData("serviceAccount:service-830000000201@gcp-sa-pubsub.iam.gserviceaccount.com")]  // Token Creator on shop-runtime, a service agent
    [InlineData("user:ravi.iyer@northwind.example")]   // Viewer until 2027-03-31: not expired yet
    [InlineData("group:qa@northwind.example")]         // a time bound in a disjunction whose other side may hold
    [InlineData("//iam.googleapis.com/projects/830000000201/locations/global/workloadIdentityPools/aws-analytics/providers/northwind-management")]  // condition on the role
    [InlineData("//iam.googleapis.com/projects/830000000201/locations/global/workloadIdentityPools/aws-billing/providers/northwind-prod")]        // granted to one role only
    public void Traps_give_no_finding(string principal) =>
        Assert.DoesNotContain(Findings(), f => f.GetProperty("principal").GetString() == principal);

    [Fact]
    public void A_partners_expired_grant_is_a_clean_up_finding_on_the_resource_not_an_outsider()
    {
        // Given kim.audit@partner.example, Organization Administrator until 2026-06-30
        var finding = Assert.Single(Findings(), f => f.GetProperty("ruleId").GetString() == "gcp-expired-conditional-binding" && f.GetProperty("principal").GetString() == "organizations/583920174615");

        Assert.Contains("`user:kim.audit@partner.example`", finding.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Findings(), f => f.GetProperty("ruleId").GetString() == "gcp-external-domain-member" && f.GetProperty("principal").GetString()!.EndsWith("@partner.example", StringComparison.Ordinal));
    }

    [Fact]
    public void The_organizations_deny_policy_refuses_the_leaver_the_token_its_allow_binding_grants()
    {
        var (exitCode, output) = WardRunner.Run("can", "-i", Sample, "user:noah.berg@northwind.example", "iam.serviceAccounts.getAccessToken",
            "//iam.googleapis.com/projects/nw-platform-ci/serviceAccounts/terraform@nw-platform-ci.iam.gserviceaccount.com", "--as-of", "2026-12-01T09:00:00Z", "--format", "json");

        Assert.Equal(0, exitCode);
        var result = JsonDocument.Parse(output).RootElement.GetProperty("result");
        Assert.Equal("ExplicitDeny", result.GetProperty("decision").GetString());
        Assert.Contains("offboarding-lockout", result.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Roles_exported_without_their_permissions_are_said_to_leave_the_analysis_undecided()
    {
        // Given the sample with its predefined roles as `gcloud iam roles list` prints them: no includedPermissions
        var folder = Directory.CreateTempSubdirectory("ward-gcp-roles-").FullName;
        foreach (var file in Directory.EnumerateFiles(Sample, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(folder, Path.GetRelativePath(Sample, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        var predefined = Path.Combine(folder, "roles", "predefined.json");
        var roles = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(predefined))!;
        foreach (var role in roles is System.Text.Json.Nodes.JsonArray list ? list : roles["roles"]!.AsArray())
        {
            role!.AsObject().Remove("includedPermissions");
        }

        File.WriteAllText(predefined, roles.ToJsonString());
        var (_, output) = WardRunner.Run("scan", folder, "--as-of", AsOf);
        var (_, sample) = WardRunner.Run("scan", Sample, "--as-of", AsOf);

        // Then the scan says which roles' grants are unknown and why, once; the sample, exported whole, does not
        var flat = output.ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal);
        Assert.Contains("Google Cloud roles grant (roles/", flat, StringComparison.Ordinal);
        Assert.Contains("exported without `includedPermissions`", flat, StringComparison.Ordinal);
        Assert.DoesNotContain("exported without `includedPermissions`", sample, StringComparison.Ordinal);

        // And that the basic roles among them are known by name in part
        Assert.Contains("the basic roles among them (roles/editor, roles/owner, roles/viewer) are known by name", flat, StringComparison.Ordinal);

        // And the public Viewer binding on nw-sandbox stays what it is, a read (medium), not a role Ward cannot weigh (high)
        var report = Path.Combine(folder, "report.json");
        WardRunner.Run("scan", folder, "--as-of", AsOf, "--format", "json", "--output", report);
        var exposure = Assert.Single(JsonDocument.Parse(File.ReadAllText(report)).RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("ruleId").GetString() == "gcp-public-binding" && f.GetProperty("principal").GetString() == "projects/nw-sandbox");
        Assert.Equal("medium", exposure.GetProperty("severity").GetString());
        Assert.Contains("Google documents the basic role `roles/viewer` as read-only", exposure.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_headline_counts_Google_Cloud()
    {
        var (exitCode, output) = WardRunner.Run("scan", Sample, "--as-of", AsOf);
        Assert.Equal(0, exitCode);
        Assert.Contains("Google Cloud: 1 organization(s), 2 folder(s), 4 project(s)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("not analysed: Google Cloud deny policies", output, StringComparison.Ordinal);
        Assert.DoesNotContain("not analysed: Google Cloud principal access boundaries", output, StringComparison.Ordinal);
        Assert.Contains("not analysed: gcp-unused-permissions", output, StringComparison.Ordinal);

        // shop-prod's Kubernetes RBAC is exported, shop-dev's is not: said once, naming the cluster
        Assert.Contains("not analysed: Kubernetes RBAC of 1 GKE cluster (shop-dev)", output.ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);

        // dev-jumpbox and shop-dev's three GKE nodes in nw-shop-dev, ci-runner-01 in nw-platform-ci
        Assert.Contains(", 5 VM instances", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_headline_counts_the_Compute_Engine_instances_read()
    {
        // Given the Compute Engine lab of the Google Cloud tests: bastion and report in a gcloud list, builder in the
        // asset export, and an empty list for another project
        var lab = Path.Combine(Repository.Root, "tests", "Ward.Gcp.Tests", "Fixtures", "compute");

        var (exitCode, output) = WardRunner.Run("scan", lab, "--as-of", "2026-05-01T09:00:00Z");

        // Then the headline counts the three, from both forms
        Assert.Equal(0, exitCode);
        Assert.Contains(", 3 VM instances", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sandbox_quarantine_boundary_blocks_the_bots_forgotten_token_creator_binding()
    {
        // Given sandbox-bot, Token Creator on shop-deployer (Project IAM Admin of nw-shop-prod), and the boundary that
        // keeps nw-sandbox's service accounts in nw-sandbox (enforcement version 3, which blocks iam.serviceAccounts.*)
        var (exitCode, output) = WardRunner.Run("can", "-i", Sample, SandboxBot, "iam.serviceAccounts.getAccessToken",
            "//iam.googleapis.com/projects/nw-shop-prod/serviceAccounts/shop-deployer@nw-shop-prod.iam.gserviceaccount.com", "--as-of", AsOf, "--format", "json");

        // Then ward can answers ImplicitDeny naming the boundary, and the scan finds no path for the bot
        Assert.Equal(0, exitCode);
        var result = JsonDocument.Parse(output).RootElement.GetProperty("result");
        Assert.Equal("ImplicitDeny", result.GetProperty("decision").GetString());
        Assert.Contains("principalAccessBoundaryPolicies/sandbox-quarantine` (bound to `//cloudresourcemanager.googleapis.com/projects/nw-sandbox` by `sandbox-service-accounts`", result.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Findings(), f => f.GetProperty("ruleId").GetString() == "privilege-escalation" && f.GetProperty("principal").GetString() == SandboxBot);

        // And without the boundary exports, the same binding is a critical path to nw-shop-prod
        var unbounded = ScannedCopy.Findings(Sample, AsOf, folder => Directory.Delete(Path.Combine(folder, "principal-access-boundaries"), recursive: true));
        var escalation = Assert.Single(unbounded, f => f.GetProperty("ruleId").GetString() == "privilege-escalation" && f.GetProperty("principal").GetString() == SandboxBot);
        Assert.Equal("critical", escalation.GetProperty("severity").GetString());
        Assert.Equal("projects/nw-shop-prod", escalation.GetProperty("account").GetString());
    }

    [Fact]
    public void The_abandoned_sandbox_bot_is_dormant_and_its_key_unused()
    {
        var dormant = Assert.Single(Findings(), f => f.GetProperty("ruleId").GetString() == "gcp-dormant-service-account");
        Assert.Equal(SandboxBot, dormant.GetProperty("principal").GetString());
        Assert.Contains("last authenticated 2026-02-11", dormant.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        var key = Assert.Single(Findings(), f => f.GetProperty("ruleId").GetString() == "gcp-unused-service-account-key");
        Assert.Contains("last authenticated 2026-01-20", key.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_Platform_folders_key_creation_constraint_stops_the_key_admin_who_cannot_lift_it()
    {
        // Given lee.wong and ines.moreau, both Service Account Key Admin on nw-platform-ci, under a folder that enforces iam.disableServiceAccountKeyCreation and iam.disableServiceAccountKeyUpload
        // Then lee.wong has no path, and ines.moreau's key for terraform first lifts the constraint with her Organization Policy Administrator role
        Assert.DoesNotContain(Findings(), f => f.GetProperty("principal").GetString() == "user:lee.wong@northwind.example");
        var step = Escalation("user:ines.moreau@northwind.example").GetProperty("path")[0];
        Assert.Equal("gcp-sa-key-create", step.GetProperty("technique").GetString());
        Assert.Contains(step.GetProperty("permissions").EnumerateArray(), p => p.GetProperty("action").GetString() == "orgpolicy.policy.set");
        Assert.Contains("lifts `iam.disableServiceAccountKeyCreation` (set on `folders/710000000001`)", step.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_metadata_editor_of_a_VM_without_OS_Login_reaches_its_account_and_one_under_OS_Login_does_not()
    {
        // Given hugo.blanc and sara.lund, each VM Metadata Editor on one VM and Service Account User on the account it
        // runs as: dev-jumpbox in nw-shop-dev (the project's default account, OS Login off) and ci-runner-01 in
        // nw-platform-ci (ci-runner, under the Platform folder's compute.requireOsLogin)

        // Then hugo.blanc's path adds an SSH key to dev-jumpbox, naming it, and goes on to shop-deployer
        var finding = Escalation("user:hugo.blanc@northwind.example");
        Assert.Equal("high", finding.GetProperty("severity").GetString());
        Assert.Equal("projects/nw-shop-prod", finding.GetProperty("account").GetString());
        var path = finding.GetProperty("path");
        Assert.Equal(2, path.GetArrayLength());
        Assert.Equal("gcp-compute-ssh-metadata", path[0].GetProperty("technique").GetString());
        Assert.Equal("serviceAccount:830000000202-compute@developer.gserviceaccount.com", path[0].GetProperty("to").GetString());
        Assert.Empty(path[0].GetProperty("requirements").EnumerateArray());
        Assert.Contains("through VM instance `projects/nw-shop-dev/zones/europe-west1-b/instances/dev-jumpbox`", path[0].GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains(path[0].GetProperty("permissions").EnumerateArray(), p =>
            p.GetProperty("action").GetString() == "compute.instances.setMetadata" && p.GetProperty("resource").GetString() == "projects/nw-shop-dev/zones/europe-west1-b/instances/dev-jumpbox");

        // And sara.lund has no finding: OS Login ignores her key, and the constraint refuses turning it off
        const string Sara = "user:sara.lund@northwind.example";
        Assert.DoesNotContain(Findings(), f => f.GetProperty("principal").GetString() == Sara);

        // Without compute.requireOsLogin, the same grants are a path through ci-runner-01 (turning OS Login off) to the organization
        var unconstrained = ScannedCopy.Findings(Sample, AsOf, folder =>
        {
            var policies = Path.Combine(folder, "org-policies", "folders-710000000001.json");
            var kept = JsonNode.Parse(File.ReadAllText(policies))!.AsArray()
                .Where(p => !p!["name"]!.GetValue<string>().EndsWith("/compute.requireOsLogin", StringComparison.Ordinal))
                .Select(p => p!.DeepClone());
            File.WriteAllText(policies, new JsonArray([.. kept]).ToJsonString());
        });
        var escalation = Assert.Single(unconstrained, f => f.GetProperty("ruleId").GetString() == "privilege-escalation" && f.GetProperty("principal").GetString() == Sara);
        Assert.Equal("organizations/583920174615", escalation.GetProperty("account").GetString());
        var step = escalation.GetProperty("path")[0];
        Assert.Equal("gcp-compute-ssh-metadata", step.GetProperty("technique").GetString());
        Assert.Contains("instances/ci-runner-01`", step.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_cluster_viewer_who_cannot_create_pods_does_not_reach_the_node_service_account()
    {
        Assert.DoesNotContain(Findings(), f => f.GetProperty("principal").GetString() == "user:eva.lind@northwind.example");
    }

    private static JsonElement[] Findings() => [.. Report.Value.GetProperty("findings").EnumerateArray()];

    private static JsonElement Escalation(string principal) =>
        Assert.Single(Findings(), f => f.GetProperty("ruleId").GetString() == "privilege-escalation" && f.GetProperty("principal").GetString() == principal);
}
