/**
 * What the sequencer reads: the store's events in position order. Any
 * `EventStore` serves through `eventStoreSource`; the embedded SQLite store
 * has a faster reader of its own (sqlite-sequencer-source.ts) that reads only
 * the three columns a leaf needs.
 */
import type { EventStore, StoredEvent } from '../store/event-store.js';

import { MAX_READ_LIMIT } from '../store/event-store-validation.js';

/** The part of a stored event that goes into its leaf (plus its id where the store can repeat ids). */
export interface SourceEvent {
  readonly position: number;
  /** when the store made it durable, unix ms */
  readonly recordedAt: number;
  /** the exact AuditEvent bytes */
  readonly data: Uint8Array;
  /** required when the source's `uniqueEventIds` is false */
  readonly eventId?: string;
}

/**
 * A page of events packed into a few arrays instead of one object (and one
 * Buffer) per event: event `i` is at `positions[i]`, recorded at
 * `recordedAt[i]`, and its bytes are `bytes[ends[i - 1] ?? 0, ends[i])`.
 * Positions ascend. Creating a Buffer per stored row costs several times
 * what hashing it does, so the embedded store's reader hands pages over
 * like this (sqlite-sequencer-source.ts).
 */
export interface PackedEvents {
  readonly count: number;
  readonly positions: Float64Array;
  readonly recordedAt: Float64Array;
  readonly ends: Float64Array;
  readonly bytes: Uint8Array;
}

/** The sequencer's view of the store. */
export interface SequencerSource {
  /**
   * True when the store itself never holds one event id twice (a unique
   * index), so the sequencer need not remember ids to skip repeats.
   */
  readonly uniqueEventIds: boolean;

  /**
   * Catch-up, then live: batches of at most `batchSize` events with
   * position > `after`, in order, until `signal` aborts. Yields to the event
   * loop between batches.
   */
  batches(
    after: number,
    batchSize: number,
    signal: AbortSignal,
  ): AsyncIterable<readonly SourceEvent[]>;

  /**
   * Like `batches`, but as packed pages (see PackedEvents). Optional; only
   * for sources whose `uniqueEventIds` is true, since pages carry no ids.
   */
  packedBatches?(
    after: number,
    batchSize: number,
    signal: AbortSignal,
  ): AsyncIterable<PackedEvents>;

  /** Whole stored events with position > `after`, in order, at most `limit` (for bundles and proofs). */
  read(after: number, limit: number): Promise<StoredEvent[]>;

  /** The last stored position, START when empty. */
  head(): Promise<number>;

  /** The same, synchronously, when the store can answer at once (for metrics). */
  headSync?(): number;

  /** The position of the stored event with this id, when the store can look ids up. */
  positionOf?(eventId: string): Promise<number | undefined>;

  /**
   * The events at positions `from` <= p < `to`, in order (a position without
   * an event is absent), for stores whose positions are plain integers one
   * apart (SQLite): a bundle's events in one read.
   */
  readRange?(from: number, to: number): Promise<SourceEvent[]>;
}

/**
 * A source over any EventStore, through its `subscribe` and `read`. Event ids
 * are treated as repeatable unless `uniqueEventIds` says otherwise (the
 * EventStoreDB adapter deduplicates per stream only).
 */
export function eventStoreSource(
  store: EventStore,
  options: { readonly uniqueEventIds?: boolean } = {},
): SequencerSource {
  return {
    uniqueEventIds: options.uniqueEventIds ?? false,
    batches(after, batchSize, signal) {
      return store.subscribe({
        after,
        batchSize: Math.min(Math.max(1, batchSize), MAX_READ_LIMIT),
        signal,
      });
    },
    read(after, limit) {
      return store.read({ after, limit: Math.min(Math.max(1, limit), MAX_READ_LIMIT) });
    },
    head: () => store.head(),
  };
}
