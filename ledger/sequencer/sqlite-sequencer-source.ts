/**
 * The sequencer's reader of the embedded SQLite store: `ledger_events` on the
 * shared handle, read directly.
 *
 * Why not the store's own `subscribe`: a leaf needs three columns (position,
 * recorded_at, data), and building the port's seven-field StoredEvent — three
 * more strings per row — costs about as much as hashing the leaf. The table's unique
 * index on event_id means ids never repeat (`uniqueEventIds`).
 *
 * New rows: the store's appends run on the same connection, so a page read
 * sees every committed row; when caught up the reader polls (default every
 * 20 ms), which also sees rows another process wrote.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import { LedgerError } from '../errors.js';
import { START } from '../store/event-store.js';
import type { StoredEvent } from '../store/event-store.js';
import { assertLedgerDatabase, translateSqliteError } from '../store/sqlite-database.js';
import type { LedgerDatabase } from '../store/sqlite-database.js';
import { SQLITE_EVENTS_TABLE } from '../store/sqlite-event-store.js';
import { packsBlobs } from '../store/sqlite-packed-page.js';
import type { PackedEvents, SequencerSource, SourceEvent } from './sequencer-source.js';

/** How often a caught-up reader looks for new rows. */
export const DEFAULT_SOURCE_POLL_MS = 20;

/** Options of `openSqliteSequencerSource`. */
export interface SqliteSequencerSourceOptions {
  /** Idle poll period (default DEFAULT_SOURCE_POLL_MS). */
  readonly pollIntervalMs?: number;
}

/** [rows, "position,recorded_at,length,..." (null when no rows), the rows' data concatenated] */
type PackedRow = [number, string | null, Uint8Array | null];

/**
 * Unpacks a page read by the packed query: parses the decimal numbers of
 * `meta` (three per row) and checks that they describe `bytes` exactly and
 * that positions ascend after `after` — the proof that every column was
 * aggregated in the same row order.
 */
export function unpackPage(
  count: number,
  meta: string,
  bytes: Uint8Array,
  after: number,
): PackedEvents {
  const positions = new Float64Array(count);
  const recordedAt = new Float64Array(count);
  const ends = new Float64Array(count);
  let value = 0;
  let digits = 0;
  let field = 0;
  let end = 0;
  let last = after;
  const bad = (why: string): LedgerError =>
    new LedgerError('LDG_ERR_INTERNAL', `packed page after position ${after}: ${why}`);
  for (let i = 0; i <= meta.length; i++) {
    const c = i < meta.length ? meta.charCodeAt(i) : 44;
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      digits++;
      continue;
    }
    if (c !== 44 || digits === 0 || !Number.isSafeInteger(value)) {
      throw bad('malformed row numbers');
    }
    const row = Math.floor(field / 3);
    if (row >= count) throw bad('more numbers than rows');
    switch (field % 3) {
      case 0:
        if (value <= last) throw bad('positions do not ascend');
        positions[row] = value;
        last = value;
        break;
      case 1:
        recordedAt[row] = value;
        break;
      default:
        end += value;
        ends[row] = end;
    }
    field++;
    value = 0;
    digits = 0;
  }
  if (field !== 3 * count || end !== bytes.length) throw bad('numbers do not describe the bytes');
  return { count, positions, recordedAt, ends, bytes };
}

/** The same page packed from row objects (the slow path). */
function packRows(rows: readonly SourceEvent[]): PackedEvents {
  const count = rows.length;
  const positions = new Float64Array(count);
  const recordedAt = new Float64Array(count);
  const ends = new Float64Array(count);
  let total = 0;
  rows.forEach((r, i) => {
    positions[i] = r.position;
    recordedAt[i] = r.recordedAt;
    total += r.data.length;
    ends[i] = total;
  });
  const bytes = new Uint8Array(total);
  rows.forEach((r, i) => bytes.set(r.data, (ends[i] as number) - r.data.length));
  return { count, positions, recordedAt, ends, bytes };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * A SequencerSource on the ledger database handle that the SQLite event
 * store uses (its `ledger_events` table must exist: open the store first).
 */
export function openSqliteSequencerSource(
  db: LedgerDatabase,
  options: SqliteSequencerSourceOptions = {},
): SequencerSource {
  assertLedgerDatabase(db);
  const pollMs = options.pollIntervalMs ?? DEFAULT_SOURCE_POLL_MS;
  if (!Number.isSafeInteger(pollMs) || pollMs < 1) {
    throw new LedgerError('LDG_ERR_CONFIG', 'pollIntervalMs must be a positive integer');
  }
  const t = SQLITE_EVENTS_TABLE;
  let leafPage: Database.Statement<[number, number], SourceEvent>;
  let eventPage: Database.Statement<[number, number], StoredEvent>;
  let leafRange: Database.Statement<[number, number], SourceEvent>;
  let maxPosition: Database.Statement<[], number | null>;
  let positionOf: Database.Statement<[string], number>;
  let packedPage: Database.Statement<[number, number], PackedRow> | undefined;
  try {
    // One row per page: the rows' numbers as one string and their data as one blob
    // (a BLOB cast to TEXT and back keeps its bytes in a UTF-8 database). All
    // aggregates see the rows in one order; unpackPage checks it ascends.
    packedPage = packsBlobs(db)
      ? db
          .prepare<[number, number], PackedRow>(
            `SELECT count(*), group_concat(position || ',' || recorded_at || ',' || length(data), ','),
                CAST(group_concat(data, '') AS BLOB)
         FROM (SELECT position, recorded_at, data FROM ${t}
               WHERE position > ? ORDER BY position LIMIT ?)`,
          )
          .raw()
      : undefined;
    leafPage = db.prepare<[number, number], SourceEvent>(
      `SELECT position, recorded_at AS recordedAt, data FROM ${t}
       WHERE position > ? ORDER BY position LIMIT ?`,
    );
    eventPage = db.prepare<[number, number], StoredEvent>(
      `SELECT position, event_id AS eventId, tenant_id AS tenantId, session_id AS sessionId,
              type, recorded_at AS recordedAt, data
       FROM ${t} WHERE position > ? ORDER BY position LIMIT ?`,
    );
    leafRange = db.prepare<[number, number], SourceEvent>(
      `SELECT position, recorded_at AS recordedAt, data FROM ${t}
       WHERE position >= ? AND position < ? ORDER BY position`,
    );
    maxPosition = db.prepare<[], number | null>(`SELECT max(position) FROM ${t}`).pluck();
    positionOf = db
      .prepare<[string], number>(`SELECT position FROM ${t} WHERE event_id = ?`)
      .pluck();
  } catch (error) {
    throw translateSqliteError(error, `preparing reads of ${t} (open the event store first)`);
  }
  const run = <T>(doing: string, fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      throw translateSqliteError(error, doing);
    }
  };
  const headSync = (): number => run('reading the head', () => maxPosition.get() ?? START);

  async function* batches(
    after: number,
    batchSize: number,
    signal: AbortSignal,
  ): AsyncGenerator<SourceEvent[]> {
    let cursor = after;
    while (!signal.aborted) {
      const page = run('reading events', () => leafPage.all(cursor, batchSize));
      const last = page.at(-1);
      if (last === undefined) {
        await sleep(pollMs, signal);
        continue;
      }
      cursor = last.position;
      yield page;
      // a long catch-up must not starve the HTTP server sharing this thread
      await yieldToEventLoop();
    }
  }

  return {
    uniqueEventIds: true,
    batches,
    async *packedBatches(after, batchSize, signal) {
      if (packedPage === undefined) {
        // not a UTF-8 database: pages of rows, packed here
        for await (const rows of batches(after, batchSize, signal)) yield packRows(rows);
        return;
      }
      const statement = packedPage;
      let cursor = after;
      while (!signal.aborted) {
        const page = run('reading events', () => {
          const [count, meta, bytes] = statement.get(cursor, batchSize) ?? [0, null, null];
          if (count === 0) return undefined;
          return unpackPage(count, meta ?? '', bytes ?? new Uint8Array(0), cursor);
        });
        if (page === undefined) {
          await sleep(pollMs, signal);
          continue;
        }
        cursor = page.positions[page.count - 1] as number;
        yield page;
        // a long catch-up must not starve the HTTP server sharing this thread
        await yieldToEventLoop();
      }
    },
    // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
    async read(after, limit) {
      return run('reading events', () => eventPage.all(after, limit));
    },
    // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
    async head() {
      return headSync();
    },
    headSync,
    // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
    async readRange(from, to) {
      return run('reading events', () => leafRange.all(from, to));
    },
    // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
    async positionOf(eventId) {
      return run('looking up an event id', () => positionOf.get(eventId));
    },
  };
}
