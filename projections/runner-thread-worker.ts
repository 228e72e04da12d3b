/**
 * Entry point of the projection thread (see runner-thread.ts): opens its own
 * event store and view store, runs a ProjectionRunner and answers the main
 * thread's calls. Not imported by anything; started as a Worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isLedgerError } from '../ledger/errors.js';
import type { EventStore } from '../ledger/store/event-store.js';
import { openEventStoreDbEventStore } from '../ledger/store/eventstoredb-event-store.js';
import { openSqliteEventStore } from '../ledger/store/sqlite-event-store.js';
import { loadControlMapping } from './controls/control-mapping.js';
import { createProjectionRunner } from './runner.js';
import type { ProjectionRunner } from './runner.js';
import type { ProjectionThreadData, ThreadMessage, ThreadRequest } from './runner-thread.js';
import { openSqliteLogReader } from './sqlite-log-reader.js';
import type { SqliteLogReader } from './sqlite-log-reader.js';
import { openSqliteViewStore } from './sqlite/sqlite-view-store.js';
import type { SqliteViewStore } from './sqlite/sqlite-view-store.js';
import { positionIsLeafIndex } from './view-store.js';
import { writeTurns } from './write-turns.js';

/** Default poll period of the worker's SQLite subscription: appends come from other connections. */
const DEFAULT_THREAD_POLL_MS = 50;
/** Longest wait for the other projection thread to commit (a rebuild page of a slow disk included). */
const WRITE_TURN_TIMEOUT_MS = 60_000;
/** How often the status mirror in the main thread is refreshed. */
const STATUS_EVERY_MS = 200;

const port = parentPort;
if (port === null) throw new Error('runner-thread-worker runs as a worker thread');
const data = workerData as ProjectionThreadData;

function post(m: ThreadMessage): void {
  port!.postMessage(m);
}

function failure(id: number | null, e: unknown): ThreadMessage {
  if (isLedgerError(e)) {
    const issues = (e as { issues?: { path: string; message: string }[] }).issues;
    return {
      type: 'failure',
      id,
      code: e.code,
      message: e.message,
      ...(issues === undefined ? {} : { issues: [...issues] }),
    };
  }
  return {
    type: 'failure',
    id,
    code: 'LDG_ERR_INTERNAL',
    message: e instanceof Error ? e.message : String(e),
  };
}

function openStore(): EventStore {
  const spec = data.store;
  if (spec.kind === 'eventstoredb')
    return openEventStoreDbEventStore({ connectionString: spec.connectionString });
  return openSqliteEventStore({
    path: spec.path,
    pollIntervalMs: spec.pollIntervalMs ?? DEFAULT_THREAD_POLL_MS,
  });
}

let store: EventStore | undefined;
let views: SqliteViewStore | undefined;
let runner: ProjectionRunner | undefined;
let reader: SqliteLogReader | undefined;
let statusTimer: NodeJS.Timeout | undefined;

async function shutdown(): Promise<void> {
  if (statusTimer !== undefined) clearInterval(statusTimer);
  await runner?.stop();
  if (runner !== undefined) post({ type: 'status', status: runner.status() });
  await views?.close();
  reader?.close();
  await store?.close();
}

port.on('message', (request: ThreadRequest) => {
  const r = runner;
  if (r === undefined) {
    post(failure(request.id, new Error('the projection thread is not running')));
    return;
  }
  const reply = (p: Promise<unknown>): void => {
    p.then(
      (value) => post({ type: 'reply', id: request.id, value }),
      (e: unknown) => post(failure(request.id, e)),
    );
  };
  switch (request.op) {
    case 'stop':
      reply(shutdown().then(() => port.close()));
      break;
    case 'catchUp':
      reply(r.catchUp());
      break;
    case 'refreshLag':
      reply(r.refreshLag());
      break;
    case 'waitFor':
      reply(r.waitFor(request.position, request.timeoutMs));
      break;
    case 'rebuild':
      reply(
        r.rebuild({
          ...(request.projection === null ? {} : { projection: request.projection }),
          onProgress: (progress) => post({ type: 'progress', id: request.id, progress }),
        }),
      );
      break;
  }
});

try {
  const mapping = loadControlMapping({ file: data.controlMappingFile });
  store = openStore();
  views = openSqliteViewStore({
    path: data.viewsPath,
    mapping,
    backgroundCheckpoints: data.backgroundCheckpoints,
    ...(data.writeTurns === null
      ? {}
      : { writeLock: writeTurns(data.writeTurns, WRITE_TURN_TIMEOUT_MS) }),
  });
  // rebuild and catch-up pages straight from the file, when there is one
  if (data.store.kind === 'sqlite') reader = openSqliteLogReader(data.store.path);
  runner = createProjectionRunner({
    store,
    views,
    ...(data.projections === null
      ? {}
      : { projections: data.projections, decodeOutsideTransaction: true }),
    ...(reader === undefined ? {} : { pageReader: reader }),
    ...(data.leafIndexIsPosition ? { leafIndexOf: positionIsLeafIndex } : {}),
    ...(data.batchSize === null ? {} : { batchSize: data.batchSize }),
    ...(data.lagPollMs === null ? {} : { lagPollMs: data.lagPollMs }),
    onBatch: (b) => {
      post({
        type: 'batch',
        info: {
          last: b.last,
          events: b.page.length,
          rejected: b.rejected,
          applied: b.applied,
          durationMs: b.durationMs,
          committedAt: b.committedAt,
          ...(data.reportEventLags
            ? { lagsMs: b.page.map((e) => b.committedAt - e.recordedAt) }
            : {}),
        },
      });
    },
    onError: (e) => post({ type: 'error', code: e.code, message: e.message }),
    onReset: (names, reason) => post({ type: 'reset', names: [...names], reason }),
  });
  if (data.follow) await runner.start();
  const running = runner;
  statusTimer = setInterval(
    () => post({ type: 'status', status: running.status() }),
    STATUS_EVERY_MS,
  );
  post({ type: 'status', status: running.status() });
  post({ type: 'started' });
} catch (e) {
  post(failure(null, e));
  await shutdown().catch(() => undefined);
  port.close();
}
