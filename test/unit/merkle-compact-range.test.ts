/** Compact ranges against the reference tree, and the nodes they report. */
import t from 'tap';
import { CompactRange, hashLeaf } from '../../ledger/merkle/index.js';
import { ReferenceTree, leafData } from '../support/reference-tree.js';

const hex = (h: Uint8Array): string => Buffer.from(h).toString('hex');
const SIZE = 600;
const tree = new ReferenceTree(Array.from({ length: SIZE }, (_, i) => leafData(i)));

void t.test('appends report every complete node exactly once, with its hash', (t) => {
  const range = CompactRange.empty();
  const seen = new Map<string, string>();
  const bad: string[] = [];
  for (let i = 0; i < SIZE; i++) {
    const visit = (level: number, index: number, hash: Uint8Array): void => {
      const key = `${level}/${index}`;
      if (seen.has(key)) bad.push(`twice: ${key}`);
      seen.set(key, hex(hash));
    };
    if (i % 2 === 0) range.append(hashLeaf(leafData(i)), visit);
    else range.appendLeaf(leafData(i), visit);
    if (hex(range.rootHash()) !== hex(tree.root(i + 1))) bad.push(`root at ${i + 1}`);
  }
  // every perfect subtree inside [0, SIZE) was reported with the reference hash
  let expected = 0;
  for (let level = 0; 2 ** level <= SIZE; level++) {
    for (let index = 0; (index + 1) * 2 ** level <= SIZE; index++) {
      expected++;
      if (seen.get(`${level}/${index}`) !== hex(tree.node(level, index))) {
        bad.push(`node ${level}/${index}`);
      }
    }
  }
  t.same(bad, []);
  t.equal(seen.size, expected, 'and nothing else');
  t.equal(range.size, SIZE);
  t.end();
});

void t.test('restoring from hashes', (t) => {
  const range = CompactRange.empty();
  for (let i = 0; i < 77; i++) range.appendLeaf(leafData(i));
  t.same(range.nodes(), CompactRange.nodesFor(77));
  t.same(
    range.nodes().map((n) => n.level),
    [6, 3, 2, 0],
    '77 = 64 + 8 + 4 + 1',
  );
  const restored = CompactRange.fromHashes(77, range.hashes());
  t.equal(hex(restored.rootHash()), hex(tree.root(77)));
  restored.appendLeaf(leafData(77));
  t.equal(hex(restored.rootHash()), hex(tree.root(78)));
  t.equal(range.size, 77, 'the original is untouched');

  const copy = range.clone();
  copy.appendLeaf(leafData(77));
  t.equal(hex(copy.rootHash()), hex(tree.root(78)));
  t.equal(hex(range.rootHash()), hex(tree.root(77)), 'clones are independent');

  t.equal(hex(CompactRange.fromHashes(0, []).rootHash()), hex(tree.root(0)));
  t.end();
});

void t.test('a throwing visitor leaves the range as it was', (t) => {
  const range = CompactRange.empty();
  range.appendLeaf(leafData(0));
  const before = hex(range.rootHash());
  t.throws(() =>
    range.appendLeaf(leafData(1), (level) => {
      if (level === 1) throw new Error('tile store down');
    }),
  );
  t.equal(range.size, 1);
  t.equal(hex(range.rootHash()), before);
  range.appendLeaf(leafData(1));
  t.equal(hex(range.rootHash()), hex(tree.root(2)), 'and can be retried');
  t.end();
});

void t.test('malformed input is refused', (t) => {
  const MALFORMED = { code: 'LDG_ERR_PROOF_MALFORMED' };
  const range = CompactRange.empty();
  t.throws(() => range.append(new Uint8Array(31)), MALFORMED);
  t.equal(range.size, 0, 'nothing appended');
  const h = new Uint8Array(32);
  t.throws(() => CompactRange.fromHashes(3, [h]), MALFORMED, 'too few hashes');
  t.throws(() => CompactRange.fromHashes(3, [h, new Uint8Array(3)]), MALFORMED, 'short hash');
  t.throws(() => CompactRange.fromHashes(-1, []), MALFORMED, 'negative size');
  t.throws(
    () => CompactRange.fromHashes(1, 'x' as unknown as Uint8Array[]),
    MALFORMED,
    'not an array',
  );
  t.end();
});

void t.test('the tree cannot grow past 2^53 - 1 leaves', (t) => {
  const max = Number.MAX_SAFE_INTEGER;
  const hashes = CompactRange.nodesFor(max).map(() => new Uint8Array(32));
  t.equal(hashes.length, 53);
  const full = CompactRange.fromHashes(max, hashes);
  t.throws(() => full.append(new Uint8Array(32)), { code: 'LDG_ERR_INTERNAL' });
  t.throws(() => full.appendLeaf(new Uint8Array(1)), { code: 'LDG_ERR_INTERNAL' });
  const almost = CompactRange.fromHashes(
    max - 1,
    CompactRange.nodesFor(max - 1).map(() => new Uint8Array(32)),
  );
  const levels: number[] = [];
  almost.append(new Uint8Array(32), (level) => levels.push(level));
  t.same(levels, [0], 'the last leaf completes no parent');
  t.equal(almost.size, max);
  t.end();
});

void t.test('appendAt takes leaf hashes from a shared buffer like append', (t) => {
  const n = 300;
  const hashes = new Uint8Array(8 + n * 32);
  for (let i = 0; i < n; i++) hashes.set(hashLeaf(leafData(i)), 8 + i * 32);
  const a = CompactRange.empty();
  const b = CompactRange.empty();
  const seenA: string[] = [];
  const seenB: string[] = [];
  for (let i = 0; i < n; i++) {
    a.append(hashLeaf(leafData(i)), (l, x, h) =>
      seenA.push(`${l}/${x}/${Buffer.from(h).toString('hex')}`),
    );
    b.appendAt(hashes, 8 + i * 32, (l, x, h) =>
      seenB.push(`${l}/${x}/${Buffer.from(h).toString('hex')}`),
    );
  }
  t.same(seenB, seenA);
  t.same(Buffer.from(b.rootHash()), Buffer.from(a.rootHash()));
  t.throws(() => b.appendAt(hashes, hashes.length - 31), { code: 'LDG_ERR_PROOF_MALFORMED' });
  t.throws(() => b.appendAt(hashes, -1), { code: 'LDG_ERR_PROOF_MALFORMED' });
  t.equal(b.size, n, 'a refused hash is not appended');
  t.end();
});
