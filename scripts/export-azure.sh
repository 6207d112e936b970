#!/usr/bin/env bash
# export-azure.sh - export the Azure RBAC data that Ward reads, using only the Azure CLI (az) and jq.
#
# Writes, under the output folder:
#   subscriptions.json                                   az account list --all
#   management-groups/tree.json                          az account management-group show --name <root> --expand --recurse
#   management-groups/entities.json                      az account management-group entities list
#   management-groups/<group>/role-definitions.json      az role definition list --custom-role-only --scope <group>
#   management-groups/<group>/role-assignments.json      az role assignment list --scope <group> --include-inherited
#   management-groups/<group>/deny-assignments-<n>.json  GET <group>/providers/Microsoft.Authorization/denyAssignments (every page)
#   management-groups/<group>/role-eligibility-<n>.json  GET <group>/providers/Microsoft.Authorization/roleEligibilityScheduleInstances
#   management-groups/<group>/role-assignment-schedule-instances-<n>.json
#                                                        GET <group>/providers/Microsoft.Authorization/roleAssignmentScheduleInstances
#                                                        ?$filter=atScope() (how each active assignment is held: standing,
#                                                        time-bound or a PIM activation)
#   subscriptions/<id>/role-definitions.json             az role definition list --subscription <id>
#   subscriptions/<id>/role-assignments.json             az role assignment list --all --include-inherited --subscription <id>
#   subscriptions/<id>/deny-assignments-<n>.json         GET /subscriptions/<id>/providers/Microsoft.Authorization/denyAssignments
#   subscriptions/<id>/role-eligibility-<n>.json         GET /subscriptions/<id>/providers/Microsoft.Authorization/roleEligibilityScheduleInstances
#   subscriptions/<id>/role-assignment-schedule-instances-<n>.json
#                                                        GET /subscriptions/<id>/providers/Microsoft.Authorization/roleAssignmentScheduleInstances
#                                                        ?$filter=atScope()
#   resources/<id>.json                                  az resource list --subscription <id> (each resource and its managed identities)
#   resources/<id>/keyvault-<name>.json                  az keyvault show (access-policy or RBAC mode, access policies)
#   resources/<id>/keyvault-<name>-certificates.json     az keyvault certificate list (names and thumbprints: which certificates
#                                                        are applications' sign-in credentials)
#   resources/<id>/keyvault-<name>-certificate-policies.json  az keyvault certificate show of each (whether its key is exportable)
#   resources/<id>/aks.json                              az aks list --subscription <id> (local accounts, Entra ID integration,
#                                                        Azure RBAC for Kubernetes, kubelet identity)
#   resources/<id>/storage-accounts.json                 az storage account list (whether each accepts its keys)
#   resources/<id>/functionapps.json                     az functionapp list (a Flex Consumption app's deployment container:
#                                                        `functionAppConfig`, printed by az CLI versions whose App Service
#                                                        API is 2023-12-01 or later)
#
# Ward recognises every file by its content, not its name or folder; the layout is only for people.
# `az rest` does not follow `nextLink`, so every REST page is written as its own numbered file.
#
# The script is read-only. It only reads (GET) these Azure Resource Manager operations:
#   Microsoft.Resources/subscriptions/read                                    (az account list)
#   Microsoft.Management/managementGroups/read                                (show, entities list; the caller needs
#   Microsoft.Management/managementGroups/descendants/read                     Reader, or Management Group Reader, on the root)
#   Microsoft.Authorization/roleDefinitions/read
#   Microsoft.Authorization/roleAssignments/read
#   Microsoft.Authorization/denyAssignments/read
#   Microsoft.Authorization/roleEligibilityScheduleInstances/read            (PIM for Azure resources)
#   Microsoft.Authorization/roleAssignmentScheduleInstances/read
#   Microsoft.Resources/subscriptions/resources/read                         (az resource list)
#   Microsoft.KeyVault/vaults/read                                            (az keyvault show: the vault's settings, never its secrets)
#   Microsoft.ContainerService/managedClusters/read                           (az aks list: never a cluster credential)
#   Microsoft.Storage/storageAccounts/read                                    (az storage account list: never a key)
#   Microsoft.Web/sites/read                                                  (az functionapp list: never an app setting)
# and, on each key vault's data plane, certificate metadata (never a key or secret): Microsoft.KeyVault/vaults/
# certificates/read (Key Vault Reader) on a vault that uses Azure RBAC, or an access policy with certificates
# `list` and `get` on one that uses access policies. A vault that refuses (no access, a firewall) is skipped with a
# message; --no-certificates skips them all.
# plus Microsoft Graph reads that `az role assignment list` makes to fill in `principalName` (when permitted).
#
# Usage: see --help.

set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/export-azure.sh --output DIR [--root GROUP] [--subscription ID]... [--no-management-groups] [--no-pim] [--no-resources] [--no-certificates]

Exports Azure role definitions, role assignments, deny assignments, PIM eligibilities and assignment schedule
instances on Azure resources, the management-group hierarchy, the subscriptions and their resource inventory
(managed identities and what they are attached to, key vault, storage account, function app and AKS settings, key
vault certificate metadata) into DIR, for `ward` to read. Read-only.

  --output DIR             folder to write (created if needed)
  --root GROUP             management group to export the tree from (default: the tenant root group, whose name
                           is the tenant id of the signed-in account)
  --subscription ID        export only this subscription (repeatable; default: every Enabled subscription of
                           `az account list --all`)
  --no-management-groups   skip the hierarchy and the per-group exports (decisions that depend on assignments at
                           management groups are then reported as indeterminate)
  --no-pim                 skip PIM eligibility and assignment schedule instances (permanent assignments then
                           cannot be told from PIM activations and time-bound ones)
  --no-resources           skip the resource inventory (user-assigned identities are then known only by name)
  --no-certificates        skip the key vaults' certificate lists (which need data-plane read access to each vault)
  -h, --help               this help

Sign in first with `az login` (a Reader at the tenant root group sees everything Ward needs).
USAGE
}

output=""
root=""
subscriptions=()
with_groups=1
with_pim=1
with_resources=1
with_certificates=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --output) output="${2:?--output needs a folder}"; shift 2 ;;
    --root) root="${2:?--root needs a management group name}"; shift 2 ;;
    --subscription) subscriptions+=("${2:?--subscription needs an id}"); shift 2 ;;
    --no-management-groups) with_groups=0; shift ;;
    --no-pim) with_pim=0; shift ;;
    --no-resources) with_resources=0; shift ;;
    --no-certificates) with_certificates=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "export-azure.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

if [[ -z "$output" ]]; then
  echo "export-azure.sh: --output is required (see --help)" >&2
  exit 2
fi

for tool in az jq; do
  command -v "$tool" >/dev/null 2>&1 || { echo "export-azure.sh: '$tool' is not installed" >&2; exit 2; }
done

arm="https://management.azure.com"
mkdir -p "$output"

# Writes every page of an ARM list: <prefix>-1.json, <prefix>-2.json, ... (each keeps its nextLink).
rest_pages() {
  local url="$1" prefix="$2" page=1
  while [[ -n "$url" ]]; do
    az rest --method get --url "$url" --output json >"${prefix}-${page}.json" || return 1
    url="$(jq -r '.nextLink // empty' "${prefix}-${page}.json")"
    page=$((page + 1))
  done
}

# Writes the RBAC data of one scope (a subscription or a management group) into a folder.
export_pim_and_denies() {
  local scope="$1" folder="$2"
  rest_pages "${arm}${scope}/providers/Microsoft.Authorization/denyAssignments?api-version=2022-04-01" "$folder/deny-assignments"
  if [[ "$with_pim" -eq 1 ]]; then
    # PIM may be unavailable (no Entra ID P2 licence): record that, and go on.
    if ! rest_pages "${arm}${scope}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?api-version=2020-10-01" "$folder/role-eligibility"; then
      echo "export-azure.sh: could not read PIM eligibilities at $scope (skipped)" >&2
      rm -f "$folder"/role-eligibility-*.json
    fi
    # How each active assignment at the scope or above it is held: `Assigned` with or without an end, or `Activated`.
    if ! rest_pages "${arm}${scope}/providers/Microsoft.Authorization/roleAssignmentScheduleInstances?api-version=2020-10-01&\$filter=atScope()" "$folder/role-assignment-schedule-instances"; then
      echo "export-azure.sh: could not read PIM assignment schedule instances at $scope (skipped)" >&2
      rm -f "$folder"/role-assignment-schedule-instances-*.json
    fi
  fi
}

# Writes a vault's certificate list and each certificate's show (metadata and policy, never the key); a vault that
# refuses data-plane reads is skipped with a message, and nothing half-written is left behind.
export_certificates() {
  local name="$1" folder="$2"
  local list="$folder/keyvault-$name-certificates.json" policies="$folder/keyvault-$name-certificate-policies.json"
  if ! az keyvault certificate list --vault-name "$name" --output json >"$list" 2>/dev/null; then
    echo "export-azure.sh: could not list the certificates of key vault $name (no data-plane read access, or a firewall); skipped" >&2
    rm -f "$list"
    return 0
  fi
  if ! jq -r '.[].id' "$list" | while read -r id; do az keyvault certificate show --id "$id" --output json || exit 1; done | jq -s . >"$policies"; then
    echo "export-azure.sh: could not read the certificate policies of key vault $name; whether their keys are exportable is not exported" >&2
    rm -f "$policies"
  fi
}

echo "Reading subscriptions" >&2
az account list --all --output json >"$output/subscriptions.json"
if [[ ${#subscriptions[@]} -eq 0 ]]; then
  mapfile -t subscriptions < <(jq -r '.[] | select(.state == "Enabled") | .id' "$output/subscriptions.json" | sort -u)
fi

if [[ "$with_groups" -eq 1 ]]; then
  if [[ -z "$root" ]]; then
    root="$(az account show --query tenantId --output tsv)"
  fi

  echo "Reading the management-group hierarchy from $root" >&2
  mkdir -p "$output/management-groups"
  az account management-group show --name "$root" --expand --recurse --output json >"$output/management-groups/tree.json"
  az account management-group entities list --output json >"$output/management-groups/entities.json"

  mapfile -t groups < <(jq -r '.. | objects | select(.type? == "Microsoft.Management/managementGroups") | .name' "$output/management-groups/tree.json" | sort -u)
  for group in "${groups[@]}"; do
    scope="/providers/Microsoft.Management/managementGroups/$group"
    folder="$output/management-groups/$group"
    echo "Reading management group $group" >&2
    mkdir -p "$folder"
    az role definition list --custom-role-only --scope "$scope" --output json >"$folder/role-definitions.json"
    az role assignment list --scope "$scope" --include-inherited --output json >"$folder/role-assignments.json"
    export_pim_and_denies "$scope" "$folder"
  done
fi

for subscription in "${subscriptions[@]}"; do
  folder="$output/subscriptions/$subscription"
  echo "Reading subscription $subscription" >&2
  mkdir -p "$folder"
  az role definition list --subscription "$subscription" --output json >"$folder/role-definitions.json"
  az role assignment list --all --include-inherited --subscription "$subscription" --output json >"$folder/role-assignments.json"
  export_pim_and_denies "/subscriptions/$subscription" "$folder"

  if [[ "$with_resources" -eq 1 ]]; then
    echo "Reading the resources of subscription $subscription" >&2
    mkdir -p "$output/resources/$subscription"
    az resource list --subscription "$subscription" --output json >"$output/resources/$subscription.json"
    # az resource list leaves out resource properties: a vault's mode and access policies come from az keyvault show.
    jq -r '.[] | select((.type | ascii_downcase) == "microsoft.keyvault/vaults") | "\(.resourceGroup) \(.name)"' "$output/resources/$subscription.json" |
      while read -r group name; do
        az keyvault show --subscription "$subscription" --resource-group "$group" --name "$name" --output json >"$output/resources/$subscription/keyvault-$name.json"
        if [[ "$with_certificates" -eq 1 ]]; then
          export_certificates "$name" "$output/resources/$subscription"
        fi
      done
    az aks list --subscription "$subscription" --output json >"$output/resources/$subscription/aks.json"
    az storage account list --subscription "$subscription" --output json >"$output/resources/$subscription/storage-accounts.json"
    az functionapp list --subscription "$subscription" --output json >"$output/resources/$subscription/functionapps.json"
  fi
done

echo "Done: $output" >&2
