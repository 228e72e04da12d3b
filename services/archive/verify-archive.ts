/**
 * `audit-ledger verify-archive`: checks an archive (S3 or a directory) end to
 * end with only the ledger's public key, and names the first problem.
 *
 *   audit-ledger verify-archive (--s3-bucket B [--s3-endpoint URL] [--s3-region R] | --dir DIR)
 *                               --key VKEY [--prefix P] [--min-retention 5y] [--min-leaves N]
 *                               [--skip-checkpoints] [--concurrency N] [--quiet]
 *
 * `--key` is the verifier key string (`name+hex+base64`) or a file holding
 * it. S3 credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY
 * (else the SDK's chain). Progress goes to stderr; the verdict to stdout
 * (exit 0) or stderr (exit 1, naming the object and the problem); usage
 * errors exit 2.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ArchiveTarget } from '../../ledger/archive/archive-target.js';
import { createDirectoryArchiveTarget } from '../../ledger/archive/directory-archive-target.js';
import {
  DEFAULT_RETENTION,
  formatRetention,
  parseRetention,
} from '../../ledger/archive/retention.js';
import type { RetentionPeriod } from '../../ledger/archive/retention.js';
import { createS3ArchiveTarget } from '../../ledger/archive/s3-archive-target.js';
import { verifyArchive } from '../../ledger/archive/verify-archive.js';
import type {
  VerifyArchiveProgress,
  VerifyArchiveResult,
} from '../../ledger/archive/verify-archive.js';
import { decodeVerifierKey } from '../../ledger/checkpoint/signed-note.js';
import { isLedgerError } from '../../ledger/errors.js';
import { s3OptionsFromEnv } from './config.js';

/** The usage text of the command. */
export const VERIFY_ARCHIVE_USAGE = `Usage:
  audit-ledger verify-archive (--s3-bucket B [--s3-endpoint URL] [--s3-region R] | --dir DIR)
                              --key VKEY [--prefix P] [--min-retention 5y] [--min-leaves N]
                              [--skip-checkpoints] [--concurrency N] [--quiet]

  --key VKEY          the ledger's verifier key (name+hex+base64), or a file holding it
  --prefix P          the archive's key prefix (default: found from the first bundle)
  --min-retention 5y  shortest acceptable lock from each checkpoint's signing time
  --min-leaves N      the log has at least N leaves (from a checkpoint you trust): a missing
                      last bundle is then a GAP too
  --skip-checkpoints  check the bundles only, not every archived checkpoint object
  S3 credentials: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (or the SDK's default chain).
Exit status: 0 the archive checks out, 1 a problem (named on stderr), 2 bad usage.
`;

/** Where the command writes, and the environment it reads (S3 credentials). */
export interface VerifyArchiveIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
}

class UsageError extends Error {}

function readKey(raw: string): string {
  try {
    decodeVerifierKey(raw);
    return raw;
  } catch {
    if (existsSync(raw)) {
      const text = readFileSync(raw, 'utf8').trim();
      try {
        decodeVerifierKey(text);
        return text;
      } catch {
        throw new UsageError(`--key: ${raw} does not hold a verifier key (name+hex+base64)`);
      }
    }
    throw new UsageError(`--key: "${raw}" is not a verifier key (name+hex+base64) nor a file`);
  }
}

function fmt(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 0 });
}

/** A progress line (a bar on a terminal, a line every few seconds otherwise). */
function progressReporter(io: VerifyArchiveIo, quiet: boolean): (p: VerifyArchiveProgress) => void {
  const started = Date.now();
  let lastLine = 0;
  const tty = io.stderr.isTTY === true;
  return (p) => {
    if (quiet) return;
    const now = Date.now();
    const final = p.bundlesDone === p.bundlesTotal;
    if (!final && now - lastLine < (tty ? 200 : 5000)) return;
    lastLine = now;
    const seconds = Math.max(0.001, (now - started) / 1000);
    const width = 30;
    const filled =
      p.bundlesTotal === 0 ? width : Math.round((p.bundlesDone / p.bundlesTotal) * width);
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
    const line =
      `verify-archive: ${bar} ${p.bundlesDone}/${p.bundlesTotal} bundles, ${fmt(p.leaves)} leaves, ` +
      `${fmt(p.checkpointsDone)} checkpoints, ${fmt(p.leaves / seconds)} leaves/s`;
    io.stderr.write(tty ? `\r${line}${final ? '\n' : ''}` : `${line}\n`);
  };
}

function report(
  result: VerifyArchiveResult,
  where: string,
  io: VerifyArchiveIo,
  minRetention: RetentionPeriod,
): void {
  for (const w of result.warnings) io.stderr.write(`verify-archive: warning: ${w}\n`);
  if (result.problem !== null) {
    const p = result.problem;
    io.stderr.write(
      `verify-archive: FAILED at ${p.key}${p.versionId === null ? '' : ` (version ${p.versionId})`}: ${p.code}: ${p.message}\n` +
        `verify-archive: before it, ${result.bundles} bundles checked out (leaves [0, ${result.leaves}))\n`,
    );
    return;
  }
  io.stdout.write(
    `verify-archive: OK ${where}/${result.prefix ?? ''} (${result.origin ?? '?'}): ` +
      `${result.bundles} bundles cover leaves [0, ${result.leaves}) with no gap, ` +
      `${fmt(result.bytes)} bytes; ${result.checkpoints} checkpoints (${result.checkpointsWithRoot} recomputed); ` +
      `${result.anchors} BundleArchived anchors matched` +
      (result.earliestRetainUntil === null
        ? '\n'
        : `; every lock COMPLIANCE, earliest retain-until ${result.earliestRetainUntil.toISOString()} (>= signing + ${formatRetention(minRetention)})\n`),
  );
}

/**
 * Runs the command with `args` (after `verify-archive`); resolves with the
 * exit status. Never throws for bad input: usage problems print the usage.
 */
export async function runVerifyArchive(
  args: readonly string[],
  io: VerifyArchiveIo,
): Promise<number> {
  let target: ArchiveTarget | null = null;
  try {
    const { values: v } = (() => {
      try {
        return parseArgs({
          args: [...args],
          strict: true,
          allowPositionals: false,
          options: {
            's3-bucket': { type: 'string' },
            's3-endpoint': { type: 'string' },
            's3-region': { type: 'string' },
            dir: { type: 'string' },
            prefix: { type: 'string' },
            key: { type: 'string' },
            'min-retention': { type: 'string' },
            'skip-checkpoints': { type: 'boolean' },
            'min-leaves': { type: 'string' },
            concurrency: { type: 'string' },
            quiet: { type: 'boolean' },
          },
        });
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
    })();
    const bucket = v['s3-bucket'];
    const dir = v.dir;
    if ((bucket === undefined) === (dir === undefined)) {
      throw new UsageError('give exactly one of --s3-bucket or --dir');
    }
    if (v.key === undefined) throw new UsageError('--key is required (the ledger verifier key)');
    const key = readKey(v.key);
    let minRetention = DEFAULT_RETENTION;
    if (v['min-retention'] !== undefined) {
      try {
        minRetention = parseRetention(v['min-retention'], '--min-retention');
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
    }
    const minLeaves = v['min-leaves'] === undefined ? undefined : Number(v['min-leaves']);
    if (minLeaves !== undefined && (!Number.isSafeInteger(minLeaves) || minLeaves < 0)) {
      throw new UsageError('--min-leaves must be a non-negative integer');
    }
    const concurrency = v.concurrency === undefined ? undefined : Number(v.concurrency);
    if (
      concurrency !== undefined &&
      (!Number.isSafeInteger(concurrency) || concurrency < 1 || concurrency > 64)
    ) {
      throw new UsageError('--concurrency must be an integer from 1 to 64');
    }
    if (bucket !== undefined) {
      const env = {
        ...io.env,
        LEDGER_ARCHIVE_S3_ENDPOINT: v['s3-endpoint'] ?? io.env.LEDGER_ARCHIVE_S3_ENDPOINT,
        LEDGER_ARCHIVE_S3_REGION: v['s3-region'] ?? io.env.LEDGER_ARCHIVE_S3_REGION,
      };
      try {
        target = createS3ArchiveTarget(s3OptionsFromEnv(env, bucket, '--s3-bucket'));
      } catch (e) {
        throw new UsageError(isLedgerError(e) ? e.message : String(e));
      }
    } else {
      if (!existsSync(dir as string)) throw new UsageError(`--dir: ${dir} does not exist`);
      target = createDirectoryArchiveTarget({ root: dir as string });
    }
    const result = await verifyArchive(target, {
      verifierKeys: [key],
      minRetention,
      checkpoints: v['skip-checkpoints'] !== true,
      ...(v.prefix === undefined ? {} : { prefix: v.prefix }),
      ...(concurrency === undefined ? {} : { concurrency }),
      ...(minLeaves === undefined ? {} : { minLeaves }),
      onProgress: progressReporter(io, v.quiet === true),
    });
    report(result, target.location, io, minRetention);
    return result.ok ? 0 : 1;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`verify-archive: ${e.message}\n${VERIFY_ARCHIVE_USAGE}`);
      return 2;
    }
    if (isLedgerError(e)) {
      io.stderr.write(`verify-archive: ${e.code}: ${e.message}\n`);
      return 1;
    }
    throw e;
  } finally {
    target?.close();
  }
}
