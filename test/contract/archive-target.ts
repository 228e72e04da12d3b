/**
 * The ArchiveTarget contract: one suite every adapter's test runs
 * (s3-archive-target.test.ts against the local radosgw,
 * directory-archive-target.test.ts against a temporary directory).
 * Where the adapters differ by design (versions, WORM), the suite reads the
 * target's own `versioned` / `worm` / `lockMode` and checks each behaviour.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Test } from 'tap';
import { ensureArchived, getVerified, sha256Hex } from '../../ledger/archive/archive-target.js';
import type { ArchiveTarget, ArchiveVersionInfo } from '../../ledger/archive/archive-target.js';
import { LedgerError, ValidationError } from '../../ledger/errors.js';

/** Makes a fresh, empty, ready target for one test; registers its cleanup on `t`. */
export type ArchiveTargetFactory = (t: Test) => Promise<ArchiveTarget>;

const HOUR = 3_600_000;

/** A retain-until `ms` from now (short: test buckets are throw-away). */
export function inFuture(ms = HOUR): Date {
  return new Date(Date.now() + ms);
}

function md5Hex(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** Resolves to the LedgerError `p` rejects with; fails the test if it resolves or rejects otherwise. */
async function ledgerErrorOf(t: Test, p: Promise<unknown>): Promise<LedgerError | undefined> {
  try {
    await p;
  } catch (e) {
    if (e instanceof LedgerError) return e;
    t.fail(`expected a LedgerError, got ${String(e)}`);
    return undefined;
  }
  t.fail('expected a rejection');
  return undefined;
}

/** Runs the contract against targets from `factory`. */
export function archiveTargetContract(t: Test, factory: ArchiveTargetFactory): void {
  void t.test('checkReady accepts a fresh target and tells whether it is WORM', async (t) => {
    const target = await factory(t);
    const ready = await target.checkReady();
    t.equal(ready.location, target.location);
    t.equal(ready.worm, target.worm);
    if (target.worm) {
      t.equal(target.lockMode, 'COMPLIANCE', 'WORM targets lock in COMPLIANCE mode');
      t.same(ready.warnings, []);
    } else {
      t.equal(target.lockMode, 'NONE');
      t.ok(
        ready.warnings.some((w) => /not WORM storage/.test(w)),
        'a non-WORM target warns so',
      );
    }
  });

  void t.test('putLocked stores bytes with the lock; head and get read them back', async (t) => {
    const target = await factory(t);
    const bodies = [new Uint8Array(0), Buffer.from('one bundle'), randomBytes(65_536)];
    for (const [i, body] of bodies.entries()) {
      const key = `bundles/${i}/b.bundle`;
      const retainUntil = inFuture();
      const put = await target.putLocked(key, body, { retainUntil, sha256: sha256Hex(body) });
      t.equal(put.key, key);
      t.equal(put.size, body.length);
      t.equal(put.sha256, sha256Hex(body));
      t.equal(put.lockMode, target.lockMode);
      t.equal(put.etag, md5Hex(body), 'etag is the MD5 of a single upload');
      t.ok(put.retainUntil.getTime() >= retainUntil.getTime(), 'locked at least as long as asked');
      t.ok(
        put.retainUntil.getTime() - retainUntil.getTime() < 1000,
        'and not more than a second longer',
      );
      if (target.versioned) t.type(put.versionId, 'string');
      else t.equal(put.versionId, null);

      const head = await target.head(key);
      t.ok(head, `head ${key}`);
      t.equal(head?.versionId, put.versionId);
      t.equal(head?.size, body.length);
      t.equal(head?.sha256, sha256Hex(body));
      t.equal(head?.lockMode, target.lockMode);
      t.equal(head?.retainUntil?.getTime(), put.retainUntil.getTime());
      t.same(await target.head(key, put.versionId), head, 'head by version id is the same');

      t.same(Buffer.from(await target.get(key)), Buffer.from(body));
      t.same(Buffer.from(await target.get(key, put.versionId)), Buffer.from(body));
    }
  });

  void t.test('retainUntil is rounded up to a whole second, never down', async (t) => {
    const target = await factory(t);
    const asked = new Date(Math.floor(Date.now() / 1000) * 1000 + HOUR + 1);
    const body = Buffer.from('rounding');
    const put = await target.putLocked('r/1', body, {
      retainUntil: asked,
      sha256: sha256Hex(body),
    });
    t.equal(put.retainUntil.getTime(), asked.getTime() - 1 + 1000);
  });

  void t.test('read gives the bytes and the head of the very version asked for', async (t) => {
    const target = await factory(t);
    const first = Buffer.from('first bytes');
    const put = await target.putLocked('read/1', first, {
      retainUntil: inFuture(),
      sha256: sha256Hex(first),
    });
    const r = await target.read('read/1', put.versionId);
    t.same(Buffer.from(r.bytes), first);
    t.same(r.info, await target.head('read/1', put.versionId), 'the same description as head');
    t.same(
      (await target.read('read/1')).info.versionId,
      put.versionId,
      'latest without a version id',
    );
    t.equal((await ledgerErrorOf(t, target.read('read/none')))?.code, 'LDG_ERR_NOT_FOUND');
    if (target.versioned) {
      const second = Buffer.from('second bytes');
      const again = await target.putLocked('read/1', second, {
        retainUntil: inFuture(),
        sha256: sha256Hex(second),
      });
      const old = await target.read('read/1', put.versionId);
      t.same(Buffer.from(old.bytes), first, 'the older version by its id');
      t.equal(old.info.sha256, sha256Hex(first));
      t.equal((await target.read('read/1')).info.versionId, again.versionId);
    }
  });

  void t.test('absent keys and versions read as absent', async (t) => {
    const target = await factory(t);
    t.equal(await target.head('no/such/key'), null);
    t.equal((await ledgerErrorOf(t, target.get('no/such/key')))?.code, 'LDG_ERR_NOT_FOUND');
    const body = Buffer.from('present');
    await target.putLocked('present/1', body, { retainUntil: inFuture(), sha256: sha256Hex(body) });
    t.equal(await target.head('present/1', 'NoSuchVersionId0000000000000000'), null);
    t.equal(
      (await ledgerErrorOf(t, target.get('present/1', 'NoSuchVersionId0000000000000000')))?.code,
      'LDG_ERR_NOT_FOUND',
    );
  });

  void t.test('bad arguments are refused all at once and nothing is stored', async (t) => {
    const target = await factory(t);
    const body = Buffer.from('x');
    const e = await ledgerErrorOf(
      t,
      target.putLocked('a/../b', body, {
        retainUntil: new Date(Date.now() - 1000),
        sha256: sha256Hex(Buffer.from('y')),
      }),
    );
    t.equal(e?.code, 'LDG_ERR_VALIDATION');
    t.ok(e instanceof ValidationError);
    if (e instanceof ValidationError) {
      t.same(e.issues.map((i) => i.path).sort(), ['key', 'retainUntil', 'sha256']);
    }
    for (const key of ['', '/a', 'a/', 'a//b', '.hidden', 'a/./b', 'a b', 'x.meta.json', 'ä']) {
      const bad = await ledgerErrorOf(
        t,
        target.putLocked(key, body, { retainUntil: inFuture(), sha256: sha256Hex(body) }),
      );
      t.equal(bad?.code, 'LDG_ERR_VALIDATION', `key ${JSON.stringify(key)} refused`);
    }
    t.equal((await ledgerErrorOf(t, collect(target.list('../'))))?.code, 'LDG_ERR_VALIDATION');
    t.same(await collect(target.list('')), [], 'nothing stored');
  });

  void t.test(
    'list yields the present keys under a prefix in byte order, and resumes',
    async (t) => {
      const target = await factory(t);
      const keys = ['b/2', 'b/1', 'b/10', 'a/1', 'b-x/1', 'b/sub/3', 'ba'];
      for (const key of keys) {
        const body = Buffer.from(key);
        await target.putLocked(key, body, { retainUntil: inFuture(), sha256: sha256Hex(body) });
      }
      t.same(await collect(target.list('')), [
        'a/1',
        'b-x/1',
        'b/1',
        'b/10',
        'b/2',
        'b/sub/3',
        'ba',
      ]);
      t.same(await collect(target.list('b/')), ['b/1', 'b/10', 'b/2', 'b/sub/3']);
      t.same(await collect(target.list('b')), ['b-x/1', 'b/1', 'b/10', 'b/2', 'b/sub/3', 'ba']);
      t.same(await collect(target.list('b/', { startAfter: 'b/10' })), ['b/2', 'b/sub/3']);
      t.same(await collect(target.list('zz/')), []);

      const versions = await collect(target.listVersions('b/'));
      t.same(
        versions.map((v) => v.key),
        ['b/1', 'b/10', 'b/2', 'b/sub/3'],
      );
      t.ok(versions.every((v) => v.isLatest && !v.deleteMarker));
      t.same(
        versions.map((v) => v.size),
        [3, 4, 3, 7],
      );
    },
  );

  void t.test('ensureArchived uploads once and recognises an identical object', async (t) => {
    const target = await factory(t);
    const body = randomBytes(4096);
    const opts = { retainUntil: inFuture(), sha256: sha256Hex(body) };
    const first = await ensureArchived(target, 'bundles/0001', body, opts);
    t.equal(first.alreadyPresent, false);
    t.equal(first.retentionExtended, false);
    const again = await ensureArchived(target, 'bundles/0001', body, opts);
    t.equal(again.alreadyPresent, true, 'identical object recognised');
    t.equal(again.retentionExtended, false);
    t.equal(again.versionId, first.versionId, 'the same version, not a new upload');
    t.equal(again.etag, first.etag);
    t.equal(again.retainUntil.getTime(), first.retainUntil.getTime());
    t.equal((await collect(target.listVersions('bundles/0001'))).length, 1, 'one version only');
  });

  void t.test(
    'ensureArchived extends the lock of an identical object locked shorter',
    async (t) => {
      const target = await factory(t);
      const body = Buffer.from('sealed earlier');
      const sha256 = sha256Hex(body);
      const put = await target.putLocked('k/1', body, { retainUntil: inFuture(HOUR), sha256 });
      const longer = inFuture(2 * HOUR);
      const r = await ensureArchived(target, 'k/1', body, { retainUntil: longer, sha256 });
      t.equal(r.alreadyPresent, true);
      t.equal(r.retentionExtended, true);
      t.equal(r.versionId, put.versionId);
      t.ok(r.retainUntil.getTime() >= longer.getTime());
      t.equal((await target.head('k/1'))?.retainUntil?.getTime(), r.retainUntil.getTime());
    },
  );

  void t.test('ensureArchived refuses other bytes under an existing key', async (t) => {
    const target = await factory(t);
    const body = Buffer.from('original');
    await ensureArchived(target, 'k/1', body, { retainUntil: inFuture(), sha256: sha256Hex(body) });
    const other = Buffer.from('tampered');
    const e = await ledgerErrorOf(
      t,
      ensureArchived(target, 'k/1', other, { retainUntil: inFuture(), sha256: sha256Hex(other) }),
    );
    t.equal(e?.code, 'LDG_ERR_ARCHIVE_CONFLICT');
    t.same(Buffer.from(await target.get('k/1')), body, 'the original is untouched');
    t.equal((await collect(target.listVersions('k/1'))).length, 1, 'nothing uploaded');
  });

  void t.test('a second upload to a key: a new version, or refused without versions', async (t) => {
    const target = await factory(t);
    const v1 = Buffer.from('version one');
    const v2 = Buffer.from('version two!');
    const first = await target.putLocked('same/key', v1, {
      retainUntil: inFuture(),
      sha256: sha256Hex(v1),
    });
    if (!target.versioned) {
      const e = await ledgerErrorOf(
        t,
        target.putLocked('same/key', v2, { retainUntil: inFuture(), sha256: sha256Hex(v2) }),
      );
      t.equal(e?.code, 'LDG_ERR_ARCHIVE_CONFLICT');
      t.same(Buffer.from(await target.get('same/key')), v1, 'the original is untouched');
      return;
    }
    const second = await target.putLocked('same/key', v2, {
      retainUntil: inFuture(),
      sha256: sha256Hex(v2),
    });
    t.not(second.versionId, first.versionId, 'a new version');
    t.same(Buffer.from(await target.get('same/key')), v2, 'the latest is the new one');
    t.same(
      Buffer.from(await target.get('same/key', first.versionId)),
      v1,
      'the original by version id',
    );
    const old = await target.head('same/key', first.versionId);
    t.equal(old?.lockMode, target.lockMode, 'the original keeps its lock');
    t.equal(old?.retainUntil?.getTime(), first.retainUntil.getTime());
    const versions: ArchiveVersionInfo[] = await collect(target.listVersions('same/'));
    t.same(
      versions.map((v) => [v.versionId, v.isLatest, v.size]),
      [
        [second.versionId, true, v2.length],
        [first.versionId, false, v1.length],
      ],
      'both versions, newest first',
    );
  });

  void t.test('extendRetention extends a lock and refuses to shorten it', async (t) => {
    const target = await factory(t);
    const body = Buffer.from('keep me');
    const put = await target.putLocked('e/1', body, {
      retainUntil: inFuture(2 * HOUR),
      sha256: sha256Hex(body),
    });
    const later = inFuture(3 * HOUR);
    const info = await target.extendRetention('e/1', put.versionId, later);
    t.equal(info.lockMode, target.lockMode);
    t.ok((info.retainUntil?.getTime() ?? 0) >= later.getTime());
    const e = await ledgerErrorOf(t, target.extendRetention('e/1', put.versionId, inFuture(HOUR)));
    t.equal(e?.code, 'LDG_ERR_ARCHIVE', 'shortening refused');
    t.equal(
      (await target.head('e/1'))?.retainUntil?.getTime(),
      info.retainUntil?.getTime(),
      'lock unchanged',
    );
    t.equal(
      (await ledgerErrorOf(t, target.extendRetention('e/none', null, later)))?.code,
      'LDG_ERR_NOT_FOUND',
      'an absent key cannot be locked',
    );
  });

  void t.test('getVerified checks the bytes against their sha256', async (t) => {
    const target = await factory(t);
    const body = randomBytes(1000);
    const put = await target.putLocked('v/1', body, {
      retainUntil: inFuture(),
      sha256: sha256Hex(body),
    });
    const { info, bytes } = await getVerified(target, 'v/1', put.versionId, sha256Hex(body));
    t.same(Buffer.from(bytes), body);
    t.equal(info.versionId, put.versionId);
    t.equal(
      (
        await ledgerErrorOf(
          t,
          getVerified(target, 'v/1', put.versionId, sha256Hex(Buffer.from('other'))),
        )
      )?.code,
      'LDG_ERR_TAMPERED',
      'a manifest sha256 that does not match',
    );
    t.equal((await ledgerErrorOf(t, getVerified(target, 'v/none')))?.code, 'LDG_ERR_NOT_FOUND');
  });
}
