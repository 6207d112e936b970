using System.Globalization;
using Ward.Core.Decisions;
using Ward.Gcp.Iam;
using Ward.Gcp.Ingest;
using Ward.Gcp.Policy.Evaluation;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Policy;

/// <summary>
/// Deny policies, as <c>gcloud iam policies get --kind=denypolicies --format=json</c> writes them, on the Northwind
/// organization: a deny wins over every allow of the hierarchy below its attachment point; a group member, an
/// exception or a denial condition Ward cannot decide makes the allow conditional; exceptions and other permissions
/// are left alone.
/// </summary>
public sealed class DenyPolicyTests : IDisposable
{
    private static readonly DateTimeOffset December2026 = DateTimeOffset.Parse("2026-12-01T09:00:00Z", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

    private const string OrganizationPolicy = """
        {
          "name": "policies/cloudresourcemanager.googleapis.com%2Forganizations%2F123456789012/denypolicies/protect-buckets",
          "uid": "6f1c1f5e-2f1a-4c8e-9d53-0a7e54c1b2d3",
          "kind": "DenyPolicy",
          "displayName": "Only the storage break-glass account deletes buckets",
          "etag": "MTc2NjU0MzIx",
          "createTime": "2026-06-02T10:00:00.000000Z",
          "updateTime": "2026-06-02T10:00:00.000000Z",
          "rules": [
            {
              "description": "bucket deletion",
              "denyRule": {
                "deniedPrincipals": ["principalSet://goog/public:all"],
                "exceptionPrincipals": ["principal://goog/subject/storage-breakglass@northwind.example"],
                "deniedPermissions": ["storage.googleapis.com/buckets.delete"]
              }
            },
            {
              "denyRule": {
                "deniedPrincipals": ["principal://goog/subject/dana@northwind.example"],
                "deniedPermissions": ["iam.googleapis.com/serviceAccounts.*"],
                "exceptionPermissions": ["iam.googleapis.com/serviceAccounts.get"],
                "denialCondition": {"title": "production only", "expression": "resource.matchTag('123456789012/env', 'prod')"}
              }
            }
          ]
        }
        """;

    // Attached to the Build project by id; the hierarchy names it by number.
    private const string ProjectPolicy = """
        {
          "name": "policies/cloudresourcemanager.googleapis.com%2Fprojects%2Fnw-build-prod/denypolicies/no-metadata",
          "kind": "DenyPolicy",
          "rules": [
            {
              "denyRule": {
                "deniedPrincipals": ["principalSet://goog/group/engineering@northwind.example"],
                "deniedPermissions": ["compute.googleapis.com/instances.*"]
              }
            }
          ]
        }
        """;

    private readonly ScratchFolder _folder = new();

    public DenyPolicyTests()
    {
        _folder.CopyFrom(GcpFixtures.OrganizationFolder);
        _folder.Write("deny-policies.json", $"[{OrganizationPolicy}, {ProjectPolicy}]");
    }

    private GcpEstate Estate => field ??= GcpEstateLoader.Load([_folder.Path], TestContext.Current.CancellationToken);

    [Fact]
    public void The_policies_are_read_with_their_attachment_points_and_rules()
    {
        Assert.True(Estate.DenyPoliciesExported);
        Assert.Equal(
            ["//cloudresourcemanager.googleapis.com/organizations/123456789012", "//cloudresourcemanager.googleapis.com/projects/nw-build-prod"],
            Estate.DenyPolicies.Select(p => p.AttachmentPoint).Order(StringComparer.Ordinal),
            StringComparer.Ordinal);
        Assert.Equal(2, Estate.DenyPolicies.Single(p => p.Id == "protect-buckets").Rules.Length);
        Assert.DoesNotContain(Estate.Diagnostics, d => d.Location.File.EndsWith("deny-policies.json", StringComparison.Ordinal));
    }

    [Fact]
    public void A_deny_on_the_organization_wins_over_an_owner_binding_on_a_project()
    {
        // dana is Owner of the Build project, and roles/owner includes storage.buckets.delete (allowed without the deny policy)
        var decision = Can("user:dana@northwind.example", "storage.buckets.delete", "projects/nw-build-prod");

        Assert.Equal(DecisionKind.ExplicitDeny, decision.Kind);
        Assert.Contains("rule 0 of deny policy `policies/cloudresourcemanager.googleapis.com%2Forganizations%2F123456789012/denypolicies/protect-buckets`", decision.Explanation.Summary, StringComparison.Ordinal);
        Assert.Contains(decision.Explanation.Layers, l => l.Decisive && l.Outcome == LayerOutcome.Denies);
        Assert.Equal(DecisionKind.Allowed, Can("user:dana@northwind.example", "storage.buckets.delete", "projects/nw-build-prod", withDenies: false).Kind);
    }

    [Fact]
    public void A_permission_the_rules_do_not_name_is_decided_by_the_allow_policies_alone()
    {
        var decision = Can("user:dana@northwind.example", "resourcemanager.projects.setIamPolicy", "projects/nw-build-prod");

        Assert.Equal(DecisionKind.Allowed, decision.Kind);
        Assert.EndsWith(GcpAuthorizer.BoundaryNote, decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deny_on_a_project_named_by_id_applies_to_the_group_it_names()
    {
        // The engineering group is Editor of the Engineering folder, which includes compute.instances.setMetadata
        var decision = Can("group:engineering@northwind.example", "compute.instances.setMetadata", GcpFixtures.BuildProd);

        Assert.Equal(DecisionKind.ExplicitDeny, decision.Kind);
        Assert.Equal(DecisionKind.Allowed, Can("group:engineering@northwind.example", "compute.instances.setMetadata", GcpFixtures.AppProd).Kind);
    }

    [Fact]
    public void A_denial_condition_Ward_cannot_decide_makes_the_allow_conditional()
    {
        // dana is Owner of the Build project (actAs included); rule 1 denies her service account permissions on resources tagged env=prod
        var decision = Can("user:dana@northwind.example", "iam.serviceAccounts.actAs", GcpFixtures.BuildProd);

        var conditional = Assert.IsType<Conditional>(decision);
        Assert.Contains(conditional.Requirements, r => r.Contains("rule 1 of deny policy `protect-buckets` does not apply", StringComparison.Ordinal) && r.Contains("matchTag", StringComparison.Ordinal));
    }

    [Fact]
    public void An_exception_permission_is_not_denied()
    {
        // iam.serviceAccounts.get is excepted from rule 1; nothing else denies it, and no binding grants it either
        var decision = Can("user:dana@northwind.example", "iam.serviceAccounts.get", GcpFixtures.BuildProd);

        Assert.DoesNotContain(decision.Explanation.Layers, l => l.Layer.StartsWith("deny policy", StringComparison.Ordinal));
    }

    [Fact]
    public void An_exception_principal_is_not_denied()
    {
        var decision = Can("user:storage-breakglass@northwind.example", "storage.buckets.delete", GcpFixtures.BuildProd);

        Assert.NotEqual(DecisionKind.ExplicitDeny, decision.Kind);
        Assert.DoesNotContain(decision.Explanation.Layers, l => l.Layer.StartsWith("deny policy", StringComparison.Ordinal));
    }

    [Fact]
    public void A_policy_listed_without_its_rules_is_reported_and_not_applied()
    {
        using var folder = new ScratchFolder();
        folder.CopyFrom(GcpFixtures.OrganizationFolder);
        folder.Write("deny-policies.json", """[{"name": "policies/cloudresourcemanager.googleapis.com%2Forganizations%2F123456789012/denypolicies/protect-buckets", "kind": "DenyPolicy", "displayName": "listed only"}]""");

        var estate = GcpEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        var warning = Assert.Single(estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.MissingField && d.Message.Contains("protect-buckets", StringComparison.Ordinal));
        Assert.Equal("$[0]", warning.Location.JsonPath);
        Assert.Empty(estate.DenyPolicies);
    }

    [Fact]
    public void A_rule_whose_denial_condition_has_no_expression_is_reported_and_left_out()
    {
        using var folder = new ScratchFolder();
        folder.CopyFrom(GcpFixtures.OrganizationFolder);
        folder.Write("deny-policies.json", """[{"name": "policies/cloudresourcemanager.googleapis.com%2Forganizations%2F123456789012/denypolicies/broken", "kind": "DenyPolicy", "rules": [{"denyRule": {"deniedPrincipals": ["principalSet://goog/public:all"], "deniedPermissions": ["storage.googleapis.com/buckets.delete"], "denialCondition": {"title": "no expression"}}}]}]""");

        var estate = GcpEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        var error = Assert.Single(estate.Diagnostics, d => d.Code == GcpDiagnosticCodes.MissingField && d.Message.Contains("denial condition", StringComparison.Ordinal));
        Assert.Equal("$[0].rules[0].denyRule.denialCondition", error.Location.JsonPath);
        Assert.Empty(Assert.Single(estate.DenyPolicies).Rules);
    }

    [Theory]
    [InlineData("storage.googleapis.com/buckets.delete", "storage.buckets.delete", true)]
    [InlineData("storage.googleapis.com/buckets.*", "storage.buckets.create", true)]
    [InlineData("storage.googleapis.com/*.delete", "storage.objects.delete", true)]
    [InlineData("storage.googleapis.com/*.*", "compute.instances.delete", false)]
    [InlineData("cloudresourcemanager.googleapis.com/projects.setIamPolicy", "resourcemanager.projects.setIamPolicy", true)]
    [InlineData("iam.googleapis.com/serviceAccountKeys.create", "iam.serviceAccounts.create", false)]
    public void Permissions_in_the_deny_form_cover_the_permission_names_roles_use(string denied, string permission, bool covers)
    {
        Assert.True(DenyPermission.TryParse(denied, out var parsed));
        Assert.Equal(covers, parsed.Covers(permission));
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void What_can_lists_the_permissions_of_a_binding_that_deny_rules_refuse_everywhere_it_applies()
    {
        // Given dana's Owner binding on the Build project, under the organization's deny policy
        var owner = new GcpAuthorizer(Estate).WhatCan(Member.Parse("user:dana@northwind.example"), December2026)
            .Single(g => g.Role == "roles/owner" && g.Resource == "//cloudresourcemanager.googleapis.com/" + GcpFixtures.BuildProd);
        const string Policy = "policies/cloudresourcemanager.googleapis.com%2Forganizations%2F123456789012/denypolicies/protect-buckets";

        // Then bucket deletion is refused for certain, wherever the binding applies
        var delete = Assert.Single(owner.Denials, d => d.Permission == "storage.buckets.delete");
        Assert.Equal((Policy, 0, (string?)null, (string?)null), (delete.DenyPolicy, delete.Rule, delete.OnlyBelow, delete.Requirement));

        // And service account permissions only if the tag condition holds, the excepted one not at all
        var actAs = Assert.Single(owner.Denials, d => d.Permission == "iam.serviceAccounts.actAs");
        Assert.Contains("matchTag", actAs.Requirement, StringComparison.Ordinal);
        Assert.DoesNotContain(owner.Denials, d => d.Permission == "iam.serviceAccounts.get");

        // And without the deny policies nothing is listed
        Assert.All(new GcpAuthorizer(GcpFixtures.Estate).WhatCan(Member.Parse("user:dana@northwind.example"), December2026), g => Assert.Empty(g.Denials));
    }

    [Fact]
    public void What_can_says_when_a_deny_rule_refuses_a_permission_only_below_the_binding()
    {
        // Given the engineering group's Editor binding on the Engineering folder, and the deny policy attached to the
        // Build project under it
        var editor = new GcpAuthorizer(Estate).WhatCan(Member.Parse("group:engineering@northwind.example"), December2026)
            .Single(g => g.Role == "roles/editor" && g.Resource == "//cloudresourcemanager.googleapis.com/" + GcpFixtures.Engineering);

        // Then instance permissions are refused on the Build project only
        var setMetadata = Assert.Single(editor.Denials, d => d.Permission == "compute.instances.setMetadata");
        Assert.Equal(GcpFixtures.BuildProd, setMetadata.OnlyBelow);
        Assert.Null(setMetadata.Requirement);

        // And only the organization's rule on bucket deletion (everyone but the break-glass account) refuses everywhere
        Assert.Equal("storage.buckets.delete", Assert.Single(editor.Denials, d => d.OnlyBelow is null).Permission);
    }

    private Decision Can(string principal, string permission, string resource, bool withDenies = true)
    {
        var estate = withDenies ? Estate : GcpFixtures.Estate;
        var located = ResourceLocator.Locate(estate, resource, out var problem) ?? throw new InvalidOperationException(problem);
        return new GcpAuthorizer(estate).Authorize(new GcpRequest { Principal = Member.Parse(principal), Permission = permission, Resource = located, AsOf = December2026 });
    }
}
