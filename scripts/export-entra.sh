#!/usr/bin/env bash
# export-entra.sh - export the Entra ID (Azure AD) directory data that Ward reads, from Microsoft Graph, using
# only the Azure CLI (`az rest`) and jq.
#
# Every file is a Microsoft Graph response exactly as Graph returns it, one file per page (`page-001.json`,
# `page-002.json` ... following `@odata.nextLink` until it is absent). Graph answers member and owner lists as
# `$metadata#directoryObjects` without naming the parent, so those are written under a folder named after the
# relation and the parent's object id, e.g. group-members/<group-id>/page-001.json. See docs/formats/entra.md.
#
# The script is read-only: it only sends GET requests to https://graph.microsoft.com. Graph permissions it needs
# (delegated, for the signed-in user, or application permissions of the identity `az` signed in as):
#   Directory.Read.All                       users, groups, administrative units, members, owners, organization,
#                                            applications, service principals, app role assignments, grants
#   Application.Read.All                     federated identity credentials
#   RoleManagement.Read.Directory            role definitions and assignments
#   RoleEligibilitySchedule.Read.Directory   PIM eligibilities            (needs Entra ID P2)
#   RoleAssignmentSchedule.Read.Directory    PIM active assignments       (needs Entra ID P2)
#   PrivilegedEligibilitySchedule.Read.AzureADGroup, PrivilegedAssignmentSchedule.Read.AzureADGroup
#                                            PIM for Groups               (needs Entra ID P2)
#   RoleManagementPolicy.Read.Directory, RoleManagementPolicy.Read.AzureADGroup
#                                            PIM activation settings of directory roles and of groups
#                                            (approval, approvers, MFA)   (needs Entra ID P2)
#   Policy.Read.All                          conditional access policies, authorization policy, security defaults
#   AuditLog.Read.All                        users' signInActivity, userRegistrationDetails, service principal
#                                            sign-in activity (beta)      (need Entra ID P1)
#   Device.Read.All                          devices, their registered owners and users (Directory.Read.All
#                                            covers them too)
#   DeviceManagementManagedDevices.Read.All  Intune's managed devices     (needs an Intune licence)
# With delegated access the signed-in user also needs a directory role that may read these, such as Global Reader
# (plus Security Reader for conditional access in some tenants).
#
# Beta is used only where v1.0 lacks the data: reports/servicePrincipalSignInActivities.
#
# Not written here: the Exchange Online application access policies, which narrow mail permissions, are not Graph
# data (az rest cannot read them). Export them with Exchange Online PowerShell into the same folder:
#   Connect-ExchangeOnline
#   ConvertTo-Json -Depth 5 -InputObject @(Get-ApplicationAccessPolicy) > DIR/exchange-application-access-policies.json
# See docs/formats/entra.md, "Exchange Online application access policies".
#
# Requirements: Azure CLI 2.x (`az login` first), jq 1.6 or later.

set -euo pipefail

readonly PROG="export-entra"
readonly GRAPH="https://graph.microsoft.com"

OUTPUT=""
TRANSITIVE=1
SIGN_INS=1
PIM=1
DEVICES=1
INTUNE=1
FAILED=0

usage() {
    cat <<'USAGE'
Usage: export-entra.sh [--output DIR] [--no-transitive] [--no-sign-in-activity] [--no-pim] [--no-devices] [--no-intune]

Export the Entra ID directory data that Ward reads from Microsoft Graph. Read-only: only GET requests.

Options:
  --output DIR            folder to write into (default: ./ward-entra-<UTC timestamp>)
  --no-transitive         do not export each group's transitive members (Ward then follows nested
                          groups through the direct member lists)
  --no-sign-in-activity   do not select users' signInActivity nor read the sign-in reports (they need
                          AuditLog.Read.All and Entra ID P1)
  --no-pim                do not read PIM schedules (they need Entra ID P2)
  --no-devices            do not read devices, their registered owners and users, nor Intune's managed
                          devices (Ward then cannot tell whose devices Intune scripts reach)
  --no-intune             do not read Intune's managed devices (they need an Intune licence and
                          DeviceManagementManagedDevices.Read.All; devices' isManaged is used instead)
  -h, --help              show this help

Output (every file a Graph response page, v1.0 unless noted):
  DIR/organization.json                              GET /organization (the tenant id)
  DIR/users/page-NNN.json                            GET /users
  DIR/groups/page-NNN.json                           GET /groups
  DIR/group-members/<group-id>/page-NNN.json         GET /groups/{id}/members
  DIR/group-transitive-members/<group-id>/...        GET /groups/{id}/transitiveMembers
  DIR/group-owners/<group-id>/...                    GET /groups/{id}/owners
  DIR/administrative-units/page-NNN.json             GET /directory/administrativeUnits
  DIR/administrative-unit-members/<unit-id>/...      GET /directory/administrativeUnits/{id}/members
  DIR/role-definitions/, role-assignments/           GET /roleManagement/directory/roleDefinitions, roleAssignments
  DIR/role-eligibility-schedules/, role-eligibility-schedule-instances/, role-assignment-schedule-instances/
  DIR/pim-group-eligibility-schedule-instances/<group-id>/, pim-group-assignment-schedule-instances/<group-id>/
  DIR/role-management-policy-assignments/page-NNN.json
                                                     GET /policies/roleManagementPolicyAssignments (directory roles,
                                                     scope '/', with $expand=policy($expand=rules))
  DIR/pim-group-policy-assignments/<group-id>/...    the same for a group (scopeType 'Group')
  DIR/applications/page-NNN.json                     GET /applications
  DIR/federated-identity-credentials/<app-id>/...    GET /applications/{id}/federatedIdentityCredentials
  DIR/application-owners/<app-id>/...                GET /applications/{id}/owners
  DIR/service-principals/page-NNN.json               GET /servicePrincipals
  DIR/service-principal-owners/<sp-id>/...           GET /servicePrincipals/{id}/owners
  DIR/app-role-assigned-to/<sp-id>/...               GET /servicePrincipals/{id}/appRoleAssignedTo (resources with app
                                                     roles, and those with appRoleAssignmentRequired)
  DIR/oauth2-permission-grants/page-NNN.json         GET /oauth2PermissionGrants
  DIR/conditional-access-policies/page-NNN.json      GET /identity/conditionalAccess/policies
  DIR/authorization-policy.json                      GET /policies/authorizationPolicy
  DIR/security-defaults-policy.json                  GET /policies/identitySecurityDefaultsEnforcementPolicy
  DIR/user-registration-details/page-NNN.json        GET /reports/authenticationMethods/userRegistrationDetails
  DIR/service-principal-sign-in-activities/...       GET beta /reports/servicePrincipalSignInActivities
  DIR/devices/page-NNN.json                          GET /devices
  DIR/device-registered-owners/<device-id>/...       GET /devices/{id}/registeredOwners
  DIR/device-registered-users/<device-id>/...        GET /devices/{id}/registeredUsers
  DIR/managed-devices/page-NNN.json                  GET /deviceManagement/managedDevices (Intune)

Not written by this script (not Graph data): DIR/exchange-application-access-policies.json, from Exchange Online
PowerShell: ConvertTo-Json -Depth 5 -InputObject @(Get-ApplicationAccessPolicy). Without it, mail permissions are
conditional on no application access policy limiting them.

Exit status: 0 on success, 1 on a fatal error, 2 if some collections could not be exported (see the warnings).
USAGE
}

log() { printf '%s: %s\n' "$PROG" "$*" >&2; }
warn() { printf '%s: warning: %s\n' "$PROG" "$*" >&2; }
die() {
    printf '%s: error: %s\n' "$PROG" "$*" >&2
    exit 1
}

while [ $# -gt 0 ]; do
    case "$1" in
        --output) [ $# -ge 2 ] || die "--output needs a value (see --help)"; OUTPUT=$2; shift 2 ;;
        --output=*) OUTPUT=${1#*=}; shift ;;
        --no-transitive) TRANSITIVE=0; shift ;;
        --no-sign-in-activity) SIGN_INS=0; shift ;;
        --no-pim) PIM=0; shift ;;
        --no-devices) DEVICES=0; shift ;;
        --no-intune) INTUNE=0; shift ;;
        -h|--help) usage; exit 0 ;;
        *) die "unknown option: $1 (see --help)" ;;
    esac
done

command -v az >/dev/null 2>&1 || die "the Azure CLI (az) is required"
command -v jq >/dev/null 2>&1 || die "jq is required"
az account show >/dev/null 2>&1 || die "not signed in: run 'az login' first"

[ -n "$OUTPUT" ] || OUTPUT="./ward-entra-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUTPUT"

# get URL FILE: one GET, written to FILE only when it succeeded.
get() {
    local url=$1 file=$2
    mkdir -p "$(dirname "$file")"
    if az rest --method get --url "$url" --output json >"$file.part" 2>"$file.err"; then
        mv "$file.part" "$file"
        rm -f "$file.err"
        return 0
    fi

    warn "GET $url failed: $(tr '\n' ' ' <"$file.err" | cut -c1-300)"
    rm -f "$file.part" "$file.err"
    return 1
}

# collect URL DIR: every page of a collection, following @odata.nextLink, as DIR/page-NNN.json.
collect() {
    local url=$1 dir=$2 page=1 file
    while [ -n "$url" ]; do
        file=$(printf '%s/page-%03d.json' "$dir" "$page")
        if ! get "$url" "$file"; then
            FAILED=1
            # Earlier pages stay: Ward reports the collection as incomplete from their next link.
            return 0
        fi

        url=$(jq -r '."@odata.nextLink" // empty' "$file")
        page=$((page + 1))
    done
}

# ids FOLDER JQ_FILTER: object ids from every page of a collection already written.
ids() {
    local dir=$1 filter=$2
    compgen -G "$dir/page-*.json" >/dev/null || return 0
    jq -r ".value[] | $filter | .id" "$dir"/page-*.json
}

log "writing to $OUTPUT"
get "$GRAPH/v1.0/organization?\$select=id,displayName,verifiedDomains" "$OUTPUT/organization.json" || FAILED=1

user_fields="id,userPrincipalName,displayName,userType,mail,externalUserState,identities,accountEnabled,createdDateTime,onPremisesSyncEnabled"
[ "$SIGN_INS" -eq 1 ] && user_fields="$user_fields,signInActivity"
log "users"
collect "$GRAPH/v1.0/users?\$select=$user_fields&\$top=999" "$OUTPUT/users"

log "groups and their members and owners"
collect "$GRAPH/v1.0/groups?\$select=id,displayName,isAssignableToRole,groupTypes,membershipRule,securityEnabled,mailEnabled,onPremisesSyncEnabled&\$top=999" "$OUTPUT/groups"
member_fields="\$select=id,displayName&\$top=999"
for group in $(ids "$OUTPUT/groups" '.'); do
    collect "$GRAPH/v1.0/groups/$group/members?$member_fields" "$OUTPUT/group-members/$group"
    collect "$GRAPH/v1.0/groups/$group/owners?$member_fields" "$OUTPUT/group-owners/$group"
    if [ "$TRANSITIVE" -eq 1 ]; then
        collect "$GRAPH/v1.0/groups/$group/transitiveMembers?$member_fields" "$OUTPUT/group-transitive-members/$group"
    fi
done

log "administrative units"
collect "$GRAPH/v1.0/directory/administrativeUnits?\$select=id,displayName,isMemberManagementRestricted,membershipType,membershipRule" "$OUTPUT/administrative-units"
for unit in $(ids "$OUTPUT/administrative-units" '.'); do
    collect "$GRAPH/v1.0/directory/administrativeUnits/$unit/members?$member_fields" "$OUTPUT/administrative-unit-members/$unit"
done

log "directory roles"
collect "$GRAPH/v1.0/roleManagement/directory/roleDefinitions" "$OUTPUT/role-definitions"
collect "$GRAPH/v1.0/roleManagement/directory/roleAssignments" "$OUTPUT/role-assignments"
if [ "$PIM" -eq 1 ]; then
    collect "$GRAPH/v1.0/roleManagement/directory/roleEligibilitySchedules" "$OUTPUT/role-eligibility-schedules"
    collect "$GRAPH/v1.0/roleManagement/directory/roleEligibilityScheduleInstances" "$OUTPUT/role-eligibility-schedule-instances"
    collect "$GRAPH/v1.0/roleManagement/directory/roleAssignmentScheduleInstances" "$OUTPUT/role-assignment-schedule-instances"
    # The activation settings of every directory role (approval and its approvers, MFA, justification), with the rules.
    collect "$GRAPH/v1.0/policies/roleManagementPolicyAssignments?%24filter=scopeId%20eq%20'/'%20and%20scopeType%20eq%20'DirectoryRole'&%24expand=policy(%24expand=rules)" "$OUTPUT/role-management-policy-assignments"

    # PIM for Groups lists must be filtered by group (or principal); dynamic groups cannot be PIM-managed.
    log "PIM for Groups"
    for group in $(ids "$OUTPUT/groups" 'select(.securityEnabled == true and ((.groupTypes // []) | index("DynamicMembership") | not))'); do
        filter="%24filter=groupId%20eq%20'$group'"
        collect "$GRAPH/v1.0/identityGovernance/privilegedAccess/group/eligibilityScheduleInstances?$filter" "$OUTPUT/pim-group-eligibility-schedule-instances/$group"
        collect "$GRAPH/v1.0/identityGovernance/privilegedAccess/group/assignmentScheduleInstances?$filter" "$OUTPUT/pim-group-assignment-schedule-instances/$group"
        collect "$GRAPH/v1.0/policies/roleManagementPolicyAssignments?%24filter=scopeId%20eq%20'$group'%20and%20scopeType%20eq%20'Group'&%24expand=policy(%24expand=rules)" "$OUTPUT/pim-group-policy-assignments/$group"
    done
fi

log "applications"
collect "$GRAPH/v1.0/applications?\$select=id,appId,displayName,signInAudience,passwordCredentials,keyCredentials,requiredResourceAccess&\$top=999" "$OUTPUT/applications"
for app in $(ids "$OUTPUT/applications" '.'); do
    collect "$GRAPH/v1.0/applications/$app/federatedIdentityCredentials" "$OUTPUT/federated-identity-credentials/$app"
    collect "$GRAPH/v1.0/applications/$app/owners?$member_fields" "$OUTPUT/application-owners/$app"
done

log "service principals"
# appRoleAssignmentRequired: whether users must be assigned to an application before they sign in to it.
collect "$GRAPH/v1.0/servicePrincipals?\$select=id,appId,displayName,servicePrincipalType,appOwnerOrganizationId,accountEnabled,appRoleAssignmentRequired,appRoles,oauth2PermissionScopes,passwordCredentials,keyCredentials,alternativeNames&\$top=999" "$OUTPUT/service-principals"
# Microsoft's own service principals (owned by Microsoft's tenant) have no owners in yours: skipped to save calls.
for sp in $(ids "$OUTPUT/service-principals" 'select(.appOwnerOrganizationId != "f8cdef31-a31e-4b4a-93e4-5f571e91255a")'); do
    collect "$GRAPH/v1.0/servicePrincipals/$sp/owners?$member_fields" "$OUTPUT/service-principal-owners/$sp"
done
# App role assignments are read on their resource: service principals that define app roles, and those that require
# assignment, whose users may hold the default-access assignment (app role id 00000000-...) without any app role
# defined. Default-access assignments to other enterprise applications are not exported.
for sp in $(ids "$OUTPUT/service-principals" 'select(((.appRoles // []) | length > 0) or .appRoleAssignmentRequired == true)'); do
    collect "$GRAPH/v1.0/servicePrincipals/$sp/appRoleAssignedTo?\$top=999" "$OUTPUT/app-role-assigned-to/$sp"
done
collect "$GRAPH/v1.0/oauth2PermissionGrants" "$OUTPUT/oauth2-permission-grants"

log "policies"
collect "$GRAPH/v1.0/identity/conditionalAccess/policies" "$OUTPUT/conditional-access-policies"
get "$GRAPH/v1.0/policies/authorizationPolicy" "$OUTPUT/authorization-policy.json" || FAILED=1
get "$GRAPH/v1.0/policies/identitySecurityDefaultsEnforcementPolicy" "$OUTPUT/security-defaults-policy.json" || FAILED=1

if [ "$SIGN_INS" -eq 1 ]; then
    log "reports"
    collect "$GRAPH/v1.0/reports/authenticationMethods/userRegistrationDetails" "$OUTPUT/user-registration-details"
    collect "$GRAPH/beta/reports/servicePrincipalSignInActivities" "$OUTPUT/service-principal-sign-in-activities"
fi

if [ "$DEVICES" -eq 1 ]; then
    # Whose Windows devices an Intune script reaches: each device's registered owners and users, and Intune's own list.
    log "devices"
    collect "$GRAPH/v1.0/devices?\$select=id,deviceId,displayName,operatingSystem,operatingSystemVersion,accountEnabled,isManaged,isCompliant,trustType,approximateLastSignInDateTime&\$top=999" "$OUTPUT/devices"
    # No $top on these: they are short, and paging still follows the next link.
    for device in $(ids "$OUTPUT/devices" '.'); do
        collect "$GRAPH/v1.0/devices/$device/registeredOwners?\$select=id,displayName" "$OUTPUT/device-registered-owners/$device"
        collect "$GRAPH/v1.0/devices/$device/registeredUsers?\$select=id,displayName" "$OUTPUT/device-registered-users/$device"
    done
    if [ "$INTUNE" -eq 1 ]; then
        collect "$GRAPH/v1.0/deviceManagement/managedDevices?\$select=id,deviceName,userId,userPrincipalName,azureADDeviceId,operatingSystem,managementAgent" "$OUTPUT/managed-devices"
    fi
fi

if [ "$FAILED" -ne 0 ]; then
    warn "some collections could not be exported (see above); Ward reads the rest"
    exit 2
fi

log "done"
