// Replays cases in the neutral format through the simulator mapping used by generate.mjs and
// prints how many agree with their recorded `expected` decision.
//
//   node verify-sample.mjs CASES.jsonl [--verbose]
//
// Exit code 0 only when every case agrees, no case errors and the simulator ignored no context key.
import { readFileSync } from 'node:fs'
import { simulate } from './oracle.mjs'

const args = process.argv.slice(2)
const verbose = args.includes('--verbose')
const file = args.find((a) => !a.startsWith('--'))
if (!file) {
  console.error('usage: node verify-sample.mjs CASES.jsonl [--verbose]')
  process.exit(2)
}

const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '')
let agree = 0
let disagree = 0
let errors = 0
let ignored = 0
for (const [index, line] of lines.entries()) {
  const c = JSON.parse(line)
  const r = await simulate(c)
  if (r.error) {
    errors++
    console.log(`${c.id ?? `line ${index + 1}`}: simulator error ${r.error}`)
    continue
  }
  if (r.ignoredContextKeys.length > 0) {
    ignored++
    if (verbose) console.log(`${c.id}: simulator ignored context keys ${r.ignoredContextKeys.join(', ')}`)
  }
  if (r.decision === c.expected) {
    agree++
  } else {
    disagree++
    console.log(`${c.id}: expected ${c.expected}, simulator says ${r.decision}`)
  }
}
console.log(
  `${agree}/${lines.length} agree, ${disagree} disagree, ${errors} errors, ${ignored} with context keys ignored by the simulator`
)
process.exit(disagree === 0 && errors === 0 && ignored === 0 ? 0 : 1)
