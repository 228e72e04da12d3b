/**
 * Reading the Merkle log the sequencer keeps: checkpoints, hash tiles, entry
 * bundles (C2SP tlog-tiles) and proofs (RFC 9162). The HTTP routes and the
 * offline tools serve from here.
 *
 * Entry bundles are built on request from the leaves and the stored events —
 * the same LedgerEntry bytes the sequencer hashed — rather than stored a
 * second time: a full bundle never changes, so HTTP caches hold it, and a
 * tampered event shows up as an entry that no longer matches its tile.
 */
import { LedgerError } from '../errors.js';
import { HASH_SIZE } from '../merkle/hasher.js';
import { consistencyProofFrom, rootHashFrom } from '../merkle/proof.js';
import {
  TILE_WIDTH,
  createTileHashReader,
  encodeEntryBundle,
  tileInclusionProof,
  tilePath,
} from '../merkle/tiles.js';
import type { TileFetcher, TileId } from '../merkle/tiles.js';
import { START } from '../store/event-store.js';
import type { StoredEvent } from '../store/event-store.js';
import { LeafEntryWriter, encodeLeafEntry } from './leaf-entry.js';
import type { CheckpointRecord, LeafRecord, MerkleStateStore } from './merkle-state-store.js';
import type { SequencerSource } from './sequencer-source.js';

/** A leaf and the stored event it is. */
export interface LeafEvent {
  readonly leaf: LeafRecord;
  readonly event: StoredEvent;
}

/** An inclusion proof for one event against one signed checkpoint. */
export interface EventInclusionProof {
  readonly leaf: LeafRecord;
  readonly event: StoredEvent;
  /** the leaf data: the LedgerEntry bytes */
  readonly entry: Uint8Array;
  readonly checkpoint: CheckpointRecord;
  /** RFC 9162 audit path, the leaf's sibling first */
  readonly proof: Uint8Array[];
}

/** Options of `MerkleLogReader`. */
export interface MerkleLogReaderOptions {
  readonly state: MerkleStateStore;
  readonly source: SequencerSource;
}

function notFound(message: string): LedgerError<'LDG_ERR_NOT_FOUND'> {
  return new LedgerError('LDG_ERR_NOT_FOUND', message);
}

/** Read access to the log; see the module comment. */
export class MerkleLogReader {
  readonly #state: MerkleStateStore;
  readonly #source: SequencerSource;
  readonly #writer = new LeafEntryWriter();

  constructor(options: MerkleLogReaderOptions) {
    this.#state = options.state;
    this.#source = options.source;
  }

  /** The latest signed checkpoint, if any. */
  latestCheckpoint(): Promise<CheckpointRecord | undefined> {
    return this.#state.latestCheckpoint();
  }

  /** The checkpoint of exactly `size`, if one was signed. */
  checkpointAt(size: number): Promise<CheckpointRecord | undefined> {
    return this.#state.checkpointAt(size);
  }

  /**
   * The bytes of hash tile `tile` (`width` hashes), or undefined when the log
   * has not grown that far. A narrower partial tile is a prefix of a wider
   * one, so it is cut from whatever is stored.
   */
  async tile(tile: TileId): Promise<Uint8Array | undefined> {
    const stored = await this.#state.tile(tile.level, tile.index);
    if (stored === undefined || stored.tile.width < tile.width) return undefined;
    return stored.data.subarray(0, tile.width * HASH_SIZE);
  }

  /** A TileFetcher over the stored tiles, for proofs (a missing tile is LDG_ERR_INTERNAL). */
  readonly fetchTile: TileFetcher = async (tile) => {
    const data = await this.tile(tile);
    if (data === undefined) {
      throw new LedgerError('LDG_ERR_INTERNAL', `${tilePath(tile)} is not stored`);
    }
    return data;
  };

  /**
   * Leaves `first` .. `first + count - 1` with their stored events, or
   * undefined when the log has fewer leaves. A leaf whose event is missing
   * from the store is LDG_ERR_TAMPERED, naming the leaf.
   */
  async leafEvents(first: number, count: number): Promise<LeafEvent[] | undefined> {
    if (count === 0) return [];
    const leaves = await this.#state.leaves(first, count);
    if (leaves.length < count) return undefined;
    let after = START;
    if (first > 0) {
      const [previous] = await this.#state.leaves(first - 1, 1);
      if (previous === undefined) return undefined;
      after = previous.position;
    }
    const wanted = new Map<number, LeafRecord>(leaves.map((l) => [l.position, l]));
    const last = (leaves.at(-1) as LeafRecord).position;
    const out: LeafEvent[] = [];
    // positions between leaves belong to skipped duplicates, if any: read on until the last leaf
    while (after < last) {
      const page = await this.#source.read(after, Math.max(count - out.length, 1));
      if (page.length === 0) break;
      for (const event of page) {
        const leaf = wanted.get(event.position);
        if (leaf !== undefined) out.push({ leaf, event });
      }
      after = (page.at(-1) as StoredEvent).position;
    }
    if (out.length !== count) {
      const have = new Set(out.map((o) => o.leaf.leafIndex));
      const missing = leaves.find((l) => !have.has(l.leafIndex)) as LeafRecord;
      throw new LedgerError(
        'LDG_ERR_TAMPERED',
        `leaf ${missing.leafIndex}: the event at store position ${missing.position} is missing`,
      );
    }
    return out;
  }

  /**
   * Entry bundle `index` of `width` entries (tile/entries/<N>[.p/<W>]): each
   * leaf's LedgerEntry, uint16-length-prefixed. Undefined when the log has
   * fewer leaves than the bundle needs.
   */
  async entryBundle(index: number, width: number = TILE_WIDTH): Promise<Uint8Array | undefined> {
    const first = index * TILE_WIDTH;
    const fast = await this.#contiguousBundle(first, width);
    if (fast !== null) return fast;
    const events = await this.leafEvents(first, width);
    if (events === undefined) return undefined;
    return encodeEntryBundle(
      events.map(({ leaf, event }) =>
        this.#writer.write(event.data, event.recordedAt, event.position, leaf.leafIndex).slice(),
      ),
    );
  }

  /**
   * The bundle in one range read, when the source can read position ranges
   * and the leaves sit at consecutive positions (always so on SQLite); null
   * to take the general path, undefined when the log has too few leaves.
   */
  async #contiguousBundle(first: number, width: number): Promise<Uint8Array | undefined | null> {
    if (this.#source.readRange === undefined) return null;
    const leaves = await this.#state.leaves(first, width);
    if (leaves.length < width) return undefined;
    const from = (leaves[0] as LeafRecord).position;
    if ((leaves.at(-1) as LeafRecord).position - from !== width - 1) return null;
    const events = await this.#source.readRange(from, from + width);
    let bundle = new Uint8Array(width * 512);
    let at = 0;
    for (let k = 0; k < width; k++) {
      const event = events[k];
      if (event?.position !== from + k) {
        throw new LedgerError(
          'LDG_ERR_TAMPERED',
          `leaf ${first + k}: the event at store position ${from + k} is missing`,
        );
      }
      const entry = this.#writer.write(event.data, event.recordedAt, event.position, first + k);
      if (at + 2 + entry.length > bundle.length) {
        const bigger = new Uint8Array(Math.max(2 * bundle.length, at + 2 + entry.length));
        bigger.set(bundle.subarray(0, at));
        bundle = bigger;
      }
      bundle[at] = entry.length >>> 8;
      bundle[at + 1] = entry.length & 0xff;
      bundle.set(entry, at + 2);
      at += 2 + entry.length;
    }
    return bundle.subarray(0, at);
  }

  /** The leaf of a stored event id, if the event is in the log yet. */
  async leafOfEvent(eventId: string): Promise<LeafRecord | undefined> {
    const leaf = await this.#state.leafByEventId(eventId);
    if (leaf !== undefined || this.#source.positionOf === undefined) return leaf;
    const position = await this.#source.positionOf(eventId);
    if (position === undefined) return undefined;
    const index = (await this.#state.leafIndexesOf([position])).get(position);
    if (index === undefined) return undefined;
    const [record] = await this.#state.leaves(index, 1);
    return record;
  }

  /**
   * Inclusion proof of the event `eventId` in the checkpoint of `treeSize`
   * (default: the latest). LDG_ERR_NOT_FOUND when the event is not in the log
   * yet, when there is no such checkpoint, or when the latest checkpoint does
   * not cover it yet; LDG_ERR_BAD_REQUEST when `treeSize` is too small for it.
   */
  async inclusionProof(eventId: string, treeSize?: number): Promise<EventInclusionProof> {
    const leaf = await this.leafOfEvent(eventId);
    if (leaf === undefined) throw notFound(`event ${eventId} is not in the log (yet)`);
    const checkpoint =
      treeSize === undefined
        ? await this.#state.latestCheckpoint()
        : await this.#state.checkpointAt(treeSize);
    if (checkpoint === undefined) {
      throw notFound(
        treeSize === undefined
          ? 'no checkpoint is signed yet'
          : `no checkpoint of size ${treeSize}`,
      );
    }
    if (leaf.leafIndex >= checkpoint.size) {
      if (treeSize !== undefined) {
        throw new LedgerError(
          'LDG_ERR_BAD_REQUEST',
          `tree_size: leaf ${leaf.leafIndex} is not in the tree of size ${treeSize}`,
        );
      }
      throw notFound(
        `event ${eventId} is leaf ${leaf.leafIndex}, not yet covered by a checkpoint (size ${checkpoint.size}); retry shortly`,
      );
    }
    const [found] = (await this.leafEvents(leaf.leafIndex, 1)) ?? [];
    if (found === undefined) throw notFound(`leaf ${leaf.leafIndex} is not readable`);
    const proof = await tileInclusionProof(leaf.leafIndex, checkpoint.size, this.fetchTile);
    const e = found.event;
    return {
      leaf,
      event: e,
      entry: encodeLeafEntry(e.data, e.recordedAt, e.position, leaf.leafIndex),
      checkpoint,
      proof,
    };
  }

  /**
   * Consistency proof from the tree of `from` to the tree of `to` (RFC 9162
   * §2.1.4). Requires 0 < from <= to <= the latest checkpoint's size
   * (LDG_ERR_BAD_REQUEST naming the parameter otherwise).
   */
  async consistencyProof(from: number, to: number): Promise<Uint8Array[]> {
    const latest = await this.#state.latestCheckpoint();
    const limit = latest?.size ?? 0;
    if (from < 1) throw new LedgerError('LDG_ERR_BAD_REQUEST', 'from: must be at least 1');
    if (to < from) throw new LedgerError('LDG_ERR_BAD_REQUEST', 'to: must not be below from');
    if (to > limit) {
      throw new LedgerError('LDG_ERR_BAD_REQUEST', `to: the latest checkpoint has size ${limit}`);
    }
    return consistencyProofFrom(createTileHashReader(to, this.fetchTile), from, to);
  }

  /** Root hash of the tree of `size` from the stored tiles (requires size <= the log's size). */
  rootHash(size: number): Promise<Uint8Array> {
    return rootHashFrom(createTileHashReader(size, this.fetchTile), size);
  }
}
