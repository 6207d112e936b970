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
#   management-groups/<group>/role-management-policy-assignments-<n>.json
#                                                        GET <group>/providers/Microsoft.Authorization/roleManagementPolicyAssignments
#                                                        (each role's PIM activation settings at the scope: approval and its
#                                                        approvers, MFA, justification, in `effectiveRules`)
#   subscriptions/<id>/role-definitions.json             az role definition list --subscription <id>
#   subscriptions/<id>/role-assignments.json             az role assignment list --all --include-inherited --subscription <id>
#   subscriptions/<id>/deny-assignments-<n>.json         GET /subscriptions/<id>/providers/Microsoft.Authorization/denyAssignments
#   subscriptions/<id>/role-eligibility-<n>.json         GET /subscriptions/<id>/providers/Microsoft.Authorization/roleEligibilityScheduleInstances
#   subscriptions/<id>/role-assignment-schedule-instances-<n>.json
#                                                        GET /subscriptions/<id>/providers/Microsoft.Authorization/roleAssignmentScheduleInstances
#                                                        ?$filter=atScope()
#   subscriptions/<id>/role-management-policy-assignments-<n>.json
#                                                        GET /subscriptions/<id>/providers/Microsoft.Authorization/roleManagementPolicyAssignments
#   subscriptions/<id>/role-management-policy-assignments-below-<k>-<n>.json
#                                                        the same at each resource group or resource below the subscription
#                                                        that an eligibility names (its activation follows that scope's policy)
#   resources/<id>.json                                  az resource list --subscription <id> (each resource and its managed identities)
#   resources/<id>/keyvault-<name>.json                  az keyvault show (access-policy or RBAC mode, access policies)
#   resources/<id>/keyvault-<name>-certificates.json     az keyvault certificate list (names and thumbprints: which certificates
#                                                        are applications' sign-in credentials)
#   resources/<id>/keyvault-<name>-certificate-policies.json  az keyvault certificate show of each (whether its key is exportable)
#   resources/<id>/keyvault-<name>-secrets.json          az keyvault secret list (names, content types, tags and dates, never a
#                                                        value: which secrets name an application)
#   resources/<id>/identities.json                       az identity list --subscription <id> (each user-assigned identity's
#                                                        service principal: its object id and client id)
#   resources/<id>/federated-credentials/<group>/<identity>.json
#                                                        az identity federated-credential list, for each user-assigned identity
#                                                        of the resource list (the outside workloads that sign in as it)
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
#   Microsoft.Authorization/roleManagementPolicyAssignments/read             (PIM activation settings)
#   Microsoft.Resources/subscriptions/resources/read                         (az resource list)
#   Microsoft.KeyVault/vaults/read                                            (az keyvault show: the vault's settings, never its secrets)
#   Microsoft.ManagedIdentity/userAssignedIdentities/read                     (az identity list)
#   Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/read
#                                                                             (az identity federated-credential list)
#   Microsoft.ContainerService/managedClusters/read                           (az aks list: never a cluster credential)
#   Microsoft.Storage/storageAccounts/read                                    (az storage account list: never a key)
#   Microsoft.Web/sites/read                                                  (az functionapp list: never an app setting)
# and, on each key vault's data plane, certificate and secret metadata (never a key or a secret's value):
# Microsoft.KeyVault/vaults/certificates/read and Microsoft.KeyVault/vaults/secrets/readMetadata/action (Key Vault
# Reader) on a vault that uses Azure RBAC, or an access policy with certificates `list` and `get` and secrets `list`
# on one that uses access policies. A vault that refuses (no access, a firewall) is skipped with a message;
# --no-certificates and --no-secrets skip them all.
# plus Microsoft Graph reads that `az role assignment list` makes to fill in `principalName` (when permitted).
#
# Usage: see --help.

set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/export-azure.sh --output DIR [--root GROUP] [--subscription ID]... [--no-management-groups] [--no-pim] [--no-resources] [--no-certificates] [--no-secrets]

Exports Azure role definitions, role assignments, deny assignments, PIM eligibilities and assignment schedule
instances on Azure resources, the management-group hierarchy, the subscriptions and their resource inventory
(managed identities, what they are attached to and the federated credentials of user-assigned ones, key vault,
storage account, function app and AKS settings, key vault certificate and secret metadata) into DIR, for `ward` to
read. Read-only.

  --output DIR             folder to write (created if needed)
  --root GROUP             management group to export the tree from (default: the tenant root group, whose name
                           is the tenant id of the signed-in account)
  --subscription ID        export only this subscription (repeatable; default: every Enabled subscription of
                           `az account list --all`)
  --no-management-groups   skip the hierarchy and the per-group exports (decisions that depend on assignments at
                           management groups are then reported as indeterminate)
  --no-pim                 skip PIM eligibility, assignment schedule instances and role management policies
                           (permanent assignments then cannot be told from PIM activations and time-bound ones, and
                           activating an eligible role stays conditional on its settings)
  --no-resources           skip the resource inventory (user-assigned identities are then known only by name)
  --no-certificates        skip the key vaults' certificate lists (which need data-plane read access to each vault)
  --no-secrets             skip the key vaults' secret lists (names and tags, never values; they need data-plane
                           list access to each vault)
  -h, --help               this help

Sign in first with `az login` (a Reader at the tenant root group sees everything Ward needs).

Exit status: 0 on success, 1 on a fatal error (a missing tool, a bad argument, or a read every analysis needs was
refused: nothing half-written is left), 2 if optional reads were skipped (PIM, key vault certificates or secrets, an
identity's federated credentials; see the warnings).
USAGE
}

fatal() {
  echo "export-azure.sh: error: $*" >&2
  exit 1
}

skipped=0
skip() {
  echo "export-azure.sh: $*" >&2
  skipped=1
}

# capture FILE COMMAND...: runs an az command, writing FILE only when it succeeded; a refusal stops the export with
# az's message and leaves no file behind.
capture() {
  local file="$1"
  shift
  if ! "$@" </dev/null >"$file.part" 2>"$file.err"; then
    local message
    message="$(cat "$file.err")"
    rm -f "$file.part" "$file.err"
    fatal "'$*' failed: $message"
  fi
  mv "$file.part" "$file"
  rm -f "$file.err"
}

output=""
root=""
subscriptions=()
with_groups=1
with_pim=1
with_resources=1
with_certificates=1
with_secrets=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --output) output="${2:?--output needs a folder}"; shift 2 ;;
    --root) root="${2:?--root needs a management group name}"; shift 2 ;;
    --subscription) subscriptions+=("${2:?--subscription needs an id}"); shift 2 ;;
    --no-management-groups) with_groups=0; shift ;;
    --no-pim) with_pim=0; shift ;;
    --no-resources) with_resources=0; shift ;;
    --no-certificates) with_certificates=0; shift ;;
    --no-secrets) with_secrets=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) fatal "unknown argument '$1' (see --help)" ;;
  esac
done

[[ -n "$output" ]] || fatal "--output is required (see --help)"

for tool in az jq; do
  command -v "$tool" >/dev/null 2>&1 || fatal "'$tool' is not installed"
done

arm="https://management.azure.com"
mkdir -p "$output"

# Writes every page of an ARM list: <prefix>-1.json, <prefix>-2.json, ... (each keeps its nextLink). On a refusal it
# returns 1 with az's message in $refusal, leaving the pages before it and no half-written one.
refusal=""
rest_pages() {
  local url="$1" prefix="$2" page=1 file
  while [[ -n "$url" ]]; do
    file="${prefix}-${page}.json"
    if ! az rest --method get --url "$url" --output json </dev/null >"$file.part" 2>"$file.err"; then
      refusal="$(cat "$file.err")"
      rm -f "$file.part" "$file.err"
      return 1
    fi
    mv "$file.part" "$file"
    rm -f "$file.err"
    url="$(jq -r '.nextLink // empty' "$file")"
    page=$((page + 1))
  done
}

# Writes the RBAC data of one scope (a subscription or a management group) into a folder.
export_pim_and_denies() {
  local scope="$1" folder="$2"
  # Deny assignments take access away: without them every answer could be wrong, so a refusal stops the export.
  if ! rest_pages "${arm}${scope}/providers/Microsoft.Authorization/denyAssignments?api-version=2022-04-01" "$folder/deny-assignments"; then
    rm -f "$folder"/deny-assignments-*.json
    fatal "could not read the deny assignments at $scope: $refusal"
  fi
  if [[ "$with_pim" -eq 1 ]]; then
    # PIM may be unavailable (no Entra ID P2 licence): record that, and go on.
    if ! rest_pages "${arm}${scope}/providers/Microsoft.Authorization/roleEligibilityScheduleInstances?api-version=2020-10-01" "$folder/role-eligibility"; then
      skip "could not read PIM eligibilities at $scope (skipped): $refusal"
      rm -f "$folder"/role-eligibility-*.json
    fi
    # How each active assignment at the scope or above it is held: `Assigned` with or without an end, or `Activated`.
    if ! rest_pages "${arm}${scope}/providers/Microsoft.Authorization/roleAssignmentScheduleInstances?api-version=2020-10-01&\$filter=atScope()" "$folder/role-assignment-schedule-instances"; then
      skip "could not read PIM assignment schedule instances at $scope (skipped): $refusal"
      rm -f "$folder"/role-assignment-schedule-instances-*.json
    fi
    export_activation_policies "$scope" "$folder"
  fi
}

# Writes the PIM activation settings (role management policy assignments, with their effective rules) at a scope and
# at each scope below it that an eligibility read there names: an eligibility activates under its own scope's policy.
export_activation_policies() {
  local scope="$1" folder="$2" below n=0
  if ! rest_pages "${arm}${scope}/providers/Microsoft.Authorization/roleManagementPolicyAssignments?api-version=2020-10-01" "$folder/role-management-policy-assignments"; then
    skip "could not read PIM role management policies at $scope (skipped): $refusal"
    rm -f "$folder"/role-management-policy-assignments-*.json
    return 0
  fi
  compgen -G "$folder/role-eligibility-*.json" >/dev/null || return 0
  while read -r below; do
    n=$((n + 1))
    if ! rest_pages "${arm}${below}/providers/Microsoft.Authorization/roleManagementPolicyAssignments?api-version=2020-10-01" "$folder/role-management-policy-assignments-below-$n"; then
      skip "could not read PIM role management policies at $below (skipped): $refusal"
      rm -f "$folder"/role-management-policy-assignments-below-"$n"-*.json
    fi
  done < <(jq -r --arg scope "$scope" '.value[]?.properties.scope // empty | select((ascii_downcase | startswith(($scope | ascii_downcase) + "/")))' "$folder"/role-eligibility-*.json | sort -u)
}

# Writes a vault's certificate list and each certificate's show (metadata and policy, never the key); a vault that
# refuses data-plane reads is skipped with a message, and nothing half-written is left behind.
export_certificates() {
  local name="$1" folder="$2"
  local list="$folder/keyvault-$name-certificates.json" policies="$folder/keyvault-$name-certificate-policies.json"
  if ! az keyvault certificate list --vault-name "$name" --output json >"$list" 2>/dev/null; then
    skip "could not list the certificates of key vault $name (no data-plane read access, or a firewall); skipped"
    rm -f "$list"
    return 0
  fi
  if ! jq -r '.[].id' "$list" | while read -r id; do az keyvault certificate show --id "$id" --output json || exit 1; done | jq -s . >"$policies"; then
    skip "could not read the certificate policies of key vault $name; whether their keys are exportable is not exported"
    rm -f "$policies"
  fi
}

# Writes a vault's secret list: names, content types, tags and dates, never a value (the list does not return one); a
# vault that refuses is skipped with az's message, and nothing half-written is left behind.
export_secrets() {
  local name="$1" folder="$2"
  local list="$folder/keyvault-$name-secrets.json"
  if ! az keyvault secret list --vault-name "$name" --output json </dev/null >"$list.part" 2>"$list.err"; then
    skip "could not list the secrets of key vault $name (skipped): $(cat "$list.err")"
    rm -f "$list.part" "$list.err"
    return 0
  fi
  mv "$list.part" "$list"
  rm -f "$list.err"
}

# Writes a user-assigned identity's federated credentials; one that cannot be read (deleted since the resource list, or
# refused) is skipped with a message, and nothing half-written is left behind.
export_federated_credentials() {
  local subscription="$1" group="$2" name="$3" folder="$4"
  local file="$folder/$name.json"
  mkdir -p "$folder"
  if ! az identity federated-credential list --subscription "$subscription" --resource-group "$group" --identity-name "$name" --output json </dev/null >"$file.part" 2>"$file.err"; then
    skip "could not list the federated credentials of user-assigned identity $name in $group (skipped): $(cat "$file.err")"
    rm -f "$file.part" "$file.err"
    rmdir "$folder" 2>/dev/null || true
    return 0
  fi
  mv "$file.part" "$file"
  rm -f "$file.err"
}

echo "Reading subscriptions" >&2
capture "$output/subscriptions.json" az account list --all --output json
if [[ ${#subscriptions[@]} -eq 0 ]]; then
  mapfile -t subscriptions < <(jq -r '.[] | select(.state == "Enabled") | .id' "$output/subscriptions.json" | sort -u)
fi

if [[ "$with_groups" -eq 1 ]]; then
  if [[ -z "$root" ]]; then
    root="$(az account show --query tenantId --output tsv)" || fatal "could not read the signed-in tenant (az account show)"
  fi

  echo "Reading the management-group hierarchy from $root" >&2
  mkdir -p "$output/management-groups"
  capture "$output/management-groups/tree.json" az account management-group show --name "$root" --expand --recurse --output json
  capture "$output/management-groups/entities.json" az account management-group entities list --output json

  mapfile -t groups < <(jq -r '.. | objects | select(.type? == "Microsoft.Management/managementGroups") | .name' "$output/management-groups/tree.json" | sort -u)
  for group in "${groups[@]}"; do
    scope="/providers/Microsoft.Management/managementGroups/$group"
    folder="$output/management-groups/$group"
    echo "Reading management group $group" >&2
    mkdir -p "$folder"
    capture "$folder/role-definitions.json" az role definition list --custom-role-only --scope "$scope" --output json
    capture "$folder/role-assignments.json" az role assignment list --scope "$scope" --include-inherited --output json
    export_pim_and_denies "$scope" "$folder"
  done
fi

for subscription in "${subscriptions[@]}"; do
  folder="$output/subscriptions/$subscription"
  echo "Reading subscription $subscription" >&2
  mkdir -p "$folder"
  capture "$folder/role-definitions.json" az role definition list --subscription "$subscription" --output json
  capture "$folder/role-assignments.json" az role assignment list --all --include-inherited --subscription "$subscription" --output json
  export_pim_and_denies "/subscriptions/$subscription" "$folder"

  if [[ "$with_resources" -eq 1 ]]; then
    echo "Reading the resources of subscription $subscription" >&2
    mkdir -p "$output/resources/$subscription"
    capture "$output/resources/$subscription.json" az resource list --subscription "$subscription" --output json
    # az resource list leaves out resource properties: a vault's mode and access policies come from az keyvault show.
    # Read in this shell (not a pipeline's subshell), so that a skipped read is remembered for the exit status.
    while read -r group name; do
      capture "$output/resources/$subscription/keyvault-$name.json" az keyvault show --subscription "$subscription" --resource-group "$group" --name "$name" --output json
      if [[ "$with_certificates" -eq 1 ]]; then
        export_certificates "$name" "$output/resources/$subscription"
      fi
      if [[ "$with_secrets" -eq 1 ]]; then
        export_secrets "$name" "$output/resources/$subscription"
      fi
    done < <(jq -r '.[] | select((.type | ascii_downcase) == "microsoft.keyvault/vaults") | "\(.resourceGroup) \(.name)"' "$output/resources/$subscription.json")
    # az resource list leaves out an identity's principal and client ids, and its federated credentials are child
    # resources it does not list at all.
    capture "$output/resources/$subscription/identities.json" az identity list --subscription "$subscription" --output json
    while read -r group name; do
      export_federated_credentials "$subscription" "$group" "$name" "$output/resources/$subscription/federated-credentials/$group"
    done < <(jq -r '.[] | select((.type | ascii_downcase) == "microsoft.managedidentity/userassignedidentities") | "\(.resourceGroup) \(.name)"' "$output/resources/$subscription.json")
    capture "$output/resources/$subscription/aks.json" az aks list --subscription "$subscription" --output json
    capture "$output/resources/$subscription/storage-accounts.json" az storage account list --subscription "$subscription" --output json
    capture "$output/resources/$subscription/functionapps.json" az functionapp list --subscription "$subscription" --output json
  fi
done

if [[ "$skipped" -ne 0 ]]; then
  echo "export-azure.sh: some optional reads were skipped (see above); Ward reads the rest. Done: $output" >&2
  exit 2
fi

echo "Done: $output" >&2
