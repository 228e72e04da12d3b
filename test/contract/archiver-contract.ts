/**
 * The archiver contract: one suite run against every archive target
 * (archiver-directory.test.ts, archiver-s3.test.ts against the local
 * radosgw), over a real SQLite ledger (test/support/archive-ledger.ts).
 * Assertions are on data: bundle ranges, versions per key, the events in the
 * log, what verify-archive finds.
 */
import { join } from 'node:path';
import type { Test } from 'tap';
import type { ArchiveTarget } from '../../ledger/archive/archive-target.js';
import { createArchiver } from '../../ledger/archive/archiver.js';
import type { Archiver, ArchiverLog, ArchiverOptions } from '../../ledger/archive/archiver.js';
import {
  archivePrefixFor,
  bundleKey,
  bundlesFolder,
  checkpointsFolder,
  parseBundleKey,
} from '../../ledger/archive/bundle.js';
import { bundleArchivedEventId } from '../../ledger/archive/bundle-archived-event.js';
import { createRetentionPolicy } from '../../ledger/archive/retention.js';
import {
  archiveStreamName,
  openSqliteArchiveProgress,
} from '../../ledger/archive/sqlite-archive-progress.js';
import type { SqliteArchiveProgressStore } from '../../ledger/archive/sqlite-archive-progress.js';
import { verifyArchive } from '../../ledger/archive/verify-archive.js';
import { isLedgerError } from '../../ledger/errors.js';
import { START } from '../../ledger/store/event-store.js';
import type { StoredEvent } from '../../ledger/store/event-store.js';
import { openArchiveTestLedger } from '../support/archive-ledger.js';
import type { ArchiveTestLedger } from '../support/archive-ledger.js';

/** Makes a fresh, empty, ready target for one test; registers its cleanup on `t`. */
export type ArchiverTargetFactory = (t: Test) => Promise<ArchiveTarget>;

/** Short locks: test buckets are throw-away (the floor is lowered to match, visibly). */
export const TEST_RETENTION = createRetentionPolicy({ period: { days: 2 }, floor: { days: 2 } });
export const TEST_MIN_RETENTION = { days: 1 } as const;

export async function testLedger(t: Test): Promise<ArchiveTestLedger> {
  const ledger = await openArchiveTestLedger({ dir: t.testdir() });
  t.teardown(() => ledger.close());
  return ledger;
}

export function progressFor(
  t: Test,
  ledger: ArchiveTestLedger,
  target: ArchiveTarget,
  path?: string,
): SqliteArchiveProgressStore {
  const stream = archiveStreamName(target.location, archivePrefixFor(ledger.origin));
  const store =
    path === undefined
      ? openSqliteArchiveProgress({ database: ledger.database, stream })
      : openSqliteArchiveProgress({ path, stream });
  t.teardown(() => store.close());
  return store;
}

export function archiverFor(
  t: Test,
  ledger: ArchiveTestLedger,
  target: ArchiveTarget,
  overrides: Partial<ArchiverOptions> = {},
): Archiver {
  const archiver = createArchiver({
    source: ledger.source,
    target,
    progress: overrides.progress ?? progressFor(t, ledger, target),
    signer: ledger.signer,
    retention: TEST_RETENTION,
    bundleEntries: 1000,
    ...overrides,
  });
  t.teardown(() => archiver.stop());
  return archiver;
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** Every event of the ledger's store. */
export async function allEvents(ledger: ArchiveTestLedger): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  let after = START;
  for (;;) {
    const page = await ledger.store.read({ after, limit: 1000 });
    if (page.length === 0) return out;
    out.push(...page);
    after = (page[page.length - 1] as StoredEvent).position;
  }
}

/** Bundle ranges stored under the ledger's prefix, and how many versions each key has. */
export async function storedBundles(
  target: ArchiveTarget,
  ledger: ArchiveTestLedger,
): Promise<{ ranges: [number, number][]; versionsPerKey: number[] }> {
  const versions = await collect(
    target.listVersions(bundlesFolder(archivePrefixFor(ledger.origin))),
  );
  const perKey = new Map<string, number>();
  for (const v of versions) if (!v.deleteMarker) perKey.set(v.key, (perKey.get(v.key) ?? 0) + 1);
  const ranges = [...perKey.keys()].map((k) => {
    const r = parseBundleKey(k);
    return [r?.first ?? -1, r?.end ?? -1] as [number, number];
  });
  return { ranges, versionsPerKey: [...perKey.values()] };
}

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    return isLedgerError(e) ? e.code : `not a LedgerError: ${String(e)}`;
  }
  return undefined;
}

function capturingLog(): ArchiverLog & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(`info ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    error: (m) => lines.push(`error ${m}`),
  };
}

/** Runs the contract against targets from `factory`. */
export function archiverContract(t: Test, factory: ArchiverTargetFactory): void {
  void t.test(
    'seals contiguous bundles at checkpoints, anchors them in the log, archives every checkpoint',
    async (t) => {
      const target = await factory(t);
      const ledger = await testLedger(t);
      await ledger.grow(2500, 250);
      const archiver = archiverFor(t, ledger, target);

      const r1 = await archiver.runOnce();
      t.same(
        r1.bundles.map((b) => [b.first, b.end]),
        [
          [0, 1000],
          [1000, 2000],
        ],
        'full bundles only: 500 leaves wait for more or for the interval',
      );
      t.equal(r1.checkpoints, 10, 'every signed checkpoint archived');
      t.equal(r1.alreadyPresent, 0);
      for (const b of r1.bundles) {
        t.equal(b.lockMode, target.lockMode);
        t.equal(b.versionId === null, !target.versioned);
        t.ok(b.retainUntil.getTime() >= TEST_RETENTION.retainUntil(b.sealedAt).getTime());
      }

      const r2 = await archiver.runOnce({ force: true });
      t.same(
        r2.bundles.map((b) => [b.first, b.end]),
        [[2000, 2500]],
      );
      // the sequencer picks up the checkpoint event of 2500 and the three
      // BundleArchived events; seal them too
      const tail = (await ledger.checkpoint()).size;
      t.equal(tail, 2504);
      const r3 = await archiver.runOnce({ force: true });
      t.same(
        r3.bundles.map((b) => [b.first, b.end]),
        [[2500, 2504]],
      );

      const archived = (await allEvents(ledger)).filter((e) => e.type === 'bundle_archived');
      const keys = [...r1.bundles, ...r2.bundles, ...r3.bundles].map((b) => b.key);
      t.same(
        archived.map((e) => e.eventId),
        keys.map((k) => bundleArchivedEventId(target.location, k)),
        'one BundleArchived event per bundle, in order, with the deterministic id',
      );

      const stored = await storedBundles(target, ledger);
      t.same(stored.ranges, [
        [0, 1000],
        [1000, 2000],
        [2000, 2500],
        [2500, 2504],
      ]);
      t.same(stored.versionsPerKey, [1, 1, 1, 1], 'one version per range');
      t.equal(
        (await collect(target.list(checkpointsFolder(archivePrefixFor(ledger.origin))))).length,
        11,
      );

      const v = await verifyArchive(target, {
        verifierKeys: [ledger.verifierKey],
        minRetention: TEST_MIN_RETENTION,
      });
      t.equal(v.problem, null, 'verify-archive finds nothing wrong');
      t.same(
        {
          ok: v.ok,
          bundles: v.bundles,
          leaves: v.leaves,
          checkpoints: v.checkpoints,
          withRoot: v.checkpointsWithRoot,
          anchors: v.anchors,
          origin: v.origin,
        },
        {
          ok: true,
          bundles: 4,
          leaves: 2504,
          checkpoints: 11,
          withRoot: 11,
          anchors: 3,
          origin: ledger.origin,
        },
      );
    },
  );

  void t.test('start checks the target, warns when it is not WORM, then runs rounds', async (t) => {
    const target = await factory(t);
    const ledger = await testLedger(t);
    await ledger.grow(300, 100);
    const log = capturingLog();
    const archiver = archiverFor(t, ledger, target, {
      log,
      pollIntervalMs: 20,
      bundleEntries: 100,
    });
    const ready = await archiver.start();
    t.equal(ready.worm, target.worm);
    const warned = log.lines.some((l) => l.startsWith('warn') && l.includes('not WORM storage'));
    t.equal(warned, !target.worm, target.worm ? 'no warning for WORM storage' : 'warns: not WORM');
    for (let i = 0; i < 200 && (archiver.status().last?.end ?? 0) < 300; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    t.equal(archiver.status().last?.end, 300, 'background rounds sealed the log');
    t.equal(archiver.status().running, true);
    await archiver.stop();
    t.equal(archiver.status().running, false);
    t.equal(
      await codeOf(archiver.start()),
      'LDG_ERR_SHUTTING_DOWN',
      'a stopped archiver stays stopped',
    );
  });

  void t.test(
    'a crash after the upload: the restart recognises the stored bundle, no duplicate, no gap',
    async (t) => {
      const target = await factory(t);
      const ledger = await testLedger(t);
      await ledger.grow(3000, 500);
      let uploads = 0;
      const crashing = archiverFor(t, ledger, target, {
        hooks: {
          afterUpload: () => {
            if (++uploads === 2) throw new Error('crash after upload');
          },
        },
      });
      t.match(await crashing.runOnce().catch((e: unknown) => e), {
        message: 'crash after upload',
      });
      await crashing.stop();

      const restarted = archiverFor(t, ledger, target);
      const r = await restarted.runOnce({ force: true });
      t.same(
        r.bundles.map((b) => [b.first, b.end]),
        [
          [1000, 2000],
          [2000, 3000],
        ],
      );
      t.equal(r.alreadyPresent, 1, 'the stored bundle was recognised, not uploaded again');
      const stored = await storedBundles(target, ledger);
      t.same(stored.ranges, [
        [0, 1000],
        [1000, 2000],
        [2000, 3000],
      ]);
      t.same(stored.versionsPerKey, [1, 1, 1]);
      const archived = (await allEvents(ledger)).filter((e) => e.type === 'bundle_archived');
      t.equal(archived.length, 3, 'one BundleArchived per bundle');
      const v = await verifyArchive(target, {
        verifierKeys: [ledger.verifierKey],
        minRetention: TEST_MIN_RETENTION,
      });
      t.equal(v.problem, null);
      t.equal(v.leaves, 3000);
    },
  );

  void t.test(
    'a crash after the progress recorded a bundle: the BundleArchived event is written once',
    async (t) => {
      const target = await factory(t);
      const ledger = await testLedger(t);
      await ledger.grow(1000, 1000);
      const crashing = archiverFor(t, ledger, target, {
        hooks: {
          afterRecord: () => {
            throw new Error('crash before the event');
          },
        },
      });
      await crashing.runOnce().catch(() => undefined);
      await crashing.stop();
      t.equal(
        (await allEvents(ledger)).filter((e) => e.type === 'bundle_archived').length,
        0,
        'no event yet',
      );
      const restarted = archiverFor(t, ledger, target);
      const r = await restarted.runOnce();
      t.equal(r.bundles.length, 0, 'nothing sealed again');
      // a second restart must not add it twice
      const again = archiverFor(t, ledger, target);
      await again.runOnce();
      const events = (await allEvents(ledger)).filter((e) => e.type === 'bundle_archived');
      t.same(
        events.map((e) => e.eventId),
        [
          bundleArchivedEventId(
            target.location,
            bundleKey(archivePrefixFor(ledger.origin), 0, 1000),
          ),
        ],
      );
    },
  );

  void t.test(
    'lost progress: bundles already in the archive are recognised and adopted, not stacked',
    async (t) => {
      const target = await factory(t);
      const ledger = await testLedger(t);
      await ledger.grow(2000, 500);
      await archiverFor(t, ledger, target).runOnce({ force: true });

      // a new progress store (ledger.db restored from an old backup, say)
      const fresh = progressFor(t, ledger, target, join(t.testdir(), 'other-progress.db'));
      const r = await archiverFor(t, ledger, target, { progress: fresh }).runOnce({ force: true });
      t.same(
        r.bundles.map((b) => [b.first, b.end]),
        [
          [0, 1000],
          [1000, 2000],
        ],
      );
      t.equal(r.alreadyPresent, 2, 'identical bytes: nothing uploaded');
      t.same((await storedBundles(target, ledger)).versionsPerKey, [1, 1]);
    },
  );

  void t.test(
    'other bytes under the next key stop the archiver: nothing is overwritten',
    async (t) => {
      const target = await factory(t);
      const ledger = await testLedger(t);
      await ledger.grow(1000, 1000);
      const key = bundleKey(archivePrefixFor(ledger.origin), 0, 1000);
      const junk = Buffer.from('not the bundle');
      await target.putLocked(key, junk, {
        retainUntil: TEST_RETENTION.retainUntil(new Date()),
        sha256: (await import('../../ledger/archive/archive-target.js')).sha256Hex(junk),
      });
      const archiver = archiverFor(t, ledger, target);
      t.equal(await codeOf(archiver.runOnce()), 'LDG_ERR_ARCHIVE_CONFLICT');
      t.same((await storedBundles(target, ledger)).versionsPerKey, [1]);
      t.same(Buffer.from(await target.get(key)), junk, 'the object under the key is untouched');
      t.match(archiver.status().lastError, /LDG_ERR_ARCHIVE_CONFLICT/);
    },
  );

  void t.test('the interval seals a quiet log; a tail of its own events does not', async (t) => {
    const target = await factory(t);
    const ledger = await testLedger(t);
    await ledger.grow(10, 10);
    let now = Date.parse('2030-01-01T00:00:00Z');
    const archiver = archiverFor(t, ledger, target, {
      now: () => new Date(now),
      bundleIntervalMs: 600_000,
    });
    t.same(
      (await archiver.runOnce()).bundles.map((b) => [b.first, b.end]),
      [[0, 10]],
      'the first bundle at once',
    );
    // 12 leaves: the checkpoint event of 10 and the BundleArchived event
    t.equal((await ledger.checkpoint()).size, 12);
    now += 60_000;
    t.same((await archiver.runOnce()).bundles, [], 'not due yet');
    now += 600_000;
    t.same((await archiver.runOnce()).bundles, [], 'due, but only bookkeeping is waiting');
    const [size] = await ledger.grow(1, 1);
    t.same(
      (await archiver.runOnce()).bundles.map((b) => [b.first, b.end]),
      [[10, size]],
      'a gateway event arrived: sealed with the bookkeeping before it',
    );
  });

  void t.test('a range is lowered to the last checkpoint that fits maxBundleBytes', async (t) => {
    const target = await factory(t);
    const ledger = await testLedger(t);
    await ledger.grow(400, 100);
    const entrySize = (await ledger.source.entries(0, 100)).reduce((n, e) => n + e.length, 0);
    const archiver = archiverFor(t, ledger, target, {
      bundleEntries: 400,
      maxBundleBytes: Math.floor(entrySize * 2.5),
    });
    t.same(
      (await archiver.runOnce({ force: true })).bundles.map((b) => [b.first, b.end]),
      [
        [0, 200],
        [200, 400],
      ],
    );
  });
}
