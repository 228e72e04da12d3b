#!/usr/bin/env node
/**
 * `audit-ledger` — the command-line entry point.
 *
 *   serve      run the embedded all-in-one ledger (data under one directory)
 *   token      mint a token for a role, subject and tenant
 *   simulate   a gateway simulator sending realistic traffic
 *   keys       generate a checkpoint signing key, or show a key's verifier key
 *   verify     check a proof file offline (a c2sp.org/tlog-proof from /v1/proofs/inclusion)
 *   verify-log recompute and check a whole log (over HTTP or from a data directory)
 *   rebuild    rebuild the projections (views.db) from the log, with a progress bar
 *   sessions   list sessions from the views (the auditor's questions, offline)
 *   evidence   build an evidence package for ISO 27001 controls
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { isLedgerError } from '../ledger/errors.js';
import { ROLE_SCOPES, ensureDevSecret, mintToken } from './auth.js';
import { ENV_DOC, loadConfig } from './config.js';
import type { LedgerConfig } from './config.js';
import {
  UsageError,
  keysGenerate,
  keysShow,
  verifyCommand,
  verifyLogCommand,
} from './verify/commands.js';
import type { CommandContext } from './verify/commands.js';
import {
  EVIDENCE_OPTIONS,
  VERIFY_EVIDENCE_OPTIONS,
  evidenceCommand,
  isEvidencePackage,
  verifyEvidenceCommand,
} from './evidence/commands.js';

// Node 20 is this product's platform and @aws-sdk/client-s3 is pinned to a release that supports it:
// its notice that later releases will need Node 22 says nothing an operator can act on.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE = `audit-ledger — tamper-evident audit ledger for access gateways

Usage:
  audit-ledger serve    [--data DIR] [--host H] [--port N]
  audit-ledger token    --role gateway|auditor|siem|verifier|admin --sub SUBJECT --tenant TENANT [--ttl SECONDS] [--data DIR]
  audit-ledger simulate [--url URL] [--data DIR] [--rate EVENTS_PER_S] [--duration S] [--gateways N]
                        [--tenants a,b] [--batch N] [--concurrency N] [--seed N]
  audit-ledger keys generate [--name ORIGIN] [--out FILE]     new signing key (mode 0600); prints its verifier key
  audit-ledger keys show     [--data DIR | --key-file FILE]  prints the verifier key of the ledger's signing key
  audit-ledger verify   FILE --key VKEY [--origin ORIGIN] [--entry FILE]
                        checks a c2sp.org/tlog-proof (from GET /v1/proofs/inclusion) offline
  audit-ledger verify   PACKAGE.evidence --key VKEY [--check-archive] [--quiet]
                        checks an evidence package offline: signatures, every proof, every part
  audit-ledger verify-log (--url URL [--token T] | --data DIR) --key VKEY [--origin ORIGIN]
                        [--checkpoint SAVED_CHECKPOINT]... [--quiet]
                        recomputes the whole log and checks every checkpoint, tile and entry
                        (--token: a verifier-role token, or LEDGER_TOKEN; VKEY: a key string or a file)
  audit-ledger verify-archive (--s3-bucket B [--s3-endpoint URL] [--prefix P] | --dir DIR) --key VKEY [--min-retention 5y]
  audit-ledger archive-bucket --s3-bucket B [--s3-endpoint URL]
                        creates an S3 bucket with versioning and Object Lock (or checks an existing one)
  audit-ledger rebuild  [--projection events|sessions|approvals|summaries] [--data DIR]
                        rebuilds the views from the log (stop the server first for speed)
  audit-ledger sessions --tenant T [--resource R] [--actor A] [--privileged|--unprivileged]
                        [--period this-quarter|last-quarter|YYYY-Qn|this-month|last-month|Nd | --from D --to D]
                        [--approvals] [--json] [--limit N] [--data DIR]
  audit-ledger evidence --control ID [--control ID...] --from DATE --to DATE [--user U] [--resource R]
                        -o FILE (--url URL [--token T] | [--data DIR] --tenant T [--requester WHO]) [--quiet]
                        builds an evidence package (controls by 2022 id or 2013 alias, e.g. 8.2 or A.9.2.3)
  audit-ledger help

Environment (flags win over variables):
${Object.entries(ENV_DOC)
  .map(([k, v]) => `  ${k.padEnd(38)} ${v}`)
  .join('\n')}
`;

function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function parseWithPositionals<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function commandContext(): CommandContext {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}

function keys(args: string[]): number {
  const [sub, ...rest] = args;
  if (sub === 'generate') {
    return keysGenerate(
      parse(rest, { name: { type: 'string' }, out: { type: 'string' } }),
      commandContext(),
    );
  }
  if (sub === 'show') {
    const v = parse(rest, { data: { type: 'string' }, 'key-file': { type: 'string' } });
    return keysShow(v, commandContext(), configWith(v).dataDir);
  }
  throw new UsageError('keys: use "keys generate" or "keys show"');
}

async function verify(args: string[]): Promise<number> {
  const { values, positionals } = parseWithPositionals(args, {
    key: { type: 'string', multiple: true },
    origin: { type: 'string' },
    entry: { type: 'string' },
    ...VERIFY_EVIDENCE_OPTIONS,
  });
  const [file] = positionals;
  if (file !== undefined && positionals.length === 1 && (await isEvidencePackage(file))) {
    for (const flag of ['origin', 'entry'] as const) {
      if (values[flag] !== undefined)
        throw new UsageError(`--${flag} does not apply to an evidence package`);
    }
    return verifyEvidenceCommand(positionals, values, commandContext(), {
      dataDir: configWith({}).dataDir,
    });
  }
  for (const flag of ['check-archive', 'quiet'] as const) {
    if (values[flag] !== undefined)
      throw new UsageError(`--${flag} applies to evidence packages only`);
  }
  return verifyCommand(positionals, values, commandContext());
}

async function rebuild(args: string[]): Promise<number> {
  const v = parse(args, { projection: { type: 'string' }, data: { type: 'string' } });
  const config = configWith(v);
  const { openLedgerBackend, LEDGER_DB_FILE } = await import('./main.js');
  if (config.store === 'sqlite' && !existsSync(join(config.dataDir, LEDGER_DB_FILE))) {
    throw new UsageError(
      `${join(config.dataDir, LEDGER_DB_FILE)} does not exist: not a data directory`,
    );
  }
  const { runRebuildCommand } = await import('./query/cli-commands.js');
  const backend = openLedgerBackend({
    ...config,
    sequencer: { ...config.sequencer, enabled: false },
  });
  try {
    await runRebuildCommand({
      store: backend.store,
      storeKind: config.store,
      dataDir: config.dataDir,
      controlMappingFile: config.controlMappingFile,
      progress: process.stderr,
      thread:
        config.store === 'sqlite'
          ? { kind: 'sqlite', path: join(config.dataDir, LEDGER_DB_FILE) }
          : { kind: 'eventstoredb', connectionString: config.eventStoreConnectionString ?? '' },
      ...(v.projection === undefined ? {} : { projection: v.projection }),
    });
    return 0;
  } finally {
    await backend.close();
  }
}

async function sessions(args: string[]): Promise<number> {
  const v = parse(args, {
    tenant: { type: 'string' },
    resource: { type: 'string' },
    actor: { type: 'string' },
    privileged: { type: 'boolean' },
    unprivileged: { type: 'boolean' },
    period: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    approvals: { type: 'boolean' },
    json: { type: 'boolean' },
    limit: { type: 'string' },
    data: { type: 'string' },
  });
  if (v.tenant === undefined) throw new UsageError('--tenant is required');
  if (v.privileged === true && v.unprivileged === true)
    throw new UsageError('give --privileged or --unprivileged, not both');
  const config = configWith(v);
  const { runSessionsCommand } = await import('./query/cli-commands.js');
  await runSessionsCommand({
    dataDir: config.dataDir,
    controlMappingFile: config.controlMappingFile,
    tenant: v.tenant,
    out: process.stdout,
    limit: positiveInt('limit', v.limit, 10_000, 1),
    ...(v.resource === undefined ? {} : { resource: v.resource }),
    ...(v.actor === undefined ? {} : { actor: v.actor }),
    ...(v.privileged === true ? { privileged: true } : {}),
    ...(v.unprivileged === true ? { privileged: false } : {}),
    ...(v.period === undefined ? {} : { period: v.period }),
    ...(v.from === undefined ? {} : { from: v.from }),
    ...(v.to === undefined ? {} : { to: v.to }),
    ...(v.approvals === true ? { approvals: true } : {}),
    ...(v.json === true ? { json: true } : {}),
  });
  return 0;
}

/** `archive-bucket`: creates (or checks) an S3 bucket with versioning and Object Lock for the archive. */
async function archiveBucket(args: string[]): Promise<number> {
  const v = parse(args, { 's3-bucket': { type: 'string' }, 's3-endpoint': { type: 'string' } });
  const env = { ...process.env };
  if (v['s3-endpoint'] !== undefined) env.LEDGER_ARCHIVE_S3_ENDPOINT = v['s3-endpoint'];
  const bucket = v['s3-bucket'] ?? env.LEDGER_ARCHIVE_S3_BUCKET;
  if (bucket === undefined || bucket === '')
    throw new UsageError('--s3-bucket (or LEDGER_ARCHIVE_S3_BUCKET) is required');
  const { s3OptionsFromEnv } = await import('./archive/config.js');
  const { ensureLockedBucket } = await import('../ledger/archive/s3-archive-target.js');
  const flag = v['s3-bucket'] === undefined ? 'LEDGER_ARCHIVE_S3_BUCKET' : '--s3-bucket';
  const readiness = await ensureLockedBucket(s3OptionsFromEnv(env, bucket, flag));
  process.stdout.write(
    `${readiness.location}: versioning and Object Lock enabled${readiness.worm ? ' (WORM)' : ''}\n`,
  );
  return 0;
}

async function evidence(args: string[]): Promise<number> {
  const v = parse(args, EVIDENCE_OPTIONS);
  return evidenceCommand(v, commandContext(), { dataDir: configWith({}).dataDir });
}

function verifyLog(args: string[]): Promise<number> {
  const v = parse(args, {
    url: { type: 'string' },
    token: { type: 'string' },
    data: { type: 'string' },
    key: { type: 'string', multiple: true },
    origin: { type: 'string' },
    checkpoint: { type: 'string', multiple: true },
    quiet: { type: 'boolean' },
  });
  return verifyLogCommand(v, commandContext());
}

function positiveInt(name: string, raw: string | undefined, dflt: number, min = 0): number {
  if (raw === undefined) return dflt;
  if (!/^\d+$/.test(raw) || Number(raw) < min)
    throw new UsageError(`--${name} must be an integer >= ${min}, got "${raw}"`);
  return Number(raw);
}

function configWith(values: {
  data?: string | undefined;
  host?: string | undefined;
  port?: string | undefined;
}): LedgerConfig {
  const env = { ...process.env };
  if (values.data !== undefined) env.LEDGER_DATA_DIR = values.data;
  if (values.host !== undefined) env.LEDGER_HOST = values.host;
  if (values.port !== undefined) env.LEDGER_PORT = values.port;
  return loadConfig(env);
}

async function serve(args: string[]): Promise<number> {
  const v = parse(args, {
    data: { type: 'string' },
    host: { type: 'string' },
    port: { type: 'string' },
  });
  const config = configWith(v);
  // loaded on demand: `verify` and `keys` start without the server's modules
  const { startLedger } = await import('./main.js');
  const ledger = await startLedger(config);
  const log = ledger.log;
  process.stderr.write(
    `audit-ledger: listening on ${ledger.url} (store: ${config.store}, data: ${config.dataDir})\n` +
      `  mint a gateway token:  audit-ledger token --role gateway --sub gw-1 --tenant acme --data ${config.dataDir}\n` +
      `  health / metrics:      ${ledger.url}/healthz  ${ledger.url}/metrics\n` +
      (log === null || log === undefined
        ? '  sequencer:             off (LEDGER_SEQUENCER=false)\n'
        : `  checkpoints:           ${ledger.url}/checkpoint  (origin ${log.origin})\n` +
          `  verifier key:          ${log.verifierKey}\n`),
  );
  await new Promise<void>((resolve) => {
    const stop = (sig: string) => {
      process.stderr.write(`audit-ledger: ${sig}: finishing in-flight commits and stopping\n`);
      ledger.close().then(resolve, (e: unknown) => {
        process.stderr.write(`audit-ledger: error while stopping: ${String(e)}\n`);
        resolve();
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}

function secretFor(config: LedgerConfig): string {
  return config.auth.hmacSecret ?? ensureDevSecret(config.dataDir);
}

function token(args: string[]): number {
  const v = parse(args, {
    role: { type: 'string' },
    sub: { type: 'string' },
    tenant: { type: 'string' },
    ttl: { type: 'string' },
    data: { type: 'string' },
  });
  const role = v.role ?? '';
  const scopes = ROLE_SCOPES[role];
  if (!scopes)
    throw new UsageError(
      `--role must be one of ${Object.keys(ROLE_SCOPES).join(', ')}, got "${role}"`,
    );
  if (!v.sub) throw new UsageError('--sub is required (the gateway id or user)');
  if (!v.tenant) throw new UsageError('--tenant is required');
  const config = configWith(v);
  const tok = mintToken({
    secret: secretFor(config),
    subject: v.sub,
    tenant: v.tenant,
    scopes,
    audience: config.auth.audience,
    issuer: config.auth.issuer,
    ttlSeconds: positiveInt('ttl', v.ttl, 3600, 1),
  });
  process.stdout.write(tok + '\n');
  return 0;
}

async function runSimulate(args: string[]): Promise<number> {
  const v = parse(args, {
    url: { type: 'string' },
    data: { type: 'string' },
    rate: { type: 'string' },
    duration: { type: 'string' },
    gateways: { type: 'string' },
    tenants: { type: 'string' },
    batch: { type: 'string' },
    concurrency: { type: 'string' },
    seed: { type: 'string' },
  });
  const config = configWith(v);
  const url = v.url ?? `http://${config.host}:${config.port}`;
  const tenants = (v.tenants ?? 'acme,globex').split(',').filter((t) => t !== '');
  if (tenants.length === 0) throw new UsageError('--tenants needs at least one tenant');
  const nGateways = positiveInt('gateways', v.gateways, 3, 1);
  const secret = secretFor(config);
  const gateways = Array.from({ length: nGateways }, (_, i) => {
    const tenantId = tenants[i % tenants.length] as string;
    const gatewayId = `gw-${tenantId}-${i + 1}`;
    return {
      gatewayId,
      tenantId,
      token: mintToken({
        secret,
        subject: gatewayId,
        tenant: tenantId,
        scopes: ['ledger:write'],
        audience: config.auth.audience,
        issuer: config.auth.issuer,
        ttlSeconds: 86_400,
      }),
    };
  });
  const ac = new AbortController();
  process.once('SIGINT', () => ac.abort());
  process.once('SIGTERM', () => ac.abort());
  const rate = positiveInt('rate', v.rate, 200);
  process.stderr.write(
    `simulate: ${gateways.length} gateways (${tenants.join(', ')}) → ${url} at ${rate || 'max'} events/s; Ctrl-C to stop\n`,
  );
  const { simulate } = await import('./simulate/run.js');
  const r = await simulate({
    url,
    gateways,
    rate,
    durationSeconds: positiveInt('duration', v.duration, 0),
    batchSize: positiveInt('batch', v.batch, 20, 1),
    concurrency: positiveInt('concurrency', v.concurrency, 4, 1),
    seed: positiveInt('seed', v.seed, 7),
    signal: ac.signal,
  });
  process.stdout.write(
    `simulate: done in ${r.seconds.toFixed(1)} s: ${r.sent} sent, ${r.acknowledged} acknowledged, ${r.duplicates} duplicates, ${r.failedRequests} failed requests\n`,
  );
  return r.failedRequests > 0 && r.acknowledged === 0 ? 1 : 0;
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'serve':
        return await serve(rest);
      case 'token':
        return token(rest);
      case 'simulate':
        return await runSimulate(rest);
      case 'keys':
        return keys(rest);
      case 'verify':
        return await verify(rest);
      case 'rebuild':
        return await rebuild(rest);
      case 'sessions':
        return await sessions(rest);
      case 'evidence':
        return await evidence(rest);
      case 'archive-bucket':
        return await archiveBucket(rest);
      case 'verify-log':
        return await verifyLog(rest);
      case 'verify-archive': {
        const { runVerifyArchive } = await import('./archive/verify-archive.js');
        return await runVerifyArchive(rest, {
          stdout: process.stdout,
          stderr: process.stderr,
          env: process.env,
        });
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(USAGE);
        return cmd === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${cmd}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`audit-ledger: ${e.message}\nRun "audit-ledger help" for usage.\n`);
      return 2;
    }
    if (isLedgerError(e)) {
      process.stderr.write(`audit-ledger: ${e.code}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

// `audit-ledger sessions … | head`: a closed pipe ends the command quietly
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(
      `audit-ledger: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    process.exitCode = 1;
  },
);
