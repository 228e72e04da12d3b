/**
 * Inclusion and consistency proofs for many leaves of one tree, fast: tiles
 * are fetched once into a bounded cache, and the hashes of interior nodes
 * computed from them are cached too, so proofs of neighbouring leaves (which
 * share most of their path) cost a few hashes each instead of hundreds. The
 * proofs are the same RFC 9162 audit paths `tileInclusionProof` gives.
 */
import { LedgerError } from '../errors.js';
import { assemblePlan, consistencyProofPlan, inclusionProofPlan } from '../merkle/proof.js';
import type { NodeId, ProofPlan } from '../merkle/proof.js';
import { hashFromTile, locateNode, tilePath, tileWidth } from '../merkle/tiles.js';
import type { TileFetcher } from '../merkle/tiles.js';

/** Tiles kept in memory (8 KiB each when full). */
export const DEFAULT_PROOF_TILES = 1024;
/** Interior node hashes kept in memory (32 bytes each plus the key). */
const NODE_CACHE = 65_536;

/** Thrown (and caught) when a node's tile is not cached yet. */
const TILE_MISSING = Symbol('tile missing');

interface TileRef {
  readonly key: string;
  readonly level: number;
  readonly index: number;
  readonly width: number;
}

/** Proofs in a tree of one size; see the module comment. */
export class ProofMaker {
  readonly size: number;
  readonly #fetch: TileFetcher;
  readonly #tiles = new Map<string, Uint8Array>();
  readonly #nodes = new Map<string, Uint8Array>();
  readonly #tileCapacity: number;

  constructor(size: number, fetch: TileFetcher, tileCapacity = DEFAULT_PROOF_TILES) {
    this.size = size;
    this.#fetch = fetch;
    this.#tileCapacity = tileCapacity;
  }

  #tileKey(id: NodeId): TileRef {
    const at = locateNode(id.level, id.index);
    const width = tileWidth(at.level, at.index, this.size);
    if (width < at.offset + at.count) {
      throw new LedgerError(
        'LDG_ERR_PROOF_MALFORMED',
        `node at level ${id.level} index ${id.index} is not in the tree of size ${this.size}`,
      );
    }
    return { key: `${at.level}/${at.index}`, level: at.level, index: at.index, width };
  }

  /** The tiles a plan needs that are not cached yet. */
  #missing(plan: ProofPlan): TileRef[] {
    const out: TileRef[] = [];
    for (const group of plan) {
      for (const id of group) {
        if (this.#nodes.has(`${id.level}/${id.index}`)) continue;
        const t = this.#tileKey(id);
        if (!this.#tiles.has(t.key) && !out.some((o) => o.key === t.key)) out.push(t);
      }
    }
    return out;
  }

  async #load(plan: ProofPlan): Promise<void> {
    for (const t of this.#missing(plan)) {
      const data = await this.#fetch({ level: t.level, index: t.index, width: t.width });
      if (data.length !== t.width * 32) {
        throw new LedgerError('LDG_ERR_DECODE', `tile ${tilePath(t)} has ${data.length} bytes`);
      }
      this.#tiles.set(t.key, data);
      if (this.#tiles.size > this.#tileCapacity) {
        this.#tiles.delete(this.#tiles.keys().next().value as string);
      }
    }
  }

  #node = (level: number, index: number): Uint8Array => {
    const key = `${level}/${index}`;
    const hit = this.#nodes.get(key);
    if (hit !== undefined) return hit;
    const at = locateNode(level, index);
    const tile = this.#tiles.get(`${at.level}/${at.index}`);
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- a sentinel caught in #assemble
    if (tile === undefined) throw TILE_MISSING;
    const hash = hashFromTile(tile, at.offset, at.count);
    if (at.count > 1) {
      if (this.#nodes.size >= NODE_CACHE) this.#nodes.clear();
      this.#nodes.set(key, hash);
    }
    return hash;
  };

  #assemble(plan: ProofPlan): Uint8Array[] | Promise<Uint8Array[]> {
    // the common case: every tile is cached, no await
    try {
      return assemblePlan(plan, this.#node);
    } catch (error) {
      if (error !== TILE_MISSING) throw error;
    }
    return this.#load(plan).then(() => assemblePlan(plan, this.#node));
  }

  /**
   * The inclusion proof of leaf `index` (RFC 9162 §2.1.3.1); synchronous
   * when the tiles it needs are cached. Requires 0 <= index < size.
   */
  inclusion(index: number): Uint8Array[] | Promise<Uint8Array[]> {
    return this.#assemble(inclusionProofPlan(index, this.size));
  }

  /** The consistency proof from `from` to this tree's size (RFC 9162 §2.1.4.1). Requires 0 < from <= size. */
  consistency(from: number): Promise<Uint8Array[]> {
    return Promise.resolve(this.#assemble(consistencyProofPlan(from, this.size)));
  }
}
