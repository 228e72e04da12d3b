/**
 * The archive bundle: one file that seals a contiguous leaf range [first, end)
 * of the log, ending at a signed checkpoint of size `end`. Its bytes are a
 * pure function of the range (and of the previous bundle it names): no
 * timestamp other than those inside the checkpoints it carries, a fixed part
 * order, no compression, and an Ed25519 manifest signature (deterministic,
 * RFC 8032). So a retry after a crash rebuilds the very same bytes.
 *
 * Layout (the README (archive section) describes it byte by byte, for readers written
 * without this code):
 *
 *   "audit-ledger-bundle/v1\n"
 *   <manifest length, decimal ASCII> "\n"
 *   <manifest: a C2SP signed note, exactly that many bytes>
 *   <part checkpoint> <part previous-checkpoint> <part consistency-proof>
 *   <part frontier> <part entries>          (concatenated, no separators)
 *
 * The manifest text, signed with the ledger key:
 *
 *   audit-ledger.bundle/v1
 *   origin <checkpoint origin>
 *   leaves <first> <end>
 *   root <base64 root hash of the tree of size end>
 *   previous none | previous <key> <sha256 hex> <version id or ->
 *   part checkpoint <length> <sha256 hex>
 *   part previous-checkpoint <length> <sha256 hex>
 *   part consistency-proof <length> <sha256 hex>
 *   part frontier <length> <sha256 hex>
 *   part entries <length> <sha256 hex>
 *
 * Parts: the signed checkpoint note of size `end`; the one of size `first`
 * (empty when first = 0); the RFC 9162 consistency proof from `first` to `end`
 * as concatenated 32-byte hashes (empty when first = 0); the frontier, the
 * compact range of [0, first) (one 32-byte hash per one-bit of `first`,
 * largest subtree first), which lets a reader recompute the root at `end`
 * from this bundle alone; the entries, each a big-endian uint16 length then
 * the LedgerEntry bytes (the Merkle leaf data), as in C2SP tlog-tiles entry
 * bundles.
 */

import { createHash, webcrypto } from 'node:crypto';
import { LedgerError, isLedgerError } from '../errors.js';
import type { Checkpoint, OpenedCheckpoint } from '../checkpoint/checkpoint.js';
import { openCheckpoint } from '../checkpoint/checkpoint.js';
import type { NoteSigner, NoteVerifier } from '../checkpoint/signed-note.js';
import { decodeBase64, encodeBase64, openNote, signNote } from '../checkpoint/signed-note.js';
import { CompactRange } from '../merkle/compact-range.js';
import { HASH_SIZE, equalBytes } from '../merkle/hasher.js';
import {
  assemblePlan,
  consistencyProofPlan,
  onesCount,
  rangeNodes,
  verifyConsistency,
} from '../merkle/proof.js';
import {
  archiveKeyIssues,
  isSha256Hex,
  sha256Hex,
  vouchMd5,
  vouchSha256,
} from './archive-target.js';
import type { BundleTreeOutput, BundleTreeTask } from './bundle-tree.js';

/** First line of every bundle file. */
export const BUNDLE_MAGIC = 'audit-ledger-bundle/v1\n';

/** First line of the manifest note text. */
export const MANIFEST_HEADER = 'audit-ledger.bundle/v1';

/** The parts of a bundle, in the order they are stored and listed. */
export const BUNDLE_PART_NAMES = [
  'checkpoint',
  'previous-checkpoint',
  'consistency-proof',
  'frontier',
  'entries',
] as const;

/** The name of one part of a bundle. */
export type BundlePartName = (typeof BUNDLE_PART_NAMES)[number];

/** Digits of the zero-padded leaf numbers in keys (2^64 fits), so lexical order = log order. */
export const LEAF_NUMBER_DIGITS = 20;

/** Largest manifest accepted by the reader (a real one is about 700 bytes). */
export const MAX_MANIFEST_BYTES = 65_536;

/** Largest entry a bundle can hold (uint16 length prefix). */
export const MAX_BUNDLE_ENTRY_BYTES = 0xffff;

/**
 * Room a prepared bundle keeps in front of its parts for the header and the
 * manifest (a manifest is about 700 bytes; keys and version ids are at most
 * 1,024 each). A larger front is still sealed, by copying.
 */
export const HEAD_RESERVE = 8192;

/** Prepared buffers whose room was used by a seal: a second seal copies instead. */
const sealedInPlace = new WeakSet<Uint8Array>();

const MAGIC_BYTES = Buffer.from(BUNDLE_MAGIC, 'latin1');
const DECIMAL = /^(0|[1-9][0-9]{0,15})$/;
// a version id travels in one manifest line: printable ASCII, no space
const VERSION_ID = /^[\x21-\x7e]{1,1024}$/;

/** The identity of an archived bundle, as the next bundle's manifest names it. */
export interface BundleLink {
  readonly key: string;
  /** Lower-case hex SHA-256 of the whole bundle file. */
  readonly sha256: string;
  /** The storage version id (S3); null for a target without versions. */
  readonly versionId: string | null;
}

/** One part as the manifest lists it. */
export interface BundlePartInfo {
  readonly name: BundlePartName;
  readonly length: number;
  readonly sha256: string;
}

/** The signed manifest of a bundle, parsed. */
export interface BundleManifest {
  readonly origin: string;
  readonly first: number;
  readonly end: number;
  /** Root hash of the tree of size `end` (32 bytes). */
  readonly rootHash: Uint8Array;
  /** The previous bundle, or null for the bundle that starts at leaf 0. */
  readonly previous: BundleLink | null;
  /** The five parts, in BUNDLE_PART_NAMES order. */
  readonly parts: readonly BundlePartInfo[];
}

// ---------------------------------------------------------------------------
// keys

function pad(n: number): string {
  return String(n).padStart(LEAF_NUMBER_DIGITS, '0');
}

function assertPrefix(prefix: string): void {
  const issues = archiveKeyIssues(prefix, 'prefix');
  if (issues.length > 0) {
    throw new LedgerError(
      'LDG_ERR_CONFIG',
      `archive prefix "${prefix}" is not a valid key path: ${issues.map((i) => i.message).join('; ')}`,
    );
  }
}

function assertLeafNumber(n: number, name: string): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new LedgerError('LDG_ERR_VALIDATION', `${name} must be a safe non-negative integer`);
  }
}

/**
 * The key of the bundle of leaves [first, end) under `prefix`:
 * `<prefix>/bundles/<first, 20 digits>-<end, 20 digits>.bundle`. Requires a
 * valid prefix (LDG_ERR_CONFIG) and 0 <= first < end (LDG_ERR_VALIDATION).
 */
export function bundleKey(prefix: string, first: number, end: number): string {
  assertPrefix(prefix);
  assertLeafNumber(first, 'first');
  assertLeafNumber(end, 'end');
  if (end <= first) throw new LedgerError('LDG_ERR_VALIDATION', 'a bundle holds at least one leaf');
  return `${prefix}/bundles/${pad(first)}-${pad(end)}.bundle`;
}

/** The key of the archived checkpoint of `size`: `<prefix>/checkpoints/<size, 20 digits>`. */
export function checkpointKey(prefix: string, size: number): string {
  assertPrefix(prefix);
  assertLeafNumber(size, 'size');
  return `${prefix}/checkpoints/${pad(size)}`;
}

/** The folder all bundles of `prefix` live in (`<prefix>/bundles/`). */
export function bundlesFolder(prefix: string): string {
  return `${prefix}/bundles/`;
}

/** The folder all archived checkpoints of `prefix` live in (`<prefix>/checkpoints/`). */
export function checkpointsFolder(prefix: string): string {
  return `${prefix}/checkpoints/`;
}

const BUNDLE_KEY = /^(.+)\/bundles\/([0-9]{20})-([0-9]{20})\.bundle$/;
const CHECKPOINT_KEY = /^(.+)\/checkpoints\/([0-9]{20})$/;

function leafNumber(digits: string): number | null {
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : null;
}

/** The prefix and range a bundle key names, or null when `key` is not a bundle key. */
export function parseBundleKey(
  key: string,
): { readonly prefix: string; readonly first: number; readonly end: number } | null {
  const m = BUNDLE_KEY.exec(key);
  if (m?.[1] === undefined || m[2] === undefined || m[3] === undefined) return null;
  const first = leafNumber(m[2]);
  const end = leafNumber(m[3]);
  if (first === null || end === null || end <= first) return null;
  return { prefix: m[1], first, end };
}

/** The prefix and size a checkpoint key names, or null when `key` is not one. */
export function parseCheckpointKey(
  key: string,
): { readonly prefix: string; readonly size: number } | null {
  const m = CHECKPOINT_KEY.exec(key);
  if (m?.[1] === undefined || m[2] === undefined) return null;
  const size = leafNumber(m[2]);
  return size === null ? null : { prefix: m[1], size };
}

/**
 * The default key prefix for a log: its origin (`ledger.example.com/acme`),
 * with every character S3 does not list as safe in keys replaced by `_`, empty
 * segments dropped, and a segment starting with `.` prefixed with `_`. The
 * manifest keeps the exact origin.
 */
export function archivePrefixFor(origin: string): string {
  const segments = origin
    .split('/')
    .filter((s) => s.length > 0)
    .map((s) => s.replace(/[^A-Za-z0-9!_.*'()-]/g, '_'))
    .map((s) => (s.startsWith('.') ? `_${s}` : s));
  const prefix = segments.join('/');
  if (prefix.length === 0) {
    throw new LedgerError('LDG_ERR_CONFIG', `origin "${origin}" gives no archive prefix`);
  }
  assertPrefix(prefix);
  return prefix;
}

// ---------------------------------------------------------------------------
// sealing

/** What `prepareBundle` needs: a range ending at a signed checkpoint. */
export interface PrepareBundleInput {
  /** The log's origin; the checkpoints must carry it. */
  readonly origin: string;
  /** The compact range of [0, first), largest subtree first (`CompactRange#hashes()`). */
  readonly frontier: readonly Uint8Array[];
  /** first: the number of leaves before this bundle (the frontier's tree size). */
  readonly first: number;
  /** LedgerEntry bytes of leaves [first, first + entries.length). At least one. */
  readonly entries: readonly Uint8Array[];
  /** The signed checkpoint note of size first + entries.length. */
  readonly checkpoint: Uint8Array;
  /** The signed checkpoint note of size `first`; null (only) when first = 0. */
  readonly previousCheckpoint: Uint8Array | null;
  /** Keys the checkpoints are checked against (the ledger key). */
  readonly verifiers: readonly NoteVerifier[];
}

/**
 * A bundle with all heavy work done (tree recomputed, proof built, parts
 * hashed) but not yet signed, because the manifest names the previous
 * bundle's version id, known only once that one is stored.
 */
export interface PreparedBundle {
  readonly origin: string;
  readonly first: number;
  readonly end: number;
  readonly rootHash: Uint8Array;
  /** The parts' bytes, in BUNDLE_PART_NAMES order. */
  readonly parts: readonly Uint8Array[];
  readonly partHashes: readonly string[];
  /** The compact range of [0, end): the next bundle's frontier. */
  readonly endFrontier: readonly Uint8Array[];
  /** The checkpoint of size `end`, verified and parsed. */
  readonly checkpoint: OpenedCheckpoint;
  /**
   * Where the parts live: they end the buffer, behind HEAD_RESERVE bytes of
   * room in which `sealBundle` writes the header and the manifest.
   */
  readonly buffer: Uint8Array;
}

/** A sealed bundle, ready to upload. */
export interface SealedBundle {
  readonly key: string;
  readonly first: number;
  readonly end: number;
  readonly bytes: Uint8Array;
  /** Lower-case hex SHA-256 of `bytes`. */
  readonly sha256: string;
  readonly manifest: BundleManifest;
  /** The compact range of [0, end). */
  readonly endFrontier: readonly Uint8Array[];
  readonly rootHash: Uint8Array;
}

function tampered(message: string): LedgerError<'LDG_ERR_TAMPERED'> {
  return new LedgerError('LDG_ERR_TAMPERED', message);
}

function concatHashes(hashes: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(hashes.length * HASH_SIZE);
  hashes.forEach((h, i) => out.set(h, i * HASH_SIZE));
  return out;
}

/** Encodes entries as uint16 big-endian length + bytes each (LDG_ERR_PAYLOAD_TOO_LARGE over 65,535 bytes). */
export function encodeBundleEntries(entries: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as Uint8Array;
    if (e.length > MAX_BUNDLE_ENTRY_BYTES) {
      throw new LedgerError(
        'LDG_ERR_PAYLOAD_TOO_LARGE',
        `entry ${i} is ${e.length} bytes, over ${MAX_BUNDLE_ENTRY_BYTES}`,
      );
    }
    total += 2 + e.length;
  }
  const out = new Uint8Array(total);
  writeBundleEntries(entries, out, 0);
  return out;
}

/** Writes entries, length-prefixed, into `out` at `offset` (room and sizes checked by the caller). */
function writeBundleEntries(entries: readonly Uint8Array[], out: Uint8Array, offset: number): void {
  let at = offset;
  for (const e of entries) {
    out[at] = e.length >>> 8;
    out[at + 1] = e.length & 0xff;
    out.set(e, at + 2);
    at += 2 + e.length;
  }
}

/**
 * Decodes the entries part: exactly `count` length-prefixed entries filling
 * `data` (views into it, no copies). LDG_ERR_DECODE otherwise.
 */
export function decodeBundleEntries(data: Uint8Array, count: number): Uint8Array[] {
  const entries: Uint8Array[] = new Array<Uint8Array>(count);
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 2 > data.length) {
      throw new LedgerError('LDG_ERR_DECODE', `entries part ends before entry ${i} of ${count}`);
    }
    const length = ((data[at] as number) << 8) | (data[at + 1] as number);
    if (at + 2 + length > data.length) {
      throw new LedgerError('LDG_ERR_DECODE', `entry ${i} runs past the end of the entries part`);
    }
    entries[i] = data.subarray(at + 2, at + 2 + length);
    at += 2 + length;
  }
  if (at !== data.length) {
    throw new LedgerError(
      'LDG_ERR_DECODE',
      `entries part holds ${data.length - at} bytes after its ${count} entries`,
    );
  }
  return entries;
}

function splitHashes(data: Uint8Array, what: string): Uint8Array[] {
  if (data.length % HASH_SIZE !== 0) {
    throw new LedgerError('LDG_ERR_DECODE', `${what} is not a whole number of 32-byte hashes`);
  }
  const out: Uint8Array[] = [];
  for (let at = 0; at < data.length; at += HASH_SIZE) out.push(data.subarray(at, at + HASH_SIZE));
  return out;
}

/** Leaves hashed between two yields of `prepareBundleAsync`. */
export const PREPARE_CHUNK = 1024;

/** What every way of preparing a bundle checks and plans before hashing the entries. */
interface PrepareStart {
  readonly origin: string;
  readonly first: number;
  readonly end: number;
  readonly entries: readonly Uint8Array[];
  readonly checkpoint: OpenedCheckpoint;
  readonly previous: Checkpoint | null;
  readonly range: CompactRange;
  readonly plan: ReturnType<typeof consistencyProofPlan>;
  /** frontier hashes by `level/index` */
  readonly frontierByNode: ReadonlyMap<string, Uint8Array>;
  /** the nodes the proof needs that the entries complete, by level */
  readonly byLevel: readonly (Set<number> | undefined)[];
}

function startPrepare(input: PrepareBundleInput): PrepareStart {
  const { origin, first, entries } = input;
  assertLeafNumber(first, 'first');
  if (entries.length === 0) {
    throw new LedgerError('LDG_ERR_VALIDATION', 'a bundle holds at least one leaf');
  }
  const end = first + entries.length;
  if (input.frontier.length !== onesCount(first)) {
    throw new LedgerError(
      'LDG_ERR_VALIDATION',
      `the frontier of ${first} leaves has ${onesCount(first)} hashes, got ${input.frontier.length}`,
    );
  }
  const checkpoint = openCheckpoint(input.checkpoint, input.verifiers, { origin });
  if (checkpoint.checkpoint.size !== end) {
    throw new LedgerError(
      'LDG_ERR_VALIDATION',
      `the checkpoint is of size ${checkpoint.checkpoint.size}, the range ends at ${end}`,
    );
  }
  const range = CompactRange.fromHashes(first, input.frontier);
  let previous: Checkpoint | null = null;
  if (first === 0) {
    if (input.previousCheckpoint !== null) {
      throw new LedgerError('LDG_ERR_VALIDATION', 'the first bundle has no previous checkpoint');
    }
  } else {
    if (input.previousCheckpoint === null) {
      throw new LedgerError('LDG_ERR_VALIDATION', `the checkpoint of size ${first} is required`);
    }
    previous = openCheckpoint(input.previousCheckpoint, input.verifiers, { origin }).checkpoint;
    if (previous.size !== first) {
      throw new LedgerError(
        'LDG_ERR_VALIDATION',
        `the previous checkpoint is of size ${previous.size}, the range starts at ${first}`,
      );
    }
    if (!equalBytes(range.rootHash(), previous.rootHash)) {
      throw tampered(`the frontier of ${first} leaves does not give the signed root of that size`);
    }
  }

  // the proof needs the frontier's nodes and the perfect subtrees inside [first, end)
  const plan = first === 0 ? [] : consistencyProofPlan(first, end);
  const frontierByNode = new Map<string, Uint8Array>();
  rangeNodes(0, first).forEach((n, i) =>
    frontierByNode.set(`${n.level}/${n.index}`, input.frontier[i] as Uint8Array),
  );
  const byLevel: (Set<number> | undefined)[] = [];
  for (const n of plan.flat()) {
    if (!frontierByNode.has(`${n.level}/${n.index}`)) (byLevel[n.level] ??= new Set()).add(n.index);
  }
  return {
    origin,
    first,
    end,
    entries,
    checkpoint,
    previous,
    range,
    plan,
    frontierByNode,
    byLevel,
  };
}

/** Checks the recomputed root and builds (and checks) the consistency proof. */
function finishProof(
  start: PrepareStart,
  rootHash: Uint8Array,
  captured: ReadonlyMap<string, Uint8Array>,
): Uint8Array[] {
  const { first, end, checkpoint, previous, plan, frontierByNode } = start;
  if (!equalBytes(rootHash, checkpoint.checkpoint.rootHash)) {
    throw tampered(
      `leaves [${first}, ${end}) do not give the signed root of size ${end}: the source returned other entries`,
    );
  }
  const proof = assemblePlan(plan, (level, index) => {
    const key = `${level}/${index}`;
    const h = frontierByNode.get(key) ?? captured.get(key);
    if (h === undefined) {
      throw new LedgerError('LDG_ERR_INTERNAL', `consistency proof needs node ${key}, not at hand`);
    }
    return h;
  });
  if (previous !== null) verifyConsistency(first, end, proof, previous.rootHash, rootHash);
  return proof;
}

/** Bytes of the entries part (LDG_ERR_PAYLOAD_TOO_LARGE for an entry over 65,535 bytes). */
function entriesPartLength(entries: readonly Uint8Array[]): number {
  let length = 0;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as Uint8Array;
    if (e.length > MAX_BUNDLE_ENTRY_BYTES) {
      throw new LedgerError(
        'LDG_ERR_PAYLOAD_TOO_LARGE',
        `entry ${i} is ${e.length} bytes, over ${MAX_BUNDLE_ENTRY_BYTES}`,
      );
    }
    length += 2 + e.length;
  }
  return length;
}

/**
 * The work of `prepareBundle` as steps: it yields after every `chunk` leaves
 * appended, so an async caller can let other I/O run in between.
 */
function* prepareSteps(input: PrepareBundleInput, chunk: number): Generator<void, PreparedBundle> {
  const start = startPrepare(input);
  const { origin, first, end, entries, checkpoint, range, byLevel } = start;
  const captured = new Map<string, Uint8Array>();
  const visit = (level: number, index: number, hash: Uint8Array): void => {
    if (byLevel[level]?.has(index) === true) {
      captured.set(`${level}/${index}`, Uint8Array.from(hash));
    }
  };
  for (let i = 0; i < entries.length; i++) {
    range.appendLeaf(entries[i] as Uint8Array, visit);
    if ((i + 1) % chunk === 0) yield;
  }
  const rootHash = range.rootHash();
  const proof = finishProof(start, rootHash, captured);

  // lay the parts out once, behind room for the header and the manifest
  // (`sealBundle` writes those in front, so the file is never copied again)
  const small = [
    input.checkpoint,
    input.previousCheckpoint ?? new Uint8Array(0),
    concatHashes(proof),
    concatHashes(input.frontier),
  ];
  const entriesLength = entriesPartLength(entries);
  const smallLength = small.reduce((n, p) => n + p.length, 0);
  const buffer = Buffer.allocUnsafe(HEAD_RESERVE + smallLength + entriesLength);
  const parts: Uint8Array[] = [];
  let at = HEAD_RESERVE;
  for (const p of small) {
    buffer.set(p, at);
    parts.push(buffer.subarray(at, at + p.length));
    at += p.length;
  }
  writeBundleEntries(entries, buffer, at);
  parts.push(buffer.subarray(at, at + entriesLength));
  yield;
  return {
    origin,
    first,
    end,
    rootHash,
    parts,
    partHashes: parts.map((p) => sha256Hex(p)),
    endFrontier: range.hashes(),
    checkpoint,
    buffer,
  };
}

/** The key of the byte range [start, end) in `BundleTreeOutput.digests`. */
export function rangeKey(start: number, end: number): string {
  return `${start}-${end}`;
}

/** Runs a `hashBundleTree` task somewhere (a `BundleTreePool`'s `run`). */
export type BundleTreeRunner = (task: BundleTreeTask) => Promise<BundleTreeOutput>;

/**
 * `prepareBundle` with the hashing (the entries' tree and the entries part's
 * SHA-256) handed to `run` (a worker thread): the parts are laid out first,
 * the proof's room left blank and filled once the tree is known. Same
 * result, same errors.
 */
export async function prepareBundleWith(
  input: PrepareBundleInput,
  run: BundleTreeRunner,
): Promise<PreparedBundle> {
  const start = startPrepare(input);
  const { origin, first, end, entries, checkpoint, plan, byLevel } = start;
  const frontierPart = concatHashes(input.frontier);
  const previousPart = input.previousCheckpoint ?? new Uint8Array(0);
  const proofLength = plan.length * HASH_SIZE;
  const entriesLength = entriesPartLength(entries);
  const lengths = [
    input.checkpoint.length,
    previousPart.length,
    proofLength,
    frontierPart.length,
    entriesLength,
  ];
  const offsets: number[] = [];
  let at = HEAD_RESERVE;
  for (const n of lengths) {
    offsets.push(at);
    at += n;
  }
  // its own ArrayBuffer (never the shared pool): it travels to the worker and back
  const laid = Buffer.allocUnsafeSlow(at);
  laid.set(input.checkpoint, offsets[0]);
  laid.set(previousPart, offsets[1]);
  laid.set(frontierPart, offsets[3]);
  const entriesOffset = offsets[4] as number;
  writeBundleEntries(entries, laid, entriesOffset);

  const nodes: number[] = [];
  byLevel.forEach((set, level) => {
    for (const index of set ?? []) nodes.push(level, index);
  });
  const out = await run({
    bytes: laid,
    ranges: [entriesOffset, entriesOffset + entriesLength],
    tree: {
      first,
      count: entries.length,
      entriesOffset,
      entriesLength,
      frontier: input.frontier,
    },
    nodes,
  });
  const tree = out.tree;
  const entriesHash = out.digests.get(rangeKey(entriesOffset, entriesOffset + entriesLength));
  if (tree === null || entriesHash === undefined || tree.nodes.length * 2 !== nodes.length) {
    throw new LedgerError('LDG_ERR_INTERNAL', 'the bundle hashing worker answered no tree');
  }
  const captured = new Map<string, Uint8Array>();
  tree.nodes.forEach((h, i) => {
    if (h !== null) captured.set(`${nodes[2 * i]}/${nodes[2 * i + 1]}`, h);
  });
  const proof = finishProof(start, tree.rootHash, captured);
  const buffer = out.bytes;
  buffer.set(concatHashes(proof), offsets[2]);
  const parts = lengths.map((n, i) => buffer.subarray(offsets[i], (offsets[i] as number) + n));
  return {
    origin,
    first,
    end,
    rootHash: tree.rootHash,
    parts,
    partHashes: parts.map((p, i) => (i === 4 ? entriesHash : sha256Hex(p))),
    endFrontier: tree.endFrontier,
    checkpoint,
    buffer,
  };
}

/**
 * Does the heavy part of sealing leaves [first, end): checks the checkpoint
 * notes against `verifiers` and the origin, recomputes the tree from the
 * frontier and the entries, and refuses (LDG_ERR_TAMPERED) when its root is
 * not the signed root at `end` or the frontier's root is not the signed root
 * at `first`; then builds the consistency proof and the parts.
 * Throws LDG_ERR_VALIDATION for an empty range or a frontier of the wrong
 * shape, LDG_ERR_SIGNATURE_INVALID / LDG_ERR_NOTE_MALFORMED for a bad note.
 */
export function prepareBundle(input: PrepareBundleInput): PreparedBundle {
  const steps = prepareSteps(input, Number.MAX_SAFE_INTEGER);
  for (;;) {
    const r = steps.next();
    if (r.done === true) return r.value;
  }
}

/**
 * `prepareBundle`, pausing (`pause()`, default: until the event loop's next
 * check phase) after every `chunk` leaves, so that I/O in flight keeps moving.
 * Same result, same errors.
 */
export async function prepareBundleAsync(
  input: PrepareBundleInput,
  pause: () => Promise<void> = () => new Promise((resolve) => setImmediate(resolve)),
  chunk: number = PREPARE_CHUNK,
): Promise<PreparedBundle> {
  const steps = prepareSteps(input, chunk);
  for (;;) {
    const r = steps.next();
    if (r.done === true) return r.value;
    await pause();
  }
}

/** The manifest text (unsigned) of a bundle. */
export function formatManifest(manifest: BundleManifest): string {
  if (/[\u0000-\u001f]/.test(manifest.origin) || manifest.origin.length === 0) {
    throw new LedgerError('LDG_ERR_VALIDATION', 'origin must be one non-empty line');
  }
  const lines = [
    MANIFEST_HEADER,
    `origin ${manifest.origin}`,
    `leaves ${manifest.first} ${manifest.end}`,
    `root ${encodeBase64(manifest.rootHash)}`,
    manifest.previous === null ? 'previous none' : `previous ${formatLink(manifest.previous)}`,
    ...manifest.parts.map((p) => `part ${p.name} ${p.length} ${p.sha256}`),
  ];
  return `${lines.join('\n')}\n`;
}

function formatLink(link: BundleLink): string {
  const issues = archiveKeyIssues(link.key, 'previous.key');
  if (issues.length > 0 || !isSha256Hex(link.sha256)) {
    throw new LedgerError('LDG_ERR_VALIDATION', `previous bundle link is malformed (${link.key})`);
  }
  if (link.versionId !== null && (!VERSION_ID.test(link.versionId) || link.versionId === '-')) {
    throw new LedgerError(
      'LDG_ERR_VALIDATION',
      `version id ${JSON.stringify(link.versionId)} cannot be written in a manifest`,
    );
  }
  return `${link.key} ${link.sha256} ${link.versionId ?? '-'}`;
}

/** The sealed file before its digest: the key, the manifest and the bytes. */
function layOutSealed(
  prepared: PreparedBundle,
  previous: BundleLink | null,
  signer: NoteSigner,
  prefix: string,
): { key: string; manifest: BundleManifest; view: Uint8Array } {
  if ((previous === null) !== (prepared.first === 0)) {
    throw new LedgerError(
      'LDG_ERR_VALIDATION',
      prepared.first === 0
        ? 'the first bundle names no previous bundle'
        : `the bundle starting at ${prepared.first} must name the previous bundle`,
    );
  }
  const key = bundleKey(prefix, prepared.first, prepared.end);
  const manifest: BundleManifest = {
    origin: prepared.origin,
    first: prepared.first,
    end: prepared.end,
    rootHash: prepared.rootHash,
    previous,
    parts: BUNDLE_PART_NAMES.map((name, i) => ({
      name,
      length: (prepared.parts[i] as Uint8Array).length,
      sha256: prepared.partHashes[i] as string,
    })),
  };
  const note = Buffer.from(signNote(formatManifest(manifest), [signer]), 'utf8');
  const head = Buffer.from(`${BUNDLE_MAGIC}${note.length}\n`, 'latin1');
  const front = head.length + note.length;
  let view: Uint8Array;
  if (front <= HEAD_RESERVE && !sealedInPlace.has(prepared.buffer)) {
    // in front of the parts, in place: the first seal of a prepared bundle copies nothing
    sealedInPlace.add(prepared.buffer);
    const start = HEAD_RESERVE - front;
    prepared.buffer.set(head, start);
    prepared.buffer.set(note, start + head.length);
    view = prepared.buffer.subarray(start);
  } else {
    const bytes = Buffer.concat([head, note, ...prepared.parts]);
    view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  return { key, manifest, view };
}

function sealedBundle(
  prepared: PreparedBundle,
  laid: { key: string; manifest: BundleManifest; view: Uint8Array },
  sha256: string,
): SealedBundle {
  // nobody changes a sealed bundle: spare the upload path hashing it again
  vouchSha256(laid.view, sha256);
  return {
    key: laid.key,
    first: prepared.first,
    end: prepared.end,
    bytes: laid.view,
    sha256,
    manifest: laid.manifest,
    endFrontier: prepared.endFrontier,
    rootHash: prepared.rootHash,
  };
}

/**
 * Signs the manifest of a prepared bundle (naming `previous`, which must be
 * null exactly when the range starts at leaf 0) and lays out the file.
 * Deterministic: the same inputs give the same bytes.
 */
export function sealBundle(
  prepared: PreparedBundle,
  previous: BundleLink | null,
  signer: NoteSigner,
  prefix: string,
): SealedBundle {
  const laid = layOutSealed(prepared, previous, signer, prefix);
  return sealedBundle(prepared, laid, createHash('sha256').update(laid.view).digest('hex'));
}

/**
 * `sealBundle`, with the file's SHA-256 computed on the thread pool while
 * this thread computes its MD5 (when `md5`, vouched for the S3 upload's
 * Content-MD5, `vouchMd5`): the two digests every upload needs, side by side
 * instead of one after the other. Same bytes, same result.
 */
export async function sealBundleAsync(
  prepared: PreparedBundle,
  previous: BundleLink | null,
  signer: NoteSigner,
  prefix: string,
  md5: boolean,
): Promise<SealedBundle> {
  const laid = layOutSealed(prepared, previous, signer, prefix);
  const digest = webcrypto.subtle.digest('SHA-256', laid.view);
  if (md5) {
    try {
      vouchMd5(laid.view, createHash('md5').update(laid.view).digest('base64'));
    } catch (e) {
      await digest.catch(() => undefined);
      throw e;
    }
  }
  const sha256 = Buffer.from(await digest).toString('hex');
  return sealedBundle(prepared, laid, sha256);
}

// ---------------------------------------------------------------------------
// reading

/** A bundle whose manifest signature and part hashes checked out. */
export interface OpenedBundle {
  readonly manifest: BundleManifest;
  /** The manifest note as stored (text and signatures). */
  readonly manifestNote: Uint8Array;
  /** The parts' bytes (views into the bundle), in BUNDLE_PART_NAMES order. */
  readonly parts: readonly Uint8Array[];
}

function decodeError(message: string): LedgerError<'LDG_ERR_DECODE'> {
  return new LedgerError('LDG_ERR_DECODE', `bundle: ${message}`);
}

/**
 * Reads a bundle file: the magic line, the manifest length, the manifest
 * note, whose signature must verify against `verifiers` (LDG_ERR_SIGNATURE_INVALID,
 * via `openNote`), a well-formed manifest (LDG_ERR_DECODE), exactly the five
 * parts filling the rest of the file (LDG_ERR_DECODE), each matching its
 * manifest SHA-256 (LDG_ERR_TAMPERED). Nothing inside the parts is checked
 * here (see `decodeBundleParts`, `checkBundleTree`). `known`: SHA-256s of
 * byte ranges of these very bytes already computed (`hashBundleTree`), by
 * `rangeKey`.
 */
export function openBundle(
  bytes: Uint8Array,
  verifiers: readonly NoteVerifier[],
  known?: ReadonlyMap<string, string>,
): OpenedBundle {
  if (
    bytes.length < MAGIC_BYTES.length ||
    !equalBytes(bytes.subarray(0, MAGIC_BYTES.length), MAGIC_BYTES)
  ) {
    throw decodeError(`does not start with ${JSON.stringify(BUNDLE_MAGIC)}`);
  }
  const lengthEnd = bytes.indexOf(0x0a, MAGIC_BYTES.length);
  const lengthText =
    lengthEnd < 0
      ? ''
      : Buffer.from(bytes.subarray(MAGIC_BYTES.length, lengthEnd)).toString('latin1');
  if (lengthEnd < 0 || lengthEnd - MAGIC_BYTES.length > 6 || !DECIMAL.test(lengthText)) {
    throw decodeError('the manifest length line is malformed');
  }
  const manifestLength = Number(lengthText);
  if (manifestLength > MAX_MANIFEST_BYTES) throw decodeError('the manifest is too long');
  const manifestStart = lengthEnd + 1;
  const manifestEnd = manifestStart + manifestLength;
  if (manifestEnd > bytes.length) throw decodeError('the file ends inside the manifest');
  const manifestNote = bytes.subarray(manifestStart, manifestEnd);
  let opened;
  try {
    opened = openNote(manifestNote, verifiers);
  } catch (e) {
    if (isLedgerError(e) && e.code === 'LDG_ERR_NOTE_MALFORMED') {
      throw new LedgerError(
        'LDG_ERR_DECODE',
        `bundle: the manifest is not a signed note: ${e.message}`,
        {
          cause: e,
        },
      );
    }
    throw e;
  }
  const manifest = parseManifest(opened.text);

  let at = manifestEnd;
  const parts: Uint8Array[] = [];
  for (const p of manifest.parts) {
    if (at + p.length > bytes.length) throw decodeError(`the file ends inside part ${p.name}`);
    parts.push(bytes.subarray(at, at + p.length));
    at += p.length;
  }
  if (at !== bytes.length) {
    throw decodeError(`${bytes.length - at} bytes follow the last part`);
  }
  manifest.parts.forEach((p, i) => {
    const part = parts[i] as Uint8Array;
    const offset = part.byteOffset - bytes.byteOffset;
    const actual = known?.get(rangeKey(offset, offset + part.length)) ?? sha256Hex(part);
    if (actual !== p.sha256) {
      throw tampered(`part ${p.name}: sha256 ${actual}, the manifest says ${p.sha256}`);
    }
  });
  return { manifest, manifestNote, parts };
}

/**
 * Parses a manifest note's text (signatures already removed and verified).
 * Every line must be exactly as `formatManifest` writes it (LDG_ERR_DECODE).
 */
export function parseManifest(text: string): BundleManifest {
  if (!text.endsWith('\n')) throw decodeError('manifest text must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length !== 5 + BUNDLE_PART_NAMES.length) {
    throw decodeError(
      `manifest has ${lines.length} lines, expected ${5 + BUNDLE_PART_NAMES.length}`,
    );
  }
  const [header, originLine, leavesLine, rootLine, previousLine, ...partLines] = lines as [
    string,
    string,
    string,
    string,
    string,
    ...string[],
  ];
  if (header !== MANIFEST_HEADER) throw decodeError(`manifest header is not ${MANIFEST_HEADER}`);
  if (!originLine.startsWith('origin ') || originLine.length === 'origin '.length) {
    throw decodeError('manifest origin line is malformed');
  }
  const origin = originLine.slice('origin '.length);
  const leaves = /^leaves (\d+) (\d+)$/.exec(leavesLine);
  const first = leaves?.[1];
  const endText = leaves?.[2];
  if (
    first === undefined ||
    endText === undefined ||
    !DECIMAL.test(first) ||
    !DECIMAL.test(endText)
  ) {
    throw decodeError('manifest leaves line is malformed');
  }
  const firstN = Number(first);
  const endN = Number(endText);
  if (!Number.isSafeInteger(endN) || endN <= firstN) {
    throw decodeError('manifest leaves line does not name a non-empty range');
  }
  const rootHash = rootLine.startsWith('root ') ? decodeBase64(rootLine.slice(5)) : undefined;
  if (rootHash?.length !== HASH_SIZE) throw decodeError('manifest root line is malformed');
  const previous = parsePrevious(previousLine);
  const parts = partLines.map((line, i): BundlePartInfo => {
    const m = /^part ([a-z-]+) (\d+) ([0-9a-f]{64})$/.exec(line);
    const name = BUNDLE_PART_NAMES[i];
    const length = m?.[2];
    const sha256 = m?.[3];
    if (
      name === undefined ||
      m?.[1] !== name ||
      length === undefined ||
      sha256 === undefined ||
      !DECIMAL.test(length)
    ) {
      throw decodeError(`manifest line ${6 + i} must describe part ${String(name)}`);
    }
    return { name, length: Number(length), sha256 };
  });
  return { origin, first: firstN, end: endN, rootHash, previous, parts };
}

function parsePrevious(line: string): BundleLink | null {
  if (line === 'previous none') return null;
  const m = /^previous (\S+) ([0-9a-f]{64}) (\S+)$/.exec(line);
  if (m?.[1] === undefined || m[2] === undefined || m[3] === undefined) {
    throw decodeError('manifest previous line is malformed');
  }
  if (archiveKeyIssues(m[1]).length > 0) throw decodeError('manifest previous key is malformed');
  return { key: m[1], sha256: m[2], versionId: m[3] === '-' ? null : m[3] };
}

/** The parts of an opened bundle, decoded. */
export interface BundleParts {
  readonly checkpointNote: Uint8Array;
  /** null when the bundle starts at leaf 0 */
  readonly previousCheckpointNote: Uint8Array | null;
  readonly consistencyProof: readonly Uint8Array[];
  readonly frontier: readonly Uint8Array[];
  /** LedgerEntry bytes of leaves [first, end) (views into the bundle). */
  readonly entries: readonly Uint8Array[];
}

/**
 * Splits the parts of an opened bundle and checks their shapes against the
 * manifest's range (LDG_ERR_DECODE): a previous checkpoint and a proof exactly
 * when first > 0, one frontier hash per one-bit of `first`, end - first entries.
 */
export function decodeBundleParts(opened: OpenedBundle): BundleParts {
  const { first, end } = opened.manifest;
  const [checkpointNote, previous, proof, frontier, entries] = opened.parts as [
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
  ];
  if (checkpointNote.length === 0) throw decodeError('the checkpoint part is empty');
  if ((first === 0) !== (previous.length === 0)) {
    throw decodeError(
      first === 0
        ? 'the first bundle carries a previous checkpoint'
        : 'the previous-checkpoint part is empty',
    );
  }
  if ((first === 0) !== (proof.length === 0)) {
    throw decodeError(
      first === 0
        ? 'the first bundle carries a consistency proof'
        : 'the consistency proof is empty',
    );
  }
  const frontierHashes = splitHashes(frontier, 'the frontier part');
  if (frontierHashes.length !== onesCount(first)) {
    throw decodeError(
      `the frontier holds ${frontierHashes.length} hashes; ${first} leaves need ${onesCount(first)}`,
    );
  }
  return {
    checkpointNote,
    previousCheckpointNote: first === 0 ? null : previous,
    consistencyProof: splitHashes(proof, 'the consistency proof'),
    frontier: frontierHashes,
    entries: decodeBundleEntries(entries, end - first),
  };
}

/** Options of `checkBundleTree`. */
export interface CheckBundleTreeOptions {
  /**
   * Tree sizes inside (first, end] whose root is wanted (e.g. archived
   * checkpoints to check); reported through `onRoot`.
   */
  readonly sizes?: readonly number[];
  readonly onRoot?: (size: number, rootHash: Uint8Array) => void;
}

/**
 * Recomputes the tree of a bundle: `range` must be the compact range of
 * [0, first) (the verifier's own, carried from the previous bundles, or one
 * restored from the bundle's frontier); the entries are appended to it, and
 * the resulting root returned. `range` is left at size `end`.
 * Throws LDG_ERR_TAMPERED when `range` is not of size `first`.
 */
export function appendBundleEntries(
  range: CompactRange,
  first: number,
  entries: readonly Uint8Array[],
  options: CheckBundleTreeOptions = {},
): Uint8Array {
  if (range.size !== first) {
    throw tampered(`the tree has ${range.size} leaves, the bundle starts at ${first}`);
  }
  const sizes = [...(options.sizes ?? [])].sort((a, b) => a - b);
  let next = 0;
  for (const e of entries) {
    range.appendLeaf(e);
    while (next < sizes.length && (sizes[next] as number) <= range.size) {
      if (sizes[next] === range.size) options.onRoot?.(range.size, range.rootHash());
      next++;
    }
  }
  return range.rootHash();
}

/** True when two lists of hashes are equal. */
export function equalHashLists(a: readonly Uint8Array[], b: readonly Uint8Array[]): boolean {
  return a.length === b.length && a.every((h, i) => equalBytes(h, b[i] as Uint8Array));
}
