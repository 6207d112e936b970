using System.Text.Json;

namespace Ward.Microsoft.Azure.Ingest;

/// <summary>
/// Tells what an export entry is from its content: the ARM <c>type</c> when present, else the fields only that
/// kind has. File names are never consulted.
/// </summary>
internal static class ArmItemClassifier
{
    public static ArmItemKind Classify(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return ArmItemKind.Unknown;
        }

        var item = new ArmItem(element, "$");
        var type = element.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        switch (type?.ToUpperInvariant())
        {
            case "MICROSOFT.AUTHORIZATION/ROLEDEFINITIONS":
                return ArmItemKind.RoleDefinition;
            case "MICROSOFT.AUTHORIZATION/ROLEASSIGNMENTS":
                return ArmItemKind.RoleAssignment;
            case "MICROSOFT.AUTHORIZATION/DENYASSIGNMENTS":
                return ArmItemKind.DenyAssignment;
            case "MICROSOFT.AUTHORIZATION/ROLEELIGIBILITYSCHEDULEINSTANCES" or "MICROSOFT.AUTHORIZATION/ROLEELIGIBILITYSCHEDULES":
                return ArmItemKind.Eligibility;
            case "MICROSOFT.AUTHORIZATION/ROLEASSIGNMENTSCHEDULEINSTANCES":
                return ArmItemKind.AssignmentScheduleInstance;
            // ARM writes the assignment's type in the singular.
            case "MICROSOFT.AUTHORIZATION/ROLEMANAGEMENTPOLICYASSIGNMENT" or "MICROSOFT.AUTHORIZATION/ROLEMANAGEMENTPOLICYASSIGNMENTS":
                return ArmItemKind.RoleManagementPolicyAssignment;
            case "MICROSOFT.AUTHORIZATION/ROLEMANAGEMENTPOLICY" or "MICROSOFT.AUTHORIZATION/ROLEMANAGEMENTPOLICIES":
                return ArmItemKind.RoleManagementPolicy;
            case "MICROSOFT.MANAGEMENT/MANAGEMENTGROUPS" or "/PROVIDERS/MICROSOFT.MANAGEMENT/MANAGEMENTGROUPS":
                return ArmItemKind.ManagementGroup;
            case "/SUBSCRIPTIONS" or "MICROSOFT.RESOURCES/SUBSCRIPTIONS" or "MICROSOFT.MANAGEMENT/MANAGEMENTGROUPS/SUBSCRIPTIONS":
                return ArmItemKind.Subscription;
            case "MICROSOFT.AUTHORIZATION/CLASSICADMINISTRATORS":
                return ArmItemKind.ClassicAdministrator;
            // A child resource of the identity: read as what it trusts, not as an inventory entry.
            case "MICROSOFT.MANAGEDIDENTITY/USERASSIGNEDIDENTITIES/FEDERATEDIDENTITYCREDENTIALS":
                return ArmItemKind.FederatedCredential;
        }

        // Without a `type` (a hand-made file): the id of an identity's credential, and an issuer.
        if (type is null && FederatedCredentialReader.IsFederatedCredential(item))
        {
            return ArmItemKind.FederatedCredential;
        }

        // Any other typed entry whose id names a resource is an inventory entry (`az resource list`, `az graph query`).
        if (type is not null && !type.StartsWith('/') && type.Contains('/', StringComparison.Ordinal)
            && Rbac.AzureScope.TryParse(item.Text("id"), out var id, out _) && id.Kind == Rbac.AzureScopeKind.Resource)
        {
            return ArmItemKind.Resource;
        }

        // A key vault's certificate list (data plane): no `type`, the id is the certificate's URL.
        if (KeyVaultCertificateReader.IsCertificate(item))
        {
            return ArmItemKind.KeyVaultCertificate;
        }

        // A key vault's secret list (data plane): no `type`, the id is the secret's URL.
        if (KeyVaultSecretReader.IsSecret(item))
        {
            return ArmItemKind.KeyVaultSecret;
        }

        // `az role assignment list --include-classic-administrators` prints classic administrators as role
        // assignments whose ids are placeholders (`NA(classic admins)`, `NA(classic admin role)`).
        if (IsClassicPlaceholder(item.Text("roleDefinitionId")) || IsClassicPlaceholder(item.Text("id")) || (item.Has("emailAddress") && item.Has("role")))
        {
            return ArmItemKind.ClassicAdministrator;
        }

        // Without a known `type` (older az CLI versions, hand-made files): the fields only one kind has. An assignment
        // schedule instance has an eligibility's fields too, so it is told apart first.
        if (item.Has("assignmentType") || item.Has("roleAssignmentScheduleId") || item.Has("originRoleAssignmentId"))
        {
            return ArmItemKind.AssignmentScheduleInstance;
        }

        if (item.Has("roleEligibilityScheduleId") || (item.Has("memberType") && item.Has("principalId") && item.Has("roleDefinitionId")))
        {
            return ArmItemKind.Eligibility;
        }

        if (item.Has("denyAssignmentName") || (item.Has("principals") && item.Has("permissions")))
        {
            return ArmItemKind.DenyAssignment;
        }

        if (item.Has("roleName") && item.Has("permissions"))
        {
            return ArmItemKind.RoleDefinition;
        }

        if (item.Has("principalId") && item.Has("roleDefinitionId") && item.Has("scope"))
        {
            return ArmItemKind.RoleAssignment;
        }

        // `az account list` (no type; `id` is the bare GUID) and the REST subscriptions list (`subscriptionId`).
        if (item.Has("subscriptionId") && item.Has("displayName"))
        {
            return ArmItemKind.Subscription;
        }

        if (item.Has("tenantId") && item.Has("state") && (item.Has("cloudName") || item.Has("homeTenantId") || item.Has("isDefault")))
        {
            return ArmItemKind.Subscription;
        }

        return ArmItemKind.Unknown;
    }

    private static bool IsClassicPlaceholder(string? text) => text is not null && text.StartsWith("NA(classic admin", StringComparison.OrdinalIgnoreCase);
}
