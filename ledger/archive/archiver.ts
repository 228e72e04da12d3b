/**
 * The archiver: seals the log into bundles and stores them for write-once
 * retention, anchored back in the log.
 *
 * Every round it
 * 1. archives each new signed checkpoint as `<prefix>/checkpoints/<size>`;
 * 2. seals a bundle when `bundleEntries` leaves wait past the chain's end, or
 *    `bundleIntervalMs` passed since the last seal (only for ranges holding
 *    at least one gateway event: a tail of the ledger's own bookkeeping events
 *    does not start a bundle by itself), always ending at a signed checkpoint:
 *    the largest one at most `bundleEntries` leaves ahead (or the first one
 *    beyond, when none is that close), then lowered to fit `maxBundleBytes`;
 * 3. for each bundle: records the intent (range, seal time, retain-until)
 *    durably, builds the bytes (`bundle.ts`: a pure function of the range and
 *    the previous bundle), stores them with `ensureArchived` (one PUT with
 *    Content-MD5, COMPLIANCE lock until seal time + retention; an identical
 *    object already there is recognised, not uploaded again), confirms the
 *    lock with a HEAD of the stored version, records the bundle in the
 *    progress store, then appends a `BundleArchived` event (deterministic
 *    event_id) to the log.
 *
 * Crash safety: after a crash at any step the next start resumes from the
 * progress store: a recorded intent is sealed again with the same range (so
 * the same bytes: `ensureArchived` finds them); a bundle stored but not yet
 * in the progress store is found by listing the archive past the chain's
 * end and adopted when identical (`LDG_ERR_ARCHIVE_CONFLICT` otherwise); a
 * missing `BundleArchived` event is appended again (a duplicate id writes
 * nothing). One range never gets two different objects, and bundles stay
 * contiguous from leaf 0.
 *
 * Only one archiver may run per stream (target + prefix); the progress store
 * refuses a bundle that does not continue its chain.
 */

import { LedgerError, isLedgerError } from '../errors.js';
import type { Ed25519NoteSigner, NoteVerifier } from '../checkpoint/signed-note.js';
import { openCheckpoint } from '../checkpoint/checkpoint.js';
import { decodeAuditEvent } from '../events/decode.js';
import { decodeLedgerEntry } from '../events/encode.js';
import { isInternalPayloadType, payloadTypeOfCase } from '../events/schema.js';
import { equalBytes } from '../merkle/hasher.js';
import type {
  ArchiveProgress,
  ArchiveProgressStore,
  ArchivedBundleRecord,
} from './archive-progress.js';
import type { ArchiveSource, SignedCheckpoint } from './archive-source.js';
import { ensureArchived, sha256Hex } from './archive-target.js';
import type {
  ArchiveObjectInfo,
  ArchiveReadiness,
  ArchiveTarget,
  EnsureArchivedResult,
} from './archive-target.js';
import {
  archivePrefixFor,
  bundleKey,
  bundlesFolder,
  checkpointKey,
  parseBundleKey,
  prepareBundleAsync,
  prepareBundleWith,
  sealBundleAsync,
} from './bundle.js';
import type { BundleLink, PreparedBundle, SealedBundle } from './bundle.js';
import { BundleTreePool, sharedBundleTreePool } from './bundle-tree-pool.js';
import { DEFAULT_ARCHIVER_IDENTITY, buildBundleArchivedEvent } from './bundle-archived-event.js';
import type { InternalEventIdentity } from './bundle-archived-event.js';
import { createRetentionPolicy } from './retention.js';
import type { RetentionPolicy } from './retention.js';

/**
 * Leaves per bundle by default. A busy fleet (10,000-50,000 events/s) seals
 * one every 2-10 s: objects of 30-60 MB at typical 300-600-byte entries, well
 * inside a single PUT (5 GB limit) and small enough to hold in memory and to
 * re-read quickly when an auditor checks one range.
 */
export const DEFAULT_BUNDLE_ENTRIES = 100_000;
/**
 * Longest wait before a quieter log is sealed anyway: bounds how long a
 * gateway event may sit outside WORM storage (10 minutes), while keeping an
 * idle ledger to at most 144 small bundles a day.
 */
export const DEFAULT_BUNDLE_INTERVAL_MS = 10 * 60_000;
/** Largest bundle, in entry bytes; a range is lowered to the last checkpoint that fits. */
export const DEFAULT_MAX_BUNDLE_BYTES = 256 * 1024 * 1024;
/** How often the archiver looks for new checkpoints (the sequencer signs about once a second). */
export const DEFAULT_ARCHIVE_POLL_INTERVAL_MS = 1_000;
/** Checkpoint objects uploaded at once. */
export const DEFAULT_CHECKPOINT_UPLOAD_CONCURRENCY = 8;
/** Longest pause between rounds after repeated failures. */
export const MAX_ARCHIVE_RETRY_DELAY_MS = 60_000;

const CHECKPOINT_PAGE = 256;

/** Where the archiver reports what an operator should see. */
export interface ArchiverLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

const SILENT: ArchiverLog = { info() {}, warn() {}, error() {} };

/** Test seams: called at the two points a crash is most interesting. */
export interface ArchiverHooks {
  /** A bundle is stored and its lock confirmed; the progress store does not know it yet. */
  afterUpload?(bundle: SealedBundle, stored: EnsureArchivedResult): void | Promise<void>;
  /** The progress store recorded the bundle; its `BundleArchived` event is not appended yet. */
  afterRecord?(bundle: ArchivedBundleRecord): void | Promise<void>;
}

/** Options of `createArchiver`. */
export interface ArchiverOptions {
  readonly source: ArchiveSource;
  readonly target: ArchiveTarget;
  readonly progress: ArchiveProgressStore;
  /** The ledger key: signs manifests; its verifier checks the checkpoints. */
  readonly signer: Ed25519NoteSigner;
  /** Keys the sequencer's checkpoints may be signed with (default: the signer's own). */
  readonly verifiers?: readonly NoteVerifier[];
  /** Retention of every object (default: five years, with a five-year floor). */
  readonly retention?: RetentionPolicy;
  /** Key prefix (default `archivePrefixFor(source.origin)`). */
  readonly prefix?: string;
  readonly bundleEntries?: number;
  readonly bundleIntervalMs?: number;
  readonly maxBundleBytes?: number;
  readonly pollIntervalMs?: number;
  readonly checkpointConcurrency?: number;
  /**
   * Worker threads hashing bundles (their tree and SHA-256) beside the
   * archiver's own thread: 0 hashes on it; default the process-wide pool
   * (DEFAULT_BUNDLE_TREE_WORKERS).
   */
  readonly hashWorkers?: number;
  /** Who `BundleArchived` events name (default DEFAULT_ARCHIVER_IDENTITY). */
  readonly identity?: InternalEventIdentity;
  readonly log?: ArchiverLog;
  readonly now?: () => Date;
  readonly hooks?: ArchiverHooks;
}

/** What one round did. */
export interface ArchiveRoundResult {
  /** Bundles added to the chain this round (sealed, resumed or adopted), in order. */
  readonly bundles: readonly ArchivedBundleRecord[];
  /** Of those, the ones found already stored (nothing uploaded). */
  readonly alreadyPresent: number;
  /** Checkpoint objects archived this round. */
  readonly checkpoints: number;
}

/** A snapshot of the archiver's state. */
export interface ArchiverStatus {
  readonly location: string;
  readonly prefix: string;
  readonly worm: boolean;
  readonly running: boolean;
  /** The chain's last bundle. */
  readonly last: ArchivedBundleRecord | null;
  /** Largest archived checkpoint size (-1: none). */
  readonly checkpointSize: number;
  readonly rounds: number;
  readonly failedRounds: number;
  readonly lastError: string | null;
}

/** Options of one round. */
export interface RunOnceOptions {
  /** Seal everything up to the latest checkpoint, whatever the thresholds (tests, shutdown). */
  readonly force?: boolean;
}

/** A running (or runnable) archiver. */
export interface Archiver {
  readonly prefix: string;
  /**
   * Checks the target (`checkReady`: an S3 bucket without Object Lock or
   * versioning is refused with `LDG_ERR_ARCHIVE_NOT_READY`), logs its
   * warnings (a directory is not WORM), resumes from the progress store, then
   * runs rounds in the background every `pollIntervalMs`. Resolves with the
   * readiness once resumed; failures of later rounds are logged and retried.
   */
  start(): Promise<ArchiveReadiness>;
  /** Runs one round now (after any round in progress); resumes first if needed. */
  runOnce(options?: RunOnceOptions): Promise<ArchiveRoundResult>;
  /** Stops the background rounds and waits for the current one. Idempotent. */
  stop(): Promise<void>;
  status(): ArchiverStatus;
}

function positiveInt(value: number | undefined, dflt: number, name: string, min = 1): number {
  const v = value ?? dflt;
  if (!Number.isSafeInteger(v) || v < min) {
    throw new LedgerError(
      'LDG_ERR_CONFIG',
      `archiver ${name} must be an integer >= ${min}, got ${v}`,
    );
  }
  return v;
}

/** Builds an archiver; nothing runs until `start` or `runOnce`. Throws LDG_ERR_CONFIG for bad options. */
export function createArchiver(options: ArchiverOptions): Archiver {
  return new ArchiverImpl(options);
}

interface NextRange {
  readonly first: number;
  readonly end: number;
  readonly entries: readonly Uint8Array[];
}

interface ReadRange {
  readonly first: number;
  readonly end: number;
  /** Dropped (null) once the bundle is prepared: ranges read ahead hold no more than they need. */
  entries: readonly Uint8Array[] | null;
  /** A HEAD of the bundle's key, sent once the range was known. */
  readonly present: Promise<ArchiveObjectInfo | null>;
}

interface PreparedRange {
  readonly first: number;
  readonly end: number;
  readonly prepared: PreparedBundle;
  /** A HEAD of the bundle's key, sent while it was prepared (null: none sent). */
  readonly present?: Promise<ArchiveObjectInfo | null>;
}

class ArchiverImpl implements Archiver {
  readonly prefix: string;
  readonly #source: ArchiveSource;
  readonly #target: ArchiveTarget;
  readonly #store: ArchiveProgressStore;
  readonly #signer: Ed25519NoteSigner;
  readonly #verifiers: readonly NoteVerifier[];
  readonly #retention: RetentionPolicy;
  readonly #bundleEntries: number;
  readonly #bundleIntervalMs: number;
  readonly #maxBundleBytes: number;
  readonly #pollIntervalMs: number;
  readonly #checkpointConcurrency: number;
  readonly #identity: InternalEventIdentity;
  readonly #log: ArchiverLog;
  readonly #now: () => Date;
  readonly #hooks: ArchiverHooks;
  readonly #bucket: string;
  /** null: hash on this thread */
  readonly #pool: BundleTreePool | null;
  readonly #ownsPool: boolean;

  #progress: ArchiveProgress | null = null;
  #chain: Promise<unknown> = Promise.resolve();
  #timer: NodeJS.Timeout | null = null;
  #running = false;
  #stopped = false;
  #rounds = 0;
  #failedRounds = 0;
  #lastError: string | null = null;
  /** a tail of ledger-internal events only, up to this size, does not start a bundle on time */
  #internalOnlyUpTo = -1;
  /**
   * The BundleArchived event of the chain's last bundle, being appended while
   * the next bundle uploads; awaited before the next bundle joins the chain,
   * so at most the last bundle can lack its event after a crash.
   */
  #recording: Promise<void> = Promise.resolve();

  constructor(options: ArchiverOptions) {
    this.#source = options.source;
    this.#target = options.target;
    this.#store = options.progress;
    this.#signer = options.signer;
    this.#verifiers = options.verifiers ?? [options.signer.verifier()];
    this.#retention = options.retention ?? createRetentionPolicy();
    this.prefix = options.prefix ?? archivePrefixFor(options.source.origin);
    // validates the prefix
    checkpointKey(this.prefix, 0);
    this.#bundleEntries = positiveInt(
      options.bundleEntries,
      DEFAULT_BUNDLE_ENTRIES,
      'bundleEntries',
    );
    this.#bundleIntervalMs = positiveInt(
      options.bundleIntervalMs,
      DEFAULT_BUNDLE_INTERVAL_MS,
      'bundleIntervalMs',
    );
    this.#maxBundleBytes = positiveInt(
      options.maxBundleBytes,
      DEFAULT_MAX_BUNDLE_BYTES,
      'maxBundleBytes',
      1024,
    );
    this.#pollIntervalMs = positiveInt(
      options.pollIntervalMs,
      DEFAULT_ARCHIVE_POLL_INTERVAL_MS,
      'pollIntervalMs',
    );
    this.#checkpointConcurrency = positiveInt(
      options.checkpointConcurrency,
      DEFAULT_CHECKPOINT_UPLOAD_CONCURRENCY,
      'checkpointConcurrency',
    );
    this.#identity = options.identity ?? DEFAULT_ARCHIVER_IDENTITY;
    this.#log = options.log ?? SILENT;
    this.#now = options.now ?? (() => new Date());
    this.#hooks = options.hooks ?? {};
    const t = this.#target as ArchiveTarget & { readonly bucket?: unknown };
    this.#bucket = typeof t.bucket === 'string' ? t.bucket : '';
    const workers = positiveInt(options.hashWorkers, 1, 'hashWorkers', 0);
    this.#pool =
      options.hashWorkers === undefined
        ? sharedBundleTreePool()
        : workers === 0
          ? null
          : new BundleTreePool(workers);
    this.#ownsPool = options.hashWorkers !== undefined && workers > 0;
  }

  async start(): Promise<ArchiveReadiness> {
    if (this.#stopped) throw new LedgerError('LDG_ERR_SHUTTING_DOWN', 'the archiver was stopped');
    const ready = await this.#target.checkReady();
    for (const w of ready.warnings) this.#log.warn(`archive: ${w}`);
    await this.#exclusive(() => this.#resume({ bundles: [], alreadyPresent: 0 }));
    this.#log.info(
      `archive: ${ready.location}/${this.prefix} (${ready.worm ? 'WORM, COMPLIANCE lock' : 'not WORM'}); ` +
        `chain ends at leaf ${this.#progress?.last?.end ?? 0}`,
    );
    this.#running = true;
    this.#schedule(0);
    return ready;
  }

  runOnce(options: RunOnceOptions = {}): Promise<ArchiveRoundResult> {
    return this.#exclusive(() => this.#round(options.force === true));
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#running = false;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#chain.catch(() => undefined);
    if (this.#pool !== null && this.#ownsPool) await this.#pool.close();
  }

  status(): ArchiverStatus {
    return {
      location: this.#target.location,
      prefix: this.prefix,
      worm: this.#target.worm,
      running: this.#running,
      last: this.#progress?.last ?? null,
      checkpointSize: this.#progress?.checkpointSize ?? -1,
      rounds: this.#rounds,
      failedRounds: this.#failedRounds,
      lastError: this.#lastError,
    };
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.runOnce().then(
        () => {
          this.#schedule(this.#pollIntervalMs);
        },
        (e: unknown) => {
          this.#log.error(`archive: round failed: ${describe(e)}`, e);
          const backoff = Math.min(
            MAX_ARCHIVE_RETRY_DELAY_MS,
            this.#pollIntervalMs * 2 ** Math.min(this.#failedRounds, 10),
          );
          this.#schedule(backoff);
        },
      );
    }, delayMs);
    this.#timer.unref();
  }

  #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#chain.then(fn, fn);
    this.#chain = run.catch(() => undefined);
    return run;
  }

  async #round(force: boolean): Promise<ArchiveRoundResult> {
    const out = { bundles: [] as ArchivedBundleRecord[], alreadyPresent: 0 };
    try {
      if (this.#progress === null) await this.#resume(out);
      // checkpoint objects and bundles are independent: store them side by side
      const [checkpoints, sealed] = await Promise.allSettled([
        this.#archiveCheckpoints(),
        this.#sealDue(force, out),
      ]);
      if (checkpoints.status === 'rejected') throw checkpoints.reason;
      if (sealed.status === 'rejected') throw sealed.reason;
      this.#rounds++;
      this.#lastError = null;
      return { ...out, checkpoints: checkpoints.value };
    } catch (e) {
      // let an append in flight settle before the next round reloads the progress
      await this.#recording.catch(() => undefined);
      this.#failedRounds++;
      this.#lastError = describe(e);
      // the next round reloads what is durable
      this.#progress = null;
      throw e;
    }
  }

  /** Loads the progress and finishes whatever a crash interrupted. */
  async #resume(out: { bundles: ArchivedBundleRecord[]; alreadyPresent: number }): Promise<void> {
    const p = await this.#store.load();
    this.#progress = p;
    if (p.last !== null && !p.lastRecorded) {
      this.#log.info(`archive: recording BundleArchived for ${p.last.key} (interrupted)`);
      await this.#record(p.last);
    }
    if (p.pending !== null) {
      const first = p.last?.end ?? 0;
      if (p.pending.first !== first) {
        throw new LedgerError(
          'LDG_ERR_INTERNAL',
          `archive progress: pending range starts at ${p.pending.first}, the chain ends at ${first}`,
        );
      }
      this.#log.info(`archive: resuming the seal of leaves [${first}, ${p.pending.end})`);
      const now = this.#now();
      const retainUntil =
        p.pending.retainUntil.getTime() > now.getTime()
          ? p.pending.retainUntil
          : this.#retention.retainUntil(now);
      const prepared = await this.#prepare({ first, end: p.pending.end }, p.frontier);
      await this.#seal(prepared, p.pending.sealedAt, retainUntil, true, out);
    }
    await this.#adoptOrphans(out);
    await this.#recording;
  }

  /**
   * Bundles in the archive past the chain's end: stored by a run that
   * crashed before its progress recorded them. Each must continue the chain
   * and hold exactly the bytes this archiver seals for its range.
   */
  async #adoptOrphans(out: {
    bundles: ArchivedBundleRecord[];
    alreadyPresent: number;
  }): Promise<void> {
    const last = this.#progress?.last ?? null;
    const orphans: string[] = [];
    const listing = this.#target.list(
      bundlesFolder(this.prefix),
      last === null ? {} : { startAfter: last.key },
    );
    for await (const key of listing) orphans.push(key);
    for (const key of orphans) {
      const range = parseBundleKey(key);
      const expected = this.#progress?.last?.end ?? 0;
      if (range?.prefix !== this.prefix) {
        this.#log.warn(`archive: ${this.#target.location}/${key} is not a bundle key; ignored`);
        continue;
      }
      if (range.first !== expected) {
        throw new LedgerError(
          'LDG_ERR_ARCHIVE_CONFLICT',
          `${this.#target.location}/${key} lies beyond the archived chain, which ends at leaf ${expected}: ` +
            'the progress store and the archive disagree; refusing to write until a person checks',
        );
      }
      this.#log.info(`archive: adopting ${key} (stored before a crash)`);
      const sealedAt = this.#now();
      const prepared = await this.#prepare(
        { first: range.first, end: range.end },
        this.#progress?.frontier ?? [],
      );
      await this.#seal(prepared, sealedAt, this.#retention.retainUntil(sealedAt), false, out);
    }
  }

  async #entries(first: number, end: number): Promise<readonly Uint8Array[]> {
    const entries = await this.#source.entries(first, end);
    if (entries.length !== end - first) {
      throw new LedgerError(
        'LDG_ERR_INTERNAL',
        `archive source returned ${entries.length} entries for leaves [${first}, ${end})`,
      );
    }
    return entries;
  }

  async #checkpoint(size: number): Promise<SignedCheckpoint> {
    const cp = await this.#source.checkpointAt(size);
    if (cp?.size !== size) {
      throw new LedgerError(
        'LDG_ERR_INTERNAL',
        `archive source has no signed checkpoint of size ${size}`,
      );
    }
    return cp;
  }

  /**
   * Seals every due range, in order. Reading a range's entries (this thread)
   * and hashing its bundle (a worker thread, once the previous range's tree
   * is known) do not depend on the uploads, so they run ahead of them:
   * while one bundle is sealed and uploaded, the next two ranges are read
   * and hashed, each stage starting as soon as the one before it is done
   * (at most two ranges ahead, in memory only). Only the manifest, which
   * names the previous bundle's version id, waits for the upload before it.
   * Ranges are read ahead only when due by their size (or `force`); a range
   * due by time alone is looked for after the previous seal, as its time
   * counts from that seal.
   */
  async #sealDue(
    force: boolean,
    out: { bundles: ArchivedBundleRecord[]; alreadyPresent: number },
  ): Promise<void> {
    const progress = this.#progress;
    if (progress === null)
      throw new LedgerError('LDG_ERR_INTERNAL', 'archiver progress not loaded');
    interface Stage {
      readonly read: Promise<ReadRange | null>;
      readonly prepared: Promise<PreparedRange | null>;
    }
    const track = <T>(p: Promise<T>): Promise<T> => {
      p.catch(() => undefined); // surfaced where it is awaited; dropped if a seal fails
      return p;
    };
    const stage = (
      read: Promise<ReadRange | null>,
      frontier: Promise<readonly Uint8Array[] | null>,
    ): Stage => ({
      read: track(read),
      prepared: track(
        Promise.all([read, frontier]).then(([r, f]) =>
          r === null || f === null ? null : this.#prepareRead(r, f),
        ),
      ),
    });
    // the stage after `prev`: its range read as soon as prev's is, hashed once prev's tree is known
    const follow = (prev: Stage): Stage =>
      stage(
        prev.read.then((r) => (r === null ? null : this.#readDue(r.end, null, force))),
        prev.prepared.then((p) => p?.prepared.endFrontier ?? null),
      );
    let current = stage(
      this.#readDue(progress.last?.end ?? 0, progress.last?.sealedAt.getTime() ?? 0, force),
      Promise.resolve(progress.frontier),
    );
    let next = follow(current);
    let after = follow(next);
    for (;;) {
      const range = await current.prepared;
      if (range === null) break;
      const sealedAt = this.#now();
      await this.#seal(range, sealedAt, this.#retention.retainUntil(sealedAt), false, out);
      if ((await next.read) !== null) {
        current = next;
        next = after;
        after = follow(next);
      } else {
        // nothing due by size after it: due by time, counted from this seal?
        current = stage(
          this.#readDue(range.end, sealedAt.getTime(), force),
          Promise.resolve(range.prepared.endFrontier),
        );
        next = follow(current);
        after = follow(next);
      }
    }
    await this.#recording;
  }

  /**
   * The range due after leaf `first`, its entries read, and a HEAD of its
   * key sent; `lastSealMs` null: due by size (or force) only.
   */
  async #readDue(
    first: number,
    lastSealMs: number | null,
    force: boolean,
  ): Promise<ReadRange | null> {
    const range = await this.#nextRange(first, lastSealMs, force);
    if (range === null) return null;
    // look for the key while the bundle is prepared (and the previous one uploads)
    const present = this.#target.head(bundleKey(this.prefix, range.first, range.end));
    present.catch(() => undefined); // looked at (or looked for again) by #upload
    return { ...range, present };
  }

  /** Prepares the bundle of a range read by `#readDue`, on the tree of `frontier`. */
  async #prepareRead(range: ReadRange, frontier: readonly Uint8Array[]): Promise<PreparedRange> {
    const entries = range.entries;
    if (entries === null) {
      throw new LedgerError(
        'LDG_ERR_INTERNAL',
        `leaves [${range.first}, ${range.end}) prepared twice`,
      );
    }
    range.entries = null;
    return { ...(await this.#prepare(range, frontier, entries)), present: range.present };
  }

  /** Reads (unless given) the entries of `range` and prepares its bundle. */
  async #prepare(
    range: { readonly first: number; readonly end: number },
    frontier: readonly Uint8Array[],
    given?: readonly Uint8Array[],
  ): Promise<PreparedRange> {
    const { first, end } = range;
    const checkpoint = await this.#checkpoint(end);
    const previous = first === 0 ? null : await this.#checkpoint(first);
    const entries = given ?? (await this.#entries(first, end));
    const input = {
      origin: this.#source.origin,
      frontier,
      first,
      entries,
      checkpoint: checkpoint.note,
      previousCheckpoint: previous?.note ?? null,
      verifiers: this.#verifiers,
    };
    const pool = this.#pool;
    const prepared =
      pool === null
        ? await prepareBundleAsync(input)
        : await prepareBundleWith(input, (task) => pool.run(task));
    return { first, end, prepared };
  }

  /** The next range due for sealing after leaf `first`, or null. */
  async #nextRange(
    first: number,
    lastSealMs: number | null,
    force: boolean,
  ): Promise<NextRange | null> {
    const latest = await this.#source.latestCheckpoint();
    if (latest === null || latest.size <= first) return null;
    const byCount = latest.size - first >= this.#bundleEntries;
    const byTime =
      lastSealMs !== null && this.#now().getTime() - lastSealMs >= this.#bundleIntervalMs;
    if (!byCount && !force && (!byTime || latest.size <= this.#internalOnlyUpTo)) return null;

    let end = (await this.#source.checkpointAtOrBefore(first + this.#bundleEntries))?.size ?? -1;
    if (end <= first) {
      const [next] = await this.#source.checkpointsAfter(first, 1);
      if (next === undefined) return null;
      end = next.size;
    }
    let entries = await this.#entries(first, end);

    let total = 0;
    let fit = entries.length;
    for (let i = 0; i < entries.length; i++) {
      total += (entries[i] as Uint8Array).length;
      if (total > this.#maxBundleBytes) {
        fit = i;
        break;
      }
    }
    if (fit < entries.length) {
      const lower = await this.#source.checkpointAtOrBefore(first + fit);
      if (lower !== null && lower.size > first) {
        end = lower.size;
        entries = entries.slice(0, end - first);
      } else {
        this.#log.warn(
          `archive: no signed checkpoint lets leaves from ${first} fit ${this.#maxBundleBytes} bytes; sealing [${first}, ${end}) larger`,
        );
      }
    }

    if (!byCount && !force && entries.every(isInternalEntry)) {
      this.#internalOnlyUpTo = end;
      return null;
    }
    return { first, end, entries };
  }

  /**
   * `ensureArchived`, with its look-before-upload split out: the key is
   * HEADed (by `present`, sent while the bundle was prepared, when given);
   * when absent, the one locked PUT is sent; when present, `ensureArchived`
   * recognises the identical object (or refuses other bytes,
   * LDG_ERR_ARCHIVE_CONFLICT).
   */
  async #upload(
    sealed: SealedBundle,
    retainUntil: Date,
    present?: Promise<ArchiveObjectInfo | null>,
  ): Promise<EnsureArchivedResult> {
    const options = { retainUntil, sha256: sealed.sha256 };
    // a HEAD sent while the bundle was prepared; if it failed, ask again
    const found =
      present === undefined
        ? await this.#target.head(sealed.key)
        : await present.catch(() => this.#target.head(sealed.key));
    if (found === null) {
      const stored = await this.#target.putLocked(sealed.key, sealed.bytes, options);
      return { ...stored, alreadyPresent: false, retentionExtended: false };
    }
    return ensureArchived(this.#target, sealed.key, sealed.bytes, options);
  }

  async #seal(
    range: PreparedRange,
    sealedAt: Date,
    retainUntil: Date,
    hasIntent: boolean,
    out: { bundles: ArchivedBundleRecord[]; alreadyPresent: number },
  ): Promise<void> {
    const progress = this.#progress;
    if (progress === null)
      throw new LedgerError('LDG_ERR_INTERNAL', 'archiver progress not loaded');
    const { first, end } = range;
    const last = progress.last;
    if ((last?.end ?? 0) !== first) {
      throw new LedgerError(
        'LDG_ERR_INTERNAL',
        `archiver: range [${first}, ${end}) does not follow the chain end ${last?.end ?? 0}`,
      );
    }
    if (!hasIntent) await this.#store.beginSeal({ first, end, sealedAt, retainUntil });
    const link: BundleLink | null =
      last === null ? null : { key: last.key, sha256: last.sha256, versionId: last.versionId };
    // the S3 upload's Content-MD5 is computed beside the file's SHA-256
    const sealed = await sealBundleAsync(
      range.prepared,
      link,
      this.#signer,
      this.prefix,
      this.#target.kind === 's3',
    );
    const stored = await this.#upload(sealed, retainUntil, range.present);
    this.#confirmLock(sealed, stored, retainUntil);
    if (stored.alreadyPresent) {
      out.alreadyPresent++;
      this.#log.info(
        `archive: ${sealed.key} was already stored with the same bytes; not uploaded again`,
      );
    }
    await this.#hooks.afterUpload?.(sealed, stored);

    const record: ArchivedBundleRecord = {
      key: sealed.key,
      first,
      end,
      sha256: sealed.sha256,
      versionId: stored.versionId,
      size: sealed.bytes.length,
      retainUntil: stored.retainUntil,
      lockMode: stored.lockMode,
      sealedAt,
    };
    await this.#recording;
    await this.#store.completeSeal(record, sealed.endFrontier);
    this.#progress = {
      last: record,
      lastRecorded: false,
      frontier: sealed.endFrontier,
      pending: null,
      checkpointSize: this.#progress?.checkpointSize ?? progress.checkpointSize,
    };
    out.bundles.push(record);
    await this.#hooks.afterRecord?.(record);
    const recording = this.#record(record);
    recording.catch(() => undefined); // surfaced where it is awaited
    this.#recording = recording;
  }

  /**
   * The lock as the target read it back after storing (`putLocked` HEADs the
   * new version; `ensureArchived` HEADs an existing one and extends a short
   * lock): the target's mode, until >= asked, the same bytes.
   */
  #confirmLock(sealed: SealedBundle, stored: EnsureArchivedResult, retainUntil: Date): void {
    const where = `${this.#target.location}/${sealed.key}${stored.versionId === null ? '' : ` (version ${stored.versionId})`}`;
    const asked = Math.ceil(retainUntil.getTime() / 1000) * 1000;
    let problem: string | null = null;
    if (stored.lockMode !== this.#target.lockMode) problem = `lock mode is ${stored.lockMode}`;
    else if (this.#target.worm && stored.retainUntil.getTime() < asked) {
      problem = `retain-until is ${stored.retainUntil.toISOString()}, asked ${retainUntil.toISOString()}`;
    } else if (stored.size !== sealed.bytes.length || stored.sha256 !== sealed.sha256) {
      problem = 'holds other bytes';
    }
    if (problem !== null) {
      throw new LedgerError('LDG_ERR_ARCHIVE', `${where} is not stored as asked: ${problem}`);
    }
  }

  async #record(record: ArchivedBundleRecord): Promise<void> {
    const event = buildBundleArchivedEvent(
      record,
      { location: this.#target.location, bucket: this.#bucket },
      this.#identity,
    );
    await this.#source.appendEvent(event);
    await this.#store.markRecorded(record.key);
    if (this.#progress?.last?.key === record.key) {
      this.#progress = { ...this.#progress, lastRecorded: true };
    }
  }

  /** Archives every signed checkpoint past the recorded size; returns how many. */
  async #archiveCheckpoints(): Promise<number> {
    let count = 0;
    for (;;) {
      const after = this.#progress?.checkpointSize ?? -1;
      const batch = await this.#source.checkpointsAfter(after, CHECKPOINT_PAGE);
      if (batch.length === 0) return count;
      const retainUntil = this.#retention.retainUntil(this.#now());
      await mapLimit(batch, this.#checkpointConcurrency, (cp) =>
        this.#archiveCheckpoint(cp, retainUntil),
      );
      const size = (batch[batch.length - 1] as SignedCheckpoint).size;
      await this.#store.saveCheckpointSize(size);
      if (this.#progress !== null) this.#progress = { ...this.#progress, checkpointSize: size };
      count += batch.length;
      if (batch.length < CHECKPOINT_PAGE) return count;
    }
  }

  async #archiveCheckpoint(cp: SignedCheckpoint, retainUntil: Date): Promise<void> {
    const key = checkpointKey(this.prefix, cp.size);
    try {
      await ensureArchived(this.#target, key, cp.note, {
        retainUntil,
        sha256: sha256Hex(cp.note),
      });
    } catch (e) {
      if (!isLedgerError(e) || e.code !== 'LDG_ERR_ARCHIVE_CONFLICT') throw e;
      // a checkpoint of this size is there with other bytes: the same tree
      // head signed at another time is harmless; another root is a fork
      const existing = await this.#target.get(key);
      let same = false;
      try {
        const opened = openCheckpoint(existing, this.#verifiers, { origin: this.#source.origin });
        same =
          opened.checkpoint.size === cp.size && equalBytes(opened.checkpoint.rootHash, cp.rootHash);
      } catch {
        same = false;
      }
      if (!same) {
        throw new LedgerError(
          'LDG_ERR_TAMPERED',
          `${this.#target.location}/${key} holds a checkpoint of size ${cp.size} with another root (or no valid signature): the log forked or the archive was written by someone else`,
          { cause: e },
        );
      }
      this.#log.warn(
        `archive: ${key} already holds the same tree head signed at another time; kept`,
      );
    }
  }
}

/** True when a LedgerEntry wraps one of the ledger's own events (checkpoint_signed, bundle_archived...). */
function isInternalEntry(entry: Uint8Array): boolean {
  try {
    const { event } = decodeLedgerEntry(entry);
    const kase = decodeAuditEvent(event).message.payload;
    const type = kase === undefined ? undefined : payloadTypeOfCase(kase);
    return type !== undefined && isInternalPayloadType(type);
  } catch {
    return false;
  }
}

async function mapLimit<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function describe(e: unknown): string {
  if (isLedgerError(e)) return `${e.code}: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}
