/**
 * An EventStore over SQLite WITHOUT a unique index on event_id: every append
 * is stored, so the same event id can reach the log twice — as it can with
 * EventStoreDB (ids are deduplicated per stream only, and best-effort with
 * ANY). A real store implementation for the sequencer's duplicate handling,
 * not a mock: positions are dense from 0, reads and subscriptions follow the
 * EventStore port.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { START } from '../../ledger/store/event-store.js';
import type {
  AppendResult,
  EventStore,
  NewEvent,
  ReadOptions,
  StoredEvent,
  SubscribeOptions,
} from '../../ledger/store/event-store.js';
import { openLedgerDatabase } from '../../ledger/store/sqlite-database.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS repeatable_events (
  position    INTEGER PRIMARY KEY,
  event_id    TEXT    NOT NULL,
  tenant_id   TEXT    NOT NULL,
  session_id  TEXT    NOT NULL,
  type        TEXT    NOT NULL,
  recorded_at INTEGER NOT NULL,
  data        BLOB    NOT NULL
) STRICT;`;

/** Opens (creating) the store in the SQLite file at `path`. */
export function openDuplicatingStore(path: string, now: () => number = Date.now): EventStore {
  const db = openLedgerDatabase(path);
  db.exec(SCHEMA);
  const max = db.prepare<[], number | null>('SELECT max(position) FROM repeatable_events').pluck();
  const insert = db.prepare(
    'INSERT INTO repeatable_events (position, event_id, tenant_id, session_id, type, recorded_at, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const page = db.prepare<[number, number], StoredEvent>(
    `SELECT position, event_id AS eventId, tenant_id AS tenantId, session_id AS sessionId, type,
            recorded_at AS recordedAt, data
     FROM repeatable_events WHERE position > ? ORDER BY position LIMIT ?`,
  );
  let closed = false;
  return {
    append(events: readonly NewEvent[]): Promise<AppendResult[]> {
      const recordedAt = now();
      const results = db.transaction(() => {
        let next = (max.get() ?? START) + 1;
        return events.map((e) => {
          insert.run(next, e.eventId, e.tenantId, e.sessionId, e.type, recordedAt, e.data);
          return { eventId: e.eventId, position: next++, duplicate: false };
        });
      })();
      return Promise.resolve(results);
    },
    read(options: ReadOptions): Promise<StoredEvent[]> {
      return Promise.resolve(page.all(options.after, options.limit ?? 1000));
    },
    async *subscribe(options: SubscribeOptions): AsyncIterable<StoredEvent[]> {
      let after = options.after;
      while (!closed && options.signal?.aborted !== true) {
        const rows = page.all(after, options.batchSize ?? 1000);
        const last = rows.at(-1);
        if (last === undefined) {
          await sleep(10);
          continue;
        }
        after = last.position;
        yield rows;
      }
    },
    head(): Promise<number> {
      return Promise.resolve(max.get() ?? START);
    },
    close(): Promise<void> {
      if (!closed) {
        closed = true;
        db.close();
      }
      return Promise.resolve();
    },
  };
}
