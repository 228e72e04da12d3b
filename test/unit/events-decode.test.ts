import t from 'tap';
import protobufMinimal from 'protobufjs/minimal.js';
import { ledger } from '../../proto/generated/ledger.js';
import { LedgerError, ValidationError } from '../../ledger/errors.js';
import {
  EventDecodeError,
  LEDGER_ENTRY_MAX_OVERHEAD,
  MAX_BATCH_BYTES,
  MAX_BATCH_EVENTS,
  MAX_ENTRY_BYTES,
  MAX_EVENT_BYTES,
  decodeAuditEvent,
  decodeBatchProtobuf,
  decodeLedgerEntry,
  encodeAuditEvent,
  encodeBatch,
  encodeLedgerEntry,
  isUuid,
  payloadType,
  uuidv7,
  uuidv7Time,
  validateBatch,
} from '../../ledger/events/index.js';
import { NOW, everyGatewayEvent, humanActor, makeEvent } from '../support/event-factory.js';

const { Writer } = protobufMinimal;

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}

/** The EventDecodeError a malformed batch raises: its code and path. */
function decodeFailure(bytes: Uint8Array): { code: string; path: string } {
  const e = caught(() => decodeBatchProtobuf(bytes));
  if (!(e instanceof EventDecodeError)) throw e;
  return { code: e.code, path: e.path };
}

/** Frames raw event bytes as EventBatch.events (field 1, wire type 2). */
function frame(...events: Uint8Array[]): Buffer {
  const w = Writer.create();
  for (const e of events) w.uint32(10).bytes(e);
  return Buffer.from(w.finish());
}

void t.test('a batch decodes into its events, each with its bytes and message', (t) => {
  const events = everyGatewayEvent();
  const batch = decodeBatchProtobuf(encodeBatch(events));
  t.equal(batch.events.length, events.length);
  for (const [i, d] of batch.events.entries()) {
    t.same(Buffer.from(d.bytes), Buffer.from(encodeAuditEvent(events[i]!)));
    t.equal(d.message.eventId, events[i]!.eventId);
    t.equal(d.message.actor?.subject, events[i]!.actor?.subject);
  }
  t.same(decodeBatchProtobuf(new Uint8Array(0)).events, [], 'an empty body is an empty batch');
  const plain = new Uint8Array(encodeBatch(events));
  t.equal(
    decodeBatchProtobuf(plain).events.length,
    events.length,
    'a plain Uint8Array decodes too',
  );
  t.end();
});

void t.test(
  'the exact producer bytes are kept: unknown fields, field order, non-minimal varints',
  (t) => {
    const base = makeEvent('command_executed');
    // unknown top-level fields of every wire type a newer producer could send
    const unknown = Writer.create();
    unknown.uint32((99 << 3) | 0).uint64(12345);
    unknown.uint32((100 << 3) | 2).string('a field from a newer schema');
    unknown.uint32((101 << 3) | 5).fixed32(7);
    unknown.uint32((102 << 3) | 1).fixed64(8);
    const withUnknown = Buffer.concat([encodeAuditEvent(base), unknown.finish()]);

    // an unknown field nested inside actor (field 7)
    const { actor, ...rest } = base;
    const actorBytes = Buffer.concat([
      ledger.v1.Actor.encode(actor!).finish(),
      Writer.create()
        .uint32((50 << 3) | 2)
        .string('actor extension')
        .finish(),
    ]);
    const nested = Buffer.concat([
      encodeAuditEvent({ ...rest, eventId: uuidv7(NOW) }),
      Writer.create().uint32(58).bytes(actorBytes).finish(),
    ]);

    // payload first, envelope after: valid protobuf, not the canonical order
    const { commandExecuted, ...envelope } = makeEvent('command_executed');
    const reordered = Buffer.concat([
      encodeAuditEvent({ commandExecuted: commandExecuted ?? null }),
      encodeAuditEvent(envelope),
    ]);

    // session_id (field 5) with a two-byte length varint for a short string
    const session = Buffer.from('sess-padded');
    const padded = Buffer.concat([
      encodeAuditEvent({ ...makeEvent('command_executed'), sessionId: '' }),
      Buffer.from([42, 0x80 | session.length, 0x00]),
      session,
    ]);

    const inputs = [withUnknown, nested, reordered, padded];
    const body = frame(...inputs);
    const batch = decodeBatchProtobuf(body);
    const valid = validateBatch(batch, { now: NOW });
    for (const [i, input] of inputs.entries()) {
      t.same(
        Buffer.from(batch.events[i]!.bytes),
        input,
        `event ${i}: decoded bytes are the producer's`,
      );
      t.same(Buffer.from(valid[i]!.bytes), input, `event ${i}: validated bytes are the producer's`);
      t.not(
        Buffer.compare(Buffer.from(encodeAuditEvent(batch.events[i]!.message)), input),
        0,
        `event ${i} is not canonical`,
      );
    }
    t.equal(valid[1]!.actor.subject, actor!.subject);
    t.equal(valid[3]!.sessionId, 'sess-padded');

    body.fill(0);
    t.same(
      Buffer.from(batch.events[0]!.bytes),
      withUnknown,
      'event bytes are a private copy of the input',
    );
    t.end();
  },
);

void t.test('malformed envelopes name the event being read', (t) => {
  const ok = encodeAuditEvent(makeEvent());
  const cases: [string, Uint8Array, string][] = [
    [
      'truncated tag varint after an event',
      Buffer.concat([frame(ok), Buffer.from([0x8a])]),
      'events[1]',
    ],
    [
      'over-long tag varint',
      Buffer.from([0x8a, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]),
      'events[0]',
    ],
    ['truncated length varint', Buffer.from([0x0a, 0x80]), 'events[0]'],
    ['length overruns the input', Buffer.from([0x0a, 0x05, 0x01, 0x02]), 'events[0]'],
    [
      'length overrun on a later event',
      Buffer.concat([frame(ok, ok), Buffer.from([0x0a, 0xff, 0x7f, 0x00])]),
      'events[2]',
    ],
    ['events with wire type 0 (varint)', Buffer.from([0x08, 0x01]), 'events[0]'],
    ['events with wire type 5 (fixed32)', Buffer.from([0x0d, 0x01, 0x02, 0x03, 0x04]), 'events[0]'],
    ['invalid wire type 7', Buffer.concat([frame(ok), Buffer.from([(2 << 3) | 7])]), 'events[1]'],
    ['invalid wire type 6', Buffer.from([(2 << 3) | 6, 0x00]), 'events[0]'],
    ['a group in the envelope', Buffer.from([(2 << 3) | 3, (2 << 3) | 4]), 'events[0]'],
    ['field number 0', Buffer.from([0x02, 0x00]), 'events[0]'],
    ['truncated unknown varint field', Buffer.from([0x10, 0x80]), 'events[0]'],
    ['truncated unknown fixed64 field', Buffer.from([0x19, 0x01, 0x02]), 'events[0]'],
  ];
  for (const [name, bytes, path] of cases) {
    t.same(decodeFailure(bytes), { code: 'LDG_ERR_DECODE', path }, name);
  }
  t.end();
});

void t.test('malformed event contents name the event', (t) => {
  const ok = encodeAuditEvent(makeEvent());
  const cases: [string, Uint8Array][] = [
    ['invalid wire type inside the event', Buffer.from([0x0f, 0x00])],
    ['nested message longer than the event', Buffer.from([58, 10, 0x0a, 0x02, 0x61])],
    ['truncated string', Buffer.concat([Buffer.from([0x0a, 0x24]), Buffer.from('0196')])],
    ['invalid UTF-8 in a string', Buffer.from([0x12, 0x02, 0xc3, 0x28])],
    ['overlong UTF-8 encoding', Buffer.from([0x12, 0x02, 0xc0, 0xaf])],
    ['UTF-16 surrogate encoded in UTF-8', Buffer.from([0x12, 0x03, 0xed, 0xa0, 0x80])],
    ['truncated varint field', Buffer.from([0x18 + 2 * 8, 0x80])],
    ['unterminated group', Buffer.from([(60 << 3) | 3, 0x08, 0x01])],
  ];
  for (const [name, bad] of cases) {
    t.same(decodeFailure(frame(ok, bad, ok)), { code: 'LDG_ERR_DECODE', path: 'events[1]' }, name);
  }
  const single = caught(() => decodeAuditEvent(Buffer.from([0x0f, 0x00])));
  t.ok(single instanceof EventDecodeError);
  t.equal((single as EventDecodeError).path, 'event');
  t.equal((single as EventDecodeError).statusCode, 400);
  t.end();
});

void t.test('valid but unusual wire input', (t) => {
  const ok = encodeAuditEvent(makeEvent());
  const unknownEnvelope = Buffer.concat([
    Buffer.from([0x10, 0x96, 0x01]), // field 2, varint
    Buffer.from([0x19, 1, 2, 3, 4, 5, 6, 7, 8]), // field 3, fixed64
    Buffer.from([0x25, 1, 2, 3, 4]), // field 4, fixed32
    Buffer.from([0x2a, 0x02, 0x68, 0x69]), // field 5, length-delimited
    frame(ok),
  ]);
  t.equal(
    decodeBatchProtobuf(unknownEnvelope).events.length,
    1,
    'unknown envelope fields are skipped',
  );

  // a known field with the wrong wire type is an unknown field to protobuf: event_id as a varint
  const wrongType = Buffer.concat([
    encodeAuditEvent({ ...makeEvent(), eventId: '' }),
    Buffer.from([0x08, 0x05]),
  ]);
  const batch = decodeBatchProtobuf(frame(wrongType));
  t.equal(batch.events[0]!.message.eventId, '');
  const e = caught(() => validateBatch(batch, { now: NOW }));
  t.same(
    (e as ValidationError).issues.map((i) => i.path),
    ['events[0].event_id'],
  );

  // the same payload field twice merges (protobuf semantics); two different ones are refused
  const merged = Buffer.concat([
    encodeAuditEvent(makeEvent()),
    encodeAuditEvent({ commandExecuted: { verb: 'UPDATE' } }),
  ]);
  const [m] = validateBatch(decodeBatchProtobuf(frame(merged)), { now: NOW });
  t.equal(m?.type === 'command_executed' && m.commandExecuted.verb, 'UPDATE');
  const twoCases = Buffer.concat([
    encodeAuditEvent(makeEvent()),
    encodeAuditEvent({ keyRotated: { newVerifierKey: 'k' } }),
  ]);
  const conflict = decodeBatchProtobuf(frame(twoCases)).events[0]!;
  t.equal(payloadType(conflict.message), 'key_rotated', 'the last payload field wins');
  t.same(
    (
      caught(() => validateBatch({ events: [conflict] }, { now: NOW })) as ValidationError
    ).issues.map((i) => i.path),
    ['events[0].payload', 'events[0].payload'],
    'refused: internal, and two payload fields',
  );

  const empty = decodeBatchProtobuf(frame(new Uint8Array(0)));
  t.equal(empty.events.length, 1, 'a zero-length event decodes (and fails validation)');
  t.end();
});

void t.test('batch size limits are enforced before decoding', (t) => {
  const big = caught(() => decodeBatchProtobuf(new Uint8Array(MAX_BATCH_BYTES + 1)));
  t.ok(big instanceof LedgerError);
  t.equal((big as LedgerError).code, 'LDG_ERR_PAYLOAD_TOO_LARGE');
  t.equal((big as LedgerError).statusCode, 413);

  const empties = (n: number) => frame(...Array.from({ length: n }, () => new Uint8Array(0)));
  t.equal(decodeBatchProtobuf(empties(MAX_BATCH_EVENTS)).events.length, MAX_BATCH_EVENTS);
  const many = caught(() => decodeBatchProtobuf(empties(MAX_BATCH_EVENTS + 1)));
  t.ok(many instanceof ValidationError);
  t.same(
    (many as ValidationError).issues.map((i) => i.path),
    ['events'],
  );
  t.end();
});

void t.test('64-bit integers: numbers up to 2^53, refused beyond', (t) => {
  const closed = (bytesSent: number | string) =>
    makeEvent('session_closed', { sessionClosed: { status: 1, bytesSent: bytesSent as number } });
  const [a] = validateBatch(decodeBatchProtobuf(encodeBatch([closed(2 ** 50)])), { now: NOW });
  t.equal(a?.type === 'session_closed' && a.sessionClosed.bytesSent, 2 ** 50);
  const [b] = validateBatch(decodeBatchProtobuf(encodeBatch([closed(Number.MAX_SAFE_INTEGER)])), {
    now: NOW,
  });
  t.equal(b?.type === 'session_closed' && b.sessionClosed.bytesSent, Number.MAX_SAFE_INTEGER);
  const e = caught(() =>
    validateBatch(decodeBatchProtobuf(encodeBatch([closed('18446744073709551615')])), { now: NOW }),
  );
  t.same(
    (e as ValidationError).issues.map((i) => i.path),
    ['events[0].session_closed.bytes_sent'],
  );
  t.end();
});

void t.test('payloadType names the oneof case as in the .proto', (t) => {
  const batch = decodeBatchProtobuf(encodeBatch(everyGatewayEvent()));
  const valid = validateBatch(batch, { now: NOW });
  for (const [i, d] of batch.events.entries()) {
    t.equal(payloadType(d.message), valid[i]!.type);
    t.equal(payloadType(valid[i]!), valid[i]!.type);
  }
  t.equal(payloadType(decodeAuditEvent(encodeAuditEvent({ tenantId: 'x' })).message), undefined);
  t.equal(
    payloadType(ledger.v1.AuditEvent.create({ keyRotated: {}, payload: 'keyRotated' })),
    'key_rotated',
  );
  t.end();
});

void t.test('LedgerEntry: deterministic, canonical, within the tlog-tiles entry limit', (t) => {
  const event = Buffer.from([1, 2, 3]);
  const bytes = encodeLedgerEntry({ event, recordedAtMs: 1500, position: 0, leafIndex: 1 });
  // event (1: 0a 03 ...), recorded_at (2: {seconds 1, nanos 500000000}), position 0 omitted, leaf_index (4: 1)
  t.equal(
    Buffer.from(bytes).toString('hex'),
    '0a03010203' + '1208' + '0801' + '1080cab5ee01' + '2001',
  );
  t.same(decodeLedgerEntry(bytes), {
    event,
    recordedAt: { seconds: 1, nanos: 500_000_000 },
    recordedAtMs: 1500,
    position: 0,
    leafIndex: 1,
  });

  const input = {
    event: encodeAuditEvent(makeEvent()),
    recordedAtMs: NOW,
    position: 41,
    leafIndex: 40,
  };
  const a = encodeLedgerEntry(input);
  const b = encodeLedgerEntry({ ...input, event: Buffer.from(input.event) });
  t.same(Buffer.from(a), Buffer.from(b), 'same input, same bytes');
  const back = decodeLedgerEntry(a);
  t.same(Buffer.from(back.event), Buffer.from(input.event));
  t.equal(back.recordedAtMs, NOW);
  t.equal(back.position, 41);
  t.equal(back.leafIndex, 40);

  const worst = encodeLedgerEntry({
    event: new Uint8Array(MAX_EVENT_BYTES),
    recordedAtMs: Number.MAX_SAFE_INTEGER,
    position: Number.MAX_SAFE_INTEGER,
    leafIndex: Number.MAX_SAFE_INTEGER,
  });
  t.ok(worst.length <= MAX_ENTRY_BYTES, `worst case ${worst.length} fits ${MAX_ENTRY_BYTES}`);
  t.ok(worst.length - MAX_EVENT_BYTES <= LEDGER_ENTRY_MAX_OVERHEAD);
  t.ok(MAX_EVENT_BYTES + LEDGER_ENTRY_MAX_OVERHEAD <= MAX_ENTRY_BYTES);

  const tooBig = caught(() =>
    encodeLedgerEntry({ ...input, event: new Uint8Array(MAX_ENTRY_BYTES) }),
  );
  t.equal((tooBig as LedgerError).code, 'LDG_ERR_PAYLOAD_TOO_LARGE');
  for (const bad of [{ position: -1 }, { leafIndex: 1.5 }, { recordedAtMs: 2 ** 53 }]) {
    t.equal(
      (caught(() => encodeLedgerEntry({ ...input, ...bad })) as LedgerError).code,
      'LDG_ERR_INTERNAL',
    );
  }

  const nonCanonical = [
    Buffer.concat([Buffer.from(bytes), Buffer.from([0x18, 0x00])]), // position 0 written explicitly
    Buffer.concat([Buffer.from([0x20, 0x01]), Buffer.from(bytes).subarray(0, 15)]), // leaf_index first
    Buffer.concat([Buffer.from(bytes), Buffer.from([0x0a, 0x00])]), // event repeated: last one wins
  ];
  for (const bad of nonCanonical)
    t.equal((caught(() => decodeLedgerEntry(bad)) as LedgerError).code, 'LDG_ERR_DECODE');
  t.equal(
    (caught(() => decodeLedgerEntry(Buffer.from([0x0a, 0x05]))) as LedgerError).code,
    'LDG_ERR_DECODE',
  );
  t.equal(
    (caught(() => decodeLedgerEntry(Buffer.from([0x0a, 0x00]))) as LedgerError).code,
    'LDG_ERR_DECODE',
    'no recorded_at',
  );
  t.end();
});

void t.test('uuidv7', (t) => {
  const ids = Array.from({ length: 2000 }, (_, i) => uuidv7(NOW + Math.floor(i / 100)));
  t.equal(new Set(ids).size, ids.length, 'unique');
  for (const id of ids.slice(0, 50)) {
    t.ok(isUuid(id), id);
    t.equal(id[14], '7', 'version 7');
    t.ok('89ab'.includes(id[19]!), 'RFC 9562 variant');
  }
  t.equal(uuidv7Time(ids[0]!), NOW);
  t.equal(uuidv7Time(uuidv7(0)), 0);
  t.equal(uuidv7Time(uuidv7(2 ** 48 - 1)), 2 ** 48 - 1);
  t.equal(uuidv7Time('3b241101-e2bb-4255-8caf-4136c566a962'), undefined, 'a v4 has no time');
  const sorted = [...ids].sort();
  t.same(
    sorted.map((id) => uuidv7Time(id)),
    ids.map((id) => uuidv7Time(id)),
    'ids sort by millisecond',
  );
  t.throws(() => uuidv7(-1));
  t.throws(() => uuidv7(2 ** 48));
  t.notOk(isUuid('01968BB7-C618-70FC-A224-66A53F36D2E9'), 'upper case is refused');
  t.equal(humanActor().kind, ledger.v1.Actor.Kind.HUMAN);
  t.end();
});
