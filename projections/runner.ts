/**
 * The projection runner: keeps every read model of a ViewStore current with
 * the EventStore.
 *
 * Each projection has its own checkpoint (stored in the ViewStore, committed
 * with its effect). The runner subscribes once, from the lowest of them, and
 * decodes each event once; the ViewStore applies a batch only to the
 * projections whose checkpoint lies below it. That is the same as one
 * subscription per projection, without reading and decoding the log once per
 * projection (decoding is a quarter of the cost of projecting).
 *
 * Failures: a batch either commits for every projection concerned or for none.
 * On any error the runner records it, waits `retryDelayMs` and resubscribes
 * from the stored checkpoints, forever, until stopped; it stops by itself when
 * the event store closes. Events that cannot be decoded are recorded by the
 * ViewStore as rejected and skipped (deterministically, so a rebuild gives the
 * same rows).
 *
 * Lag: `status()` reports, per projection, the events behind the store's head
 * (exact with the SQLite store's dense positions; a position distance with
 * EventStoreDB) and the seconds since the oldest unprojected event was
 * recorded. The head is refreshed every `lagPollMs` and after every batch.
 */
import { setImmediate as yieldToIo, setTimeout as sleep } from 'node:timers/promises';
import { LedgerError, ValidationError, isLedgerError } from '../ledger/errors.js';
import { START } from '../ledger/store/event-store.js';
import type { EventStore, StoredEvent } from '../ledger/store/event-store.js';
import { projectStoredEvents } from './projected-event.js';
import { PROJECTION_NAMES, isProjectionName } from './view-store.js';
import type {
  ApplyResult,
  LeafIndexOf,
  ProjectionName,
  ViewBatch,
  ViewStore,
} from './view-store.js';

export const DEFAULT_PROJECTION_BATCH = 1000;
export const DEFAULT_REBUILD_BATCH = 5000;
/**
 * Events decoded at a time within a rebuild or catch-up page: the page commits
 * once, but its decoded events are handed over (and become garbage) a chunk at
 * a time, so they die young instead of being copied by every scavenge.
 */
export const DECODE_CHUNK = 1000;
export const DEFAULT_LAG_POLL_MS = 1000;
export const DEFAULT_RETRY_DELAY_MS = 1000;
export const DEFAULT_WAIT_TIMEOUT_MS = 30_000;

/** Where the runner is. */
export type ProjectionState = 'stopped' | 'catching-up' | 'live' | 'rebuilding' | 'retrying';

/** One projection's progress and lag, as numbers for metrics. */
export interface ProjectionStatus {
  readonly name: ProjectionName;
  readonly state: ProjectionState;
  /** Last position applied, or START (-1). */
  readonly checkpoint: number;
  /** The store's head as last seen. */
  readonly head: number;
  /** head - checkpoint: events behind (exact for dense positions). */
  readonly lagEvents: number;
  /** Seconds since the oldest event not yet applied was recorded; 0 when caught up. */
  readonly lagSeconds: number;
  /** Events applied / rejected since the projection was last reset. */
  readonly applied: number;
  readonly rejected: number;
  /** False while the projection's rows were built with another definition. */
  readonly current: boolean;
  readonly lastError: string | null;
}

/** What one applied batch did (for histograms and benchmarks). */
export interface ProjectionBatchInfo {
  readonly after: number;
  readonly last: number;
  /** The stored events of the batch, in order. */
  readonly page: readonly StoredEvent[];
  readonly rejected: number;
  readonly applied: readonly ProjectionName[];
  /** Decode and apply, milliseconds. */
  readonly durationMs: number;
  /** When the batch committed, unix milliseconds. */
  readonly committedAt: number;
}

/** Progress of a rebuild, reported after every batch. */
export interface RebuildProgress {
  readonly projections: readonly ProjectionName[];
  /** Last position applied. */
  readonly position: number;
  /** The store's head when the rebuild started: it is done once `position` reaches it. */
  readonly target: number;
  readonly events: number;
  readonly elapsedMs: number;
  readonly eventsPerSecond: number;
}

/** A finished rebuild. */
export interface RebuildResult {
  readonly projections: readonly ProjectionName[];
  readonly position: number;
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
}

export interface RebuildOptions {
  /** One projection; all of them when absent. */
  readonly projection?: string;
  readonly onProgress?: (progress: RebuildProgress) => void;
}

export interface ProjectionRunnerOptions {
  readonly store: EventStore;
  readonly views: ViewStore;
  /** Events per live batch (default DEFAULT_PROJECTION_BATCH). */
  readonly batchSize?: number;
  /** Events per read and commit during rebuild and catch-up (default DEFAULT_REBUILD_BATCH). */
  readonly rebuildBatchSize?: number;
  /** Leaf index of a stored event; `positionIsLeafIndex` for the SQLite store (default: unknown). */
  readonly leafIndexOf?: LeafIndexOf;
  /** How often lag is measured (default DEFAULT_LAG_POLL_MS). */
  readonly lagPollMs?: number;
  /** Pause after a failed batch before resubscribing (default DEFAULT_RETRY_DELAY_MS). */
  readonly retryDelayMs?: number;
  readonly now?: () => number;
  /** After every committed batch; must not throw. */
  readonly onBatch?: (info: ProjectionBatchInfo) => void;
  /** After every failure the runner will retry; must not throw. */
  readonly onError?: (error: LedgerError) => void;
  /** When projections are reset because their definition changed; must not throw. */
  readonly onReset?: (names: readonly ProjectionName[], reason: string) => void;
  /**
   * The projections this runner keeps (default: all of PROJECTION_NAMES). Two
   * runners with disjoint subsets can share one ViewStore (e.g. on two threads):
   * each reads the log itself and touches only its projections' rows and checkpoints.
   */
  readonly projections?: readonly ProjectionName[];
  /**
   * A cheaper reader of the same log for rebuild and catch-up pages (e.g. a
   * read-only connection to the SQLite file); `store.read` when absent.
   */
  readonly pageReader?: PageReader;
  /**
   * Commit rebuild and catch-up pages DECODE_CHUNK events at a time, each
   * decoded before its write transaction rather than inside one transaction
   * per page: the write lock is then held only while rows are written (use
   * when two runners share one view store).
   */
  readonly decodeOutsideTransaction?: boolean;
}

/** Reads pages of stored events in position order (as `EventStore.read`). */
export interface PageReader {
  read(after: number, limit: number): StoredEvent[] | Promise<StoredEvent[]>;
}

export interface ProjectionRunner {
  /**
   * Resets projections whose definition changed, then follows the store in the
   * background (catch-up, then live). Resolves once running. Idempotent.
   */
  start(): Promise<void>;
  /** Ends the subscription after the batch in flight; pending `waitFor`s reject. Idempotent. */
  stop(): Promise<void>;
  /** Applies everything up to the store's head as of the call, without subscribing; returns events read. */
  catchUp(): Promise<number>;
  /** Resets the projection (or all) and replays the log from START; resumes following if it was. */
  rebuild(options?: RebuildOptions): Promise<RebuildResult>;
  /** Resolves once every projection has applied `position` (LDG_ERR_SHUTTING_DOWN on stop or timeout). */
  waitFor(position: number, timeoutMs?: number): Promise<void>;
  /** Re-reads the head, checkpoints and oldest unprojected event now. */
  refreshLag(): Promise<void>;
  status(): ProjectionStatus[];
}

interface Progress {
  position: number;
  applied: number;
  rejected: number;
  current: boolean;
  lagSeconds: number;
}

interface Waiter {
  readonly position: number;
  readonly resolve: () => void;
  readonly reject: (e: LedgerError) => void;
  readonly timer: NodeJS.Timeout;
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  const v = value ?? fallback;
  if (!Number.isSafeInteger(v) || v < 1) {
    throw new LedgerError('LDG_ERR_CONFIG', `${name} must be a positive integer`);
  }
  return v;
}

function asLedgerError(e: unknown, doing: string): LedgerError {
  if (isLedgerError(e)) return e;
  return new LedgerError(
    'LDG_ERR_INTERNAL',
    `${doing}: ${e instanceof Error ? e.message : String(e)}`,
    {
      cause: e,
    },
  );
}

class Runner implements ProjectionRunner {
  readonly #store: EventStore;
  readonly #views: ViewStore;
  readonly #batchSize: number;
  readonly #rebuildBatchSize: number;
  readonly #leafIndexOf: LeafIndexOf | undefined;
  readonly #lagPollMs: number;
  readonly #retryDelayMs: number;
  readonly #now: () => number;
  readonly #onBatch: ProjectionRunnerOptions['onBatch'];
  readonly #onError: ProjectionRunnerOptions['onError'];
  readonly #onReset: ProjectionRunnerOptions['onReset'];

  readonly #progress = new Map<ProjectionName, Progress>();
  readonly #rebuilding = new Set<ProjectionName>();
  #head = START;
  #state: ProjectionState = 'stopped';
  #lastError: string | null = null;
  #abort: AbortController | undefined;
  #loop: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #waiters: Waiter[] = [];
  readonly #names: readonly ProjectionName[];
  readonly #only: readonly ProjectionName[] | undefined;
  readonly #pageReader: PageReader | undefined;
  readonly #decodeAhead: boolean;

  constructor(o: ProjectionRunnerOptions) {
    this.#store = o.store;
    const subset = o.projections;
    if (subset !== undefined && (subset.length === 0 || !subset.every(isProjectionName))) {
      throw new LedgerError(
        'LDG_ERR_CONFIG',
        `projections must name some of ${PROJECTION_NAMES.join(', ')}`,
      );
    }
    // in PROJECTION_NAMES order, whatever the caller's
    this.#names =
      subset === undefined ? PROJECTION_NAMES : PROJECTION_NAMES.filter((n) => subset.includes(n));
    this.#only = this.#names.length === PROJECTION_NAMES.length ? undefined : this.#names;
    this.#pageReader = o.pageReader;
    this.#decodeAhead = o.decodeOutsideTransaction === true;
    this.#views = o.views;
    this.#batchSize = positiveInteger(o.batchSize, DEFAULT_PROJECTION_BATCH, 'batchSize');
    this.#rebuildBatchSize = positiveInteger(
      o.rebuildBatchSize,
      DEFAULT_REBUILD_BATCH,
      'rebuildBatchSize',
    );
    this.#leafIndexOf = o.leafIndexOf;
    this.#lagPollMs = positiveInteger(o.lagPollMs, DEFAULT_LAG_POLL_MS, 'lagPollMs');
    this.#retryDelayMs = positiveInteger(o.retryDelayMs, DEFAULT_RETRY_DELAY_MS, 'retryDelayMs');
    this.#now = o.now ?? Date.now;
    this.#onBatch = o.onBatch;
    this.#onError = o.onError;
    this.#onReset = o.onReset;
    for (const name of this.#names) {
      this.#progress.set(name, {
        position: START,
        applied: 0,
        rejected: 0,
        current: true,
        lagSeconds: 0,
      });
    }
  }

  #p(name: ProjectionName): Progress {
    return this.#progress.get(name) as Progress;
  }

  #minCheckpoint(names: readonly ProjectionName[] = this.#names): number {
    let min = Number.POSITIVE_INFINITY;
    for (const n of names) min = Math.min(min, this.#p(n).position);
    return min === Number.POSITIVE_INFINITY ? START : min;
  }

  async #loadCheckpoints(): Promise<void> {
    const cps = await this.#views.checkpoints();
    for (const [name, cp] of cps) {
      const p = this.#progress.get(name);
      if (p === undefined) continue;
      p.position = cp.position;
      p.applied = cp.applied;
      p.rejected = cp.rejected;
      p.current = cp.current;
    }
  }

  /** Resets projections built with another definition (e.g. after a control mapping change). */
  async #resetOutdated(): Promise<void> {
    await this.#loadCheckpoints();
    const outdated = this.#names.filter((n) => !this.#p(n).current);
    if (outdated.length === 0) return;
    await this.#views.reset(outdated);
    this.#onReset?.(outdated, 'the projection definition changed (schema or control mapping)');
    await this.#loadCheckpoints();
  }

  async start(): Promise<void> {
    if (this.#loop !== undefined) return;
    await this.#resetOutdated();
    const abort = new AbortController();
    this.#abort = abort;
    this.#state = 'catching-up';
    this.#loop = this.#follow(abort.signal);
    this.#timer = setInterval(() => {
      this.refreshLag().catch(() => {
        // lag is best effort; the batch loop reports real failures
      });
    }, this.#lagPollMs);
    this.#timer.unref();
    await this.refreshLag().catch(() => undefined);
  }

  stop(): Promise<void> {
    return this.#halt(true);
  }

  /** Ends following; `rejectWaiters` is false when a rebuild pauses it (its waiters still come true). */
  async #halt(rejectWaiters: boolean): Promise<void> {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    const loop = this.#loop;
    this.#abort?.abort();
    this.#loop = undefined;
    this.#abort = undefined;
    if (loop !== undefined) await loop;
    if (this.#rebuilding.size === 0) this.#state = 'stopped';
    if (!rejectWaiters) return;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) {
      clearTimeout(w.timer);
      w.reject(new LedgerError('LDG_ERR_SHUTTING_DOWN', 'the projection runner stopped'));
    }
  }

  /** Catch-up then live, resubscribing after failures, until aborted or the store closes. */
  async #follow(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        await this.#loadCheckpoints();
        let after = this.#minCheckpoint();
        let restart = false;
        for await (const page of this.#store.subscribe({
          after,
          batchSize: this.#batchSize,
          signal,
        })) {
          const result = await this.#applyPage(after, page, this.#only);
          after = (page[page.length - 1] as StoredEvent).position;
          this.#lastError = null;
          this.#state = this.#minCheckpoint() >= this.#head ? 'live' : 'catching-up';
          if (result.behind.length > 0) {
            // another process reset these projections: resume from their checkpoints
            restart = true;
            break;
          }
          // a catch-up of millions of events must not starve the HTTP server sharing this thread
          await yieldToIo();
        }
        if (!restart && !signal.aborted) {
          this.#state = 'stopped';
          this.#lastError = 'the event store closed';
          return;
        }
      } catch (e) {
        if (signal.aborted) break;
        const error = asLedgerError(e, 'projecting');
        this.#lastError = `${error.code}: ${error.message}`;
        if (error.code === 'LDG_ERR_STORE_CLOSED') {
          this.#state = 'stopped';
          return;
        }
        this.#state = 'retrying';
        this.#onError?.(error);
        await sleep(this.#retryDelayMs, undefined, { signal }).catch(() => undefined);
      }
    }
  }

  /** Decodes and applies one page; updates progress, waiters and the batch hook. */
  async #applyPage(
    after: number,
    page: readonly StoredEvent[],
    only?: readonly ProjectionName[],
  ): Promise<ApplyResult> {
    const last = (page[page.length - 1] as StoredEvent).position;
    const names = only ?? this.#names;
    if (names.every((n) => this.#p(n).position >= last)) return { applied: [], behind: [] };
    const started = performance.now();
    const { events, rejected } = projectStoredEvents(page, this.#leafIndexOf);
    const result = await this.#views.apply({ after, last, events, rejected }, only);
    const committedAt = this.#now();
    for (const name of result.applied) {
      const p = this.#p(name);
      p.applied += events.length;
      p.rejected += rejected.length;
      p.position = last;
      p.lagSeconds = 0;
    }
    if (last > this.#head) this.#head = last;
    this.#settleWaiters();
    this.#onBatch?.({
      after,
      last,
      page,
      rejected: rejected.length,
      applied: result.applied,
      durationMs: performance.now() - started,
      committedAt,
    });
    return result;
  }

  /**
   * A rebuild or catch-up page: decoded DECODE_CHUNK events at a time and
   * applied with one commit (`ViewStore.applyBatches`); small pages go through
   * `#applyPage`. Progress, waiters and the batch hook are updated per chunk
   * once the commit is done.
   */
  async #applyChunked(
    after: number,
    page: readonly StoredEvent[],
    only?: readonly ProjectionName[],
  ): Promise<ApplyResult> {
    if (page.length <= DECODE_CHUNK) return this.#applyPage(after, page, only);
    if (this.#decodeAhead) return this.#applyEachChunk(after, page, only);
    const last = (page[page.length - 1] as StoredEvent).position;
    const names = only ?? this.#names;
    if (names.every((n) => this.#p(n).position >= last)) return { applied: [], behind: [] };
    const started = performance.now();
    const leafIndexOf = this.#leafIndexOf;
    const chunks: {
      after: number;
      last: number;
      page: StoredEvent[];
      applied: number;
      rejected: number;
    }[] = [];
    function* batches(): Generator<ViewBatch> {
      let previous = after;
      for (let i = 0; i < page.length; i += DECODE_CHUNK) {
        const slice = page.slice(i, i + DECODE_CHUNK);
        const end = (slice[slice.length - 1] as StoredEvent).position;
        const { events, rejected } = projectStoredEvents(slice, leafIndexOf);
        chunks.push({
          after: previous,
          last: end,
          page: slice,
          applied: events.length,
          rejected: rejected.length,
        });
        yield { after: previous, last: end, events, rejected };
        previous = end;
      }
    }
    const results = await this.#views.applyBatches(batches(), only);
    const committedAt = this.#now();
    const durationMs = performance.now() - started;
    const applied = new Set<ProjectionName>();
    const behind = new Set<ProjectionName>();
    results.forEach((result, i) => {
      const chunk = chunks[i] as (typeof chunks)[number];
      for (const name of result.applied) {
        const p = this.#p(name);
        p.applied += chunk.applied;
        p.rejected += chunk.rejected;
        p.position = chunk.last;
        p.lagSeconds = 0;
        applied.add(name);
      }
      for (const name of result.behind) behind.add(name);
      if (chunk.last > this.#head) this.#head = chunk.last;
      this.#onBatch?.({
        after: chunk.after,
        last: chunk.last,
        page: chunk.page,
        rejected: chunk.rejected,
        applied: result.applied,
        durationMs: (durationMs * chunk.page.length) / page.length,
        committedAt,
      });
    });
    this.#settleWaiters();
    return { applied: [...applied], behind: [...behind] };
  }

  /**
   * A page as DECODE_CHUNK-event batches, each decoded before its own write
   * transaction: the write lock is held only while rows are written, and no
   * more than one chunk's decoded events are alive at a time.
   */
  async #applyEachChunk(
    after: number,
    page: readonly StoredEvent[],
    only: readonly ProjectionName[] | undefined,
  ): Promise<ApplyResult> {
    const applied = new Set<ProjectionName>();
    let previous = after;
    for (let i = 0; i < page.length; i += DECODE_CHUNK) {
      const slice = page.slice(i, i + DECODE_CHUNK);
      const result = await this.#applyPage(previous, slice, only);
      for (const name of result.applied) applied.add(name);
      if (result.behind.length > 0) return { applied: [...applied], behind: result.behind };
      previous = (slice[slice.length - 1] as StoredEvent).position;
    }
    return { applied: [...applied], behind: [] };
  }

  #readPage(after: number): Promise<StoredEvent[]> {
    if (this.#pageReader === undefined)
      return this.#store.read({ after, limit: this.#rebuildBatchSize });
    return Promise.resolve(this.#pageReader.read(after, this.#rebuildBatchSize));
  }

  async catchUp(): Promise<number> {
    await this.#resetOutdated();
    const target = await this.#store.head();
    let after = this.#minCheckpoint();
    let read = 0;
    while (after < target) {
      const page = await this.#readPage(after);
      if (page.length === 0) break;
      const result = await this.#applyChunked(after, page, this.#only);
      read += page.length;
      if (result.behind.length > 0) {
        await this.#loadCheckpoints();
        after = this.#minCheckpoint();
        continue;
      }
      after = (page[page.length - 1] as StoredEvent).position;
    }
    if (target > this.#head) this.#head = target;
    return read;
  }

  async rebuild(options: RebuildOptions = {}): Promise<RebuildResult> {
    const requested = options.projection;
    if (
      requested !== undefined &&
      (!isProjectionName(requested) || !this.#names.includes(requested))
    ) {
      throw new ValidationError([
        {
          path: 'projection',
          message: `unknown projection "${requested}"; one of ${this.#names.join(', ')}`,
        },
      ]);
    }
    if (this.#rebuilding.size > 0) {
      throw new LedgerError('LDG_ERR_CONFLICT', 'a rebuild is already running');
    }
    const names: readonly ProjectionName[] = requested === undefined ? this.#names : [requested];
    const wasRunning = this.#loop !== undefined;
    for (const n of names) this.#rebuilding.add(n);
    try {
      if (wasRunning) await this.#halt(false);
      // the others pause while the rebuilt projections replay the log
      this.#state = 'stopped';
      await this.#views.reset(names);
      await this.#loadCheckpoints();
      const target = await this.#store.head();
      if (target > this.#head) this.#head = target;
      const started = performance.now();
      let after: number = START;
      let events = 0;
      const report = (): RebuildProgress => {
        const elapsedMs = performance.now() - started;
        return {
          projections: names,
          position: after,
          target,
          events,
          elapsedMs,
          eventsPerSecond: elapsedMs > 0 ? (events * 1000) / elapsedMs : 0,
        };
      };
      options.onProgress?.(report());
      while (after < target) {
        const page = await this.#readPage(after);
        if (page.length === 0) break;
        const result = await this.#applyChunked(after, page, names);
        if (result.behind.length > 0) {
          throw new LedgerError(
            'LDG_ERR_CONFLICT',
            `projections ${result.behind.join(', ')} were reset by another process during the rebuild`,
          );
        }
        after = (page[page.length - 1] as StoredEvent).position;
        events += page.length;
        options.onProgress?.(report());
        await yieldToIo();
      }
      const done = report();
      return {
        projections: names,
        position: after,
        events,
        seconds: done.elapsedMs / 1000,
        eventsPerSecond: done.eventsPerSecond,
      };
    } finally {
      this.#rebuilding.clear();
      this.#state = 'stopped';
      if (wasRunning) await this.start();
    }
  }

  waitFor(position: number, timeoutMs = DEFAULT_WAIT_TIMEOUT_MS): Promise<void> {
    if (this.#minCheckpoint() >= position) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w !== waiter);
        reject(
          new LedgerError(
            'LDG_ERR_SHUTTING_DOWN',
            `projections did not reach position ${position} within ${timeoutMs} ms`,
          ),
        );
      }, timeoutMs);
      const waiter: Waiter = { position, resolve, reject, timer };
      this.#waiters.push(waiter);
    });
  }

  #settleWaiters(): void {
    if (this.#waiters.length === 0) return;
    const reached = this.#minCheckpoint();
    const still: Waiter[] = [];
    for (const w of this.#waiters) {
      if (w.position <= reached) {
        clearTimeout(w.timer);
        w.resolve();
      } else still.push(w);
    }
    this.#waiters = still;
  }

  async refreshLag(): Promise<void> {
    const head = await this.#store.head();
    this.#head = head;
    if (this.#rebuilding.size === 0) await this.#loadCheckpoints();
    const now = this.#now();
    const oldest = new Map<number, number | null>();
    for (const name of this.#names) {
      const p = this.#p(name);
      if (p.position >= head) {
        p.lagSeconds = 0;
        continue;
      }
      let recordedAt = oldest.get(p.position);
      if (recordedAt === undefined) {
        const [next] = await this.#store.read({ after: p.position, limit: 1 });
        recordedAt = next?.recordedAt ?? null;
        oldest.set(p.position, recordedAt);
      }
      p.lagSeconds = recordedAt === null ? 0 : Math.max(0, now - recordedAt) / 1000;
    }
  }

  status(): ProjectionStatus[] {
    return this.#names.map((name) => {
      const p = this.#p(name);
      const head = Math.max(this.#head, p.position);
      const lagEvents = head - p.position;
      return {
        name,
        state: this.#rebuilding.has(name) ? 'rebuilding' : this.#state,
        checkpoint: p.position,
        head,
        lagEvents,
        lagSeconds: lagEvents === 0 ? 0 : p.lagSeconds,
        applied: p.applied,
        rejected: p.rejected,
        current: p.current,
        lastError: this.#lastError,
      };
    });
  }
}

/** Creates a runner (not started). Throws LDG_ERR_CONFIG for bad tuning values. */
export function createProjectionRunner(options: ProjectionRunnerOptions): ProjectionRunner {
  return new Runner(options);
}
