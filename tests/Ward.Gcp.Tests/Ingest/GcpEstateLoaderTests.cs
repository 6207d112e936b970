using Ward.Core.Diagnostics;
using Ward.Gcp.Iam;
using Ward.Gcp.Ingest;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Ingest;

public sealed class GcpEstateLoaderTests
{
    [Fact]
    public void The_organization_export_loads_with_only_its_seeded_problems_reported()
    {
        // Given the organization export folder (asset exports, a policy search, roles, service accounts, keys)
        // When it is loaded
        var estate = GcpFixtures.Estate;

        // Then everything is read, and only the deleted member, the missing role, the deleted role and the gone service account are reported
        Assert.Equal(7, estate.Nodes.Length);
        Assert.Equal(10, estate.Policies.Length);
        Assert.Equal(14, estate.Roles.Length);
        Assert.Equal(5, estate.ServiceAccounts.Length);
        Assert.Equal(3, estate.ServiceAccountKeys.Length);
        Assert.Equal(
            [GcpDiagnosticCodes.DeletedMember, GcpDiagnosticCodes.UnknownRole, GcpDiagnosticCodes.InactiveRole, GcpDiagnosticCodes.DanglingServiceAccount],
            estate.Diagnostics.Select(d => d.Code).Order(StringComparer.Ordinal),
            StringComparer.Ordinal);
        Assert.All(estate.Inputs, i => Assert.Equal(GcpInputKind.Read, i.Kind));
    }

    [Fact]
    public void The_hierarchy_is_read_from_resource_manager_v1_and_v3_data_alike()
    {
        // Given the estate
        // When the v1-shaped and the v3-shaped projects are looked up by id, by number and by full name
        var buildProd = GcpFixtures.Estate.FindNode("nw-build-prod")!;
        var appDev = GcpFixtures.Estate.FindNode(GcpFixtures.AppDev)!;

        // Then both have their display name, project id, parent and ancestry
        Assert.Same(buildProd, GcpFixtures.Estate.FindNode(GcpFixtures.Full(GcpFixtures.BuildProd)));
        Assert.Equal("Build (prod)", buildProd.DisplayName);
        Assert.Equal("App (dev)", appDev.DisplayName);
        Assert.Equal("nw-app-dev", appDev.ProjectId);
        Assert.Equal(GcpFixtures.Engineering, appDev.Parent);
        Assert.Equal([GcpFixtures.AppDev, GcpFixtures.Engineering, GcpFixtures.Organization], appDev.Ancestors.AsEnumerable(), StringComparer.Ordinal);
        Assert.Equal("ACTIVE", appDev.State);
        Assert.Equal(HierarchyNodeKind.Organization, GcpFixtures.Estate.FindNode(GcpFixtures.Organization)!.Kind);
        Assert.Equal("Shared Services", GcpFixtures.Estate.FindNode(GcpFixtures.SharedServices)!.DisplayName);
    }

    [Fact]
    public void A_conditional_binding_keeps_its_condition_as_text()
    {
        // Given the build project's policy from the snake_case asset export
        var policy = GcpFixtures.Estate.FindPolicy(GcpFixtures.Full(GcpFixtures.BuildProd))!;

        // When the contractor's binding is found
        var binding = Assert.Single(policy.Bindings, b => b.Role == "roles/iam.serviceAccountTokenCreator");

        // Then its condition is kept whole, for a later evaluator
        Assert.Equal("request.time < timestamp(\"2027-01-01T00:00:00Z\")", binding.Condition!.Expression);
        Assert.Equal("until end of contract", binding.Condition.Title);
        Assert.Equal("Contractor access ends with the engagement", binding.Condition.Description);
        Assert.Equal(3, policy.Version);
        Assert.Equal([GcpFixtures.BuildProd, GcpFixtures.Engineering, GcpFixtures.Organization], policy.Ancestors.AsEnumerable(), StringComparer.Ordinal);
    }

    [Fact]
    public void A_deleted_member_is_kept_marked_deleted_and_reported_where_it_is()
    {
        // Given the build project's viewers
        var viewers = Assert.Single(GcpFixtures.Estate.FindPolicy(GcpFixtures.Full(GcpFixtures.BuildProd))!.Bindings, b => b.Role == "roles/viewer");

        // Then the deleted user is kept, marked, and the info names line 4 and the member's path
        var deleted = viewers.Members[0];
        Assert.True(deleted.IsDeleted);
        Assert.Equal("115000000000000000009", deleted.DeletedUid);
        var diagnostic = Assert.Single(GcpFixtures.Estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.DeletedMember);
        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        Assert.Equal(GcpFixtures.IamPolicyExport, diagnostic.Location.File);
        Assert.Equal(4, diagnostic.Location.Line);
        Assert.Equal("$.iam_policy.bindings[4].members[0]", diagnostic.Location.JsonPath);
    }

    [Fact]
    public void A_role_bound_but_not_exported_is_an_error_at_its_first_binding()
    {
        // Given roles/compute.admin, bound in the app project but absent from the roles export
        var diagnostic = Assert.Single(GcpFixtures.Estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.UnknownRole);

        // Then it is an error located at the binding's line and path
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("`roles/compute.admin`", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(5, diagnostic.Location.Line);
        Assert.Equal("$.iam_policy.bindings[3]", diagnostic.Location.JsonPath);
    }

    [Fact]
    public void A_deleted_custom_role_still_bound_is_reported_as_granting_nothing()
    {
        // Given the organization's deleted legacyDeployer role, still bound in the app project
        var role = GcpFixtures.Estate.FindRole("organizations/123456789012/roles/legacyDeployer")!;
        var diagnostic = Assert.Single(GcpFixtures.Estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.InactiveRole);

        // Then the role is kept as deleted and the binding is reported
        Assert.True(role.Deleted);
        Assert.False(role.GrantsPermissions);
        Assert.Equal(RoleStage.Deprecated, role.Stage);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal("$.iam_policy.bindings[2]", diagnostic.Location.JsonPath);
    }

    [Fact]
    public void A_service_account_bound_but_gone_from_its_exported_project_is_reported_and_others_are_not()
    {
        // Given bindings to old-pipeline (nw-build-prod, whose accounts were exported), ci-deployer (exported) and the compute default account
        var diagnostic = Assert.Single(GcpFixtures.Estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.DanglingServiceAccount);

        // Then only old-pipeline is reported, at its binding
        Assert.Contains("`old-pipeline@nw-build-prod.iam.gserviceaccount.com`", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(4, diagnostic.Location.Line);
        Assert.Equal("$.iam_policy.bindings[3]", diagnostic.Location.JsonPath);
    }

    [Fact]
    public void The_camel_case_api_form_reads_as_the_snake_case_export_does()
    {
        // Given the same project and policy in the API's camelCase, one asset a line
        var camel = GcpEstateLoader.Load([GcpFixtures.CamelCaseAssets], TestContext.Current.CancellationToken);
        var snake = GcpFixtures.Estate;

        // Then the project node and the policy's bindings are the same
        var node = Assert.Single(camel.Nodes, n => n.Kind == HierarchyNodeKind.Project);
        var expectedNode = snake.FindNode(GcpFixtures.BuildProd)!;
        Assert.Equal((expectedNode.Name, expectedNode.DisplayName, expectedNode.ProjectId, expectedNode.Parent, expectedNode.State), (node.Name, node.DisplayName, node.ProjectId, node.Parent, node.State));
        Assert.Equal(expectedNode.Ancestors.AsEnumerable(), node.Ancestors, StringComparer.Ordinal);
        var policy = camel.FindPolicy(GcpFixtures.Full(GcpFixtures.BuildProd))!;
        var expected = snake.FindPolicy(GcpFixtures.Full(GcpFixtures.BuildProd))!.Bindings.Where(b => b.Role is "roles/owner" or "roles/iam.serviceAccountTokenCreator");
        Assert.Equal(expected.Select(b => (b.Role, b.Condition, string.Join(',', b.Members))), policy.Bindings.Select(b => (b.Role, b.Condition, string.Join(',', b.Members))));
    }

    [Fact]
    public void Policy_search_results_add_resources_and_overlap_the_asset_export_silently()
    {
        // Given the policy search output, which repeats the bucket (bindings in another order) and adds a dataset
        var dataset = GcpFixtures.Estate.FindPolicy("//bigquery.googleapis.com/projects/nw-shared-logs/datasets/audit")!;
        var bucket = GcpFixtures.Estate.FindPolicy("//storage.googleapis.com/nw-app-prod-uploads")!;

        // Then the dataset's policy is read with its project, folders and organization, and the bucket is kept once from the asset export
        Assert.Equal("bigquery.googleapis.com/Dataset", dataset.AssetType);
        Assert.Equal([GcpFixtures.SharedLogs, GcpFixtures.SharedServices, GcpFixtures.Organization], dataset.Ancestors.AsEnumerable(), StringComparer.Ordinal);
        Assert.Equal(GcpFixtures.IamPolicyExport, bucket.Location.File);
        Assert.Equal(MemberKind.AllUsers, Assert.Single(bucket.Bindings, b => b.Role == "roles/storage.objectViewer").Members[0].Kind);
        Assert.Equal(MemberKind.ProjectOwner, Assert.Single(bucket.Bindings, b => b.Role == "roles/storage.legacyBucketOwner").Members[0].Kind);
        Assert.DoesNotContain(GcpFixtures.Estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.Duplicate);
    }

    [Fact]
    public void Roles_are_read_from_lists_and_from_one_described_role()
    {
        // Given predefined and organization roles (lists) and a project role (`roles describe`, one object)
        var estate = GcpFixtures.Estate;
        var ciDeployer = estate.FindRole("projects/nw-build-prod/roles/ciDeployer")!;
        var auditor = estate.FindRole("organizations/123456789012/roles/securityAuditor")!;

        // Then each keeps its kind, stage and permissions
        Assert.Equal(RoleKind.ProjectCustom, ciDeployer.Kind);
        Assert.Equal(RoleStage.Beta, ciDeployer.Stage);
        Assert.Contains("iam.serviceAccounts.actAs", ciDeployer.IncludedPermissions, StringComparer.Ordinal);
        Assert.Equal(RoleKind.OrganizationCustom, auditor.Kind);
        Assert.Equal("Reads IAM configuration across the organization", auditor.Description);
        Assert.Equal(RoleKind.Predefined, estate.FindRole("roles/owner")!.Kind);
        Assert.Null(estate.FindRole("roles/Owner"));
    }

    [Fact]
    public void A_service_account_from_the_asset_export_and_the_list_is_one_account()
    {
        // Given ci-deployer in the resource export (no description) and in `service-accounts list` (with one)
        var estate = GcpFixtures.Estate;
        var ciDeployer = estate.FindServiceAccount("CI-Deployer@nw-build-prod.iam.gserviceaccount.com")!;

        // Then it is one account with what both said, found by email in any casing or by unique id
        Assert.Equal("104000000000000000001", ciDeployer.UniqueId);
        Assert.Equal("Deploys Cloud Run services from CI", ciDeployer.Description);
        Assert.Equal("nw-build-prod", ciDeployer.ProjectId);
        Assert.Same(ciDeployer, estate.FindServiceAccount("104000000000000000001"));
        Assert.True(estate.FindServiceAccount("legacy-batch@nw-app-prod.iam.gserviceaccount.com")!.Disabled);
    }

    [Fact]
    public void A_service_account_is_found_by_the_email_or_unique_id_inside_a_node_id()
    {
        // Given node ids naming ci-deployer by email (another casing) and by unique id, and an account not exported
        var estate = GcpFixtures.Estate;
        var ciDeployer = estate.FindServiceAccount("ci-deployer@nw-build-prod.iam.gserviceaccount.com")!;

        // Then the part after the prefix finds the same account as the text alone would
        Assert.Same(ciDeployer, estate.FindServiceAccount("serviceAccount:CI-Deployer@nw-build-prod.iam.gserviceaccount.com".AsSpan("serviceAccount:".Length)));
        Assert.Same(ciDeployer, estate.FindServiceAccount("serviceAccount:104000000000000000001".AsSpan("serviceAccount:".Length)));
        Assert.Null(estate.FindServiceAccount("serviceAccount:nobody@nw-build-prod.iam.gserviceaccount.com".AsSpan("serviceAccount:".Length)));
    }

    [Fact]
    public void Keys_know_their_account_by_email_or_unique_id_and_keep_type_times_and_state()
    {
        // Given terraform's keys (from `keys list` by email, and the asset export by unique id) and legacy-batch's disabled uploaded key
        var estate = GcpFixtures.Estate;
        var terraformKeys = estate.KeysOf(estate.FindServiceAccount(GcpFixtures.Terraform)!);
        var legacy = Assert.Single(estate.KeysOf(estate.FindServiceAccount("legacy-batch@nw-app-prod.iam.gserviceaccount.com")!));

        // Then the user-managed key is one key, beside the system-managed one, with its dates
        Assert.Equal(2, terraformKeys.Length);
        var userManaged = Assert.Single(terraformKeys, k => k.KeyType == ServiceAccountKeyType.UserManaged);
        Assert.Equal(GcpFixtures.TerraformKey, userManaged.KeyId);
        Assert.Equal(new DateTimeOffset(2024, 2, 1, 8, 30, 0, TimeSpan.Zero), userManaged.ValidAfterTime);
        Assert.Equal(9999, userManaged.ValidBeforeTime!.Value.Year);
        Assert.Single(terraformKeys, k => k.KeyType == ServiceAccountKeyType.SystemManaged);
        Assert.True(legacy.Disabled);
        Assert.Equal("USER_PROVIDED", legacy.KeyOrigin);
        Assert.Equal("nw-app-prod", legacy.Project);
    }

    [Fact]
    public void The_hierarchy_is_completed_from_the_ancestry_of_a_policy_export_alone()
    {
        // Given only the IAM policy export (no resource export)
        var estate = GcpEstateLoader.Load([GcpFixtures.IamPolicyExport], TestContext.Current.CancellationToken);

        // Then every container its ancestry paths name is known, with its parent and ancestry
        Assert.Equal(7, estate.Nodes.Length);
        var appProd = estate.FindNode(GcpFixtures.AppProd)!;
        Assert.Equal(GcpFixtures.Engineering, appProd.Parent);
        Assert.Equal(GcpFixtures.AppProd, appProd.DisplayName);
        Assert.Equal([GcpFixtures.Engineering, GcpFixtures.Organization], estate.AncestorsOf(GcpFixtures.Full(GcpFixtures.Engineering)).AsEnumerable(), StringComparer.Ordinal);
        Assert.Equal([GcpFixtures.AppProd, GcpFixtures.Engineering, GcpFixtures.Organization], estate.AncestorsOf("//storage.googleapis.com/nw-app-prod-uploads").AsEnumerable(), StringComparer.Ordinal);
    }

    [Fact]
    public void Without_any_role_export_one_error_says_what_bindings_grant_is_unknown()
    {
        // Given the policy export alone
        var estate = GcpEstateLoader.Load([GcpFixtures.IamPolicyExport], TestContext.Current.CancellationToken);

        // Then one error says no roles were given, instead of one per role
        var diagnostic = Assert.Single(estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.UnknownRole);
        Assert.StartsWith("no roles were given", diagnostic.Message, StringComparison.Ordinal);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
    }

    [Fact]
    public void A_json_list_of_assets_as_gcloud_asset_list_prints_it_is_read_like_the_export()
    {
        // Given the camelCase assets as one JSON array (`gcloud asset list --format=json`)
        using var scratch = new ScratchFolder(("assets.json", "[" + string.Join(',', File.ReadAllLines(GcpFixtures.CamelCaseAssets)) + "]"));

        // When it is loaded
        var estate = GcpEstateLoader.Load([scratch.Path], TestContext.Current.CancellationToken);

        // Then the project and its policy are read, located by path and line
        Assert.Equal("nw-build-prod", estate.FindNode(GcpFixtures.BuildProd)!.ProjectId);
        var policy = estate.FindPolicy(GcpFixtures.Full(GcpFixtures.BuildProd))!;
        Assert.Equal("$[1]", policy.Location.JsonPath);
        Assert.Equal(2, policy.Bindings.Length);
        Assert.Equal("1 organization, folder or project, 1 IAM policy", Assert.Single(estate.Inputs).Note);
    }

    [Fact]
    public void Keys_of_an_account_missing_from_the_exported_accounts_are_reported_once_per_account()
    {
        // Given the organization's service accounts and two keys of an account that is not among them
        using var scratch = new ScratchFolder(("keys.json", """
            [
              {"name": "projects/nw-build-prod/serviceAccounts/gone@nw-build-prod.iam.gserviceaccount.com/keys/k1", "keyType": "USER_MANAGED"},
              {"name": "projects/nw-build-prod/serviceAccounts/gone@nw-build-prod.iam.gserviceaccount.com/keys/k2", "keyType": "USER_MANAGED"}
            ]
            """));

        // When both are loaded
        var estate = GcpEstateLoader.Load([Path.Combine(GcpFixtures.OrganizationFolder, "service-accounts"), scratch.Path], TestContext.Current.CancellationToken);

        // Then one warning names the account and the first key's line; the keys are kept
        var dangling = Assert.Single(estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.DanglingKey);
        Assert.StartsWith("2 keys of service account `gone@nw-build-prod.iam.gserviceaccount.com`", dangling.Message, StringComparison.Ordinal);
        Assert.Equal(2, dangling.Location.Line);
        Assert.Equal(2, estate.ServiceAccountKeys.Length);
    }
}
