/**
 * A cheap reader of the SQLite event store's log for projection rebuilds and
 * catch-ups: a read-only connection of its own to `ledger.db` that reads pages
 * as raw rows (`.raw()`: arrays, no per-row object built by the driver) and
 * only the columns projecting needs (position, recorded time, bytes, and the
 * tenant and type the bytes are checked against). The event and session ids
 * are read on demand, i.e. only for the rare event a projection rejects.
 *
 * Same rows, same order as `EventStore.read`; it never writes.
 */
import Database from 'better-sqlite3';
import { LedgerError } from '../ledger/errors.js';
import type { StoredEvent } from '../ledger/store/event-store.js';
import { translateSqliteError } from '../ledger/store/sqlite-database.js';
import { SQLITE_EVENTS_TABLE } from '../ledger/store/sqlite-event-store.js';
import type { PageReader } from './runner.js';

type RawRow = [number, number, Uint8Array, string, string];

/** One stored event of a raw page; ids come from the database when asked for. */
class RawStoredEvent implements StoredEvent {
  readonly position: number;
  readonly recordedAt: number;
  readonly data: Uint8Array;
  readonly tenantId: string;
  readonly type: string;
  readonly #ids: Database.Statement<[number], { eventId: string; sessionId: string }>;

  constructor(
    row: RawRow,
    ids: Database.Statement<[number], { eventId: string; sessionId: string }>,
  ) {
    this.position = row[0];
    this.recordedAt = row[1];
    this.data = row[2];
    this.tenantId = row[3];
    this.type = row[4];
    this.#ids = ids;
  }

  get eventId(): string {
    return this.#ids.get(this.position)?.eventId ?? '';
  }

  get sessionId(): string {
    return this.#ids.get(this.position)?.sessionId ?? '';
  }
}

/** A PageReader on a SQLite event store file; `close()` ends its connection. */
export interface SqliteLogReader extends PageReader {
  read(after: number, limit: number): StoredEvent[];
  close(): void;
}

/** How a log reader's connection is set up. */
export interface SqliteLogReaderOptions {
  /** SQLite page cache of this connection, KiB (SQLite's default when unset). */
  readonly cacheKib?: number;
}

/**
 * Opens `path` (an existing ledger.db) read-only. Throws
 * LDG_ERR_STORE_UNAVAILABLE when it cannot.
 */
export function openSqliteLogReader(
  path: string,
  options: SqliteLogReaderOptions = {},
): SqliteLogReader {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, timeout: 5000 });
    if (options.cacheKib !== undefined) db.pragma(`cache_size = ${-Math.trunc(options.cacheKib)}`);
  } catch (error) {
    throw new LedgerError('LDG_ERR_STORE_UNAVAILABLE', `cannot open ${path} to read the log`, {
      cause: error,
    });
  }
  const t = SQLITE_EVENTS_TABLE;
  const page = db
    .prepare<[number, number], RawRow>(
      `SELECT position, recorded_at, data, tenant_id, type FROM ${t}
       WHERE position > ? ORDER BY position LIMIT ?`,
    )
    .raw();
  const ids = db.prepare<[number], { eventId: string; sessionId: string }>(
    `SELECT event_id AS eventId, session_id AS sessionId FROM ${t} WHERE position = ?`,
  );
  return {
    read(after: number, limit: number): StoredEvent[] {
      let rows: unknown[];
      try {
        rows = page.all(after, limit);
      } catch (error) {
        throw translateSqliteError(error, 'reading events');
      }
      const out = new Array<StoredEvent>(rows.length);
      for (let i = 0; i < rows.length; i++) out[i] = new RawStoredEvent(rows[i] as RawRow, ids);
      return out;
    },
    close(): void {
      if (db.open) db.close();
    },
  };
}
