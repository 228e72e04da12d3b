/**
 * One push connector: a subscriber of the event store that delivers to one
 * receiver, at least once and without gaps.
 *
 * - Resume: it subscribes after its durable checkpoint (or, the first time,
 *   from the start or the head, per `startAt`, and records that start).
 * - Deliver: each store page is filtered (tenants, types), formatted and cut
 *   into deliveries; each delivery is retried until the receiver
 *   acknowledges it, with exponential backoff and jitter
 *   (`backoffDelay`). Only then does the checkpoint advance, durably, to the
 *   delivery's last position. A crash or a stop between send and checkpoint
 *   means that delivery is sent again: duplicates are possible, gaps are not.
 * - Filtered-out events advance the checkpoint too (once the deliveries
 *   before them are acknowledged), so a restart does not rescan them.
 * - Observe: `stats()` reports lag (age of the oldest unacknowledged event,
 *   and positions behind the store's head), failures and deliveries.
 */
import { START } from '../../ledger/store/event-store.js';
import type { EventStore, StoredEvent } from '../../ledger/store/event-store.js';
import { toSiemEvent } from '../../projections/siem/index.js';
import type { ConnectorConfig } from './config.js';
import type { CheckpointStore } from './sqlite-checkpoints.js';
import type { ConnectorSink, Delivery } from './sink.js';

/** Store page size per pull. */
export const DEFAULT_CONNECTOR_PAGE_SIZE = 2000;

/** A pino-compatible logger (fastify's `app.log` fits). */
export interface ConnectorLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** What a connector reports for metrics and operators. */
export interface ConnectorStats {
  readonly name: string;
  readonly type: ConnectorConfig['type'];
  readonly running: boolean;
  /** Last acknowledged position (START before the first). */
  readonly checkpoint: number;
  /** Seconds since the oldest event not yet acknowledged was recorded; 0 when caught up. */
  readonly lagSeconds: number;
  /** Positions between the checkpoint and the store's head (as of the last head refresh). */
  readonly lagPositions: number;
  /** Records acknowledged since start (a redelivered record counts again). */
  readonly delivered: number;
  /** Deliveries acknowledged since start. */
  readonly deliveries: number;
  /** Failed attempts since start (each retry that failed counts). */
  readonly failures: number;
  /** Failed attempts since the last success; 0 while the receiver is healthy. */
  readonly consecutiveFailures: number;
  readonly lastError: string | undefined;
  /** Unix milliseconds of the last acknowledgement / failure. */
  readonly lastSuccessAt: number | undefined;
  readonly lastFailureAt: number | undefined;
}

export interface ConnectorDeps {
  readonly store: EventStore;
  readonly checkpoints: CheckpointStore;
  readonly sink: ConnectorSink;
  readonly log?: ConnectorLogger;
  readonly pageSize?: number;
  readonly now?: () => number;
  /** Uniform [0, 1) for jitter (tests pass a fixed one). */
  readonly random?: () => number;
}

/**
 * Delay before retry number `attempt` (0-based): exponential, capped, with
 * "equal jitter": half the step is fixed, half uniformly random, so retries
 * from many connectors spread out but still back off.
 * Requires 0 < initialMs <= maxMs.
 */
export function backoffDelay(
  attempt: number,
  initialMs: number,
  maxMs: number,
  random: () => number,
): number {
  const step = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(step / 2 + random() * (step / 2));
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** A running (or stopped) push connector. */
export class Connector {
  readonly config: ConnectorConfig;
  readonly #deps: ConnectorDeps;
  readonly #now: () => number;
  readonly #random: () => number;
  readonly #abort = new AbortController();
  #loop: Promise<void> | undefined;
  #running = false;
  #checkpoint = START;
  #head = START;
  #oldestPending: number | undefined;
  #delivered = 0;
  #deliveries = 0;
  #failures = 0;
  #consecutive = 0;
  #lastError: string | undefined;
  #lastSuccessAt: number | undefined;
  #lastFailureAt: number | undefined;

  constructor(config: ConnectorConfig, deps: ConnectorDeps) {
    this.config = config;
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
    this.#random = deps.random ?? Math.random;
  }

  get name(): string {
    return this.config.name;
  }

  /** Starts delivering (idempotent). */
  start(): void {
    if (this.#loop !== undefined) return;
    this.#running = true;
    this.#loop = this.#run().finally(() => {
      this.#running = false;
    });
  }

  /**
   * Stops: an in-flight delivery is abandoned unacknowledged (it is sent
   * again on the next start), the checkpoint stays where the last
   * acknowledgement put it. Closes the sink.
   */
  async stop(): Promise<void> {
    this.#abort.abort();
    await this.#loop;
    await this.#deps.sink.close();
  }

  /** Sets the head used for `lagPositions` (the manager refreshes it). */
  observeHead(head: number): void {
    if (head > this.#head) this.#head = head;
  }

  stats(): ConnectorStats {
    return {
      name: this.config.name,
      type: this.config.type,
      running: this.#running,
      checkpoint: this.#checkpoint,
      lagSeconds:
        this.#oldestPending === undefined
          ? 0
          : Math.max(0, (this.#now() - this.#oldestPending) / 1000),
      lagPositions: Math.max(0, this.#head - this.#checkpoint),
      delivered: this.#delivered,
      deliveries: this.#deliveries,
      failures: this.#failures,
      consecutiveFailures: this.#consecutive,
      lastError: this.#lastError,
      lastSuccessAt: this.#lastSuccessAt,
      lastFailureAt: this.#lastFailureAt,
    };
  }

  #matches(e: StoredEvent): boolean {
    const { tenants, types } = this.config;
    return (
      (tenants === undefined || tenants.has(e.tenantId)) &&
      (types === undefined || types.has(e.type))
    );
  }

  async #run(): Promise<void> {
    const signal = this.#abort.signal;
    let attempt = 0;
    while (!signal.aborted) {
      try {
        const ended = await this.#subscribeOnce(signal);
        if (ended) return;
        attempt = 0;
      } catch (e) {
        // the store or the checkpoint file failed: back off and resubscribe from the checkpoint
        this.#failed(e);
        this.#deps.log?.error(
          { connector: this.name, err: e },
          'connector: store or checkpoint failure',
        );
        await sleep(
          backoffDelay(attempt++, this.config.retryInitialMs, this.config.retryMaxMs, this.#random),
          signal,
        );
      }
    }
  }

  /** One subscription from the checkpoint; true when the store ended it (closed). */
  async #subscribeOnce(signal: AbortSignal): Promise<boolean> {
    const { store, checkpoints } = this.#deps;
    const saved = checkpoints.get(this.name);
    let after: number;
    if (saved !== undefined) after = saved.position;
    else {
      after = this.config.startAt === 'end' ? await store.head() : START;
      // record where a new connector starts, so a restart cannot skip what arrives meanwhile
      checkpoints.advance(this.name, after, 0);
    }
    this.#checkpoint = after;
    this.observeHead(after);
    for await (const page of store.subscribe({
      after,
      batchSize: this.#deps.pageSize ?? DEFAULT_CONNECTOR_PAGE_SIZE,
      signal,
    })) {
      const last = page[page.length - 1];
      if (last === undefined) continue;
      this.observeHead(last.position);
      this.#oldestPending = page[0]?.recordedAt;
      const matching = page.filter((e) => this.#matches(e));
      const deliveries = this.#deps.sink.prepare(matching.map(toSiemEvent));
      for (const d of deliveries) {
        if (!(await this.#deliver(d, signal))) return false;
        this.#acknowledge(d.lastPosition, d.count);
        this.#oldestPending = page.find((e) => e.position > d.lastPosition)?.recordedAt;
      }
      if (last.position > this.#checkpoint) this.#acknowledge(last.position, 0);
      this.#oldestPending = undefined;
      if (signal.aborted) return false;
    }
    return !signal.aborted;
  }

  /** Sends until acknowledged; false if stopped first. */
  async #deliver(d: Delivery, signal: AbortSignal): Promise<boolean> {
    for (let attempt = 0; !signal.aborted; attempt++) {
      try {
        await this.#deps.sink.send(d, signal);
        this.#deliveries++;
        this.#delivered += d.count;
        this.#consecutive = 0;
        this.#lastSuccessAt = this.#now();
        return true;
      } catch (e) {
        if (signal.aborted) return false;
        this.#failed(e);
        const delay = backoffDelay(
          attempt,
          this.config.retryInitialMs,
          this.config.retryMaxMs,
          this.#random,
        );
        // the first failure of a run is a warning; later ones repeat it at a lower rate
        if (attempt === 0 || attempt % 10 === 0) {
          this.#deps.log?.warn(
            {
              connector: this.name,
              attempt: attempt + 1,
              retryInMs: delay,
              error: errorText(e),
              positions: `${d.firstPosition}-${d.lastPosition}`,
            },
            'connector: delivery failed; retrying',
          );
        }
        await sleep(delay, signal);
      }
    }
    return false;
  }

  #failed(e: unknown): void {
    this.#failures++;
    this.#consecutive++;
    this.#lastError = errorText(e);
    this.#lastFailureAt = this.#now();
  }

  #acknowledge(position: number, count: number): void {
    this.#deps.checkpoints.advance(this.name, position, count);
    this.#checkpoint = position;
  }
}
