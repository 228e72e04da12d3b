/**
 * Merkle inclusion and consistency proofs, RFC 9162 §2.1.3 and §2.1.4, with
 * the semantics and order of checks of transparency-dev/merkle `proof`.
 *
 * Indexes and sizes are JavaScript numbers, checked at the edge to be safe
 * integers (0 .. 2^53-1). The bit arithmetic below therefore never uses the
 * 32-bit operators on whole values: it splits them into high and low words, or
 * divides by powers of two, both exact for safe integers.
 *
 * Errors: malformed input (not a safe integer, index >= size, a hash that is
 * not 32 bytes, a proof of the wrong length) throws LedgerError
 * `LDG_ERR_PROOF_MALFORMED`; a well-formed proof that does not lead to the
 * expected root throws `LDG_ERR_PROOF_INVALID`.
 */
import { LedgerError } from '../errors.js';
import { EMPTY_ROOT, HASH_SIZE, equalBytes, hashChildren } from './hasher.js';

/** A node of the tree: the root of the perfect subtree of 2^level leaves starting at leaf index * 2^level. */
export interface NodeId {
  readonly level: number;
  readonly index: number;
}

/**
 * Synchronous source of stored node hashes. Called only for nodes of perfect
 * (complete) subtrees that lie inside the tree the proof is built for.
 */
export type NodeHashGetter = (level: number, index: number) => Uint8Array;

/**
 * Asynchronous source of stored node hashes, e.g. a tile store
 * (`createTileHashReader` in tiles.ts). Must return one 32-byte hash per id, in order.
 */
export interface HashReader {
  readNodes(ids: readonly NodeId[]): Promise<readonly Uint8Array[]>;
}

/**
 * How to assemble a proof: one entry per proof hash, each a non-empty list of
 * perfect-subtree nodes, left to right. A single node is used as is; several
 * are folded right to left with `hashChildren` (the "ephemeral" node on the
 * right border of a tree whose size is not a power of two).
 */
export type ProofPlan = readonly (readonly NodeId[])[];

// ---------------------------------------------------------------------------
// exact bit arithmetic on safe integers

const TWO_32 = 0x1_0000_0000;

function highWord(x: number): number {
  return Math.floor(x / TWO_32);
}

function lowWord(x: number): number {
  return x >>> 0;
}

/** Number of bits needed to represent x (0 for 0). */
export function bitLength(x: number): number {
  const hi = highWord(x);
  return hi !== 0 ? 64 - Math.clz32(hi) : 32 - Math.clz32(lowWord(x));
}

/** x >> k for a safe integer x. */
export function shiftRight(x: number, k: number): number {
  return Math.floor(x / 2 ** k);
}

/** x ^ y for safe integers. */
export function xorSafe(x: number, y: number): number {
  return ((highWord(x) ^ highWord(y)) >>> 0) * TWO_32 + ((lowWord(x) ^ lowWord(y)) >>> 0);
}

function popCount32(v: number): number {
  let n = 0;
  for (let w = v >>> 0; w !== 0; w = (w & (w - 1)) >>> 0) n++;
  return n;
}

/** Number of one bits in x. */
export function onesCount(x: number): number {
  return popCount32(highWord(x)) + popCount32(lowWord(x));
}

function trailingZeros32(v: number): number {
  return 31 - Math.clz32(v & -v);
}

/** Number of trailing zero bits of x; requires x > 0. */
export function trailingZeros(x: number): number {
  const lo = lowWord(x);
  return lo !== 0 ? trailingZeros32(lo) : 32 + trailingZeros32(highWord(x));
}

function isOdd(x: number): boolean {
  return x % 2 === 1;
}

// ---------------------------------------------------------------------------
// input checks

function malformed(message: string): LedgerError<'LDG_ERR_PROOF_MALFORMED'> {
  return new LedgerError('LDG_ERR_PROOF_MALFORMED', message);
}

/** Requires a safe non-negative integer (LDG_ERR_PROOF_MALFORMED otherwise). */
export function assertTreeNumber(value: unknown, field: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw malformed(`${field} must be a safe non-negative integer, got ${String(value)}`);
  }
}

/** Requires a 32-byte Uint8Array (LDG_ERR_PROOF_MALFORMED otherwise). */
export function assertHash(value: unknown, field: string): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array) || value.length !== HASH_SIZE) {
    const got = value instanceof Uint8Array ? `${value.length} bytes` : typeof value;
    throw malformed(`${field} must be a ${HASH_SIZE}-byte hash, got ${got}`);
  }
}

function assertBytes(value: unknown, field: string): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) throw malformed(`${field} must be a Uint8Array`);
}

function assertProofHashes(proof: unknown): asserts proof is readonly Uint8Array[] {
  if (!Array.isArray(proof)) throw malformed('proof must be an array of hashes');
  proof.forEach((h, i) => assertHash(h, `proof[${i}]`));
}

// ---------------------------------------------------------------------------
// tree shape

/**
 * The perfect subtrees that exactly cover leaves [begin, end), left to right,
 * each as large as alignment allows. For begin = 0 these are the nodes of the
 * compact range of a tree of size `end`, one per one-bit of `end`, and folding
 * them right to left gives the tree root (RFC 9162 §2.1.1). Requires
 * 0 <= begin <= end (safe integers).
 */
export function rangeNodes(begin: number, end: number): NodeId[] {
  assertTreeNumber(begin, 'begin');
  assertTreeNumber(end, 'end');
  if (begin > end) throw malformed(`begin ${begin} > end ${end}`);
  const nodes: NodeId[] = [];
  let at = begin;
  while (at < end) {
    const fit = bitLength(end - at) - 1;
    const level = at === 0 ? fit : Math.min(trailingZeros(at), fit);
    nodes.push({ level, index: shiftRight(at, level) });
    at += 2 ** level;
  }
  return nodes;
}

/**
 * Appends to `plan` the audit path of leaf `index` in a tree of `size`
 * (RFC 9162 §2.1.3.1), skipping levels below `fromLevel`. The path has an
 * inner part, below the level where the paths to `index` and `size - 1`
 * meet, and a border part above it that holds only left siblings.
 */
function appendPath(plan: NodeId[][], index: number, size: number, fromLevel: number): void {
  const inner = bitLength(xorSafe(index, size - 1));
  for (let level = fromLevel; level < inner; level++) {
    const node = shiftRight(index, level);
    const sibling = isOdd(node) ? node - 1 : node + 1;
    const start = sibling * 2 ** level;
    // only the top inner sibling can reach past the tree's end; it is then
    // the hash of the partial subtree [start, size)
    plan.push(start + 2 ** level <= size ? [{ level, index: sibling }] : rangeNodes(start, size));
  }
  let node = shiftRight(index, inner);
  for (let level = inner; node > 0; level++) {
    if (isOdd(node)) plan.push([{ level, index: node - 1 }]);
    node = Math.floor(node / 2);
  }
}

/**
 * The nodes an inclusion proof for leaf `index` in a tree of `size` is built
 * from (RFC 9162 §2.1.3.1). Requires 0 <= index < size.
 */
export function inclusionProofPlan(index: number, size: number): ProofPlan {
  assertTreeNumber(index, 'index');
  assertTreeNumber(size, 'size');
  if (index >= size) throw malformed(`index ${index} is beyond size ${size}`);
  const plan: NodeId[][] = [];
  appendPath(plan, index, size, 0);
  return plan;
}

/**
 * The nodes a consistency proof from `size1` to `size2` is built from
 * (RFC 9162 §2.1.4.1). Requires 0 < size1 <= size2; equal sizes give an empty
 * plan. A proof from the empty tree is meaningless and rejected.
 */
export function consistencyProofPlan(size1: number, size2: number): ProofPlan {
  assertTreeNumber(size1, 'size1');
  assertTreeNumber(size2, 'size2');
  if (size1 > size2) throw malformed(`size1 ${size1} > size2 ${size2}`);
  if (size1 === 0) throw malformed('consistency proof from the empty tree is meaningless');
  const plan: NodeId[][] = [];
  if (size1 === size2) return plan;
  // the largest perfect subtree ending at size1 is shared by both trees; unless
  // it is the whole of tree 1, its hash leads the proof
  const shift = trailingZeros(size1);
  const last = size1 - 1;
  if (size1 !== 2 ** shift) plan.push([{ level: shift, index: shiftRight(last, shift) }]);
  appendPath(plan, last, size2, shift);
  return plan;
}

/** The perfect subtrees whose hashes, folded, give the root of a tree of `size`. */
export function rootHashPlan(size: number): ProofPlan {
  const nodes = rangeNodes(0, size);
  return nodes.length === 0 ? [] : [nodes];
}

function storedHash(hash: unknown, id: NodeId): Uint8Array {
  if (!(hash instanceof Uint8Array) || hash.length !== HASH_SIZE) {
    throw new LedgerError(
      'LDG_ERR_INTERNAL',
      `node hash source returned a malformed hash for level ${id.level} index ${id.index}`,
    );
  }
  return hash;
}

function fold(hashes: readonly Uint8Array[]): Uint8Array {
  let acc = hashes[hashes.length - 1] as Uint8Array;
  for (let i = hashes.length - 2; i >= 0; i--) acc = hashChildren(hashes[i] as Uint8Array, acc);
  return acc;
}

/** Builds the hashes of a plan from a synchronous node source. */
export function assemblePlan(plan: ProofPlan, getNode: NodeHashGetter): Uint8Array[] {
  return plan.map((group) => fold(group.map((id) => storedHash(getNode(id.level, id.index), id))));
}

/** Builds the hashes of a plan from an asynchronous reader, in one `readNodes` call. */
export async function assemblePlanFrom(plan: ProofPlan, reader: HashReader): Promise<Uint8Array[]> {
  const ids = plan.flat();
  const hashes = await reader.readNodes(ids);
  if (hashes.length !== ids.length) {
    throw new LedgerError(
      'LDG_ERR_INTERNAL',
      `hash reader returned ${hashes.length} hashes for ${ids.length} nodes`,
    );
  }
  let at = 0;
  return plan.map((group) =>
    fold(
      group.map((id) => {
        const h = storedHash(hashes[at], id);
        at++;
        return h;
      }),
    ),
  );
}

/**
 * Inclusion proof for leaf `index` in the tree of `size` (RFC 9162 §2.1.3.1),
 * from stored perfect-subtree hashes. Requires 0 <= index < size.
 */
export function inclusionProof(index: number, size: number, getNode: NodeHashGetter): Uint8Array[] {
  return assemblePlan(inclusionProofPlan(index, size), getNode);
}

/**
 * Consistency proof between the trees of `size1` and `size2`
 * (RFC 9162 §2.1.4.1), from stored perfect-subtree hashes. Requires
 * 0 < size1 <= size2.
 */
export function consistencyProof(
  size1: number,
  size2: number,
  getNode: NodeHashGetter,
): Uint8Array[] {
  return assemblePlan(consistencyProofPlan(size1, size2), getNode);
}

/** Root hash of the tree of `size` from stored perfect-subtree hashes (RFC 9162 §2.1.1). */
export function rootHash(size: number, getNode: NodeHashGetter): Uint8Array {
  const [root] = assemblePlan(rootHashPlan(size), getNode);
  return root ?? Uint8Array.from(EMPTY_ROOT);
}

/** `inclusionProof` from an asynchronous `HashReader`. Requires 0 <= index < size. */
export function inclusionProofFrom(
  reader: HashReader,
  index: number,
  size: number,
): Promise<Uint8Array[]> {
  return assemblePlanFrom(inclusionProofPlan(index, size), reader);
}

/** `consistencyProof` from an asynchronous `HashReader`. Requires 0 < size1 <= size2. */
export function consistencyProofFrom(
  reader: HashReader,
  size1: number,
  size2: number,
): Promise<Uint8Array[]> {
  return assemblePlanFrom(consistencyProofPlan(size1, size2), reader);
}

/** `rootHash` from an asynchronous `HashReader`. */
export async function rootHashFrom(reader: HashReader, size: number): Promise<Uint8Array> {
  const [root] = await assemblePlanFrom(rootHashPlan(size), reader);
  return root ?? Uint8Array.from(EMPTY_ROOT);
}

// ---------------------------------------------------------------------------
// verification (RFC 9162 §2.1.3.2 and §2.1.4.2)

/**
 * The root hash that an inclusion proof leads to, for the leaf hash at
 * `index` in a tree of `size` (RFC 9162 §2.1.3.2). Requires 0 <= index < size,
 * a 32-byte leaf hash and 32-byte proof hashes, and exactly as many proof
 * hashes as the tree shape implies; throws LDG_ERR_PROOF_MALFORMED otherwise.
 */
export function rootFromInclusionProof(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Uint8Array {
  assertTreeNumber(index, 'index');
  assertTreeNumber(size, 'size');
  if (index >= size) throw malformed(`index ${index} is beyond size ${size}`);
  assertHash(leafHash, 'leafHash');
  assertProofHashes(proof);
  const inner = bitLength(xorSafe(index, size - 1));
  const border = onesCount(shiftRight(index, inner));
  if (proof.length !== inner + border) {
    throw malformed(`wrong proof size ${proof.length}, want ${inner + border}`);
  }
  let acc: Uint8Array = Uint8Array.from(leafHash);
  for (let i = 0; i < proof.length; i++) {
    const p = proof[i] as Uint8Array;
    acc = i < inner && !isOdd(shiftRight(index, i)) ? hashChildren(acc, p) : hashChildren(p, acc);
  }
  return acc;
}

/**
 * Verifies that `leafHash` is at `index` in the tree of `size` with `root`
 * (RFC 9162 §2.1.3.2). Requires 0 <= index < size and 32-byte hashes
 * (LDG_ERR_PROOF_MALFORMED); throws LDG_ERR_PROOF_INVALID if the proof leads
 * to another root.
 */
export function verifyInclusion(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): void {
  const computed = rootFromInclusionProof(index, size, leafHash, proof);
  assertHash(root, 'root');
  if (!equalBytes(computed, root)) {
    throw new LedgerError(
      'LDG_ERR_PROOF_INVALID',
      `inclusion proof for index ${index} does not lead to the root of size ${size}`,
    );
  }
}

/**
 * The root of the tree of `size2` that a consistency proof leads to, given the
 * root of the tree of `size1` (RFC 9162 §2.1.4.2, transparency-dev order of
 * checks): size2 < size1 and size1 = 0 are malformed; equal sizes need an
 * empty proof and give root1 back; otherwise the proof must be non-empty, of
 * the length the sizes imply, and every hash 32 bytes. Throws
 * LDG_ERR_PROOF_INVALID if the proof does not reproduce root1.
 */
export function rootFromConsistencyProof(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
): Uint8Array {
  assertTreeNumber(size1, 'size1');
  assertTreeNumber(size2, 'size2');
  if (size2 < size1) throw malformed(`size2 ${size2} < size1 ${size1}`);
  if (size1 === 0) throw malformed('consistency proof from the empty tree is meaningless');
  if (!Array.isArray(proof)) throw malformed('proof must be an array of hashes');
  assertBytes(root1, 'root1');
  if (size1 === size2) {
    if (proof.length > 0) throw malformed('size1 = size2, but the proof is not empty');
    return Uint8Array.from(root1);
  }
  if (proof.length === 0) throw malformed('empty consistency proof');
  assertHash(root1, 'root1');
  assertProofHashes(proof);

  const last = size1 - 1;
  const shift = trailingZeros(size1);
  const inner = bitLength(xorSafe(last, size2 - 1)) - shift;
  const border = onesCount(shiftRight(last, inner + shift));
  // the hash of the perfect subtree ending at size1 leads the proof, unless it is root1
  const seedIsRoot1 = size1 === 2 ** shift;
  const start = seedIsRoot1 ? 0 : 1;
  if (proof.length !== start + inner + border) {
    throw malformed(`wrong proof size ${proof.length}, want ${start + inner + border}`);
  }
  const seed = seedIsRoot1 ? root1 : (proof[0] as Uint8Array);
  const mask = shiftRight(last, shift);
  let hash1 = seed;
  let hash2 = seed;
  for (let i = 0; i < inner; i++) {
    const p = proof[start + i] as Uint8Array;
    if (isOdd(shiftRight(mask, i))) {
      hash1 = hashChildren(p, hash1);
      hash2 = hashChildren(p, hash2);
    } else {
      hash2 = hashChildren(hash2, p);
    }
  }
  for (let i = start + inner; i < proof.length; i++) {
    const p = proof[i] as Uint8Array;
    hash1 = hashChildren(p, hash1);
    hash2 = hashChildren(p, hash2);
  }
  if (!equalBytes(hash1, root1)) {
    throw new LedgerError(
      'LDG_ERR_PROOF_INVALID',
      `consistency proof does not reproduce the root of size ${size1}`,
    );
  }
  return Uint8Array.from(hash2);
}

/**
 * Verifies that the tree of `size2` with `root2` extends the tree of `size1`
 * with `root1` (RFC 9162 §2.1.4.2). Requires 0 < size1 <= size2; see
 * `rootFromConsistencyProof` for the checks. Throws LDG_ERR_PROOF_INVALID if
 * the proof does not lead to both roots.
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): void {
  const computed = rootFromConsistencyProof(size1, size2, proof, root1);
  assertBytes(root2, 'root2');
  if (size1 !== size2) assertHash(root2, 'root2');
  if (!equalBytes(computed, root2)) {
    throw new LedgerError(
      'LDG_ERR_PROOF_INVALID',
      `consistency proof from size ${size1} does not lead to the root of size ${size2}`,
    );
  }
}
