import t from 'tap';
import { ledger } from '../../proto/generated/ledger.js';
import { LedgerError, ValidationError } from '../../ledger/errors.js';
import {
  DEFAULT_MAX_SKEW_MS,
  GATEWAY_PAYLOAD_TYPES,
  MAX_BATCH_BYTES,
  MAX_BATCH_EVENTS,
  MAX_EVENT_BYTES,
  assertAuditEvent,
  decodeAuditEvent,
  decodeBatchProtobuf,
  encodeAuditEvent,
  encodeBatch,
  isValidAuditEvent,
  timestampFromMs,
  uuidv7,
  validateBatch,
  validateEvent,
} from '../../ledger/events/index.js';
import type {
  AuditEventInit,
  DecodedBatch,
  DecodedEvent,
  ValidateBatchOptions,
} from '../../ledger/events/index.js';
import {
  NOW,
  agentActor,
  everyGatewayEvent,
  humanActor,
  makeEvent,
  payloadOf,
  resourceOf,
  serviceActor,
  sha256Hex,
} from '../support/event-factory.js';

const v1 = ledger.v1;

/** The issue paths validateBatch reports for these events, or [] when they are valid. */
function issuePaths(
  events: readonly (AuditEventInit | Uint8Array)[],
  options: ValidateBatchOptions = { now: NOW },
): string[] {
  try {
    validateBatch(decodeBatchProtobuf(encodeBatch(events)), options);
    return [];
  } catch (e) {
    if (e instanceof ValidationError) return e.issues.map((i) => i.path);
    throw e;
  }
}

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

void t.test('every gateway payload type, with human, agent and service actors, validates', (t) => {
  const events = everyGatewayEvent();
  const bytes = encodeBatch(events);
  const valid = validateBatch(decodeBatchProtobuf(bytes), { now: NOW });
  t.equal(valid.length, GATEWAY_PAYLOAD_TYPES.length);
  t.same(
    valid.map((e) => e.type),
    [...GATEWAY_PAYLOAD_TYPES],
  );
  t.same(
    valid.map((e) => e.actor.kind),
    ['HUMAN', 'AGENT', 'SERVICE', 'HUMAN', 'AGENT', 'SERVICE', 'HUMAN', 'AGENT'],
  );
  for (const [i, e] of valid.entries()) {
    t.same(
      Buffer.from(e.bytes),
      Buffer.from(encodeAuditEvent(events[i]!)),
      `${e.type} keeps its bytes`,
    );
    t.ok(isValidAuditEvent(e));
    t.equal(e.occurredAtMs, NOW - 1000);
  }
  t.end();
});

void t.test('the domain value: enum names, numbers for 64-bit fields, narrow payloads', (t) => {
  const [closed] = validateBatch(decodeBatchProtobuf(encodeBatch([makeEvent('session_closed')])), {
    now: NOW,
  });
  if (closed?.type !== 'session_closed') throw new Error('expected session_closed');
  t.equal(closed.sessionClosed.status, 'COMPLETED');
  t.equal(closed.sessionClosed.bytesReceived, 1_048_576);
  t.equal(typeof closed.sessionClosed.durationMs, 'number');
  t.equal(closed.sessionClosed.recording?.sha256, sha256Hex('recording'));
  t.equal(closed.resource.type, 'POSTGRES');
  t.same(closed.resource.labels, { env: 'prod', team: 'payments' });
  t.equal(closed.policy?.decision, 'ALLOW');
  t.equal(closed.source?.ip, '203.0.113.7');
  t.same(closed.occurredAt, timestampFromMs(NOW - 1000));

  const [agent] = validateBatch(
    decodeBatchProtobuf(
      encodeBatch([
        makeEvent('command_executed', { actor: agentActor(), source: null, policy: null }),
      ]),
    ),
    { now: NOW },
  );
  if (agent?.actor.kind !== 'AGENT') throw new Error('expected an agent');
  t.equal(agent.actor.agent.name, 'claude-code');
  t.equal(agent.actor.agent.onBehalfOf.kind, 'HUMAN');
  t.equal(agent.source, undefined);
  t.equal(agent.policy, undefined);
  t.equal(agent.correlationId, 'req-4f1c2b');

  const [big] = validateBatch(
    decodeBatchProtobuf(
      encodeBatch([
        makeEvent('command_executed', {
          commandExecuted: {
            ...payloadOf('command_executed').commandExecuted,
            rowsAffected: -1,
            durationMs: 2 ** 52,
          },
        }),
      ]),
    ),
    { now: NOW },
  );
  if (big?.type !== 'command_executed') throw new Error('expected command_executed');
  t.equal(big.commandExecuted.rowsAffected, -1, 'negative int64 (10-byte varint) converts');
  t.equal(big.commandExecuted.durationMs, 2 ** 52, 'values beyond 7 varint bytes convert');
  t.end();
});

interface RuleCase {
  readonly name: string;
  readonly event: AuditEventInit;
  readonly paths: readonly string[];
}

const withActor = (a: ledger.v1.Actor.$Properties): AuditEventInit =>
  makeEvent('command_executed', { actor: a });
const P = (
  type: Parameters<typeof payloadOf>[0],
  patch: Record<string, unknown>,
): AuditEventInit => {
  const base = payloadOf(type) as Record<string, Record<string, unknown>>;
  const [prop, value] = Object.entries(base)[0]!;
  return makeEvent(type, { [prop]: { ...value, ...patch } });
};
const ts = (seconds: number, nanos = 0) => ({ seconds, nanos });

const RULES: readonly RuleCase[] = [
  // envelope
  {
    name: 'event_id missing',
    event: makeEvent('command_executed', { eventId: '' }),
    paths: ['events[0].event_id'],
  },
  {
    name: 'event_id not a UUID',
    event: makeEvent('command_executed', { eventId: 'evt-1' }),
    paths: ['events[0].event_id'],
  },
  {
    name: 'event_id upper case',
    event: makeEvent('command_executed', { eventId: uuidv7(NOW).toUpperCase() }),
    paths: ['events[0].event_id'],
  },
  {
    name: 'event_id with a non-RFC variant',
    event: makeEvent('command_executed', { eventId: '01968bb7-c618-70fc-c224-66a53f36d2e9' }),
    paths: ['events[0].event_id'],
  },
  {
    name: 'event_id nil UUID',
    event: makeEvent('command_executed', { eventId: '00000000-0000-0000-0000-000000000000' }),
    paths: ['events[0].event_id'],
  },
  {
    name: 'tenant_id missing',
    event: makeEvent('command_executed', { tenantId: '' }),
    paths: ['events[0].tenant_id'],
  },
  {
    name: 'tenant_id with a space',
    event: makeEvent('command_executed', { tenantId: 'ac me' }),
    paths: ['events[0].tenant_id'],
  },
  {
    name: 'tenant_id path-like',
    event: makeEvent('command_executed', { tenantId: '..' }),
    paths: ['events[0].tenant_id'],
  },
  {
    name: 'tenant_id too long',
    event: makeEvent('command_executed', { tenantId: 'a'.repeat(129) }),
    paths: ['events[0].tenant_id'],
  },
  {
    name: 'gateway_id missing',
    event: makeEvent('command_executed', { gatewayId: '' }),
    paths: ['events[0].gateway_id'],
  },
  {
    name: 'gateway_id with a slash',
    event: makeEvent('command_executed', { gatewayId: 'gw/1' }),
    paths: ['events[0].gateway_id'],
  },
  {
    name: 'session_id missing',
    event: makeEvent('command_executed', { sessionId: '' }),
    paths: ['events[0].session_id'],
  },
  {
    name: 'session_id with a space',
    event: makeEvent('command_executed', { sessionId: 's 1' }),
    paths: ['events[0].session_id'],
  },
  {
    name: 'session_id too long',
    event: makeEvent('command_executed', { sessionId: 's'.repeat(257) }),
    paths: ['events[0].session_id'],
  },
  {
    name: 'correlation_id with a control character',
    event: makeEvent('command_executed', { correlationId: 'req\n1' }),
    paths: ['events[0].correlation_id'],
  },
  {
    name: 'occurred_at missing',
    event: makeEvent('command_executed', { occurredAt: null }),
    paths: ['events[0].occurred_at'],
  },
  {
    name: 'occurred_at nanos negative',
    event: makeEvent('command_executed', { occurredAt: ts(1_746_100_000, -1) }),
    paths: ['events[0].occurred_at.nanos'],
  },
  {
    name: 'occurred_at nanos too large',
    event: makeEvent('command_executed', { occurredAt: ts(1_746_100_000, 1_000_000_000) }),
    paths: ['events[0].occurred_at.nanos'],
  },
  {
    name: 'occurred_at before 2000',
    event: makeEvent('command_executed', {
      occurredAt: timestampFromMs(Date.UTC(1999, 11, 31, 23, 59, 59)),
    }),
    paths: ['events[0].occurred_at'],
  },
  {
    name: 'occurred_at before 1970',
    event: makeEvent('command_executed', { occurredAt: ts(-5) }),
    paths: ['events[0].occurred_at'],
  },
  {
    name: 'occurred_at in the future beyond the skew',
    event: makeEvent('command_executed', {
      occurredAt: timestampFromMs(NOW + DEFAULT_MAX_SKEW_MS + 1),
    }),
    paths: ['events[0].occurred_at'],
  },
  {
    name: 'occurred_at beyond year 9999',
    event: makeEvent('command_executed', { occurredAt: ts(253_402_300_800) }),
    paths: ['events[0].occurred_at.seconds'],
  },
  // actor
  {
    name: 'actor missing',
    event: makeEvent('command_executed', { actor: null }),
    paths: ['events[0].actor'],
  },
  {
    name: 'actor.subject missing',
    event: withActor(humanActor({ subject: '' })),
    paths: ['events[0].actor.subject'],
  },
  {
    name: 'actor.subject blank',
    event: withActor(humanActor({ subject: ' \t' })),
    paths: ['events[0].actor.subject'],
  },
  {
    name: 'actor.kind unspecified',
    event: withActor(humanActor({ kind: v1.Actor.Kind.KIND_UNSPECIFIED })),
    paths: ['events[0].actor.kind'],
  },
  {
    name: 'actor.kind unknown',
    event: withActor(humanActor({ kind: 9 as ledger.v1.Actor.Kind })),
    paths: ['events[0].actor.kind'],
  },
  {
    name: 'AGENT without agent',
    event: withActor(agentActor({ agent: null })),
    paths: ['events[0].actor.agent'],
  },
  {
    name: 'agent.name missing',
    event: withActor(agentActor({ agent: { name: '', onBehalfOf: humanActor() } })),
    paths: ['events[0].actor.agent.name'],
  },
  {
    name: 'agent.on_behalf_of missing',
    event: withActor(agentActor({ agent: { name: 'bot' } })),
    paths: ['events[0].actor.agent.on_behalf_of'],
  },
  {
    name: 'agent.on_behalf_of.subject missing',
    event: withActor(
      agentActor({ agent: { name: 'bot', onBehalfOf: humanActor({ subject: '' }) } }),
    ),
    paths: ['events[0].actor.agent.on_behalf_of.subject'],
  },
  {
    name: 'agent.on_behalf_of is an agent',
    event: withActor(
      agentActor({
        agent: { name: 'bot', onBehalfOf: { subject: 'agent:other', kind: v1.Actor.Kind.AGENT } },
      }),
    ),
    paths: ['events[0].actor.agent.on_behalf_of.kind'],
  },
  {
    name: 'agent.on_behalf_of carries an agent',
    event: withActor(
      agentActor({
        agent: {
          name: 'bot',
          onBehalfOf: humanActor({ agent: { name: 'x', onBehalfOf: humanActor() } }),
        },
      }),
    ),
    paths: ['events[0].actor.agent.on_behalf_of.agent'],
  },
  {
    name: 'HUMAN with agent info',
    event: withActor(humanActor({ agent: { name: 'bot', onBehalfOf: serviceActor() } })),
    paths: ['events[0].actor.agent'],
  },
  // resource, source, policy
  {
    name: 'resource missing',
    event: makeEvent('command_executed', { resource: null }),
    paths: ['events[0].resource'],
  },
  {
    name: 'resource.name missing',
    event: makeEvent('command_executed', { resource: resourceOf('REDIS', { name: '' }) }),
    paths: ['events[0].resource.name'],
  },
  {
    name: 'resource.type unspecified',
    event: makeEvent('command_executed', { resource: { name: 'db' } }),
    paths: ['events[0].resource.type'],
  },
  {
    name: 'resource.type unknown',
    event: makeEvent('command_executed', {
      resource: { name: 'db', type: 42 as ledger.v1.Resource.Type },
    }),
    paths: ['events[0].resource.type'],
  },
  {
    name: 'source.ip not an address',
    event: makeEvent('command_executed', { source: { ip: '10.0.0.256' } }),
    paths: ['events[0].source.ip'],
  },
  {
    name: 'policy.decision unspecified',
    event: makeEvent('command_executed', { policy: { policyId: 'p' } }),
    paths: ['events[0].policy.decision'],
  },
  {
    name: 'policy.decision unknown',
    event: makeEvent('command_executed', {
      policy: { decision: 17 as ledger.v1.PolicyDecision.Decision },
    }),
    paths: ['events[0].policy.decision'],
  },
  // payload
  {
    name: 'payload missing',
    event: makeEvent('command_executed', { commandExecuted: null }),
    paths: ['events[0].payload'],
  },
  {
    name: 'checkpoint_signed from a gateway',
    event: makeEvent('command_executed', {
      commandExecuted: null,
      checkpointSigned: { origin: 'x' },
    }),
    paths: ['events[0].payload'],
  },
  {
    name: 'bundle_archived from a gateway',
    event: makeEvent('command_executed', { commandExecuted: null, bundleArchived: { key: 'k' } }),
    paths: ['events[0].payload'],
  },
  {
    name: 'evidence_exported from a gateway',
    event: makeEvent('command_executed', {
      commandExecuted: null,
      evidenceExported: { requester: 'r' },
    }),
    paths: ['events[0].payload'],
  },
  {
    name: 'key_rotated from a gateway',
    event: makeEvent('command_executed', {
      commandExecuted: null,
      keyRotated: { newVerifierKey: 'k' },
    }),
    paths: ['events[0].payload'],
  },
  {
    name: 'two payload fields',
    event: makeEvent('command_executed', { ...payloadOf('session_opened') }),
    paths: ['events[0].payload'],
  },
  // session_opened
  {
    name: 'session_opened.protocol missing',
    event: P('session_opened', { protocol: '' }),
    paths: ['events[0].session_opened.protocol'],
  },
  {
    name: 'JIT without grant_id',
    event: P('session_opened', { grantId: '' }),
    paths: ['events[0].session_opened.grant_id'],
  },
  {
    name: 'session_opened.access_mode unknown',
    event: P('session_opened', { accessMode: 3 }),
    paths: ['events[0].session_opened.access_mode'],
  },
  {
    name: 'session_opened.expires_at nanos out of range',
    event: P('session_opened', { expiresAt: ts(1_746_100_000, 2_000_000_000) }),
    paths: ['events[0].session_opened.expires_at.nanos'],
  },
  // session_closed
  {
    name: 'session_closed.status unspecified',
    event: P('session_closed', { status: 0 }),
    paths: ['events[0].session_closed.status'],
  },
  {
    name: 'session_closed.status unknown',
    event: P('session_closed', { status: 5 }),
    paths: ['events[0].session_closed.status'],
  },
  {
    name: 'recording.sha256 not hex',
    event: P('session_closed', { recording: { uri: 's3://r/1', sha256: 'abc' } }),
    paths: ['events[0].session_closed.recording.sha256'],
  },
  {
    name: 'recording.uri missing',
    event: P('session_closed', { recording: { sha256: sha256Hex('r') } }),
    paths: ['events[0].session_closed.recording.uri'],
  },
  {
    name: 'duration_ms beyond 2^53',
    event: P('session_closed', { durationMs: '9007199254740993' }),
    paths: ['events[0].session_closed.duration_ms'],
  },
  // command_executed
  {
    name: 'statement_digest missing',
    event: P('command_executed', { statementDigest: '' }),
    paths: ['events[0].command_executed.statement_digest'],
  },
  {
    name: 'statement_digest upper-case hex',
    event: P('command_executed', { statementDigest: sha256Hex('x').toUpperCase() }),
    paths: ['events[0].command_executed.statement_digest'],
  },
  {
    name: 'statement_digest too short',
    event: P('command_executed', { statementDigest: sha256Hex('x').slice(1) }),
    paths: ['events[0].command_executed.statement_digest'],
  },
  // command_blocked
  {
    name: 'rule_name missing',
    event: P('command_blocked', { ruleName: '' }),
    paths: ['events[0].command_blocked.rule_name'],
  },
  {
    name: 'command_blocked.statement_digest not hex',
    event: P('command_blocked', { statementDigest: 'z'.repeat(64) }),
    paths: ['events[0].command_blocked.statement_digest'],
  },
  {
    name: 'rule_type unknown',
    event: P('command_blocked', { ruleType: 99 }),
    paths: ['events[0].command_blocked.rule_type'],
  },
  {
    name: 'direction unknown',
    event: P('command_blocked', { direction: 3 }),
    paths: ['events[0].command_blocked.direction'],
  },
  // field_masked
  {
    name: 'field_path missing',
    event: P('field_masked', { fieldPath: '' }),
    paths: ['events[0].field_masked.field_path'],
  },
  {
    name: 'info_type unspecified',
    event: P('field_masked', { infoType: 0 }),
    paths: ['events[0].field_masked.info_type'],
  },
  {
    name: 'info_type unknown',
    event: P('field_masked', { infoType: 11 }),
    paths: ['events[0].field_masked.info_type'],
  },
  {
    name: 'count zero',
    event: P('field_masked', { count: 0 }),
    paths: ['events[0].field_masked.count'],
  },
  {
    name: 'transformation unknown',
    event: P('field_masked', { transformation: 6 }),
    paths: ['events[0].field_masked.transformation'],
  },
  // approvals
  {
    name: 'approval_requested.request_id missing',
    event: P('approval_requested', { requestId: '' }),
    paths: ['events[0].approval_requested.request_id'],
  },
  {
    name: 'approval_requested.statement_digest not hex',
    event: P('approval_requested', { statementDigest: 'nope' }),
    paths: ['events[0].approval_requested.statement_digest'],
  },
  {
    name: 'approval_granted.request_id missing',
    event: P('approval_granted', { requestId: '' }),
    paths: ['events[0].approval_granted.request_id'],
  },
  {
    name: 'approval_granted.approver missing',
    event: P('approval_granted', { approver: null }),
    paths: ['events[0].approval_granted.approver'],
  },
  {
    name: 'approval_granted.approver.subject missing',
    event: P('approval_granted', { approver: { kind: v1.Actor.Kind.HUMAN } }),
    paths: ['events[0].approval_granted.approver.subject'],
  },
  {
    name: 'approval_granted valid_until before valid_from',
    event: P('approval_granted', {
      validFrom: timestampFromMs(NOW),
      validUntil: timestampFromMs(NOW - 1),
    }),
    paths: ['events[0].approval_granted.valid_until'],
  },
  {
    name: 'approval_denied.request_id missing',
    event: P('approval_denied', { requestId: '' }),
    paths: ['events[0].approval_denied.request_id'],
  },
  {
    name: 'approval_denied.approver.subject missing',
    event: P('approval_denied', { approver: { email: 'x@example.com' } }),
    paths: ['events[0].approval_denied.approver.subject'],
  },
];

void t.test('each rule, broken alone, is reported at its exact path', (t) => {
  for (const rule of RULES) {
    t.same(issuePaths([rule.event]), rule.paths, rule.name);
  }
  t.end();
});

void t.test('boundaries that are valid', (t) => {
  const ok: [string, AuditEventInit][] = [
    [
      'occurred_at exactly now + skew',
      makeEvent('command_executed', { occurredAt: timestampFromMs(NOW + DEFAULT_MAX_SKEW_MS) }),
    ],
    [
      'occurred_at exactly 2000-01-01',
      makeEvent('command_executed', { occurredAt: timestampFromMs(Date.UTC(2000, 0, 1)) }),
    ],
    ['tenant_id of 128 chars', makeEvent('command_executed', { tenantId: 'A'.repeat(128) })],
    [
      'ids with . _ : @ -',
      makeEvent('command_executed', { tenantId: 'acme.eu_1:prod', gatewayId: 'gw-1@clients' }),
    ],
    [
      'UUIDv4 event id',
      makeEvent('command_executed', { eventId: '3b241101-e2bb-4255-8caf-4136c566a962' }),
    ],
    ['IPv6 source', makeEvent('command_executed', { source: { ip: '2001:db8::1' } })],
    [
      'no source, policy, correlation id',
      makeEvent('command_executed', { source: null, policy: null, correlationId: '' }),
    ],
    [
      'standing access without grant',
      P('session_opened', { accessMode: v1.SessionOpened.AccessMode.STANDING, grantId: '' }),
    ],
    ['access mode unspecified', P('session_opened', { accessMode: 0, grantId: '' })],
    ['recording without digest', P('session_closed', { recording: { uri: 's3://r/2' } })],
    ['approver of unspecified kind', P('approval_denied', { approver: { subject: 'u1' } })],
    ['agent approver', P('approval_granted', { approver: agentActor() })],
    [
      'agent on behalf of a service of unspecified kind',
      withActor(agentActor({ agent: { name: 'b', onBehalfOf: { subject: 's' } } })),
    ],
    [
      'non-ASCII text',
      P('command_executed', {
        redactedStatement: 'SELECT * FROM « clients » WHERE nom = ? -- ünïcødé 🚀',
      }),
    ],
  ];
  for (const [name, event] of ok) t.same(issuePaths([event]), [], name);
  t.same(
    issuePaths([makeEvent('command_executed', { occurredAt: timestampFromMs(NOW + 60_000) })], {
      now: NOW,
      maxSkewMs: 0,
    }),
    ['events[0].occurred_at'],
    'maxSkewMs is honoured',
  );
  t.end();
});

void t.test('every issue of every event at once, in one ValidationError', (t) => {
  const id = uuidv7(NOW);
  const events = [
    makeEvent('command_executed', { eventId: id }),
    makeEvent('field_masked', {
      tenantId: '',
      actor: humanActor({ subject: '' }),
      fieldMasked: { fieldPath: 'c.ssn', infoType: 0, count: 0 },
    }),
    makeEvent('session_opened', { eventId: id, resource: null, occurredAt: null }),
    makeEvent('command_executed'),
  ];
  const e = caught(() => validateBatch(decodeBatchProtobuf(encodeBatch(events)), { now: NOW }));
  if (!(e instanceof ValidationError)) throw e;
  t.equal(e.code, 'LDG_ERR_VALIDATION');
  t.equal(e.statusCode, 400);
  t.same(
    e.issues.map((i) => i.path),
    [
      'events[1].tenant_id',
      'events[1].actor.subject',
      'events[1].field_masked.info_type',
      'events[1].field_masked.count',
      'events[2].occurred_at',
      'events[2].resource',
      'events[2].event_id',
    ],
  );
  for (const issue of e.issues) t.type(issue.message, 'string');
  t.end();
});

void t.test('batch limits', (t) => {
  t.same(issuePaths([]), ['events'], 'an empty batch');

  const many: DecodedBatch = {
    events: Array.from(
      { length: MAX_BATCH_EVENTS + 1 },
      (_, i) =>
        decodeBatchProtobuf(
          encodeBatch([makeEvent('command_executed', { eventId: uuidv7(NOW - i) })]),
        ).events[0]!,
    ),
  };
  const e = caught(() => validateBatch(many, { now: NOW }));
  if (!(e instanceof ValidationError)) throw e;
  t.same(
    e.issues.map((i) => i.path),
    ['events'],
    '1001 events',
  );
  t.equal(
    validateBatch({ events: many.events.slice(0, MAX_BATCH_EVENTS) }, { now: NOW }).length,
    MAX_BATCH_EVENTS,
  );

  const STATEMENT = 'SELECT id, email FROM customers WHERE id = ?';
  // an event of exactly `size` encoded bytes: grow the statement, correcting for length prefixes
  const padded = (size: number): AuditEventInit => {
    const eventId = uuidv7(NOW);
    let fill = 0;
    for (;;) {
      const e = {
        ...P('command_executed', { redactedStatement: STATEMENT + 'x'.repeat(fill) }),
        eventId,
      };
      const len = encodeAuditEvent(e).length;
      if (len === size) return e;
      fill += size - len;
    }
  };
  const exact = padded(MAX_EVENT_BYTES);
  t.equal(
    encodeAuditEvent(exact).length,
    MAX_EVENT_BYTES,
    'the padding helper hits the cap exactly',
  );
  t.same(issuePaths([exact]), [], 'an event of exactly MAX_EVENT_BYTES');
  const over = padded(MAX_EVENT_BYTES + 1);
  t.equal(encodeAuditEvent(over).length, MAX_EVENT_BYTES + 1);
  t.same(issuePaths([over]), ['events[0]'], 'an event one byte over the cap');

  const heavy: DecodedBatch = {
    events: Array.from({ length: Math.ceil(MAX_BATCH_BYTES / MAX_EVENT_BYTES) + 1 }, () =>
      decodeAuditEvent(encodeAuditEvent({ ...exact, eventId: uuidv7(NOW) })),
    ),
  };
  const h = caught(() => validateBatch(heavy, { now: NOW }));
  if (!(h instanceof ValidationError)) throw h;
  t.same(
    h.issues.map((i) => i.path),
    ['events'],
    'more than MAX_BATCH_BYTES of events',
  );
  t.end();
});

void t.test('validateEvent: internal payloads only when allowed, with their own rules', (t) => {
  const internal: AuditEventInit = makeEvent('command_executed', {
    commandExecuted: null,
    actor: serviceActor({ subject: 'audit-ledger' }),
    resource: resourceOf('OTHER', { name: 'audit-ledger' }),
    sessionId: 'ledger',
    checkpointSigned: {
      origin: 'ledger.example/log',
      treeSize: 42,
      rootHash: new Uint8Array(32).fill(7),
      note: 'note',
    },
  });
  const decoded = decodeAuditEvent(encodeAuditEvent(internal));
  const e = caught(() => validateEvent(decoded, 0, { now: NOW }));
  if (!(e instanceof ValidationError)) throw e;
  t.same(
    e.issues.map((i) => i.path),
    ['events[0].payload'],
  );
  const valid = validateEvent(decoded, 0, { now: NOW, allowInternal: true });
  if (valid.type !== 'checkpoint_signed') throw new Error('expected checkpoint_signed');
  t.equal(valid.checkpointSigned.treeSize, 42);
  t.equal(valid.checkpointSigned.rootHash.length, 32);

  const bad: [AuditEventInit, string[]][] = [
    [
      {
        ...internal,
        checkpointSigned: { origin: '', treeSize: 1, rootHash: new Uint8Array(31), note: '' },
      },
      [
        'events[3].checkpoint_signed.origin',
        'events[3].checkpoint_signed.root_hash',
        'events[3].checkpoint_signed.note',
      ],
    ],
    [
      {
        ...internal,
        checkpointSigned: null,
        bundleArchived: { target: 's3', key: '', sha256: 'x', firstLeaf: 5, endLeaf: 5 },
      },
      [
        'events[3].bundle_archived.key',
        'events[3].bundle_archived.sha256',
        'events[3].bundle_archived.end_leaf',
      ],
    ],
    [
      {
        ...internal,
        checkpointSigned: null,
        evidenceExported: { requester: '', packageSha256: '' },
      },
      ['events[3].evidence_exported.requester', 'events[3].evidence_exported.package_sha256'],
    ],
    [
      { ...internal, checkpointSigned: null, keyRotated: { oldVerifierKey: 'a' } },
      ['events[3].key_rotated.new_verifier_key'],
    ],
  ];
  for (const [event, paths] of bad) {
    const err = caught(() =>
      validateEvent(decodeAuditEvent(encodeAuditEvent(event)), 3, {
        now: NOW,
        allowInternal: true,
      }),
    );
    if (!(err instanceof ValidationError)) throw err;
    t.same(
      err.issues.map((i) => i.path),
      paths,
    );
  }
  const archived = validateEvent(
    decodeAuditEvent(
      encodeAuditEvent({
        ...internal,
        checkpointSigned: null,
        bundleArchived: {
          target: 's3',
          bucket: 'b',
          key: 'k',
          sha256: sha256Hex('b'),
          firstLeaf: 0,
          endLeaf: 256,
          retainUntil: timestampFromMs(NOW + 1e9),
        },
      }),
    ),
    0,
    { now: NOW, allowInternal: true },
  );
  t.equal(archived.type, 'bundle_archived');
  t.end();
});

void t.test('assertAuditEvent accepts only values produced by validation', (t) => {
  const [valid] = validateBatch(decodeBatchProtobuf(encodeBatch([makeEvent()])), { now: NOW });
  const v: unknown = valid;
  assertAuditEvent(v);
  t.equal(v.type, 'command_executed');
  for (const fake of [{ ...valid }, JSON.parse(JSON.stringify(valid)) as unknown, null, 'x']) {
    const e = caught(() => assertAuditEvent(fake));
    t.ok(e instanceof ValidationError);
    t.same(
      (e as ValidationError).issues.map((i) => i.path),
      ['event'],
    );
    t.notOk(isValidAuditEvent(fake));
  }
  t.end();
});

void t.test('clock options are checked', (t) => {
  const batch = decodeBatchProtobuf(encodeBatch([makeEvent()]));
  for (const opts of [
    { now: Number.NaN },
    { now: NOW, maxSkewMs: -1 },
    { now: NOW, maxSkewMs: Infinity },
  ]) {
    const e = caught(() => validateBatch(batch, opts));
    t.ok(e instanceof LedgerError);
    t.equal((e as LedgerError).code, 'LDG_ERR_INTERNAL');
  }
  const single: DecodedEvent = batch.events[0]!;
  t.equal(validateEvent(single, 0, { now: NOW }).type, 'command_executed');
  t.end();
});
