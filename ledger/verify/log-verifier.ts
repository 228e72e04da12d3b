/**
 * The offline log verifier: given only the log's public key, it reads every
 * entry and tile of a log (a `LogSource`), recomputes the RFC 9162 tree and
 * checks, without trusting the source:
 *
 * - every checkpoint it finds — the latest one the log publishes, those the
 *   source keeps, every CheckpointSigned event recorded in the log, and any
 *   the caller saved earlier — is signed by the key, names the expected
 *   origin, and its root equals the root recomputed from the entries;
 * - successive checkpoints are consistent (RFC 9162 §2.1.4 proofs built from
 *   the recomputed tree), and no two of them disagree about one size (a fork);
 * - every stored hash tile equals the recomputed one, which localises a
 *   change to one leaf;
 * - each entry is a LedgerEntry naming its own leaf index;
 * - the log holds at least as many entries as its latest checkpoint covers.
 *
 * Localising: an altered entry changes its level-0 tile hash and every root
 * above it. If the stored tile disagrees with the recomputed one while the
 * recomputed tree matches a signed checkpoint covering that leaf, the tile
 * was altered; if the checkpoint does not match, the entry was. Problems name
 * the place (`leaf 785`, `tile/0/003`, `checkpoint 1000`) and are sorted so
 * the first one is the earliest leaf.
 *
 * Memory: level-0 tiles of the last `tileWindow` tiles, every higher tile
 * (1/256 of that) and the compact range. A checkpoint older than the window
 * is checked with a tile read again from the source and authenticated
 * against the recomputed level-1 hash.
 */
import { availableParallelism } from 'node:os';
import { decodeAuditEvent } from '../events/decode.js';
import { validateEvent } from '../events/validate.js';
import { openCheckpoint, parseCheckpoint } from '../checkpoint/checkpoint.js';
import { encodeBase64, parseNote } from '../checkpoint/signed-note.js';
import type { NoteVerifier } from '../checkpoint/signed-note.js';
import { LedgerError, isLedgerError } from '../errors.js';
import { CompactRange } from '../merkle/compact-range.js';
import { EMPTY_ROOT, HASH_SIZE, equalBytes } from '../merkle/hasher.js';
import { consistencyProofFrom, rootHashFrom, verifyConsistency } from '../merkle/proof.js';
import {
  TILE_HEIGHT,
  TILE_WIDTH,
  TileAccumulator,
  createTileHashReader,
  hashFromTile,
  tilePath,
} from '../merkle/tiles.js';
import type { TileData, TileId } from '../merkle/tiles.js';
import type { HashedBundle } from './bundle-hash.js';
import { BundleHashPool } from './bundle-hash-pool.js';
import type { ChunkItem } from './bundle-hash-pool.js';
import { checkpointVerifiers } from './keys.js';
import type { LogSource } from './log-source.js';

/** Level-0 tiles kept by default: 4096 tiles, 1,048,576 leaves, 32 MiB. */
export const DEFAULT_TILE_WINDOW = 4096;
/** Bundles (and their tiles) fetched ahead by default. */
export const DEFAULT_PREFETCH = 8;
/** Worker threads by default: one per spare core, at most 4 (the main thread builds the tree). */
export const DEFAULT_WORKERS = Math.max(1, Math.min(4, availableParallelism() - 1));
/** Bundles a worker reads and hashes per message from a data directory. */
export const DEFAULT_CHUNK_BUNDLES = 16;
/** Below this many entries, starting workers costs more than it saves. */
export const DEFAULT_WORKERS_FROM = 65_536;
/** Problems kept per kind; beyond that they are only counted. */
const MAX_PROBLEMS_PER_KIND = 100;

/** What a problem concerns. */
export type LogProblemKind = 'leaf' | 'tile' | 'checkpoint' | 'log';

/** One thing wrong with the log. */
export interface LogProblem {
  readonly kind: LogProblemKind;
  /** `leaf 785`, `tile/0/003`, `checkpoint 1000 (log leaf 1012)`, ... */
  readonly place: string;
  readonly message: string;
  readonly leafIndex?: number;
  /** the checkpoint size it concerns */
  readonly size?: number;
}

/** Options of `verifyLog`. */
export interface VerifyLogOptions {
  readonly source: LogSource;
  /** the log's verifier key(s): `name+hex+base64` strings or verifier objects */
  readonly keys: readonly (string | NoteVerifier)[];
  /** require this checkpoint origin */
  readonly origin?: string;
  /** checkpoint notes saved earlier that the log must still be consistent with */
  readonly savedCheckpoints?: readonly string[];
  /** called after each bundle with entries checked so far and the total */
  readonly onProgress?: (entries: number, total: number) => void;
  /** level-0 tiles kept in memory (default DEFAULT_TILE_WINDOW) */
  readonly tileWindow?: number;
  /** bundles fetched ahead (default DEFAULT_PREFETCH, at least twice the workers) */
  readonly prefetch?: number;
  /**
   * Worker threads hashing entries (and, for a data directory, reading them);
   * default DEFAULT_WORKERS. 0 does everything on the calling thread.
   */
  readonly workers?: number;
  /** logs smaller than this are verified without workers (default DEFAULT_WORKERS_FROM) */
  readonly workersFrom?: number;
}

/** The outcome of `verifyLog`. */
export interface VerifyLogResult {
  readonly ok: boolean;
  readonly origin: string | undefined;
  /** the size the log's latest checkpoint claims (what was verified) */
  readonly size: number;
  /** the root of the tree of `size` recomputed from the entries */
  readonly rootHash: Uint8Array | undefined;
  readonly entriesChecked: number;
  /** distinct checkpoint sizes whose signature and root checked out */
  readonly checkpointsVerified: number;
  /** problems, earliest leaf first */
  readonly problems: readonly LogProblem[];
  /** problems beyond the per-kind cap, only counted */
  readonly problemsOmitted: number;
}

interface CheckpointClaim {
  readonly size: number;
  readonly rootHash: Uint8Array;
  /** where it was found, for messages */
  readonly where: string;
}

interface TileMismatch {
  readonly tile: TileId;
  /** first differing hash in the tile */
  readonly hashIndex: number;
}

function describe(error: unknown): string {
  if (isLedgerError(error)) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/** The size a note claims, read without checking signatures (for messages only). */
function claimedSize(note: string): number | undefined {
  try {
    return parseCheckpoint(parseNote(note).text).size;
  } catch {
    return undefined;
  }
}

class LogVerification {
  readonly #source: LogSource;
  readonly #verifiers: NoteVerifier[];
  readonly #origin: string | undefined;
  readonly #window: number;
  readonly #prefetch: number;
  readonly #workers: number;
  readonly #workersFrom: number;
  readonly #onProgress: (entries: number, total: number) => void;

  readonly #range = CompactRange.empty();
  readonly #tiles: TileAccumulator;
  readonly #level0 = new Map<number, Uint8Array>();
  readonly #upper = new Map<string, Uint8Array>();
  readonly #tileChecks: Promise<void>[] = [];
  /** stored level-0 tiles fetched with their bundles, by index (null: unreadable, reported) */
  readonly #storedLevel0 = new Map<number, Promise<Uint8Array | undefined | null>>();

  readonly #problems: LogProblem[] = [];
  readonly #perKind = new Map<LogProblemKind, number>();
  #omitted = 0;
  readonly #mismatches: TileMismatch[] = [];
  /** checked sizes → recomputed root (base64), to spot forks */
  readonly #checked = new Map<number, string>();
  readonly #goodSizes: number[] = [];
  readonly #badSizes: number[] = [];
  #lastGood: CheckpointClaim | undefined;
  /** notes opened so far → their claim, or null when refused */
  readonly #notesSeen = new Map<string, CheckpointClaim | null>();
  #originSeen: string | undefined;

  constructor(options: VerifyLogOptions) {
    this.#source = options.source;
    this.#verifiers = checkpointVerifiers(options.keys);
    this.#origin = options.origin;
    this.#window = options.tileWindow ?? DEFAULT_TILE_WINDOW;
    this.#prefetch = Math.max(1, options.prefetch ?? DEFAULT_PREFETCH);
    this.#workers = Math.max(0, options.workers ?? DEFAULT_WORKERS);
    this.#workersFrom = options.workersFrom ?? DEFAULT_WORKERS_FROM;
    this.#onProgress = options.onProgress ?? ((): void => undefined);
    this.#tiles = new TileAccumulator({ onFullTile: (t) => this.#onFullTile(t) });
  }

  #problem(p: LogProblem): void {
    const n = this.#perKind.get(p.kind) ?? 0;
    this.#perKind.set(p.kind, n + 1);
    if (n >= MAX_PROBLEMS_PER_KIND) this.#omitted++;
    else this.#problems.push(p);
  }

  /** Opens a checkpoint note with the keys; a problem and undefined when it does not verify. */
  #open(note: string, where: string): CheckpointClaim | undefined {
    // the same note from two places (e.g. /checkpoint and the source's table) is checked once
    const seen = this.#notesSeen.get(note);
    if (seen !== undefined) return seen ?? undefined;
    const claim = this.#openOnce(note, where);
    this.#notesSeen.set(note, claim ?? null);
    return claim;
  }

  #openOnce(note: string, where: string): CheckpointClaim | undefined {
    try {
      const opened = openCheckpoint(
        note,
        this.#verifiers,
        this.#origin === undefined ? {} : { origin: this.#origin },
      );
      const cp = opened.checkpoint;
      if (this.#originSeen === undefined) this.#originSeen = cp.origin;
      else if (cp.origin !== this.#originSeen) {
        this.#problem({
          kind: 'checkpoint',
          place: `checkpoint ${cp.size} (${where})`,
          size: cp.size,
          message: `origin ${JSON.stringify(cp.origin)} differs from ${JSON.stringify(this.#originSeen)}`,
        });
        return undefined;
      }
      return { size: cp.size, rootHash: cp.rootHash, where };
    } catch (error) {
      const size = claimedSize(note);
      this.#problem({
        kind: 'checkpoint',
        place: `checkpoint ${size ?? '?'} (${where})`,
        ...(size === undefined ? {} : { size }),
        message: `not accepted with the given key: ${describe(error)}`,
      });
      return undefined;
    }
  }

  // ---------------------------------------------------------------- our tiles

  #onFullTile(tile: TileData): void {
    const { level, index } = tile.tile;
    if (level === 0) {
      this.#level0.set(index, tile.data);
      this.#level0.delete(index - this.#window);
      const stored = this.#storedLevel0.get(index);
      this.#storedLevel0.delete(index);
      if (stored !== undefined) {
        this.#tileChecks.push(
          stored.then((s) => {
            if (s !== null) this.#compareTile(tile, s);
          }),
        );
      }
    } else {
      this.#upper.set(`${level}/${index}`, tile.data);
      this.#tileChecks.push(
        this.#source.tile(tile.tile).then(
          (s) => this.#compareTile(tile, s),
          (error: unknown) => this.#tileUnreadable(tile.tile, error),
        ),
      );
    }
  }

  #tileUnreadable(tile: TileId, error: unknown): void {
    this.#problem({
      kind: 'tile',
      place: tilePath(tile),
      message: `cannot be read: ${describe(error)}`,
    });
  }

  #compareTile(ours: TileData, stored: Uint8Array | undefined): void {
    if (stored === undefined) {
      this.#problem({
        kind: 'tile',
        place: tilePath(ours.tile),
        message: 'is missing from the log',
      });
      return;
    }
    if (stored.length === ours.data.length && equalBytes(stored, ours.data)) return;
    let hashIndex = 0;
    while (
      hashIndex < ours.tile.width &&
      (hashIndex + 1) * HASH_SIZE <= stored.length &&
      equalBytes(
        stored.subarray(hashIndex * HASH_SIZE, (hashIndex + 1) * HASH_SIZE),
        ours.data.subarray(hashIndex * HASH_SIZE, (hashIndex + 1) * HASH_SIZE),
      )
    ) {
      hashIndex++;
    }
    this.#mismatches.push({ tile: ours.tile, hashIndex });
  }

  /** Our hash tile `tile` (a prefix of what we computed), for proofs over the recomputed tree. */
  readonly #ourTile = async (tile: TileId): Promise<Uint8Array> => {
    const bytes = tile.width * HASH_SIZE;
    const full =
      tile.level === 0
        ? this.#level0.get(tile.index)
        : this.#upper.get(`${tile.level}/${tile.index}`);
    if (full !== undefined) return full.subarray(0, bytes);
    const partial = this.#tiles
      .partialTiles()
      .find((p) => p.tile.level === tile.level && p.tile.index === tile.index);
    if (partial !== undefined && partial.tile.width >= tile.width)
      return partial.data.subarray(0, bytes);
    if (tile.level === 0) return (await this.#refetchLevel0(tile.index)).subarray(0, bytes);
    throw new LedgerError('LDG_ERR_INTERNAL', `recomputed tree has no ${tilePath(tile)}`);
  };

  /** A level-0 tile that left the window, read again and authenticated by its recomputed level-1 hash. */
  async #refetchLevel0(index: number): Promise<Uint8Array> {
    const level1 = await this.#ourTile({
      level: 1,
      index: Math.floor(index / TILE_WIDTH),
      width: (index % TILE_WIDTH) + 1,
    });
    const want = level1.subarray(
      (index % TILE_WIDTH) * HASH_SIZE,
      ((index % TILE_WIDTH) + 1) * HASH_SIZE,
    );
    const tile: TileId = { level: 0, index, width: TILE_WIDTH };
    const stored = await this.#source.tile(tile);
    if (
      stored?.length !== TILE_WIDTH * HASH_SIZE ||
      !equalBytes(hashFromTile(stored, 0, TILE_WIDTH), want)
    ) {
      throw new LedgerError(
        'LDG_ERR_TAMPERED',
        `${tilePath(tile)} read again does not match the recomputed tree`,
      );
    }
    return stored;
  }

  // ---------------------------------------------------------------- checkpoints

  /** The recomputed root of the tree of `size` (requires size <= the current size). */
  async #rootAt(size: number): Promise<Uint8Array> {
    if (size === 0) return Uint8Array.from(EMPTY_ROOT);
    if (size === this.#range.size) return this.#range.rootHash();
    return rootHashFrom(createTileHashReader(size, this.#ourTile), size);
  }

  /** Checks a verified checkpoint against the recomputed tree (which has at least `claim.size` leaves). */
  async #check(claim: CheckpointClaim): Promise<void> {
    const place = `checkpoint ${claim.size} (${claim.where})`;
    const signed = encodeBase64(claim.rootHash);
    const before = this.#checked.get(claim.size);
    if (before !== undefined) {
      if (before !== signed) {
        this.#problem({
          kind: 'checkpoint',
          place,
          size: claim.size,
          message: 'disagrees with another signed checkpoint of the same size: the log forked',
        });
      }
      return;
    }
    this.#checked.set(claim.size, signed);
    let ours: Uint8Array;
    try {
      ours = await this.#rootAt(claim.size);
    } catch (error) {
      this.#problem({
        kind: 'checkpoint',
        place,
        size: claim.size,
        message: `cannot be checked: ${describe(error)}`,
      });
      return;
    }
    if (!equalBytes(ours, claim.rootHash)) {
      this.#badSizes.push(claim.size);
      this.#problem({
        kind: 'checkpoint',
        place,
        size: claim.size,
        message: `its signed root ${signed} differs from the root recomputed from leaves 0..${claim.size - 1} (${encodeBase64(ours)})`,
      });
      return;
    }
    this.#goodSizes.push(claim.size);
    const last = this.#lastGood;
    if (last !== undefined && last.size > 0 && claim.size > 0 && last.size !== claim.size) {
      const [a, b] = last.size < claim.size ? [last, claim] : [claim, last];
      try {
        const proof = await consistencyProofFrom(
          createTileHashReader(b.size, this.#ourTile),
          a.size,
          b.size,
        );
        verifyConsistency(a.size, b.size, proof, a.rootHash, b.rootHash);
      } catch (error) {
        this.#problem({
          kind: 'checkpoint',
          place,
          size: claim.size,
          message: `is not consistent with checkpoint ${last.size}: ${describe(error)}`,
        });
      }
    }
    if (last === undefined || claim.size > last.size) this.#lastGood = claim;
  }

  /** A CheckpointSigned event found at leaf `leafIndex`: its note must verify and match its fields. */
  async #checkpointEvent(leafIndex: number, event: Uint8Array): Promise<void> {
    const where = `log leaf ${leafIndex}`;
    let note: string;
    let size: number;
    let rootHash: Uint8Array;
    let origin: string;
    try {
      const valid = validateEvent(decodeAuditEvent(event), 0, {
        now: Number.MAX_SAFE_INTEGER,
        allowInternal: true,
      });
      if (valid.type !== 'checkpoint_signed')
        throw new LedgerError('LDG_ERR_DECODE', 'not a checkpoint_signed event');
      ({ note, treeSize: size, rootHash, origin } = valid.checkpointSigned);
    } catch (error) {
      this.#problem({
        kind: 'leaf',
        place: `leaf ${leafIndex}`,
        leafIndex,
        message: `its CheckpointSigned event is invalid: ${describe(error)}`,
      });
      return;
    }
    const claim = this.#open(note, where);
    if (claim === undefined) return;
    if (
      claim.size !== size ||
      !equalBytes(claim.rootHash, rootHash) ||
      origin !== this.#originSeen
    ) {
      this.#problem({
        kind: 'leaf',
        place: `leaf ${leafIndex}`,
        leafIndex,
        message:
          'its CheckpointSigned fields (origin, tree_size, root_hash) differ from its signed note',
      });
    }
    if (claim.size > leafIndex) {
      this.#problem({
        kind: 'leaf',
        place: `leaf ${leafIndex}`,
        leafIndex,
        message: `records checkpoint ${claim.size}, which cannot have been signed before this leaf existed`,
      });
      return;
    }
    await this.#check(claim);
  }

  // ---------------------------------------------------------------- the pass

  async run(savedCheckpoints: readonly string[]): Promise<VerifyLogResult> {
    const source = this.#source;
    const latestNote = await source.latestCheckpoint();
    if (latestNote === undefined) {
      this.#problem({
        kind: 'log',
        place: 'log',
        message: `${source.description} publishes no checkpoint`,
      });
      return this.#result(0, undefined);
    }
    const latest = this.#open(latestNote, 'latest');
    const target = latest?.size ?? claimedSize(latestNote) ?? 0;

    // checkpoints known up front are checked when the recomputed tree reaches their size
    const upFront: CheckpointClaim[] = [];
    if (latest !== undefined) upFront.push(latest);
    savedCheckpoints.forEach((note, i) => {
      const claim = this.#open(note, `saved checkpoint ${i + 1}`);
      if (claim !== undefined) upFront.push(claim);
    });
    for await (const note of source.knownCheckpoints()) {
      const claim = this.#open(note, source.description);
      if (claim !== undefined) upFront.push(claim);
    }
    upFront.sort((a, b) => a.size - b.size);
    let next = 0;
    const checkDue = async (): Promise<void> => {
      for (
        ;
        next < upFront.length && (upFront[next] as CheckpointClaim).size <= this.#range.size;
        next++
      ) {
        await this.#check(upFront[next] as CheckpointClaim);
      }
    };
    await checkDue(); // size 0

    const bundles = Math.ceil(target / TILE_WIDTH);
    const widthOf = (index: number): number => Math.min(TILE_WIDTH, target - index * TILE_WIDTH);
    const pool = new BundleHashPool(target >= this.#workersFrom ? this.#workers : 0);
    const path = source.databasePath;
    const chunked = pool.size > 0 && path !== undefined;
    const chunkBundles = DEFAULT_CHUNK_BUNDLES;
    const prefetch = Math.max(this.#prefetch, 2 * pool.size * (chunked ? chunkBundles : 1));
    /** chunks of `chunkBundles` bundles read and hashed by a worker, by chunk number */
    const chunks = new Map<number, Promise<readonly ChunkItem[]>>();
    const fromChunk = (path: string, index: number): Promise<HashedBundle> => {
      const c = Math.floor(index / chunkBundles);
      let chunk = chunks.get(c);
      if (chunk === undefined) {
        const widths: number[] = [];
        for (let i = c * chunkBundles; i < Math.min(bundles, (c + 1) * chunkBundles); i++) {
          widths.push(widthOf(i));
        }
        chunk = pool.runChunk({ kind: 'sqlite-chunk', path, index: c * chunkBundles, widths });
        chunks.set(c, chunk);
      }
      if (index % chunkBundles === chunkBundles - 1 || index === bundles - 1) chunks.delete(c);
      const k = index % chunkBundles;
      return chunk.then((items) => {
        // a chunk stops at its first failing bundle: later ones fail the same way
        const item = items[Math.min(k, items.length - 1)];
        if (item?.result !== undefined && k < items.length) return item.result;
        const e = item?.error ?? { code: 'LDG_ERR_INTERNAL', message: 'empty chunk' };
        throw new LedgerError(e.code, e.message);
      });
    };
    const hashed = (index: number): Promise<HashedBundle> => {
      const width = widthOf(index);
      if (chunked) return fromChunk(path, index);
      return source
        .entryBundle(index, width)
        .then((bundle) => pool.run({ kind: 'bytes', bundle, first: index * TILE_WIDTH, width }));
    };
    const ahead: Promise<HashedBundle>[] = [];
    const fetchAhead = (index: number): void => {
      if (index >= bundles) return;
      const width = widthOf(index);
      const work = hashed(index);
      work.catch(() => undefined); // handled when awaited
      ahead[index % prefetch] = work;
      if (width === TILE_WIDTH) {
        const stored = source.tile({ level: 0, index, width }).catch((error: unknown) => {
          this.#tileUnreadable({ level: 0, index, width }, error);
          return null;
        });
        this.#storedLevel0.set(index, stored);
      }
    };
    for (let i = 0; i < Math.min(prefetch, bundles); i++) fetchAhead(i);

    let stoppedAt: number | undefined;
    /** why the pass stopped early: entries missing (truncation), unreadable, or reported by the source */
    let stopReason: 'missing' | 'unreadable' | 'reported' = 'missing';
    const nextDue = (): number => upFront[next]?.size ?? Number.MAX_SAFE_INTEGER;
    try {
      for (let index = 0; index < bundles; index++) {
        const first = index * TILE_WIDTH;
        const width = widthOf(index);
        let bundle: HashedBundle;
        try {
          bundle = await (ahead[index % prefetch] as Promise<HashedBundle>);
        } catch (error) {
          stoppedAt = first;
          const code = isLedgerError(error) ? error.code : undefined;
          if (code === 'LDG_ERR_TAMPERED') {
            stopReason = 'reported';
            const leaf = leafOf(error as LedgerError, first);
            this.#problem({
              kind: 'leaf',
              place: `leaf ${leaf}`,
              leafIndex: leaf,
              message: (error as LedgerError).message.replace(/^leaf \d+: /, ''),
            });
          } else if (code !== 'LDG_ERR_NOT_FOUND') {
            stopReason = 'unreadable';
            this.#problem({
              kind: 'log',
              place: `entries ${first}..${first + width - 1}`,
              leafIndex: first,
              message: `cannot be read from ${source.description}: ${describe(error)}`,
            });
          }
          break;
        }
        fetchAhead(index + prefetch);
        let due = nextDue();
        const hashes = bundle.leafHashes;
        for (let k = 0; k < bundle.count; k++) {
          this.#range.appendAt(hashes, k * HASH_SIZE, this.#tiles.visit);
          if (first + k + 1 === due) {
            await checkDue();
            due = nextDue();
          }
        }
        for (const p of bundle.problems) {
          this.#problem({
            kind: 'leaf',
            place: `leaf ${p.leaf}`,
            leafIndex: p.leaf,
            message: p.message,
          });
        }
        if (bundle.count < width) {
          const leaf = first + bundle.count;
          stoppedAt = leaf;
          this.#problem({
            kind: 'leaf',
            place: `leaf ${leaf}`,
            leafIndex: leaf,
            message: `missing: entry bundle ${index} holds only ${bundle.count} of ${width} entries`,
          });
          break;
        }
        if (bundle.overflow) {
          this.#problem({
            kind: 'log',
            place: `tile/entries bundle ${index}`,
            leafIndex: first,
            message: `holds more than the ${width} entries the checkpoint implies`,
          });
        }
        for (const e of bundle.checkpointEvents) await this.#checkpointEvent(e.leaf, e.event);
        this.#onProgress(this.#range.size, target);
      }
    } finally {
      await pool.close();
    }

    if (stoppedAt !== undefined || this.#range.size < target) {
      const reached = this.#range.size;
      if (stopReason === 'missing') {
        this.#problem({
          kind: 'log',
          place: `leaf ${reached}`,
          leafIndex: reached,
          size: target,
          message: `the log stops at ${reached} readable entries, but its checkpoint covers ${target}: entries were removed (truncated)`,
        });
      }
      for (; next < upFront.length; next++) {
        const c = upFront[next] as CheckpointClaim;
        if (c.size > reached) this.#badSizes.push(c.size);
      }
    } else {
      for (; next < upFront.length; next++) {
        const c = upFront[next] as CheckpointClaim;
        this.#problem({
          kind: 'checkpoint',
          place: `checkpoint ${c.size} (${c.where})`,
          size: c.size,
          message: `is beyond the log's latest checkpoint ${target}: the log was rolled back or truncated`,
        });
      }
      // the partial tiles of the checked size
      for (const partial of this.#tiles.partialTiles()) {
        this.#tileChecks.push(
          source.tile(partial.tile).then(
            (s) => this.#compareTile(partial, s),
            (error: unknown) => this.#tileUnreadable(partial.tile, error),
          ),
        );
      }
    }
    await Promise.all(this.#tileChecks);
    this.#classifyMismatches();
    if (source.audit !== undefined) {
      for (const p of await source.audit(Math.min(target, this.#range.size))) {
        this.#problem({
          kind: 'log',
          place: p.place,
          message: p.message,
          ...(p.leafIndex === undefined ? {} : { leafIndex: p.leafIndex }),
        });
      }
    }
    const root = this.#range.size === target ? this.#range.rootHash() : undefined;
    return this.#result(target, root);
  }

  /** Turns stored-tile mismatches into leaf or tile problems (see the module comment). */
  #classifyMismatches(): void {
    const good = [...this.#goodSizes].sort((a, b) => a - b);
    const bad = [...this.#badSizes].sort((a, b) => a - b);
    const covering = (sizes: number[], leaf: number): number | undefined =>
      sizes.find((s) => s > leaf);
    const firstLeaf = (m: TileMismatch): number =>
      (m.tile.index * TILE_WIDTH + m.hashIndex) * 2 ** (TILE_HEIGHT * m.tile.level);
    const level0 = this.#mismatches.filter((m) => m.tile.level === 0).map(firstLeaf);
    for (const m of this.#mismatches) {
      const place = tilePath(m.tile);
      const leaf = firstLeaf(m);
      const span = 2 ** (TILE_HEIGHT * m.tile.level);
      // a higher tile that differs above a differing level-0 hash only repeats that difference
      if (m.tile.level > 0 && level0.some((l) => l >= leaf && l < leaf + span)) continue;
      const badCp = covering(bad, leaf);
      const goodCp = covering(good, leaf);
      if (m.tile.level === 0 && (badCp !== undefined || goodCp === undefined)) {
        this.#problem({
          kind: 'leaf',
          place: `leaf ${leaf}`,
          leafIndex: leaf,
          message:
            badCp !== undefined
              ? `its entry does not hash to ${place} hash ${m.hashIndex}, and the recomputed tree does not match signed checkpoint ${badCp}: the entry was altered, removed or moved`
              : `its entry does not hash to ${place} hash ${m.hashIndex} (no signed checkpoint covers it yet)`,
        });
      } else {
        this.#problem({
          kind: 'tile',
          place,
          leafIndex: leaf,
          message:
            goodCp !== undefined
              ? `hash ${m.hashIndex} (over leaf ${leaf}) differs from the recomputed tree, which matches signed checkpoint ${goodCp}: the stored tile was altered`
              : `hash ${m.hashIndex} (over leaf ${leaf}) differs from the recomputed tree`,
        });
      }
    }
  }

  #result(size: number, rootHash: Uint8Array | undefined): VerifyLogResult {
    const rank = (p: LogProblem): number => p.leafIndex ?? p.size ?? Number.MAX_SAFE_INTEGER;
    const problems = [...this.#problems].sort((a, b) => rank(a) - rank(b));
    return {
      ok: problems.length === 0 && this.#omitted === 0,
      origin: this.#originSeen,
      size,
      rootHash,
      entriesChecked: this.#range.size,
      checkpointsVerified: this.#goodSizes.length,
      problems,
      problemsOmitted: this.#omitted,
    };
  }
}

/** `leaf N` from a source's LDG_ERR_TAMPERED message that starts with it, else the bundle's first leaf. */
function leafOf(error: LedgerError, fallback: number): number {
  const m = /^leaf (\d+)\b/.exec(error.message);
  return m?.[1] === undefined ? fallback : Number(m[1]);
}

/**
 * Verifies a whole log; see the module comment. Resolves with every problem
 * found (the result is not ok when there is any); rejects only when the
 * source fails in a way that is not about the log's contents (e.g. the key
 * string is malformed: LDG_ERR_KEY_INVALID).
 */
export async function verifyLog(options: VerifyLogOptions): Promise<VerifyLogResult> {
  const verification = new LogVerification(options);
  return verification.run(options.savedCheckpoints ?? []);
}
