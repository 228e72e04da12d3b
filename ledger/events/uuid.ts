/**
 * UUIDs for event ids (RFC 9562). Gateways choose event ids; the simulator and
 * the tests use `uuidv7` to do the same, and the validator uses `isUuid`.
 */
import { randomBytes } from 'node:crypto';

/**
 * A UUID in canonical lower-case form: 8-4-4-4-12 hex digits, a defined
 * version (1-8) and the RFC 9562 variant (first digit of the fourth group is
 * 8, 9, a or b). Lower case only: the ledger stores ids exactly as sent and
 * deduplicates on the string, so `A...` and `a...` would be two keys.
 */
export const UUID_PATTERN =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** True when `s` is a canonical lower-case RFC 9562 UUID (see UUID_PATTERN). */
export function isUuid(s: string): boolean {
  return UUID_PATTERN.test(s);
}

const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) =>
  i.toString(16).padStart(2, '0'),
);
const POOL_BYTES = 4096;
let pool = randomBytes(POOL_BYTES);
let poolOffset = 0;

/** Largest unix-millisecond time a UUIDv7 can carry (48 bits). */
const MAX_UUIDV7_MS = 2 ** 48 - 1;

/**
 * A UUIDv7 (RFC 9562 §5.7): 48-bit big-endian unix milliseconds, version 7,
 * 74 random bits from node:crypto. Ids sort by creation millisecond; within
 * one millisecond their order is random (no monotonic counter).
 *
 * Requires 0 <= nowMs < 2^48 (an integer).
 */
export function uuidv7(nowMs: number = Date.now()): string {
  if (!Number.isInteger(nowMs) || nowMs < 0 || nowMs > MAX_UUIDV7_MS) {
    throw new RangeError(`uuidv7: time ${nowMs} is not an integer in [0, 2^48)`);
  }
  // random bytes come from a pool refilled in 4 KiB steps: one syscall per 409 ids
  if (poolOffset + 10 > POOL_BYTES) {
    pool = randomBytes(POOL_BYTES);
    poolOffset = 0;
  }
  const r = pool;
  const o = poolOffset;
  poolOffset += 10;
  const hi = Math.floor(nowMs / 0x1_0000_0000);
  const lo = nowMs >>> 0;
  return (
    HEX[(hi >>> 8) & 0xff]! +
    HEX[hi & 0xff]! +
    HEX[lo >>> 24]! +
    HEX[(lo >>> 16) & 0xff]! +
    '-' +
    HEX[(lo >>> 8) & 0xff]! +
    HEX[lo & 0xff]! +
    '-' +
    HEX[0x70 | (r[o]! & 0x0f)]! +
    HEX[r[o + 1]!]! +
    '-' +
    HEX[0x80 | (r[o + 2]! & 0x3f)]! +
    HEX[r[o + 3]!]! +
    '-' +
    HEX[r[o + 4]!]! +
    HEX[r[o + 5]!]! +
    HEX[r[o + 6]!]! +
    HEX[r[o + 7]!]! +
    HEX[r[o + 8]!]! +
    HEX[r[o + 9]!]!
  );
}

/** The unix-millisecond time of a UUIDv7, or undefined if `id` is not a UUIDv7. */
export function uuidv7Time(id: string): number | undefined {
  if (!UUID_PATTERN.test(id) || id.charCodeAt(14) !== 0x37 /* '7' */) return undefined;
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}
