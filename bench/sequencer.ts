/**
 * Sequencer benchmark. Run after `npx tsc -p tsconfig.json` as
 *
 *   node dist/bench/sequencer.js [--events=1000000] [--runs=3]
 *
 * or call `runSequencerBench(opts)` (e.g. from bench/run.ts). In one process
 * and one run it measures, on one core:
 *
 *   (a) the machine's SHA-256 limit: one-shot node:crypto hashes/s of 65-byte
 *       inputs (bench/merkle.ts);
 *   (b) the baseline: a raw loop over the same pre-filled store that reads
 *       each event's bytes (the same SQL the sequencer reads with) and hashes
 *       them once — no LedgerEntry, no tree, no writes;
 *   (c) the sequencer catching up on the pre-filled store: every event
 *       wrapped in its LedgerEntry, hashed, appended to the compact range,
 *       tiled, and committed to SQLite (leaves, tiles, progress, one fsync per
 *       step), with a checkpoint signed every second and recorded in the log.
 *
 * Each figure is also printed as a fraction of what the SHA-256 limit allows
 * for these leaves: a leaf costs its leaf hash (ceil((len + 10) / 64) blocks
 * of SHA-256) plus on average one node hash (2 blocks, like a 65-byte input),
 * so the limit allows `limit * 2 / (leafBlocks + 2)` leaves/s.
 */
import { hash as oneShotHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateNoteKey, parsePrivateKey } from '../ledger/checkpoint/signed-note.js';
import { encodeAuditEvent } from '../ledger/events/index.js';
import { LeafEntryWriter } from '../ledger/sequencer/leaf-entry.js';
import { createSequencer } from '../ledger/sequencer/sequencer.js';
import { openSqliteMerkleStateStore } from '../ledger/sequencer/sqlite-merkle-state-store.js';
import { openSqliteSequencerSource } from '../ledger/sequencer/sqlite-sequencer-source.js';
import type { NewEvent } from '../ledger/store/event-store.js';
import { openLedgerDatabase } from '../ledger/store/sqlite-database.js';
import type { LedgerDatabase } from '../ledger/store/sqlite-database.js';
import { openSqliteEventStore } from '../ledger/store/sqlite-event-store.js';
import { TrafficGenerator } from '../services/simulate/traffic.js';
import { argValue, benchDir, fmt, machineConditions, pct } from './lib.js';
import { measureSha256 } from './merkle.js';

/** Options of `runSequencerBench`. */
export interface SequencerBenchOptions {
  /** events in the pre-filled store; default 1,000,000 */
  readonly events?: number;
  /** timed runs of each measurement (the best is reported); default 3 */
  readonly runs?: number;
  /** progress lines; default none */
  readonly log?: (line: string) => void;
}

/** One measured loop. */
export interface LoopFigures {
  readonly leavesPerSecond: number;
  /** wall time of the best run */
  readonly ms: number;
  /** CPU time (user + system) of the best run */
  readonly cpuMs: number;
  /** leavesPerSecond / what the SHA-256 limit allows for these leaves */
  readonly fractionOfLimit: number;
}

/** Everything `runSequencerBench` measured. */
export interface SequencerBenchResult {
  readonly events: number;
  /** average stored event size and LedgerEntry size, bytes */
  readonly eventBytes: number;
  readonly entryBytes: number;
  readonly sha256: { readonly oneShotPerSecond: number; readonly createHashPerSecond: number };
  /** leaves/s the SHA-256 limit allows for these leaves (see the module comment) */
  readonly limitLeavesPerSecond: number;
  readonly baseline: LoopFigures;
  readonly sequencer: LoopFigures & {
    readonly checkpoints: number;
    /** leaves/s of every run, in order */
    readonly runs: readonly number[];
  };
  readonly conditions: string;
}

const DEFAULT_EVENTS = 1_000_000;
const FILL_BATCH = 10_000;
const TEMPLATE_EVENTS = 4096;

/**
 * Fills a new SQLite store at `path` with `count` realistic audit events
 * (the gateway simulator's traffic: humans and agents on Postgres, Redis,
 * HTTP, MCP), each with its own event id. Returns the average event size.
 */
export async function fillStore(
  path: string,
  count: number,
  log: (line: string) => void = () => undefined,
): Promise<number> {
  const templates: { data: Uint8Array; sessionId: string; tenantId: string }[] = [];
  for (const [i, tenantId] of ['acme', 'globex'].entries()) {
    const gen = new TrafficGenerator({
      gatewayId: `gw-${tenantId}`,
      tenantId,
      seed: 7 + i,
      concurrentSessions: 40,
    });
    for (let k = 0; k < TEMPLATE_EVENTS / 2; k++) {
      const e = gen.next();
      templates.push({ data: encodeAuditEvent(e), sessionId: e.sessionId ?? 's', tenantId });
    }
  }
  const store = openSqliteEventStore({ path });
  let bytes = 0;
  try {
    for (let done = 0; done < count;) {
      const batch: NewEvent[] = [];
      for (let i = 0; i < FILL_BATCH && done < count; i++, done++) {
        const tpl = templates[done % templates.length] as (typeof templates)[number];
        bytes += tpl.data.length;
        batch.push({
          // unique ids; the bytes repeat, which changes nothing for hashing or storage cost
          eventId: `0191f000-0000-7000-8000-${done.toString(16).padStart(12, '0')}`,
          tenantId: tpl.tenantId,
          sessionId: tpl.sessionId,
          type: 'command_executed',
          data: tpl.data,
        });
      }
      await store.append(batch);
      if (done % 200_000 === 0) log(`  filled ${fmt(done)} events`);
    }
  } finally {
    await store.close();
  }
  return bytes / count;
}

/** Removes the sequencer's tables and any CheckpointSigned events, so a run starts from scratch. */
export function resetSequencer(db: LedgerDatabase, events: number): void {
  db.exec(
    'DROP TABLE IF EXISTS merkle_leaf_runs; DROP TABLE IF EXISTS merkle_event_ids; DROP TABLE IF EXISTS merkle_duplicates; DROP TABLE IF EXISTS merkle_tiles; ' +
      'DROP TABLE IF EXISTS merkle_state; DROP TABLE IF EXISTS merkle_checkpoints;',
  );
  db.prepare('DELETE FROM ledger_events WHERE position >= ?').run(events);
}

function blocks(inputBytes: number): number {
  return Math.ceil((inputBytes + 9) / 64);
}

/** What the SHA-256 limit allows: leaves/s for leaves of `entryBytes` (leaf hash + one node hash each). */
export function limitLeaves(limitPerSecond: number, entryBytes: number): number {
  return (limitPerSecond * blocks(65)) / (blocks(entryBytes + 1) + blocks(65));
}

function time<T>(fn: () => T): { value: T; ms: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = fn();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { value, ms, cpuMs: (used.user + used.system) / 1000 };
}

/** The baseline: read every event (same columns, same pages as the sequencer) and hash its bytes once. */
export function rawReadHashLoop(db: LedgerDatabase, pageSize = 8192): number {
  const page = db.prepare<
    [number, number],
    { position: number; recordedAt: number; data: Uint8Array }
  >(
    'SELECT position, recorded_at AS recordedAt, data FROM ledger_events WHERE position > ? ORDER BY position LIMIT ?',
  );
  const prefix = Buffer.alloc(1 + 65_536);
  let after = -1;
  let n = 0;
  for (;;) {
    const rows = page.all(after, pageSize);
    if (rows.length === 0) return n;
    for (const row of rows) {
      prefix.set(row.data, 1);
      oneShotHash('sha256', prefix.subarray(0, 1 + row.data.length), 'binary');
      n++;
    }
    after = (rows.at(-1) as { position: number }).position;
  }
}

/** Average LedgerEntry size of the store's first events. */
export function averageEntryBytes(db: LedgerDatabase): number {
  const rows = db
    .prepare<[], { position: number; recordedAt: number; data: Uint8Array }>(
      'SELECT position, recorded_at AS recordedAt, data FROM ledger_events ORDER BY position LIMIT 10000',
    )
    .all();
  const writer = new LeafEntryWriter();
  let total = 0;
  for (const r of rows) total += writer.write(r.data, r.recordedAt, r.position, r.position).length;
  return total / Math.max(1, rows.length);
}

/** Name of the benchmarks' signing key (the log's origin). */
export const BENCH_ORIGIN = 'bench.audit-ledger.local/log';

/**
 * One sequencer catch-up over the whole store, from empty tables, signing
 * with `privateKey` (a fresh key by default).
 */
export async function sequenceStore(
  db: LedgerDatabase,
  events: number,
  privateKey: string = generateNoteKey(BENCH_ORIGIN).privateKey,
): Promise<{
  ms: number;
  cpuMs: number;
  checkpoints: number;
  verifierKey: string;
  origin: string;
}> {
  const signer = parsePrivateKey(privateKey);
  const store = openSqliteEventStore({ database: db });
  const state = openSqliteMerkleStateStore({ database: db });
  const sequencer = createSequencer({
    source: openSqliteSequencerSource(db),
    state,
    signer,
    origin: signer.name,
    recorder: store,
  });
  const cpu = process.cpuUsage();
  const start = performance.now();
  await sequencer.start();
  await sequencer.waitForSize(events);
  await sequencer.checkpointNow();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  await sequencer.announced();
  await sequencer.stop();
  const checkpoints = (await state.checkpoints()).length;
  await state.close();
  await store.close();
  return {
    ms,
    cpuMs: (used.user + used.system) / 1000,
    checkpoints,
    verifierKey: signer.verifierKey(),
    origin: signer.name,
  };
}

/** Runs the whole benchmark; see the module comment. */
export async function runSequencerBench(
  options: SequencerBenchOptions = {},
): Promise<SequencerBenchResult> {
  const events = options.events ?? DEFAULT_EVENTS;
  const runs = Math.max(1, options.runs ?? 3);
  const log = options.log ?? ((): void => undefined);
  const dir = benchDir();
  const path = join(dir, 'ledger.db');
  const load = loadavg()[0] ?? 0;
  try {
    log(`pre-filling a SQLite store with ${fmt(events)} events...`);
    const eventBytes = await fillStore(path, events, log);
    log('measuring the SHA-256 limit (65-byte inputs)...');
    const sha256 = measureSha256();
    const db = openLedgerDatabase(path);
    try {
      const entryBytes = averageEntryBytes(db);
      const limit = limitLeaves(sha256.oneShotPerSecond, entryBytes);
      const figures = (ms: number, cpuMs: number): LoopFigures => ({
        leavesPerSecond: events / (ms / 1000),
        ms,
        cpuMs,
        fractionOfLimit: events / (ms / 1000) / limit,
      });
      // baseline and sequencer runs alternate, so both meet the same machine load
      let baseline: LoopFigures | undefined;
      const all: number[] = [];
      let best: (LoopFigures & { checkpoints: number }) | undefined;
      for (let r = 0; r < runs; r++) {
        resetSequencer(db, events);
        log(`baseline: raw read + hash of the same store, run ${r + 1}/${runs}...`);
        const raw = time(() => rawReadHashLoop(db));
        if (raw.value !== events)
          throw new Error(`baseline read ${raw.value} events, expected ${events}`);
        const b = figures(raw.ms, raw.cpuMs);
        if (baseline === undefined || b.leavesPerSecond > baseline.leavesPerSecond) baseline = b;
        log(
          `sequencer: ${fmt(events)} leaves appended, tiled, committed and checkpointed, run ${r + 1}/${runs}...`,
        );
        const run = await sequenceStore(db, events);
        const f = { ...figures(run.ms, run.cpuMs), checkpoints: run.checkpoints };
        all.push(f.leavesPerSecond);
        if (best === undefined || f.leavesPerSecond > best.leavesPerSecond) best = f;
      }
      return {
        events,
        eventBytes,
        entryBytes,
        sha256,
        limitLeavesPerSecond: limit,
        baseline: baseline as LoopFigures,
        sequencer: { ...(best as LoopFigures & { checkpoints: number }), runs: all },
        conditions: `${machineConditions(load)}; one process; SQLite WAL on ${dir}; best of ${runs} alternating runs`,
      };
    } finally {
      db.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The result as text. */
export function formatSequencerBench(r: SequencerBenchResult): string {
  const row = (name: string, f: LoopFigures): string =>
    `  ${name.padEnd(44)} ${fmt(f.leavesPerSecond).padStart(10)} leaves/s  (${fmt(f.ms)} ms wall, ${fmt(f.cpuMs)} ms CPU` +
    ` = ${fmt(r.events / (f.cpuMs / 1000))}/CPU-s; ${pct(f.fractionOfLimit)} of the SHA-256 limit)`;
  return [
    `SHA-256 of 65 bytes, node:crypto one-shot: ${fmt(r.sha256.oneShotPerSecond)}/s (the limit); createHash ${fmt(r.sha256.createHashPerSecond)}/s`,
    `store: ${fmt(r.events)} events of ${fmt(r.eventBytes)} bytes on average (LedgerEntry ${fmt(r.entryBytes)} bytes);` +
      ` the limit allows ${fmt(r.limitLeavesPerSecond)} leaves/s (leaf hash + one node hash each)`,
    row('baseline: raw read + one hash per event', r.baseline),
    row('sequencer: entry, hash, tiles, commit, sign', r.sequencer),
    `  sequencer runs: ${r.sequencer.runs.map((x) => fmt(x)).join(', ')} leaves/s; ${r.sequencer.checkpoints} checkpoints signed in the best run`,
    `  sequencer / baseline: ${(r.sequencer.leavesPerSecond / r.baseline.leavesPerSecond).toFixed(2)}; goal >= 250,000 leaves/s: ${r.sequencer.leavesPerSecond >= 250_000 ? 'met' : 'NOT met'}`,
    `  (${r.conditions})`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const events = argValue('events');
  const runs = argValue('runs');
  runSequencerBench({
    ...(events === undefined ? {} : { events }),
    ...(runs === undefined ? {} : { runs }),
    log: (line) => process.stderr.write(`${line}\n`),
  }).then(
    (r) => process.stdout.write(`${formatSequencerBench(r)}\n`),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
