/**
 * The projection runner on a thread of its own.
 *
 * Projecting costs tens of microseconds of CPU per event; in the embedded
 * deployment the main thread also serves ingest, the sequencer and queries.
 * `startProjectionThread` runs the runner in a worker thread, with its own
 * connections to the event store and to the views, and hands back a
 * `ProjectionRunner` that forwards calls and mirrors the worker's status, so
 * callers (metrics, the query API) cannot tell the difference. The main thread
 * keeps a separate view store for queries (SQLite WAL: readers never wait for
 * the writer).
 *
 * With the SQLite store the worker sees other connections' appends by polling
 * (`pollIntervalMs`, default 50 ms): that is the floor of the lag.
 */
import { Worker } from 'node:worker_threads';
import { ERROR_CODES, LedgerError, ValidationError } from '../ledger/errors.js';
import type { LedgerErrorCode } from '../ledger/errors.js';
import { START } from '../ledger/store/event-store.js';
import type {
  ProjectionRunner,
  ProjectionStatus,
  RebuildOptions,
  RebuildProgress,
  RebuildResult,
} from './runner.js';
import { DEFAULT_WAIT_TIMEOUT_MS } from './runner.js';
import { PROJECTION_NAMES } from './view-store.js';
import { releaseFor } from './write-turns.js';
import type { ProjectionName } from './view-store.js';

/** How the worker opens the event store (it cannot share the main thread's connection). */
export type EventStoreSpec =
  | { readonly kind: 'sqlite'; readonly path: string; readonly pollIntervalMs?: number }
  | { readonly kind: 'eventstoredb'; readonly connectionString: string };

/** What the worker reports after each committed batch. */
export interface ThreadBatchInfo {
  readonly last: number;
  readonly events: number;
  readonly rejected: number;
  readonly applied: readonly ProjectionName[];
  readonly durationMs: number;
  readonly committedAt: number;
  /** Per event, committedAt - recordedAt (only with `reportEventLags`). */
  readonly lagsMs?: readonly number[];
}

export interface ProjectionThreadOptions {
  readonly store: EventStoreSpec;
  readonly viewsPath: string;
  /** A deployment's control mapping file; null: the built-in one. */
  readonly controlMappingFile?: string | null;
  /** True with the SQLite store: every stored event is a leaf, in store order. */
  readonly leafIndexIsPosition?: boolean;
  /** The projections this thread keeps (default: all). */
  readonly projections?: readonly ProjectionName[];
  /** Follow the store once started (default true); false for a thread that only rebuilds. */
  readonly follow?: boolean;
  /** Checkpoint the views' WAL from a thread of its own (default true; one per views file is enough). */
  readonly backgroundCheckpoints?: boolean;
  /** Shared with the other threads writing the same views file (projections/write-turns.ts). */
  readonly writeTurns?: SharedArrayBuffer;
  readonly batchSize?: number;
  readonly lagPollMs?: number;
  /** Forward every event's projection lag with each batch (benchmarks). */
  readonly reportEventLags?: boolean;
  readonly onBatch?: (info: ThreadBatchInfo) => void;
  readonly onError?: (error: LedgerError) => void;
  readonly onReset?: (names: readonly ProjectionName[], reason: string) => void;
}

/** The data the worker is started with. */
export interface ProjectionThreadData {
  readonly store: EventStoreSpec;
  readonly viewsPath: string;
  readonly controlMappingFile: string | null;
  readonly leafIndexIsPosition: boolean;
  readonly projections: ProjectionName[] | null;
  readonly follow: boolean;
  readonly backgroundCheckpoints: boolean;
  readonly writeTurns: SharedArrayBuffer | null;
  readonly batchSize: number | null;
  readonly lagPollMs: number | null;
  readonly reportEventLags: boolean;
}

/** A call into the worker. */
export type ThreadRequest =
  | { readonly id: number; readonly op: 'stop' | 'catchUp' | 'refreshLag' }
  | {
      readonly id: number;
      readonly op: 'waitFor';
      readonly position: number;
      readonly timeoutMs: number;
    }
  | { readonly id: number; readonly op: 'rebuild'; readonly projection: string | null };

/** A request before it gets its id. */
type RequestBody = ThreadRequest extends infer R
  ? R extends unknown
    ? Omit<R, 'id'>
    : never
  : never;

/** What the worker posts back. */
export type ThreadMessage =
  | { readonly type: 'started' }
  | { readonly type: 'status'; readonly status: ProjectionStatus[] }
  | { readonly type: 'batch'; readonly info: ThreadBatchInfo }
  | { readonly type: 'error'; readonly code: string; readonly message: string }
  | { readonly type: 'reset'; readonly names: ProjectionName[]; readonly reason: string }
  | { readonly type: 'progress'; readonly id: number; readonly progress: RebuildProgress }
  | { readonly type: 'reply'; readonly id: number; readonly value: unknown }
  | {
      readonly type: 'failure';
      readonly id: number | null;
      readonly code: string;
      readonly message: string;
      readonly issues?: { path: string; message: string }[];
    };

/** A runner living in a worker thread; `stop()` also ends the thread. */
export interface ProjectionThread extends ProjectionRunner {
  /** Ends the thread (after stopping the runner there). Idempotent. */
  close(): Promise<void>;
}

function errorOf(m: {
  code: string;
  message: string;
  issues?: { path: string; message: string }[];
}): LedgerError {
  if (m.code === 'LDG_ERR_VALIDATION' && m.issues !== undefined)
    return new ValidationError(m.issues);
  const code: LedgerErrorCode = Object.hasOwn(ERROR_CODES, m.code)
    ? (m.code as LedgerErrorCode)
    : 'LDG_ERR_INTERNAL';
  return new LedgerError(code, m.message);
}

function initialStatus(names: readonly ProjectionName[], follow: boolean): ProjectionStatus[] {
  return names.map((name) => ({
    name,
    state: follow ? 'catching-up' : 'stopped',
    checkpoint: START,
    head: START,
    lagEvents: 0,
    lagSeconds: 0,
    applied: 0,
    rejected: 0,
    current: true,
    lastError: null,
  }));
}

/**
 * Starts a worker thread that opens the store and the views, resets outdated
 * projections and follows the log; resolves once it does. Rejects with the
 * worker's error if it cannot start (e.g. LDG_ERR_CONFIG for a bad control
 * mapping file).
 */
export function startProjectionThread(o: ProjectionThreadOptions): Promise<ProjectionThread> {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const data: ProjectionThreadData = {
    store: o.store,
    viewsPath: o.viewsPath,
    controlMappingFile: o.controlMappingFile ?? null,
    leafIndexIsPosition: o.leafIndexIsPosition === true,
    projections: o.projections === undefined ? null : [...o.projections],
    follow: o.follow !== false,
    backgroundCheckpoints: o.backgroundCheckpoints !== false,
    writeTurns: o.writeTurns ?? null,
    batchSize: o.batchSize ?? null,
    lagPollMs: o.lagPollMs ?? null,
    reportEventLags: o.reportEventLags === true,
  };
  // the TypeScript loader tests run with is inherited through process.execArgv
  const worker = new Worker(new URL(`./runner-thread-worker${ext}`, import.meta.url), {
    workerData: data,
  });
  let status = initialStatus(
    PROJECTION_NAMES.filter((n) => o.projections === undefined || o.projections.includes(n)),
    data.follow,
  );
  let nextId = 1;
  const calls = new Map<
    number,
    {
      resolve: (v: unknown) => void;
      reject: (e: LedgerError) => void;
      progress?: (p: RebuildProgress) => void;
    }
  >();
  const workerThreadId = worker.threadId;
  let ended = false;
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      ended = true;
      // a thread that died in its turn at the views' write lock must not block the others
      if (o.writeTurns !== undefined) releaseFor(o.writeTurns, workerThreadId);
      resolve();
    }),
  );
  let closing: Promise<void> | undefined;

  const call = <T>(request: RequestBody, progress?: (p: RebuildProgress) => void): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (ended) {
        reject(new LedgerError('LDG_ERR_SHUTTING_DOWN', 'the projection thread ended'));
        return;
      }
      const id = nextId++;
      calls.set(id, {
        resolve: resolve as (v: unknown) => void,
        reject,
        ...(progress === undefined ? {} : { progress }),
      });
      worker.postMessage({ ...request, id });
    });

  return new Promise<ProjectionThread>((resolveStart, rejectStart) => {
    let started = false;
    worker.on('message', (m: ThreadMessage) => {
      switch (m.type) {
        case 'started':
          started = true;
          resolveStart(thread);
          break;
        case 'status':
          status = m.status;
          break;
        case 'batch':
          o.onBatch?.(m.info);
          break;
        case 'error':
          o.onError?.(errorOf(m));
          break;
        case 'reset':
          o.onReset?.(m.names, m.reason);
          break;
        case 'progress':
          calls.get(m.id)?.progress?.(m.progress);
          break;
        case 'reply': {
          const c = calls.get(m.id);
          calls.delete(m.id);
          c?.resolve(m.value);
          break;
        }
        case 'failure': {
          const e = errorOf(m);
          if (m.id === null) {
            if (!started) rejectStart(e);
            else o.onError?.(e);
            break;
          }
          const c = calls.get(m.id);
          calls.delete(m.id);
          c?.reject(e);
          break;
        }
      }
    });
    worker.on('error', (e) => {
      const error = new LedgerError('LDG_ERR_INTERNAL', `projection thread: ${e.message}`, {
        cause: e,
      });
      if (!started) rejectStart(error);
      else o.onError?.(error);
    });
    void exited.then(() => {
      const gone = new LedgerError('LDG_ERR_SHUTTING_DOWN', 'the projection thread ended');
      for (const c of calls.values()) c.reject(gone);
      calls.clear();
      status = status.map((s) => ({ ...s, state: 'stopped' }));
      if (!started) rejectStart(gone);
    });

    const thread: ProjectionThread = {
      // the thread starts following as soon as it runs
      start: () => Promise.resolve(),
      stop: () => thread.close(),
      catchUp: () => call<number>({ op: 'catchUp' }),
      rebuild: (options: RebuildOptions = {}) =>
        call<RebuildResult>(
          { op: 'rebuild', projection: options.projection ?? null },
          options.onProgress,
        ),
      waitFor: (position: number, timeoutMs = DEFAULT_WAIT_TIMEOUT_MS) =>
        call<undefined>({ op: 'waitFor', position, timeoutMs }),
      refreshLag: () => call<undefined>({ op: 'refreshLag' }),
      status: () => status,
      close() {
        closing ??= (async () => {
          if (!started) {
            await worker.terminate();
            return;
          }
          await call<undefined>({ op: 'stop' }).catch(() => undefined);
          const timeout = setTimeout(() => void worker.terminate(), 10_000);
          await exited;
          clearTimeout(timeout);
        })();
        return closing;
      },
    };
  });
}
