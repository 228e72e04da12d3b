/**
 * Compact range [0, size) of a Merkle tree, after transparency-dev/merkle
 * `compact`: the hashes of the perfect subtrees that cover the leaves so far,
 * one per one-bit of `size` (RFC 9162 §2.1.1 tree shape). Appending a leaf
 * merges equal-sized neighbours like a binary counter's carry, so the range
 * holds at most 53 hashes and each append costs one leaf hash plus, on
 * average, one node hash. Every node that becomes complete is reported to a
 * visitor, which is how the tile writer learns the hashes it must store.
 *
 * This is the sequencer's incremental tree; proofs are built elsewhere from
 * the stored nodes (proof.ts, tiles.ts).
 */
import { LedgerError } from '../errors.js';
import { HASH_SIZE, emptyRoot, hashChildren, hashLeafInto, sha256Into } from './hasher.js';
import type { NodeId } from './proof.js';
import { assertHash, assertTreeNumber, onesCount, rangeNodes } from './proof.js';

/**
 * Receives each node that becomes complete: the leaf itself (level 0), then
 * every parent the append completes. `hash` is a view into the range's
 * scratch memory, valid only during the call: copy it to keep it, never
 * write to it. If the visitor throws, the leaf is not appended.
 */
export type NodeVisitor = (level: number, index: number, hash: Uint8Array) => void;

/** Array check that, unlike the Array.isArray type guard, does not widen to any[]. */
function isList(value: unknown): boolean {
  return Array.isArray(value);
}

/** Levels a safe-integer tree can have (2^53 leaves). */
const MAX_LEVELS = 54;

export class CompactRange {
  #size = 0;
  /** slot l holds the hash of the perfect subtree at level l iff bit l of size is set */
  readonly #slots = new Uint8Array(MAX_LEVELS * HASH_SIZE);
  readonly #slotViews: Uint8Array[] = Array.from({ length: MAX_LEVELS }, (_, l) =>
    this.#slots.subarray(l * HASH_SIZE, (l + 1) * HASH_SIZE),
  );
  /**
   * `0x01 || left || carry`: the input of the next node hash, assembled in
   * place. The carry, the node being carried up during an append, lives in
   * the right half, so each parent's hash is written where the next level
   * reads it.
   */
  readonly #scratch = Uint8Array.of(0x01, ...new Uint8Array(2 * HASH_SIZE));
  readonly #carry = this.#scratch.subarray(1 + HASH_SIZE);

  /** An empty range (tree size 0). */
  static empty(): CompactRange {
    return new CompactRange();
  }

  /**
   * Restores the range of a tree of `size` from its node hashes, in the order
   * of `CompactRange.nodesFor(size)` (largest subtree first), e.g. read back
   * from tiles after a restart. Requires one 32-byte hash per node
   * (LDG_ERR_PROOF_MALFORMED otherwise).
   */
  static fromHashes(size: number, hashes: readonly Uint8Array[]): CompactRange {
    assertTreeNumber(size, 'size');
    if (!isList(hashes) || hashes.length !== onesCount(size)) {
      throw new LedgerError(
        'LDG_ERR_PROOF_MALFORMED',
        `a compact range of size ${size} has ${onesCount(size)} hashes`,
      );
    }
    const range = new CompactRange();
    rangeNodes(0, size).forEach((node, i) => {
      const h = hashes[i];
      assertHash(h, `hashes[${i}]`);
      range.#slots.set(h, node.level * HASH_SIZE);
    });
    range.#size = size;
    return range;
  }

  /** The nodes whose hashes make up the compact range of a tree of `size`, largest first. */
  static nodesFor(size: number): NodeId[] {
    return rangeNodes(0, size);
  }

  /** Number of leaves appended so far (the tree size). */
  get size(): number {
    return this.#size;
  }

  /** Appends a leaf by its leaf hash (32 bytes, see `hashLeaf`). */
  append(leafHash: Uint8Array, visit?: NodeVisitor): void {
    assertHash(leafHash, 'leafHash');
    this.#checkRoom();
    this.#carry.set(leafHash);
    this.#merge(visit);
  }

  /**
   * Appends a leaf by its leaf hash at `offset` of `hashes` (32 bytes there),
   * e.g. one of many leaf hashes in one buffer, without making a view of it.
   */
  appendAt(hashes: Uint8Array, offset: number, visit?: NodeVisitor): void {
    if (
      !(hashes instanceof Uint8Array) ||
      !Number.isInteger(offset) ||
      offset < 0 ||
      offset + HASH_SIZE > hashes.length
    ) {
      throw new LedgerError(
        'LDG_ERR_PROOF_MALFORMED',
        `no 32-byte leaf hash at offset ${offset} of the given bytes`,
      );
    }
    this.#checkRoom();
    const carry = this.#carry;
    for (let i = 0; i < HASH_SIZE; i++) carry[i] = hashes[offset + i] as number;
    this.#merge(visit);
  }

  /** Appends a leaf by its data, hashing it with `hashLeaf` without allocating. */
  appendLeaf(data: Uint8Array, visit?: NodeVisitor): void {
    this.#checkRoom();
    hashLeafInto(data, this.#scratch, 1 + HASH_SIZE);
    this.#merge(visit);
  }

  #checkRoom(): void {
    if (this.#size === Number.MAX_SAFE_INTEGER) {
      throw new LedgerError('LDG_ERR_INTERNAL', 'tree size would exceed 2^53 - 1');
    }
  }

  #merge(visit: NodeVisitor | undefined): void {
    const carry = this.#carry;
    const scratch = this.#scratch;
    let index = this.#size;
    let level = 0;
    visit?.(0, index, carry);
    // each one-bit at the bottom of size is a left sibling waiting for this node
    for (let s = this.#size; s % 2 === 1; s = (s - 1) / 2) {
      scratch.set(this.#slotViews[level] as Uint8Array, 1);
      sha256Into(scratch, scratch, 1 + HASH_SIZE);
      level++;
      index = (index - 1) / 2;
      visit?.(level, index, carry);
    }
    this.#slots.set(carry, level * HASH_SIZE);
    this.#size++;
  }

  /** Root hash of the tree of the current size (RFC 9162 §2.1.1); the empty root for size 0. */
  rootHash(): Uint8Array {
    const nodes = rangeNodes(0, this.#size);
    const last = nodes.pop();
    if (last === undefined) return emptyRoot();
    let acc: Uint8Array = Uint8Array.from(this.#slotViews[last.level] as Uint8Array);
    for (let i = nodes.length - 1; i >= 0; i--) {
      acc = hashChildren(this.#slotViews[(nodes[i] as NodeId).level] as Uint8Array, acc);
    }
    return acc;
  }

  /** Copies of the range's hashes, in the order of `nodes()` (largest subtree first). */
  hashes(): Uint8Array[] {
    return rangeNodes(0, this.#size).map((n) =>
      Uint8Array.from(this.#slotViews[n.level] as Uint8Array),
    );
  }

  /** The nodes the range holds, largest subtree first. */
  nodes(): NodeId[] {
    return rangeNodes(0, this.#size);
  }

  /** An independent copy of this range. */
  clone(): CompactRange {
    const copy = new CompactRange();
    copy.#slots.set(this.#slots);
    copy.#size = this.#size;
    return copy;
  }
}
