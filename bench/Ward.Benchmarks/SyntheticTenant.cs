using System.Globalization;
using System.Text.Json;

namespace Ward.Benchmarks;

/// <summary>
/// Writes a deterministic synthetic Microsoft estate in the layouts <c>scripts/export-entra.sh</c> and
/// <c>scripts/export-azure.sh</c> write: an Entra tenant (users with sign-in activity, groups with members, nested
/// and role-assignable groups, applications and service principals with owners and credentials, directory role
/// assignments and PIM eligibility, app role assignments) and Azure subscriptions (role definitions, role assignments
/// per subscription, the management-group tree). The same seed always gives the same bytes.
/// </summary>
public static class SyntheticTenant
{
    private const string GraphAppId = "00000003-0000-0000-c000-000000000000";
    private const string Metadata = "https://graph.microsoft.com/v1.0/$metadata#";

    // Microsoft Graph application permissions (app role ids) and built-in directory and Azure roles, by their real ids.
    private static readonly string[] GraphAppRoles =
    [
        "df021288-bdef-4463-88db-98f22de89214", // User.Read.All
        "5b567255-7703-4780-807c-7be8301ae99b", // Group.Read.All
        "7ab1d382-f21e-4acd-a863-ba3e13f7da61", // Directory.Read.All
        "810c84a8-4a9e-49e6-bf7d-12d183f40d01", // Mail.Read
        "1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9", // Application.ReadWrite.All
        "9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8", // RoleManagement.ReadWrite.Directory
    ];

    private static readonly string[] DirectoryRoles =
    [
        "62e90394-69f5-4237-9190-012177145e10", // Global Administrator
        "e8611ab8-c189-46e8-94e1-60213ab1f814", // Privileged Role Administrator
        "729827e3-9c14-49f7-bb1b-9608f156bbb8", // Helpdesk Administrator
        "fdd7a751-b60b-444a-984c-02652fe8fa1c", // Groups Administrator
        "158c047a-c907-4556-b7ef-446551a6b5f7", // Cloud Application Administrator
        "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3", // Application Administrator
        "fe930be7-5e62-47db-91af-98c3a49a38b1", // User Administrator
        "5d6b6bb7-de71-4623-b4af-96380a352509", // Security Reader
        "f2ef992c-3afb-46b9-b7cf-a126ee74c451", // Global Reader
    ];

    private static readonly (string Id, string Name)[] AzureRoles =
    [
        ("8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Owner"),
        ("b24988ac-6180-42a0-ab88-20f7382dd24c", "Contributor"),
        ("acdd72a7-3385-48ef-bd42-f606fba81ae7", "Reader"),
        ("18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "User Access Administrator"),
        ("9980e02c-c2be-4d73-94e8-173b1dc7cf3c", "Virtual Machine Contributor"),
        ("4633458b-17de-408a-b874-0445c86b69e6", "Key Vault Secrets User"),
        ("2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", "Storage Blob Data Reader"),
    ];

    /// <summary>Writes <c>entra/</c> and <c>azure/</c> under <paramref name="directory"/>.</summary>
    /// <returns>How many role, app-role and Azure role assignments were written.</returns>
    public static int Write(string directory, int users = 100_000, int groups = 20_000, int servicePrincipals = 5_000, int subscriptions = 50, int seed = 42)
    {
        var random = new Random(seed);
        var tenant = Id(random);
        var entra = Path.Combine(directory, "entra");
        var azure = Path.Combine(directory, "azure");
        var userIds = Enumerable.Range(0, users).Select(_ => Id(random)).ToArray();
        var groupIds = Enumerable.Range(0, groups).Select(_ => Id(random)).ToArray();
        var spIds = Enumerable.Range(0, servicePrincipals).Select(_ => Id(random)).ToArray();
        var appIds = Enumerable.Range(0, servicePrincipals).Select(_ => Id(random)).ToArray();
        var appObjectIds = Enumerable.Range(0, servicePrincipals).Select(_ => Id(random)).ToArray();
        var graphSp = Id(random);
        var subscriptionIds = Enumerable.Range(0, subscriptions).Select(_ => Id(random)).ToArray();
        var reference = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

        // Users, in pages of 999 (Graph's largest page for users), linked by @odata.nextLink.
        const int page = 999;
        for (var start = 0; start < users; start += page)
        {
            var count = Math.Min(page, users - start);
            var next = start + page < users ? $"https://graph.microsoft.com/v1.0/users?$top={page}&$skiptoken=page{(start / page) + 1}" : null;
            WritePage(Path.Combine(entra, start == 0 ? "users.json" : $"users.page-{(start / page) + 1}.json"), "users(id,displayName,userPrincipalName,userType,accountEnabled,createdDateTime,signInActivity)", next, json =>
            {
                for (var i = start; i < start + count; i++)
                {
                    var guest = i % 50 == 0;
                    var lastSignIn = reference.AddDays(-random.Next(0, 720)).AddMinutes(random.Next(0, 1440));
                    json.WriteStartObject();
                    json.WriteString("id", userIds[i]);
                    json.WriteString("displayName", $"User {i:D6}");
                    json.WriteString("userPrincipalName", guest ? $"guest{i:D6}_partner.example#EXT#@synthetic.onmicrosoft.com" : $"user{i:D6}@synthetic.example");
                    json.WriteString("userType", guest ? "Guest" : "Member");
                    json.WriteBoolean("accountEnabled", i % 97 != 0);
                    json.WriteString("createdDateTime", Timestamp(reference.AddDays(-random.Next(720, 2500))));
                    json.WriteStartObject("signInActivity");
                    json.WriteString("lastSignInDateTime", Timestamp(lastSignIn));
                    json.WriteString("lastNonInteractiveSignInDateTime", Timestamp(lastSignIn.AddHours(2)));
                    json.WriteString("lastSuccessfulSignInDateTime", Timestamp(lastSignIn));
                    json.WriteEndObject();
                    json.WriteEndObject();
                }
            });
        }

        // Groups: one in 100 role-assignable, one in 20 nesting another group; members mostly 5 to 30, one in 200 large.
        WritePage(Path.Combine(entra, "groups.json"), "groups(id,displayName,isAssignableToRole,groupTypes,membershipRule,securityEnabled,mailEnabled)", null, json =>
        {
            for (var g = 0; g < groups; g++)
            {
                json.WriteStartObject();
                json.WriteString("id", groupIds[g]);
                json.WriteString("displayName", $"Group {g:D5}");
                json.WriteBoolean("isAssignableToRole", g % 100 == 0);
                json.WriteStartArray("groupTypes");
                json.WriteEndArray();
                json.WriteNull("membershipRule");
                json.WriteBoolean("securityEnabled", true);
                json.WriteBoolean("mailEnabled", false);
                json.WriteEndObject();
            }
        });

        for (var g = 0; g < groups; g++)
        {
            var size = g % 200 == 0 ? random.Next(500, 2000) : random.Next(5, 30);
            var nested = g % 20 == 0 && g + 1 < groups ? groupIds[g + 1] : null;
            WritePage(Path.Combine(entra, "group-members", groupIds[g] + ".json"), "directoryObjects", null, json =>
            {
                for (var m = 0; m < size; m++)
                {
                    json.WriteStartObject();
                    json.WriteString("@odata.type", "#microsoft.graph.user");
                    json.WriteString("id", userIds[random.Next(users)]);
                    json.WriteEndObject();
                }

                if (nested is not null)
                {
                    json.WriteStartObject();
                    json.WriteString("@odata.type", "#microsoft.graph.group");
                    json.WriteString("id", nested);
                    json.WriteEndObject();
                }
            });
        }

        // Applications and their service principals; one in ten is a managed identity (no application), one in
        // twenty a third party's.
        WritePage(Path.Combine(entra, "applications.json"), "applications(id,appId,displayName,signInAudience,passwordCredentials,keyCredentials,requiredResourceAccess)", null, json =>
        {
            for (var s = 0; s < servicePrincipals; s++)
            {
                if (s % 10 == 0 || s % 20 == 1)
                {
                    continue;
                }

                json.WriteStartObject();
                json.WriteString("id", appObjectIds[s]);
                json.WriteString("appId", appIds[s]);
                json.WriteString("displayName", $"App {s:D4}");
                json.WriteString("signInAudience", "AzureADMyOrg");
                json.WriteStartArray("passwordCredentials");
                if (s % 3 == 0)
                {
                    json.WriteStartObject();
                    json.WriteString("keyId", Id(random));
                    json.WriteString("displayName", "deploy");
                    json.WriteString("startDateTime", Timestamp(reference.AddDays(-random.Next(10, 900))));
                    json.WriteString("endDateTime", Timestamp(reference.AddDays(random.Next(-100, 700))));
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("keyCredentials");
                json.WriteEndArray();
                json.WriteStartArray("requiredResourceAccess");
                json.WriteEndArray();
                json.WriteEndObject();
            }
        });

        for (var s = 2; s < servicePrincipals; s += 10)
        {
            var owner = userIds[random.Next(users)];
            WritePage(Path.Combine(entra, "application-owners", appObjectIds[s] + ".json"), "directoryObjects", null, json =>
            {
                json.WriteStartObject();
                json.WriteString("@odata.type", "#microsoft.graph.user");
                json.WriteString("id", owner);
                json.WriteEndObject();
            });
        }

        WritePage(Path.Combine(entra, "service-principals.json"), "servicePrincipals(id,appId,displayName,servicePrincipalType,appOwnerOrganizationId,accountEnabled,appRoles)", null, json =>
        {
            json.WriteStartObject();
            json.WriteString("id", graphSp);
            json.WriteString("appId", GraphAppId);
            json.WriteString("displayName", "Microsoft Graph");
            json.WriteString("servicePrincipalType", "Application");
            json.WriteString("appOwnerOrganizationId", "f8cdef31-a31e-4b4a-93e4-5f571e91255a");
            json.WriteBoolean("accountEnabled", true);
            json.WriteStartArray("appRoles");
            foreach (var role in GraphAppRoles)
            {
                json.WriteStartObject();
                json.WriteString("id", role);
                json.WriteStartArray("allowedMemberTypes");
                json.WriteStringValue("Application");
                json.WriteEndArray();
                json.WriteBoolean("isEnabled", true);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            for (var s = 0; s < servicePrincipals; s++)
            {
                json.WriteStartObject();
                json.WriteString("id", spIds[s]);
                json.WriteString("appId", appIds[s]);
                json.WriteString("displayName", s % 10 == 0 ? $"id-workload-{s:D4}" : $"App {s:D4}");
                json.WriteString("servicePrincipalType", s % 10 == 0 ? "ManagedIdentity" : "Application");
                if (s % 10 == 0)
                {
                    json.WriteNull("appOwnerOrganizationId");
                }
                else
                {
                    json.WriteString("appOwnerOrganizationId", s % 20 == 1 ? "72f988bf-86f1-41af-91ab-2d7cd011db47" : tenant);
                }

                json.WriteBoolean("accountEnabled", true);
                json.WriteStartArray("appRoles");
                json.WriteEndArray();
                json.WriteEndObject();
            }
        });

        // App role assignments to Microsoft Graph: one to four per service principal.
        var assignments = 0;
        WritePage(Path.Combine(entra, "app-role-assigned-to", graphSp + ".json"), $"servicePrincipals('{graphSp}')/appRoleAssignedTo", null, json =>
        {
            for (var s = 0; s < servicePrincipals; s++)
            {
                var count = 1 + random.Next(4);
                for (var a = 0; a < count; a++)
                {
                    json.WriteStartObject();
                    json.WriteString("id", Id(random));
                    json.WriteString("appRoleId", GraphAppRoles[(s + a) % (s % 50 == 0 ? GraphAppRoles.Length : 4)]);
                    json.WriteString("principalId", spIds[s]);
                    json.WriteString("principalType", "ServicePrincipal");
                    json.WriteString("resourceId", graphSp);
                    json.WriteString("resourceDisplayName", "Microsoft Graph");
                    json.WriteEndObject();
                    assignments++;
                }
            }
        });

        // Directory roles: active assignments to users and role-assignable groups, and PIM eligibility.
        WritePage(Path.Combine(entra, "role-assignments.json"), "roleManagement/directory/roleAssignments", null, json =>
        {
            for (var r = 0; r < 2_000; r++)
            {
                json.WriteStartObject();
                json.WriteString("id", Id(random));
                json.WriteString("principalId", r % 10 == 0 ? groupIds[random.Next(groups / 100) * 100] : userIds[random.Next(users)]);
                json.WriteString("roleDefinitionId", DirectoryRoles[r % DirectoryRoles.Length]);
                json.WriteString("directoryScopeId", "/");
                json.WriteNull("appScopeId");
                json.WriteEndObject();
                assignments++;
            }
        });
        WritePage(Path.Combine(entra, "role-eligibility-schedule-instances.json"), "roleManagement/directory/roleEligibilityScheduleInstances", null, json =>
        {
            for (var r = 0; r < 1_000; r++)
            {
                json.WriteStartObject();
                json.WriteString("id", Id(random));
                json.WriteString("principalId", userIds[random.Next(users)]);
                json.WriteString("roleDefinitionId", DirectoryRoles[r % DirectoryRoles.Length]);
                json.WriteString("directoryScopeId", "/");
                json.WriteNull("appScopeId");
                json.WriteString("startDateTime", Timestamp(reference.AddDays(-200)));
                json.WriteString("endDateTime", Timestamp(reference.AddDays(165)));
                json.WriteString("memberType", "Direct");
                json.WriteEndObject();
                assignments++;
            }
        });

        // Azure: a root management group over two children, subscriptions alternating between them.
        Directory.CreateDirectory(azure);
        WriteJson(Path.Combine(azure, "management-groups.json"), json => WriteManagementGroups(json, tenant, subscriptionIds));
        WriteJson(Path.Combine(azure, "subscriptions.json"), json =>
        {
            json.WriteStartArray();
            for (var s = 0; s < subscriptions; s++)
            {
                json.WriteStartObject();
                json.WriteString("cloudName", "AzureCloud");
                json.WriteString("id", subscriptionIds[s]);
                json.WriteString("name", $"sub-{s:D2}");
                json.WriteString("state", "Enabled");
                json.WriteString("tenantId", tenant);
                json.WriteString("homeTenantId", tenant);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        });

        // The built-in role definitions the assignments name, as `az role definition list` lists them.
        WriteJson(Path.Combine(azure, "role-definitions.json"), json =>
        {
            json.WriteStartArray();
            foreach (var (id, name) in AzureRoles)
            {
                var (actions, notActions, dataActions) = Permissions(name);
                json.WriteStartObject();
                json.WriteStartArray("assignableScopes");
                json.WriteStringValue("/");
                json.WriteEndArray();
                json.WriteString("id", $"/subscriptions/{subscriptionIds[0]}/providers/Microsoft.Authorization/roleDefinitions/{id}");
                json.WriteString("name", id);
                json.WriteStartArray("permissions");
                json.WriteStartObject();
                WriteStrings(json, "actions", actions);
                WriteStrings(json, "notActions", notActions);
                WriteStrings(json, "dataActions", dataActions);
                WriteStrings(json, "notDataActions", []);
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteString("roleName", name);
                json.WriteString("roleType", "BuiltInRole");
                json.WriteString("type", "Microsoft.Authorization/roleDefinitions");
                json.WriteEndObject();
            }

            json.WriteEndArray();
        });

        // Azure role assignments: what remains of 200,000, spread over the subscriptions at subscription, resource
        // group and resource scope, to users, groups and service principals.
        var perSubscription = Math.Max(0, (200_000 - assignments) / Math.Max(1, subscriptions));
        for (var s = 0; s < subscriptions; s++)
        {
            var subscription = $"/subscriptions/{subscriptionIds[s]}";
            WriteJson(Path.Combine(azure, $"sub-{s:D2}", "role-assignments.json"), json =>
            {
                json.WriteStartArray();
                for (var a = 0; a < perSubscription; a++)
                {
                    var (roleId, roleName) = AzureRoles[a % 3 == 0 ? random.Next(AzureRoles.Length) : 2 + random.Next(AzureRoles.Length - 2)];
                    var group = $"rg-{random.Next(40):D2}";
                    var scope = (a % 10) switch
                    {
                        0 => subscription,
                        < 6 => $"{subscription}/resourceGroups/{group}",
                        _ => $"{subscription}/resourceGroups/{group}/providers/Microsoft.Storage/storageAccounts/st{s:D2}{random.Next(100):D3}",
                    };
                    var (principal, type) = (a % 4) switch
                    {
                        0 => (groupIds[random.Next(groups)], "Group"),
                        1 => (spIds[random.Next(servicePrincipals)], "ServicePrincipal"),
                        _ => (userIds[random.Next(users)], "User"),
                    };
                    var name = Id(random);
                    json.WriteStartObject();
                    json.WriteNull("condition");
                    json.WriteNull("conditionVersion");
                    json.WriteString("id", $"{scope}/providers/Microsoft.Authorization/roleAssignments/{name}");
                    json.WriteString("name", name);
                    json.WriteString("principalId", principal);
                    json.WriteString("principalType", type);
                    json.WriteString("roleDefinitionId", $"{subscription}/providers/Microsoft.Authorization/roleDefinitions/{roleId}");
                    json.WriteString("roleDefinitionName", roleName);
                    json.WriteString("scope", scope);
                    json.WriteString("type", "Microsoft.Authorization/roleAssignments");
                    json.WriteEndObject();
                    assignments++;
                }

                json.WriteEndArray();
            });
        }

        return assignments;
    }

    // Abbreviated permissions of the built-in roles (their real lists are longer; these keep what decides the questions benchmarked).
    private static (string[] Actions, string[] NotActions, string[] DataActions) Permissions(string role) => role switch
    {
        "Owner" => (["*"], [], []),
        "Contributor" => (["*"], ["Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write", "Microsoft.Authorization/elevateAccess/Action"], []),
        "Reader" => (["*/read"], [], []),
        "User Access Administrator" => (["*/read", "Microsoft.Authorization/*", "Microsoft.Support/*"], [], []),
        "Virtual Machine Contributor" => (["Microsoft.Authorization/*/read", "Microsoft.Compute/virtualMachines/*", "Microsoft.Resources/deployments/*", "Microsoft.Support/*"], [], []),
        "Key Vault Secrets User" => ([], [], ["Microsoft.KeyVault/vaults/secrets/getSecret/action", "Microsoft.KeyVault/vaults/secrets/readMetadata/action"]),
        _ => (["Microsoft.Storage/storageAccounts/blobServices/containers/read"], [], ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"]),
    };

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void WriteManagementGroups(Utf8JsonWriter json, string tenant, string[] subscriptionIds)
    {
        json.WriteStartObject();
        json.WriteString("id", $"/providers/Microsoft.Management/managementGroups/{tenant}");
        json.WriteString("name", tenant);
        json.WriteString("displayName", "Tenant Root Group");
        json.WriteString("tenantId", tenant);
        json.WriteString("type", "Microsoft.Management/managementGroups");
        json.WriteStartArray("children");
        foreach (var (child, parity) in new[] { ("mg-platform", 0), ("mg-landingzones", 1) })
        {
            json.WriteStartObject();
            json.WriteString("id", $"/providers/Microsoft.Management/managementGroups/{child}");
            json.WriteString("name", child);
            json.WriteString("displayName", child);
            json.WriteString("type", "Microsoft.Management/managementGroups");
            json.WriteStartArray("children");
            for (var s = parity; s < subscriptionIds.Length; s += 2)
            {
                json.WriteStartObject();
                json.WriteString("id", $"/subscriptions/{subscriptionIds[s]}");
                json.WriteString("name", subscriptionIds[s]);
                json.WriteString("displayName", $"sub-{s:D2}");
                json.WriteString("type", "/subscriptions");
                json.WriteNull("children");
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WritePage(string path, string context, string? nextLink, Action<Utf8JsonWriter> writeItems) =>
        WriteJson(path, json =>
        {
            json.WriteStartObject();
            json.WriteString("@odata.context", Metadata + context);
            if (nextLink is not null)
            {
                json.WriteString("@odata.nextLink", nextLink);
            }

            json.WriteStartArray("value");
            writeItems(json);
            json.WriteEndArray();
            json.WriteEndObject();
        });

    private static void WriteJson(string path, Action<Utf8JsonWriter> write)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream);
        write(json);
    }

    private static string Id(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();
    }

    private static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
