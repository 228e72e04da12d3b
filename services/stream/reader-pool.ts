/**
 * Reader threads for SIEM streams on a SQLite store: each thread opens the
 * store file itself and turns page requests into framed bytes (read,
 * filter, decode, format, frame, UTF-8), so the thread that ingests only
 * writes finished pages to sockets.
 *
 * Pages are aligned on multiples of the page size (positions are dense in
 * the SQLite store), so subscribers reading the same part of the log ask
 * for the same pages: a page requested again while in flight, or recently
 * read whole, is shared instead of read and formatted again.
 */
import { Worker } from 'node:worker_threads';
import { ERROR_CODES, LedgerError } from '../../ledger/errors.js';
import type { LedgerErrorCode } from '../../ledger/errors.js';
import { START } from '../../ledger/store/event-store.js';
import type { EventStore } from '../../ledger/store/event-store.js';
import type { SiemFormat } from '../../projections/siem/index.js';
import type { StreamMode } from './frames.js';

/** What a reader thread is started with. */
export interface ReaderThreadData {
  readonly path: string;
  readonly productVersion: string;
  readonly cacheEntries: number;
  readonly cacheKib: number;
  /** Nice value the thread lowers itself to (Linux; 0 keeps the process's). */
  readonly niceness: number;
}

/** One page request: events in (after, after + limit], filtered and framed. */
export interface PageRequest {
  readonly id: number;
  readonly after: number;
  readonly limit: number;
  readonly format: SiemFormat;
  readonly mode: StreamMode;
  readonly tenant: string;
  /** Payload types, or null for all. */
  readonly types: readonly string[] | null;
  /** Keep the frames in the thread's cache for other streams (see FrameCache). */
  readonly keep: boolean;
}

/** A reader thread's answer. */
export type PageReply =
  | {
      readonly id: number;
      readonly body: Uint8Array;
      readonly sent: number;
      readonly lastSent: number | null;
      /** Last position read; `after` when there was nothing. */
      readonly scanned: number;
      readonly error?: undefined;
    }
  | { readonly id: number; readonly error: { readonly code: string; readonly message: string } };

/** A framed page as the pump uses it. */
export interface ThreadedPage {
  readonly body: Buffer;
  readonly sent: number;
  readonly lastSent: number | undefined;
  readonly scanned: number;
}

export interface ReaderPoolOptions {
  /** The SQLite event store file. */
  readonly path: string;
  readonly productVersion: string;
  /** Threads (default 1). */
  readonly threads?: number;
  /** Frames cached per format and mode in each thread. */
  readonly cacheEntries: number;
  /** Whole pages kept for sharing, in bytes (default 32 MiB). */
  readonly sharedBytes?: number;
  /**
   * How far below the ingest thread the readers run (a nice value, 0-19;
   * default DEFAULT_READER_NICENESS): subscribers use the cores ingest
   * leaves idle and never take them from it. Linux only; elsewhere ignored.
   */
  readonly niceness?: number;
}

const DEFAULT_SHARED_BYTES = 32 * 1024 * 1024;

/** Reader threads run at this nice value unless told otherwise. */
export const DEFAULT_READER_NICENESS = 10;

/** Young generation of a reader thread, MiB (V8's default is a few MiB). */
const READER_YOUNG_GENERATION_MB = 64;

function toError(e: { code: string; message: string }): LedgerError {
  const code = (e.code in ERROR_CODES ? e.code : 'LDG_ERR_INTERNAL') as LedgerErrorCode;
  return new LedgerError(code, e.message);
}

interface Thread {
  readonly worker: Worker;
  pending: number;
}

/** A pool of reader threads (see the module comment). */
export class ReaderPool {
  readonly #threads: Thread[] = [];
  readonly #calls = new Map<
    number,
    { resolve: (p: ThreadedPage) => void; reject: (e: unknown) => void; thread: Thread }
  >();
  readonly #inFlight = new Map<string, Promise<ThreadedPage>>();
  readonly #shared = new Map<string, ThreadedPage>();
  readonly #sharedMax: number;
  #sharedBytes = 0;
  #nextId = 1;
  #failed: LedgerError | undefined;
  readonly #ready: Promise<void>;

  constructor(o: ReaderPoolOptions) {
    this.#sharedMax = o.sharedBytes ?? DEFAULT_SHARED_BYTES;
    const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
    const data: ReaderThreadData = {
      path: o.path,
      productVersion: o.productVersion,
      cacheEntries: o.cacheEntries,
      cacheKib: 16 * 1024,
      niceness: o.niceness ?? DEFAULT_READER_NICENESS,
    };
    const starting: Promise<void>[] = [];
    for (let i = 0; i < Math.max(1, o.threads ?? 1); i++) {
      // the TypeScript loader tests run with is inherited through process.execArgv
      const worker = new Worker(new URL(`./sqlite-stream-worker${ext}`, import.meta.url), {
        workerData: data,
        // formatting makes much short-lived garbage: a larger young generation is
        // scavenged less often
        resourceLimits: { maxYoungGenerationSizeMb: READER_YOUNG_GENERATION_MB },
      });
      const thread: Thread = { worker, pending: 0 };
      starting.push(
        new Promise<void>((resolve) => {
          const ready = (m: { ready?: boolean }): void => {
            if (m.ready !== true) return;
            worker.off('message', ready);
            resolve();
          };
          worker.on('message', ready);
          worker.once('exit', () => resolve());
        }),
      );
      worker.on('message', (m: PageReply) => this.#reply(m));
      worker.on('error', (e) => this.#fail(new LedgerError('LDG_ERR_INTERNAL', e.message)));
      worker.on('exit', () =>
        this.#fail(new LedgerError('LDG_ERR_STORE_CLOSED', 'stream reader thread stopped')),
      );
      worker.unref();
      this.#threads.push(thread);
    }
    this.#ready = Promise.all(starting).then(() => undefined);
  }

  /** Resolves once every thread has opened the store (or stopped). */
  ready(): Promise<void> {
    return this.#ready;
  }

  #reply(m: PageReply): void {
    const call = this.#calls.get(m.id);
    if (call === undefined) return;
    this.#calls.delete(m.id);
    call.thread.pending--;
    if (m.error !== undefined) return call.reject(toError(m.error));
    call.resolve({
      body: Buffer.from(m.body.buffer, m.body.byteOffset, m.body.byteLength),
      sent: m.sent,
      lastSent: m.lastSent ?? undefined,
      scanned: m.scanned,
    });
  }

  #fail(e: LedgerError): void {
    this.#failed ??= e;
    for (const [id, call] of this.#calls) {
      this.#calls.delete(id);
      call.reject(e);
    }
  }

  /**
   * The framed page of events in (after, after + limit] for one stream.
   * Identical requests share one read while in flight; a page that came
   * back whole (`limit` positions) is kept for later identical requests.
   */
  page(r: Omit<PageRequest, 'id'>): Promise<ThreadedPage> {
    const key = `${r.format}/${r.mode}/${r.tenant}/${r.types?.join(',') ?? '*'}/${r.after}/${r.limit}`;
    const done = this.#shared.get(key);
    if (done !== undefined) return Promise.resolve(done);
    let p = this.#inFlight.get(key);
    if (p === undefined) {
      p = this.#call(r).then(
        (page) => {
          this.#inFlight.delete(key);
          if (page.scanned === r.after + r.limit) this.#keep(key, page);
          return page;
        },
        (e: unknown) => {
          this.#inFlight.delete(key);
          throw e;
        },
      );
      this.#inFlight.set(key, p);
    }
    return p;
  }

  #keep(key: string, page: ThreadedPage): void {
    if (page.body.length > this.#sharedMax) return;
    this.#shared.set(key, page);
    this.#sharedBytes += page.body.length;
    while (this.#sharedBytes > this.#sharedMax) {
      const oldest = this.#shared.entries().next();
      if (oldest.done === true) break;
      this.#shared.delete(oldest.value[0]);
      this.#sharedBytes -= oldest.value[1].body.length;
    }
  }

  #call(r: Omit<PageRequest, 'id'>): Promise<ThreadedPage> {
    if (this.#failed !== undefined) return Promise.reject(this.#failed);
    let thread = this.#threads[0]!;
    for (const t of this.#threads) if (t.pending < thread.pending) thread = t;
    const id = this.#nextId++;
    thread.pending++;
    return new Promise<ThreadedPage>((resolve, reject) => {
      this.#calls.set(id, { resolve, reject, thread });
      thread.worker.postMessage({ ...r, id } satisfies PageRequest);
    });
  }

  /** Stops the threads; pending pages reject with LDG_ERR_STORE_CLOSED. */
  async close(): Promise<void> {
    this.#fail(new LedgerError('LDG_ERR_STORE_CLOSED', 'stream readers closed'));
    this.#shared.clear();
    this.#sharedBytes = 0;
    await Promise.all(
      this.#threads.map(async (t) => {
        // the thread closes its store, says so, then is stopped; one that does not answer within a second is stopped anyway
        t.worker.ref();
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 1000);
          t.worker.on('message', (m: { closed?: boolean }) => {
            if (m.closed === true) {
              clearTimeout(timer);
              resolve();
            }
          });
          t.worker.postMessage({ close: true });
        });
        await t.worker.terminate();
      }),
    );
  }
}

/**
 * Tells waiting streams when the store has events after their position:
 * one shared wait on the main store (a one-row subscription from the head)
 * for every caught-up stream.
 */
export class HeadWatcher {
  readonly #store: EventStore;
  readonly #waiters = new Set<{ after: number; resolve: () => void }>();
  readonly #abort = new AbortController();
  #head = START;
  #running = false;
  #cycle: AbortController | undefined;
  #failed: Error | undefined;

  constructor(store: EventStore) {
    this.#store = store;
  }

  /** Resolves once the store's head is past `after`, or `signal` aborts, or the watcher closes. */
  wait(after: number, signal: AbortSignal): Promise<void> {
    if (this.#failed !== undefined) return Promise.reject(this.#failed);
    if (this.#head > after || signal.aborted || this.#abort.signal.aborted) {
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const w = {
        after,
        resolve: () => {
          this.#waiters.delete(w);
          signal.removeEventListener('abort', w.resolve);
          // nobody left waiting: stop the shared wait (it would hold a store subscription)
          if (this.#waiters.size === 0) this.#cycle?.abort();
          resolve();
        },
      };
      this.#waiters.add(w);
      signal.addEventListener('abort', w.resolve, { once: true });
      if (!this.#running) void this.#run();
    });
  }

  async #run(): Promise<void> {
    this.#running = true;
    try {
      while (this.#waiters.size > 0 && !this.#abort.signal.aborted) {
        this.#head = Math.max(this.#head, await this.#store.head());
        for (const w of this.#waiters) if (this.#head > w.after) w.resolve();
        if (this.#waiters.size === 0) break;
        // sleeps until an append (or the store's poll tick); one row is read, then the loop rechecks the head
        this.#cycle = new AbortController();
        for await (const page of this.#store.subscribe({
          after: this.#head,
          batchSize: 1,
          signal: AbortSignal.any([this.#abort.signal, this.#cycle.signal]),
        })) {
          if (page.length > 0) break;
        }
        this.#cycle = undefined;
      }
    } catch (e) {
      // the store failed or closed: waiting streams end with its error
      this.#failed = e instanceof Error ? e : new Error(String(e));
      for (const w of this.#waiters) w.resolve();
    } finally {
      this.#running = false;
    }
  }

  /** Releases every waiter and stops watching. */
  close(): void {
    this.#abort.abort();
    this.#cycle?.abort();
    for (const w of this.#waiters) w.resolve();
  }
}
