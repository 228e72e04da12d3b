/** c2sp.org/tlog-proof@v1: format, parse and verify. */
import t from 'tap';
import { signCheckpoint } from '../../ledger/checkpoint/checkpoint.js';
import { Ed25519NoteSigner, encodeBase64 } from '../../ledger/checkpoint/signed-note.js';
import {
  TLOG_PROOF_HEADER,
  formatTlogProof,
  parseTlogProof,
  verifyTlogProof,
} from '../../ledger/checkpoint/tlog-proof.js';
import { CompactRange, hashLeaf, inclusionProof } from '../../ledger/merkle/index.js';
import { ReferenceTree, leafData } from '../support/reference-tree.js';

const MALFORMED = { code: 'LDG_ERR_PROOF_MALFORMED' };
const INVALID = { code: 'LDG_ERR_PROOF_INVALID' };
const SIG = { code: 'LDG_ERR_SIGNATURE_INVALID' };

const log = new Ed25519NoteSigner('ledger.example.com/acme', new Uint8Array(32).fill(3));
const SIZE = 100;
const tree = new ReferenceTree(Array.from({ length: SIZE }, (_, i) => leafData(i)));
const range = CompactRange.empty();
for (let i = 0; i < SIZE; i++) range.appendLeaf(leafData(i));
const checkpoint = signCheckpoint(
  { origin: 'ledger.example.com/acme', size: SIZE, rootHash: range.rootHash() },
  log,
  { timestamp: 1_700_000_000 },
);
const node = (level: number, index: number): Uint8Array => tree.node(level, index);
const INDEX = 37;
const proof = inclusionProof(INDEX, SIZE, node);

void t.test('the spec example parses (c2sp.org/tlog-proof)', (t) => {
  const example = [
    'c2sp.org/tlog-proof@v1',
    'extra YWdlLXYxLjIuMS1kYXJ3aW4tYXJtNjQudGFyLmd6kYXJ3aW4tYXJ',
    'index 73894',
    'gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=',
    'B95lDa8R83lS8n0eG+o0buTxRKQTYFi//1U8anccXmA=',
    'EKNzoDWG8LGC0Yp9o+sv3qllpMP9uHQ9B20KNL+Q1zs=',
    'RoopEkOdqkYqMB4MJXrbt/hMjOxsVn0IrWjpz1ZMMes=',
    'AHCioX9nLjsrse6YhjRRmk1WUEirVOLLRoOQ6vfO5vk=',
    '',
    'example.com/fancylog',
    '109482',
    'sFodV/vSp5O8n9a8QpW6PRY97tfOSW5bsc2Xl/EQi08=',
    '',
    '\u2014 example.com/fancylog hI2DJw[...]1roloI=',
    '',
  ].join('\n');
  const parsed = parseTlogProof(example);
  t.equal(parsed.index, 73894);
  t.equal(parsed.proof.length, 5);
  t.match(
    Buffer.from(parsed.extra as Uint8Array).toString('latin1'),
    /^age-v1\.2\.1-darwin-arm64\.tar\.gz/,
  );
  t.match(parsed.checkpoint, /^example\.com\/fancylog\n109482\n/);
  t.equal(formatTlogProof(parsed), example, 'and formats back byte for byte');
  t.end();
});

void t.test('format, parse and verify', (t) => {
  const text = formatTlogProof({ index: INDEX, proof, checkpoint });
  t.ok(
    text.startsWith(`${TLOG_PROOF_HEADER}\nindex 37\n${encodeBase64(proof[0] as Uint8Array)}\n`),
  );
  const parsed = parseTlogProof(text);
  t.equal(parsed.index, INDEX);
  t.equal(parsed.extra, undefined);
  t.equal(parsed.checkpoint, checkpoint);
  t.same(parsed.proof.map(encodeBase64), proof.map(encodeBase64));
  t.same(parseTlogProof(new TextEncoder().encode(text)), parsed, 'bytes too');

  const verified = verifyTlogProof(text, { leafData: leafData(INDEX) }, [log.verifierKey()]);
  t.equal(verified.index, INDEX);
  t.equal(verified.checkpoint.checkpoint.size, SIZE);
  t.equal(verified.extra, undefined);
  verifyTlogProof(text, { leafHash: hashLeaf(leafData(INDEX)) }, [log.verifier()], {
    origin: 'ledger.example.com/acme',
  });

  const extra = Uint8Array.of(1, 2, 3);
  const withExtra = formatTlogProof({ index: INDEX, proof, checkpoint, extra });
  t.match(withExtra, /^c2sp\.org\/tlog-proof@v1\nextra AQID\nindex 37\n/);
  const v2 = verifyTlogProof(withExtra, { leafData: leafData(INDEX) }, [log.verifierKey()]);
  t.same(Array.from(v2.extra as Uint8Array), [1, 2, 3]);

  // a one-leaf tree has an empty proof: index line, then the blank line
  const one = signCheckpoint(
    { origin: 'ledger.example.com/acme', size: 1, rootHash: hashLeaf(leafData(0)) },
    log,
    { timestamp: 1 },
  );
  const single = formatTlogProof({ index: 0, proof: [], checkpoint: one });
  t.ok(single.startsWith(`${TLOG_PROOF_HEADER}\nindex 0\n\nledger.example.com/acme\n`));
  verifyTlogProof(single, { leafData: leafData(0) }, [log.verifierKey()]);
  t.end();
});

void t.test('verification failures', (t) => {
  const text = formatTlogProof({ index: INDEX, proof, checkpoint });
  t.throws(
    () => verifyTlogProof(text, { leafData: leafData(INDEX + 1) }, [log.verifierKey()]),
    INVALID,
  );
  const other = new Ed25519NoteSigner('ledger.example.com/acme', new Uint8Array(32).fill(4));
  t.throws(() => verifyTlogProof(text, { leafData: leafData(INDEX) }, [other.verifierKey()]), SIG);
  t.throws(
    () =>
      verifyTlogProof(text, { leafData: leafData(INDEX) }, [log.verifierKey()], { origin: 'x' }),
    SIG,
  );
  const beyond = formatTlogProof({ index: SIZE, proof, checkpoint });
  t.throws(
    () => verifyTlogProof(beyond, { leafData: leafData(INDEX) }, [log.verifierKey()]),
    MALFORMED,
  );
  const short = formatTlogProof({ index: INDEX, proof: proof.slice(1), checkpoint });
  t.throws(
    () => verifyTlogProof(short, { leafData: leafData(INDEX) }, [log.verifierKey()]),
    MALFORMED,
  );
  t.end();
});

void t.test('malformed proofs', (t) => {
  const h = encodeBase64(proof[0] as Uint8Array);
  const bad: [string | Uint8Array, string][] = [
    ['', 'empty'],
    [`c2sp.org/tlog-proof@v2\nindex 1\n\n${checkpoint}`, 'other version'],
    [`${TLOG_PROOF_HEADER}`, 'header only, no newline'],
    [`${TLOG_PROOF_HEADER}\n`, 'header only'],
    [`${TLOG_PROOF_HEADER}\nextra !!\nindex 1\n\n${checkpoint}`, 'extra not base64'],
    [`${TLOG_PROOF_HEADER}\nextra AQID\n\n${checkpoint}`, 'no index'],
    [`${TLOG_PROOF_HEADER}\nindex 01\n\n${checkpoint}`, 'leading zero'],
    [`${TLOG_PROOF_HEADER}\nindex -1\n\n${checkpoint}`, 'negative'],
    [`${TLOG_PROOF_HEADER}\nindex 1 \n\n${checkpoint}`, 'trailing space'],
    [`${TLOG_PROOF_HEADER}\nindex 9007199254740992\n\n${checkpoint}`, 'unsafe index'],
    [`${TLOG_PROOF_HEADER}\nindex 1\n${h.slice(4)}\n\n${checkpoint}`, 'short hash'],
    [`${TLOG_PROOF_HEADER}\nindex 1\n${h}x\n\n${checkpoint}`, 'bad hash'],
    [`${TLOG_PROOF_HEADER}\nindex 1\n${h}\n`, 'no blank line'],
    [`${TLOG_PROOF_HEADER}\nindex 1\n${h}\n\n`, 'no checkpoint'],
    [`${TLOG_PROOF_HEADER}\nindex 1\n${`${h}\n`.repeat(65)}\n${checkpoint}`, '65 hashes'],
    [Uint8Array.of(0xff, 0x0a), 'invalid UTF-8'],
  ];
  for (const [text, why] of bad) t.throws(() => parseTlogProof(text), MALFORMED, why);
  t.equal(
    parseTlogProof(`${TLOG_PROOF_HEADER}\nindex 1\n${`${h}\n`.repeat(64)}\n${checkpoint}`).proof
      .length,
    64,
  );

  const base = { index: INDEX, proof, checkpoint };
  t.throws(() => formatTlogProof({ ...base, index: -1 }), MALFORMED);
  t.throws(() => formatTlogProof({ ...base, index: 0.5 }), MALFORMED);
  t.throws(() => formatTlogProof({ ...base, proof: [new Uint8Array(31)] }), MALFORMED);
  t.throws(
    () =>
      formatTlogProof({ ...base, proof: Array.from({ length: 65 }, () => proof[0] as Uint8Array) }),
    MALFORMED,
  );
  t.throws(() => formatTlogProof({ ...base, checkpoint: checkpoint.slice(0, -1) }), MALFORMED);
  t.end();
});
