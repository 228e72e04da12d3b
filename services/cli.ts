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
 */
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
  audit-ledger verify-log (--url URL [--token T] | --data DIR) --key VKEY [--origin ORIGIN]
                        [--checkpoint SAVED_CHECKPOINT]... [--quiet]
                        recomputes the whole log and checks every checkpoint, tile and entry
                        (--token: a verifier-role token, or LEDGER_TOKEN; VKEY: a key string or a file)
  audit-ledger verify-archive (--s3-bucket B [--s3-endpoint URL] [--prefix P] | --dir DIR) --key VKEY [--min-retention 5y]
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

function verify(args: string[]): number {
  const { values, positionals } = parseWithPositionals(args, {
    key: { type: 'string', multiple: true },
    origin: { type: 'string' },
    entry: { type: 'string' },
  });
  return verifyCommand(positionals, values, commandContext());
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
        return verify(rest);
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
