/**
 * GET /v1/stream against a real ledger on loopback: auth and parameter
 * errors, SSE catch-up + live + resume after a dropped connection, NDJSON
 * resume, tenant isolation, type filters, heartbeats, backpressure (a reader
 * that stops reading holds back only its own stream) and shutdown, each
 * with the pages read and formatted on the server's thread and in reader
 * threads.
 */
import t from 'tap';
import { START } from '../../ledger/store/event-store.js';
import { encodeBatch, makeEvents, postEvents } from '../support/ledger-server.js';
import { appendAll, trafficEvents } from '../support/siem-events.js';
import { startSiemLedger } from '../support/siem-ledger.js';
import { StreamClient } from '../support/siem-stream-client.js';
import type { StreamDeps } from '../../services/stream/routes.js';

interface JsonRecord {
  position: number;
  tenant: string;
  type: string;
  event: { tenantId: string; eventId: string };
}

function bearer(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${token}`, ...extra };
}

async function errorOf(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; code: string; paths: string[] }> {
  const res = await fetch(url, { headers });
  const body = (await res.json()) as {
    error: { code: string; issues?: { path: string }[] };
  };
  return {
    status: res.status,
    code: body.error.code,
    paths: (body.error.issues ?? []).map((i) => i.path),
  };
}

void t.test('auth: a token is required, with scope ledger:stream', async (t) => {
  const l = await startSiemLedger(t);
  const none = await errorOf(`${l.url}/v1/stream`, {});
  t.same([none.status, none.code], [401, 'LDG_ERR_UNAUTHORIZED']);
  const gateway = await errorOf(
    `${l.url}/v1/stream`,
    bearer(l.token('gw-1', 'acme', ['ledger:write'])),
  );
  t.same([gateway.status, gateway.code], [403, 'LDG_ERR_FORBIDDEN']);
});

void t.test('bad parameters: 400 naming each parameter', async (t) => {
  const l = await startSiemLedger(t);
  const h = bearer(l.token('siem', 'acme'));
  const cases: [string, Record<string, string>, string[]][] = [
    ['?format=xml', {}, ['format']],
    ['?types=command_blocked,nope', {}, ['types']],
    ['?types=,', {}, ['types']],
    ['?after=abc', {}, ['after']],
    ['?after=-2', {}, ['after']],
    ['?after=1.5', {}, ['after']],
    ['?mode=websocket', {}, ['mode']],
    ['?colour=blue', {}, ['colour']],
    ['?format=ocsf&format=cef', {}, ['format']],
    ['', { 'last-event-id': 'yesterday' }, ['Last-Event-ID']],
    ['?format=x&after=y', {}, ['format', 'after']],
  ];
  for (const [query, headers, paths] of cases) {
    const r = await errorOf(`${l.url}/v1/stream${query}`, { ...h, ...headers });
    t.equal(r.status, 400, query);
    t.equal(r.code, 'LDG_ERR_VALIDATION', query);
    t.same(r.paths, paths, `${query} ${JSON.stringify(headers)}`);
  }
});

/** The behaviour tests, run on this thread and with reader threads. */
function behaviour(mode: string, extra: Partial<Omit<StreamDeps, 'store' | 'metrics'>>): void {
  void t.test(
    `${mode}: SSE: catch-up, live, and resume with Last-Event-ID after a dropped connection`,
    async (t) => {
      const l = await startSiemLedger(t, extra);
      const gw = l.token('gw-1', 'acme', ['ledger:write']);
      const first = makeEvents('gw-1', 'acme', 300, 11);
      t.equal((await postEvents(l.url, gw, encodeBatch(first))).status, 200);
      // another tenant's events interleave in the log
      await appendAll(l.store, trafficEvents('globex', 100, 12));

      const url = `${l.url}/v1/stream?format=json`;
      const h = bearer(l.token('siem', 'acme'));
      const a = await StreamClient.open(url, h);
      t.equal(a.status, 200);
      t.match(a.res.headers['content-type'], /^text\/event-stream/);
      await a.waitFor(() => a.dataEvents().length >= 150, 10_000, '150 events');
      a.close(); // dropped mid-stream
      const gotA = a.dataEvents();
      const lastId = a.lastEventId;
      t.ok(Number(lastId) >= 149, 'Last-Event-ID is a position');

      // events arrive while the client is away
      const second = makeEvents('gw-1', 'acme', 100, 13);
      t.equal((await postEvents(l.url, gw, encodeBatch(second))).status, 200);

      const b = await StreamClient.open(url, { ...h, 'last-event-id': lastId });
      await b.waitFor(() => b.dataEvents().length >= 400 - gotA.length, 10_000, 'the rest');
      // and live events after catch-up
      const third = makeEvents('gw-1', 'acme', 50, 14);
      t.equal((await postEvents(l.url, gw, encodeBatch(third))).status, 200);
      await b.waitFor(() => b.dataEvents().length >= 450 - gotA.length, 10_000, 'live events');
      b.close();

      const all = [...gotA, ...b.dataEvents()];
      const records = all.map((e) => JSON.parse(e.data) as JsonRecord);
      const ids = records.map((r) => r.event.eventId);
      const sent = [...first, ...second, ...third].map((e) => e.eventId);
      t.same(ids, sent, 'every acme event exactly once, in order, across the reconnect');
      t.ok(
        records.every((r, i) => String(r.position) === all[i]!.id),
        'id: equals the record position',
      );
      t.ok(records.every((r) => r.tenant === 'acme' && r.event.tenantId === 'acme'));
      const positions = records.map((r) => r.position);
      t.ok(
        positions.every((p, i) => i === 0 || p > positions[i - 1]!),
        'positions strictly increase',
      );
    },
  );

  void t.test(
    `${mode}: NDJSON: resume with ?after=, OCSF and CEF records carry the position`,
    async (t) => {
      const l = await startSiemLedger(t, extra);
      await appendAll(l.store, trafficEvents('acme', 200, 21));
      const h = bearer(l.token('siem', 'acme'), { accept: 'application/x-ndjson' });

      const a = await StreamClient.open(`${l.url}/v1/stream?format=ocsf`, h, 'ndjson');
      t.match(a.res.headers['content-type'], /^application\/x-ndjson/);
      await a.waitFor(() => a.records().length >= 120, 10_000, '120 records');
      a.close();
      const firstPart = a.records() as { metadata: { sequence: number; tenant_uid: string } }[];
      const last = firstPart[firstPart.length - 1]!.metadata.sequence;

      const b = await StreamClient.open(
        `${l.url}/v1/stream?format=ocsf&mode=ndjson&after=${last}`,
        bearer(l.token('siem', 'acme')),
        'ndjson',
      );
      await b.waitFor(() => b.records().length >= 200 - firstPart.length, 10_000, 'the rest');
      b.close();
      const seq = [...firstPart, ...(b.records() as typeof firstPart)].map(
        (r) => r.metadata.sequence,
      );
      t.same(
        seq,
        Array.from({ length: 200 }, (_, i) => i),
        'positions 0..199, once each',
      );
      t.ok(firstPart.every((r) => r.metadata.tenant_uid === 'acme'));

      const c = await StreamClient.open(
        `${l.url}/v1/stream?format=cef&mode=ndjson&after=189`,
        bearer(l.token('siem', 'acme')),
        'ndjson',
      );
      await c.waitFor(() => c.records().length >= 10, 10_000, 'CEF records');
      c.close();
      const cef = c.records() as { position: number; tenant: string; cef: string }[];
      t.same(
        cef.map((r) => r.position),
        Array.from({ length: 10 }, (_, i) => 190 + i),
      );
      t.ok(
        cef.every(
          (r) => r.cef.startsWith('CEF:0|audit-ledger|') && r.cef.includes(`cn1=${r.position}`),
        ),
      );
    },
  );

  void t.test(`${mode}: tenant isolation and type filters`, async (t) => {
    const l = await startSiemLedger(t, extra);
    const acme = trafficEvents('acme', 300, 31);
    const globex = trafficEvents('globex', 300, 32);
    // interleave the two tenants in the log
    for (let i = 0; i < 300; i += 50) {
      await appendAll(l.store, acme.slice(i, i + 50));
      await appendAll(l.store, globex.slice(i, i + 50));
    }
    const g = await StreamClient.open(
      `${l.url}/v1/stream?format=json`,
      bearer(l.token('siem', 'globex')),
    );
    await g.waitFor(() => g.dataEvents().length >= 300, 10_000, 'globex events');
    // a heartbeat would show any extra event; give the stream a moment
    await new Promise((r) => setTimeout(r, 200));
    g.close();
    const recs = g.dataEvents().map((e) => JSON.parse(e.data) as JsonRecord);
    t.equal(recs.length, 300, 'exactly the tenant’s events');
    t.same(
      recs.map((r) => r.event.eventId),
      globex.map((e) => e.eventId),
    );
    t.ok(recs.every((r) => r.tenant === 'globex'));

    const wanted = new Set(['command_blocked', 'session_opened']);
    const expected = acme.filter((e) => wanted.has(e.type)).map((e) => e.eventId);
    t.ok(expected.length > 0 && expected.length < 300, 'the filter selects a strict subset');
    const f = await StreamClient.open(
      `${l.url}/v1/stream?format=json&types=command_blocked,session_opened`,
      bearer(l.token('siem', 'acme')),
    );
    await f.waitFor(() => f.dataEvents().length >= expected.length, 10_000, 'filtered events');
    await new Promise((r) => setTimeout(r, 200));
    f.close();
    const frecs = f.dataEvents().map((e) => JSON.parse(e.data) as JsonRecord);
    t.same(
      frecs.map((r) => r.event.eventId),
      expected,
    );
    t.ok(frecs.every((r) => wanted.has(r.type)));
  });

  void t.test(
    `${mode}: heartbeat: an id-only event moves Last-Event-ID past filtered-out events`,
    async (t) => {
      const l = await startSiemLedger(t, { ...extra, heartbeatMs: 100 });
      await appendAll(l.store, trafficEvents('acme', 20, 41));
      await appendAll(l.store, trafficEvents('globex', 30, 42));
      const head = await l.store.head();
      const c = await StreamClient.open(`${l.url}/v1/stream`, bearer(l.token('siem', 'acme')));
      await c.waitFor(() => c.lastEventId === String(head), 5000, 'a heartbeat naming the head');
      t.equal(c.dataEvents().length, 20);
      t.ok(
        c.events.some((e) => e.data === '' && e.id === String(head)),
        'id-only event at the last scanned position',
      );
      await c.waitFor(() => c.comments > 0, 5000, 'a keep-alive comment');
      c.close();

      const n = await StreamClient.open(
        `${l.url}/v1/stream?mode=ndjson`,
        bearer(l.token('siem', 'acme')),
        'ndjson',
      );
      await n.waitFor(() => n.lines.some((x) => x === ''), 5000, 'a blank heartbeat line');
      n.close();
    },
  );

  void t.test(
    `${mode}: backpressure: a reader that stops reading holds back only its own stream`,
    async (t) => {
      const l = await startSiemLedger(t, { ...extra, pageSize: 100 });
      const total = 20_000;
      const h = bearer(l.token('siem', 'acme'));
      const slow = await StreamClient.open(`${l.url}/v1/stream?format=ocsf`, h);
      slow.pause();
      const fast = await StreamClient.open(`${l.url}/v1/stream?format=ocsf`, h);

      // ingest is not held back by either reader
      const t0 = Date.now();
      await appendAll(l.store, trafficEvents('acme', total, 51));
      const ingestMs = Date.now() - t0;
      await fast.waitFor(
        () => fast.dataEvents().length >= total,
        60_000,
        'the fast reader to catch up',
      );
      t.equal(fast.dataEvents().length, total, 'the fast reader got everything');

      if (extra.readerThreads === undefined) {
        // the slow stream read only what fits in its socket buffers, then waited for 'drain'
        // (reader threads read with their own connections: the store's counters do not see them)
        const stats = l.store.stats();
        const slowRead = stats.subscriptionEvents - total;
        t.ok(
          slowRead < total / 2,
          `slow stream pulled ${slowRead} of ${total} events from the store`,
        );
      }
      t.ok(slow.dataEvents().length < total / 2, 'the slow reader has not received the backlog');
      t.ok(ingestMs < 30_000, `ingest of ${total} events took ${ingestMs} ms`);

      // once it reads again, it gets everything, in order, with no gap
      slow.resume();
      await slow.waitFor(
        () => slow.dataEvents().length >= total,
        60_000,
        'the slow reader to catch up',
      );
      const ids = slow.dataEvents().map((e) => Number(e.id));
      t.same(
        ids,
        Array.from({ length: total }, (_, i) => i),
      );
      slow.close();
      fast.close();
      // closing the connections closes their subscriptions
      const deadline = Date.now() + 5000;
      while (l.store.stats().subscriptions > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
      }
      t.equal(l.store.stats().subscriptions, 0, 'subscriptions closed after the clients left');
    },
  );

  void t.test(`${mode}: closing the app ends open streams`, async (t) => {
    const l = await startSiemLedger(t, extra);
    await appendAll(l.store, trafficEvents('acme', 10, 61));
    const c = await StreamClient.open(`${l.url}/v1/stream`, bearer(l.token('siem', 'acme')));
    await c.waitFor(() => c.dataEvents().length >= 10, 5000, 'events');
    const t0 = Date.now();
    await l.close();
    t.ok(Date.now() - t0 < 5000, 'close did not wait for the client');
    await c.waitFor(() => c.ended, 5000, 'the stream to end');
    t.equal(l.store.stats().subscriptions, 0);
    t.equal(
      await l.store.read({ after: START }).catch((e: { code: string }) => e.code),
      'LDG_ERR_STORE_CLOSED',
    );
  });
}

behaviour('in-process', {});
behaviour('reader threads', { readerThreads: {} });
// two threads, small pages: several pages asked ahead at once, formatted side by side
behaviour('two reader threads', { readerThreads: { threads: 2 }, pageSize: 64 });
