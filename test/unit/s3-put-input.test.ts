/**
 * Every locked PUT carries a Content-MD5 that matches its body: AWS refuses a
 * locked PUT without one (RGW does not ask, so no test against RGW would
 * notice it missing). `buildPutObjectInput` is the only way the S3 target
 * builds a PutObject, which the last test checks in the source.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import t from 'tap';
import { sha256Hex } from '../../ledger/archive/archive-target.js';
import { S3_LOCK_MODE, buildPutObjectInput } from '../../ledger/archive/s3-archive-target.js';

const md5Base64 = (b: Uint8Array) => createHash('md5').update(b).digest('base64');

function bodies(): [string, Uint8Array][] {
  const big = randomBytes(1 << 20);
  return [
    ['empty', new Uint8Array(0)],
    ['one byte', Uint8Array.of(0)],
    ['text', Buffer.from('a sealed bundle')],
    ['64 KiB random', randomBytes(65_536)],
    ['1 MiB random', big],
    // a view into a larger buffer: the digest must cover the view, not the buffer
    ['view with an offset', new Uint8Array(big.buffer, big.byteOffset + 1000, 5000)],
    ...Array.from({ length: 20 }, (_, i): [string, Uint8Array] => [
      `random ${i}`,
      randomBytes(i * 37),
    ]),
  ];
}

void t.test('every locked PUT input carries a Content-MD5 matching its body', (t) => {
  const retainUntil = new Date('2031-03-10T12:00:00.250Z');
  for (const [name, bytes] of bodies()) {
    const input = buildPutObjectInput('bucket', 'bundles/x', bytes, {
      retainUntil,
      sha256: sha256Hex(bytes),
    });
    const body = input.Body;
    if (!(body instanceof Uint8Array)) {
      t.fail(`${name}: the body is a Buffer, never a stream`);
      continue;
    }
    t.same(Buffer.from(body), Buffer.from(bytes), `${name}: the body is the bytes`);
    t.equal(
      input.ContentMD5,
      md5Base64(bytes),
      `${name}: Content-MD5 is the base64 MD5 of the body`,
    );
    t.equal(input.ContentMD5, md5Base64(body), `${name}: ... of what is actually sent`);
    t.equal(input.ContentLength, bytes.byteLength, `${name}: Content-Length`);
    t.equal(input.ObjectLockMode, 'COMPLIANCE', `${name}: COMPLIANCE`);
    t.equal(
      input.ObjectLockRetainUntilDate.toISOString(),
      '2031-03-10T12:00:01.000Z',
      `${name}: date rounded up`,
    );
    t.same(input.Metadata, { sha256: sha256Hex(bytes) }, `${name}: sha256 metadata`);
    t.equal(
      input.ChecksumSHA256,
      createHash('sha256').update(bytes).digest('base64'),
      `${name}: x-amz-checksum-sha256`,
    );
    t.equal(input.Bucket, 'bucket');
    t.equal(input.Key, 'bundles/x');
  }
  t.equal(S3_LOCK_MODE, 'COMPLIANCE');
  t.end();
});

void t.test('the input is a pure function of its arguments', (t) => {
  const bytes = randomBytes(1000);
  const copy = Buffer.from(bytes);
  const options = { retainUntil: new Date(Date.now() + 1000), sha256: sha256Hex(bytes) };
  t.same(
    buildPutObjectInput('b', 'k', bytes, options),
    buildPutObjectInput('b', 'k', bytes, options),
  );
  t.same(bytes, copy, 'the bytes are not changed');
  t.end();
});

void t.test('the S3 target builds every PutObject with buildPutObjectInput', async (t) => {
  const source = await readFile(
    new URL('../../ledger/archive/s3-archive-target.ts', import.meta.url),
    'utf8',
  );
  const puts = [...source.matchAll(/new PutObjectCommand\(([^)]*)\)/g)].map((m) => m[1]);
  t.same(puts, ['input'], 'one PutObjectCommand, sent with `input`');
  t.match(source, /const input = buildPutObjectInput\(/, '`input` comes from buildPutObjectInput');
  t.notMatch(
    source,
    /Upload\b|CreateMultipartUpload/,
    'no multipart upload (RGW drops its lock headers)',
  );
});
