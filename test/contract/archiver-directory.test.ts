/**
 * The archiver contract against a local directory target (a fresh temporary
 * directory per test), then what the directory shows best: two archives of
 * one ledger are byte for byte the same.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import type { Test } from 'tap';
import { createDirectoryArchiveTarget } from '../../ledger/archive/directory-archive-target.js';
import { archivePrefixFor, bundleKey } from '../../ledger/archive/bundle.js';
import { archiverContract, archiverFor, testLedger } from './archiver-contract.js';

async function tempRoot(t: Test): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'audit-ledger-archiver-'));
  t.teardown(() => rm(root, { recursive: true, force: true }));
  return root;
}

archiverContract(t, async (t) => createDirectoryArchiveTarget({ root: await tempRoot(t) }));

void t.test('the same ledger archived twice gives the same files, byte for byte', async (t) => {
  const ledger = await testLedger(t);
  await ledger.grow(2500, 500);
  const roots = [await tempRoot(t), await tempRoot(t)];
  for (const root of roots) {
    const target = createDirectoryArchiveTarget({ root });
    await archiverFor(t, ledger, target).runOnce({ force: true });
  }
  const prefix = archivePrefixFor(ledger.origin);
  for (const [first, end] of [
    [0, 1000],
    [1000, 2000],
    [2000, 2500],
  ] as const) {
    const key = bundleKey(prefix, first, end);
    const [a, b] = await Promise.all(roots.map((r) => readFile(join(r, ...key.split('/')))));
    t.ok(a !== undefined && b !== undefined && a.equals(b), `${key}: identical`);
  }
});
