/**
 * Log verification benchmark. Run after `npx tsc -p tsconfig.json` as
 *
 *   node dist/bench/verify-log.js [--entries=1000000] [--runs=2] [--no-http]
 *
 * or call `runVerifyLogBench(opts)` (e.g. from bench/run.ts). It builds a real
 * data directory (a pre-filled SQLite store, sequenced with signed
 * checkpoints recorded in the log), then measures in one run:
 *
 *   (a) the SHA-256 limit: one-shot node:crypto hashes/s of 65-byte inputs;
 *   (b) the baseline: a raw loop that reads every stored event and hashes it
 *       once (bench/sequencer.ts `rawReadHashLoop`);
 *   (c) `verifyLog` over the data directory (what `verify-log --data` runs):
 *       every entry rebuilt from the stored event and hashed, the tree
 *       recomputed, every tile compared, every checkpoint's signature,
 *       root and consistency checked;
 *   (d) the same over HTTP against the real server (`verify-log --url`): a
 *       child `audit-ledger serve` on the directory, entry bundles and tiles
 *       fetched on loopback (the server and the verifier share the machine).
 *
 * Every figure is also given as a fraction of what the SHA-256 limit allows
 * for these entries (see bench/sequencer.ts).
 */
import { rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqliteLedgerReader } from '../ledger/sequencer/sqlite-ledger-reader.js';
import type { LogSource } from '../ledger/verify/log-source.js';
import { verifyLog } from '../ledger/verify/log-verifier.js';
import { generateNoteKey } from '../ledger/checkpoint/signed-note.js';
import { openLedgerDatabase } from '../ledger/store/sqlite-database.js';
import { ensureDevSecret, mintToken } from '../services/auth.js';
import { httpLogSource } from '../services/verify/http-log-source.js';
import { argValue, benchDir, fmt, machineConditions, pct, spawnServer } from './lib.js';
import { measureSha256 } from './merkle.js';
import {
  BENCH_ORIGIN,
  averageEntryBytes,
  fillStore,
  limitLeaves,
  rawReadHashLoop,
  sequenceStore,
} from './sequencer.js';

/** Options of `runVerifyLogBench`. */
export interface VerifyLogBenchOptions {
  /** entries in the log; default 1,000,000 */
  readonly entries?: number;
  /** timed runs of each measurement (the best is reported); default 2 */
  readonly runs?: number;
  /** also verify over HTTP; default true */
  readonly http?: boolean;
  readonly log?: (line: string) => void;
}

/** One measured verification. */
export interface VerifyFigures {
  readonly entriesPerSecond: number;
  readonly ms: number;
  /** CPU time of this process (for HTTP: the verifier only, not the server) */
  readonly cpuMs: number;
  /** entriesPerSecond / what the SHA-256 limit allows for these entries */
  readonly fractionOfLimit: number;
}

/** Everything `runVerifyLogBench` measured. */
export interface VerifyLogBenchResult {
  readonly entries: number;
  readonly entryBytes: number;
  readonly checkpoints: number;
  readonly sha256: { readonly oneShotPerSecond: number; readonly createHashPerSecond: number };
  readonly limitEntriesPerSecond: number;
  readonly baseline: VerifyFigures;
  readonly data: VerifyFigures;
  readonly http: VerifyFigures | undefined;
  readonly conditions: string;
}

const CLI = fileURLToPath(new URL('../services/cli.js', import.meta.url));

async function timed(fn: () => unknown): Promise<{ ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await fn();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000 };
}

async function verifyOnce(source: LogSource, key: string, entries: number): Promise<void> {
  try {
    const result = await verifyLog({ source, keys: [key] });
    if (!result.ok || result.entriesChecked < entries) {
      throw new Error(`verification failed: ${JSON.stringify(result.problems.slice(0, 3))}`);
    }
  } finally {
    await source.close();
  }
}

/** Runs the whole benchmark; see the module comment. */
export async function runVerifyLogBench(
  options: VerifyLogBenchOptions = {},
): Promise<VerifyLogBenchResult> {
  const entries = options.entries ?? 1_000_000;
  const runs = Math.max(1, options.runs ?? 2);
  const log = options.log ?? ((): void => undefined);
  const dir = benchDir();
  const path = join(dir, 'ledger.db');
  const load = loadavg()[0] ?? 0;
  try {
    log(`building a data directory: ${fmt(entries)} events, sequenced and checkpointed...`);
    await fillStore(path, entries, log);
    const key = generateNoteKey(BENCH_ORIGIN);
    // the server of (d) signs with the same key, so its checkpoints verify too
    writeFileSync(join(dir, 'signing-key'), `${key.privateKey}\n`, { mode: 0o600 });
    const db = openLedgerDatabase(path);
    let entryBytes: number;
    let checkpoints: number;
    let baselineMs = Number.POSITIVE_INFINITY;
    let baselineCpu = 0;
    try {
      const sequenced = await sequenceStore(db, entries, key.privateKey);
      checkpoints = sequenced.checkpoints;
      entryBytes = averageEntryBytes(db);
      for (let r = 0; r < runs; r++) {
        log(`baseline: raw read + hash, run ${r + 1}/${runs}...`);
        const t = await timed(() => rawReadHashLoop(db));
        if (t.ms < baselineMs) {
          baselineMs = t.ms;
          baselineCpu = t.cpuMs;
        }
      }
    } finally {
      db.close();
    }
    log('measuring the SHA-256 limit (65-byte inputs)...');
    const sha256 = measureSha256();
    const limit = limitLeaves(sha256.oneShotPerSecond, entryBytes);
    const figures = (ms: number, cpuMs: number): VerifyFigures => ({
      entriesPerSecond: entries / (ms / 1000),
      ms,
      cpuMs,
      fractionOfLimit: entries / (ms / 1000) / limit,
    });
    const best = async (
      name: string,
      open: () => Promise<LogSource> | LogSource,
    ): Promise<VerifyFigures> => {
      let out: VerifyFigures | undefined;
      for (let r = 0; r < runs; r++) {
        log(`${name}, run ${r + 1}/${runs}...`);
        const source = await open();
        const t = await timed(() => verifyOnce(source, key.verifierKey, entries));
        const f = figures(t.ms, t.cpuMs);
        if (out === undefined || f.entriesPerSecond > out.entriesPerSecond) out = f;
      }
      return out as VerifyFigures;
    };
    const data = await best('verify-log --data', () => openSqliteLedgerReader(path));
    let http: VerifyFigures | undefined;
    if (options.http !== false) {
      const server = await spawnServer(CLI, ['serve'], {
        LEDGER_DATA_DIR: dir,
        LEDGER_PORT: '0',
        LEDGER_LOG_LEVEL: 'warn',
      });
      try {
        const token = mintToken({
          secret: ensureDevSecret(dir),
          subject: 'bench-verifier',
          tenant: 'bench',
          scopes: ['ledger:verify'],
          audience: 'audit-ledger',
          ttlSeconds: 3600,
        });
        http = await best('verify-log --url', () => httpLogSource({ url: server.url, token }));
      } finally {
        await server.stop();
      }
    }
    return {
      entries,
      entryBytes,
      checkpoints,
      sha256,
      limitEntriesPerSecond: limit,
      baseline: figures(baselineMs, baselineCpu),
      data,
      http,
      conditions: `${machineConditions(load)}, SQLite on ${dir}, best of ${runs} runs`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The result as text. */
export function formatVerifyLogBench(r: VerifyLogBenchResult): string {
  const row = (name: string, f: VerifyFigures): string =>
    `  ${name.padEnd(46)} ${fmt(f.entriesPerSecond).padStart(10)} entries/s  (${fmt(f.ms)} ms wall, ${fmt(f.cpuMs)} ms CPU` +
    ` = ${fmt(r.entries / (f.cpuMs / 1000))}/CPU-s; ${pct(f.fractionOfLimit)} of the SHA-256 limit)`;
  return [
    `SHA-256 of 65 bytes, node:crypto one-shot: ${fmt(r.sha256.oneShotPerSecond)}/s (the limit)`,
    `log: ${fmt(r.entries)} entries of ${fmt(r.entryBytes)} bytes, ${r.checkpoints} signed checkpoints; the limit allows ${fmt(r.limitEntriesPerSecond)} entries/s`,
    row('baseline: raw read + one hash per event', r.baseline),
    row('verify-log --data (read-only SQLite)', r.data),
    ...(r.http === undefined
      ? []
      : [row('verify-log --url (loopback HTTP, server child)', r.http)]),
    `  goal >= 300,000 entries/s: --data ${r.data.entriesPerSecond >= 300_000 ? 'met' : 'NOT met'}` +
      (r.http === undefined
        ? ''
        : `, --url ${r.http.entriesPerSecond >= 300_000 ? 'met' : 'NOT met'}`),
    `  (${r.conditions})`,
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const entries = argValue('entries');
  const runs = argValue('runs');
  runVerifyLogBench({
    ...(entries === undefined ? {} : { entries }),
    ...(runs === undefined ? {} : { runs }),
    http: !process.argv.includes('--no-http'),
    log: (line) => process.stderr.write(`${line}\n`),
  }).then(
    (r) => process.stdout.write(`${formatVerifyLogBench(r)}\n`),
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
