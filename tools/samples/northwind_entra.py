"""Writes samples/entra: the Northwind Entra ID tenant as Microsoft Graph responses, in the export-entra.sh layout."""
import json, os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from northwind_ids import *
out = sys.argv[1]
def dump(name, obj):
    p = os.path.join(out, name); os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, 'w') as f: json.dump(obj, f, indent=2); f.write('\n')
V1 = 'https://graph.microsoft.com/v1.0/$metadata#'
BETA = 'https://graph.microsoft.com/beta/$metadata#'
def page(context, items, next_link=None):
    d = {"@odata.context": V1 + context, "value": items}
    if next_link: d["@odata.nextLink"] = next_link
    return d
G = lambda k: gid('group-' + k)
SP = lambda k: gid('sp-' + k)
APP = lambda k: gid('app-' + k)
APPID = lambda k: gid('app-id-' + k)
ROLE = {'Global Administrator': '62e90394-69f5-4237-9190-012177145e10', 'Privileged Role Administrator': 'e8611ab8-c189-46e8-94e1-60213ab1f814',
        'Privileged Authentication Administrator': '7be44c8a-adaf-4e2a-84d6-ab2649e08a13', 'Helpdesk Administrator': '729827e3-9c14-49f7-bb1b-9608f156bbb8',
        'Groups Administrator': 'fdd7a751-b60b-444a-984c-02652fe8fa1c', 'Cloud Application Administrator': '158c047a-c907-4556-b7ef-446551a6b5f7',
        'Security Reader': '5d6b6bb7-de71-4623-b4af-96380a352509'}
GRAPH_APPID = '00000003-0000-0000-c000-000000000000'
MS_TENANT = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a'
CONTOSO_TENANT = gid('contoso-tenant')
APPROLE = {'RoleManagement.ReadWrite.Directory': '9e3f62cf-ca93-4989-b6ce-bf83c28f9fe8', 'Application.ReadWrite.All': '1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9',
           'Mail.Read': '810c84a8-4a9e-49e6-bf7d-12d183f40d01', 'User.Read.All': 'df021288-bdef-4463-88db-98f22de89214', 'Sites.Selected': '883ea226-0bf2-4a8f-9f9d-92c9162a727d'}

dump('organization.json', page("organization(id,displayName,verifiedDomains)", [
  {"id": TENANT, "displayName": "Northwind Traders", "verifiedDomains": [
    {"capabilities": "Email, OfficeCommunicationsOnline", "isDefault": True, "isInitial": False, "name": DOMAIN, "type": "Managed"},
    {"capabilities": "Email, OfficeCommunicationsOnline", "isDefault": False, "isInitial": True, "name": INIT, "type": "Managed"}]}]))

signin = {  # last interactive / non-interactive sign-in
 'ada': '2026-11-27T08:14:52Z', 'ben': '2026-11-20T16:02:11Z', 'chen': '2026-11-26T09:45:30Z', 'dana': '2026-11-25T13:20:04Z', 'eve': '2026-11-24T10:11:45Z',
 'frank': '2026-11-27T07:55:19Z', 'gus': '2026-11-18T12:30:00Z', 'hana': '2025-10-02T11:07:43Z', 'ivan': '2026-11-26T15:41:27Z', 'jo': '2026-11-27T09:03:33Z',
 'kim': '2026-11-23T14:22:50Z', 'partner': '2026-09-14T17:48:02Z', 'breakglass': '2026-06-30T22:01:15Z', 'lena': '2026-11-26T06:58:12Z', 'marco': '2026-11-25T07:12:40Z'}
signin.update({'olivia': '2026-11-27T07:30:05Z', 'sam': '2026-11-26T16:48:20Z', 'tomas': '2026-11-12T10:02:44Z'})  # privileged-access seeds
signin.update({'nina': '2026-11-27T08:41:09Z', 'omar': '2026-11-26T11:19:36Z'})
created = {'hana': '2019-03-11T09:00:00Z', 'partner': '2024-05-20T11:34:08Z', 'breakglass': '2020-01-15T10:00:00Z'}
users = []
for k, (name, local, utype) in USERS.items():
    u = {"id": uid(k), "displayName": name, "userPrincipalName": upn(k), "userType": utype, "accountEnabled": True,
         "createdDateTime": created.get(k, '2021-09-06T08:30:00Z'), "onPremisesSyncEnabled": None if k in ('partner', 'breakglass') else True,
         "mail": None if k == 'breakglass' else (f"priya@contoso.com" if k == 'partner' else f"{local}@{DOMAIN}"),
         "signInActivity": {"lastSignInDateTime": signin[k], "lastSignInRequestId": gid('req-' + k),
                            "lastNonInteractiveSignInDateTime": signin[k] if k != 'hana' else '2025-10-02T11:09:10Z', "lastNonInteractiveSignInRequestId": gid('reqn-' + k),
                            "lastSuccessfulSignInDateTime": signin[k], "lastSuccessfulSignInRequestId": gid('req-' + k)}}
    users.append(u)
sel = "users(id,displayName,userPrincipalName,userType,accountEnabled,createdDateTime,onPremisesSyncEnabled,mail,signInActivity)"
dump('users.json', page(sel, users[:8], "https://graph.microsoft.com/v1.0/users?$select=id,displayName,userPrincipalName,userType,accountEnabled,createdDateTime,onPremisesSyncEnabled,mail,signInActivity&$top=8&$skiptoken=RFNwdAIAAQAAACI6" ))
dump('users.page-2.json', page(sel, users[8:]))

groups = [
 ('prod-owners', 'Prod Owners', False, [], None, ['frank'], []),
 ('tier0-admins', 'Tier0 Admins', True, [], None, ['ada'], []),
 ('build-operators', 'Build Operators', False, [], None, ['jo'], []),
 ('platform-readers', 'Platform Readers', False, [], None, ['kim'], ['network-admins']),
 ('network-admins', 'Network Admins', False, [], None, ['omar'], []),
 ('dev-team', 'Dev Team', False, ['DynamicMembership'], 'user.department -eq "Engineering"', ['frank', 'jo'], []),
 ('all-staff', 'All Staff', False, ['Unified'], None, ['ada', 'ben', 'chen', 'dana', 'eve', 'frank', 'gus', 'hana', 'ivan', 'jo', 'kim', 'lena', 'marco', 'nina', 'omar'], []),
]
dump('groups.json', page("groups(id,displayName,description,isAssignableToRole,groupTypes,membershipRule,membershipRuleProcessingState,securityEnabled,mailEnabled,onPremisesSyncEnabled)", [
  {"id": G(k), "displayName": n, "description": None, "isAssignableToRole": ra, "groupTypes": gt, "membershipRule": rule,
   "membershipRuleProcessingState": "On" if rule else None, "securityEnabled": 'Unified' not in gt, "mailEnabled": 'Unified' in gt, "onPremisesSyncEnabled": None}
  for k, n, ra, gt, rule, members, nested in groups]))
def user_ref(k):
    d, l, t = USERS[k]
    return {"@odata.type": "#microsoft.graph.user", "id": uid(k), "displayName": d, "userPrincipalName": upn(k)}
for k, n, ra, gt, rule, members, nested in groups:
    items = [user_ref(m) for m in members] + [{"@odata.type": "#microsoft.graph.group", "id": G(g), "displayName": next(x[1] for x in groups if x[0] == g)} for g in nested]
    dump(f'group-members/{G(k)}.json', page("directoryObjects", items))
    trans = list(items)
    for g in nested:
        trans += [user_ref(m) for m in next(x[5] for x in groups if x[0] == g)]
    dump(f'group-transitive-members/{G(k)}.json', page("directoryObjects", trans))
dump(f'group-owners/{G("prod-owners")}.json', page("directoryObjects", [user_ref('frank')]))

au = gid('au-stores-eu')
# Head Office Groups is eve.lindqvist's scope as Groups Administrator: the role-assignable Tier0 Admins, which that role
# cannot change, and All Staff, which grants nothing.
au_groups = gid('au-head-office-groups')
def group_ref(k):
    return {"@odata.type": "#microsoft.graph.group", "id": G(k), "displayName": next(x[1] for x in groups if x[0] == k)}
dump('administrative-units.json', page("directory/administrativeUnits", [
  {"id": au, "displayName": "Stores EU", "description": "Store staff in the EU", "visibility": None, "membershipType": None, "membershipRule": None, "membershipRuleProcessingState": None, "isMemberManagementRestricted": False},
  {"id": au_groups, "displayName": "Head Office Groups", "description": "Head office groups managed by the IT service desk", "visibility": None, "membershipType": None, "membershipRule": None, "membershipRuleProcessingState": None, "isMemberManagementRestricted": False}]))
dump(f'administrative-unit-members/{au}.json', page("directoryObjects", [user_ref('lena'), user_ref('marco')]))
dump(f'administrative-unit-members/{au_groups}.json', page("directoryObjects", [group_ref('tier0-admins'), group_ref('all-staff')]))

apps = [  # key, display, audience, owners, passwords, certs, fics, required
 # Provisioning's certificate was generated in kv-nw-prod-shared with a key that cannot be exported; Sync's is kept in kv-nw-network.
 ('northwind-provisioning', 'Northwind Provisioning', 'AzureADMyOrg', ['ivan'], [("provisioning-2023", "2023-02-01T10:00:00Z", "2299-12-31T10:00:00Z")],
  [("CN=northwind-provisioning", "2026-04-01T00:00:00Z", "2027-04-01T00:00:00Z", PROVISIONING_CERT)], [], ['RoleManagement.ReadWrite.Directory', 'User.Read.All']),
 ('northwind-sync', 'Northwind Sync', 'AzureADMyOrg', ['partner'], [], [("CN=northwind-sync", "2026-06-01T00:00:00Z", "2027-06-01T00:00:00Z", SYNC_CERT)], [], ['Application.ReadWrite.All']),
 ('cafeteria-menu', 'Cafeteria Menu', 'AzureADMyOrg', ['gus'], [("menu-bot", "2024-01-10T09:00:00Z", "2025-01-10T09:00:00Z")], [], [], []),
 ('northwind-orders', 'Northwind Orders', 'AzureADMyOrg', ['ivan'], [], [], [
   ("github-orders-prod", "repo:northwind-traders/orders-api:environment:production", None),
   ("github-orders-pr", "repo:northwind-traders/orders-api:pull_request", None),
   ("github-northwind-main", None, "claims['sub'] matches 'repo:northwind-traders/*:ref:refs/heads/main'")], ['Sites.Selected']),
 ('northwind-intranet', 'Northwind Intranet', 'AzureADMultipleOrgs', ['ada'], [("intranet", "2026-09-01T00:00:00Z", "2027-03-01T00:00:00Z")], [], [], []),
]
def pw(name, start, end):
    return {"customKeyIdentifier": None, "displayName": name, "endDateTime": end, "hint": "Q~x", "keyId": gid('pw-' + name), "secretText": None, "startDateTime": start}
def cert(name, start, end, thumbprint):
    return {"customKeyIdentifier": thumbprint, "displayName": name, "endDateTime": end, "key": None, "keyId": gid('cert-' + name), "startDateTime": start, "type": "AsymmetricX509Cert", "usage": "Verify"}
app_items = []
for k, d, aud, owners, pws, certs, fics, req in apps:
    app_items.append({"id": APP(k), "appId": APPID(k), "displayName": d, "signInAudience": aud, "createdDateTime": "2023-01-20T12:00:00Z",
      "passwordCredentials": [pw(*p) for p in pws], "keyCredentials": [cert(*c) for c in certs],
      "requiredResourceAccess": [{"resourceAppId": GRAPH_APPID, "resourceAccess": [{"id": APPROLE[r], "type": "Role"} for r in req]}] if req else []})
    dump(f'application-owners/{APP(k)}.json', page("directoryObjects", [user_ref(o) for o in owners]))
    # Every application's list, as export-entra.sh writes it; Northwind Orders' from beta, which adds claimsMatchingExpression.
    version = BETA if any(e for n, subj, e in fics) else V1
    dump(f'application-federated-identity-credentials/{APP(k)}.json', {"@odata.context": version + f"applications('{APP(k)}')/federatedIdentityCredentials", "value": [
      {"id": gid('fic-' + n), "name": n, "issuer": "https://token.actions.githubusercontent.com", "subject": subj, "description": None, "audiences": ["api://AzureADTokenExchange"],
       **({"claimsMatchingExpression": {"value": e, "languageVersion": 1} if e else None} if version == BETA else {})} for n, subj, e in fics]})
dump('applications.json', page("applications(id,appId,displayName,signInAudience,createdDateTime,passwordCredentials,keyCredentials,requiredResourceAccess)", app_items))

def sp(key, display, appid, owner_org, sptype='Application', alt=None, roles=None, enabled=True):
    return {"id": key, "appId": appid, "displayName": display, "servicePrincipalType": sptype, "appOwnerOrganizationId": owner_org, "accountEnabled": enabled,
            "alternativeNames": alt or [], "appRoles": roles or [], "oauth2PermissionScopes": [], "passwordCredentials": [], "keyCredentials": [],
            "servicePrincipalNames": [appid] + (alt[1:] if alt else [])}
graph_roles = [{"allowedMemberTypes": ["Application"], "description": desc, "displayName": desc, "id": APPROLE[v], "isEnabled": True, "origin": "Application", "value": v}
  for v, desc in [('RoleManagement.ReadWrite.Directory', 'Read and write all directory RBAC settings'), ('Application.ReadWrite.All', 'Read and write all applications'),
                  ('Mail.Read', 'Read mail in all mailboxes'), ('User.Read.All', "Read all users' full profiles"), ('Sites.Selected', 'Access selected site collections')]]
graph_sp = gid('sp-microsoft-graph')
sps = [sp(graph_sp, 'Microsoft Graph', GRAPH_APPID, MS_TENANT, roles=graph_roles)]
for k, d, *_ in apps:
    sps.append(sp(SP(k), d, APPID(k), TENANT))
sps.append(sp(SP('contoso-archiver'), 'Contoso Mail Archiver', APPID('contoso-archiver'), CONTOSO_TENANT))
sps.append(sp(SP('id-landingzone-deploy'), 'id-landingzone-deploy', APPID('id-landingzone-deploy'), None, 'ManagedIdentity',
  ["isExplicit=True", f"/subscriptions/{SUBS['nw-platform']}/resourcegroups/rg-platform-identity/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-landingzone-deploy"]))
sps.append(sp(SP('vm-build-01'), 'vm-build-01', APPID('vm-build-01'), None, 'ManagedIdentity',
  ["isExplicit=False", f"/subscriptions/{SUBS['nw-prod']}/resourceGroups/rg-build/providers/Microsoft.Compute/virtualMachines/vm-build-01"]))
dump('service-principals.json', page("servicePrincipals(id,appId,displayName,servicePrincipalType,appOwnerOrganizationId,accountEnabled,alternativeNames,appRoles,oauth2PermissionScopes,passwordCredentials,keyCredentials,servicePrincipalNames)", sps))
dump(f'service-principal-owners/{SP("northwind-sync")}.json', page("directoryObjects", [user_ref('partner')]))

grants = [('northwind-provisioning', 'RoleManagement.ReadWrite.Directory'), ('northwind-provisioning', 'User.Read.All'), ('northwind-sync', 'Application.ReadWrite.All'), ('contoso-archiver', 'Mail.Read'), ('id-landingzone-deploy', 'User.Read.All'), ('northwind-orders', 'Sites.Selected')]
dump(f'app-role-assigned-to/{graph_sp}.json', page(f"servicePrincipals('{graph_sp}')/appRoleAssignedTo", [
  {"id": gid('ara-' + a + r)[:22] + "Zq0gRw", "deletedDateTime": None, "appRoleId": APPROLE[r], "createdDateTime": "2024-03-12T10:15:00.1234567Z",
   "principalDisplayName": next((x[1] for x in apps if x[0] == a), 'Contoso Mail Archiver' if a == 'contoso-archiver' else a), "principalId": SP(a), "principalType": "ServicePrincipal",
   "resourceDisplayName": "Microsoft Graph", "resourceId": graph_sp} for a, r in grants]))
dump('oauth2-permission-grants.json', page("oauth2PermissionGrants", [
  {"clientId": SP('northwind-intranet'), "consentType": "AllPrincipals", "id": "grant-intranet-allprincipals", "principalId": None, "resourceId": graph_sp, "scope": "openid profile User.Read Mail.ReadWrite Files.ReadWrite.All offline_access"},
  {"clientId": SP('cafeteria-menu'), "consentType": "AllPrincipals", "id": "grant-menu-allprincipals", "principalId": None, "resourceId": graph_sp, "scope": "openid profile User.Read"},
  {"clientId": SP('cafeteria-menu'), "consentType": "Principal", "id": "grant-menu-gus", "principalId": uid('gus'), "resourceId": graph_sp, "scope": "User.Read"}]))

# Built-in role definitions of the roles assigned (GET /roleManagement/directory/roleDefinitions returns all of them;
# the sample keeps those in use). Permissions are Microsoft's, from the Entra permissions reference; Global
# Administrator's list is abbreviated to its directory-wide grants (the real one has about 300 entries).
ROLE_PERMISSIONS = {
 'Global Administrator': ('Can manage all aspects of Microsoft Entra ID and Microsoft services that use Microsoft Entra identities.', [
   'microsoft.directory/applications/allProperties/allTasks', 'microsoft.directory/authorizationPolicy/allProperties/allTasks',
   'microsoft.directory/conditionalAccessPolicies/allProperties/allTasks', 'microsoft.directory/directoryRoles/allProperties/allTasks',
   'microsoft.directory/domains/allProperties/allTasks', 'microsoft.directory/groups/allProperties/allTasks',
   'microsoft.directory/groupsAssignableToRoles/allProperties/update', 'microsoft.directory/groupsAssignableToRoles/create',
   'microsoft.directory/organization/allProperties/allTasks', 'microsoft.directory/policies/allProperties/allTasks',
   'microsoft.directory/privilegedIdentityManagement/allProperties/allTasks', 'microsoft.directory/roleAssignments/allProperties/allTasks',
   'microsoft.directory/roleDefinitions/allProperties/allTasks', 'microsoft.directory/servicePrincipals/allProperties/allTasks',
   'microsoft.directory/users/allProperties/allTasks']),
 'Privileged Role Administrator': ('Can manage role assignments in Microsoft Entra ID, and all aspects of Privileged Identity Management.', [
   'microsoft.directory/accessReviews/definitions.applications/allProperties/read', 'microsoft.directory/accessReviews/definitions.directoryRoles/allProperties/allTasks',
   'microsoft.directory/accessReviews/definitions.groups/allProperties/read', 'microsoft.directory/accessReviews/definitions.groupsAssignableToRoles/allProperties/update',
   'microsoft.directory/accessReviews/definitions.groupsAssignableToRoles/create', 'microsoft.directory/accessReviews/definitions.groupsAssignableToRoles/delete',
   'microsoft.directory/administrativeUnits/allProperties/allTasks', 'microsoft.directory/authorizationPolicy/allProperties/allTasks',
   'microsoft.directory/directoryRoles/allProperties/allTasks', 'microsoft.directory/groupsAssignableToRoles/allProperties/update',
   'microsoft.directory/groupsAssignableToRoles/assignLicense', 'microsoft.directory/groupsAssignableToRoles/create', 'microsoft.directory/groupsAssignableToRoles/delete',
   'microsoft.directory/groupsAssignableToRoles/reprocessLicenseAssignment', 'microsoft.directory/groupsAssignableToRoles/restore',
   'microsoft.directory/oAuth2PermissionGrants/allProperties/allTasks', 'microsoft.directory/permissionGrantPolicies/allProperties/read',
   'microsoft.directory/permissionGrantPolicies/allProperties/update', 'microsoft.directory/permissionGrantPolicies/create', 'microsoft.directory/permissionGrantPolicies/delete',
   'microsoft.directory/privilegedIdentityManagement/allProperties/allTasks', 'microsoft.directory/roleAssignments/allProperties/allTasks',
   'microsoft.directory/roleDefinitions/allProperties/allTasks', 'microsoft.directory/scopedRoleMemberships/allProperties/allTasks',
   'microsoft.directory/servicePrincipals/appRoleAssignedTo/update', 'microsoft.directory/servicePrincipals/managePermissionGrantsForAll.microsoft-company-admin',
   'microsoft.directory/servicePrincipals/permissions/update', 'microsoft.office365.webPortal/allEntities/standard/read']),
 'Privileged Authentication Administrator': ('Can access to view, set and reset authentication method information for any user (admin or non-admin).', [
   'microsoft.azure.serviceHealth/allEntities/allTasks', 'microsoft.azure.supportTickets/allEntities/allTasks', 'microsoft.directory/deletedItems.users/restore',
   'microsoft.directory/users/authenticationMethods/basic/update', 'microsoft.directory/users/authenticationMethods/create', 'microsoft.directory/users/authenticationMethods/delete',
   'microsoft.directory/users/authenticationMethods/standard/read', 'microsoft.directory/users/authorizationInfo/update', 'microsoft.directory/users/basic/update',
   'microsoft.directory/users/delete', 'microsoft.directory/users/disable', 'microsoft.directory/users/enable', 'microsoft.directory/users/invalidateAllRefreshTokens',
   'microsoft.directory/users/manager/update', 'microsoft.directory/users/password/update', 'microsoft.directory/users/restore', 'microsoft.directory/users/userPrincipalName/update',
   'microsoft.office365.serviceHealth/allEntities/allTasks', 'microsoft.office365.supportTickets/allEntities/allTasks', 'microsoft.office365.webPortal/allEntities/standard/read']),
 'Helpdesk Administrator': ('Can reset passwords for non-administrators and Helpdesk Administrators.', [
   'microsoft.azure.serviceHealth/allEntities/allTasks', 'microsoft.azure.supportTickets/allEntities/allTasks', 'microsoft.directory/bitlockerKeys/key/read',
   'microsoft.directory/deviceLocalCredentials/standard/read', 'microsoft.directory/users/invalidateAllRefreshTokens', 'microsoft.directory/users/password/update',
   'microsoft.office365.serviceHealth/allEntities/allTasks', 'microsoft.office365.supportTickets/allEntities/allTasks', 'microsoft.office365.webPortal/allEntities/standard/read']),
 'Groups Administrator': ('Members of this role can create/manage groups, create/manage groups settings like naming and expiration policies, and view groups activity and audit reports.', [
   'microsoft.azure.serviceHealth/allEntities/allTasks', 'microsoft.azure.supportTickets/allEntities/allTasks', 'microsoft.directory/bulkJobs.groups/basic/update',
   'microsoft.directory/bulkJobs.groups/create', 'microsoft.directory/bulkJobs.groups/standard/read', 'microsoft.directory/deletedItems.groups/delete',
   'microsoft.directory/deletedItems.groups/restore', 'microsoft.directory/groups/assignedLabels/update', 'microsoft.directory/groups/assignLicense',
   'microsoft.directory/groups/basic/update', 'microsoft.directory/groups/classification/update', 'microsoft.directory/groups/create', 'microsoft.directory/groups/delete',
   'microsoft.directory/groups/dynamicMembershipRule/update', 'microsoft.directory/groups/groupType/update', 'microsoft.directory/groups/hiddenMembers/read',
   'microsoft.directory/groups/members/update', 'microsoft.directory/groups/onPremWriteBack/update', 'microsoft.directory/groups/owners/update',
   'microsoft.directory/groups/reprocessLicenseAssignment', 'microsoft.directory/groups/restore', 'microsoft.directory/groups/settings/update',
   'microsoft.directory/groups/visibility/update', 'microsoft.office365.serviceHealth/allEntities/allTasks', 'microsoft.office365.supportTickets/allEntities/allTasks',
   'microsoft.office365.webPortal/allEntities/standard/read']),
 'Cloud Application Administrator': ('Can create and manage all aspects of app registrations and enterprise apps except App Proxy.', [
   'microsoft.azure.serviceHealth/allEntities/allTasks', 'microsoft.azure.supportTickets/allEntities/allTasks', 'microsoft.directory/adminConsentRequestPolicy/allProperties/allTasks',
   'microsoft.directory/appConsent/appConsentRequests/allProperties/read', 'microsoft.directory/applicationPolicies/basic/update', 'microsoft.directory/applicationPolicies/create',
   'microsoft.directory/applicationPolicies/delete', 'microsoft.directory/applicationPolicies/owners/read', 'microsoft.directory/applicationPolicies/owners/update',
   'microsoft.directory/applicationPolicies/policyAppliedTo/read', 'microsoft.directory/applicationPolicies/standard/read', 'microsoft.directory/applications/appRoles/update',
   'microsoft.directory/applications/audience/update', 'microsoft.directory/applications/authentication/update', 'microsoft.directory/applications/basic/update',
   'microsoft.directory/applications/create', 'microsoft.directory/applications/credentials/update', 'microsoft.directory/applications/delete',
   'microsoft.directory/applications/disablement/update', 'microsoft.directory/applications/extensionProperties/update', 'microsoft.directory/applications/notes/update',
   'microsoft.directory/applications/owners/update', 'microsoft.directory/applications/permissions/update', 'microsoft.directory/applications/policies/update',
   'microsoft.directory/applications/synchronization/standard/read', 'microsoft.directory/applications/tag/update', 'microsoft.directory/applications/verification/update',
   'microsoft.directory/applicationTemplates/instantiate', 'microsoft.directory/auditLogs/allProperties/read', 'microsoft.directory/deletedItems.applications/delete',
   'microsoft.directory/deletedItems.applications/restore', 'microsoft.directory/oAuth2PermissionGrants/allProperties/allTasks', 'microsoft.directory/provisioningLogs/allProperties/read',
   'microsoft.directory/servicePrincipals/appRoleAssignedTo/update', 'microsoft.directory/servicePrincipals/audience/update', 'microsoft.directory/servicePrincipals/authentication/update',
   'microsoft.directory/servicePrincipals/basic/update', 'microsoft.directory/servicePrincipals/create', 'microsoft.directory/servicePrincipals/credentials/update',
   'microsoft.directory/servicePrincipals/delete', 'microsoft.directory/servicePrincipals/disable', 'microsoft.directory/servicePrincipals/enable',
   'microsoft.directory/servicePrincipals/getPasswordSingleSignOnCredentials', 'microsoft.directory/servicePrincipals/managePasswordSingleSignOnCredentials',
   'microsoft.directory/servicePrincipals/managePermissionGrantsForAll.microsoft-application-admin', 'microsoft.directory/servicePrincipals/notes/update',
   'microsoft.directory/servicePrincipals/owners/update', 'microsoft.directory/servicePrincipals/permissions/update', 'microsoft.directory/servicePrincipals/policies/update',
   'microsoft.directory/servicePrincipals/synchronization/standard/read', 'microsoft.directory/servicePrincipals/synchronizationCredentials/manage',
   'microsoft.directory/servicePrincipals/synchronizationJobs/manage', 'microsoft.directory/servicePrincipals/synchronizationSchema/manage',
   'microsoft.directory/servicePrincipals/tag/update', 'microsoft.directory/signInReports/allProperties/read', 'microsoft.office365.serviceHealth/allEntities/allTasks',
   'microsoft.office365.supportTickets/allEntities/allTasks', 'microsoft.office365.webPortal/allEntities/standard/read']),
 'Security Reader': ('Can read security information and reports in Microsoft Entra ID and Office 365.', [
   'microsoft.azure.serviceHealth/allEntities/allTasks', 'microsoft.directory/accessReviews/definitions/allProperties/read', 'microsoft.directory/auditLogs/allProperties/read',
   'microsoft.directory/authorizationPolicy/standard/read', 'microsoft.directory/bitlockerKeys/key/read', 'microsoft.directory/conditionalAccessPolicies/owners/read',
   'microsoft.directory/conditionalAccessPolicies/policyAppliedTo/read', 'microsoft.directory/conditionalAccessPolicies/standard/read',
   'microsoft.directory/deviceLocalCredentials/standard/read', 'microsoft.directory/domains/federationConfiguration/standard/read',
   'microsoft.directory/entitlementManagement/allProperties/read', 'microsoft.directory/identityProtection/allProperties/read', 'microsoft.directory/namedLocations/standard/read',
   'microsoft.directory/policies/owners/read', 'microsoft.directory/policies/policyAppliedTo/read', 'microsoft.directory/policies/standard/read',
   'microsoft.directory/privilegedIdentityManagement/allProperties/read', 'microsoft.directory/provisioningLogs/allProperties/read',
   'microsoft.directory/signInReports/allProperties/read', 'microsoft.office365.protectionCenter/allEntities/standard/read',
   'microsoft.office365.serviceHealth/allEntities/allTasks', 'microsoft.office365.webPortal/allEntities/standard/read']),
}

# Privileged-access seeds: Exchange Administrator (Tier 1, permanent), SharePoint Administrator (Tier 1, eligible),
# Conditional Access Administrator (Tier 0, active until a week after the export). Permissions as Microsoft lists them.
ROLE.update({'Exchange Administrator': '29232cdf-9323-42fd-ade2-1d097af3e4de', 'SharePoint Administrator': 'f28a1f50-f6e7-4571-818b-6a12f2af6b6c',
             'Conditional Access Administrator': 'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9'})
M365_SHARED = ['microsoft.directory/groups.unified/assignedLabels/update', 'microsoft.directory/groups.unified/basic/update', 'microsoft.directory/groups.unified/create',
   'microsoft.directory/groups.unified/delete', 'microsoft.directory/groups.unified/members/update', 'microsoft.directory/groups.unified/owners/update',
   'microsoft.directory/groups.unified/restore', 'microsoft.directory/groups/hiddenMembers/read']
ROLE_PERMISSIONS.update({
 'Exchange Administrator': ('Can manage all aspects of the Exchange product.', [
   'microsoft.azure.serviceHealth/allEntities/allTasks', 'microsoft.azure.supportTickets/allEntities/allTasks',
   'microsoft.backup/exchangeProtectionPolicies/allProperties/allTasks', 'microsoft.backup/exchangeRestoreSessions/allProperties/allTasks',
   'microsoft.backup/restorePoints/userMailboxes/allProperties/allTasks', 'microsoft.backup/userMailboxProtectionUnits/allProperties/allTasks',
   'microsoft.backup/userMailboxRestoreArtifacts/allProperties/allTasks', 'microsoft.directory/contacts/allProperties/read',
   'microsoft.directory/contacts/memberOf/read', 'microsoft.directory/contacts/standard/read'] + M365_SHARED + [
   'microsoft.directory/onPremisesSynchronization/standard/read', 'microsoft.office365.exchange/allEntities/basic/allTasks',
   'microsoft.office365.network/performance/allProperties/read', 'microsoft.office365.serviceHealth/allEntities/allTasks',
   'microsoft.office365.supportTickets/allEntities/allTasks', 'microsoft.office365.usageReports/allEntities/allProperties/read',
   'microsoft.office365.webPortal/allEntities/standard/read']),
 'SharePoint Administrator': ('Can manage all aspects of the SharePoint service.', [
   'microsoft.azure.serviceHealth/allEntities/allTasks', 'microsoft.azure.supportTickets/allEntities/allTasks',
   'microsoft.backup/oneDriveForBusinessProtectionPolicies/allProperties/allTasks', 'microsoft.backup/oneDriveForBusinessRestoreSessions/allProperties/allTasks',
   'microsoft.backup/restorePoints/sites/allProperties/allTasks', 'microsoft.backup/restorePoints/userDrives/allProperties/allTasks',
   'microsoft.backup/sharePointProtectionPolicies/allProperties/allTasks', 'microsoft.backup/sharePointRestoreSessions/allProperties/allTasks',
   'microsoft.backup/siteProtectionUnits/allProperties/allTasks', 'microsoft.backup/siteRestoreArtifacts/allProperties/allTasks',
   'microsoft.backup/userDriveProtectionUnits/allProperties/allTasks', 'microsoft.backup/userDriveRestoreArtifacts/allProperties/allTasks'] + M365_SHARED + [
   'microsoft.office365.migrations/allEntities/allProperties/allTasks', 'microsoft.office365.network/performance/allProperties/read',
   'microsoft.office365.serviceHealth/allEntities/allTasks', 'microsoft.office365.sharePoint/allEntities/allTasks',
   'microsoft.office365.supportTickets/allEntities/allTasks', 'microsoft.office365.usageReports/allEntities/allProperties/read',
   'microsoft.office365.webPortal/allEntities/standard/read']),
 'Conditional Access Administrator': ('Can manage Conditional Access capabilities.', [
   'microsoft.directory/conditionalAccessPolicies/basic/update', 'microsoft.directory/conditionalAccessPolicies/create',
   'microsoft.directory/conditionalAccessPolicies/delete', 'microsoft.directory/conditionalAccessPolicies/owners/read',
   'microsoft.directory/conditionalAccessPolicies/owners/update', 'microsoft.directory/conditionalAccessPolicies/policyAppliedTo/read',
   'microsoft.directory/conditionalAccessPolicies/standard/read', 'microsoft.directory/conditionalAccessPolicies/tenantDefault/update',
   'microsoft.directory/namedLocations/basic/update', 'microsoft.directory/namedLocations/create', 'microsoft.directory/namedLocations/delete',
   'microsoft.directory/namedLocations/standard/read', 'microsoft.directory/resourceNamespaces/resourceActions/authenticationContext/update']),
})
dump('role-definitions.json', page("roleManagement/directory/roleDefinitions", [
  {"id": ROLE[name], "description": desc, "displayName": name, "isBuiltIn": True, "isEnabled": True, "resourceScopes": ["/"], "templateId": ROLE[name], "version": "1",
   "rolePermissions": [{"allowedResourceActions": actions, "condition": None}]} for name, (desc, actions) in ROLE_PERMISSIONS.items()]))

def ra(key, principal, role, scope='/'):
    return {"id": gid('dra-' + key), "principalId": principal, "roleDefinitionId": ROLE[role], "directoryScopeId": scope, "appScopeId": None}
role_assignments = [
  ra('ada-ga', uid('ada'), 'Global Administrator'), ra('bg-ga', uid('breakglass'), 'Global Administrator'),
  ra('tier0-paa', G('tier0-admins'), 'Privileged Authentication Administrator'),
  ra('chen-helpdesk-au', uid('chen'), 'Helpdesk Administrator', f'/administrativeUnits/{au}'),
  ra('dana-helpdesk', uid('dana'), 'Helpdesk Administrator'), ra('eve-groups', uid('eve'), 'Groups Administrator', f'/administrativeUnits/{au_groups}'),
  ra('nina-groups', uid('nina'), 'Groups Administrator'),
  ra('gus-cloudapp-menu', uid('gus'), 'Cloud Application Administrator', f'/{APP("cafeteria-menu")}'),
  ra('kim-secreader', uid('kim'), 'Security Reader')]
eligibilities = [
  {"id": gid('elig-ben-pra'), "principalId": uid('ben'), "roleDefinitionId": ROLE['Privileged Role Administrator'], "directoryScopeId": "/", "appScopeId": None,
   "startDateTime": "2025-04-01T08:00:00Z", "endDateTime": "2027-04-01T08:00:00Z", "memberType": "Direct", "roleEligibilityScheduleId": gid('elig-sched-ben-pra')}]

# Privileged-access seeds: olivia's permanent Exchange Administrator, sam's Conditional Access Administrator until
# 2026-12-05 and eligibility for SharePoint Administrator; and the PIM assignment schedule instances of every active
# assignment (Assigned, with no end but sam's), which tell permanent from time-bound assignments.
role_assignments += [ra('olivia-exchange', uid('olivia'), 'Exchange Administrator'), ra('sam-ca', uid('sam'), 'Conditional Access Administrator')]
eligibilities.append({"id": gid('elig-sam-spo'), "principalId": uid('sam'), "roleDefinitionId": ROLE['SharePoint Administrator'], "directoryScopeId": "/", "appScopeId": None,
   "startDateTime": "2026-02-01T08:00:00Z", "endDateTime": "2027-06-01T08:00:00Z", "memberType": "Direct", "roleEligibilityScheduleId": gid('elig-sched-sam-spo')})
time_bound = {gid('dra-sam-ca'): ("2026-11-21T09:00:00Z", "2026-12-05T09:00:00Z")}
dump('role-assignment-schedule-instances.json', page("roleManagement/directory/roleAssignmentScheduleInstances", [
  {**a, "startDateTime": time_bound.get(a["id"], ("2023-02-01T10:00:00Z", None))[0], "endDateTime": time_bound.get(a["id"], (None, None))[1],
   "assignmentType": "Assigned", "memberType": "Direct", "roleAssignmentOriginId": a["id"], "roleAssignmentScheduleId": gid('sched-' + a["id"])}
  for a in role_assignments]))

dump('role-assignments.json', page("roleManagement/directory/roleAssignments", role_assignments))
dump('role-eligibility-schedule-instances.json', page("roleManagement/directory/roleEligibilityScheduleInstances", eligibilities))

# --- MFA coverage of privileged users: two more enforced policies and the security defaults policy. ---
# CA002 is the trap: kim.larsen (Security Reader, MFA registered) is covered by an enabled policy requiring the
# built-in phishing-resistant authentication strength. CA003 is partial: Prod Owners (frank.osei, Owner of nw-prod)
# must use MFA or a compliant device, so a compliant device signs in without MFA.
def privileged_mfa_policies():
    users = lambda **k: {"includeUsers": [], "excludeUsers": [], "includeGroups": [], "excludeGroups": [], "includeRoles": [], "excludeRoles": [],
                         "includeGuestsOrExternalUsers": None, "excludeGuestsOrExternalUsers": None, **k}
    conditions = lambda u: {"userRiskLevels": [], "signInRiskLevels": [], "clientAppTypes": ["all"], "platforms": None, "locations": None, "devices": None,
                            "clientApplications": None, "applications": {"includeApplications": ["All"], "excludeApplications": [], "includeUserActions": [],
                            "includeAuthenticationContextClassReferences": [], "applicationFilter": None}, "users": u}
    phishing_resistant = {"id": "00000000-0000-0000-0000-000000000004", "createdDateTime": "2021-12-01T00:00:00Z", "modifiedDateTime": "2021-12-01T00:00:00Z",
                          "displayName": "Phishing-resistant MFA", "description": "Phishing-resistant, Passwordless methods for the strongest authentication, such as a FIDO2 security key",
                          "policyType": "builtIn", "requirementsSatisfied": "mfa", "allowedCombinations": ["windowsHelloForBusiness", "fido2", "x509CertificateMultiFactor"]}
    return [
      {"id": gid('ca-security-staff'), "templateId": None, "displayName": "CA002 Require phishing-resistant MFA for security staff", "createdDateTime": "2025-03-10T09:00:00Z",
       "modifiedDateTime": "2025-03-10T09:00:00Z", "state": "enabled", "sessionControls": None,
       "conditions": conditions(users(includeRoles=[ROLE['Security Reader']], excludeUsers=[uid('breakglass')])),
       "grantControls": {"operator": "OR", "builtInControls": [], "customAuthenticationFactors": [], "termsOfUse": [], "authenticationStrength": phishing_resistant}},
      {"id": gid('ca-prod-owners'), "templateId": None, "displayName": "CA003 Require MFA or a compliant device for Prod Owners", "createdDateTime": "2025-05-20T09:00:00Z",
       "modifiedDateTime": "2025-05-20T09:00:00Z", "state": "enabled", "sessionControls": None,
       "conditions": conditions(users(includeGroups=[G('prod-owners')])),
       "grantControls": {"operator": "OR", "builtInControls": ["mfa", "compliantDevice"], "customAuthenticationFactors": [], "termsOfUse": [], "authenticationStrength": None}}]
dump('security-defaults-policy.json', {"@odata.context": V1 + "policies/identitySecurityDefaultsEnforcementPolicy/$entity", "id": "00000000-0000-0000-0000-000000000005",
  "displayName": "Security Defaults", "description": "Security defaults is a set of basic identity security mechanisms recommended by Microsoft. When enabled, these recommendations will be automatically enforced in your organization. Administrators and users will be better protected from common identity related attacks.",
  "isEnabled": False})
# --- end of the MFA coverage block ---

dump('conditional-access-policies.json', page("identity/conditionalAccess/policies", [
  {"id": gid('ca-admins-mfa'), "displayName": "CA001 Require MFA for administrators", "createdDateTime": "2023-02-14T09:00:00Z", "modifiedDateTime": "2025-06-03T12:00:00Z", "state": "enabled",
   "conditions": {"clientAppTypes": ["all"], "applications": {"includeApplications": ["All"], "excludeApplications": []},
     "users": {"includeUsers": [], "excludeUsers": [uid('breakglass')], "includeGroups": [], "excludeGroups": [],
               "includeRoles": [ROLE['Global Administrator'], ROLE['Privileged Role Administrator'], ROLE['Privileged Authentication Administrator'], ROLE['Helpdesk Administrator'], ROLE['Groups Administrator']],
               "excludeRoles": [], "includeGuestsOrExternalUsers": None, "excludeGuestsOrExternalUsers": None}},
   "grantControls": {"operator": "OR", "builtInControls": ["mfa"], "customAuthenticationFactors": [], "termsOfUse": [], "authenticationStrength": None}, "sessionControls": None},
  {"id": gid('ca-all-mfa'), "displayName": "CA010 Require MFA for all users (pilot)", "createdDateTime": "2025-09-01T09:00:00Z", "modifiedDateTime": "2025-09-01T09:00:00Z", "state": "enabledForReportingButNotEnforced",
   "conditions": {"clientAppTypes": ["all"], "applications": {"includeApplications": ["All"], "excludeApplications": []},
     "users": {"includeUsers": ["All"], "excludeUsers": [uid('breakglass')], "includeGroups": [], "excludeGroups": [], "includeRoles": [], "excludeRoles": [], "includeGuestsOrExternalUsers": None, "excludeGuestsOrExternalUsers": None}},
   "grantControls": {"operator": "OR", "builtInControls": ["mfa"], "customAuthenticationFactors": [], "termsOfUse": [], "authenticationStrength": None}, "sessionControls": None}] + privileged_mfa_policies()))
dump('authorization-policy.json', {"@odata.context": V1 + "policies/authorizationPolicy/$entity", "id": "authorizationPolicy", "allowInvitesFrom": "everyone",
  "allowedToSignUpEmailBasedSubscriptions": True, "allowedToUseSSPR": True, "allowEmailVerifiedUsersToJoinOrganization": False, "blockMsolPowerShell": False,
  "displayName": "Authorization Policy", "description": "Used to manage authorization related settings across the company.", "guestUserRoleId": "10dae51f-b6af-4016-8d66-8c2a99b929b3",
  "defaultUserRolePermissions": {"allowedToCreateApps": True, "allowedToCreateSecurityGroups": True, "allowedToCreateTenants": True, "allowedToReadBitlockerKeysForOwnedDevice": True,
    "allowedToReadOtherUsers": True, "permissionGrantPoliciesAssigned": ["ManagePermissionGrantsForSelf.microsoft-user-default-legacy"]}})
mfa = {'ada': ['microsoftAuthenticatorPush', 'fido2'], 'ben': ['microsoftAuthenticatorPush'], 'chen': ['microsoftAuthenticatorPush'], 'dana': [], 'eve': ['mobilePhone'],
       'frank': ['microsoftAuthenticatorPush'], 'gus': [], 'hana': [], 'ivan': ['microsoftAuthenticatorPush'], 'jo': ['microsoftAuthenticatorPush'], 'kim': ['softwareOneTimePasscode'],
       'partner': [], 'breakglass': [], 'lena': ['microsoftAuthenticatorPush'], 'marco': []}
mfa.update({'olivia': ['microsoftAuthenticatorPush'], 'sam': ['microsoftAuthenticatorPush', 'fido2'], 'tomas': ['microsoftAuthenticatorPush']})  # privileged-access seeds
mfa.update({'nina': ['microsoftAuthenticatorPush'], 'omar': ['microsoftAuthenticatorPush']})
dump('user-registration-details.json', page("reports/authenticationMethods/userRegistrationDetails", [
  {"id": uid(k), "userPrincipalName": upn(k), "userDisplayName": USERS[k][0], "userType": "guest" if USERS[k][2] == 'Guest' else "member",
   "isAdmin": k in ('ada', 'breakglass', 'chen', 'dana', 'eve', 'gus', 'kim', 'olivia', 'sam', 'nina'), "isSsprRegistered": bool(mfa[k]), "isSsprEnabled": True, "isSsprCapable": bool(mfa[k]),
   "isMfaRegistered": bool(mfa[k]), "isMfaCapable": bool(mfa[k]), "isPasswordlessCapable": 'fido2' in mfa[k], "methodsRegistered": mfa[k],
   "isSystemPreferredAuthenticationMethodEnabled": True, "systemPreferredAuthenticationMethods": ["push"] if mfa[k] else [], "userPreferredMethodForSecondaryAuthentication": "push" if mfa[k] else "none",
   "lastUpdatedDateTime": "2026-11-28T03:00:00Z"} for k in USERS]))
# Service principal sign-in activity (beta report): the tenant's apps are in use, except the third party's mail
# archiver (Mail.Read, unused since March) and the cafeteria bot (unused since January 2025, but it holds nothing: its
# secret expired and it has no permission).
import base64
def activity(at):
    return {"lastSignInDateTime": at, "lastSignInRequestId": gid('spreq-' + at) if at else None}
def sp_signin(appid, app_client=None, app_resource=None, delegated_client=None, delegated_resource=None):
    kinds = [app_client, app_resource, delegated_client, delegated_resource]
    return {"id": base64.b64encode(appid.encode()).decode(), "appId": appid,
            "applicationAuthenticationClientSignInActivity": activity(app_client), "applicationAuthenticationResourceSignInActivity": activity(app_resource),
            "delegatedClientSignInActivity": activity(delegated_client), "delegatedResourceSignInActivity": activity(delegated_resource),
            "lastSignInActivity": activity(max(k for k in kinds if k))}
dump('service-principal-sign-in-activities.json', {"@odata.context": BETA + "reports/servicePrincipalSignInActivities", "value": [
  sp_signin(GRAPH_APPID, app_resource='2026-11-28T02:10:44Z', delegated_resource='2026-11-28T02:11:05Z'),
  sp_signin(APPID('northwind-provisioning'), app_client='2026-11-27T23:00:12Z'),
  sp_signin(APPID('northwind-sync'), app_client='2026-11-20T04:30:00Z'),
  sp_signin(APPID('cafeteria-menu'), delegated_client='2025-01-08T12:02:37Z'),
  sp_signin(APPID('northwind-orders'), app_client='2026-11-26T18:45:51Z'),
  sp_signin(APPID('northwind-intranet'), delegated_client='2026-11-27T09:12:03Z'),
  sp_signin(APPID('contoso-archiver'), app_client='2026-03-02T01:15:22Z'),
  sp_signin(APPID('vm-build-01'), app_client='2026-11-27T21:40:09Z'),
  sp_signin(APPID('id-landingzone-deploy'), app_client='2026-11-19T07:05:30Z'),
]})
print('written')
