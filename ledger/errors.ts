/**
 * The ledger's one error registry. Every error the ledger raises is a
 * `LedgerError` with a stable `code` (LDG_ERR_*) and the HTTP status a service
 * should answer with. Tests assert on codes, never on messages; every code is
 * documented in README.md (checked by test/unit/errors.test.ts).
 */

export const ERROR_CODES = {
  LDG_ERR_VALIDATION: 400,
  LDG_ERR_BAD_REQUEST: 400,
  LDG_ERR_DECODE: 400,
  LDG_ERR_UNAUTHORIZED: 401,
  LDG_ERR_FORBIDDEN: 403,
  LDG_ERR_NOT_FOUND: 404,
  LDG_ERR_CONFLICT: 409,
  LDG_ERR_PAYLOAD_TOO_LARGE: 413,
  LDG_ERR_UNSUPPORTED_MEDIA_TYPE: 415,
  LDG_ERR_RATE_LIMITED: 429,
  LDG_ERR_INTERNAL: 500,
  LDG_ERR_STORE_UNAVAILABLE: 503,
  LDG_ERR_STORE_CLOSED: 503,
  LDG_ERR_WRONG_EXPECTED_VERSION: 409,
  LDG_ERR_SHUTTING_DOWN: 503,
  LDG_ERR_CONFIG: 500,
  LDG_ERR_PROOF_INVALID: 422,
  LDG_ERR_PROOF_MALFORMED: 400,
  LDG_ERR_SIGNATURE_INVALID: 422,
  LDG_ERR_NOTE_MALFORMED: 400,
  LDG_ERR_KEY_INVALID: 400,
  LDG_ERR_TAMPERED: 422,
  LDG_ERR_ARCHIVE: 502,
  LDG_ERR_ARCHIVE_NOT_READY: 503,
  LDG_ERR_ARCHIVE_CONFLICT: 409,
} as const;

export type LedgerErrorCode = keyof typeof ERROR_CODES;

export class LedgerError<C extends LedgerErrorCode = LedgerErrorCode> extends Error {
  readonly code: C;
  readonly statusCode: number;

  constructor(code: C, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LedgerError';
    this.code = code;
    this.statusCode = ERROR_CODES[code];
  }
}

/** One invalid field: a path such as `events[3].actor.subject` and what is wrong with it. */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** Every invalid field of an input at once, so a producer can fix them all in one round. */
export class ValidationError extends LedgerError<'LDG_ERR_VALIDATION'> {
  readonly issues: readonly FieldIssue[];

  constructor(issues: readonly FieldIssue[]) {
    const first = issues
      .slice(0, 5)
      .map((i) => `${i.path}: ${i.message}`)
      .join('; ');
    const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
    super('LDG_ERR_VALIDATION', `invalid input: ${first}${more}`);
    this.name = 'ValidationError';
    this.issues = Object.freeze([...issues]);
  }
}

export function isLedgerError(e: unknown): e is LedgerError {
  return e instanceof LedgerError;
}
