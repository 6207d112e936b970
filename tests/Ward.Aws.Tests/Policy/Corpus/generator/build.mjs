// Builds one candidate case (request, context and every policy layer) for a family and an
// intended decision. The intended decision only steers the choices; the decision recorded in the
// corpus is the simulator's.
import {
  ACCOUNTS,
  ACTIONS_BY_TYPE,
  BUCKETS,
  DEV,
  OTHER_ACTIONS,
  PARTNER,
  PROD,
  RCP_SERVICES,
  REGIONS,
  ROLES,
  SEC,
  SERVICE_PRINCIPALS,
  STATIC_RESOURCES,
  USERS,
  VENDOR,
  WILDCARD_ONLY_ACTIONS,
  orgPath
} from './world.mjs'
import { actionMatches, ctxGet, joinArn, policyRegex, productLen, resourceMatches, splitArn, uniq } from './lib.mjs'
import { buildCondition, DEFAULT_ATOM_WEIGHTS } from './conditions.mjs'

const V = '2012-10-17'

// ============================================================================================
// principals
// ============================================================================================

export function principalOf(R, kind, opts = {}) {
  const { account, excludeAccount } = opts
  const okAcct = (a) => (!account || a === account) && (!excludeAccount || a !== excludeAccount)
  if (kind === 'anonymous') return { kind, arn: null, account: null }
  if (kind === 'service') {
    const svc = opts.service ?? R.pick(SERVICE_PRINCIPALS)
    return { kind, arn: svc, account: null, service: svc }
  }
  if (kind === 'iam-user') {
    const u = R.pick(USERS.filter((x) => okAcct(x.account)))
    return { kind, arn: u.arn, account: u.account, user: u, username: u.name, userid: u.userid, tags: u.tags }
  }
  const role = R.pick(ROLES.filter((x) => okAcct(x.account)))
  if (kind === 'iam-role') return { kind, arn: role.arn, account: role.account, role, userid: role.roleId, tags: role.tags }
  const session = R.pick(role.sessions)
  return {
    kind: 'role-session',
    arn: `arn:aws:sts::${role.account}:assumed-role/${role.name}/${session}`,
    account: role.account,
    role,
    session,
    userid: `${role.roleId}:${session}`,
    tags: role.tags
  }
}

/** The name used in per-principal resource paths (home/<name>/...). */
const homeName = (p) => p.username ?? p.session ?? p.role?.name?.toLowerCase() ?? 'shared'

// ============================================================================================
// resources
// ============================================================================================

function typeKey(arn) {
  const a = splitArn(arn)
  if (a.service === 's3') return a.resource.includes('/') ? 's3:object' : 's3:bucket'
  const r = a.resource
  const head = r.split(/[/:]/)[0]
  if (a.service === 'dynamodb' && r.includes('/index/')) return 'dynamodb:index'
  if (a.service === 'iam' && head === 'policy') return a.account === 'aws' ? 'iam:policy-aws' : 'iam:policy'
  if (a.service === 'logs') return r.includes(':log-stream:') ? 'logs:log-stream' : 'logs:log-group'
  if (a.service === 'sqs') return 'sqs:queue'
  if (a.service === 'sns') return 'sns:topic'
  return `${a.service}:${head}`
}

function fillKey(tpl, p, R) {
  const who = p && p.kind !== 'anonymous' && p.kind !== 'service' && R.chance(0.75) ? p : null
  const user = who ?? { username: R.pick(USERS).name, userid: R.pick(USERS).userid, tags: { team: R.pick(['data', 'platform', 'payments']) } }
  return tpl
    .replace('{username}', homeName(user))
    .replace('{userid}', user.userid ?? 'AIDAX6E2ND1EXAMPLE4')
    .replace('{team}', user.tags?.team ?? 'data')
}

/**
 * Picks a resource + action. filter: { kinds: [...], types: [...], accounts: [...], wildcardOnly }
 * Returns { arn, account, kind, tags, type, action }.
 */
export function resourceOf(R, p, filter = {}) {
  const pool = []
  const kinds = filter.kinds
  const wantKind = (k) => !kinds || kinds.includes(k)
  const acctOk = (a) => (!filter.accounts || filter.accounts.includes(a)) && (!filter.excludeAccount || a !== filter.excludeAccount)
  if (wantKind('s3')) {
    for (const b of BUCKETS) {
      if (!acctOk(b.account)) continue
      pool.push({ w: 3, make: () => ({ arn: `arn:aws:s3:::${b.name}/${fillKey(R.pick(b.keys), p, R)}`, account: b.account, kind: 's3', tags: b.tags }) })
      pool.push({ w: 1, make: () => ({ arn: `arn:aws:s3:::${b.name}`, account: b.account, kind: 's3', tags: b.tags }) })
    }
  }
  for (const r of STATIC_RESOURCES) {
    const acct = splitArn(r.arn).account
    const account = acct === 'aws' ? null : acct
    if (!wantKind(r.kind ?? 'none')) continue
    if (account && !acctOk(account)) continue
    if (!account && filter.accounts) continue
    pool.push({ w: r.kind ? 1.5 : 1, make: () => ({ arn: r.arn, account: account ?? p?.account ?? DEV, kind: r.kind, tags: r.tags, awsManaged: !!r.awsManaged }) })
  }
  if (wantKind('trust')) {
    for (const role of ROLES) {
      if (!acctOk(role.account) || role.reserved) continue
      pool.push({ w: 1.2, make: () => ({ arn: role.arn, account: role.account, kind: 'trust', tags: role.tags, roleTarget: role }) })
    }
  }
  if (wantKind('none')) {
    for (const role of ROLES) {
      if (!acctOk(role.account)) continue
      pool.push({ w: 0.5, make: () => ({ arn: role.arn, account: role.account, kind: null, tags: role.tags, iamRole: role }) })
    }
    for (const u of USERS) {
      if (!acctOk(u.account)) continue
      const self = p?.user && p.user.arn === u.arn
      pool.push({ w: self ? 3 : 0.4, make: () => ({ arn: u.arn, account: u.account, kind: null, tags: u.tags, iamUser: u }) })
    }
  }
  if (wantKind('wildcard')) {
    pool.push({ w: 1.2, make: () => ({ arn: '*', account: p?.account ?? PROD, kind: null, tags: {}, wildcardOnly: true }) })
  }
  if (pool.length === 0) return null
  const item = R.weighted(pool.map((x) => [x, x.w]))
  const res = item.make()
  if (res.wildcardOnly) {
    res.type = 'wildcard'
    res.action = R.pick(WILDCARD_ONLY_ACTIONS)
    return res
  }
  res.type = typeKey(res.arn)
  if (res.kind === 'trust') res.type = 'sts:role'
  if (res.iamRole) res.type = res.iamRole.reserved ? 'iam:role-readonly' : 'iam:role'
  let actions = ACTIONS_BY_TYPE[res.type]
  if (!actions) throw new Error(`no actions for ${res.type} (${res.arn})`)
  if (filter.actions) actions = actions.filter(filter.actions)
  if (actions.length === 0) return null
  res.action = R.pick(actions)
  return res
}

// ============================================================================================
// request context
// ============================================================================================

const CORP_V4 = ['192.0.2.17', '192.0.2.24', '203.0.113.92', '203.0.113.143', '198.51.100.20', '198.51.100.77']
const PUBLIC_V4 = ['81.2.69.9', '34.234.44.2', '52.94.133.131', '185.199.108.153']
const V6 = ['2001:db8:ace:55::976', '2001:db8:ace:94::375', '2001:db8:beef:1::20', '2600:1f18:abcd:7::1f']
const VPCES = [
  ['vpce-0a1b2c3d4e5f6a7b8', 'vpc-0123abcd4567ef890'],
  ['vpce-0f9e8d7c6b5a49382', 'vpc-0fedcba987654321a']
]

function randTime(R, fromMs = Date.UTC(2025, 0, 1), toMs = Date.UTC(2025, 11, 31)) {
  const t = fromMs + Math.floor(R.next() * (toMs - fromMs))
  return Math.floor(t / 1000) * 1000
}
const iso = (ms) => new Date(ms).toISOString().slice(0, 19) + 'Z'

export function buildContext(R, p, res, X) {
  const c = {}
  const now = randTime(R)
  c['aws:CurrentTime'] = iso(now)
  const resRegion = res.arn === '*' ? null : splitArn(res.arn).region
  c['aws:RequestedRegion'] = resRegion && R.chance(0.85) ? resRegion : R.chance(0.7) && p.account ? ACCOUNTS[p.account].region : R.pick(REGIONS)
  c['aws:SecureTransport'] = R.chance(0.86) ? 'true' : 'false'
  const iamKinds = ['iam-user', 'iam-role', 'role-session']
  if (iamKinds.includes(p.kind)) {
    const acct = ACCOUNTS[p.account]
    c['aws:PrincipalArn'] = p.kind === 'iam-user' ? p.arn : p.role.arn
    c['aws:PrincipalAccount'] = p.account
    c['aws:PrincipalType'] = p.kind === 'iam-user' ? 'User' : 'AssumedRole'
    c['aws:userid'] = p.userid
    c['aws:PrincipalIsAWSService'] = 'false'
    if (p.kind === 'iam-user') c['aws:username'] = p.username
    if (acct.org) {
      c['aws:PrincipalOrgID'] = acct.org
      if (R.chance(0.55)) c['aws:PrincipalOrgPaths'] = [orgPath(p.account)]
    }
    for (const [k, v] of Object.entries(p.tags ?? {})) c[`aws:PrincipalTag/${k}`] = v
    const mfa = R.weighted([
      ['yes', p.kind === 'iam-user' ? 5 : 3],
      ['no', 2],
      ['absent', 4]
    ])
    if (mfa === 'yes') {
      c['aws:MultiFactorAuthPresent'] = 'true'
      c['aws:MultiFactorAuthAge'] = String(R.pick([45, 300, 1200, 3000, 5400, 43200]))
    } else if (mfa === 'no') c['aws:MultiFactorAuthPresent'] = 'false'
    if (p.kind !== 'iam-user') c['aws:TokenIssueTime'] = iso(now - R.int(5, 720) * 60000)
    const net = R.weighted([
      ['v4', 6],
      ['v6', 2],
      ['vpce', 2],
      ['public', 1]
    ])
    if (net === 'vpce') {
      const [e, v] = R.pick(VPCES)
      c['aws:SourceVpce'] = e
      c['aws:SourceVpc'] = v
      c['aws:VpcSourceIp'] = `10.${R.int(0, 40)}.${R.int(0, 255)}.${R.int(1, 254)}`
    } else c['aws:SourceIp'] = net === 'v6' ? R.pick(V6) : net === 'public' ? R.pick(PUBLIC_V4) : R.pick(CORP_V4)
    if (R.chance(0.15)) {
      const via = R.pick(['glue.amazonaws.com', 'cloudformation.amazonaws.com', 'athena.amazonaws.com'])
      const chain = R.chance(0.3) ? [via, R.pick(['glue.amazonaws.com', 'athena.amazonaws.com'])] : [via]
      c['aws:CalledVia'] = uniq(chain)
      c['aws:CalledViaFirst'] = c['aws:CalledVia'][0]
      c['aws:CalledViaLast'] = c['aws:CalledVia'][c['aws:CalledVia'].length - 1]
      c['aws:ViaAWSService'] = 'true'
    } else if (R.chance(0.5)) c['aws:ViaAWSService'] = 'false'
    if (R.chance(0.04)) c['aws:CalledVia'] = []
  } else if (p.kind === 'service') {
    c['aws:PrincipalIsAWSService'] = 'true'
    c['aws:PrincipalServiceName'] = p.service
    if (R.chance(0.75)) {
      const srcAcct = R.chance(0.8) ? res.account : R.pick([PARTNER, VENDOR, SEC])
      const region = ACCOUNTS[srcAcct].region
      const bySvc = {
        'events.amazonaws.com': [`arn:aws:events:${region}:${srcAcct}:rule/order-created`, `arn:aws:events:${region}:${srcAcct}:rule/nightly-sync`],
        'cloudtrail.amazonaws.com': [`arn:aws:cloudtrail:${region}:${srcAcct}:trail/management-events`],
        'sns.amazonaws.com': [`arn:aws:sns:${region}:${srcAcct}:ops-alerts`],
        's3.amazonaws.com': ['arn:aws:s3:::acme-data-dev-scratch', 'arn:aws:s3:::acme-partner-exchange'],
        'config.amazonaws.com': [`arn:aws:config:${region}:${srcAcct}:config-rule/config-rule-0a1b2c`],
        'delivery.logs.amazonaws.com': [`arn:aws:logs:${region}:${srcAcct}:*`],
        'glue.amazonaws.com': [`arn:aws:glue:${region}:${srcAcct}:job/nightly-etl`],
        'ec2.amazonaws.com': [`arn:aws:ec2:${region}:${srcAcct}:instance/i-0a1b2c3d4e5f67890`],
        'lambda.amazonaws.com': [`arn:aws:lambda:${region}:${srcAcct}:function:process-orders`],
        'ecs-tasks.amazonaws.com': [`arn:aws:ecs:${region}:${srcAcct}:task/default/4f1c2b9e8d7a`]
      }
      const srcArn = R.pick(bySvc[p.service] ?? [`arn:aws:events:${region}:${srcAcct}:rule/order-created`])
      c['aws:SourceArn'] = srcArn
      c['aws:SourceAccount'] = srcAcct
      if (ACCOUNTS[srcAcct].org && R.chance(0.6)) c['aws:SourceOrgID'] = ACCOUNTS[srcAcct].org
    }
  } else {
    // anonymous
    c['aws:SourceIp'] = R.pick([...PUBLIC_V4, ...V6, ...CORP_V4])
    if (R.chance(0.35)) c['aws:UserAgent'] = R.pick(['curl/8.5.0', 'Mozilla/5.0 (X11; Linux x86_64)', 'ward-probe/1.0 (*)'])
    if (R.chance(0.35)) c['aws:referer'] = R.pick(['https://acme.example/downloads', 'https://acme.example/search?q=ward', 'https://acme.example/promo/$49-deal', 'https://evil.example/'])
  }
  if (iamKinds.includes(p.kind) && R.chance(0.06)) c['aws:referer'] = R.pick(['https://acme.example/search?q=ward', 'https://acme.example/promo/$49-deal'])
  // resource side
  const ra = ACCOUNTS[res.account]
  c['aws:ResourceAccount'] = res.account
  if (ra.org) {
    c['aws:ResourceOrgID'] = ra.org
    if (R.chance(0.4)) c['aws:ResourceOrgPaths'] = [orgPath(res.account)]
  }
  for (const [k, v] of Object.entries(res.tags ?? {})) if (R.chance(0.85)) c[`aws:ResourceTag/${k}`] = v
  actionContext(R, c, p, res, X)
  return c
}

function actionContext(R, c, p, res, X) {
  const a = res.action
  const [svc, name] = a.split(':')
  if (svc === 's3') {
    if (R.chance(0.35)) c['s3:TlsVersion'] = R.pick(['1.1', '1.2', '1.3'])
    if (name === 'PutObject') {
      if (R.chance(0.6)) c['s3:x-amz-server-side-encryption'] = R.pick(['AES256', 'aws:kms'])
      if (R.chance(0.4)) c['s3:x-amz-acl'] = R.pick(['bucket-owner-full-control', 'private', 'public-read'])
    }
    if (name === 'PutObjectAcl') c['s3:x-amz-acl'] = R.pick(['bucket-owner-full-control', 'public-read', 'private'])
    if (name === 'ListBucket') {
      if (R.chance(0.7)) c['s3:prefix'] = R.pick([`home/${homeName(p)}/`, 'shared/', 'exports/', `home/${p.userid ?? 'AIDAX6E2ND1EXAMPLE4'}/`])
      if (R.chance(0.4)) c['s3:max-keys'] = String(R.pick([10, 100, 1000]))
    }
    if (name === 'PutObjectTagging') {
      c['aws:TagKeys'] = R.sample(['team', 'env', 'project', 'classification'], R.int(0, 3))
    }
  }
  if (svc === 'kms') {
    if (p.account) c['kms:CallerAccount'] = p.account
    if (R.chance(0.35)) c['kms:ViaService'] = R.pick([`s3.${c['aws:RequestedRegion']}.amazonaws.com`, `secretsmanager.${c['aws:RequestedRegion']}.amazonaws.com`, `dynamodb.${c['aws:RequestedRegion']}.amazonaws.com`])
    if (name === 'CreateGrant') c['kms:GrantIsForAWSResource'] = R.chance(0.6) ? 'true' : 'false'
  }
  if (a === 'sts:AssumeRole') {
    if (R.chance(0.35)) c['sts:ExternalId'] = R.pick(['acme-partner-7731', 'vendor-8842', 'wrong-id'])
    if (p.kind !== 'service') c['sts:RoleSessionName'] = p.username ?? p.session ?? R.pick(['integration', 'scanner-run-42', 'deploy'])
    if (R.chance(0.25)) {
      c['aws:TagKeys'] = R.sample(['team', 'env', 'cost-center', 'project'], R.int(0, 3))
      for (const k of c['aws:TagKeys']) c[`aws:RequestTag/${k}`] = R.pick(['platform', 'data', 'dev', 'cc-2002', 'acme'])
    }
  }
  if (a === 'iam:PassRole') c['iam:PassedToService'] = R.pick(['ecs-tasks.amazonaws.com', 'lambda.amazonaws.com', 'glue.amazonaws.com', 'ec2.amazonaws.com', 'cloudformation.amazonaws.com'])
  if (a === 'iam:AttachRolePolicy') c['iam:PolicyARN'] = R.pick(['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::aws:policy/AdministratorAccess', `arn:aws:iam::${res.account}:policy/PaymentsDataAccess`])
  if (a === 'iam:PutRolePermissionsBoundary') c['iam:PermissionsBoundary'] = R.pick([`arn:aws:iam::${res.account}:policy/boundaries/DeveloperBoundary`, 'arn:aws:iam::aws:policy/AdministratorAccess'])
  if (a === 'sns:Subscribe') {
    const proto = R.pick(['https', 'sqs', 'email'])
    c['sns:Protocol'] = proto
    c['sns:Endpoint'] = proto === 'https' ? 'https://hooks.example.com/alerts' : proto === 'sqs' ? 'arn:aws:sqs:us-east-1:111122223333:orders-queue' : 'oncall@example.com'
  }
  if (a === 'secretsmanager:DeleteSecret' && R.chance(0.6)) c['secretsmanager:RecoveryWindowInDays'] = String(R.pick([7, 14, 30]))
  if (/TagResource$|CreateTags$|TagRole$|TagQueue$/.test(a)) {
    const keys = R.chance(0.1) ? [] : R.sample(['team', 'env', 'project', 'cost-center', 'Name', 'owner'], R.int(1, 3))
    c['aws:TagKeys'] = keys
    for (const k of keys) c[`aws:RequestTag/${k}`] = R.pick({ team: ['platform', 'data'], env: ['dev', 'sandbox', 'prod'], project: ['acme', 'nightly'], 'cost-center': ['cc-1001', 'cc-2002'], Name: ['x', 'nightly'], owner: [homeName(p), 'alice'] }[k])
  }
  if (svc === 'dynamodb' && /Item|Query/.test(name) && R.chance(0.4)) c['dynamodb:LeadingKeys'] = R.chance(0.85) ? R.sample([p.userid ?? 'anonymous', 'customer-1001', 'customer-2002'], R.int(1, 2)) : []
}

// ============================================================================================
// element patterns
// ============================================================================================

const camel = (s) => s.match(/[A-Z][a-z0-9]*|[a-z0-9]+/g) ?? [s]

function flipCase(R, s) {
  let out = ''
  for (const ch of s) out += R.chance(0.4) ? (ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase()) : ch
  return out === s ? s.toUpperCase() : out
}

export function actionMatchPattern(R, action, mode) {
  const [svcRaw, name] = action.split(':')
  const svc = svcRaw.toLowerCase()
  const parts = camel(name)
  mode ??= R.weighted([
    ['exact', 30],
    ['lower', 6],
    ['mixed', 4],
    ['svc*', 12],
    ['*', 5],
    ['prefix*', 15],
    ['suffix*', 7],
    ['infix*', 8],
    ['?', 8],
    ['prefix?', 3]
  ])
  let p
  switch (mode) {
    case 'exact':
      p = action
      break
    case 'lower':
      p = `${svc}:${name.toLowerCase()}`
      break
    case 'mixed':
      p = `${R.chance(0.3) ? svc.toUpperCase() : svc}:${flipCase(R, name)}`
      break
    case 'svc*':
      p = `${svc}:*`
      break
    case '*':
      p = '*'
      break
    case 'prefix*': {
      const k = parts.length > 1 ? R.int(1, parts.length - 1) : 0
      p = k ? `${svc}:${parts.slice(0, k).join('')}*` : `${svc}:${name.slice(0, Math.max(1, name.length - 3))}*`
      break
    }
    case 'suffix*': {
      const k = parts.length > 1 ? R.int(1, parts.length - 1) : 0
      p = k ? `${svc}:*${parts.slice(k).join('')}` : `${svc}:*${name.slice(2)}`
      break
    }
    case 'infix*': {
      const mid = parts.length > 2 ? parts[R.int(1, parts.length - 2)] : name.slice(1, Math.max(2, name.length - 1))
      p = `${svc}:*${mid}*`
      break
    }
    case '?': {
      const chars = [...name]
      const n = R.int(1, 2)
      for (let i = 0; i < n; i++) chars[R.int(0, chars.length - 1)] = '?'
      p = `${svc}:${chars.join('')}`
      break
    }
    case 'prefix?': {
      const k = Math.max(2, Math.min(name.length - 2, R.int(2, 6)))
      const pre = [...name.slice(0, k)]
      pre[R.int(0, pre.length - 1)] = '?'
      p = `${svc}:${pre.join('')}*`
      break
    }
  }
  return actionMatches(p, action) ? p : action
}

function serviceActions(svc) {
  const all = [...Object.values(ACTIONS_BY_TYPE).flat(), ...WILDCARD_ONLY_ACTIONS, ...(OTHER_ACTIONS[svc] ?? [])]
  return uniq(all.filter((a) => a.split(':')[0] === svc))
}

export function actionMissPattern(R, action) {
  const [svcRaw, name] = action.split(':')
  const svc = svcRaw.toLowerCase()
  for (let t = 0; t < 10; t++) {
    const mode = R.weighted([
      ['other', 50],
      ['other-prefix', 20],
      ['other-service', 15],
      ['near?', 10],
      ['other-svc*', 5]
    ])
    let p
    if (mode === 'other') p = R.pick(serviceActions(svc))
    else if (mode === 'other-prefix') {
      const o = R.pick(serviceActions(svc))
      const parts = camel(o.split(':')[1])
      p = `${svc}:${parts[0]}*`
    } else if (mode === 'other-service') {
      const os = R.pick(Object.keys(OTHER_ACTIONS).filter((s) => s !== svc))
      p = R.pick(serviceActions(os).length ? serviceActions(os) : OTHER_ACTIONS[os])
    } else if (mode === 'near?') p = `${svc}:${name}?`
    else p = `${R.pick(Object.keys(OTHER_ACTIONS).filter((s) => s !== svc))}:*`
    if (p && !actionMatches(p, action)) return p
  }
  return `${svc}:${name}Zz`
}

const OTHER_ACCOUNT = (a) => ({ [PROD]: DEV, [DEV]: PROD, [SEC]: PROD, [PARTNER]: DEV, [VENDOR]: PROD })[a] ?? SEC

/** A Resource pattern meant to match the request resource. */
export function resourceMatchPattern(R, X, mode, { allowUnresolved = false } = {}) {
  const res = X.req.resource
  if (res === '*') return '*'
  const a = splitArn(res)
  const pl = productLen(a)
  const id = a.resource
  const tail = id.slice(pl)
  if (mode === 'variable' && /[?$]/.test(tail) && R.chance(0.5)) mode = 'special'
  mode ??= R.weighted([
    ['exact', 30],
    ['*', 8],
    ['prefix', 20],
    ['mid', 5],
    ['?', 7],
    ['segment', 12],
    ['svcwide', 4],
    ['variable', 14],
    ['special', /[?$]/.test(tail) ? 30 : 0]
  ])
  let p = null
  switch (mode) {
    case 'exact':
      p = res
      break
    case '*':
      p = '*'
      break
    case 'prefix': {
      if (tail.length < 2) break
      // cut at a "/" or ":" boundary (wildcard then spans segments) or inside a name
      const bounds = [...tail].map((ch, i) => (ch === '/' || ch === ':' ? i + 1 : -1)).filter((i) => i > 0 && i < tail.length)
      const lastColon = tail.lastIndexOf(':')
      let k = bounds.length && R.chance(0.6) ? R.pick(bounds) : R.int(1, tail.length - 1)
      // names with ":" inside the resource part (log streams, function qualifiers): let "*" cover it
      if (lastColon > 0 && R.chance(0.6)) k = R.int(1, lastColon)
      p = joinArn({ ...a, resource: id.slice(0, pl) + tail.slice(0, k) + '*' })
      break
    }
    case 'mid': {
      const segs = tail.split('/')
      if (segs.length < 3) break
      const i = R.int(1, segs.length - 2)
      segs[i] = '*'
      p = joinArn({ ...a, resource: id.slice(0, pl) + segs.join('/') })
      break
    }
    case '?': {
      const idx = [...tail].map((ch, i) => (/[A-Za-z0-9]/.test(ch) ? i : -1)).filter((i) => i >= 0)
      if (!idx.length) break
      const chars = [...tail]
      chars[R.pick(idx)] = '?'
      p = joinArn({ ...a, resource: id.slice(0, pl) + chars.join('') })
      break
    }
    case 'segment': {
      if (a.service === 's3') {
        const bucket = id.split('/')[0]
        const rest = id.slice(bucket.length)
        p = joinArn({ ...a, resource: bucket.slice(0, R.int(2, bucket.length - 2)) + '*' + bucket.slice(bucket.length - 3) + rest })
        break
      }
      const region = a.region ? R.pick(['*', a.region.slice(0, 3) + '*', a.region.replace(/-(\d)$/, '-?')]) : a.region
      const account = R.chance(0.6) ? '*' : a.account
      p = joinArn({ ...a, region, account: region === a.region && account === a.account ? '*' : account })
      break
    }
    case 'svcwide':
      p = a.service === 's3' ? 'arn:aws:s3:::*' : joinArn({ ...a, region: a.region ? '*' : '', account: '*', resource: id.slice(0, pl) + '*' })
      break
    case 'variable':
      p = variablePattern(R, X, res, true)
      break
    case 'special': {
      // literal ? and $ in the resource name written with ${?} and ${$}
      if (!/[?$]/.test(tail)) break
      let t = tail.replace(/\$/g, '${$}').replace(/\?/g, '${?}')
      if (R.chance(0.4)) {
        const cut = t.lastIndexOf('}') + 1
        if (cut > 0 && cut < t.length) t = t.slice(0, cut) + '*'
      }
      p = joinArn({ ...a, resource: id.slice(0, pl) + t })
      break
    }
  }
  if (!p) p = res
  if (!allowUnresolved && !resourceMatches(p, res, X.ctx)) return res
  return p
}

/** Replaces a part of the resource ARN with a policy variable whose value equals it (match) or not. */
function variablePattern(R, X, res, wantMatch) {
  const ctx = X.ctx
  const a = splitArn(res)
  // names without a resource-type prefix (queues, topics): the simulator cannot place a variable there
  if (a.service !== 's3' && productLen(a) === 0) return null
  const cands = []
  const val = (k) => ctxGet(ctx, k)
  const seg = (v) => new RegExp(`(^|[/:])${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=$|[/:\\-_.])`)
  const tryVar = (key, v) => {
    if (typeof v === 'string' && v.length > 1 && seg(v).test(a.resource)) cands.push({ kind: 'res', key, v })
  }
  tryVar('aws:username', val('aws:username'))
  tryVar('aws:userid', val('aws:userid'))
  for (const t of ['team', 'env']) tryVar(`aws:PrincipalTag/${t}`, val(`aws:PrincipalTag/${t}`))
  // (policy variables are only resolved in the resource part of an ARN, after the fifth colon)
  // default values for absent tags whose default equals a path segment
  for (const t of ['team', 'env']) {
    if (val(`aws:PrincipalTag/${t}`) === undefined) {
      const m = a.resource.match(/(?:^|\/)(data|platform|payments|security|dev|prod)(?=\/)/)
      if (m) cands.push({ kind: 'res', key: `aws:PrincipalTag/${t}, '${m[1]}'`, v: m[1] })
    }
  }
  if (!wantMatch) {
    // a variable whose value differs from the path segment, or cannot be resolved (Allow only)
    const homeSeg = a.resource.match(/home\/([^/]+)\//)
    if (homeSeg) cands.push({ kind: 'res', key: 'aws:username', v: homeSeg[1] })
    const teamSeg = a.resource.match(/(?:^|\/)(data|platform|payments|security)(?=\/)/)
    if (teamSeg) cands.push({ kind: 'res', key: 'aws:PrincipalTag/team', v: teamSeg[1] })
  }
  if (!cands.length) return null
  const c = R.pick(cands)
  const r = a.resource.replace(seg(c.v), (m0, pre) => `${pre}\${${c.key}}`)
  let out = joinArn({ ...a, resource: r })
  if (R.chance(0.35) && wantMatch) {
    // add a trailing wildcard after the variable segment
    const i = out.indexOf('}')
    const slash = out.indexOf('/', i)
    if (slash > 0) out = out.slice(0, slash + 1) + '*'
  }
  return out
}

/** A Resource pattern meant NOT to match the request resource. */
export function resourceMissPattern(R, X, { allowUnresolved = false } = {}) {
  const res = X.req.resource
  if (res === '*') {
    // actions without resource-level permissions: a specific ARN never applies
    return R.pick(['arn:aws:ec2:*:*:instance/*', `arn:aws:s3:::acme-data-dev-scratch/*`, `arn:aws:sqs:*:${X.principal.account ?? PROD}:*`, 'arn:aws:kms:*:*:key/*', 'arn:aws:dynamodb:*:*:table/Orders'])
  }
  const a = splitArn(res)
  const pl = productLen(a)
  for (let t = 0; t < 10; t++) {
    const mode = R.weighted([
      ['account', a.account ? 18 : 0],
      ['region', a.region ? 12 : 0],
      ['sibling', 25],
      ['prefix', 20],
      ['type', a.service === 's3' ? 10 : 4],
      ['variable', allowUnresolved ? 10 : 4]
    ])
    let p = null
    if (mode === 'account') p = joinArn({ ...a, account: R.chance(0.7) ? OTHER_ACCOUNT(a.account) : R.pick(['123456789012', '999900001111']) })
    else if (mode === 'region') p = joinArn({ ...a, region: R.pick(REGIONS.filter((r) => r !== a.region)) })
    else if (mode === 'sibling') {
      const same = [...STATIC_RESOURCES.map((r) => r.arn), ...BUCKETS.map((b) => `arn:aws:s3:::${b.name}/${b.keys[0].replace(/\{[a-z]+\}/g, 'shared')}`), ...ROLES.map((r) => r.arn), ...USERS.map((u) => u.arn)].filter(
        (x) => splitArn(x).service === a.service && x !== res
      )
      p = same.length ? R.pick(same) : null
      if (p && R.chance(0.3)) {
        const pa = splitArn(p)
        const ppl = productLen(pa)
        const tail = pa.resource.slice(ppl)
        if (tail.length > 3) p = joinArn({ ...pa, resource: pa.resource.slice(0, ppl) + tail.slice(0, R.int(1, tail.length - 2)) + '*' })
      }
    } else if (mode === 'prefix') {
      const tail = a.resource.slice(pl)
      const segs = tail.split('/')
      const alt = R.pick(['archive', 'tmp', 'restricted', 'other', 'backup'])
      segs[Math.max(0, segs.length > 1 ? R.int(segs.length > 2 ? 1 : 0, segs.length - 2) : 0)] = alt
      p = joinArn({ ...a, resource: a.resource.slice(0, pl) + segs.join('/') + (R.chance(0.5) ? '*' : '') })
    } else if (mode === 'type') {
      if (a.service === 's3') {
        const bucket = a.resource.split('/')[0]
        p = a.resource.includes('/') ? `arn:aws:s3:::${bucket}` : `arn:aws:s3:::${bucket}/*`
      } else p = joinArn({ ...a, resource: a.resource.slice(0, pl) + a.resource.slice(pl) + '/extra' })
    } else if (mode === 'variable') p = variablePattern(R, X, res, false)
    if (p && !resourceMatches(p, res, X.ctx)) {
      if (!allowUnresolved && /\$\{/.test(p)) {
        // only keep variable misses that resolve (value differs)
        const pp = splitArn(p)
        if (!policyRegex(pp.resource, X.ctx) || !policyRegex(pp.account ?? '', X.ctx)) continue
      }
      return p
    }
  }
  return joinArn({ ...a, resource: a.resource + '-archive' })
}

// ---- principals in resource policies ---------------------------------------------------------

const rootArn = (acct) => `arn:aws:iam::${acct}:root`

function otherPrincipalArns(R, X, n) {
  const p = X.principal
  const pool = [...USERS.map((u) => u.arn), ...ROLES.map((r) => r.arn)].filter((a) => a !== p.arn && a !== p.role?.arn)
  return R.sample(pool, n)
}

function awsValue(R, list) {
  return list.length === 1 && R.chance(0.6) ? list[0] : list
}

/**
 * Principal element that applies to the request principal. form: direct | account | wildcard
 */
export function principalMatchElement(R, X, form) {
  const p = X.principal
  if (form === 'wildcard' || p.kind === 'anonymous') return R.chance(0.55) ? '*' : { AWS: '*' }
  if (p.kind === 'service') {
    const extra = R.chance(0.3) ? [R.pick(SERVICE_PRINCIPALS.filter((s) => s !== p.service))] : []
    return { Service: awsValue(R, R.shuffle([p.service, ...extra])) }
  }
  let mine
  if (form === 'account') mine = R.chance(0.5) ? p.account : rootArn(p.account)
  else if (p.kind === 'iam-user') mine = p.arn
  else if (p.kind === 'iam-role') mine = p.role.arn
  else mine = !X.hasSessionPolicy && R.chance(0.35) ? p.arn : p.role.arn
  const extras = R.chance(0.4) ? [...otherPrincipalArns(R, X, R.int(1, 2)), ...(R.chance(0.3) ? [rootArn(OTHER_ACCOUNT(p.account))] : [])] : []
  const el = { AWS: awsValue(R, R.shuffle([mine, ...extras])) }
  if (R.chance(0.08)) el.Service = R.pick(SERVICE_PRINCIPALS)
  return el
}

/** Principal element that does NOT apply to the request principal. */
export function principalMissElement(R, X) {
  const p = X.principal
  const opts = []
  if (p.kind === 'service') {
    opts.push({ Service: R.pick(SERVICE_PRINCIPALS.filter((s) => s !== p.service)) })
    opts.push({ AWS: rootArn(R.pick([PROD, DEV, SEC])) })
  } else if (p.kind === 'anonymous') {
    opts.push({ AWS: R.pick([PROD, DEV, SEC]) })
    opts.push({ AWS: rootArn(R.pick([PROD, DEV])) })
    opts.push({ Service: R.pick(SERVICE_PRINCIPALS) })
    opts.push({ AWS: R.pick(USERS).arn })
  } else {
    const other = OTHER_ACCOUNT(p.account)
    opts.push({ AWS: R.chance(0.5) ? other : rootArn(other) })
    opts.push({ AWS: awsValue(R, otherPrincipalArns(R, X, R.int(1, 2))) })
    opts.push({ Service: R.pick(SERVICE_PRINCIPALS) })
    if (p.kind === 'role-session' && !X.hasSessionPolicy && p.role.sessions.length > 1) {
      const s = p.role.sessions.find((x) => x !== p.session)
      opts.push({ AWS: `arn:aws:sts::${p.account}:assumed-role/${p.role.name}/${s}` })
    }
    if (p.kind === 'iam-user') {
      // same user name in another account
      opts.push({ AWS: `arn:aws:iam::${other}:user/${p.user.path}${p.user.name}` })
    }
  }
  return R.pick(opts)
}

/**
 * NotPrincipal (Allow only). applies=true: the request principal is not listed.
 * Lists only user/role ARNs and services, never accounts, never the role of a session principal.
 */
export function notPrincipalElement(R, X, applies) {
  const p = X.principal
  if (applies || p.kind === 'anonymous' || p.kind === 'role-session') {
    const list = otherPrincipalArns(R, X, R.int(1, 2)).filter((a) => !X.principal.account || !a.includes(`::${X.principal.account}:`) || R.chance(0.5))
    const el = { AWS: awsValue(R, list.length ? list : [R.pick(USERS.filter((u) => u.account !== p.account)).arn]) }
    if (p.kind !== 'service' && R.chance(0.2)) el.Service = R.pick(SERVICE_PRINCIPALS)
    if (p.kind === 'service') el.Service = R.pick(SERVICE_PRINCIPALS.filter((s) => s !== p.service))
    return { el, applies: true }
  }
  if (p.kind === 'service') return { el: { Service: p.service }, applies: false }
  const mine = p.kind === 'iam-user' ? p.arn : p.role.arn
  return { el: { AWS: awsValue(R, R.shuffle([mine, ...otherPrincipalArns(R, X, R.int(0, 1))])) }, applies: false }
}

// ============================================================================================
// statements
// ============================================================================================

let sidCounter = 0
function sid(R, effect) {
  sidCounter++
  const words = effect === 'Allow' ? ['Allow', 'Grant', 'Permit'] : ['Deny', 'Block', 'Guard']
  return `${R.pick(words)}${R.pick(['Access', 'Stmt', 'Rule', 'Use', 'Ops'])}${sidCounter % 97}`
}

function orderStatement(s) {
  const out = {}
  for (const k of ['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']) if (s[k] !== undefined) out[k] = s[k]
  return out
}

/**
 * Builds a statement for layer L relative to the request.
 * role: grant | near-miss | deny-hit | deny-miss
 * opts: { atoms, weights, principalForm, resourceMode, actionMode, noNot, rpKind }
 */
export function buildStatement(R, X, L, role, opts = {}) {
  const effect = role === 'grant' || role === 'near-miss' ? 'Allow' : 'Deny'
  const applies = role === 'grant' || role === 'deny-hit'
  const isRp = L === 'rp'
  const isTrust = isRp && X.rpKind === 'trust'
  const isRcp = L === 'rcp'
  const isScp = L === 'scp'
  let broken = null
  if (!applies) {
    broken = R.weighted([
      ['action', isRcp ? 20 : 25],
      ['resource', isTrust || X.req.resource === '*' ? 0 : 20],
      ['principal', isRp ? 25 : 0],
      ['condition', 35]
    ])
  }
  const s = {}
  if (R.chance(0.45)) s.Sid = sid(R, effect)
  s.Effect = effect
  // ---- principal
  if (isRcp) s.Principal = '*'
  else if (isRp) {
    const wantP = broken !== 'principal'
    if (effect === 'Allow' && !opts.noNot && R.chance(opts.notPrincipalRate ?? 0.07) && X.principal.kind !== 'anonymous') {
      const np = notPrincipalElement(R, X, wantP)
      if (np.applies === wantP) s.NotPrincipal = np.el
    }
    if (!s.NotPrincipal) s.Principal = wantP ? principalMatchElement(R, X, opts.principalForm ?? R.weighted([['direct', 5], ['account', 3], ['wildcard', 2]])) : principalMissElement(R, X)
  }
  // ---- action
  const wantA = broken !== 'action'
  const useNotAction = !isRcp && !opts.noNot && !isTrust && R.chance(opts.notActionRate ?? 0.14)
  if (useNotAction) {
    // NotAction applies when the request action is NOT listed
    const list = []
    const n = R.int(1, 3)
    for (let i = 0; i < n; i++) list.push(actionMissPattern(R, X.req.action))
    if (!wantA) list.splice(R.int(0, list.length), 0, actionMatchPattern(R, X.req.action, opts.actionMode))
    s.NotAction = uniq(list).length === 1 && R.chance(0.5) ? list[0] : uniq(list)
  } else {
    let main = wantA ? actionMatchPattern(R, X.req.action, opts.actionMode) : actionMissPattern(R, X.req.action)
    if (isRcp && main === '*') main = `${X.req.action.split(':')[0]}:*`
    if (isRcp && !wantA && !RCP_SERVICES.includes(main.split(':')[0])) main = `${R.pick(RCP_SERVICES.filter((x) => x !== X.req.action.split(':')[0].toLowerCase()))}:*`
    const extras = []
    const ne = R.weighted([
      [0, 5],
      [1, 3],
      [2, 2],
      [3, 1]
    ])
    for (let i = 0; i < ne; i++) {
      let e = actionMissPattern(R, X.req.action)
      if (isRcp && !RCP_SERVICES.includes(e.split(':')[0].toLowerCase())) e = `${R.pick(RCP_SERVICES)}:${R.pick(['Get*', 'Delete*', 'Put*'])}`
      if (isRcp && actionMatches(e, X.req.action) !== false && !wantA) continue
      extras.push(e)
    }
    const list = uniq(R.shuffle([main, ...extras]))
    s.Action = list.length === 1 && R.chance(0.6) ? list[0] : list
  }
  if (isRcp) {
    // RCPs only govern a fixed set of services: never name actions of other services
    const svcOf = (x) => x.split(':')[0].toLowerCase()
    let acts = [].concat(s.Action).filter((x) => x !== '*' && RCP_SERVICES.includes(svcOf(x)))
    if (acts.length === 0) {
      const reqSvc = svcOf(X.req.action)
      acts = [wantA && RCP_SERVICES.includes(reqSvc) ? `${reqSvc}:*` : `${R.pick(RCP_SERVICES.filter((x) => x !== reqSvc))}:*`]
    }
    s.Action = acts.length === 1 ? acts[0] : acts
  }
  // ---- resource (trust policies carry none)
  if (!isTrust) {
    const wantR = broken !== 'resource'
    const useNotResource = !opts.noNot && !isRcp && X.req.resource !== '*' && R.chance(opts.notResourceRate ?? 0.1)
    const allowUnresolved = effect === 'Allow' && !useNotResource
    if (useNotResource) {
      const list = [resourceMissPattern(R, X), ...(R.chance(0.4) ? [resourceMissPattern(R, X)] : [])]
      if (!wantR) list.splice(R.int(0, list.length), 0, resourceMatchPattern(R, X, opts.resourceMode === 'variable' ? 'exact' : opts.resourceMode))
      const u = uniq(list).filter((x) => !/\$\{/.test(x))
      s.NotResource = u.length === 0 ? [resourceMissPattern(R, X)] : u.length === 1 && R.chance(0.5) ? u[0] : u
    } else {
      let main
      if (isScp || isRcp) main = wantR ? (R.chance(0.8) ? '*' : resourceMatchPattern(R, X, R.pick(['prefix', 'segment', 'svcwide', 'exact']))) : resourceMissPattern(R, X)
      else if (isRp && X.rpKind === 'kms') main = wantR ? (R.chance(0.85) ? '*' : X.req.resource) : resourceMissPattern(R, X)
      else main = wantR ? resourceMatchPattern(R, X, opts.resourceMode, { allowUnresolved: false }) : resourceMissPattern(R, X, { allowUnresolved })
      const extras = R.chance(0.35) ? [resourceMissPattern(R, X)] : []
      const list = uniq(R.shuffle([main, ...extras]))
      s.Resource = list.length === 1 && R.chance(0.6) ? list[0] : list
    }
  }
  // ---- condition
  const nAtoms = opts.atoms ?? R.weighted([[0, 45], [1, 30], [2, 17], [3, 8]])
  const wantC = broken !== 'condition'
  const n = !wantC ? Math.max(1, nAtoms) : nAtoms
  const c = buildCondition(R, X, wantC, n, opts.weights ?? X.atomWeights ?? DEFAULT_ATOM_WEIGHTS)
  if (c) s.Condition = c.Condition
  return orderStatement(s)
}

/** An unrelated but realistic statement: a grant/deny written for another request. */
export function noiseStatement(R, X, L) {
  const other = X.noiseRequest(R)
  const Y = { ...X, req: other.req, ctx: X.ctx, rpKind: X.rpKind }
  const role = R.chance(L === 'scp' || L === 'rcp' ? 0.7 : 0.3) ? 'deny-hit' : 'grant'
  return buildStatement(R, Y, L, role, { noNot: R.chance(0.5) })
}

// ---- guardrail libraries (SCP / RCP / resource policy) --------------------------------------

export function scpGuardrail(R, X, hit) {
  const ctx = X.ctx
  const region = ctx['aws:RequestedRegion']
  const t = R.pick(['region', 'leave', 'trail', 'mfa', 'iamuser', 'kmsdel', 'tls', 'nonorg', 'protect'])
  switch (t) {
    case 'region': {
      const allowed = hit ? R.sample(REGIONS.filter((r) => r !== region), 2) : uniq([region, ...R.sample(REGIONS, 1)])
      return { Sid: 'DenyOutsideApprovedRegions', Effect: 'Deny', NotAction: ['iam:*', 'organizations:*', 'sts:*', 'support:*', 'cloudfront:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': allowed } } }
    }
    case 'leave':
      return { Sid: 'DenyLeaveOrganization', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }
    case 'trail':
      return { Sid: 'ProtectCloudTrail', Effect: 'Deny', Action: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail'], Resource: '*', Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/OrgAdmin' } } }
    case 'mfa':
      return { Sid: 'DenySensitiveWithoutMfa', Effect: 'Deny', Action: ['iam:DeleteRole', 'iam:PutRolePermissionsBoundary', 'kms:ScheduleKeyDeletion', 's3:DeleteBucket', 'secretsmanager:DeleteSecret'], Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }
    case 'iamuser':
      return { Sid: 'DenyIamUserCreation', Effect: 'Deny', Action: ['iam:CreateUser', 'iam:CreateAccessKey'], Resource: '*' }
    case 'kmsdel':
      return { Effect: 'Deny', Action: 'kms:ScheduleKeyDeletion', Resource: '*', Condition: { StringNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/OrgAdmin', 'arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_*'] } } }
    case 'tls':
      return { Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } } }
    case 'nonorg':
      return { Sid: 'DenyResourcesOutsideOrg', Effect: 'Deny', Action: ['s3:*', 'sqs:*', 'kms:*'], Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:ResourceOrgID': X.orgOfPrincipal ?? 'o-7k2m9xq4ab' } } }
    case 'protect':
      return { Sid: 'ProtectPlatformRoles', Effect: 'Deny', Action: ['iam:AttachRolePolicy', 'iam:DeleteRole', 'iam:PutRolePermissionsBoundary', 'iam:UpdateAssumeRolePolicy'], Resource: ['arn:aws:iam::*:role/OrgAdmin', 'arn:aws:iam::*:role/CIDeployRole'], Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/OrgAdmin' } } }
  }
}

export function rcpGuardrail(R, X) {
  const t = R.pick(['org', 'tls', 'deputy', 'kms', 'sts', 'vpce'])
  const org = ACCOUNTS[X.resource.account].org ?? 'o-7k2m9xq4ab'
  switch (t) {
    case 'org':
      return { Sid: 'EnforceOrgIdentities', Effect: 'Deny', Principal: '*', Action: ['s3:*', 'sqs:*', 'kms:*', 'secretsmanager:*', 'sts:AssumeRole'], Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': org }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } } }
    case 'tls':
      return { Sid: 'EnforceSecureTransport', Effect: 'Deny', Principal: '*', Action: ['sts:*', 's3:*', 'sqs:*', 'secretsmanager:*', 'kms:*'], Resource: '*', Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } } }
    case 'deputy':
      return { Sid: 'EnforceConfusedDeputyProtection', Effect: 'Deny', Principal: '*', Action: ['s3:*', 'sqs:*', 'kms:*', 'secretsmanager:*', 'sts:*'], Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:SourceOrgID': org }, 'Null': { 'aws:SourceAccount': 'false' }, Bool: { 'aws:PrincipalIsAWSService': 'true' } } }
    case 'kms':
      return { Effect: 'Deny', Principal: '*', Action: ['kms:Decrypt', 'kms:ReEncrypt*', 'kms:CreateGrant'], Resource: '*', Condition: { StringNotEquals: { 'kms:CallerAccount': Object.keys(ACCOUNTS).filter((a) => ACCOUNTS[a].org === org) }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } } }
    case 'sts':
      return { Sid: 'DenyAssumeFromOutside', Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': org, 'sts:ExternalId': ['acme-partner-7731', 'vendor-8842'] }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } } }
    case 'vpce':
      return { Sid: 'DenyS3DeleteWithoutMfa', Effect: 'Deny', Principal: '*', Action: ['s3:DeleteObject', 's3:DeleteBucket', 's3:PutBucketPolicy'], Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }
  }
}

export function rpGuardrail(R, X) {
  const svc = X.req.action.split(':')[0]
  const resAll = X.rpKind === 's3' ? [`arn:aws:s3:::${splitArn(X.req.resource).resource.split('/')[0]}`, `arn:aws:s3:::${splitArn(X.req.resource).resource.split('/')[0]}/*`] : X.rpKind === 'kms' || X.rpKind === 'secret' ? '*' : X.req.resource
  const t = R.pick(['tls', 'org', 'vpce', 'ip'])
  const base = X.rpKind === 'trust' ? {} : { Resource: resAll }
  switch (t) {
    case 'tls':
      return { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: `${svc}:*`, ...base, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }
    case 'org':
      return { Sid: 'DenyOutsideOrg', Effect: 'Deny', Principal: { AWS: '*' }, Action: `${svc}:*`, ...base, Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-7k2m9xq4ab' }, Bool: { 'aws:PrincipalIsAWSService': 'false' } } }
    case 'vpce':
      return { Effect: 'Deny', Principal: '*', Action: `${svc}:*`, ...base, Condition: { StringNotEqualsIfExists: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f6a7b8' }, BoolIfExists: { 'aws:ViaAWSService': 'false' }, 'ForAllValues:StringNotEquals': { 'aws:CalledVia': ['cloudformation.amazonaws.com'] } } }
    case 'ip':
      return { Effect: 'Deny', Principal: '*', Action: `${svc}:*`, ...base, Condition: { NotIpAddressIfExists: { 'aws:SourceIp': ['192.0.2.0/24', '203.0.113.0/24', '2001:db8:ace::/48'] }, Null: { 'aws:SourceVpce': 'true' }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } } }
  }
}

export const FULL_AWS_ACCESS = () => ({ Version: V, Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] })
export const RCP_FULL_AWS_ACCESS = () => ({ Version: V, Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] })

/** Wraps statements into a document, sometimes using a single object Statement. */
export function doc(R, statements, version = V) {
  if (statements.length === 1 && R.chance(0.3)) return { Version: version, Statement: statements[0] }
  return { Version: version, Statement: statements }
}

export { splitArn }
