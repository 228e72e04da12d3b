/**
 * kill -9 of the archiver (a child process) between storing a bundle and
 * recording its BundleArchived event, at both points where that can happen
 * (before and after the progress store records the bundle), on real S3
 * Object Lock, and on a directory. After a restart the archive
 * holds one version per range, the bundles cover the log with no gap, the
 * log holds exactly one BundleArchived event per bundle, and verify-archive
 * finds nothing wrong.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import type { Test } from 'tap';
import type { ArchiveTarget } from '../../ledger/archive/archive-target.js';
import { bundleArchivedEventId } from '../../ledger/archive/bundle-archived-event.js';
import { createDirectoryArchiveTarget } from '../../ledger/archive/directory-archive-target.js';
import { createS3ArchiveTarget } from '../../ledger/archive/s3-archive-target.js';
import { verifyArchive } from '../../ledger/archive/verify-archive.js';
import {
  TEST_MIN_RETENTION,
  allEvents,
  archiverFor,
  storedBundles,
} from '../contract/archiver-contract.js';
import { openArchiveTestLedger } from '../support/archive-ledger.js';
import { createLockedTestBucket, requireRgw, rgwTargetOptions } from '../support/rgw.js';

/** Runs the child until it reaches its crash point, then SIGKILLs it; resolves with the key it was at. */
function crashChild(dir: string, kind: 's3' | 'dir', where: string, mode: string): Promise<string> {
  const self = fileURLToPath(import.meta.url);
  const ext = self.endsWith('.ts') ? '.ts' : '.js';
  const fixture = fileURLToPath(new URL(`../fixtures/archiver-crash-child${ext}`, import.meta.url));
  return new Promise((resolve, reject) => {
    // process.execArgv carries the TypeScript loader tap runs this test with
    const child = spawn(process.execPath, [...process.execArgv, fixture, dir, kind, where, mode], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    let key: string | null = null;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const m = /^CRASHPOINT (\S+)$/m.exec(out);
      if (m?.[1] !== undefined && key === null) {
        key = m[1];
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' && key !== null) resolve(key);
      else
        reject(
          new Error(`child ended by itself (code ${String(code)}, ${String(signal)}): ${out}`),
        );
    });
  });
}

async function scenario(t: Test, kind: 's3' | 'dir', mode: 'upload' | 'record'): Promise<void> {
  const dir = t.testdir();
  let where: string;
  let target: ArchiveTarget;
  if (kind === 's3') {
    const rgw = await requireRgw();
    where = await createLockedTestBucket(rgw, `crash-${mode}`);
    target = createS3ArchiveTarget(rgwTargetOptions(rgw, where));
  } else {
    where = await mkdtemp(join(tmpdir(), 'audit-ledger-crash-'));
    t.teardown(() => rm(where, { recursive: true, force: true }));
    target = createDirectoryArchiveTarget({ root: where });
  }
  t.teardown(() => target.close());

  const seed = await openArchiveTestLedger({ dir });
  await seed.grow(3000, 500);
  await seed.close();

  const crashedAt = await crashChild(dir, kind, where, mode);
  t.match(crashedAt, /bundles\/00000000000000001000-00000000000000002000\.bundle$/);

  const ledger = await openArchiveTestLedger({ dir });
  t.teardown(() => ledger.close());
  const before = await storedBundles(target, ledger);
  t.same(
    before.ranges,
    [
      [0, 1000],
      [1000, 2000],
    ],
    'the second bundle was stored before the kill',
  );

  const r = await archiverFor(t, ledger, target).runOnce({ force: true });
  const expectResumed =
    mode === 'upload'
      ? [
          [1000, 2000],
          [2000, 3000],
        ]
      : [[2000, 3000]];
  t.same(
    r.bundles.map((b) => [b.first, b.end]),
    expectResumed,
  );
  t.equal(r.alreadyPresent, mode === 'upload' ? 1 : 0, 'the stored bundle was not uploaded again');

  const after = await storedBundles(target, ledger);
  t.same(
    after.ranges,
    [
      [0, 1000],
      [1000, 2000],
      [2000, 3000],
    ],
    'no gap',
  );
  t.same(after.versionsPerKey, [1, 1, 1], 'no duplicate version');

  const archived = (await allEvents(ledger)).filter((e) => e.type === 'bundle_archived');
  t.same(
    archived.map((e) => e.eventId),
    after.ranges.map(([first, end]) =>
      bundleArchivedEventId(
        target.location,
        `archive.test/ledger/bundles/${String(first).padStart(20, '0')}-${String(end).padStart(20, '0')}.bundle`,
      ),
    ),
    'exactly one BundleArchived event per bundle',
  );

  await ledger.checkpoint();
  await archiverFor(t, ledger, target).runOnce({ force: true });
  const v = await verifyArchive(target, {
    verifierKeys: [ledger.verifierKey],
    minRetention: TEST_MIN_RETENTION,
  });
  t.equal(v.problem, null);
  t.equal(v.anchors, 3, 'every bundle anchored by its event');
}

// both crash points on S3; on a directory the point before the progress
// records the bundle (the other point is the same code on any target)
for (const [kind, mode] of [
  ['s3', 'upload'],
  ['s3', 'record'],
  ['dir', 'upload'],
] as const) {
  void t.test(`kill -9 after the ${mode} step (${kind}): no duplicate, no gap`, (t) =>
    scenario(t, kind, mode),
  );
}
