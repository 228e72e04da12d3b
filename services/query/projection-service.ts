/**
 * Wiring of the projections for services/main.ts and the CLI: opens the
 * control mapping and the views database (`DATA/views.db`), creates the
 * runner and turns its lag into Prometheus metrics.
 */
import { join } from 'node:path';
import { Gauge, Histogram } from 'prom-client';
import type { EventStore } from '../../ledger/store/event-store.js';
import {
  VIEWS_FILE,
  createProjectionRunner,
  loadControlMapping,
  openSqliteViewStore,
  positionIsLeafIndex,
  startProjectionThread,
  startProjectionThreads,
} from '../../projections/index.js';
import type {
  ControlMapping,
  EventStoreSpec,
  ProjectionBatchInfo,
  ProjectionName,
  ProjectionRunner,
  SqliteViewStore,
} from '../../projections/index.js';
import type { LedgerError } from '../../ledger/errors.js';
import type { Metrics } from '../metrics.js';

/** Which EventStore adapter feeds the projections (decides what leaf_index can be). */
export type ProjectionStoreKind = 'sqlite' | 'eventstoredb';

export interface ProjectionServiceOptions {
  readonly store: EventStore;
  readonly storeKind: ProjectionStoreKind;
  /** The data directory: the views live in `<dataDir>/views.db`. */
  readonly dataDir: string;
  /** A deployment's own control mapping file (LEDGER_CONTROL_MAPPING_FILE); null: built-in. */
  readonly controlMappingFile?: string | null;
  readonly metrics?: Metrics;
  /** Where failures and resets are reported (e.g. the fastify logger). */
  readonly log?: {
    warn(obj: object, msg: string): void;
    error(obj: object, msg: string): void;
  };
  /** Follow the store at once (default true); false for a CLI that only rebuilds or queries. */
  readonly follow?: boolean;
  /**
   * Project on a worker thread that opens the store itself from this spec
   * (recommended when serving: projecting then never competes with ingest and
   * queries for the main thread). Absent: in this thread, on `store`.
   */
  readonly thread?: EventStoreSpec;
  /**
   * With `thread`: split the projections over two threads (the event index on
   * one, the others on the other; see projections/runner-threads.ts). Default
   * false: both threads write the one views.db, so they take turns at its write
   * lock and each decodes the whole log — on 2 cores that measured slower
   * (51.6k vs 57k events/s) than one thread.
   */
  readonly splitThreads?: boolean;
}

export interface ProjectionService {
  readonly views: SqliteViewStore;
  readonly runner: ProjectionRunner;
  readonly mapping: ControlMapping;
  /** Stops the runner, then closes the views (not the store). Idempotent. */
  close(): Promise<void>;
}

/** Path of the views database in a data directory. */
export function viewsPath(dataDir: string): string {
  return join(dataDir, VIEWS_FILE);
}

/**
 * Loads the control mapping (throws LDG_ERR_CONFIG naming the bad entry of a
 * deployment file), opens `<dataDir>/views.db`, creates the runner and, unless
 * `follow` is false, starts it (projections whose definition changed are
 * rebuilt from zero in the background) — on a worker thread when `thread` is
 * given. With the SQLite store, every event's leaf index is its position.
 */
export async function startProjections(o: ProjectionServiceOptions): Promise<ProjectionService> {
  const mapping = loadControlMapping({ file: o.controlMappingFile ?? null });
  const batchSeconds =
    o.metrics === undefined
      ? undefined
      : new Histogram({
          name: 'ledger_projection_batch_seconds',
          help: 'Decode and apply time of one projection batch',
          buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
          registers: [o.metrics.registry],
        });
  const hooks = {
    onError: (e: LedgerError) =>
      o.log?.error({ code: e.code, err: e }, 'projection batch failed; retrying'),
    onReset: (names: readonly ProjectionName[], reason: string) =>
      o.log?.warn({ projections: names }, `rebuilding projections from zero: ${reason}`),
  };
  const path = viewsPath(o.dataDir);

  if (o.thread !== undefined) {
    // the threads create the schema and write; this thread only queries
    const threadOptions = {
      store: o.thread,
      viewsPath: path,
      controlMappingFile: o.controlMappingFile ?? null,
      leafIndexIsPosition: o.storeKind === 'sqlite',
      follow: o.follow !== false,
      onBatch: (b: { durationMs: number }) => batchSeconds?.observe(b.durationMs / 1000),
      ...hooks,
    };
    const thread =
      o.splitThreads === true
        ? await startProjectionThreads(threadOptions)
        : await startProjectionThread(threadOptions);
    let views: SqliteViewStore;
    try {
      views = openSqliteViewStore({ path, mapping, backgroundCheckpoints: false });
    } catch (e) {
      await thread.close();
      throw e;
    }
    if (o.metrics !== undefined) registerProjectionMetrics(o.metrics, thread);
    let closing: Promise<void> | undefined;
    return {
      views,
      runner: thread,
      mapping,
      close() {
        closing ??= (async () => {
          await thread.close();
          await views.close();
        })();
        return closing;
      },
    };
  }

  const views = openSqliteViewStore({ path, mapping });
  const runner = createProjectionRunner({
    store: o.store,
    views,
    ...(o.storeKind === 'sqlite' ? { leafIndexOf: positionIsLeafIndex } : {}),
    onBatch: (b: ProjectionBatchInfo) => batchSeconds?.observe(b.durationMs / 1000),
    ...hooks,
  });
  if (o.metrics !== undefined) registerProjectionMetrics(o.metrics, runner);
  try {
    if (o.follow !== false) await runner.start();
  } catch (e) {
    await views.close();
    throw e;
  }
  let closing: Promise<void> | undefined;
  return {
    views,
    runner,
    mapping,
    close() {
      closing ??= (async () => {
        await runner.stop();
        await views.close();
      })();
      return closing;
    },
  };
}

/**
 * Registers, on `metrics.registry`, gauges read at scrape time:
 * `ledger_projection_lag_events{projection}`, `ledger_projection_lag_seconds{projection}`,
 * `ledger_projection_checkpoint{projection}`, `ledger_projection_events_applied{projection}`,
 * `ledger_projection_events_rejected{projection}`. Call once per registry.
 */
export function registerProjectionMetrics(metrics: Metrics, runner: ProjectionRunner): void {
  const gauge = (
    name: string,
    help: string,
    read: (s: ReturnType<ProjectionRunner['status']>[number]) => number,
  ): void => {
    new Gauge({
      name,
      help,
      labelNames: ['projection'] as const,
      registers: [metrics.registry],
      collect() {
        for (const s of runner.status()) this.set({ projection: s.name }, read(s));
      },
    });
  };
  gauge(
    'ledger_projection_lag_events',
    'Events the projection is behind the store head',
    (s) => s.lagEvents,
  );
  gauge(
    'ledger_projection_lag_seconds',
    'Age of the oldest event the projection has not applied yet (0 when caught up)',
    (s) => s.lagSeconds,
  );
  gauge(
    'ledger_projection_checkpoint',
    'Last store position the projection applied',
    (s) => s.checkpoint,
  );
  gauge(
    'ledger_projection_events_applied',
    'Events applied since the projection was last rebuilt',
    (s) => s.applied,
  );
  gauge(
    'ledger_projection_events_rejected',
    'Stored events the projection could not decode and skipped',
    (s) => s.rejected,
  );
}
