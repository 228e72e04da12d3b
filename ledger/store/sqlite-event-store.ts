/**
 * The embedded EventStore adapter: one SQLite file (better-sqlite3, WAL,
 * synchronous=FULL), positions dense from 0.
 *
 * Group commit. `append()` validates its batch, queues it and returns a
 * promise. The queue is flushed on `setImmediate` (so every batch that arrived
 * in the same turn of the event loop shares one transaction), or at once when it
 * holds `maxGroupEvents` events. A flush is one `BEGIN IMMEDIATE … COMMIT`; each
 * batch inside it runs under its own SAVEPOINT (a one-event batch is a single
 * INSERT, which SQLite's statement rollback undoes by itself), so a batch that
 * fails is rolled back alone and the others still commit. Promises settle only after COMMIT
 * returned, and with synchronous=FULL a returned COMMIT is durable. One fsync
 * is thus shared by every request of the group.
 *
 * Positions are assigned as `max(position) + 1` read inside the write
 * transaction, so another process appending to the same file (it must also use
 * this adapter) keeps them dense and unique.
 *
 * Idempotency is the UNIQUE index on `event_id` with `ON CONFLICT DO NOTHING`:
 * an id already stored — committed earlier, written by an earlier batch of the
 * same group, or earlier in the same batch — is answered with its original
 * position and `duplicate: true`.
 *
 * better-sqlite3 is synchronous: a group transaction, including its fsync,
 * blocks the event loop while it runs. That is what makes group commit simple
 * and safe on a shared handle; it caps a group's cost with `maxGroupEvents`.
 */
import type Database from 'better-sqlite3';
import { LedgerError } from '../errors.js';
import { DEFAULT_READ_LIMIT, DEFAULT_SUBSCRIBE_BATCH, START } from './event-store.js';
import type {
  AppendResult,
  EventStore,
  NewEvent,
  ReadOptions,
  StoredEvent,
  SubscribeOptions,
} from './event-store.js';
import {
  DEFAULT_MAX_EVENT_BYTES,
  assertNewEvents,
  assertReadBounds,
} from './event-store-validation.js';
import {
  assertLedgerDatabase,
  isUniqueViolation,
  openLedgerDatabase,
  translateSqliteError,
} from './sqlite-database.js';
import type { LedgerDatabase, OpenLedgerDatabaseOptions } from './sqlite-database.js';
import { packedPageSql, packsBlobs, readPackedPage } from './sqlite-packed-page.js';

/** A queue holding this many events is flushed without waiting for setImmediate. */
export const DEFAULT_MAX_GROUP_EVENTS = 10_000;
/** How often an idle subscription looks for rows written by another process. */
export const DEFAULT_POLL_INTERVAL_MS = 200;

/** The table the events live in; other components may share the database file. */
export const SQLITE_EVENTS_TABLE = 'ledger_events';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS ${SQLITE_EVENTS_TABLE} (
  position    INTEGER PRIMARY KEY,
  event_id    TEXT    NOT NULL UNIQUE,
  tenant_id   TEXT    NOT NULL,
  session_id  TEXT    NOT NULL,
  type        TEXT    NOT NULL,
  recorded_at INTEGER NOT NULL,
  data        BLOB    NOT NULL
) STRICT;
`;

/** What one group commit did; handed to `onGroupCommitted` (e.g. to feed histograms). */
export interface SqliteGroupCommit {
  /** append() calls in the group, including failed ones. */
  readonly batches: number;
  readonly failedBatches: number;
  /** Rows written. */
  readonly events: number;
  readonly duplicates: number;
  /** BEGIN to COMMIT, milliseconds. */
  readonly commitMs: number;
}

/** Cumulative counters since open (a snapshot; cheap to call). */
export interface SqliteEventStoreStats {
  /** Group transactions committed. */
  readonly groups: number;
  /** Group transactions that failed whole (every batch in them rejected). */
  readonly groupsFailed: number;
  /** append() calls that resolved / rejected after being queued. */
  readonly batches: number;
  readonly batchesFailed: number;
  readonly eventsWritten: number;
  readonly duplicates: number;
  readonly lastGroupBatches: number;
  readonly maxGroupBatches: number;
  readonly lastGroupEvents: number;
  readonly maxGroupEvents: number;
  /** Sum, maximum and last of BEGIN..COMMIT durations, milliseconds. */
  readonly commitMsTotal: number;
  readonly commitMsMax: number;
  readonly lastCommitMs: number;
  /** Waiting for the next flush right now. */
  readonly queuedBatches: number;
  readonly queuedEvents: number;
  readonly subscriptions: number;
  /** Pages and rows read by subscriptions (they read lazily, one page per pull). */
  readonly subscriptionPages: number;
  readonly subscriptionEvents: number;
}

interface SqliteEventStoreTuning {
  /** Flush threshold (default DEFAULT_MAX_GROUP_EVENTS). */
  readonly maxGroupEvents?: number;
  /** Idle subscription poll period (default DEFAULT_POLL_INTERVAL_MS). */
  readonly pollIntervalMs?: number;
  /** Largest `data` accepted (default DEFAULT_MAX_EVENT_BYTES). */
  readonly maxEventBytes?: number;
  /** Called synchronously after each committed group; must not throw. */
  readonly onGroupCommitted?: (group: SqliteGroupCommit) => void;
}

export type SqliteEventStoreOptions = SqliteEventStoreTuning &
  (
    | {
        /** Database file; opened with `openLedgerDatabase` and closed by `close()`. */
        readonly path: string;
        readonly databaseOptions?: OpenLedgerDatabaseOptions;
        readonly database?: never;
      }
    | {
        /** A handle from `openLedgerDatabase`, shared with other components; `close()` leaves it open. */
        readonly database: LedgerDatabase;
        readonly path?: never;
        readonly databaseOptions?: never;
      }
  );

/** The SQLite EventStore plus what only it offers. */
export interface SqliteEventStore extends EventStore {
  /** The connection the store writes with (to share, e.g. for the sequencer's tables). */
  readonly database: LedgerDatabase;
  stats(): SqliteEventStoreStats;
}

interface PendingAppend {
  readonly events: readonly NewEvent[];
  readonly resolve: (results: AppendResult[]) => void;
  readonly reject: (error: LedgerError) => void;
}

type InsertParams = [number, string, string, string, string, number, Uint8Array];

/**
 * Rows per multi-row INSERT on the fast path: one statement step for many rows
 * is about a quarter faster than one per row (measured, 300-byte events).
 */
const CHUNK_ROWS = 16;
const COLUMNS = 7;

interface Statements {
  readonly begin: Database.Statement<[]>;
  readonly commit: Database.Statement<[]>;
  readonly rollback: Database.Statement<[]>;
  readonly savepoint: Database.Statement<[]>;
  readonly release: Database.Statement<[]>;
  readonly rollbackTo: Database.Statement<[]>;
  readonly maxPosition: Database.Statement<[], number | null>;
  readonly insert: Database.Statement<InsertParams>;
  /** CHUNK_ROWS rows, no conflict clause: a duplicate aborts just this statement. */
  readonly insertChunk: Database.Statement<unknown[]>;
  readonly positionOf: Database.Statement<[string], number>;
  readonly page: Database.Statement<[number, number], StoredEvent>;
  /** The same page as one packed row (sqlite-packed-page.ts); undefined when the database cannot pack. */
  readonly packedPage: Database.Statement<[number, number], [string, Buffer | null]> | undefined;
}

function prepareStatements(db: LedgerDatabase): Statements {
  const t = SQLITE_EVENTS_TABLE;
  return {
    begin: db.prepare('BEGIN IMMEDIATE'),
    commit: db.prepare('COMMIT'),
    rollback: db.prepare('ROLLBACK'),
    savepoint: db.prepare('SAVEPOINT ledger_batch'),
    release: db.prepare('RELEASE ledger_batch'),
    rollbackTo: db.prepare('ROLLBACK TO ledger_batch'),
    maxPosition: db.prepare<[], number | null>(`SELECT max(position) FROM ${t}`).pluck(),
    insert: db.prepare<InsertParams>(
      `INSERT INTO ${t} (position, event_id, tenant_id, session_id, type, recorded_at, data)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING`,
    ),
    insertChunk: db.prepare<unknown[]>(
      `INSERT INTO ${t} (position, event_id, tenant_id, session_id, type, recorded_at, data)
       VALUES ${Array.from({ length: CHUNK_ROWS }, () => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
    ),
    positionOf: db
      .prepare<[string], number>(`SELECT position FROM ${t} WHERE event_id = ?`)
      .pluck(),
    // column aliases make each row a StoredEvent as is: no per-row mapping
    page: db.prepare<[number, number], StoredEvent>(
      `SELECT position, event_id AS eventId, tenant_id AS tenantId, session_id AS sessionId,
              type, recorded_at AS recordedAt, data
       FROM ${t} WHERE position > ? ORDER BY position LIMIT ?`,
    ),
    packedPage: packsBlobs(db)
      ? db
          .prepare<[number, number], [string, Buffer | null]>(
            packedPageSql(
              ['position', 'event_id', 'tenant_id', 'session_id', 'type', 'recorded_at'],
              `SELECT position, event_id, tenant_id, session_id, type, recorded_at, data FROM ${t}
               WHERE position > ? ORDER BY position LIMIT ?`,
            ),
          )
          .raw()
      : undefined,
  };
}

/** A stored event from a packed page entry (the columns of `packedPage`, in order). */
function fromPacked(e: readonly unknown[], data: Uint8Array): StoredEvent {
  return {
    position: e[0] as number,
    eventId: e[1] as string,
    tenantId: e[2] as string,
    sessionId: e[3] as string,
    type: e[4] as string,
    recordedAt: e[5] as number,
    data,
  };
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  const v = value ?? fallback;
  if (!Number.isSafeInteger(v) || v < 1) {
    throw new LedgerError('LDG_ERR_CONFIG', `${name} must be a positive integer`);
  }
  return v;
}

class SqliteStore implements SqliteEventStore {
  readonly database: LedgerDatabase;
  readonly #ownsDatabase: boolean;
  readonly #sql: Statements;
  readonly #maxGroupEvents: number;
  readonly #pollIntervalMs: number;
  readonly #maxEventBytes: number;
  readonly #onGroupCommitted: ((group: SqliteGroupCommit) => void) | undefined;

  #queue: PendingAppend[] = [];
  #queuedEvents = 0;
  #flushHandle: NodeJS.Immediate | undefined;
  #closed = false;
  #closing: Promise<void> | undefined;
  /** Idle subscriptions waiting for an append, a poll tick, an abort or close. */
  readonly #wakers = new Set<() => void>();
  /** Bind values of one chunk, reused by every flush. */
  readonly #chunkParams: unknown[] = new Array<unknown>(CHUNK_ROWS * COLUMNS);

  #groups = 0;
  #groupsFailed = 0;
  #batches = 0;
  #batchesFailed = 0;
  #eventsWritten = 0;
  #duplicates = 0;
  #lastGroupBatches = 0;
  #maxGroupBatchesSeen = 0;
  #lastGroupEvents = 0;
  #maxGroupEventsSeen = 0;
  #commitMsTotal = 0;
  #commitMsMax = 0;
  #lastCommitMs = 0;
  #subscriptions = 0;
  #subscriptionPages = 0;
  #subscriptionEvents = 0;

  constructor(db: LedgerDatabase, ownsDatabase: boolean, options: SqliteEventStoreTuning) {
    this.database = db;
    this.#ownsDatabase = ownsDatabase;
    this.#maxGroupEvents = positiveInteger(
      options.maxGroupEvents,
      DEFAULT_MAX_GROUP_EVENTS,
      'maxGroupEvents',
    );
    this.#pollIntervalMs = positiveInteger(
      options.pollIntervalMs,
      DEFAULT_POLL_INTERVAL_MS,
      'pollIntervalMs',
    );
    this.#maxEventBytes = positiveInteger(
      options.maxEventBytes,
      DEFAULT_MAX_EVENT_BYTES,
      'maxEventBytes',
    );
    this.#onGroupCommitted = options.onGroupCommitted;
    try {
      db.exec(SCHEMA);
      this.#sql = prepareStatements(db);
    } catch (error) {
      throw translateSqliteError(error, 'preparing the event table');
    }
  }

  /** Queues the batch for the next group commit; it must not be modified until settled. */
  async append(events: readonly NewEvent[]): Promise<AppendResult[]> {
    if (this.#closing !== undefined) throw closedError();
    assertNewEvents(events, this.#maxEventBytes);
    if (events.length === 0) return [];
    return new Promise<AppendResult[]>((resolve, reject) => {
      this.#queue.push({ events, resolve, reject });
      this.#queuedEvents += events.length;
      if (this.#queuedEvents >= this.#maxGroupEvents) {
        this.#flush();
      } else {
        this.#flushHandle ??= setImmediate(() => this.#flush());
      }
    });
  }

  /** Commits every queued batch in one transaction, then settles their promises. */
  #flush(): void {
    if (this.#flushHandle !== undefined) {
      clearImmediate(this.#flushHandle);
      this.#flushHandle = undefined;
    }
    const group = this.#queue;
    if (group.length === 0) return;
    const db = this.database;
    if (db.open && db.inTransaction) {
      // a component sharing the handle is inside its own transaction: retry next turn
      this.#flushHandle = setImmediate(() => this.#flush());
      return;
    }
    this.#queue = [];
    this.#queuedEvents = 0;

    const sql = this.#sql;
    const outcomes: (AppendResult[] | LedgerError)[] = new Array<AppendResult[] | LedgerError>(
      group.length,
    );
    const useSavepoints = group.length > 1;
    const recordedAt = Date.now();
    const started = performance.now();
    let written = 0;
    let duplicates = 0;
    let failed = 0;
    try {
      sql.begin.run();
      try {
        let next = (sql.maxPosition.get() ?? START) + 1;
        for (let b = 0; b < group.length; b++) {
          const events = (group[b] as PendingAppend).events;
          const firstPosition = next;
          // one event is one INSERT, which SQLite undoes by itself when it fails
          const savepoint = useSavepoints && events.length > 1;
          if (savepoint) sql.savepoint.run();
          try {
            const results = new Array<AppendResult>(events.length);
            next = this.#insertBatch(events, results, next, recordedAt);
            if (savepoint) sql.release.run();
            outcomes[b] = results;
            written += next - firstPosition;
            duplicates += events.length - (next - firstPosition);
          } catch (error) {
            // alone in its group, or SQLite rolled the whole transaction back: the group fails
            if (!useSavepoints || !db.inTransaction) throw error;
            if (savepoint) {
              sql.rollbackTo.run();
              sql.release.run();
            }
            next = firstPosition;
            outcomes[b] = translateSqliteError(error, 'appending a batch');
            failed++;
          }
        }
        sql.commit.run();
      } catch (error) {
        rollbackQuietly(db, sql);
        throw error;
      }
    } catch (error) {
      const e = translateSqliteError(error, 'committing a group of appends');
      this.#groupsFailed++;
      this.#batchesFailed += group.length;
      for (const pending of group) pending.reject(e);
      return;
    }
    const commitMs = performance.now() - started;

    this.#groups++;
    this.#batches += group.length - failed;
    this.#batchesFailed += failed;
    this.#eventsWritten += written;
    this.#duplicates += duplicates;
    this.#lastGroupBatches = group.length;
    this.#maxGroupBatchesSeen = Math.max(this.#maxGroupBatchesSeen, group.length);
    this.#lastGroupEvents = written + duplicates;
    this.#maxGroupEventsSeen = Math.max(this.#maxGroupEventsSeen, written + duplicates);
    this.#commitMsTotal += commitMs;
    this.#commitMsMax = Math.max(this.#commitMsMax, commitMs);
    this.#lastCommitMs = commitMs;

    for (let b = 0; b < group.length; b++) {
      const outcome = outcomes[b] as AppendResult[] | LedgerError;
      const pending = group[b] as PendingAppend;
      if (outcome instanceof LedgerError) pending.reject(outcome);
      else pending.resolve(outcome);
    }
    if (written > 0) this.#wake();
    if (this.#onGroupCommitted !== undefined) {
      try {
        this.#onGroupCommitted({
          batches: group.length,
          failedBatches: failed,
          events: written,
          duplicates,
          commitMs,
        });
      } catch (error) {
        // a metrics hook must not break the commit path that already succeeded
        process.emitWarning(`onGroupCommitted threw: ${String(error)}`);
      }
    }
  }

  /**
   * Writes one batch from position `next` on, filling `results` in input order;
   * returns the next free position. Chunks of CHUNK_ROWS go in one statement;
   * a chunk that hits a known event_id is redone row by row, where
   * `ON CONFLICT DO NOTHING` tells new rows from duplicates.
   */
  #insertBatch(
    events: readonly NewEvent[],
    results: AppendResult[],
    first: number,
    recordedAt: number,
  ): number {
    const sql = this.#sql;
    const params = this.#chunkParams;
    let next = first;
    let i = 0;
    try {
      for (; i + CHUNK_ROWS <= events.length; i += CHUNK_ROWS) {
        for (let r = 0, o = 0; r < CHUNK_ROWS; r++, o += COLUMNS) {
          const e = events[i + r] as NewEvent;
          params[o] = next + r;
          params[o + 1] = e.eventId;
          params[o + 2] = e.tenantId;
          params[o + 3] = e.sessionId;
          params[o + 4] = e.type;
          params[o + 5] = recordedAt;
          params[o + 6] = e.data;
        }
        try {
          sql.insertChunk.run(params);
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
          for (let r = 0; r < CHUNK_ROWS; r++) {
            next = this.#insertOne(events[i + r] as NewEvent, results, i + r, next, recordedAt);
          }
          continue;
        }
        for (let r = 0; r < CHUNK_ROWS; r++) {
          results[i + r] = {
            eventId: (events[i + r] as NewEvent).eventId,
            position: next + r,
            duplicate: false,
          };
        }
        next += CHUNK_ROWS;
      }
    } finally {
      params.fill(undefined);
    }
    for (; i < events.length; i++) {
      next = this.#insertOne(events[i] as NewEvent, results, i, next, recordedAt);
    }
    return next;
  }

  #insertOne(
    e: NewEvent,
    results: AppendResult[],
    index: number,
    next: number,
    recordedAt: number,
  ): number {
    const sql = this.#sql;
    const info = sql.insert.run(
      next,
      e.eventId,
      e.tenantId,
      e.sessionId,
      e.type,
      recordedAt,
      e.data,
    );
    if (info.changes === 1) {
      results[index] = { eventId: e.eventId, position: next, duplicate: false };
      return next + 1;
    }
    const original = sql.positionOf.get(e.eventId) as number;
    results[index] = { eventId: e.eventId, position: original, duplicate: true };
    return next;
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
  async read(options: ReadOptions): Promise<StoredEvent[]> {
    assertReadBounds(options.after, options.limit, 'limit');
    return this.#page(options.after, options.limit ?? DEFAULT_READ_LIMIT);
  }

  /**
   * A page of events: one packed row (the events' bytes are views into one
   * buffer; sqlite-packed-page.ts), or one row per event when the page does
   * not pack.
   */
  #page(after: number, limit: number): StoredEvent[] {
    if (this.#closed) throw closedError();
    try {
      return (
        readPackedPage(this.#sql.packedPage, after, limit, fromPacked) ??
        this.#sql.page.all(after, limit)
      );
    } catch (error) {
      throw translateSqliteError(error, 'reading events');
    }
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
  async head(): Promise<number> {
    if (this.#closed) throw closedError();
    try {
      return this.#sql.maxPosition.get() ?? START;
    } catch (error) {
      throw translateSqliteError(error, 'reading the head');
    }
  }

  subscribe(options: SubscribeOptions): AsyncIterable<StoredEvent[]> {
    assertReadBounds(options.after, options.batchSize, 'batchSize');
    return this.#subscription(
      options.after,
      options.batchSize ?? DEFAULT_SUBSCRIBE_BATCH,
      options.signal,
    );
  }

  /**
   * Reads one page per pull (nothing is read ahead of the consumer); when
   * caught up, sleeps until an in-process append, a poll tick (for other
   * processes' appends), an abort, or close.
   */
  async *#subscription(
    after: number,
    batchSize: number,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<StoredEvent[], void, undefined> {
    this.#subscriptions++;
    try {
      let cursor = after;
      while (!this.#closed && signal?.aborted !== true) {
        const page = this.#page(cursor, batchSize);
        this.#subscriptionPages++;
        this.#subscriptionEvents += page.length;
        const last = page.at(-1);
        if (last === undefined) {
          await this.#changed(signal);
          continue;
        }
        cursor = last.position;
        yield page;
      }
    } finally {
      this.#subscriptions--;
    }
  }

  #changed(signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#wakers.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, this.#pollIntervalMs);
      this.#wakers.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  #wake(): void {
    // each waker removes itself; deleting the current entry is safe while iterating a Set
    for (const wake of this.#wakers) wake();
  }

  stats(): SqliteEventStoreStats {
    return {
      groups: this.#groups,
      groupsFailed: this.#groupsFailed,
      batches: this.#batches,
      batchesFailed: this.#batchesFailed,
      eventsWritten: this.#eventsWritten,
      duplicates: this.#duplicates,
      lastGroupBatches: this.#lastGroupBatches,
      maxGroupBatches: this.#maxGroupBatchesSeen,
      lastGroupEvents: this.#lastGroupEvents,
      maxGroupEvents: this.#maxGroupEventsSeen,
      commitMsTotal: this.#commitMsTotal,
      commitMsMax: this.#commitMsMax,
      lastCommitMs: this.#lastCommitMs,
      queuedBatches: this.#queue.length,
      queuedEvents: this.#queuedEvents,
      subscriptions: this.#subscriptions,
      subscriptionPages: this.#subscriptionPages,
      subscriptionEvents: this.#subscriptionEvents,
    };
  }

  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    // new appends are refused from now on (see append); queued ones were accepted: commit them
    while (this.#queue.length > 0) {
      this.#flush();
      if (this.#queue.length > 0) await new Promise<void>((r) => setImmediate(r));
    }
    if (this.#flushHandle !== undefined) clearImmediate(this.#flushHandle);
    this.#flushHandle = undefined;
    this.#closed = true;
    this.#wake();
    if (this.#ownsDatabase && this.database.open) {
      try {
        this.database.close();
      } catch (error) {
        throw translateSqliteError(error, 'closing the database');
      }
    }
  }
}

/** Undoes an open group transaction; the error that led here is the one to report. */
function rollbackQuietly(db: LedgerDatabase, sql: Statements): void {
  try {
    if (db.open && db.inTransaction) sql.rollback.run();
  } catch {
    // SQLite has already rolled back (e.g. after an I/O error), or the handle is gone
  }
}

function closedError(): LedgerError {
  return new LedgerError('LDG_ERR_STORE_CLOSED', 'the event store is closed');
}

/**
 * Opens the SQLite event store on `options.path` (created if missing) or on a
 * shared handle from `openLedgerDatabase` (`options.database`), creating the
 * `ledger_events` table if needed. Throws LDG_ERR_STORE_UNAVAILABLE when the
 * file cannot be opened and LDG_ERR_CONFIG for a handle without WAL and
 * synchronous=FULL or for bad tuning values.
 */
export function openSqliteEventStore(options: SqliteEventStoreOptions): SqliteEventStore {
  if (options.database !== undefined) {
    assertLedgerDatabase(options.database);
    return new SqliteStore(options.database, false, options);
  }
  const db = openLedgerDatabase(options.path, options.databaseOptions);
  try {
    return new SqliteStore(db, true, options);
  } catch (error) {
    db.close();
    throw error;
  }
}
