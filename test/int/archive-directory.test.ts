/**
 * verify-archive over a local directory archive (the embedded default, not
 * WORM): a deleted bundle, a changed byte, a changed byte with its sidecar
 * "fixed", two bundles swapped, a foreign file — each named by code and key;
 * lock checks are skipped there with a warning. Through the library and the
 * CLI command (`--dir`), whose usage errors exit 2.
 */
import { chmod, mkdtemp, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import type { Test } from 'tap';
import { SIDECAR_SUFFIX, sha256Hex } from '../../ledger/archive/archive-target.js';
import { archivePrefixFor, bundleKey } from '../../ledger/archive/bundle.js';
import { createDirectoryArchiveTarget } from '../../ledger/archive/directory-archive-target.js';
import { verifyArchive } from '../../ledger/archive/verify-archive.js';
import { runVerifyArchive } from '../../services/archive/verify-archive.js';
import { TEST_MIN_RETENTION, archiverFor, testLedger } from '../contract/archiver-contract.js';
import { tamperedCopy } from '../support/archive-chain.js';
import type { ArchiveTestLedger } from '../support/archive-ledger.js';

/** A directory archive of a 2,000-leaf ledger in four bundles. */
async function archived(t: Test): Promise<{ root: string; ledger: ArchiveTestLedger }> {
  const root = await mkdtemp(join(tmpdir(), 'audit-ledger-verify-'));
  t.teardown(() => rm(root, { recursive: true, force: true }));
  const ledger = await testLedger(t);
  await ledger.grow(2000, 500);
  const target = createDirectoryArchiveTarget({ root });
  const r = await archiverFor(t, ledger, target, { bundleEntries: 500 }).runOnce({ force: true });
  t.equal(r.bundles.length, 4);
  return { root, ledger };
}

function fileOf(root: string, key: string): string {
  return join(root, ...key.split('/'));
}

async function verify(root: string, ledger: ArchiveTestLedger) {
  return verifyArchive(createDirectoryArchiveTarget({ root }), {
    verifierKeys: [ledger.verifierKey],
    minRetention: TEST_MIN_RETENTION,
  });
}

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const sink = (add: (s: string) => void) =>
    ({
      write(chunk: string | Uint8Array) {
        add(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
        return true;
      },
    }) as unknown as NodeJS.WritableStream;
  const code = await runVerifyArchive(args, {
    stdout: sink((s) => (stdout += s)),
    stderr: sink((s) => (stderr += s)),
    env: {},
  });
  return { code, stdout, stderr };
}

/** Overwrites a read-only archived file (anyone with write access to the directory can). */
async function overwrite(file: string, data: Uint8Array | string): Promise<void> {
  await chmod(file, 0o644);
  await writeFile(file, data);
}

void t.test('an intact directory archive checks out, with a not-WORM warning', async (t) => {
  const { root, ledger } = await archived(t);
  const v = await verify(root, ledger);
  t.equal(v.problem, null);
  t.same(
    { bundles: v.bundles, leaves: v.leaves, checkpoints: v.checkpoints },
    {
      bundles: 4,
      leaves: 2000,
      checkpoints: 4,
    },
  );
  t.ok(v.warnings.some((w) => /not WORM storage/.test(w)));
  t.equal(v.earliestRetainUntil, null, 'no lock was checked');

  const keyFile = join(root, 'ledger.vkey');
  await writeFile(keyFile, `${ledger.verifierKey}\n`);
  const out = await cli(['--dir', root, '--key', keyFile, '--min-retention', '1d']);
  t.equal(out.code, 0, out.stderr);
  t.match(out.stdout, /OK .*4 bundles cover leaves \[0, 2000\) with no gap/);
  t.match(out.stderr, /warning: .*not WORM storage/);
});

void t.test('a deleted bundle is named (GAP at the next one)', async (t) => {
  const { root, ledger } = await archived(t);
  const prefix = archivePrefixFor(ledger.origin);
  const gone = fileOf(root, bundleKey(prefix, 500, 1000));
  await unlink(gone);
  await unlink(gone + SIDECAR_SUFFIX);
  const v = await verify(root, ledger);
  t.same(
    { code: v.problem?.code, key: v.problem?.key },
    { code: 'GAP', key: bundleKey(prefix, 1000, 1500) },
  );
  const out = await cli(['--dir', root, '--key', ledger.verifierKey, '--min-retention', '1d']);
  t.equal(out.code, 1);
  t.match(out.stderr, `FAILED at ${bundleKey(prefix, 1000, 1500)}: GAP`);
});

void t.test(
  'a deleted first bundle is a GAP from leaf 0; a deleted last one, given --min-leaves',
  async (t) => {
    const { root, ledger } = await archived(t);
    const prefix = archivePrefixFor(ledger.origin);
    await unlink(fileOf(root, bundleKey(prefix, 0, 500)));
    const v = await verify(root, ledger);
    t.same(
      { code: v.problem?.code, key: v.problem?.key },
      { code: 'GAP', key: bundleKey(prefix, 500, 1000) },
    );
    t.match(v.problem?.message, /leaves \[0, 500\)/);

    const { root: root2, ledger: ledger2 } = await archived(t);
    const last = fileOf(root2, bundleKey(prefix, 1500, 2000));
    await unlink(last);
    await unlink(last + SIDECAR_SUFFIX);
    const shorter = await verify(root2, ledger2);
    t.equal(shorter.problem, null, 'without a trusted size, a shorter archive is consistent');
    t.equal(shorter.leaves, 1500);
    const out = await cli(['--dir', root2, '--key', ledger2.verifierKey, '--min-leaves', '2000']);
    t.equal(out.code, 1);
    t.match(
      out.stderr,
      /GAP: the bundles end at leaf 1500; leaves \[1500, 2000\) are in no bundle/,
    );
  },
);

void t.test(
  'a changed byte is named: CONTENT_HASH, or PART_HASH once the sidecar is "fixed"',
  async (t) => {
    const { root, ledger } = await archived(t);
    const prefix = archivePrefixFor(ledger.origin);
    const key = bundleKey(prefix, 1000, 1500);
    const file = fileOf(root, key);
    const tampered = tamperedCopy(await readFile(file));
    await overwrite(file, tampered);
    let v = await verify(root, ledger);
    t.same({ code: v.problem?.code, key: v.problem?.key }, { code: 'CONTENT_HASH', key });

    const sidecar = JSON.parse(await readFile(file + SIDECAR_SUFFIX, 'utf8')) as Record<
      string,
      unknown
    >;
    await overwrite(
      file + SIDECAR_SUFFIX,
      JSON.stringify({ ...sidecar, sha256: sha256Hex(tampered) }),
    );
    v = await verify(root, ledger);
    t.same({ code: v.problem?.code, key: v.problem?.key }, { code: 'PART_HASH', key });
  },
);

void t.test('two swapped bundles are named (RANGE_MISMATCH at the first)', async (t) => {
  const { root, ledger } = await archived(t);
  const prefix = archivePrefixFor(ledger.origin);
  const a = fileOf(root, bundleKey(prefix, 500, 1000));
  const b = fileOf(root, bundleKey(prefix, 1000, 1500));
  for (const suffix of ['', SIDECAR_SUFFIX]) {
    await rename(a + suffix, `${a}${suffix}.swap`);
    await rename(b + suffix, a + suffix);
    await rename(`${a}${suffix}.swap`, b + suffix);
  }
  // the sidecars name their key: give each its new one so only the bundle order is wrong
  for (const [file, key] of [
    [a, bundleKey(prefix, 500, 1000)],
    [b, bundleKey(prefix, 1000, 1500)],
  ] as const) {
    const s = JSON.parse(await readFile(file + SIDECAR_SUFFIX, 'utf8')) as Record<string, unknown>;
    await overwrite(file + SIDECAR_SUFFIX, JSON.stringify({ ...s, key }));
  }
  const v = await verify(root, ledger);
  t.same(
    { code: v.problem?.code, key: v.problem?.key },
    { code: 'RANGE_MISMATCH', key: bundleKey(prefix, 500, 1000) },
  );
});

void t.test('a bundle from another chain, and a foreign key, are named', async (t) => {
  const { root, ledger } = await archived(t);
  const prefix = archivePrefixFor(ledger.origin);
  // an archive of the same ledger sealed in other ranges: its bundle does not chain
  const other = await mkdtemp(join(tmpdir(), 'audit-ledger-verify-other-'));
  t.teardown(() => rm(other, { recursive: true, force: true }));
  await archiverFor(t, ledger, createDirectoryArchiveTarget({ root: other }), {
    bundleEntries: 1000,
  }).runOnce({ force: true });
  const theirs = bundleKey(prefix, 1000, 2000);
  const ours = bundleKey(prefix, 1000, 1500);
  await unlink(fileOf(root, ours));
  await unlink(fileOf(root, ours) + SIDECAR_SUFFIX);
  await unlink(fileOf(root, bundleKey(prefix, 1500, 2000)));
  await unlink(fileOf(root, bundleKey(prefix, 1500, 2000)) + SIDECAR_SUFFIX);
  await writeFile(fileOf(root, theirs), await readFile(fileOf(other, theirs)));
  let v = await verify(root, ledger);
  t.same({ code: v.problem?.code, key: v.problem?.key }, { code: 'CHAIN', key: theirs });

  await unlink(fileOf(root, theirs));
  await writeFile(join(root, ...prefix.split('/'), 'bundles', 'notes.txt'), 'hello');
  v = await verify(root, ledger);
  t.equal(v.problem?.code, 'UNEXPECTED_KEY');
  t.match(v.problem?.key, /bundles\/notes\.txt$/);
});

void t.test('the wrong key, an empty archive and bad usage', async (t) => {
  const { root, ledger } = await archived(t);
  const other = 'someone+00000000+AQ' + 'A'.repeat(42) + '=';
  const wrongKey = await cli(['--dir', root, '--key', other]);
  t.equal(wrongKey.code, 2, 'a malformed key is a usage error');

  const { generateNoteKey } = await import('../../ledger/checkpoint/signed-note.js');
  const stranger = generateNoteKey(ledger.origin).verifierKey;
  const v = await verifyArchive(createDirectoryArchiveTarget({ root }), {
    verifierKeys: [stranger],
  });
  t.equal(v.problem?.code, 'MANIFEST_SIGNATURE');
  t.match(v.problem?.key, /00000000000000000000-00000000000000000500\.bundle$/);

  const empty = await mkdtemp(join(tmpdir(), 'audit-ledger-verify-empty-'));
  t.teardown(() => rm(empty, { recursive: true, force: true }));
  const none = await cli(['--dir', empty, '--key', ledger.verifierKey]);
  t.equal(none.code, 1);
  t.match(none.stderr, /NO_BUNDLES/);

  t.equal((await cli(['--key', ledger.verifierKey])).code, 2, 'no target');
  t.equal((await cli(['--dir', root, '--s3-bucket', 'b', '--key', ledger.verifierKey])).code, 2);
  t.equal((await cli(['--dir', root])).code, 2, 'no key');
  t.equal(
    (await cli(['--dir', root, '--key', ledger.verifierKey, '--min-retention', '5 weeks'])).code,
    2,
  );
  t.equal((await cli(['--dir', join(root, 'nope'), '--key', ledger.verifierKey])).code, 2);
  t.equal((await cli(['--dir', root, '--key', ledger.verifierKey, '--bogus'])).code, 2);
});
