"""Writes samples/azurehound: the Northwind Azure resources as `azurehound list` writes them (kinds AZVM, AZKeyVault,
AZKeyVaultAccessPolicy, AZManagedCluster), with the same ids as samples/entra and samples/azure."""
import json, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from northwind_ids import *
out = sys.argv[1]
os.makedirs(out, exist_ok=True)

SP = lambda k: gid('sp-' + k)
APPID = lambda k: gid('app-id-' + k)
def sub(name): return f'/subscriptions/{SUBS[name]}'
def rg(s, r): return f'{sub(s)}/resourceGroups/{r}'
LANDINGZONE = f"{rg('nw-platform', 'rg-platform-identity')}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-landingzone-deploy"

# AzureHound's current main upper-cases object ids (not the identity map's keys nor client ids) and adds the
# subscription, resource group and tenant beside each resource.
def up(x): return x.upper()
def identity(system=None, user=()):
    kinds = [k for k, on in (('SystemAssigned', system), ('UserAssigned', user)) if on]
    return {"principalId": up(system) if system else "", "tenantId": TENANT if system else "", "type": ", ".join(kinds),
            "userAssignedIdentities": {rid: {"clientId": client, "principalId": up(pid)} for rid, pid, client in user} or None}
def added(s, group, subscription_form='id'):
    return {"subscriptionId": sub(s) if subscription_form == 'id' else SUBS[s], "resourceGroupId": rg(s, group), "tenantId": up(TENANT)}

def vm(s, group, name, ident, size='Standard_D2s_v5'):
    return {"kind": "AZVM", "data": {"id": f"{rg(s, group)}/providers/Microsoft.Compute/virtualMachines/{name}", "extendedLocation": {}, "identity": ident,
        "location": "westeurope", "name": name, "plan": {},
        "properties": {"hardwareProfile": {"vmSize": size}, "osProfile": {"adminUsername": "nwadmin", "computerName": name, "linuxConfiguration": {"disablePasswordAuthentication": True}},
                       "provisioningState": "Succeeded", "storageProfile": {"osDisk": {"osType": "Linux"}}, "vmId": gid('vmid-' + name)},
        "type": "Microsoft.Compute/virtualMachines", **added(s, group)}}

def policy(object_id, keys=(), secrets=(), certificates=()):
    return {"applicationId": "", "objectId": object_id, "permissions": {"certificates": list(certificates), "keys": list(keys), "secrets": list(secrets)}, "tenantId": TENANT}

def vault(s, group, name, rbac, policies):
    data = {"id": f"{rg(s, group)}/providers/Microsoft.KeyVault/vaults/{name}", "location": "westeurope", "name": name,
        "properties": {"accessPolicies": policies, "enableRbacAuthorization": rbac, "enableSoftDelete": True, "enabledForDeployment": False,
                       "sku": {"family": "A", "name": "standard"}, "tenantId": TENANT, "vaultUri": f"https://{name}.vault.azure.net/"},
        "type": "Microsoft.KeyVault/vaults", "subscriptionId": SUBS[s], "resourceGroup": rg(s, group), "tenantId": up(TENANT)}
    return {"kind": "AZKeyVault", "data": data}

def cluster(s, group, name, disable_local, entra, kubelet_principal):
    node_group = f"MC_{group}_{name}_westeurope"
    return {"kind": "AZManagedCluster", "data": {"id": f"{rg(s, group)}/providers/Microsoft.ContainerService/managedClusters/{name}",
        "identity": identity(system=gid('cluster-identity-' + name)), "location": "westeurope", "name": name,
        "properties": {"aadProfile": {"adminGroupObjectIDs": [], "enableAzureRBAC": entra, "managed": True, "tenantID": TENANT} if entra else None,
                       "disableLocalAccounts": disable_local, "dnsPrefix": name, "enableRBAC": True,
                       "identityProfile": {"kubeletidentity": {"clientId": gid('kubelet-client-' + name), "objectId": up(kubelet_principal),
                           "resourceId": f"{sub(s)}/resourcegroups/{node_group}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name}-agentpool"}},
                       "kubernetesVersion": "1.33.2", "nodeResourceGroup": node_group, "provisioningState": "Succeeded"},
        "type": "Microsoft.ContainerService/ManagedClusters", **added(s, group)}}

records = [
    # the build VM: its own identity, and the landing zone deployment identity attached so pipelines on it can deploy
    vm('nw-prod', 'rg-build', 'vm-build-01', identity(system=SP('vm-build-01'), user=[(LANDINGZONE, SP('id-landingzone-deploy'), APPID('id-landingzone-deploy'))])),
    # trap: the analytics VM in the guest's resource group carries no identity
    vm('nw-prod', 'rg-analytics', 'vm-analytics-01', identity()),
    vault('nw-prod', 'rg-shared', 'kv-nw-prod-shared', True, []),
    # the network team's vault, in access-policy mode: Network Admins may see its certificates (not their keys); their
    # Contributor role on the resource group lets them rewrite its access policies
    vault('nw-platform', 'rg-platform-network', 'kv-nw-network', False, [policy(gid('group-network-admins'), certificates=['Get', 'List'])]),
    {"kind": "AZKeyVaultAccessPolicy", "data": {**policy(up(gid('group-network-admins')), certificates=['Get', 'List']),
        "keyVaultId": f"{rg('nw-platform', 'rg-platform-network')}/providers/Microsoft.KeyVault/vaults/kv-nw-network"}},
    vault('nw-dev', 'rg-sandbox', 'kv-nw-dev-legacy', False, [policy(uid('jo'), secrets=['Get', 'List']), policy(uid('frank'), keys=['Get', 'List'], secrets=['Get', 'List', 'Set'], certificates=['Get'])]),
    # `list` writes an access policy apart only when it grants Get on keys or certificates: frank's, not jo's
    {"kind": "AZKeyVaultAccessPolicy", "data": {**policy(up(uid('frank')), keys=['Get', 'List'], secrets=['Get', 'List', 'Set'], certificates=['Get']),
        "keyVaultId": f"{rg('nw-dev', 'rg-sandbox')}/providers/Microsoft.KeyVault/vaults/kv-nw-dev-legacy"}},
    # the dev cluster keeps local accounts; the prod one is Entra ID-integrated without them
    cluster('nw-dev', 'rg-sandbox', 'aks-nw-dev', False, False, gid('kubelet-aks-nw-dev')),
    cluster('nw-prod', 'rg-build', 'aks-nw-prod', True, True, gid('kubelet-aks-nw-prod')),
]

with open(os.path.join(out, 'azurehound.json'), 'w') as f:
    f.write('{"data": [\n')
    f.write(',\n'.join(json.dumps(r, separators=(',', ':')) for r in records))
    f.write('\n], "meta": {"type": "azure", "version": 5, "count": %d}}\n' % len(records))
