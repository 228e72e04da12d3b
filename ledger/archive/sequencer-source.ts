/**
 * The sequencer's state as the archiver reads it (`ArchiveSource`):
 *
 * - checkpoints from the sequencer's `MerkleStateStore` (each signed note
 *   exactly as issued, one per size);
 * - entries: for each leaf, the LedgerEntry the sequencer hashed, rebuilt
 *   from its leaf record and the stored event (`LeafEntryWriter`, the
 *   sequencer's own encoder) through the `MerkleLogReader`;
 * - `appendEvent`: the event store's `append` (idempotent on event_id).
 *
 * With `database` (the SQLite file holding the sequencer's tables:
 * ledger.db, or sequencer.db beside EventStoreDB), range queries over the
 * checkpoints run in SQL on the sequencer's `merkle_checkpoints` table
 * (`MERKLE_TABLES.checkpoints`, read only) instead of listing every
 * checkpoint; with `sqliteEvents` as well (the embedded deployment, where
 * `ledger_events` is in that file), the events of a run of leaves at
 * consecutive store positions are read with one range scan instead of
 * through the store's port.
 */

import { LedgerError } from '../errors.js';
import { LeafEntryWriter } from '../sequencer/leaf-entry.js';
import type { MerkleLogReader } from '../sequencer/log-reader.js';
import type { CheckpointRecord, MerkleStateStore } from '../sequencer/merkle-state-store.js';
import { MERKLE_TABLES } from '../sequencer/sqlite-merkle-state-store.js';
import type { AppendResult, NewEvent } from '../store/event-store.js';
import { translateSqliteError } from '../store/sqlite-database.js';
import type { LedgerDatabase } from '../store/sqlite-database.js';
import { SQLITE_EVENTS_TABLE } from '../store/sqlite-event-store.js';
import type { ArchiveSource, SignedCheckpoint } from './archive-source.js';

/** Bytes per buffer the rebuilt entries are copied into. */
const PAGE_BYTES = 4 << 20;

/** Leaves read per page when rebuilding entries (the event loop gets a turn between pages). */
export const ENTRIES_PAGE = 2048;

/** Where the archiver's ledger-internal events go (an EventStore). */
export interface ArchiveEventSink {
  append(events: readonly NewEvent[]): Promise<AppendResult[]>;
}

/** Options of `createSequencerArchiveSource`. */
export interface SequencerArchiveSourceOptions {
  /** The log's origin (the sequencer's signing key name). */
  readonly origin: string;
  readonly state: MerkleStateStore;
  readonly reader: MerkleLogReader;
  /** The event store: `BundleArchived` events are appended there. */
  readonly events: ArchiveEventSink;
  /** The SQLite handle holding the sequencer's tables, for range queries in SQL. */
  readonly database?: LedgerDatabase;
  /** True when `ledger_events` lives in `database` too (the embedded deployment). */
  readonly sqliteEvents?: boolean;
}

const encoder = new TextEncoder();

function toSigned(c: CheckpointRecord | undefined): SignedCheckpoint | null {
  return c === undefined
    ? null
    : { size: c.size, rootHash: c.rootHash, note: encoder.encode(c.note) };
}

interface CheckpointRow {
  size: number;
  root: Uint8Array;
  note: string;
}

/** [position, recorded_at, data] */
type EventRow = [number, number, Uint8Array];

/**
 * Copies entries the writer produced into one buffer and returns views into it
 * (one allocation per page instead of one per leaf).
 */
class EntryPage {
  // every byte is written before it is read: no need to zero-fill
  #buffer: Uint8Array = Buffer.allocUnsafe(PAGE_BYTES);
  #at = 0;
  readonly out: Uint8Array[] = [];

  push(entry: Uint8Array): void {
    if (this.#at + entry.length > this.#buffer.length) {
      this.#buffer = Buffer.allocUnsafe(Math.max(PAGE_BYTES, entry.length));
      this.#at = 0;
    }
    this.#buffer.set(entry, this.#at);
    this.out.push(this.#buffer.subarray(this.#at, this.#at + entry.length));
    this.#at += entry.length;
  }
}

/** The archiver's view of the sequencer (see the module comment). */
export function createSequencerArchiveSource(
  options: SequencerArchiveSourceOptions,
): ArchiveSource {
  const { origin, state, reader, events, database } = options;
  const writer = new LeafEntryWriter();

  const run = <T>(doing: string, fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      throw translateSqliteError(error, doing);
    }
  };
  const cp = MERKLE_TABLES.checkpoints;
  const sql =
    database === undefined
      ? null
      : run('preparing reads of the sequencer tables', () => ({
          atOrBefore: database.prepare<[number], CheckpointRow>(
            `SELECT size, root, note FROM ${cp} WHERE size <= ? ORDER BY size DESC LIMIT 1`,
          ),
          after: database.prepare<[number, number], CheckpointRow>(
            `SELECT size, root, note FROM ${cp} WHERE size > ? ORDER BY size LIMIT ?`,
          ),
          events:
            options.sqliteEvents === true
              ? database
                  .prepare<[number, number], EventRow>(
                    `SELECT position, recorded_at, data FROM ${SQLITE_EVENTS_TABLE}
                     WHERE position >= ? AND position <= ? ORDER BY position`,
                  )
                  .raw()
              : null,
        }));
  const fromRow = (row: CheckpointRow | undefined): SignedCheckpoint | null =>
    row === undefined
      ? null
      : { size: row.size, rootHash: new Uint8Array(row.root), note: encoder.encode(row.note) };

  async function allCheckpoints(): Promise<SignedCheckpoint[]> {
    return (await state.checkpoints()).map((c) => toSigned(c) as SignedCheckpoint);
  }

  /**
   * Leaves [at, at + count) whose events sit at consecutive store positions
   * (no skipped duplicate between them: always so on the SQLite store, whose
   * ids are unique) are read with one range scan of the events table.
   * False when they are not, or not all there (the caller reads them leaf by
   * leaf, which names what is missing).
   */
  async function contiguousFromSql(at: number, count: number, page: EntryPage): Promise<boolean> {
    const events = sql?.events;
    if (events == null) return false;
    // leaves are in store order: when the last sits count - 1 positions after
    // the first, the ones between fill every position in between
    const [first] = await state.leaves(at, 1);
    const [last] = await state.leaves(at + count - 1, 1);
    if (
      first === undefined ||
      last === undefined ||
      first.leafIndex !== at ||
      last.leafIndex !== at + count - 1 ||
      last.position - first.position !== count - 1
    ) {
      return false;
    }
    const rows = run('reading events', () => events.all(first.position, last.position));
    if (rows.length !== count) return false;
    for (let k = 0; k < count; k++) {
      const [position, recordedAt, data] = rows[k] as EventRow;
      page.push(writer.write(data, recordedAt, position, at + k));
    }
    return true;
  }

  return {
    origin,
    latestCheckpoint: async () => toSigned(await state.latestCheckpoint()),
    checkpointAt: async (size) => toSigned(await state.checkpointAt(size)),
    async checkpointAtOrBefore(size) {
      if (sql !== null) return fromRow(run('reading checkpoints', () => sql.atOrBefore.get(size)));
      const all = await allCheckpoints();
      return all.filter((c) => c.size <= size).at(-1) ?? null;
    },
    async checkpointsAfter(after, limit) {
      if (sql !== null) {
        return run('reading checkpoints', () => sql.after.all(after, limit)).map(
          (r) => fromRow(r) as SignedCheckpoint,
        );
      }
      return (await allCheckpoints()).filter((c) => c.size > after).slice(0, limit);
    },
    async entries(from, to) {
      const page = new EntryPage();
      for (let at = from; at < to; at += ENTRIES_PAGE) {
        const count = Math.min(ENTRIES_PAGE, to - at);
        // let I/O in flight (an upload) move between pages
        if (at > from) await new Promise((resolve) => setImmediate(resolve));
        if (await contiguousFromSql(at, count, page)) continue;
        const leaves = await reader.leafEvents(at, count);
        if (leaves === undefined) {
          throw new LedgerError(
            'LDG_ERR_INTERNAL',
            `leaves [${at}, ${at + count}) are not in the log`,
          );
        }
        for (const { leaf, event } of leaves) {
          page.push(writer.write(event.data, event.recordedAt, event.position, leaf.leafIndex));
        }
      }
      return page.out;
    },
    async appendEvent(event) {
      await events.append([event]);
    },
  };
}
