/**
 * The bundle format: keys, deterministic bytes, the container read back, the
 * consistency proof and frontier checked against the RFC's own recursion
 * (the reference tree), and every kind of damage named by its code.
 */
import { createHash } from 'node:crypto';
import t from 'tap';
import {
  BUNDLE_MAGIC,
  BUNDLE_PART_NAMES,
  MANIFEST_HEADER,
  appendBundleEntries,
  archivePrefixFor,
  bundleKey,
  checkpointKey,
  decodeBundleEntries,
  decodeBundleParts,
  encodeBundleEntries,
  openBundle,
  parseBundleKey,
  parseCheckpointKey,
  parseManifest,
  prepareBundle,
  sealBundle,
} from '../../ledger/archive/bundle.js';
import type { BundleLink, PrepareBundleInput } from '../../ledger/archive/bundle.js';
import {
  bundleArchivedEventId,
  buildBundleArchivedEvent,
} from '../../ledger/archive/bundle-archived-event.js';
import { signCheckpoint } from '../../ledger/checkpoint/checkpoint.js';
import {
  generateNoteKey,
  parseNote,
  parsePrivateKey,
} from '../../ledger/checkpoint/signed-note.js';
import { decodeAuditEvent } from '../../ledger/events/decode.js';
import { isUuid } from '../../ledger/events/uuid.js';
import { validateEvent } from '../../ledger/events/validate.js';
import { isLedgerError } from '../../ledger/errors.js';
import { CompactRange } from '../../ledger/merkle/compact-range.js';
import { ReferenceTree, leafData, seededRandom } from '../support/reference-tree.js';
import { TEST_ORIGIN, TEST_PRIVATE_KEY } from '../support/archive-ledger.js';

const signer = parsePrivateKey(TEST_PRIVATE_KEY);
const verifiers = [signer.verifier()];
const PREFIX = archivePrefixFor(TEST_ORIGIN);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return isLedgerError(e) ? e.code : `not a LedgerError: ${String(e)}`;
  }
  return undefined;
}

/** A log of `n` leaves with checkpoints signed at the given sizes (fixed times). */
function log(n: number) {
  const leaves = Array.from({ length: n }, (_, i) => leafData(i));
  const ref = new ReferenceTree(leaves);
  const note = (size: number) =>
    Buffer.from(
      signCheckpoint({ origin: TEST_ORIGIN, size, rootHash: ref.root(size) }, signer, {
        timestamp: 1_750_000_000 + size,
      }),
    );
  const frontier = (size: number) => {
    const r = CompactRange.empty();
    for (const l of leaves.slice(0, size)) r.appendLeaf(l);
    return r.hashes();
  };
  const input = (first: number, end: number): PrepareBundleInput => ({
    origin: TEST_ORIGIN,
    frontier: frontier(first),
    first,
    entries: leaves.slice(first, end),
    checkpoint: note(end),
    previousCheckpoint: first === 0 ? null : note(first),
    verifiers,
  });
  return { leaves, ref, note, frontier, input };
}

function flipBit(bytes: Uint8Array | undefined, at: number): void {
  if (bytes === undefined) throw new Error('no such item');
  bytes[at] = (bytes[at] ?? 0) ^ 1;
}

const LINK: BundleLink = {
  key: bundleKey(PREFIX, 0, 5),
  sha256: 'a'.repeat(64),
  versionId: 'v1.abc',
};

void t.test('keys: zero-padded ranges sort in log order and parse back', async (t) => {
  t.equal(PREFIX, 'archive.test/ledger');
  const k = bundleKey(PREFIX, 0, 100_000);
  t.equal(k, 'archive.test/ledger/bundles/00000000000000000000-00000000000000100000.bundle');
  t.same(parseBundleKey(k), { prefix: PREFIX, first: 0, end: 100_000 });
  t.equal(checkpointKey(PREFIX, 42), 'archive.test/ledger/checkpoints/00000000000000000042');
  t.same(parseCheckpointKey(checkpointKey(PREFIX, 42)), { prefix: PREFIX, size: 42 });
  const keys = [
    [9, 10],
    [10, 100],
    [100, 2 ** 40],
    [0, 9],
  ].map(([a, b]) => bundleKey(PREFIX, a as number, b as number));
  t.same([...keys].sort(), [keys[3], keys[0], keys[1], keys[2]], 'lexical order = leaf order');
  t.equal(parseBundleKey(`${PREFIX}/bundles/1-2.bundle`), null);
  t.equal(
    parseBundleKey(`${PREFIX}/bundles/00000000000000000005-00000000000000000005.bundle`),
    null,
  );
  t.equal(
    codeOf(() => bundleKey(PREFIX, 5, 5)),
    'LDG_ERR_VALIDATION',
  );
  t.equal(
    codeOf(() => bundleKey('../x', 0, 1)),
    'LDG_ERR_CONFIG',
  );
  t.equal(
    archivePrefixFor('ledger.example.com:8443/acme corp'),
    'ledger.example.com_8443/acme_corp',
  );
  t.equal(archivePrefixFor('/.hidden//x/'), '_.hidden/x');
  t.equal(
    codeOf(() => archivePrefixFor('///')),
    'LDG_ERR_CONFIG',
  );
});

void t.test('entries part: uint16 big-endian lengths, decoded as views', async (t) => {
  const entries = [new Uint8Array(0), Uint8Array.of(1, 2, 3), new Uint8Array(300).fill(9)];
  const data = encodeBundleEntries(entries);
  t.same([...data.subarray(0, 7)], [0, 0, 0, 3, 1, 2, 3]);
  t.same(
    decodeBundleEntries(data, 3).map((e) => [...e]),
    entries.map((e) => [...e]),
  );
  t.equal(
    codeOf(() => decodeBundleEntries(data, 2)),
    'LDG_ERR_DECODE',
    'extra bytes',
  );
  t.equal(
    codeOf(() => decodeBundleEntries(data, 4)),
    'LDG_ERR_DECODE',
    'missing entry',
  );
  t.equal(
    codeOf(() => decodeBundleEntries(data.subarray(0, 6), 2)),
    'LDG_ERR_DECODE',
    'cut entry',
  );
  t.equal(
    codeOf(() => encodeBundleEntries([new Uint8Array(65_536)])),
    'LDG_ERR_PAYLOAD_TOO_LARGE',
  );
});

void t.test('a bundle is a pure function of its range: same range, same bytes', async (t) => {
  const l = log(40);
  const a = sealBundle(prepareBundle(l.input(13, 29)), LINK, signer, PREFIX);
  const b = sealBundle(prepareBundle(l.input(13, 29)), LINK, signer, PREFIX);
  t.same(Buffer.from(a.bytes), Buffer.from(b.bytes));
  t.equal(a.sha256, createHash('sha256').update(a.bytes).digest('hex'));
  t.equal(a.key, bundleKey(PREFIX, 13, 29));
  const other = sealBundle(
    prepareBundle(l.input(13, 29)),
    { ...LINK, versionId: 'v2' },
    signer,
    PREFIX,
  );
  t.not(other.sha256, a.sha256, 'the previous link is part of the bytes');

  // sealing one prepared bundle twice: the second seal must not touch the first's bytes
  const prepared = prepareBundle(l.input(13, 29));
  const once = sealBundle(prepared, LINK, signer, PREFIX);
  const copy = Buffer.from(once.bytes);
  const twice = sealBundle(prepared, { ...LINK, versionId: 'v3' }, signer, PREFIX);
  t.same(Buffer.from(once.bytes), copy, 'the first seal is intact');
  t.equal(createHash('sha256').update(twice.bytes).digest('hex'), twice.sha256);
  t.equal(openBundle(twice.bytes, verifiers).manifest.previous?.versionId, 'v3');
});

void t.test('the container reads back: magic, manifest, five parts in order', async (t) => {
  const l = log(40);
  const sealed = sealBundle(prepareBundle(l.input(13, 29)), LINK, signer, PREFIX);
  const text = Buffer.from(sealed.bytes).toString('latin1');
  t.ok(text.startsWith(BUNDLE_MAGIC));
  const opened = openBundle(sealed.bytes, verifiers);
  const m = opened.manifest;
  t.same(
    { origin: m.origin, first: m.first, end: m.end, previous: m.previous },
    { origin: TEST_ORIGIN, first: 13, end: 29, previous: LINK },
  );
  t.same(Buffer.from(m.rootHash), Buffer.from(l.ref.root(29)));
  t.same(
    m.parts.map((p) => p.name),
    [...BUNDLE_PART_NAMES],
  );
  const lines = parseNote(opened.manifestNote).text.split('\n');
  t.equal(lines[0], MANIFEST_HEADER);
  t.equal(lines[1], `origin ${TEST_ORIGIN}`);
  t.equal(lines[2], 'leaves 13 29');
  t.equal(lines[4], `previous ${LINK.key} ${LINK.sha256} ${LINK.versionId}`);
  t.match(lines[9], /^part entries \d+ [0-9a-f]{64}$/);

  const parts = decodeBundleParts(opened);
  t.same(Buffer.from(parts.checkpointNote), l.note(29));
  t.same(Buffer.from(parts.previousCheckpointNote ?? []), l.note(13));
  t.same(
    parts.consistencyProof.map((h) => Buffer.from(h)),
    l.ref.consistency(13, 29).map((h) => Buffer.from(h)),
  );
  t.same(
    parts.frontier.map((h) => Buffer.from(h)),
    l.frontier(13).map((h) => Buffer.from(h)),
  );
  t.same(
    parts.entries.map((e) => Buffer.from(e)),
    l.leaves.slice(13, 29).map((e) => Buffer.from(e)),
  );

  // the bundle alone gives the signed root: frontier + entries
  const range = CompactRange.fromHashes(13, parts.frontier);
  t.same(Buffer.from(appendBundleEntries(range, 13, parts.entries)), Buffer.from(l.ref.root(29)));
});

void t.test('first bundle: no previous link, checkpoint or proof', async (t) => {
  const l = log(7);
  const sealed = sealBundle(prepareBundle(l.input(0, 7)), null, signer, PREFIX);
  const opened = openBundle(sealed.bytes, verifiers);
  t.equal(opened.manifest.previous, null);
  const parts = decodeBundleParts(opened);
  t.equal(parts.previousCheckpointNote, null);
  t.same(parts.consistencyProof, []);
  t.same(parts.frontier, []);
  t.equal(
    codeOf(() => sealBundle(prepareBundle(l.input(0, 7)), LINK, signer, PREFIX)),
    'LDG_ERR_VALIDATION',
  );
  t.equal(
    codeOf(() => sealBundle(prepareBundle(l.input(3, 7)), null, signer, PREFIX)),
    'LDG_ERR_VALIDATION',
    'a later bundle must name its predecessor',
  );
});

void t.test('proofs and frontiers agree with the RFC recursion for many ranges', async (t) => {
  const rand = seededRandom(5);
  const l = log(300);
  let checked = 0;
  for (let i = 0; i < 200; i++) {
    const first = Math.floor(rand() * 299);
    const end = first + 1 + Math.floor(rand() * (300 - first - 1));
    const prepared = prepareBundle(l.input(first, end));
    const parts = decodeBundleParts(
      openBundle(sealBundle(prepared, first === 0 ? null : LINK, signer, PREFIX).bytes, verifiers),
    );
    const want = first === 0 ? [] : l.ref.consistency(first, end);
    if (
      parts.consistencyProof.length !== want.length ||
      !parts.consistencyProof.every((h, j) => Buffer.compare(h, want[j] as Uint8Array) === 0)
    ) {
      t.fail(`proof ${first} -> ${end}`);
    }
    t.same(
      prepared.endFrontier.map((h) => Buffer.from(h)),
      l.frontier(end).map((h) => Buffer.from(h)),
    );
    checked++;
  }
  t.equal(checked, 200);
});

void t.test('sealing refuses entries or frontiers that do not give the signed roots', async (t) => {
  const l = log(30);
  const bad = l.input(10, 20);
  const entries = bad.entries.map((e) => Uint8Array.from(e));
  flipBit(entries[3], 0);
  t.equal(
    codeOf(() => prepareBundle({ ...bad, entries })),
    'LDG_ERR_TAMPERED',
    'a changed entry',
  );
  const frontier = l.frontier(10).map((h) => Uint8Array.from(h));
  flipBit(frontier[0], 5);
  t.equal(
    codeOf(() => prepareBundle({ ...bad, frontier })),
    'LDG_ERR_TAMPERED',
    'a changed frontier',
  );
  t.equal(
    codeOf(() => prepareBundle({ ...bad, frontier: [] })),
    'LDG_ERR_VALIDATION',
    'wrong shape',
  );
  t.equal(
    codeOf(() => prepareBundle({ ...bad, checkpoint: l.note(21) })),
    'LDG_ERR_VALIDATION',
    'checkpoint of another size',
  );
  t.equal(
    codeOf(() => prepareBundle({ ...bad, previousCheckpoint: null })),
    'LDG_ERR_VALIDATION',
  );
  const stranger = parsePrivateKey(generateNoteKey(TEST_ORIGIN).privateKey);
  const foreign = Buffer.from(
    signCheckpoint({ origin: TEST_ORIGIN, size: 20, rootHash: l.ref.root(20) }, stranger),
  );
  t.equal(
    codeOf(() => prepareBundle({ ...bad, checkpoint: foreign })),
    'LDG_ERR_SIGNATURE_INVALID',
    'a checkpoint signed by another key',
  );
  t.equal(
    codeOf(() => prepareBundle({ ...bad, entries: [] })),
    'LDG_ERR_VALIDATION',
  );
});

void t.test('damage is named: magic, length, manifest, parts, trailing bytes', async (t) => {
  const l = log(30);
  const sealed = sealBundle(prepareBundle(l.input(10, 20)), LINK, signer, PREFIX);
  const b = Buffer.from(sealed.bytes);
  const headLength = b.indexOf(0x0a, BUNDLE_MAGIC.length) + 1;
  const manifestLength = Number(b.subarray(BUNDLE_MAGIC.length, headLength - 1).toString());
  const partsStart = headLength + manifestLength;
  const flip = (at: number) => {
    const c = Buffer.from(b);
    c[at] = (c[at] as number) ^ 0x01;
    return c;
  };
  t.equal(
    codeOf(() => openBundle(flip(0), verifiers)),
    'LDG_ERR_DECODE',
    'magic',
  );
  t.equal(
    codeOf(() => openBundle(flip(BUNDLE_MAGIC.length), verifiers)),
    'LDG_ERR_DECODE',
    'length',
  );
  t.equal(
    codeOf(() => openBundle(flip(headLength + 40), verifiers)),
    'LDG_ERR_SIGNATURE_INVALID',
    'manifest text',
  );
  let at = partsStart;
  for (const part of openBundle(b, verifiers).manifest.parts) {
    if (part.length > 0) {
      t.equal(
        codeOf(() => openBundle(flip(at + part.length - 1), verifiers)),
        'LDG_ERR_TAMPERED',
        part.name,
      );
    }
    at += part.length;
  }
  t.equal(
    codeOf(() => openBundle(Buffer.concat([b, Buffer.from('x')]), verifiers)),
    'LDG_ERR_DECODE',
    'trailing',
  );
  t.equal(
    codeOf(() => openBundle(b.subarray(0, b.length - 1), verifiers)),
    'LDG_ERR_DECODE',
    'truncated',
  );
  const stranger = parsePrivateKey(generateNoteKey('someone').privateKey);
  t.equal(
    codeOf(() => openBundle(b, [stranger.verifier()])),
    'LDG_ERR_SIGNATURE_INVALID',
    'unknown key',
  );
  t.equal(
    codeOf(() => parseManifest('nope\n')),
    'LDG_ERR_DECODE',
  );
});

void t.test('BundleArchived: deterministic UUIDv8 id, a valid internal event', async (t) => {
  const id = bundleArchivedEventId('s3://b', LINK.key);
  t.ok(isUuid(id));
  t.equal(id[14], '8', 'version 8');
  t.equal(id, bundleArchivedEventId('s3://b', LINK.key));
  t.not(id, bundleArchivedEventId('s3://other', LINK.key));
  const record = {
    key: LINK.key,
    first: 0,
    end: 5,
    sha256: LINK.sha256,
    versionId: 'v1',
    size: 1234,
    retainUntil: new Date('2031-01-01T00:00:00Z'),
    lockMode: 'COMPLIANCE' as const,
    sealedAt: new Date('2026-01-01T00:00:00Z'),
  };
  const a = buildBundleArchivedEvent(record, { location: 's3://b', bucket: 'b' });
  const b = buildBundleArchivedEvent(record, { location: 's3://b', bucket: 'b' });
  t.same(Buffer.from(a.data), Buffer.from(b.data), 'same bytes on a retry');
  t.equal(a.eventId, id);
  t.equal(a.type, 'bundle_archived');
  const valid = validateEvent(decodeAuditEvent(a.data), 0, {
    now: Date.now(),
    allowInternal: true,
  });
  t.equal(valid.type, 'bundle_archived');
  if (valid.type === 'bundle_archived') {
    t.same(
      {
        key: valid.bundleArchived.key,
        versionId: valid.bundleArchived.versionId,
        sha256: valid.bundleArchived.sha256,
        firstLeaf: valid.bundleArchived.firstLeaf,
        endLeaf: valid.bundleArchived.endLeaf,
        lockMode: valid.bundleArchived.lockMode,
        retainUntil: valid.bundleArchived.retainUntil?.seconds,
      },
      {
        key: LINK.key,
        versionId: 'v1',
        sha256: LINK.sha256,
        firstLeaf: 0,
        endLeaf: 5,
        lockMode: 'COMPLIANCE',
        retainUntil: Date.parse('2031-01-01T00:00:00Z') / 1000,
      },
    );
  }
  t.equal(
    codeOf(() =>
      buildBundleArchivedEvent(
        record,
        { location: 's3://b', bucket: 'b' },
        {
          tenantId: '',
          gatewayId: 'g',
          sessionId: 's',
          actorSubject: 'a',
        },
      ),
    ),
    'LDG_ERR_VALIDATION',
  );
});
