using System.Text.Json;

namespace Ward.Cli.Tests;

/// <summary>
/// <c>can</c>, <c>who-can</c> and <c>what-can</c> on the bundled Northwind Entra ID and Azure sample
/// (samples/microsoft.md lists who holds what).
/// </summary>
public sealed class AzureQuestionTests
{
    private static readonly string Entra = Path.Combine(Repository.Root, "samples", "entra");
    private static readonly string Azure = Path.Combine(Repository.Root, "samples", "azure");
    private static readonly string AzureHound = Path.Combine(Repository.Root, "samples", "azurehound");
    private static readonly string Prod = "/subscriptions/" + SubscriptionId("nw-prod");
    private static readonly string Dev = "/subscriptions/" + SubscriptionId("nw-dev");

    [Fact]
    public void A_role_assigned_to_a_group_reaches_its_members_through_the_Entra_export()
    {
        // Given frank.osei, who holds no Azure role himself but is a member of `Prod Owners`, Owner of nw-prod
        // When we ask whether he can write virtual machines in a resource group of nw-prod
        var result = Can("frank.osei@northwindtraders.com", "Microsoft.Compute/virtualMachines/write", Prod + "/resourceGroups/rg-build");

        // Then he can, and the explanation names the group and the scope the role was assigned at
        Assert.Equal("Allowed", Kind(result));
        var summary = result.GetProperty("summary").GetString()!;
        Assert.Contains("Prod Owners", summary, StringComparison.Ordinal);
        Assert.Contains($"inherited from `{Prod}`", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_the_Entra_export_group_roles_are_not_counted_and_the_user_is_told()
    {
        // Given only the Azure exports (no group memberships), and frank's object id
        var frank = UserId("frank.osei@northwindtraders.com");

        // When we ask the same question
        var (exitCode, output) = WardRunner.Run("can", "-i", Azure, frank, "Microsoft.Compute/virtualMachines/write", Prod + "/resourceGroups/rg-build");

        // Then the answer is a denial, with a warning that roles held through groups were not counted
        Assert.Equal(0, exitCode);
        Assert.Contains("group memberships are unknown", output, StringComparison.Ordinal);
        Assert.Contains("ImplicitDeny", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Reader", "Allowed")]
    [InlineData("Storage Blob Data Reader", "Allowed")]
    [InlineData("Owner", "ImplicitDeny")]
    [InlineData("User Access Administrator", "ImplicitDeny")]
    public void A_constrained_RBAC_administrator_may_assign_only_the_roles_its_condition_lists(string role, string expected)
    {
        // Given kim.larsen, Role Based Access Control Administrator of nw-prod under a condition that allows
        // assigning Reader and Storage Blob Data Reader only
        // When we ask whether she may write a role assignment of the role
        var result = Can("kim.larsen@northwindtraders.com", "Microsoft.Authorization/roleAssignments/write", Prod, "--assigned-role", role);

        // Then the condition decides
        Assert.Equal(expected, Kind(result));
    }

    [Fact]
    public void Without_the_role_being_assigned_the_constrained_administrator_is_conditional()
    {
        // When the question does not say which role would be assigned
        var result = Can("kim.larsen@northwindtraders.com", "Microsoft.Authorization/roleAssignments/write", Prod);

        // Then the answer depends on the condition, which is quoted as the requirement
        Assert.Equal("Conditional", Kind(result));
        Assert.Contains(result.GetProperty("requirements").EnumerateArray(), r => r.GetString()!.Contains("GuidEquals", StringComparison.Ordinal));
    }

    [Fact]
    public void A_PIM_eligible_owner_is_denied_now_and_allowed_once_activated()
    {
        // Given ben.carter, eligible (not active) for Owner of nw-prod
        var (_, output) = WardRunner.Run("can", "-i", Entra, "-i", Azure, "ben.carter@northwindtraders.com", "Microsoft.Compute/virtualMachines/write", Prod, "--format", "json");
        var root = JsonDocument.Parse(output).RootElement;

        // Then he is denied with his active assignments, and allowed if he activates the eligibility
        Assert.Equal("ImplicitDeny", root.GetProperty("result").GetProperty("decision").GetString());
        Assert.Equal("Allowed", root.GetProperty("ifActivated").GetProperty("decision").GetString());
    }

    [Fact]
    public void A_role_assigned_at_a_management_group_reaches_every_subscription_below_it()
    {
        // Given hana.sato, User Access Administrator of the mg-northwind management group
        var result = Can("hana.sato@northwindtraders.com", "Microsoft.Authorization/roleAssignments/write", Dev + "/resourceGroups/rg-sandbox");

        // Then she may assign roles in a resource group of nw-dev, two levels below
        Assert.Equal("Allowed", Kind(result));
        Assert.Contains("mg-northwind", result.GetProperty("summary").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deny_assignment_wins_over_Owner_but_not_for_the_principal_it_excludes()
    {
        // Given the deployment stack's deny assignment on the shared key vault (everyone but the deployment identity)
        var vault = Prod + "/resourceGroups/rg-shared/providers/Microsoft.KeyVault/vaults/kv-nw-prod-shared";

        // When frank (Owner of nw-prod through his group) and the landing zone identity (Owner, excluded) ask to delete it
        var frank = Can("frank.osei@northwindtraders.com", "Microsoft.KeyVault/vaults/delete", vault);
        var deployer = Can("id-landingzone-deploy", "Microsoft.KeyVault/vaults/delete", vault);

        // Then frank is explicitly denied, and the excluded identity is allowed
        Assert.Equal("ExplicitDeny", Kind(frank));
        Assert.Equal("Allowed", Kind(deployer));
    }

    [Fact]
    public void Data_actions_are_decided_against_data_permissions_only()
    {
        // Given jo.martin (Storage Blob Data Reader on the storage account) and the Contoso guest (Contributor of its resource group)
        var blobs = Prod + "/resourceGroups/rg-analytics/providers/Microsoft.Storage/storageAccounts/nwanalyticsdata/blobServices/default/containers/reports";
        const string Read = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read";

        // When both ask to read blobs (a data action, inferred from the role definitions)
        var jo = Can("jo.martin@northwindtraders.com", Read, blobs);
        var guest = Can("priya_contoso.com#EXT#@northwindtraders.onmicrosoft.com", Read, blobs);

        // Then the data role allows it, and Contributor's `*` (control plane only) does not
        Assert.Equal("Allowed", Kind(jo));
        Assert.Equal("ImplicitDeny", Kind(guest));
    }

    [Fact]
    public void Who_can_lists_direct_group_inherited_conditional_and_eligible_holders()
    {
        // When we ask who can assign roles in rg-build of nw-prod
        var (exitCode, output) = WardRunner.Run("who-can", "-i", Entra, "-i", Azure, "Microsoft.Authorization/roleAssignments/write", Prod + "/resourceGroups/rg-build", "--format", "json");

        // Then the answer holds the break-glass Owner of the tenant root, hana (UAA of mg-northwind), frank (through
        // Prod Owners), kim (conditional) and ben (only once activated), and not jo
        Assert.Equal(0, exitCode);
        var principals = JsonDocument.Parse(output).RootElement.GetProperty("principals").EnumerateArray()
            .ToDictionary(p => p.GetProperty("principal").GetString()!, p => p, StringComparer.Ordinal);
        Assert.Equal("Allowed", principals[UserId("breakglass01@northwindtraders.onmicrosoft.com")].GetProperty("result").GetProperty("decision").GetString());
        Assert.Equal("Allowed", principals[UserId("hana.sato@northwindtraders.com")].GetProperty("result").GetProperty("decision").GetString());
        Assert.Equal("Allowed", principals[UserId("frank.osei@northwindtraders.com")].GetProperty("result").GetProperty("decision").GetString());
        Assert.Equal("Conditional", principals[UserId("kim.larsen@northwindtraders.com")].GetProperty("result").GetProperty("decision").GetString());
        Assert.Equal("Allowed", principals[UserId("ben.carter@northwindtraders.com")].GetProperty("ifActivated").GetProperty("decision").GetString());
        Assert.False(principals.ContainsKey(UserId("jo.martin@northwindtraders.com")));
    }

    [Fact]
    public void What_can_lists_roles_per_scope_with_the_group_they_come_through()
    {
        // When we ask what jo.martin holds
        var (exitCode, output) = WardRunner.Run("what-can", "-i", Entra, "-i", Azure, "jo.martin@northwindtraders.com", "--format", "json");

        // Then the storage account's data role and the Dev Team's custom role (through the group) are listed
        Assert.Equal(0, exitCode);
        var scopes = JsonDocument.Parse(output).RootElement.GetProperty("scopes").EnumerateArray().ToList();
        var storage = Assert.Single(scopes, s => s.GetProperty("scope").GetString()!.EndsWith("/storageAccounts/nwanalyticsdata", StringComparison.Ordinal));
        Assert.Equal("Storage Blob Data Reader", storage.GetProperty("roles")[0].GetProperty("role").GetString());
        Assert.Contains(storage.GetProperty("dataActions").EnumerateArray(), p => p.GetProperty("pattern").GetString() == "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read");
        var dev = Assert.Single(scopes, s => s.GetProperty("scope").GetString() == Dev);
        var superuser = dev.GetProperty("roles")[0];
        Assert.Equal("Northwind Ops Superuser", superuser.GetProperty("role").GetString());
        Assert.False(string.IsNullOrEmpty(superuser.GetProperty("viaGroup").GetString()));
    }

    [Theory]
    [InlineData("GetObject")]
    [InlineData("Microsoft.Compute")]
    public void An_action_of_neither_form_is_refused(string action)
    {
        // When the action is neither `service:Action` nor `Namespace/type/operation`
        var (exitCode, output) = WardRunner.Run("who-can", "-i", Azure, action, Prod);

        // Then the command refuses it and says which forms it takes
        Assert.NotEqual(0, exitCode);
        Assert.Contains("neither an AWS action", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_Azure_question_needs_a_scope()
    {
        // When no scope is given (the argument defaults to the AWS `*`)
        var (exitCode, output) = WardRunner.Run("can", "-i", Entra, "-i", Azure, "jo.martin@northwindtraders.com", "Microsoft.Compute/virtualMachines/read");

        // Then the command asks for one
        Assert.Equal(2, exitCode);
        Assert.Contains("give the Azure scope", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Azure_options_are_refused_on_AWS_questions()
    {
        // When --assigned-role is given with an AWS action
        var (exitCode, output) = WardRunner.Run("can", "-i", Repository.Samples, "bob.martin", "iam:PassRole", "*", "--assigned-role", "Owner");

        // Then the command says the option is for Azure
        Assert.NotEqual(0, exitCode);
        Assert.Contains("apply to Azure operations only", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_reports_the_Microsoft_escalation_paths()
    {
        // When ward scan is given only the Entra ID and Azure sample
        var (exitCode, console, json) = WardRunner.RunCapturingStandardOutput("scan", Entra, Azure, "--as-of", "2026-11-28T12:00:00Z", "--format", "json");

        // Then it says what it read, and reports a privilege-escalation finding for ivan (application owner) and for
        // dana (password reset), and none for the traps (chen, eve, gus, kim)
        Assert.Equal(0, exitCode);
        Assert.Contains("Azure: 3 subscription(s)", console, StringComparison.Ordinal);
        var findings = JsonDocument.Parse(json).RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("ruleId").GetString() == "privilege-escalation")
            .ToDictionary(f => f.GetProperty("principal").GetString()!, StringComparer.Ordinal);
        Assert.Equal("ivan.petrov@northwindtraders.com", findings[UserId("ivan.petrov@northwindtraders.com")].GetProperty("principalName").GetString());
        Assert.Equal("azure", findings[UserId("dana.ruiz@northwindtraders.com")].GetProperty("provider").GetString());
        Assert.True(findings.ContainsKey(UserId("priya_contoso.com#EXT#@northwindtraders.onmicrosoft.com")));
        Assert.False(findings.ContainsKey(UserId("chen.wei@northwindtraders.com")));
        Assert.False(findings.ContainsKey(UserId("eve.lindqvist@northwindtraders.com")));
        Assert.False(findings.ContainsKey(UserId("gus.mensah@northwindtraders.com")));
        Assert.False(findings.ContainsKey(UserId("kim.larsen@northwindtraders.com")));
    }

    [Fact]
    public void With_the_resource_inventory_the_scan_follows_a_key_vault_certificate_to_its_application()
    {
        // When ward scan is given the whole sample, the AzureHound inventory of key vaults included
        var (exitCode, _, json) = WardRunner.RunCapturingStandardOutput("scan", Entra, Azure, AzureHound, "--as-of", "2026-11-28T12:00:00Z", "--format", "json");

        // Then omar, Contributor of the network team's resource group, has a path: he rewrites the access policies of
        // kv-nw-network and uses Northwind Sync's certificate kept there
        Assert.Equal(0, exitCode);
        var findings = JsonDocument.Parse(json).RootElement.GetProperty("findings").EnumerateArray().ToList();
        var omar = Assert.Single(findings, f => f.GetProperty("ruleId").GetString() == "privilege-escalation" && f.GetProperty("principal").GetString() == UserId("omar.haddad@northwindtraders.com"));
        Assert.Equal(["azure-key-vault-access-policy", "entra-add-credential", "entra-assign-role"], omar.GetProperty("path").EnumerateArray().Select(s => s.GetProperty("technique").GetString()), StringComparer.Ordinal);
        Assert.Equal("high", omar.GetProperty("severity").GetString());

        // kim, Key Vault Contributor of the RBAC-mode shared vault that holds Northwind Provisioning's certificate, has none
        Assert.DoesNotContain(findings, f => f.GetProperty("ruleId").GetString() == "privilege-escalation" && f.GetProperty("principal").GetString() == UserId("kim.larsen@northwindtraders.com"));

        // and the Microsoft 365 administrators are listed with the data they reach
        string Holder(string userPrincipalName) => findings.Single(f => f.GetProperty("ruleId").GetString() == "entra-privileged-role-holder" && f.GetProperty("principal").GetString() == UserId(userPrincipalName)).GetProperty("explanation").GetString()!;
        Assert.Contains("Exchange Administrator: every mailbox", Holder("olivia.brandt@northwindtraders.com"), StringComparison.Ordinal);
        Assert.Contains("SharePoint Administrator: every SharePoint site and OneDrive", Holder("sam.okoro@northwindtraders.com"), StringComparison.Ordinal);
    }

    private static JsonElement Can(string principal, string action, string scope, params string[] more)
    {
        var (exitCode, output) = WardRunner.Run(["can", "-i", Entra, "-i", Azure, principal, action, scope, "--format", "json", .. more]);
        Assert.True(exitCode == 0, output);
        return JsonDocument.Parse(output).RootElement.GetProperty("result");
    }

    private static string? Kind(JsonElement result) => result.GetProperty("decision").GetString();

    [Fact]
    public void Can_in_json_writes_its_warning_to_standard_error()
    {
        // Given only the Azure exports: roles held through groups cannot be counted, which the user is warned of
        var (exitCode, output, messages) = WardRunner.RunWithMessagesApart("can", "-i", Azure, UserId("frank.osei@northwindtraders.com"), "Microsoft.Compute/virtualMachines/write", Prod + "/resourceGroups/rg-build", "--format", "json");

        // Then standard output is the answer alone, and the warning is on standard error
        Assert.Equal(0, exitCode);
        Assert.Equal("ImplicitDeny", JsonDocument.Parse(output).RootElement.GetProperty("result").GetProperty("decision").GetString());
        Assert.Contains("no Entra ID export was read", messages, StringComparison.Ordinal);
    }

    [Fact]
    public void Aws_can_in_json_writes_its_warning_to_standard_error()
    {
        // Given a user the AWS sample does not have
        var (exitCode, output, messages) = WardRunner.RunWithMessagesApart("can", "-i", Path.Combine(Repository.Root, "samples", "aws"), "arn:aws:iam::444455556666:user/nobody", "s3:GetObject", "arn:aws:s3:::northwind-prod-website/index.html", "--format", "json");

        // Then standard output is the answer alone, and the warning is on standard error
        Assert.Equal(0, exitCode);
        Assert.Equal("arn:aws:iam::444455556666:user/nobody", JsonDocument.Parse(output).RootElement.GetProperty("principal").GetString());
        Assert.Contains("is not in the loaded", messages, StringComparison.Ordinal);
    }

    private static string SubscriptionId(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Azure, "subscriptions.json")));
        return document.RootElement.EnumerateArray().Single(s => s.GetProperty("name").GetString() == name).GetProperty("id").GetString()!;
    }

    private static string UserId(string userPrincipalName)
    {
        var users = Directory.GetFiles(Entra, "users*.json").SelectMany(file => JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("value").EnumerateArray());
        return users.Single(u => u.GetProperty("userPrincipalName").GetString() == userPrincipalName).GetProperty("id").GetString()!;
    }
}
