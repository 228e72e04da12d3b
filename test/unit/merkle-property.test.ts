/**
 * The fast Merkle code against the naive RFC 9162 reference tree
 * (test/support/reference-tree.ts): every size 0..300 with every index,
 * consistency for all size pairs up to 64 and sampled above, random larger
 * sizes from a seeded PRNG, and trees far beyond 2^32 leaves through the
 * sparse reference.
 */
import t from 'tap';
import {
  CompactRange,
  consistencyProof,
  hashLeaf,
  inclusionProof,
  rootFromConsistencyProof,
  rootFromInclusionProof,
  rootHash,
  verifyConsistency,
  verifyInclusion,
} from '../../ledger/merkle/index.js';
import {
  ReferenceTree,
  SparseReferenceTree,
  leafData,
  seededRandom,
} from '../support/reference-tree.js';

const MAX_EXHAUSTIVE = 300;
const ALL_PAIRS_UP_TO = 64;

const hex = (h: Uint8Array): string => Buffer.from(h).toString('hex');
const hexes = (hs: readonly Uint8Array[]): string[] => hs.map(hex);

function treeOf(size: number): ReferenceTree {
  return new ReferenceTree(Array.from({ length: size }, (_, i) => leafData(i)));
}

const big = treeOf(4096);
const getNode = (level: number, index: number): Uint8Array => big.node(level, index);

/** Collects failures instead of asserting each check, so a sweep reports them all at once. */
class Failures {
  readonly list: string[] = [];
  check(ok: boolean, what: string): void {
    if (!ok && this.list.length < 50) this.list.push(what);
  }
}

void t.test('leaf hashes match the reference', (t) => {
  for (let i = 0; i < 50; i++) t.equal(hex(hashLeaf(leafData(i))), hex(big.leafHashAt(i)));
  t.end();
});

void t.test(
  `roots and inclusion proofs for every size 0..${MAX_EXHAUSTIVE} and every index`,
  (t) => {
    const f = new Failures();
    const range = CompactRange.empty();
    let proofs = 0;
    for (let size = 0; size <= MAX_EXHAUSTIVE; size++) {
      const want = big.root(size);
      f.check(hex(range.rootHash()) === hex(want), `compact range root, size ${size}`);
      f.check(hex(rootHash(size, getNode)) === hex(want), `rootHash, size ${size}`);
      for (let index = 0; index < size; index++) {
        const proof = inclusionProof(index, size, getNode);
        const ref = big.inclusionPath(index, size);
        f.check(hexes(proof).join() === hexes(ref).join(), `inclusion proof ${index}/${size}`);
        const leaf = big.leafHashAt(index);
        f.check(
          hex(rootFromInclusionProof(index, size, leaf, ref)) === hex(want),
          `rootFromInclusionProof ${index}/${size}`,
        );
        verifyInclusion(index, size, leaf, ref, want);
        proofs++;
      }
      range.appendLeaf(leafData(size));
    }
    t.same(f.list, [], 'no mismatch');
    t.equal(proofs, (MAX_EXHAUSTIVE * (MAX_EXHAUSTIVE + 1)) / 2);
    t.end();
  },
);

void t.test('consistency proofs: all pairs up to 64, sampled up to 300', (t) => {
  const f = new Failures();
  const random = seededRandom(9162);
  let pairs = 0;
  for (let size2 = 1; size2 <= MAX_EXHAUSTIVE; size2++) {
    let firsts: number[];
    if (size2 <= ALL_PAIRS_UP_TO) {
      firsts = Array.from({ length: size2 }, (_, i) => i + 1);
    } else {
      const edges = [1, 2, size2 - 1, size2, 64, 128, 256].filter((s) => s <= size2);
      const sampled = Array.from({ length: 12 }, () => 1 + Math.floor(random() * size2));
      firsts = [...new Set([...edges, ...sampled])];
    }
    const root2 = big.root(size2);
    for (const size1 of firsts) {
      const root1 = big.root(size1);
      const proof = consistencyProof(size1, size2, getNode);
      const ref = big.consistency(size1, size2);
      f.check(hexes(proof).join() === hexes(ref).join(), `consistency proof ${size1}->${size2}`);
      f.check(
        hex(rootFromConsistencyProof(size1, size2, ref, root1)) === hex(root2),
        `rootFromConsistencyProof ${size1}->${size2}`,
      );
      verifyConsistency(size1, size2, ref, root1, root2);
      pairs++;
    }
  }
  t.same(f.list, [], 'no mismatch');
  t.ok(pairs > 2080 + 236 * 10, `${pairs} pairs checked`);
  t.end();
});

void t.test('random larger sizes (seeded)', (t) => {
  const f = new Failures();
  const random = seededRandom(42);
  const range = CompactRange.empty();
  for (let i = 0; i < 4096; i++) range.appendLeaf(leafData(i));
  f.check(hex(range.rootHash()) === hex(big.root(4096)), 'compact range root at 4096');
  for (let n = 0; n < 200; n++) {
    const size2 = 301 + Math.floor(random() * (4096 - 301));
    const size1 = 1 + Math.floor(random() * size2);
    const index = Math.floor(random() * size2);
    f.check(
      hexes(inclusionProof(index, size2, getNode)).join() ===
        hexes(big.inclusionPath(index, size2)).join(),
      `inclusion ${index}/${size2}`,
    );
    f.check(
      hexes(consistencyProof(size1, size2, getNode)).join() ===
        hexes(big.consistency(size1, size2)).join(),
      `consistency ${size1}->${size2}`,
    );
    f.check(hex(rootHash(size2, getNode)) === hex(big.root(size2)), `root ${size2}`);
  }
  t.same(f.list, [], 'no mismatch');
  t.end();
});

void t.test('huge trees (up to 2^53 - 1 leaves) through the sparse reference', (t) => {
  const f = new Failures();
  const random = seededRandom(2 ** 31 - 1);
  const sizes = [
    2 ** 32 - 1,
    2 ** 32,
    2 ** 32 + 1,
    2 ** 40 + 12345,
    2 ** 52,
    Number.MAX_SAFE_INTEGER,
    ...Array.from({ length: 40 }, () => 1 + Math.floor(random() * Number.MAX_SAFE_INTEGER)),
  ];
  for (const size of sizes) {
    const index = Math.floor(random() * size);
    const tree = new SparseReferenceTree(index);
    const root = tree.root(size);
    const node = (level: number, i: number): Uint8Array => tree.node(level, i);
    const ref = tree.inclusionPath(index, size);
    f.check(
      hexes(inclusionProof(index, size, node)).join() === hexes(ref).join(),
      `inclusion ${index}/${size}`,
    );
    verifyInclusion(index, size, tree.specialLeafHash, ref, root);
    f.check(hex(rootHash(size, node)) === hex(root), `root ${size}`);

    const size1 = index + 1 + Math.floor(random() * (size - index));
    const cons = tree.consistency(size1, size);
    f.check(
      hexes(consistencyProof(size1, size, node)).join() === hexes(cons).join(),
      `consistency ${size1}->${size}`,
    );
    verifyConsistency(size1, size, cons, tree.root(size1), root);

    // a compact range restored at size - 1 and given the last (plain) leaf
    if (index < size - 1) {
      const restored = CompactRange.fromHashes(
        size - 1,
        CompactRange.nodesFor(size - 1).map((n) => tree.node(n.level, n.index)),
      );
      restored.append(tree.plainLeafHash);
      f.check(hex(restored.rootHash()) === hex(root), `compact range append at ${size - 1}`);
    }
  }
  t.same(f.list, [], 'no mismatch');
  t.end();
});
