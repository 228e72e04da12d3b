/**
 * A data directory's ledger.db, opened read-only, as a `LogSource` for the
 * offline verifier (`audit-ledger verify-log --data DIR`).
 *
 * It builds entry bundles exactly as the server does — each leaf's event from
 * `ledger_events`, found through the leaf → position runs, wrapped in its
 * LedgerEntry — so what is verified is the stored data itself. Nothing here
 * is trusted by the verifier; a leaf without a mapping or without its event
 * row is reported as LDG_ERR_TAMPERED naming the leaf (and whether every
 * later one is gone too: a truncation), and `audit` finds stored events that
 * belong to no leaf.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { LedgerError } from '../errors.js';
import { HASH_SIZE } from '../merkle/hasher.js';
import { TILE_WIDTH } from '../merkle/tiles.js';
import type { TileId } from '../merkle/tiles.js';
import { translateSqliteError } from '../store/sqlite-database.js';
import { SQLITE_EVENTS_TABLE } from '../store/sqlite-event-store.js';
import { packsBlobs } from '../store/sqlite-packed-page.js';
import type { LogSource, SourceProblem } from '../verify/log-source.js';
import type { EntryProblem, HashedBundle } from '../verify/bundle-hash.js';
import { CHECKPOINT_SIGNED_FIELD } from './checkpoint-event.js';
import { LeafEntryWriter, hasTopLevelField } from './leaf-entry.js';
import type { PackedEvents } from './sequencer-source.js';
import { MERKLE_TABLES } from './sqlite-merkle-state-store.js';
import { unpackPage } from './sqlite-sequencer-source.js';

const TRUNCATED = ', and so is every later one: the log was truncated';

/** [position, recorded_at, data] */
type EventRow = [number, number, Uint8Array];

/** [rows, "position,recorded_at,length,...", data concatenated] (see sqlite-sequencer-source.ts) */
type PackedRow = [number, string | null, Uint8Array | null];

/** A data directory's ledger as a LogSource that can also hash its own bundles. */
export interface SqliteLedgerReader extends LogSource {
  /**
   * Bundle `index` of `width` entries hashed straight from the stored events:
   * the HashedBundle `hashBundle(await entryBundle(index, width), ...)` gives,
   * without framing the bundle and parsing it back (the entries are written
   * here, so each names its own leaf). Throws like `entryBundle`.
   */
  hashedBundle(index: number, width: number): HashedBundle;
}

interface RunRow {
  first_leaf: number;
  first_position: number;
  count: number;
}

/** Opens `path` (a ledger.db) read-only. LDG_ERR_NOT_FOUND when it does not exist or holds no log. */
export function openSqliteLedgerReader(path: string): SqliteLedgerReader {
  if (!existsSync(path)) throw new LedgerError('LDG_ERR_NOT_FOUND', `${path} does not exist`);
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw translateSqliteError(error, `opening ${path} read-only`);
  }
  const run = <T>(doing: string, fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      throw translateSqliteError(error, doing);
    }
  };
  const e = SQLITE_EVENTS_TABLE;
  const runs = MERKLE_TABLES.leafRuns;
  const dups = MERKLE_TABLES.duplicates;
  const tiles = MERKLE_TABLES.tiles;
  const cps = MERKLE_TABLES.checkpoints;
  const hasTable = db
    .prepare<[string], number>(
      "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?",
    )
    .pluck();
  for (const table of [e, runs, dups, tiles, cps]) {
    if (run('reading the schema', () => hasTable.get(table)) !== 1) {
      db.close();
      throw new LedgerError(
        'LDG_ERR_NOT_FOUND',
        `${path} has no ${table} table: not a sequenced ledger`,
      );
    }
  }
  const cols = 'first_leaf, first_position, count';
  const sql = run('preparing reads', () => ({
    latest: db.prepare<[], string>(`SELECT note FROM ${cps} ORDER BY size DESC LIMIT 1`).pluck(),
    notes: db.prepare<[], string>(`SELECT note FROM ${cps} ORDER BY size`).pluck(),
    runAtLeaf: db.prepare<[number], RunRow>(
      `SELECT ${cols} FROM ${runs} WHERE first_leaf <= ? ORDER BY first_leaf DESC LIMIT 1`,
    ),
    runsBetween: db.prepare<[number, number], RunRow>(
      `SELECT ${cols} FROM ${runs} WHERE first_leaf > ? AND first_leaf < ? ORDER BY first_leaf`,
    ),
    laterRuns: db
      .prepare<[number], number>(`SELECT count(*) FROM ${runs} WHERE first_leaf + count > ?`)
      .pluck(),
    events: db
      .prepare<[number, number], EventRow>(
        `SELECT position, recorded_at, data FROM ${e} WHERE position >= ? AND position < ? ORDER BY position`,
      )
      .raw(),
    // one row per read: numbers as one string, data as one blob (see sqlite-sequencer-source.ts);
    // a range of the rowid is scanned in order, which unpackPage checks
    packedEvents: packsBlobs(db)
      ? db
          .prepare<[number, number], PackedRow>(
            `SELECT count(*), group_concat(position || ',' || recorded_at || ',' || length(data), ','),
                      CAST(group_concat(data, '') AS BLOB)
               FROM ${e} WHERE position >= ? AND position < ?`,
          )
          .raw()
      : undefined,
    laterEvents: db
      .prepare<[number], number>(`SELECT count(*) FROM ${e} WHERE position > ?`)
      .pluck(),
    tile: db.prepare<[number, number], { width: number; data: Uint8Array }>(
      `SELECT width, data FROM ${tiles} WHERE level = ? AND idx = ?`,
    ),
    allRuns: db.prepare<[], RunRow>(`SELECT ${cols} FROM ${runs} ORDER BY first_position`),
    strayInGap: db
      .prepare<[number, number], number>(
        `SELECT e.position FROM ${e} e
         WHERE e.position > ? AND e.position < ?
           AND NOT EXISTS (SELECT 1 FROM ${dups} d WHERE d.position = e.position)
         ORDER BY e.position LIMIT 1`,
      )
      .pluck(),
  }));
  const writer = new LeafEntryWriter();

  /** The runs covering leaves [first, end), in leaf order. */
  const runsOf = (first: number, end: number): RunRow[] =>
    run('reading the leaf mapping', () => {
      const found = sql.runsBetween.all(first, end);
      const containing = sql.runAtLeaf.get(first);
      if (containing !== undefined) found.unshift(containing);
      return found;
    });

  const missingLeaf = (leaf: number): LedgerError => {
    const truncated = run('reading the leaf mapping', () => sql.laterRuns.get(leaf)) === 0;
    return new LedgerError(
      'LDG_ERR_TAMPERED',
      `leaf ${leaf}: no ${runs} row maps it to a store position${truncated ? TRUNCATED : ''}`,
    );
  };

  const strayProblem = (position: number): SourceProblem => ({
    place: `store position ${position}`,
    message: `${e} holds an event there that is in no leaf of the log (inserted after the fact?)`,
  });

  const missingEvent = (leaf: number, position: number): LedgerError => {
    const truncated = run('reading events', () => sql.laterEvents.get(position)) === 0;
    return new LedgerError(
      'LDG_ERR_TAMPERED',
      `leaf ${leaf}: the event at store position ${position} is missing from ${e}${truncated ? TRUNCATED : ''}`,
    );
  };

  /** The events at positions [from, to), packed; rows may be missing (gaps). */
  const readEvents = (from: number, to: number): PackedEvents =>
    run('reading events', () => {
      if (sql.packedEvents === undefined) {
        const rows = sql.events.all(from, to);
        const count = rows.length;
        const page = {
          count,
          positions: new Float64Array(count),
          recordedAt: new Float64Array(count),
          ends: new Float64Array(count),
          bytes: new Uint8Array(rows.reduce((n, r) => n + r[2].length, 0)),
        };
        let end = 0;
        rows.forEach(([position, recordedAt, data], i) => {
          page.positions[i] = position;
          page.recordedAt[i] = recordedAt;
          page.bytes.set(data, end);
          end += data.length;
          page.ends[i] = end;
        });
        return page;
      }
      const [count, meta, bytes] = sql.packedEvents.get(from, to) ?? [0, null, null];
      return unpackPage(count, meta ?? '', bytes ?? new Uint8Array(0), from - 1);
    });

  /**
   * Calls `fn` for each leaf of bundle `index` (`width` leaves) in order, with
   * its event: row `i` of `page`, whose bytes start at `start`. A leaf without
   * a mapping or without its event throws LDG_ERR_TAMPERED naming it.
   */
  const forEachEvent = (
    index: number,
    width: number,
    fn: (page: PackedEvents, i: number, start: number, leaf: number) => void,
  ): void => {
    const first = index * TILE_WIDTH;
    const end = first + width;
    let leaf = first;
    for (const r of runsOf(first, end)) {
      const from = Math.max(leaf, r.first_leaf);
      const to = Math.min(end, r.first_leaf + r.count);
      if (from >= to) continue;
      if (from > leaf) throw missingLeaf(leaf);
      const firstPosition = r.first_position + (from - r.first_leaf);
      const page = readEvents(firstPosition, firstPosition + (to - from));
      let start = 0;
      for (let k = 0; k < to - from; k++) {
        const position = firstPosition + k;
        if (k >= page.count || page.positions[k] !== position)
          throw missingEvent(from + k, position);
        fn(page, k, start, from + k);
        start = page.ends[k] as number;
      }
      leaf = to;
    }
    if (leaf < end) throw missingLeaf(leaf);
  };

  return {
    description: `data directory database ${path}`,
    databasePath: path,
    // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
    async latestCheckpoint() {
      return run('reading checkpoints', () => sql.latest.get());
    },
    // eslint-disable-next-line @typescript-eslint/require-await -- the port is an async iterable
    async *knownCheckpoints() {
      const notes = run('reading checkpoints', () => sql.notes.all());
      for (const note of notes) yield note;
    },
    // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
    async entryBundle(index, width) {
      // one buffer per bundle, grown when needed: entries are copied once, framed in place
      let bundle = new Uint8Array(width * 512);
      let at = 0;
      forEachEvent(index, width, (page, i, start, leaf) => {
        const position = page.positions[i] as number;
        const event = page.bytes.subarray(start, page.ends[i]);
        const entry = writer.write(event, page.recordedAt[i] as number, position, leaf);
        if (at + 2 + entry.length > bundle.length) {
          const bigger = new Uint8Array(Math.max(2 * bundle.length, at + 2 + entry.length));
          bigger.set(bundle.subarray(0, at));
          bundle = bigger;
        }
        bundle[at] = entry.length >>> 8;
        bundle[at + 1] = entry.length & 0xff;
        bundle.set(entry, at + 2);
        at += 2 + entry.length;
      });
      return bundle.subarray(0, at);
    },
    hashedBundle(index, width) {
      const first = index * TILE_WIDTH;
      const leafHashes = new Uint8Array(width * HASH_SIZE);
      const checkpointEvents: { leaf: number; event: Uint8Array }[] = [];
      const problems: EntryProblem[] = [];
      let loaded: PackedEvents | undefined;
      forEachEvent(index, width, (page, i, start, leaf) => {
        const end = page.ends[i] as number;
        const bytes = page.bytes;
        const position = page.positions[i] as number;
        const at = (leaf - first) * HASH_SIZE;
        if (page !== loaded) {
          writer.loadPage(bytes);
          loaded = page;
        }
        writer.pageLeafHashInto(
          start,
          end,
          page.recordedAt[i] as number,
          position,
          leaf,
          leafHashes,
          at,
        );
        if (hasTopLevelField(bytes, start, end, CHECKPOINT_SIGNED_FIELD)) {
          // a copy: a view would keep (and post) the whole page
          checkpointEvents.push({ leaf, event: new Uint8Array(bytes.subarray(start, end)) });
        }
      });
      return { first, count: width, leafHashes, checkpointEvents, problems, overflow: false };
    },
    // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
    async tile(tile: TileId) {
      const row = run('reading a tile', () => sql.tile.get(tile.level, tile.index));
      if (row === undefined || row.width < tile.width) return undefined;
      return new Uint8Array(row.data.subarray(0, tile.width * HASH_SIZE));
    },
    // eslint-disable-next-line @typescript-eslint/require-await -- the port is async; errors must reject
    async audit(size) {
      if (size === 0) return [];
      return run('auditing the events table', (): SourceProblem[] => {
        const [lastRun] = runsOf(size - 1, size);
        if (lastRun === undefined) return [];
        const last = lastRun.first_position + (size - 1 - lastRun.first_leaf);
        // a stored event that is neither a leaf nor a skipped duplicate lies in a gap between runs
        let covered = -1;
        for (const r of sql.allRuns.all()) {
          if (r.first_position > last) break;
          if (r.first_position > covered + 1) {
            const stray = sql.strayInGap.get(covered, r.first_position);
            if (stray !== undefined) return [strayProblem(stray)];
          }
          covered = Math.max(covered, r.first_position + r.count - 1);
        }
        return [];
      });
    },
    // eslint-disable-next-line @typescript-eslint/require-await -- the port is async
    async close() {
      if (db.open) db.close();
    },
  };
}
