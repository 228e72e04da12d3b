/**
 * A real ledger for the SIEM tests: the HTTP shell (JWT auth, error format),
 * ingest and the stream routes on 127.0.0.1 port 0, over a SQLite store in a
 * fresh temporary directory. Closed in t.teardown.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { openSqliteEventStore } from '../../ledger/store/sqlite-event-store.js';
import type { SqliteEventStore } from '../../ledger/store/sqlite-event-store.js';
import { mintToken } from '../../services/auth.js';
import type { Scope } from '../../services/auth.js';
import { loadConfig } from '../../services/config.js';
import { buildHttpShell } from '../../services/http.js';
import { registerIngestRoutes } from '../../services/ingest/routes.js';
import { createMetrics } from '../../services/metrics.js';
import type { Metrics } from '../../services/metrics.js';
import { registerStreamRoutes } from '../../services/stream/routes.js';
import type { StreamDeps } from '../../services/stream/routes.js';
import { tempDir } from './ledger-server.js';

export interface SiemLedger {
  readonly app: FastifyInstance;
  readonly store: SqliteEventStore;
  readonly metrics: Metrics;
  readonly url: string;
  readonly dataDir: string;
  token(sub: string, tenant: string, scopes?: readonly Scope[]): string;
  close(): Promise<void>;
}

interface Teardown {
  teardown(fn: () => unknown): void;
}

const SECRET = 'siem-test-secret-0123456789abcdef0123456789';

/** Starts the ledger; `stream` overrides the stream route options (heartbeat, page size). */
export async function startSiemLedger(
  t: Teardown,
  stream: Partial<Omit<StreamDeps, 'store' | 'metrics'>> = {},
): Promise<SiemLedger> {
  const dataDir = tempDir('audit-ledger-siem-');
  const config = loadConfig({
    LEDGER_DATA_DIR: dataDir,
    LEDGER_PORT: '0',
    LEDGER_LOG_LEVEL: 'silent',
    LEDGER_JWT_SECRET: SECRET,
    LEDGER_RATE_LIMIT_EVENTS_PER_SECOND: '0',
  });
  const store = openSqliteEventStore({ path: join(dataDir, 'ledger.db') });
  const metrics = createMetrics();
  const app = await buildHttpShell({
    auth: config.auth,
    hmacSecret: SECRET,
    metrics,
    logLevel: 'silent',
  });
  registerIngestRoutes(app, {
    store,
    metrics,
    rateLimiter: null,
    maxClockSkewMs: config.maxClockSkewMs,
  });
  const routes = registerStreamRoutes(app, { store, metrics, ...stream });
  await app.listen({ host: '127.0.0.1', port: 0 });
  // reader threads (when asked for) open the store before the tests start their clocks
  await routes.ready();
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await app.close();
      await store.close();
    })();
    return closing;
  };
  t.teardown(close);
  return {
    app,
    store,
    metrics,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    token: (sub, tenant, scopes = ['ledger:stream']) =>
      mintToken({
        secret: SECRET,
        subject: sub,
        tenant,
        scopes,
        audience: config.auth.audience,
        ttlSeconds: 600,
      }),
    close,
  };
}
