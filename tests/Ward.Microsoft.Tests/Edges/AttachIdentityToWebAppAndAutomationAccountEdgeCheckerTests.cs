using Ward.Core.Graph;
using Ward.Microsoft.Edges;
using Ward.Microsoft.Edges.Checkers;
using static Ward.Microsoft.Tests.Edges.AttachIdentityToVirtualMachineEdgeCheckerTests;
using static Ward.Microsoft.Tests.Testing.GraphBodies;

namespace Ward.Microsoft.Tests.Edges;

/// <summary>
/// <c>azure-web-app-attach-identity</c> and <c>azure-automation-attach-identity</c>, on the estate of
/// <see cref="AttachIdentityToVirtualMachineEdgeCheckerTests"/>: id-deploy lives in rg-identity; rg-app holds a resource
/// of the kind that already carries it and one that carries none (an <c>az resource list</c> inventory: function apps
/// app-a and app-b, or Automation accounts aa-a and aa-b, aa-b with its own system-assigned identity). mia is Managed
/// Identity Operator of rg-identity and Website Contributor (Automation Contributor) of rg-app: she attaches id-deploy
/// to the second resource (<c>sites/write</c>, <c>automationAccounts/write</c>) and runs code there as the kind's
/// run-code technique does. Her twins: noel (the contributor role only: no right to assign the identity), olga
/// (Managed Identity Operator and a role that runs code there but does not update the resource), pia (Managed Identity
/// Operator and a role that updates the resource but runs no code there), sol (Managed Identity Operator of rg-other),
/// and mia again under a deny assignment on updating the resource.
/// </summary>
public sealed class AttachIdentityToWebAppAndAutomationAccountEdgeCheckerTests
{
    private const string Pia = "4b6d8f0a-2c4e-4a6b-8d0f-2a4c6e8b0d15";
    private const string Contributor = "6d8f0a2c-4e6a-4b8d-8f0a-2c4e6a8b0d02";
    private const string CodeRunner = "6d8f0a2c-4e6a-4b8d-8f0a-2c4e6a8b0d03";
    private const string Updater = "6d8f0a2c-4e6a-4b8d-8f0a-2c4e6a8b0d04";

    public static TheoryData<string> Kinds => ["web", "automation"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void An_identity_operator_who_manages_the_resource_attaches_the_identity_and_runs_code_as_it(string kind)
    {
        var of = Kind.Of(kind);

        var edge = Assert.Single(Check(of, deny: false), e => e.From.Value == Mia);

        Assert.Equal((of.Technique, DeployIdentity, false), (edge.Technique, edge.To.Value, edge.IsConditional));
        Assert.Equal(
            [(of.Write, of.Target), .. of.RunCode.Select(a => (a, of.Target)), (Assign, Identity)],
            edge.Permissions.Select(p => (p.Action, p.Resource)));
        Assert.Contains("Managed Identity Operator", edge.Permissions[^1].GrantedBy, StringComparison.Ordinal);
        Assert.Equal(of.Description, edge.Description);
    }

    [Theory]
    [InlineData("web", Noel, "Website Contributor alone: no right to assign the identity")]
    [InlineData("web", Olga, "her role rewrites the configuration but does not update the app (no sites/write)")]
    [InlineData("web", Pia, "her role updates the app but does not rewrite its configuration")]
    [InlineData("web", Sol, "Managed Identity Operator of rg-other, which does not hold id-deploy")]
    [InlineData("automation", Noel, "Automation Contributor alone: no right to assign the identity")]
    [InlineData("automation", Olga, "her role writes and starts runbooks but does not update the account (no automationAccounts/write)")]
    [InlineData("automation", Pia, "her role updates the account but writes no runbook")]
    [InlineData("automation", Sol, "Managed Identity Operator of rg-other, which does not hold id-deploy")]
    public void The_safe_twins_attach_nothing(string kind, string principal, string why)
    {
        Assert.False(Check(Kind.Of(kind), deny: false).Exists(e => e.From.Value == principal), why);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_deny_assignment_on_updating_the_resource_stops_it(string kind)
    {
        var of = Kind.Of(kind);

        Assert.Contains(Check(of, deny: false), e => e.From.Value == Mia);
        Assert.DoesNotContain(Check(of, deny: true), e => e.From.Value == Mia);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_virtual_machine_technique_attaches_nothing_to_them(string kind)
    {
        var of = Kind.Of(kind);

        Assert.Empty(Check(of, deny: false, new AttachIdentityToVirtualMachineEdgeChecker()));
    }

    private static List<Edge> Check(Kind of, bool deny, IMicrosoftEdgeChecker? checker = null)
    {
        using var folder = Estate(
            [User(Mia, "Mia Ops"), User(Noel, "Noel Ops"), User(Olga, "Olga Ops"), User(Pia, "Pia Ops"), User(Sol, "Sol Ops")],
            $"{Role(Contributor, of.ContributorName, "BuiltInRole", ["Microsoft.Authorization/*/read", "Microsoft.Resources/subscriptions/resourceGroups/read", .. of.ContributorActions])}, "
                + $"{Role(CodeRunner, "Code Runner", "CustomRole", [of.Read, .. of.RunCode])}, "
                + $"{Role(Updater, "Resource Updater", "CustomRole", of.Read, of.Write)}",
            [Assignment(Mia, ManagedIdentityOperator, IdentityGroup, "01"), Assignment(Mia, Contributor, AppGroup, "02"),
                Assignment(Noel, Contributor, AppGroup, "03"),
                Assignment(Olga, ManagedIdentityOperator, IdentityGroup, "04"), Assignment(Olga, CodeRunner, AppGroup, "05"),
                Assignment(Pia, ManagedIdentityOperator, IdentityGroup, "08"), Assignment(Pia, Updater, AppGroup, "09"),
                Assignment(Sol, ManagedIdentityOperator, OtherGroup, "06"), Assignment(Sol, Contributor, AppGroup, "07")],
            of.Resources,
            deny ? of.Write : null);
        return [.. (checker ?? of.Checker).Check(Load(folder), targets: null)];
    }

    /// <summary>A resource kind: its technique, the actions, the built-in contributor role, and the inventory of rg-app.</summary>
    private sealed record Kind(string Technique, IMicrosoftEdgeChecker Checker, string Type, string Target, string[] RunCode, string ContributorName, string[] ContributorActions, string Resources, string Description)
    {
        public string Write => $"{Type}/write";

        public string Read => $"{Type}/read";

        public static Kind Of(string kind) => kind switch
        {
            "web" => Web,
            "automation" => Automation,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };

        private static readonly Kind Web = new(
            "azure-web-app-attach-identity", new AttachIdentityToWebAppEdgeChecker(), "Microsoft.Web/sites", AppGroup + "/providers/Microsoft.Web/sites/app-b",
            ["Microsoft.Web/sites/config/write"],
            "Website Contributor", ["Microsoft.Insights/components/*", "Microsoft.Resources/deployments/*", "Microsoft.Web/certificates/*", "Microsoft.Web/serverFarms/join/action", "Microsoft.Web/serverFarms/read", "Microsoft.Web/sites/*"],
            $$$"""
                [{"id": "{{{AppGroup}}}/providers/Microsoft.Web/sites/app-a", "name": "app-a", "type": "Microsoft.Web/sites", "kind": "functionapp,linux", "location": "westeurope", "resourceGroup": "rg-app", "identity": {"type": "UserAssigned", "principalId": null, "tenantId": null, "userAssignedIdentities": {"{{{Identity}}}": {"clientId": "4b6d8f0a-2c4e-4a6b-8d0f-2a4c6e8b0dff", "principalId": "{{{DeployIdentity}}}"} } } },
                 {"id": "{{{AppGroup}}}/providers/Microsoft.Web/sites/app-b", "name": "app-b", "type": "Microsoft.Web/sites", "kind": "functionapp,linux", "location": "westeurope", "resourceGroup": "rg-app", "identity": null}]
                """,
            "attaches the user-assigned identity `id-deploy` to `app-b` (`sites/write`), rewrites its configuration (`sites/config/write`) to run its own code there and acts as the identity");

        private static readonly Kind Automation = new(
            "azure-automation-attach-identity", new AttachIdentityToAutomationAccountEdgeChecker(), "Microsoft.Automation/automationAccounts", AppGroup + "/providers/Microsoft.Automation/automationAccounts/aa-b",
            ["Microsoft.Automation/automationAccounts/runbooks/write", "Microsoft.Automation/automationAccounts/jobs/write"],
            "Automation Contributor", ["Microsoft.Automation/automationAccounts/*", "Microsoft.Insights/alertRules/*", "Microsoft.Resources/deployments/*"],
            $$$"""
                [{"id": "{{{AppGroup}}}/providers/Microsoft.Automation/automationAccounts/aa-a", "name": "aa-a", "type": "Microsoft.Automation/automationAccounts", "location": "westeurope", "resourceGroup": "rg-app", "identity": {"type": "UserAssigned", "principalId": null, "tenantId": null, "userAssignedIdentities": {"{{{Identity}}}": {"clientId": "4b6d8f0a-2c4e-4a6b-8d0f-2a4c6e8b0dff", "principalId": "{{{DeployIdentity}}}"} } } },
                 {"id": "{{{AppGroup}}}/providers/Microsoft.Automation/automationAccounts/aa-b", "name": "aa-b", "type": "Microsoft.Automation/automationAccounts", "location": "westeurope", "resourceGroup": "rg-app", "identity": {"type": "SystemAssigned", "principalId": "4b6d8f0a-2c4e-4a6b-8d0f-2a4c6e8b0d31", "tenantId": "11111111-1111-1111-1111-111111111111"}}]
                """,
            "attaches the user-assigned identity `id-deploy` to `aa-b` (`automationAccounts/write`), writes and starts a runbook there and acts as the identity");
    }
}
