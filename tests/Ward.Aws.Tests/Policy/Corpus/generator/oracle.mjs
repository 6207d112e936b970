// Maps a case in the neutral AWS authorization format onto the input of the
// independent simulator @cloud-copilot/iam-simulate and reads back its decision.
//
// Mapping (neutral field -> simulator input):
//   request.principal        -> request.principal (string), or anonymousPrincipal when null
//   request.action           -> request.action
//   request.resource         -> request.resource.resource
//   resourceAccount          -> request.resource.accountId
//   request.context          -> request.contextVariables (strings / arrays as given)
//   identityPolicies[i]      -> identityPolicies[{ name, policy }]
//   permissionBoundary       -> permissionBoundaryPolicies[{ name, policy }] (omitted when null)
//   sessionPolicy            -> sessionPolicy (omitted when null)
//   scps[level][i]           -> serviceControlPolicies[level].policies[i]
//   rcps[level][i]           -> resourceControlPolicies[level].policies[i], except RCPFullAWSAccess,
//                               which the simulator adds by itself at every level (and would reject
//                               as input: RCP statements must be Deny)
//   resourcePolicy           -> resourcePolicy (omitted when null)
//   principalAccount         -> not passed: the simulator derives it from the principal ARN
// The simulator's overallResult Allowed / ImplicitlyDenied / ExplicitlyDenied maps to
// Allowed / ImplicitDeny / ExplicitDeny.
import { anonymousPrincipal, runSimulation } from '@cloud-copilot/iam-simulate'

export const ORACLE = 'iam-simulate 0.1.173'

const DECISIONS = {
  Allowed: 'Allowed',
  ImplicitlyDenied: 'ImplicitDeny',
  ExplicitlyDenied: 'ExplicitDeny'
}

const asArray = (v) => (Array.isArray(v) ? v : [v])

/** True when the document is exactly RCPFullAWSAccess (Allow, Principal "*", Action "*", Resource "*"). */
export function isRcpFullAwsAccess(doc) {
  const statements = asArray(doc?.Statement ?? [])
  if (statements.length !== 1) return false
  const s = statements[0]
  const keys = Object.keys(s).filter((k) => k !== 'Sid')
  return (
    keys.length === 4 &&
    s.Effect === 'Allow' &&
    s.Principal === '*' &&
    asArray(s.Action).length === 1 &&
    asArray(s.Action)[0] === '*' &&
    asArray(s.Resource).length === 1 &&
    asArray(s.Resource)[0] === '*'
  )
}

/** Builds the simulator input for a neutral case. Throws when the case cannot be expressed. */
export function toSimulation(c) {
  const rcpLevels = c.rcps.map((level, i) => {
    const full = level.filter(isRcpFullAwsAccess)
    if (full.length === 0) {
      throw new Error(`rcps level ${i} lacks RCPFullAWSAccess; the simulator always applies it`)
    }
    return {
      orgIdentifier: `rcp-level-${i}`,
      policies: level
        .filter((d) => !isRcpFullAwsAccess(d))
        .map((policy, j) => ({ name: `rcp-${i}-${j}`, policy }))
    }
  })
  const simulation = {
    request: {
      principal: c.request.principal === null ? anonymousPrincipal : c.request.principal,
      action: c.request.action,
      resource: { resource: c.request.resource, accountId: c.resourceAccount },
      contextVariables: c.request.context ?? {}
    },
    identityPolicies: c.identityPolicies.map((policy, i) => ({ name: `identity-${i}`, policy })),
    serviceControlPolicies: c.scps.map((level, i) => ({
      orgIdentifier: `scp-level-${i}`,
      policies: level.map((policy, j) => ({ name: `scp-${i}-${j}`, policy }))
    })),
    resourceControlPolicies: rcpLevels
  }
  if (c.permissionBoundary) {
    simulation.permissionBoundaryPolicies = [{ name: 'permission-boundary', policy: c.permissionBoundary }]
  }
  if (c.sessionPolicy) simulation.sessionPolicy = c.sessionPolicy
  if (c.resourcePolicy) simulation.resourcePolicy = c.resourcePolicy
  return simulation
}

/**
 * Runs a neutral case through the simulator.
 * @returns {{decision?: string, error?: string, ignoredContextKeys: string[], raw?: object}}
 */
export async function simulate(c) {
  let simulation
  try {
    simulation = toSimulation(c)
  } catch (e) {
    return { error: `mapping: ${e.message}`, ignoredContextKeys: [] }
  }
  let response
  try {
    // structuredClone: the simulator must not see (or alter) the objects we serialise
    response = await runSimulation(structuredClone(simulation), { simulationMode: 'Strict' })
  } catch (e) {
    return { error: `exception: ${e.message}`, ignoredContextKeys: [] }
  }
  if (response.resultType === 'error') {
    return { error: JSON.stringify(response.errors), ignoredContextKeys: [] }
  }
  if (response.resultType !== 'single') {
    return { error: `unexpected resultType ${response.resultType}`, ignoredContextKeys: [] }
  }
  const decision = DECISIONS[response.overallResult]
  if (!decision) return { error: `unknown result ${response.overallResult}`, ignoredContextKeys: [] }
  return {
    decision,
    ignoredContextKeys: response.result.ignoredContextKeys ?? [],
    raw: response.result.analysis
  }
}
