/**
 * Checks the EventStore port's inputs at the adapter edge, before anything is
 * written, so every adapter rejects the same inputs the same way and a rejected
 * batch leaves nothing behind. The domain validator (`ledger/events`) is
 * stricter; this one only guards what a store relies on: keys, routing fields,
 * sizes, positions.
 */
import { ValidationError } from '../errors.js';
import type { FieldIssue } from '../errors.js';
import type { NewEvent } from './event-store.js';

/** One event's bytes at most (the C2SP tlog-tiles entry limit the ledger follows). */
export const DEFAULT_MAX_EVENT_BYTES = 64 * 1024;
export const MAX_TENANT_ID_LENGTH = 256;
export const MAX_SESSION_ID_LENGTH = 256;
export const MAX_EVENT_TYPE_LENGTH = 128;
/** Largest page a read or a subscription batch may ask for. */
export const MAX_READ_LIMIT = 10_000;

/** Canonical lower-case UUID text (RFC 9562 §4): one spelling per id, so idempotency is exact. */
const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const LONE_SURROGATE = /\p{Surrogate}/u;

function checkString(
  issues: FieldIssue[],
  path: string,
  value: unknown,
  maxLength: number,
  allowEmpty: boolean,
): void {
  if (typeof value !== 'string') {
    issues.push({ path, message: 'must be a string' });
  } else if (!allowEmpty && value.length === 0) {
    issues.push({ path, message: 'must not be empty' });
  } else if (value.length > maxLength) {
    issues.push({ path, message: `must be at most ${maxLength} characters` });
  } else if (LONE_SURROGATE.test(value)) {
    // it could not be stored as UTF-8 and read back unchanged
    issues.push({ path, message: 'must be well-formed Unicode' });
  }
}

/**
 * Throws a `ValidationError` (LDG_ERR_VALIDATION) naming every bad field of the
 * batch at once (`events[3].eventId`). Requires nothing; accepts an empty batch.
 * `eventId` must be a canonical lower-case UUID, `tenantId` and `type` non-empty,
 * `sessionId` a string (empty for ledger-internal events), `data` a Uint8Array of
 * at most `maxEventBytes`.
 */
export function assertNewEvents(
  events: readonly NewEvent[],
  maxEventBytes: number = DEFAULT_MAX_EVENT_BYTES,
): void {
  if (!Array.isArray(events)) {
    throw new ValidationError([{ path: 'events', message: 'must be an array' }]);
  }
  const issues: FieldIssue[] = [];
  for (let i = 0; i < events.length; i++) {
    const event: unknown = events[i];
    const at = `events[${i}]`;
    if (typeof event !== 'object' || event === null) {
      issues.push({ path: at, message: 'must be an object' });
      continue;
    }
    const e = event as Partial<Record<keyof NewEvent, unknown>>;
    if (typeof e.eventId !== 'string' || !UUID_TEXT.test(e.eventId)) {
      issues.push({ path: `${at}.eventId`, message: 'must be a lower-case canonical UUID' });
    }
    checkString(issues, `${at}.tenantId`, e.tenantId, MAX_TENANT_ID_LENGTH, false);
    checkString(issues, `${at}.sessionId`, e.sessionId, MAX_SESSION_ID_LENGTH, true);
    checkString(issues, `${at}.type`, e.type, MAX_EVENT_TYPE_LENGTH, false);
    if (!(e.data instanceof Uint8Array)) {
      issues.push({ path: `${at}.data`, message: 'must be a Uint8Array' });
    } else if (e.data.byteLength > maxEventBytes) {
      issues.push({ path: `${at}.data`, message: `must be at most ${maxEventBytes} bytes` });
    }
  }
  if (issues.length > 0) throw new ValidationError(issues);
}

/**
 * Throws LDG_ERR_VALIDATION unless `after` is START (-1) or a non-negative safe
 * integer and `limit` (when given) is an integer in 1..MAX_READ_LIMIT.
 */
export function assertReadBounds(
  after: number,
  limit: number | undefined,
  limitName: string,
): void {
  const issues: FieldIssue[] = [];
  if (!Number.isSafeInteger(after) || after < -1) {
    issues.push({ path: 'after', message: 'must be -1 (START) or a non-negative safe integer' });
  }
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > MAX_READ_LIMIT)) {
    issues.push({ path: limitName, message: `must be an integer in 1..${MAX_READ_LIMIT}` });
  }
  if (issues.length > 0) throw new ValidationError(issues);
}
