/**
 * The hashing of a bundle, as one pure function that can run on a worker
 * thread (`bundle-tree-pool.ts`): SHA-256 of byte ranges (the whole file, its
 * parts), and the Merkle tree of its entries appended to a frontier (root,
 * roots at chosen sizes, chosen interior nodes, the compact range at the
 * end). The archiver lays a bundle out and hands it here while it uploads
 * the previous one; verify-archive hands every fetched bundle here while it
 * checks the previous one. Both then check the results exactly as they would
 * their own (nothing here decides whether a bundle is good).
 */

import { createHash } from 'node:crypto';
import { LedgerError } from '../errors.js';
import { CompactRange } from '../merkle/compact-range.js';
import { HASH_SIZE } from '../merkle/hasher.js';
import { onesCount } from '../merkle/proof.js';
import { BUNDLE_MAGIC, MAX_MANIFEST_BYTES, parseManifest, rangeKey } from './bundle.js';

/** What to hash. All offsets are into `bytes`. */
export interface BundleTreeTask {
  readonly bytes: Uint8Array;
  /** [start, end) pairs, flattened: each range's SHA-256 is returned (hex). */
  readonly ranges: readonly number[];
  /**
   * Find the parts from the bundle's own header (verify-archive): the whole
   * file and each part are hashed, and the tree is computed from the
   * frontier and entries parts. Malformed files just get no parts or tree.
   */
  readonly locate?: boolean;
  /** The tree to compute, when not located: the entries part and its frontier. */
  readonly tree?: {
    readonly first: number;
    readonly count: number;
    readonly entriesOffset: number;
    readonly entriesLength: number;
    readonly frontier: readonly Uint8Array[];
  };
  /** Interior nodes to capture, flattened (level, index) pairs. */
  readonly nodes?: readonly number[];
  /** Tree sizes whose roots are wanted. */
  readonly sizes?: readonly number[];
}

/** The tree of the entries, appended to the frontier. */
export interface BundleTreeResult {
  readonly first: number;
  readonly count: number;
  /** The frontier the entries were appended to (as given or found in the file). */
  readonly frontier: readonly Uint8Array[];
  readonly rootHash: Uint8Array;
  /** The compact range of [0, first + count). */
  readonly endFrontier: readonly Uint8Array[];
  /** The captured nodes, in `nodes` order (null: not completed by these entries). */
  readonly nodes: readonly (Uint8Array | null)[];
  /** [size, root] for each wanted size reached. */
  readonly roots: readonly (readonly [number, Uint8Array])[];
}

/** What `hashBundleTree` answers. `bytes` is the task's buffer (it travels back from a worker). */
export interface BundleTreeOutput {
  readonly bytes: Uint8Array;
  /** `rangeKey(start, end)` → hex SHA-256. */
  readonly digests: ReadonlyMap<string, string>;
  readonly tree: BundleTreeResult | null;
}

function digest(bytes: Uint8Array, start: number, end: number): string {
  return createHash('sha256').update(bytes.subarray(start, end)).digest('hex');
}

/** Offsets of the parts of a well-formed bundle file, or null (no checks beyond the layout). */
function locateParts(
  bytes: Uint8Array,
): { first: number; end: number; parts: [number, number][] } | null {
  const magic = Buffer.from(BUNDLE_MAGIC, 'latin1');
  if (bytes.length < magic.length) return null;
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic[i]) return null;
  const lengthEnd = bytes.indexOf(0x0a, magic.length);
  if (lengthEnd < 0 || lengthEnd - magic.length > 6) return null;
  const length = Number(Buffer.from(bytes.subarray(magic.length, lengthEnd)).toString('latin1'));
  if (!Number.isSafeInteger(length) || length > MAX_MANIFEST_BYTES) return null;
  const start = lengthEnd + 1;
  if (start + length > bytes.length) return null;
  const note = Buffer.from(bytes.subarray(start, start + length)).toString('utf8');
  const textEnd = note.indexOf('\n\n');
  if (textEnd < 0) return null;
  let manifest;
  try {
    manifest = parseManifest(note.slice(0, textEnd + 1));
  } catch {
    return null;
  }
  let at = start + length;
  const parts: [number, number][] = [];
  for (const p of manifest.parts) {
    parts.push([at, at + p.length]);
    at += p.length;
  }
  if (at !== bytes.length) return null;
  return { first: manifest.first, end: manifest.end, parts };
}

/** Appends the length-prefixed entries in `bytes[offset, offset + length)` to `range`. */
function appendEntries(
  range: CompactRange,
  bytes: Uint8Array,
  offset: number,
  length: number,
  count: number,
  nodes: readonly number[],
  sizes: readonly number[],
): { nodes: (Uint8Array | null)[]; roots: [number, Uint8Array][] } {
  // by level: node index → its place in `nodes`
  const wanted: (Map<number, number> | undefined)[] = [];
  for (let i = 0; i + 1 < nodes.length; i += 2) {
    (wanted[nodes[i] as number] ??= new Map()).set(nodes[i + 1], i / 2);
  }
  const captured = new Array<Uint8Array | null>(nodes.length / 2).fill(null);
  const visit =
    nodes.length === 0
      ? undefined
      : (level: number, index: number, hash: Uint8Array): void => {
          const at = wanted[level]?.get(index);
          if (at !== undefined) captured[at] = Uint8Array.from(hash);
        };
  const sorted = [...sizes].sort((a, b) => a - b);
  const roots: [number, Uint8Array][] = [];
  let next = 0;
  while (next < sorted.length && (sorted[next] as number) < range.size) next++;
  let at = offset;
  const end = offset + length;
  for (let i = 0; i < count; i++) {
    if (at + 2 > end) {
      throw new LedgerError('LDG_ERR_DECODE', `entries part ends before entry ${i} of ${count}`);
    }
    const n = ((bytes[at] as number) << 8) | (bytes[at + 1] as number);
    if (at + 2 + n > end) {
      throw new LedgerError('LDG_ERR_DECODE', `entry ${i} runs past the end of the entries part`);
    }
    range.appendLeaf(bytes.subarray(at + 2, at + 2 + n), visit);
    at += 2 + n;
    while (next < sorted.length && (sorted[next] as number) <= range.size) {
      if (sorted[next] === range.size) roots.push([range.size, range.rootHash()]);
      next++;
    }
  }
  if (at !== end) {
    throw new LedgerError(
      'LDG_ERR_DECODE',
      `entries part holds ${end - at} bytes after its entries`,
    );
  }
  return { nodes: captured, roots };
}

function computeTree(
  bytes: Uint8Array,
  t: NonNullable<BundleTreeTask['tree']>,
  nodes: readonly number[],
  sizes: readonly number[],
): BundleTreeResult {
  const range = CompactRange.fromHashes(t.first, t.frontier);
  const r = appendEntries(range, bytes, t.entriesOffset, t.entriesLength, t.count, nodes, sizes);
  return {
    first: t.first,
    count: t.count,
    frontier: t.frontier,
    rootHash: range.rootHash(),
    endFrontier: range.hashes(),
    nodes: r.nodes,
    roots: r.roots,
  };
}

/**
 * Runs a task (see `BundleTreeTask`). Throws what the tree code throws for a
 * task that is not self-consistent (a malformed entries part given as `tree`).
 */
export function hashBundleTree(task: BundleTreeTask): BundleTreeOutput {
  const { bytes } = task;
  const digests = new Map<string, string>();
  for (let i = 0; i + 1 < task.ranges.length; i += 2) {
    const start = task.ranges[i] as number;
    const end = task.ranges[i + 1] as number;
    digests.set(rangeKey(start, end), digest(bytes, start, end));
  }
  let tree: BundleTreeResult | null = null;
  if (task.tree !== undefined) {
    tree = computeTree(bytes, task.tree, task.nodes ?? [], task.sizes ?? []);
  } else if (task.locate === true) {
    digests.set(rangeKey(0, bytes.length), digest(bytes, 0, bytes.length));
    const located = locateParts(bytes);
    if (located !== null) {
      for (const [start, end] of located.parts)
        digests.set(rangeKey(start, end), digest(bytes, start, end));
      const [frontierStart, frontierEnd] = located.parts[3] as [number, number];
      const [entriesStart, entriesEnd] = located.parts[4] as [number, number];
      const frontierLength = frontierEnd - frontierStart;
      if (
        frontierLength % HASH_SIZE === 0 &&
        frontierLength / HASH_SIZE === onesCount(located.first)
      ) {
        const frontier: Uint8Array[] = [];
        for (let at = frontierStart; at < frontierEnd; at += HASH_SIZE) {
          frontier.push(bytes.slice(at, at + HASH_SIZE));
        }
        try {
          tree = computeTree(
            bytes,
            {
              first: located.first,
              count: located.end - located.first,
              entriesOffset: entriesStart,
              entriesLength: entriesEnd - entriesStart,
              frontier,
            },
            task.nodes ?? [],
            task.sizes ?? [],
          );
        } catch {
          tree = null; // the checks on the calling thread name what is wrong
        }
      }
    }
  }
  return { bytes, digests, tree };
}
