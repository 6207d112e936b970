#!/usr/bin/env bash
# export-gcp.sh - export the Google Cloud IAM data that Ward reads for one organization, using only the Google
# Cloud CLI (gcloud), curl and jq.
#
# Writes, under the output folder:
#   assets/iam-policy.json                      gcloud asset list --organization=ID --content-type=iam-policy
#   assets/resource.json                        gcloud asset list --organization=ID --content-type=resource
#                                                 --asset-types=<organization, folders, projects, service accounts,
#                                                 service account keys, custom roles, Composer environments,
#                                                 Cloud Storage buckets>
#   iam-policies.json                           gcloud asset search-all-iam-policies --scope=organizations/ID
#   roles/predefined.json                       GET iam.googleapis.com/v1/roles?view=FULL (every page)
#   roles/organization.json                     GET .../v1/organizations/ID/roles?view=FULL&showDeleted=true
#   roles/projects/<project-id>.json            GET .../v1/projects/P/roles?view=FULL&showDeleted=true
#   service-accounts/<project-id>.json          gcloud iam service-accounts list --project=P
#   keys/<project-id>/<account-email>.json      gcloud iam service-accounts keys list --iam-account=EMAIL
#   workload-identity/<project-id>.json         gcloud iam workload-identity-pools list --location=global, and
#                                                 providers list for each pool (one list of pools and providers)
#   deny-policies/<attachment>.json             gcloud iam policies get ID --kind=denypolicies, for every policy
#                                                 `gcloud iam policies list` names on the organization, each folder
#                                                 and each project (the list alone omits the rules)
#   clusters/<project-id>.json                  gcloud container clusters list --project=P (GKE clusters, node pools)
#   kubernetes/gke_<project>_<location>_<cluster>.json
#                                               with --with-kubernetes only: kubectl get clusterroles,
#                                                 clusterrolebindings,roles,rolebindings -A -o json, with the
#                                                 credentials of gcloud container clusters get-credentials (a kubectl
#                                                 context of that name, in a kubeconfig of its own)
#   compute/instances/<project-id>.json         gcloud compute instances list --project=P (VM instances: service
#                                                 account, scopes, metadata); the path names the project, which an
#                                                 empty list does not
#   compute/project-info/<project-id>.json      gcloud compute project-info describe --project=P (the project's
#                                                 common instance metadata: enable-oslogin, SSH keys)
#   org-policies/<parent>.json                  gcloud org-policies list --organization|--folder|--project=ID, for the
#                                                 organization, each folder and each project (v2 policies with spec)
#   tags/keys/<parent>.json                     gcloud resource-manager tags keys list --parent=organizations/ID, and
#                                                 --parent=projects/NUMBER for each project (project-owned keys)
#   tags/values/tagKeys-<id>.json               gcloud resource-manager tags values list --parent=tagKeys/ID, per key
#   tags/bindings/cloudresourcemanager.googleapis.com/organizations/<id>.json
#                                               gcloud resource-manager tags bindings list
#                                                 --parent=//cloudresourcemanager.googleapis.com/organizations/ID
#   tags/effective/cloudresourcemanager.googleapis.com/<folders|projects>/<id>.json
#                                               the same with --effective, for each folder and each project (by
#                                                 number); the path names the resource, which the output does not
#   principal-access-boundaries/policies.json   gcloud iam principal-access-boundary-policies describe, for every policy
#                                                 `list --organization=ID --location=global` names
#   principal-access-boundaries/bindings-<parent>.json
#                                               gcloud iam policy-bindings list --location=global, for the organization,
#                                                 each folder and each project
#   pam/<parent>.json                           gcloud pam entitlements list --location=global, for the organization,
#                                                 each folder and each project (Privileged Access Manager)
#   activity/service-accounts-<project-id>.json gcloud policy-intelligence query-activity
#                                                 --activity-type=serviceAccountLastAuthentication --project=P
#   activity/keys-<project-id>.json             the same with --activity-type=serviceAccountKeyLastAuthentication
#   activity/service-account-insights-<project-id>.json
#                                               gcloud recommender insights list
#                                                 --insight-type=google.iam.serviceAccount.Insight --project=P
#   activity/policy-insights-<parent>.json      gcloud recommender insights list --insight-type=google.iam.policy.Insight,
#                                                 for the organization, each folder and each project
#   groups/groups.json                          gcloud identity groups search --organization=ID
#                                                 --labels=cloudidentity.googleapis.com/groups.discussion_forum
#                                                 (the label every Google group has)
#   groups/memberships/<group-email>.json       gcloud identity groups memberships list --group-email=EMAIL
#                                                 --view=full (with each member's type: user, service account,
#                                                 group), for every group found. Ward also reads, under the
#                                                 same name, search-transitive-memberships --group-email=EMAIL
#                                                 (every member, nested groups' included), which this script does
#                                                 not call: only Workspace Enterprise and Cloud Identity Premium
#                                                 accounts may; its entries do not name their group, the file does
#
# Ward recognises every file by its content, not its name or folder; the layout is only for people, except for tag
# listings, whose path names the resource they list the tags of (the output does not), instance listings, whose
# path names the project when the list is empty, Kubernetes RBAC, whose path names the cluster's kubectl context,
# and transitive group memberships, whose file name is the group's email.
# `gcloud iam roles list` prints roles without their permissions (the API's BASIC view), so roles are read from the
# IAM API with view=FULL, through curl and the caller's access token; pages are merged into one list per file.
#
# The script is read-only: it lists and gets, nothing else. The caller needs, on the organization:
#   cloudasset.assets.listResource, cloudasset.assets.listIamPolicy     (roles/cloudasset.viewer)
#   cloudasset.assets.searchAllIamPolicies                               (roles/cloudasset.viewer)
#   iam.roles.list, iam.roles.get                                        (roles/iam.organizationRoleViewer)
#   iam.serviceAccounts.list, iam.serviceAccountKeys.list                (roles/iam.securityReviewer covers these)
#   iam.denypolicies.list, iam.denypolicies.get                          (roles/iam.denyReviewer)
#   orgpolicy.policies.list, orgpolicy.policy.get                        (roles/orgpolicy.policyViewer)
#   container.clusters.list on each project                              (roles/container.clusterViewer)
#   with --with-kubernetes: container.clusters.get, and reading RBAC objects in each cluster
#   (container.clusterRoles.list, .clusterRoleBindings.list, .roles.list, .roleBindings.list, which
#   roles/container.viewer holds; or a Kubernetes role that may list them), and the clusters' endpoints reachable
#   compute.instances.list, compute.projects.get on each project         (roles/compute.viewer)
#   resourcemanager.tagKeys.list, resourcemanager.tagValues.list, and
#   resourcemanager.hierarchyNodes.listTagBindings, .listEffectiveTags   (roles/resourcemanager.tagViewer)
#   iam.workloadIdentityPools.list, iam.workloadIdentityPoolProviders.list (roles/iam.workloadIdentityPoolViewer)
#   iam.principalaccessboundarypolicies.list, .get                       (roles/iam.principalAccessBoundaryViewer)
#   iam.policybindings.list on the organization, folders and projects    (Google names Organization Administrator,
#                                                                          Folder and Project IAM Admin; a custom role
#                                                                          with this one permission is enough)
# and, for activity (skipped with --no-activity), on each project:
#   policyanalyzer.serviceAccountLastAuthenticationActivities.query,
#   policyanalyzer.serviceAccountKeyLastAuthenticationActivities.query   (roles/policyanalyzer.activityAnalysisViewer)
#   the IAM insights' list permissions (roles/recommender.iamViewer; policy insights also need Security Command
#   Center Premium or Enterprise)
# and the Cloud Asset API enabled in the project gcloud bills (see --billing-project), the Policy Analyzer and
# Recommender APIs for activity. Reading groups needs the
# Cloud Identity API enabled there too, and a caller who may see the groups and their members (a Google Workspace or
# Cloud Identity administrator role such as Groups Reader); --no-groups skips them.
#
# Usage: see --help.

set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scripts/export-gcp.sh ORGANIZATION_ID --output DIR [--billing-project PROJECT] [--no-keys] [--no-groups]
                             [--no-activity] [--with-kubernetes]

Exports the IAM policies, the resource hierarchy, roles, service accounts, service account keys, deny policies,
organization policies, GKE clusters, principal access boundary policies and their bindings, Google group memberships, and the authentication activity
and IAM insights of a Google Cloud organization into DIR, for `ward` to read. Read-only.

  ORGANIZATION_ID            the numeric organization id (gcloud organizations list)
  --output DIR               folder to write (created if needed)
  --billing-project PROJECT  project to bill the Cloud Asset API calls to (default: gcloud's current project)
  --no-keys                  skip the service account keys (one call per service account)
  --no-groups                skip the Google groups and their memberships (one call per group)
  --no-activity              skip authentication activity and IAM insights (four calls per project)
  --with-kubernetes          also read each GKE cluster's Kubernetes RBAC (roles and role bindings) with kubectl:
                             needs kubectl, network access to each cluster's API and permission to read RBAC there
  -h, --help                 this help

Sign in first with `gcloud auth login` (or a service account with the roles listed in the script's header).
USAGE
}

organization=""
output=""
billing=()
with_keys=1
with_groups=1
with_activity=1
with_kubernetes=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --output) output="${2:?--output needs a folder}"; shift 2 ;;
    --billing-project) billing=(--billing-project "${2:?--billing-project needs a project id}"); shift 2 ;;
    --no-keys) with_keys=0; shift ;;
    --no-groups) with_groups=0; shift ;;
    --no-activity) with_activity=0; shift ;;
    --with-kubernetes) with_kubernetes=1; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "export-gcp.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    *)
      if [[ -n "$organization" ]]; then
        echo "export-gcp.sh: one organization id only (see --help)" >&2
        exit 2
      fi
      organization="$1"; shift ;;
  esac
done

if [[ -z "$organization" || -z "$output" ]]; then
  echo "export-gcp.sh: an organization id and --output are required (see --help)" >&2
  exit 2
fi

if [[ ! "$organization" =~ ^[0-9]+$ ]]; then
  echo "export-gcp.sh: the organization id is numeric (gcloud organizations list), not '$organization'" >&2
  exit 2
fi

for tool in gcloud curl jq; do
  command -v "$tool" >/dev/null 2>&1 || { echo "export-gcp.sh: '$tool' is not installed" >&2; exit 2; }
done
if [[ "$with_kubernetes" -eq 1 ]]; then
  command -v kubectl >/dev/null 2>&1 || { echo "export-gcp.sh: --with-kubernetes needs 'kubectl'" >&2; exit 2; }
  mkdir -p "$output/kubernetes"
fi

iam="https://iam.googleapis.com/v1"
mkdir -p "$output/assets" "$output/roles/projects" "$output/service-accounts" "$output/deny-policies" "$output/workload-identity" \
  "$output/principal-access-boundaries" "$output/pam" "$output/org-policies" "$output/clusters" \
  "$output/compute/instances" "$output/compute/project-info"

# Every page of an IAM roles list with the permissions (view=FULL), merged into one JSON array.
roles_full() {
  local url="$1" file="$2" token page_token="" pages page=0
  token="$(gcloud auth print-access-token)"
  pages="$(mktemp -d)"
  while :; do
    page=$((page + 1))
    curl --fail --silent --show-error --get \
      --header "Authorization: Bearer $token" \
      --data-urlencode "view=FULL" --data-urlencode "showDeleted=true" --data-urlencode "pageSize=1000" \
      ${page_token:+--data-urlencode "pageToken=$page_token"} \
      "$url" >"$pages/$(printf '%05d' "$page").json"
    page_token="$(jq -r '.nextPageToken // empty' "$pages/$(printf '%05d' "$page").json")"
    [[ -n "$page_token" ]] || break
  done
  jq -s '[.[] | .roles // [] | .[]]' "$pages"/*.json >"$file"
  rm -rf "$pages"
}

echo "Reading the IAM policies of organization $organization" >&2
gcloud asset list "${billing[@]}" --organization="$organization" --content-type=iam-policy --format=json >"$output/assets/iam-policy.json"

echo "Reading the hierarchy, service accounts, keys, custom roles and Composer environments" >&2
gcloud asset list "${billing[@]}" --organization="$organization" --content-type=resource \
  --asset-types=cloudresourcemanager.googleapis.com/Organization,cloudresourcemanager.googleapis.com/Folder,cloudresourcemanager.googleapis.com/Project,iam.googleapis.com/ServiceAccount,iam.googleapis.com/ServiceAccountKey,iam.googleapis.com/Role,composer.googleapis.com/Environment,storage.googleapis.com/Bucket \
  --format=json >"$output/assets/resource.json"

echo "Searching every IAM policy of the organization" >&2
gcloud asset search-all-iam-policies "${billing[@]}" --scope="organizations/$organization" --format=json >"$output/iam-policies.json"

echo "Reading predefined and organization roles" >&2
roles_full "$iam/roles" "$output/roles/predefined.json"
roles_full "$iam/organizations/$organization/roles" "$output/roles/organization.json"

# Active projects only: a project pending deletion has no service accounts to list.
mapfile -t projects < <(jq -r '.[]
  | select(.assetType == "cloudresourcemanager.googleapis.com/Project")
  | .resource.data
  | select((.lifecycleState // .state // "ACTIVE") == "ACTIVE")
  | .projectId' "$output/assets/resource.json" | sort -u)

for project in "${projects[@]}"; do
  echo "Reading project $project" >&2
  roles_full "$iam/projects/$project/roles" "$output/roles/projects/$project.json"
  gcloud iam service-accounts list --project="$project" --format=json >"$output/service-accounts/$project.json"
  # A project without the Kubernetes Engine API enabled cannot list clusters: said, and no file written.
  if ! gcloud container clusters list --project="$project" --format=json >"$output/clusters/$project.json"; then
    rm -f "$output/clusters/$project.json"
    echo "export-gcp.sh: could not list the GKE clusters of $project (is the Kubernetes Engine API enabled, and may the caller list clusters?)" >&2
  elif [[ "$with_kubernetes" -eq 1 ]]; then
    # Each cluster's RBAC, in a file named after the kubectl context get-credentials creates (gke_PROJECT_LOCATION_NAME),
    # which is how Ward knows the cluster; a kubeconfig of its own, so the caller's is left alone.
    while IFS=$'\t' read -r name location; do
      context="gke_${project}_${location}_${name}"
      kubeconfig="$(mktemp)"
      if KUBECONFIG="$kubeconfig" gcloud container clusters get-credentials "$name" --location="$location" --project="$project" >/dev/null 2>&1 \
        && KUBECONFIG="$kubeconfig" kubectl get clusterroles,clusterrolebindings,roles,rolebindings --all-namespaces -o json >"$output/kubernetes/$context.json"; then
        :
      else
        rm -f "$output/kubernetes/$context.json"
        echo "export-gcp.sh: could not read the Kubernetes RBAC of cluster $name of $project (is its API reachable from here, and may the caller read RBAC objects?)" >&2
      fi
      rm -f "$kubeconfig"
    done < <(jq -r '.[] | [.name, .location] | @tsv' "$output/clusters/$project.json")
  fi
  # Likewise without the Compute Engine API: no file, so Ward keeps the ways through an existing VM conditional.
  if ! gcloud compute instances list --project="$project" --format=json >"$output/compute/instances/$project.json"; then
    rm -f "$output/compute/instances/$project.json"
    echo "export-gcp.sh: could not list the VM instances of $project (is the Compute Engine API enabled, and may the caller list instances?)" >&2
  elif ! gcloud compute project-info describe --project="$project" --format=json >"$output/compute/project-info/$project.json"; then
    rm -f "$output/compute/project-info/$project.json"
    echo "export-gcp.sh: could not read the Compute Engine metadata of $project" >&2
  fi
  {
    gcloud iam workload-identity-pools list --project="$project" --location=global --show-deleted --format=json
    mapfile -t pools < <(gcloud iam workload-identity-pools list --project="$project" --location=global --format='value(name)')
    for pool in "${pools[@]}"; do
      gcloud iam workload-identity-pools providers list --project="$project" --location=global --workload-identity-pool="${pool##*/}" --format=json
    done
  } | jq -s 'add // []' >"$output/workload-identity/$project.json"
  if [[ "$with_keys" -eq 1 ]]; then
    mkdir -p "$output/keys/$project"
    mapfile -t accounts < <(jq -r '.[].email' "$output/service-accounts/$project.json")
    for account in "${accounts[@]}"; do
      gcloud iam service-accounts keys list --iam-account="$account" --project="$project" --format=json >"$output/keys/$project/$account.json"
    done
  fi
done

# Deny policies: listed per attachment point (URL-encoded, as gcloud wants it), then each read whole.
deny_policies() {
  local resource="$1" attachment names file
  attachment="cloudresourcemanager.googleapis.com%2F${resource//\//%2F}"
  file="$output/deny-policies/${resource//\//-}.json"
  mapfile -t names < <(gcloud iam policies list --attachment-point="$attachment" --kind=denypolicies --format='value(name)')
  for name in "${names[@]}"; do
    gcloud iam policies get "${name##*/}" --attachment-point="$attachment" --kind=denypolicies --format=json
  done | jq -s '.' >"$file"
}

echo "Reading deny policies" >&2
deny_policies "organizations/$organization"
mapfile -t folders < <(jq -r '.[] | select(.assetType == "cloudresourcemanager.googleapis.com/Folder") | .resource.data.name' "$output/assets/resource.json" | sort -u)
for folder in "${folders[@]}"; do
  deny_policies "$folder"
done
for project in "${projects[@]}"; do
  deny_policies "projects/$project"
done

# Organization policies set on each node (v2, with their live and dry-run specs); Ward resolves inheritance itself.
echo "Reading organization policies" >&2
gcloud org-policies list --organization="$organization" --format=json >"$output/org-policies/organizations-$organization.json"
for folder in "${folders[@]}"; do
  gcloud org-policies list --folder="${folder#folders/}" --format=json >"$output/org-policies/${folder//\//-}.json"
done
for project in "${projects[@]}"; do
  gcloud org-policies list --project="$project" --format=json >"$output/org-policies/projects-$project.json"
done

# Tags: the tag keys of the organization and of each project with their values, and the tags of each node. An
# effective listing (`--effective`) does not name the resource it is about, so its path does:
# tags/effective/cloudresourcemanager.googleapis.com/<relative name>.json (a project by number). The organization
# inherits from nothing, so its own bindings are its tags (tags/bindings/…).
echo "Reading tags" >&2
tag_nodes="cloudresourcemanager.googleapis.com"
mkdir -p "$output/tags/keys" "$output/tags/values" "$output/tags/bindings/$tag_nodes/organizations" \
  "$output/tags/effective/$tag_nodes/folders" "$output/tags/effective/$tag_nodes/projects"
tag_keys() {
  local parent="$1" file="$output/tags/keys/${1//\//-}.json" keys key
  gcloud resource-manager tags keys list --parent="$parent" --format=json >"$file"
  mapfile -t keys < <(jq -r '.[].name' "$file")
  for key in "${keys[@]}"; do
    gcloud resource-manager tags values list --parent="$key" --format=json >"$output/tags/values/${key//\//-}.json"
  done
}
# A node whose tags cannot be listed is said and left without a file: Ward then leaves its tag conditions undecided.
node_tags() {
  local kind="$1" node="$2" file="$output/tags/$1/$tag_nodes/$2.json" flags=()
  [[ "$kind" == effective ]] && flags=(--effective)
  if ! gcloud resource-manager tags bindings list --parent="//$tag_nodes/$node" "${flags[@]}" --format=json >"$file"; then
    rm -f "$file"
    echo "export-gcp.sh: could not list the tags of $node (may the caller list tag bindings there?)" >&2
  fi
}
tag_keys "organizations/$organization"
node_tags bindings "organizations/$organization"
for folder in "${folders[@]}"; do
  node_tags effective "$folder"
done
mapfile -t project_numbers < <(jq -r '.[]
  | select(.assetType == "cloudresourcemanager.googleapis.com/Project")
  | .resource.data
  | select((.lifecycleState // .state // "ACTIVE") == "ACTIVE")
  | .projectNumber // (.name | select(startswith("projects/")) | ltrimstr("projects/")) // empty' "$output/assets/resource.json" | sort -u)
for number in "${project_numbers[@]}"; do
  tag_keys "projects/$number"
  node_tags effective "projects/$number"
done

# Principal access boundary policies: listed, then each described with its rules, into one list; their bindings
# per parent (organization, folder, project) as `policy-bindings list` prints them.
echo "Reading principal access boundary policies and policy bindings" >&2
mapfile -t boundaries < <(gcloud iam principal-access-boundary-policies list --organization="$organization" --location=global --format='value(name)')
for boundary in "${boundaries[@]}"; do
  gcloud iam principal-access-boundary-policies describe "${boundary##*/}" --organization="$organization" --location=global --format=json
done | jq -s '.' >"$output/principal-access-boundaries/policies.json"
policy_bindings() {
  local flag="$1" id="$2" stem="$3"
  gcloud iam policy-bindings list "$flag=$id" --location=global --format=json >"$output/principal-access-boundaries/bindings-$stem.json"
}
policy_bindings --organization "$organization" "organizations-$organization"
for folder in "${folders[@]}"; do
  policy_bindings --folder "${folder#folders/}" "${folder//\//-}"
done
for project in "${projects[@]}"; do
  policy_bindings --project "$project" "projects-$project"
done

# Privileged Access Manager entitlements, per parent. Where PAM is not enabled the list fails: reported, and the file
# left out (Ward then counts no entitlement there).
echo "Reading Privileged Access Manager entitlements" >&2
entitlements() {
  local flag="$1" id="$2" stem="$3"
  if ! gcloud pam entitlements list "$flag=$id" --location=global --format=json >"$output/pam/$stem.json"; then
    rm -f "$output/pam/$stem.json"
    echo "export-gcp.sh: could not list the PAM entitlements of $stem (is the Privileged Access Manager API enabled?)" >&2
  fi
}
entitlements --organization "$organization" "organizations-$organization"
for folder in "${folders[@]}"; do
  entitlements --folder "${folder#folders/}" "${folder//\//-}"
done
for project in "${projects[@]}"; do
  entitlements --project "$project" "projects-$project"
done

# Authentication activity (Activity Analyzer) and IAM insights. A project without the Policy Analyzer or Recommender
# API enabled is reported and skipped: Ward then says which analyses could not run.
activity() {
  local file="$1"; shift
  if ! "$@" --format=json >"$file"; then
    rm -f "$file"
    echo "export-gcp.sh: could not read $(basename "$file") (is the API enabled, and may the caller read it?)" >&2
  fi
}
if [[ "$with_activity" -eq 1 ]]; then
  echo "Reading authentication activity and IAM insights" >&2
  mkdir -p "$output/activity"
  for project in "${projects[@]}"; do
    activity "$output/activity/service-accounts-$project.json" gcloud policy-intelligence query-activity \
      --activity-type=serviceAccountLastAuthentication --project="$project" --limit=unlimited
    activity "$output/activity/keys-$project.json" gcloud policy-intelligence query-activity \
      --activity-type=serviceAccountKeyLastAuthentication --project="$project" --limit=unlimited
    activity "$output/activity/service-account-insights-$project.json" gcloud recommender insights list \
      --insight-type=google.iam.serviceAccount.Insight --project="$project" --location=global
    activity "$output/activity/policy-insights-projects-$project.json" gcloud recommender insights list \
      --insight-type=google.iam.policy.Insight --project="$project" --location=global
  done
  for folder in "${folders[@]}"; do
    activity "$output/activity/policy-insights-${folder//\//-}.json" gcloud recommender insights list \
      --insight-type=google.iam.policy.Insight --folder="${folder#folders/}" --location=global
  done
  activity "$output/activity/policy-insights-organizations-$organization.json" gcloud recommender insights list \
    --insight-type=google.iam.policy.Insight --organization="$organization" --location=global
fi

# Google groups: memberships name their group by id, which groups.json maps to the email bindings use.
if [[ "$with_groups" -eq 1 ]]; then
  echo "Reading Google groups and their memberships" >&2
  mkdir -p "$output/groups/memberships"
  gcloud identity groups search "${billing[@]}" --organization="$organization" \
    --labels="cloudidentity.googleapis.com/groups.discussion_forum" --format=json >"$output/groups/groups.json"
  mapfile -t groups < <(jq -r '.[].groupKey.id' "$output/groups/groups.json")
  for group in "${groups[@]}"; do
    gcloud identity groups memberships list "${billing[@]}" --group-email="$group" --view=full --format=json \
      >"$output/groups/memberships/$group.json"
  done
fi

echo "Done: $output" >&2
