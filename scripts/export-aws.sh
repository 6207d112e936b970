#!/usr/bin/env bash
# export-aws.sh - export the AWS identity data that Ward reads, using only the AWS CLI (and jq).
#
# Writes, under the output folder:
#   <account-id>/gaad.json                   aws iam get-account-authorization-details (every page, merged by the CLI)
#   <account-id>/credential-report.json      aws iam get-credential-report, as the CLI prints it (base64 Content
#                                            and GeneratedTime)
#   <account-id>/resource-policies.json      (unless --no-resources) bucket, key, queue, topic, secret, function
#                                            repository and event bus policies, {"ResourcePolicies": [...]}
#   <account-id>/s3-buckets.json             (unless --no-resources) the account's S3 Block Public Access setting;
#                                            per bucket, its Block Public Access setting, ACL and object ownership;
#                                            per access point, its configuration and policy
#   <account-id>/service-last-accessed.json  for every user and role but service-linked roles:
#                                            aws iam get-service-last-accessed-details,
#                                            wrapped as {"Arn": <principal>, "ServiceLastAccessed": <output>}
#   organization.json                        (--org only) the organization, its OU tree, accounts, SCPs and RCPs
#   identity-center.json                     (--org only, unless --no-identity-center) IAM Identity Center: instances,
#                                            permission sets with their policies, account assignments, and the
#                                            identity store's users, groups and group memberships
#
# The script is read-only. These are the only AWS API operations it calls:
#   sts:GetCallerIdentity
#   sts:AssumeRole                                  (--org only: to read each member account)
#   iam:GetAccountAuthorizationDetails
#   iam:GenerateCredentialReport                    (asks IAM to build the report; it changes no configuration)
#   iam:GetCredentialReport
#   iam:GenerateServiceLastAccessedDetails          (starts a report job; it changes no configuration)
#   iam:GetServiceLastAccessedDetails
#   organizations:DescribeOrganization              (--org only, and so are the seven below)
#   organizations:ListRoots
#   organizations:ListOrganizationalUnitsForParent
#   organizations:ListAccountsForParent
#   organizations:ListPolicies
#   organizations:DescribePolicy
#   organizations:ListTargetsForPolicy
#   organizations:DescribeResourcePolicy            (who is delegated to administer the organization)
#   sso:ListInstances                               (--org only, unless --no-identity-center, and so are the
#   sso:ListPermissionSets                           ones below, in --sso-region)
#   sso:DescribePermissionSet
#   sso:ListManagedPoliciesInPermissionSet
#   sso:ListCustomerManagedPolicyReferencesInPermissionSet
#   sso:GetInlinePolicyForPermissionSet
#   sso:GetPermissionsBoundaryForPermissionSet
#   sso:ListAccountsForProvisionedPermissionSet
#   sso:ListAccountAssignments
#   identitystore:ListUsers, identitystore:ListGroups, identitystore:ListGroupMemberships
#   organizations:ListDelegatedAdministrators       (who administers Identity Center besides the management account)
#   s3:ListAllMyBuckets, s3:GetBucketLocation, s3:GetBucketPolicy          (unless --no-resources, and so are
#   s3:GetAccountPublicAccessBlock, s3:GetBucketPublicAccessBlock,
#   s3:GetBucketAcl, s3:GetBucketOwnershipControls,
#   s3:ListAccessPoints, s3:GetAccessPoint, s3:GetAccessPointPolicy     (access points: in every bucket region
#                                                                        and in each of --resource-regions)
#   kms:ListKeys, kms:DescribeKey, kms:GetKeyPolicy                         the ones below, in each region of
#   sqs:ListQueues, sqs:GetQueueAttributes                                  --resource-regions)
#   sns:ListTopics, sns:GetTopicAttributes
#   secretsmanager:ListSecrets, secretsmanager:GetResourcePolicy
#   lambda:ListFunctions, lambda:GetPolicy
#   ecr:DescribeRepositories, ecr:GetRepositoryPolicy
#   events:ListEventBuses, events:DescribeEventBus
# It never creates, updates, tags, attaches or deletes anything.
#
# Requirements: AWS CLI v2 (v1 works; its timestamps end in "Z"), jq 1.6 or later.
# See docs/formats/aws.md for the files' formats and the permissions the caller needs.

set -euo pipefail

readonly PROG="export-aws"
readonly SESSION_NAME="ward-export"

PROFILE=""
OUTPUT=""
ORG_MODE=0
ROLE_NAME="OrganizationAccountAccessRole"
REGION=""
SERVICE_LAST_ACCESSED=1
RESOURCE_REGIONS=""
RESOURCES=1
IDENTITY_CENTER=1
SSO_REGION=""

usage() {
    cat <<'EOF'
Usage: export-aws.sh [--profile NAME] [--output DIR] [--region REGION] [--org [--role-name NAME]]
                     [--no-service-last-accessed]
                     [--resource-regions "REGION ..."] [--no-resources]
                     [--sso-region REGION] [--no-identity-center]

Export the AWS identity data that Ward reads. Read-only: it only calls get/list/describe operations,
sts:AssumeRole (with --org), iam:GenerateCredentialReport and iam:GenerateServiceLastAccessedDetails.

Options:
  --profile NAME     AWS CLI profile to use (default: the CLI's usual credential chain)
  --output DIR       folder to write into (default: ./ward-export-<UTC timestamp>)
  --region REGION    region for the STS and Organizations endpoints (default: the profile's
                     region, else us-east-1); IAM is global either way
  --org              export the whole organization: write organization.json, then assume
                     --role-name in every ACTIVE member account and export each one.
                     Run it from the management account or a delegated administrator.
  --role-name NAME   role to assume in member accounts (default: OrganizationAccountAccessRole)
  --no-service-last-accessed
                     skip service last accessed data (one IAM job per user and role, which
                     takes a while in large accounts); Ward then reports no unused services
  --resource-regions "R1 R2"
                     regions whose KMS keys, queues, topics, secrets, functions and repositories
                     are read (default: --region); S3 buckets are read in every region
  --no-resources     do not write resource-policies.json and s3-buckets.json
  --sso-region REGION
                     the region of the IAM Identity Center instance (default: --region)
  --no-identity-center
                     with --org, do not write identity-center.json
  -h, --help         show this help

Output:
  DIR/<account-id>/gaad.json                   aws iam get-account-authorization-details, all pages
  DIR/<account-id>/credential-report.json      the IAM credential report (CLI JSON, base64 CSV)
  DIR/<account-id>/service-last-accessed.json  service last accessed data of every user and role
                                               (but service-linked roles)
  DIR/<account-id>/resource-policies.json      bucket, key, queue, topic, secret, function, repository, event bus policies
  DIR/<account-id>/s3-buckets.json             S3 Block Public Access (account and buckets), bucket ACLs,
                                               object ownership, access points and their policies
  DIR/organization.json                        with --org: organization, OUs, accounts, SCPs, RCPs
  DIR/identity-center.json                     with --org: IAM Identity Center instances, permission sets,
                                               assignments, users, groups and group memberships

Requires the AWS CLI (v2 recommended) and jq.
Exit status: 0 on success, 1 on a fatal error, 2 if some accounts could not be exported.
EOF
}

log() { printf '%s: %s\n' "$PROG" "$*" >&2; }
warn() { printf '%s: warning: %s\n' "$PROG" "$*" >&2; }
die() {
    printf '%s: error: %s\n' "$PROG" "$*" >&2
    exit 1
}

need_value() {
    # $1 = option name, $2 = number of remaining arguments
    [ "$2" -ge 2 ] || die "$1 needs a value (see --help)"
}

while [ $# -gt 0 ]; do
    case "$1" in
        --profile) need_value "$1" $#; PROFILE=$2; shift 2 ;;
        --profile=*) PROFILE=${1#*=}; shift ;;
        --output) need_value "$1" $#; OUTPUT=$2; shift 2 ;;
        --output=*) OUTPUT=${1#*=}; shift ;;
        --region) need_value "$1" $#; REGION=$2; shift 2 ;;
        --region=*) REGION=${1#*=}; shift ;;
        --resource-regions) need_value "$1" $#; RESOURCE_REGIONS=$2; shift 2 ;;
        --resource-regions=*) RESOURCE_REGIONS=${1#*=}; shift ;;
        --no-resources) RESOURCES=0; shift ;;
        --sso-region) need_value "$1" $#; SSO_REGION=$2; shift 2 ;;
        --sso-region=*) SSO_REGION=${1#*=}; shift ;;
        --no-identity-center) IDENTITY_CENTER=0; shift ;;
        --role-name) need_value "$1" $#; ROLE_NAME=$2; shift 2 ;;
        --role-name=*) ROLE_NAME=${1#*=}; shift ;;
        --org) ORG_MODE=1; shift ;;
        --no-service-last-accessed) SERVICE_LAST_ACCESSED=0; shift ;;
        -h | --help) usage; exit 0 ;;
        *) die "unknown argument '$1' (see --help)" ;;
    esac
done

[ -n "$ROLE_NAME" ] || die "--role-name must not be empty"
[[ "$ROLE_NAME" =~ ^[A-Za-z0-9+=,.@_-]{1,64}$ ]] || die "--role-name '$ROLE_NAME' is not a valid IAM role name"

command -v aws >/dev/null 2>&1 || die "the AWS CLI ('aws') is not on PATH; install AWS CLI v2 first"
command -v jq >/dev/null 2>&1 || die "jq is not on PATH; it is required (apt-get install jq / brew install jq)"

cli_version=$(aws --version 2>&1 || true)
case "$cli_version" in
    aws-cli/2.*) ;;
    aws-cli/1.*) warn "AWS CLI v1 detected ($cli_version); it works, but v2 is recommended" ;;
    *) warn "could not tell the AWS CLI version from '$cli_version'" ;;
esac

# Options given to every call made with the caller's own credentials.
BASE_OPTS=(--no-cli-pager)
[ -z "$PROFILE" ] || BASE_OPTS+=(--profile "$PROFILE")
if [ -z "$REGION" ]; then
    if [ -n "${AWS_REGION:-}" ] || [ -n "${AWS_DEFAULT_REGION:-}" ]; then
        REGION=${AWS_REGION:-$AWS_DEFAULT_REGION}
    elif [ -n "$PROFILE" ]; then
        REGION=$(aws configure get region --profile "$PROFILE" 2>/dev/null || true)
    else
        REGION=$(aws configure get region 2>/dev/null || true)
    fi
    REGION=${REGION:-us-east-1}
fi
SSO_REGION=${SSO_REGION:-$REGION}
# Identity Center calls go to the instance's region, every other call to --region.
SSO_OPTS=("${BASE_OPTS[@]}" --region "$SSO_REGION")
BASE_OPTS+=(--region "$REGION")
RESOURCE_REGIONS=${RESOURCE_REGIONS:-$REGION}
# The options in force for the current account; a member-account subshell replaces them.
AWS_OPTS=("${BASE_OPTS[@]}")
export AWS_PAGER=""

aws_json() { aws "${AWS_OPTS[@]}" --output json "$@"; }
aws_text() { aws "${AWS_OPTS[@]}" --output text "$@"; }

OUTPUT=${OUTPUT:-./ward-export-$(date -u +%Y%m%dT%H%M%SZ)}
umask 077 # the export describes who can do what in the accounts: keep it private
mkdir -p "$OUTPUT" || die "cannot create output folder '$OUTPUT'"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ward-export.XXXXXX") || die "cannot create a temporary folder"
trap 'rm -rf "$TMP"' EXIT

# ---------------------------------------------------------------------------------------------
# One account: gaad.json, credential-report.json and service-last-accessed.json, with whatever
# credentials AWS_OPTS and the environment give.
# ---------------------------------------------------------------------------------------------

export_credential_report() {
    local out=$1 state="" attempt
    for attempt in $(seq 1 40); do
        if ! state=$(aws_text iam generate-credential-report --query State); then
            warn "iam generate-credential-report failed (needs iam:GenerateCredentialReport)"
            return 1
        fi
        [ "$state" = "COMPLETE" ] && break
        [ "$attempt" -eq 1 ] && log "  waiting for IAM to build the credential report ..."
        sleep 3
    done
    if [ "$state" != "COMPLETE" ]; then
        warn "the credential report was still '$state' after two minutes; try again later"
        return 1
    fi
    # Kept as the CLI prints it: Content is the CSV in base64, and GeneratedTime says how old the
    # report is (IAM reuses a report for up to four hours). Ward decodes it.
    if ! aws_json iam get-credential-report >"$out.tmp"; then
        rm -f "$out.tmp"
        warn "iam get-credential-report failed (needs iam:GetCredentialReport)"
        return 1
    fi
    if ! jq -e 'type == "object" and (.Content | type) == "string"' "$out.tmp" >/dev/null; then
        rm -f "$out.tmp"
        warn "get-credential-report did not return the expected JSON"
        return 1
    fi
    mv "$out.tmp" "$out"
}

service_last_accessed_of() {
    # Prints one job's complete output: polls until the job is no longer IN_PROGRESS, then follows
    # Marker if IAM split the list of services into pages.
    local job=$1 attempt page marker next
    for attempt in $(seq 1 60); do
        page=$(aws_json iam get-service-last-accessed-details --job-id "$job" --max-items 1000) || return 1
        [ "$(jq -r '.JobStatus' <<<"$page")" != "IN_PROGRESS" ] && break
        sleep 2
    done
    while [ "$(jq -r '.IsTruncated // false' <<<"$page")" = "true" ]; do
        marker=$(jq -r '.Marker // empty' <<<"$page")
        [ -n "$marker" ] || break
        next=$(aws_json iam get-service-last-accessed-details --job-id "$job" --max-items 1000 --marker "$marker") || return 1
        page=$(jq -c --argjson next "$next" '.ServicesLastAccessed += $next.ServicesLastAccessed
            | .IsTruncated = $next.IsTruncated | if $next.Marker then .Marker = $next.Marker else del(.Marker) end' <<<"$page")
    done
    printf '%s\n' "$page"
}

export_service_last_accessed() {
    # One job per user and role of gaad.json (service-linked roles aside: their policies belong to
    # AWS): all jobs are started first, then collected in order, each wrapped with the principal's ARN
    # (the CLI output does not name it).
    local gaad=$1 out=$2 arn job output count=0
    : >"$TMP/jobs.tsv"
    : >"$TMP/service-last-accessed.jsonl"
    while IFS= read -r arn; do
        [ -n "$arn" ] || continue
        if ! job=$(aws_text iam generate-service-last-accessed-details --arn "$arn" --query JobId); then
            warn "iam generate-service-last-accessed-details failed for $arn (needs iam:GenerateServiceLastAccessedDetails)"
            return 1
        fi
        printf '%s\t%s\n' "$arn" "$job" >>"$TMP/jobs.tsv"
    done < <(jq -r '.UserDetailList[].Arn, (.RoleDetailList[] | select(.Path | startswith("/aws-service-role/") | not) | .Arn)' "$gaad")
    while IFS=$'\t' read -r arn job; do
        if ! output=$(service_last_accessed_of "$job"); then
            warn "iam get-service-last-accessed-details failed for $arn (needs iam:GetServiceLastAccessedDetails)"
            return 1
        fi
        [ "$(jq -r '.JobStatus' <<<"$output")" = "COMPLETED" ] ||
            warn "  the job for $arn is $(jq -r '.JobStatus' <<<"$output"); Ward will report it"
        jq -c --arg arn "$arn" '{Arn: $arn, ServiceLastAccessed: .}' <<<"$output" >>"$TMP/service-last-accessed.jsonl"
        count=$((count + 1))
    done <"$TMP/jobs.tsv"
    jq -s '.' "$TMP/service-last-accessed.jsonl" >"$out.tmp"
    mv "$out.tmp" "$out"
    log "  service last accessed data of $count users and roles"
}

export_account() {
    local account=$1 dir="$OUTPUT/$1"
    mkdir -p "$dir"
    log "$account: reading IAM users, groups, roles and policies (all pages)"
    if ! aws_json iam get-account-authorization-details >"$dir/gaad.json.tmp"; then
        rm -f "$dir/gaad.json.tmp"
        warn "$account: iam get-account-authorization-details failed (needs iam:GetAccountAuthorizationDetails)"
        return 1
    fi
    if ! jq -e 'type == "object" and has("UserDetailList") and has("RoleDetailList")' "$dir/gaad.json.tmp" >/dev/null; then
        rm -f "$dir/gaad.json.tmp"
        warn "$account: get-account-authorization-details did not return the expected JSON"
        return 1
    fi
    mv "$dir/gaad.json.tmp" "$dir/gaad.json"
    log "$account: reading the credential report"
    export_credential_report "$dir/credential-report.json" || { warn "$account: no credential report written"; return 1; }
    if [ "$SERVICE_LAST_ACCESSED" -eq 1 ]; then
        log "$account: reading service last accessed data of every user and role"
        export_service_last_accessed "$dir/gaad.json" "$dir/service-last-accessed.json" ||
            { warn "$account: no service last accessed data written"; return 1; }
    fi
    if [ "$RESOURCES" -eq 1 ]; then
        log "$account: reading resource policies (S3: every region; the rest: $RESOURCE_REGIONS)"
        export_resource_policies "$account" "$dir/resource-policies.json" "$dir/s3-buckets.json" ||
            { warn "$account: no resource-policies.json written"; return 1; }
    fi
    log "$account: done -> $dir"
}

# ---------------------------------------------------------------------------------------------
# Resource policies: resource-policies.json, {"ResourcePolicies": [{Arn, Type, Account, Region, Policy}]}.
# Policy is kept exactly as the CLI returns it (a JSON string). Resources without a policy are left out;
# any other error (access denied, throttling) is reported, and the resource is left out too. Alongside,
# s3-buckets.json, {"Account", "AccountPublicAccessBlock", "S3Buckets": [{Name, Region, PublicAccessBlock, Acl,
# OwnershipControls}], "AccessPoints": [{Region, AccessPoint, Policy}]}, keeps each S3 call's output as the CLI
# prints it: null when nothing is configured, the property left out when the call failed otherwise.
# ---------------------------------------------------------------------------------------------

policy_of() {
    # Prints the --query result of one get call (a JSON string) or nothing when the resource has no policy.
    local out
    if ! out=$(aws_json "$@" 2>"$TMP/resource.err"); then
        if ! grep -qE 'NoSuchBucketPolicy|ResourceNotFoundException|RepositoryPolicyNotFoundException|NotFoundException' "$TMP/resource.err"; then
            warn "aws $1 $2 failed: $(tr '\n' ' ' <"$TMP/resource.err")"
        fi
        return 0
    fi
    [ "$out" = "null" ] || [ -z "$out" ] || printf '%s' "$out"
}

s3_setting() {
    # s3_setting NOT-FOUND-ERROR COMMAND...: prints the command's JSON output as the CLI prints it, "null" when it
    # fails with NOT-FOUND-ERROR (nothing is configured), or nothing when it fails otherwise (the setting stays unknown).
    local missing=$1 out
    shift
    if out=$(aws_json "$@" 2>"$TMP/s3.err"); then
        printf '%s' "$out"
    elif grep -q "$missing" "$TMP/s3.err"; then
        printf 'null'
    else
        warn "aws $1 $2 failed: $(tr '\n' ' ' <"$TMP/s3.err")"
    fi
}

add_bucket() {
    # add_bucket NAME REGION: one s3-buckets.json entry; a setting that could not be read is left out (unknown).
    local name=$1 region=$2 block acl ownership
    block=$(s3_setting NoSuchPublicAccessBlockConfiguration s3api get-public-access-block --bucket "$name" --region "$region")
    acl=$(s3_setting NoSuchBucket s3api get-bucket-acl --bucket "$name" --region "$region")
    ownership=$(s3_setting OwnershipControlsNotFoundError s3api get-bucket-ownership-controls --bucket "$name" --region "$region")
    jq -c -n --arg name "$name" --arg region "$region" --arg block "$block" --arg acl "$acl" --arg ownership "$ownership" \
        '{Name: $name, Region: $region}
         + (if $block == "" then {} else {PublicAccessBlock: ($block | fromjson)} end)
         + (if $acl == "" or $acl == "null" then {} else {Acl: ($acl | fromjson)} end)
         + (if $ownership == "" then {} else {OwnershipControls: ($ownership | fromjson)} end)' >>"$TMP/buckets.jsonl"
}

add_access_points() {
    # add_access_points ACCOUNT REGION: one s3-buckets.json entry per access point the account has in REGION, with
    # get-access-point and get-access-point-policy as printed (Policy null: the access point has none; left out: not read).
    local account=$1 region=$2 names="" name point policy page token=""
    # Paged by hand (NextToken, --no-paginate): whether the CLI follows this list's pages itself depends on its version.
    while :; do
        if ! page=$(aws_json s3control list-access-points --account-id "$account" --region "$region" --no-paginate ${token:+--next-token "$token"} 2>"$TMP/s3.err"); then
            warn "aws s3control list-access-points failed in $region: $(tr '\n' ' ' <"$TMP/s3.err")"
            break
        fi
        names+="$(jq -r '.AccessPointList[]?.Name' <<<"$page")"$'\n'
        token=$(jq -r '.NextToken // empty' <<<"$page")
        [ -n "$token" ] || break
    done
    for name in $names; do
        point=$(s3_setting NoSuchAccessPoint s3control get-access-point --account-id "$account" --name "$name" --region "$region")
        [ -n "$point" ] && [ "$point" != "null" ] || continue
        policy=$(s3_setting NoSuchAccessPointPolicy s3control get-access-point-policy --account-id "$account" --name "$name" --region "$region")
        jq -c -n --arg region "$region" --argjson point "$point" --arg policy "$policy" \
            '{Region: $region, AccessPoint: $point} + (if $policy == "" then {} else {Policy: ($policy | fromjson)} end)' >>"$TMP/access-points.jsonl"
    done
}

add_resource() {
    # add_resource ARN TYPE ACCOUNT REGION POLICY-JSON-STRING
    [ -n "$5" ] || return 0
    jq -c -n --arg arn "$1" --arg type "$2" --arg account "$3" --arg region "$4" --argjson policy "$5" \
        '{Arn: $arn, Type: $type, Account: $account, Region: $region, Policy: $policy}' >>"$TMP/resources.jsonl"
}

export_resource_policies() {
    local account=$1 out=$2 s3_out=$3 region buckets bucket location item name account_block bucket_regions=""
    : >"$TMP/resources.jsonl"
    : >"$TMP/buckets.jsonl"
    : >"$TMP/access-points.jsonl"
    # The account's own Block Public Access setting (S3 Control): null when none is configured.
    account_block=$(s3_setting NoSuchPublicAccessBlockConfiguration s3control get-public-access-block --account-id "$account")
    if buckets=$(aws_text s3api list-buckets --query 'Buckets[].Name' 2>/dev/null); then
        for bucket in $buckets; do
            [ "$bucket" = "None" ] && continue
            location=$(aws_text s3api get-bucket-location --bucket "$bucket" --query LocationConstraint 2>/dev/null || echo "")
            case "$location" in None | "") location=us-east-1 ;; EU) location=eu-west-1 ;; esac
            add_resource "arn:$PARTITION:s3:::$bucket" AWS::S3::Bucket "$account" "$location" \
                "$(policy_of s3api get-bucket-policy --bucket "$bucket" --region "$location" --query Policy)"
            add_bucket "$bucket" "$location"
            bucket_regions="$bucket_regions $location"
        done
    else
        warn "$account: s3api list-buckets failed (needs s3:ListAllMyBuckets); no bucket policies"
    fi
    # Access points live in their bucket's region (S3 Control is regional): every bucket region, and --resource-regions.
    for region in $(printf '%s\n' $bucket_regions $RESOURCE_REGIONS | sort -u); do
        add_access_points "$account" "$region"
    done
    # s3-buckets.json: AccountPublicAccessBlock is left out when it could not be read (unknown), null when none is set.
    jq -s --arg account "$account" --arg block "$account_block" --slurpfile points "$TMP/access-points.jsonl" \
        '{Account: $account} + (if $block == "" then {} else {AccountPublicAccessBlock: ($block | fromjson)} end) + {S3Buckets: ., AccessPoints: $points}' \
        "$TMP/buckets.jsonl" >"$s3_out.tmp" && mv "$s3_out.tmp" "$s3_out"
    log "$account: S3 settings of $(jq '.S3Buckets | length' "$s3_out") buckets and $(jq '.AccessPoints | length' "$s3_out") access points -> $s3_out"
    for region in $RESOURCE_REGIONS; do
        for item in $(aws_text kms list-keys --region "$region" --query 'Keys[].KeyArn' 2>/dev/null || true); do
            [ "$(aws_text kms describe-key --region "$region" --key-id "$item" --query KeyMetadata.KeyManager 2>/dev/null)" = "CUSTOMER" ] || continue
            add_resource "$item" AWS::KMS::Key "$account" "$region" \
                "$(policy_of kms get-key-policy --region "$region" --key-id "$item" --policy-name default --query Policy)"
        done
        for item in $(aws_text sqs list-queues --region "$region" --query 'QueueUrls' 2>/dev/null || true); do
            [ "$item" = "None" ] && continue
            name=${item##*/}
            add_resource "arn:$PARTITION:sqs:$region:$account:$name" AWS::SQS::Queue "$account" "$region" \
                "$(policy_of sqs get-queue-attributes --region "$region" --queue-url "$item" --attribute-names Policy --query Attributes.Policy)"
        done
        for item in $(aws_text sns list-topics --region "$region" --query 'Topics[].TopicArn' 2>/dev/null || true); do
            [ "$item" = "None" ] && continue
            add_resource "$item" AWS::SNS::Topic "$account" "$region" \
                "$(policy_of sns get-topic-attributes --region "$region" --topic-arn "$item" --query Attributes.Policy)"
        done
        for item in $(aws_text secretsmanager list-secrets --region "$region" --query 'SecretList[].ARN' 2>/dev/null || true); do
            [ "$item" = "None" ] && continue
            add_resource "$item" AWS::SecretsManager::Secret "$account" "$region" \
                "$(policy_of secretsmanager get-resource-policy --region "$region" --secret-id "$item" --query ResourcePolicy)"
        done
        for item in $(aws_text lambda list-functions --region "$region" --query 'Functions[].FunctionArn' 2>/dev/null || true); do
            [ "$item" = "None" ] && continue
            add_resource "$item" AWS::Lambda::Function "$account" "$region" \
                "$(policy_of lambda get-policy --region "$region" --function-name "$item" --query Policy)"
        done
        for item in $(aws_text ecr describe-repositories --region "$region" --query 'repositories[].repositoryArn' 2>/dev/null || true); do
            [ "$item" = "None" ] && continue
            add_resource "$item" AWS::ECR::Repository "$account" "$region" \
                "$(policy_of ecr get-repository-policy --region "$region" --repository-name "${item#*:repository/}" --query policyText)"
        done
        for item in $(aws_text events list-event-buses --region "$region" --query 'EventBuses[].Arn' 2>/dev/null || true); do
            [ "$item" = "None" ] && continue
            add_resource "$item" AWS::Events::EventBus "$account" "$region" \
                "$(policy_of events describe-event-bus --region "$region" --name "$item" --query Policy)"
        done
    done
    jq -s '{ResourcePolicies: .}' "$TMP/resources.jsonl" >"$out.tmp" && mv "$out.tmp" "$out"
    log "$account: $(jq '.ResourcePolicies | length' "$out") resource policies -> $out"
}

# ---------------------------------------------------------------------------------------------
# The organization: organization.json in the shape documented in docs/formats/aws.md.
# ---------------------------------------------------------------------------------------------

walk_parent() {
    # Records the accounts and OUs directly under $1, then recurses into each OU.
    local parent=$1 accounts ous count i ou ou_id
    accounts=$(aws_json organizations list-accounts-for-parent --parent-id "$parent" --query 'Accounts') ||
        die "organizations list-accounts-for-parent --parent-id $parent failed"
    jq -c --arg parent "$parent" '.[] | {Id, Arn, Email, Name, Status: (.Status // .State), JoinedMethod,
        JoinedTimestamp, ParentId: $parent}' <<<"$accounts" >>"$TMP/accounts.jsonl"
    ous=$(aws_json organizations list-organizational-units-for-parent --parent-id "$parent" \
        --query 'OrganizationalUnits') ||
        die "organizations list-organizational-units-for-parent --parent-id $parent failed"
    count=$(jq 'length' <<<"$ous")
    for ((i = 0; i < count; i++)); do
        ou=$(jq -c --arg parent "$parent" ".[$i] | {Id, Arn, Name, ParentId: \$parent}" <<<"$ous")
        printf '%s\n' "$ou" >>"$TMP/ous.jsonl"
        ou_id=$(jq -r '.Id' <<<"$ou")
        log "  OU $ou_id ($(jq -r '.Name' <<<"$ou"))"
        walk_parent "$ou_id"
    done
}

export_policies() {
    local type=$1 ids id policy targets
    if ! ids=$(aws_text organizations list-policies --filter "$type" --query 'Policies[].Id'); then
        warn "could not list $type policies (is that policy type enabled?); organization.json will have none"
        return 0
    fi
    for id in $ids; do
        [ "$id" = "None" ] && continue
        log "  $type $id"
        policy=$(aws_json organizations describe-policy --policy-id "$id" --query 'Policy') ||
            die "organizations describe-policy --policy-id $id failed"
        targets=$(aws_json organizations list-targets-for-policy --policy-id "$id" --query 'Targets || `[]`') ||
            die "organizations list-targets-for-policy --policy-id $id failed"
        jq -c --argjson targets "$targets" '{PolicySummary, Content, Targets: $targets}' <<<"$policy" \
            >>"$TMP/policies.jsonl"
    done
}

export_organization() {
    local org roots count i root_id resource_policy
    log "reading the organization"
    org=$(aws_json organizations describe-organization --query 'Organization') ||
        die "organizations describe-organization failed: is this account in an organization, and may it read it?"
    if [ "$(jq -r '.MasterAccountId' <<<"$org")" != "$CALLER_ACCOUNT" ]; then
        warn "account $CALLER_ACCOUNT is not the management account; the Organizations reads below only work" \
            "for a delegated administrator"
    fi
    roots=$(aws_json organizations list-roots --query 'Roots') || die "organizations list-roots failed"
    : >"$TMP/accounts.jsonl"
    : >"$TMP/ous.jsonl"
    : >"$TMP/policies.jsonl"
    count=$(jq 'length' <<<"$roots")
    for ((i = 0; i < count; i++)); do
        root_id=$(jq -r ".[$i].Id" <<<"$roots")
        log "  root $root_id"
        walk_parent "$root_id"
    done
    export_policies SERVICE_CONTROL_POLICY
    export_policies RESOURCE_CONTROL_POLICY
    # The delegation policy: null when the organization has none; left out (unknown) when it cannot be read.
    local delegation='{}'
    if resource_policy=$(aws_json organizations describe-resource-policy --query 'ResourcePolicy' 2>"$TMP/resource-policy.err"); then
        delegation=$(jq -c '{ResourcePolicy: .}' <<<"$resource_policy")
    elif grep -q ResourcePolicyNotFoundException "$TMP/resource-policy.err"; then
        delegation='{"ResourcePolicy": null}'
    else
        warn "organizations describe-resource-policy failed ($(tr '\n' ' ' <"$TMP/resource-policy.err")); delegated administration stays unknown"
    fi
    jq -n --argjson org "$org" --argjson roots "$roots" \
        --slurpfile ous "$TMP/ous.jsonl" --slurpfile accounts "$TMP/accounts.jsonl" \
        --slurpfile policies "$TMP/policies.jsonl" --argjson delegation "$delegation" \
        '{Organization: $org, Roots: $roots, OrganizationalUnits: $ous, Accounts: $accounts, Policies: $policies} + $delegation' \
        >"$OUTPUT/organization.json.tmp"
    mv "$OUTPUT/organization.json.tmp" "$OUTPUT/organization.json"
    log "organization: $(jq '.Accounts | length' "$OUTPUT/organization.json") accounts," \
        "$(jq '.OrganizationalUnits | length' "$OUTPUT/organization.json") OUs," \
        "$(jq '.Policies | length' "$OUTPUT/organization.json") policies -> $OUTPUT/organization.json"
}

# ---------------------------------------------------------------------------------------------
# IAM Identity Center: identity-center.json in the shape documented in docs/formats/aws.md. Each
# CLI response is kept as the CLI returns it; assignments and memberships name their permission
# set and group themselves, so they are listed flat.
# ---------------------------------------------------------------------------------------------

sso_json() { aws "${SSO_OPTS[@]}" --output json "$@"; }

export_identity_center() {
    local out="$OUTPUT/identity-center.json" instances count i instance store ps_arns ps_arn ps managed customer
    local inline boundary accounts account groups group_ids group_id delegated='{}'
    log "reading IAM Identity Center (region $SSO_REGION)"
    if ! instances=$(sso_json sso-admin list-instances --query 'Instances'); then
        warn "sso-admin list-instances failed (needs sso:ListInstances); no identity-center.json written"
        return 1
    fi
    : >"$TMP/permission-sets.jsonl"
    : >"$TMP/assignments.jsonl"
    : >"$TMP/users.jsonl"
    : >"$TMP/groups.jsonl"
    : >"$TMP/memberships.jsonl"
    count=$(jq 'length' <<<"$instances")
    for ((i = 0; i < count; i++)); do
        instance=$(jq -r ".[$i].InstanceArn" <<<"$instances")
        store=$(jq -r ".[$i].IdentityStoreId" <<<"$instances")
        log "  instance $instance (identity store $store)"
        ps_arns=$(sso_json sso-admin list-permission-sets --instance-arn "$instance" --query 'PermissionSets') ||
            { warn "sso-admin list-permission-sets failed"; return 1; }
        for ps_arn in $(jq -r '.[]' <<<"$ps_arns"); do
            ps=$(sso_json sso-admin describe-permission-set --instance-arn "$instance" --permission-set-arn "$ps_arn" \
                --query 'PermissionSet') || { warn "sso-admin describe-permission-set failed for $ps_arn"; return 1; }
            managed=$(sso_json sso-admin list-managed-policies-in-permission-set --instance-arn "$instance" \
                --permission-set-arn "$ps_arn" --query 'AttachedManagedPolicies || `[]`') || return 1
            customer=$(sso_json sso-admin list-customer-managed-policy-references-in-permission-set --instance-arn "$instance" \
                --permission-set-arn "$ps_arn" --query 'CustomerManagedPolicyReferences || `[]`') || return 1
            # A JSON string: the policy, or "" when the permission set has none.
            inline=$(sso_json sso-admin get-inline-policy-for-permission-set --instance-arn "$instance" \
                --permission-set-arn "$ps_arn" --query 'InlinePolicy') || return 1
            # null when the permission set has no boundary (the call then fails with ResourceNotFoundException).
            if ! boundary=$(sso_json sso-admin get-permissions-boundary-for-permission-set --instance-arn "$instance" \
                --permission-set-arn "$ps_arn" --query 'PermissionsBoundary' 2>"$TMP/boundary.err"); then
                grep -q ResourceNotFoundException "$TMP/boundary.err" ||
                    { warn "sso-admin get-permissions-boundary-for-permission-set failed: $(tr '\n' ' ' <"$TMP/boundary.err")"; return 1; }
                boundary=null
            fi
            jq -c -n --arg instance "$instance" --argjson ps "$ps" --argjson managed "$managed" --argjson customer "$customer" \
                --argjson inline "$inline" --argjson boundary "$boundary" \
                '{InstanceArn: $instance, PermissionSet: $ps, AttachedManagedPolicies: $managed,
                  CustomerManagedPolicyReferences: $customer, InlinePolicy: $inline, PermissionsBoundary: $boundary}' \
                >>"$TMP/permission-sets.jsonl"
            accounts=$(sso_json sso-admin list-accounts-for-provisioned-permission-set --instance-arn "$instance" \
                --permission-set-arn "$ps_arn" --query 'AccountIds || `[]`') || return 1
            for account in $(jq -r '.[]' <<<"$accounts"); do
                sso_json sso-admin list-account-assignments --instance-arn "$instance" --account-id "$account" \
                    --permission-set-arn "$ps_arn" --query 'AccountAssignments' | jq -c '.[]' >>"$TMP/assignments.jsonl" ||
                    { warn "sso-admin list-account-assignments failed for $ps_arn in $account"; return 1; }
            done
        done
        sso_json identitystore list-users --identity-store-id "$store" --query 'Users' | jq -c '.[]' >>"$TMP/users.jsonl" ||
            { warn "identitystore list-users failed (needs identitystore:ListUsers)"; return 1; }
        groups=$(sso_json identitystore list-groups --identity-store-id "$store" --query 'Groups') ||
            { warn "identitystore list-groups failed (needs identitystore:ListGroups)"; return 1; }
        jq -c '.[]' <<<"$groups" >>"$TMP/groups.jsonl"
        group_ids=$(jq -r '.[].GroupId' <<<"$groups")
        for group_id in $group_ids; do
            sso_json identitystore list-group-memberships --identity-store-id "$store" --group-id "$group_id" \
                --query 'GroupMemberships' | jq -c '.[]' >>"$TMP/memberships.jsonl" ||
                { warn "identitystore list-group-memberships failed for group $group_id"; return 1; }
        done
    done
    # Left out (unknown) when it cannot be read, e.g. from a delegated administrator without Organizations rights.
    if delegated=$(aws_json organizations list-delegated-administrators --service-principal sso.amazonaws.com \
        --query 'DelegatedAdministrators' 2>"$TMP/delegated.err"); then
        delegated=$(jq -c '{DelegatedAdministrators: .}' <<<"$delegated")
    else
        warn "organizations list-delegated-administrators failed ($(tr '\n' ' ' <"$TMP/delegated.err")); delegated administrators of Identity Center stay unknown"
        delegated='{}'
    fi
    jq -n --argjson instances "$instances" --slurpfile permission_sets "$TMP/permission-sets.jsonl" \
        --slurpfile assignments "$TMP/assignments.jsonl" --slurpfile users "$TMP/users.jsonl" \
        --slurpfile groups "$TMP/groups.jsonl" --slurpfile memberships "$TMP/memberships.jsonl" --argjson delegated "$delegated" \
        '{Instances: $instances, PermissionSets: $permission_sets, AccountAssignments: $assignments,
          Users: $users, Groups: $groups, GroupMemberships: $memberships} + $delegated' >"$out.tmp"
    mv "$out.tmp" "$out"
    log "identity center: $count instance(s), $(jq '.PermissionSets | length' "$out") permission sets," \
        "$(jq '.AccountAssignments | length' "$out") assignments, $(jq '.Users | length' "$out") users," \
        "$(jq '.Groups | length' "$out") groups -> $out"
}

export_member_account() {
    # Assume ROLE_NAME in the account and export it in a subshell, so the role's credentials live
    # only in that subshell's environment and are never written anywhere.
    local account=$1 role_arn creds
    role_arn="arn:$PARTITION:iam::$account:role/$ROLE_NAME"
    log "$account: assuming $role_arn"
    if ! creds=$(aws_text sts assume-role --role-arn "$role_arn" --role-session-name "$SESSION_NAME" \
        --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]'); then
        warn "$account: could not assume $role_arn (does the role exist and trust this caller?)"
        return 1
    fi
    (
        read -r key secret token <<<"$creds"
        unset AWS_PROFILE AWS_DEFAULT_PROFILE
        export AWS_ACCESS_KEY_ID="$key" AWS_SECRET_ACCESS_KEY="$secret" AWS_SESSION_TOKEN="$token"
        AWS_OPTS=(--no-cli-pager --region "$REGION")
        seen=$(aws_text sts get-caller-identity --query Account) || exit 1
        [ "$seen" = "$account" ] || { warn "$account: assumed role reports account $seen"; exit 1; }
        export_account "$account"
    )
}

# ---------------------------------------------------------------------------------------------

identity=$(aws_text sts get-caller-identity --query '[Account,Arn]') ||
    die "aws sts get-caller-identity failed: check --profile and your credentials"
read -r CALLER_ACCOUNT CALLER_ARN <<<"$identity"
PARTITION=$(cut -d: -f2 <<<"$CALLER_ARN")
log "caller $CALLER_ARN (account $CALLER_ACCOUNT), writing to $OUTPUT"

FAILED=()
if [ "$ORG_MODE" -eq 0 ]; then
    export_account "$CALLER_ACCOUNT" || FAILED+=("$CALLER_ACCOUNT")
else
    export_organization
    if [ "$IDENTITY_CENTER" -eq 1 ]; then
        export_identity_center || FAILED+=("identity-center.json")
    fi
    while IFS=$'\t' read -r account status; do
        [ -n "$account" ] || continue
        if [ "$status" != "ACTIVE" ]; then
            log "$account: skipped (status $status)"
            continue
        fi
        if [ "$account" = "$CALLER_ACCOUNT" ]; then
            export_account "$account" || FAILED+=("$account")
        else
            export_member_account "$account" || FAILED+=("$account")
        fi
    done < <(jq -r '.Accounts[] | [.Id, .Status] | @tsv' "$OUTPUT/organization.json")
fi

if [ "${#FAILED[@]}" -gt 0 ]; then
    warn "not exported: ${FAILED[*]} (see the messages above)"
    exit 2
fi
log "export complete: $OUTPUT"
