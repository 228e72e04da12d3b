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
import type { SequencerSource, SourceEvent } from './sequencer-source.js';

/** How often a caught-up reader looks for new rows. */
export const DEFAULT_SOURCE_POLL_MS = 20;

/** Options of `openSqliteSequencerSource`. */
export interface SqliteSequencerSourceOptions {
  /** Idle poll period (default DEFAULT_SOURCE_POLL_MS). */
  readonly pollIntervalMs?: number;
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
  try {
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

  return {
    uniqueEventIds: true,
    async *batches(after, batchSize, signal) {
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
