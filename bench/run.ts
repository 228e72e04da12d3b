/**
 * `npm run bench`: every benchmark, one after the other, each in its own
 * process (so one's memory and JIT state do not colour the next). Each prints
 * its figures beside its baseline from the same run and the ratio.
 *   node dist/bench/run.js [name...]   names: merkle sequencer verify-log ingest projections siem archive evidence
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ALL = [
  'merkle',
  'sequencer',
  'verify-log',
  'ingest',
  'projections',
  'siem',
  'archive',
  'evidence',
];
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !ALL.includes(w));
if (unknown.length > 0) {
  process.stderr.write(
    `bench: unknown benchmark(s) ${unknown.join(', ')}; known: ${ALL.join(' ')}\n`,
  );
  process.exit(2);
}
let failed = 0;
for (const name of wanted.length > 0 ? wanted : ALL) {
  const script = fileURLToPath(new URL(`./${name}.js`, import.meta.url));
  if (!existsSync(script)) {
    process.stderr.write(`bench: ${script} is missing: run npm run build\n`);
    failed++;
    continue;
  }
  process.stdout.write(`\n=== bench: ${name} ===\n`);
  const r = spawnSync(process.execPath, [script], { stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write(`bench: ${name} exited with ${r.status ?? r.signal}\n`);
    failed++;
  }
}
process.exit(failed > 0 ? 1 : 0);
