using System.Globalization;
using Ward.Core.Decisions;
using Ward.Core.Diagnostics;
using Ward.Gcp.Iam;
using Ward.Gcp.Ingest;
using Ward.Gcp.Policy.Evaluation;
using Ward.Gcp.Tests.Testing;

namespace Ward.Gcp.Tests.Policy;

/// <summary>
/// Google group memberships (Fixtures/groups: <c>gcloud identity groups search</c> and <c>gcloud identity groups
/// memberships list --view=full</c>) added to the Northwind organization. Exported: cloud-admins (dana, and the
/// platform-leads group), platform-leads (frank, and the engineering group), engineering (kim, the ci-deployer
/// service account, and cloud-admins: a cycle), security (only the sre group, whose memberships are not exported).
/// Not exported: sre, release.
/// </summary>
public sealed class GroupMembershipTests : IDisposable
{
    private static readonly DateTimeOffset December2026 = DateTimeOffset.Parse("2026-12-01T09:00:00Z", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

    private static readonly string GroupsFolder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "groups");

    private readonly ScratchFolder _folder = new();

    public GroupMembershipTests()
    {
        _folder.CopyFrom(GcpFixtures.OrganizationFolder);
        _folder.CopyFrom(GroupsFolder);
    }

    private GcpEstate Estate => field ??= GcpEstateLoader.Load([_folder.Path], TestContext.Current.CancellationToken);

    [Fact]
    public void Groups_and_memberships_are_read_and_joined_by_group_id()
    {
        Assert.Equal(4, Estate.Groups.Length);
        Assert.Equal(8, Estate.GroupMemberships.Length);
        Assert.DoesNotContain(Estate.Diagnostics, d => d.Location.File.EndsWith("groups.json", StringComparison.Ordinal) || d.Location.File.Contains("memberships", StringComparison.Ordinal));

        var engineering = Estate.MembershipsOf("Engineering@Northwind.example");
        Assert.NotNull(engineering);
        Assert.Equal(["kim@northwind.example", "ci-deployer@nw-build-prod.iam.gserviceaccount.com", "cloud-admins@northwind.example"], engineering.Value.Select(m => m.MemberEmail), StringComparer.Ordinal);
        Assert.Equal([GroupMemberType.User, GroupMemberType.ServiceAccount, GroupMemberType.Group], engineering.Value.Select(m => m.MemberType));
        Assert.Equal(["MEMBER", "MANAGER"], Estate.MembershipsOf("platform-leads@northwind.example")!.Value[0].Roles, StringComparer.Ordinal);
        Assert.Contains(Estate.Inputs, i => i.Path.EndsWith("groups.json", StringComparison.Ordinal) && i.Note == "4 groups");
        Assert.Null(Estate.MembershipsOf("sre@northwind.example"));
    }

    [Fact]
    public void A_direct_member_of_a_bound_group_is_allowed_and_the_explanation_names_the_group()
    {
        // Given engineering, Editor of the Engineering folder, and kim a member of engineering
        var decision = Can(Estate, "user:kim@northwind.example", "compute.instances.setMetadata", GcpFixtures.AppProd);

        Assert.Equal(DecisionKind.Allowed, decision.Kind);
        Assert.Contains("`user:kim@northwind.example` is a member of group `engineering@northwind.example` (directly)", decision.Explanation.Summary, StringComparison.Ordinal);

        // Without the memberships the same question is only conditional on membership
        Assert.IsType<Conditional>(Can(GcpFixtures.Estate, "user:kim@northwind.example", "compute.instances.setMetadata", GcpFixtures.AppProd));
    }

    [Fact]
    public void A_service_account_member_of_a_group_is_matched_by_its_type()
    {
        var decision = Can(Estate, "serviceAccount:ci-deployer@nw-build-prod.iam.gserviceaccount.com", "compute.instances.setMetadata", GcpFixtures.AppDev);

        Assert.Equal(DecisionKind.Allowed, decision.Kind);
        Assert.Contains("`serviceAccount:ci-deployer@nw-build-prod.iam.gserviceaccount.com` is a member of group `engineering@northwind.example` (directly)", decision.Explanation.Summary, StringComparison.Ordinal);

        // The same email as a user is not that member
        Assert.Equal(DecisionKind.ImplicitDeny, Can(Estate, "user:ci-deployer@nw-build-prod.iam.gserviceaccount.com", "compute.instances.setMetadata", GcpFixtures.AppDev).Kind);
    }

    [Fact]
    public void A_member_of_a_nested_group_is_allowed_through_it()
    {
        // Given cloud-admins, Owner of the organization, holding platform-leads, which holds frank; no other binding
        // above the Shared Logs project grants storage.buckets.delete
        var decision = Can(Estate, "user:frank@northwind.example", "storage.buckets.delete", GcpFixtures.SharedLogs);

        Assert.Equal(DecisionKind.Allowed, decision.Kind);
        Assert.Contains("`user:frank@northwind.example` is a member of group `cloud-admins@northwind.example` (through group `platform-leads@northwind.example`)", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_owner_or_manager_is_a_member_too_so_the_membership_edge_is_its_path()
    {
        // Given dana, OWNER of cloud-admins, and frank, MANAGER of platform-leads: Cloud Identity keeps MEMBER on both
        var checker = new Ward.Gcp.Edges.Checkers.GroupMemberEdgeChecker();
        var context = new Ward.Gcp.Edges.GcpEdgeContext(Estate, December2026);

        // When the membership edges into the two groups are checked
        var edges = checker.Check(context, new HashSet<string>(["group:cloud-admins@northwind.example", "group:platform-leads@northwind.example"], StringComparer.Ordinal)).ToList();

        // Then each has its member edge, certain, its evidence naming the roles, and no edge of another technique is needed
        var owner = Assert.Single(edges, e => e.From.Value == "user:dana@northwind.example");
        Assert.False(owner.IsConditional);
        Assert.Contains("(MEMBER, OWNER)", Assert.Single(owner.Permissions).GrantedBy, StringComparison.Ordinal);
        var manager = Assert.Single(edges, e => e.From.Value == "user:frank@northwind.example");
        Assert.Contains("(MEMBER, MANAGER)", Assert.Single(manager.Permissions).GrantedBy, StringComparison.Ordinal);
    }

    [Fact]
    public void The_membership_technique_gives_each_direct_member_an_edge_to_its_group()
    {
        var checker = new Ward.Gcp.Edges.Checkers.GroupMemberEdgeChecker();
        var edges = checker.Check(new Ward.Gcp.Edges.GcpEdgeContext(Estate, December2026), new HashSet<string>(["group:platform-leads@northwind.example"], StringComparer.Ordinal)).ToList();

        Assert.Contains(edges, e => e.From.Value == "user:frank@northwind.example" && e.To.Value == "group:platform-leads@northwind.example" && !e.IsConditional);
        Assert.All(edges, e => Assert.Equal("group:platform-leads@northwind.example", e.To.Value));
        Assert.Empty(checker.Check(new Ward.Gcp.Edges.GcpEdgeContext(GcpFixtures.Estate, December2026), new HashSet<string>(["group:platform-leads@northwind.example"], StringComparer.Ordinal)));
    }

    [Fact]
    public void Who_can_lists_the_members_of_exported_groups_one_by_one()
    {
        // frank is in platform-leads, nested in cloud-admins, which may delete buckets in the Shared logs project
        var resource = ResourceLocator.Locate(Estate, GcpFixtures.SharedLogs, out _)!;
        var answers = new GcpAuthorizer(Estate).WhoCan("storage.buckets.delete", resource, December2026, all: false);

        var frank = Assert.Single(answers, a => a.Principal.Text == "user:frank@northwind.example");
        Assert.Equal(DecisionKind.Allowed, frank.Decision.Kind);
        Assert.Contains(answers, a => a.Principal.Text == "group:platform-leads@northwind.example");
        Assert.DoesNotContain(answers, a => a.Principal.Text == "user:erin@northwind.example");
    }

    [Fact]
    public void What_can_lists_the_bindings_of_the_groups_a_user_is_in_as_certain_grants()
    {
        var grants = new GcpAuthorizer(Estate).WhatCan(Member.Parse("user:frank@northwind.example"), December2026);

        var owner = Assert.Single(grants, g => g.Role == "roles/owner" && g.Member == "group:cloud-admins@northwind.example");
        Assert.True(owner.Grants);
        Assert.Contains("(through group `platform-leads@northwind.example`)", owner.How, StringComparison.Ordinal);

        // security holds only sre, whose memberships were not exported: possible, not certain
        var auditor = Assert.Single(grants, g => g.Member == "group:security@northwind.example" && g.Role == "organizations/123456789012/roles/securityAuditor");
        Assert.False(auditor.Grants);
        Assert.Contains("sre@northwind.example", auditor.Requirement, StringComparison.Ordinal);
    }

    [Fact]
    public void A_group_principal_nested_in_a_bound_group_is_included()
    {
        var decision = Can(Estate, "group:platform-leads@northwind.example", "storage.buckets.delete", GcpFixtures.SharedLogs);

        Assert.Equal(DecisionKind.Allowed, decision.Kind);
        Assert.Contains("`group:platform-leads@northwind.example` is a member of group `cloud-admins@northwind.example` (directly)", decision.Explanation.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_in_no_exported_group_is_denied_not_conditional_even_with_a_membership_cycle()
    {
        // Given erin in none of cloud-admins (Owner of the organization) and engineering (Editor of the folder), which
        // hold each other through platform-leads
        var decision = Can(Estate, "user:erin@northwind.example", "storage.buckets.delete", GcpFixtures.BuildProd);

        Assert.Equal(DecisionKind.ImplicitDeny, decision.Kind);
        Assert.IsType<Conditional>(Can(GcpFixtures.Estate, "user:erin@northwind.example", "storage.buckets.delete", GcpFixtures.BuildProd));
    }

    [Fact]
    public void A_group_that_is_not_exported_stays_conditional_on_membership()
    {
        // Given sre, Logging Viewer on the Shared Services folder, whose memberships are not exported
        var decision = Can(Estate, "user:erin@northwind.example", "logging.logEntries.list", GcpFixtures.SharedLogs);

        var conditional = Assert.IsType<Conditional>(decision);
        Assert.Equal(DecisionKind.ImplicitDeny, conditional.Otherwise);
        Assert.Contains("`user:erin@northwind.example` is a member of group `sre@northwind.example` (directly or through nested groups; group memberships are not read)", Assert.Single(conditional.Requirements), StringComparison.Ordinal);
    }

    [Fact]
    public void A_nested_group_that_is_not_exported_leaves_membership_possible()
    {
        // Given security (the custom securityAuditor role at the organization), whose only member is the sre group
        var decision = Can(Estate, "user:erin@northwind.example", "iam.roles.list", GcpFixtures.Organization);

        var conditional = Assert.IsType<Conditional>(decision);
        Assert.Contains("`user:erin@northwind.example` is a member of group `sre@northwind.example`, nested in group `security@northwind.example`, whose memberships were not exported", Assert.Single(conditional.Requirements), StringComparison.Ordinal);
    }

    [Fact]
    public void A_deny_rule_naming_a_group_denies_its_members_and_leaves_others_alone()
    {
        // Given a deny of compute.instances.* on the Build project to principalSet://goog/group/engineering@…
        _folder.Write("deny-policies.json", """
            [
              {
                "name": "policies/cloudresourcemanager.googleapis.com%2Fprojects%2Fnw-build-prod/denypolicies/no-instances",
                "kind": "DenyPolicy",
                "rules": [{"denyRule": {"deniedPrincipals": ["principalSet://goog/group/engineering@northwind.example"], "deniedPermissions": ["compute.googleapis.com/instances.*"]}}]
              }
            ]
            """);

        // dana (Owner of the project) is in cloud-admins, which engineering holds: denied
        var dana = Can(Estate, "user:dana@northwind.example", "compute.instances.setMetadata", GcpFixtures.BuildProd);
        Assert.Equal(DecisionKind.ExplicitDeny, dana.Kind);
        Assert.Contains("no-instances", dana.Explanation.Summary, StringComparison.Ordinal);

        // old-pipeline (Editor of the project) is in no group: allowed, not conditional on the deny
        var pipeline = Can(Estate, "serviceAccount:old-pipeline@nw-build-prod.iam.gserviceaccount.com", "compute.instances.setMetadata", GcpFixtures.BuildProd);
        Assert.Equal(DecisionKind.Allowed, pipeline.Kind);
    }

    [Fact]
    public void Bad_group_and_membership_entries_are_reported_at_their_paths()
    {
        using var folder = new ScratchFolder(
            ("groups.json", """
                [
                  {"name": "groups/03x8tuzt3hqdv5n/extra", "groupKey": {"id": "cloud-admins@northwind.example"}},
                  {"name": "groups/01baon6m2xk7r4q", "displayName": "Engineering"},
                  {"name": "groups/02grqrue1n8b6vd", "groupKey": {"id": "platform-leads@northwind.example"}, "displayName": "Platform leads"}
                ]
                """),
            ("memberships.json", """
                [
                  {"name": "groups/05zq8w1kd3b7xyz/memberships/118000000000000000001", "preferredMemberKey": {"id": "erin@northwind.example"}, "roles": [{"name": "MEMBER"}], "type": "USER"},
                  {"name": "groups/02grqrue1n8b6vd/memberships/107755021144990352281", "preferredMemberKey": {"namespace": "identitysources/abc"}, "roles": [{"name": "MEMBER"}]},
                  {"name": "groups/02grqrue1n8b6vd/memberships/119000000000000000002", "preferredMemberKey": {"id": "kiosk@northwind.example"}, "type": "ROBOT"},
                  {"name": "groups/02grqrue1n8b6vd", "preferredMemberKey": {"id": "frank@northwind.example"}, "type": "USER"}
                ]
                """));

        var estate = GcpEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);

        Assert.Equal("platform-leads@northwind.example", Assert.Single(estate.Groups).Email);
        AssertReported(estate, GcpDiagnosticCodes.WrongShape, "groups.json", "$[0].name", "is not `groups/GROUP_ID`");
        AssertReported(estate, GcpDiagnosticCodes.MissingField, "groups.json", "$[1]", "without `groupKey`");
        var dangling = AssertReported(estate, GcpDiagnosticCodes.DanglingMembership, "memberships.json", "$[0]", "group `groups/05zq8w1kd3b7xyz`, which is not among the exported groups");
        Assert.Equal(DiagnosticSeverity.Warning, dangling.Severity);
        Assert.Contains(estate.GroupMemberships, m => m.GroupId == "05zq8w1kd3b7xyz");
        AssertReported(estate, GcpDiagnosticCodes.MissingField, "memberships.json", "$[1].preferredMemberKey", "without `id`");
        AssertReported(estate, GcpDiagnosticCodes.WrongShape, "memberships.json", "$[2].type", "unknown `type` `ROBOT`");
        AssertReported(estate, GcpDiagnosticCodes.WrongShape, "memberships.json", "$[3].name", "is not `groups/GROUP_ID/memberships/MEMBERSHIP_ID`");
        Assert.Equal(GroupMemberType.Other, Assert.Single(estate.GroupMemberships, m => m.MemberEmail == "kiosk@northwind.example").MemberType);
    }

    public void Dispose() => _folder.Dispose();

    private static Diagnostic AssertReported(GcpEstate estate, string code, string file, string path, string text) =>
        Assert.Single(estate.Diagnostics, d => d.Code == code && d.Location.File.EndsWith(file, StringComparison.Ordinal) && d.Location.JsonPath == path && d.Message.Contains(text, StringComparison.Ordinal));

    private static Decision Can(GcpEstate estate, string principal, string permission, string resource)
    {
        var located = ResourceLocator.Locate(estate, resource, out var problem) ?? throw new InvalidOperationException(problem);
        return new GcpAuthorizer(estate).Authorize(new GcpRequest { Principal = Member.Parse(principal), Permission = permission, Resource = located, AsOf = December2026 });
    }
}
