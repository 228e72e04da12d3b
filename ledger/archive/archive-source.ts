/**
 * What the archiver needs from the rest of the ledger, as one small port: the
 * signed checkpoints and the leaf data the sequencer produced, and a way to
 * record a ledger-internal event (`BundleArchived`) in the log.
 *
 * The archiver never computes leaf indices itself: leaf `i` is whatever the
 * sequencer made it (the `LedgerEntry` bytes it hashed). It does recompute the
 * tree from those bytes, and refuses to seal a range whose root differs from
 * the signed checkpoint, so a source that returns the wrong entries is caught.
 *
 * Adapters: `sequencer-source.ts` (over the sequencer's SQLite tables and the
 * event store).
 */

import type { NewEvent } from '../store/event-store.js';

/** One checkpoint the sequencer signed: its size, root and the signed note exactly as issued. */
export interface SignedCheckpoint {
  /** Tree size (number of leaves), a non-negative safe integer. */
  readonly size: number;
  /** RFC 9162 root hash of the tree of `size` (32 bytes). */
  readonly rootHash: Uint8Array;
  /** The C2SP signed note (tlog-checkpoint body plus signature lines), UTF-8. */
  readonly note: Uint8Array;
}

/**
 * The sequencer's state as the archiver reads it. Every method may throw a
 * `LedgerError` (e.g. `LDG_ERR_STORE_UNAVAILABLE`); the archiver retries on
 * its next round.
 *
 * Requirements on an implementation:
 * - at most one signed checkpoint per size, and its note never changes once
 *   issued (bundle bytes are a pure function of their range: they embed it);
 * - `entries(from, to)` returns exactly `to - from` LedgerEntry encodings,
 *   leaf `from` first, for any `to` up to the latest checkpoint's size.
 */
export interface ArchiveSource {
  /** The origin line of the log's checkpoints, e.g. `ledger.example.com/acme`. */
  readonly origin: string;

  /** The most recent signed checkpoint, or null before the first one. */
  latestCheckpoint(): Promise<SignedCheckpoint | null>;

  /** The signed checkpoint of exactly `size` leaves, or null when none was issued at that size. */
  checkpointAt(size: number): Promise<SignedCheckpoint | null>;

  /**
   * The signed checkpoint of the largest size <= `size`, or null when none is
   * that small.
   */
  checkpointAtOrBefore(size: number): Promise<SignedCheckpoint | null>;

  /**
   * Signed checkpoints with a size greater than `after`, smallest first, at
   * most `limit` of them (`after` = -1 starts at the beginning).
   */
  checkpointsAfter(after: number, limit: number): Promise<readonly SignedCheckpoint[]>;

  /**
   * The LedgerEntry bytes (the Merkle leaf data) of leaves [from, to), in
   * order. Requires 0 <= from <= to <= the latest checkpoint's size.
   */
  entries(from: number, to: number): Promise<readonly Uint8Array[]>;

  /**
   * Appends one ledger-internal event to the log (e.g. `BundleArchived`),
   * idempotently on its `eventId`: appending the same id again writes nothing.
   * Resolves once it is durable.
   */
  appendEvent(event: NewEvent): Promise<void>;
}
