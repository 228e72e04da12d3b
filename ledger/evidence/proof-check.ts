/**
 * Checks the inclusion proofs of many leaves against ONE tree (size, root),
 * sharing the hashing between neighbouring leaves. Every proof is still
 * checked in full: its path must lead to the signed root.
 *
 * How the sharing works (RFC 9162 §2.1.3.2): folding the proof of leaf j
 * computes, after s steps, the hash of j's ancestor at level s while s is
 * below the "inner" height. When a leaf i was checked before (found among
 * the recent checked paths by block of leaves, NeighbourPaths) and i, j have
 * the same ancestor at level L (L = bit length of i XOR j) with L below i's
 * inner height, then j has i's inner height and proof length, and from step
 * L on the fold of j's proof is the very computation i's was — same
 * accumulator, same proof hashes, same sides — so it reaches the root
 * exactly when those inputs are equal. So for j only the first L steps are
 * hashed; the accumulator at level L is compared with i's, and the remaining
 * proof hashes with i's (as their base64 text, before decoding). Any other
 * case — the first proof, leaves far apart, a difference anywhere — is
 * checked on its own by `verifyInclusion`, which also gives the errors.
 */
import { equalBytes, hashChildren } from '../merkle/hasher.js';
import { bitLength, onesCount, shiftRight, verifyInclusion, xorSafe } from '../merkle/proof.js';

/** The text of one proof hash: 32 bytes as standard base64 (44 characters). */
const HASH_TEXT_LENGTH = 44;

/** Decodes one base64 proof hash; undefined unless it is 44 characters giving 32 bytes. */
export function decodeHashText(v: unknown): Uint8Array | undefined {
  if (typeof v !== 'string' || v.length !== HASH_TEXT_LENGTH) return undefined;
  // any text decoding to other than 32 bytes is refused; the bytes are then
  // checked by the proof itself, and the text by the manifest's hash
  const h = Buffer.from(v, 'base64');
  if (h.length !== 32) return undefined;
  return new Uint8Array(h.buffer, h.byteOffset, 32);
}

/** Decodes a list of base64 proof hashes; undefined if it is not one, or any is malformed. */
export function decodeHashTexts(value: unknown): Uint8Array[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: Uint8Array[] = [];
  for (const v of value) {
    const h = decodeHashText(v);
    if (h === undefined) return undefined;
    out.push(h);
  }
  return out;
}

/** A checked (or made) audit path: enough to share its upper part with a neighbour. */
export interface PathRecord {
  readonly leaf: number;
  /** the inner height of the path (bit length of leaf XOR (size - 1)) */
  readonly inner: number;
}

/** Block sizes (as powers of two) under which paths are remembered. */
const BLOCK_LEVELS = [4, 8, 12, 16] as const;
/** Paths remembered in the smallest blocks before all are forgotten (bounds memory). */
const MAX_PATHS = 1024;

/**
 * Recent paths by block of leaves, so that a leaf finds a remembered one
 * sharing an ancestor low in the tree even when the leaves come out of
 * order (events in time order from several interleaved streams). Bounded:
 * everything is forgotten once MAX_PATHS blocks are held.
 */
export class NeighbourPaths<R extends PathRecord> {
  readonly #maps: Map<number, R>[] = BLOCK_LEVELS.map(() => new Map<number, R>());

  /**
   * A remembered path whose leaf shares with `leaf` an ancestor below its
   * inner height, and that ancestor's level; undefined if none.
   */
  find(leaf: number): { readonly record: R; readonly level: number } | undefined {
    for (let k = 0; k < BLOCK_LEVELS.length; k++) {
      const r = this.#maps[k]?.get(shiftRight(leaf, BLOCK_LEVELS[k] as number));
      if (r === undefined) continue;
      const level = bitLength(xorSafe(r.leaf, leaf));
      return level < r.inner ? { record: r, level } : undefined;
    }
    return undefined;
  }

  add(r: R): void {
    if ((this.#maps[0] as Map<number, R>).size >= MAX_PATHS) for (const m of this.#maps) m.clear();
    for (let k = 0; k < BLOCK_LEVELS.length; k++) {
      this.#maps[k]?.set(shiftRight(r.leaf, BLOCK_LEVELS[k] as number), r);
    }
  }

  clear(): void {
    for (const m of this.#maps) m.clear();
  }
}

interface CheckedPath extends PathRecord {
  readonly texts: readonly unknown[];
  /** accs[s]: the fold after s steps (accs[0] is the leaf hash) */
  readonly accs: readonly Uint8Array[];
}

/** Inclusion proofs against one tree; see the module comment. */
export class InclusionChecker {
  readonly size: number;
  readonly root: Uint8Array;
  readonly #paths = new NeighbourPaths<CheckedPath>();

  constructor(size: number, root: Uint8Array) {
    this.size = size;
    this.root = root;
  }

  /**
   * Checks that `texts` (the proof's hashes as base64 text, e.g. straight
   * from the JSON) is the audit path of leaf `index` with hash `leafHash` to
   * the root. Throws what `verifyInclusion` throws (LDG_ERR_PROOF_MALFORMED,
   * LDG_ERR_PROOF_INVALID); returns false when `texts` is not a list of
   * well-formed hashes (for the caller to report as malformed).
   */
  check(index: number, leafHash: Uint8Array, texts: unknown): boolean {
    if (!Array.isArray(texts)) return false;
    if (this.#shared(index, leafHash, texts)) return true;
    const hashes = decodeHashTexts(texts);
    if (hashes === undefined) return false;
    this.#full(index, leafHash, hashes, texts);
    return true;
  }

  /** True when the proof is proven by a neighbour's plus a few hashes. */
  #shared(j: number, leafHash: Uint8Array, texts: readonly unknown[]): boolean {
    if (!Number.isSafeInteger(j) || j < 0 || j >= this.size || leafHash.length !== 32) return false;
    const found = this.#paths.find(j);
    if (found === undefined) return false;
    const { record: r, level } = found;
    if (texts.length !== r.texts.length) return false;
    for (let s = level; s < texts.length; s++) {
      if (texts[s] !== r.texts[s]) return false;
    }
    const accs = r.accs.slice();
    accs[0] = leafHash;
    let acc = leafHash;
    for (let s = 0; s < level; s++) {
      const p = decodeHashText(texts[s]);
      if (p === undefined) return false;
      acc = shiftRight(j, s) % 2 === 0 ? hashChildren(acc, p) : hashChildren(p, acc);
      accs[s + 1] = acc;
    }
    if (!equalBytes(acc, r.accs[level] as Uint8Array)) return false;
    this.#paths.add({ leaf: j, inner: r.inner, texts, accs });
    return true;
  }

  /** Checks the proof on its own, remembering its fold for its neighbours. */
  #full(
    index: number,
    leafHash: Uint8Array,
    proof: readonly Uint8Array[],
    texts: readonly unknown[],
  ): void {
    const size = this.size;
    const sane =
      Number.isSafeInteger(index) &&
      index >= 0 &&
      index < size &&
      leafHash.length === 32 &&
      this.root.length === 32;
    const inner = sane ? bitLength(xorSafe(index, size - 1)) : 0;
    if (!sane || proof.length !== inner + onesCount(shiftRight(index, inner))) {
      // malformed: the errors are verifyInclusion's
      verifyInclusion(index, size, leafHash, proof, this.root);
      return;
    }
    const accs: Uint8Array[] = [leafHash];
    let acc = leafHash;
    for (let s = 0; s < proof.length; s++) {
      const p = proof[s] as Uint8Array;
      acc =
        s < inner && shiftRight(index, s) % 2 === 0 ? hashChildren(acc, p) : hashChildren(p, acc);
      accs.push(acc);
    }
    if (!equalBytes(acc, this.root)) {
      // throws LDG_ERR_PROOF_INVALID with its message
      verifyInclusion(index, size, leafHash, proof, this.root);
      return;
    }
    this.#paths.add({ leaf: index, inner, texts, accs });
  }
}
