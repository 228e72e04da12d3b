/**
 * Proof building and verification edges: typed errors for every malformed
 * input, the asynchronous reader path, and the safe-integer bit arithmetic
 * checked against BigInt.
 */
import t from 'tap';
import {
  assemblePlan,
  consistencyProof,
  consistencyProofFrom,
  consistencyProofPlan,
  inclusionProof,
  inclusionProofFrom,
  inclusionProofPlan,
  rangeNodes,
  rootFromConsistencyProof,
  rootFromInclusionProof,
  rootHash,
  rootHashFrom,
  verifyConsistency,
  verifyInclusion,
} from '../../ledger/merkle/index.js';
import type { HashReader, NodeId } from '../../ledger/merkle/index.js';
import {
  assertHash,
  assertTreeNumber,
  bitLength,
  onesCount,
  shiftRight,
  trailingZeros,
  xorSafe,
} from '../../ledger/merkle/proof.js';
import { ReferenceTree, leafData, seededRandom } from '../support/reference-tree.js';

const hex = (h: Uint8Array): string => Buffer.from(h).toString('hex');
const MALFORMED = { code: 'LDG_ERR_PROOF_MALFORMED' };
const INVALID = { code: 'LDG_ERR_PROOF_INVALID' };

const tree = new ReferenceTree(Array.from({ length: 64 }, (_, i) => leafData(i)));
const getNode = (level: number, index: number): Uint8Array => tree.node(level, index);
const reader: HashReader = {
  readNodes: (ids: readonly NodeId[]) =>
    Promise.resolve(ids.map((id) => tree.node(id.level, id.index))),
};
const h32 = new Uint8Array(32);

void t.test('bit arithmetic on safe integers matches BigInt', (t) => {
  const random = seededRandom(7);
  const values = [
    0,
    1,
    2,
    3,
    2 ** 31,
    2 ** 32 - 1,
    2 ** 32,
    2 ** 32 + 1,
    2 ** 52,
    Number.MAX_SAFE_INTEGER,
  ];
  for (let i = 0; i < 500; i++) values.push(Math.floor(random() * Number.MAX_SAFE_INTEGER));
  const bad: string[] = [];
  for (const x of values) {
    const bx = BigInt(x);
    const y = values[(values.indexOf(x) * 7 + 3) % values.length] as number;
    if (bitLength(x) !== bx.toString(2).replace(/^0$/, '').length) bad.push(`bitLength ${x}`);
    if (onesCount(x) !== [...bx.toString(2)].filter((c) => c === '1').length) bad.push(`ones ${x}`);
    if (BigInt(xorSafe(x, y)) !== (bx ^ BigInt(y))) bad.push(`xor ${x} ${y}`);
    for (const k of [0, 1, 5, 31, 32, 33, 52, 53, 60]) {
      if (BigInt(shiftRight(x, k)) !== bx >> BigInt(k)) bad.push(`shr ${x} ${k}`);
    }
    if (x > 0) {
      const tz = bx.toString(2).length - bx.toString(2).replace(/0+$/, '').length;
      if (trailingZeros(x) !== tz) bad.push(`tz ${x}`);
    }
  }
  t.same(bad, []);
  t.end();
});

void t.test('numbers are checked at the edge', (t) => {
  for (const bad of [-1, 1.5, NaN, Infinity, 2 ** 53, '3', 3n, null, undefined]) {
    t.throws(() => assertTreeNumber(bad, 'size'), MALFORMED, `rejects ${String(bad)}`);
    t.throws(() => inclusionProofPlan(0, bad as number), MALFORMED);
    t.throws(() => rootFromInclusionProof(bad as number, 5, h32, []), MALFORMED);
    t.throws(() => verifyConsistency(bad as number, 5, [], h32, h32), MALFORMED);
    t.throws(() => verifyConsistency(1, bad as number, [], h32, h32), MALFORMED);
  }
  t.throws(() => assertHash('x'.repeat(32), 'h'), MALFORMED, 'a string is no hash');
  t.throws(() => assertHash(new Uint8Array(31), 'h'), MALFORMED);
  assertHash(h32, 'h');
  t.end();
});

void t.test('rangeNodes covers any range with aligned perfect subtrees', (t) => {
  t.same(rangeNodes(0, 0), []);
  t.same(rangeNodes(0, 6), [
    { level: 2, index: 0 },
    { level: 1, index: 2 },
  ]);
  t.same(rangeNodes(3, 11), [
    { level: 0, index: 3 },
    { level: 2, index: 1 },
    { level: 1, index: 4 },
    { level: 0, index: 10 },
  ]);
  t.throws(() => rangeNodes(5, 4), MALFORMED);
  t.end();
});

void t.test('plans reject impossible trees', (t) => {
  t.throws(() => inclusionProofPlan(5, 5), MALFORMED, 'index = size');
  t.throws(() => inclusionProofPlan(0, 0), MALFORMED, 'empty tree');
  t.throws(() => consistencyProofPlan(6, 5), MALFORMED, 'size1 > size2');
  t.throws(() => consistencyProofPlan(0, 5), MALFORMED, 'from the empty tree');
  t.same(consistencyProofPlan(5, 5), [], 'equal sizes need no proof');
  t.same(consistencyProof(5, 5, getNode), []);
  // the ephemeral right-border node of a 7-leaf tree is folded from two stored nodes
  t.same(inclusionProofPlan(0, 7)[2], [
    { level: 1, index: 2 },
    { level: 0, index: 6 },
  ]);
  t.end();
});

void t.test('node sources must give 32-byte hashes', async (t) => {
  const internal = { code: 'LDG_ERR_INTERNAL' };
  t.throws(() => inclusionProof(0, 8, () => new Uint8Array(31)), internal);
  t.throws(
    () => assemblePlan([[{ level: 0, index: 0 }]], () => 'nope' as unknown as Uint8Array),
    internal,
  );
  const short: HashReader = { readNodes: () => Promise.resolve([]) };
  await t.rejects(inclusionProofFrom(short, 0, 8), internal);
  const bad: HashReader = {
    readNodes: (ids) => Promise.resolve(ids.map(() => new Uint8Array(1))),
  };
  await t.rejects(consistencyProofFrom(bad, 3, 8), internal);
});

void t.test('asynchronous readers give the same proofs', async (t) => {
  for (const [index, size] of [
    [0, 1],
    [5, 7],
    [13, 64],
    [62, 63],
  ] as const) {
    t.same(
      (await inclusionProofFrom(reader, index, size)).map(hex),
      inclusionProof(index, size, getNode).map(hex),
    );
  }
  t.same(
    (await consistencyProofFrom(reader, 6, 37)).map(hex),
    consistencyProof(6, 37, getNode).map(hex),
  );
  t.equal(hex(await rootHashFrom(reader, 37)), hex(tree.root(37)));
  t.equal(hex(await rootHashFrom(reader, 0)), hex(tree.root(0)), 'empty tree');
  t.equal(hex(rootHash(0, getNode)), hex(tree.root(0)));
});

void t.test('inclusion verification errors', (t) => {
  const size = 7;
  const index = 5;
  const leaf = tree.leafHashAt(index);
  const proof = tree.inclusionPath(index, size);
  const root = tree.root(size);
  verifyInclusion(index, size, leaf, proof, root);
  t.throws(() => verifyInclusion(index, size, leaf, proof, tree.root(6)), INVALID, 'other root');
  t.throws(
    () => verifyInclusion(index, size, leaf, proof, root.subarray(1)),
    MALFORMED,
    'short root',
  );
  t.throws(
    () => verifyInclusion(index, size, leaf.subarray(1), proof, root),
    MALFORMED,
    'short leaf',
  );
  t.throws(
    () => verifyInclusion(index, size, leaf, proof.slice(1), root),
    MALFORMED,
    'short proof',
  );
  t.throws(
    () => verifyInclusion(index, size, leaf, [...proof, root], root),
    MALFORMED,
    'long proof',
  );
  t.throws(
    () => verifyInclusion(index, size, leaf, [proof[0] as Uint8Array, new Uint8Array(3)], root),
    MALFORMED,
    'short proof hash',
  );
  t.throws(
    () => verifyInclusion(index, size, leaf, 'proof' as unknown as Uint8Array[], root),
    MALFORMED,
    'proof is no array',
  );
  const single = rootFromInclusionProof(0, 1, leaf, []);
  t.equal(hex(single), hex(leaf), 'a one-leaf tree');
  t.not(single, leaf, 'returns a copy, not the input');
  t.end();
});

void t.test('consistency verification errors', (t) => {
  const root1 = tree.root(6);
  const root2 = tree.root(13);
  const proof = tree.consistency(6, 13);
  verifyConsistency(6, 13, proof, root1, root2);
  t.throws(() => verifyConsistency(6, 13, proof, root1, tree.root(12)), INVALID, 'other root2');
  t.throws(() => verifyConsistency(6, 13, proof, tree.root(5), root2), INVALID, 'other root1');
  t.throws(
    () => verifyConsistency(6, 13, proof, root1, root2.subarray(2)),
    MALFORMED,
    'short root2',
  );
  t.throws(
    () => verifyConsistency(6, 13, proof, root1.subarray(2), root2),
    MALFORMED,
    'short root1',
  );
  t.throws(() => verifyConsistency(6, 13, proof.slice(1), root1, root2), MALFORMED, 'short proof');
  t.throws(() => verifyConsistency(6, 13, [], root1, root2), MALFORMED, 'empty proof');
  t.throws(() => verifyConsistency(13, 6, proof, root1, root2), MALFORMED, 'size2 < size1');
  t.throws(() => verifyConsistency(0, 6, [], root1, root2), MALFORMED, 'from the empty tree');
  t.throws(() => verifyConsistency(6, 6, proof, root1, root1), MALFORMED, 'equal sizes, proof');
  t.throws(() => verifyConsistency(6, 6, [], root1, root2), INVALID, 'equal sizes, other root');
  t.throws(
    () => verifyConsistency(6, 13, null as unknown as Uint8Array[], root1, root2),
    MALFORMED,
    'proof is no array',
  );
  t.throws(
    () => verifyConsistency(6, 13, proof, 'r' as unknown as Uint8Array, root2),
    MALFORMED,
    'root1 is no bytes',
  );
  t.throws(
    () => verifyConsistency(6, 6, [], root1, undefined as unknown as Uint8Array),
    MALFORMED,
    'root2 is no bytes',
  );
  verifyConsistency(6, 6, [], root1, Uint8Array.from(root1));
  const same = rootFromConsistencyProof(8, 8, [], root1);
  t.equal(hex(same), hex(root1));
  t.not(same, root1, 'returns a copy');
  // a power-of-two size1 is its own seed: the proof has no leading hash
  verifyConsistency(8, 13, tree.consistency(8, 13), tree.root(8), root2);
  t.end();
});
