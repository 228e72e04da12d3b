/**
 * The ArchiveTarget contract against a local directory (a fresh temporary
 * one per test), then what only the directory target does: read-only files,
 * sidecars, atomic writes, its readiness checks.
 */
import { mkdtemp, readFile, readdir, rm, stat, unlink, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import type { Test } from 'tap';
import { ensureArchived, getVerified, sha256Hex } from '../../ledger/archive/archive-target.js';
import {
  SIDECAR_FORMAT,
  createDirectoryArchiveTarget,
} from '../../ledger/archive/directory-archive-target.js';
import { isLedgerError } from '../../ledger/errors.js';
import { archiveTargetContract, inFuture } from './archive-target.js';

async function tempRoot(t: Test): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'audit-ledger-archive-'));
  t.teardown(() => rm(root, { recursive: true, force: true }));
  return root;
}

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    return isLedgerError(e) ? e.code : `not a LedgerError: ${String(e)}`;
  }
  return undefined;
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push(join(e.parentPath, e.name).slice(dir.length + 1));
  }
  return out.sort();
}

archiveTargetContract(t, async (t) => createDirectoryArchiveTarget({ root: await tempRoot(t) }));

void t.test(
  'objects are read-only files at their key, with a sidecar, and no temporary files',
  async (t) => {
    const root = await tempRoot(t);
    const target = createDirectoryArchiveTarget({ root });
    const body = Buffer.from('bundle bytes');
    const retainUntil = inFuture();
    const put = await target.putLocked('bundles/000/1.bundle', body, {
      retainUntil,
      sha256: sha256Hex(body),
    });

    t.same(await walk(root), ['bundles/000/1.bundle', 'bundles/000/1.bundle.meta.json']);
    t.same(await readFile(join(root, 'bundles/000/1.bundle')), body);
    t.equal((await stat(join(root, 'bundles/000/1.bundle'))).mode & 0o777, 0o444);
    t.equal((await stat(join(root, 'bundles/000/1.bundle.meta.json'))).mode & 0o777, 0o444);

    const sidecar = JSON.parse(
      await readFile(join(root, 'bundles/000/1.bundle.meta.json'), 'utf8'),
    ) as unknown;
    t.match(sidecar, {
      format: SIDECAR_FORMAT,
      key: 'bundles/000/1.bundle',
      size: body.length,
      sha256: sha256Hex(body),
      md5: put.etag,
      lockMode: 'NONE',
      retainUntil: put.retainUntil.toISOString(),
    });
    t.same(
      await readdir(join(root, 'bundles/000')),
      ['1.bundle', '1.bundle.meta.json'],
      'no temporary file left',
    );
  },
);

void t.test(
  'checkReady refuses a missing directory or a file, and warns it is not WORM',
  async (t) => {
    const root = await tempRoot(t);
    const ready = await createDirectoryArchiveTarget({ root }).checkReady();
    t.equal(ready.worm, false);
    t.match(ready.warnings[0], /is not WORM storage/);
    t.equal(await readdir(root).then((n) => n.length), 0, 'the readiness probe is removed');

    t.equal(
      await codeOf(createDirectoryArchiveTarget({ root: join(root, 'missing') }).checkReady()),
      'LDG_ERR_ARCHIVE_NOT_READY',
    );
    await writeFile(join(root, 'a-file'), 'x');
    t.equal(
      await codeOf(createDirectoryArchiveTarget({ root: join(root, 'a-file') }).checkReady()),
      'LDG_ERR_ARCHIVE_NOT_READY',
    );
  },
);

void t.test(
  'an object whose sidecar was never written (crash) is described and re-locked',
  async (t) => {
    const root = await tempRoot(t);
    const target = createDirectoryArchiveTarget({ root });
    const body = Buffer.from('written, then the process died');
    const sha256 = sha256Hex(body);
    await target.putLocked('c/1', body, { retainUntil: inFuture(), sha256 });
    await unlink(join(root, 'c/1.meta.json'));

    const head = await target.head('c/1');
    t.equal(head?.sha256, sha256, 'sha256 recomputed from the bytes');
    t.equal(head?.retainUntil, null);
    t.equal(head?.lockMode, 'NONE');

    const r = await ensureArchived(target, 'c/1', body, { retainUntil: inFuture(), sha256 });
    t.equal(r.alreadyPresent, true);
    t.equal(r.retentionExtended, true, 'the sidecar is written again');
    t.ok((await target.head('c/1'))?.retainUntil);
  },
);

void t.test('a changed file or a broken sidecar is reported as tampering', async (t) => {
  const root = await tempRoot(t);
  const target = createDirectoryArchiveTarget({ root });
  const body = Buffer.from('original');
  await target.putLocked('t/1', body, { retainUntil: inFuture(), sha256: sha256Hex(body) });
  await target.putLocked('t/2', body, { retainUntil: inFuture(), sha256: sha256Hex(body) });

  // anyone with write access to the directory can do this: that is why it is not WORM
  await chmod(join(root, 't/1'), 0o644);
  await writeFile(join(root, 't/1'), 'replaced');
  t.equal(await codeOf(getVerified(target, 't/1')), 'LDG_ERR_TAMPERED');

  await chmod(join(root, 't/2.meta.json'), 0o644);
  await writeFile(join(root, 't/2.meta.json'), '{"format":"something else"}');
  t.equal(await codeOf(target.head('t/2')), 'LDG_ERR_TAMPERED');
});

void t.test(
  'a key below an existing object key cannot be stored (S3 could, a directory cannot)',
  async (t) => {
    const target = createDirectoryArchiveTarget({ root: await tempRoot(t) });
    const body = Buffer.from('x');
    await target.putLocked('a', body, { retainUntil: inFuture(), sha256: sha256Hex(body) });
    t.equal(
      await codeOf(
        target.putLocked('a/b', body, { retainUntil: inFuture(), sha256: sha256Hex(body) }),
      ),
      'LDG_ERR_ARCHIVE',
    );
    t.same(await target.get('a'), new Uint8Array(body));
  },
);
