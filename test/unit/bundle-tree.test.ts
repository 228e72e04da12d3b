/**
 * Hashing a bundle on a worker thread (`hashBundleTree` through
 * `BundleTreePool`) gives the very bytes and results of hashing it inline:
 * `prepareBundleWith` = `prepareBundle` for many ranges (proof nodes from
 * the entries, leaves among them), and a located bundle's digests and tree
 * match what the reader computes itself.
 */
import { createHash } from 'node:crypto';
import t from 'tap';
import {
  appendBundleEntries,
  archivePrefixFor,
  decodeBundleParts,
  openBundle,
  prepareBundle,
  prepareBundleWith,
  rangeKey,
  sealBundle,
} from '../../ledger/archive/bundle.js';
import type { BundleLink, PrepareBundleInput } from '../../ledger/archive/bundle.js';
import { hashBundleTree } from '../../ledger/archive/bundle-tree.js';
import { BundleTreePool } from '../../ledger/archive/bundle-tree-pool.js';
import { signCheckpoint } from '../../ledger/checkpoint/checkpoint.js';
import { parsePrivateKey } from '../../ledger/checkpoint/signed-note.js';
import { isLedgerError } from '../../ledger/errors.js';
import { CompactRange } from '../../ledger/merkle/compact-range.js';
import { ReferenceTree, leafData } from '../support/reference-tree.js';
import { TEST_ORIGIN, TEST_PRIVATE_KEY } from '../support/archive-ledger.js';

const signer = parsePrivateKey(TEST_PRIVATE_KEY);
const verifiers = [signer.verifier()];
const PREFIX = archivePrefixFor(TEST_ORIGIN);
const N = 70;
const leaves = Array.from({ length: N }, (_, i) => leafData(i));
const ref = new ReferenceTree(leaves);
const note = (size: number) =>
  Buffer.from(
    signCheckpoint({ origin: TEST_ORIGIN, size, rootHash: ref.root(size) }, signer, {
      timestamp: 1_750_000_000 + size,
    }),
  );
const frontier = (size: number) => {
  const r = CompactRange.empty();
  for (const l of leaves.slice(0, size)) r.appendLeaf(l);
  return r.hashes();
};
const input = (first: number, end: number): PrepareBundleInput => ({
  origin: TEST_ORIGIN,
  frontier: frontier(first),
  first,
  entries: leaves.slice(first, end),
  checkpoint: note(end),
  previousCheckpoint: first === 0 ? null : note(first),
  verifiers,
});
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const link = (first: number): BundleLink | null =>
  first === 0 ? null : { key: `${PREFIX}/bundles/x`, sha256: '0'.repeat(64), versionId: 'v1' };

const ranges: [number, number][] = [
  [0, 1],
  [0, 13],
  [1, 2],
  [5, 7],
  [6, 8],
  [7, 70],
  [13, 64],
  [32, 33],
  [63, 70],
];

void t.test('prepareBundleWith on a worker = prepareBundle, byte for byte', async (t) => {
  const pool = new BundleTreePool(1);
  t.teardown(() => pool.close());
  for (const [first, end] of ranges) {
    const inline = sealBundle(prepareBundle(input(first, end)), link(first), signer, PREFIX);
    const prepared = await prepareBundleWith(input(first, end), (task) => pool.run(task));
    const worker = sealBundle(prepared, link(first), signer, PREFIX);
    t.equal(sha(worker.bytes), sha(inline.bytes), `[${first}, ${end}): same bytes`);
    t.same(worker.endFrontier, inline.endFrontier, `[${first}, ${end}): same end frontier`);
  }
  t.equal(pool.size, 1, 'the worker ran (not the inline fallback)');
});

void t.test('a located bundle: the digests and tree the reader computes', async (t) => {
  const pool = new BundleTreePool(1);
  t.teardown(() => pool.close());
  for (const [first, end] of ranges) {
    const sealed = sealBundle(prepareBundle(input(first, end)), link(first), signer, PREFIX);
    const sizes = [first, first + 1, end, end + 1];
    // a view into the prepared buffer: the pool copies it, the bundle stays readable
    const out = await pool.run({ bytes: sealed.bytes, ranges: [], locate: true, sizes });
    t.equal(sealed.bytes.length > 0 && out.bytes !== sealed.bytes, true, 'sent a copy');
    t.equal(out.digests.get(rangeKey(0, sealed.bytes.length)), sealed.sha256, 'whole file');
    const opened = openBundle(out.bytes, verifiers);
    for (const [i, p] of opened.parts.entries()) {
      const at = p.byteOffset - out.bytes.byteOffset;
      t.equal(out.digests.get(rangeKey(at, at + p.length)), sha(p), `part ${i}`);
    }
    const parts = decodeBundleParts(opened);
    const range = CompactRange.fromHashes(first, frontier(first));
    const roots = new Map<number, Uint8Array>();
    const root = appendBundleEntries(range, first, parts.entries, {
      sizes,
      onRoot: (size, h) => roots.set(size, h),
    });
    t.ok(out.tree !== null, 'a tree');
    t.same(out.tree?.rootHash, root, 'root');
    t.same(out.tree?.rootHash, ref.root(end), 'the reference root');
    t.same(out.tree?.endFrontier, range.hashes(), 'end frontier');
    t.same(new Map(out.tree?.roots), roots, 'roots at the wanted sizes');
  }
});

void t.test('a damaged file is located no further than its layout allows', (t) => {
  const sealed = sealBundle(prepareBundle(input(5, 7)), link(5), signer, PREFIX);
  const cut = sealed.bytes.subarray(0, sealed.bytes.length - 1);
  const out = hashBundleTree({ bytes: cut, ranges: [], locate: true });
  t.equal(out.tree, null, 'no tree');
  t.equal(out.digests.size, 1, 'only the whole file hashed');
  const garbage = hashBundleTree({ bytes: Buffer.from('not a bundle'), ranges: [], locate: true });
  t.equal(garbage.tree, null);
  t.end();
});

void t.test(
  'a tree task over a malformed entries part fails on the worker as inline',
  async (t) => {
    const pool = new BundleTreePool(1);
    t.teardown(() => pool.close());
    const bytes = Buffer.from([0, 5, 1, 2]);
    const task = {
      bytes,
      ranges: [],
      tree: { first: 0, count: 1, entriesOffset: 0, entriesLength: 4, frontier: [] },
    };
    let inline: unknown;
    try {
      hashBundleTree(task);
    } catch (e) {
      inline = e;
    }
    const onWorker = await pool.run(task).then(
      () => undefined,
      (e: unknown) => e,
    );
    t.ok(isLedgerError(inline) && inline.code === 'LDG_ERR_DECODE', 'inline: LDG_ERR_DECODE');
    t.ok(isLedgerError(onWorker) && onWorker.code === 'LDG_ERR_DECODE', 'worker: LDG_ERR_DECODE');
  },
);
