using Ward.Analysis;
using static Ward.Cli.Tests.Rules.IdentityCenterEstate;

namespace Ward.Cli.Tests.Rules;

/// <summary>
/// <c>ward-identitystore-update-user</c>: a principal of an account that administers Identity Center allowed
/// identitystore:UpdateUser on a user of the Administrators group takes the user over (new email, password reset) and
/// signs in as the administrator permission set's role. Safe twins: an explicit deny, a grant on a user who holds a
/// read-only permission set only, a member account that does not administer Identity Center.
/// </summary>
public sealed class IdentityStoreUpdateUserEdgeTests
{
    private const string Technique = "ward-identitystore-update-user";
    private static readonly DateTimeOffset AsOf = new(2026, 3, 16, 9, 15, 0, TimeSpan.Zero);

    private const string UpdateUsers = """{"Effect":"Allow","Action":["identitystore:UpdateUser","identitystore:List*","identitystore:Describe*"],"Resource":"*"}""";
    private const string DenyUpdate = """{"Effect":"Deny","Action":"identitystore:UpdateUser","Resource":"*"}""";
    private const string UpdateAlice = $$"""{"Effect":"Allow","Action":"identitystore:UpdateUser","Resource":["arn:aws:identitystore::{{Management}}:identitystore/{{Store}}","arn:aws:identitystore:::user/{{AliceUser}}"]}""";
    private const string UpdateBob = $$"""{"Effect":"Allow","Action":"identitystore:UpdateUser","Resource":["arn:aws:identitystore::{{Management}}:identitystore/{{Store}}","arn:aws:identitystore:::user/{{BobUser}}"]}""";

    private static readonly Lazy<ScanResult> Scan = new(() => ScanWith(
        Export(withInstance: true),
        AsOf,
        management: [("idc-profiles", UpdateUsers), ("idc-profiles-denied", $"{UpdateUsers},{DenyUpdate}"), ("idc-alice-profile", UpdateAlice), ("idc-bob-profile", UpdateBob)],
        security: [("delegated-profiles", UpdateUsers)],
        workloads: [("member-profiles", UpdateUsers)]));

    [Fact]
    public void A_principal_that_can_update_an_administrators_identity_center_user_signs_in_as_the_administrator_role()
    {
        var finding = Assert.Single(Scan.Value.Findings, f => f.RuleId == "privilege-escalation" && f.Principal.EndsWith(":user/idc-profiles", StringComparison.Ordinal));
        var step = Assert.Single(finding.Path);

        Assert.Equal(Technique, step.Technique);
        Assert.Equal(AdminRole, step.To);
        Assert.Equal(
            [
                ("identitystore:UpdateUser", $"arn:aws:identitystore::{Management}:identitystore/{Store}"),
                ("identitystore:UpdateUser", $"arn:aws:identitystore:::user/{BobUser}"),
            ],
            step.Permissions.Select(p => (p.Action, p.Resource)));
        Assert.Contains(step.Requirements, r => r.Contains($"user bob ({BobUser}) belongs to Identity Center's own directory", StringComparison.Ordinal));
        Assert.Contains(step.Requirements, r => r.Contains("MFA", StringComparison.Ordinal));
    }

    [Fact]
    public void A_grant_naming_the_administrator_reaches_the_role_and_the_edge_says_through_which_group()
    {
        var edge = Assert.Single(Scan.Value.Graph.Graph.Edges, e => e.Technique == Technique && e.From.Value.EndsWith(":user/idc-bob-profile", StringComparison.Ordinal));

        Assert.Equal(AdminRole, edge.To.Value);
        Assert.True(edge.IsConditional);
        Assert.Contains("through group Administrators", edge.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_delegated_administrator_account_can_update_users_too()
    {
        var edge = Assert.Single(Scan.Value.Graph.Graph.Edges, e => e.Technique == Technique && e.From.Value == $"arn:aws:iam::{Security}:user/delegated-profiles");

        Assert.Equal(AdminRole, edge.To.Value);
    }

    [Theory]
    [InlineData("idc-profiles-denied")]   // an explicit deny of identitystore:UpdateUser
    [InlineData("idc-alice-profile")]     // alice holds a read-only permission set only
    [InlineData("member-profiles")]       // a member account that does not administer Identity Center
    public void Without_update_rights_on_an_administrator_or_outside_an_administering_account_there_is_no_such_edge(string user)
    {
        Assert.DoesNotContain(Scan.Value.Graph.Graph.Edges, e => e.Technique == Technique && e.From.Value.EndsWith($":user/{user}", StringComparison.Ordinal) && e.To.Value == AdminRole);
        Assert.DoesNotContain(Scan.Value.Findings, f => f.RuleId == "privilege-escalation" && f.Principal.EndsWith($":user/{user}", StringComparison.Ordinal));
    }
}
