// Small building blocks shared by the generator: seeded PRNG, ARN helpers, and a minimal
// matcher for actions, resources and string conditions used to *steer* generation (whether a
// pattern is meant to match). The recorded decision always comes from the simulator.

export function mulberry32(seed) {
  let a = seed >>> 0
  return function () {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export class Rng {
  constructor(seed) {
    this.f = mulberry32(seed)
  }
  next() {
    return this.f()
  }
  int(lo, hi) {
    return lo + Math.floor(this.f() * (hi - lo + 1))
  }
  chance(p) {
    return this.f() < p
  }
  pick(arr) {
    if (!arr || arr.length === 0) throw new Error('pick from empty array')
    return arr[Math.floor(this.f() * arr.length)]
  }
  /** pairs: [[value, weight], ...] */
  weighted(pairs) {
    const live = pairs.filter(([, w]) => w > 0)
    const total = live.reduce((s, [, w]) => s + w, 0)
    let x = this.f() * total
    for (const [v, w] of live) {
      x -= w
      if (x < 0) return v
    }
    return live[live.length - 1][0]
  }
  shuffle(arr) {
    const a = [...arr]
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.f() * (i + 1))
      ;[a[i], a[j]] = [a[j], a[i]]
    }
    return a
  }
  sample(arr, k) {
    return this.shuffle(arr).slice(0, Math.max(0, Math.min(k, arr.length)))
  }
}

export const asArray = (v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v])
export const uniq = (arr) => [...new Set(arr)]

export function splitArn(arn) {
  const p = arn.split(':')
  return { partition: p[1], service: p[2], region: p[3], account: p[4], resource: p.slice(5).join(':') }
}
export function joinArn(a) {
  return ['arn', a.partition, a.service, a.region, a.account, a.resource].join(':')
}
/** Length of the resource-type prefix ("table/", "secret:", ...) that must not hold wildcards. */
export function productLen(a) {
  if (a.service === 's3') return 0
  const r = a.resource
  const s = r.indexOf('/')
  const c = r.indexOf(':')
  if (s === -1 && c === -1) return 0
  if (s === -1) return c + 1
  if (c === -1) return s + 1
  return Math.min(s, c) + 1
}

const escRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export function ctxGet(ctx, key) {
  if (Object.prototype.hasOwnProperty.call(ctx, key)) return ctx[key]
  const lk = key.toLowerCase()
  for (const k of Object.keys(ctx)) if (k.toLowerCase() === lk) return ctx[k]
  return undefined
}
export const ctxHas = (ctx, key) => ctxGet(ctx, key) !== undefined

export function parseVariable(inner) {
  const parts = inner.split(', ')
  if (parts.length === 2 && parts[1].startsWith("'") && parts[1].endsWith("'")) {
    return { name: parts[0].trim(), def: parts[1].slice(1, -1) }
  }
  return { name: inner.trim(), def: undefined }
}

/**
 * Turns a policy string into a RegExp, resolving policy variables against the context.
 * Returns null when a variable cannot be resolved (no value, multivalued, no default).
 */
export function policyRegex(pattern, ctx, { wildcards = true, ignoreCase = false } = {}) {
  let out = ''
  let i = 0
  while (i < pattern.length) {
    const ch = pattern[i]
    if (ch === '$' && pattern[i + 1] === '{') {
      const j = pattern.indexOf('}', i + 2)
      if (j !== -1) {
        const inner = pattern.slice(i + 2, j)
        i = j + 1
        if (inner === '*' || inner === '?' || inner === '$') {
          out += escRe(inner)
          continue
        }
        const { name, def } = parseVariable(inner)
        const v = ctxGet(ctx, name)
        if (typeof v === 'string' && v !== '') out += escRe(v)
        else if (v === undefined && def !== undefined) out += escRe(def)
        else return null
        continue
      }
    }
    if (wildcards && ch === '*') out += '.*'
    else if (wildcards && ch === '?') out += '.'
    else out += escRe(ch)
    i++
  }
  return new RegExp('^' + out + '$', ignoreCase ? 'i' : '')
}

export function globMatch(pattern, value, ctx = {}, opts = {}) {
  const re = policyRegex(pattern, ctx, opts)
  return re ? re.test(value) : false
}

export function actionMatches(pattern, action) {
  if (pattern === '*') return true
  const [ps, pa] = pattern.split(':')
  const [rs, ra] = action.split(':')
  if (pa === undefined) return false
  if (ps.toLowerCase() !== rs.toLowerCase()) return false
  return globMatch(pa, ra, {}, { ignoreCase: true })
}

/** Resource element matching for steering (segment-wise like the ARN rules). */
export function resourceMatches(pattern, resource, ctx) {
  if (pattern === '*') return true
  if (resource === '*') return false
  const p = splitArn(pattern)
  const r = splitArn(resource)
  if (p.resource === undefined) return false
  for (const k of ['partition', 'service', 'region', 'account']) {
    if (!globMatch(p[k] ?? '', r[k] ?? '', ctx, { ignoreCase: true })) return false
  }
  return globMatch(p.resource, r.resource, ctx)
}

export function hasVariable(s) {
  return /\$\{[^}]*\}/.test(s)
}

// ---- IP helpers -------------------------------------------------------------------------------
export function ipv4ToInt(ip) {
  return ip.split('.').reduce((acc, o) => (acc << 8) + parseInt(o, 10), 0) >>> 0
}
export function intToIpv4(n) {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.')
}
export function ipv4InCidr(ip, cidr) {
  const [base, len] = cidr.includes('/') ? cidr.split('/') : [cidr, '32']
  const l = parseInt(len, 10)
  const mask = l === 0 ? 0 : (0xffffffff << (32 - l)) >>> 0
  return (ipv4ToInt(ip) & mask) === (ipv4ToInt(base) & mask)
}
export function ipv4Network(ip, len) {
  const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0
  return `${intToIpv4((ipv4ToInt(ip) & mask) >>> 0)}/${len}`
}
export function ipv6ToBig(ip) {
  let [head, tail] = ip.split('::')
  const h = head ? head.split(':') : []
  const t = tail !== undefined ? (tail ? tail.split(':') : []) : []
  const fill = tail !== undefined ? 8 - h.length - t.length : 0
  const parts = [...h, ...Array(fill).fill('0'), ...t]
  return parts.reduce((acc, p) => (acc << 16n) + BigInt(parseInt(p || '0', 16)), 0n)
}
export function bigToIpv6(n) {
  const parts = []
  for (let i = 7; i >= 0; i--) parts.push(((n >> BigInt(i * 16)) & 0xffffn).toString(16))
  // compress the longest run of zeros
  let best = [-1, 0]
  for (let i = 0; i < 8; ) {
    if (parts[i] === '0') {
      let j = i
      while (j < 8 && parts[j] === '0') j++
      if (j - i > best[1]) best = [i, j - i]
      i = j
    } else i++
  }
  if (best[1] < 2) return parts.join(':')
  const left = parts.slice(0, best[0]).join(':')
  const right = parts.slice(best[0] + best[1]).join(':')
  return `${left}::${right}`
}
export function ipv6InCidr(ip, cidr) {
  const [base, len] = cidr.split('/')
  const l = BigInt(parseInt(len, 10))
  const mask = l === 0n ? 0n : ((1n << 128n) - 1n) ^ ((1n << (128n - l)) - 1n)
  return (ipv6ToBig(ip) & mask) === (ipv6ToBig(base) & mask)
}
export function ipv6Network(ip, len) {
  const l = BigInt(len)
  const mask = l === 0n ? 0n : ((1n << 128n) - 1n) ^ ((1n << (128n - l)) - 1n)
  return `${bigToIpv6(ipv6ToBig(ip) & mask)}/${len}`
}
export const isIpv6 = (s) => s.includes(':')
export function ipInCidr(ip, cidr) {
  const v6c = isIpv6(cidr)
  if (isIpv6(ip) !== v6c) return false
  if (v6c) return ipv6InCidr(ip, cidr.includes('/') ? cidr : `${cidr}/128`)
  return ipv4InCidr(ip, cidr)
}
