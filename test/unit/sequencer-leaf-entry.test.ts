/**
 * The sequencer's hand-written LedgerEntry encoder must write exactly the
 * bytes of the definition, `encodeLedgerEntry` (ledger/events, generated
 * protobuf code), for every input; and its field reader must read them back.
 */
import { randomBytes, randomInt } from 'node:crypto';
import t from 'tap';
import {
  decodeLedgerEntry,
  encodeAuditEvent,
  encodeLedgerEntry,
} from '../../ledger/events/index.js';
import { ledger } from '../../proto/generated/ledger.js';
import {
  LeafEntryWriter,
  encodeLeafEntry,
  hasTopLevelField,
  readLeafEntry,
} from '../../ledger/sequencer/leaf-entry.js';
import { CHECKPOINT_SIGNED_FIELD } from '../../ledger/sequencer/checkpoint-event.js';
import { hashLeaf } from '../../ledger/merkle/hasher.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

void t.test('edge cases encode exactly like encodeLedgerEntry', (t) => {
  const events = [
    new Uint8Array(0),
    Uint8Array.of(1),
    randomBytes(127),
    randomBytes(128),
    randomBytes(16_384),
  ];
  const counters = [0, 1, 127, 128, 16_383, 16_384, 2 ** 31, 2 ** 32 + 5, Number.MAX_SAFE_INTEGER];
  const times = [0, 1, 999, 1000, 1001, Date.UTC(2025, 4, 1, 12, 0, 0, 7), 2 ** 41 + 3];
  const writer = new LeafEntryWriter();
  let cases = 0;
  for (const event of events) {
    for (const n of counters) {
      for (const ms of times) {
        const want = encodeLedgerEntry({ event, recordedAtMs: ms, position: n, leafIndex: n });
        const got = writer.write(event, ms, n, n);
        if (hex(got) !== hex(want)) t.fail(`event ${event.length} B, counter ${n}, time ${ms}`);
        cases++;
      }
    }
  }
  t.equal(cases, events.length * counters.length * times.length);
  t.pass('all equal');
  t.end();
});

void t.test('random inputs encode like encodeLedgerEntry and read back', (t) => {
  const writer = new LeafEntryWriter();
  for (let i = 0; i < 2000; i++) {
    const event = randomBytes(randomInt(0, 3000));
    const ms = randomInt(0, 2 ** 47);
    const position = randomInt(0, 2 ** 47);
    const leafIndex = randomInt(0, 2 ** 47);
    const want = encodeLedgerEntry({ event, recordedAtMs: ms, position, leafIndex });
    const got = writer.write(event, ms, position, leafIndex);
    if (hex(got) !== hex(want)) {
      t.fail(`case ${i} differs`);
      break;
    }
    const fields = readLeafEntry(got);
    const decoded = decodeLedgerEntry(got);
    if (
      fields === undefined ||
      fields.position !== position ||
      fields.leafIndex !== leafIndex ||
      hex(got.subarray(fields.eventStart, fields.eventEnd)) !== hex(event) ||
      decoded.recordedAtMs !== ms
    ) {
      t.fail(`case ${i} does not read back`);
      break;
    }
  }
  t.same(
    encodeLeafEntry(Uint8Array.of(7), 5, 6, 7),
    encodeLedgerEntry({ event: Uint8Array.of(7), recordedAtMs: 5, position: 6, leafIndex: 7 }),
  );
  t.end();
});

void t.test('bad counters and oversized entries are refused with codes', (t) => {
  const writer = new LeafEntryWriter();
  t.throws(() => writer.write(new Uint8Array(1), -1, 0, 0), { code: 'LDG_ERR_INTERNAL' });
  t.throws(() => writer.write(new Uint8Array(1), 0, 1.5, 0), { code: 'LDG_ERR_INTERNAL' });
  t.throws(() => writer.write(new Uint8Array(1), 0, 0, 2 ** 53), { code: 'LDG_ERR_INTERNAL' });
  t.throws(() => writer.write(new Uint8Array(65_535), 0, 0, 0), {
    code: 'LDG_ERR_PAYLOAD_TOO_LARGE',
  });
  t.end();
});

void t.test(
  'readLeafEntry refuses malformed bytes; hasTopLevelField finds the checkpoint payload',
  (t) => {
    t.equal(readLeafEntry(Uint8Array.of(0x0a, 0x05, 1, 2)), undefined, 'truncated event');
    t.equal(readLeafEntry(Uint8Array.of(0x18)), undefined, 'truncated varint');
    t.equal(readLeafEntry(Uint8Array.of(0x0b)), undefined, 'group wire type');
    const plain = encodeAuditEvent({ eventId: 'x', sessionOpened: { protocol: 'pg' } });
    const checkpoint = encodeAuditEvent({
      eventId: 'y',
      tenantId: 'ledger',
      occurredAt: { seconds: 1, nanos: 5 },
      actor: { subject: 's', kind: ledger.v1.Actor.Kind.SERVICE },
      checkpointSigned: { origin: 'o', treeSize: 3, rootHash: new Uint8Array(32), note: 'n' },
    });
    t.equal(hasTopLevelField(plain, 0, plain.length, CHECKPOINT_SIGNED_FIELD), false);
    t.equal(hasTopLevelField(checkpoint, 0, checkpoint.length, CHECKPOINT_SIGNED_FIELD), true);
    t.equal(
      hasTopLevelField(Uint8Array.of(0xff), 0, 1, CHECKPOINT_SIGNED_FIELD),
      false,
      'malformed',
    );
    const entry = encodeLeafEntry(checkpoint, 1000, 9, 10);
    const f = readLeafEntry(entry);
    t.ok(
      f !== undefined && hasTopLevelField(entry, f.eventStart, f.eventEnd, CHECKPOINT_SIGNED_FIELD),
    );
    t.end();
  },
);

void t.test('leafHashInto hashes the leaf of a slice of a page like hashLeaf of write', (t) => {
  const events = [new Uint8Array(0), randomBytes(1), randomBytes(300), randomBytes(5000)];
  for (let i = 0; i < 40; i++) events.push(randomBytes(randomInt(0, 700)));
  const page = Buffer.concat(events);
  const writer = new LeafEntryWriter();
  const reference = new LeafEntryWriter();
  const out = new Uint8Array(64);
  let start = 0;
  events.forEach((event, i) => {
    const end = start + event.length;
    const ms = Date.UTC(2025, 4, 1) + i * 37;
    const position = i * 1000 + 3;
    writer.leafHashInto(page, start, end, ms, position, i, out, 16);
    const want = hashLeaf(reference.write(event, ms, position, i));
    t.equal(hex(out.subarray(16, 48)), hex(want), `event ${i} (${event.length} bytes)`);
    start = end;
  });
  t.end();
});

void t.test('pageLeafHashInto hashes events of a loaded page like leafHashInto', (t) => {
  const events = [new Uint8Array(0), randomBytes(1), randomBytes(300), randomBytes(9000)];
  for (let i = 0; i < 40; i++) events.push(randomBytes(randomInt(0, 700)));
  const page = Buffer.concat(events);
  const writer = new LeafEntryWriter();
  const reference = new LeafEntryWriter();
  const out = new Uint8Array(32);
  const want = new Uint8Array(32);
  writer.loadPage(page);
  page.fill(0); // the writer holds its own copy
  let start = 0;
  events.forEach((event, i) => {
    const end = start + event.length;
    writer.pageLeafHashInto(start, end, 1_700_000_000_123 + i, i + 9, i, out, 0);
    reference.leafHashInto(event, 0, event.length, 1_700_000_000_123 + i, i + 9, i, want, 0);
    t.equal(hex(out), hex(want), `event ${i} (${event.length} bytes)`);
    // interleaved single writes leave the page in place
    t.equal(hex(writer.write(event, 5, 6, 7)), hex(reference.write(event, 5, 6, 7)));
    start = end;
  });
  t.throws(() => writer.pageLeafHashInto(start, start + 1, 0, 0, 0, out, 0), {
    code: 'LDG_ERR_INTERNAL',
  });
  t.throws(() => writer.write(new Uint8Array(70_000), 0, 0, 0), {
    code: 'LDG_ERR_PAYLOAD_TOO_LARGE',
  });
  t.throws(() => writer.pageLeafHashInto(0, 1, 0, 0, 0, out, 0), { code: 'LDG_ERR_INTERNAL' });
  t.end();
});
