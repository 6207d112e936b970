using Ward.Core.Graph;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Edges.Checkers;
using Ward.Microsoft.Tests.Testing;
using static Ward.Microsoft.Tests.Testing.WoodgroveDevices;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// <c>entra-defender-live-response</c> on the Woodgrove fixture, with Mia made Security Administrator of the tenant
/// and Tom Security Administrator over Gary's account only: Mia reaches every user of an enabled Windows 10/11 device,
/// whether Intune manages it or not, on condition that Defender for Endpoint onboards it.
/// </summary>
public sealed class DefenderLiveResponseEdgeCheckerTests
{
    private const string SecurityAdministrator = "194ae4cb-b126-40b2-bd5b-6091b380977d";
    private const string Onboarded = "onboarded to Microsoft Defender for Endpoint Plan 2 (not in the export), where a live response script runs as SYSTEM and can take the user's session tokens";

    [Fact]
    public void A_Security_Administrator_reaches_the_users_of_Windows_devices_whatever_manages_them()
    {
        using var roles = Roles();
        var edges = Edges(Context(Folder, roles.Path), Mia);

        // Then Uma's Windows 10 laptop, which Intune does not manage, counts too; Dora's disabled device, Nina without one do not
        Assert.Equal([Gary, Uma, Hugo, Tom], edges.Select(e => e.To.Value), StringComparer.Ordinal);
        var uma = Assert.Single(edges, e => e.To.Value == Uma);
        Assert.Equal("`uma.ueda@woodgrove.onmicrosoft.com` signs in on a Windows device they are a registered owner or user of, `LAPTOP-UMA`, " + Onboarded, Assert.Single(uma.Requirements));
        Assert.Equal("Live response capabilities: Advanced (Microsoft Defender for Endpoint)", Assert.Single(uma.Permissions).Action);
        Assert.StartsWith("runs a live response script as Security Administrator on the Windows devices", uma.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void The_Intune_technique_does_not_reach_the_unmanaged_laptop()
    {
        using var roles = Roles();

        // The twin: Intune's script runs on managed devices only, so the Intune Administrator does not reach Uma
        Assert.DoesNotContain(new IntuneDeviceScriptEdgeChecker().Check(Context(Folder, roles.Path), targets: null), e => e.From.Value == Ines && e.To.Value == Uma);
    }

    [Fact]
    public void Global_Administrators_start_no_edge_as_paths_end_at_them_and_other_roles_do_not_respond()
    {
        using var roles = Roles();
        var context = Context(Folder, roles.Path);
        var edges = new DefenderLiveResponseEdgeChecker().Check(context, targets: null).ToList();

        // Gary and Nina are Global Administrators: they respond too, but an edge from an administrator leads no one
        // further, and a tenant's administrators times its users would be millions of edges
        Assert.All(new[] { Gary, Nina }, admin => Assert.False(context.StartsPaths(admin)));
        Assert.Equal([Mia], edges.Select(e => e.From.Value).Distinct(StringComparer.Ordinal), StringComparer.Ordinal);

        // Ines (Intune Administrator) and Tom (Security Administrator over one object, not the tenant) have none
        Assert.DoesNotContain(edges, e => e.From.Value is Ines or Tom);
    }

    [Fact]
    public void Without_devices_every_user_is_reached_on_condition()
    {
        using var roles = Roles();
        var edges = Edges(Context([.. Without("devices", "device-registered-owners", "device-registered-users", "managed-devices"), roles.Path]), Mia);

        Assert.Equal([Ines, Gary, Uma, Nina, Dora, Hugo, Tom], edges.Select(e => e.To.Value), StringComparer.Ordinal);
        Assert.All(edges, e => Assert.EndsWith("signs in on a Windows device (device inventory not exported) " + Onboarded, Assert.Single(e.Requirements), StringComparison.Ordinal));
    }

    private static List<Edge> Edges(MicrosoftEdgeContext context, string from) =>
        [.. new DefenderLiveResponseEdgeChecker().Check(context, targets: null).Where(e => e.From.Value == from).OrderBy(e => e.To.Value, StringComparer.Ordinal)];

    /// <summary>The Security Administrator definition and Mia's and Tom's assignments, as a second page of each collection.</summary>
    private static ScratchFolder Roles() => new(
        ("role-definitions/page-002.json", GraphBodies.Collection("roleManagement/directory/roleDefinitions",
            GraphBodies.BuiltInRole(SecurityAdministrator, "Security Administrator", "microsoft.directory/conditionalAccessPolicies/basic/update", "microsoft.directory/identityProtection/allProperties/update"))),
        ("role-assignments/page-002.json", GraphBodies.Collection("roleManagement/directory/roleAssignments", string.Join(",\n",
            GraphBodies.RoleAssignment(Mia, SecurityAdministrator),
            GraphBodies.RoleAssignment(Tom, SecurityAdministrator, "/" + Gary)))));
}
