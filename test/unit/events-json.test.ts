import t from 'tap';
import type { ledger } from '../../proto/generated/ledger.js';
import { ValidationError } from '../../ledger/errors.js';
import {
  MAX_BATCH_EVENTS,
  auditEventToJson,
  decodeBatchJson,
  decodeBatchProtobuf,
  encodeAuditEvent,
  encodeBatch,
  formatRfc3339,
  parseRfc3339,
  validateBatch,
  validateEvent,
} from '../../ledger/events/index.js';
import type { JsonObject, JsonValue } from '../../ledger/events/index.js';
import {
  NOW,
  everyGatewayEvent,
  makeEvent,
  resourceOf,
  sha256Hex,
} from '../support/event-factory.js';

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

/** Issue paths of decodeBatchJson(body), or [] when it decodes. */
function jsonIssues(body: unknown): string[] {
  try {
    decodeBatchJson(body);
    return [];
  } catch (e) {
    if (e instanceof ValidationError) return e.issues.map((i) => i.path);
    throw e;
  }
}

/** Issue paths of decodeBatchJson + validateBatch. */
function allIssues(body: unknown): string[] {
  try {
    validateBatch(decodeBatchJson(body), { now: NOW });
    return [];
  } catch (e) {
    if (e instanceof ValidationError) return e.issues.map((i) => i.path);
    throw e;
  }
}

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The same JSON with proto (snake_case) field names; map keys (labels) untouched. */
function toSnake(v: JsonValue, inMap = false): JsonValue {
  if (Array.isArray(v)) return v.map((x) => toSnake(x));
  if (v === null || typeof v !== 'object') return v;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) {
    // defineProperty keeps a "__proto__" key as data
    Object.defineProperty(out, inMap ? k : snake(k), {
      value: toSnake(x, !inMap && k === 'labels'),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** A valid event in proto3 JSON (lowerCamelCase), as a gateway would send it. */
function jsonEvent(
  type: Parameters<typeof makeEvent>[0] = 'command_executed',
  overrides = {},
): JsonObject {
  return auditEventToJson(
    decodeBatchProtobuf(encodeBatch([makeEvent(type, overrides)])).events[0]!.message,
  );
}

function bytesOf(body: unknown): string[] {
  return decodeBatchJson(body).events.map((e) => Buffer.from(e.bytes).toString('hex'));
}

void t.test('JSON (camelCase or snake_case) converts to the canonical protobuf encoding', (t) => {
  const events = everyGatewayEvent();
  const canonical = events.map((e) => Buffer.from(encodeAuditEvent(e)).toString('hex'));
  const camel = decodeBatchProtobuf(encodeBatch(events)).events.map((d) =>
    auditEventToJson(d.message),
  );
  t.same(bytesOf({ events: camel }), canonical, 'lowerCamelCase json names');
  const snaked = camel.map((e) => toSnake(e));
  t.ok(
    JSON.stringify(snaked).includes('"event_id"') &&
      JSON.stringify(snaked).includes('"on_behalf_of"'),
  );
  t.same(bytesOf({ events: snaked }), canonical, 'original proto field names');
  t.same(
    bytesOf(JSON.parse(JSON.stringify({ events: camel })) as unknown),
    canonical,
    'after a JSON text round trip',
  );

  const valid = validateBatch(decodeBatchJson({ events: snaked }), { now: NOW });
  t.same(
    valid.map((v) => auditEventToJson(v)),
    camel,
    'validated JSON events print as their protobuf twins',
  );
  const mixed: JsonObject = { ...camel[0]!, tenant_id: camel[0]!['tenantId']! };
  delete mixed['tenantId'];
  t.same(bytesOf({ events: [mixed] }), [canonical[0]], 'names can be mixed across fields');
  t.end();
});

void t.test('unknown and duplicated fields are refused with their path', (t) => {
  const e = jsonEvent();
  t.same(jsonIssues({ events: [{ ...e, fooBar: 1 }] }), ['events[0].fooBar']);
  t.same(jsonIssues({ events: [{ ...e, actor: { ...(e['actor'] as JsonObject), foo: 'x' } }] }), [
    'events[0].actor.foo',
  ]);
  t.same(
    jsonIssues({
      events: [
        e,
        { ...jsonEvent('session_opened'), sessionOpened: { protocol: 'ssh', extra: true } },
      ],
    }),
    ['events[1].session_opened.extra'],
  );
  t.same(jsonIssues({ events: [e], batchId: 'b-1' }), ['batchId']);
  t.same(jsonIssues({ events: [{ ...e, 'odd key': 1 }] }), ['events[0]["odd key"]']);
  t.same(
    jsonIssues({ events: [{ ...e, event_id: e['eventId']! }] }),
    ['events[0].event_id'],
    'a field under both names',
  );
  t.same(
    jsonIssues({ events: [{ ...e, sessionOpened: { protocol: 'ssh' } }] }),
    ['events[0].session_opened'],
    'two members of the payload oneof',
  );
  t.end();
});

void t.test('enums by name or number', (t) => {
  const e = jsonEvent();
  const actor = e['actor'] as JsonObject;
  const byName = bytesOf({ events: [{ ...e, actor: { ...actor, kind: 'HUMAN' } }] });
  t.same(bytesOf({ events: [{ ...e, actor: { ...actor, kind: 1 } }] }), byName);
  t.same(jsonIssues({ events: [{ ...e, actor: { ...actor, kind: 'ROBOT' } }] }), [
    'events[0].actor.kind',
  ]);
  t.same(jsonIssues({ events: [{ ...e, actor: { ...actor, kind: '1' } }] }), [
    'events[0].actor.kind',
  ]);
  t.same(jsonIssues({ events: [{ ...e, actor: { ...actor, kind: 1.5 } }] }), [
    'events[0].actor.kind',
  ]);
  // an undefined number is valid JSON for an open enum; the validator refuses it
  t.same(jsonIssues({ events: [{ ...e, actor: { ...actor, kind: 9 } }] }), []);
  t.same(allIssues({ events: [{ ...e, actor: { ...actor, kind: 9 } }] }), ['events[0].actor.kind']);
  t.end();
});

void t.test('integers: 64-bit as strings or numbers, 32-bit ranges', (t) => {
  const e = jsonEvent('session_closed');
  const closed = e['sessionClosed'] as JsonObject;
  const withClosed = (patch: JsonObject) => ({
    events: [{ ...e, sessionClosed: { ...closed, ...patch } }],
  });
  const asString = bytesOf(withClosed({ durationMs: '183000' }));
  t.same(bytesOf(withClosed({ durationMs: 183000 })), asString);
  t.same(bytesOf(withClosed({ durationMs: '1.83e5' })), asString, 'exponent notation');
  for (const bad of ['12a', -1, '-1', 1.5, '18446744073709551616', true, '']) {
    t.same(
      jsonIssues(withClosed({ durationMs: bad })),
      ['events[0].session_closed.duration_ms'],
      `uint64 ${String(bad)}`,
    );
  }
  // the full uint64 range converts exactly; validation then refuses what JavaScript cannot hold
  const max = decodeBatchJson(withClosed({ bytesSent: '18446744073709551615' })).events[0]!;
  t.ok(
    Buffer.from(max.bytes).toString('hex').includes('20ffffffffffffffffff01'),
    'field 4 = 2^64-1, exact',
  );
  t.same(allIssues(withClosed({ bytesSent: '18446744073709551615' })), [
    'events[0].session_closed.bytes_sent',
  ]);
  t.same(jsonIssues(withClosed({ exitCode: -2147483648 })), []);
  t.same(jsonIssues(withClosed({ exitCode: 2147483648 })), ['events[0].session_closed.exit_code']);
  t.same(jsonIssues(withClosed({ exitCode: '-3' })), []);

  const m = jsonEvent('field_masked');
  const masked = m['fieldMasked'] as JsonObject;
  const withMasked = (count: JsonValue) => ({
    events: [{ ...m, fieldMasked: { ...masked, count } }],
  });
  t.same(bytesOf(withMasked('12')), bytesOf(withMasked(12)));
  for (const bad of [-1, 4294967296, '0x10', 'twelve']) {
    t.same(jsonIssues(withMasked(bad)), ['events[0].field_masked.count'], `uint32 ${String(bad)}`);
  }
  t.end();
});

void t.test('Timestamps are RFC 3339 strings', (t) => {
  const e = jsonEvent();
  const at = (occurredAt: JsonValue) => ({ events: [{ ...e, occurredAt }] });
  const utc = bytesOf(at('2025-05-01T11:59:59Z'));
  t.same(bytesOf(at('2025-05-01T13:59:59+02:00')), utc, 'offsets are applied');
  t.same(bytesOf(at('2025-05-01t11:59:59z')), utc, 'lower-case t and z');
  t.same(bytesOf(at('2025-05-01T11:59:59.000Z')), utc, 'zero fraction');
  t.same(parseRfc3339('2025-05-01T11:59:59.123456789Z'), { seconds: 1746100799, nanos: 123456789 });
  t.same(parseRfc3339('2025-05-01T11:59:59.5-00:30'), {
    seconds: 1746100799 + 1800,
    nanos: 500_000_000,
  });
  t.same(parseRfc3339('0001-01-01T00:00:00Z'), { seconds: -62135596800, nanos: 0 });
  t.same(parseRfc3339('9999-12-31T23:59:59.999999999Z'), {
    seconds: 253402300799,
    nanos: 999999999,
  });
  t.same(parseRfc3339('2024-02-29T00:00:00Z'), { seconds: 1709164800, nanos: 0 }, 'leap day');
  for (const bad of [
    '2025-02-29T00:00:00Z',
    '2025-04-31T00:00:00Z',
    '2025-05-01T24:00:00Z',
    '2025-06-30T23:59:60Z',
    '2025-05-01 11:59:59Z',
    '2025-05-01T11:59:59',
    '2025-05-01T11:59:59.1234567890Z',
    '2025-05-01T11:59:59+24:00',
    '10000-01-01T00:00:00Z',
    1746100799,
    { seconds: 1746100799 },
  ]) {
    t.same(jsonIssues(at(bad)), ['events[0].occurred_at'], `refused: ${JSON.stringify(bad)}`);
  }
  t.equal(formatRfc3339({ seconds: 1746100799, nanos: 0 }), '2025-05-01T11:59:59Z');
  t.equal(formatRfc3339({ seconds: 1746100799, nanos: 120_000_000 }), '2025-05-01T11:59:59.120Z');
  t.equal(formatRfc3339({ seconds: 1746100799, nanos: 120_000 }), '2025-05-01T11:59:59.000120Z');
  t.equal(formatRfc3339({ seconds: 1746100799, nanos: 7 }), '2025-05-01T11:59:59.000000007Z');
  t.equal(formatRfc3339({ seconds: -62135596800, nanos: 0 }), '0001-01-01T00:00:00Z');
  t.end();
});

void t.test('map<string,string> labels keep their keys untouched', (t) => {
  // as JSON text: an object literal cannot hold a "__proto__" key
  const labels =
    '{"app.kubernetes.io/name":"payments","Has Space":"yes","snake_key":"a","camelKey":"b","":"empty key","ünïcødé":"✓","__proto__":"not a prototype"}';
  const body = JSON.parse(
    JSON.stringify({ events: [jsonEvent()] }).replace(
      '"labels":{"env":"prod","team":"payments"}',
      `"labels":${labels}`,
    ),
  ) as { events: JsonObject[] };
  t.ok(
    Object.keys((body.events[0]!['resource'] as JsonObject)['labels'] as object).includes(
      '__proto__',
    ),
  );
  const [d] = decodeBatchJson(body).events;
  t.same(
    Object.keys(d!.message.resource!.labels!).sort(),
    Object.keys(JSON.parse(labels) as object).sort(),
  );
  t.equal(d!.message.resource!.labels!['Has Space'], 'yes');
  const printed = (auditEventToJson(d!.message)['resource'] as JsonObject)['labels'] as JsonObject;
  t.same(Object.keys(printed).sort(), Object.keys(d!.message.resource!.labels!).sort());
  t.equal(Object.getPrototypeOf(printed), Object.prototype, 'a "__proto__" key stays data');
  t.equal(printed['__proto__'], 'not a prototype');
  const snaked = toSnake(body) as { events: JsonObject[] };
  t.same(bytesOf(snaked), bytesOf(body), 'labels keys are not renamed');

  const e = jsonEvent();
  const res = e['resource'] as JsonObject;
  t.same(jsonIssues({ events: [{ ...e, resource: { ...res, labels: { team: 7 } } }] }), [
    'events[0].resource.labels["team"]',
  ]);
  t.same(jsonIssues({ events: [{ ...e, resource: { ...res, labels: ['a'] } }] }), [
    'events[0].resource.labels',
  ]);
  t.end();
});

void t.test('null means default; types are checked', (t) => {
  const e = jsonEvent();
  const cmd = e['commandExecuted'] as JsonObject;
  const canonicalNoCorrelation = bytesOf({ events: [{ ...e, correlationId: '' }] });
  t.same(bytesOf({ events: [{ ...e, correlationId: null }] }), canonicalNoCorrelation);
  t.same(jsonIssues({ events: [{ ...e, source: null, policy: null }] }), []);
  t.same(jsonIssues({ events: [{ ...e, commandExecuted: { ...cmd, tables: null } }] }), []);
  t.same(jsonIssues({ events: [{ ...e, commandExecuted: { ...cmd, tables: [null] } }] }), [
    'events[0].command_executed.tables[0]',
  ]);
  t.same(jsonIssues({ events: [{ ...e, commandExecuted: { ...cmd, tables: 'customers' } }] }), [
    'events[0].command_executed.tables',
  ]);
  t.same(jsonIssues({ events: [{ ...e, tenantId: 42 }] }), ['events[0].tenant_id']);
  t.same(jsonIssues({ events: [{ ...e, actor: 'ada' }] }), ['events[0].actor']);
  t.same(
    jsonIssues({ events: [{ ...e, tenantId: 'bad\ud800' }] }),
    ['events[0].tenant_id'],
    'a lone surrogate',
  );
  const s = jsonEvent('session_opened');
  t.same(jsonIssues({ events: [{ ...s, sessionOpened: { protocol: 'ssh', mfa: 'true' } }] }), [
    'events[0].session_opened.mfa',
  ]);

  t.same(jsonIssues([]), ['']);
  t.same(jsonIssues(null), ['']);
  t.same(jsonIssues('{"events":[]}'), ['']);
  t.same(jsonIssues({ events: {} }), ['events']);
  t.same(jsonIssues({ events: [1, null] }), ['events[0]', 'events[1]']);
  t.same(jsonIssues({}), [], 'no events decodes to an empty batch');
  t.same(allIssues({}), ['events'], '...which validation refuses');
  t.end();
});

void t.test('limits and many issues at once', (t) => {
  const many = Array.from({ length: MAX_BATCH_EVENTS + 1 }, () => ({}));
  t.same(jsonIssues({ events: many }), ['events']);
  const e = jsonEvent();
  t.same(
    jsonIssues({
      events: [
        { ...e, tenantId: 1, foo: 2 },
        e,
        {
          ...e,
          occurredAt: 'yesterday',
          actor: { subject: 'x', kind: 'ROBOT' },
          resource: { type: 'POSTGRES', labels: 3 },
        },
      ],
    }),
    [
      'events[0].tenant_id',
      'events[0].foo',
      'events[2].occurred_at',
      'events[2].actor.kind',
      'events[2].resource.labels',
    ],
  );
  t.end();
});

void t.test('bytes fields are base64 (ledger-internal payloads)', (t) => {
  const rootHash = Buffer.alloc(32, 0xfb);
  const internal = {
    ...jsonEvent(),
    commandExecuted: null,
    checkpointSigned: {
      origin: 'ledger.example/log',
      treeSize: '7',
      rootHash: rootHash.toString('base64'),
      note: 'n',
    },
  };
  const batch = decodeBatchJson({ events: [internal] });
  t.same(allIssues({ events: [internal] }), ['events[0].payload'], 'refused from a gateway');
  const valid = validateEvent(batch.events[0]!, 0, { now: NOW, allowInternal: true });
  if (valid.type !== 'checkpoint_signed') throw new Error('expected checkpoint_signed');
  t.same(Buffer.from(valid.checkpointSigned.rootHash), rootHash);
  const urlSafe = {
    ...internal,
    checkpointSigned: { ...internal.checkpointSigned, rootHash: rootHash.toString('base64url') },
  };
  t.same(
    bytesOf({ events: [urlSafe] }),
    bytesOf({ events: [internal] }),
    'URL-safe base64 without padding',
  );
  t.equal(
    (auditEventToJson(valid)['checkpointSigned'] as JsonObject)['rootHash'],
    rootHash.toString('base64'),
  );
  const bad = { ...internal, checkpointSigned: { ...internal.checkpointSigned, rootHash: '***' } };
  t.same(jsonIssues({ events: [bad] }), ['events[0].checkpoint_signed.root_hash']);
  t.end();
});

void t.test('auditEventToJson prints the proto3 JSON mapping', (t) => {
  const events = everyGatewayEvent();
  const batch = decodeBatchProtobuf(encodeBatch(events));
  const valid = validateBatch(batch, { now: NOW });
  for (const [i, v] of valid.entries()) {
    t.same(
      auditEventToJson(v),
      auditEventToJson(batch.events[i]!.message),
      `${v.type}: domain value and message agree`,
    );
  }
  const closed = auditEventToJson(valid[1]!);
  t.same(
    closed['sessionClosed'],
    {
      status: 'COMPLETED',
      durationMs: '183000',
      bytesSent: '10240',
      bytesReceived: '1048576',
      recording: { uri: 's3://recordings/s-1.cast', sha256: sha256Hex('recording'), size: '52113' },
    },
    'enum names, 64-bit as strings, defaults (exit code 0) omitted',
  );
  t.equal(closed['occurredAt'], '2025-05-01T11:59:59Z');
  t.notOk(
    'bytes' in closed || 'type' in closed || 'occurredAtMs' in closed,
    'non-schema properties are not printed',
  );
  t.same((auditEventToJson(valid[2]!)['actor'] as JsonObject)['kind'], 'SERVICE');

  const odd = decodeBatchProtobuf(
    encodeBatch([
      makeEvent('command_executed', {
        resource: resourceOf('MCP', { type: 77 as ledger.v1.Resource.Type }),
        occurredAt: { seconds: 1746100799, nanos: 1_500 },
      }),
    ]),
  ).events[0]!.message;
  const printed = auditEventToJson(odd);
  t.equal(
    (printed['resource'] as JsonObject)['type'],
    77,
    'an undefined enum number prints as a number',
  );
  t.equal(printed['occurredAt'], '2025-05-01T11:59:59.000001500Z');
  t.equal(
    (
      caught(() =>
        validateBatch(decodeBatchJson({ events: [printed] }), { now: NOW }),
      ) as ValidationError
    ).issues[0]?.path,
    'events[0].resource.type',
    'and parses back to the same number',
  );
  t.end();
});
