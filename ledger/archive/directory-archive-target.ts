/**
 * The local-directory ArchiveTarget: the embedded default. It is NOT WORM
 * storage and says so (`checkReady` warns, `worm` is false): anyone who can
 * write to the directory can delete or replace what is in it. What it does
 * give:
 *
 * - the same key layout as the bucket: key `bundles/000/1.bundle` is the file
 *   `<root>/bundles/000/1.bundle`;
 * - write-once per key: a second upload to a key is refused
 *   (`LDG_ERR_ARCHIVE_CONFLICT`); there are no versions (`versionId` null);
 * - atomic, durable files: written to a temporary file, fsynced, made
 *   read-only (0444), then hard-linked into place (link fails if the name
 *   exists, where rename would replace it), and the directory fsynced;
 * - a metadata sidecar beside each object, `<key>.meta.json` (0444, replaced
 *   atomically by rename), holding sha256, md5, size, lockMode `NONE` and the
 *   retainUntil the archive asked for (recorded, not enforced).
 *
 * An object written but whose sidecar was not (a crash between the two) reads
 * as unlocked with its sha256 recomputed; `ensureArchived` then writes the
 * sidecar through `extendRetention`.
 */

import { createHash, randomBytes } from 'node:crypto';
import { chmod, link, mkdir, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LedgerError, isLedgerError } from '../errors.js';
import {
  SIDECAR_SUFFIX,
  assertArchiveKey,
  assertArchivePrefix,
  isSha256Hex,
  sha256Hex,
  validatePutLocked,
  validateRetainUntil,
} from './archive-target.js';
import type {
  ArchiveListOptions,
  ArchiveObjectInfo,
  ArchiveObjectRead,
  ArchiveReadiness,
  ArchiveTarget,
  ArchiveVersionInfo,
  PutLockedOptions,
  PutLockedResult,
} from './archive-target.js';

/** Options of `createDirectoryArchiveTarget`. */
export interface DirectoryArchiveTargetOptions {
  /** The archive directory; must exist (checkReady says so when it does not). */
  readonly root: string;
}

/** The `format` field of every sidecar this adapter writes. */
export const SIDECAR_FORMAT = 'audit-ledger/archive-sidecar/v1';

/** The JSON in `<key>.meta.json`. */
export interface DirectorySidecar {
  readonly format: typeof SIDECAR_FORMAT;
  readonly key: string;
  readonly size: number;
  readonly sha256: string;
  readonly md5: string;
  readonly lockMode: 'NONE';
  readonly retainUntil: string;
  readonly storedAt: string;
}

/** The warning `checkReady` returns for every directory target. */
export function notWormWarning(location: string): string {
  return (
    `${location} is not WORM storage: files are read-only (0444) and never overwritten by the ` +
    'ledger, but anyone with write access to the directory can delete or replace them; ' +
    'use an S3 bucket with Object Lock for five-year retention'
  );
}

/** Creates a directory archive target over `options.root` (resolved to an absolute path). */
export function createDirectoryArchiveTarget(
  options: DirectoryArchiveTargetOptions,
): ArchiveTarget {
  return new DirectoryArchiveTarget(resolve(options.root));
}

class DirectoryArchiveTarget implements ArchiveTarget {
  readonly kind = 'directory' as const;
  readonly worm = false;
  readonly versioned = false;
  readonly lockMode = 'NONE' as const;
  readonly location: string;
  readonly #root: string;

  constructor(root: string) {
    this.#root = root;
    this.location = pathToFileURL(root).href;
  }

  async checkReady(): Promise<ArchiveReadiness> {
    let isDir: boolean;
    try {
      isDir = (await stat(this.#root)).isDirectory();
    } catch (e) {
      throw notReady(`archive directory ${this.#root} is not usable: ${errno(e)}`, e);
    }
    if (!isDir) throw notReady(`archive directory ${this.#root} is not a directory`);
    // access() says yes to root for anything: really create and remove a file
    const probe = join(this.#root, `.ready-${randomBytes(6).toString('hex')}.tmp`);
    try {
      const fh = await open(probe, 'wx', 0o600);
      await fh.close();
      await rm(probe, { force: true });
    } catch (e) {
      throw notReady(`archive directory ${this.#root} is not writable: ${errno(e)}`, e);
    }
    return { location: this.location, worm: false, warnings: [notWormWarning(this.location)] };
  }

  async putLocked(
    key: string,
    bytes: Uint8Array,
    options: PutLockedOptions,
  ): Promise<PutLockedResult> {
    const retainUntil = validatePutLocked(key, bytes, options);
    const file = this.#path(key);
    const dir = dirname(file);
    const md5 = createHash('md5').update(bytes).digest('hex');
    try {
      await mkdir(dir, { recursive: true, mode: 0o755 });
    } catch (e) {
      // e.g. key a/b while a file a exists: S3 holds both, a directory cannot
      throw fsError(`creating the directory of ${this.location}/${key}`, e);
    }
    try {
      // the object first, never replacing one; the sidecar only once it is in place
      await writeAtomically(file, bytes, 'link');
      const sidecar: DirectorySidecar = {
        format: SIDECAR_FORMAT,
        key,
        size: bytes.length,
        sha256: options.sha256,
        md5,
        lockMode: 'NONE',
        retainUntil: retainUntil.toISOString(),
        storedAt: new Date().toISOString(),
      };
      await writeAtomically(file + SIDECAR_SUFFIX, sidecarBytes(sidecar), 'rename');
      await fsyncDir(dir);
    } catch (e) {
      if (errnoCode(e) === 'EEXIST') {
        throw new LedgerError(
          'LDG_ERR_ARCHIVE_CONFLICT',
          `${this.location}/${key} already exists; the directory target keeps one object per key`,
          { cause: e },
        );
      }
      throw fsError(`writing ${this.location}/${key}`, e);
    }
    return {
      key,
      versionId: null,
      etag: md5,
      retainUntil,
      lockMode: 'NONE',
      sha256: options.sha256,
      size: bytes.length,
    };
  }

  async head(key: string, versionId?: string | null): Promise<ArchiveObjectInfo | null> {
    assertArchiveKey(key);
    if (typeof versionId === 'string') return null; // no versions here
    const file = this.#path(key);
    let size: number;
    let mtime: Date;
    try {
      const st = await stat(file);
      if (!st.isFile()) return null;
      size = st.size;
      mtime = st.mtime;
    } catch (e) {
      if (errnoCode(e) === 'ENOENT' || errnoCode(e) === 'ENOTDIR') return null;
      throw fsError(`reading ${this.location}/${key}`, e);
    }
    const sidecar = await this.#readSidecar(key);
    if (sidecar === null) {
      // written, sidecar not yet (crash between the two): describe the bytes
      const bytes = await this.get(key);
      return {
        key,
        versionId: null,
        size,
        lockMode: 'NONE',
        retainUntil: null,
        sha256: sha256Hex(bytes),
        etag: createHash('md5').update(bytes).digest('hex'),
        lastModified: mtime,
      };
    }
    return {
      key,
      versionId: null,
      size,
      lockMode: 'NONE',
      retainUntil: new Date(sidecar.retainUntil),
      sha256: sidecar.sha256,
      etag: sidecar.md5,
      lastModified: mtime,
    };
  }

  async get(key: string, versionId?: string | null): Promise<Uint8Array> {
    assertArchiveKey(key);
    const where = `${this.location}/${key}`;
    if (typeof versionId === 'string') {
      throw new LedgerError(
        'LDG_ERR_NOT_FOUND',
        `${where}: the directory target has no version ${versionId}`,
      );
    }
    try {
      return new Uint8Array(await readFile(this.#path(key)));
    } catch (e) {
      const code = errnoCode(e);
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') {
        throw new LedgerError('LDG_ERR_NOT_FOUND', `${where} not found`, { cause: e });
      }
      throw fsError(`reading ${where}`, e);
    }
  }

  async read(key: string, versionId?: string | null): Promise<ArchiveObjectRead> {
    const info = await this.head(key, versionId);
    if (info === null) {
      throw new LedgerError('LDG_ERR_NOT_FOUND', `${this.location}/${key} not found`);
    }
    return { info, bytes: await this.get(key) };
  }

  async *list(prefix: string, options: ArchiveListOptions = {}): AsyncIterable<string> {
    for (const key of await this.#keys(prefix, options)) yield key;
  }

  async *listVersions(
    prefix: string,
    options: ArchiveListOptions = {},
  ): AsyncIterable<ArchiveVersionInfo> {
    for (const key of await this.#keys(prefix, options)) {
      const info = await this.head(key);
      if (info === null) continue; // removed while we walked
      const version: ArchiveVersionInfo = {
        key,
        versionId: null,
        isLatest: true,
        deleteMarker: false,
        size: info.size,
        ...(info.lastModified === undefined ? {} : { lastModified: info.lastModified }),
        ...(info.etag === undefined ? {} : { etag: info.etag }),
      };
      yield version;
    }
  }

  async extendRetention(
    key: string,
    versionId: string | null,
    retainUntil: Date,
  ): Promise<ArchiveObjectInfo> {
    assertArchiveKey(key);
    const until = validateRetainUntil(retainUntil);
    const where = `${this.location}/${key}`;
    const info = await this.head(key, versionId);
    if (info === null || info.sha256 === undefined) {
      throw new LedgerError(
        'LDG_ERR_NOT_FOUND',
        `${where}${versionId === null ? '' : ` version ${versionId}`} not found`,
      );
    }
    // mirror Object Lock: a lock may be extended, never shortened
    if (info.retainUntil !== null && until.getTime() < info.retainUntil.getTime()) {
      throw new LedgerError(
        'LDG_ERR_ARCHIVE',
        `${where}: retain-until ${until.toISOString()} would shorten ${info.retainUntil.toISOString()}`,
      );
    }
    const file = this.#path(key);
    const sidecar: DirectorySidecar = {
      format: SIDECAR_FORMAT,
      key,
      size: info.size,
      sha256: info.sha256,
      md5:
        info.etag ??
        createHash('md5')
          .update(await this.get(key))
          .digest('hex'),
      lockMode: 'NONE',
      retainUntil: until.toISOString(),
      storedAt: (info.lastModified ?? new Date()).toISOString(),
    };
    try {
      await writeAtomically(file + SIDECAR_SUFFIX, sidecarBytes(sidecar), 'rename');
      await fsyncDir(dirname(file));
    } catch (e) {
      throw fsError(`writing the sidecar of ${where}`, e);
    }
    const after = await this.head(key);
    if (after === null)
      throw new LedgerError('LDG_ERR_ARCHIVE', `${where} disappeared while extending`);
    return after;
  }

  close(): void {
    // nothing held open between calls
  }

  #path(key: string): string {
    // assertArchiveKey ruled out '.', '..' and empty segments: the path stays under root
    return join(this.#root, ...key.split('/'));
  }

  async #readSidecar(key: string): Promise<DirectorySidecar | null> {
    const where = `${this.location}/${key}${SIDECAR_SUFFIX}`;
    let text: string;
    try {
      text = await readFile(this.#path(key) + SIDECAR_SUFFIX, 'utf8');
    } catch (e) {
      if (errnoCode(e) === 'ENOENT') return null;
      throw fsError(`reading ${where}`, e);
    }
    const parsed = parseSidecar(text, key);
    if (parsed === null)
      throw new LedgerError('LDG_ERR_TAMPERED', `${where} is not a valid sidecar`);
    return parsed;
  }

  async #keys(prefix: string, options: ArchiveListOptions): Promise<string[]> {
    assertArchivePrefix(prefix);
    // start at the deepest directory the prefix names in full
    const slash = prefix.lastIndexOf('/');
    const base = slash < 0 ? '' : prefix.slice(0, slash);
    const keys: string[] = [];
    await this.#walk(base, keys);
    const startAfter = options.startAfter;
    return keys
      .filter((k) => k.startsWith(prefix) && (startAfter === undefined || k > startAfter))
      .sort(); // keys are ASCII (assertArchiveKey): code-unit order is S3's byte order
  }

  async #walk(relDir: string, out: string[]): Promise<void> {
    const dir = relDir === '' ? this.#root : join(this.#root, ...relDir.split('/'));
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      if (errnoCode(e) === 'ENOENT' || errnoCode(e) === 'ENOTDIR') return;
      throw fsError(`listing ${dir}`, e);
    }
    for (const entry of entries) {
      // temporary files and probes start with '.', which no key segment may
      if (entry.name.startsWith('.') || entry.name.endsWith(SIDECAR_SUFFIX)) continue;
      const rel = relDir === '' ? entry.name : `${relDir}/${entry.name}`;
      if (entry.isDirectory()) await this.#walk(rel, out);
      else if (entry.isFile()) out.push(rel);
    }
  }
}

/**
 * Writes `data` to a temporary file beside `file`, fsyncs it, makes it 0444 and
 * moves it into place: `link` (fails with EEXIST if `file` exists) or `rename`
 * (replaces it). Never leaves the temporary file behind.
 */
async function writeAtomically(
  file: string,
  data: Uint8Array,
  mode: 'link' | 'rename',
): Promise<void> {
  const slash = file.lastIndexOf(sep);
  const tmp = `${file.slice(0, slash + 1)}.${file.slice(slash + 1)}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const fh = await open(tmp, 'wx', 0o600);
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await chmod(tmp, 0o444);
    if (mode === 'link') await link(tmp, file);
    else await rename(tmp, file);
  } finally {
    await rm(tmp, { force: true });
  }
}

/** Makes a directory entry change durable (Linux: fsync of the directory). */
async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

function sidecarBytes(sidecar: DirectorySidecar): Uint8Array {
  return Buffer.from(`${JSON.stringify(sidecar, null, 2)}\n`, 'utf8');
}

/** The sidecar in `text` if it is well-formed and names `key`, else null. */
function parseSidecar(text: string, key: string): DirectorySidecar | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  const ok =
    o.format === SIDECAR_FORMAT &&
    o.key === key &&
    typeof o.size === 'number' &&
    Number.isSafeInteger(o.size) &&
    o.size >= 0 &&
    typeof o.sha256 === 'string' &&
    isSha256Hex(o.sha256) &&
    typeof o.md5 === 'string' &&
    /^[0-9a-f]{32}$/.test(o.md5) &&
    o.lockMode === 'NONE' &&
    isIsoDate(o.retainUntil) &&
    isIsoDate(o.storedAt);
  return ok ? (o as unknown as DirectorySidecar) : null;
}

function isIsoDate(v: unknown): v is string {
  return typeof v === 'string' && !Number.isNaN(Date.parse(v));
}

function errnoCode(e: unknown): string | undefined {
  if (typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string')
    return e.code;
  return undefined;
}

function errno(e: unknown): string {
  return errnoCode(e) ?? (e instanceof Error ? e.message : String(e));
}

function notReady(message: string, cause?: unknown): LedgerError<'LDG_ERR_ARCHIVE_NOT_READY'> {
  return new LedgerError(
    'LDG_ERR_ARCHIVE_NOT_READY',
    message,
    cause === undefined ? undefined : { cause },
  );
}

function fsError(doing: string, e: unknown): LedgerError {
  if (isLedgerError(e)) return e;
  return new LedgerError('LDG_ERR_ARCHIVE', `${doing} failed: ${errno(e)}`, { cause: e });
}
