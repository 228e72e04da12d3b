/**
 * C2SP signed-note (c2sp.org/signed-note), with Ed25519 keys from node:crypto.
 *
 * A note is a UTF-8 text ending in a newline, a blank line, then one or more
 * signature lines `— <key name> base64(key ID[4] || signature)`. Key IDs are
 * SHA-256(name || 0x0A || signature type || public key)[:4], big-endian.
 * Key strings follow golang.org/x/mod/sumdb/note:
 *   verifier key  `<name>+<hex8 key ID>+base64(type || public key)`
 *   private key   `PRIVATE+KEY+<name>+<hex8 key ID>+base64(0x01 || seed)`
 *
 * Verifiers ignore signatures whose (name, key ID) they do not know, reject
 * the note if a known key's signature fails, and require at least one known
 * signature. Notes with more than 16 signatures are rejected (the spec's floor
 * for what verifiers must accept), so parsing stays cheap.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign as cryptoSign,
  verify as cryptoVerify,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { LedgerError } from '../errors.js';

/** Signature type byte of plain Ed25519 note signatures. */
export const SIGNATURE_TYPE_ED25519 = 0x01;
/** Default and maximum number of signature lines a note may carry. */
export const MAX_NOTE_SIGNATURES = 16;

const ED25519_KEY_SIZE = 32;
const ED25519_SIGNATURE_SIZE = 64;
const KEY_ID_SIZE = 4;
const SIGNATURE_PREFIX = '\u2014 ';
const PRIVATE_KEY_PREFIX = 'PRIVATE+KEY+';
// DER framing of raw Ed25519 keys (RFC 8410): PKCS#8 private key and SPKI public key
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Produces note signatures with one key. */
export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  /** Signs `message` (for plain signatures, the note text's UTF-8 bytes). */
  sign(message: Uint8Array): Uint8Array;
}

/** Checks note signatures made by one key. */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  /** Whether `signature` (key ID removed) is valid for the note text `text`. */
  verify(text: Uint8Array, signature: Uint8Array): boolean;
}

/** One signature line of a note. */
export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  /** the signature bytes, after the 4-byte key ID */
  readonly signature: Uint8Array;
  /** the line's base64 field, base64(key ID || signature) */
  readonly base64: string;
}

/** A note split into text and signature lines, nothing verified. */
export interface ParsedNote {
  /** the signed text, ending in a newline */
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

/** A note whose signatures from known keys all verified. */
export interface OpenedNote {
  readonly text: string;
  /** signatures by known keys, each verified (repeats dropped) */
  readonly verified: readonly NoteSignature[];
  /** signatures by keys the caller did not give (identical repeats dropped) */
  readonly unverified: readonly NoteSignature[];
}

/** Options for parsing and opening notes. */
export interface NoteOptions {
  /** Signature lines allowed, 1..16; default 16. */
  readonly maxSignatures?: number;
}

function noteMalformed(message: string): LedgerError<'LDG_ERR_NOTE_MALFORMED'> {
  return new LedgerError('LDG_ERR_NOTE_MALFORMED', message);
}

function keyInvalid(message: string): LedgerError<'LDG_ERR_KEY_INVALID'> {
  return new LedgerError('LDG_ERR_KEY_INVALID', message);
}

const encoder = new TextEncoder();
// keep a leading BOM: it is part of the signed text
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

const LONE_SURROGATE_RE = /\p{Surrogate}/u;
const CONTROL_RE = /[\u0000-\u0009\u000b-\u001f]/;
const NAME_FORBIDDEN_RE = /[\p{White_Space}\p{Cc}+]/u;
const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const HEX8_RE = /^[0-9a-fA-F]{8}$/;

/**
 * Standard padded base64 (RFC 4648 §4), canonical only: returns undefined for
 * anything else, including non-zero trailing bits (Node's own decoder would
 * silently skip bad characters).
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (!BASE64_RE.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? new Uint8Array(bytes) : undefined;
}

/** Standard padded base64 of bytes. */
export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/**
 * A key name: non-empty, well-formed, with no Unicode space, control
 * character or plus sign (signed-note §Format).
 */
export function isValidKeyName(name: string): boolean {
  return (
    typeof name === 'string' &&
    name.length > 0 &&
    !NAME_FORBIDDEN_RE.test(name) &&
    !LONE_SURROGATE_RE.test(name)
  );
}

/** Key ID: SHA-256(name || 0x0A || type || public key)[:4] as a big-endian uint32. */
export function computeKeyId(name: string, type: number, publicKey: Uint8Array): number {
  const digest = createHash('sha256')
    .update(name, 'utf8')
    .update(Uint8Array.of(0x0a, type))
    .update(publicKey)
    .digest();
  return digest.readUInt32BE(0);
}

function hex8(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}

/** A decoded verifier key string `<name>+<hex8 key ID>+base64(type || key)`. */
export interface VerifierKeyParts {
  readonly name: string;
  readonly keyId: number;
  readonly type: number;
  /** the key material after the type byte */
  readonly key: Uint8Array;
}

function splitKeyString(text: string, what: string): [string, string, string] {
  const first = text.indexOf('+');
  const second = first < 0 ? -1 : text.indexOf('+', first + 1);
  if (second < 0) throw keyInvalid(`${what} must be <name>+<key id>+<key>`);
  return [text.slice(0, first), text.slice(first + 1, second), text.slice(second + 1)];
}

function decodeKeyParts(text: string, what: string): VerifierKeyParts {
  const [name, id, data] = splitKeyString(text, what);
  const bytes = decodeBase64(data);
  if (!isValidKeyName(name) || !HEX8_RE.test(id) || bytes === undefined || bytes.length < 2) {
    throw keyInvalid(`malformed ${what}`);
  }
  return { name, keyId: parseInt(id, 16), type: bytes[0] as number, key: bytes.subarray(1) };
}

/**
 * Decodes any verifier key string and checks its key ID against the name and
 * key (LDG_ERR_KEY_INVALID otherwise); the key material is not interpreted.
 */
export function decodeVerifierKey(vkey: string): VerifierKeyParts {
  if (typeof vkey !== 'string') throw keyInvalid('verifier key must be a string');
  const parts = decodeKeyParts(vkey, 'verifier key');
  if (computeKeyId(parts.name, parts.type, parts.key) !== parts.keyId) {
    throw keyInvalid(`verifier key ${parts.name}: key ID does not match the key`);
  }
  return parts;
}

/** Encodes a verifier key string for `name` and a public key of signature `type`. */
export function formatVerifierKey(name: string, type: number, publicKey: Uint8Array): string {
  if (!isValidKeyName(name)) throw keyInvalid(`invalid key name ${JSON.stringify(name)}`);
  const data = new Uint8Array(1 + publicKey.length);
  data[0] = type;
  data.set(publicKey, 1);
  return `${name}+${hex8(computeKeyId(name, type, publicKey))}+${encodeBase64(data)}`;
}

// ---------------------------------------------------------------------------
// Ed25519 keys

/** A node:crypto public key from raw 32 Ed25519 bytes (LDG_ERR_KEY_INVALID otherwise). */
export function ed25519PublicKeyObject(publicKey: Uint8Array): KeyObject {
  if (publicKey.length !== ED25519_KEY_SIZE) {
    throw keyInvalid(`an Ed25519 public key is ${ED25519_KEY_SIZE} bytes, got ${publicKey.length}`);
  }
  return createPublicKey({
    key: Buffer.concat([SPKI_ED25519_PREFIX, publicKey]),
    format: 'der',
    type: 'spki',
  });
}

function rawPublicKey(key: KeyObject): Uint8Array {
  const der = key.export({ format: 'der', type: 'spki' });
  return new Uint8Array(der.subarray(SPKI_ED25519_PREFIX.length));
}

/** Raw Ed25519 signature check; false for a signature of the wrong length. */
export function ed25519Verify(
  publicKey: KeyObject,
  message: Uint8Array,
  signature: Uint8Array,
): boolean {
  return (
    signature.length === ED25519_SIGNATURE_SIZE && cryptoVerify(null, message, publicKey, signature)
  );
}

/** An Ed25519 signing key with its note name; also signs other messages with the same key. */
export class Ed25519NoteSigner implements NoteSigner {
  readonly name: string;
  readonly keyId: number;
  /** raw 32-byte public key */
  readonly publicKey: Uint8Array;
  readonly #privateKey: KeyObject;

  /** Requires a valid key name and a 32-byte seed (LDG_ERR_KEY_INVALID otherwise). */
  constructor(name: string, seed: Uint8Array) {
    if (!isValidKeyName(name)) throw keyInvalid(`invalid key name ${JSON.stringify(name)}`);
    if (!(seed instanceof Uint8Array) || seed.length !== ED25519_KEY_SIZE) {
      throw keyInvalid(`an Ed25519 seed is ${ED25519_KEY_SIZE} bytes`);
    }
    this.name = name;
    this.#privateKey = createPrivateKey({
      key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
      format: 'der',
      type: 'pkcs8',
    });
    this.publicKey = rawPublicKey(createPublicKey(this.#privateKey));
    this.keyId = computeKeyId(name, SIGNATURE_TYPE_ED25519, this.publicKey);
  }

  sign(message: Uint8Array): Uint8Array {
    return new Uint8Array(cryptoSign(null, message, this.#privateKey));
  }

  /** The matching verifier (type 0x01). */
  verifier(): NoteVerifier {
    return createEd25519Verifier(this.name, this.publicKey);
  }

  /** The matching verifier key string. */
  verifierKey(): string {
    return formatVerifierKey(this.name, SIGNATURE_TYPE_ED25519, this.publicKey);
  }
}

/** Verifier of plain Ed25519 note signatures (type 0x01) for `name` and a raw public key. */
export function createEd25519Verifier(name: string, publicKey: Uint8Array): NoteVerifier {
  if (!isValidKeyName(name)) throw keyInvalid(`invalid key name ${JSON.stringify(name)}`);
  const key = ed25519PublicKeyObject(publicKey);
  return {
    name,
    keyId: computeKeyId(name, SIGNATURE_TYPE_ED25519, publicKey),
    verify: (text, signature) => ed25519Verify(key, text, signature),
  };
}

/** Parses an Ed25519 (type 0x01) verifier key string (LDG_ERR_KEY_INVALID otherwise). */
export function parseVerifierKey(vkey: string): NoteVerifier {
  const parts = decodeVerifierKey(vkey);
  if (parts.type !== SIGNATURE_TYPE_ED25519) {
    throw keyInvalid(`verifier key ${parts.name}: unsupported signature type ${parts.type}`);
  }
  return createEd25519Verifier(parts.name, parts.key);
}

/** Encodes a private key string `PRIVATE+KEY+<name>+<hex8 key ID>+base64(0x01 || seed)`. */
export function formatPrivateKey(name: string, seed: Uint8Array): string {
  const signer = new Ed25519NoteSigner(name, seed);
  const data = new Uint8Array(1 + ED25519_KEY_SIZE);
  data[0] = SIGNATURE_TYPE_ED25519;
  data.set(seed, 1);
  return `${PRIVATE_KEY_PREFIX}${name}+${hex8(signer.keyId)}+${encodeBase64(data)}`;
}

/**
 * Parses a private key string into a signer, checking that the key ID matches
 * the derived public key (LDG_ERR_KEY_INVALID otherwise).
 */
export function parsePrivateKey(skey: string): Ed25519NoteSigner {
  if (typeof skey !== 'string' || !skey.startsWith(PRIVATE_KEY_PREFIX)) {
    throw keyInvalid('private key must start with PRIVATE+KEY+');
  }
  const parts = decodeKeyParts(skey.slice(PRIVATE_KEY_PREFIX.length), 'private key');
  if (parts.type !== SIGNATURE_TYPE_ED25519 || parts.key.length !== ED25519_KEY_SIZE) {
    throw keyInvalid(`private key ${parts.name}: not an Ed25519 seed`);
  }
  const signer = new Ed25519NoteSigner(parts.name, parts.key);
  if (signer.keyId !== parts.keyId) {
    throw keyInvalid(`private key ${parts.name}: key ID does not match the key`);
  }
  return signer;
}

/** A generated key pair for `name`, as key strings (Go note `GenerateKey` format). */
export interface GeneratedNoteKey {
  readonly privateKey: string;
  readonly verifierKey: string;
}

/** Generates a fresh Ed25519 note key for `name`. */
export function generateNoteKey(name: string): GeneratedNoteKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  const seed = new Uint8Array(der.subarray(PKCS8_ED25519_PREFIX.length));
  const signer = new Ed25519NoteSigner(name, seed);
  return { privateKey: formatPrivateKey(name, seed), verifierKey: signer.verifierKey() };
}

// ---------------------------------------------------------------------------
// notes

function maxSignatures(options: NoteOptions): number {
  const max = options.maxSignatures ?? MAX_NOTE_SIGNATURES;
  if (!Number.isInteger(max) || max < 1 || max > MAX_NOTE_SIGNATURES) {
    throw new LedgerError('LDG_ERR_VALIDATION', `maxSignatures must be 1..${MAX_NOTE_SIGNATURES}`);
  }
  return max;
}

function noteString(message: string | Uint8Array): string {
  if (message instanceof Uint8Array) {
    try {
      return strictDecoder.decode(message);
    } catch (cause) {
      throw new LedgerError('LDG_ERR_NOTE_MALFORMED', 'note is not valid UTF-8', { cause });
    }
  }
  if (typeof message !== 'string') throw noteMalformed('note must be a string or bytes');
  if (LONE_SURROGATE_RE.test(message)) throw noteMalformed('note is not valid UTF-8');
  return message;
}

function checkText(text: string): void {
  if (CONTROL_RE.test(text)) throw noteMalformed('note contains control characters');
}

/**
 * Splits a signed note into its text and signature lines, checking the
 * syntax only: valid UTF-8 without control characters other than newline, a
 * text ending in newline, a blank line, 1..16 lines `— <name> <base64>` whose
 * base64 holds a key ID and at least one signature byte. Anything else is
 * LDG_ERR_NOTE_MALFORMED.
 */
export function parseNote(message: string | Uint8Array, options: NoteOptions = {}): ParsedNote {
  const max = maxSignatures(options);
  const note = noteString(message);
  checkText(note);
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw noteMalformed('note has no blank line before its signatures');
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (!block.endsWith('\n')) throw noteMalformed('note must end with a signature line');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > max) throw noteMalformed(`note has more than ${max} signatures`);
  const signatures = lines.map((line, i): NoteSignature => {
    const space = line.indexOf(' ', SIGNATURE_PREFIX.length);
    const name = line.slice(SIGNATURE_PREFIX.length, space);
    const base64 = line.slice(space + 1);
    const bytes = decodeBase64(base64);
    if (
      !line.startsWith(SIGNATURE_PREFIX) ||
      space < 0 ||
      !isValidKeyName(name) ||
      bytes === undefined ||
      bytes.length <= KEY_ID_SIZE
    ) {
      throw noteMalformed(`signature line ${i + 1} is malformed`);
    }
    const keyId = Buffer.from(bytes.buffer, bytes.byteOffset, KEY_ID_SIZE).readUInt32BE(0);
    return { name, keyId, signature: bytes.subarray(KEY_ID_SIZE), base64 };
  });
  return { text, signatures };
}

function keyTag(name: string, keyId: number): string {
  return `${name}\n${keyId}`;
}

/**
 * Parses a note and verifies it against known keys (signed-note §Signatures):
 * signatures by unknown (name, key ID) pairs are kept as unverified; a known
 * key's signature that fails is LDG_ERR_SIGNATURE_INVALID, and so is a note
 * without any verified signature. Two verifiers with the same name and key ID
 * are LDG_ERR_KEY_INVALID.
 */
export function openNote(
  message: string | Uint8Array,
  verifiers: readonly NoteVerifier[],
  options: NoteOptions = {},
): OpenedNote {
  const known = new Map<string, NoteVerifier>();
  for (const v of verifiers) {
    const key = keyTag(v.name, v.keyId);
    if (known.has(key)) throw keyInvalid(`ambiguous verifiers for ${v.name}+${hex8(v.keyId)}`);
    known.set(key, v);
  }
  const { text, signatures } = parseNote(message, options);
  const textBytes = utf8(text);
  const verified: NoteSignature[] = [];
  const unverified: NoteSignature[] = [];
  const seen = new Set<string>();
  for (const sig of signatures) {
    const key = keyTag(sig.name, sig.keyId);
    const verifier = known.get(key);
    const line = verifier === undefined ? `${sig.name} ${sig.base64}` : key;
    if (seen.has(line)) continue;
    seen.add(line);
    if (verifier === undefined) {
      unverified.push(sig);
    } else if (verifier.verify(textBytes, sig.signature)) {
      verified.push(sig);
    } else {
      throw new LedgerError(
        'LDG_ERR_SIGNATURE_INVALID',
        `invalid signature by ${sig.name}+${hex8(sig.keyId)}`,
      );
    }
  }
  if (verified.length === 0) {
    throw new LedgerError('LDG_ERR_SIGNATURE_INVALID', 'note has no signature by a known key');
  }
  return { text, verified, unverified };
}

/** A signature to add to a note: a signer, or a ready-made line from another party. */
export type NoteSignatureSource = NoteSigner | NoteSignature;

function isSigner(source: NoteSignatureSource): source is NoteSigner {
  return typeof (source as NoteSigner).sign === 'function';
}

/**
 * Signs `text` (which must end in a newline, without control characters)
 * and returns the note. Ready-made signatures (e.g. from `parseNote`) come
 * first, as in Go's note.Sign, and are dropped where a signer has the same
 * name and key ID. At most 16 signatures and consistent ready-made lines
 * (LDG_ERR_NOTE_MALFORMED); invalid names are LDG_ERR_KEY_INVALID.
 */
export function signNote(text: string, sources: readonly NoteSignatureSource[]): string {
  const checked = noteString(text);
  checkText(checked);
  if (!checked.endsWith('\n')) throw noteMalformed('note text must end with a newline');
  if (sources.length === 0 || sources.length > MAX_NOTE_SIGNATURES) {
    throw noteMalformed(`a note needs 1..${MAX_NOTE_SIGNATURES} signatures`);
  }
  const message = utf8(checked);
  const signers = new Set<string>();
  const fresh: string[] = [];
  const carried: NoteSignature[] = [];
  for (const source of sources) {
    if (!isValidKeyName(source.name)) {
      throw keyInvalid(`invalid key name ${JSON.stringify(source.name)}`);
    }
    if (isSigner(source)) {
      signers.add(keyTag(source.name, source.keyId));
      const signature = source.sign(message);
      const blob = new Uint8Array(KEY_ID_SIZE + signature.length);
      new DataView(blob.buffer).setUint32(0, source.keyId);
      blob.set(signature, KEY_ID_SIZE);
      fresh.push(`${SIGNATURE_PREFIX}${source.name} ${encodeBase64(blob)}\n`);
    } else {
      const bytes = decodeBase64(source.base64);
      const keyId =
        bytes && bytes.length > KEY_ID_SIZE ? new DataView(bytes.buffer).getUint32(0) : -1;
      if (keyId !== source.keyId) {
        throw noteMalformed(`signature by ${source.name} does not match its key ID`);
      }
      carried.push(source);
    }
  }
  const kept = carried
    .filter((s) => !signers.has(keyTag(s.name, s.keyId)))
    .map((s) => `${SIGNATURE_PREFIX}${s.name} ${s.base64}\n`);
  return `${checked}\n${[...kept, ...fresh].join('')}`;
}
