/**
 * The archiver's progress in the ledger's SQLite database (ledger.db), beside
 * the events and the sequencer's tables:
 *
 * - `archive_progress`: one row per stream: the chain's last bundle, its
 *   frontier (compact range hashes, concatenated), whether its BundleArchived
 *   event is durable, the pending seal intent, the archived checkpoint size;
 * - `archive_bundles`: one row per archived bundle (key, range, sha256,
 *   version id, retain-until), for evidence packages that cite them.
 *
 * Writes are single statements or one transaction, on a handle opened with
 * WAL and synchronous=FULL (`openLedgerDatabase`), so each resolves durable.
 * better-sqlite3 is synchronous: nothing here holds a transaction across an
 * await, so sharing the event store's handle is safe.
 */

import { LedgerError } from '../errors.js';
import { HASH_SIZE } from '../merkle/hasher.js';
import {
  assertLedgerDatabase,
  openLedgerDatabase,
  translateSqliteError,
} from '../store/sqlite-database.js';
import type { LedgerDatabase } from '../store/sqlite-database.js';
import type {
  ArchiveProgress,
  ArchiveProgressStore,
  ArchivedBundleRecord,
  SealIntent,
} from './archive-progress.js';
import type { LockMode } from './archive-target.js';

/** Table of per-stream progress rows. */
export const ARCHIVE_PROGRESS_TABLE = 'archive_progress';
/** Table of archived bundles. */
export const ARCHIVE_BUNDLES_TABLE = 'archive_bundles';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS ${ARCHIVE_PROGRESS_TABLE} (
  stream                  TEXT    PRIMARY KEY,
  last_key                TEXT,
  last_recorded           INTEGER NOT NULL DEFAULT 0,
  frontier                BLOB    NOT NULL,
  pending_first           INTEGER,
  pending_end             INTEGER,
  pending_sealed_at_ms    INTEGER,
  pending_retain_until_ms INTEGER,
  checkpoint_size         INTEGER NOT NULL DEFAULT -1
) STRICT;
CREATE TABLE IF NOT EXISTS ${ARCHIVE_BUNDLES_TABLE} (
  stream           TEXT    NOT NULL,
  first_leaf       INTEGER NOT NULL,
  end_leaf         INTEGER NOT NULL,
  key              TEXT    NOT NULL,
  sha256           TEXT    NOT NULL,
  version_id       TEXT,
  size             INTEGER NOT NULL,
  retain_until_ms  INTEGER NOT NULL,
  lock_mode        TEXT    NOT NULL,
  sealed_at_ms     INTEGER NOT NULL,
  PRIMARY KEY (stream, first_leaf)
) STRICT, WITHOUT ROWID;
`;

interface ProgressRow {
  last_key: string | null;
  last_recorded: number;
  frontier: Uint8Array;
  pending_first: number | null;
  pending_end: number | null;
  pending_sealed_at_ms: number | null;
  pending_retain_until_ms: number | null;
  checkpoint_size: number;
}

interface BundleRow {
  first_leaf: number;
  end_leaf: number;
  key: string;
  sha256: string;
  version_id: string | null;
  size: number;
  retain_until_ms: number;
  lock_mode: string;
  sealed_at_ms: number;
}

/** Options of `openSqliteArchiveProgress`: a shared handle or a file, and the stream. */
export type SqliteArchiveProgressOptions = { readonly stream: string } & (
  | { readonly database: LedgerDatabase; readonly path?: never }
  | { readonly path: string; readonly database?: never }
);

/** The SQLite progress store, plus `close()` (which closes the handle only if it opened it). */
export interface SqliteArchiveProgressStore extends ArchiveProgressStore {
  readonly stream: string;
  close(): void;
}

/**
 * The stream name for a target location and key prefix, e.g.
 * `s3://audit-archive|ledger.example.com/acme`.
 */
export function archiveStreamName(location: string, prefix: string): string {
  return `${location}|${prefix}`;
}

/**
 * Opens the progress store of `options.stream`, creating its tables if
 * needed. Throws LDG_ERR_STORE_UNAVAILABLE when the file cannot be opened,
 * LDG_ERR_CONFIG for a shared handle without WAL and synchronous=FULL.
 */
export function openSqliteArchiveProgress(
  options: SqliteArchiveProgressOptions,
): SqliteArchiveProgressStore {
  if (options.stream.length === 0) {
    throw new LedgerError('LDG_ERR_CONFIG', 'an archive progress stream needs a name');
  }
  let db: LedgerDatabase;
  let owns: boolean;
  if (options.database !== undefined) {
    assertLedgerDatabase(options.database);
    db = options.database;
    owns = false;
  } else {
    db = openLedgerDatabase(options.path);
    owns = true;
  }
  try {
    return new SqliteArchiveProgress(db, owns, options.stream);
  } catch (e) {
    if (owns) db.close();
    throw e;
  }
}

function packHashes(hashes: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(hashes.length * HASH_SIZE);
  hashes.forEach((h, i) => {
    if (h.length !== HASH_SIZE)
      throw new LedgerError('LDG_ERR_INTERNAL', 'frontier hash is not 32 bytes');
    out.set(h, i * HASH_SIZE);
  });
  return out;
}

function unpackHashes(blob: Uint8Array): Uint8Array[] {
  if (blob.length % HASH_SIZE !== 0) {
    throw new LedgerError('LDG_ERR_INTERNAL', 'stored archive frontier is not whole hashes');
  }
  const out: Uint8Array[] = [];
  for (let at = 0; at < blob.length; at += HASH_SIZE)
    out.push(Uint8Array.from(blob.subarray(at, at + HASH_SIZE)));
  return out;
}

function toRecord(row: BundleRow): ArchivedBundleRecord {
  return {
    key: row.key,
    first: row.first_leaf,
    end: row.end_leaf,
    sha256: row.sha256,
    versionId: row.version_id,
    size: row.size,
    retainUntil: new Date(row.retain_until_ms),
    lockMode: row.lock_mode as LockMode,
    sealedAt: new Date(row.sealed_at_ms),
  };
}

class SqliteArchiveProgress implements SqliteArchiveProgressStore {
  readonly stream: string;
  readonly #db: LedgerDatabase;
  readonly #owns: boolean;
  readonly #sql;

  constructor(db: LedgerDatabase, owns: boolean, stream: string) {
    this.#db = db;
    this.#owns = owns;
    this.stream = stream;
    try {
      db.exec(SCHEMA);
      this.#sql = {
        ensure: db.prepare(
          `INSERT INTO ${ARCHIVE_PROGRESS_TABLE} (stream, frontier) VALUES (?, x'') ON CONFLICT (stream) DO NOTHING`,
        ),
        progress: db.prepare(`SELECT * FROM ${ARCHIVE_PROGRESS_TABLE} WHERE stream = ?`),
        bundle: db.prepare(`SELECT * FROM ${ARCHIVE_BUNDLES_TABLE} WHERE stream = ? AND key = ?`),
        lastBundle: db.prepare(
          `SELECT * FROM ${ARCHIVE_BUNDLES_TABLE} WHERE stream = ? ORDER BY first_leaf DESC LIMIT 1`,
        ),
        begin: db.prepare(
          `UPDATE ${ARCHIVE_PROGRESS_TABLE} SET pending_first = ?, pending_end = ?, pending_sealed_at_ms = ?, pending_retain_until_ms = ? WHERE stream = ?`,
        ),
        insertBundle: db.prepare(
          `INSERT INTO ${ARCHIVE_BUNDLES_TABLE} (stream, first_leaf, end_leaf, key, sha256, version_id, size, retain_until_ms, lock_mode, sealed_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ),
        complete: db.prepare(
          `UPDATE ${ARCHIVE_PROGRESS_TABLE} SET last_key = ?, last_recorded = 0, frontier = ?, pending_first = NULL, pending_end = NULL, pending_sealed_at_ms = NULL, pending_retain_until_ms = NULL WHERE stream = ?`,
        ),
        recorded: db.prepare(
          `UPDATE ${ARCHIVE_PROGRESS_TABLE} SET last_recorded = 1 WHERE stream = ? AND last_key = ?`,
        ),
        checkpoint: db.prepare(
          `UPDATE ${ARCHIVE_PROGRESS_TABLE} SET checkpoint_size = max(checkpoint_size, ?) WHERE stream = ?`,
        ),
        bundlesFrom: db.prepare(
          `SELECT * FROM ${ARCHIVE_BUNDLES_TABLE} WHERE stream = ? AND first_leaf >= ? ORDER BY first_leaf LIMIT ?`,
        ),
        bundleFor: db.prepare(
          `SELECT * FROM ${ARCHIVE_BUNDLES_TABLE} WHERE stream = ? AND first_leaf <= ? ORDER BY first_leaf DESC LIMIT 1`,
        ),
      };
      this.#sql.ensure.run(stream);
    } catch (e) {
      throw translateSqliteError(e, 'opening the archive progress tables');
    }
  }

  #run<T>(doing: string, fn: () => T): Promise<T> {
    try {
      return Promise.resolve(fn());
    } catch (e) {
      return Promise.reject(translateSqliteError(e, doing));
    }
  }

  #row(): ProgressRow {
    const row = this.#sql.progress.get(this.stream) as ProgressRow | undefined;
    if (row === undefined)
      throw new LedgerError('LDG_ERR_INTERNAL', `archive stream ${this.stream} has no row`);
    return row;
  }

  #lastBundle(): ArchivedBundleRecord | null {
    const row = this.#sql.lastBundle.get(this.stream) as BundleRow | undefined;
    return row === undefined ? null : toRecord(row);
  }

  load(): Promise<ArchiveProgress> {
    return this.#run('reading the archive progress', () => {
      const row = this.#row();
      const last = this.#lastBundle();
      if ((last?.key ?? null) !== row.last_key) {
        throw new LedgerError(
          'LDG_ERR_INTERNAL',
          `archive stream ${this.stream}: progress names ${String(row.last_key)}, history ends at ${String(last?.key)}`,
        );
      }
      const pending: SealIntent | null =
        row.pending_first === null ||
        row.pending_end === null ||
        row.pending_sealed_at_ms === null ||
        row.pending_retain_until_ms === null
          ? null
          : {
              first: row.pending_first,
              end: row.pending_end,
              sealedAt: new Date(row.pending_sealed_at_ms),
              retainUntil: new Date(row.pending_retain_until_ms),
            };
      return {
        last,
        lastRecorded: row.last_recorded === 1,
        frontier: unpackHashes(row.frontier),
        pending,
        checkpointSize: row.checkpoint_size,
      };
    });
  }

  beginSeal(intent: SealIntent): Promise<void> {
    return this.#run('recording the seal intent', () => {
      this.#sql.begin.run(
        intent.first,
        intent.end,
        intent.sealedAt.getTime(),
        intent.retainUntil.getTime(),
        this.stream,
      );
    });
  }

  completeSeal(bundle: ArchivedBundleRecord, frontier: readonly Uint8Array[]): Promise<void> {
    return this.#run('recording an archived bundle', () => {
      this.#db
        .transaction(() => {
          const last = this.#lastBundle();
          const expected = last?.end ?? 0;
          if (bundle.first !== expected) {
            throw new LedgerError(
              'LDG_ERR_CONFLICT',
              `archive stream ${this.stream}: bundle ${bundle.key} starts at ${bundle.first}, the chain ends at ${expected} (another archiver?)`,
            );
          }
          this.#sql.insertBundle.run(
            this.stream,
            bundle.first,
            bundle.end,
            bundle.key,
            bundle.sha256,
            bundle.versionId,
            bundle.size,
            bundle.retainUntil.getTime(),
            bundle.lockMode,
            bundle.sealedAt.getTime(),
          );
          this.#sql.complete.run(bundle.key, packHashes(frontier), this.stream);
        })
        .immediate();
    });
  }

  markRecorded(key: string): Promise<void> {
    return this.#run('marking a bundle recorded', () => {
      this.#sql.recorded.run(this.stream, key);
    });
  }

  saveCheckpointSize(size: number): Promise<void> {
    return this.#run('recording archived checkpoints', () => {
      this.#sql.checkpoint.run(size, this.stream);
    });
  }

  bundles(fromLeaf: number, limit: number): Promise<ArchivedBundleRecord[]> {
    return this.#run('reading archived bundles', () =>
      (this.#sql.bundlesFrom.all(this.stream, fromLeaf, limit) as BundleRow[]).map(toRecord),
    );
  }

  bundleFor(index: number): Promise<ArchivedBundleRecord | null> {
    return this.#run('finding an archived bundle', () => {
      const row = this.#sql.bundleFor.get(this.stream, index) as BundleRow | undefined;
      return row === undefined || row.end_leaf <= index ? null : toRecord(row);
    });
  }

  close(): void {
    if (this.#owns && this.#db.open) this.#db.close();
  }
}
