/**
 * Evidence package benchmark (issue 6). Run after `npx tsc -p tsconfig.json` as
 *
 *   node dist/bench/evidence.js [--events=100000] [--dir=PATH] [--keep] [--cpu-prof]
 *
 * It sets up a real embedded ledger in a temporary data directory (SQLite
 * store, the real sequencer with a signed checkpoint, the real projections'
 * views.db), with `--events` simulated events of one tenant appended straight
 * to the store, all matching the query below. Then, each in its own child
 * process (so each peak RSS is its own), it measures:
 *
 *   (a) the baseline: the same events read from the store, decoded,
 *       validated and written as JSON lines with a SHA-256 of the file (the
 *       bare cost of exporting them: no proofs, no CSV, no report, no tar);
 *   (b) build: `buildEvidencePackage` for the query (the events, their raw
 *       entries and inclusion proofs, CSV, report, manifest, tar);
 *   (c) verify: `verifyEvidencePackage` on that package with the log's key.
 *
 * Each child reports its wall time for the operation (opening the databases
 * excluded) and its peak RSS (process.resourceUsage().maxRSS, which includes
 * opening them). Targets for 100,000 events: build <= 10 s, verify <= 5 s,
 * peak RSS < 300 MB each.
 *
 * `--dir=PATH` reuses (or, when empty, fills and keeps) a data directory, so
 * repeated runs skip the set-up; `--keep` keeps the temporary one.
 * `--cpu-prof` runs the children with `node --cpu-prof` (profiles in the
 * data directory's `prof/`).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ledger } from '../proto/generated/ledger.js';
import { generateNoteKey, parsePrivateKey } from '../ledger/checkpoint/signed-note.js';
import { auditEventToJson, decodeAuditEvent } from '../ledger/events/decode.js';
import { uuidv7 } from '../ledger/events/uuid.js';
import { validateEvent } from '../ledger/events/validate.js';
import { buildEvidencePackage } from '../ledger/evidence/builder.js';
import { createLogEvidenceSource } from '../ledger/evidence/log-evidence-source.js';
import { parseEvidenceRequest } from '../ledger/evidence/query.js';
import { writeChunk } from '../ledger/evidence/package.js';
import { verifyEvidencePackage } from '../ledger/evidence/verify.js';
import { createSequencer } from '../ledger/sequencer/sequencer.js';
import { openSqliteMerkleStateStore } from '../ledger/sequencer/sqlite-merkle-state-store.js';
import { openSqliteSequencerSource } from '../ledger/sequencer/sqlite-sequencer-source.js';
import type { NewEvent, StoredEvent } from '../ledger/store/event-store.js';
import { openLedgerDatabase } from '../ledger/store/sqlite-database.js';
import { openSqliteEventStore } from '../ledger/store/sqlite-event-store.js';
import { createViewEventFinder } from '../projections/evidence/view-event-finder.js';
import { startProjections } from '../services/query/projection-service.js';
import { TrafficGenerator, toNewEvent } from '../services/simulate/traffic.js';
import { argString, benchDir, fmt, machineConditions } from './lib.js';

const ORIGIN = 'bench.evidence/ledger';
const TENANT = 'acme';
const DAY_MS = 86_400_000;
/** The query of the package: every simulated event but plain commands matches one of these. */
const REQUEST = { controls: ['5.15', '8.2', '8.3', '5.16'], from: '2026-07-01', to: '2026-12-31' };

const TARGET_BUILD_MS = 10_000;
const TARGET_VERIFY_MS = 5_000;
const TARGET_RSS_MB = 300;

function flag(name: string): boolean {
  return process.argv.includes(`--${name}`);
}

/**
 * `n` events that all match REQUEST: simulated traffic of one tenant without
 * plain commands, repeated one day later per round with new ids and sessions.
 */
function* matchingEvents(n: number): Generator<ledger.v1.IAuditEvent> {
  let t = Date.UTC(2026, 6, 1);
  const gen = new TrafficGenerator({
    tenantId: TENANT,
    gatewayId: `gw-${TENANT}`,
    seed: 7,
    concurrentSessions: 8,
    now: () => (t += 20_000),
  });
  const base: ledger.v1.IAuditEvent[] = [];
  while (base.length < Math.min(n, 20_000)) {
    const e = gen.next();
    if (e.commandExecuted == null) base.push(e);
  }
  let made = 0;
  for (let round = 0; made < n; round++) {
    for (const e of base) {
      if (made >= n) return;
      const s = Number(e.occurredAt?.seconds ?? 0) + round * (DAY_MS / 1000);
      made++;
      yield {
        ...e,
        eventId: uuidv7(),
        sessionId: `${e.sessionId}-${round}`,
        occurredAt: { seconds: s, nanos: e.occurredAt?.nanos ?? 0 },
      };
    }
  }
}

/** Fills `dir` with a ledger of `n` matching events, sequenced, signed and projected. */
async function setUp(dir: string, n: number, log: (s: string) => void): Promise<void> {
  const db = openLedgerDatabase(join(dir, 'ledger.db'));
  const store = openSqliteEventStore({ database: db });
  const state = openSqliteMerkleStateStore({ database: db });
  const key = generateNoteKey(ORIGIN);
  const signer = parsePrivateKey(key.privateKey);
  const sequencer = createSequencer({
    source: openSqliteSequencerSource(db),
    state,
    signer,
    origin: signer.name,
    checkpointIntervalMs: 3_600_000,
    recorder: store,
  });
  await sequencer.start();
  const projections = await startProjections({ store, storeKind: 'sqlite', dataDir: dir });
  try {
    let batch: NewEvent[] = [];
    let done = 0;
    for (const e of matchingEvents(n)) {
      batch.push(toNewEvent(e));
      if (batch.length === 1000) {
        await store.append(batch);
        done += batch.length;
        batch = [];
        if (done % 20_000 === 0) log(`  appended ${fmt(done)} events`);
      }
    }
    if (batch.length > 0) await store.append(batch);
    const head = await store.head();
    await sequencer.waitForSize(head + 1);
    await sequencer.checkpointNow();
    await sequencer.announced();
    await projections.runner.waitFor(await store.head(), 600_000);
    writeFileSync(join(dir, 'signing-key'), `${key.privateKey}\n`, { mode: 0o600 });
    writeFileSync(join(dir, 'verifier-key'), `${signer.verifierKey()}\n`);
  } finally {
    await sequencer.stop();
    await projections.close();
    await store.close();
    await state.close();
    if (db.open) db.close();
  }
}

/** What a child reports (one JSON line on stdout). */
interface ChildFigures {
  readonly ms: number;
  readonly cpuMs: number;
  readonly maxRssMB: number;
  readonly events: number;
  readonly bytes: number;
  readonly ok: boolean;
  readonly note?: string;
}

async function measure(
  fn: () => Promise<Omit<ChildFigures, 'ms' | 'cpuMs' | 'maxRssMB'>>,
): Promise<ChildFigures> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const r = await fn();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return {
    ...r,
    ms,
    cpuMs: (used.user + used.system) / 1000,
    // maxRSS is in KiB
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  };
}

/** (a): the events of the store as JSON lines with a SHA-256, nothing else. */
async function childBaseline(dir: string): Promise<ChildFigures> {
  const db = openLedgerDatabase(join(dir, 'ledger.db'));
  const store = openSqliteEventStore({ database: db });
  try {
    return await measure(async () => {
      const out = createWriteStream(join(dir, 'baseline.ndjson'));
      const hash = createHash('sha256');
      let after = 0;
      let events = 0;
      let bytes = 0;
      for (;;) {
        const page: StoredEvent[] = await store.read({ after, limit: 1000 });
        if (page.length === 0) break;
        let text = '';
        for (const s of page) {
          after = s.position;
          if (s.tenantId !== TENANT) continue;
          const event = validateEvent(decodeAuditEvent(s.data), 0, {
            now: s.recordedAt,
            allowInternal: true,
          });
          text += `${JSON.stringify(auditEventToJson(event))}\n`;
          events++;
        }
        const chunk = Buffer.from(text, 'utf8');
        hash.update(chunk);
        bytes += chunk.length;
        await writeChunk(out, chunk);
      }
      await new Promise<void>((resolve, reject) =>
        out.end((e?: Error | null) => (e ? reject(e) : resolve())),
      );
      return { events, bytes, ok: true, note: hash.digest('hex').slice(0, 16) };
    });
  } finally {
    await store.close();
    if (db.open) db.close();
  }
}

/** (b): the package for REQUEST. */
async function childBuild(dir: string): Promise<ChildFigures> {
  const db = openLedgerDatabase(join(dir, 'ledger.db'));
  const store = openSqliteEventStore({ database: db });
  const state = openSqliteMerkleStateStore({ database: db });
  // the views are caught up: no runner, nothing to wait for
  const projections = await startProjections({
    store,
    storeKind: 'sqlite',
    dataDir: dir,
    follow: false,
  });
  const signer = parsePrivateKey(readFileSync(join(dir, 'signing-key'), 'utf8').trim());
  try {
    const source = createLogEvidenceSource({
      state,
      store,
      finder: createViewEventFinder({ views: projections.views, mapping: projections.mapping }),
      verifierKeys: [signer.verifierKey()],
    });
    const query = parseEvidenceRequest(REQUEST, TENANT, 'auditor');
    return await measure(async () => {
      const built = await buildEvidencePackage(query, {
        source,
        signer,
        output: join(dir, 'bench.evidence'),
        workDir: dir,
      });
      return { events: built.events, bytes: built.bytes, ok: true };
    });
  } finally {
    await projections.close();
    await store.close();
    await state.close();
    if (db.open) db.close();
  }
}

/** (c): the package verified with the log's key. */
async function childVerify(dir: string): Promise<ChildFigures> {
  const key = readFileSync(join(dir, 'verifier-key'), 'utf8').trim();
  const path = join(dir, 'bench.evidence');
  return measure(async () => {
    const r = await verifyEvidencePackage(path, { keys: [key] });
    return {
      events: r.eventsVerified,
      bytes: statSync(path).size,
      ok: r.ok && r.eventsVerified === r.events,
      ...(r.ok ? {} : { note: JSON.stringify(r.problems.slice(0, 3)) }),
    };
  });
}

const SCRIPT = fileURLToPath(import.meta.url);

function runChild(kind: string, dir: string, prof: boolean): Promise<ChildFigures> {
  const args = [
    ...(prof
      ? ['--cpu-prof', `--cpu-prof-dir=${join(dir, 'prof')}`, `--cpu-prof-name=${kind}.cpuprofile`]
      : []),
    SCRIPT,
    `--child=${kind}`,
    `--dir=${dir}`,
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d: string) => (out += d));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`${kind} child exited with ${code}: ${out}`));
      try {
        resolve(JSON.parse(last) as ChildFigures);
      } catch (e) {
        reject(new Error(`${kind} child printed ${JSON.stringify(last)}`, { cause: e }));
      }
    });
  });
}

async function main(): Promise<void> {
  const kind = argString('child');
  if (kind !== undefined) {
    const dir = argString('dir') as string;
    const f =
      kind === 'baseline'
        ? await childBaseline(dir)
        : kind === 'build'
          ? await childBuild(dir)
          : kind === 'verify'
            ? await childVerify(dir)
            : undefined;
    if (f === undefined) throw new Error(`unknown child ${kind}`);
    process.stdout.write(`${JSON.stringify(f)}\n`);
    return;
  }
  const n = Number(argString('events') ?? 100_000);
  const given = argString('dir');
  const dir = given ?? benchDir();
  const keep = flag('keep') || given !== undefined;
  const prof = flag('cpu-prof');
  const log = (s: string): void => void process.stdout.write(`${s}\n`);
  try {
    if (prof) mkdirSync(join(dir, 'prof'), { recursive: true });
    if (!existsSync(join(dir, 'verifier-key'))) {
      const started = performance.now();
      log(`setting up ${dir}: ${fmt(n)} events, sequenced, signed and projected...`);
      await setUp(dir, n, log);
      log(`  set-up took ${fmt((performance.now() - started) / 1000, 1)} s`);
    } else log(`reusing the data directory ${dir}`);
    const load = loadavg()[0] ?? 0;
    const base = await runChild('baseline', dir, prof);
    const loadBuild = loadavg()[0] ?? 0;
    const build = await runChild('build', dir, prof);
    const loadVerify = loadavg()[0] ?? 0;
    const verify = await runChild('verify', dir, prof);
    if (!verify.ok) throw new Error(`the package did not verify: ${verify.note ?? ''}`);
    // the targets are for 100,000 events
    const targets = n === 100_000;
    const row = (name: string, f: ChildFigures, target: number | undefined, l: number): string =>
      `${name.padEnd(26)} ${fmt(f.ms).padStart(7)} ms ${fmt(f.cpuMs).padStart(7)} ms CPU ` +
      `${fmt((f.events / f.ms) * 1000).padStart(8)} events/s  peak RSS ${fmt(f.maxRssMB).padStart(4)} MB  ` +
      `${fmt(f.bytes / 1048576, 1).padStart(6)} MiB  x${(f.ms / base.ms).toFixed(2)} baseline` +
      (target === undefined || !targets
        ? ''
        : `  [target <= ${fmt(target / 1000)} s: ${f.ms <= target ? 'met' : 'MISSED'}; RSS < ${TARGET_RSS_MB} MB: ${f.maxRssMB < TARGET_RSS_MB ? 'met' : 'MISSED'}]`) +
      `  (load ${l.toFixed(1)})`;
    log('');
    log(
      `evidence package of ${fmt(build.events)} events (${fmt(n)} in the store); package ${fmt(build.bytes)} bytes (${fmt(build.bytes / 1048576, 1)} MiB)`,
    );
    log(row('baseline (JSON lines+SHA)', base, undefined, load));
    log(row('build', build, TARGET_BUILD_MS, loadBuild));
    log(row('verify', verify, TARGET_VERIFY_MS, loadVerify));
    log(machineConditions(load));
    log(`cat /proc/loadavg: ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
    if (prof) log(`CPU profiles in ${join(dir, 'prof')}`);
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
    else log(`data directory kept: ${dir}`);
  }
}

await main();
