/**
 * Wires the embedded all-in-one ledger: store, HTTP shell, ingest routes (and,
 * as they land, the sequencer, proofs, projections and archiver), then listens.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { EventStore } from '../ledger/store/event-store.js';
import { openEventStoreDbEventStore } from '../ledger/store/eventstoredb-event-store.js';
import { openSqliteEventStore } from '../ledger/store/sqlite-event-store.js';
import { ensureDevSecret } from './auth.js';
import type { LedgerConfig } from './config.js';
import { buildHttpShell } from './http.js';
import { registerIngestRoutes } from './ingest/routes.js';
import { createMetrics } from './metrics.js';
import type { Metrics } from './metrics.js';
import { RateLimiter } from './rate-limit.js';

export interface RunningLedger {
  readonly app: FastifyInstance;
  readonly store: EventStore;
  readonly metrics: Metrics;
  /** Base URL, e.g. http://127.0.0.1:8080 */
  readonly url: string;
  /** Stops accepting requests, finishes in-flight commits, closes the store. Idempotent. */
  close(): Promise<void>;
}

export function openStore(config: LedgerConfig): EventStore {
  if (config.store === 'eventstoredb') {
    return openEventStoreDbEventStore({
      connectionString: config.eventStoreConnectionString ?? '',
    });
  }
  mkdirSync(config.dataDir, { recursive: true });
  return openSqliteEventStore({ path: join(config.dataDir, 'ledger.db') });
}

/** Builds the all-in-one app (not listening) around an opened store. */
export async function buildLedgerApp(
  config: LedgerConfig,
  store: EventStore,
  metrics: Metrics,
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
  });
  return app;
}

/** Opens everything and listens on config.host:config.port. */
export async function startLedger(config: LedgerConfig): Promise<RunningLedger> {
  const store = openStore(config);
  const metrics = createMetrics();
  let app: FastifyInstance;
  try {
    app = await buildLedgerApp(config, store, metrics);
    await app.listen({ host: config.host, port: config.port });
  } catch (e) {
    await store.close();
    throw e;
  }
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  let closing: Promise<void> | null = null;
  return {
    app,
    store,
    metrics,
    url: `http://${config.host}:${port}`,
    close() {
      closing ??= (async () => {
        await app.close();
        await store.close();
      })();
      return closing;
    },
  };
}
