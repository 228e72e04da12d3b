/**
 * The ledger's embedded SQLite database: one file shared by the event store and
 * the components that must commit their own state in the same transaction as
 * what they read from it (the sequencer's leaves and checkpoints). Opening it
 * here applies the durability pragmas once, so no component can open it weaker.
 *
 * Sharing a handle: better-sqlite3 is synchronous, so work done inside
 * `db.transaction(fn)` never interleaves with the event store's group commit.
 * Never hold an explicit `BEGIN` open across an `await` on a shared handle.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { LedgerError, isLedgerError } from '../errors.js';

/** A better-sqlite3 connection opened by `openLedgerDatabase`. */
export type LedgerDatabase = Database.Database;

export interface OpenLedgerDatabaseOptions {
  /** How long a writer waits for another process's write lock (default DEFAULT_BUSY_TIMEOUT_MS). */
  readonly busyTimeoutMs?: number;
  /** Page cache per connection in KiB (default DEFAULT_CACHE_KIB). */
  readonly cacheKib?: number;
  /**
   * WAL pages after which a COMMIT on this connection checkpoints by itself
   * (SQLite's default: 1000). Raise it when another connection checkpoints
   * in the background (e.g. a worker running `wal_checkpoint(PASSIVE)`): the
   * automatic checkpoint runs inside the COMMIT that crosses the threshold,
   * copying the WAL into the database file and syncing it on the committing
   * thread. Durability is unchanged: each COMMIT still syncs the WAL.
   */
  readonly autocheckpointPages?: number;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 5000;
export const DEFAULT_CACHE_KIB = 64 * 1024;

const IN_MEMORY = ':memory:';

/** SQLite result codes (primary part) that mean "the storage is not usable right now". */
const UNAVAILABLE_CODES = new Set([
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_IOERR',
  'SQLITE_FULL',
  'SQLITE_CANTOPEN',
  'SQLITE_READONLY',
  'SQLITE_CORRUPT',
  'SQLITE_NOTADB',
  'SQLITE_PROTOCOL',
  'SQLITE_NOMEM',
  'SQLITE_PERM',
  'SQLITE_AUTH',
]);

/**
 * Maps a better-sqlite3 error to the ledger's own: lock, I/O, disk-full and
 * open failures → LDG_ERR_STORE_UNAVAILABLE (retryable); constraint failures →
 * LDG_ERR_CONFLICT; a closed connection → LDG_ERR_STORE_CLOSED; anything else →
 * LDG_ERR_INTERNAL. A LedgerError passes through unchanged.
 */
export function translateSqliteError(error: unknown, doing: string): LedgerError {
  if (isLedgerError(error)) return error;
  if (error instanceof Database.SqliteError) {
    const primary = error.code.replace(/^(SQLITE_[A-Z]+)(_.*)?$/, '$1');
    if (UNAVAILABLE_CODES.has(primary)) {
      return new LedgerError('LDG_ERR_STORE_UNAVAILABLE', `${doing}: ${error.code}`, {
        cause: error,
      });
    }
    if (primary === 'SQLITE_CONSTRAINT') {
      return new LedgerError('LDG_ERR_CONFLICT', `${doing}: ${error.code}`, { cause: error });
    }
    return new LedgerError('LDG_ERR_INTERNAL', `${doing}: ${error.code}`, { cause: error });
  }
  // better-sqlite3 throws a TypeError once the connection is closed
  if (error instanceof TypeError && /not open/i.test(error.message)) {
    return new LedgerError('LDG_ERR_STORE_CLOSED', `${doing}: the database is closed`, {
      cause: error,
    });
  }
  return new LedgerError('LDG_ERR_INTERNAL', `${doing}: unexpected error`, { cause: error });
}

/** True for a UNIQUE or PRIMARY KEY violation (SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY). */
export function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof Database.SqliteError &&
    (error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
  );
}

/**
 * Opens (creating if needed, with its parent directory) the ledger database at
 * `path` with WAL journaling and `synchronous=FULL`, so a committed transaction
 * survives power loss (SQLite docs, "WAL mode" and PRAGMA synchronous). `:memory:`
 * gives a private, non-durable database for tests. Throws LDG_ERR_STORE_UNAVAILABLE
 * when the file cannot be opened or is not a database.
 */
export function openLedgerDatabase(
  path: string,
  options: OpenLedgerDatabaseOptions = {},
): LedgerDatabase {
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const cacheKib = options.cacheKib ?? DEFAULT_CACHE_KIB;
  if (path !== IN_MEMORY && path !== '') {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (error) {
      throw new LedgerError('LDG_ERR_STORE_UNAVAILABLE', `cannot create the directory of ${path}`, {
        cause: error,
      });
    }
  }
  let db: LedgerDatabase | undefined;
  try {
    db = new Database(path, { timeout: busyTimeoutMs });
    if (path !== IN_MEMORY) {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') {
        throw new LedgerError('LDG_ERR_STORE_UNAVAILABLE', `cannot enable WAL on ${path}`);
      }
    }
    db.pragma('synchronous = FULL');
    db.pragma(`cache_size = ${-Math.trunc(cacheKib)}`);
    db.pragma('foreign_keys = ON');
    if (options.autocheckpointPages !== undefined) {
      const pages = options.autocheckpointPages;
      if (!Number.isSafeInteger(pages) || pages < 1) {
        throw new LedgerError('LDG_ERR_CONFIG', 'autocheckpointPages must be a positive integer');
      }
      db.pragma(`wal_autocheckpoint = ${pages}`);
    }
    return db;
  } catch (error) {
    db?.close();
    throw translateSqliteError(error, `opening ${path}`);
  }
}

/**
 * Throws LDG_ERR_CONFIG unless `db` is an open, writable connection with the
 * durability `openLedgerDatabase` sets (WAL and synchronous=FULL; in-memory
 * databases are accepted for tests).
 */
export function assertLedgerDatabase(db: LedgerDatabase): void {
  if (!db.open) throw new LedgerError('LDG_ERR_CONFIG', 'the ledger database is not open');
  if (db.readonly) throw new LedgerError('LDG_ERR_CONFIG', 'the ledger database is read-only');
  if (db.memory) return;
  const mode = db.pragma('journal_mode', { simple: true });
  const sync = db.pragma('synchronous', { simple: true });
  if (mode !== 'wal' || sync !== 2) {
    throw new LedgerError(
      'LDG_ERR_CONFIG',
      `the ledger database must use journal_mode=WAL and synchronous=FULL (got ${String(mode)}, ${String(sync)}); open it with openLedgerDatabase`,
    );
  }
}
