/**
 * A cheap reader of the SQLite event store's log for projection rebuilds,
 * catch-ups and SIEM stream pages: a read-only connection of its own to
 * `ledger.db` that reads only the columns these readers need (position,
 * recorded time, bytes, and the tenant and type the bytes are checked
 * against), a page at a time as one packed row (ledger/store/
 * sqlite-packed-page.ts). The event and session ids are read on demand, i.e.
 * only for the rare event a reader needs them for.
 *
 * Same rows, same order as `EventStore.read`; it never writes.
 */
import Database from 'better-sqlite3';
import { LedgerError } from '../ledger/errors.js';
import type { StoredEvent } from '../ledger/store/event-store.js';
import { translateSqliteError } from '../ledger/store/sqlite-database.js';
import { SQLITE_EVENTS_TABLE } from '../ledger/store/sqlite-event-store.js';
import { packedPageSql, packsBlobs, readPackedPage } from '../ledger/store/sqlite-packed-page.js';
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
    position: number,
    recordedAt: number,
    data: Uint8Array,
    tenantId: string,
    type: string,
    ids: Database.Statement<[number], { eventId: string; sessionId: string }>,
  ) {
    this.position = position;
    this.recordedAt = recordedAt;
    this.data = data;
    this.tenantId = tenantId;
    this.type = type;
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
  /** Read a page as one packed row (default true); false reads one row per event. */
  readonly packed?: boolean;
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
  const packed =
    (options.packed ?? true) && packsBlobs(db)
      ? db
          .prepare<[number, number], [string, Buffer | null]>(
            packedPageSql(
              ['position', 'recorded_at', 'tenant_id', 'type'],
              `SELECT position, recorded_at, tenant_id, type, data FROM ${t}
               WHERE position > ? ORDER BY position LIMIT ?`,
            ),
          )
          .raw()
      : undefined;
  const ids = db.prepare<[number], { eventId: string; sessionId: string }>(
    `SELECT event_id AS eventId, session_id AS sessionId FROM ${t} WHERE position = ?`,
  );
  const fromPacked = (e: readonly unknown[], data: Uint8Array): StoredEvent =>
    new RawStoredEvent(e[0] as number, e[1] as number, data, e[2] as string, e[3] as string, ids);
  const readRows = (after: number, limit: number): StoredEvent[] => {
    const rows = page.all(after, limit);
    const out = new Array<StoredEvent>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      out[i] = new RawStoredEvent(r[0], r[1], r[2], r[3], r[4], ids);
    }
    return out;
  };
  return {
    read(after: number, limit: number): StoredEvent[] {
      try {
        return readPackedPage(packed, after, limit, fromPacked) ?? readRows(after, limit);
      } catch (error) {
        throw translateSqliteError(error, 'reading events');
      }
    },
    close(): void {
      if (db.open) db.close();
    },
  };
}
