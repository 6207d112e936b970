"""Writes samples/azure: the Northwind Azure RBAC exports (az CLI and ARM REST forms) with seeded risks and traps."""
import json, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from northwind_ids import *
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
def dump(name, obj):
    p = os.path.join(out, name); os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, 'w') as f: json.dump(obj, f, indent=2); f.write('\n')

ROOT = TENANT
MGS = [('mg-northwind', 'Northwind', ROOT), ('mg-platform', 'Platform', 'mg-northwind'), ('mg-landingzones', 'Landing zones', 'mg-northwind')]
SUB_PARENT = {'nw-platform': 'mg-platform', 'nw-prod': 'mg-landingzones', 'nw-dev': 'mg-landingzones'}
def mgid(name): return f'/providers/Microsoft.Management/managementGroups/{name}'
def sub(name): return f'/subscriptions/{SUBS[name]}'
def rg(s, r): return f'{sub(s)}/resourceGroups/{r}'

# az account list --all
dump('subscriptions.json', [
  {"cloudName": "AzureCloud", "homeTenantId": TENANT, "id": SUBS[s], "isDefault": s == 'nw-prod', "managedByTenants": [],
   "name": s, "state": "Enabled", "tenantId": TENANT, "user": {"name": upn('ada'), "type": "user"}}
  for s in ['nw-prod', 'nw-dev', 'nw-platform']])

# az account management-group show --name <root> --expand --recurse
def mg_node(name):
    if name == ROOT:
        display, parent = 'Tenant Root Group', None
    else:
        display, parent = next((d, p) for n, d, p in MGS if n == name)
    children = [mg_node(n) for n, d, p in MGS if p == name] + [
        {"children": None, "displayName": s, "id": sub(s), "name": SUBS[s], "type": "/subscriptions"}
        for s, p in SUB_PARENT.items() if p == name]
    node = {"children": children or None, "details": {"parent": {"displayName": None if parent is None else ('Tenant Root Group' if parent == ROOT else next(d for n, d, p in MGS if n == parent)),
             "id": None if parent is None else mgid(parent), "name": parent}, "updatedBy": uid('ada'), "updatedTime": "2025-03-04T10:21:07.4512337Z", "version": 3},
            "displayName": display, "id": mgid(name), "name": name, "tenantId": TENANT, "type": "Microsoft.Management/managementGroups"}
    return node
tree = mg_node(ROOT)
tree.pop('tenantId'); tree = {**tree, "tenantId": TENANT}
dump('management-groups.json', tree)

B = {  # built-in role definitions used by the sample (ids are Microsoft's)
 'Owner': '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
 'Contributor': 'b24988ac-6180-42a0-ab88-20f7382dd24c',
 'Reader': 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
 'User Access Administrator': '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
 'Role Based Access Control Administrator': 'f58310d9-a9f6-439a-9e8d-f62e7b41a168',
 'Virtual Machine Contributor': '9980e02c-c2be-4d73-94e8-173b1dc7cf3c',
 'Key Vault Secrets User': '4633458b-17de-408a-b874-0445c86b69e6',
 'Key Vault Contributor': 'f25e0fa2-a7c8-4377-a976-54943a77a395',
 'Storage Blob Data Reader': '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
 'Managed Identity Contributor': 'e40ec5ca-96e0-45a2-b4ff-59039f2c2b59',
}
CUSTOM = gid('role-ops-superuser')
def roledef_id(name, scope): return f'{scope}/providers/Microsoft.Authorization/roleDefinitions/{B.get(name) or CUSTOM}'

assignments = []
def assign(key, principal, ptype, pname, role, scope, s_for_def, condition=None, created="2024-06-11T08:42:19.118374+00:00"):
    name = gid('ra-' + key)
    a = {"condition": condition, "conditionVersion": "2.0" if condition else None, "createdBy": uid('ada'), "createdOn": created,
         "delegatedManagedIdentityResourceId": None, "description": None,
         "id": f"{scope}/providers/Microsoft.Authorization/roleAssignments/{name}", "name": name,
         "principalId": principal, "principalName": pname, "principalType": ptype}
    if '/resourceGroups/' in scope:
        a["resourceGroup"] = scope.split('/resourceGroups/')[1].split('/')[0]
    a.update({"roleDefinitionId": roledef_id(role, f"/subscriptions/{SUBS[s_for_def]}"), "roleDefinitionName": role, "scope": scope,
              "type": "Microsoft.Authorization/roleAssignments", "updatedBy": uid('ada'), "updatedOn": created})
    assignments.append((s_for_def, scope, a))

G = lambda k: gid('group-' + k)
SP = lambda k: gid('sp-' + k)
rbac_condition = ("((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR "
  "(@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {acdd72a7338548efbd42f606fba81ae7, 2a2b99086ea14ae28e65a410df84e7d1})) AND "
  "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/delete'})) OR "
  "(@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {acdd72a7338548efbd42f606fba81ae7, 2a2b99086ea14ae28e65a410df84e7d1}))")
for s in SUBS:  # management-group assignments are inherited into every subscription's listing: the same assignment (same id) in each
    assign('breakglass-root', uid('breakglass'), 'User', upn('breakglass'), 'Owner', mgid(ROOT), s, created="2023-01-09T14:02:51.551203+00:00")
    assign('hana-uaa', uid('hana'), 'User', upn('hana'), 'User Access Administrator', mgid('mg-northwind'), s, created="2023-05-17T09:30:12.004418+00:00")
    assign('platform-readers', G('platform-readers'), 'Group', 'Platform Readers', 'Reader', mgid('mg-northwind'), s)
for s in ['nw-prod', 'nw-dev']:
    assign('lz-owner', SP('id-landingzone-deploy'), 'ServicePrincipal', gid('app-id-landingzone-deploy'), 'Owner', mgid('mg-landingzones'), s, created="2024-02-20T16:11:03.227931+00:00")
assign('prod-owners', G('prod-owners'), 'Group', 'Prod Owners', 'Owner', sub('nw-prod'), 'nw-prod')
assign('prod-vm-contrib', G('build-operators'), 'Group', 'Build Operators', 'Virtual Machine Contributor', rg('nw-prod', 'rg-build'), 'nw-prod')
assign('vm-mi-contrib', SP('vm-build-01'), 'ServicePrincipal', gid('app-id-vm-build-01'), 'Contributor', sub('nw-prod'), 'nw-prod')
assign('kim-rbac-admin', uid('kim'), 'User', upn('kim'), 'Role Based Access Control Administrator', sub('nw-prod'), 'nw-prod', condition=rbac_condition)
assign('guest-contrib', uid('partner'), 'User', upn('partner'), 'Contributor', rg('nw-prod', 'rg-analytics'), 'nw-prod')
assign('jo-blob-reader', uid('jo'), 'User', upn('jo'), 'Storage Blob Data Reader', f"{rg('nw-prod', 'rg-analytics')}/providers/Microsoft.Storage/storageAccounts/nwanalyticsdata", 'nw-prod')
assign('app-secrets-user', SP('northwind-orders'), 'ServicePrincipal', gid('app-id-northwind-orders'), 'Key Vault Secrets User', f"{rg('nw-prod', 'rg-shared')}/providers/Microsoft.KeyVault/vaults/kv-nw-prod-shared", 'nw-prod')
# trap: kim manages the shared vault, which uses Azure RBAC for its data, so she reads nothing in it
assign('kim-kv-contrib', uid('kim'), 'User', upn('kim'), 'Key Vault Contributor', f"{rg('nw-prod', 'rg-shared')}/providers/Microsoft.KeyVault/vaults/kv-nw-prod-shared", 'nw-prod')
assign('dev-superuser', G('dev-team'), 'Group', 'Dev Team', 'Northwind Ops Superuser', sub('nw-dev'), 'nw-dev')
assign('dev-frank-contrib', uid('frank'), 'User', upn('frank'), 'Contributor', rg('nw-dev', 'rg-sandbox'), 'nw-dev')
# an assignment whose principal was deleted from the directory: az shows it with principalType Unknown and no name
assign('orphan', gid('deleted-user'), 'Unknown', '', 'Contributor', rg('nw-dev', 'rg-sandbox'), 'nw-dev')
assign('platform-network', G('network-admins'), 'Group', 'Network Admins', 'Contributor', rg('nw-platform', 'rg-platform-network'), 'nw-platform')
# the build pipeline's operators manage the deployment identity: they can add a federated credential to it, and it owns mg-landingzones
assign('platform-identity-ops', G('build-operators'), 'Group', 'Build Operators', 'Managed Identity Contributor', rg('nw-platform', 'rg-platform-identity'), 'nw-platform')

for s in SUBS:
    rows = [a for sd, scope, a in assignments if sd == s]
    dump(f'{s}/role-assignments.json', rows)

def builtin(name, desc, actions, not_actions=(), data=(), not_data=(), s='nw-prod'):
    return {"assignableScopes": ["/"], "createdBy": None, "createdOn": "2015-02-02T21:55:09.880642+00:00", "description": desc,
            "id": f"/subscriptions/{SUBS[s]}/providers/Microsoft.Authorization/roleDefinitions/{B[name]}", "name": B[name],
            "permissions": [{"actions": list(actions), "condition": None, "conditionVersion": None, "dataActions": list(data), "notActions": list(not_actions), "notDataActions": list(not_data)}],
            "roleName": name, "roleType": "BuiltInRole", "type": "Microsoft.Authorization/roleDefinitions", "updatedBy": None, "updatedOn": "2024-04-10T15:34:06.512305+00:00"}
defs = [
 builtin('Owner', 'Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.', ['*']),
 builtin('Contributor', 'Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC, manage assignments in Azure Blueprints, or share image galleries.', ['*'],
   ['Microsoft.Authorization/*/Delete', 'Microsoft.Authorization/*/Write', 'Microsoft.Authorization/elevateAccess/Action', 'Microsoft.Blueprint/blueprintAssignments/write',
    'Microsoft.Blueprint/blueprintAssignments/delete', 'Microsoft.Compute/galleries/share/action', 'Microsoft.Purview/consents/write', 'Microsoft.Purview/consents/delete',
    'Microsoft.Resources/deploymentStacks/manageDenySetting/action', 'Microsoft.Subscription/cancel/action', 'Microsoft.Subscription/enable/action']),
 builtin('Reader', 'View all resources, but does not allow you to make any changes.', ['*/read']),
 builtin('User Access Administrator', 'Lets you manage user access to Azure resources.', ['*/read', 'Microsoft.Authorization/*', 'Microsoft.Support/*']),
 builtin('Role Based Access Control Administrator', 'Manage access to Azure resources by assigning roles using Azure RBAC. This role does not allow you to manage access using other ways, such as Azure Policy.',
   ['Microsoft.Authorization/roleAssignments/write', 'Microsoft.Authorization/roleAssignments/delete', '*/read', 'Microsoft.Support/*']),
 builtin('Virtual Machine Contributor', 'Create and manage virtual machines, manage disks, install and run software, reset password of the root user of the virtual machine using VM extensions, and manage local user accounts using VM extensions. This role does not grant you management access to the virtual network or storage account the virtual machines are connected to. This role does not allow you to assign roles in Azure RBAC.',
   ['Microsoft.Authorization/*/read', 'Microsoft.Compute/availabilitySets/*', 'Microsoft.Compute/locations/*', 'Microsoft.Compute/virtualMachines/*', 'Microsoft.Compute/virtualMachineScaleSets/*',
    'Microsoft.Compute/cloudServices/*', 'Microsoft.Compute/disks/write', 'Microsoft.Compute/disks/read', 'Microsoft.Compute/disks/delete', 'Microsoft.DevTestLab/schedules/*',
    'Microsoft.Insights/alertRules/*', 'Microsoft.Network/applicationGateways/backendAddressPools/join/action', 'Microsoft.Network/loadBalancers/backendAddressPools/join/action',
    'Microsoft.Network/loadBalancers/inboundNatPools/join/action', 'Microsoft.Network/loadBalancers/inboundNatRules/join/action', 'Microsoft.Network/loadBalancers/probes/join/action',
    'Microsoft.Network/loadBalancers/read', 'Microsoft.Network/locations/*', 'Microsoft.Network/networkInterfaces/*', 'Microsoft.Network/networkSecurityGroups/join/action',
    'Microsoft.Network/networkSecurityGroups/read', 'Microsoft.Network/publicIPAddresses/join/action', 'Microsoft.Network/publicIPAddresses/read', 'Microsoft.Network/virtualNetworks/read',
    'Microsoft.Network/virtualNetworks/subnets/join/action', 'Microsoft.RecoveryServices/locations/*', 'Microsoft.RecoveryServices/Vaults/backupFabrics/backupProtectionIntent/write',
    'Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/*/read', 'Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/read',
    'Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/write', 'Microsoft.RecoveryServices/Vaults/backupPolicies/read',
    'Microsoft.RecoveryServices/Vaults/backupPolicies/write', 'Microsoft.RecoveryServices/Vaults/read', 'Microsoft.RecoveryServices/Vaults/usages/read',
    'Microsoft.RecoveryServices/Vaults/write', 'Microsoft.ResourceHealth/availabilityStatuses/read', 'Microsoft.Resources/deployments/*', 'Microsoft.Resources/subscriptions/resourceGroups/read',
    'Microsoft.SerialConsole/serialPorts/connect/action', 'Microsoft.SqlVirtualMachine/*', 'Microsoft.Storage/storageAccounts/listKeys/action', 'Microsoft.Storage/storageAccounts/read',
    'Microsoft.Support/*']),
 builtin('Key Vault Secrets User', 'Read secret contents. Only works for key vaults that use the \'Azure role-based access control\' permission model.', [],
   data=['Microsoft.KeyVault/vaults/secrets/getSecret/action', 'Microsoft.KeyVault/vaults/secrets/readMetadata/action']),
 builtin('Key Vault Contributor', 'Lets you manage key vaults, but not access to them.',
   ['Microsoft.Authorization/*/read', 'Microsoft.Insights/alertRules/*', 'Microsoft.KeyVault/*', 'Microsoft.Resources/deployments/*', 'Microsoft.Resources/subscriptions/resourceGroups/read', 'Microsoft.Support/*'],
   ['Microsoft.KeyVault/locations/deletedVaults/purge/action', 'Microsoft.KeyVault/hsmPools/*', 'Microsoft.KeyVault/managedHsms/*']),
 builtin('Managed Identity Contributor', 'Create, Read, Update, and Delete User Assigned Identity',
   ['Microsoft.ManagedIdentity/userAssignedIdentities/read', 'Microsoft.ManagedIdentity/userAssignedIdentities/write', 'Microsoft.ManagedIdentity/userAssignedIdentities/delete',
    'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/read', 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write',
    'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/delete', 'Microsoft.Authorization/*/read', 'Microsoft.Insights/alertRules/*',
    'Microsoft.Resources/subscriptions/resourceGroups/read', 'Microsoft.Resources/deployments/*', 'Microsoft.Support/*']),
 builtin('Storage Blob Data Reader', 'Read and list Azure Storage containers and blobs. To learn which actions are required for a given data operation, see Permissions for calling blob and queue data operations.',
   ['Microsoft.Storage/storageAccounts/blobServices/containers/read', 'Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action'],
   data=['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read']),
 {"assignableScopes": [sub('nw-dev')], "createdBy": uid('ada'), "createdOn": "2024-09-02T12:40:31.903118+00:00",
  "description": "Operations team break-fix role for the dev subscription.", "id": f"{sub('nw-dev')}/providers/Microsoft.Authorization/roleDefinitions/{CUSTOM}", "name": CUSTOM,
  "permissions": [{"actions": ["*"], "condition": None, "conditionVersion": None, "dataActions": [], "notActions": ["Microsoft.Authorization/elevateAccess/Action"], "notDataActions": []}],
  "roleName": "Northwind Ops Superuser", "roleType": "CustomRole", "type": "Microsoft.Authorization/roleDefinitions", "updatedBy": uid('ada'), "updatedOn": "2024-09-02T12:40:31.903118+00:00"},
]
dump('role-definitions.json', defs)

# Deny assignments (REST): a deployment stack protects the shared key vault from deletion by anyone but its deployer.
deny_name = gid('deny-shared-kv')
dump('nw-prod/deny-assignments.json', {"value": [{
  "properties": {"denyAssignmentName": "Deny assignment 'dbc4bd84-ba59-5d0b-97d6-6c2f62d4a8e6' created by Deployment Stack '/subscriptions/%s/resourceGroups/rg-shared/providers/Microsoft.Resources/deploymentStacks/stack-shared'." % SUBS['nw-prod'],
   "description": "Deny assignment created by Deployment Stack to protect the stack's resources.",
   "permissions": [{"actions": ["*/delete"], "notActions": [], "dataActions": [], "notDataActions": []}],
   "scope": f"{rg('nw-prod', 'rg-shared')}/providers/Microsoft.KeyVault/vaults/kv-nw-prod-shared",
   "doNotApplyToChildScopes": False,
   "principals": [{"id": "00000000-0000-0000-0000-000000000000", "type": "SystemDefined"}],
   "excludePrincipals": [{"id": SP('id-landingzone-deploy'), "type": "ServicePrincipal"}],
   "isSystemProtected": True},
  "id": f"{rg('nw-prod', 'rg-shared')}/providers/Microsoft.KeyVault/vaults/kv-nw-prod-shared/providers/Microsoft.Authorization/denyAssignments/{deny_name}",
  "type": "Microsoft.Authorization/denyAssignments", "name": deny_name}]})

# PIM eligible assignments on Azure resources (REST roleEligibilityScheduleInstances)
def eligible(key, principal, ptype, role, scope, s, start, end):
    n = gid('elig-' + key)
    return {"properties": {"roleEligibilityScheduleId": f"{scope}/providers/Microsoft.Authorization/roleEligibilitySchedules/{gid('elig-sched-' + key)}",
      "scope": scope, "roleDefinitionId": f"/subscriptions/{SUBS[s]}/providers/Microsoft.Authorization/roleDefinitions/{B[role]}", "principalId": principal, "principalType": ptype,
      "status": "Provisioned", "startDateTime": start, "endDateTime": end, "memberType": "Direct", "createdOn": start,
      "condition": None, "conditionVersion": None,
      "expandedProperties": {"principal": {"id": principal, "displayName": USERS[key.split('-')[0]][0] if key.split('-')[0] in USERS else key, "email": upn(key.split('-')[0]) if key.split('-')[0] in USERS else None, "type": ptype},
                             "roleDefinition": {"id": f"/subscriptions/{SUBS[s]}/providers/Microsoft.Authorization/roleDefinitions/{B[role]}", "displayName": role, "type": "BuiltInRole"},
                             "scope": {"id": scope, "displayName": s, "type": "subscription"}}},
      "name": n, "id": f"{scope}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances/{n}", "type": "Microsoft.Authorization/roleEligibilityScheduleInstances"}
dump('nw-prod/role-eligibility-schedule-instances.json', {"value": [
  eligible('ben-owner', uid('ben'), 'User', 'Owner', sub('nw-prod'), 'nw-prod', "2026-01-06T09:00:00Z", "2027-07-06T09:00:00Z"),
  eligible('ivan-uaa', uid('ivan'), 'User', 'User Access Administrator', sub('nw-prod'), 'nw-prod', "2026-02-01T08:00:00Z", None),
]})
# Classic administrators of nw-platform, from an export made before their retirement (REST classicAdministrators,
# api-version 2015-07-01): the subscription's creator, and a Co-Administrator who has since left the directory.
def classic(key, email, role):
    n = gid('classic-' + key)
    return {"properties": {"emailAddress": email, "role": role},
            "id": f"{sub('nw-platform')}/providers/Microsoft.Authorization/classicAdministrators/{n}", "type": "Microsoft.Authorization/classicAdministrators", "name": n}
dump('nw-platform/classic-administrators.json', {"value": [
  classic('ada', upn('ada'), 'ServiceAdministrator;AccountAdministrator'),
  classic('olaf', f'olaf.berg@{DOMAIN}', 'CoAdministrator'),
]})

# Key vault certificates (data plane, metadata only), as export-azure.sh writes them: az keyvault certificate list of
# the network team's vault, which keeps the application gateway's TLS certificate and, beside it, Northwind Sync's
# sign-in certificate; and az keyvault certificate show of Northwind Provisioning's certificate in the shared vault,
# generated there with a key that cannot be exported.
import base64
def certificate(vault, name, thumbprint, created, expires):
    return {"attributes": {"created": created, "enabled": True, "expires": expires, "notBefore": created[:10] + "T00:00:00+00:00", "recoveryLevel": "Recoverable",
            "updated": created}, "id": f"https://{vault}.vault.azure.net/certificates/{name}", "name": name, "subject": "", "tags": {},
            "x509Thumbprint": base64.b64encode(bytes.fromhex(thumbprint)).decode(), "x509ThumbprintHex": thumbprint}
dump('nw-platform/keyvault-kv-nw-network-certificates.json', [
  certificate('kv-nw-network', 'appgw-northwindtraders-com', 'A1B2C3D4E5F60718293A4B5C6D7E8F9012345678', "2026-02-14T10:20:00+00:00", "2027-02-14T10:20:00+00:00"),
  certificate('kv-nw-network', 'northwind-sync', SYNC_CERT, "2026-06-01T07:45:12+00:00", "2027-06-01T07:45:12+00:00"),
])
version = gid('kv-version-northwind-provisioning').replace('-', '')
provisioning = certificate('kv-nw-prod-shared', 'northwind-provisioning', PROVISIONING_CERT, "2026-04-01T06:30:00+00:00", "2027-04-01T06:30:00+00:00")
provisioning.update({"cer": "MIIDQjCCAiqgAwIBAgIQ", "id": f"{provisioning['id']}/{version}", "kid": f"https://kv-nw-prod-shared.vault.azure.net/keys/northwind-provisioning/{version}",
  "sid": f"https://kv-nw-prod-shared.vault.azure.net/secrets/northwind-provisioning/{version}", "pendingCertificate": None, "preserveCertOrder": None,
  "policy": {"attributes": {"created": "2026-04-01T06:29:58+00:00", "enabled": True, "expires": None, "notBefore": None, "recoveryLevel": None, "updated": "2026-04-01T06:29:58+00:00"},
    "id": "https://kv-nw-prod-shared.vault.azure.net/certificates/northwind-provisioning/policy", "issuerParameters": {"certificateTransparency": None, "certificateType": None, "name": "Self"},
    "keyProperties": {"curve": None, "exportable": False, "keySize": 2048, "keyType": "RSA", "reuseKey": False},
    "lifetimeActions": [{"action": {"actionType": "AutoRenew"}, "trigger": {"daysBeforeExpiry": 30, "lifetimePercentage": None}}],
    "secretProperties": {"contentType": "application/x-pkcs12"},
    "x509CertificateProperties": {"ekus": ["1.3.6.1.5.5.7.3.2"], "keyUsage": ["digitalSignature"], "subject": "CN=northwind-provisioning", "subjectAlternativeNames": None, "validityInMonths": 12}}})
dump('nw-prod/keyvault-kv-nw-prod-shared-northwind-provisioning.json', provisioning)
print('written', out)
