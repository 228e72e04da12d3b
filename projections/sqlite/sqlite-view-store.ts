/**
 * The embedded ViewStore: every projection's rows in one SQLite file of their
 * own (by default `DATA/views.db`, next to the ledger's `ledger.db`).
 *
 * Atomicity. `apply` is one `BEGIN IMMEDIATE … COMMIT`: it reads each
 * projection's checkpoint inside the transaction, applies what lies beyond it
 * and writes the new checkpoint, so effect and checkpoint commit together. A
 * crash at any point leaves both as they were before the batch, and the
 * runner re-reads from the checkpoint. Because checkpoints are read inside the
 * transaction, two writers (a server and a `rebuild` in another process) never
 * apply an event twice: the second one finds the checkpoint moved and skips.
 *
 * Durability. The views are rebuildable from the log, so the file uses WAL
 * with `synchronous=NORMAL`: a power cut may roll back the last transactions
 * (effects and checkpoints together, never one without the other), a process
 * crash loses nothing. The ledger's own file keeps `synchronous=FULL`.
 *
 * Versions. The file records its schema version; a file written by another
 * version has its view tables dropped and rebuilt. Each projection's checkpoint
 * carries the definition it was built with (for `events`, the control mapping's
 * fingerprint): the runner rebuilds a projection whose definition changed.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { LedgerError } from '../../ledger/errors.js';
import { START } from '../../ledger/store/event-store.js';
import { translateSqliteError } from '../../ledger/store/sqlite-database.js';
import type { ControlMapping } from '../controls/control-mapping.js';
import type {
  ApplyResult,
  ApprovalQuery,
  ApprovalRow,
  BlockingDayRow,
  ControlDayRow,
  EventQuery,
  EventRow,
  MaskingDayRow,
  ProjectionCheckpoint,
  ProjectionName,
  SessionQuery,
  SessionRow,
  StatsQuery,
  TypeDayRow,
  ViewBatch,
  ViewStore,
} from '../view-store.js';
import { APPROVALS_DDL, SqliteApprovals } from './sqlite-approvals.js';
import { EVENT_INDEX_DDL, SqliteEventIndex } from './sqlite-event-index.js';
import { KEYS_DDL, SqliteKeys } from './sqlite-keys.js';
import { VIEWS_SCHEMA_VERSION } from './sqlite-projection.js';
import type { SqliteProjection } from './sqlite-projection.js';
import { SESSIONS_DDL, SqliteSessions } from './sqlite-sessions.js';
import { SUMMARIES_DDL, SqliteSummaries } from './sqlite-summaries.js';
import { FALLBACK_AUTOCHECKPOINT_PAGES, startWalCheckpointer } from './sqlite-wal-checkpointer.js';
import type { WalCheckpointer } from './sqlite-wal-checkpointer.js';

/** File name of the views database inside a data directory. */
export const VIEWS_FILE = 'views.db';
export const DEFAULT_VIEWS_BUSY_TIMEOUT_MS = 5000;
export const DEFAULT_VIEWS_CACHE_KIB = 64 * 1024;

const META_DDL = `
CREATE TABLE IF NOT EXISTS view_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS view_checkpoints (
  projection TEXT PRIMARY KEY,
  position   INTEGER NOT NULL,
  version    TEXT    NOT NULL,
  applied    INTEGER NOT NULL,
  rejected   INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS view_rejects (
  position INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL,
  tenant   TEXT NOT NULL,
  type     TEXT NOT NULL,
  reason   TEXT NOT NULL
) STRICT;
${KEYS_DDL}
`;

export interface SqliteViewStoreOptions {
  /** The views database file (created with its directory), or `:memory:`. */
  readonly path: string;
  readonly mapping: ControlMapping;
  /** Open for queries only (e.g. a CLI next to a running server); `apply` and `reset` throw. */
  readonly readonly?: boolean;
  /** How long a writer waits for another process's lock (default DEFAULT_VIEWS_BUSY_TIMEOUT_MS). */
  readonly busyTimeoutMs?: number;
  /** Page cache in KiB (default DEFAULT_VIEWS_CACHE_KIB). */
  readonly cacheKib?: number;
  /**
   * Called inside the apply transaction, after the effects and checkpoints are
   * written and before COMMIT (tests use it to crash mid-batch). Must not throw
   * unless the batch should be rolled back.
   */
  readonly beforeCommit?: (batch: ViewBatch, applied: readonly ProjectionName[]) => void;
  /**
   * Taken around every write transaction: turns with other threads of this
   * process writing the same file (see projections/write-turns.ts).
   */
  readonly writeLock?: { acquire(): void; release(): void };
  readonly now?: () => number;
  /**
   * Checkpoint the WAL from a worker thread (default true for a writable file):
   * see sqlite-wal-checkpointer.ts. False leaves it to SQLite's automatic
   * checkpoint in the committing thread.
   */
  readonly backgroundCheckpoints?: boolean;
  /** Told about failed background checkpoints. */
  readonly onCheckpointError?: (message: string) => void;
}

/** The SQLite ViewStore, plus what only it offers. */
export interface SqliteViewStore extends ViewStore {
  readonly path: string;
  /** Rejected events recorded so far (position order), for operators. */
  rejects(
    limit?: number,
  ): Promise<{ position: number; eventId: string; tenant: string; type: string; reason: string }[]>;
}

interface CheckpointRow {
  readonly projection: string;
  readonly position: number;
  readonly version: string;
  readonly applied: number;
  readonly rejected: number;
  readonly updatedAt: number;
}

/** Index of the first event above `position` (events are in position order). */
function firstAbove(events: ViewBatch['events'], position: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((events[mid] as { position: number }).position <= position) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

class SqliteViews implements SqliteViewStore {
  readonly path: string;
  readonly #db: Database.Database;
  readonly #readonly: boolean;
  readonly #keys: SqliteKeys;
  readonly #events: SqliteEventIndex;
  readonly #sessions: SqliteSessions;
  readonly #approvals: SqliteApprovals;
  readonly #summaries: SqliteSummaries;
  readonly #projections: readonly SqliteProjection[];
  readonly #beforeCommit: SqliteViewStoreOptions['beforeCommit'];
  readonly #writeLock: SqliteViewStoreOptions['writeLock'];
  readonly #now: () => number;
  readonly #checkpoint: Database.Statement<[string], CheckpointRow>;
  readonly #allCheckpoints: Database.Statement<[], CheckpointRow>;
  readonly #advance: Database.Statement<[number, number, number, number, string]>;
  readonly #insertReject: Database.Statement<[number, string, string, string, string]>;
  #checkpointer: WalCheckpointer | undefined;
  #closed = false;

  constructor(
    db: Database.Database,
    path: string,
    options: SqliteViewStoreOptions,
    checkpointer: WalCheckpointer | undefined,
  ) {
    this.#db = db;
    this.path = path;
    this.#checkpointer = checkpointer;
    this.#readonly = options.readonly === true;
    this.#beforeCommit = options.beforeCommit;
    this.#writeLock = options.writeLock;
    this.#now = options.now ?? Date.now;
    if (!this.#readonly) migrate(db);
    this.#keys = new SqliteKeys(db);
    this.#events = new SqliteEventIndex(db, this.#keys, options.mapping);
    this.#sessions = new SqliteSessions(db, this.#keys);
    this.#approvals = new SqliteApprovals(db, this.#keys);
    this.#summaries = new SqliteSummaries(db, this.#keys);
    this.#projections = [this.#events, this.#sessions, this.#approvals, this.#summaries];
    if (!this.#readonly) {
      const ensure = db.prepare<[string, number, string]>(
        `INSERT OR IGNORE INTO view_checkpoints (projection, position, version, applied, rejected, updated_at)
         VALUES (?, ?, ?, 0, 0, 0)`,
      );
      for (const p of this.#projections) ensure.run(p.name, START, p.version);
    }
    const columns = `projection, position, version, applied, rejected, updated_at AS updatedAt`;
    this.#checkpoint = db.prepare<[string], CheckpointRow>(
      `SELECT ${columns} FROM view_checkpoints WHERE projection = ?`,
    );
    this.#allCheckpoints = db.prepare<[], CheckpointRow>(`SELECT ${columns} FROM view_checkpoints`);
    this.#advance = this.#readonly
      ? (undefined as unknown as Database.Statement<[number, number, number, number, string]>)
      : db.prepare<[number, number, number, number, string]>(
          `UPDATE view_checkpoints SET position = ?, applied = applied + ?, rejected = rejected + ?,
             updated_at = ? WHERE projection = ?`,
        );
    this.#insertReject = this.#readonly
      ? (undefined as unknown as Database.Statement<[number, string, string, string, string]>)
      : db.prepare<[number, string, string, string, string]>(
          'INSERT OR IGNORE INTO view_rejects (position, event_id, tenant, type, reason) VALUES (?, ?, ?, ?, ?)',
        );
  }

  #open(doing: string): void {
    if (this.#closed)
      throw new LedgerError('LDG_ERR_STORE_CLOSED', `${doing}: the view store is closed`);
  }

  #writable(doing: string): void {
    this.#open(doing);
    if (this.#readonly) {
      throw new LedgerError('LDG_ERR_CONFIG', `${doing}: the view store was opened read-only`);
    }
  }

  /** Runs a write transaction in this process's turn at the write lock. */
  #turn<T>(fn: () => T): T {
    const lock = this.#writeLock;
    if (lock === undefined) return fn();
    lock.acquire();
    try {
      return fn();
    } finally {
      lock.release();
    }
  }

  /** Runs `fn` translating driver errors; `write` drops cached keys when it fails. */
  #run<T>(doing: string, fn: () => T, write = false): T {
    try {
      return fn();
    } catch (error) {
      if (write) this.#keys.forget();
      throw translateSqliteError(error, doing);
    }
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
  async checkpoints(): Promise<ReadonlyMap<ProjectionName, ProjectionCheckpoint>> {
    this.#open('reading checkpoints');
    return this.#run('reading checkpoints', () => {
      const out = new Map<ProjectionName, ProjectionCheckpoint>();
      const rows = new Map(this.#allCheckpoints.all().map((r) => [r.projection, r]));
      for (const p of this.#projections) {
        const r = rows.get(p.name);
        out.set(p.name, {
          name: p.name,
          position: r?.position ?? START,
          version: r?.version ?? p.version,
          current: (r?.version ?? p.version) === p.version,
          applied: r?.applied ?? 0,
          rejected: r?.rejected ?? 0,
          updatedAt: r?.updatedAt ?? 0,
        });
      }
      return out;
    });
  }

  /** One batch, inside the caller's write transaction. */
  #applyOne(batch: ViewBatch, only: readonly ProjectionName[] | undefined): ApplyResult {
    const applied: ProjectionName[] = [];
    const behind: ProjectionName[] = [];
    const now = this.#now();
    for (const p of this.#projections) {
      if (only !== undefined && !only.includes(p.name)) continue;
      const stored = this.#checkpoint.get(p.name)?.position ?? START;
      if (stored >= batch.last) continue;
      if (stored < batch.after) {
        behind.push(p.name);
        continue;
      }
      const from = stored === batch.after ? 0 : firstAbove(batch.events, stored);
      let rejected = 0;
      for (const r of batch.rejected) if (r.position > stored) rejected++;
      p.apply(batch.events, from);
      this.#advance.run(batch.last, batch.events.length - from, rejected, now, p.name);
      applied.push(p.name);
    }
    if (applied.length > 0) {
      for (const r of batch.rejected) {
        this.#insertReject.run(r.position, r.eventId, r.tenantId, r.type, r.reason);
      }
    }
    this.#beforeCommit?.(batch, applied);
    return { applied, behind };
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
  async apply(batch: ViewBatch, only?: readonly ProjectionName[]): Promise<ApplyResult> {
    this.#writable('applying a batch');
    const tx = this.#db.transaction((): ApplyResult => this.#applyOne(batch, only));
    return this.#run('applying a batch to the views', () => this.#turn(() => tx.immediate()), true);
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
  async applyBatches(
    batches: Iterable<ViewBatch>,
    only?: readonly ProjectionName[],
  ): Promise<ApplyResult[]> {
    this.#writable('applying batches');
    const tx = this.#db.transaction((): ApplyResult[] => {
      const results: ApplyResult[] = [];
      for (const batch of batches) {
        const result = this.#applyOne(batch, only);
        results.push(result);
        if (result.behind.length > 0) break;
      }
      return results;
    });
    return this.#run('applying batches to the views', () => this.#turn(() => tx.immediate()), true);
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
  async reset(names: readonly ProjectionName[]): Promise<void> {
    this.#writable('resetting projections');
    const set = new Set(names);
    const reset = this.#db.prepare<[number, string, number, string]>(
      `UPDATE view_checkpoints SET position = ?, version = ?, applied = 0, rejected = 0, updated_at = ?
       WHERE projection = ?`,
    );
    const tx = this.#db.transaction(() => {
      for (const p of this.#projections) {
        if (!set.has(p.name)) continue;
        for (const t of p.tables) this.#db.exec(`DROP TABLE IF EXISTS ${t}`);
        this.#db.exec(p.ddl);
        reset.run(START, p.version, this.#now(), p.name);
      }
      // every projection records the rejects of the batches it applies; the event index,
      // replaying the whole log, records them all again (runners on two threads reset
      // their own projections only, so "all of them" is never one call)
      if (set.has('events')) this.#db.exec('DELETE FROM view_rejects');
    });
    this.#run('resetting projections', () => this.#turn(() => tx.immediate()), true);
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
  async setLeafIndexes(
    entries: readonly { position: number; leafIndex: number }[],
  ): Promise<number> {
    this.#writable('setting leaf indices');
    const update = this.#db.prepare<[number, number]>(
      'UPDATE ev_events SET leaf_index = ? WHERE position = ?',
    );
    const tx = this.#db.transaction(() => {
      let changed = 0;
      for (const e of entries) changed += update.run(e.leafIndex, e.position).changes;
      return changed;
    });
    return this.#run('setting leaf indices', () => this.#turn(() => tx.immediate()));
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
  async findEvents(query: EventQuery): Promise<EventRow[]> {
    this.#open('querying events');
    return this.#run('querying events', () => this.#events.find(query));
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
  async findSessions(query: SessionQuery): Promise<SessionRow[]> {
    this.#open('querying sessions');
    return this.#run('querying sessions', () => this.#sessions.find(query));
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
  async getSession(tenant: string, sessionId: string): Promise<SessionRow | undefined> {
    this.#open('reading a session');
    return this.#run('reading a session', () => this.#sessions.get(tenant, sessionId));
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
  async findApprovals(query: ApprovalQuery): Promise<ApprovalRow[]> {
    this.#open('querying approvals');
    return this.#run('querying approvals', () => this.#approvals.find(query));
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
  async controlStats(query: StatsQuery): Promise<ControlDayRow[]> {
    this.#open('reading control statistics');
    return this.#run('reading control statistics', () => this.#events.controlStats(query));
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
  async typeStats(query: StatsQuery): Promise<TypeDayRow[]> {
    this.#open('reading event statistics');
    return this.#run('reading event statistics', () => this.#summaries.types(query));
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
  async maskingStats(query: StatsQuery): Promise<MaskingDayRow[]> {
    this.#open('reading masking statistics');
    return this.#run('reading masking statistics', () => this.#summaries.masking(query));
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
  async blockingStats(query: StatsQuery): Promise<BlockingDayRow[]> {
    this.#open('reading blocking statistics');
    return this.#run('reading blocking statistics', () => this.#summaries.blocking(query));
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
  async rejects(
    limit = 100,
  ): Promise<
    { position: number; eventId: string; tenant: string; type: string; reason: string }[]
  > {
    this.#open('reading rejected events');
    return this.#run('reading rejected events', () =>
      this.#db
        .prepare<
          [number],
          { position: number; eventId: string; tenant: string; type: string; reason: string }
        >(
          'SELECT position, event_id AS eventId, tenant, type, reason FROM view_rejects ORDER BY position LIMIT ?',
        )
        .all(limit),
    );
  }

  /** Attaches the background checkpointer, closed with the store. */
  withCheckpointer(checkpointer: WalCheckpointer): this {
    this.#checkpointer = checkpointer;
    return this;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#checkpointer?.close();
    if (this.#db.open) this.#db.close();
  }
}

/** Creates the tables; drops every view table first when the file has another schema version. */
function migrate(db: Database.Database): void {
  db.exec(META_DDL);
  const version = db
    .prepare<[], string>("SELECT value FROM view_meta WHERE key = 'schema_version'")
    .pluck()
    .get();
  const wanted = String(VIEWS_SCHEMA_VERSION);
  if (version !== wanted) dropViewTables(db, wanted);
  db.exec(EVENT_INDEX_DDL + SESSIONS_DDL + APPROVALS_DDL + SUMMARIES_DDL);
}

/** Drops every table but view_meta and records `version` (views are rebuilt from the log). */
function dropViewTables(db: Database.Database, version: string): void {
  const tables = db
    .prepare<[], string>(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'view_meta'",
    )
    .pluck()
    .all();
  db.transaction(() => {
    for (const t of tables) db.exec(`DROP TABLE IF EXISTS "${t.replaceAll('"', '""')}"`);
    db.exec(META_DDL);
    db.prepare("INSERT OR REPLACE INTO view_meta (key, value) VALUES ('schema_version', ?)").run(
      version,
    );
  }).immediate();
}

/**
 * Opens (creating if needed) the views database at `options.path` with the
 * projections' tables. Throws LDG_ERR_STORE_UNAVAILABLE when the file cannot
 * be opened or is not a database, LDG_ERR_CONFIG for bad options.
 */
export function openSqliteViewStore(options: SqliteViewStoreOptions): SqliteViewStore {
  const path = options.path;
  const memory = path === ':memory:' || path === '';
  const busy = options.busyTimeoutMs ?? DEFAULT_VIEWS_BUSY_TIMEOUT_MS;
  const cacheKib = options.cacheKib ?? DEFAULT_VIEWS_CACHE_KIB;
  if (!Number.isSafeInteger(busy) || busy < 0 || !Number.isSafeInteger(cacheKib) || cacheKib < 1) {
    throw new LedgerError(
      'LDG_ERR_CONFIG',
      'busyTimeoutMs and cacheKib must be non-negative integers',
    );
  }
  if (memory && options.readonly === true) {
    throw new LedgerError('LDG_ERR_CONFIG', 'an in-memory view store cannot be read-only');
  }
  if (options.readonly === true && !existsSync(path)) {
    throw new LedgerError(
      'LDG_ERR_STORE_UNAVAILABLE',
      `no views database at ${path}: start the ledger (or run audit-ledger rebuild) on this data directory first`,
    );
  }
  if (!memory && options.readonly !== true) {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (error) {
      throw new LedgerError('LDG_ERR_STORE_UNAVAILABLE', `cannot create the directory of ${path}`, {
        cause: error,
      });
    }
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(path, {
      timeout: busy,
      readonly: options.readonly === true,
      fileMustExist: options.readonly === true,
    });
    const background =
      !memory && options.readonly !== true && options.backgroundCheckpoints !== false;
    if (!memory && options.readonly !== true) {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal')
        throw new LedgerError('LDG_ERR_STORE_UNAVAILABLE', `cannot enable WAL on ${path}`);
      db.pragma('synchronous = NORMAL');
      if (background) db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
    }
    db.pragma(`cache_size = ${-cacheKib}`);
    db.pragma('temp_store = MEMORY');
    // the schema first (the constructor creates the tables), then the worker's connection
    const views = new SqliteViews(db, path, options, undefined);
    if (!background) return views;
    return views.withCheckpointer(
      startWalCheckpointer(path, {
        busyTimeoutMs: busy,
        ...(options.onCheckpointError === undefined ? {} : { onError: options.onCheckpointError }),
      }),
    );
  } catch (error) {
    db?.close();
    throw translateSqliteError(error, `opening the views database ${path}`);
  }
}
