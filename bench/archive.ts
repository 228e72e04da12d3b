/**
 * Archive benchmark. Run after `npx tsc -p tsconfig.json` (radosgw running:
 * scripts/rgw-start) as
 *
 *   node dist/bench/archive.js [--entries=200000] [--bundle=10000]
 *
 * or call `runArchiveBench(opts)`. Over a real SQLite ledger of N entries
 * (about 300-byte audit events, checkpoints signed every `bundle` entries)
 * it measures, against the local radosgw (S3 Object Lock, COMPLIANCE):
 *
 *   (a) archiving: the archiver sealing and uploading every bundle (reading
 *       the entries from the store, recomputing the tree, the proof, the
 *       signed manifest, one locked PUT with Content-MD5, a HEAD to confirm
 *       the lock, the progress row, the BundleArchived event) and every
 *       checkpoint object; goal >= 100,000 entries/s;
 *   (b) verify-archive over the same bucket (list, HEAD and GET by version id,
 *       every check); goal >= 200,000 entries/s;
 *   (c) baselines from the same run: plain locked PUTs of the very same
 *       bundle bytes, one after the other, with no sealing (the storage
 *       limit the archiver works under), plain GETs of the bundles with as
 *       many in flight as verify-archive reads ahead (the limit it works
 *       under), and SHA-256 of those bytes;
 *   (d) the same archiving to a local directory target, for comparison.
 */
import { createHash } from 'node:crypto';
import {
  DeleteBucketCommand,
  DeleteObjectCommand,
  ListObjectVersionsCommand,
} from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createArchiver } from '../ledger/archive/archiver.js';
import { sha256Hex } from '../ledger/archive/archive-target.js';
import type { ArchiveTarget } from '../ledger/archive/archive-target.js';
import { archivePrefixFor, bundlesFolder } from '../ledger/archive/bundle.js';
import { createDirectoryArchiveTarget } from '../ledger/archive/directory-archive-target.js';
import { createRetentionPolicy } from '../ledger/archive/retention.js';
import type { RetentionPolicy } from '../ledger/archive/retention.js';
import { createS3ArchiveTarget } from '../ledger/archive/s3-archive-target.js';
import {
  archiveStreamName,
  openSqliteArchiveProgress,
} from '../ledger/archive/sqlite-archive-progress.js';
import { DEFAULT_VERIFY_CONCURRENCY, verifyArchive } from '../ledger/archive/verify-archive.js';
import { openArchiveTestLedger } from '../test/support/archive-ledger.js';
import type { ArchiveTestLedger } from '../test/support/archive-ledger.js';
import {
  createLockedTestBucket,
  rawS3Client,
  requireRgw,
  rgwTargetOptions,
} from '../test/support/rgw.js';
import { argValue, fmt } from './lib.js';

// Node 20 is the product's platform; the SDK's notice about later releases is noise here
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** Options of `runArchiveBench`. */
export interface ArchiveBenchOptions {
  /** Entries in the ledger (default 200,000). */
  readonly entries?: number;
  /** Entries per bundle (default 10,000). */
  readonly bundle?: number;
  /** Progress lines (default: none). */
  readonly log?: (line: string) => void;
}

/** One timed run. */
export interface ArchiveRunFigure {
  readonly seconds: number;
  readonly entriesPerSecond: number;
  readonly megabytesPerSecond: number;
  /** CPU time of this process (user + system) during the run, when measured. */
  readonly cpuSeconds?: number;
}

/** What `runArchiveBench` measured. */
export interface ArchiveBenchResult {
  readonly entries: number;
  readonly bundleEntries: number;
  readonly bundles: number;
  readonly checkpoints: number;
  readonly averageBundleBytes: number;
  readonly totalBytes: number;
  /** Sealing and uploading to radosgw (goal >= 100,000 entries/s). */
  readonly archiveS3: ArchiveRunFigure;
  /** verify-archive over that bucket (goal >= 200,000 entries/s). */
  readonly verifyS3: ArchiveRunFigure;
  /** Baseline: locked PUTs of the same bytes, sequential, no sealing. */
  readonly rawPut: ArchiveRunFigure;
  /** Baseline: GETs of the same bundles, as many in flight as verify-archive reads ahead, no checks. */
  readonly rawGet: ArchiveRunFigure;
  /** Baseline: SHA-256 of the same bytes. */
  readonly sha256MegabytesPerSecond: number;
  /** Sealing to a local directory. */
  readonly archiveDirectory: ArchiveRunFigure;
  readonly goals: { readonly archive: boolean; readonly verify: boolean };
  /** CPUs and 1-minute load average at the start and the end (the machine may be shared). */
  readonly machine: {
    readonly cpus: number;
    readonly loadBefore: number;
    readonly loadAfter: number;
    /** /proc/loadavg at the end (Linux), else the three load averages. */
    readonly loadavgText: string;
  };
}

/**
 * Locks of a few seconds: the local radosgw keeps objects in RAM (2 GiB), so
 * the benchmark deletes what it wrote once the locks have run out. Every
 * request is the same as with a five-year lock.
 */
const LOCK_MS = 20_000;
const RETENTION: RetentionPolicy = {
  ...createRetentionPolicy({ period: { days: 1 }, floor: { days: 1 } }),
  retainUntil: (sealedAt: Date) =>
    new Date(Math.ceil((sealedAt.getTime() + LOCK_MS) / 1000) * 1000),
};

/** Deletes every version of `bucket` (locks must have run out), then the bucket; returns how many. */
async function emptyBucket(s3: S3Client, bucket: string): Promise<number> {
  let deleted = 0;
  for (;;) {
    const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket }));
    const ids = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])]
      .filter((v) => v.Key !== undefined)
      .map((v) => ({ Key: v.Key as string, VersionId: v.VersionId }));
    if (ids.length === 0) break;
    for (const id of ids) {
      await s3.send(new DeleteObjectCommand({ Bucket: bucket, ...id }));
      deleted++;
    }
  }
  await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
  return deleted;
}

function procLoadavg(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').trim();
  } catch {
    return loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  }
}

function figure(
  entries: number,
  bytes: number,
  ms: number,
  cpu?: NodeJS.CpuUsage,
): ArchiveRunFigure {
  const seconds = ms / 1000;
  return {
    seconds,
    entriesPerSecond: entries / seconds,
    megabytesPerSecond: bytes / 1024 / 1024 / seconds,
    ...(cpu === undefined ? {} : { cpuSeconds: (cpu.user + cpu.system) / 1e6 }),
  };
}

async function archiveOnce(
  ledger: ArchiveTestLedger,
  target: ArchiveTarget,
  bundleEntries: number,
): Promise<{
  ms: number;
  cpu: NodeJS.CpuUsage;
  bundles: number;
  checkpoints: number;
  bytes: number;
}> {
  const progress = openSqliteArchiveProgress({
    database: ledger.database,
    stream: archiveStreamName(target.location, archivePrefixFor(ledger.origin)),
  });
  const archiver = createArchiver({
    source: ledger.source,
    target,
    progress,
    signer: ledger.signer,
    retention: RETENTION,
    bundleEntries,
  });
  try {
    await target.checkReady();
    const start = performance.now();
    const cpu = process.cpuUsage();
    const r = await archiver.runOnce({ force: true });
    const ms = performance.now() - start;
    return {
      ms,
      cpu: process.cpuUsage(cpu),
      bundles: r.bundles.length,
      checkpoints: r.checkpoints,
      bytes: r.bundles.reduce((n, b) => n + b.size, 0),
    };
  } finally {
    await archiver.stop();
    progress.close();
  }
}

/** Runs the benchmark (see the module comment). Needs the local radosgw. */
export async function runArchiveBench(
  options: ArchiveBenchOptions = {},
): Promise<ArchiveBenchResult> {
  const entries = options.entries ?? 200_000;
  const bundleEntries = options.bundle ?? 10_000;
  const log = options.log ?? (() => undefined);
  const rgw = await requireRgw();
  const loadBefore = loadavg()[0] ?? 0;
  const dir = mkdtempSync(join(tmpdir(), 'audit-ledger-bench-archive-'));
  const ledger = await openArchiveTestLedger({ dir });
  const targets: ArchiveTarget[] = [];
  const buckets: string[] = [];
  try {
    log(
      `filling a SQLite ledger with ${fmt(entries)} entries, a checkpoint every ${fmt(bundleEntries)}`,
    );
    await ledger.grow(entries, bundleEntries);

    // (a) archive to radosgw
    const bucket = await createLockedTestBucket(rgw, 'bench-archive');
    buckets.push(bucket);
    const s3 = createS3ArchiveTarget({ ...rgwTargetOptions(rgw, bucket), maxAttempts: 3 });
    targets.push(s3);
    log(`archiving to s3://${bucket} on ${rgw.endpoint}`);
    const a = await archiveOnce(ledger, s3, bundleEntries);
    const archiveS3 = figure(entries, a.bytes, a.ms, a.cpu);

    // (b) verify it
    log('verify-archive over the bucket');
    const vStart = performance.now();
    const vCpu = process.cpuUsage();
    const v = await verifyArchive(s3, {
      verifierKeys: [ledger.verifierKey],
      minRetention: { days: 0 }, // the benchmark's locks are seconds long
    });
    const vMs = performance.now() - vStart;
    if (!v.ok) throw new Error(`verify-archive failed: ${JSON.stringify(v.problem)}`);
    if (v.leaves !== entries) throw new Error(`verify covered ${v.leaves} of ${entries} leaves`);
    const verifyS3 = figure(entries, v.bytes, vMs, process.cpuUsage(vCpu));

    // (c) baselines: the same bytes, PUT locked one after the other; sha256
    const keys: string[] = [];
    for await (const key of s3.list(bundlesFolder(archivePrefixFor(ledger.origin)))) keys.push(key);
    log(`baseline: GETs of the ${keys.length} bundles, ${DEFAULT_VERIFY_CONCURRENCY} at a time`);
    const bundles: Uint8Array[] = new Array<Uint8Array>(keys.length);
    const gStart = performance.now();
    let nextKey = 0;
    await Promise.all(
      Array.from({ length: Math.min(DEFAULT_VERIFY_CONCURRENCY, keys.length) }, async () => {
        while (nextKey < keys.length) {
          const i = nextKey++;
          bundles[i] = await s3.get(keys[i] as string);
        }
      }),
    );
    const rawGet = figure(entries, a.bytes, performance.now() - gStart);
    const rawBucket = await createLockedTestBucket(rgw, 'bench-raw');
    buckets.push(rawBucket);
    const raw = createS3ArchiveTarget({ ...rgwTargetOptions(rgw, rawBucket), maxAttempts: 3 });
    targets.push(raw);
    log(`baseline: ${bundles.length} locked PUTs of the same bytes to s3://${rawBucket}`);
    const retainUntil = RETENTION.retainUntil(new Date());
    const hashes = bundles.map((b) => sha256Hex(b));
    const rStart = performance.now();
    for (const [i, b] of bundles.entries()) {
      await raw.putLocked(`raw/${i}`, b, { retainUntil, sha256: hashes[i] as string });
    }
    const rawPut = figure(entries, a.bytes, performance.now() - rStart);
    const hStart = performance.now();
    for (const b of bundles) createHash('sha256').update(b).digest();
    const sha256MegabytesPerSecond = a.bytes / 1024 / 1024 / ((performance.now() - hStart) / 1000);

    // (d) the directory target
    const root = mkdtempSync(join(tmpdir(), 'audit-ledger-bench-archive-dir-'));
    try {
      log(`archiving to ${root}`);
      const d = await archiveOnce(ledger, createDirectoryArchiveTarget({ root }), bundleEntries);
      const archiveDirectory = figure(entries, d.bytes, d.ms, d.cpu);
      return {
        entries,
        bundleEntries,
        bundles: a.bundles,
        checkpoints: a.checkpoints,
        averageBundleBytes: a.bytes / a.bundles,
        totalBytes: a.bytes,
        archiveS3,
        verifyS3,
        rawPut,
        rawGet,
        sha256MegabytesPerSecond,
        archiveDirectory,
        goals: {
          archive: archiveS3.entriesPerSecond >= 100_000,
          verify: verifyS3.entriesPerSecond >= 200_000,
        },
        machine: {
          cpus: cpus().length,
          loadBefore,
          loadAfter: loadavg()[0] ?? 0,
          loadavgText: procLoadavg(),
        },
      };
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  } finally {
    for (const t of targets) t.close();
    if (buckets.length > 0) {
      // wait out the locks, then give radosgw its memory back
      const lockedUntil = Date.now() + LOCK_MS + 2_000;
      log(`cleaning up: deleting the benchmark buckets once their locks run out`);
      await new Promise((r) => setTimeout(r, Math.max(0, lockedUntil - Date.now())));
      const s3 = rawS3Client(rgw);
      try {
        let deleted = 0;
        for (const b of buckets) deleted += await emptyBucket(s3, b);
        log(`cleaned up: ${deleted} object versions in ${buckets.length} buckets`);
      } catch (e) {
        log(
          `cleanup failed (the objects stay in radosgw): ${e instanceof Error ? e.message : String(e)}`,
        );
      } finally {
        s3.destroy();
      }
    }
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The figures as text. */
export function report(r: ArchiveBenchResult): string {
  const line = (name: string, f: ArchiveRunFigure) =>
    `  ${name.padEnd(44)} ${fmt(f.entriesPerSecond).padStart(10)} entries/s  ${fmt(f.megabytesPerSecond, 1).padStart(7)} MiB/s  (${f.seconds.toFixed(2)} s` +
    (f.cpuSeconds === undefined
      ? ')'
      : `, ${f.cpuSeconds.toFixed(2)} s CPU here: ${fmt(r.entries / f.cpuSeconds)} entries per CPU-second)`);
  const ok = (b: boolean) => (b ? 'met' : 'NOT MET');
  return [
    `archive benchmark: ${fmt(r.entries)} entries in ${r.bundles} bundles of ${fmt(r.bundleEntries)} entries ` +
      `(average ${fmt(r.averageBundleBytes / 1024, 0)} KiB, ${fmt(r.totalBytes / 1024 / 1024, 1)} MiB in all), ` +
      `${r.checkpoints} checkpoint objects`,
    line('seal + locked PUT + HEAD + record (radosgw)', r.archiveS3) +
      `  goal >= 100,000: ${ok(r.goals.archive)}`,
    line('verify-archive (radosgw, by version id)', r.verifyS3) +
      `  goal >= 200,000: ${ok(r.goals.verify)}`,
    line('baseline: locked PUT of the same bytes', r.rawPut),
    line('baseline: GET of the same bundles', r.rawGet),
    `  ${'baseline: SHA-256 of the same bytes'.padEnd(44)} ${fmt(r.sha256MegabytesPerSecond, 0).padStart(10)} MiB/s`,
    line('seal + write to a local directory', r.archiveDirectory),
    `  machine: ${r.machine.cpus} CPUs shared with radosgw; load average ${r.machine.loadBefore.toFixed(1)} before, ${r.machine.loadAfter.toFixed(1)} after`,
    `  archiving runs at ${((r.archiveS3.seconds > 0 ? r.rawPut.seconds / r.archiveS3.seconds : 0) * 100).toFixed(0)} % of the raw PUT rate of the same bytes`,
    `  verify-archive runs at ${((r.verifyS3.seconds > 0 ? r.rawGet.seconds / r.verifyS3.seconds : 0) * 100).toFixed(0)} % of the raw GET rate of the same bundles`,
    `  /proc/loadavg at the end: ${r.machine.loadavgText}`,
  ].join('\n');
}

async function main(): Promise<void> {
  const entries = argValue('entries');
  const bundle = argValue('bundle');
  const result = await runArchiveBench({
    ...(entries === undefined ? {} : { entries }),
    ...(bundle === undefined ? {} : { bundle }),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`${report(result)}\n`);
  if (!result.goals.archive || !result.goals.verify) process.exitCode = 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  });
}
