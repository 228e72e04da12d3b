/**
 * The distributed EventStore adapter: EventStoreDB / KurrentDB through
 * `@eventstore/db-client` 6.2.1 (gRPC).
 *
 * Streams. One stream per tenant and session, `<prefix>-<tenant>-<session>`,
 * each part percent-encoded with `-` encoded too, so the name is injective and
 * `<prefix>-` selects exactly the ledger's streams. Events are `binaryEvent`s:
 * the exact producer bytes as data, `{ tenantId, sessionId }` as JSON metadata.
 *
 * Positions. The port's position is the event's commit position in `$all`.
 * Events appended over gRPC (no explicit transactions) have commit = prepare =
 * the event's own log position, so it is unique, increases in `$all` order, and
 * `{ commit: p, prepare: p }` resumes exactly after it. Positions are sparse
 * (byte offsets in the transaction log); one beyond 2^53 - 1 (9 PiB of log) is
 * refused with LDG_ERR_INTERNAL rather than rounded. `after` must be START or a
 * position this adapter returned.
 *
 * Idempotency. The server only guarantees it when the expected revision is
 * explicit (with ANY it is best effort). So each stream's known event ids are
 * read (and cached, LRU), only unknown ids are appended, with
 * `expectedRevision` = the revision read; a concurrent writer makes that fail
 * with a wrong-expected-version error, and the append re-reads and retries.
 * Appends to one stream are serialised in-process. Limits: the scope is the
 * stream — an event id retried under another tenant or session is stored again
 * (the sequencer skips such duplicates); reading a stream's ids costs
 * O(stream length) on a cache miss; each new event's position is read back from
 * the stream, which needs EventStoreDB >= 22.6 (it fills `$all` positions on
 * stream reads).
 *
 * Atomicity. One append to one stream is atomic. A batch that spans several
 * streams cannot be: EventStoreDB has no multi-stream transaction. Such a batch
 * is appended stream by stream, in the order each stream first appears in it;
 * if one stream's append fails, the streams before it stay written and the
 * promise rejects. Retrying the whole batch is safe: the written part answers as
 * duplicates. Within a batch, positions increase per stream, not across streams.
 *
 * Reads. `readAll` has no server-side filter in this client, so `read` and
 * `head` skip events outside the prefix on the client; `head` scans `$all`
 * backwards to the ledger's newest event (cheap when the ledger owns the
 * database). `subscribe` uses `subscribeToAll` with a stream-prefix filter,
 * consumed with `for await` so a consumer that stops pulling stops the gRPC
 * flow; a dropped subscription ("consumer too slow", a disconnect) is resumed
 * from the last position handed out.
 */
import {
  BACKWARDS,
  END,
  ErrorType,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START as ESDB_START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  binaryEvent,
  isCommandError,
  streamNameFilter,
} from '@eventstore/db-client';
import type { AllStreamResolvedEvent, Position, ReadPosition } from '@eventstore/db-client';
import { LedgerError, isLedgerError } from '../errors.js';
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

export const DEFAULT_STREAM_PREFIX = 'ledger';
/** Streams whose known event ids are kept in memory. */
export const DEFAULT_DEDUPE_CACHE_STREAMS = 1000;
/** Appends to one stream retried after losing an optimistic-concurrency race. */
export const DEFAULT_MAX_APPEND_ATTEMPTS = 5;
/** Consecutive failed (re)subscriptions before the error reaches the consumer. */
export const DEFAULT_MAX_RESUBSCRIBE_ATTEMPTS = 10;
export const DEFAULT_RESUBSCRIBE_DELAY_MS = 100;
const MAX_RESUBSCRIBE_DELAY_MS = 5000;

const PREFIX_PATTERN = /^[A-Za-z0-9_.]{1,64}$/;

export interface EventStoreDbEventStoreOptions {
  /** e.g. `esdb://host:2113?tls=false`. */
  readonly connectionString: string;
  /** Letters, digits, `_` and `.` (default DEFAULT_STREAM_PREFIX); no prefix may begin another. */
  readonly streamPrefix?: string;
  readonly maxEventBytes?: number;
  readonly dedupeCacheStreams?: number;
  readonly maxAppendAttempts?: number;
  readonly maxResubscribeAttempts?: number;
  readonly resubscribeDelayMs?: number;
}

/** Cumulative counters since open. */
export interface EventStoreDbEventStoreStats {
  readonly batches: number;
  readonly eventsWritten: number;
  readonly duplicates: number;
  /** Stream appends redone after a wrong-expected-version race. */
  readonly appendRetries: number;
  readonly subscriptions: number;
  readonly resubscriptions: number;
  /** Events received from the server by subscriptions (bounded by what consumers pull). */
  readonly subscriptionEvents: number;
}

/** The EventStoreDB EventStore plus its counters. */
export interface EventStoreDbEventStore extends EventStore {
  stats(): EventStoreDbEventStoreStats;
}

/** What is known of one stream: its last revision and the $all position of each event id. */
interface KnownStream {
  /** -1n when the stream does not exist yet. */
  revision: bigint;
  readonly positions: Map<string, number>;
}

interface StreamGroup {
  readonly name: string;
  /** Indexes in the batch of the first occurrence of each event id for this stream. */
  readonly indexes: number[];
}

type Destroyable = { destroy(error?: Error): void };

function encodePart(part: string): string {
  return encodeURIComponent(part).replace(/-/g, '%2D');
}

function decodePart(part: string): string {
  return decodeURIComponent(part);
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  const v = value ?? fallback;
  if (!Number.isSafeInteger(v) || v < 1) {
    throw new LedgerError('LDG_ERR_CONFIG', `${name} must be a positive integer`);
  }
  return v;
}

/** The port's position for a commit position; refuses what a number cannot hold exactly. */
function toPortPosition(commit: bigint | undefined): number {
  if (commit === undefined) {
    throw new LedgerError(
      'LDG_ERR_CONFIG',
      'the server returned no $all position for a stream event; EventStoreDB >= 22.6 is required',
    );
  }
  if (commit < 0n || commit > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new LedgerError(
      'LDG_ERR_INTERNAL',
      `commit position ${commit.toString()} is not a safe integer`,
    );
  }
  return Number(commit);
}

function toReadPosition(after: number): ReadPosition {
  if (after === START) return ESDB_START;
  const p = BigInt(after);
  const position: Position = { commit: p, prepare: p };
  return position;
}

/** Errors after which a subscription cannot succeed by trying again. */
const PERMANENT_ERRORS: ReadonlySet<string> = new Set([
  ErrorType.ACCESS_DENIED,
  ErrorType.INVALID_ARGUMENT,
  ErrorType.UNSUPPORTED,
  ErrorType.STREAM_DELETED,
]);

function isPermanent(error: unknown): boolean {
  if (isLedgerError(error)) return true;
  return error instanceof Error && isCommandError(error) && PERMANENT_ERRORS.has(error.type);
}

/**
 * Maps a db-client error to the ledger's own: wrong expected version →
 * LDG_ERR_WRONG_EXPECTED_VERSION; append too large → LDG_ERR_PAYLOAD_TOO_LARGE;
 * deleted stream → LDG_ERR_CONFLICT; a bad request we built → LDG_ERR_INTERNAL;
 * anything else (unavailable, deadline, not leader, access denied, unknown) →
 * LDG_ERR_STORE_UNAVAILABLE. A LedgerError passes through unchanged.
 */
export function translateEventStoreDbError(error: unknown, doing: string): LedgerError {
  if (isLedgerError(error)) return error;
  if (error instanceof WrongExpectedVersionError) {
    return new LedgerError('LDG_ERR_WRONG_EXPECTED_VERSION', `${doing}: wrong expected version`, {
      cause: error,
    });
  }
  if (error instanceof Error && isCommandError(error)) {
    switch (error.type) {
      case ErrorType.MAXIMUM_APPEND_SIZE_EXCEEDED:
        return new LedgerError('LDG_ERR_PAYLOAD_TOO_LARGE', `${doing}: ${error.type}`, {
          cause: error,
        });
      case ErrorType.STREAM_DELETED:
        return new LedgerError('LDG_ERR_CONFLICT', `${doing}: ${error.type}`, { cause: error });
      case ErrorType.INVALID_ARGUMENT:
      case ErrorType.UNSUPPORTED:
        return new LedgerError('LDG_ERR_INTERNAL', `${doing}: ${error.type}`, { cause: error });
      default:
        return new LedgerError('LDG_ERR_STORE_UNAVAILABLE', `${doing}: ${error.type}`, {
          cause: error,
        });
    }
  }
  return new LedgerError('LDG_ERR_STORE_UNAVAILABLE', `${doing}: unexpected client error`, {
    cause: error,
  });
}

function closedError(): LedgerError {
  return new LedgerError('LDG_ERR_STORE_CLOSED', 'the event store is closed');
}

function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

class EventStoreDbStore implements EventStoreDbEventStore {
  readonly #client: EventStoreDBClient;
  /** `<prefix>-`: what every ledger stream name starts with. */
  readonly #streamStart: string;
  readonly #maxEventBytes: number;
  readonly #cacheStreams: number;
  readonly #maxAppendAttempts: number;
  readonly #maxResubscribeAttempts: number;
  readonly #resubscribeDelayMs: number;

  /** LRU by insertion order: a hit is re-inserted at the end. */
  readonly #known = new Map<string, KnownStream>();
  readonly #locks = new Map<string, Promise<void>>();
  readonly #inFlight = new Set<Promise<unknown>>();
  /** Server reads and subscriptions to tear down on close. */
  readonly #open = new Set<Destroyable>();
  #closing: Promise<void> | undefined;
  #closed = false;

  #batches = 0;
  #eventsWritten = 0;
  #duplicates = 0;
  #appendRetries = 0;
  #subscriptions = 0;
  #resubscriptions = 0;
  #subscriptionEvents = 0;

  constructor(client: EventStoreDBClient, prefix: string, options: EventStoreDbEventStoreOptions) {
    this.#client = client;
    this.#streamStart = `${prefix}-`;
    this.#maxEventBytes = positiveInteger(
      options.maxEventBytes,
      DEFAULT_MAX_EVENT_BYTES,
      'maxEventBytes',
    );
    this.#cacheStreams = positiveInteger(
      options.dedupeCacheStreams,
      DEFAULT_DEDUPE_CACHE_STREAMS,
      'dedupeCacheStreams',
    );
    this.#maxAppendAttempts = positiveInteger(
      options.maxAppendAttempts,
      DEFAULT_MAX_APPEND_ATTEMPTS,
      'maxAppendAttempts',
    );
    this.#maxResubscribeAttempts = positiveInteger(
      options.maxResubscribeAttempts,
      DEFAULT_MAX_RESUBSCRIBE_ATTEMPTS,
      'maxResubscribeAttempts',
    );
    this.#resubscribeDelayMs = positiveInteger(
      options.resubscribeDelayMs,
      DEFAULT_RESUBSCRIBE_DELAY_MS,
      'resubscribeDelayMs',
    );
  }

  #streamName(e: NewEvent): string {
    return `${this.#streamStart}${encodePart(e.tenantId)}-${encodePart(e.sessionId)}`;
  }

  async append(events: readonly NewEvent[]): Promise<AppendResult[]> {
    if (this.#closing !== undefined) throw closedError();
    assertNewEvents(events, this.#maxEventBytes);
    if (events.length === 0) return [];
    const work = this.#append(events);
    this.#inFlight.add(work);
    const forget = (): void => {
      this.#inFlight.delete(work);
    };
    work.then(forget, forget);
    return await work;
  }

  async #append(events: readonly NewEvent[]): Promise<AppendResult[]> {
    const results = new Array<AppendResult | undefined>(events.length);
    const firstIndex = new Map<string, number>();
    const groups = new Map<string, StreamGroup>();
    events.forEach((e, i) => {
      if (firstIndex.has(e.eventId)) return;
      firstIndex.set(e.eventId, i);
      const name = this.#streamName(e);
      let group = groups.get(name);
      if (group === undefined) {
        group = { name, indexes: [] };
        groups.set(name, group);
      }
      group.indexes.push(i);
    });
    for (const group of groups.values()) {
      await this.#withStreamLock(group.name, () => this.#appendToStream(group, events, results));
    }
    let duplicates = 0;
    const out = events.map((e, i): AppendResult => {
      const own = results[i];
      if (own !== undefined) {
        if (own.duplicate) duplicates++;
        return own;
      }
      // a repeat of an id earlier in this batch
      duplicates++;
      const first = results[firstIndex.get(e.eventId) as number] as AppendResult;
      return { eventId: e.eventId, position: first.position, duplicate: true };
    });
    this.#batches++;
    this.#duplicates += duplicates;
    this.#eventsWritten += events.length - duplicates;
    return out;
  }

  async #withStreamLock<T>(stream: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.#locks.get(stream) ?? Promise.resolve();
    let release: () => void = () => undefined;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => mine);
    this.#locks.set(stream, tail);
    await previous;
    try {
      return await fn();
    } finally {
      release();
      if (this.#locks.get(stream) === tail) this.#locks.delete(stream);
    }
  }

  async #appendToStream(
    group: StreamGroup,
    events: readonly NewEvent[],
    results: (AppendResult | undefined)[],
  ): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const known = await this.#catchUp(group.name);
      const fresh: number[] = [];
      for (const i of group.indexes) {
        const e = events[i] as NewEvent;
        const position = known.positions.get(e.eventId);
        if (position === undefined) fresh.push(i);
        else results[i] = { eventId: e.eventId, position, duplicate: true };
      }
      if (fresh.length === 0) return;
      const expectedRevision = known.revision < 0n ? NO_STREAM : known.revision;
      try {
        await this.#client.appendToStream(
          group.name,
          fresh.map((i) => {
            const e = events[i] as NewEvent;
            return binaryEvent({
              id: e.eventId,
              type: e.type,
              data: e.data,
              metadata: { tenantId: e.tenantId, sessionId: e.sessionId },
            });
          }),
          { expectedRevision },
        );
      } catch (error) {
        if (error instanceof WrongExpectedVersionError && attempt < this.#maxAppendAttempts) {
          // another writer appended to this stream: learn what it wrote, then retry
          this.#appendRetries++;
          continue;
        }
        // the append may still have happened (a lost reply): a retried batch reads the
        // stream forward first, so it answers those events as duplicates
        throw translateEventStoreDbError(error, `appending to ${group.name}`);
      }
      // read the new events back: their $all positions
      const after = await this.#catchUp(group.name);
      for (const i of fresh) {
        const e = events[i] as NewEvent;
        const position = after.positions.get(e.eventId);
        if (position === undefined) {
          throw new LedgerError(
            'LDG_ERR_STORE_UNAVAILABLE',
            `event ${e.eventId} was appended to ${group.name} but is not readable yet`,
          );
        }
        results[i] = { eventId: e.eventId, position, duplicate: false };
      }
      return;
    }
  }

  /** Reads what the stream gained since it was last seen; returns what is known of it. */
  async #catchUp(stream: string): Promise<KnownStream> {
    let known = this.#known.get(stream);
    if (known === undefined) known = { revision: -1n, positions: new Map() };
    this.#known.delete(stream);
    const reading = this.#client.readStream(stream, {
      fromRevision: known.revision < 0n ? ESDB_START : known.revision + 1n,
      direction: FORWARDS,
    });
    this.#open.add(reading);
    try {
      for await (const resolved of reading) {
        const event = resolved.event;
        if (event === undefined) continue;
        // an id written twice (by a writer without expected revisions) keeps its first position
        if (!known.positions.has(event.id)) {
          known.positions.set(event.id, toPortPosition(event.position?.commit));
        }
        known.revision = event.revision;
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) {
        throw translateEventStoreDbError(error, `reading ${stream}`);
      }
    } finally {
      this.#open.delete(reading);
    }
    this.#known.set(stream, known);
    if (this.#known.size > this.#cacheStreams) {
      const oldest = this.#known.keys().next();
      if (oldest.done !== true) this.#known.delete(oldest.value);
    }
    return known;
  }

  /** A ledger event as the port's StoredEvent; undefined for anything outside the prefix. */
  #toStored(resolved: AllStreamResolvedEvent): StoredEvent | undefined {
    const event = resolved.event;
    if (event === undefined || !event.streamId.startsWith(this.#streamStart)) return undefined;
    if (!(event.data instanceof Uint8Array)) {
      throw new LedgerError(
        'LDG_ERR_INTERNAL',
        `event ${event.id} in ${event.streamId} is not binary`,
      );
    }
    let tenantId: string | undefined;
    let sessionId: string | undefined;
    const metadata = event.metadata;
    if (
      typeof metadata === 'object' &&
      !Array.isArray(metadata) &&
      !(metadata instanceof Uint8Array)
    ) {
      const m = metadata as Record<string, unknown>;
      if (typeof m.tenantId === 'string') tenantId = m.tenantId;
      if (typeof m.sessionId === 'string') sessionId = m.sessionId;
    }
    if (tenantId === undefined || sessionId === undefined) {
      // the stream name carries both too
      const parts = event.streamId.slice(this.#streamStart.length).split('-');
      if (parts.length !== 2) {
        throw new LedgerError(
          'LDG_ERR_INTERNAL',
          `stream ${event.streamId} is not a ledger stream`,
        );
      }
      tenantId = decodePart(parts[0] as string);
      sessionId = decodePart(parts[1] as string);
    }
    return {
      position: toPortPosition(event.position.commit),
      eventId: event.id,
      tenantId,
      sessionId,
      type: event.type,
      recordedAt: event.created.getTime(),
      data: event.data,
    };
  }

  async read(options: ReadOptions): Promise<StoredEvent[]> {
    assertReadBounds(options.after, options.limit, 'limit');
    if (this.#closed) throw closedError();
    return await this.#read(options.after, options.limit ?? DEFAULT_READ_LIMIT);
  }

  async #read(after: number, limit: number): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    const reading = this.#client.readAll({
      fromPosition: toReadPosition(after),
      direction: FORWARDS,
    });
    this.#open.add(reading);
    try {
      for await (const resolved of reading) {
        const stored = this.#toStored(resolved);
        // the start position may be inclusive: keep `after` exclusive
        if (stored === undefined || stored.position <= after) continue;
        out.push(stored);
        if (out.length >= limit) break;
      }
    } catch (error) {
      throw this.#closed ? closedError() : translateEventStoreDbError(error, 'reading $all');
    } finally {
      this.#open.delete(reading);
      await reading.cancel().catch(() => undefined);
    }
    return out;
  }

  async head(): Promise<number> {
    if (this.#closed) throw closedError();
    const reading = this.#client.readAll({ fromPosition: END, direction: BACKWARDS });
    this.#open.add(reading);
    try {
      for await (const resolved of reading) {
        const stored = this.#toStored(resolved);
        if (stored !== undefined) return stored.position;
      }
      return START;
    } catch (error) {
      throw this.#closed ? closedError() : translateEventStoreDbError(error, 'reading the head');
    } finally {
      this.#open.delete(reading);
      await reading.cancel().catch(() => undefined);
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

  async *#subscription(
    after: number,
    batchSize: number,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<StoredEvent[], void, undefined> {
    const stopped = (): boolean => this.#closed || signal?.aborted === true;
    const filter = streamNameFilter({ prefixes: [this.#streamStart] });
    let cursor = after;
    let failures = 0;
    this.#subscriptions++;
    try {
      while (!stopped()) {
        const subscription = this.#client.subscribeToAll(
          { fromPosition: toReadPosition(cursor), filter },
          { highWaterMark: batchSize },
        );
        const stop = (): void => {
          subscription.destroy();
        };
        signal?.addEventListener('abort', stop, { once: true });
        this.#open.add(subscription);
        let batch: StoredEvent[] = [];
        let failure: unknown;
        try {
          for await (const resolved of subscription) {
            this.#subscriptionEvents++;
            const stored = this.#toStored(resolved);
            if (stored === undefined || stored.position <= cursor) continue;
            batch.push(stored);
            // hand over what is buffered now, never waiting to fill a batch
            if (batch.length >= batchSize || subscription.readableLength === 0) {
              const out = batch;
              batch = [];
              cursor = (out.at(-1) as StoredEvent).position;
              failures = 0;
              yield out;
              if (stopped()) return;
            }
          }
        } catch (error) {
          failure = error;
        } finally {
          signal?.removeEventListener('abort', stop);
          this.#open.delete(subscription);
          subscription.destroy();
          await subscription.unsubscribe().catch(() => undefined);
        }
        if (stopped()) return;
        // dropped ("consumer too slow", disconnect) or ended: resume after `cursor`
        failures++;
        if (isPermanent(failure) || failures > this.#maxResubscribeAttempts) {
          throw translateEventStoreDbError(failure, 'subscribing to $all');
        }
        this.#resubscriptions++;
        await delay(
          Math.min(this.#resubscribeDelayMs * 2 ** (failures - 1), MAX_RESUBSCRIBE_DELAY_MS),
          signal,
        );
      }
    } finally {
      this.#subscriptions--;
    }
  }

  stats(): EventStoreDbEventStoreStats {
    return {
      batches: this.#batches,
      eventsWritten: this.#eventsWritten,
      duplicates: this.#duplicates,
      appendRetries: this.#appendRetries,
      subscriptions: this.#subscriptions,
      resubscriptions: this.#resubscriptions,
      subscriptionEvents: this.#subscriptionEvents,
    };
  }

  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    await Promise.allSettled([...this.#inFlight]);
    this.#closed = true;
    for (const open of this.#open) open.destroy();
    this.#open.clear();
    try {
      await this.#client.dispose();
    } catch (error) {
      throw translateEventStoreDbError(error, 'closing the client');
    }
  }
}

/**
 * Opens the EventStoreDB store (the client connects lazily, on first use).
 * Throws LDG_ERR_CONFIG for an unparsable connection string, a bad stream
 * prefix or bad tuning values. See the module comment for what positions,
 * idempotency and atomicity mean with this adapter.
 */
export function openEventStoreDbEventStore(
  options: EventStoreDbEventStoreOptions,
): EventStoreDbEventStore {
  const prefix = options.streamPrefix ?? DEFAULT_STREAM_PREFIX;
  if (!PREFIX_PATTERN.test(prefix)) {
    throw new LedgerError(
      'LDG_ERR_CONFIG',
      'streamPrefix must be 1-64 letters, digits, "_" or "."',
    );
  }
  let client: EventStoreDBClient;
  try {
    client = EventStoreDBClient.connectionString(options.connectionString);
  } catch (error) {
    throw new LedgerError('LDG_ERR_CONFIG', 'invalid EventStoreDB connection string', {
      cause: error,
    });
  }
  return new EventStoreDbStore(client, prefix, options);
}
