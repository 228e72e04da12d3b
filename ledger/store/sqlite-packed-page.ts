/**
 * Packed pages of the SQLite event log for readers of whole events (the
 * store's `read`/`subscribe`, the raw log reader): a page of events read as ONE row
 * instead of one row per event. The row holds the events' small columns as
 * a JSON array (`json_group_array`) and their bytes concatenated into one
 * blob (`group_concat`); each event's bytes become a view into that blob.
 *
 * Why: better-sqlite3 gives every blob a Buffer of its own, and making and
 * collecting those cost more than the rest of a page read (about 3 µs per
 * event on the 2-core VMs, a third of it in V8's background threads); stream
 * readers, connectors and projections read every event this way.
 *
 * Both aggregates take the rows in one pass, so the n-th JSON entry and the
 * n-th run of bytes belong to the same row, whatever order SQLite feeds the
 * aggregate in. `unpackPage` still checks what it can (positions ascend from
 * `after`, the lengths add up to the blob) and answers undefined otherwise;
 * callers then read one row per event, as they also do when the page is too
 * big for one SQLite value (`isTooBig`).
 *
 * The sequencer's readers (ledger/sequencer/sqlite-sequencer-source.ts,
 * sqlite-ledger-reader.ts) pack pages the same way with numbers only (no
 * strings to carry), parsed into typed arrays; they share `packsBlobs`.
 */
import type Database from 'better-sqlite3';

/**
 * True when a BLOB cast to TEXT and back keeps its bytes, which packing
 * relies on: a UTF-8 database (SQLite converts the text of UTF-16 ones).
 */
export function packsBlobs(db: Database.Database): boolean {
  return db.pragma('encoding', { simple: true }) === 'UTF-8';
}

/** A prepared `packedPageSql` statement (raw rows). */
export interface PackedPageStatement {
  get(after: number, limit: number): [string, Buffer | null] | undefined;
}

/**
 * Reads one packed page: its events made by `make`, or undefined when the
 * page must be read one row per event (no statement: the database cannot
 * pack; the page is too big for one value; it does not check out).
 */
export function readPackedPage<T>(
  statement: PackedPageStatement | undefined,
  after: number,
  limit: number,
  make: (entry: readonly unknown[], data: Uint8Array) => T,
): T[] | undefined {
  if (statement === undefined) return undefined;
  let row: [string, Buffer | null] | undefined;
  try {
    row = statement.get(after, limit);
  } catch (error) {
    if (isTooBig(error)) return undefined;
    throw error;
  }
  return row && unpackPage(row[0], row[1], after, make);
}

/**
 * The SELECT of a packed page over `source` (a subquery yielding the rows in
 * position order): `columns` are SQL expressions put in each JSON entry, the
 * event's position first; the entry's last value is the length of `data`.
 */
export function packedPageSql(columns: readonly string[], source: string): string {
  return `SELECT json_group_array(json_array(${columns.join(', ')}, length(data))),
                 CAST(group_concat(data, '') AS BLOB)
          FROM (${source})`;
}

/**
 * The events of a packed page (`json`, `bytes` as the SELECT of
 * `packedPageSql` returned them), made by `make(entry, data)`; undefined
 * when the page does not check out.
 */
export function unpackPage<T>(
  json: string,
  bytes: Buffer | null,
  after: number,
  make: (entry: readonly unknown[], data: Uint8Array) => T,
): T[] | undefined {
  let entries: unknown;
  try {
    entries = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!Array.isArray(entries) || (bytes === null && entries.length > 0)) return undefined;
  const out = new Array<T>(entries.length);
  const total = bytes?.length ?? 0;
  let offset = 0;
  let last = after;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as unknown[];
    const position = entry[0];
    const length = entry[entry.length - 1];
    if (typeof position !== 'number' || position <= last) return undefined;
    if (typeof length !== 'number' || offset + length > total) return undefined;
    out[i] = make(entry, bytes!.subarray(offset, offset + length));
    offset += length;
    last = position;
  }
  return offset === total ? out : undefined;
}

/** True for SQLite's "string or blob too big" (a page too large for one value). */
export function isTooBig(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'SQLITE_TOOBIG';
}
