/**
 * Given/When/Then specs of every projection against the SQLite view store:
 * events in, rows out. Plus the properties every projection must have:
 * applying a batch twice changes nothing, and where batches start and end does
 * not change the rows.
 */
import t from 'tap';
import { ledger } from '../../proto/generated/ledger.js';
import { timestampFromMs } from '../../ledger/events/index.js';
import type { AuditEventInit } from '../../ledger/events/index.js';
import { START } from '../../ledger/store/event-store.js';
import {
  DAY_MS,
  dayOf,
  positionIsLeafIndex,
  projectStoredEvents,
} from '../../projections/index.js';
import type { EventQuery, ViewStore } from '../../projections/index.js';
import {
  agentActor,
  humanActor,
  makeEvent,
  NOW,
  resourceOf,
  serviceActor,
} from '../support/event-factory.js';
import { makeEvents } from '../support/ledger-server.js';
import {
  applyStored,
  openSpecViews,
  projectionSpec,
  storedEvents,
} from '../support/projection-spec.js';
import { dumpViews } from '../support/projection-views.js';

const v1 = ledger.v1;
const ADA = humanActor().subject!;
const AGENT = agentActor().subject!;
const T0 = NOW - 3_600_000;
const at = (ms: number) => ({ occurredAt: timestampFromMs(ms) });
const ALL = { asOf: Number.MAX_SAFE_INTEGER, limit: 1000 } as const;

function inSession(id: string, events: AuditEventInit[]): AuditEventInit[] {
  return events.map((e) => ({ ...e, sessionId: id }));
}

void t.test('sessions', async (t) => {
  void t.test(
    'Given an open privileged JIT session with activity, When it closes, Then one row says it all',
    async (t) => {
      const given = inSession('s-1', [
        makeEvent('session_opened', {
          ...at(T0),
          sessionOpened: {
            protocol: 'postgres',
            accessMode: v1.SessionOpened.AccessMode.JIT,
            grantId: 'grant-9',
            expiresAt: timestampFromMs(T0 + 3_600_000),
            mfa: true,
            privileged: true,
          },
        }),
        makeEvent('command_executed', at(T0 + 1000)),
        makeEvent('command_executed', at(T0 + 2000)),
        makeEvent('field_masked', at(T0 + 3000)),
        makeEvent('command_blocked', at(T0 + 4000)),
        makeEvent('approval_requested', at(T0 + 5000)),
        makeEvent('approval_granted', at(T0 + 6000)),
      ]);
      const closed = inSession('s-1', [
        makeEvent('session_closed', {
          ...at(T0 + 190_000),
          sessionClosed: {
            status: v1.SessionClosed.Status.COMPLETED,
            durationMs: 183_000,
            bytesSent: 10,
            bytesReceived: 20,
            recording: { uri: 's3://rec/s-1.cast', sha256: 'b'.repeat(64), size: 5 },
          },
        }),
      ]);
      await projectionSpec(t)
        .given(...given)
        .when(...closed)
        .then(async (views) => {
          const s = await views.getSession('acme', 's-1');
          t.match(s, {
            tenantId: 'acme',
            sessionId: 's-1',
            gatewayId: 'gw-eu-1',
            status: 'COMPLETED',
            startedAt: T0,
            firstPosition: 0,
            lastPosition: 7,
            lastEventAt: T0 + 190_000,
            actorSubject: ADA,
            actorKind: 'HUMAN',
            actorEmail: 'ada@example.com',
            identityProvider: 'okta',
            actorGroups: ['dba', 'oncall'],
            agentName: null,
            onBehalfOfSubject: null,
            resourceName: 'payments-db',
            resourceType: 'POSTGRES',
            opened: { at: T0, position: 0, leafIndex: 0 },
            protocol: 'postgres',
            accessMode: 'JIT',
            grantId: 'grant-9',
            expiresAt: T0 + 3_600_000,
            mfa: true,
            privileged: true,
            closed: { at: T0 + 190_000, position: 7, leafIndex: 7 },
            durationMs: 183_000,
            bytesSent: 10,
            bytesReceived: 20,
            recordingUri: 's3://rec/s-1.cast',
            recordingSha256: 'b'.repeat(64),
            events: 8,
            commands: 2,
            blocks: 1,
            masks: 1,
            maskedValues: 12,
            approvalsRequested: 1,
            approvalsGranted: 1,
            approvalsDenied: 0,
          });
          t.equal(
            await views.getSession('other-tenant', 's-1'),
            undefined,
            'sessions are per tenant',
          );
        });
    },
  );

  void t.test(
    'Given an agent acting for Ada, Then the session is found by the agent and by Ada',
    async (t) => {
      await projectionSpec(t)
        .given(
          makeEvent('session_opened', { sessionId: 's-agent', actor: agentActor(), ...at(T0) }),
        )
        .when(
          makeEvent('command_executed', {
            sessionId: 's-agent',
            actor: agentActor(),
            ...at(T0 + 10),
          }),
        )
        .then(async (views) => {
          const s = await views.getSession('acme', 's-agent');
          t.match(s, {
            actorKind: 'AGENT',
            agentName: 'claude-code',
            onBehalfOfSubject: ADA,
            status: 'OPEN',
            durationMs: null,
            closed: null,
          });
          t.same(
            (await views.findSessions({ tenant: 'acme', actor: AGENT, ...ALL })).map(
              (x) => x.sessionId,
            ),
            ['s-agent'],
          );
          t.same(
            (await views.findSessions({ tenant: 'acme', actor: ADA, ...ALL })).map(
              (x) => x.sessionId,
            ),
            ['s-agent'],
          );
          t.same(await views.findSessions({ tenant: 'acme', actor: 'nobody', ...ALL }), []);
        });
    },
  );

  void t.test(
    'Given a command before its session_opened (out of order), Then identity and start come from the first event, open facts from the open',
    async (t) => {
      await projectionSpec(t)
        .given(makeEvent('command_executed', { sessionId: 's-ooo', ...at(T0 + 500) }))
        .when(
          makeEvent('session_opened', { sessionId: 's-ooo', ...at(T0) }),
          makeEvent('session_closed', {
            sessionId: 's-ooo',
            ...at(T0 + 60_000),
            sessionClosed: { status: v1.SessionClosed.Status.TERMINATED },
          }),
        )
        .then(async (views) => {
          t.match(await views.getSession('acme', 's-ooo'), {
            startedAt: T0 + 500,
            firstPosition: 0,
            opened: { at: T0, position: 1 },
            status: 'TERMINATED',
            durationMs: 60_000,
            events: 3,
          });
        });
    },
  );

  void t.test(
    'Given sessions of several kinds, Then the list filters by resource, privilege, status and time',
    async (t) => {
      const open = (id: string, ms: number, o: Partial<AuditEventInit> = {}) =>
        makeEvent('session_opened', { sessionId: id, ...at(ms), ...o });
      await projectionSpec(t)
        .given(
          open('a', T0, { sessionOpened: { protocol: 'postgres', privileged: true } }),
          open('b', T0 + 1000, { resource: resourceOf('REDIS') }),
          open('c', T0 + 2000, { actor: serviceActor() }),
        )
        .when(makeEvent('session_closed', { sessionId: 'c', ...at(T0 + 3000) }))
        .then(async (views) => {
          const ids = async (q: Parameters<typeof views.findSessions>[0]) =>
            (await views.findSessions(q)).map((s) => s.sessionId);
          t.same(await ids({ tenant: 'acme', ...ALL }), ['a', 'b', 'c'], 'by start time');
          t.same(await ids({ tenant: 'acme', resource: 'payments-db', ...ALL }), ['a', 'c']);
          t.same(await ids({ tenant: 'acme', resource: 'payments-db', privileged: true, ...ALL }), [
            'a',
          ]);
          t.same(await ids({ tenant: 'acme', privileged: false, ...ALL }), ['b', 'c']);
          t.same(await ids({ tenant: 'acme', statuses: ['OPEN'], ...ALL }), ['a', 'b']);
          t.same(await ids({ tenant: 'acme', statuses: ['COMPLETED'], ...ALL }), ['c']);
          t.same(
            await ids({ tenant: 'acme', from: T0 + 1000, to: T0 + 2000, ...ALL }),
            ['b'],
            '[from, to)',
          );
          t.same(
            await ids({ tenant: 'acme', asOf: 1, limit: 10 }),
            ['a', 'b'],
            'snapshot: first position <= asOf',
          );
          t.same(
            await ids({ tenant: 'acme', after: { at: T0, position: 0 }, ...ALL }),
            ['b', 'c'],
            'keyset',
          );
        });
    },
  );

  void t.test('ledger-internal events belong to no session', async (t) => {
    const views = openSpecViews(t);
    const e = makeEvent('command_executed');
    delete (e as Record<string, unknown>)['commandExecuted'];
    const internal = {
      ...e,
      sessionId: 'ledger',
      keyRotated: { oldVerifierKey: 'a', newVerifierKey: 'b' },
    } as AuditEventInit;
    const [stored] = storedEvents([internal]);
    await applyStored(views, [stored!]);
    t.equal(await views.getSession('acme', 'ledger'), undefined);
    t.equal(
      (await views.findEvents({ tenant: 'acme', ...ALL }))[0]?.type,
      'key_rotated',
      'but it is indexed',
    );
    t.same((await views.findEvents({ tenant: 'acme', ...ALL }))[0]?.controls, ['8.15']);
  });
});

void t.test('event index', async (t) => {
  const events = [
    makeEvent('session_opened', {
      sessionId: 's-1',
      ...at(T0),
      sessionOpened: { protocol: 'postgres', privileged: true, mfa: true },
    }),
    makeEvent('command_executed', { sessionId: 's-1', ...at(T0 + 1000) }),
    makeEvent('command_executed', { sessionId: 's-2', actor: agentActor(), ...at(T0 + 2000) }),
    makeEvent('field_masked', { sessionId: 's-2', actor: agentActor(), ...at(T0 + 3000) }),
    makeEvent('command_blocked', {
      sessionId: 's-3',
      actor: serviceActor(),
      resource: resourceOf('REDIS'),
      ...at(T0 + 4000),
    }),
    makeEvent('approval_requested', { sessionId: 's-1', ...at(T0 + 5000) }),
  ];
  const positions = async (q: EventQuery, views: ViewStore) =>
    (await views.findEvents(q)).map((r) => r.position);

  void t.test(
    'Given events of people, agents and services, Then each filter finds its rows',
    async (t) => {
      await projectionSpec(t)
        .given(...events.slice(0, 3))
        .when(...events.slice(3))
        .then(async (views) => {
          const all = await views.findEvents({ tenant: 'acme', ...ALL });
          t.same(
            all.map((r) => r.position),
            [0, 1, 2, 3, 4, 5],
            'time order',
          );
          t.match(all[0], {
            position: 0,
            leafIndex: 0,
            type: 'session_opened',
            occurredAt: T0,
            controls: ['5.15', '5.16', '8.2', '8.5'],
          });
          t.equal(all[3]?.recordedAt, NOW + 3, 'recorded-at time of the store');
          t.same(
            await positions({ tenant: 'acme', actor: ADA, ...ALL }, views),
            [0, 1, 2, 3, 5],
            'Ada and the agent acting for her',
          );
          t.same(await positions({ tenant: 'acme', actor: AGENT, ...ALL }, views), [2, 3]);
          t.same(
            await positions({ tenant: 'acme', resource: 'session-cache', ...ALL }, views),
            [4],
          );
          t.same(await positions({ tenant: 'acme', session: 's-1', ...ALL }, views), [0, 1, 5]);
          t.same(
            await positions(
              { tenant: 'acme', types: ['command_executed', 'field_masked'], ...ALL },
              views,
            ),
            [1, 2, 3],
          );
          t.same(await positions({ tenant: 'acme', controls: ['8.2'], ...ALL }, views), [0, 5]);
          t.same(
            await positions({ tenant: 'acme', controls: ['8.11', '8.16'], ...ALL }, views),
            [3, 4],
            'any of the controls',
          );
          t.same(
            await positions({ tenant: 'acme', actor: ADA, controls: ['8.3'], ...ALL }, views),
            [3],
          );
          t.same(
            await positions({ tenant: 'acme', session: 's-1', actor: AGENT, ...ALL }, views),
            [],
          );
          t.same(
            await positions(
              {
                tenant: 'acme',
                actor: ADA,
                resource: 'payments-db',
                types: ['command_executed'],
                ...ALL,
              },
              views,
            ),
            [1, 2],
          );
          t.same(
            await positions({ tenant: 'acme', from: T0 + 1000, to: T0 + 3000, ...ALL }, views),
            [1, 2],
            '[from, to)',
          );
          t.same(
            await positions({ tenant: 'acme', actor: ADA, from: T0 + 2000, ...ALL }, views),
            [2, 3, 5],
          );
          t.same(
            await positions({ tenant: 'acme', asOf: 2, limit: 10 }, views),
            [0, 1, 2],
            'snapshot',
          );
          t.same(
            await positions({ tenant: 'acme', types: ['approval_denied'], ...ALL }, views),
            [],
            'a type never seen',
          );
          t.same(
            await positions({ tenant: 'globex', ...ALL }, views),
            [],
            'another tenant sees nothing',
          );
          t.same(await positions({ tenant: 'globex', actor: ADA, ...ALL }, views), []);
        });
    },
  );

  void t.test(
    'Given many events at the same millisecond, Then keyset pages neither skip nor repeat',
    async (t) => {
      const same = Array.from({ length: 25 }, (_, i) =>
        makeEvent('command_executed', { sessionId: `s-${i % 3}`, ...at(T0 + (i < 20 ? 0 : 1)) }),
      );
      await projectionSpec(t)
        .given(...same.slice(0, 10))
        .when(...same.slice(10))
        .then(async (views) => {
          for (const filter of [
            {},
            { actor: ADA },
            { session: 's-1' },
            { resource: 'payments-db' },
            { types: ['command_executed'] },
          ]) {
            const seen: number[] = [];
            let after: { at: number; position: number } | undefined;
            for (;;) {
              const page = await views.findEvents({
                tenant: 'acme',
                ...filter,
                asOf: 1000,
                limit: 3,
                ...(after ? { after } : {}),
              });
              if (page.length === 0) break;
              seen.push(...page.map((r) => r.position));
              const last = page[page.length - 1]!;
              after = { at: last.occurredAt, position: last.position };
            }
            const expected = (await views.findEvents({ tenant: 'acme', ...filter, ...ALL })).map(
              (r) => r.position,
            );
            t.same(
              seen,
              expected,
              `filter ${JSON.stringify(filter)}: ${expected.length} rows, each once`,
            );
            t.same(
              [...seen].sort((a, b) => a - b),
              [...new Set(seen)].sort((a, b) => a - b),
              'no repeats',
            );
          }
        });
    },
  );
});

void t.test('approvals', async (t) => {
  void t.test(
    'Given a request, a grant and a denial, Then the request links its session and every decision',
    async (t) => {
      const other = humanActor({
        subject: 'u-linus',
        email: 'linus@example.com',
        displayName: 'Linus',
      });
      await projectionSpec(t)
        .given(
          makeEvent('approval_requested', { sessionId: 's-9', ...at(T0) }),
          makeEvent('approval_granted', { sessionId: 's-9', ...at(T0 + 1000) }),
        )
        .when(
          makeEvent('approval_denied', {
            sessionId: 's-9',
            ...at(T0 + 2000),
            approvalDenied: {
              requestId: 'apr-77',
              approver: other,
              approverGroup: 'cab',
              reason: 'window closed',
            },
          }),
        )
        .then(async (views) => {
          const [a] = await views.findApprovals({ tenant: 'acme', ...ALL });
          t.match(a, {
            requestId: 'apr-77',
            sessionId: 's-9',
            status: 'DENIED',
            startedAt: T0,
            requested: { at: T0, position: 0, leafIndex: 0 },
            requesterSubject: ADA,
            resourceName: 'payments-db',
            reason: 'hotfix for INC-1234',
            approverGroup: 'dba-leads',
            scope: 'bulk_delete',
          });
          t.match(a?.decisions, [
            {
              decision: 'GRANTED',
              position: 1,
              leafIndex: 1,
              approverSubject: '00u9zyxw8VUTS7rqp6',
              approverGroup: 'dba-leads',
              validFrom: NOW,
              validUntil: NOW + 900_000,
            },
            {
              decision: 'DENIED',
              position: 2,
              approverSubject: 'u-linus',
              approverEmail: 'linus@example.com',
              approverGroup: 'cab',
              reason: 'window closed',
              validFrom: null,
            },
          ]);
          const ids = async (
            q: Omit<Parameters<typeof views.findApprovals>[0], 'tenant' | 'asOf' | 'limit'>,
          ) =>
            (await views.findApprovals({ tenant: 'acme', ...ALL, ...q })).map((x) => x.requestId);
          t.same(await ids({ approver: 'u-linus' }), ['apr-77']);
          t.same(await ids({ approver: ADA }), []);
          t.same(await ids({ statuses: ['DENIED'] }), ['apr-77']);
          t.same(await ids({ statuses: ['PENDING', 'GRANTED'] }), []);
          t.same(await ids({ session: 's-9', scope: 'bulk_delete', approverGroup: 'dba-leads' }), [
            'apr-77',
          ]);
          t.same(await ids({ actor: ADA, resource: 'payments-db' }), ['apr-77']);
          t.same(await views.findApprovals({ tenant: 'globex', ...ALL }), []);
        });
    },
  );

  void t.test(
    'Given a grant before its request (out of order), Then the request fills in and the status stays',
    async (t) => {
      await projectionSpec(t)
        .given(makeEvent('approval_granted', { sessionId: 's-1', ...at(T0 + 1000) }))
        .when(makeEvent('approval_requested', { sessionId: 's-1', ...at(T0) }))
        .then(async (views) => {
          const [a] = await views.findApprovals({ tenant: 'acme', ...ALL });
          t.match(a, {
            status: 'GRANTED',
            startedAt: T0 + 1000,
            firstPosition: 0,
            requested: { position: 1 },
            scope: 'bulk_delete',
          });
          t.equal(a?.decisions.length, 1);
        });
    },
  );
});

void t.test('summaries and daily counts', async (t) => {
  const day0 = Math.floor(T0 / DAY_MS) * DAY_MS;
  const masked = (ms: number, resource: string, info: number, count: number) =>
    makeEvent('field_masked', {
      ...at(ms),
      resource: { ...resourceOf('POSTGRES'), name: resource },
      fieldMasked: { fieldPath: 'x.y', infoType: info, count, rule: 'mask-pii' },
    });
  await projectionSpec(t)
    .given(
      masked(day0 + 10, 'payments-db', v1.FieldMasked.InfoType.SSN, 3),
      masked(day0 + 20, 'payments-db', v1.FieldMasked.InfoType.SSN, 4),
      masked(day0 + 30, 'crm-db', v1.FieldMasked.InfoType.EMAIL, 1),
    )
    .when(
      masked(day0 + DAY_MS + 5, 'payments-db', v1.FieldMasked.InfoType.SSN, 10),
      makeEvent('command_blocked', at(day0 + DAY_MS + 6)),
      makeEvent('command_blocked', at(day0 + DAY_MS + 7)),
    )
    .then(async (views) => {
      const d = dayOf(day0);
      const q = { tenant: 'acme', limit: 100 };
      t.same(await views.maskingStats(q), [
        { day: d, resource: 'crm-db', infoType: 'EMAIL', rule: 'mask-pii', events: 1, values: 1 },
        {
          day: d,
          resource: 'payments-db',
          infoType: 'SSN',
          rule: 'mask-pii',
          events: 2,
          values: 7,
        },
        {
          day: d + 1,
          resource: 'payments-db',
          infoType: 'SSN',
          rule: 'mask-pii',
          events: 1,
          values: 10,
        },
      ]);
      t.same(await views.maskingStats({ ...q, fromDay: d + 1 }), [
        {
          day: d + 1,
          resource: 'payments-db',
          infoType: 'SSN',
          rule: 'mask-pii',
          events: 1,
          values: 10,
        },
      ]);
      t.same(await views.maskingStats({ ...q, resource: 'crm-db' }), [
        { day: d, resource: 'crm-db', infoType: 'EMAIL', rule: 'mask-pii', events: 1, values: 1 },
      ]);
      t.same(await views.blockingStats(q), [
        {
          day: d + 1,
          resource: 'payments-db',
          ruleName: 'no-ddl-in-prod',
          ruleType: 'SCHEMA_CHANGE',
          events: 2,
        },
      ]);
      t.same(await views.typeStats(q), [
        { day: d, type: 'field_masked', events: 3 },
        { day: d + 1, type: 'command_blocked', events: 2 },
        { day: d + 1, type: 'field_masked', events: 1 },
      ]);
      t.same(await views.controlStats({ ...q, controls: ['8.11', '8.16'] }), [
        { day: d, control: '8.11', events: 3 },
        { day: d + 1, control: '8.11', events: 1 },
        { day: d + 1, control: '8.16', events: 2 },
      ]);
      t.same(await views.controlStats({ ...q, controls: ['5.34'], toDay: d + 1 }), [
        { day: d, control: '5.34', events: 3 },
      ]);
      t.same(await views.maskingStats({ tenant: 'globex', limit: 100 }), []);
    });
});

void t.test('replay: applying a batch twice changes nothing', async (t) => {
  const views = openSpecViews(t);
  const stored = storedEvents(makeEvents('gw-1', 'acme', 300, 5));
  const { events, rejected } = projectStoredEvents(stored, positionIsLeafIndex);
  const batch = { after: START, last: 299, events, rejected };
  t.same((await views.apply(batch)).applied, ['events', 'sessions', 'approvals', 'summaries']);
  const once = dumpViews(views.path);
  t.same(await views.apply(batch), { applied: [], behind: [] }, 'second time: nothing to apply');
  t.same(dumpViews(views.path), once, 'same rows');
  // a batch overlapping the checkpoint applies only what lies beyond it
  const more = storedEvents(makeEvents('gw-1', 'acme', 350, 5)).slice(250);
  const overlap = projectStoredEvents(
    more.map((e, i) => ({ ...e, position: 250 + i })),
    positionIsLeafIndex,
  );
  const result = await views.apply({ after: 249, last: 349, ...overlap });
  t.same(result.applied.length, 4);
  const cps = await views.checkpoints();
  t.same(
    [...cps.values()].map((c) => [c.position, c.applied]),
    [
      [349, 350],
      [349, 350],
      [349, 350],
      [349, 350],
    ],
  );
  t.same(
    await views.apply({ after: 400, last: 450, events: [], rejected: [] }),
    {
      applied: [],
      behind: ['events', 'sessions', 'approvals', 'summaries'],
    },
    'a gap is never applied over',
  );
});

void t.test('leaf indices unknown at projection time are filled in later', async (t) => {
  const views = openSpecViews(t);
  const events = [
    makeEvent('session_opened', { sessionId: 's-l', ...at(T0) }),
    makeEvent('approval_requested', { sessionId: 's-l', ...at(T0 + 1) }),
    makeEvent('approval_granted', { sessionId: 's-l', ...at(T0 + 2) }),
  ];
  await applyStored(views, storedEvents(events), 1000, () => null);
  t.same(
    (await views.findEvents({ tenant: 'acme', ...ALL })).map((e) => e.leafIndex),
    [null, null, null],
  );
  t.equal((await views.getSession('acme', 's-l'))?.opened?.leafIndex, null);
  t.equal(
    await views.setLeafIndexes([
      { position: 0, leafIndex: 10 },
      { position: 1, leafIndex: 11 },
      { position: 2, leafIndex: 12 },
      { position: 99, leafIndex: 99 },
    ]),
    3,
  );
  t.same(
    (await views.findEvents({ tenant: 'acme', ...ALL })).map((e) => e.leafIndex),
    [10, 11, 12],
  );
  t.equal(
    (await views.getSession('acme', 's-l'))?.opened?.leafIndex,
    10,
    'sessions read leaf indices from the event index',
  );
  const [a] = await views.findApprovals({ tenant: 'acme', ...ALL });
  t.same([a?.requested?.leafIndex, a?.decisions[0]?.leafIndex], [11, 12]);
});

void t.test('batch boundaries do not change the rows', async (t) => {
  const stored = storedEvents(makeEvents('gw-1', 'acme', 700, 11));
  const a = openSpecViews(t);
  const b = openSpecViews(t);
  await applyStored(a, stored, 1000);
  await applyStored(b, stored, 7);
  t.same(dumpViews(b.path), dumpViews(a.path));
});
