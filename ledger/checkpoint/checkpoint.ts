/**
 * C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint) bodies and C2SP
 * tlog-cosignature (c2sp.org/tlog-cosignature) timestamped Ed25519
 * cosignatures, signature type 0x04.
 *
 * A checkpoint body is the origin line, the tree size in decimal (no leading
 * zeroes), the base64 root hash, then optional non-empty extension lines, each
 * ending in a newline. A 0x04 cosignature signs
 *
 *   "cosignature/v1\n" || "time <unix seconds>\n" || checkpoint body
 *
 * and its note signature is u64 big-endian timestamp || 64-byte Ed25519
 * signature (72 bytes), under key ID SHA-256(name || 0x0A || 0x04 || key)[:4].
 * The ledger signs each checkpoint with both a plain Ed25519 signature (what
 * tlog clients expect) and a 0x04 cosignature from the same key, which binds
 * the signing time to the tree head.
 */
import { LedgerError } from '../errors.js';
import { HASH_SIZE } from '../merkle/hasher.js';
import type {
  Ed25519NoteSigner,
  NoteOptions,
  NoteSignature,
  NoteSigner,
  NoteVerifier,
} from './signed-note.js';
import {
  SIGNATURE_TYPE_ED25519,
  computeKeyId,
  createEd25519Verifier,
  decodeBase64,
  decodeVerifierKey,
  ed25519PublicKeyObject,
  ed25519Verify,
  encodeBase64,
  formatVerifierKey,
  isValidKeyName,
  openNote,
  signNote,
  utf8,
} from './signed-note.js';

/** Signature type byte of timestamped Ed25519 cosignatures (tlog-cosignature). */
export const SIGNATURE_TYPE_COSIGNATURE = 0x04;

const COSIGNATURE_SIZE = 8 + 64;
const TWO_32 = 0x1_0000_0000;

/** A checkpoint body: the tree head of a log at one size. */
export interface Checkpoint {
  /** log identity, e.g. `ledger.example.com/acme` */
  readonly origin: string;
  readonly size: number;
  /** RFC 9162 root hash of the tree of `size` (32 bytes) */
  readonly rootHash: Uint8Array;
  /** optional opaque lines after the root hash */
  readonly extensions?: readonly string[];
}

function malformed(message: string): LedgerError<'LDG_ERR_NOTE_MALFORMED'> {
  return new LedgerError('LDG_ERR_NOTE_MALFORMED', message);
}

const LINE_FORBIDDEN_RE = /[\u0000-\u001f]/;
const SIZE_RE = /^(0|[1-9][0-9]{0,15})$/;

function checkLine(line: string, field: string): void {
  if (typeof line !== 'string' || line.length === 0 || LINE_FORBIDDEN_RE.test(line)) {
    throw malformed(`checkpoint ${field} must be a non-empty line without control characters`);
  }
}

/** The note text of a checkpoint (LDG_ERR_NOTE_MALFORMED for an invalid field). */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  checkLine(checkpoint.origin, 'origin');
  if (!Number.isSafeInteger(checkpoint.size) || checkpoint.size < 0) {
    throw malformed('checkpoint size must be a safe non-negative integer');
  }
  if (!(checkpoint.rootHash instanceof Uint8Array) || checkpoint.rootHash.length !== HASH_SIZE) {
    throw malformed(`checkpoint root hash must be ${HASH_SIZE} bytes`);
  }
  const extensions = checkpoint.extensions ?? [];
  extensions.forEach((line, i) => checkLine(line, `extension line ${i + 1}`));
  const lines = [
    checkpoint.origin,
    String(checkpoint.size),
    encodeBase64(checkpoint.rootHash),
    ...extensions,
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * Parses a checkpoint body (a note's text, signatures removed): at least three
 * lines, a non-empty origin, a decimal size without leading zeroes that is a
 * safe integer, a canonical base64 32-byte root, non-empty extension lines.
 * Anything else is LDG_ERR_NOTE_MALFORMED. The text must come from a note
 * whose signature has been verified (see `openCheckpoint`).
 */
export function parseCheckpoint(text: string): Checkpoint {
  if (typeof text !== 'string' || !text.endsWith('\n')) {
    throw malformed('checkpoint must end with a newline');
  }
  const [origin = '', size = '', root = '', ...extensions] = text.slice(0, -1).split('\n');
  checkLine(origin, 'origin');
  if (!SIZE_RE.test(size) || !Number.isSafeInteger(Number(size))) {
    throw malformed('checkpoint size must be a decimal safe integer without leading zeroes');
  }
  const rootHash = decodeBase64(root);
  if (rootHash?.length !== HASH_SIZE)
    throw malformed('checkpoint root hash must be base64 of 32 bytes');
  extensions.forEach((line, i) => checkLine(line, `extension line ${i + 1}`));
  return extensions.length > 0
    ? { origin, size: Number(size), rootHash, extensions }
    : { origin, size: Number(size), rootHash };
}

// ---------------------------------------------------------------------------
// timestamped cosignatures (type 0x04)

function checkTimestamp(timestamp: number): void {
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new LedgerError('LDG_ERR_VALIDATION', 'timestamp must be a safe non-negative integer');
  }
}

/** The message a v1 cosignature signs: header line, time line, then the checkpoint body. */
export function cosignatureMessage(body: string | Uint8Array, timestamp: number): Uint8Array {
  checkTimestamp(timestamp);
  const header = utf8(`cosignature/v1\ntime ${timestamp}\n`);
  const text = typeof body === 'string' ? utf8(body) : body;
  const message = new Uint8Array(header.length + text.length);
  message.set(header);
  message.set(text, header.length);
  return message;
}

/**
 * The timestamp of a 0x04 cosignature (the note signature after its key ID),
 * or undefined if it is not 72 bytes or the time is beyond 2^53 - 1.
 */
export function cosignatureTimestamp(signature: Uint8Array): number | undefined {
  if (signature.length !== COSIGNATURE_SIZE) return undefined;
  const view = new DataView(signature.buffer, signature.byteOffset, signature.byteLength);
  const timestamp = view.getUint32(0) * TWO_32 + view.getUint32(4);
  return Number.isSafeInteger(timestamp) ? timestamp : undefined;
}

/** Key ID of an Ed25519 cosigner key: SHA-256(name || 0x0A || 0x04 || key)[:4]. */
export function cosignatureKeyId(name: string, publicKey: Uint8Array): number {
  return computeKeyId(name, SIGNATURE_TYPE_COSIGNATURE, publicKey);
}

/** A 0x04 cosigner over an Ed25519 key, stamping every signature with `timestamp`. */
export function createCosigner(key: Ed25519NoteSigner, timestamp: number): NoteSigner {
  checkTimestamp(timestamp);
  return {
    name: key.name,
    keyId: cosignatureKeyId(key.name, key.publicKey),
    sign(text: Uint8Array): Uint8Array {
      const blob = new Uint8Array(COSIGNATURE_SIZE);
      const view = new DataView(blob.buffer);
      view.setUint32(0, Math.floor(timestamp / TWO_32));
      view.setUint32(4, timestamp % TWO_32);
      blob.set(key.sign(cosignatureMessage(text, timestamp)), 8);
      return blob;
    },
  };
}

const cosignatureVerifiers = new WeakSet<NoteVerifier>();

/** Verifier of 0x04 cosignatures by `name` with a raw 32-byte Ed25519 public key. */
export function createCosignatureVerifier(name: string, publicKey: Uint8Array): NoteVerifier {
  if (!isValidKeyName(name)) {
    throw new LedgerError('LDG_ERR_KEY_INVALID', `invalid key name ${JSON.stringify(name)}`);
  }
  const key = ed25519PublicKeyObject(publicKey);
  const verifier: NoteVerifier = {
    name,
    keyId: cosignatureKeyId(name, publicKey),
    verify(text: Uint8Array, signature: Uint8Array): boolean {
      const timestamp = cosignatureTimestamp(signature);
      if (timestamp === undefined) return false;
      return ed25519Verify(key, cosignatureMessage(text, timestamp), signature.subarray(8));
    },
  };
  cosignatureVerifiers.add(verifier);
  return verifier;
}

/** Verifier key string of a 0x04 cosigner: `<name>+<hex8 key ID>+base64(0x04 || key)`. */
export function formatCosignatureVerifierKey(name: string, publicKey: Uint8Array): string {
  return formatVerifierKey(name, SIGNATURE_TYPE_COSIGNATURE, publicKey);
}

/**
 * Parses a verifier key string of type 0x01 (Ed25519 note signatures) or 0x04
 * (timestamped cosignatures); any other is LDG_ERR_KEY_INVALID.
 */
export function parseCheckpointVerifierKey(vkey: string): NoteVerifier {
  const parts = decodeVerifierKey(vkey);
  if (parts.type === SIGNATURE_TYPE_ED25519) return createEd25519Verifier(parts.name, parts.key);
  if (parts.type === SIGNATURE_TYPE_COSIGNATURE) {
    return createCosignatureVerifier(parts.name, parts.key);
  }
  throw new LedgerError(
    'LDG_ERR_KEY_INVALID',
    `verifier key ${parts.name}: unsupported signature type ${parts.type}`,
  );
}

// ---------------------------------------------------------------------------
// signing and opening checkpoints

/** Options of `signCheckpoint`. */
export interface SignCheckpointOptions {
  /** signing time in unix seconds; default: now */
  readonly timestamp?: number;
}

/**
 * Signs a checkpoint with `key` twice: a plain Ed25519 note signature (0x01)
 * and a timestamped cosignature (0x04) at `timestamp`. Returns the note.
 */
export function signCheckpoint(
  checkpoint: Checkpoint,
  key: Ed25519NoteSigner,
  options: SignCheckpointOptions = {},
): string {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return signNote(formatCheckpoint(checkpoint), [key, createCosigner(key, timestamp)]);
}

/** A verified cosignature and the time it states. */
export interface VerifiedCosignature {
  readonly name: string;
  readonly keyId: number;
  readonly timestamp: number;
}

/** A checkpoint note whose signatures from known keys verified. */
export interface OpenedCheckpoint {
  readonly checkpoint: Checkpoint;
  /** the note text (the checkpoint body) */
  readonly text: string;
  readonly verified: readonly NoteSignature[];
  readonly unverified: readonly NoteSignature[];
  /** verified 0x04 cosignatures */
  readonly cosignatures: readonly VerifiedCosignature[];
  /**
   * The verified signing time: of the cosignature whose key name is the
   * origin, else of the first verified cosignature; undefined without any.
   */
  readonly timestamp: number | undefined;
}

/** Options of `openCheckpoint`. */
export interface OpenCheckpointOptions extends NoteOptions {
  /** require this origin line (LDG_ERR_SIGNATURE_INVALID otherwise) */
  readonly origin?: string;
}

/**
 * Verifies a checkpoint note against known keys (verifier objects or key
 * strings of type 0x01 or 0x04), then parses its body. Signature failures
 * are LDG_ERR_SIGNATURE_INVALID (see `openNote`), bad key strings
 * LDG_ERR_KEY_INVALID, and a bad body LDG_ERR_NOTE_MALFORMED.
 */
export function openCheckpoint(
  note: string | Uint8Array,
  verifierKeys: readonly (string | NoteVerifier)[],
  options: OpenCheckpointOptions = {},
): OpenedCheckpoint {
  const verifiers = verifierKeys.map((k) =>
    typeof k === 'string' ? parseCheckpointVerifierKey(k) : k,
  );
  const opened = openNote(note, verifiers, options);
  const checkpoint = parseCheckpoint(opened.text);
  if (options.origin !== undefined && checkpoint.origin !== options.origin) {
    throw new LedgerError(
      'LDG_ERR_SIGNATURE_INVALID',
      `checkpoint origin ${JSON.stringify(checkpoint.origin)} is not ${JSON.stringify(options.origin)}`,
    );
  }
  const cosigners = new Set(
    verifiers.filter((v) => cosignatureVerifiers.has(v)).map((v) => `${v.name}\n${v.keyId}`),
  );
  const cosignatures = opened.verified
    .filter((s) => cosigners.has(`${s.name}\n${s.keyId}`))
    .map((s) => ({
      name: s.name,
      keyId: s.keyId,
      // verified cosignatures always carry a valid timestamp
      timestamp: cosignatureTimestamp(s.signature) as number,
    }));
  const own = cosignatures.find((c) => c.name === checkpoint.origin) ?? cosignatures[0];
  return {
    checkpoint,
    text: opened.text,
    verified: opened.verified,
    unverified: opened.unverified,
    cosignatures,
    timestamp: own?.timestamp,
  };
}
