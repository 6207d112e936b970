// The fictional AWS estate the corpus is drawn from: one organization with workload, security,
// sandbox and shared-services accounts, a partner organization and a standalone vendor account.
// Names, ids and tags follow the style of the shared sample cases.

export const ORG = 'o-7k2m9xq4ab'
export const PARTNER_ORG = 'o-p4rtn3r9zz'

export const PROD = '111122223333'
export const DEV = '444455556666'
export const SEC = '210987654321'
export const SBX = '135792468024'
export const SHARED = '246813579135'
export const PARTNER = '777788889999'
export const VENDOR = '999988887777'

/** Accounts with their organization and OU path (root first). The SCP/RCP levels are the path plus the account. */
export const ACCOUNTS = {
  [PROD]: { name: 'prod', org: ORG, path: ['r-4f2a', 'ou-4f2a-wkld1a2b', 'ou-4f2a-prod3c4d'], region: 'us-east-1' },
  [DEV]: { name: 'dev', org: ORG, path: ['r-4f2a', 'ou-4f2a-wkld1a2b', 'ou-4f2a-dev5e6f'], region: 'eu-west-1' },
  [SEC]: { name: 'security', org: ORG, path: ['r-4f2a', 'ou-4f2a-sec7g8h9'], region: 'us-east-1' },
  [SBX]: { name: 'sandbox', org: ORG, path: ['r-4f2a', 'ou-4f2a-sbx0j1k2'], region: 'us-west-2' },
  [SHARED]: { name: 'shared-services', org: ORG, path: ['r-4f2a'], region: 'eu-central-1' },
  [PARTNER]: { name: 'partner', org: PARTNER_ORG, path: ['r-9z8y'], region: 'eu-west-1' },
  [VENDOR]: { name: 'vendor', org: null, path: [], region: 'us-east-1' }
}
export const ALL_ACCOUNTS = Object.keys(ACCOUNTS)

export function orgPath(account) {
  const a = ACCOUNTS[account]
  if (!a.org) return null
  return `${a.org}/${a.path.join('/')}/`
}

export const REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'eu-west-1',
  'eu-central-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'sa-east-1'
]

export const USERS = [
  { name: 'erin', path: 'engineering/', account: DEV, userid: 'AIDAX6E2ND1EXAMPLE4', tags: { team: 'platform', 'cost-center': 'cc-2002' } },
  { name: 'dave', path: '', account: DEV, userid: 'AIDA1D45X3NEXAMPLE4', tags: { team: 'data', env: 'dev' } },
  { name: 'carol', path: 'contractors/', account: PROD, userid: 'AIDAXUUUNVUEXAMPLE5', tags: { team: 'payments', employment: 'contractor' } },
  { name: 'alice', path: '', account: PROD, userid: 'AIDAQ7RL2K4EXAMPLE1', tags: { team: 'payments', 'cost-center': 'cc-1001', env: 'prod' } },
  { name: 'bob', path: 'engineering/', account: PROD, userid: 'AIDAZ3MB8W1EXAMPLE2', tags: { team: 'platform' } },
  { name: 'deploy-bot', path: 'service/', account: PROD, userid: 'AIDAV9CE5T3EXAMPLE7', tags: { team: 'platform', env: 'prod' } },
  { name: 'frank', path: '', account: SEC, userid: 'AIDAW2FR4N6EXAMPLE3', tags: { team: 'security' } },
  { name: 'grace', path: '', account: SBX, userid: 'AIDAG8RC3E5EXAMPLE6', tags: { team: 'data', env: 'sandbox' } },
  { name: 'heidi', path: 'ops/', account: SHARED, userid: 'AIDAH3ID1E9EXAMPLE8', tags: { team: 'platform', env: 'shared', badge: 'cGxhdGZvcm0tYWRtaW4=' } },
  { name: 'ivan', path: 'analysts/', account: SHARED, userid: 'AIDAI7VA2N3EXAMPLE2', tags: { team: 'data', badge: 'ZGF0YS1yZWFkZXI=', scope: 'exports/*' } },
  { name: 'integration', path: '', account: PARTNER, userid: 'AIDAP4RT9N2EXAMPLE9', tags: {} },
  { name: 'scanner', path: '', account: VENDOR, userid: 'AIDAV3ND0R7EXAMPLE0', tags: {} }
].map((u) => ({ ...u, arn: `arn:aws:iam::${u.account}:user/${u.path}${u.name}` }))

export const ROLES = [
  { name: 'DevRole', path: '', account: DEV, roleId: 'AROAXUIF5O8EXAMPLE', tags: { team: 'data', env: 'dev' }, sessions: ['erin', 'dave'] },
  { name: 'CIDeployRole', path: '', account: DEV, roleId: 'AROAC1D3PL0EXAMPLE', tags: { team: 'platform', env: 'dev' }, sessions: ['GitHubActions'] },
  { name: 'CIDeployRole', path: '', account: PROD, roleId: 'AROAC1PR0D0EXAMPLE', tags: { team: 'platform', env: 'prod' }, sessions: ['GitHubActions'] },
  { name: 'OrgAdmin', path: '', account: SEC, roleId: 'AROAXWMR4SYEXAMPLE', tags: { team: 'security' }, sessions: ['frank'] },
  { name: 'OrgAdmin', path: '', account: PROD, roleId: 'AROAOR6AD1MEXAMPLE', tags: { team: 'security' }, sessions: ['frank'] },
  { name: 'SecurityAudit', path: '', account: SEC, roleId: 'AROAS3CAUD1EXAMPLE', tags: { team: 'security' }, sessions: ['frank', 'prowler-scan'] },
  { name: 'SandboxAdmin', path: '', account: SBX, roleId: 'AROASBX0ADMEXAMPLE', tags: { team: 'data', env: 'sandbox' }, sessions: ['grace'] },
  { name: 'AppServerRole', path: '', account: PROD, roleId: 'AROAAPPS3RVEXAMPLE', tags: { team: 'payments', env: 'prod' }, sessions: ['i-0a1b2c3d4e5f67890', 'i-0fe12dc34ba567890'] },
  { name: 'DataPipelineRole', path: 'service-role/', account: PROD, roleId: 'AROADPIP3L1EXAMPLE', tags: { team: 'data', env: 'prod', scope: 'teams/*/reports' }, sessions: ['glue-job-7731'] },
  { name: 'LambdaExecRole', path: '', account: PROD, roleId: 'AROALAMBD4XEXAMPLE', tags: { team: 'payments' }, sessions: ['process-orders'] },
  { name: 'AWSReservedSSO_PowerUser_3f2c9a1b7d4e5f60', path: 'aws-reserved/sso.amazonaws.com/', account: PROD, roleId: 'AROAXMAE4ZJEXAMPLE', tags: {}, sessions: ['alice@example.com', 'jane.doe@example.com'], reserved: true },
  { name: 'NetworkAdmin', path: '', account: SHARED, roleId: 'AROANETADM1EXAMPLE', tags: { team: 'platform', env: 'shared' }, sessions: ['heidi'] },
  { name: 'PartnerSyncRole', path: '', account: PARTNER, roleId: 'AROAPSYNC01EXAMPLE', tags: {}, sessions: ['sync-worker'] },
  { name: 'VendorReadOnly', path: '', account: VENDOR, roleId: 'AROAVNDR0R0EXAMPLE', tags: {}, sessions: ['scanner-run-42'] }
].map((r) => ({ ...r, arn: `arn:aws:iam::${r.account}:role/${r.path}${r.name}` }))

export const SERVICE_PRINCIPALS = [
  'ec2.amazonaws.com',
  'lambda.amazonaws.com',
  'events.amazonaws.com',
  's3.amazonaws.com',
  'sns.amazonaws.com',
  'cloudtrail.amazonaws.com',
  'config.amazonaws.com',
  'delivery.logs.amazonaws.com',
  'glue.amazonaws.com',
  'ecs-tasks.amazonaws.com'
]

export const TAG_VALUES = {
  team: ['platform', 'data', 'payments', 'security'],
  env: ['dev', 'prod', 'sandbox', 'shared', 'staging'],
  'cost-center': ['cc-1001', 'cc-2002', 'cc-3003'],
  employment: ['contractor', 'intern', 'fte'],
  project: ['acme', 'nightly', 'ledger'],
  owner: ['alice', 'erin', 'frank'],
  Name: ['x', 'nightly', 'build-agent'],
  classification: ['internal', 'confidential', 'public']
}

// ---- resources -------------------------------------------------------------------------------
// kind: which resource policy the resource carries (null = none); the actions are request actions
// that apply to the resource type. Object keys of S3 resources are filled in per case.

const tagsOf = (team, env, extra = {}) => ({ team, env, ...extra })

export const BUCKETS = [
  { name: 'acme-data-dev-scratch', account: DEV, tags: tagsOf('data', 'dev'), keys: ['home/{username}/model.pkl', 'home/{username}/query.sql', 'home/{userid}/cache/part-0001.bin', 'shared/datasets/sample.csv', 'teams/{team}/reports/q2.csv', 'shared/exports/report$final?.csv'] },
  { name: 'acme-payments-prod-data', account: PROD, tags: tagsOf('payments', 'prod'), keys: ['home/{username}/notes.txt', 'exports/2025/06/ledger.csv', 'tmp/build-42.tar.gz', 'teams/{team}/q2.xlsx'] },
  { name: 'acme-org-cloudtrail-logs', account: SEC, tags: tagsOf('security', 'prod'), keys: ['AWSLogs/111122223333/CloudTrail/us-east-1/2025/06/01/111122223333_CloudTrail_us-east-1_20250601T0000Z_abc.json.gz', 'AWSLogs/o-7k2m9xq4ab/444455556666/CloudTrail/eu-west-1/2025/06/01/x.json.gz', 'AWSLogs/111122223333/Config/ConfigWritabilityCheckFile'] },
  { name: 'acme-public-assets', account: PROD, tags: tagsOf('platform', 'prod', { classification: 'public' }), keys: ['downloads/whitepaper.pdf', 'downloads/price$list.pdf', 'faq/what-is-ward?.html', 'index.html'] },
  { name: 'acme-partner-exchange', account: PROD, tags: tagsOf('payments', 'prod'), keys: ['outbound/partner/orders-0601.json', 'inbound/partner/feed-0601.json', 'exports/partner/feed.json'] },
  { name: 'acme-sandbox-grace', account: SBX, tags: tagsOf('data', 'sandbox'), keys: ['home/{username}/notes.txt', 'experiments/run-1/output.json'] },
  { name: 'partner-sync-drop', account: PARTNER, tags: {}, keys: ['incoming/acme/batch-17.csv', 'incoming/acme/batch-18.csv'] }
]

export const S3_OBJECT_ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:GetObjectTagging', 's3:PutObjectAcl', 's3:GetObjectVersion', 's3:PutObjectTagging']
export const S3_BUCKET_ACTIONS = ['s3:ListBucket', 's3:GetBucketAcl', 's3:PutBucketPolicy', 's3:DeleteBucket', 's3:GetBucketLocation', 's3:PutLifecycleConfiguration']

export const STATIC_RESOURCES = [
  // KMS keys (key policy)
  { arn: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab', kind: 'kms', tags: tagsOf('payments', 'prod') },
  { arn: 'arn:aws:kms:eu-west-1:444455556666:key/0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d', kind: 'kms', tags: tagsOf('data', 'dev') },
  { arn: 'arn:aws:kms:us-east-1:210987654321:key/7f3e9a10-5b2c-4d8e-9f01-23456789abcd', kind: 'kms', tags: tagsOf('security', 'prod') },
  { arn: 'arn:aws:kms:us-west-2:135792468024:key/mrk-4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b', kind: 'kms', tags: tagsOf('data', 'sandbox') },
  { arn: 'arn:aws:kms:eu-west-1:777788889999:key/9c8b7a6d-5e4f-3a2b-1c0d-e9f8a7b6c5d4', kind: 'kms', tags: {} },
  // SQS queues
  { arn: 'arn:aws:sqs:us-east-1:111122223333:orders-queue', kind: 'sqs', tags: tagsOf('payments', 'prod') },
  { arn: 'arn:aws:sqs:us-east-1:111122223333:partner-inbound', kind: 'sqs', tags: tagsOf('payments', 'prod') },
  { arn: 'arn:aws:sqs:eu-west-1:444455556666:etl-jobs', kind: 'sqs', tags: tagsOf('data', 'dev') },
  { arn: 'arn:aws:sqs:us-east-1:210987654321:guardduty-findings', kind: 'sqs', tags: tagsOf('security', 'prod') },
  { arn: 'arn:aws:sqs:eu-west-1:777788889999:acme-events', kind: 'sqs', tags: {} },
  // SNS topics
  { arn: 'arn:aws:sns:us-east-1:111122223333:ops-alerts', kind: 'sns', tags: tagsOf('platform', 'prod') },
  { arn: 'arn:aws:sns:us-east-1:210987654321:security-findings', kind: 'sns', tags: tagsOf('security', 'prod') },
  { arn: 'arn:aws:sns:eu-west-1:444455556666:data-pipeline-events', kind: 'sns', tags: tagsOf('data', 'dev') },
  // Lambda functions
  { arn: 'arn:aws:lambda:us-east-1:111122223333:function:process-orders', kind: 'lambda', tags: tagsOf('payments', 'prod') },
  { arn: 'arn:aws:lambda:us-east-1:111122223333:function:process-orders:live', kind: 'lambda', tags: tagsOf('payments', 'prod') },
  { arn: 'arn:aws:lambda:eu-west-1:444455556666:function:feature-refresh', kind: 'lambda', tags: tagsOf('data', 'dev') },
  { arn: 'arn:aws:lambda:eu-west-1:444455556666:function:feature-refresh:$LATEST', kind: 'lambda', tags: tagsOf('data', 'dev') },
  { arn: 'arn:aws:lambda:eu-central-1:246813579135:function:netops-sync', kind: 'lambda', tags: tagsOf('platform', 'shared') },
  // Secrets
  { arn: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/payments/db-credentials-AbCdEf', kind: 'secret', tags: tagsOf('payments', 'prod') },
  { arn: 'arn:aws:secretsmanager:eu-west-1:444455556666:secret:dev/data/api-key-Q1w2E3', kind: 'secret', tags: tagsOf('data', 'dev') },
  { arn: 'arn:aws:secretsmanager:us-east-1:210987654321:secret:security/siem/token-Zx9Yw8', kind: 'secret', tags: tagsOf('security', 'prod') },
  // resources without a resource policy
  { arn: 'arn:aws:ssm:eu-west-1:444455556666:parameter/dev/data/feature-flags', kind: null, tags: tagsOf('data', 'dev') },
  { arn: 'arn:aws:ssm:eu-west-1:444455556666:parameter/platform/ci/token', kind: null, tags: tagsOf('platform', 'dev') },
  { arn: 'arn:aws:ssm:us-east-1:111122223333:parameter/prod/payments/db-host', kind: null, tags: tagsOf('payments', 'prod') },
  { arn: 'arn:aws:ssm:us-west-2:135792468024:parameter/sandbox/grace/scratch', kind: null, tags: tagsOf('data', 'sandbox') },
  { arn: 'arn:aws:dynamodb:us-east-1:111122223333:table/Orders', kind: null, tags: tagsOf('payments', 'prod') },
  { arn: 'arn:aws:dynamodb:us-east-1:111122223333:table/Orders/index/by-customer', kind: null, tags: tagsOf('payments', 'prod') },
  { arn: 'arn:aws:dynamodb:eu-west-1:444455556666:table/FeatureStore', kind: null, tags: tagsOf('data', 'dev') },
  { arn: 'arn:aws:ec2:us-east-1:111122223333:instance/i-0a1b2c3d4e5f67890', kind: null, tags: tagsOf('payments', 'prod') },
  { arn: 'arn:aws:ec2:eu-west-1:444455556666:instance/i-0fedcba9876543210', kind: null, tags: tagsOf('data', 'dev') },
  { arn: 'arn:aws:ec2:us-west-2:135792468024:instance/i-0123456789abcdef0', kind: null, tags: tagsOf('data', 'sandbox') },
  { arn: 'arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/process-orders:log-stream:2025/06/01/[$LATEST]4f1c2b9e8d7a', kind: null, tags: tagsOf('payments', 'prod') },
  { arn: 'arn:aws:logs:eu-west-1:444455556666:log-group:/aws/lambda/feature-refresh', kind: null, tags: tagsOf('data', 'dev') },
  { arn: 'arn:aws:logs:eu-west-1:444455556666:log-group:/aws/lambda/feature-refresh:log-stream:2025/06/02/[$LATEST]9a8b7c6d5e4f', kind: null, tags: tagsOf('data', 'dev') },
  { arn: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/management-events', kind: null, tags: tagsOf('security', 'prod') },
  { arn: 'arn:aws:cloudtrail:eu-west-1:444455556666:trail/management-events', kind: null, tags: tagsOf('security', 'dev') },
  { arn: 'arn:aws:iam::444455556666:policy/DataScienceAccess', kind: null, tags: {} },
  { arn: 'arn:aws:iam::111122223333:policy/boundaries/DeveloperBoundary', kind: null, tags: {} },
  { arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', kind: null, tags: {}, awsManaged: true }
]

/** Request actions per resource type (by ARN service + resource prefix). */
export const ACTIONS_BY_TYPE = {
  'kms:key': ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey', 'kms:ScheduleKeyDeletion', 'kms:PutKeyPolicy', 'kms:CreateGrant', 'kms:ReEncryptFrom'],
  'sqs:queue': ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:PurgeQueue', 'sqs:SetQueueAttributes', 'sqs:GetQueueAttributes'],
  'sns:topic': ['sns:Publish', 'sns:Subscribe', 'sns:DeleteTopic', 'sns:SetTopicAttributes', 'sns:GetTopicAttributes'],
  'lambda:function': ['lambda:InvokeFunction', 'lambda:GetFunction', 'lambda:UpdateFunctionCode', 'lambda:DeleteFunction', 'lambda:UpdateFunctionConfiguration', 'lambda:AddPermission'],
  'secretsmanager:secret': ['secretsmanager:GetSecretValue', 'secretsmanager:PutSecretValue', 'secretsmanager:DescribeSecret', 'secretsmanager:DeleteSecret', 'secretsmanager:UpdateSecret', 'secretsmanager:TagResource'],
  'ssm:parameter': ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:PutParameter', 'ssm:DeleteParameter'],
  'dynamodb:table': ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:DeleteItem', 'dynamodb:UpdateItem', 'dynamodb:TagResource'],
  'dynamodb:index': ['dynamodb:Query', 'dynamodb:Scan'],
  'ec2:instance': ['ec2:StartInstances', 'ec2:StopInstances', 'ec2:TerminateInstances', 'ec2:RebootInstances', 'ec2:CreateTags'],
  'logs:log-stream': ['logs:PutLogEvents', 'logs:GetLogEvents'],
  'logs:log-group': ['logs:DeleteLogGroup', 'logs:PutRetentionPolicy'],
  'cloudtrail:trail': ['cloudtrail:StopLogging', 'cloudtrail:GetTrailStatus', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail'],
  'iam:policy': ['iam:CreatePolicyVersion', 'iam:GetPolicyVersion', 'iam:DeletePolicy', 'iam:GetPolicy'],
  'iam:policy-aws': ['iam:GetPolicyVersion', 'iam:GetPolicy'],
  'iam:user': ['iam:CreateAccessKey', 'iam:ListAccessKeys', 'iam:GetUser', 'iam:ChangePassword', 'iam:DeleteAccessKey', 'iam:CreateLoginProfile', 'iam:UpdateLoginProfile'],
  'iam:role': ['iam:PassRole', 'iam:GetRole', 'iam:UpdateAssumeRolePolicy', 'iam:AttachRolePolicy', 'iam:PutRolePermissionsBoundary', 'iam:DeleteRole', 'iam:TagRole'],
  'iam:role-readonly': ['iam:GetRole'],
  'sts:role': ['sts:AssumeRole'],
  's3:object': S3_OBJECT_ACTIONS,
  's3:bucket': S3_BUCKET_ACTIONS
}

/** Actions that take no resource ARN (request resource "*"). */
export const WILDCARD_ONLY_ACTIONS = ['s3:ListAllMyBuckets', 'ec2:DescribeInstances', 'ec2:DescribeSecurityGroups', 'kms:ListKeys', 'sqs:ListQueues', 'dynamodb:ListTables', 'lambda:ListFunctions', 'iam:ListRoles', 'sns:ListTopics']

/** Extra real action names per service, used for non-matching patterns and unrelated statements. */
export const OTHER_ACTIONS = {
  s3: ['s3:GetObjectAcl', 's3:PutBucketTagging', 's3:ListBucketVersions', 's3:GetBucketPolicy', 's3:PutBucketPublicAccessBlock', 's3:AbortMultipartUpload', 's3:RestoreObject', 's3:ListAllMyBuckets'],
  kms: ['kms:ListKeys', 'kms:ListAliases', 'kms:EnableKeyRotation', 'kms:DisableKey', 'kms:RetireGrant', 'kms:Sign', 'kms:Verify'],
  sqs: ['sqs:ListQueues', 'sqs:TagQueue', 'sqs:ChangeMessageVisibility', 'sqs:DeleteQueue', 'sqs:GetQueueUrl'],
  sns: ['sns:ListTopics', 'sns:Unsubscribe', 'sns:TagResource', 'sns:CreateTopic', 'sns:ListSubscriptionsByTopic'],
  lambda: ['lambda:ListFunctions', 'lambda:PublishVersion', 'lambda:CreateAlias', 'lambda:GetPolicy', 'lambda:RemovePermission'],
  secretsmanager: ['secretsmanager:ListSecrets', 'secretsmanager:RotateSecret', 'secretsmanager:RestoreSecret', 'secretsmanager:GetResourcePolicy', 'secretsmanager:CreateSecret'],
  ssm: ['ssm:GetParametersByPath', 'ssm:DescribeParameters', 'ssm:SendCommand', 'ssm:StartSession', 'ssm:LabelParameterVersion'],
  dynamodb: ['dynamodb:ListTables', 'dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem', 'dynamodb:DescribeTable', 'dynamodb:DeleteTable'],
  ec2: ['ec2:DescribeInstances', 'ec2:RunInstances', 'ec2:DescribeSecurityGroups', 'ec2:DeleteFlowLogs', 'ec2:ModifyInstanceAttribute'],
  logs: ['logs:CreateLogGroup', 'logs:DescribeLogGroups', 'logs:FilterLogEvents', 'logs:DeleteLogStream'],
  cloudtrail: ['cloudtrail:DescribeTrails', 'cloudtrail:PutEventSelectors', 'cloudtrail:LookupEvents', 'cloudtrail:CreateTrail'],
  iam: ['iam:CreateUser', 'iam:DeleteUser', 'iam:ListUsers', 'iam:CreateRole', 'iam:ListRoles', 'iam:DetachRolePolicy', 'iam:DeleteRolePermissionsBoundary', 'iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:ListMFADevices'],
  sts: ['sts:TagSession', 'sts:GetSessionToken', 'sts:AssumeRoleWithWebIdentity', 'sts:DecodeAuthorizationMessage', 'sts:SetSourceIdentity'],
  cloudwatch: ['cloudwatch:PutMetricData', 'cloudwatch:GetMetricData', 'cloudwatch:DeleteAlarms', 'cloudwatch:DescribeAlarms'],
  organizations: ['organizations:LeaveOrganization', 'organizations:DescribeOrganization', 'organizations:ListAccounts'],
  config: ['config:StopConfigurationRecorder', 'config:DeleteConfigRule'],
  guardduty: ['guardduty:DeleteDetector', 'guardduty:UpdateDetector'],
  rds: ['rds:DescribeDBInstances', 'rds:DeleteDBInstance', 'rds:CreateDBSnapshot']
}

/** Services whose resources RCPs can protect (the classic set; RCP deny statements only name these). */
export const RCP_SERVICES = ['s3', 'sts', 'kms', 'sqs', 'secretsmanager']
