/**
 * Inclusion and consistency proofs for many leaves of one tree, fast: tiles
 * are fetched once into a bounded cache, and the hashes of interior nodes
 * computed from them are cached too. Neighbouring leaves share most of
 * their path: when a leaf has a remembered neighbour (NeighbourPaths,
 * proof-check.ts) with a common ancestor at level L below the inner height,
 * its proof is its own L lowest siblings followed by the neighbour's proof
 * from step L on (the same nodes), so a proof costs a few node look-ups,
 * and its base64 text is shared too. The proofs are the same RFC 9162 audit
 * paths `tileInclusionProof` gives.
 */
import { LedgerError } from '../errors.js';
import {
  assemblePlan,
  bitLength,
  consistencyProofPlan,
  inclusionProofPlan,
  shiftRight,
  xorSafe,
} from '../merkle/proof.js';
import type { NodeId, ProofPlan } from '../merkle/proof.js';
import { equalBytes } from '../merkle/hasher.js';
import { hashFromTile, locateNode, tilePath, tileWidth } from '../merkle/tiles.js';
import type { TileFetcher } from '../merkle/tiles.js';
import { NeighbourPaths } from './proof-check.js';
import type { PathRecord } from './proof-check.js';

/** Tiles kept in memory (8 KiB each when full). */
export const DEFAULT_PROOF_TILES = 1024;
/** Interior node hashes kept in memory (32 bytes each plus the key). */
const NODE_CACHE = 16_384;

/** Thrown (and caught) when a node's tile is not cached yet. */
const TILE_MISSING = Symbol('tile missing');

/** A made proof, with its hashes as base64 text. */
interface MadePath extends PathRecord {
  readonly proof: readonly Uint8Array[];
  readonly texts: readonly string[];
}

/** The hashes of an inclusion proof, and the same as base64 text. */
export interface InclusionHashes {
  readonly proof: readonly Uint8Array[];
  readonly texts: readonly string[];
}

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
  /** interior node hashes by level, then index */
  readonly #nodes: Map<number, Uint8Array>[] = [];
  #nodeCount = 0;
  readonly #paths = new NeighbourPaths<MadePath>();
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
        if (this.#nodes[id.level]?.has(id.index) === true) continue;
        const t = this.#tileKey(id);
        if (!this.#tiles.has(t.key) && !out.some((o) => o.key === t.key)) out.push(t);
      }
    }
    return out;
  }

  async #load(plan: ProofPlan): Promise<void> {
    // the plan's own cached tiles are kept while its missing ones come in
    const keep = new Set<string>();
    for (const group of plan) for (const id of group) keep.add(this.#tileKey(id).key);
    for (const t of this.#missing(plan)) {
      const data = await this.#fetch({ level: t.level, index: t.index, width: t.width });
      if (data.length !== t.width * 32) {
        throw new LedgerError('LDG_ERR_DECODE', `tile ${tilePath(t)} has ${data.length} bytes`);
      }
      this.#tiles.set(t.key, data);
      if (this.#tiles.size > this.#tileCapacity) {
        // the oldest tile this plan does not use
        for (const key of this.#tiles.keys()) {
          if (!keep.has(key)) {
            this.#tiles.delete(key);
            break;
          }
        }
      }
    }
  }

  #node = (level: number, index: number): Uint8Array => {
    const hit = this.#nodes[level]?.get(index);
    if (hit !== undefined) return hit;
    const at = locateNode(level, index);
    const tile = this.#tiles.get(`${at.level}/${at.index}`);
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- a sentinel caught in #assemble
    if (tile === undefined) throw TILE_MISSING;
    const hash = hashFromTile(tile, at.offset, at.count);
    if (at.count > 1) {
      (this.#nodes[level] ??= new Map()).set(index, hash);
      this.#nodeCount++;
    }
    return hash;
  };

  #assemble(plan: ProofPlan): Uint8Array[] | Promise<Uint8Array[]> {
    // the node cache is emptied between proofs, never during one: a plan's
    // tiles are loaded for the nodes not cached when it starts
    if (this.#nodeCount >= NODE_CACHE) {
      for (const m of this.#nodes) m?.clear();
      this.#nodeCount = 0;
    }
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
    const made = this.inclusionHashes(index);
    return 'then' in made ? made.then((m) => m.proof.slice()) : made.proof.slice();
  }

  /**
   * The inclusion proof of leaf `index` with its hashes as base64 text
   * (shared with its neighbours' where the path is); synchronous when the
   * tiles it needs are cached. Requires 0 <= index < size. The arrays are
   * not to be changed.
   */
  inclusionHashes(index: number): InclusionHashes | Promise<InclusionHashes> {
    const shared = this.#shared(index);
    if (shared !== undefined) return shared;
    const made = this.#assemble(inclusionProofPlan(index, this.size));
    return Array.isArray(made)
      ? this.#remember(index, made)
      : made.then((proof) => this.#remember(index, proof));
  }

  /** The proof from a remembered neighbour's, when one shares a low ancestor and its tiles are cached. */
  #shared(j: number): MadePath | undefined {
    if (!Number.isSafeInteger(j) || j < 0 || j >= this.size) return undefined;
    const found = this.#paths.find(j);
    if (found === undefined) return undefined;
    const { record: r, level } = found;
    const proof = r.proof.slice();
    const texts = r.texts.slice();
    try {
      for (let s = 0; s < level; s++) {
        const node = shiftRight(j, s);
        const h = this.#node(s, node % 2 === 1 ? node - 1 : node + 1);
        if (!equalBytes(h, proof[s] as Uint8Array)) {
          proof[s] = h;
          texts[s] = Buffer.from(h.buffer, h.byteOffset, h.length).toString('base64');
        }
      }
    } catch (error) {
      if (error !== TILE_MISSING) throw error;
      return undefined;
    }
    const made: MadePath = { leaf: j, inner: r.inner, proof, texts };
    this.#paths.add(made);
    return made;
  }

  #remember(index: number, proof: Uint8Array[]): MadePath {
    const made: MadePath = {
      leaf: index,
      inner: bitLength(xorSafe(index, this.size - 1)),
      proof,
      texts: proof.map((h) => Buffer.from(h.buffer, h.byteOffset, h.length).toString('base64')),
    };
    this.#paths.add(made);
    return made;
  }

  /** The consistency proof from `from` to this tree's size (RFC 9162 §2.1.4.1). Requires 0 < from <= size. */
  consistency(from: number): Promise<Uint8Array[]> {
    return Promise.resolve(this.#assemble(consistencyProofPlan(from, this.size)));
  }
}
