/**
 * Wires the embedded all-in-one ledger: store, sequencer (Merkle log and
 * signed checkpoints), projections (views.db, on a worker thread), archiver
 * (WORM bundles), HTTP shell with the ingest, proof, stream, query and
 * evidence routes, and the SIEM push connectors; then listens.
 *
 * Embedded (SQLite): one database file, `<data dir>/ledger.db`, holds the
 * events and the sequencer's tables, on one shared connection. EventStoreDB:
 * the sequencer keeps its tables in `<data dir>/sequencer.db` and holds the
 * single-writer role with a fence stream on the server; run it on one node
 * (LEDGER_SEQUENCER=false on the others).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createSequencerArchiveSource } from '../ledger/archive/sequencer-source.js';
import type { Ed25519NoteSigner } from '../ledger/checkpoint/signed-note.js';
import { LedgerError } from '../ledger/errors.js';
import { createLogEvidenceSource } from '../ledger/evidence/log-evidence-source.js';
import { openEventStoreDbFence } from '../ledger/sequencer/eventstoredb-fence.js';
import type { SequencerFence } from '../ledger/sequencer/fence.js';
import { MerkleLogReader } from '../ledger/sequencer/log-reader.js';
import type { MerkleStateStore } from '../ledger/sequencer/merkle-state-store.js';
import { eventStoreSource } from '../ledger/sequencer/sequencer-source.js';
import type { SequencerSource } from '../ledger/sequencer/sequencer-source.js';
import { createSequencer } from '../ledger/sequencer/sequencer.js';
import type { Sequencer } from '../ledger/sequencer/sequencer.js';
import { openSqliteMerkleStateStore } from '../ledger/sequencer/sqlite-merkle-state-store.js';
import { openSqliteSequencerSource } from '../ledger/sequencer/sqlite-sequencer-source.js';
import type { EventStore } from '../ledger/store/event-store.js';
import { openEventStoreDbEventStore } from '../ledger/store/eventstoredb-event-store.js';
import { DEFAULT_BUSY_TIMEOUT_MS, openLedgerDatabase } from '../ledger/store/sqlite-database.js';
import type { LedgerDatabase } from '../ledger/store/sqlite-database.js';
import { openSqliteEventStore } from '../ledger/store/sqlite-event-store.js';
import { createViewEventFinder } from '../projections/evidence/view-event-finder.js';
import {
  FALLBACK_AUTOCHECKPOINT_PAGES,
  startWalCheckpointer,
} from '../projections/sqlite/sqlite-wal-checkpointer.js';
import { startArchiver } from './archive/start-archiver.js';
import type { RunningArchiver } from './archive/start-archiver.js';
import { ensureDevSecret } from './auth.js';
import type { LedgerConfig } from './config.js';
import { buildHttpShell } from './http.js';
import { registerEvidenceRoutes } from './evidence/routes.js';
import { registerIngestRoutes } from './ingest/routes.js';
import { createMetrics } from './metrics.js';
import type { Metrics } from './metrics.js';
import { registerProofRoutes } from './proofs/routes.js';
import { registerStreamRoutes } from './stream/routes.js';
import { registerConnectorMetrics, startConnectors } from './connectors/index.js';
import { loadSigningKey } from './proofs/signing-key.js';
import { startProjections } from './query/projection-service.js';
import type { ProjectionService } from './query/projection-service.js';
import { registerQueryRoutes } from './query/routes.js';
import { RateLimiter } from './rate-limit.js';

/** The embedded database file in the data directory. */
export const LEDGER_DB_FILE = 'ledger.db';
/** The sequencer's own database file when the events live in EventStoreDB. */
export const SEQUENCER_DB_FILE = 'sequencer.db';

/** The Merkle log this process keeps: its sequencer and read access. */
export interface LedgerLog {
  readonly sequencer: Sequencer;
  readonly reader: MerkleLogReader;
  readonly state: MerkleStateStore;
  /** the checkpoint origin (the signing key's name) */
  readonly origin: string;
  /** the verifier key to publish (`<name>+<hex id>+<base64>`) */
  readonly verifierKey: string;
  /** the log's signing key (checkpoints, bundle and evidence manifests) */
  readonly signer: Ed25519NoteSigner;
  /** the SQLite database holding the sequencer's tables */
  readonly database: LedgerDatabase;
  /** true when the events live in `database` too (the embedded store) */
  readonly sqliteEvents: boolean;
}

/** The store and, when this process sequences, the log around it. */
export interface LedgerBackend {
  readonly store: EventStore;
  readonly log: LedgerLog | null;
  /** Stops the sequencer, then closes the store and the databases. Idempotent. */
  close(): Promise<void>;
}

export interface RunningLedger {
  readonly app: FastifyInstance;
  readonly store: EventStore;
  /** the Merkle log; null (or absent) when LEDGER_SEQUENCER=false */
  readonly log?: LedgerLog | null;
  /** the projections and their views; null (or absent) when LEDGER_PROJECTIONS=false */
  readonly projections?: ProjectionService | null;
  /** the archiver; null (or absent) when LEDGER_ARCHIVE=off or without a sequencer */
  readonly archiver?: RunningArchiver | null;
  readonly metrics: Metrics;
  /** Base URL, e.g. http://127.0.0.1:8080 */
  readonly url: string;
  /** Stops the sequencer and accepting requests, finishes in-flight commits, closes the store. Idempotent. */
  close(): Promise<void>;
}

/** Reports sequencer errors somewhere (the app's logger once there is one). */
export type SequencerErrorSink = (error: LedgerError, fatal: boolean) => void;

/**
 * Opens the store and, unless LEDGER_SEQUENCER=false, the sequencer (not
 * started) with its state and signing key. `onSequencerError` receives the
 * sequencer's errors.
 */
export function openLedgerBackend(
  config: LedgerConfig,
  onSequencerError: SequencerErrorSink = () => undefined,
): LedgerBackend {
  mkdirSync(config.dataDir, { recursive: true });
  const seq = config.sequencer;
  const closers: (() => Promise<void> | void)[] = [];
  const closeAll = async (): Promise<void> => {
    for (const close of closers.splice(0).reverse()) await close();
  };
  try {
    let store: EventStore;
    let state: MerkleStateStore | undefined;
    let source: SequencerSource | undefined;
    let fence: SequencerFence | undefined;
    let database: LedgerDatabase | undefined;
    if (config.store === 'eventstoredb') {
      const connectionString = config.eventStoreConnectionString ?? '';
      store = openEventStoreDbEventStore({ connectionString });
      closers.push(() => store.close());
      if (seq.enabled) {
        const sdb = openLedgerDatabase(join(config.dataDir, SEQUENCER_DB_FILE));
        database = sdb;
        closers.push(() => {
          if (sdb.open) sdb.close();
        });
        const st = openSqliteMerkleStateStore({ database: sdb });
        state = st;
        closers.push(() => st.close());
        source = eventStoreSource(store);
        const f = openEventStoreDbFence({ connectionString });
        fence = f;
        closers.push(() => f.close());
      }
    } else {
      const path = join(config.dataDir, LEDGER_DB_FILE);
      // checkpoints run on a worker thread: a COMMIT on this (the serving) thread
      // only appends to the WAL and syncs it; the writer's own threshold is a safety net
      const db = openLedgerDatabase(path, { autocheckpointPages: FALLBACK_AUTOCHECKPOINT_PAGES });
      database = db;
      closers.push(() => {
        if (db.open) db.close();
      });
      const checkpointer = startWalCheckpointer(path, {
        busyTimeoutMs: DEFAULT_BUSY_TIMEOUT_MS,
        // the next checkpoint is tried all the same; the fallback threshold bounds the WAL
        onError: (message) => process.emitWarning(`ledger WAL checkpoint failed: ${message}`),
      });
      closers.push(() => checkpointer.close());
      store = openSqliteEventStore({ database: db });
      closers.push(() => store.close());
      if (seq.enabled) {
        const st = openSqliteMerkleStateStore({ database: db });
        state = st;
        closers.push(() => st.close());
        source = openSqliteSequencerSource(db);
      }
    }
    let log: LedgerLog | null = null;
    if (state !== undefined && source !== undefined && database !== undefined) {
      const key = loadSigningKey({
        dataDir: config.dataDir,
        file: seq.signingKeyFile,
        origin: seq.origin,
      });
      const sequencer = createSequencer({
        source,
        state,
        signer: key.signer,
        origin: key.origin,
        checkpointIntervalMs: seq.checkpointIntervalMs,
        recorder: store,
        ...(fence === undefined ? {} : { fence }),
        onError: onSequencerError,
      });
      closers.push(() => sequencer.stop());
      log = {
        sequencer,
        reader: new MerkleLogReader({ state, source }),
        state,
        origin: key.origin,
        verifierKey: key.verifierKey,
        signer: key.signer,
        database,
        sqliteEvents: config.store === 'sqlite',
      };
    }
    let closing: Promise<void> | undefined;
    return {
      store,
      log,
      close() {
        closing ??= closeAll();
        return closing;
      },
    };
  } catch (error) {
    void closeAll().catch(() => undefined);
    throw error;
  }
}

function registerSequencerMetrics(metrics: Metrics, sequencer: Sequencer): void {
  const stat =
    <K extends 'size' | 'lag' | 'duplicates' | 'checkpointsSigned' | 'checkpointSize'>(key: K) =>
    (): number =>
      sequencer.stats()[key];
  metrics.gauge('ledger_sequencer_tree_size', 'Leaves in the Merkle log', stat('size'));
  metrics.gauge(
    'ledger_sequencer_lag_events',
    'Stored events the sequencer has not processed yet (store positions behind the head)',
    stat('lag'),
  );
  metrics.gauge(
    'ledger_sequencer_duplicates_skipped',
    'Stored events skipped as leaves because their event_id already was one',
    stat('duplicates'),
  );
  metrics.gauge(
    'ledger_sequencer_checkpoints_signed',
    'Checkpoints signed by this process since it started',
    stat('checkpointsSigned'),
  );
  metrics.gauge(
    'ledger_sequencer_checkpoint_size',
    'Tree size of the latest signed checkpoint',
    stat('checkpointSize'),
  );
}

function registerArchiverMetrics(metrics: Metrics, archiver: RunningArchiver): void {
  const status = (): ReturnType<RunningArchiver['archiver']['status']> =>
    archiver.archiver.status();
  metrics.gauge(
    'ledger_archive_leaves',
    'Leaves sealed into archived bundles (the end of the chain of bundles)',
    () => status().last?.end ?? 0,
  );
  metrics.gauge(
    'ledger_archive_checkpoint_size',
    'Tree size of the largest archived checkpoint (-1: none yet)',
    () => status().checkpointSize,
  );
  metrics.gauge('ledger_archive_rounds', 'Archive rounds run since start', () => status().rounds);
  metrics.gauge(
    'ledger_archive_failed_rounds',
    'Archive rounds that failed since start (retried; see the log)',
    () => status().failedRounds,
  );
  metrics.gauge(
    'ledger_archive_last_sealed_seconds',
    'Unix time when the last archived bundle was sealed (0: none yet)',
    () => (status().last?.sealedAt.getTime() ?? 0) / 1000,
  );
}

/** The optional parts `buildLedgerApp` registers routes for. */
export interface LedgerAppParts {
  /** the projections: the query API (/v1/sessions, /v1/events, …, /docs/json) */
  readonly projections?: ProjectionService | null;
  /** the archiver, whose bundles evidence packages reference */
  readonly archiver?: RunningArchiver | null;
}

/** Builds the all-in-one app (not listening) around an opened store and, when given, the log. */
export async function buildLedgerApp(
  config: LedgerConfig,
  store: EventStore,
  metrics: Metrics,
  log: LedgerLog | null = null,
  parts: LedgerAppParts = {},
): Promise<FastifyInstance> {
  const auth = config.auth;
  const usesHmac = !auth.publicKeyFile && !auth.jwksUrl;
  const hmacSecret = usesHmac ? (auth.hmacSecret ?? ensureDevSecret(config.dataDir)) : null;
  const app = await buildHttpShell({
    auth,
    hmacSecret,
    metrics,
    logLevel: config.logLevel,
    logRequests: config.logRequests,
    ready: async () => {
      await store.head();
      return true;
    },
  });
  registerIngestRoutes(app, {
    store,
    metrics,
    rateLimiter:
      config.rateLimitEventsPerSecond > 0
        ? new RateLimiter(config.rateLimitEventsPerSecond, config.rateLimitBurst)
        : null,
    maxClockSkewMs: config.maxClockSkewMs,
    ...(log === null
      ? {}
      : { waitForCheckpoint: (positions) => log.sequencer.waitForCheckpoint(positions) }),
  });
  registerStreamRoutes(app, {
    store,
    metrics,
    // with the SQLite store, pages are read and formatted on reader threads (ingest keeps the main thread)
    ...(config.streamThreads > 0 ? { readerThreads: { threads: config.streamThreads } } : {}),
  });
  if (log !== null) {
    registerProofRoutes(app, { reader: log.reader });
    registerSequencerMetrics(metrics, log.sequencer);
  }
  const projections = parts.projections ?? null;
  if (projections !== null) {
    registerQueryRoutes(app, {
      views: projections.views,
      store,
      mapping: projections.mapping,
      runner: projections.runner,
    });
  }
  const archiver = parts.archiver ?? null;
  if (archiver !== null) registerArchiverMetrics(metrics, archiver);
  if (projections !== null && log !== null) {
    registerEvidenceRoutes(app, {
      source: createLogEvidenceSource({
        state: log.state,
        store,
        finder: createViewEventFinder({
          views: projections.views,
          mapping: projections.mapping,
          waitFor: (position, timeoutMs) => projections.runner.waitFor(position, timeoutMs),
        }),
        verifierKeys: [log.verifierKey],
        archive:
          archiver === null
            ? null
            : { progress: archiver.progress, location: archiver.target.location },
      }),
      signer: log.signer,
      store,
      dataDir: config.dataDir,
    });
  }
  return app;
}

/**
 * Opens everything and listens on config.host:config.port. Order: store and
 * sequencer state → projections (worker thread) → archiver (checks its
 * target, refuses a bucket without Object Lock) → routes → sequencer →
 * listen → push connectors. On failure everything opened is closed again.
 */
export async function startLedger(config: LedgerConfig): Promise<RunningLedger> {
  let app: FastifyInstance | undefined;
  const backend = openLedgerBackend(config, (error, fatal) => {
    const entry = { err: error, code: error.code, fatal };
    if (app === undefined) return;
    if (fatal) app.log.error(entry, 'the sequencer stopped');
    else app.log.warn(entry, 'sequencer error (retrying)');
  });
  const metrics = createMetrics();
  const log = backend.log;
  let projections: ProjectionService | null = null;
  let archiver: RunningArchiver | null = null;
  // what parts started before the app (and its logger) say is replayed once it exists
  const early: [level: 'info' | 'warn' | 'error', obj: object, msg: string][] = [];
  const say = (level: 'info' | 'warn' | 'error', obj: object, msg: string): void => {
    if (app === undefined) early.push([level, obj, msg]);
    else app.log[level](obj, msg);
  };
  const partLog = {
    warn: (obj: object, msg: string) => say('warn', obj, msg),
    error: (obj: object, msg: string) => say('error', obj, msg),
  };
  try {
    if (config.projections) {
      projections = await startProjections({
        store: backend.store,
        storeKind: config.store,
        dataDir: config.dataDir,
        controlMappingFile: config.controlMappingFile,
        metrics,
        log: partLog,
        thread:
          config.store === 'sqlite'
            ? { kind: 'sqlite', path: join(config.dataDir, LEDGER_DB_FILE) }
            : { kind: 'eventstoredb', connectionString: config.eventStoreConnectionString ?? '' },
      });
    }
    if (log !== null && config.archive.target !== 'off') {
      archiver = await startArchiver({
        config: config.archive,
        database: log.database,
        signer: log.signer,
        source: createSequencerArchiveSource({
          origin: log.origin,
          state: log.state,
          reader: log.reader,
          events: backend.store,
          database: log.database,
          sqliteEvents: log.sqliteEvents,
        }),
        log: {
          info: (m) => say('info', {}, m),
          warn: (m) => say('warn', {}, m),
          error: (m, e) => say('error', { err: e }, m),
        },
      });
    }
    app = await buildLedgerApp(config, backend.store, metrics, log, { projections, archiver });
    for (const [level, obj, msg] of early.splice(0)) app.log[level](obj, msg);
    await log?.sequencer.start();
    await app.listen({ host: config.host, port: config.port });
  } catch (e) {
    await log?.sequencer.stop();
    await app?.close().catch(() => undefined);
    await archiver?.close().catch(() => undefined);
    await projections?.close().catch(() => undefined);
    await backend.close();
    throw e instanceof Error ? e : new LedgerError('LDG_ERR_INTERNAL', String(e));
  }
  const running = app;
  const connectors = config.connectors
    ? startConnectors({
        store: backend.store,
        config: config.connectors,
        checkpointsPath: join(config.dataDir, 'connectors.db'),
        log: running.log,
      })
    : null;
  if (connectors) registerConnectorMetrics(metrics, connectors);
  const addr = running.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  let closing: Promise<void> | null = null;
  const openedArchiver = archiver;
  const openedProjections = projections;
  return {
    app: running,
    store: backend.store,
    log,
    projections: openedProjections,
    archiver: openedArchiver,
    metrics,
    url: `http://${config.host}:${port}`,
    close() {
      closing ??= (async () => {
        // first the archiver (its round may be appending), then the sequencer: requests
        // waiting for a checkpoint are answered now, not after a timeout
        await openedArchiver?.close();
        await log?.sequencer.stop();
        await running.close();
        await connectors?.close();
        await openedProjections?.close();
        await backend.close();
      })();
      return closing;
    },
  };
}
