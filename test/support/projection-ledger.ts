/**
 * A real ledger with projections and the query API, wired the way
 * services/main.ts is meant to wire them (store → HTTP shell → ingest routes →
 * startProjections → registerQueryRoutes), listening on 127.0.0.1:0 with its
 * data in a fresh temporary directory, closed at teardown.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ledger } from '../../proto/generated/ledger.js';
import { openSqliteEventStore } from '../../ledger/store/sqlite-event-store.js';
import type { SqliteEventStore } from '../../ledger/store/sqlite-event-store.js';
import { ensureDevSecret, mintToken } from '../../services/auth.js';
import type { Scope } from '../../services/auth.js';
import { loadConfig } from '../../services/config.js';
import { buildHttpShell } from '../../services/http.js';
import { registerIngestRoutes } from '../../services/ingest/routes.js';
import { createMetrics } from '../../services/metrics.js';
import type { Metrics } from '../../services/metrics.js';
import { startProjections } from '../../services/query/projection-service.js';
import type { ProjectionService } from '../../services/query/projection-service.js';
import { registerQueryRoutes } from '../../services/query/routes.js';
import { encodeBatch, postEvents, tempDir } from './ledger-server.js';

interface Teardown {
  teardown(fn: () => unknown): void;
}

export interface ProjectionLedger {
  readonly url: string;
  readonly app: FastifyInstance;
  readonly store: SqliteEventStore;
  readonly projections: ProjectionService;
  readonly metrics: Metrics;
  readonly dataDir: string;
  /** A token for `sub` in `tenant` (default scope ledger:read). */
  token(sub: string, tenant: string, scopes?: readonly Scope[]): string;
  /** POSTs events as gateway `gatewayId` of their tenant; returns the positions. */
  ingest(events: readonly ledger.v1.IAuditEvent[], gatewayId?: string): Promise<number[]>;
  /** Waits until every projection has applied the store's head. */
  settle(): Promise<void>;
  /** GET with a bearer token; the parsed JSON body. */
  get<T = Record<string, unknown>>(
    path: string,
    token: string | null,
  ): Promise<{ status: number; body: T }>;
}

export interface ProjectionLedgerOptions {
  /** Events per live projection batch. */
  readonly batchSize?: number;
  readonly dataDir?: string;
  /** Project on a worker thread (as a serving ledger should). */
  readonly thread?: boolean;
}

export async function startProjectionLedger(
  t: Teardown,
  options: ProjectionLedgerOptions = {},
): Promise<ProjectionLedger> {
  const dataDir = options.dataDir ?? tempDir('audit-ledger-query-');
  const config = loadConfig({
    LEDGER_DATA_DIR: dataDir,
    LEDGER_PORT: '0',
    LEDGER_LOG_LEVEL: 'silent',
    LEDGER_RATE_LIMIT_EVENTS_PER_SECOND: '0',
  });
  const secret = ensureDevSecret(dataDir);
  const store = openSqliteEventStore({ path: join(dataDir, 'ledger.db') });
  const metrics = createMetrics();
  const app = await buildHttpShell({
    auth: config.auth,
    hmacSecret: secret,
    metrics,
    logLevel: 'silent',
  });
  registerIngestRoutes(app, {
    store,
    metrics,
    rateLimiter: null,
    maxClockSkewMs: config.maxClockSkewMs,
  });
  const projections = await startProjections({
    store,
    storeKind: 'sqlite',
    dataDir,
    metrics,
    ...(options.thread === true
      ? { thread: { kind: 'sqlite', path: join(dataDir, 'ledger.db') } }
      : {}),
  });
  registerQueryRoutes(app, {
    views: projections.views,
    store,
    mapping: projections.mapping,
    runner: projections.runner,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  t.teardown(async () => {
    await app.close();
    await projections.close();
    await store.close();
  });
  const addr = app.server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr !== null ? addr.port : 0}`;
  const token = (sub: string, tenant: string, scopes: readonly Scope[] = ['ledger:read']): string =>
    mintToken({
      secret,
      subject: sub,
      tenant,
      scopes,
      audience: config.auth.audience,
      ttlSeconds: 600,
    });
  return {
    url,
    app,
    store,
    projections,
    metrics,
    dataDir,
    token,
    async ingest(events, gatewayId) {
      const byTenant = new Map<string, ledger.v1.IAuditEvent[]>();
      for (const e of events) {
        const list = byTenant.get(e.tenantId ?? '') ?? [];
        list.push(gatewayId === undefined ? e : { ...e, gatewayId });
        byTenant.set(e.tenantId ?? '', list);
      }
      const positions: number[] = [];
      for (const [tenant, list] of byTenant) {
        const gw = list[0]?.gatewayId ?? 'gw-1';
        for (let i = 0; i < list.length; i += 1000) {
          const res = await postEvents(
            url,
            token(gw, tenant, ['ledger:write']),
            encodeBatch(list.slice(i, i + 1000)),
          );
          if (res.status !== 200)
            throw new Error(`ingest failed: ${res.status} ${JSON.stringify(res.body)}`);
          positions.push(...(res.body.results ?? []).map((r) => r.position));
        }
      }
      return positions;
    },
    async settle() {
      await projections.runner.waitFor(await store.head(), 20_000);
    },
    async get<T>(path: string, tok: string | null) {
      const headers: Record<string, string> = {};
      if (tok !== null) headers['authorization'] = `Bearer ${tok}`;
      const res = await fetch(`${url}${path}`, { headers });
      return { status: res.status, body: (await res.json()) as T };
    },
  };
}
