/** tlog-checkpoint bodies and tlog-cosignature (0x04) timestamped cosignatures. */
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import t from 'tap';
import {
  cosignatureKeyId,
  cosignatureMessage,
  cosignatureTimestamp,
  createCosignatureVerifier,
  createCosigner,
  formatCheckpoint,
  formatCosignatureVerifierKey,
  openCheckpoint,
  parseCheckpoint,
  parseCheckpointVerifierKey,
  signCheckpoint,
} from '../../ledger/checkpoint/checkpoint.js';
import type { Checkpoint } from '../../ledger/checkpoint/checkpoint.js';
import {
  Ed25519NoteSigner,
  encodeBase64,
  formatVerifierKey,
  parseNote,
  signNote,
} from '../../ledger/checkpoint/signed-note.js';
import type { NoteSigner } from '../../ledger/checkpoint/signed-note.js';

const NOTE = { code: 'LDG_ERR_NOTE_MALFORMED' };
const SIG = { code: 'LDG_ERR_SIGNATURE_INVALID' };
const KEY = { code: 'LDG_ERR_KEY_INVALID' };
const VALIDATION = { code: 'LDG_ERR_VALIDATION' };

const sumdb = JSON.parse(
  readFileSync(
    new URL('../vectors/signed-note/sum-golang-org-checkpoint.json', import.meta.url),
    'utf8',
  ),
) as { verifierKey: string; note: string; origin: string; size: number; rootHash: string };

const log = new Ed25519NoteSigner('ledger.example.com/acme', new Uint8Array(32).fill(7));
const witness = new Ed25519NoteSigner('witness.example/w1', new Uint8Array(32).fill(8));
const root = new Uint8Array(32).map((_, i) => i);
const checkpoint: Checkpoint = {
  origin: 'ledger.example.com/acme',
  size: 20852163,
  rootHash: root,
};
const T = 1679315147;

void t.test('checkpoint bodies', (t) => {
  const body = formatCheckpoint(checkpoint);
  t.equal(body, `ledger.example.com/acme\n20852163\n${encodeBase64(root)}\n`);
  t.same(parseCheckpoint(body), checkpoint);
  const withExt = { ...checkpoint, extensions: ['ext one', 'ext two'] };
  t.same(parseCheckpoint(formatCheckpoint(withExt)), withExt);
  t.equal(formatCheckpoint({ ...checkpoint, extensions: [] }), body);
  const sum = parseCheckpoint(parseNote(sumdb.note).text);
  t.equal(sum.origin, sumdb.origin);
  t.equal(sum.size, sumdb.size);
  t.equal(encodeBase64(sum.rootHash), sumdb.rootHash);
  t.same(parseCheckpoint(`o\n0\n${encodeBase64(root)}\n`).size, 0, 'the empty tree');
  t.end();
});

void t.test('malformed checkpoint bodies', (t) => {
  const r = encodeBase64(root);
  const bad = [
    `o\n5\n${r}`,
    `o\n5\n`,
    `\n5\n${r}\n`,
    `o\n05\n${r}\n`,
    `o\n-5\n${r}\n`,
    `o\n5.0\n${r}\n`,
    `o\n9007199254740992\n${r}\n`,
    `o\n12345678901234567\n${r}\n`,
    `o\n5\n${r.slice(4)}\n`,
    `o\n5\n${encodeBase64(root.subarray(1))}\n`,
    `o\n5\n${r}\n\next\n`,
    `o\u0001\n5\n${r}\n`,
  ];
  for (const text of bad) t.throws(() => parseCheckpoint(text), NOTE, JSON.stringify(text));
  t.throws(() => parseCheckpoint(7 as unknown as string), NOTE);
  const badBodies: Checkpoint[] = [
    { ...checkpoint, origin: '' },
    { ...checkpoint, origin: 'a\nb' },
    { ...checkpoint, size: -1 },
    { ...checkpoint, size: 1.5 },
    { ...checkpoint, rootHash: root.subarray(1) },
    { ...checkpoint, rootHash: 'x' as unknown as Uint8Array },
    { ...checkpoint, extensions: [''] },
  ];
  for (const cp of badBodies) t.throws(() => formatCheckpoint(cp), NOTE);
  t.end();
});

void t.test('a signed checkpoint carries an Ed25519 signature and a 0x04 cosignature', (t) => {
  const note = signCheckpoint(checkpoint, log, { timestamp: T });
  const { text, signatures } = parseNote(note);
  t.equal(text, formatCheckpoint(checkpoint));
  t.equal(signatures.length, 2);
  const [plain, cosig] = signatures as [(typeof signatures)[0], (typeof signatures)[0]];
  t.equal(plain.keyId, log.keyId);
  t.equal(plain.signature.length, 64);

  // the cosignature, checked by hand from c2sp.org/tlog-cosignature
  const idHash = createHash('sha256')
    .update(`${log.name}\n`)
    .update(Uint8Array.of(0x04))
    .update(log.publicKey)
    .digest();
  t.equal(cosig.name, log.name);
  t.equal(cosig.keyId, idHash.readUInt32BE(0));
  t.equal(cosig.keyId, cosignatureKeyId(log.name, log.publicKey));
  t.equal(cosig.signature.length, 72);
  t.equal(Buffer.from(cosig.signature.subarray(0, 8)).readBigUInt64BE(0), BigInt(T));
  const message = Buffer.from(`cosignature/v1\ntime ${T}\n${text}`);
  t.same(Array.from(cosignatureMessage(text, T)), Array.from(message));
  const publicKey = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(log.publicKey).toString('base64url') },
    format: 'jwk',
  });
  t.ok(verify(null, message, publicKey, cosig.signature.subarray(8)), 'an Ed25519 signature');

  const opened = openCheckpoint(note, [
    log.verifierKey(),
    formatCosignatureVerifierKey(log.name, log.publicKey),
  ]);
  t.same(opened.checkpoint, checkpoint);
  t.equal(opened.timestamp, T);
  t.same(opened.cosignatures, [{ name: log.name, keyId: cosig.keyId, timestamp: T }]);
  t.equal(opened.verified.length, 2);

  const plainOnly = openCheckpoint(note, [log.verifier()]);
  t.equal(plainOnly.timestamp, undefined, 'no cosignature key, no verified time');
  t.equal(plainOnly.unverified.length, 1);
  const cosigOnly = openCheckpoint(note, [createCosignatureVerifier(log.name, log.publicKey)]);
  t.equal(cosigOnly.timestamp, T);
  t.end();
});

void t.test('timestamps', (t) => {
  const late = 2 ** 33 + 5;
  const note = signCheckpoint(checkpoint, log, { timestamp: late });
  t.equal(
    openCheckpoint(note, [createCosignatureVerifier(log.name, log.publicKey)]).timestamp,
    late,
  );
  const before = Math.floor(Date.now() / 1000);
  const now = openCheckpoint(signCheckpoint(checkpoint, log), [
    createCosignatureVerifier(log.name, log.publicKey),
  ]).timestamp as number;
  t.ok(now >= before && now <= before + 5, 'defaults to now');
  t.throws(() => signCheckpoint(checkpoint, log, { timestamp: -1 }), VALIDATION);
  t.throws(() => createCosigner(log, 1.5), VALIDATION);
  t.throws(() => cosignatureMessage('x\n', 2 ** 53), VALIDATION);
  t.equal(cosignatureTimestamp(new Uint8Array(71)), undefined);
  const huge = new Uint8Array(72).fill(0xff);
  t.equal(cosignatureTimestamp(huge), undefined, 'beyond 2^53 - 1');
  t.end();
});

void t.test('cosignatures that do not verify', (t) => {
  const cosigVerifier = createCosignatureVerifier(log.name, log.publicKey);
  const note = signCheckpoint(checkpoint, log, { timestamp: T });
  const { text, signatures } = parseNote(note);
  const cosig = signatures[1]!;
  // restamp the time without re-signing
  const blob = Uint8Array.of(...Buffer.alloc(4), ...cosig.signature);
  new DataView(blob.buffer).setUint32(0, cosig.keyId);
  blob[11] = (blob[11] as number) ^ 1;
  const restamped = `${text}\n\u2014 ${log.name} ${encodeBase64(blob)}\n`;
  t.throws(() => openCheckpoint(restamped, [cosigVerifier]), SIG, 'time changed');
  // a 0x04 line of the wrong size, and one with an impossible time
  for (const size of [71, 72]) {
    const odd: NoteSigner = {
      name: log.name,
      keyId: cosig.keyId,
      sign: () => new Uint8Array(size).fill(0xff),
    };
    t.throws(() => openCheckpoint(signNote(text, [odd]), [cosigVerifier]), SIG, `${size} bytes`);
  }
  t.throws(() => openCheckpoint(note.replace('20852163', '20852164'), [cosigVerifier]), SIG);
  t.end();
});

void t.test('witness cosignatures and the verified time', (t) => {
  const body = signCheckpoint(checkpoint, log, { timestamp: T });
  const { text, signatures } = parseNote(body);
  const withWitness = signNote(text, [...signatures, createCosigner(witness, T + 60)]);
  const keys = [
    log.verifierKey(),
    formatCosignatureVerifierKey(witness.name, witness.publicKey),
    formatCosignatureVerifierKey(log.name, log.publicKey),
  ];
  const opened = openCheckpoint(withWitness, keys);
  t.equal(opened.cosignatures.length, 2);
  t.equal(opened.timestamp, T, "the log's own time wins");
  const witnessOnly = openCheckpoint(withWitness, [keys[0] as string, keys[1] as string]);
  t.equal(witnessOnly.timestamp, T + 60, 'else the first verified cosignature');
  t.end();
});

void t.test('keys and origins', (t) => {
  t.throws(() => parseCheckpointVerifierKey(formatVerifierKey(log.name, 0x02, log.publicKey)), KEY);
  t.throws(() => createCosignatureVerifier('bad name', log.publicKey), KEY);
  t.throws(() => createCosignatureVerifier(log.name, log.publicKey.subarray(1)), KEY);
  const note = signCheckpoint(checkpoint, log, { timestamp: T });
  t.equal(
    openCheckpoint(note, [log.verifier()], { origin: checkpoint.origin }).checkpoint.size,
    checkpoint.size,
  );
  t.throws(() => openCheckpoint(note, [log.verifier()], { origin: 'other.example/log' }), SIG);
  t.throws(() => openCheckpoint(note, [witness.verifier()]), SIG, 'wrong key');
  const sum = openCheckpoint(sumdb.note, [sumdb.verifierKey]);
  t.equal(sum.checkpoint.size, sumdb.size);
  t.equal(sum.timestamp, undefined);
  // a correctly signed note whose body is no checkpoint
  t.throws(() => openCheckpoint(signNote('just text\n', [log]), [log.verifier()]), NOTE);
  t.end();
});
