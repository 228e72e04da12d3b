/**
 * The verifiers a user's key string stands for. A log signs each checkpoint
 * with its Ed25519 key twice (checkpoint.ts): a plain note signature (0x01)
 * and a timestamped cosignature (0x04) by the same key, so one published
 * `name+hex+base64` Ed25519 key checks both.
 */
import { createCosignatureVerifier } from '../checkpoint/checkpoint.js';
import {
  SIGNATURE_TYPE_ED25519,
  createEd25519Verifier,
  decodeVerifierKey,
} from '../checkpoint/signed-note.js';
import type { NoteVerifier } from '../checkpoint/signed-note.js';

/**
 * Verifiers for verifier key strings (or verifier objects, passed through):
 * an Ed25519 (0x01) key gives its note verifier and its cosignature (0x04)
 * verifier. A malformed key string is LDG_ERR_KEY_INVALID.
 */
export function checkpointVerifiers(keys: readonly (string | NoteVerifier)[]): NoteVerifier[] {
  return keys.flatMap((key) => {
    if (typeof key !== 'string') return [key];
    const parts = decodeVerifierKey(key);
    return parts.type === SIGNATURE_TYPE_ED25519
      ? [
          createEd25519Verifier(parts.name, parts.key),
          createCosignatureVerifier(parts.name, parts.key),
        ]
      : [createCosignatureVerifier(parts.name, parts.key)];
  });
}
