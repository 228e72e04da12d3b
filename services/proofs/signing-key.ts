/**
 * The ledger's checkpoint signing key: a C2SP note private key
 * (`PRIVATE+KEY+<name>+<id>+<base64>`, the format of Go's
 * golang.org/x/mod/sumdb/note) in a file readable by its owner only.
 *
 * The key's name is the log's origin — the first line of every checkpoint —
 * so the two can never drift apart. The embedded default creates
 * `<data dir>/signing-key` on first start, named `audit-ledger.local/<hostname>`
 * unless LEDGER_ORIGIN says otherwise; an operator-supplied key
 * (LEDGER_SIGNING_KEY_FILE, e.g. from `audit-ledger keys generate`) must exist.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { generateNoteKey, parsePrivateKey } from '../../ledger/checkpoint/signed-note.js';
import type { Ed25519NoteSigner } from '../../ledger/checkpoint/signed-note.js';
import { LedgerError, isLedgerError } from '../../ledger/errors.js';

/** File name of the embedded default key in the data directory. */
export const SIGNING_KEY_FILE = 'signing-key';

/** The origin a new key gets by default: `audit-ledger.local/<hostname>`. */
export function defaultOrigin(): string {
  const host = hostname().replace(/[^A-Za-z0-9.-]/g, '-') || 'localhost';
  return `audit-ledger.local/${host}`;
}

/** A loaded signing key. */
export interface SigningKey {
  readonly signer: Ed25519NoteSigner;
  /** the checkpoint origin: the key's name */
  readonly origin: string;
  /** the verifier key string to publish: `<name>+<hex id>+<base64>` */
  readonly verifierKey: string;
  readonly file: string;
  /** true when this call created the file */
  readonly created: boolean;
}

/** Options of `loadSigningKey`. */
export interface LoadSigningKeyOptions {
  readonly dataDir: string;
  /** an operator-supplied key file (must exist); null for the default in the data dir */
  readonly file: string | null;
  /** the origin the configuration asks for (LEDGER_ORIGIN), if any */
  readonly origin: string | null;
}

/**
 * Writes a private key string to `file` with mode 0600, refusing to
 * overwrite an existing file (LDG_ERR_CONFLICT).
 */
export function writePrivateKeyFile(file: string, privateKey: string): void {
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, `${privateKey}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new LedgerError('LDG_ERR_CONFLICT', `${file} already exists; not overwriting a key`);
    }
    throw new LedgerError('LDG_ERR_CONFIG', `cannot write ${file}: ${String(error)}`, {
      cause: error,
    });
  }
}

/** Reads and parses a private key file (LDG_ERR_KEY_INVALID naming the file when it is not one). */
export function readPrivateKeyFile(file: string): Ed25519NoteSigner {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new LedgerError(
      'LDG_ERR_CONFIG',
      `cannot read the signing key ${file}: ${String(error)}`,
      {
        cause: error,
      },
    );
  }
  try {
    return parsePrivateKey(text.trim());
  } catch (error) {
    const why = isLedgerError(error) ? error.message : String(error);
    throw new LedgerError('LDG_ERR_KEY_INVALID', `${file} is not a note private key: ${why}`, {
      cause: error,
    });
  }
}

/**
 * Loads the signing key, creating the default one on first start. Throws
 * LDG_ERR_CONFIG naming the variable when LEDGER_SIGNING_KEY_FILE does not
 * exist or LEDGER_ORIGIN differs from the key's name.
 */
export function loadSigningKey(options: LoadSigningKeyOptions): SigningKey {
  const file = options.file ?? join(options.dataDir, SIGNING_KEY_FILE);
  let created = false;
  if (!existsSync(file)) {
    if (options.file !== null) {
      throw new LedgerError(
        'LDG_ERR_CONFIG',
        `LEDGER_SIGNING_KEY_FILE: ${file} does not exist (create one with \`audit-ledger keys generate --out ${file}\`)`,
      );
    }
    try {
      writePrivateKeyFile(file, generateNoteKey(options.origin ?? defaultOrigin()).privateKey);
      created = true;
    } catch (error) {
      // another process created it first: use theirs
      if (!(isLedgerError(error) && error.code === 'LDG_ERR_CONFLICT')) throw error;
    }
  } else if (options.file === null) {
    chmodSync(file, 0o600);
  }
  const signer = readPrivateKeyFile(file);
  if (options.origin !== null && options.origin !== signer.name) {
    throw new LedgerError(
      'LDG_ERR_CONFIG',
      `LEDGER_ORIGIN: "${options.origin}" differs from the name of the signing key in ${file} ("${signer.name}"); the origin is the key's name`,
    );
  }
  return { signer, origin: signer.name, verifierKey: signer.verifierKey(), file, created };
}
