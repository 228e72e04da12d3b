/**
 * The EventStore port: one ordered, append-only log of audit events.
 *
 * Positions are the port's global order: non-negative safe integers, strictly
 * increasing in append order (dense from 0 in the SQLite adapter; sparse in the
 * EventStoreDB adapter, where they map the server's `$all` position). Readers
 * and subscribers resume with `after`, the last position they processed
 * (exclusive), or `-1` (`START`) for the beginning.
 */

/** Resume token meaning "from the first event". */
export const START = -1;

/** An event to append, with the metadata every adapter needs for routing. */
export interface NewEvent {
  /** The idempotency key (a UUID chosen by the producer). */
  readonly eventId: string;
  readonly tenantId: string;
  readonly sessionId: string;
  /** Payload case, e.g. `session_opened`, `checkpoint_signed`. */
  readonly type: string;
  /** The exact AuditEvent bytes the producer sent. */
  readonly data: Uint8Array;
}

export interface AppendResult {
  readonly eventId: string;
  readonly position: number;
  /** True when this event_id was already stored: `position` is the original one. */
  readonly duplicate: boolean;
}

export interface StoredEvent {
  readonly position: number;
  readonly eventId: string;
  readonly tenantId: string;
  readonly sessionId: string;
  readonly type: string;
  /** When the store made the event durable, unix milliseconds. */
  readonly recordedAt: number;
  readonly data: Uint8Array;
}

export interface ReadOptions {
  /** Exclusive lower bound: the last position already processed, or START. */
  readonly after: number;
  /** At most this many events (default DEFAULT_READ_LIMIT). */
  readonly limit?: number;
}

export interface SubscribeOptions {
  /** Exclusive lower bound: the last position already processed, or START. */
  readonly after: number;
  /** Largest batch handed to the consumer (default DEFAULT_SUBSCRIBE_BATCH). */
  readonly batchSize?: number;
  /** Ends the subscription (the iterator returns). */
  readonly signal?: AbortSignal;
}

export const DEFAULT_READ_LIMIT = 1000;
export const DEFAULT_SUBSCRIBE_BATCH = 1000;

export interface EventStore {
  /**
   * Appends a batch atomically: either every new event is durable, or none is.
   * Idempotent on eventId: an already-stored id is not written again and is
   * answered with its original position and `duplicate: true`. Results are in
   * input order. Resolves only once the events are durable.
   */
  append(events: readonly NewEvent[]): Promise<AppendResult[]>;

  /** Events with position > after, in order, at most `limit`. */
  read(options: ReadOptions): Promise<StoredEvent[]>;

  /**
   * Catch-up, then live: yields batches of events with position > after, in
   * order, forever (until `signal` aborts or the store closes). Pull-based, so
   * a slow consumer slows only its own subscription (backpressure).
   */
  subscribe(options: SubscribeOptions): AsyncIterable<StoredEvent[]>;

  /** Position of the last stored event, or START when the store is empty. */
  head(): Promise<number>;

  /** Finishes in-flight appends, then releases resources. Idempotent. */
  close(): Promise<void>;
}
