/**
 * The evidence commands of the CLI:
 *
 *   evidence --control ID [--control ID...] --from DATE --to DATE [--user U] [--resource R]
 *            -o FILE  (--url URL [--token T] | [--data DIR] --tenant T [--requester WHO])
 *   verify   PACKAGE --key VKEY [--key VKEY...] [--check-archive] [--quiet]
 *
 * `evidence --url` asks a running ledger (POST /v1/evidence, polls, downloads);
 * without it, the package is built from a data directory (the embedded
 * deployment), and its EvidenceExported event appended there.
 *
 * `verify` dispatches here when `isEvidencePackage(file)`. Exit codes: 0
 * verified, 1 verification failed (each problem on stderr, naming the part or
 * event), 2 bad usage.
 */
import { createWriteStream, existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { archivePrefixFor } from '../../ledger/archive/bundle.js';
import type { ArchiveTarget } from '../../ledger/archive/archive-target.js';
import {
  archiveStreamName,
  openSqliteArchiveProgress,
} from '../../ledger/archive/sqlite-archive-progress.js';
import type { SqliteArchiveProgressStore } from '../../ledger/archive/sqlite-archive-progress.js';
import { isLedgerError } from '../../ledger/errors.js';
import { buildEvidencePackage } from '../../ledger/evidence/builder.js';
import type { EvidenceProgress } from '../../ledger/evidence/builder.js';
import { recordEvidenceExported } from '../../ledger/evidence/exported-event.js';
import { createLogEvidenceSource } from '../../ledger/evidence/log-evidence-source.js';
import { parseEvidenceRequest } from '../../ledger/evidence/query.js';
import { isEvidencePackage, verifyEvidencePackage } from '../../ledger/evidence/verify.js';
import type { EvidenceVerifyResult } from '../../ledger/evidence/verify.js';
import { openSqliteMerkleStateStore } from '../../ledger/sequencer/sqlite-merkle-state-store.js';
import { openLedgerDatabase } from '../../ledger/store/sqlite-database.js';
import { openSqliteEventStore } from '../../ledger/store/sqlite-event-store.js';
import { createViewEventFinder } from '../../projections/evidence/view-event-finder.js';
import { loadArchiveConfig } from '../archive/config.js';
import { loadSigningKey } from '../proofs/signing-key.js';
import { startProjections } from '../query/projection-service.js';
import { UsageError, keysFrom, many, one } from '../verify/commands.js';
import type { CommandContext, FlagValues } from '../verify/commands.js';

export { isEvidencePackage };

/** parseArgs options of `evidence` (for services/cli.ts). */
export const EVIDENCE_OPTIONS = {
  control: { type: 'string', multiple: true },
  from: { type: 'string' },
  to: { type: 'string' },
  user: { type: 'string' },
  resource: { type: 'string' },
  output: { type: 'string', short: 'o' },
  tenant: { type: 'string' },
  requester: { type: 'string' },
  data: { type: 'string' },
  url: { type: 'string' },
  token: { type: 'string' },
  quiet: { type: 'boolean' },
} as const;

/** Extra parseArgs options `verify` needs for evidence packages. */
export const VERIFY_EVIDENCE_OPTIONS = {
  'check-archive': { type: 'boolean' },
  quiet: { type: 'boolean' },
} as const;

/** A repeatable flag whose values may also be comma-separated lists (`--control 8.2,8.15`). */
function listOf(values: FlagValues, name: string): string[] {
  return many(values, name)
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function progressPrinter(ctx: CommandContext, quiet: boolean): (p: EvidenceProgress) => void {
  const tty = ctx.stderr.isTTY;
  let last = 0;
  return (p) => {
    if (quiet) return;
    const now = Date.now();
    if (p.phase !== 'done' && now - last < (tty ? 100 : 2000)) return;
    last = now;
    const bytes = p.bytes > 0 ? `, ${(p.bytes / 1048576).toFixed(1)} MiB` : '';
    const text = `evidence: ${p.phase} — ${p.events.toLocaleString('en-US')} events${bytes}`;
    ctx.stderr.write(tty ? `\r${text.padEnd(70)}${p.phase === 'done' ? '\n' : ''}` : `${text}\n`);
  };
}

function requestBody(values: FlagValues): Record<string, unknown> {
  const controls = listOf(values, 'control');
  if (controls.length === 0) throw new UsageError('--control is required (e.g. --control 8.2)');
  const from = one(values, 'from');
  const to = one(values, 'to');
  if (from === undefined || to === undefined) throw new UsageError('--from and --to are required');
  return { controls, from, to, user: one(values, 'user'), resource: one(values, 'resource') };
}

/** Options of `evidenceCommand`. */
export interface EvidenceCommandOptions {
  /** the data directory when --data is not given (LEDGER_DATA_DIR or the default) */
  readonly dataDir: string;
}

/** `evidence`: builds (or downloads) a package; see the module comment. */
export async function evidenceCommand(
  values: FlagValues,
  ctx: CommandContext,
  options: EvidenceCommandOptions,
): Promise<number> {
  const output = one(values, 'output');
  if (output === undefined) throw new UsageError('-o FILE is required');
  const body = requestBody(values);
  const quiet = values.quiet === true;
  const progress = progressPrinter(ctx, quiet);
  const url = one(values, 'url');
  try {
    if (url !== undefined) return await viaApi(url, values, ctx, body, output, progress);
    return await fromDataDir(values, ctx, options, body, output, progress);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if (isLedgerError(error)) {
      ctx.stderr.write(`evidence: ${error.code}: ${error.message}\n`);
      if (error.code === 'LDG_ERR_VALIDATION' && 'issues' in error) {
        for (const i of (error as { issues: { path: string; message: string }[] }).issues) {
          ctx.stderr.write(`  ${i.path}: ${i.message}\n`);
        }
      }
      return 1;
    }
    throw error;
  }
}

async function viaApi(
  url: string,
  values: FlagValues,
  ctx: CommandContext,
  body: Record<string, unknown>,
  output: string,
  progress: (p: EvidenceProgress) => void,
): Promise<number> {
  const token = one(values, 'token') ?? ctx.env.LEDGER_TOKEN;
  if (token === undefined) throw new UsageError('--token (or LEDGER_TOKEN) is required with --url');
  const base = url.replace(/\/+$/, '');
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const posted = await fetch(`${base}/v1/evidence`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  });
  const job = (await posted.json()) as { id?: string; error?: { code: string; message: string } };
  if (posted.status !== 202 || job.id === undefined) {
    ctx.stderr.write(
      `evidence: ${posted.status} ${job.error?.code ?? ''} ${job.error?.message ?? ''}\n`,
    );
    return 1;
  }
  for (;;) {
    const res = await fetch(`${base}/v1/evidence/${job.id}`, { headers });
    if (
      res.status === 200 &&
      res.headers.get('content-type')?.startsWith('application/x-tar') === true
    ) {
      const partial = `${output}.partial`;
      await pipeline(
        Readable.fromWeb(res.body as unknown as WebReadableStream<Uint8Array>),
        createWriteStream(partial),
      );
      renameSync(partial, output);
      ctx.stdout.write(`${output}  sha256 ${res.headers.get('x-evidence-sha256') ?? ''}\n`);
      return 0;
    }
    const status = (await res.json()) as {
      status?: string;
      phase?: EvidenceProgress['phase'] | null;
      events?: number;
      bytes?: number;
      error?: { code: string; message: string } | null;
    };
    if (res.status !== 202) {
      ctx.stderr.write(
        `evidence: ${status.error?.code ?? res.status} ${status.error?.message ?? ''}\n`,
      );
      return 1;
    }
    progress({
      phase: status.phase ?? 'events',
      events: status.events ?? 0,
      bytes: status.bytes ?? 0,
    });
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function fromDataDir(
  values: FlagValues,
  ctx: CommandContext,
  options: EvidenceCommandOptions,
  body: Record<string, unknown>,
  output: string,
  progress: (p: EvidenceProgress) => void,
): Promise<number> {
  const dataDir = one(values, 'data') ?? options.dataDir;
  const tenant = one(values, 'tenant') ?? ctx.env.LEDGER_TENANT;
  if (tenant === undefined) throw new UsageError('--tenant is required without --url');
  const requester = one(values, 'requester') ?? ctx.env.USER ?? 'operator';
  const query = parseEvidenceRequest(body, tenant, requester);
  const dbPath = join(dataDir, 'ledger.db');
  if (!existsSync(dbPath)) throw new UsageError(`${dbPath} does not exist: not a data directory`);
  const db = openLedgerDatabase(dbPath);
  const store = openSqliteEventStore({ database: db });
  const state = openSqliteMerkleStateStore({ database: db });
  const projections = await startProjections({
    store,
    storeKind: 'sqlite',
    dataDir,
    follow: false,
  });
  let progressStore: SqliteArchiveProgressStore | null = null;
  let target: ArchiveTarget | null = null;
  try {
    await projections.runner.catchUp();
    const key = loadSigningKey({
      dataDir,
      file: ctx.env.LEDGER_SIGNING_KEY_FILE ?? null,
      origin: ctx.env.LEDGER_ORIGIN ?? null,
    });
    const archiveConfig = loadArchiveConfig(ctx.env, dataDir);
    if (archiveConfig.target !== 'off') {
      const { createArchiveTargetFromConfig } = await import('../archive/targets.js');
      target = createArchiveTargetFromConfig(archiveConfig);
      progressStore = openSqliteArchiveProgress({
        database: db,
        stream: archiveStreamName(
          target.location,
          archiveConfig.prefix ?? archivePrefixFor(key.origin),
        ),
      });
    }
    const source = createLogEvidenceSource({
      state,
      store,
      finder: createViewEventFinder({ views: projections.views, mapping: projections.mapping }),
      verifierKeys: [key.verifierKey],
      archive:
        progressStore === null || target === null
          ? null
          : { progress: progressStore, location: target.location },
    });
    const partial = `${output}.partial`;
    let result;
    try {
      result = await buildEvidencePackage(query, {
        source,
        signer: key.signer,
        output: partial,
        onProgress: progress,
      });
      await recordEvidenceExported(store, {
        tenant: query.tenant,
        requester: query.requester,
        queryJson: result.queryJson,
        packageSha256: result.sha256,
        eventCount: result.events,
      });
      renameSync(partial, output);
    } catch (error) {
      rmSync(partial, { force: true });
      throw error;
    }
    ctx.stdout.write(
      `${output}  ${result.events} events, checkpoint ${result.checkpointSize}, ${result.bundles} archived bundles, sha256 ${result.sha256}\n`,
    );
    return 0;
  } finally {
    target?.close();
    progressStore?.close();
    await projections.close();
    await store.close();
    await state.close();
    if (db.open) db.close();
  }
}

/** Options of `verifyEvidenceCommand`. */
export interface VerifyEvidenceCommandOptions {
  /** opens the archive target for --check-archive (default: from the environment's archive config) */
  readonly openArchive?: () => ArchiveTarget;
  /** the data directory for the default archive config */
  readonly dataDir?: string;
}

/** Prints a verification result; returns the exit code. */
export function printEvidenceResult(
  r: EvidenceVerifyResult,
  ctx: CommandContext,
  quiet = false,
): number {
  for (const p of r.problems) ctx.stderr.write(`FAIL ${p.place}: ${p.code}: ${p.message}\n`);
  if (r.problemCount > r.problems.length) {
    ctx.stderr.write(`… and ${r.problemCount - r.problems.length} more problems\n`);
  }
  if (!quiet || !r.ok) {
    const q = r.query;
    const lines = [
      r.ok ? 'evidence package VERIFIED' : `evidence package FAILED (${r.problemCount} problems)`,
      q === null ? '' : `  tenant     ${q.tenant}`,
      q === null
        ? ''
        : `  controls   ${q.controls.join(', ')} (2022: ${q.controls2022.join(', ')})`,
      q === null
        ? ''
        : `  period     ${new Date(q.fromMs).toISOString()} .. ${new Date(q.toMs).toISOString()}`,
      q?.user == null ? '' : `  user       ${q.user}`,
      q?.resource == null ? '' : `  resource   ${q.resource}`,
      r.manifest === null
        ? ''
        : `  requester  ${r.manifest.requester}, created ${new Date(r.manifest.createdAt).toISOString()} by ${r.manifest.generator}`,
      r.checkpoint === null ? '' : `  checkpoint ${r.checkpoint.origin} size ${r.checkpoint.size}`,
      `  events     ${r.eventsVerified}/${r.events} verified (${Object.entries(r.perControl)
        .map(([c, n]) => `${c}: ${n}`)
        .join(', ')})`,
      `  bundles    ${r.bundles} consistency proofs`,
      r.archive === null
        ? ''
        : `  archive    ${r.archive.filter((a) => a.ok).length}/${r.archive.length} versions confirmed with their lock`,
    ].filter((l) => l !== '');
    ctx.stdout.write(`${lines.join('\n')}\n`);
  }
  return r.ok ? 0 : 1;
}

/** `verify PACKAGE`: verifies an evidence package offline; see the module comment. */
export async function verifyEvidenceCommand(
  positionals: readonly string[],
  values: FlagValues,
  ctx: CommandContext,
  options: VerifyEvidenceCommandOptions = {},
): Promise<number> {
  const [file, ...rest] = positionals;
  if (file === undefined || rest.length > 0)
    throw new UsageError('verify takes exactly one PACKAGE');
  const keys = keysFrom(values);
  let archive: ArchiveTarget | undefined;
  if (values['check-archive'] === true) {
    const { createArchiveTargetFromConfig } = await import('../archive/targets.js');
    archive =
      options.openArchive?.() ??
      createArchiveTargetFromConfig(
        loadArchiveConfig(ctx.env, options.dataDir ?? ctx.env.LEDGER_DATA_DIR ?? 'data'),
      );
  }
  try {
    const result = await verifyEvidencePackage(file, {
      keys,
      ...(archive === undefined ? {} : { archive }),
    });
    return printEvidenceResult(result, ctx, values.quiet === true);
  } finally {
    archive?.close();
  }
}
