/**
 * The verification commands of the CLI:
 *
 *   keys generate [--name ORIGIN] [--out FILE]
 *   keys show     [--data DIR | --key-file FILE]
 *   verify        FILE --key VKEY [--key VKEY...] [--origin O] [--entry FILE]
 *   verify-log    (--url URL [--token T] | --data DIR) --key VKEY [--origin O]
 *                 [--checkpoint FILE...] [--quiet]
 *
 * Exit codes: 0 verified, 1 verification failed (the reason on stderr), 2 bad
 * usage. `--key` takes a verifier key string or a file holding one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  decodeVerifierKey,
  encodeBase64,
  generateNoteKey,
  isValidKeyName,
} from '../../ledger/checkpoint/signed-note.js';
import { isLedgerError } from '../../ledger/errors.js';
import { openSqliteLedgerReader } from '../../ledger/sequencer/sqlite-ledger-reader.js';
import type { LogSource } from '../../ledger/verify/log-source.js';
import { verifyLog } from '../../ledger/verify/log-verifier.js';
import { verifyFile } from '../../ledger/verify/proof-file.js';
import {
  SIGNING_KEY_FILE,
  defaultOrigin,
  readPrivateKeyFile,
  writePrivateKeyFile,
} from '../proofs/signing-key.js';
import { httpLogSource } from './http-log-source.js';
import { createProgress } from './progress.js';

/** A command-line mistake: exit code 2 with the message. */
export class UsageError extends Error {}

/** What the commands read from outside their arguments (so tests can give their own). */
export interface CommandContext {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WriteStream;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Parsed flag values of one command: strings, or string lists for repeatable flags. */
export type FlagValues = Readonly<Record<string, string | string[] | boolean | undefined>>;

/** A flag given at most once. */
export function one(values: FlagValues, name: string): string | undefined {
  const v = values[name];
  if (Array.isArray(v)) {
    if (v.length > 1) throw new UsageError(`--${name} may be given once`);
    return v[0];
  }
  return typeof v === 'string' ? v : undefined;
}

/** A repeatable flag's values. */
export function many(values: FlagValues, name: string): string[] {
  const v = values[name];
  if (Array.isArray(v)) return v;
  return typeof v === 'string' ? [v] : [];
}

/** A verifier key given as a string, or as a file whose first non-empty line is one. */
function readKeyArgument(raw: string): string {
  if (existsSync(raw)) {
    const line = readFileSync(raw, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '' && !l.startsWith('#'));
    if (line === undefined) throw new UsageError(`--key ${raw}: the file holds no key`);
    return line;
  }
  return raw.trim();
}

/** The `--key` values (strings or files holding one), each checked to be a verifier key. */
export function keysFrom(values: FlagValues): string[] {
  const keys = many(values, 'key').map(readKeyArgument);
  if (keys.length === 0) {
    throw new UsageError(
      "--key is required: the log's verifier key (name+hex+base64) or a file holding it",
    );
  }
  for (const key of keys) {
    try {
      decodeVerifierKey(key);
    } catch (error) {
      throw new UsageError(`--key ${key}: ${(error as Error).message}`);
    }
  }
  return keys;
}

/** `keys generate`: writes a new private key file (mode 0600) and prints its verifier key. */
export function keysGenerate(values: FlagValues, ctx: CommandContext): number {
  const name = one(values, 'name') ?? defaultOrigin();
  if (!isValidKeyName(name)) {
    throw new UsageError(`--name must have no spaces, control characters or "+", got "${name}"`);
  }
  const out = one(values, 'out') ?? SIGNING_KEY_FILE;
  const key = generateNoteKey(name);
  writePrivateKeyFile(out, key.privateKey);
  ctx.stderr.write(`keys: wrote the private key to ${out} (mode 0600); the verifier key is:\n`);
  ctx.stdout.write(`${key.verifierKey}\n`);
  return 0;
}

/** `keys show`: prints the verifier key of a private key file (the data dir's by default). */
export function keysShow(values: FlagValues, ctx: CommandContext, dataDir: string): number {
  const file =
    one(values, 'key-file') ?? ctx.env.LEDGER_SIGNING_KEY_FILE ?? join(dataDir, SIGNING_KEY_FILE);
  ctx.stdout.write(`${readPrivateKeyFile(file).verifierKey()}\n`);
  return 0;
}

function isoSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/** `verify FILE`: checks a tlog-proof (more file kinds later), printing what it proves. */
export function verifyCommand(
  positionals: readonly string[],
  values: FlagValues,
  ctx: CommandContext,
): number {
  const [file, ...rest] = positionals;
  if (file === undefined || rest.length > 0) throw new UsageError('verify takes exactly one FILE');
  const keys = keysFrom(values);
  const entryFile = one(values, 'entry');
  const origin = one(values, 'origin');
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    const r = verifyFile(bytes, {
      keys,
      ...(origin === undefined ? {} : { origin }),
      ...(entryFile === undefined ? {} : { entry: readFileSync(entryFile) }),
    });
    const when = r.signedAt === undefined ? '' : `, signed ${isoSeconds(r.signedAt)}`;
    ctx.stdout.write(
      `OK: event ${r.eventId} (tenant ${r.tenantId}, ${r.eventType}) is leaf ${r.leafIndex} of ${r.origin}\n` +
        `    in the tree of size ${r.treeSize}, root ${encodeBase64(r.rootHash)}${when}\n` +
        `    recorded ${new Date(r.recordedAtMs).toISOString()} at store position ${r.position}\n`,
    );
    return 0;
  } catch (error) {
    if (!isLedgerError(error)) throw error;
    ctx.stderr.write(`verify: FAILED: ${file}: ${error.code}: ${error.message}\n`);
    return 1;
  }
}

/** `verify-log`: recomputes and checks a whole log; see ledger/verify/log-verifier.ts. */
export async function verifyLogCommand(values: FlagValues, ctx: CommandContext): Promise<number> {
  const url = one(values, 'url');
  const data = one(values, 'data');
  if ((url === undefined) === (data === undefined)) {
    throw new UsageError('give exactly one of --url URL or --data DIR');
  }
  const keys = keysFrom(values);
  const origin = one(values, 'origin');
  const saved = many(values, 'checkpoint').map((f) => {
    try {
      return readFileSync(f, 'utf8');
    } catch (error) {
      throw new UsageError(`--checkpoint ${f}: ${(error as Error).message}`);
    }
  });
  let source: LogSource;
  if (url !== undefined) {
    const token = one(values, 'token') ?? ctx.env.LEDGER_TOKEN;
    source = httpLogSource({ url, ...(token === undefined ? {} : { token }) });
  } else {
    const path = join(data as string, 'ledger.db');
    try {
      source = openSqliteLedgerReader(path);
    } catch (error) {
      if (isLedgerError(error) && error.code === 'LDG_ERR_NOT_FOUND')
        throw new UsageError(error.message);
      throw error;
    }
  }
  const progress = createProgress({
    label: 'verify-log',
    stream: ctx.stderr,
    quiet: values.quiet === true,
  });
  const started = performance.now();
  try {
    const result = await verifyLog({
      source,
      keys,
      ...(origin === undefined ? {} : { origin }),
      savedCheckpoints: saved,
      onProgress: (done, total) => progress.update(done, total),
    });
    progress.finish();
    const seconds = (performance.now() - started) / 1000;
    if (result.ok) {
      const root = result.rootHash === undefined ? '-' : encodeBase64(result.rootHash);
      ctx.stdout.write(
        `verify-log: OK: ${result.origin ?? '?'} at size ${result.size}, root ${root}\n` +
          `  ${result.entriesChecked} entries recomputed, ${result.checkpointsVerified} checkpoints verified and consistent, every tile matches` +
          ` (${seconds.toFixed(1)} s, ${Math.round(result.entriesChecked / Math.max(seconds, 1e-6)).toLocaleString('en-US')} entries/s)\n`,
      );
      return 0;
    }
    const [first] = result.problems;
    const total = result.problems.length + result.problemsOmitted;
    ctx.stderr.write(
      `verify-log: FAILED: ${first === undefined ? 'problems' : `${first.place}: ${first.message}`}\n`,
    );
    const shown = result.problems.slice(0, 20);
    ctx.stderr.write(`verify-log: ${total} problem(s) in ${source.description}:\n`);
    for (const p of shown) ctx.stderr.write(`  ${p.place}: ${p.message}\n`);
    if (total > shown.length) ctx.stderr.write(`  ... and ${total - shown.length} more\n`);
    return 1;
  } catch (error) {
    progress.finish();
    throw error;
  } finally {
    await source.close();
  }
}
