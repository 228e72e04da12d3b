/**
 * The evidence package's proofs for many leaves of one tree: ProofMaker
 * (builder) against the RFC 9162 reference, whatever the order of the leaves
 * and however small its tile cache; InclusionChecker (verifier) accepting
 * exactly the proofs that lead to the root, also when it shares work with a
 * neighbour; the fast reading of inclusion.ndjson lines; and the part
 * hashes computed on a worker thread.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { CompactRange, TileAccumulator, tilePath } from '../../ledger/merkle/index.js';
import type { TileId } from '../../ledger/merkle/index.js';
import { ProofMaker } from '../../ledger/evidence/proof-maker.js';
import { InclusionChecker } from '../../ledger/evidence/proof-check.js';
import { hashPartsHere, hashPartsOffThread } from '../../ledger/evidence/part-hash.js';
import {
  inclusionLine,
  inclusionLineOfTexts,
  parseInclusionLine,
} from '../../ledger/evidence/lines.js';
import { ReferenceTree, leafData, seededRandom } from '../support/reference-tree.js';

const hex = (h: Uint8Array): string => Buffer.from(h).toString('hex');
const b64 = (h: Uint8Array): string => Buffer.from(h).toString('base64');

// a tree of 70,000 leaves (three tile levels, partial tiles at the right border)
const SIZE = 70_000;
const tree = new ReferenceTree(Array.from({ length: SIZE }, (_, i) => leafData(i)));
const root = tree.root(SIZE);
const store = new Map<string, Uint8Array>();
{
  const acc = new TileAccumulator({
    onFullTile: ({ tile, data }) => store.set(tilePath(tile), data),
  });
  const range = CompactRange.empty();
  for (let i = 0; i < SIZE; i++) range.appendLeaf(leafData(i), acc.visit);
  for (const { tile, data } of acc.partialTiles()) store.set(tilePath(tile), data);
}
const fetchTile = (tile: TileId): Promise<Uint8Array> => {
  const data = store.get(tilePath(tile));
  return data === undefined
    ? Promise.reject(new Error(`no tile ${tilePath(tile)}`))
    : Promise.resolve(data);
};

/**
 * Leaves as events in time order give them: several streams far apart,
 * interleaved, each mostly ascending with small steps back, plus the right
 * border of the tree and random jumps.
 */
function interleavedLeaves(): number[] {
  const random = seededRandom(6);
  const cursors = [0, 20_000, 40_003, 65_530, 69_900];
  const out: number[] = [];
  for (let n = 0; n < 2500; n++) {
    const k = Math.floor(random() * cursors.length);
    const at = cursors[k] as number;
    const step = random() < 0.1 ? -Math.floor(random() * 5) : 1 + Math.floor(random() * 3);
    const next = Math.min(SIZE - 1, Math.max(0, at + step));
    cursors[k] = next;
    out.push(random() < 0.02 ? Math.floor(random() * SIZE) : next);
  }
  out.push(SIZE - 1, 0, SIZE - 2, 65_535, 65_536);
  return out;
}
const LEAVES = interleavedLeaves();
const expected = new Map<number, Uint8Array[]>();
for (const i of LEAVES) if (!expected.has(i)) expected.set(i, tree.inclusionPath(i, SIZE));

for (const capacity of [1024, 2]) {
  void t.test(`ProofMaker gives the reference proofs (tile cache ${capacity})`, async (t) => {
    const maker = new ProofMaker(SIZE, fetchTile, capacity);
    const bad: number[] = [];
    for (const i of LEAVES) {
      const made = maker.inclusionHashes(i);
      const { proof, texts } = 'then' in made ? await made : made;
      const want = expected.get(i) as Uint8Array[];
      if (
        proof.map(hex).join() !== want.map(hex).join() ||
        texts.join() !== want.map(b64).join() ||
        inclusionLineOfTexts(i, texts) !== inclusionLine(i, want)
      ) {
        bad.push(i);
      }
    }
    t.same(bad, [], `${LEAVES.length} proofs`);
    const plain = maker.inclusion(12_345);
    t.same(
      (Array.isArray(plain) ? plain : await plain).map(hex),
      tree.inclusionPath(12_345, SIZE).map(hex),
    );
  });
}

void t.test('InclusionChecker accepts every good proof, in any order', (t) => {
  const checker = new InclusionChecker(SIZE, root);
  let accepted = 0;
  for (const i of LEAVES) {
    if (checker.check(i, tree.leafHashAt(i), (expected.get(i) as Uint8Array[]).map(b64)))
      accepted++;
  }
  t.equal(accepted, LEAVES.length);
  t.end();
});

void t.test('InclusionChecker rejects every altered proof, also next to a checked one', (t) => {
  const texts = (i: number): string[] => tree.inclusionPath(i, SIZE).map(b64);
  const flip = (text: string): string => {
    const h = Buffer.from(text, 'base64');
    h[5] = (h[5] as number) ^ 0x01;
    return h.toString('base64');
  };
  const INVALID = { code: 'LDG_ERR_PROOF_INVALID' };
  const MALFORMED = { code: 'LDG_ERR_PROOF_MALFORMED' };
  // leaf 1001's neighbours 1000 and 1003 are checked first, so its proof
  // would be shared from level 1 or 2 up; every step is altered in turn
  for (let step = 0; step < 17; step++) {
    const checker = new InclusionChecker(SIZE, root);
    t.ok(checker.check(1000, tree.leafHashAt(1000), texts(1000)));
    t.ok(checker.check(1003, tree.leafHashAt(1003), texts(1003)));
    const altered = texts(1001);
    altered[step] = flip(altered[step] as string);
    t.throws(() => checker.check(1001, tree.leafHashAt(1001), altered), INVALID, `step ${step}`);
    t.ok(checker.check(1001, tree.leafHashAt(1001), texts(1001)), 'the good one after it');
    t.ok(checker.check(1002, tree.leafHashAt(1002), texts(1002)), 'and its neighbour');
  }
  const checker = new InclusionChecker(SIZE, root);
  t.ok(checker.check(2000, tree.leafHashAt(2000), texts(2000)));
  t.throws(() => checker.check(2001, tree.leafHashAt(2000), texts(2001)), INVALID, 'wrong leaf');
  t.throws(() => checker.check(2001, tree.leafHashAt(2001), texts(2000)), INVALID, 'wrong proof');
  t.throws(
    () => checker.check(2001, tree.leafHashAt(2001), texts(2001).slice(1)),
    MALFORMED,
    'a hash removed',
  );
  t.throws(
    () => checker.check(2001, tree.leafHashAt(2001), [...texts(2001), texts(2001)[0]]),
    MALFORMED,
    'a hash added',
  );
  t.throws(() => checker.check(SIZE, tree.leafHashAt(1), texts(1)), MALFORMED, 'beyond the tree');
  t.notOk(checker.check(2001, tree.leafHashAt(2001), 'x'), 'not a list');
  const short = texts(2001);
  short[0] = 'AAAA';
  t.notOk(checker.check(2001, tree.leafHashAt(2001), short), 'a malformed hash');
  const spaced = texts(2001);
  spaced[16] = `${(spaced[16] as string).slice(0, 43)}`;
  t.notOk(checker.check(2001, tree.leafHashAt(2001), spaced), 'a shared hash malformed');
  t.ok(checker.check(2001, tree.leafHashAt(2001), texts(2001)));
  t.end();
});

void t.test('inclusion lines are read as JSON.parse reads them, or left to it', (t) => {
  for (const i of [0, 1, 4097, SIZE - 1]) {
    const line = inclusionLine(i, tree.inclusionPath(i, SIZE));
    const parsed = JSON.parse(line) as { leaf_index: number; hashes: string[] };
    t.same(parseInclusionLine(line), { leafIndex: parsed.leaf_index, hashes: parsed.hashes });
  }
  t.same(parseInclusionLine('{"leaf_index":0,"hashes":[]}'), { leafIndex: 0, hashes: [] });
  const good = inclusionLine(7, tree.inclusionPath(7, SIZE));
  for (const other of [
    good.replace('"hashes":', '"hashes" :'),
    good.replace('{"leaf_index":7', '{"leaf_index":07'),
    good.replace('{"leaf_index":7', '{"leaf_index":7.0'),
    good.replace(']}', '],"x":1}'),
    good.replace('","', '", "'),
    good.replace(/^(.{30})./, '$1\\'),
    `${good} `,
  ]) {
    t.equal(parseInclusionLine(other), undefined, other.slice(0, 40));
  }
  t.end();
});

void t.test('part hashes on a worker thread equal SHA-256 of the ranges', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'evidence-part-hash-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'package');
  const bytes = randomBytes(3 * 1024 * 1024 + 17);
  writeFileSync(path, bytes);
  const parts = [
    { name: 'a', offset: 0, size: 512 },
    { name: 'b', offset: 512, size: 2 * 1024 * 1024 + 5 },
    { name: 'c', offset: 100, size: 0 },
    { name: 'd', offset: 2 * 1024 * 1024 + 517, size: bytes.length - (2 * 1024 * 1024 + 517) },
  ];
  const off = await hashPartsOffThread({ path, parts });
  for (const p of parts) {
    const want = createHash('sha256')
      .update(bytes.subarray(p.offset, p.offset + p.size))
      .digest('hex');
    t.equal(off.get(p.name), want, p.name);
  }
  t.same(await hashPartsHere({ path, parts }), off);
  await t.rejects(
    hashPartsOffThread({ path, parts: [{ name: 'x', offset: bytes.length - 10, size: 20 }] }),
    /part x: the file ends early/,
  );
});
