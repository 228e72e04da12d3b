/**
 * The SQLite MerkleStateStore: the sequencer's tables in the ledger's own
 * database file, next to `ledger_events`.
 *
 *   merkle_leaf_runs    leaf → store position, as runs of consecutive leaves at
 *                       consecutive positions (first_leaf, first_position, count):
 *                       the embedded store, where leaf i is position i, needs one
 *                       row for the whole log; a store with sparse positions one
 *                       row per leaf. The mapping is exact either way.
 *   merkle_event_ids    event_id → leaf, only for stores that can repeat an id
 *   merkle_duplicates   positions skipped as repeats of an event_id, → the first leaf
 *   merkle_tiles        hash tiles (C2SP tlog-tiles), one row per (level, index): a
 *                       full tile, or the widest partial so far (it supersedes the
 *                       narrower ones: a narrower tile is a prefix of a wider one)
 *   merkle_state        one row: tree size, last position processed, compact range
 *   merkle_checkpoints  every signed checkpoint and whether it is announced in the log
 *
 * `commit` writes a whole sequencer step in one transaction — leaves, tiles
 * and the progress that covers them — so a crash at any moment leaves either
 * all of a step or none of it. It also checks that the step starts at the
 * committed size, so two sequencers on one file cannot interleave leaves: the
 * loser's step fails with LDG_ERR_CONFLICT and it reloads.
 *
 * Durability: a step commits with synchronous=NORMAL by default (in WAL
 * mode: no fsync of its own), a checkpoint with FULL. A step lost to a power
 * failure is simply redone from the events, which the store made durable
 * first, with the same result; and a checkpoint's FULL commit makes every
 * step it covers durable too, because the WAL is synced in order. Killing the
 * process loses nothing (the WAL is in the page cache). This saves one fsync
 * per step — most of a step's cost on a busy disk.
 *
 * Works on a shared handle from `openLedgerDatabase` (the embedded
 * deployment) or on its own file. Transactions are synchronous
 * `db.transaction(fn)`: nothing is held across an await, and the pragma
 * switch around a step cannot interleave with another component's commit.
 */
import type Database from 'better-sqlite3';
import { LedgerError } from '../errors.js';
import { HASH_SIZE } from '../merkle/hasher.js';
import { partialTiles, TILE_WIDTH, tilePath } from '../merkle/tiles.js';
import type { TileData } from '../merkle/tiles.js';
import { START } from '../store/event-store.js';
import {
  assertLedgerDatabase,
  openLedgerDatabase,
  translateSqliteError,
} from '../store/sqlite-database.js';
import type { LedgerDatabase } from '../store/sqlite-database.js';
import type {
  CheckpointRecord,
  LeafRecord,
  MerkleProgress,
  MerkleResumePoint,
  MerkleStateStore,
  SequencedBatch,
} from './merkle-state-store.js';

/** Names of the sequencer's tables (the log verifier reads them too). */
export const MERKLE_TABLES = {
  leafRuns: 'merkle_leaf_runs',
  eventIds: 'merkle_event_ids',
  duplicates: 'merkle_duplicates',
  tiles: 'merkle_tiles',
  state: 'merkle_state',
  checkpoints: 'merkle_checkpoints',
} as const;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS merkle_leaf_runs (
  first_leaf     INTEGER PRIMARY KEY,
  first_position INTEGER NOT NULL UNIQUE,
  count          INTEGER NOT NULL CHECK (count > 0)
) STRICT;
CREATE TABLE IF NOT EXISTS merkle_event_ids (
  event_id   TEXT    PRIMARY KEY,
  leaf_index INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS merkle_duplicates (
  position   INTEGER PRIMARY KEY,
  event_id   TEXT    NOT NULL,
  leaf_index INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS merkle_tiles (
  level INTEGER NOT NULL,
  idx   INTEGER NOT NULL,
  width INTEGER NOT NULL CHECK (width BETWEEN 1 AND 256),
  data  BLOB    NOT NULL,
  PRIMARY KEY (level, idx)
) STRICT;
CREATE TABLE IF NOT EXISTS merkle_state (
  id             INTEGER PRIMARY KEY CHECK (id = 1),
  size           INTEGER NOT NULL,
  after_position INTEGER NOT NULL,
  range_hashes   BLOB    NOT NULL,
  duplicates     INTEGER NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS merkle_checkpoints (
  size           INTEGER PRIMARY KEY,
  root           BLOB    NOT NULL,
  note           TEXT    NOT NULL,
  signed_at      INTEGER NOT NULL,
  announced      INTEGER NOT NULL DEFAULT 0,
  fence_revision INTEGER
) STRICT;
`;

interface StateRow {
  size: number;
  after_position: number;
  range_hashes: Uint8Array;
  duplicates: number;
}

interface CheckpointRow {
  size: number;
  root: Uint8Array;
  note: string;
  signed_at: number;
  announced: number;
  fence_revision: number | null;
}

interface TileRow {
  level: number;
  idx: number;
  width: number;
  data: Uint8Array;
}

interface RunRow {
  first_leaf: number;
  first_position: number;
  count: number;
}

type TileParams = [number, number, number, Uint8Array];

interface Statements {
  readonly state: Database.Statement<[], StateRow>;
  readonly putState: Database.Statement<[number, number, Uint8Array, number]>;
  readonly lastRun: Database.Statement<[], RunRow>;
  readonly runAtLeaf: Database.Statement<[number], RunRow>;
  readonly runsBetween: Database.Statement<[number, number], RunRow>;
  readonly runAtPosition: Database.Statement<[number], RunRow>;
  readonly insertRun: Database.Statement<[number, number, number]>;
  readonly extendRun: Database.Statement<[number, number]>;
  readonly insertEventId: Database.Statement<[string, number]>;
  readonly leafOfEventId: Database.Statement<[string], number>;
  readonly insertDuplicate: Database.Statement<[number, string, number]>;
  readonly putTile: Database.Statement<TileParams>;
  readonly tile: Database.Statement<[number, number], TileRow>;
  readonly duplicateByPosition: Database.Statement<[number], number>;
  readonly putCheckpoint: Database.Statement<
    [number, Uint8Array, string, number, number, number | null]
  >;
  readonly setFenceRevision: Database.Statement<[number, number]>;
  readonly lastFenceRevision: Database.Statement<[], number>;
  readonly markAnnounced: Database.Statement<[number]>;
  readonly unannounced: Database.Statement<[], CheckpointRow>;
  readonly latestCheckpoint: Database.Statement<[], CheckpointRow>;
  readonly checkpointAt: Database.Statement<[number], CheckpointRow>;
  readonly checkpoints: Database.Statement<[], CheckpointRow>;
}

function prepare(db: LedgerDatabase): Statements {
  const cp = 'size, root, note, signed_at, announced, fence_revision';
  const run = 'first_leaf, first_position, count';
  return {
    state: db.prepare<[], StateRow>(
      'SELECT size, after_position, range_hashes, duplicates FROM merkle_state WHERE id = 1',
    ),
    putState: db.prepare(
      `INSERT INTO merkle_state (id, size, after_position, range_hashes, duplicates)
       VALUES (1, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET size = excluded.size, after_position = excluded.after_position,
         range_hashes = excluded.range_hashes, duplicates = excluded.duplicates`,
    ),
    lastRun: db.prepare<[], RunRow>(
      `SELECT ${run} FROM merkle_leaf_runs ORDER BY first_leaf DESC LIMIT 1`,
    ),
    runAtLeaf: db.prepare<[number], RunRow>(
      `SELECT ${run} FROM merkle_leaf_runs WHERE first_leaf <= ? ORDER BY first_leaf DESC LIMIT 1`,
    ),
    runsBetween: db.prepare<[number, number], RunRow>(
      `SELECT ${run} FROM merkle_leaf_runs WHERE first_leaf > ? AND first_leaf < ? ORDER BY first_leaf`,
    ),
    runAtPosition: db.prepare<[number], RunRow>(
      `SELECT ${run} FROM merkle_leaf_runs WHERE first_position <= ?
       ORDER BY first_position DESC LIMIT 1`,
    ),
    insertRun: db.prepare(
      'INSERT INTO merkle_leaf_runs (first_leaf, first_position, count) VALUES (?, ?, ?)',
    ),
    extendRun: db.prepare('UPDATE merkle_leaf_runs SET count = count + ? WHERE first_leaf = ?'),
    insertEventId: db.prepare('INSERT INTO merkle_event_ids (event_id, leaf_index) VALUES (?, ?)'),
    leafOfEventId: db
      .prepare<[string], number>('SELECT leaf_index FROM merkle_event_ids WHERE event_id = ?')
      .pluck(),
    insertDuplicate: db.prepare(
      'INSERT INTO merkle_duplicates (position, event_id, leaf_index) VALUES (?, ?, ?)',
    ),
    // a tile only ever grows: a replayed narrower partial never overwrites a wider one
    putTile: db.prepare(
      `INSERT INTO merkle_tiles (level, idx, width, data) VALUES (?, ?, ?, ?)
       ON CONFLICT (level, idx) DO UPDATE SET width = excluded.width, data = excluded.data
       WHERE excluded.width > merkle_tiles.width`,
    ),
    tile: db.prepare<[number, number], TileRow>(
      'SELECT level, idx, width, data FROM merkle_tiles WHERE level = ? AND idx = ?',
    ),
    duplicateByPosition: db
      .prepare<[number], number>('SELECT leaf_index FROM merkle_duplicates WHERE position = ?')
      .pluck(),
    putCheckpoint: db.prepare(
      `INSERT INTO merkle_checkpoints (${cp}) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (size) DO NOTHING`,
    ),
    setFenceRevision: db.prepare('UPDATE merkle_checkpoints SET fence_revision = ? WHERE size = ?'),
    lastFenceRevision: db
      .prepare<[], number>(
        `SELECT fence_revision FROM merkle_checkpoints WHERE fence_revision IS NOT NULL
         ORDER BY size DESC LIMIT 1`,
      )
      .pluck(),
    markAnnounced: db.prepare('UPDATE merkle_checkpoints SET announced = 1 WHERE size = ?'),
    unannounced: db.prepare<[], CheckpointRow>(
      `SELECT ${cp} FROM merkle_checkpoints WHERE announced = 0 ORDER BY size`,
    ),
    latestCheckpoint: db.prepare<[], CheckpointRow>(
      `SELECT ${cp} FROM merkle_checkpoints ORDER BY size DESC LIMIT 1`,
    ),
    checkpointAt: db.prepare<[number], CheckpointRow>(
      `SELECT ${cp} FROM merkle_checkpoints WHERE size = ?`,
    ),
    checkpoints: db.prepare<[], CheckpointRow>(
      `SELECT ${cp} FROM merkle_checkpoints ORDER BY size`,
    ),
  };
}

function toCheckpoint(row: CheckpointRow): CheckpointRecord {
  return {
    size: row.size,
    rootHash: new Uint8Array(row.root),
    note: row.note,
    signedAt: row.signed_at,
    announced: row.announced !== 0,
    fenceRevision: row.fence_revision,
  };
}

function concatHashes(hashes: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(hashes.length * HASH_SIZE);
  hashes.forEach((h, i) => out.set(h, i * HASH_SIZE));
  return out;
}

function splitHashes(blob: Uint8Array): Uint8Array[] {
  if (blob.length % HASH_SIZE !== 0) {
    throw new LedgerError('LDG_ERR_INTERNAL', 'merkle_state.range_hashes is not a list of hashes');
  }
  const out: Uint8Array[] = [];
  for (let at = 0; at < blob.length; at += HASH_SIZE) out.push(blob.slice(at, at + HASH_SIZE));
  return out;
}

class SqliteMerkleState implements MerkleStateStore {
  readonly #db: LedgerDatabase;
  readonly #ownsDatabase: boolean;
  readonly #sql: Statements;
  /** run steps with synchronous=NORMAL (see the module comment) */
  readonly #relaxSteps: boolean;
  #closed = false;

  constructor(db: LedgerDatabase, ownsDatabase: boolean, relaxSteps: boolean) {
    this.#db = db;
    this.#ownsDatabase = ownsDatabase;
    try {
      db.exec(SCHEMA);
      this.#sql = prepare(db);
      this.#relaxSteps =
        relaxSteps &&
        !db.memory &&
        db.pragma('journal_mode', { simple: true }) === 'wal' &&
        db.pragma('synchronous', { simple: true }) === 2;
    } catch (error) {
      throw translateSqliteError(error, 'preparing the sequencer tables');
    }
  }

  #run<T>(doing: string, fn: () => T): T {
    if (this.#closed) {
      throw new LedgerError('LDG_ERR_STORE_CLOSED', 'the sequencer state store is closed');
    }
    try {
      return fn();
    } catch (error) {
      throw translateSqliteError(error, doing);
    }
  }

  #progress(): MerkleProgress {
    const row = this.#sql.state.get();
    if (row === undefined) return { size: 0, afterPosition: START, rangeHashes: [], duplicates: 0 };
    return {
      size: row.size,
      afterPosition: row.after_position,
      rangeHashes: splitHashes(row.range_hashes),
      duplicates: row.duplicates,
    };
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
  async resumePoint(): Promise<MerkleResumePoint> {
    return this.#run('reading the sequencer state', () => {
      const progress = this.#progress();
      const partials: TileData[] = partialTiles(progress.size).map((want) => {
        const row = this.#sql.tile.get(want.level, want.index);
        if (row === undefined || row.width < want.width) {
          throw new LedgerError(
            'LDG_ERR_INTERNAL',
            `sequencer state at size ${progress.size} lacks ${tilePath(want)}`,
          );
        }
        return { tile: want, data: new Uint8Array(row.data.subarray(0, want.width * HASH_SIZE)) };
      });
      return { progress, partialTiles: partials };
    });
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
  async knownEventIds(eventIds: readonly string[]): Promise<Map<string, number>> {
    return this.#run('looking up event ids', () => {
      const known = new Map<string, number>();
      for (const id of eventIds) {
        const leaf = this.#sql.leafOfEventId.get(id);
        if (leaf !== undefined) known.set(id, leaf);
      }
      return known;
    });
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
  async commit(batch: SequencedBatch): Promise<void> {
    this.#run('committing a sequencer step', () => {
      const db = this.#db;
      if (!this.#relaxSteps) {
        db.transaction(() => this.#write(batch))();
        return;
      }
      db.pragma('synchronous = NORMAL');
      try {
        db.transaction(() => this.#write(batch))();
      } finally {
        db.pragma('synchronous = FULL');
      }
    });
  }

  #write(batch: SequencedBatch): void {
    const sql = this.#sql;
    const positions = batch.positions;
    const current = sql.state.get()?.size ?? 0;
    if (batch.firstLeaf !== current || batch.progress.size !== current + positions.length) {
      throw new LedgerError(
        'LDG_ERR_CONFLICT',
        `sequencer step starts at leaf ${batch.firstLeaf}, but the log has ${current} leaves: another sequencer is running`,
      );
    }
    if (positions.length > 0) this.#writeRuns(batch.firstLeaf, positions);
    const ids = batch.eventIds;
    if (ids !== null) {
      ids.forEach((id, i) => sql.insertEventId.run(id, batch.firstLeaf + i));
    }
    for (const d of batch.duplicates) sql.insertDuplicate.run(d.position, d.eventId, d.leafIndex);
    for (const t of batch.tiles) sql.putTile.run(t.tile.level, t.tile.index, t.tile.width, t.data);
    const p = batch.progress;
    sql.putState.run(p.size, p.afterPosition, concatHashes(p.rangeHashes), p.duplicates);
  }

  /** Stores leaves `firstLeaf`.. at `positions` as runs, extending the last run when they continue it. */
  #writeRuns(firstLeaf: number, positions: readonly number[]): void {
    const sql = this.#sql;
    let runLeaf = firstLeaf;
    let runPosition = positions[0] as number;
    let runCount = 1;
    const last = sql.lastRun.get();
    let extendable =
      last !== undefined &&
      last.first_leaf + last.count === firstLeaf &&
      last.first_position + last.count === runPosition;
    const flush = (): void => {
      if (extendable && last !== undefined) sql.extendRun.run(runCount, last.first_leaf);
      else sql.insertRun.run(runLeaf, runPosition, runCount);
      extendable = false;
    };
    for (let i = 1; i < positions.length; i++) {
      const position = positions[i] as number;
      if (position === runPosition + runCount) {
        runCount++;
        continue;
      }
      flush();
      runLeaf = firstLeaf + i;
      runPosition = position;
      runCount = 1;
    }
    flush();
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
  async putCheckpoint(c: CheckpointRecord): Promise<void> {
    this.#run('recording a checkpoint', () =>
      this.#sql.putCheckpoint.run(
        c.size,
        c.rootHash,
        c.note,
        c.signedAt,
        c.announced ? 1 : 0,
        c.fenceRevision,
      ),
    );
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
  async setFenceRevision(size: number, revision: number): Promise<void> {
    this.#run('recording a fence revision', () => this.#sql.setFenceRevision.run(revision, size));
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
  async lastFenceRevision(): Promise<number | null> {
    return this.#run('reading checkpoints', () => this.#sql.lastFenceRevision.get() ?? null);
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
  async markAnnounced(size: number): Promise<void> {
    this.#run('marking a checkpoint announced', () => this.#sql.markAnnounced.run(size));
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
  async unannouncedCheckpoints(): Promise<CheckpointRecord[]> {
    return this.#run('reading checkpoints', () => this.#sql.unannounced.all().map(toCheckpoint));
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
  async latestCheckpoint(): Promise<CheckpointRecord | undefined> {
    return this.#run('reading checkpoints', () => {
      const row = this.#sql.latestCheckpoint.get();
      return row === undefined ? undefined : toCheckpoint(row);
    });
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
  async checkpointAt(size: number): Promise<CheckpointRecord | undefined> {
    return this.#run('reading checkpoints', () => {
      const row = this.#sql.checkpointAt.get(size);
      return row === undefined ? undefined : toCheckpoint(row);
    });
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
  async checkpoints(): Promise<CheckpointRecord[]> {
    return this.#run('reading checkpoints', () => this.#sql.checkpoints.all().map(toCheckpoint));
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
  async tile(level: number, index: number): Promise<TileData | undefined> {
    return this.#run('reading a tile', () => {
      const row = this.#sql.tile.get(level, index);
      if (row === undefined) return undefined;
      if (row.data.length !== row.width * HASH_SIZE || row.width > TILE_WIDTH) {
        throw new LedgerError(
          'LDG_ERR_INTERNAL',
          `stored tile at level ${level} index ${index} has ${row.data.length} bytes for width ${row.width}`,
        );
      }
      return { tile: { level, index, width: row.width }, data: new Uint8Array(row.data) };
    });
  }

  #leaves(first: number, count: number): LeafRecord[] {
    const end = first + count;
    const runs = this.#sql.runsBetween.all(first, end);
    const containing = this.#sql.runAtLeaf.get(first);
    if (containing !== undefined) runs.unshift(containing);
    const out: LeafRecord[] = [];
    for (const run of runs) {
      const from = Math.max(first, run.first_leaf);
      const to = Math.min(end, run.first_leaf + run.count);
      for (let leaf = from; leaf < to; leaf++) {
        out.push({ leafIndex: leaf, position: run.first_position + (leaf - run.first_leaf) });
      }
    }
    return out;
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
  async leaves(first: number, count: number): Promise<LeafRecord[]> {
    return this.#run('reading leaves', () => this.#leaves(first, count));
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
  async leafIndexesOf(positions: readonly number[]): Promise<Map<number, number>> {
    return this.#run('reading leaves', () => {
      const out = new Map<number, number>();
      for (const position of positions) {
        const run = this.#sql.runAtPosition.get(position);
        if (run !== undefined && position < run.first_position + run.count) {
          out.set(position, run.first_leaf + (position - run.first_position));
          continue;
        }
        const duplicate = this.#sql.duplicateByPosition.get(position);
        if (duplicate !== undefined) out.set(position, duplicate);
      }
      return out;
    });
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
  async leafByEventId(eventId: string): Promise<LeafRecord | undefined> {
    return this.#run('reading leaves', () => {
      const leaf = this.#sql.leafOfEventId.get(eventId);
      return leaf === undefined ? undefined : this.#leaves(leaf, 1)[0];
    });
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the port is async
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#ownsDatabase && this.#db.open) this.#db.close();
  }
}

/** Options of `openSqliteMerkleStateStore`: a shared handle, or a file of its own. */
export type SqliteMerkleStateStoreOptions = (
  | { readonly database: LedgerDatabase; readonly path?: never }
  | { readonly path: string; readonly database?: never }
) & {
  /**
   * Commit steps with synchronous=FULL too (one fsync per step) instead of
   * NORMAL; default false (see the module comment).
   */
  readonly fsyncEachStep?: boolean;
};

/**
 * Opens the sequencer's tables (creating them if needed) on a shared handle
 * from `openLedgerDatabase` (left open by `close()`), or on a file of its own
 * (opened with the same durability, closed by `close()`). Throws
 * LDG_ERR_CONFIG for a handle without WAL and synchronous=FULL,
 * LDG_ERR_STORE_UNAVAILABLE when the file cannot be opened.
 */
export function openSqliteMerkleStateStore(
  options: SqliteMerkleStateStoreOptions,
): MerkleStateStore {
  if (options.database !== undefined) {
    assertLedgerDatabase(options.database);
    return new SqliteMerkleState(options.database, false, options.fsyncEachStep !== true);
  }
  const db = openLedgerDatabase(options.path);
  try {
    return new SqliteMerkleState(db, true, options.fsyncEachStep !== true);
  } catch (error) {
    db.close();
    throw error;
  }
}

/** A run of leaves at consecutive store positions: leaves first_leaf .. first_leaf + count - 1. */
export interface LeafRun {
  readonly firstLeaf: number;
  readonly firstPosition: number;
  readonly count: number;
}

/** Synchronous reads of the leaf → position mapping, for readers sharing the database. */
export interface SqliteLeafPositions {
  /** The store position of leaf `leaf`, undefined when the log has no such leaf. */
  positionOf(leaf: number): number | undefined;
  /** The runs covering leaves [first, end), in leaf order, clipped to that range. */
  runs(first: number, end: number): LeafRun[];
}

/**
 * Leaf → position lookups on a database holding the sequencer's tables (the
 * archiver and other readers in the process read through this rather than
 * through the table layout, which stores runs: see the module comment).
 */
export function sqliteLeafPositions(db: LedgerDatabase): SqliteLeafPositions {
  let atLeaf: Database.Statement<[number], RunRow>;
  let between: Database.Statement<[number, number], RunRow>;
  try {
    atLeaf = db.prepare<[number], RunRow>(
      'SELECT first_leaf, first_position, count FROM merkle_leaf_runs WHERE first_leaf <= ? ORDER BY first_leaf DESC LIMIT 1',
    );
    between = db.prepare<[number, number], RunRow>(
      'SELECT first_leaf, first_position, count FROM merkle_leaf_runs WHERE first_leaf > ? AND first_leaf < ? ORDER BY first_leaf',
    );
  } catch (error) {
    throw translateSqliteError(error, 'preparing reads of merkle_leaf_runs');
  }
  const run = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      throw translateSqliteError(error, 'reading merkle_leaf_runs');
    }
  };
  return {
    positionOf(leaf) {
      const r = run(() => atLeaf.get(leaf));
      return r !== undefined && leaf < r.first_leaf + r.count
        ? r.first_position + (leaf - r.first_leaf)
        : undefined;
    },
    runs(first, end) {
      const rows = run(() => between.all(first, end));
      const containing = run(() => atLeaf.get(first));
      if (containing !== undefined) rows.unshift(containing);
      const out: LeafRun[] = [];
      for (const r of rows) {
        const from = Math.max(first, r.first_leaf);
        const to = Math.min(end, r.first_leaf + r.count);
        if (from < to) {
          out.push({
            firstLeaf: from,
            firstPosition: r.first_position + (from - r.first_leaf),
            count: to - from,
          });
        }
      }
      return out;
    },
  };
}
