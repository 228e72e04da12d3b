/**
 * Naive reference Merkle tree, written straight from the recursive
 * definitions of RFC 9162: MTH (§2.1.1), PATH (§2.1.3.1) and PROOF/SUBPROOF
 * (§2.1.4.1). It hashes with its own createHash calls and uses BigInt for
 * sizes, so it shares no code or arithmetic with ledger/merkle. Subtree
 * hashes are memoised by range to keep whole-range sweeps fast; the
 * recursion is otherwise the RFC's.
 */
import { createHash } from 'node:crypto';

export function refHashLeaf(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(Uint8Array.of(0)).update(data).digest());
}

export function refHashChildren(l: Uint8Array, r: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(Uint8Array.of(1)).update(l).update(r).digest());
}

export const REF_EMPTY_ROOT = new Uint8Array(createHash('sha256').digest());

/** Largest power of two strictly smaller than n (n > 1). */
export function splitPoint(n: bigint): bigint {
  let k = 1n;
  while (k * 2n < n) k *= 2n;
  return k;
}

/** Hashes of ranges of a tree, as the RFC defines them; subclasses say how leaves hash. */
abstract class RangeHasher {
  readonly #memo = new Map<string, Uint8Array>();

  protected abstract leafHash(index: bigint): Uint8Array;

  /** MTH(D[begin:end]) (RFC 9162 §2.1.1). */
  mth(begin: bigint, end: bigint): Uint8Array {
    const n = end - begin;
    if (n === 0n) return REF_EMPTY_ROOT;
    if (n === 1n) return this.leafHash(begin);
    const key = this.memoKey(begin, end);
    const hit = this.#memo.get(key);
    if (hit !== undefined) return hit;
    const k = splitPoint(n);
    const h = refHashChildren(this.mth(begin, begin + k), this.mth(begin + k, end));
    this.#memo.set(key, h);
    return h;
  }

  protected memoKey(begin: bigint, end: bigint): string {
    return `${begin}:${end}`;
  }

  /** PATH(m, D[begin:end]) (RFC 9162 §2.1.3.1). */
  path(m: bigint, begin: bigint, end: bigint): Uint8Array[] {
    const n = end - begin;
    if (n === 1n) return [];
    const k = splitPoint(n);
    return m < k
      ? [...this.path(m, begin, begin + k), this.mth(begin + k, end)]
      : [...this.path(m - k, begin + k, end), this.mth(begin, begin + k)];
  }

  /** SUBPROOF(m, D[begin:end], b) (RFC 9162 §2.1.4.1). */
  subproof(m: bigint, begin: bigint, end: bigint, b: boolean): Uint8Array[] {
    const n = end - begin;
    if (m === n) return b ? [] : [this.mth(begin, end)];
    const k = splitPoint(n);
    return m <= k
      ? [...this.subproof(m, begin, begin + k, b), this.mth(begin + k, end)]
      : [...this.subproof(m - k, begin + k, end, false), this.mth(begin, begin + k)];
  }

  /** Hash of node (level, index): the perfect subtree of 2^level leaves at index * 2^level. */
  node(level: number, index: number): Uint8Array {
    const width = 1n << BigInt(level);
    return this.mth(BigInt(index) * width, (BigInt(index) + 1n) * width);
  }
}

/** A tree over explicit leaf data. */
export class ReferenceTree extends RangeHasher {
  readonly #leafHashes: Uint8Array[];

  constructor(leaves: readonly Uint8Array[]) {
    super();
    this.#leafHashes = leaves.map(refHashLeaf);
  }

  protected leafHash(index: bigint): Uint8Array {
    return this.#leafHashes[Number(index)] as Uint8Array;
  }

  get size(): number {
    return this.#leafHashes.length;
  }

  leafHashAt(index: number): Uint8Array {
    return this.#leafHashes[index] as Uint8Array;
  }

  root(size: number): Uint8Array {
    return this.mth(0n, BigInt(size));
  }

  inclusionPath(index: number, size: number): Uint8Array[] {
    return this.path(BigInt(index), 0n, BigInt(size));
  }

  /** PROOF(m, D[n]) = SUBPROOF(m, D[n], true); empty for 0 < m = n. */
  consistency(size1: number, size2: number): Uint8Array[] {
    return this.subproof(BigInt(size1), 0n, BigInt(size2), true);
  }
}

/**
 * A tree of any size up to 2^53 - 1 in which every leaf is the same except
 * one ("special") leaf. Any subtree not holding the special leaf hashes as a
 * function of its length only, so roots and proofs of huge trees take
 * O(log^2 n) hashes. This exercises index and size arithmetic far beyond
 * 2^32 against the RFC's own recursion.
 */
export class SparseReferenceTree extends RangeHasher {
  readonly #special: bigint;
  readonly #plain = refHashLeaf(new TextEncoder().encode('plain'));
  readonly #odd = refHashLeaf(new TextEncoder().encode('special'));

  constructor(special: number) {
    super();
    this.#special = BigInt(special);
  }

  protected leafHash(index: bigint): Uint8Array {
    return index === this.#special ? this.#odd : this.#plain;
  }

  /** the plain leaf's hash */
  get plainLeafHash(): Uint8Array {
    return this.#plain;
  }

  /** the special leaf's hash */
  get specialLeafHash(): Uint8Array {
    return this.#odd;
  }

  // ranges without the special leaf share one memo entry per length
  protected override memoKey(begin: bigint, end: bigint): string {
    return begin <= this.#special && this.#special < end ? `${begin}:${end}` : `len:${end - begin}`;
  }

  root(size: number): Uint8Array {
    return this.mth(0n, BigInt(size));
  }

  inclusionPath(index: number, size: number): Uint8Array[] {
    return this.path(BigInt(index), 0n, BigInt(size));
  }

  consistency(size1: number, size2: number): Uint8Array[] {
    return this.subproof(BigInt(size1), 0n, BigInt(size2), true);
  }
}

/** Deterministic PRNG (mulberry32) for reproducible random sizes. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Leaf data for leaf i of test trees. */
export function leafData(i: number): Uint8Array {
  return new TextEncoder().encode(`leaf ${i}`);
}
