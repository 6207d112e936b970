using Ward.Analysis.Tests.Testing;
using Ward.Aws.Ingest;
using Ward.Core.Diagnostics;
using Ward.Core.Graph;
using Ward.Microsoft;
using Ward.Microsoft.Edges;

namespace Ward.Analysis.Tests.Rules.Applications;

/// <summary>
/// Federated credentials of user-assigned managed identities, in the export script's layout and formats
/// (<c>az identity list</c>, <c>az identity federated-credential list</c>, the ARM REST list), scanned with the
/// directory's service principals and the subscription's roles. id-deploy's flexible credential accepts the production
/// environment of any GitHub repository: anyone signs in as it, and through the VM whose run command its Contributor
/// role allows, becomes the VM's identity, Owner of the subscription. id-ci's accepts pull requests of one repository
/// (a conditional step). id-legacy, which the inventory lacks, trusts a whole organization: the directory's service
/// principal naming it is the one reached. The safe twins, id-release's credentials, are pinned to a branch or name
/// `repo:*` as a plain subject (compared exactly, it matches no token).
/// </summary>
public sealed class UserAssignedIdentityFederatedCredentialTests
{
    private const string Rule = "federated-credential-broad-subject";
    private const string GitHub = "https://token.actions.githubusercontent.com";
    private const string Tenant = "6f1d3b5a-9c7e-4e2a-8b4d-1f3a5c7e9b20";
    private const string Subscription = "9a7c5e3b-1d2f-4a6c-8e0b-2d4f6a8c0e13";
    private const string SubscriptionScope = "/subscriptions/" + Subscription;
    private const string Owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    private const string Contributor = "b24988ac-6180-42a0-ab88-20f7382dd24c";
    private const string DeployPrincipal = "a1c3e5f7-0b2d-4f6a-8c1e-3b5d7f9a1c01";
    private const string CiPrincipal = "a1c3e5f7-0b2d-4f6a-8c1e-3b5d7f9a1c02";
    private const string ReleasePrincipal = "a1c3e5f7-0b2d-4f6a-8c1e-3b5d7f9a1c03";
    private const string LegacyPrincipal = "a1c3e5f7-0b2d-4f6a-8c1e-3b5d7f9a1c04";
    private const string VmPrincipal = "c3e5a7b9-2d4f-4a6c-8e1b-5d7f9b1d3f05";
    private const string AnyRepository = GitHub + "#claims['sub'] matches 'repo:*:environment:production'";
    private const string Technique = "entra-federated-credential-sign-in";

    private static readonly string DeployIdentity = Identity("rg-build", "id-deploy");
    private static readonly string CiIdentity = Identity("rg-identities", "id-ci");
    private static readonly string ReleaseIdentity = Identity("rg-identities", "id-release");
    private static readonly string LegacyIdentity = Identity("rg-old", "id-legacy");
    private static readonly string Vm = $"{SubscriptionScope}/resourceGroups/rg-build/providers/Microsoft.Compute/virtualMachines/vm-build01";

    private static readonly DateTimeOffset AsOf = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<(ScanResult Scan, EntitlementGraph Graph, IReadOnlyList<Diagnostic> Diagnostics)> Scanned = new(Scan);

    [Fact]
    public void Broad_credentials_of_user_assigned_identities_are_reported_with_what_the_identity_holds()
    {
        var findings = Scanned.Value.Scan.Findings.Where(f => f.RuleId == Rule).OrderBy(f => f.Title, StringComparer.Ordinal).ToList();

        // id-deploy's any-repository credential is critical; id-ci's pull requests and id-legacy's organization are one level up (Owner of the subscription)
        Assert.Equal(
            [
                ("Federated credential `github-any-production` of `id-deploy` accepts workflows of any GitHub repository", Severity.Critical, DeployPrincipal),
                ("Federated credential `github-org` of `id-legacy` accepts every repository of `contoso`", Severity.Critical, LegacyPrincipal),
                ("Federated credential `github-pull-requests` of `id-ci` accepts pull requests of `contoso/deploy-scripts`", Severity.High, CiPrincipal),
            ],
            findings.Select(f => (f.Title, f.Severity, f.Principal)));
        Assert.All(findings, f => Assert.Equal("azure", f.Provider));
        var ci = findings[2];
        Assert.StartsWith($"The federated identity credential `github-pull-requests` of the user-assigned managed identity `{CiIdentity}` trusts tokens of `{GitHub}` whose subject is `repo:contoso/deploy-scripts:pull_request`", ci.Explanation, StringComparison.Ordinal);
        Assert.Contains($"The identity (service principal `{CiPrincipal}`) is an administrator", ci.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_credential_anyone_can_satisfy_starts_a_path_from_outside_through_what_the_identity_holds()
    {
        var finding = Assert.Single(Scanned.Value.Scan.Findings, f => f.RuleId == "privilege-escalation" && f.Principal == AnyRepository);

        Assert.Equal([DeployPrincipal, VmPrincipal], finding.Path.Select(s => s.To), StringComparer.Ordinal);
        var first = finding.Path[0];
        Assert.Equal(Technique, first.Technique);
        Assert.Empty(first.Requirements);
        var permission = Assert.Single(first.Permissions);
        Assert.Equal(("federated identity credential `github-any-production` of the user-assigned identity `id-deploy`", $"{DeployIdentity.Replace("resourceGroups", "resourcegroups", StringComparison.Ordinal)}/federatedIdentityCredentials/github-any-production"), (permission.GrantedBy, permission.Resource));
    }

    [Fact]
    public void A_credential_for_one_repository_s_pull_requests_is_a_step_for_whoever_runs_them()
    {
        var edge = Assert.Single(Edges(CiPrincipal));

        Assert.Equal(GitHub + "#repo:contoso/deploy-scripts:pull_request", edge.From.Value);
        Assert.Equal([$"the caller runs a workload that `{GitHub}` issues such a token to (pull requests of contoso/deploy-scripts)"], edge.Requirements, StringComparer.Ordinal);
        Assert.Equal("sign in as `id-ci` with a token its federated credential `github-pull-requests` accepts: every pull request workflow of `contoso/deploy-scripts` (subject `repo:contoso/deploy-scripts:pull_request`): code proposed in a pull request, before anyone reviews it", edge.Description);
    }

    [Fact]
    public void A_credential_of_an_identity_the_inventory_lacks_reaches_the_service_principal_the_directory_names_and_is_reported()
    {
        Assert.Equal(GitHub + "#repository_owner:contoso", Assert.Single(Edges(LegacyPrincipal)).From.Value);
        var diagnostic = Assert.Single(Scanned.Value.Diagnostics, d => d.Code == "WARD6015");
        Assert.Equal(("id-legacy.json", "$[0]"), (Path.GetFileName(diagnostic.Location.File), diagnostic.Location.JsonPath));
    }

    [Fact]
    public void Credentials_pinned_to_a_branch_or_naming_a_literal_star_give_neither_finding_nor_path()
    {
        // id-release is an administrator as much as id-ci: only its credentials keep the outside out
        Assert.NotEmpty(Edges(CiPrincipal));
        Assert.Empty(Edges(ReleasePrincipal));
        Assert.DoesNotContain(Scanned.Value.Scan.Findings, f => f.RuleId == Rule && f.Principal == ReleasePrincipal);
    }

    private static IEnumerable<Edge> Edges(string to) =>
        Scanned.Value.Graph.Edges.Where(e => e.Technique == Technique && e.To.Value == to);

    private static (ScanResult, EntitlementGraph, IReadOnlyList<Diagnostic>) Scan()
    {
        using var folder = new ScratchFolder(
        [
            ("entra/service-principals/page-001.json", $$"""
                {
                  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#servicePrincipals",
                  "value": [{{string.Join(", ", ManagedIdentity(DeployPrincipal, "id-deploy", DeployIdentity, true), ManagedIdentity(CiPrincipal, "id-ci", CiIdentity, true), ManagedIdentity(ReleasePrincipal, "id-release", ReleaseIdentity, true), ManagedIdentity(LegacyPrincipal, "id-legacy", LegacyIdentity, true), ManagedIdentity(VmPrincipal, "vm-build01", Vm, false))}}]
                }
                """),
            ("azure/subscriptions.json", $$$"""[{"cloudName": "AzureCloud", "homeTenantId": "{{{Tenant}}}", "id": "{{{Subscription}}}", "isDefault": true, "managedByTenants": [], "name": "Contoso Build", "state": "Enabled", "tenantId": "{{{Tenant}}}", "user": {"name": "auditor@contoso.com", "type": "user"}}]"""),
            ($"azure/subscriptions/{Subscription}/role-definitions.json", $"[{Role(Owner, "Owner", "[]")}, {Role(Contributor, "Contributor", "[\"Microsoft.Authorization/*/Delete\", \"Microsoft.Authorization/*/Write\", \"Microsoft.Authorization/elevateAccess/Action\"]")}]"),
            ($"azure/subscriptions/{Subscription}/role-assignments.json", $"[{Assignment(DeployPrincipal, Contributor, $"{SubscriptionScope}/resourceGroups/rg-build", "01")}, {Assignment(VmPrincipal, Owner, SubscriptionScope, "02")}, {Assignment(CiPrincipal, Owner, SubscriptionScope, "03")}, {Assignment(ReleasePrincipal, Owner, SubscriptionScope, "04")}, {Assignment(LegacyPrincipal, Owner, SubscriptionScope, "05")}]"),
            ($"azure/resources/{Subscription}.json", $$"""
                [
                  {"changedTime": "2026-09-14T10:02:41.000000+00:00", "createdTime": "2026-02-03T11:20:05.000000+00:00", "extendedLocation": null, "id": "{{Vm}}", "identity": {"principalId": "{{VmPrincipal}}", "tenantId": "{{Tenant}}", "type": "SystemAssigned", "userAssignedIdentities": null}, "kind": null, "location": "westeurope", "managedBy": null, "name": "vm-build01", "plan": null, "properties": null, "provisioningState": "Succeeded", "resourceGroup": "rg-build", "sku": null, "tags": {}, "type": "Microsoft.Compute/virtualMachines"},
                  {"changedTime": "2026-09-14T10:02:41.000000+00:00", "createdTime": "2026-02-03T11:20:05.000000+00:00", "extendedLocation": null, "id": "{{DeployIdentity}}", "identity": null, "kind": null, "location": "westeurope", "managedBy": null, "name": "id-deploy", "plan": null, "properties": null, "provisioningState": "Succeeded", "resourceGroup": "rg-build", "sku": null, "tags": {}, "type": "Microsoft.ManagedIdentity/userAssignedIdentities"},
                  {"changedTime": "2026-09-14T10:02:41.000000+00:00", "createdTime": "2026-02-03T11:20:05.000000+00:00", "extendedLocation": null, "id": "{{CiIdentity}}", "identity": null, "kind": null, "location": "westeurope", "managedBy": null, "name": "id-ci", "plan": null, "properties": null, "provisioningState": "Succeeded", "resourceGroup": "rg-identities", "sku": null, "tags": {}, "type": "Microsoft.ManagedIdentity/userAssignedIdentities"},
                  {"changedTime": "2026-09-14T10:02:41.000000+00:00", "createdTime": "2026-02-03T11:20:05.000000+00:00", "extendedLocation": null, "id": "{{ReleaseIdentity}}", "identity": null, "kind": null, "location": "westeurope", "managedBy": null, "name": "id-release", "plan": null, "properties": null, "provisioningState": "Succeeded", "resourceGroup": "rg-identities", "sku": null, "tags": {}, "type": "Microsoft.ManagedIdentity/userAssignedIdentities"}
                ]
                """),
            ($"azure/resources/{Subscription}/identities.json", $"[{IdentityEntry(DeployIdentity, "id-deploy", "rg-build", DeployPrincipal)}, {IdentityEntry(CiIdentity, "id-ci", "rg-identities", CiPrincipal)}, {IdentityEntry(ReleaseIdentity, "id-release", "rg-identities", ReleasePrincipal)}]"),

            // The REST form (az rest), whose ids ARM writes with `resourcegroups` in lower case.
            ($"azure/resources/{Subscription}/federated-credentials/rg-build/id-deploy.json", $$"""
                {
                  "value": [
                    {
                      "id": "{{DeployIdentity.Replace("resourceGroups", "resourcegroups", StringComparison.Ordinal)}}/federatedIdentityCredentials/github-any-production",
                      "name": "github-any-production",
                      "type": "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials",
                      "properties": {
                        "issuer": "{{GitHub}}",
                        "claimsMatchingExpression": {"value": "claims['sub'] matches 'repo:*:environment:production'", "languageVersion": 1},
                        "audiences": ["api://AzureADTokenExchange"]
                      }
                    }
                  ]
                }
                """),
            ($"azure/resources/{Subscription}/federated-credentials/rg-identities/id-ci.json", $"[{Credential(CiIdentity, "github-pull-requests", "repo:contoso/deploy-scripts:pull_request")}]"),
            ($"azure/resources/{Subscription}/federated-credentials/rg-identities/id-release.json", $"[{Credential(ReleaseIdentity, "github-main", "repo:contoso/deploy-scripts:ref:refs/heads/main")}, {Credential(ReleaseIdentity, "github-star", "repo:*")}]"),
            ($"azure/resources/{Subscription}/federated-credentials/rg-old/id-legacy.json", $"[{Credential(LegacyIdentity, "github-org", "repository_owner:contoso")}]"),
        ]);
        var microsoft = MicrosoftEstateLoader.Load([folder.Path], TestContext.Current.CancellationToken);
        Assert.DoesNotContain(microsoft.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var options = new ScanOptions { Microsoft = new MicrosoftInputs(microsoft.Entra, microsoft.Azure) };
        var scan = Scanner.Scan(AwsEstateLoader.Load([], TestContext.Current.CancellationToken), AsOf, options, cancellationToken: TestContext.Current.CancellationToken);
        return (scan, MicrosoftGraphBuilder.Build(new MicrosoftEdgeContext(microsoft.Entra, microsoft.Azure, AsOf)), microsoft.Diagnostics);
    }

    private static string Identity(string group, string name) =>
        $"{SubscriptionScope}/resourceGroups/{group}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name}";

    /// <summary>A managed identity's service principal as Graph lists it: its resource id in <c>alternativeNames</c>, explicit for a user-assigned one.</summary>
    private static string ManagedIdentity(string id, string name, string resource, bool userAssigned) =>
        $$"""{"id": "{{id}}", "appId": "{{id[..^2]}}aa", "displayName": "{{name}}", "servicePrincipalType": "ManagedIdentity", "appOwnerOrganizationId": null, "accountEnabled": true, "appRoles": [], "oauth2PermissionScopes": [], "passwordCredentials": [], "keyCredentials": [], "alternativeNames": ["isExplicit={{(userAssigned ? "True" : "False")}}", "{{resource}}"], "servicePrincipalNames": ["{{id[..^2]}}aa", "https://identity.azure.net/ZmVkZXJhdGVk"]}""";

    /// <summary>An identity as <c>az identity list</c> prints it.</summary>
    private static string IdentityEntry(string id, string name, string group, string principal) =>
        $$"""{"clientId": "{{principal[..^2]}}aa", "id": "{{id}}", "location": "westeurope", "name": "{{name}}", "principalId": "{{principal}}", "resourceGroup": "{{group}}", "systemData": null, "tags": {}, "tenantId": "{{Tenant}}", "type": "Microsoft.ManagedIdentity/userAssignedIdentities"}""";

    /// <summary>A credential as <c>az identity federated-credential list</c> prints it.</summary>
    private static string Credential(string identity, string name, string subject) =>
        $$"""{"audiences": ["api://AzureADTokenExchange"], "id": "{{identity}}/federatedIdentityCredentials/{{name}}", "issuer": "{{GitHub}}", "name": "{{name}}", "resourceGroup": "{{identity.Split('/')[4]}}", "subject": "{{subject}}", "systemData": null, "type": "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials"}""";

    /// <summary>A built-in role as <c>az role definition list</c> prints it.</summary>
    private static string Role(string guid, string name, string notActions) =>
        $$"""{"assignableScopes": ["/"], "description": "{{name}}", "id": "{{SubscriptionScope}}/providers/Microsoft.Authorization/roleDefinitions/{{guid}}", "name": "{{guid}}", "permissions": [{"actions": ["*"], "condition": null, "conditionVersion": null, "dataActions": [], "notActions": {{notActions}}, "notDataActions": []}], "roleName": "{{name}}", "roleType": "BuiltInRole", "type": "Microsoft.Authorization/roleDefinitions"}""";

    /// <summary>A role assignment of a managed identity as <c>az role assignment list</c> prints it.</summary>
    private static string Assignment(string principal, string role, string scope, string suffix) =>
        $$"""{"condition": null, "conditionVersion": null, "id": "{{scope}}/providers/Microsoft.Authorization/roleAssignments/4e6a8c0e-2b4d-4f6a-9c1e-3d5f7b9d1f{{suffix}}", "name": "4e6a8c0e-2b4d-4f6a-9c1e-3d5f7b9d1f{{suffix}}", "principalId": "{{principal}}", "principalName": "{{principal[..^2]}}aa", "principalType": "ServicePrincipal", "roleDefinitionId": "{{SubscriptionScope}}/providers/Microsoft.Authorization/roleDefinitions/{{role}}", "roleDefinitionName": "", "scope": "{{scope}}", "type": "Microsoft.Authorization/roleAssignments"}""";
}
