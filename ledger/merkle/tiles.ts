/**
 * C2SP tlog-tiles (c2sp.org/tlog-tiles): the Merkle tree served as "tiles" of
 * up to 256 consecutive hashes, and the entries as bundles.
 *
 * Facts this module follows (from the spec and golang.org/x/mod/sumdb/tlog):
 * - tile height 8: the tile at tile-level L holds hashes of tree level 8L, so
 *   hash i of tile n at level L is MTH(D[(n*256+i) * 256^L : (n*256+i+1) * 256^L]);
 *   tree levels between multiples of 8 are recomputed from the tile's hashes;
 * - paths `tile/<L>/<N>[.p/<W>]` and `tile/entries/<N>[.p/<W>]`, L in 0..63,
 *   N in zero-padded 3-digit groups all but the last prefixed with `x`
 *   (1234067 -> `x001/x234/067`), W in 1..255 only for partial tiles;
 * - a tree of size s has floor(s / 256^L) hashes at tile-level L, so its
 *   partial tile there has width floor(s / 256^L) mod 256;
 * - entry bundles are entries each prefixed with a big-endian uint16 length.
 */
import { LedgerError } from '../errors.js';
import type { NodeVisitor } from './compact-range.js';
import { HASH_SIZE, hashChildren } from './hasher.js';
import type { HashReader, NodeId } from './proof.js';
import {
  assertTreeNumber,
  consistencyProofFrom,
  inclusionProofFrom,
  rootHashFrom,
  shiftRight,
} from './proof.js';

/** Tree levels per tile. */
export const TILE_HEIGHT = 8;
/** Hashes (or entries) in a full tile. */
export const TILE_WIDTH = 256;
/** Highest tile level a path may name. */
export const MAX_TILE_LEVEL = 63;
/** Largest entry an entry bundle can hold (uint16 length prefix). */
export const MAX_ENTRY_SIZE = 0xffff;

/** A hash tile: `width` is 256 for a full tile, 1..255 for a partial one. */
export interface TileId {
  readonly level: number;
  readonly index: number;
  readonly width: number;
}

/** A tile and its bytes (width * 32 of them). */
export interface TileData {
  readonly tile: TileId;
  readonly data: Uint8Array;
}

/** What a tile path names. */
export type ParsedTilePath =
  | { readonly kind: 'hashes'; readonly tile: TileId }
  | { readonly kind: 'entries'; readonly index: number; readonly width: number };

function badPath(path: string, why: string): LedgerError<'LDG_ERR_BAD_REQUEST'> {
  return new LedgerError(
    'LDG_ERR_BAD_REQUEST',
    `invalid tile path ${JSON.stringify(path)}: ${why}`,
  );
}

function checkWidth(width: number): void {
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH) {
    throw new LedgerError(
      'LDG_ERR_VALIDATION',
      `tile width must be 1..${TILE_WIDTH}, got ${width}`,
    );
  }
}

/** `<N>` of a tile path: 3-digit groups, all but the last prefixed with `x`. */
export function encodeTileIndex(index: number): string {
  if (!Number.isSafeInteger(index) || index < 0) {
    throw new LedgerError(
      'LDG_ERR_VALIDATION',
      `tile index must be a safe integer >= 0, got ${index}`,
    );
  }
  const groups: string[] = [];
  let n = index;
  do {
    groups.unshift(String(n % 1000).padStart(3, '0'));
    n = Math.floor(n / 1000);
  } while (n > 0);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

function widthSuffix(width: number): string {
  checkWidth(width);
  return width === TILE_WIDTH ? '' : `.p/${width}`;
}

/** Path of a hash tile, `tile/<L>/<N>[.p/<W>]`. */
export function tilePath(tile: TileId): string {
  if (!Number.isInteger(tile.level) || tile.level < 0 || tile.level > MAX_TILE_LEVEL) {
    throw new LedgerError('LDG_ERR_VALIDATION', `tile level must be 0..63, got ${tile.level}`);
  }
  return `tile/${tile.level}/${encodeTileIndex(tile.index)}${widthSuffix(tile.width)}`;
}

/** Path of an entry bundle, `tile/entries/<N>[.p/<W>]`. */
export function entriesPath(index: number, width: number = TILE_WIDTH): string {
  return `tile/entries/${encodeTileIndex(index)}${widthSuffix(width)}`;
}

const LEVEL_RE = /^(0|[1-9][0-9]?)$/;
const WIDTH_RE = /^[1-9][0-9]{0,2}$/;
const GROUP_RE = /^[0-9]{3}$/;
const X_GROUP_RE = /^x[0-9]{3}$/;
/** 6 groups reach 10^18, beyond 2^53: enough for every safe index. */
const MAX_GROUPS = 6;

/**
 * Parses a tile or entry-bundle path (without the log's URL prefix), accepting
 * only the canonical encoding; anything else is LDG_ERR_BAD_REQUEST.
 */
export function parseTilePath(path: string): ParsedTilePath {
  if (typeof path !== 'string' || path.length > 128) throw badPath(String(path), 'too long');
  const segments = path.split('/');
  if (segments[0] !== 'tile' || segments.length < 3) throw badPath(path, 'not tile/<L>/<N>');
  const head = segments[1] as string;
  const groups = segments.slice(2);

  let width = TILE_WIDTH;
  const beforeLast = groups[groups.length - 2];
  if (beforeLast?.endsWith('.p')) {
    const w = groups.pop() as string;
    if (!WIDTH_RE.test(w) || Number(w) >= TILE_WIDTH) throw badPath(path, 'width must be 1..255');
    width = Number(w);
    groups[groups.length - 1] = beforeLast.slice(0, -2);
  }
  if (groups.length > MAX_GROUPS) throw badPath(path, 'index too large');
  groups.forEach((g, i) => {
    const re = i < groups.length - 1 ? X_GROUP_RE : GROUP_RE;
    if (!re.test(g)) throw badPath(path, 'index must be 3-digit groups, x-prefixed but the last');
  });
  const index = Number(groups.map((g) => g.replace('x', '')).join(''));
  if (!Number.isSafeInteger(index)) throw badPath(path, 'index too large');
  if (encodeTileIndex(index) !== groups.join('/')) throw badPath(path, 'index not canonical');

  if (head === 'entries') return { kind: 'entries', index, width };
  if (!LEVEL_RE.test(head) || Number(head) > MAX_TILE_LEVEL) {
    throw badPath(path, 'level must be 0..63');
  }
  return { kind: 'hashes', tile: { level: Number(head), index, width } };
}

// ---------------------------------------------------------------------------
// tile math

/** Number of stored hashes at tile-level `level` for a tree of `size`: floor(size / 256^level). */
function storedCount(level: number, size: number): number {
  return shiftRight(size, TILE_HEIGHT * level);
}

/**
 * Width of hash tile `index` at tile-level `level` in a tree of `size`:
 * 256 when full, 1..255 when partial, 0 when the tree has no such tile.
 */
export function tileWidth(level: number, index: number, size: number): number {
  assertTreeNumber(level, 'tile level');
  assertTreeNumber(index, 'tile index');
  assertTreeNumber(size, 'size');
  const count = storedCount(level, size);
  const start = index * TILE_WIDTH;
  return count <= start ? 0 : Math.min(TILE_WIDTH, count - start);
}

/** The partial hash tiles of a tree of `size`, lowest level first (those a checkpoint must publish). */
export function partialTiles(size: number): TileId[] {
  assertTreeNumber(size, 'size');
  const tiles: TileId[] = [];
  for (let level = 0; storedCount(level, size) > 0; level++) {
    const count = storedCount(level, size);
    const width = count % TILE_WIDTH;
    if (width > 0) tiles.push({ level, index: Math.floor(count / TILE_WIDTH), width });
  }
  return tiles;
}

/** Where a node's hash comes from: `count` hashes from `offset` in tile (`level`, `index`). */
export interface NodeTileLocation {
  /** tile level */
  readonly level: number;
  /** tile index */
  readonly index: number;
  /** first tile hash under the node */
  readonly offset: number;
  /** tile hashes under the node, a power of two; 1 when the node is stored as is */
  readonly count: number;
}

/**
 * The tile hashes a tree node is computed from: node (level, index) lies in
 * tile-level floor(level / 8) and spans 2^(level mod 8) consecutive hashes of
 * one tile. The tile must be at least offset + count wide.
 */
export function locateNode(level: number, index: number): NodeTileLocation {
  assertTreeNumber(level, 'level');
  assertTreeNumber(index, 'index');
  const tileLevel = Math.floor(level / TILE_HEIGHT);
  const count = 2 ** (level - tileLevel * TILE_HEIGHT);
  const first = index * count;
  return {
    level: tileLevel,
    index: Math.floor(first / TILE_WIDTH),
    offset: first % TILE_WIDTH,
    count,
  };
}

function assertTileBytes(data: unknown, tile: TileId): asserts data is Uint8Array {
  if (!(data instanceof Uint8Array) || data.length !== tile.width * HASH_SIZE) {
    const got = data instanceof Uint8Array ? `${data.length} bytes` : typeof data;
    throw new LedgerError(
      'LDG_ERR_DECODE',
      `tile ${tilePath(tile)} must be ${tile.width * HASH_SIZE} bytes, got ${got}`,
    );
  }
}

/**
 * Hash of the perfect subtree over `count` hashes of a tile starting at
 * `offset` (RFC 9162 §2.1.1). Requires count a power of two and
 * offset + count <= tile width; `data` holds the tile's bytes.
 */
export function hashFromTile(data: Uint8Array, offset: number, count: number): Uint8Array {
  const width = data.length / HASH_SIZE;
  if (
    !Number.isInteger(width) ||
    !Number.isInteger(offset) ||
    offset < 0 ||
    !Number.isInteger(count) ||
    count < 1 ||
    !Number.isInteger(Math.log2(count)) ||
    offset + count > width
  ) {
    throw new LedgerError(
      'LDG_ERR_DECODE',
      `cannot hash ${count} hashes at ${offset} of a ${data.length}-byte tile`,
    );
  }
  let layer: Uint8Array[] = [];
  for (let i = offset; i < offset + count; i++) {
    layer.push(data.slice(i * HASH_SIZE, (i + 1) * HASH_SIZE));
  }
  while (layer.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i < layer.length; i += 2) {
      next.push(hashChildren(layer[i] as Uint8Array, layer[i + 1] as Uint8Array));
    }
    layer = next;
  }
  return layer[0] as Uint8Array;
}

/** Fetches the bytes of a hash tile (exactly width * 32). */
export type TileFetcher = (tile: TileId) => Promise<Uint8Array>;

/**
 * A `HashReader` over the tiles of a tree of `size`: each node is computed
 * from the one tile that holds it, fetching every tile once per `readNodes`
 * call. Partial tiles are fetched at the width `size` implies, so `size` must
 * be a tree size the log has published. A node outside the tree is
 * LDG_ERR_PROOF_MALFORMED; a tile of the wrong length LDG_ERR_DECODE.
 */
export function createTileHashReader(size: number, fetchTile: TileFetcher): HashReader {
  assertTreeNumber(size, 'size');
  return {
    async readNodes(ids: readonly NodeId[]): Promise<Uint8Array[]> {
      const fetches = new Map<string, Promise<Uint8Array>>();
      const planned = ids.map((id) => {
        const at = locateNode(id.level, id.index);
        const width = tileWidth(at.level, at.index, size);
        if (width < at.offset + at.count) {
          throw new LedgerError(
            'LDG_ERR_PROOF_MALFORMED',
            `node at level ${id.level} index ${id.index} is not in the tree of size ${size}`,
          );
        }
        const tile: TileId = { level: at.level, index: at.index, width };
        const key = tilePath(tile);
        let fetch = fetches.get(key);
        if (fetch === undefined) {
          fetch = fetchTile(tile).then((data) => {
            assertTileBytes(data, tile);
            return data;
          });
          fetches.set(key, fetch);
        }
        return { at, fetch };
      });
      return Promise.all(
        planned.map(async ({ at, fetch }) => hashFromTile(await fetch, at.offset, at.count)),
      );
    },
  };
}

/** Inclusion proof for leaf `index` in the tree of `size`, from its tiles. Requires 0 <= index < size. */
export function tileInclusionProof(
  index: number,
  size: number,
  fetchTile: TileFetcher,
): Promise<Uint8Array[]> {
  return inclusionProofFrom(createTileHashReader(size, fetchTile), index, size);
}

/** Consistency proof from `size1` to `size2`, from the tiles of `size2`. Requires 0 < size1 <= size2. */
export function tileConsistencyProof(
  size1: number,
  size2: number,
  fetchTile: TileFetcher,
): Promise<Uint8Array[]> {
  return consistencyProofFrom(createTileHashReader(size2, fetchTile), size1, size2);
}

/** Root hash of the tree of `size`, from its tiles. */
export function tileRootHash(size: number, fetchTile: TileFetcher): Promise<Uint8Array> {
  return rootHashFrom(createTileHashReader(size, fetchTile), size);
}

// ---------------------------------------------------------------------------
// writing tiles

/** Options of a `TileAccumulator`. */
export interface TileAccumulatorOptions {
  /** Called with each tile as it becomes full; the accumulator keeps no reference to it. */
  readonly onFullTile?: (tile: TileData) => void;
}

interface OpenTile {
  index: number;
  count: number;
  data: Uint8Array;
}

/**
 * Collects the hashes of a growing tree into tiles. Pass `visit` to
 * `CompactRange.append`: it keeps the nodes at tree levels that are multiples
 * of 8, hands each tile over when it is full, and `partialTiles()` gives the
 * rest, to publish with a checkpoint.
 */
export class TileAccumulator {
  readonly #open: OpenTile[] = [];
  readonly #onFullTile: ((tile: TileData) => void) | undefined;

  constructor(options: TileAccumulatorOptions = {}) {
    this.#onFullTile = options.onFullTile;
  }

  /**
   * Resumes collecting for a tree of `size` from that size's partial tiles
   * (see `partialTiles(size)`), e.g. after a restart. Every partial tile must
   * be given with its exact bytes (LDG_ERR_DECODE otherwise).
   */
  static resume(
    size: number,
    partials: readonly TileData[],
    options: TileAccumulatorOptions = {},
  ): TileAccumulator {
    const acc = new TileAccumulator(options);
    const expected = partialTiles(size);
    const byLevel = new Map(partials.map((p) => [p.tile.level, p]));
    if (byLevel.size !== partials.length || partials.length !== expected.length) {
      throw new LedgerError(
        'LDG_ERR_DECODE',
        `a tree of size ${size} has ${expected.length} partial tiles, got ${partials.length}`,
      );
    }
    for (let level = 0; storedCount(level, size) > 0; level++) {
      const count = storedCount(level, size);
      const open: OpenTile = {
        index: Math.floor(count / TILE_WIDTH),
        count: count % TILE_WIDTH,
        data: new Uint8Array(TILE_WIDTH * HASH_SIZE),
      };
      if (open.count > 0) {
        const given = byLevel.get(level);
        const want: TileId = { level, index: open.index, width: open.count };
        if (given?.tile.index !== want.index || given.tile.width !== want.width) {
          throw new LedgerError('LDG_ERR_DECODE', `missing partial tile ${tilePath(want)}`);
        }
        assertTileBytes(given.data, want);
        open.data.set(given.data);
      }
      acc.#open[level] = open;
    }
    return acc;
  }

  /** The `NodeVisitor` to pass to `CompactRange.append` / `appendLeaf`. */
  readonly visit: NodeVisitor = (level, index, hash) => {
    if (level % TILE_HEIGHT !== 0) return;
    const tileLevel = level / TILE_HEIGHT;
    const open = (this.#open[tileLevel] ??= {
      index: 0,
      count: 0,
      data: new Uint8Array(TILE_WIDTH * HASH_SIZE),
    });
    if (index !== open.index * TILE_WIDTH + open.count) {
      throw new LedgerError(
        'LDG_ERR_INTERNAL',
        `tile level ${tileLevel} expected node ${open.index * TILE_WIDTH + open.count}, got ${index}`,
      );
    }
    open.data.set(hash, open.count * HASH_SIZE);
    open.count++;
    if (open.count === TILE_WIDTH) {
      const full: TileData = {
        tile: { level: tileLevel, index: open.index, width: TILE_WIDTH },
        data: open.data,
      };
      open.index++;
      open.count = 0;
      open.data = new Uint8Array(TILE_WIDTH * HASH_SIZE);
      this.#onFullTile?.(full);
    }
  };

  /** Copies of the current partial tiles, lowest level first. */
  partialTiles(): TileData[] {
    const out: TileData[] = [];
    this.#open.forEach((open, level) => {
      if (open.count > 0) {
        out.push({
          tile: { level, index: open.index, width: open.count },
          data: open.data.slice(0, open.count * HASH_SIZE),
        });
      }
    });
    return out;
  }
}

// ---------------------------------------------------------------------------
// entry bundles

/**
 * Encodes an entry bundle: each entry prefixed with its big-endian uint16
 * length. At most 256 entries (LDG_ERR_VALIDATION), each at most 65,535 bytes
 * (LDG_ERR_PAYLOAD_TOO_LARGE).
 */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  if (entries.length > TILE_WIDTH) {
    throw new LedgerError('LDG_ERR_VALIDATION', `a bundle holds at most ${TILE_WIDTH} entries`);
  }
  let total = 0;
  entries.forEach((e, i) => {
    if (e.length > MAX_ENTRY_SIZE) {
      throw new LedgerError(
        'LDG_ERR_PAYLOAD_TOO_LARGE',
        `entry ${i} is ${e.length} bytes, over ${MAX_ENTRY_SIZE}`,
      );
    }
    total += 2 + e.length;
  });
  const out = new Uint8Array(total);
  let at = 0;
  for (const e of entries) {
    out[at] = e.length >>> 8;
    out[at + 1] = e.length & 0xff;
    out.set(e, at + 2);
    at += 2 + e.length;
  }
  return out;
}

/**
 * Decodes an entry bundle. A truncated entry, more than 256 entries, or a
 * count other than `expectedCount` (when given) is LDG_ERR_DECODE.
 */
export function decodeEntryBundle(data: Uint8Array, expectedCount?: number): Uint8Array[] {
  const entries: Uint8Array[] = [];
  let at = 0;
  while (at < data.length) {
    if (entries.length === TILE_WIDTH) {
      throw new LedgerError('LDG_ERR_DECODE', `bundle holds more than ${TILE_WIDTH} entries`);
    }
    if (at + 2 > data.length) {
      throw new LedgerError('LDG_ERR_DECODE', `truncated length of entry ${entries.length}`);
    }
    const length = ((data[at] as number) << 8) | (data[at + 1] as number);
    if (at + 2 + length > data.length) {
      throw new LedgerError('LDG_ERR_DECODE', `truncated entry ${entries.length}`);
    }
    entries.push(data.slice(at + 2, at + 2 + length));
    at += 2 + length;
  }
  if (expectedCount !== undefined && entries.length !== expectedCount) {
    throw new LedgerError(
      'LDG_ERR_DECODE',
      `bundle holds ${entries.length} entries, expected ${expectedCount}`,
    );
  }
  return entries;
}
