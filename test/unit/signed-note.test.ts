/**
 * C2SP signed-note: published example notes and keys (test/vectors/signed-note),
 * key strings, and every way a note or key can be malformed.
 */
import { readFileSync } from 'node:fs';
import t from 'tap';
import {
  Ed25519NoteSigner,
  MAX_NOTE_SIGNATURES,
  computeKeyId,
  createEd25519Verifier,
  decodeBase64,
  decodeVerifierKey,
  encodeBase64,
  formatPrivateKey,
  formatVerifierKey,
  generateNoteKey,
  isValidKeyName,
  openNote,
  parseNote,
  parsePrivateKey,
  parseVerifierKey,
  signNote,
} from '../../ledger/checkpoint/signed-note.js';
import type { NoteSigner, NoteVerifier } from '../../ledger/checkpoint/signed-note.js';

interface NoteVector {
  readonly verifierKey: string;
  readonly note: string;
  readonly text?: string;
  readonly privateKey?: string;
  readonly noteWithUnknownSignature?: string;
}

function vector(name: string): NoteVector {
  const url = new URL(`../vectors/signed-note/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as NoteVector;
}

const spec = vector('spec-example');
const sumdb = vector('sum-golang-org-checkpoint');
const go = vector('go-note-peter-neumann');

const KEY = { code: 'LDG_ERR_KEY_INVALID' };
const NOTE = { code: 'LDG_ERR_NOTE_MALFORMED' };
const SIG = { code: 'LDG_ERR_SIGNATURE_INVALID' };

const seed = (n: number): Uint8Array => new Uint8Array(32).fill(n);

/** Splits `a+b+rest` at its first two plus signs (base64 may hold more). */
function splitKey(key: string): [string, string, string] {
  const first = key.indexOf('+');
  const second = key.indexOf('+', first + 1);
  return [key.slice(0, first), key.slice(first + 1, second), key.slice(second + 1)];
}
const alice = new Ed25519NoteSigner('alice.example/log', seed(1));

void t.test('published notes verify', (t) => {
  for (const v of [spec, sumdb, go]) {
    const verifier = parseVerifierKey(v.verifierKey);
    const opened = openNote(v.note, [verifier]);
    t.equal(opened.verified.length, 1, v.verifierKey);
    t.equal(opened.verified[0]?.name, verifier.name);
    t.equal(opened.unverified.length, 0);
    t.equal(`${opened.text}\n${v.note.slice(opened.text.length + 1)}`, v.note);
  }
  t.equal(openNote(spec.note, [parseVerifierKey(spec.verifierKey)]).text, spec.text);
  t.match(
    openNote(sumdb.note, [parseVerifierKey(sumdb.verifierKey)]).text,
    /^go\.sum database tree\n6476701\n/,
  );
  t.end();
});

void t.test("the Go note package's example key signs its example note byte for byte", (t) => {
  const signer = parsePrivateKey(go.privateKey as string);
  t.equal(signer.name, 'PeterNeumann');
  t.equal(signer.keyId, 0xc74f20a3);
  t.equal(signer.verifierKey(), go.verifierKey, 'private key derives the published verifier key');
  t.equal(signNote(go.text as string, [signer]), go.note, 'Ed25519 is deterministic');
  t.end();
});

void t.test('unknown signatures are ignored', (t) => {
  const opened = openNote(go.noteWithUnknownSignature as string, [
    parseVerifierKey(go.verifierKey),
  ]);
  t.equal(opened.verified.length, 1);
  t.same(
    opened.unverified.map((s) => s.name),
    ['EnochRoot'],
  );
  // a key sharing the name but not the key ID is unknown too
  const impostor = createEd25519Verifier('PeterNeumann', alice.publicKey);
  const both = openNote(go.note, [impostor, parseVerifierKey(go.verifierKey)]);
  t.equal(both.verified.length, 1);
  t.throws(() => openNote(go.note, [impostor]), SIG, 'no known signature at all');
  t.end();
});

void t.test('key strings round-trip', (t) => {
  const { privateKey, verifierKey } = generateNoteKey('ledger.example.com/acme');
  t.match(privateKey, /^PRIVATE\+KEY\+ledger\.example\.com\/acme\+[0-9a-f]{8}\+/);
  const signer = parsePrivateKey(privateKey);
  t.equal(signer.verifierKey(), verifierKey);
  t.equal(
    formatPrivateKey(
      signer.name,
      decodeBase64(splitKey(privateKey.slice('PRIVATE+KEY+'.length))[2])!.subarray(1),
    ),
    privateKey,
  );
  const verifier = parseVerifierKey(verifierKey);
  t.equal(verifier.keyId, signer.keyId);
  t.equal(verifier.name, signer.name);
  t.equal(formatVerifierKey(signer.name, 1, signer.publicKey), verifierKey);
  const parts = decodeVerifierKey(verifierKey);
  t.equal(parts.type, 1);
  t.same(Array.from(parts.key), Array.from(signer.publicKey));
  t.equal(parts.keyId, computeKeyId(signer.name, 1, signer.publicKey));
  t.equal(signer.verifier().keyId, verifier.keyId, 'same key ID');
  // key IDs in upper-case hex are accepted, as Go's ParseUint does
  const [name, id, key] = splitKey(verifierKey);
  t.equal(parseVerifierKey(`${name}+${id.toUpperCase()}+${key}`).keyId, verifier.keyId);
  const note = signNote('hello\n', [signer]);
  t.equal(openNote(note, [verifier]).verified.length, 1);
  t.end();
});

void t.test('malformed keys are KEY_INVALID', (t) => {
  const good = alice.verifierKey();
  const [name, id, key] = splitKey(good);
  const otherType = formatVerifierKey('alice.example/log', 0x04, alice.publicKey);
  const bad = [
    'no-plus-at-all',
    'one+plus',
    `+${id}+${key}`,
    `ali ce+${id}+${key}`,
    `ali\u0001ce+${id}+${key}`,
    `ali\u00a0ce+${id}+${key}`,
    `\ud800+${id}+${key}`,
    `${name}+${id.slice(1)}+${key}`,
    `${name}+${id}0+${key}`,
    `${name}+zzzzzzzz+${key}`,
    `${name}+${id}+${key.slice(1)}`,
    `${name}+${id}+${key}=`,
    `${name}+${id}+AQ==`,
    `${name}+00000000+${key}`,
    formatVerifierKey('alice.example/log', 1, alice.publicKey.subarray(1)),
    otherType,
  ];
  for (const vkey of bad) t.throws(() => parseVerifierKey(vkey), KEY, JSON.stringify(vkey));
  t.equal(decodeVerifierKey(otherType).type, 4, 'other types decode generically');
  t.throws(() => decodeVerifierKey(42 as unknown as string), KEY);
  t.throws(() => formatVerifierKey('bad name', 1, alice.publicKey), KEY);
  t.throws(() => createEd25519Verifier('a+b', alice.publicKey), KEY);
  t.throws(() => new Ed25519NoteSigner('', seed(1)), KEY);
  t.throws(() => new Ed25519NoteSigner('x', seed(1).subarray(1)), KEY);
  t.throws(() => new Ed25519NoteSigner('x', 'seed' as unknown as Uint8Array), KEY);
  const skey = formatPrivateKey('alice.example/log', seed(1));
  const [sname, sid, sdata] = splitKey(skey.slice('PRIVATE+KEY+'.length));
  const badPrivate = [
    42,
    `PRIVATE+KEY`,
    `PUBLIC+KEY+${sname}+${sid}+${sdata}`,
    `PRIVATE+KEY+${sname}+${sid}`,
    `PRIVATE+KEY+${sname}+${sid}+${encodeBase64(Uint8Array.of(2, ...seed(1)))}`,
    `PRIVATE+KEY+${sname}+${sid}+${encodeBase64(Uint8Array.of(1, ...seed(1), 0))}`,
    `PRIVATE+KEY+${sname}+${sid}+${encodeBase64(Uint8Array.of(1, ...seed(2)))}`,
    `PRIVATE+KEY+other+${sid}+${sdata}`,
  ];
  for (const s of badPrivate) t.throws(() => parsePrivateKey(s as string), KEY, String(s));
  t.equal(parsePrivateKey(skey).keyId, alice.keyId);
  t.notOk(isValidKeyName(7 as unknown as string));
  t.ok(isValidKeyName('quasimodo.example/salvatore'));
  t.end();
});

void t.test('base64 is strict and canonical', (t) => {
  t.same(decodeBase64(''), new Uint8Array(0));
  t.same(Array.from(decodeBase64('AQID') as Uint8Array), [1, 2, 3]);
  for (const s of ['AB==', 'AQ=', 'AQ', 'A Q==', 'AQ==\n', '-_8=', 'AQID=']) {
    t.equal(decodeBase64(s), undefined, JSON.stringify(s));
  }
  t.end();
});

void t.test('malformed notes are NOTE_MALFORMED', (t) => {
  const note = signNote('a text\n', [alice]);
  const line = note.slice('a text\n\n'.length, -1);
  const sig = line.split(' ')[2] as string;
  const short = encodeBase64(Uint8Array.of(1, 2, 3, 4));
  const bad: [string | Uint8Array, string][] = [
    [Uint8Array.of(0x61, 0x0a, 0x0a, 0xff, 0x0a), 'invalid UTF-8'],
    ['text\n\n\ud800\n', 'lone surrogate'],
    [`a\ttext\n\n${line}\n`, 'tab'],
    [`a text\r\n\n${line}\n`, 'carriage return'],
    [`a text\n\u0000\n\n${line}\n`, 'NUL'],
    [`a text\n${line}\n`, 'no blank line'],
    [`a text\n\n${line}`, 'no final newline'],
    ['a text\n\n', 'no signature'],
    [`a text\n\n${line}\n\n`, 'blank line after the signatures'],
    [`a text\n\n- alice.example/log ${sig}\n`, 'hyphen, not em dash'],
    [`a text\n\n\u2014alice.example/log ${sig}\n`, 'no space after the dash'],
    [`a text\n\n\u2014 alice.example/log${sig}\n`, 'no space after the name'],
    [`a text\n\n\u2014  ${sig}\n`, 'empty name'],
    [`a text\n\n\u2014 alice+log ${sig}\n`, 'plus in the name'],
    [`a text\n\n\u2014 alice.example/log ${sig.slice(1)}\n`, 'bad base64'],
    [`a text\n\n\u2014 alice.example/log ${short}\n`, 'only a key ID'],
    [`a text\n\n\u2014 alice.example/log \n`, 'empty signature'],
    [`a text\n\n${`${line}\n`.repeat(MAX_NOTE_SIGNATURES + 1)}`, '17 signatures'],
  ];
  for (const [message, why] of bad) t.throws(() => parseNote(message), NOTE, why);
  t.throws(() => parseNote(42 as unknown as string), NOTE, 'not text');
  t.throws(() => openNote(Uint8Array.of(0xc3, 0x28), [alice.verifier()]), NOTE, 'bytes, invalid');
  t.equal(parseNote(`a text\n\n${`${line}\n`.repeat(16)}`).signatures.length, 16, '16 are fine');
  t.equal(parseNote(new TextEncoder().encode(note)).text, 'a text\n', 'bytes, valid');
  t.equal(parseNote('\n\n' + line + '\n').text, '\n', 'the text may be a lone newline');
  t.equal(parseNote(`a\n\nb\n\n${line}\n`).text, 'a\n\nb\n', 'split at the last blank line');
  t.throws(() => parseNote(note, { maxSignatures: 0 }), { code: 'LDG_ERR_VALIDATION' });
  t.throws(() => parseNote(note, { maxSignatures: 17 }), { code: 'LDG_ERR_VALIDATION' });
  t.throws(() => parseNote(note, { maxSignatures: 1.5 }), { code: 'LDG_ERR_VALIDATION' });
  t.throws(() => parseNote(`a text\n\n${line}\n${line}\n`, { maxSignatures: 1 }), NOTE);
  t.end();
});

void t.test('opening checks every known signature', (t) => {
  const bob = new Ed25519NoteSigner('bob.example', seed(2));
  const note = signNote('the body\n', [alice, bob]);
  const opened = openNote(note, [alice.verifier(), bob.verifier()]);
  t.same(
    opened.verified.map((s) => s.name),
    ['alice.example/log', 'bob.example'],
  );
  t.throws(() => openNote(note.replace('body', 'bodY'), [alice.verifier()]), SIG, 'tampered body');
  t.throws(() => openNote(note, [alice.verifier(), alice.verifier()]), KEY, 'ambiguous verifiers');
  // a verifier that claims alice's name and key ID but holds bob's key
  const liar: NoteVerifier = { ...bob.verifier(), name: alice.name, keyId: alice.keyId };
  t.throws(() => openNote(note, [liar]), SIG, 'wrong key');
  // a known key's signature of the wrong length
  const text = 'short sig\n';
  const stub: NoteSigner = { name: alice.name, keyId: alice.keyId, sign: () => new Uint8Array(10) };
  t.throws(() => openNote(signNote(text, [stub]), [alice.verifier()]), SIG);
  // repeated lines: identical unknown ones collapse, a known key counts once
  const line = note.split('\n')[2] as string;
  const repeated = `${note}${line}\n${note.split('\n')[3] as string}\n`;
  const again = openNote(repeated, [alice.verifier()]);
  t.equal(again.verified.length, 1);
  t.equal(again.unverified.length, 1);
  // a leading byte-order mark is part of the signed text
  const bom = signNote('\ufeffbom\n', [alice]);
  t.equal(openNote(new TextEncoder().encode(bom), [alice.verifier()]).text, '\ufeffbom\n');
  // non-ASCII text
  const poem =
    'Ognuno sta solo sul cuor della terra\ntrafitto da un raggio di sole:\n\ned è subito sera.\n';
  t.equal(openNote(signNote(poem, [alice]), [alice.verifier()]).text, poem);
  t.end();
});

void t.test('signing', (t) => {
  t.throws(() => signNote('no newline', [alice]), NOTE);
  t.throws(() => signNote('tab\t\n', [alice]), NOTE);
  t.throws(() => signNote('x\n', []), NOTE);
  t.throws(
    () =>
      signNote(
        'x\n',
        Array.from({ length: 17 }, () => alice),
      ),
    NOTE,
  );
  t.throws(
    () =>
      signNote('x\n', [{ ...alice.verifier(), name: 'bad name', sign: alice.sign.bind(alice) }]),
    KEY,
  );

  // carried signatures come first; a signer with the same key replaces its old line
  const bob = new Ed25519NoteSigner('bob.example', seed(2));
  const first = parseNote(signNote('body\n', [alice, bob]));
  const carol = new Ed25519NoteSigner('carol.example', seed(3));
  const resigned = signNote(first.text, [...first.signatures, carol, alice]);
  t.same(
    parseNote(resigned).signatures.map((s) => s.name),
    ['bob.example', 'carol.example', 'alice.example/log'],
  );
  t.equal(
    openNote(resigned, [alice.verifier(), bob.verifier(), carol.verifier()]).verified.length,
    3,
  );

  const carried = first.signatures[1]!;
  t.throws(
    () => signNote('body\n', [{ ...carried, keyId: carried.keyId + 1 }]),
    NOTE,
    'key ID mismatch',
  );
  t.throws(() => signNote('body\n', [{ ...carried, base64: '!!' }]), NOTE, 'bad base64');
  t.throws(() => signNote('body\n', [{ ...carried, base64: 'AQIDBA==' }]), NOTE, 'too short');
  t.end();
});
