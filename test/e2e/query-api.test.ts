/**
 * The auditor query API end to end: real ingest over HTTP, projections
 * following the SQLite store, queries over HTTP with JWTs.
 */
import t from 'tap';
import { ledger } from '../../proto/generated/ledger.js';
import { timestampFromMs } from '../../ledger/events/index.js';
import type { AuditEventInit } from '../../ledger/events/index.js';
import { parsePeriod } from '../../services/query/params.js';
import { agentActor, humanActor, makeEvent, resourceOf } from '../support/event-factory.js';
import { makeEvents } from '../support/ledger-server.js';
import { startProjectionLedger } from '../support/projection-ledger.js';
import type { ProjectionLedger } from '../support/projection-ledger.js';

const v1 = ledger.v1;

interface EventItem {
  position: number;
  leaf_index: number | null;
  event_id: string | null;
  type: string;
  occurred_at: string;
  recorded_at: string;
  controls: string[];
  event: {
    eventId: string;
    tenantId: string;
    sessionId: string;
    actor: { subject: string };
  } | null;
}
interface Page<T> {
  items: T[];
  next_cursor: string | null;
  as_of_position: number;
}
interface ErrorBody {
  error: { code: string; issues?: { path: string; message: string }[] };
}
interface SessionItem {
  session_id: string;
  tenant_id: string;
  privileged: boolean | null;
  status: string;
  approvals?: {
    request_id: string;
    status: string;
    decisions: { decision: string; position: number; leaf_index: number | null }[];
  }[];
  opened: { position: number; leaf_index: number | null } | null;
  counts: Record<string, number>;
}

async function walk<T>(
  l: ProjectionLedger,
  path: string,
  token: string,
): Promise<{ items: T[]; asOf: number; pages: number }> {
  const items: T[] = [];
  let cursor: string | null = null;
  let asOf = -1;
  let pages = 0;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const res: { status: number; body: Page<T> } = await l.get<Page<T>>(
      cursor === null ? path : `${path}${sep}cursor=${encodeURIComponent(cursor)}`,
      token,
    );
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    if (pages === 0) asOf = res.body.as_of_position;
    else if (res.body.as_of_position !== asOf) throw new Error('the snapshot moved during a walk');
    items.push(...res.body.items);
    cursor = res.body.next_cursor;
    pages++;
  } while (cursor !== null);
  return { items, asOf, pages };
}

void t.test(
  'tokens: ledger:read required, confined to a tenant; the OpenAPI document is public',
  async (t) => {
    const l = await startProjectionLedger(t);
    const none = await l.get<ErrorBody>('/v1/events', null);
    t.equal(none.status, 401);
    t.equal(none.body.error.code, 'LDG_ERR_UNAUTHORIZED');
    const writer = await l.get<ErrorBody>(
      '/v1/sessions',
      l.token('gw-1', 'acme', ['ledger:write']),
    );
    t.equal(writer.status, 403);
    t.equal(writer.body.error.code, 'LDG_ERR_FORBIDDEN');
    const docs = await l.get<{ openapi: string; paths: Record<string, unknown> }>(
      '/docs/json',
      null,
    );
    t.equal(docs.status, 200);
    t.equal(docs.body.openapi, '3.1.0');
    t.same(Object.keys(docs.body.paths).sort(), [
      '/v1/approvals',
      '/v1/controls',
      '/v1/events',
      '/v1/projections',
      '/v1/sessions',
      '/v1/sessions/{id}',
      '/v1/stats',
      '/v1/stats/blocking',
      '/v1/stats/masking',
    ]);
  },
);

void t.test(
  'events carry position, leaf index, controls and the proto3 JSON of the stored bytes',
  async (t) => {
    const l = await startProjectionLedger(t);
    const events = makeEvents('gw-1', 'acme', 120, 3);
    const positions = await l.ingest(events);
    await l.settle();
    const res = await l.get<Page<EventItem>>('/v1/events?limit=50', l.token('auditor', 'acme'));
    t.equal(res.status, 200);
    t.equal(res.body.items.length, 50);
    t.equal(res.body.as_of_position, 119);
    t.type(res.body.next_cursor, 'string');
    const byId = new Map(events.map((e, i) => [e.eventId, positions[i]]));
    for (const item of res.body.items) {
      t.equal(item.leaf_index, item.position);
      t.equal(item.event?.eventId, item.event_id);
      t.equal(byId.get(item.event_id ?? ''), item.position, 'the position ingest acknowledged');
      t.equal(item.event?.tenantId, 'acme');
      t.match(item.occurred_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/);
      t.ok(Array.isArray(item.controls));
    }
    const all = await walk<EventItem>(l, '/v1/events?limit=50', l.token('auditor', 'acme'));
    t.equal(all.pages, 3);
    t.same(
      all.items.map((i) => i.position).sort((a, b) => a - b),
      positions.sort((a, b) => a - b),
    );
  },
);

void t.test('bad filters answer 400 naming every bad parameter', async (t) => {
  const l = await startProjectionLedger(t);
  const token = l.token('auditor', 'acme');
  const cases: [string, string[]][] = [
    ['/v1/events?actor=', ['actor']],
    ['/v1/events?type=nope', ['type']],
    ['/v1/events?type=session_opened,bogus', ['type']],
    ['/v1/events?control=9.99', ['control']],
    ['/v1/events?control=A.5.1.1', ['control']],
    ['/v1/events?from=yesterday', ['from']],
    ['/v1/events?from=2025-02-30', ['from']],
    ['/v1/events?from=2025-02-01&to=2025-01-01', ['to']],
    ['/v1/events?limit=0', ['limit']],
    ['/v1/events?limit=5000', ['limit']],
    ['/v1/events?bogus=1', ['bogus']],
    ['/v1/events?cursor=garbage', ['cursor']],
    ['/v1/events?actor=a&actor=b', ['actor']],
    ['/v1/events?period=last-year', ['period']],
    ['/v1/events?period=last-quarter&from=2025-01-01', ['period']],
    ['/v1/sessions?privileged=yes&status=closed', ['privileged', 'status']],
    ['/v1/approvals?status=maybe&limit=-1&type=x', ['type', 'status', 'limit']],
    ['/v1/stats?control=X.1&from=nope', ['control', 'from']],
    ['/v1/sessions/has%20space', ['id']],
    ['/v1/sessions/s-1?limit=abc', ['limit']],
  ];
  for (const [path, params] of cases) {
    const res = await l.get<ErrorBody>(path, token);
    t.equal(res.status, 400, path);
    t.equal(res.body.error.code, 'LDG_ERR_VALIDATION', path);
    t.same(
      res.body.error.issues?.map((i) => i.path),
      params,
      path,
    );
  }
  const missing = await l.get<ErrorBody>('/v1/sessions/no-such-session', token);
  t.equal(missing.status, 404);
  t.equal(missing.body.error.code, 'LDG_ERR_NOT_FOUND');
  // a cursor only continues the query that issued it
  await l.ingest(makeEvents('gw-1', 'acme', 30, 4));
  await l.settle();
  const first = await l.get<Page<EventItem>>('/v1/events?limit=5&type=command_executed', token);
  const replay = await l.get<ErrorBody>(
    `/v1/events?limit=5&cursor=${first.body.next_cursor ?? ''}`,
    token,
  );
  t.equal(replay.status, 400);
  t.same(
    replay.body.error.issues?.map((i) => i.path),
    ['cursor'],
  );
});

/** The example question's data: sessions last quarter, one privileged on payments-db with an approval. */
function lastQuarterScenario(tenant: string): AuditEventInit[] {
  const q = parsePeriod('last-quarter', Date.now())!;
  const t0 = q.from + 86_400_000;
  const at = (ms: number) => ({
    occurredAt: timestampFromMs(ms),
    tenantId: tenant,
    gatewayId: 'gw-eu-1',
  });
  const privileged = {
    protocol: 'postgres',
    accessMode: v1.SessionOpened.AccessMode.JIT,
    grantId: 'g-1',
    mfa: true,
    privileged: true,
  };
  return [
    makeEvent('session_opened', { ...at(t0), sessionId: 'priv-pay', sessionOpened: privileged }),
    makeEvent('approval_requested', { ...at(t0 + 1000), sessionId: 'priv-pay' }),
    makeEvent('approval_granted', { ...at(t0 + 2000), sessionId: 'priv-pay' }),
    makeEvent('command_executed', { ...at(t0 + 3000), sessionId: 'priv-pay' }),
    makeEvent('session_closed', { ...at(t0 + 4000), sessionId: 'priv-pay' }),
    makeEvent('session_opened', { ...at(t0 + 5000), sessionId: 'plain-pay' }),
    makeEvent('session_opened', {
      ...at(t0 + 6000),
      sessionId: 'priv-crm',
      resource: resourceOf('MYSQL'),
      sessionOpened: privileged,
    }),
    makeEvent('session_opened', {
      ...at(q.to + 1000),
      sessionId: 'priv-pay-now',
      sessionOpened: privileged,
    }),
    makeEvent('session_opened', {
      ...at(t0),
      sessionId: 'agent-pay',
      actor: agentActor(),
      sessionOpened: privileged,
    }),
  ];
}

void t.test(
  'every privileged session on the payments database last quarter, with its approvals',
  async (t) => {
    const l = await startProjectionLedger(t);
    await l.ingest(lastQuarterScenario('acme'));
    await l.settle();
    const token = l.token('auditor', 'acme');
    const res = await l.get<Page<SessionItem>>(
      '/v1/sessions?resource=payments-db&privileged=true&period=last-quarter&include=approvals',
      token,
    );
    t.equal(res.status, 200);
    t.same(
      res.body.items.map((s) => s.session_id),
      ['priv-pay', 'agent-pay'],
      'by start time, then position',
    );
    const s = res.body.items[0]!;
    t.match(s, {
      tenant_id: 'acme',
      privileged: true,
      status: 'COMPLETED',
      opened: { position: 0, leaf_index: 0 },
    });
    t.match(s.counts, { events: 5, commands: 1, approvals_requested: 1, approvals_granted: 1 });
    t.match(s.approvals, [
      {
        request_id: 'apr-77',
        status: 'GRANTED',
        decisions: [{ decision: 'GRANTED', position: 2, leaf_index: 2 }],
      },
    ]);
    t.same(res.body.items[1]?.approvals, []);

    const byPerson = await l.get<Page<SessionItem>>(
      `/v1/sessions?actor=${humanActor().subject}&privileged=true&period=last-quarter`,
      token,
    );
    t.same(
      byPerson.body.items.map((x) => x.session_id),
      ['priv-pay', 'agent-pay', 'priv-crm'],
      'Ada directly and through her agent',
    );

    const detail = await l.get<{
      session: SessionItem;
      approvals: unknown[];
      timeline: Page<EventItem>;
    }>('/v1/sessions/priv-pay?limit=3', token);
    t.equal(detail.status, 200);
    t.equal(detail.body.session.session_id, 'priv-pay');
    t.equal(detail.body.approvals.length, 1);
    t.same(
      detail.body.timeline.items.map((e) => [e.position, e.type]),
      [
        [0, 'session_opened'],
        [1, 'approval_requested'],
        [2, 'approval_granted'],
      ],
    );
    t.ok(
      detail.body.timeline.items.every(
        (e) => e.leaf_index === e.position && e.event?.sessionId === 'priv-pay',
      ),
    );
    const rest = await l.get<{ timeline: Page<EventItem> }>(
      `/v1/sessions/priv-pay?limit=3&cursor=${encodeURIComponent(detail.body.timeline.next_cursor ?? '')}`,
      token,
    );
    t.same(
      rest.body.timeline.items.map((e) => e.type),
      ['command_executed', 'session_closed'],
    );
    t.equal(rest.body.timeline.next_cursor, null);

    // the same question by control, with the 2013 id
    const evidence = await l.get<Page<EventItem>>(
      '/v1/events?control=A.9.2.3&resource=payments-db&period=last-quarter',
      token,
    );
    t.same(
      evidence.body.items.map((e) => e.type),
      ['session_opened', 'session_opened', 'approval_requested', 'approval_granted'],
    );
    t.ok(evidence.body.items.every((e) => e.controls.includes('8.2')));
  },
);

void t.test('2013 ids are aliases in every query', async (t) => {
  const l = await startProjectionLedger(t);
  await l.ingest(makeEvents('gw-1', 'acme', 400, 5));
  await l.settle();
  const token = l.token('auditor', 'acme');
  for (const [alias, id] of [
    ['A.9.2.3', '8.2'],
    ['A.9.4.1', '8.3'],
    ['a.9.4.2', '8.5'],
    ['A.9.4.1,A.8.11', '8.3,8.11'],
  ]) {
    const a = await l.get<Page<EventItem>>(`/v1/events?limit=1000&control=${alias}`, token);
    const b = await l.get<Page<EventItem>>(`/v1/events?limit=1000&control=${id}`, token);
    t.equal(a.status, 200);
    t.ok(a.body.items.length > 0, `${alias}: ${a.body.items.length} events`);
    t.same(
      a.body.items.map((e) => e.position),
      b.body.items.map((e) => e.position),
      `${alias} = ${id}`,
    );
    const sa = await l.get<{ controls: unknown[] }>(`/v1/stats?control=${alias}`, token);
    const sb = await l.get<{ controls: unknown[] }>(`/v1/stats?control=${id}`, token);
    t.same(sa.body.controls, sb.body.controls);
  }
  const stats = await l.get<{
    controls: { control: string; title: string; events: number }[];
    types: { type: string; events: number }[];
  }>('/v1/stats', token);
  const sum = (type: string) =>
    stats.body.types.filter((r) => r.type === type).reduce((n, r) => n + r.events, 0);
  const masked = stats.body.controls
    .filter((r) => r.control === '8.11')
    .reduce((n, r) => n + r.events, 0);
  t.equal(masked, sum('field_masked'), '8.11 counts every field_masked');
  t.equal(stats.body.controls.find((r) => r.control === '8.11')?.title, 'Data masking');
  const masking = await l.get<{ items: { info_type: string; values: number; events: number }[] }>(
    '/v1/stats/masking',
    token,
  );
  t.equal(
    masking.body.items.reduce((n, r) => n + r.events, 0),
    masked,
  );
  const blocking = await l.get<{ items: { rule_name: string; events: number }[] }>(
    '/v1/stats/blocking?resource=payments-db',
    token,
  );
  t.equal(blocking.status, 200);
  const controls = await l.get<{ controls: { id: string; aliases_2013: string[] }[] }>(
    '/v1/controls',
    token,
  );
  t.same(controls.body.controls.find((c) => c.id === '8.2')?.aliases_2013, ['A.9.2.3']);
  const status = await l.get<{
    projections: { name: string; lag_events: number; checkpoint: number }[];
  }>('/v1/projections', token);
  t.same(
    status.body.projections.map((p) => [p.name, p.checkpoint, p.lag_events]),
    [
      ['events', 399, 0],
      ['sessions', 399, 0],
      ['approvals', 399, 0],
      ['summaries', 399, 0],
    ],
  );
  const metrics = await (await fetch(`${l.url}/metrics`)).text();
  t.match(metrics, /ledger_projection_lag_events\{projection="events"\} 0/);
  t.match(metrics, /ledger_projection_lag_seconds\{projection="sessions"\} 0/);
});

void t.test('a token of tenant A never sees tenant B, whatever the filters', async (t) => {
  const l = await startProjectionLedger(t);
  // the same people, resources and even session ids in both tenants
  await l.ingest([...lastQuarterScenario('acme'), ...makeEvents('gw-a', 'acme', 150, 6)], 'gw-a');
  await l.ingest(
    [...lastQuarterScenario('globex'), ...makeEvents('gw-g', 'globex', 150, 6)],
    'gw-g',
  );
  await l.ingest(
    [makeEvent('session_opened', { tenantId: 'globex', sessionId: 'globex-only' })],
    'gw-g',
  );
  await l.settle();
  const acme = l.token('auditor', 'acme');
  const queries = [
    '/v1/events?limit=1000',
    `/v1/events?limit=1000&actor=${humanActor().subject}`,
    '/v1/events?limit=1000&actor=u-1001',
    '/v1/events?limit=1000&resource=payments-db',
    '/v1/events?limit=1000&session=priv-pay',
    '/v1/events?limit=1000&session=globex-only',
    '/v1/events?limit=1000&type=session_opened,approval_granted',
    '/v1/events?limit=1000&control=A.9.2.3,8.11',
    '/v1/events?limit=1000&actor=u-1001&control=8.3&resource=payments-db',
  ];
  for (const q of queries) {
    const res = await l.get<Page<EventItem>>(q, acme);
    t.equal(res.status, 200, q);
    t.ok(
      res.body.items.every((e) => e.event?.tenantId === 'acme'),
      `${q}: ${res.body.items.length} events, all acme`,
    );
  }
  t.same((await l.get<Page<EventItem>>('/v1/events?session=globex-only', acme)).body.items, []);
  for (const q of [
    '/v1/sessions?limit=1000',
    '/v1/sessions?limit=1000&actor=u-1001',
    '/v1/sessions?limit=1000&include=approvals',
  ]) {
    const res = await l.get<Page<SessionItem>>(q, acme);
    t.ok(res.body.items.length > 0 && res.body.items.every((s) => s.tenant_id === 'acme'), q);
  }
  const approvals = await l.get<Page<{ session_id: string }>>(
    `/v1/approvals?limit=1000&actor=${humanActor().subject}`,
    acme,
  );
  t.ok(approvals.body.items.length > 0);
  const acmeSessions = new Set(
    (await l.get<Page<SessionItem>>('/v1/sessions?limit=1000', acme)).body.items.map(
      (s) => s.session_id,
    ),
  );
  t.ok(
    approvals.body.items.every((a) => acmeSessions.has(a.session_id)),
    'approvals link acme sessions only',
  );
  const shared = await l.get<{ session: SessionItem; timeline: Page<EventItem> }>(
    '/v1/sessions/priv-pay',
    acme,
  );
  t.equal(shared.body.session.tenant_id, 'acme');
  t.ok(shared.body.timeline.items.every((e) => e.event?.tenantId === 'acme'));
  t.equal((await l.get<ErrorBody>('/v1/sessions/globex-only', acme)).status, 404);

  const globexPage = await l.get<Page<EventItem>>(
    '/v1/events?limit=5',
    l.token('auditor', 'globex'),
  );
  const stolen = await l.get<ErrorBody>(
    `/v1/events?limit=5&cursor=${globexPage.body.next_cursor ?? ''}`,
    acme,
  );
  t.equal(stolen.status, 400, "another tenant's cursor is refused");
  t.same(
    stolen.body.error.issues?.map((i) => i.path),
    ['cursor'],
  );

  const acmeOnly = await walk<EventItem>(l, '/v1/events?limit=1000', acme);
  const stats = await l.get<{ types: { events: number }[] }>('/v1/stats', acme);
  t.equal(
    stats.body.types.reduce((n, r) => n + r.events, 0),
    acmeOnly.items.length,
    'statistics count acme only',
  );
});

void t.test('paging while events keep arriving: no row skipped, none repeated', async (t) => {
  const l = await startProjectionLedger(t, { batchSize: 64 });
  await l.ingest(makeEvents('gw-1', 'acme', 600, 7));
  await l.settle();
  const token = l.token('auditor', 'acme');
  let ingesting = true;
  let seed = 100;
  const writer = (async () => {
    while (ingesting) {
      await l.ingest(makeEvents('gw-1', 'acme', 50, seed++));
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  try {
    for (const path of [
      '/v1/events?limit=37',
      '/v1/events?limit=23&actor=u-1001',
      '/v1/events?limit=19&type=command_executed',
    ]) {
      const walked = await walk<EventItem>(l, path, token);
      const positions = walked.items.map((e) => e.position);
      t.equal(
        new Set(positions).size,
        positions.length,
        `${path}: no repeats over ${walked.pages} pages`,
      );
      t.ok(
        positions.every((p) => p <= walked.asOf),
        `${path}: nothing beyond the snapshot`,
      );
      const expected = await l.projections.views.findEvents({
        tenant: 'acme',
        ...(path.includes('actor') ? { actor: 'u-1001' } : {}),
        ...(path.includes('type') ? { types: ['command_executed'] } : {}),
        asOf: walked.asOf,
        limit: 100_000,
      });
      t.same(
        positions,
        expected.map((e) => e.position),
        `${path}: exactly the ${expected.length} rows of the snapshot, in order`,
      );
    }
    const sessions = await walk<SessionItem>(l, '/v1/sessions?limit=7', token);
    const ids = sessions.items.map((s) => s.session_id);
    t.equal(new Set(ids).size, ids.length, `sessions: no repeats over ${sessions.pages} pages`);
    const expected = await l.projections.views.findSessions({
      tenant: 'acme',
      asOf: sessions.asOf,
      limit: 100_000,
    });
    t.same(
      ids,
      expected.map((s) => s.sessionId),
      `sessions: exactly the ${expected.length} of the snapshot`,
    );
    const approvals = await walk<{ request_id: string }>(l, '/v1/approvals?limit=5', token);
    t.equal(
      new Set(approvals.items.map((a) => a.request_id)).size,
      approvals.items.length,
      'approvals: no repeats',
    );
  } finally {
    ingesting = false;
    await writer;
  }
  t.ok((await l.store.head()) > 700, 'events kept arriving during the walks');
});

void t.test('projecting on a worker thread answers the same', async (t) => {
  const l = await startProjectionLedger(t, { thread: true });
  await l.ingest(lastQuarterScenario('acme'));
  await l.ingest(makeEvents('gw-1', 'acme', 300, 8));
  await l.settle();
  const token = l.token('auditor', 'acme');
  const res = await l.get<Page<SessionItem>>(
    '/v1/sessions?resource=payments-db&privileged=true&period=last-quarter&include=approvals',
    token,
  );
  t.same(
    res.body.items.map((s) => s.session_id),
    ['priv-pay', 'agent-pay'],
  );
  const all = await walk<EventItem>(l, '/v1/events?limit=100', token);
  t.equal(all.items.length, 309);
  await l.projections.runner.refreshLag();
  await new Promise((r) => setTimeout(r, 300));
  t.same(
    l.projections.runner.status().map((s) => [s.name, s.checkpoint, s.lagEvents]),
    [
      ['events', 308, 0],
      ['sessions', 308, 0],
      ['approvals', 308, 0],
      ['summaries', 308, 0],
    ],
  );
  const rebuilt = await l.projections.runner.rebuild({ projection: 'sessions' });
  t.equal(rebuilt.events, 309);
  const again = await l.get<Page<SessionItem>>(
    '/v1/sessions?resource=payments-db&privileged=true&period=last-quarter',
    token,
  );
  t.same(
    again.body.items.map((s) => s.session_id),
    ['priv-pay', 'agent-pay'],
  );
  const bad = await l.projections.runner.rebuild({ projection: 'nope' }).catch((e: unknown) => e);
  t.equal((bad as { code: string }).code, 'LDG_ERR_VALIDATION');
});
