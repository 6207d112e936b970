// Condition blocks built against the request context with an intended truth value.
// Each "atom" is one operator + key + values; its truth is known by construction and only steers
// generation. Areas where the simulator departs from the AWS documentation are never produced:
//   - set operators combined with ...IfExists
//   - single-valued operators on multivalued keys (a set operator is always used on them)
//   - policy variables that cannot be resolved inside a Condition (a default is given instead)
//   - ${*} ${?} ${$} outside StringLike / ArnLike (the simulator leaves them literal elsewhere)
//   - Null on a key present with an empty set of values
//   - epoch-second date values
import { ALL_ACCOUNTS, ORG, PARTNER_ORG, REGIONS, ROLES, SERVICE_PRINCIPALS, TAG_VALUES, USERS } from './world.mjs'
import { ctxGet, ctxHas, ipInCidr, ipv4Network, ipv6Network, isIpv6, policyRegex, uniq } from './lib.mjs'

const lc = (s) => s.toLowerCase()

const DATE_KEYS = ['aws:CurrentTime', 'aws:TokenIssueTime']
const IP_KEYS = ['aws:SourceIp', 'aws:VpcSourceIp']
const BOOL_KEYS = ['aws:SecureTransport', 'aws:MultiFactorAuthPresent', 'aws:PrincipalIsAWSService', 'aws:ViaAWSService', 'kms:GrantIsForAWSResource']
const NUMERIC_KEYS = ['aws:MultiFactorAuthAge', 's3:TlsVersion', 's3:max-keys', 'secretsmanager:RecoveryWindowInDays']
const ARN_KEYS = ['aws:PrincipalArn', 'aws:SourceArn', 'iam:PolicyARN', 'iam:PermissionsBoundary']
const MULTI_KEYS = ['aws:PrincipalOrgPaths', 'aws:ResourceOrgPaths', 'aws:CalledVia', 'aws:TagKeys', 'dynamodb:LeadingKeys']
const BINARY_KEYS = ['aws:PrincipalTag/badge']

export function keyType(key) {
  const k = lc(key)
  if (DATE_KEYS.some((x) => lc(x) === k)) return 'date'
  if (IP_KEYS.some((x) => lc(x) === k)) return 'ip'
  if (BOOL_KEYS.some((x) => lc(x) === k)) return 'bool'
  if (NUMERIC_KEYS.some((x) => lc(x) === k)) return 'numeric'
  if (ARN_KEYS.some((x) => lc(x) === k)) return 'arn'
  if (MULTI_KEYS.some((x) => lc(x) === k)) return 'multi'
  return 'string'
}

// Absent-key candidates per type (used only when not in the context).
const ABSENT_CANDIDATES = {
  string: ['aws:PrincipalTag/employment', 'aws:PrincipalTag/project', 'aws:ResourceTag/owner', 'aws:SourceVpce', 'aws:PrincipalOrgID', 'aws:username', 'sts:ExternalId', 's3:x-amz-server-side-encryption', 'aws:RequestTag/project', 'aws:CalledViaFirst', 'aws:SourceAccount', 'aws:ResourceTag/classification', 'aws:PrincipalServiceName'],
  numeric: ['aws:MultiFactorAuthAge', 's3:TlsVersion'],
  date: ['aws:TokenIssueTime'],
  bool: ['aws:MultiFactorAuthPresent', 'aws:ViaAWSService', 'aws:PrincipalIsAWSService'],
  ip: ['aws:SourceIp', 'aws:VpcSourceIp'],
  arn: ['aws:SourceArn', 'aws:PrincipalArn'],
  multi: ['aws:CalledVia', 'aws:TagKeys', 'aws:PrincipalOrgPaths'],
  binary: ['aws:PrincipalTag/badge']
}

function otherStringValues(key, v) {
  const k = lc(key)
  let pool
  if (k === 'aws:requestedregion') pool = REGIONS
  else if (['aws:principalaccount', 'aws:resourceaccount', 'aws:sourceaccount', 'kms:calleraccount'].includes(k)) pool = ALL_ACCOUNTS
  else if (['aws:principalorgid', 'aws:resourceorgid', 'aws:sourceorgid'].includes(k)) pool = [ORG, PARTNER_ORG, 'o-a1b2c3d4e5']
  else if (k === 'aws:principaltype') pool = ['User', 'AssumedRole', 'FederatedUser']
  else if (k === 'aws:username') pool = USERS.map((u) => u.name)
  else if (k === 'aws:userid') pool = [...USERS.map((u) => u.userid), 'AROAXUIF5O8EXAMPLE:erin', 'AROAXWMR4SYEXAMPLE:frank']
  else if (k.includes('tag/')) {
    const tag = key.split('/')[1]
    pool = TAG_VALUES[tag] ?? ['none', 'unassigned', 'legacy']
  } else if (k === 'aws:sourcevpce') pool = ['vpce-0a1b2c3d4e5f6a7b8', 'vpce-0f9e8d7c6b5a49382', 'vpce-01234abcd5678ef90']
  else if (k === 'aws:sourcevpc') pool = ['vpc-0123abcd4567ef890', 'vpc-0fedcba987654321a', 'vpc-0a0b0c0d0e0f01234']
  else if (['aws:calledviafirst', 'aws:calledvialast', 'aws:principalservicename', 'iam:passedtoservice'].includes(k)) pool = SERVICE_PRINCIPALS
  else if (k === 's3:x-amz-acl') pool = ['private', 'bucket-owner-full-control', 'public-read', 'authenticated-read']
  else if (k === 's3:x-amz-server-side-encryption') pool = ['AES256', 'aws:kms', 'aws:kms:dsse']
  else if (k === 'kms:viaservice') pool = ['s3.us-east-1.amazonaws.com', 'secretsmanager.eu-west-1.amazonaws.com', 'dynamodb.us-east-1.amazonaws.com', 'sqs.us-east-1.amazonaws.com', 's3.eu-west-1.amazonaws.com']
  else if (k === 'sts:externalid') pool = ['acme-partner-7731', 'vendor-8842', 'wrong-id']
  else if (k === 'sts:rolesessionname') pool = ['erin', 'dave', 'frank', 'GitHubActions', 'scanner-run-42', 'integration']
  else if (k === 'sns:protocol') pool = ['https', 'sqs', 'email', 'lambda']
  else if (k === 'sns:endpoint') pool = ['https://hooks.example.com/alerts', 'oncall@example.com', 'arn:aws:sqs:us-east-1:111122223333:orders-queue']
  else if (k === 's3:prefix') pool = ['home/erin/', 'home/dave/', 'shared/', 'exports/']
  else if (k === 'aws:useragent') pool = ['curl/8.5.0', 'aws-cli/2.15.0', 'Mozilla/5.0 (X11; Linux x86_64)']
  else if (k === 'aws:referer') pool = ['https://acme.example/downloads', 'https://evil.example/', 'https://acme.example/search?q=ward']
  else if (k === 'aws:sourceowner') pool = ALL_ACCOUNTS
  else pool = []
  const out = pool.filter((x) => lc(x) !== lc(v ?? ''))
  if (out.length === 0) out.push(`${v ?? 'value'}-other`, 'none')
  return out
}

function caseVariant(v) {
  if (!/[a-z]/i.test(v)) return null
  const up = v.toUpperCase()
  if (up !== v) return up
  const low = v.toLowerCase()
  return low !== v ? low : null
}

function globOf(R, v) {
  const n = v.length
  if (n < 3) return R.chance(0.5) ? '*' : v
  const mode = R.weighted([['prefix', 4], ['suffix', 2], ['q', 2], ['mid', 2], ['all', 1]])
  if (mode === 'all') return '*'
  if (mode === 'prefix') return v.slice(0, R.int(1, n - 1)) + '*'
  if (mode === 'suffix') return '*' + v.slice(R.int(1, n - 1))
  if (mode === 'q') {
    const i = R.int(0, n - 1)
    if (v[i] === '*' || v[i] === '?' || v[i] === '$') return v.slice(0, n - 1) + '*'
    return v.slice(0, i) + '?' + v.slice(i + 1)
  }
  const i = R.int(1, Math.max(1, n - 2))
  const j = R.int(i, n - 1)
  return v.slice(0, i) + '*' + v.slice(j)
}

function escapeLiteralForLike(v) {
  // Express a literal value containing * ? $ inside StringLike with the special variables.
  return v.replace(/\$(?!\{)/g, '${$}').replace(/\*/g, '${*}').replace(/\?/g, '${?}')
}

function nonMatchingGlob(R, v, pool) {
  for (let t = 0; t < 6; t++) {
    const o = R.pick(pool)
    const g = o.length > 2 ? o.slice(0, R.int(2, o.length - 1)) + '*' : o
    if (!likeMatch(g, v)) return g
  }
  return 'zz-no-match-*'
}

const likeMatch = (pattern, value, ctx = {}) => {
  const re = policyRegex(pattern, ctx)
  return re ? re.test(value) : false
}

const STRING_OPS = [
  ['StringEquals', 25],
  ['StringNotEquals', 16],
  ['StringLike', 15],
  ['StringNotLike', 8],
  ['StringEqualsIgnoreCase', 8],
  ['StringNotEqualsIgnoreCase', 6]
]

const negated = (op) => /Not/.test(op)

function stringValuesFor(R, op, key, v, want) {
  const others = otherStringValues(key, v)
  const positive = !negated(op)
  const ic = /IgnoreCase/.test(op)
  const like = /Like/.test(op)
  const matchVal = like ? globOf(R, v) : ic ? caseVariant(v) ?? v : v
  const nonMatch = () => {
    const o = R.sample(others, R.int(1, 2))
    if (like) return [nonMatchingGlob(R, v, others)]
    if (!ic && R.chance(0.25) && caseVariant(v)) return uniq([caseVariant(v), ...o.slice(0, 1)])
    return o
  }
  if (positive === want) {
    const vals = [matchVal]
    if (R.chance(0.45)) vals.push(...nonMatch())
    return { values: R.shuffle(uniq(vals)), truth: want }
  }
  return { values: nonMatch(), truth: want }
}

// String atoms whose value is a policy variable (truth resolved here).
const VARIABLE_ATOMS = [
  { key: 'aws:ResourceTag/team', value: '${aws:PrincipalTag/team}' },
  { key: 'aws:ResourceTag/env', value: '${aws:PrincipalTag/env}' },
  { key: 'aws:PrincipalTag/team', value: '${aws:ResourceTag/team}' },
  { key: 'aws:ResourceAccount', value: '${aws:PrincipalAccount}' },
  { key: 'aws:SourceAccount', value: '${aws:ResourceAccount}' },
  { key: 'aws:ResourceOrgID', value: '${aws:PrincipalOrgID}' },
  { key: 's3:prefix', value: 'home/${aws:username}/*', like: true },
  { key: 's3:prefix', value: 'home/${aws:userid}/*', like: true },
  { key: 'sts:RoleSessionName', value: '${aws:username}' },
  { key: 'aws:RequestTag/owner', value: '${aws:username}' },
  { key: 'aws:RequestTag/team', value: '${aws:PrincipalTag/team}' },
  { key: 'aws:RequestTag/cost-center', value: '${aws:PrincipalTag/cost-center}' },
  { key: 'aws:ResourceTag/team', value: "${aws:PrincipalTag/team, 'unassigned'}" },
  { key: 'aws:ResourceTag/env', value: "${aws:PrincipalTag/env, 'dev'}" },
  { key: 'aws:ResourceTag/cost-center', value: "${aws:PrincipalTag/cost-center, 'cc-1001'}" },
  { key: 'aws:PrincipalTag/team', value: "${aws:ResourceTag/team, 'platform'}" }
]

function variableVarNames(value) {
  return [...value.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1])
}

function variableAtom(R, X, want) {
  const ctx = X.ctx
  const cands = VARIABLE_ATOMS.filter((a) => {
    const kv = ctxGet(ctx, a.key)
    if (typeof kv !== 'string') return false
    // every variable must resolve (present single value) or carry a default
    return variableVarNames(a.value).every((inner) => {
      if (inner.includes(', ')) return true
      return typeof ctxGet(ctx, inner) === 'string'
    })
  })
  if (cands.length === 0) return null
  const a = R.pick(cands)
  const kv = ctxGet(ctx, a.key)
  const ops = a.like ? ['StringLike', 'StringNotLike'] : ['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringLike']
  const op = R.pick(ops)
  const re = policyRegex(a.value, ctx, { wildcards: /Like/.test(op), ignoreCase: /IgnoreCase/.test(op) })
  if (!re) return null
  const m = re.test(kv)
  const truth = negated(op) ? !m : m
  return { op, key: a.key, values: [a.value], truth }
}

// Context values that carry characters needing ${*} ${?} ${$} in StringLike.
function specialCharAtom(R, X, want) {
  const ctx = X.ctx
  const keys = Object.keys(ctx).filter((k) => typeof ctx[k] === 'string' && /[*?$]/.test(ctx[k]) && keyType(k) === 'string')
  if (keys.length === 0) return null
  const key = R.pick(keys)
  const v = ctx[key]
  const lit = escapeLiteralForLike(v)
  const op = R.pick(['StringLike', 'StringNotLike'])
  let value
  if (R.chance(0.5)) {
    // keep the escaped literal prefix and end with a real wildcard
    const cut = Math.max(lit.indexOf('${') + 4, Math.floor(lit.length / 2))
    value = lit.slice(0, cut) + '*'
    if (!likeMatch(value, v)) value = lit
  } else value = lit
  // a variant where the special character is replaced by another one: never matches literally
  if ((op === 'StringLike') !== want) {
    value = value.replace('${?}', '${$}').replace('${*}', '${?}')
  }
  const m = likeMatch(value, v)
  return { op, key, values: [value], truth: op === 'StringLike' ? m : !m }
}

function stringAtom(R, X, want) {
  const ctx = X.ctx
  if (R.chance(X.variableAtomRate ?? 0.14)) {
    const a = variableAtom(R, X, want)
    if (a) return a
  }
  if (R.chance(X.specialAtomRate ?? 0.06)) {
    const a = specialCharAtom(R, X, want)
    if (a) return a
  }
  let present = Object.keys(ctx).filter((k) => typeof ctx[k] === 'string' && keyType(k) === 'string' && !/badge$/.test(k))
  const specific = present.filter((k) => !k.startsWith('aws:'))
  if (specific.length && R.chance(0.3)) present = specific
  if (X.keyFilter && R.chance(0.75)) {
    const f = present.filter((k) => X.keyFilter.test(k))
    if (f.length) present = f
  }
  const absent = ABSENT_CANDIDATES.string.filter((k) => !ctxHas(ctx, k))
  const useAbsent = absent.length > 0 && (present.length === 0 || R.chance(0.2))
  if (useAbsent) return absentAtom(R, X, want, R.pick(absent), 'string')
  const key = R.pick(present)
  const v = ctx[key]
  let op = R.weighted(STRING_OPS)
  const ifExists = R.chance(0.12)
  const { values, truth } = stringValuesFor(R, op, key, v, want)
  if (ifExists) op += 'IfExists'
  return { op, key, values, truth }
}

/** An atom on a key absent from the context. */
function absentAtom(R, X, want, key, type) {
  const opsByType = {
    string: ['StringEquals', 'StringLike', 'StringEqualsIgnoreCase', 'StringNotEquals', 'StringNotLike'],
    numeric: ['NumericLessThan', 'NumericGreaterThanEquals', 'NumericEquals', 'NumericNotEquals'],
    date: ['DateGreaterThan', 'DateLessThan', 'DateNotEquals'],
    bool: ['Bool'],
    ip: ['IpAddress', 'NotIpAddress'],
    arn: ['ArnLike', 'ArnEquals', 'ArnNotLike', 'ArnNotEquals'],
    binary: ['BinaryEquals']
  }
  const r = R.next()
  if (type !== 'multi' && r < 0.25) {
    // Null: "true" holds for an absent key
    return { op: 'Null', key, values: [want ? 'true' : 'false'], truth: want }
  }
  if (type === 'multi') {
    // absent multivalued key: ForAllValues -> true, ForAnyValue -> false
    const base = R.pick(['StringEquals', 'StringLike'])
    const set = want ? 'ForAllValues' : 'ForAnyValue'
    return { op: `${set}:${base}`, key, values: sampleValuesForAbsent(key, R), truth: want }
  }
  const ops = opsByType[type]
  let op = R.pick(ops)
  let truth
  if (negated(op)) truth = true
  else {
    if (want && R.chance(0.85)) op += 'IfExists'
    truth = /IfExists$/.test(op)
  }
  if (type === 'bool' && want && !/IfExists$/.test(op)) {
    op = 'BoolIfExists'
    truth = true
  }
  if (truth !== want && !negated(op)) {
    // positive operator: IfExists decides
    op = want ? op.replace(/IfExists$/, '') + 'IfExists' : op.replace(/IfExists$/, '')
    truth = want
  }
  if (truth !== want && negated(op)) {
    // negated operators are always true on an absent key; use a positive one instead
    op = ops.find((o) => !negated(o))
    truth = false
  }
  return { op, key, values: sampleValuesForAbsent(key, R, type), truth }
}

function sampleValuesForAbsent(key, R, type = keyType(key)) {
  switch (type) {
    case 'numeric':
      if (/TlsVersion/i.test(key)) return [R.pick(['1.2', '1.3'])]
      return [String(R.pick([300, 900, 3600, 43200]))]
    case 'date':
      return [R.pick(['2025-01-01T00:00:00Z', '2025-06-01T00:00:00Z', '2026-01-01T00:00:00Z'])]
    case 'bool':
      return [R.pick(['true', 'false'])]
    case 'ip':
      return R.sample(['192.0.2.0/24', '203.0.113.0/24', '2001:db8:ace::/48', '10.0.0.0/8'], R.int(1, 2))
    case 'arn':
      return [R.pick(['arn:aws:iam::*:role/OrgAdmin', 'arn:aws:events:*:111122223333:rule/*', 'arn:aws:s3:::acme-data-dev-scratch'])]
    case 'binary':
      return ['cGxhdGZvcm0tYWRtaW4=']
    case 'multi':
      if (/TagKeys/i.test(key)) return R.sample(['team', 'env', 'project', 'cost-center'], R.int(1, 3))
      if (/OrgPaths/i.test(key)) return [`${ORG}/r-4f2a/ou-4f2a-wkld1a2b/*`]
      return R.sample(SERVICE_PRINCIPALS, 2)
    default:
      return R.sample(otherStringValues(key, ''), R.int(1, 2))
  }
}

// ---- numeric ---------------------------------------------------------------------------------
const NUMERIC_OPS = ['NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals']
function numCompare(op, ctxN, polN) {
  switch (op) {
    case 'NumericEquals':
      return ctxN === polN
    case 'NumericNotEquals':
      return ctxN !== polN
    case 'NumericLessThan':
      return ctxN < polN
    case 'NumericLessThanEquals':
      return ctxN <= polN
    case 'NumericGreaterThan':
      return ctxN > polN
    case 'NumericGreaterThanEquals':
      return ctxN >= polN
  }
}
function fmtNum(n, decimals) {
  return decimals ? n.toFixed(decimals) : String(Math.round(n))
}
function numericAtom(R, X, want) {
  const ctx = X.ctx
  const present = Object.keys(ctx).filter((k) => keyType(k) === 'numeric')
  const absent = ABSENT_CANDIDATES.numeric.filter((k) => !ctxHas(ctx, k))
  if (present.length === 0 || (absent.length && R.chance(0.2))) {
    if (absent.length === 0) return null
    return absentAtom(R, X, want, R.pick(absent), 'numeric')
  }
  const key = R.pick(present)
  const raw = ctx[key]
  const decimals = raw.includes('.') ? raw.split('.')[1].length : 0
  const n = parseFloat(raw)
  const step = decimals ? Math.pow(10, -decimals) : Math.max(1, Math.round(n * 0.25))
  for (let t = 0; t < 12; t++) {
    const op = R.pick(NUMERIC_OPS)
    const delta = R.pick([0, 0, step, -step, 2 * step, -2 * step])
    const polN = n + delta
    if (polN < 0) continue
    const truth = numCompare(op, n, parseFloat(fmtNum(polN, decimals)))
    if (truth !== want) continue
    const values = [fmtNum(polN, decimals)]
    if ((op === 'NumericEquals' || op === 'NumericNotEquals') && R.chance(0.3)) {
      // several values: Equals = any, NotEquals = none
      const extra = fmtNum(n + 7 * step, decimals)
      const v2 = [...values, extra]
      const t2 = op === 'NumericEquals' ? v2.some((v) => parseFloat(v) === n) : v2.every((v) => parseFloat(v) !== n)
      if (t2 === want) return { op: op + (R.chance(0.15) ? 'IfExists' : ''), key, values: v2, truth: want }
    }
    return { op: op + (R.chance(0.15) ? 'IfExists' : ''), key, values, truth }
  }
  return null
}

// ---- dates -----------------------------------------------------------------------------------
const DATE_OPS = ['DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals']
function dateCompare(op, c, p) {
  switch (op) {
    case 'DateEquals':
      return c === p
    case 'DateNotEquals':
      return c !== p
    case 'DateLessThan':
      return c < p
    case 'DateLessThanEquals':
      return c <= p
    case 'DateGreaterThan':
      return c > p
    case 'DateGreaterThanEquals':
      return c >= p
  }
}
function fmtDate(R, ms, forceStyle) {
  const d = new Date(ms)
  const iso = d.toISOString() // 2025-03-17T18:39:14.000Z
  const style =
    forceStyle ??
    R.weighted([
      ['z', 70],
      ['millis', 10],
      ['offset', 10],
      ['dateonly', 10]
    ])
  if (style === 'millis') return iso
  if (style === 'dateonly' && iso.slice(11, 19) === '00:00:00' && iso.slice(20, 23) === '000') return iso.slice(0, 10)
  if (style === 'offset') {
    const offH = R.pick([2, -5, 9, 1])
    const local = new Date(ms + offH * 3600000).toISOString().slice(0, 19)
    const sign = offH >= 0 ? '+' : '-'
    return `${local}${sign}${String(Math.abs(offH)).padStart(2, '0')}:00`
  }
  return iso.slice(0, 19) + 'Z'
}
function dateAtom(R, X, want) {
  const ctx = X.ctx
  const present = DATE_KEYS.filter((k) => ctxHas(ctx, k))
  const absent = ABSENT_CANDIDATES.date.filter((k) => !ctxHas(ctx, k))
  if (absent.length && R.chance(0.1)) return absentAtom(R, X, want, R.pick(absent), 'date')
  const key = R.pick(present)
  const c = Date.parse(ctx[key])
  for (let t = 0; t < 12; t++) {
    const op = R.pick(DATE_OPS)
    const kind = R.weighted([
      ['equal', 2],
      ['hours', 3],
      ['days', 3],
      ['midnight', 2]
    ])
    let p
    if (kind === 'equal') p = c
    else if (kind === 'hours') p = c + R.pick([-1, 1, -6, 6]) * 3600000
    else if (kind === 'days') p = c + R.pick([-1, 1, -30, 30, -200, 200]) * 86400000
    else p = Date.UTC(new Date(c).getUTCFullYear(), new Date(c).getUTCMonth() + R.pick([-1, 0, 1]), 1)
    const truth = dateCompare(op, c, p)
    if (truth !== want) continue
    const style = kind === 'midnight' && R.chance(0.5) ? 'dateonly' : undefined
    const values = [fmtDate(R, p, style)]
    return { op: op + (R.chance(0.1) ? 'IfExists' : ''), key, values, truth }
  }
  return null
}

// ---- bool ------------------------------------------------------------------------------------
function boolAtom(R, X, want) {
  const ctx = X.ctx
  const present = BOOL_KEYS.filter((k) => ctxHas(ctx, k))
  const absent = ABSENT_CANDIDATES.bool.filter((k) => !ctxHas(ctx, k))
  if (present.length === 0 || (absent.length && R.chance(0.3))) {
    if (!absent.length) return null
    return absentAtom(R, X, want, R.pick(absent), 'bool')
  }
  const key = R.pick(present)
  const v = ctxGet(ctx, key) === 'true'
  const pv = want ? v : !v
  const op = R.chance(0.3) ? 'BoolIfExists' : 'Bool'
  return { op, key, values: [String(pv)], truth: want }
}

// ---- IP --------------------------------------------------------------------------------------
const V4_POOL = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '10.0.0.0/8', '172.16.0.0/12', '81.2.69.0/24', '34.234.44.0/22']
const V6_POOL = ['2001:db8:ace::/48', '2001:db8:beef::/48', '2001:db8::/32', 'fd00:ec2::/32', '2600:1f18:abcd::/48']
function containingCidr(R, ip) {
  if (isIpv6(ip)) {
    const len = R.pick([32, 48, 56, 64, 128])
    return len === 128 && R.chance(0.5) ? ip : ipv6Network(ip, len)
  }
  const len = R.pick([8, 16, 24, 27, 32])
  return len === 32 && R.chance(0.5) ? ip : ipv4Network(ip, len)
}
function nonContaining(R, ip, k) {
  const pool = [...V4_POOL, ...V6_POOL].filter((c) => !ipInCidr(ip, c))
  return R.sample(pool, k)
}
function ipAtom(R, X, want) {
  const ctx = X.ctx
  const present = IP_KEYS.filter((k) => ctxHas(ctx, k))
  const absent = ABSENT_CANDIDATES.ip.filter((k) => !ctxHas(ctx, k))
  if (present.length === 0 || (absent.length && R.chance(0.15))) {
    if (!absent.length) return null
    return absentAtom(R, X, want, R.pick(absent), 'ip')
  }
  const key = R.pick(present)
  const ip = ctxGet(ctx, key)
  const op = R.chance(0.5) ? 'IpAddress' : 'NotIpAddress'
  const positive = op === 'IpAddress'
  let values
  if (positive === want) values = R.shuffle(uniq([containingCidr(R, ip), ...nonContaining(R, ip, R.int(0, 2))]))
  else values = nonContaining(R, ip, R.int(1, 3))
  const inAny = values.some((c) => ipInCidr(ip, c))
  const truth = positive ? inAny : !inAny
  return { op: op + (R.chance(0.1) ? 'IfExists' : ''), key, values, truth }
}

// ---- ARN -------------------------------------------------------------------------------------
function arnWildcards(R, arn) {
  const p = arn.split(':')
  const res = p.slice(5).join(':')
  const options = []
  options.push([...p.slice(0, 4), '*', res].join(':'))
  const slash = res.lastIndexOf('/')
  if (slash > 0) options.push([...p.slice(0, 5), res.slice(0, slash + 1) + '*'].join(':'))
  if (res.length > 4) options.push([...p.slice(0, 5), res.slice(0, res.length - 2) + '*'].join(':'))
  if (p[3]) options.push([p[0], p[1], p[2], '*', p[4], res].join(':'))
  const i = Math.max(p.slice(0, 5).join(':').length + 1 + res.indexOf('/') + 1, arn.length - 3)
  if (i < arn.length - 1 && /[A-Za-z0-9]/.test(arn[i])) options.push(arn.slice(0, i) + '?' + arn.slice(i + 1))
  return R.pick(options)
}
function otherArns(key, v) {
  const k = lc(key)
  let pool
  if (k === 'aws:principalarn') pool = [...USERS.map((u) => u.arn), ...ROLES.map((r) => r.arn), 'arn:aws:iam::*:role/OrgAdmin', 'arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_*']
  else if (k === 'aws:sourcearn') pool = ['arn:aws:events:eu-west-1:444455556666:rule/order-created', 'arn:aws:s3:::acme-data-dev-scratch', 'arn:aws:cloudtrail:us-east-1:111122223333:trail/management-events', 'arn:aws:sns:us-east-1:111122223333:ops-alerts', 'arn:aws:events:us-east-1:777788889999:rule/*']
  else if (k === 'iam:policyarn') pool = ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::aws:policy/AdministratorAccess', 'arn:aws:iam::111122223333:policy/PaymentsDataAccess', 'arn:aws:iam::*:policy/boundaries/*']
  else pool = ['arn:aws:iam::444455556666:policy/boundaries/DeveloperBoundary', 'arn:aws:iam::111122223333:policy/boundaries/DeveloperBoundary', 'arn:aws:iam::aws:policy/AdministratorAccess']
  return pool.filter((a) => !arnLike(a, v))
}
function arnLike(pattern, arn) {
  const pp = pattern.split(':')
  const ap = arn.split(':')
  if (pp.length < 6 || ap.length < 6) return false
  const p6 = [...pp.slice(0, 5), pp.slice(5).join(':')]
  const a6 = [...ap.slice(0, 5), ap.slice(5).join(':')]
  return p6.every((seg, i) => likeMatch(seg, a6[i]))
}
const ARN_OPS = ['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike']
function arnAtom(R, X, want) {
  const ctx = X.ctx
  const present = ARN_KEYS.filter((k) => typeof ctxGet(ctx, k) === 'string')
  const absent = ABSENT_CANDIDATES.arn.filter((k) => !ctxHas(ctx, k))
  if (present.length === 0 || (absent.length && R.chance(0.15))) {
    if (!absent.length) return null
    return absentAtom(R, X, want, R.pick(absent), 'arn')
  }
  const key = R.pick(present)
  const v = ctxGet(ctx, key)
  const op = R.weighted([
    ['ArnEquals', 2],
    ['ArnLike', 3],
    ['ArnNotEquals', 2],
    ['ArnNotLike', 4]
  ])
  const positive = !negated(op)
  const matchVal = op === 'ArnEquals' && R.chance(0.8) ? v : R.chance(0.3) ? v : arnWildcards(R, v)
  const others = otherArns(key, v)
  let values
  if (positive === want) values = R.shuffle(uniq([matchVal, ...R.sample(others, R.int(0, 2))]))
  else values = R.sample(others, R.int(1, 2))
  if (values.length === 0) values = ['arn:aws:iam::999900001111:role/Nobody']
  const m = values.some((p) => arnLike(p, v))
  return { op: op + (R.chance(0.08) ? 'IfExists' : ''), key, values, truth: positive ? m : !m }
}

// ---- multivalued keys (always with a set operator) ------------------------------------------
function multiAtom(R, X, want) {
  const ctx = X.ctx
  const present = MULTI_KEYS.filter((k) => Array.isArray(ctxGet(ctx, k)))
  const absent = ABSENT_CANDIDATES.multi.filter((k) => !ctxHas(ctx, k))
  if (present.length === 0 || (absent.length && R.chance(0.2))) {
    if (!absent.length) return null
    return absentAtom(R, X, want, R.pick(absent), 'multi')
  }
  const key = R.pick(present)
  const vals = ctxGet(ctx, key)
  const pool = uniq([...vals, ...sampleValuesForAbsent(key, R, 'multi'), ...(/TagKeys/i.test(key) ? ['team', 'env', 'project', 'cost-center', 'owner', 'Name'] : []), ...(/OrgPaths/i.test(key) ? [`${ORG}/r-4f2a/ou-4f2a-sec7g8h9/`, `${PARTNER_ORG}/r-9z8y/`] : []), ...(/CalledVia/i.test(key) ? ['athena.amazonaws.com', 'cloudformation.amazonaws.com', 'glue.amazonaws.com'] : [])])
  for (let t = 0; t < 12; t++) {
    const set = R.pick(['ForAnyValue', 'ForAllValues'])
    const base = R.weighted([
      ['StringEquals', 5],
      ['StringLike', 3],
      ['StringNotEquals', 1],
      ['StringNotLike', 1],
      ['StringEqualsIgnoreCase', 1]
    ])
    let values = R.sample(pool, R.int(1, Math.min(4, pool.length)))
    if (base === 'StringLike' && R.chance(0.6)) values = values.map((v) => (v.length > 4 ? v.slice(0, v.length - 2) + '*' : v))
    if (base === 'StringEqualsIgnoreCase' && R.chance(0.6)) values = values.map((v) => v.toUpperCase())
    const matchOne = (cv) => {
      const m = values.some((p) => {
        const re = policyRegex(p, ctx, { wildcards: /Like/.test(base), ignoreCase: /IgnoreCase/.test(base) })
        return re ? re.test(cv) : false
      })
      return negated(base) ? !m : m
    }
    const truth = set === 'ForAnyValue' ? vals.some(matchOne) : vals.every(matchOne)
    if (truth !== want) continue
    return { op: `${set}:${base}`, key, values: uniq(values), truth }
  }
  return null
}

// ---- Null ------------------------------------------------------------------------------------
function nullAtom(R, X, want) {
  const ctx = X.ctx
  const keys = Object.keys(ctx).filter((k) => !(Array.isArray(ctx[k]) && ctx[k].length === 0))
  const absentAll = Object.values(ABSENT_CANDIDATES)
    .flat()
    .filter((k) => !ctxHas(ctx, k))
  const useAbsent = absentAll.length && R.chance(0.5)
  const key = useAbsent ? R.pick(absentAll) : R.pick(keys)
  const isAbsent = !ctxHas(ctx, key)
  const value = want ? (isAbsent ? 'true' : 'false') : isAbsent ? 'false' : 'true'
  return { op: 'Null', key, values: [value], truth: want }
}

// ---- BinaryEquals (on a base64 tag value: no binary-typed keys exist in the service reference) --
function binaryAtom(R, X, want) {
  const ctx = X.ctx
  const key = BINARY_KEYS[0]
  const v = ctxGet(ctx, key)
  const pool = ['cGxhdGZvcm0tYWRtaW4=', 'ZGF0YS1yZWFkZXI=', 'c2VjdXJpdHktYXVkaXQ=']
  if (typeof v !== 'string') return absentAtom(R, X, want, key, 'binary')
  const others = pool.filter((p) => p !== v)
  const values = want ? R.shuffle([v, ...R.sample(others, R.int(0, 1))]) : R.sample(others, R.int(1, 2))
  return { op: R.chance(0.2) ? 'BinaryEqualsIfExists' : 'BinaryEquals', key, values, truth: want }
}

const MAKERS = { string: stringAtom, numeric: numericAtom, date: dateAtom, bool: boolAtom, ip: ipAtom, arn: arnAtom, multi: multiAtom, null: nullAtom, binary: binaryAtom }

export const DEFAULT_ATOM_WEIGHTS = { string: 36, bool: 12, ip: 10, arn: 10, date: 9, null: 8, multi: 8, numeric: 6, binary: 1 }

export function makeAtom(R, X, want, weights = DEFAULT_ATOM_WEIGHTS) {
  for (let t = 0; t < 10; t++) {
    const cat = R.weighted(Object.entries(weights))
    const a = MAKERS[cat](R, X, want)
    if (a && a.truth === want) return a
  }
  return nullAtom(R, X, want)
}

/** Canonical-case variant of a key name, used only for non-tag keys (names are case-insensitive). */
function keyCaseVariant(R, key) {
  if (/\//.test(key)) return key
  const [svc, name] = key.split(':')
  return R.pick([`${svc}:${name.toLowerCase()}`, `${svc.toUpperCase()}:${name}`])
}

/**
 * Builds a Condition element from atoms. want=true: every atom holds; want=false: at least one
 * atom fails. Returns null for zero atoms.
 */
export function buildCondition(R, X, want, nAtoms, weights) {
  if (nAtoms <= 0) return null
  const atoms = []
  const falseAt = want ? -1 : R.int(0, nAtoms - 1)
  for (let i = 0; i < nAtoms; i++) {
    const w = i === falseAt ? false : true
    const a = makeAtom(R, X, w, weights)
    if (a) atoms.push(a)
  }
  const cond = {}
  const used = new Set()
  const kept = []
  for (const a of atoms) {
    const sig = `${a.op}|${lc(a.key)}`
    if (used.has(sig) || [...used].some((s) => s.endsWith(`|${lc(a.key)}`) && s.startsWith(a.op))) continue
    used.add(sig)
    kept.push(a)
    let key = a.key
    if (X.keyCase && R.chance(0.04)) key = keyCaseVariant(R, key)
    cond[a.op] ??= {}
    cond[a.op][key] = a.values.length === 1 && R.chance(0.55) ? a.values[0] : a.values
  }
  const truth = kept.every((a) => a.truth)
  if (kept.length === 0) return null
  return { Condition: cond, truth, atoms: kept }
}
