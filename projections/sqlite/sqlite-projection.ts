/**
 * What the SQLite view store needs from each of its projections. Projections
 * run inside the store's apply transaction and never commit themselves.
 */
import type Database from 'better-sqlite3';
import type { ProjectedEvent, ProjectionName } from '../view-store.js';

/** Bumped when any view table changes shape: every projection is then rebuilt. */
export const VIEWS_SCHEMA_VERSION = 2;

export interface SqliteProjection {
  readonly name: ProjectionName;
  /** Definition version; a stored checkpoint with another one means "rebuild". */
  readonly version: string;
  /** Tables (with their indexes) that hold the projection's rows; dropped by reset. */
  readonly tables: readonly string[];
  /** Idempotent DDL creating `tables`. */
  readonly ddl: string;
  /**
   * Applies `events[from..]` (in position order). Runs inside a write
   * transaction the caller commits together with the checkpoint.
   */
  apply(events: readonly ProjectedEvent[], from: number): void;
}

/** A statement cache for queries built from filters (a bounded number of shapes). */
export class StatementCache {
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement<unknown[], unknown>>();

  constructor(db: Database.Database) {
    this.#db = db;
  }

  get<R>(sql: string): Database.Statement<unknown[], R> {
    let s = this.#statements.get(sql);
    if (s === undefined) {
      s = this.#db.prepare<unknown[], unknown>(sql);
      this.#statements.set(sql, s);
    }
    return s as Database.Statement<unknown[], R>;
  }
}

/** Adds the keyset, time window and snapshot conditions of a time-ordered list on `alias`. */
export function pageConditions(
  alias: string,
  timeColumn: string,
  positionColumn: string,
  q: {
    readonly from?: number;
    readonly to?: number;
    readonly asOf: number;
    readonly after?: { readonly at: number; readonly position: number };
  },
  where: string[],
  params: unknown[],
): void {
  const t = `${alias}.${timeColumn}`;
  const p = `${alias}.${positionColumn}`;
  if (q.from !== undefined) {
    where.push(`${t} >= ?`);
    params.push(q.from);
  }
  if (q.to !== undefined) {
    where.push(`${t} < ?`);
    params.push(q.to);
  }
  if (q.after !== undefined) {
    // the plain bound on the time column is redundant with the row value, but it is what lets
    // SQLite start the index range at the page instead of rescanning every earlier row
    where.push(`${t} >= ?`, `(${t}, ${p}) > (?, ?)`);
    params.push(q.after.at, q.after.at, q.after.position);
  }
  where.push(`${p} <= ?`);
  params.push(q.asOf);
}

/**
 * Buffers rows for one table and inserts them `chunkRows` at a time with one
 * multi-row INSERT (one statement step for many rows: less per-row overhead
 * between JavaScript and SQLite); `flush()` writes the rest in chunks of 8
 * then row by row. Only for tables nothing reads back inside the same batch.
 *
 * Hot loops fill rows in place, without an array per row:
 * `const at = buf.next(); buf.values[at] = …; buf.values[at + 1] = …; buf.added();`
 */
export class RowBuffer {
  /** The pending rows' values, row after row; write a new row from `next()`. */
  readonly values: unknown[];
  readonly #width: number;
  readonly #chunkRows: number;
  readonly #one: Database.Statement<unknown[]>;
  readonly #eight: Database.Statement<unknown[]>;
  readonly #many: Database.Statement<unknown[]>;
  #length = 0;

  constructor(db: Database.Database, table: string, columns: readonly string[], chunkRows = 64) {
    this.#width = columns.length;
    this.#chunkRows = chunkRows;
    const row = `(${columns.map(() => '?').join(', ')})`;
    const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
    const rows = (n: number): string => head + Array.from({ length: n }, () => row).join(', ');
    this.#one = db.prepare<unknown[]>(rows(1));
    this.#eight = db.prepare<unknown[]>(rows(8));
    this.#many = db.prepare<unknown[]>(rows(chunkRows));
    this.values = new Array<unknown>(this.#width * chunkRows).fill(null);
  }

  /** Offset in `values` of the next row's first value. */
  next(): number {
    return this.#length * this.#width;
  }

  /** Counts the row written at `next()`; writes a full chunk at once. */
  added(): void {
    if (++this.#length === this.#chunkRows) {
      this.#many.run(this.values);
      this.#length = 0;
    }
  }

  /** Adds one row (values in column order). */
  push(...row: unknown[]): void {
    const at = this.next();
    for (let i = 0; i < this.#width; i++) this.values[at + i] = row[i];
    this.added();
  }

  /** Writes the rows not yet written; call before the transaction commits. */
  flush(): void {
    const w = this.#width;
    let r = 0;
    for (; r + 8 <= this.#length; r += 8) this.#eight.run(this.values.slice(r * w, (r + 8) * w));
    for (; r < this.#length; r++) this.#one.run(this.values.slice(r * w, (r + 1) * w));
    this.#length = 0;
  }

  /** Forgets unwritten rows (after a failed batch). */
  clear(): void {
    this.#length = 0;
  }
}
