using System.Globalization;
using Ward.Core.Decisions;
using Ward.Gcp.Iam;
using Ward.Gcp.Ingest;
using Ward.Gcp.Policy.Evaluation;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Policy;

/// <summary>
/// Principal access boundary policies and their bindings, as <c>gcloud iam principal-access-boundary-policies list</c>
/// and <c>gcloud iam policy-bindings list</c> print them (<c>--format=json</c>), on the Northwind organization: a
/// principal subject to a policy may use a permission its enforcement version can block only on the resources the
/// policy lists and below them; what Ward cannot decide makes the allow conditional.
/// </summary>
public sealed class PrincipalAccessBoundaryTests
{
    private const string CiDeployer = "serviceAccount:ci-deployer@nw-build-prod.iam.gserviceaccount.com";
    private const string ServiceAccountsOnly = "principal.type == 'iam.googleapis.com/ServiceAccount'";
    private const string Organization = "//cloudresourcemanager.googleapis.com/organizations/123456789012";
    private static readonly DateTimeOffset December2026 = DateTimeOffset.Parse("2026-12-01T09:00:00Z", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

    [Fact]
    public void A_service_account_bound_to_its_project_is_blocked_outside_it_and_the_explanation_names_the_policy()
    {
        // Given ci-deployer, Cloud Run Admin of nw-app-prod (run.services.update), subject through its project's
        // principal set to `build-only`, which lists nw-build-prod only, enforcement version 1 (which blocks run.services.update)
        var estate = Load(Policy("build-only", "1", "//cloudresourcemanager.googleapis.com/projects/nw-build-prod"), ProjectBinding("build-service-accounts", "build-only", ServiceAccountsOnly));

        // When it asks to update Cloud Run services in nw-app-prod
        var decision = Can(estate, CiDeployer, "run.services.update", "projects/nw-app-prod");

        // Then it is denied by the boundary, which the summary names with its binding, and the boundary's layer decides
        Assert.Equal(DecisionKind.ImplicitDeny, decision.Kind);
        Assert.StartsWith($"Not allowed: `{CiDeployer}` is subject to principal access boundary policy `organizations/123456789012/locations/global/principalAccessBoundaryPolicies/build-only` (bound to `//cloudresourcemanager.googleapis.com/projects/nw-build-prod` by `build-service-accounts`", decision.Explanation.Summary, StringComparison.Ordinal);
        Assert.Contains("eligible only for `projects/nw-build-prod`", decision.Explanation.Summary, StringComparison.Ordinal);
        Assert.Contains("enforcement version `1` blocks `run.services.update`", decision.Explanation.Summary, StringComparison.Ordinal);
        Assert.Contains("Without it: Allowed: the binding of `roles/run.admin`", decision.Explanation.Summary, StringComparison.Ordinal);
        var decisive = Assert.Single(decision.Explanation.Layers, l => l.Decisive);
        Assert.Equal("principal access boundary policy build-only (binding build-service-accounts to //cloudresourcemanager.googleapis.com/projects/nw-build-prod)", decisive.Layer);
        Assert.Equal(LayerOutcome.NoMatchingAllow, decisive.Outcome);
    }

    [Fact]
    public void Inside_its_boundary_the_same_account_keeps_what_its_roles_grant()
    {
        // Given the same boundary, and ci-deployer's custom role on nw-build-prod, which includes run.services.update
        var estate = Load(Policy("build-only", "1", "//cloudresourcemanager.googleapis.com/projects/nw-build-prod"), ProjectBinding("build-service-accounts", "build-only", ServiceAccountsOnly));

        // When it asks about its own project (named by number: the rule names it by id)
        var decision = Can(estate, CiDeployer, "run.services.update", GcpFixtures.BuildProd);

        // Then the allow stands
        Assert.Equal(DecisionKind.Allowed, decision.Kind);
        Assert.EndsWith(GcpAuthorizer.DenyNote, decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void What_can_lists_the_permissions_a_boundary_blocks_on_a_binding_outside_it_and_none_inside()
    {
        // Given the same boundary, and ci-deployer's Cloud Run Admin binding on nw-app-prod and custom role on nw-build-prod
        var estate = Load(Policy("build-only", "1", "//cloudresourcemanager.googleapis.com/projects/nw-build-prod"), ProjectBinding("build-service-accounts", "build-only", ServiceAccountsOnly));
        var grants = new GcpAuthorizer(estate).WhatCan(Member.Parse(CiDeployer), December2026);

        // Then outside the boundary the Cloud Run permissions version 1 lists are blocked for certain, and the others are not
        var outside = grants.Single(g => g.Role == "roles/run.admin");
        Assert.Contains(outside.Blocks, b => b.Permission == "run.services.update" && b.Requirement is null);
        Assert.DoesNotContain(outside.Blocks, b => b.Permission == "run.services.setIamPolicy");

        // And inside it nothing is blocked
        Assert.All(grants.Where(g => g.Resource == "//cloudresourcemanager.googleapis.com/" + GcpFixtures.BuildProd), g => Assert.Empty(g.Blocks));
    }

    [Fact]
    public void A_permission_the_enforcement_version_cannot_block_is_left_to_the_allow_policies()
    {
        // Given the boundary at enforcement version 1, which lists Cloud Run services' create, delete, get, list and update only
        var estate = Load(Policy("build-only", "1", "//cloudresourcemanager.googleapis.com/projects/nw-build-prod"), ProjectBinding("build-service-accounts", "build-only", ServiceAccountsOnly));

        // When ci-deployer sets the IAM policy of Cloud Run services in nw-app-prod (Cloud Run Admin there)
        // Then the boundary cannot block it; at a version Ward knows to list nothing more, no doubt is left
        Assert.Equal(DecisionKind.Allowed, Can(estate, CiDeployer, "run.services.setIamPolicy", "projects/nw-app-prod").Kind);
    }

    [Fact]
    public void A_condition_on_the_principal_type_exempts_the_other_principals_of_the_set()
    {
        // Given a boundary to the Engineering folder, bound to the organization's principal set for service accounts only
        var forServiceAccounts = Load(Policy("engineering-only", "latest", "//cloudresourcemanager.googleapis.com/folders/210987654321"), OrganizationBinding("org-principals", "engineering-only", ServiceAccountsOnly));

        // When dana (northwind.example, the organization's domain; Folder Admin on the organization) sets the IAM policy of the Shared services folder
        var exempt = Can(forServiceAccounts, "user:dana@northwind.example", "resourcemanager.folders.setIamPolicy", GcpFixtures.SharedServices);

        // Then the binding's condition is false for a user: she may. Bound without the condition, the same policy blocks her
        Assert.Equal(DecisionKind.Allowed, exempt.Kind);
        var forEveryone = Load(Policy("engineering-only", "latest", "//cloudresourcemanager.googleapis.com/folders/210987654321"), OrganizationBinding("org-principals", "engineering-only", condition: null));
        var blocked = Can(forEveryone, "user:dana@northwind.example", "resourcemanager.folders.setIamPolicy", GcpFixtures.SharedServices);
        Assert.Equal(DecisionKind.ImplicitDeny, blocked.Kind);
        Assert.Contains("`user:dana@northwind.example` is an account of `northwind.example`, the primary domain of `organizations/123456789012`", blocked.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Latest_and_a_permission_no_known_version_lists_make_the_allow_conditional()
    {
        // Given the App project's service accounts bound to a boundary listing the Shared services folder only, version latest
        var estate = Load(Policy("shared-only", "latest", "//cloudresourcemanager.googleapis.com/folders/220987654321"), ProjectBinding("app-service-accounts", "shared-only", condition: null, project: "nw-app-prod"));
        const string Compute = "serviceAccount:310000000002-compute@developer.gserviceaccount.com";

        // When the App project's default Compute Engine account (Editor there) deletes a bucket, or sets instance metadata, in its own project
        var listed = Can(estate, Compute, "storage.buckets.delete", GcpFixtures.AppProd);
        var unlisted = Can(estate, Compute, "compute.instances.setMetadata", GcpFixtures.AppProd);

        // Then storage.buckets.delete, listed from version 2, is blocked; setMetadata, in no version up to 4, may be blocked by a later one
        Assert.Equal(DecisionKind.ImplicitDeny, listed.Kind);
        var conditional = Assert.IsType<Conditional>(unlisted);
        Assert.Contains(conditional.Requirements, r => r.Contains("no enforcement version up to 4 blocks `compute.instances.setMetadata`", StringComparison.Ordinal));
        Assert.Equal(DecisionKind.ImplicitDeny, conditional.Otherwise);
    }

    [Fact]
    public void Policies_of_versions_that_disagree_on_a_permission_leave_the_answer_conditional()
    {
        // Given two boundaries bound to the App project's principal set, neither listing it: version 1, which cannot
        // block storage.buckets.delete, and version 2, which can
        var estate = Load(
            Policy("shared-v1", "1", "//cloudresourcemanager.googleapis.com/folders/220987654321"),
            Policy("shared-v2", "2", "//cloudresourcemanager.googleapis.com/folders/220987654321"),
            ProjectBinding("app-v1", "shared-v1", condition: null, project: "nw-app-prod"),
            ProjectBinding("app-v2", "shared-v2", condition: null, project: "nw-app-prod"));

        // When the App project's default Compute Engine account (Editor) deletes a bucket in its project
        var decision = Can(estate, "serviceAccount:310000000002-compute@developer.gserviceaccount.com", "storage.buckets.delete", GcpFixtures.AppProd);

        // Then Google does not say whether the version 1 policy leaves it unblocked: conditional, naming both
        var conditional = Assert.IsType<Conditional>(decision);
        var requirement = Assert.Single(conditional.Requirements);
        Assert.Contains("principalAccessBoundaryPolicies/shared-v1` (binding `app-v1`) cannot block it", requirement, StringComparison.Ordinal);
        Assert.Contains("principalAccessBoundaryPolicies/shared-v2` (binding `app-v2`) blocks it unless another policy makes it eligible", requirement, StringComparison.Ordinal);
    }

    [Fact]
    public void A_binding_of_a_policy_not_exported_makes_the_allow_conditional_and_is_reported()
    {
        // Given ci-deployer's project bound to a policy the export does not hold
        var estate = Load(ProjectBinding("build-service-accounts", "missing-policy", condition: null));

        var decision = Can(estate, CiDeployer, "run.services.update", "projects/nw-app-prod");

        var conditional = Assert.IsType<Conditional>(decision);
        Assert.Contains(conditional.Requirements, r => r.Contains("the policy was not exported", StringComparison.Ordinal));
        var dangling = Assert.Single(estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.DanglingPolicyBinding);
        Assert.Contains("`organizations/123456789012/locations/global/principalAccessBoundaryPolicies/missing-policy`", dangling.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_of_another_domain_is_possibly_in_the_organizations_set_and_the_answer_says_so()
    {
        // Given the organization's principal set bound, without condition, to a boundary listing the Shared services folder;
        // lee@partner.example is Token Creator on nw-build-prod until 2027
        var estate = Load(Policy("shared-only", "latest", "//cloudresourcemanager.googleapis.com/folders/220987654321"), OrganizationBinding("org-principals", "shared-only", condition: null));

        var decision = Can(estate, "user:lee@partner.example", "iam.serviceAccounts.getAccessToken", GcpFixtures.BuildProd);

        // Then whether partner.example is a domain of the organization's customer is not known: allowed only if the binding does not apply
        var conditional = Assert.IsType<Conditional>(decision);
        Assert.Contains(conditional.Requirements, r => r.Contains("blocks it if binding `org-principals` applies", StringComparison.Ordinal) && r.Contains("`user:lee@partner.example` is an account of `organizations/123456789012`'s Google Workspace or Cloud Identity customer", StringComparison.Ordinal));
    }

    [Fact]
    public void Groups_and_other_sets_are_answered_without_boundaries()
    {
        // A principal access boundary applies to the identity making the request; the engineering group asked about as itself makes none
        var estate = Load(Policy("shared-only", "latest", "//cloudresourcemanager.googleapis.com/folders/220987654321"), OrganizationBinding("org-principals", "shared-only", condition: null));

        Assert.Equal(DecisionKind.Allowed, Can(estate, "group:engineering@northwind.example", "storage.buckets.delete", GcpFixtures.BuildProd).Kind);
    }

    [Theory]
    [InlineData("user:dana@northwind.example", Organization, "Yes")]                          // the organization's primary domain
    [InlineData("user:lee@partner.example", Organization, "Possibly")]                        // another domain may be the customer's
    [InlineData("user:someone@gmail.com", Organization, "No")]                                // a consumer account is no customer's
    [InlineData("user:dana@northwind.example", "//cloudresourcemanager.googleapis.com/projects/nw-build-prod", "No")] // a project's set holds no users
    [InlineData(CiDeployer, "//cloudresourcemanager.googleapis.com/folders/210987654321", "Yes")]                    // its project is in the folder
    [InlineData(CiDeployer, "//cloudresourcemanager.googleapis.com/folders/220987654321", "No")]
    [InlineData("serviceAccount:310000000001@cloudbuild.gserviceaccount.com", "//cloudresourcemanager.googleapis.com/projects/nw-build-prod", "Yes")] // the legacy Cloud Build account, by project number
    [InlineData("serviceAccount:service-310000000001@gcp-sa-pubsub.iam.gserviceaccount.com", Organization, "No")]   // a service agent lives in Google's projects
    [InlineData("serviceAccount:nw-build-prod.svc.id.goog[payments/api]", "//cloudresourcemanager.googleapis.com/projects/nw-build-prod", "Yes")]    // the project's GKE workload identity pool
    [InlineData("serviceAccount:ci@unexported-project.iam.gserviceaccount.com", Organization, "Possibly")]         // a project outside the export
    [InlineData("principal://iam.googleapis.com/projects/310000000001/locations/global/workloadIdentityPools/github/subject/repo:northwind/app", "//cloudresourcemanager.googleapis.com/projects/nw-build-prod", "Yes")]
    [InlineData("principal://iam.googleapis.com/projects/310000000001/locations/global/workloadIdentityPools/github/subject/repo:northwind/app", "//iam.googleapis.com/projects/310000000001/locations/global/workloadIdentityPools/github", "Yes")]
    [InlineData("principal://iam.googleapis.com/locations/global/workforcePools/partners/subject/kim", Organization, "Possibly")] // Ward does not read workforce pools
    [InlineData("user:dana@northwind.example", "//iam.googleapis.com/locations/global/workspace/C01abcd23", "Yes")] // the organization's customer
    public void Principal_sets_hold_the_principals_Google_lists(string principal, string principalSet, string expected) =>
        Assert.Equal(expected, PrincipalSetMembership.Match(GcpFixtures.Estate, Member.Parse(principal), principalSet).Kind.ToString());

    [Theory]
    [InlineData("1", "storage.objects.get", true)]                       // listed from version 1
    [InlineData("1", "storage.objects.list", false)]                     // Cloud Storage's objects.* only from version 2
    [InlineData("2", "storage.objects.list", true)]
    [InlineData("4", "dataflow.jobs.snapshot", false)]                   // an exception of version 1's dataflow jobs.*, listed by no later version
    [InlineData("3", "serviceusage.apiKeys.create", true)]               // apikeys.googleapis.com/apikeys.* in the IAM v1 naming
    [InlineData("3", "cloudkms.cryptoKeys.setIamPolicy", false)]         // version 3 lists key rings and key versions, not keys
    [InlineData("4", "cloudkms.cryptoKeys.setIamPolicy", true)]
    [InlineData("4", "resourcemanager.projects.createPolicyBinding", false)] // excepted from Resource Manager's *
    [InlineData("latest", "secretmanager.versions.access", true)]
    [InlineData("latest", "compute.instances.setMetadata", null)]        // no version Ward knows lists it; a later one may
    public void Enforcement_versions_block_what_Google_lists_for_them(string version, string permission, bool? blocks) =>
        Assert.Equal(blocks, BoundaryPermissions.CanBlock(version, permission).CanBlock);

    private static string Policy(string id, string version, params string[] resources) => $$"""
        {
          "name": "organizations/123456789012/locations/global/principalAccessBoundaryPolicies/{{id}}",
          "uid": "puid_{{id}}",
          "etag": "W/\"Gh/PcTdJD/AWHUhPW45kdw==\"",
          "displayName": "{{id}}",
          "createTime": "2026-05-04T09:00:00Z",
          "updateTime": "2026-05-04T09:00:00Z",
          "details": {
            "rules": [{"description": "eligible resources", "resources": [{{string.Join(", ", resources.Select(r => $"\"{r}\""))}}], "effect": "ALLOW"}],
            "enforcementVersion": "{{version}}"
          }
        }
        """;

    private static string ProjectBinding(string id, string policy, string? condition, string project = "nw-build-prod") =>
        Binding($"projects/{project}", id, $"//cloudresourcemanager.googleapis.com/projects/{project}", policy, condition);

    private static string OrganizationBinding(string id, string policy, string? condition) =>
        Binding("organizations/123456789012", id, "//cloudresourcemanager.googleapis.com/organizations/123456789012", policy, condition);

    private static string Binding(string parent, string id, string principalSet, string policy, string? condition) => $$"""
        {
          "name": "{{parent}}/locations/global/policyBindings/{{id}}",
          "uid": "buid_{{id}}",
          "etag": "W/\"cRMdDXbT82aLuZlvoL9Gqg==\"",
          "target": {"principalSet": "{{principalSet}}"},
          "policyKind": "PRINCIPAL_ACCESS_BOUNDARY",
          "policy": "organizations/123456789012/locations/global/principalAccessBoundaryPolicies/{{policy}}",
          {{(condition is null ? string.Empty : $"\"condition\": {{\"title\": \"service accounts\", \"expression\": \"{condition}\"}},")}}
          "createTime": "2026-05-04T09:05:00Z"
        }
        """;

    /// <summary>The Northwind organization with the given policies and bindings, each file a list as gcloud prints it.</summary>
    private static GcpEstate Load(params string[] entries)
    {
        using var folder = new ScratchFolder();
        folder.CopyFrom(GcpFixtures.OrganizationFolder);
        var policies = entries.Where(e => e.Contains("principalAccessBoundaryPolicies/", StringComparison.Ordinal) && !e.Contains("policyBindings", StringComparison.Ordinal));
        var bindings = entries.Where(e => e.Contains("policyBindings", StringComparison.Ordinal));
        folder.Write(Path.Combine("principal-access-boundaries", "policies.json"), $"[{string.Join(",", policies)}]");
        folder.Write(Path.Combine("principal-access-boundaries", "bindings.json"), $"[{string.Join(",", bindings)}]");
        return GcpEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);
    }

    private static Decision Can(GcpEstate estate, string principal, string permission, string resource)
    {
        var located = ResourceLocator.Locate(estate, resource, out var problem) ?? throw new InvalidOperationException(problem);
        return new GcpAuthorizer(estate).Authorize(new GcpRequest { Principal = Member.Parse(principal), Permission = permission, Resource = located, AsOf = December2026 });
    }
}
