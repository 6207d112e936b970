using Ward.Analysis;
using Ward.Core.Diagnostics;
using Ward.Core.Model;
using static Ward.Cli.Tests.Rules.IdentityCenterEstate;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// <c>ward-identitystore-group-membership</c>: with identity store permissions only, a principal of an account that
/// administers Identity Center adds a user it controls to a group assigned an administrator permission set and signs
/// in as its role; an explicit deny, a grant on other groups (one assigned a read-only permission set, one assigned
/// nothing), a member account that does not administer Identity Center, or an export without an instance, do not.
/// </summary>
public sealed class IdentityStoreGroupMembershipEdgeTests
{
    private static readonly DateTimeOffset AsOf = new(2026, 3, 16, 9, 15, 0, TimeSpan.Zero);

    private const string Membership = """{"Effect":"Allow","Action":["identitystore:CreateGroupMembership","identitystore:CreateUser","identitystore:List*","identitystore:Describe*"],"Resource":"*"}""";
    private const string DenyMembership = """{"Effect":"Deny","Action":"identitystore:CreateGroupMembership","Resource":"*"}""";
    private const string NamedAlice = $$"""{"Effect":"Allow","Action":"identitystore:CreateGroupMembership","Resource":["arn:aws:identitystore::{{Management}}:identitystore/{{Store}}","arn:aws:identitystore:::group/*","arn:aws:identitystore:::user/{{AliceUser}}"]}""";

    private static readonly Lazy<ScanResult> Scan = new(() => ScanWith(Export(withInstance: true)));

    private static string OnGroup(string group) => $$"""{"Effect":"Allow","Action":"identitystore:CreateGroupMembership","Resource":["arn:aws:identitystore::{{Management}}:identitystore/{{Store}}","arn:aws:identitystore:::group/{{group}}","arn:aws:identitystore:::user/*"]}""";

    private static ScanResult ScanWith(string identityCenter) => IdentityCenterEstate.ScanWith(
        identityCenter,
        AsOf,
        management:
        [
            ("idc-helpdesk", Membership),
            ("idc-helpdesk-denied", Membership + "," + DenyMembership),
            ("idc-readers-only", OnGroup(ReadersGroup)),
            ("idc-unassigned-only", OnGroup(UnassignedGroup)),
            ("idc-alice-only", NamedAlice),
        ],
        security: [("delegated-helpdesk", Membership)],
        workloads: [("member-helpdesk", Membership)]);

    [Fact]
    public void The_estate_loads_without_errors_or_warnings()
    {
        Assert.Empty(Scan.Value.Estate.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Info).Select(d => d.ToString()));
        Assert.True(Scan.Value.Graph.Graph.Nodes[new PrincipalId(AdminRole)].IsAdmin);
    }

    [Fact]
    public void A_principal_with_identity_store_permissions_alone_reaches_the_administrator_permission_set()
    {
        var finding = Assert.Single(Scan.Value.Findings, f => f.RuleId == "privilege-escalation" && f.Principal.EndsWith(":user/idc-helpdesk", StringComparison.Ordinal));
        var step = Assert.Single(finding.Path);

        Assert.Equal("ward-identitystore-group-membership", step.Technique);
        Assert.Equal(AdminRole, step.To);
        Assert.Equal(Severity.Medium, finding.Severity);
        Assert.Equal(
            [
                ("identitystore:CreateGroupMembership", $"arn:aws:identitystore::{Management}:identitystore/{Store}"),
                ("identitystore:CreateGroupMembership", $"arn:aws:identitystore:::group/{AdminsGroup}"),
                ("identitystore:CreateGroupMembership", "arn:aws:identitystore:::user/*"),
                ("identitystore:CreateUser", $"arn:aws:identitystore::{Management}:identitystore/{Store}"),
            ],
            step.Permissions.Select(p => (p.Action, p.Resource)));
        Assert.Contains(step.Requirements, r => r.Contains("identitystore:CreateUser is allowed", StringComparison.Ordinal));
    }

    [Fact]
    public void A_grant_naming_one_user_needs_that_user_and_not_a_new_one()
    {
        var edge = Assert.Single(Scan.Value.Graph.Graph.Edges, e => e.Technique == "ward-identitystore-group-membership" && e.From.Value.EndsWith(":user/idc-alice-only", StringComparison.Ordinal));

        Assert.Equal(AdminRole, edge.To.Value);
        Assert.Contains(edge.Permissions, p => p.Resource == $"arn:aws:identitystore:::user/{AliceUser}");
        Assert.DoesNotContain(edge.Permissions, p => p.Action == "identitystore:CreateUser");
        Assert.Contains(edge.Requirements, r => r.Contains($"it controls Identity Center user alice ({AliceUser})", StringComparison.Ordinal));
    }

    [Fact]
    public void A_delegated_administrator_account_administers_the_identity_store_too()
    {
        var edge = Assert.Single(Scan.Value.Graph.Graph.Edges, e => e.Technique == "ward-identitystore-group-membership" && e.From.Value.EndsWith(":user/delegated-helpdesk", StringComparison.Ordinal));

        Assert.Equal(AdminRole, edge.To.Value);
        Assert.Equal($"arn:aws:iam::{Security}:user/delegated-helpdesk", edge.From.Value);
    }

    [Theory]
    [InlineData("idc-helpdesk-denied")]   // an explicit deny of identitystore:CreateGroupMembership
    [InlineData("idc-readers-only")]      // only a group assigned a read-only permission set
    [InlineData("idc-unassigned-only")]   // only a group assigned nothing
    [InlineData("member-helpdesk")]       // a member account that does not administer Identity Center
    public void Without_the_membership_on_an_administrator_group_or_outside_an_administering_account_there_is_no_such_edge(string user)
    {
        Assert.DoesNotContain(Scan.Value.Graph.Graph.Edges, e => e.Technique == "ward-identitystore-group-membership" && e.From.Value.EndsWith($":user/{user}", StringComparison.Ordinal));
        Assert.DoesNotContain(Scan.Value.Findings, f => f.RuleId == "privilege-escalation" && f.Principal.EndsWith($":user/{user}", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_an_instance_in_the_export_there_is_no_such_edge()
    {
        var scan = ScanWith(Export(withInstance: false));

        Assert.DoesNotContain(scan.Graph.Graph.Edges, e => e.Technique == "ward-identitystore-group-membership");
    }
}
