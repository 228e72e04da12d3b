import { readFileSync } from 'node:fs';
import { createSigner } from 'fast-jwt';
import type { SignerOptions } from 'fast-jwt';
import t from 'tap';
import { ledger } from '../../proto/generated/ledger.js';
import { START } from '../../ledger/store/event-store.js';
import {
  encodeBatch,
  encodeEvent,
  makeEvents,
  postEvents,
  readAllEvents,
  startTestLedger,
} from '../support/ledger-server.js';

/** Events sent by gateways (the sequencer also appends its own CheckpointSigned events). */
async function gatewayEventCount(l: {
  store: Parameters<typeof readAllEvents>[0];
}): Promise<number> {
  return (await readAllEvents(l.store)).filter((e) => e.type !== 'checkpoint_signed').length;
}

const exampleJson = readFileSync(new URL('../../examples/batch.json', import.meta.url), 'utf8');

void t.test('a protobuf batch is acknowledged once durable, with exact bytes kept', async (t) => {
  const l = await startTestLedger(t);
  const events = makeEvents('gw-1', 'acme', 100);
  const res = await postEvents(l.url, l.token('gw-1', 'acme'), encodeBatch(events));
  t.equal(res.status, 200);
  const results = res.body.results ?? [];
  t.equal(results.length, 100);
  t.same(
    results.map((r) => r.event_id),
    events.map((e) => e.eventId),
  );
  t.same(
    results.map((r) => r.position),
    Array.from({ length: 100 }, (_, i) => i),
  );
  t.ok(results.every((r) => !r.duplicate));
  const stored = (await l.store.read({ after: START, limit: 1000 })).filter(
    (e) => e.type !== 'checkpoint_signed',
  );
  t.equal(stored.length, 100);
  stored.forEach((s, i) => {
    t.same(
      Buffer.from(s.data),
      Buffer.from(encodeEvent(events[i]!)),
      `event ${i} bytes are the producer's`,
    );
    t.equal(s.tenantId, 'acme');
  });
});

void t.test('a JSON batch (proto3 JSON mapping) is accepted and stored as protobuf', async (t) => {
  const l = await startTestLedger(t);
  const res = await postEvents(l.url, l.token('gw-demo', 'acme'), exampleJson, 'application/json');
  t.equal(res.status, 200, JSON.stringify(res.body));
  t.equal(res.body.results?.[0]?.event_id, '01936b2e-7c4a-7d1e-9a3b-2f5c8e1d4a60');
  const [stored] = await l.store.read({ after: START });
  const decoded = ledger.v1.AuditEvent.decode(stored!.data);
  t.equal(decoded.actor?.agent?.onBehalfOf?.subject, 'u-1001');
  t.equal(decoded.commandBlocked?.ruleType, ledger.v1.CommandBlocked.RuleType.SCHEMA_CHANGE);
  t.equal(decoded.occurredAt?.nanos, 123_000_000);
  t.equal(stored!.type, 'command_blocked');
});

void t.test(
  'a retry is idempotent: original positions, duplicate flag, nothing new stored',
  async (t) => {
    const l = await startTestLedger(t);
    const token = l.token('gw-1', 'acme');
    const firstEvents = makeEvents('gw-1', 'acme', 10, 3);
    const first = encodeBatch(firstEvents);
    const a = await postEvents(l.url, token, first);
    const b = await postEvents(l.url, token, first);
    t.equal(b.status, 200);
    t.same(
      b.body.results?.map((r) => r.position),
      a.body.results?.map((r) => r.position),
    );
    t.ok(b.body.results?.every((r) => r.duplicate));
    t.equal(await gatewayEventCount(l), 10);
    // a batch mixing old and new events stores only the new ones
    const mixed = [...firstEvents, ...makeEvents('gw-1', 'acme', 2, 4)];
    const c = await postEvents(l.url, token, encodeBatch(mixed));
    t.same(
      c.body.results?.map((r) => r.duplicate),
      [...Array<boolean>(10).fill(true), false, false],
    );
    t.equal(await gatewayEventCount(l), 12);
  },
);

void t.test('concurrent gateways: every event stored once with distinct positions', async (t) => {
  const l = await startTestLedger(t);
  const gateways = ['gw-a', 'gw-b', 'gw-c', 'gw-d'];
  const posts = [];
  for (let r = 0; r < 10; r++) {
    for (const [i, gw] of gateways.entries()) {
      const events = makeEvents(gw, 'acme', 25, 100 * r + i);
      posts.push(postEvents(l.url, l.token(gw, 'acme'), encodeBatch(events)));
    }
  }
  const all = await Promise.all(posts);
  t.ok(all.every((r) => r.status === 200));
  const positions = all.flatMap((r) => r.body.results?.map((x) => x.position) ?? []);
  t.equal(new Set(positions).size, 1000);
  t.equal(await gatewayEventCount(l), 1000);
});

void t.test('bad input gets its status and stores nothing', async (t) => {
  const l = await startTestLedger(t);
  const good = encodeBatch(makeEvents('gw-1', 'acme', 3));
  const token = l.token('gw-1', 'acme');
  const cases: [
    string,
    () => Promise<{ status: number; body: { error?: { code: string } } }>,
    number,
    string,
  ][] = [
    [
      'malformed protobuf',
      () => postEvents(l.url, token, Uint8Array.from([0x0a, 0xff, 0xff, 0x01])),
      400,
      'LDG_ERR_DECODE',
    ],
    [
      'wrong content type',
      () => postEvents(l.url, token, 'hello', 'text/plain'),
      415,
      'LDG_ERR_UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'oversized body',
      () => postEvents(l.url, token, new Uint8Array(4 * 1024 * 1024 + 1)),
      413,
      'LDG_ERR_PAYLOAD_TOO_LARGE',
    ],
    [
      'too many events',
      () => postEvents(l.url, token, encodeBatch(makeEvents('gw-1', 'acme', 1001))),
      400,
      'LDG_ERR_VALIDATION',
    ],
    [
      'invalid JSON',
      () => postEvents(l.url, token, '{"events": [', 'application/json'),
      400,
      'LDG_ERR_BAD_REQUEST',
    ],
    [
      'forged gateway_id',
      () => postEvents(l.url, l.token('gw-2', 'acme'), good),
      403,
      'LDG_ERR_FORBIDDEN',
    ],
    [
      'cross-tenant write',
      () => postEvents(l.url, l.token('gw-1', 'globex'), good),
      403,
      'LDG_ERR_FORBIDDEN',
    ],
    ['no token', () => postEvents(l.url, null, good), 401, 'LDG_ERR_UNAUTHORIZED'],
    [
      'token without ledger:write',
      () => postEvents(l.url, l.token('gw-1', 'acme', ['ledger:read']), good),
      403,
      'LDG_ERR_FORBIDDEN',
    ],
    [
      'unknown wait mode',
      () => postEvents(l.url, token, good, 'application/x-protobuf', '?wait=forever'),
      400,
      'LDG_ERR_VALIDATION',
    ],
  ];
  const sign = (opts: Partial<SignerOptions & { key: string }>, claims: Record<string, unknown>) =>
    createSigner(opts)(claims);
  const claims = { sub: 'gw-1', tenant: 'acme', scope: 'ledger:write' };
  const tokens: [string, string][] = [
    [
      'expired token',
      sign(
        {
          key: l.secret,
          aud: 'audit-ledger',
          expiresIn: 1000,
          clockTimestamp: Date.now() - 3_600_000,
        },
        claims,
      ),
    ],
    ['wrong audience', sign({ key: l.secret, aud: 'someone-else', expiresIn: 60_000 }, claims)],
    ['wrong key', sign({ key: 'x'.repeat(40), aud: 'audit-ledger', expiresIn: 60_000 }, claims)],
    ['alg none', sign({ algorithm: 'none', aud: 'audit-ledger', expiresIn: 60_000 }, claims)],
    [
      'HS384 not in allow-list',
      sign({ key: l.secret, algorithm: 'HS384', aud: 'audit-ledger', expiresIn: 60_000 }, claims),
    ],
    ['no exp claim', sign({ key: l.secret, aud: 'audit-ledger' }, claims)],
  ];
  for (const [name, tok] of tokens) {
    cases.push([name, () => postEvents(l.url, tok, good), 401, 'LDG_ERR_UNAUTHORIZED']);
  }
  for (const [name, run, status, code] of cases) {
    const res = await run();
    t.equal(res.status, status, `${name}: status`);
    t.equal(res.body.error?.code, code, `${name}: code`);
  }
  t.equal(await gatewayEventCount(l), 0, 'nothing was stored by any refused batch');
});

void t.test('validation errors list every bad field path at once', async (t) => {
  const l = await startTestLedger(t);
  const events = makeEvents('gw-1', 'acme', 5);
  events[1]!.eventId = 'not-a-uuid';
  events[3]!.actor = { ...events[3]!.actor, subject: '' };
  const res = await postEvents(l.url, l.token('gw-1', 'acme'), encodeBatch(events));
  t.equal(res.status, 400);
  t.equal(res.body.error?.code, 'LDG_ERR_VALIDATION');
  const paths = res.body.error?.issues?.map((i) => i.path) ?? [];
  t.ok(paths.includes('events[1].event_id'), 'names events[1].event_id');
  t.ok(paths.includes('events[3].actor.subject'), 'names events[3].actor.subject');
  t.equal(await gatewayEventCount(l), 0);
});

void t.test(
  'per-gateway rate limit answers 429 with Retry-After and stores nothing of the batch',
  async (t) => {
    const l = await startTestLedger(t, {
      LEDGER_RATE_LIMIT_EVENTS_PER_SECOND: '10',
      LEDGER_RATE_LIMIT_BURST: '20',
    });
    const ok = await postEvents(
      l.url,
      l.token('gw-1', 'acme'),
      encodeBatch(makeEvents('gw-1', 'acme', 15, 1)),
    );
    t.equal(ok.status, 200);
    const limited = await postEvents(
      l.url,
      l.token('gw-1', 'acme'),
      encodeBatch(makeEvents('gw-1', 'acme', 15, 2)),
    );
    t.equal(limited.status, 429);
    t.equal(limited.body.error?.code, 'LDG_ERR_RATE_LIMITED');
    t.ok(Number(limited.headers.get('retry-after')) >= 1);
    const other = await postEvents(
      l.url,
      l.token('gw-2', 'acme'),
      encodeBatch(makeEvents('gw-2', 'acme', 15, 3)),
    );
    t.equal(other.status, 200, 'another gateway has its own bucket');
    t.equal(await gatewayEventCount(l), 30);
  },
);

void t.test('health, readiness and metrics', async (t) => {
  const l = await startTestLedger(t);
  await postEvents(l.url, l.token('gw-1', 'acme'), encodeBatch(makeEvents('gw-1', 'acme', 7)));
  t.equal((await fetch(`${l.url}/healthz`)).status, 200);
  t.equal((await fetch(`${l.url}/readyz`)).status, 200);
  const metrics = await (await fetch(`${l.url}/metrics`)).text();
  t.match(metrics, /ledger_events_ingested_total\{result="new"\} 7/);
  t.match(metrics, /ledger_append_latency_seconds_bucket/);
  t.match(metrics, /ledger_batch_size_events_count 1/);
  t.match(
    metrics,
    /ledger_http_requests_total\{route="\/v1\/events",method="POST",status="200"\} 1/,
  );
});

void t.test('graceful shutdown finishes in-flight commits', async (t) => {
  const l = await startTestLedger(t);
  const token = l.token('gw-1', 'acme');
  const posts = Array.from({ length: 20 }, (_, i) =>
    postEvents(l.url, token, encodeBatch(makeEvents('gw-1', 'acme', 50, 1000 + i))).catch(
      () => null,
    ),
  );
  await new Promise((r) => setTimeout(r, 5));
  const closing = l.close();
  const results = await Promise.all(posts);
  await closing;
  const acked = results.filter((r) => r?.status === 200).flatMap((r) => r?.body.results ?? []);
  // reopen the same data directory: every acknowledged event is there
  const again = await startTestLedger(t, { LEDGER_DATA_DIR: l.dataDir });
  const stored = (await readAllEvents(again.store)).filter((e) => e.type !== 'checkpoint_signed');
  const ids = new Set(stored.map((s) => s.eventId));
  t.ok(
    acked.every((a) => ids.has(a.event_id)),
    `all ${acked.length} acknowledged events survived`,
  );
  t.equal(stored.length % 50, 0, 'only whole batches are stored');
});
