/**
 * The sequencer: the one subscriber of the store that turns its order into
 * the Merkle log (RFC 9162) and signs checkpoints of it (C2SP
 * tlog-checkpoint).
 *
 * Per batch of stored events, in position order:
 *   1. each event whose id is not a leaf yet becomes leaf `size`; its leaf data
 *      is the LedgerEntry {event bytes, recorded-at, position, leaf index}
 *      (leaf-entry.ts); a repeat of an id (possible with EventStoreDB) is
 *      recorded as a duplicate of the first leaf and counted;
 *   2. the compact range appends the leaf hash and reports completed nodes to
 *      the tile accumulator (tlog-tiles, 256 hashes per tile);
 *   3. one atomic `commit` writes the leaves, the tiles that became full, the
 *      partial tiles of the new size and the progress (size, last position,
 *      compact range). A crash loses at most the step in flight, which is
 *      redone identically: the log is a pure function of the store's order.
 *
 * Checkpoints: once leaves arrive after the last checkpoint, one is signed at
 * most `checkpointIntervalMs` later (so every interval while the log grows),
 * recorded durably, then announced: a CheckpointSigned event appended to the
 * store (checkpoint-event.ts), after claiming it on the fence when there is
 * one. The sequencer's own CheckpointSigned leaves do not by themselves call
 * for another checkpoint, so an idle log stays still.
 *
 * Failures: any error in a step reloads the state from the store and retries
 * after `retryDelayMs`; the errors go to `onError`. Losing the fence
 * (LDG_ERR_WRONG_EXPECTED_VERSION) or a commit conflict with another
 * sequencer stops this one (fatal).
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Ed25519NoteSigner } from '../checkpoint/signed-note.js';
import { signCheckpoint } from '../checkpoint/checkpoint.js';
import { LedgerError, isLedgerError } from '../errors.js';
import { CompactRange } from '../merkle/compact-range.js';
import { HASH_SIZE, sha256Into } from '../merkle/hasher.js';
import { TileAccumulator } from '../merkle/tiles.js';
import type { TileData } from '../merkle/tiles.js';
import { START } from '../store/event-store.js';
import type { AppendResult, NewEvent } from '../store/event-store.js';
import { checkpointEvent, checkpointEventId } from './checkpoint-event.js';
import type { SequencerFence } from './fence.js';
import { LeafEntryWriter } from './leaf-entry.js';
import type { CheckpointRecord, DuplicateRecord, MerkleStateStore } from './merkle-state-store.js';
import type { PackedEvents, SequencerSource, SourceEvent } from './sequencer-source.js';

/** Default time between checkpoints while the log grows. */
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 1000;
/** Default largest step: events hashed and committed in one transaction. */
export const DEFAULT_SEQUENCER_BATCH = 8192;
/** Default pause before retrying after an error. */
export const DEFAULT_RETRY_DELAY_MS = 1000;
/** Default longest wait of `waitForCheckpoint`. */
export const DEFAULT_CHECKPOINT_WAIT_MS = 30_000;

/** Appends the sequencer's CheckpointSigned events (an EventStore does). */
export interface CheckpointRecorder {
  append(events: readonly NewEvent[]): Promise<AppendResult[]>;
}

/** Options of `createSequencer`. */
export interface SequencerOptions {
  readonly source: SequencerSource;
  readonly state: MerkleStateStore;
  /** the log's signing key */
  readonly signer: Ed25519NoteSigner;
  /** the checkpoint origin line, e.g. `audit-ledger.example.com/prod` */
  readonly origin: string;
  /** default DEFAULT_CHECKPOINT_INTERVAL_MS */
  readonly checkpointIntervalMs?: number;
  /** default DEFAULT_SEQUENCER_BATCH */
  readonly batchSize?: number;
  /** where CheckpointSigned events go; without one, checkpoints are signed and kept but not logged */
  readonly recorder?: CheckpointRecorder;
  /** single-writer fence (EventStoreDB deployments) */
  readonly fence?: SequencerFence;
  /** default DEFAULT_RETRY_DELAY_MS */
  readonly retryDelayMs?: number;
  /** the clock, unix ms (default Date.now) */
  readonly now?: () => number;
  /** told about every error; `fatal` when the sequencer stopped because of it */
  readonly onError?: (error: LedgerError, fatal: boolean) => void;
}

/** Counters for metrics. */
export interface SequencerStats {
  /** leaves in the log */
  readonly size: number;
  /** last store position processed */
  readonly afterPosition: number;
  /** stored events not yet processed (positions behind the store's head) */
  readonly lag: number;
  /** repeats of an event id skipped as leaves, since the log began */
  readonly duplicates: number;
  /** checkpoints signed by this process */
  readonly checkpointsSigned: number;
  /** size of the latest signed checkpoint (0 before the first) */
  readonly checkpointSize: number;
  /** true once stopped (by `stop` or a fatal error) */
  readonly stopped: boolean;
}

interface Waiter {
  readonly positions: readonly number[];
  readonly maxPosition: number;
  readonly resolve: (leaves: number[]) => void;
  readonly reject: (error: LedgerError) => void;
  readonly timer: NodeJS.Timeout;
}

function positiveInt(value: number | undefined, fallback: number, name: string): number {
  const v = value ?? fallback;
  if (!Number.isSafeInteger(v) || v < 1) {
    throw new LedgerError('LDG_ERR_CONFIG', `${name} must be a positive integer, got ${String(v)}`);
  }
  return v;
}

function asLedgerError(error: unknown, doing: string): LedgerError {
  if (isLedgerError(error)) return error;
  return new LedgerError('LDG_ERR_INTERNAL', `${doing}: ${String(error)}`, { cause: error });
}

/** Errors after which this sequencer must not go on: another one holds the log. */
function isFatal(error: LedgerError): boolean {
  return error.code === 'LDG_ERR_WRONG_EXPECTED_VERSION' || error.code === 'LDG_ERR_CONFLICT';
}

/** The sequencer; see the module comment. Create with `createSequencer`, then `start()`. */
export class Sequencer {
  readonly #source: SequencerSource;
  readonly #state: MerkleStateStore;
  readonly #signer: Ed25519NoteSigner;
  readonly #origin: string;
  readonly #intervalMs: number;
  readonly #batchSize: number;
  readonly #recorder: CheckpointRecorder | undefined;
  readonly #fence: SequencerFence | undefined;
  readonly #retryDelayMs: number;
  readonly #now: () => number;
  readonly #onError: (error: LedgerError, fatal: boolean) => void;
  readonly #writer = new LeafEntryWriter();
  readonly #leafHash = new Uint8Array(HASH_SIZE);

  #range = CompactRange.empty();
  #tiles = new TileAccumulator();
  #fullTiles: TileData[] = [];
  #size = 0;
  #after = START;
  #duplicates = 0;
  #latest: CheckpointRecord | undefined;
  #fenceRevision: number | null = null;
  /** leaves other than our own CheckpointSigned events arrived since the latest checkpoint */
  #uncovered = false;
  /** store positions of CheckpointSigned events we appended and have not sequenced yet */
  readonly #ownPositions = new Set<number>();
  #checkpointsSigned = 0;
  #knownHead = START;

  /** the in-memory tree may be ahead of the store: reload before the next step */
  #dirty = false;
  #started = false;
  #stopped = false;
  readonly #abort = new AbortController();
  #loop: Promise<void> = Promise.resolve();
  #timer: NodeJS.Timeout | undefined;
  #headTimer: NodeJS.Timeout | undefined;
  /** serialises steps and checkpoint signing */
  #lock: Promise<void> = Promise.resolve();
  /** serialises announcements (fence claims must go in size order) */
  #announcing: Promise<void> = Promise.resolve();
  readonly #waiters = new Set<Waiter>();
  readonly #sizeListeners = new Set<{ size: number; resolve: () => void }>();

  constructor(options: SequencerOptions) {
    this.#source = options.source;
    this.#state = options.state;
    this.#signer = options.signer;
    this.#origin = options.origin;
    this.#intervalMs = positiveInt(
      options.checkpointIntervalMs,
      DEFAULT_CHECKPOINT_INTERVAL_MS,
      'checkpointIntervalMs',
    );
    this.#batchSize = positiveInt(options.batchSize, DEFAULT_SEQUENCER_BATCH, 'batchSize');
    this.#retryDelayMs = positiveInt(options.retryDelayMs, DEFAULT_RETRY_DELAY_MS, 'retryDelayMs');
    this.#recorder = options.recorder;
    this.#fence = options.fence;
    this.#now = options.now ?? Date.now;
    this.#onError = options.onError ?? ((): void => undefined);
  }

  /** The checkpoint origin line. */
  get origin(): string {
    return this.#origin;
  }

  /**
   * Loads the committed state and starts sequencing in the background.
   * Rejects when the state cannot be loaded. Call once.
   */
  async start(): Promise<void> {
    if (this.#started) throw new LedgerError('LDG_ERR_INTERNAL', 'the sequencer was started twice');
    this.#started = true;
    await this.#load();
    const latest = await this.#state.latestCheckpoint();
    this.#latest = latest;
    // leaves beyond the latest checkpoint (from before a restart) still want one
    if (this.#size > (latest?.size ?? 0)) this.#uncovered = true;
    this.#scheduleCheckpoint();
    this.#announce();
    this.#headTimer = setInterval(() => {
      this.#source.head().then(
        (head) => {
          this.#knownHead = head;
        },
        () => undefined,
      );
    }, this.#intervalMs);
    this.#headTimer.unref();
    this.#loop = this.#run(this.#abort.signal);
  }

  /** Stops sequencing, fails pending `waitForCheckpoint` calls, and waits for the current step. Idempotent. */
  async stop(): Promise<void> {
    this.#halt();
    await this.#loop;
    await this.#lock;
    await this.#announcing;
  }

  #halt(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#abort.abort();
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    if (this.#headTimer !== undefined) clearInterval(this.#headTimer);
    this.#timer = undefined;
    const shutting = new LedgerError('LDG_ERR_SHUTTING_DOWN', 'the sequencer is stopping');
    for (const w of this.#waiters) {
      clearTimeout(w.timer);
      w.reject(shutting);
    }
    this.#waiters.clear();
    for (const listener of this.#sizeListeners) listener.resolve();
    this.#sizeListeners.clear();
  }

  stats(): SequencerStats {
    let head = this.#knownHead;
    if (this.#source.headSync !== undefined) {
      try {
        head = this.#source.headSync();
      } catch {
        // metrics must not throw: keep the last known head
      }
    }
    this.#knownHead = Math.max(head, this.#knownHead);
    return {
      size: this.#size,
      afterPosition: this.#after,
      lag: Math.max(0, this.#knownHead - this.#after),
      duplicates: this.#duplicates,
      checkpointsSigned: this.#checkpointsSigned,
      checkpointSize: this.#latest?.size ?? 0,
      stopped: this.#stopped,
    };
  }

  /**
   * Resolves with the leaf index of each stored position once a signed
   * checkpoint covers all of them (a skipped duplicate answers its first
   * occurrence's leaf). Rejects with LDG_ERR_STORE_UNAVAILABLE after
   * `timeoutMs` and LDG_ERR_SHUTTING_DOWN when the sequencer stops.
   */
  waitForCheckpoint(
    positions: readonly number[],
    timeoutMs: number = DEFAULT_CHECKPOINT_WAIT_MS,
  ): Promise<number[]> {
    if (this.#stopped) {
      return Promise.reject(new LedgerError('LDG_ERR_SHUTTING_DOWN', 'the sequencer is stopped'));
    }
    if (positions.length === 0) return Promise.resolve([]);
    return new Promise<number[]>((resolve, reject) => {
      const waiter: Waiter = {
        positions: [...positions],
        maxPosition: Math.max(...positions),
        resolve,
        reject,
        timer: setTimeout(() => {
          this.#waiters.delete(waiter);
          reject(
            new LedgerError(
              'LDG_ERR_STORE_UNAVAILABLE',
              `no signed checkpoint covered the events within ${timeoutMs} ms (they are stored)`,
            ),
          );
        }, timeoutMs),
      };
      this.#waiters.add(waiter);
      void this.#settle(waiter);
    });
  }

  /** Resolves once the log has at least `size` leaves (or the sequencer stops). */
  waitForSize(size: number): Promise<void> {
    if (this.#size >= size || this.#stopped) return Promise.resolve();
    return new Promise<void>((resolve) => this.#sizeListeners.add({ size, resolve }));
  }

  /** Signs a checkpoint now if the log grew since the last one; returns the latest checkpoint. */
  async checkpointNow(): Promise<CheckpointRecord | undefined> {
    await this.#locked(() => this.#signCheckpoint(true));
    return this.#latest;
  }

  /** Resolves when every checkpoint signed so far has been announced (or announcing failed). */
  async announced(): Promise<void> {
    await this.#announcing;
  }

  // -------------------------------------------------------------------------

  #locked<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#lock.then(fn);
    this.#lock = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  async #load(): Promise<void> {
    const point = await this.#state.resumePoint();
    const p = point.progress;
    this.#fullTiles = [];
    this.#range = CompactRange.fromHashes(p.size, p.rangeHashes);
    this.#tiles = TileAccumulator.resume(p.size, point.partialTiles, {
      onFullTile: (tile) => this.#fullTiles.push(tile),
    });
    this.#size = p.size;
    this.#after = p.afterPosition;
    this.#duplicates = p.duplicates;
    this.#knownHead = Math.max(this.#knownHead, p.afterPosition);
    if (this.#fence !== undefined) this.#fenceRevision = await this.#state.lastFenceRevision();
    this.#dirty = false;
  }

  #report(error: unknown, doing: string): LedgerError {
    const e = asLedgerError(error, doing);
    const fatal = isFatal(e);
    if (fatal) this.#halt();
    try {
      this.#onError(e, fatal);
    } catch {
      // an error reporter must not break the sequencer
    }
    return e;
  }

  async #run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        const source = this.#source;
        if (source.uniqueEventIds && source.packedBatches !== undefined) {
          for await (const page of source.packedBatches(this.#after, this.#batchSize, signal)) {
            if (signal.aborted) break;
            await this.#locked(() => this.#stepPacked(page));
          }
        } else {
          for await (const batch of source.batches(this.#after, this.#batchSize, signal)) {
            if (signal.aborted) break;
            await this.#locked(() => this.#step(batch));
          }
        }
      } catch (error) {
        if (signal.aborted) break;
        this.#report(error, 'sequencing');
        await delay(this.#retryDelayMs, undefined, { signal }).catch(() => undefined);
      }
    }
  }

  /** One step: see the module comment. On any failure the state is reloaded and the error rethrown. */
  async #step(batch: readonly SourceEvent[]): Promise<void> {
    if (this.#dirty) await this.#load();
    const unique = this.#source.uniqueEventIds;
    let known: Map<string, number> | undefined;
    if (!unique) {
      const ids = batch.map((e, i) => {
        if (typeof e.eventId !== 'string') {
          throw new LedgerError('LDG_ERR_INTERNAL', `source event ${i} has no event id`);
        }
        return e.eventId;
      });
      known = await this.#state.knownEventIds(ids);
    }
    const startSize = this.#size;
    try {
      const positions: number[] = [];
      const eventIds: string[] | null = unique ? null : [];
      const duplicates: DuplicateRecord[] = [];
      const seen = new Map<string, number>();
      let after = this.#after;
      let external = false;
      for (const e of batch) {
        if (e.position <= after) continue;
        after = e.position;
        const leafIndex = startSize + positions.length;
        if (known !== undefined && eventIds !== null) {
          const eventId = e.eventId as string;
          const first = known.get(eventId) ?? seen.get(eventId);
          if (first !== undefined) {
            duplicates.push({ position: e.position, eventId, leafIndex: first });
            continue;
          }
          eventIds.push(eventId);
          seen.set(eventId, leafIndex);
        }
        // 0x00 || LedgerEntry, hashed where it was written (RFC 9162 leaf hash)
        const input = this.#writer.writeLeafInput(e.data, e.recordedAt, e.position, leafIndex);
        sha256Into(input, this.#leafHash, 0);
        this.#range.append(this.#leafHash, this.#tiles.visit);
        positions.push(e.position);
        if (!this.#ownPositions.delete(e.position)) external = true;
      }
      if (after === this.#after) return;
      await this.#commit(startSize, after, positions, eventIds, duplicates, external);
    } catch (error) {
      // the in-memory tree may be ahead of what was committed: start again from the store
      this.#dirty = true;
      await this.#load().catch(() => undefined);
      throw error;
    }
    this.#grown();
  }

  /**
   * One step over a packed page (unique ids, so no duplicates): the same
   * leaves as `#step`, hashed straight from the page's bytes.
   */
  async #stepPacked(page: PackedEvents): Promise<void> {
    if (this.#dirty) await this.#load();
    const startSize = this.#size;
    try {
      const positions: number[] = [];
      const { count, positions: at, recordedAt, ends, bytes } = page;
      const writer = this.#writer;
      const leafHash = this.#leafHash;
      const range = this.#range;
      const visit = this.#tiles.visit;
      const own = this.#ownPositions;
      let after = this.#after;
      let external = false;
      let start = 0;
      writer.loadPage(bytes);
      for (let i = 0; i < count; i++) {
        const position = at[i] as number;
        const end = ends[i] as number;
        const eventStart = start;
        start = end;
        if (position <= after) continue;
        after = position;
        // 0x00 || LedgerEntry, hashed where it was written (RFC 9162 leaf hash)
        const leafIndex = startSize + positions.length;
        writer.pageLeafHashInto(
          eventStart,
          end,
          recordedAt[i] as number,
          position,
          leafIndex,
          leafHash,
          0,
        );
        range.append(leafHash, visit);
        positions.push(position);
        if (own.size === 0 || !own.delete(position)) external = true;
      }
      if (after === this.#after) return;
      await this.#commit(startSize, after, positions, null, [], external);
    } catch (error) {
      // the in-memory tree may be ahead of what was committed: start again from the store
      this.#dirty = true;
      await this.#load().catch(() => undefined);
      throw error;
    }
    this.#grown();
  }

  /** Commits the leaves appended since size `startSize` with the tiles and progress they make. */
  async #commit(
    startSize: number,
    after: number,
    positions: number[],
    eventIds: string[] | null,
    duplicates: DuplicateRecord[],
    external: boolean,
  ): Promise<void> {
    const tiles = [...this.#fullTiles, ...this.#tiles.partialTiles()];
    const progress = {
      size: this.#range.size,
      afterPosition: after,
      rangeHashes: this.#range.hashes(),
      duplicates: this.#duplicates + duplicates.length,
    };
    await this.#state.commit({
      firstLeaf: startSize,
      positions,
      eventIds,
      duplicates,
      tiles,
      progress,
    });
    this.#fullTiles = [];
    this.#size = progress.size;
    this.#after = after;
    this.#duplicates = progress.duplicates;
    if (external) {
      this.#uncovered = true;
      this.#scheduleCheckpoint();
    }
  }

  /** Wakes `waitForSize` callers the log has grown for. */
  #grown(): void {
    for (const listener of this.#sizeListeners) {
      if (this.#size >= listener.size) {
        this.#sizeListeners.delete(listener);
        listener.resolve();
      }
    }
  }

  #scheduleCheckpoint(): void {
    if (this.#timer !== undefined || this.#stopped || !this.#uncovered) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#locked(() => this.#signCheckpoint(false)).catch((error: unknown) => {
        this.#report(error, 'signing a checkpoint');
        this.#scheduleCheckpoint();
      });
    }, this.#intervalMs);
  }

  async #signCheckpoint(force: boolean): Promise<void> {
    if (this.#stopped) return;
    const size = this.#size;
    if (size === 0 || (this.#latest !== undefined && this.#latest.size >= size)) return;
    if (!force && !this.#uncovered) return;
    const signedAt = this.#now();
    const rootHash = this.#range.rootHash();
    const note = signCheckpoint({ origin: this.#origin, size, rootHash }, this.#signer, {
      timestamp: Math.floor(signedAt / 1000),
    });
    const record: CheckpointRecord = {
      size,
      rootHash,
      note,
      signedAt,
      announced: false,
      fenceRevision: null,
    };
    await this.#state.putCheckpoint(record);
    this.#latest = record;
    this.#checkpointsSigned++;
    this.#uncovered = false;
    for (const waiter of this.#waiters) void this.#settle(waiter);
    this.#announce();
  }

  /** Resolves a waiter if the latest checkpoint covers all its positions. */
  async #settle(waiter: Waiter): Promise<void> {
    const latest = this.#latest;
    if (latest === undefined || waiter.maxPosition > this.#after) return;
    try {
      const leaves = await this.#state.leafIndexesOf(waiter.positions);
      const out: number[] = [];
      for (const position of waiter.positions) {
        const leaf = leaves.get(position);
        if (leaf === undefined) {
          throw new LedgerError(
            'LDG_ERR_INTERNAL',
            `position ${position} was processed but has no leaf`,
          );
        }
        if (leaf >= latest.size) return;
        out.push(leaf);
      }
      if (this.#waiters.delete(waiter)) {
        clearTimeout(waiter.timer);
        waiter.resolve(out);
      }
    } catch (error) {
      if (this.#waiters.delete(waiter)) {
        clearTimeout(waiter.timer);
        waiter.reject(asLedgerError(error, 'looking up leaves'));
      }
    }
  }

  /** Announces every checkpoint not yet in the log, in size order, after any announcement in flight. */
  #announce(): void {
    const recorder = this.#recorder;
    if (recorder === undefined) return;
    this.#announcing = this.#announcing.then(async () => {
      if (this.#stopped) return;
      try {
        for (const c of await this.#state.unannouncedCheckpoints()) {
          if (this.#stopped) return;
          if (this.#fence !== undefined && c.fenceRevision === null) {
            const revision = await this.#fence.claim(
              {
                eventId: checkpointEventId(this.#origin, c.size),
                origin: this.#origin,
                size: c.size,
                rootHash: c.rootHash,
                note: c.note,
              },
              this.#fenceRevision,
            );
            await this.#state.setFenceRevision(c.size, revision);
            this.#fenceRevision = revision;
          }
          const [result] = await recorder.append([checkpointEvent(this.#origin, c)]);
          if (result !== undefined && result.position > this.#after) {
            this.#ownPositions.add(result.position);
          }
          await this.#state.markAnnounced(c.size);
        }
      } catch (error) {
        this.#report(error, 'announcing a checkpoint');
        if (!this.#stopped) {
          setTimeout(() => this.#announce(), this.#retryDelayMs).unref();
        }
      }
    });
  }
}

/** A sequencer over `options.source` and `options.state`; call `start()`. */
export function createSequencer(options: SequencerOptions): Sequencer {
  return new Sequencer(options);
}
