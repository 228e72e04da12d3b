/**
 * Merkle benchmark. Run after `npx tsc -p tsconfig.json` as
 *
 *   node dist/bench/merkle.js [--leaves=1000000] [--leaf-size=64]
 *
 * or call `runMerkleBench(opts)` (e.g. from bench/run.ts). It measures
 *
 *   (a) the machine's SHA-256 limit: one-shot node:crypto hashes per second
 *       of 65-byte inputs (the size of a node hash input and of a 64-byte leaf
 *       with its prefix), and createHash() per hash for comparison;
 *   (b) building the tree of N leaves: our CompactRange keeping every tile
 *       (enough to serve any proof) vs merkletreejs in RFC 6962 form: leaves
 *       prefixed with 0x00 by us and hashed by it (`hashLeaves`), nodes
 *       prefixed with 0x01 through its `concatenator` option, odd nodes
 *       promoted (its default, which gives RFC 6962's shape), no sorting.
 *       merkletreejs has no RFC 6962 switch; its JSDoc example hashes with
 *       node:crypto createHash, which is what it gets here. Both must give
 *       the same root. Each build runs in its own process so that heap and
 *       RSS deltas are its own;
 *   (c) sequencer throughput: leaves per second appended on one core with
 *       300-byte leaves (the size of an audit event).
 */
import { spawn } from 'node:child_process';
import { createHash, hash as oneShotHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { MerkleTree } from 'merkletreejs';
import { CompactRange, TileAccumulator } from '../ledger/merkle/index.js';
import type { TileData } from '../ledger/merkle/index.js';
import { argValue } from './lib.js';

/** Options of `runMerkleBench`. */
export interface MerkleBenchOptions {
  /** leaves in the tree-building comparison; default 1,000,000 */
  readonly leaves?: number;
  /** bytes per leaf in the comparison; default 64 */
  readonly leafSize?: number;
  /** leaves in the sequencer run; default 200,000 */
  readonly sequencerLeaves?: number;
  /** bytes per leaf in the sequencer run; default 300 */
  readonly sequencerLeafSize?: number;
  /** progress lines; default: none */
  readonly log?: (line: string) => void;
}

/** One tree build, measured in its own process. */
export interface BuildFigures {
  readonly ms: number;
  /** SHA-256 computations per second (2N - 1 per build) */
  readonly hashesPerSecond: number;
  /** hashesPerSecond / the one-shot SHA-256 limit */
  readonly fractionOfLimit: number;
  /** heapUsed + external growth while the tree is held, after GC */
  readonly memoryBytes: number;
  readonly rssBytes: number;
  readonly rootHex: string;
}

/** Everything `runMerkleBench` measured. */
export interface MerkleBenchResult {
  readonly leaves: number;
  readonly leafSize: number;
  readonly sha256: {
    /** one-shot crypto.hash() of 65 bytes: the limit */
    readonly oneShotPerSecond: number;
    /** createHash().update().digest() of 65 bytes */
    readonly createHashPerSecond: number;
  };
  readonly ours: BuildFigures;
  readonly merkletreejs: BuildFigures;
  /**
   * merkletreejs given the same one-shot hash primitive as our code, to show
   * how much of the speed-up is the tree code rather than the hashing call
   */
  readonly merkletreejsOneShot: BuildFigures;
  /** merkletreejs time / our time */
  readonly speedup: number;
  /** our memory / merkletreejs memory */
  readonly memoryRatio: number;
  readonly sequencer: {
    readonly leaves: number;
    readonly leafSize: number;
    readonly leavesPerSecond: number;
    readonly hashesPerSecond: number;
    readonly fractionOfLimit: number;
  };
}

const DEFAULT_LEAVES = 1_000_000;
const DEFAULT_LEAF_SIZE = 64;
const DEFAULT_SEQUENCER_LEAVES = 200_000;
const DEFAULT_SEQUENCER_LEAF_SIZE = 300;
const HASH_INPUT_SIZE = 65;

type Builder = 'ours' | 'merkletreejs' | 'merkletreejs-oneshot';

interface ChildResult {
  readonly ms: number;
  readonly memoryBytes: number;
  readonly rssBytes: number;
  readonly rootHex: string;
}

/** Deterministic leaf data: one buffer, viewed as `count` leaves. */
function makeLeaves(count: number, size: number): Buffer[] {
  const all = Buffer.alloc(count * size);
  let x = 0x9e3779b9;
  for (let i = 0; i + 4 <= all.length; i += 4) {
    // xorshift32
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    all.writeInt32LE(x | 0, i);
  }
  return Array.from({ length: count }, (_, i) => all.subarray(i * size, (i + 1) * size));
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  collect?.();
}

function memoryNow(): { total: number; rss: number } {
  const m = process.memoryUsage();
  return { total: m.heapUsed + m.external, rss: m.rss };
}

function buildOurs(leaves: readonly Buffer[]): { root: Uint8Array; keep: unknown } {
  const tiles: TileData[] = [];
  const acc = new TileAccumulator({ onFullTile: (tile) => tiles.push(tile) });
  const range = CompactRange.empty();
  for (const leaf of leaves) range.appendLeaf(leaf, acc.visit);
  return { root: range.rootHash(), keep: { tiles, partial: acc.partialTiles(), range } };
}

const LEAF_PREFIX = Buffer.of(0);
const NODE_PREFIX = Buffer.of(1);

const createHashSha256 = (data: Buffer): Buffer => createHash('sha256').update(data).digest();
const oneShotSha256 = (data: Buffer): Buffer => oneShotHash('sha256', data, 'buffer');

function buildMerkletreejs(
  leaves: readonly Buffer[],
  sha256: (data: Buffer) => Buffer = createHashSha256,
): { root: Uint8Array; keep: unknown } {
  const prefixed = leaves.map((leaf) => Buffer.concat([LEAF_PREFIX, leaf]));
  const tree = new MerkleTree(prefixed, sha256, {
    hashLeaves: true,
    sortLeaves: false,
    sortPairs: false,
    sort: false,
    duplicateOdd: false,
    isBitcoinTree: false,
    complete: false,
    concatenator: (parts: Buffer[]) => Buffer.concat([NODE_PREFIX, ...parts]),
  });
  return { root: tree.getRoot(), keep: tree };
}

const BUILDERS: Record<
  Builder,
  (leaves: readonly Buffer[]) => { root: Uint8Array; keep: unknown }
> = {
  ours: buildOurs,
  merkletreejs: (leaves) => buildMerkletreejs(leaves),
  'merkletreejs-oneshot': (leaves) => buildMerkletreejs(leaves, oneShotSha256),
};

/** Child process body: build once, report time and memory held by the tree. */
function runChild(builder: Builder, leafCount: number, leafSize: number): ChildResult {
  const build = BUILDERS[builder];
  const leaves = makeLeaves(leafCount, leafSize);
  // warm the code path on a small tree so the JIT is not measured
  build(leaves.slice(0, 5000));
  gc();
  const before = memoryNow();
  const start = process.hrtime.bigint();
  const built = build(leaves);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  gc();
  const after = memoryNow();
  const result: ChildResult = {
    ms,
    memoryBytes: after.total - before.total,
    rssBytes: after.rss - before.rss,
    rootHex: Buffer.from(built.root).toString('hex'),
  };
  // hold the tree until measured
  if (built.keep === undefined) throw new Error('unreachable');
  return result;
}

function spawnChild(builder: Builder, leafCount: number, leafSize: number): Promise<ChildResult> {
  const self = fileURLToPath(import.meta.url);
  const args = [
    '--expose-gc',
    '--max-old-space-size=8192',
    self,
    `--child=${builder}`,
    `--leaves=${leafCount}`,
    `--leaf-size=${leafSize}`,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${builder} bench child exited with ${String(code)}`));
      else resolve(JSON.parse(out) as ChildResult);
    });
  });
}

function perSecond(count: number, ms: number): number {
  return count / (ms / 1000);
}

/** SHA-256 of 65-byte inputs per second, one-shot (the limit) and with createHash; shared by the benches. */
export function measureSha256(): { oneShotPerSecond: number; createHashPerSecond: number } {
  const input = Buffer.alloc(HASH_INPUT_SIZE, 0x5a);
  const rounds = 1_000_000;
  const time = (fn: () => unknown): number => {
    for (let i = 0; i < 100_000; i++) fn();
    const start = process.hrtime.bigint();
    for (let i = 0; i < rounds; i++) fn();
    return perSecond(rounds, Number(process.hrtime.bigint() - start) / 1e6);
  };
  return {
    oneShotPerSecond: time(() => oneShotHash('sha256', input, 'binary')),
    createHashPerSecond: time(() => createHash('sha256').update(input).digest()),
  };
}

function measureSequencer(count: number, size: number): number {
  const leaves = makeLeaves(count, size);
  const warm = CompactRange.empty();
  const warmTiles = new TileAccumulator();
  for (const leaf of leaves.slice(0, 5000)) warm.appendLeaf(leaf, warmTiles.visit);
  const timed = CompactRange.empty();
  const tiles = new TileAccumulator();
  const start = process.hrtime.bigint();
  for (const leaf of leaves) timed.appendLeaf(leaf, tiles.visit);
  timed.rootHash();
  return perSecond(count, Number(process.hrtime.bigint() - start) / 1e6);
}

function figures(child: ChildResult, leaves: number, limit: number): BuildFigures {
  const hashesPerSecond = perSecond(2 * leaves - 1, child.ms);
  return { ...child, hashesPerSecond, fractionOfLimit: hashesPerSecond / limit };
}

/** Runs the whole benchmark; the tree builds run in child processes of this module. */
export async function runMerkleBench(options: MerkleBenchOptions = {}): Promise<MerkleBenchResult> {
  const leaves = options.leaves ?? DEFAULT_LEAVES;
  const leafSize = options.leafSize ?? DEFAULT_LEAF_SIZE;
  const seqLeaves = options.sequencerLeaves ?? DEFAULT_SEQUENCER_LEAVES;
  const seqLeafSize = options.sequencerLeafSize ?? DEFAULT_SEQUENCER_LEAF_SIZE;
  const log = options.log ?? ((): void => undefined);

  log('measuring the SHA-256 limit (65-byte inputs)...');
  const sha256 = measureSha256();
  log(`building ${leaves} leaves with our code...`);
  const ours = figures(await spawnChild('ours', leaves, leafSize), leaves, sha256.oneShotPerSecond);
  log(`building ${leaves} leaves with merkletreejs...`);
  const other = figures(
    await spawnChild('merkletreejs', leaves, leafSize),
    leaves,
    sha256.oneShotPerSecond,
  );
  log(`building ${leaves} leaves with merkletreejs and a one-shot hash...`);
  const otherOneShot = figures(
    await spawnChild('merkletreejs-oneshot', leaves, leafSize),
    leaves,
    sha256.oneShotPerSecond,
  );
  if (ours.rootHex !== other.rootHex || ours.rootHex !== otherOneShot.rootHex) {
    throw new Error(`roots differ: ours ${ours.rootHex}, merkletreejs ${other.rootHex}`);
  }
  log(`sequencer: ${seqLeaves} appends of ${seqLeafSize}-byte leaves...`);
  const leavesPerSecond = measureSequencer(seqLeaves, seqLeafSize);
  // a leaf hash per append, plus on average one node hash
  const seqHashes = 2 * leavesPerSecond;
  return {
    leaves,
    leafSize,
    sha256,
    ours,
    merkletreejs: other,
    merkletreejsOneShot: otherOneShot,
    speedup: other.ms / ours.ms,
    memoryRatio: ours.memoryBytes / other.memoryBytes,
    sequencer: {
      leaves: seqLeaves,
      leafSize: seqLeafSize,
      leavesPerSecond,
      hashesPerSecond: seqHashes,
      fractionOfLimit: seqHashes / sha256.oneShotPerSecond,
    },
  };
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

function report(r: MerkleBenchResult): string {
  const k = (n: number): string => `${Math.round(n).toLocaleString('en-US')}`;
  const pct = (f: number): string => `${(f * 100).toFixed(1)} %`;
  const row = (name: string, b: BuildFigures): string =>
    `  ${name.padEnd(13)} ${b.ms.toFixed(0).padStart(7)} ms  ${k(b.hashesPerSecond).padStart(11)} hashes/s ` +
    `(${pct(b.fractionOfLimit)} of limit)  memory ${mib(b.memoryBytes).padStart(10)}  rss +${mib(b.rssBytes)}`;
  return [
    `SHA-256 of 65 bytes, node:crypto: one-shot ${k(r.sha256.oneShotPerSecond)}/s (the limit), createHash ${k(r.sha256.createHashPerSecond)}/s`,
    `tree of ${k(r.leaves)} leaves of ${r.leafSize} bytes (root ${r.ours.rootHex.slice(0, 16)}..., equal in both):`,
    row('ours (tiles)', r.ours),
    row('merkletreejs', r.merkletreejs),
    `  speed-up ${r.speedup.toFixed(2)}x, memory ratio 1/${(1 / r.memoryRatio).toFixed(1)}; ` +
      `goals >= 2.5x faster: ${r.speedup >= 2.5 ? 'met' : 'NOT met'}, ` +
      `<= 1/8 of the memory: ${r.memoryRatio <= 1 / 8 ? 'met' : 'NOT met'}`,
    row('  (one-shot)', r.merkletreejsOneShot),
    `  merkletreejs given our one-shot hash primitive: speed-up ${(r.merkletreejsOneShot.ms / r.ours.ms).toFixed(2)}x, memory ratio 1/${(r.merkletreejsOneShot.memoryBytes / r.ours.memoryBytes).toFixed(1)}`,
    `sequencer, one core, ${r.sequencer.leafSize}-byte leaves: ${k(r.sequencer.leavesPerSecond)} leaves/s ` +
      `(~${k(r.sequencer.hashesPerSecond)} hashes/s, ${pct(r.sequencer.fractionOfLimit)} of limit; ` +
      'its leaf hashes are longer than 65 bytes)',
  ].join('\n');
}

async function main(): Promise<void> {
  const child = process.argv.find((a) => a.startsWith('--child='))?.slice('--child='.length);
  const leaves = argValue('leaves');
  const leafSize = argValue('leaf-size');
  if (child === 'ours' || child === 'merkletreejs' || child === 'merkletreejs-oneshot') {
    const result = runChild(child, leaves ?? DEFAULT_LEAVES, leafSize ?? DEFAULT_LEAF_SIZE);
    process.stdout.write(JSON.stringify(result));
    return;
  }
  const result = await runMerkleBench({
    ...(leaves === undefined ? {} : { leaves }),
    ...(leafSize === undefined ? {} : { leafSize }),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`${report(result)}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  });
}
