/**
 * Checks an archive end to end, with nothing but the archive and the ledger's
 * public key: every bundle in log order, read by version id, and every
 * archived checkpoint. Stops at the first problem and names it (the key,
 * the version and what is wrong), as a `code` tests and tools can rely on.
 *
 * For each bundle key under `<prefix>/bundles/`, in key order (= log order):
 * - coverage: the first bundle starts at leaf 0 and each starts where the
 *   previous ended (GAP / OVERLAP);
 * - which version: the oldest stored version that checks out (a later PUT
 *   over the same key adds a version S3 keeps beside the locked original;
 *   it is ignored and reported as a warning, never trusted);
 * - the bytes match the SHA-256 stored with them (CONTENT_HASH); the manifest
 *   signature verifies against the key (MANIFEST_SIGNATURE); the container
 *   and parts are well-formed (MALFORMED) and match the manifest's SHA-256
 *   (PART_HASH); the manifest's range is the key's (RANGE_MISMATCH) and its
 *   origin the archive's (ORIGIN);
 * - the chain: the manifest names the previous bundle's key, SHA-256 and
 *   version id, and carries its checkpoint (CHAIN);
 * - the checkpoint at `end` is signed by the key, of size `end`, with the
 *   manifest's root (CHECKPOINT); the frontier is the verifier's own compact
 *   range (FRONTIER); the consistency proof from the previous checkpoint
 *   verifies (CONSISTENCY); the entries, appended to the verifier's tree,
 *   give the signed root (ROOT);
 * - the lock: COMPLIANCE (LOCK), retain-until at least the checkpoint's
 *   signing time plus the minimum retention (RETENTION);
 * - anchors: each `BundleArchived` event found in the entries that names a
 *   bundle of this archive must name the version and SHA-256 verified for it
 *   (ANCHOR).
 * Every object under `<prefix>/checkpoints/` is then checked too: signed by
 * the key, of the size its key names, locked like a bundle, and, when the
 * bundles cover it, with the root the verifier computed at that size.
 */

import type { OpenedCheckpoint } from '../checkpoint/checkpoint.js';
import {
  createCosignatureVerifier,
  openCheckpoint,
  parseCheckpointVerifierKey,
} from '../checkpoint/checkpoint.js';
import type { NoteVerifier } from '../checkpoint/signed-note.js';
import { SIGNATURE_TYPE_ED25519, decodeVerifierKey } from '../checkpoint/signed-note.js';
import { decodeAuditEvent } from '../events/decode.js';
import { decodeLedgerEntry } from '../events/encode.js';
import { LedgerError, isLedgerError } from '../errors.js';
import { CompactRange } from '../merkle/compact-range.js';
import { EMPTY_ROOT, equalBytes } from '../merkle/hasher.js';
import { verifyConsistency } from '../merkle/proof.js';
import type { ArchiveObjectInfo, ArchiveTarget, ArchiveVersionInfo } from './archive-target.js';
import { sha256Hex } from './archive-target.js';
import {
  appendBundleEntries,
  bundlesFolder,
  checkpointsFolder,
  decodeBundleParts,
  equalHashLists,
  openBundle,
  parseBundleKey,
  parseCheckpointKey,
  rangeKey,
} from './bundle.js';
import type { BundleLink, BundleParts, OpenedBundle } from './bundle.js';
import type { BundleTreeOutput } from './bundle-tree.js';
import { BundleTreePool, sharedBundleTreePool } from './bundle-tree-pool.js';
import { DEFAULT_RETENTION, addRetention, formatRetention } from './retention.js';
import type { RetentionPeriod } from './retention.js';

/** What is wrong, as a stable code (see the module comment). */
export type ArchiveProblemCode =
  | 'NO_BUNDLES'
  | 'UNEXPECTED_KEY'
  | 'GAP'
  | 'OVERLAP'
  | 'READ_FAILED'
  | 'CONTENT_HASH'
  | 'MALFORMED'
  | 'MANIFEST_SIGNATURE'
  | 'PART_HASH'
  | 'RANGE_MISMATCH'
  | 'ORIGIN'
  | 'CHAIN'
  | 'CHECKPOINT'
  | 'FRONTIER'
  | 'CONSISTENCY'
  | 'ROOT'
  | 'LOCK'
  | 'RETENTION'
  | 'ANCHOR';

/** The first problem found: where and what. */
export interface ArchiveProblem {
  readonly code: ArchiveProblemCode;
  /** The object's key (a bundle or checkpoint), or the folder for NO_BUNDLES. */
  readonly key: string;
  readonly versionId: string | null;
  readonly message: string;
}

/** Progress, reported after each bundle and each batch of checkpoints. */
export interface VerifyArchiveProgress {
  readonly bundlesDone: number;
  readonly bundlesTotal: number;
  /** Leaves covered by the bundles verified so far. */
  readonly leaves: number;
  readonly bytes: number;
  readonly checkpointsDone: number;
}

/** Options of `verifyArchive`. */
export interface VerifyArchiveOptions {
  /**
   * The ledger's verifier keys (C2SP strings `name+hex+base64`, type 0x01 or
   * 0x04, or verifier objects). For each Ed25519 key string the matching
   * timestamped-cosignature verifier is derived, so checkpoint times verify.
   */
  readonly verifierKeys: readonly (string | NoteVerifier)[];
  /** The archive's key prefix; found from the first bundle key when omitted. */
  readonly prefix?: string;
  /** Shortest acceptable lock, from each checkpoint's signing time (default five years). */
  readonly minRetention?: RetentionPeriod;
  /**
   * Require COMPLIANCE locks (default: the target's `worm`). A directory
   * target cannot lock: its checks are skipped with a warning.
   */
  readonly requireLock?: boolean;
  /** Check the archived checkpoint objects too (default true). */
  readonly checkpoints?: boolean;
  /**
   * The log is known to have at least this many leaves (e.g. from a trusted
   * checkpoint): bundles ending before it are a GAP at the end. Without it a
   * missing last bundle cannot be told from one not sealed yet.
   */
  readonly minLeaves?: number;
  /** Objects read ahead of the walk (default DEFAULT_VERIFY_CONCURRENCY). */
  readonly concurrency?: number;
  /**
   * Worker threads hashing the bundles read ahead (SHA-256s, tree) while the
   * walk checks the current one: 0 hashes on the calling thread; default the
   * process-wide pool (DEFAULT_BUNDLE_TREE_WORKERS). Every check is the same.
   */
  readonly hashWorkers?: number;
  readonly onProgress?: (progress: VerifyArchiveProgress) => void;
}

/** What `verifyArchive` found. */
export interface VerifyArchiveResult {
  readonly ok: boolean;
  readonly problem: ArchiveProblem | null;
  readonly prefix: string | null;
  readonly origin: string | null;
  /** Bundles that checked out. */
  readonly bundles: number;
  /** The end of the last bundle that checked out: leaves [0, leaves) are verified. */
  readonly leaves: number;
  readonly bytes: number;
  /** Checkpoint objects that checked out. */
  readonly checkpoints: number;
  /** Of those, the ones whose root was recomputed from the bundles. */
  readonly checkpointsWithRoot: number;
  /** `BundleArchived` events that matched the bundle they name. */
  readonly anchors: number;
  /** The earliest retain-until of any checked object (null without locks). */
  readonly earliestRetainUntil: Date | null;
  readonly warnings: readonly string[];
}

/** Objects fetched ahead of the walk by default. */
export const DEFAULT_VERIFY_CONCURRENCY = 6;

interface Group {
  readonly key: string;
  /** Stored versions (delete markers removed), oldest first. */
  readonly versions: readonly ArchiveVersionInfo[];
  /** The latest entry of the key is a delete marker. */
  readonly hidden: boolean;
}

interface Fetched {
  readonly info: ArchiveObjectInfo | null;
  readonly bytes: Uint8Array | null;
  readonly error: unknown;
  /** Hashes of `bytes` computed ahead (`hashBundleTree`, located), if any. */
  readonly hashed?: BundleTreeOutput;
}

interface ChainState {
  readonly key: string;
  readonly sha256: string;
  readonly versionId: string | null;
  readonly end: number;
  readonly rootHash: Uint8Array;
  readonly checkpointNote: Uint8Array;
}

class Problem extends Error {
  constructor(
    readonly code: ArchiveProblemCode,
    message: string,
  ) {
    super(message);
  }
}

const BUNDLE_ARCHIVED_TAG = Buffer.from([0xca, 0x02]); // field 41, wire type 2

function verifiersFrom(keys: readonly (string | NoteVerifier)[]): NoteVerifier[] {
  const out: NoteVerifier[] = [];
  for (const k of keys) {
    if (typeof k !== 'string') {
      out.push(k);
      continue;
    }
    out.push(parseCheckpointVerifierKey(k));
    const parts = decodeVerifierKey(k);
    if (parts.type === SIGNATURE_TYPE_ED25519)
      out.push(createCosignatureVerifier(parts.name, parts.key));
  }
  if (out.length === 0)
    throw new LedgerError('LDG_ERR_KEY_INVALID', 'verify-archive needs the ledger key');
  return out;
}

function describe(e: unknown): string {
  if (isLedgerError(e)) return `${e.code}: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}

async function collectGroups(target: ArchiveTarget, folder: string): Promise<Group[]> {
  // listVersions yields keys in order, newest version first within a key
  const byKey = new Map<string, { versions: ArchiveVersionInfo[]; hidden: boolean }>();
  for await (const v of target.listVersions(folder)) {
    let group = byKey.get(v.key);
    if (group === undefined) {
      group = { versions: [], hidden: false };
      byKey.set(v.key, group);
    }
    if (!v.deleteMarker) group.versions.push(v);
    else if (v.isLatest) group.hidden = true;
  }
  const groups: Group[] = [];
  for (const [key, g] of byKey) {
    if (g.versions.length > 0)
      groups.push({ key, versions: g.versions.reverse(), hidden: g.hidden });
  }
  return groups;
}

/** Reads a version: its description (lock, sha256 metadata) and its bytes. Never throws. */
async function fetchVersion(
  target: ArchiveTarget,
  key: string,
  versionId: string | null,
): Promise<Fetched> {
  try {
    const { info, bytes } = await target.read(key, versionId);
    return { info, bytes, error: null };
  } catch (error) {
    if (isLedgerError(error) && error.code === 'LDG_ERR_NOT_FOUND') {
      return { info: null, bytes: null, error: null };
    }
    return { info: null, bytes: null, error };
  }
}

/** Discovers the prefix from the first bundle key in the archive; null when there is none. */
async function discoverPrefix(target: ArchiveTarget): Promise<string | null> {
  for await (const key of target.list('')) {
    const parsed = parseBundleKey(key);
    if (parsed !== null) return parsed.prefix;
  }
  return null;
}

/**
 * The archived checkpoints each bundle covers (sizes in (first, end], by the
 * bundle keys), in bundle order; one more list at the end for those beyond
 * the last bundle.
 */
function assignCheckpoints(bundles: readonly Group[], checkpoints: readonly Group[]): Group[][] {
  const out: Group[][] = [];
  let at = 0;
  for (const b of bundles) {
    const end = parseBundleKey(b.key)?.end ?? -1;
    const mine: Group[] = [];
    while (at < checkpoints.length) {
      const size = parseCheckpointKey((checkpoints[at] as Group).key)?.size ?? -1;
      if (size > end) break;
      mine.push(checkpoints[at] as Group);
      at++;
    }
    out.push(mine);
  }
  out.push(checkpoints.slice(at));
  return out;
}

/**
 * Walks the archive in `target` and checks it (see the module comment).
 * Storage failures are reported as a READ_FAILED problem, not thrown; throws
 * only for bad options (LDG_ERR_KEY_INVALID for an unreadable key).
 */
export async function verifyArchive(
  target: ArchiveTarget,
  options: VerifyArchiveOptions,
): Promise<VerifyArchiveResult> {
  const ownPool =
    options.hashWorkers === undefined || options.hashWorkers === 0
      ? null
      : new BundleTreePool(options.hashWorkers);
  try {
    return await walkArchive(
      target,
      options,
      options.hashWorkers === undefined ? sharedBundleTreePool() : ownPool,
    );
  } finally {
    await ownPool?.close();
  }
}

/** `verifyArchive`, hashing the bundles read ahead on `pool` (null: on this thread). */
async function walkArchive(
  target: ArchiveTarget,
  options: VerifyArchiveOptions,
  pool: BundleTreePool | null,
): Promise<VerifyArchiveResult> {
  const verifiers = verifiersFrom(options.verifierKeys);
  const minRetention = options.minRetention ?? DEFAULT_RETENTION;
  const requireLock = options.requireLock ?? target.worm;
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_VERIFY_CONCURRENCY);
  const warnings: string[] = [];
  if (!requireLock) {
    warnings.push(
      `${target.location} is not WORM storage: lock mode and retention were not checked`,
    );
  }

  let prefix: string | null = options.prefix ?? null;
  let origin: string | null = null;
  let bundles = 0;
  let leaves = 0;
  let bytes = 0;
  let checkpoints = 0;
  let checkpointsWithRoot = 0;
  let anchors = 0;
  let earliestRetainUntil: Date | null = null;
  const result = (problem: ArchiveProblem | null): VerifyArchiveResult => ({
    ok: problem === null,
    problem,
    prefix,
    origin,
    bundles,
    leaves,
    bytes,
    checkpoints,
    checkpointsWithRoot,
    anchors,
    earliestRetainUntil,
    warnings,
  });
  const fail = (code: ArchiveProblemCode, key: string, versionId: string | null, message: string) =>
    result({ code, key, versionId, message });

  try {
    prefix ??= await discoverPrefix(target);
  } catch (e) {
    return fail('READ_FAILED', target.location, null, `cannot list the archive: ${describe(e)}`);
  }
  if (prefix === null) {
    return fail('NO_BUNDLES', target.location, null, 'the archive holds no bundle');
  }
  const folder = bundlesFolder(prefix);
  let bundleGroups: Group[];
  let checkpointGroups: Group[] = [];
  try {
    bundleGroups = await collectGroups(target, folder);
    if (options.checkpoints !== false)
      checkpointGroups = await collectGroups(target, checkpointsFolder(prefix));
  } catch (e) {
    return fail('READ_FAILED', folder, null, `cannot list the archive: ${describe(e)}`);
  }
  if (bundleGroups.length === 0)
    return fail('NO_BUNDLES', folder, null, 'the archive holds no bundle');
  for (const g of checkpointGroups) {
    const parsed = parseCheckpointKey(g.key);
    if (parsed?.prefix !== prefix) {
      return fail(
        'UNEXPECTED_KEY',
        g.key,
        null,
        'an object under checkpoints/ that is not a checkpoint key',
      );
    }
  }
  const checkpointsOf = assignCheckpoints(bundleGroups, checkpointGroups);
  const checkpointFetches = new Map<string, Promise<Fetched>>();
  const fetchCheckpoint = (g: Group): Promise<Fetched> => {
    let p = checkpointFetches.get(g.key);
    if (p === undefined) {
      p = fetchVersion(target, g.key, (g.versions[0] as ArchiveVersionInfo).versionId);
      checkpointFetches.set(g.key, p);
    }
    return p;
  };

  const noteLock = (
    info: ArchiveObjectInfo,
    signedAtMs: number | null,
    key: string,
  ): Problem | null => {
    if (!requireLock) return null;
    if (info.lockMode !== 'COMPLIANCE') {
      return new Problem('LOCK', `lock mode is ${info.lockMode}, not COMPLIANCE`);
    }
    if (info.retainUntil === null) return new Problem('LOCK', 'it has no retain-until date');
    const from = signedAtMs ?? info.lastModified?.getTime() ?? null;
    if (from === null) {
      warnings.push(`${key}: no signing time or modification time; retention not checked`);
    } else {
      const minimum = addRetention(new Date(from), minRetention);
      if (info.retainUntil.getTime() < minimum.getTime()) {
        return new Problem(
          'RETENTION',
          `retain-until ${info.retainUntil.toISOString()} is before ${minimum.toISOString()} ` +
            `(signed ${new Date(from).toISOString()} + ${formatRetention(minRetention)})`,
        );
      }
    }
    if (
      earliestRetainUntil === null ||
      info.retainUntil.getTime() < earliestRetainUntil.getTime()
    ) {
      earliestRetainUntil = info.retainUntil;
    }
    return null;
  };

  // bundles: read ahead (and hashed, on the pool's threads), check in order
  const fetches = new Map<number, Promise<Fetched>>();
  const prefetch = (from: number): void => {
    for (let i = from; i < Math.min(bundleGroups.length, from + concurrency); i++) {
      if (fetches.has(i)) continue;
      const g = bundleGroups[i] as Group;
      const fetched = fetchVersion(target, g.key, (g.versions[0] as ArchiveVersionInfo).versionId);
      fetches.set(i, pool === null ? fetched : fetched.then((f) => hashAhead(f, i)));
      // the checkpoint objects the bundle covers, a bounded number ahead
      for (const c of (checkpointsOf[i] ?? []).slice(0, concurrency * 4)) void fetchCheckpoint(c);
    }
  };

  /** Hashes a fetched bundle ahead; on any failure the walk hashes it itself. */
  const hashAhead = async (f: Fetched, i: number): Promise<Fetched> => {
    if (pool === null || f.bytes === null) return f;
    const range = parseBundleKey((bundleGroups[i] as Group).key);
    const sizes = (checkpointsOf[i] ?? [])
      .map((g) => parseCheckpointKey(g.key)?.size ?? -1)
      .filter((size) => range !== null && size > range.first && size <= range.end);
    try {
      const hashed = await pool.run({ bytes: f.bytes, ranges: [], locate: true, sizes });
      return { ...f, bytes: hashed.bytes, hashed };
    } catch {
      return f.bytes.buffer.byteLength === 0 ? { ...f, error: new Error('lost in hashing') } : f;
    }
  };

  let state: ChainState | null = null;
  let tree = CompactRange.empty();
  const verified = new Map<string, { sha256: string; versionId: string | null }>();

  for (let i = 0; i < bundleGroups.length; i++) {
    const group = bundleGroups[i] as Group;
    prefetch(i);
    const range = parseBundleKey(group.key);
    if (range?.prefix !== prefix) {
      return fail(
        'UNEXPECTED_KEY',
        group.key,
        null,
        'an object under bundles/ that is not a bundle key',
      );
    }
    const expected = state?.end ?? 0;
    if (range.first > expected) {
      return fail(
        'GAP',
        group.key,
        null,
        `leaves [${expected}, ${range.first}) are in no bundle: a bundle is missing before this one`,
      );
    }
    if (range.first < expected) {
      return fail(
        'OVERLAP',
        group.key,
        null,
        `starts at leaf ${range.first}, inside the previous bundle, which ends at ${expected}`,
      );
    }
    if (group.hidden) {
      warnings.push(`${group.key}: hidden by a delete marker; checked by version id`);
    }

    const sizes = checkpointsOf[i] ?? [];
    const wanted = sizes
      .map((g) => parseCheckpointKey(g.key)?.size ?? -1)
      .filter((s) => s > range.first && s <= range.end);

    let firstProblem: { problem: Problem; versionId: string | null } | null = null;
    let chosenVersion: ArchiveVersionInfo | null = null;
    let chosen: {
      fetched: Fetched;
      next: ChainState;
      tree: CompactRange;
      roots: Map<number, Uint8Array>;
      anchorsSeen: number;
      origin: string;
    } | null = null;
    for (const [vi, version] of group.versions.entries()) {
      const fetched =
        vi === 0
          ? await (fetches.get(i) as Promise<Fetched>)
          : await fetchVersion(target, group.key, version.versionId);
      try {
        chosen = await checkBundle(group.key, fetched, range, state, wanted);
        chosenVersion = version;
        break;
      } catch (e) {
        const problem = e instanceof Problem ? e : new Problem('READ_FAILED', describe(e));
        firstProblem ??= { problem, versionId: version.versionId };
      }
    }
    fetches.delete(i);
    if (chosen === null || chosenVersion === null) {
      const p = firstProblem as { problem: Problem; versionId: string | null };
      return fail(p.problem.code, group.key, p.versionId, p.problem.message);
    }
    const at = group.versions.indexOf(chosenVersion);
    const later = group.versions.length - 1 - at;
    if (later > 0) {
      warnings.push(
        `${group.key}: ${later} later version(s) ignored; the archived version ${chosenVersion.versionId ?? '(unversioned)'} was checked`,
      );
    }
    if (at > 0) {
      warnings.push(
        `${group.key}: the oldest version did not check out; a later identical one did`,
      );
    }

    state = chosen.next;
    tree = chosen.tree;
    origin ??= chosen.origin;
    verified.set(group.key, { sha256: chosen.next.sha256, versionId: chosen.next.versionId });
    anchors += chosen.anchorsSeen;
    bundles++;
    leaves = range.end;
    bytes += chosen.fetched.bytes?.length ?? 0;

    // archived checkpoints the bundles now cover
    const cpProblem = await checkCheckpointGroups(sizes, chosen.roots);
    if (cpProblem !== null) return cpProblem;
    options.onProgress?.({
      bundlesDone: bundles,
      bundlesTotal: bundleGroups.length,
      leaves,
      bytes,
      checkpointsDone: checkpoints,
    });
  }
  if (options.minLeaves !== undefined && leaves < options.minLeaves) {
    return fail(
      'GAP',
      folder,
      null,
      `the bundles end at leaf ${leaves}; leaves [${leaves}, ${options.minLeaves}) are in no bundle`,
    );
  }
  const restProblem = await checkCheckpointGroups(
    checkpointsOf[bundleGroups.length] ?? [],
    new Map(),
  );
  if (restProblem !== null) return restProblem;
  options.onProgress?.({
    bundlesDone: bundles,
    bundlesTotal: bundleGroups.length,
    leaves,
    bytes,
    checkpointsDone: checkpoints,
  });
  return result(null);

  // ------------------------------------------------------------------------

  async function checkBundle(
    key: string,
    fetched: Fetched,
    range: { first: number; end: number },
    prev: ChainState | null,
    wanted: readonly number[],
  ) {
    if (fetched.error !== null)
      throw new Problem('READ_FAILED', `cannot read it: ${describe(fetched.error)}`);
    const info = fetched.info;
    const data = fetched.bytes;
    if (info === null || data === null)
      throw new Problem('READ_FAILED', 'the listed version cannot be read');
    const known = fetched.hashed?.bytes === data ? fetched.hashed : undefined;
    const sha256 = known?.digests.get(rangeKey(0, data.length)) ?? sha256Hex(data);
    if (info.size !== data.length) {
      throw new Problem('CONTENT_HASH', `${data.length} bytes read, ${info.size} stored`);
    }
    if (info.sha256 !== undefined && info.sha256 !== sha256) {
      throw new Problem('CONTENT_HASH', `content sha256 ${sha256} != stored ${info.sha256}`);
    }
    let opened: OpenedBundle;
    try {
      opened = openBundle(data, verifiers, known?.digests);
    } catch (e) {
      if (isLedgerError(e) && e.code === 'LDG_ERR_SIGNATURE_INVALID') {
        throw new Problem('MANIFEST_SIGNATURE', `manifest signature: ${e.message}`);
      }
      if (isLedgerError(e) && e.code === 'LDG_ERR_TAMPERED')
        throw new Problem('PART_HASH', e.message);
      throw new Problem('MALFORMED', describe(e));
    }
    const m = opened.manifest;
    if (m.first !== range.first || m.end !== range.end) {
      throw new Problem(
        'RANGE_MISMATCH',
        `the key names leaves [${range.first}, ${range.end}), the manifest [${m.first}, ${m.end})`,
      );
    }
    if (origin !== null && m.origin !== origin) {
      throw new Problem(
        'ORIGIN',
        `origin ${JSON.stringify(m.origin)}, the archive's is ${JSON.stringify(origin)}`,
      );
    }
    await checkLink(m.previous, prev);
    let parts: BundleParts;
    try {
      parts = decodeBundleParts(opened);
    } catch (e) {
      throw new Problem('MALFORMED', describe(e));
    }
    let checkpoint: OpenedCheckpoint;
    try {
      checkpoint = openCheckpoint(parts.checkpointNote, verifiers, { origin: m.origin });
    } catch (e) {
      throw new Problem('CHECKPOINT', `checkpoint of size ${range.end}: ${describe(e)}`);
    }
    if (
      checkpoint.checkpoint.size !== range.end ||
      !equalBytes(checkpoint.checkpoint.rootHash, m.rootHash)
    ) {
      throw new Problem(
        'CHECKPOINT',
        `the checkpoint is of size ${checkpoint.checkpoint.size}, not the manifest's ${range.end} with its root`,
      );
    }
    if (prev !== null) {
      const note = parts.previousCheckpointNote;
      if (note === null || !equalBytes(note, prev.checkpointNote)) {
        throw new Problem(
          'CHAIN',
          "the previous-checkpoint part is not the previous bundle's checkpoint",
        );
      }
    }
    if (!equalHashLists(parts.frontier, tree.hashes())) {
      throw new Problem(
        'FRONTIER',
        `the frontier is not the tree of the ${range.first} leaves before it`,
      );
    }
    if (prev !== null) {
      try {
        verifyConsistency(
          range.first,
          range.end,
          parts.consistencyProof,
          prev.rootHash,
          m.rootHash,
        );
      } catch (e) {
        throw new Problem(
          'CONSISTENCY',
          `consistency proof from size ${range.first} to ${range.end}: ${describe(e)}`,
        );
      }
    }
    // the tree hashed ahead from the bundle's own frontier, which is (checked
    // above) the walk's tree; else appended here
    let next: CompactRange;
    const roots = new Map<number, Uint8Array>();
    let root: Uint8Array;
    const ahead = known?.tree ?? null;
    if (
      ahead !== null &&
      ahead.first === range.first &&
      ahead.count === parts.entries.length &&
      equalHashLists(ahead.frontier, parts.frontier)
    ) {
      next = CompactRange.fromHashes(range.end, ahead.endFrontier);
      root = ahead.rootHash;
      for (const [size, h] of ahead.roots) if (wanted.includes(size)) roots.set(size, h);
    } else {
      next = tree.clone();
      root = appendBundleEntries(next, range.first, parts.entries, {
        sizes: wanted,
        onRoot: (size, h) => roots.set(size, h),
      });
    }
    if (!equalBytes(root, m.rootHash)) {
      throw new Problem(
        'ROOT',
        `leaves [${range.first}, ${range.end}) do not give the signed root`,
      );
    }
    const signedAtMs = checkpoint.timestamp === undefined ? null : checkpoint.timestamp * 1000;
    const lock = noteLock(info, signedAtMs, key);
    if (lock !== null) throw lock;
    const anchorsSeen = checkAnchors(opened.parts[4] as Uint8Array, parts.entries);
    return {
      fetched,
      origin: m.origin,
      next: {
        key,
        sha256,
        versionId: info.versionId,
        end: range.end,
        rootHash: m.rootHash,
        checkpointNote: Uint8Array.from(parts.checkpointNote),
      },
      tree: next,
      roots,
      anchorsSeen,
    };
  }

  async function checkLink(link: BundleLink | null, prev: ChainState | null): Promise<void> {
    if (prev === null) {
      if (link !== null)
        throw new Problem('CHAIN', `the first bundle names a previous one (${link.key})`);
      return;
    }
    if (link === null) throw new Problem('CHAIN', `names no previous bundle; expected ${prev.key}`);
    if (link.key !== prev.key || link.sha256 !== prev.sha256) {
      throw new Problem(
        'CHAIN',
        `names previous ${link.key} (sha256 ${link.sha256}); the archive's is ${prev.key} (sha256 ${prev.sha256})`,
      );
    }
    if (link.versionId === prev.versionId) return;
    // an identical copy of the previous bundle stored again (a retry after a delete marker)
    const named =
      link.versionId === null ? null : await fetchVersion(target, link.key, link.versionId);
    if (
      named?.info?.sha256 === link.sha256 &&
      named.bytes !== null &&
      sha256Hex(named.bytes) === link.sha256
    ) {
      warnings.push(
        `${link.key}: the chain names version ${link.versionId ?? '-'}, an identical copy of the checked version ${prev.versionId ?? '-'}`,
      );
      return;
    }
    throw new Problem(
      'CHAIN',
      `names version ${link.versionId ?? '-'} of ${link.key}; the archived version is ${prev.versionId ?? '-'}`,
    );
  }

  function checkAnchors(part: Uint8Array, entries: readonly Uint8Array[]): number {
    let count = 0;
    // one scan of the part for the field's tag; only the entries holding it are decoded
    const buf = Buffer.from(part.buffer, part.byteOffset, part.byteLength);
    let e = 0;
    for (let hit = buf.indexOf(BUNDLE_ARCHIVED_TAG); hit >= 0;) {
      // the entry the hit lies in (entries are views into the part, in order)
      let entry: Uint8Array | undefined;
      for (; e < entries.length; e++) {
        const x = entries[e] as Uint8Array;
        const end = x.byteOffset - part.byteOffset + x.length;
        if (hit + BUNDLE_ARCHIVED_TAG.length <= end) {
          if (hit >= x.byteOffset - part.byteOffset) entry = x;
          break;
        }
      }
      if (entry === undefined) {
        hit = buf.indexOf(BUNDLE_ARCHIVED_TAG, hit + 1);
        continue;
      }
      e++;
      hit = buf.indexOf(BUNDLE_ARCHIVED_TAG, entry.byteOffset - part.byteOffset + entry.length);
      let archived;
      try {
        archived = decodeAuditEvent(decodeLedgerEntry(entry).event).message.bundleArchived;
      } catch {
        continue;
      }
      if (archived === null || archived === undefined) continue;
      if (archived.target !== target.location) continue;
      const key = archived.key ?? '';
      const known = verified.get(key);
      if (known === undefined) continue;
      const vid =
        archived.versionId === '' || archived.versionId === undefined ? null : archived.versionId;
      if (archived.sha256 !== known.sha256 || vid !== known.versionId) {
        throw new Problem(
          'ANCHOR',
          `a BundleArchived event in it names ${key} version ${vid ?? '-'} sha256 ${String(archived.sha256)}; ` +
            `the archive holds version ${known.versionId ?? '-'} sha256 ${known.sha256}`,
        );
      }
      count++;
    }
    return count;
  }

  async function checkCheckpointGroups(
    groups: readonly Group[],
    roots: ReadonlyMap<number, Uint8Array>,
  ): Promise<VerifyArchiveResult | null> {
    for (let j = 0; j < groups.length; j++) {
      for (let k = j; k < Math.min(groups.length, j + concurrency * 2); k++) {
        void fetchCheckpoint(groups[k] as Group);
      }
      const g = groups[j] as Group;
      const p = fetchCheckpoint(g);
      const size = parseCheckpointKey(g.key)?.size ?? -1;
      let first: { problem: Problem; versionId: string | null } | null = null;
      let ok = false;
      for (const [vi, version] of g.versions.entries()) {
        const fetched = vi === 0 ? await p : await fetchVersion(target, g.key, version.versionId);
        try {
          const withRoot = checkCheckpointObject(g.key, size, fetched, roots);
          if (withRoot) checkpointsWithRoot++;
          ok = true;
          break;
        } catch (e) {
          const problem = e instanceof Problem ? e : new Problem('READ_FAILED', describe(e));
          first ??= { problem, versionId: version.versionId };
        }
      }
      checkpointFetches.delete(g.key);
      if (!ok && first !== null)
        return fail(first.problem.code, g.key, first.versionId, first.problem.message);
      checkpoints++;
    }
    return null;
  }

  function checkCheckpointObject(
    key: string,
    size: number,
    fetched: Fetched,
    roots: ReadonlyMap<number, Uint8Array>,
  ): boolean {
    if (fetched.error !== null)
      throw new Problem('READ_FAILED', `cannot read it: ${describe(fetched.error)}`);
    const { info, bytes: data } = fetched;
    if (info === null || data === null)
      throw new Problem('READ_FAILED', 'the listed version cannot be read');
    if (info.sha256 !== undefined && info.sha256 !== sha256Hex(data)) {
      throw new Problem('CONTENT_HASH', 'content does not match its stored sha256');
    }
    let opened: OpenedCheckpoint;
    try {
      opened = openCheckpoint(data, verifiers, origin === null ? {} : { origin });
    } catch (e) {
      throw new Problem('CHECKPOINT', describe(e));
    }
    if (opened.checkpoint.size !== size) {
      throw new Problem('CHECKPOINT', `holds a checkpoint of size ${opened.checkpoint.size}`);
    }
    const lock = noteLock(
      info,
      opened.timestamp === undefined ? null : opened.timestamp * 1000,
      key,
    );
    if (lock !== null) throw lock;
    const expected = size === 0 ? EMPTY_ROOT : roots.get(size);
    if (expected === undefined) return false;
    if (!equalBytes(expected, opened.checkpoint.rootHash)) {
      throw new Problem('ROOT', `its root is not the root of the archived leaves [0, ${size})`);
    }
    return true;
  }
}
