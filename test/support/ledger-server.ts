/**
 * Starts a real embedded ledger on 127.0.0.1, port 0, with its data in a
 * fresh temporary directory, and closes it in t.teardown.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDevSecret, mintToken } from '../../services/auth.js';
import type { Scope } from '../../services/auth.js';
import { loadConfig } from '../../services/config.js';
import { startLedger } from '../../services/main.js';
import type { RunningLedger } from '../../services/main.js';
import { ledger } from '../../proto/generated/ledger.js';
import { TrafficGenerator } from '../../services/simulate/traffic.js';
import { START } from '../../ledger/store/event-store.js';
import type { StoredEvent } from '../../ledger/store/event-store.js';

export interface TestLedger extends RunningLedger {
  readonly dataDir: string;
  readonly secret: string;
  token(sub: string, tenant: string, scopes?: readonly Scope[], ttlSeconds?: number): string;
}

interface Teardown {
  teardown(fn: () => unknown): void;
}

export function tempDir(prefix = 'audit-ledger-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function startTestLedger(
  t: Teardown,
  env: Record<string, string> = {},
): Promise<TestLedger> {
  const dataDir = env.LEDGER_DATA_DIR ?? tempDir();
  const config = loadConfig({
    LEDGER_DATA_DIR: dataDir,
    LEDGER_PORT: '0',
    LEDGER_LOG_LEVEL: 'silent',
    // reader threads start slowly under tap's TypeScript loader; serve-wiring.test.ts covers them
    LEDGER_STREAM_THREADS: '0',
    // the archiver appends BundleArchived events on its own schedule, which would grow the log under
    // tests that compare against "the latest checkpoint"; tests of the archive turn it on
    LEDGER_ARCHIVE: 'off',
    ...env,
  });
  const running = await startLedger(config);
  t.teardown(() => running.close());
  const secret = config.auth.hmacSecret ?? ensureDevSecret(dataDir);
  return {
    app: running.app,
    store: running.store,
    log: running.log ?? null,
    projections: running.projections ?? null,
    archiver: running.archiver ?? null,
    metrics: running.metrics,
    url: running.url,
    close: () => running.close(),
    dataDir,
    secret,
    token: (
      sub: string,
      tenant: string,
      scopes: readonly Scope[] = ['ledger:write'],
      ttlSeconds = 600,
    ) =>
      mintToken({
        secret,
        subject: sub,
        tenant,
        scopes,
        audience: config.auth.audience,
        ttlSeconds,
      }),
  };
}

/** `n` valid events for one gateway, as plain objects (deterministic per seed). */
export function makeEvents(
  gatewayId: string,
  tenantId: string,
  n: number,
  seed = 1,
): ledger.v1.IAuditEvent[] {
  const gen = new TrafficGenerator({ gatewayId, tenantId, seed, concurrentSessions: 5 });
  return Array.from({ length: n }, () => gen.next());
}

export function encodeBatch(events: readonly ledger.v1.IAuditEvent[]): Uint8Array {
  return ledger.v1.EventBatch.encode({ events: [...events] }).finish();
}

export function encodeEvent(event: ledger.v1.IAuditEvent): Uint8Array {
  return ledger.v1.AuditEvent.encode(event).finish();
}

export interface PostResult {
  status: number;
  body: {
    results?: { event_id: string; position: number; duplicate: boolean; leaf_index?: number }[];
    error?: { code: string; message: string; issues?: { path: string; message: string }[] };
  };
  headers: Headers;
}

/** POSTs a body to /v1/events with a real HTTP client. */
export async function postEvents(
  url: string,
  token: string | null,
  body: Uint8Array | string,
  contentType = 'application/x-protobuf',
  query = '',
): Promise<PostResult> {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${url}/v1/events${query}`, { method: 'POST', headers, body });
  return {
    status: res.status,
    body: (await res.json()) as PostResult['body'],
    headers: res.headers,
  };
}

/** Every event in a store, paging through `read` (at most 10,000 per call). */
export async function readAllEvents(store: {
  read(o: { after: number; limit?: number }): Promise<StoredEvent[]>;
}): Promise<StoredEvent[]> {
  const all: StoredEvent[] = [];
  let after = START;
  for (;;) {
    const page = await store.read({ after, limit: 10_000 });
    if (page.length === 0) return all;
    all.push(...page);
    after = page[page.length - 1]!.position;
  }
}
