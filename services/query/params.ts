/**
 * Query-string parsing for the auditor API: every route declares its
 * parameters once (`ParamDoc`, also the source of the OpenAPI description), and
 * `QueryParams` checks a request against them, collecting every problem so one
 * 400 names each bad parameter (`LDG_ERR_VALIDATION`, `issues[].path` = the
 * parameter). Cursors are opaque to clients: base64url JSON holding the
 * snapshot position, the keyset of the last row and a fingerprint of the
 * filters (tenant included), so a cursor cannot be replayed with other filters
 * or by another tenant.
 */
import { createHash } from 'node:crypto';
import { ValidationError } from '../../ledger/errors.js';
import type { FieldIssue } from '../../ledger/errors.js';
import { parseRfc3339, timestampToMs } from '../../ledger/events/index.js';
import type { Keyset } from '../../projections/index.js';

/** How a parameter is written, for validation and the OpenAPI description. */
export type ParamKind = 'string' | 'list' | 'time' | 'boolean' | 'integer' | 'cursor' | 'period';

/** One query parameter of a route. */
export interface ParamDoc {
  readonly name: string;
  readonly kind: ParamKind;
  readonly description: string;
  /** For `list`: the values allowed (case-insensitive), if closed. */
  readonly values?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly default?: number;
}

/** Longest free-text filter value accepted (subjects, resource names, ids). */
export const MAX_FILTER_LENGTH = 256;
/** Rows per page: default and maximum. */
export const DEFAULT_PAGE_LIMIT = 100;
export const MAX_PAGE_LIMIT = 1000;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const QUARTER = /^(\d{4})-Q([1-4])$/i;
const DAYS = /^(\d{1,4})d$/;

/** A parsed [from, to) window, unix milliseconds. */
export interface TimeWindow {
  readonly from?: number;
  readonly to?: number;
}

function quarterStart(year: number, quarter: number): number {
  return Date.UTC(year, (quarter - 1) * 3, 1);
}

/**
 * A named period relative to `now` (UTC): `this-quarter`, `last-quarter`,
 * `YYYY-Qn`, `Nd` (the last N days up to now), `this-month`, `last-month`.
 * Undefined when the text is none of these.
 */
export function parsePeriod(text: string, now: number): { from: number; to: number } | undefined {
  const d = new Date(now);
  const year = d.getUTCFullYear();
  const quarter = Math.floor(d.getUTCMonth() / 3) + 1;
  const t = text.trim().toLowerCase();
  if (t === 'this-quarter') return { from: quarterStart(year, quarter), to: now + 1 };
  if (t === 'last-quarter') {
    const q = quarter === 1 ? 4 : quarter - 1;
    const y = quarter === 1 ? year - 1 : year;
    return { from: quarterStart(y, q), to: quarterStart(year, quarter) };
  }
  if (t === 'this-month') return { from: Date.UTC(year, d.getUTCMonth(), 1), to: now + 1 };
  if (t === 'last-month') {
    return { from: Date.UTC(year, d.getUTCMonth() - 1, 1), to: Date.UTC(year, d.getUTCMonth(), 1) };
  }
  const q = QUARTER.exec(t);
  if (q) {
    const y = Number(q[1]);
    const n = Number(q[2]);
    return {
      from: quarterStart(y, n),
      to: n === 4 ? quarterStart(y + 1, 1) : quarterStart(y, n + 1),
    };
  }
  const days = DAYS.exec(t);
  if (days) {
    const n = Number(days[1]);
    if (n >= 1) return { from: now - n * 86_400_000, to: now + 1 };
  }
  return undefined;
}

/** RFC 3339 date-time, or a `YYYY-MM-DD` date meaning its UTC midnight; unix ms, or undefined. */
export function parseTime(text: string): number | undefined {
  const date = DATE_ONLY.exec(text);
  if (date) {
    const ts = parseRfc3339(`${text}T00:00:00Z`);
    return ts === undefined ? undefined : timestampToMs(ts);
  }
  const ts = parseRfc3339(text);
  return ts === undefined ? undefined : timestampToMs(ts);
}

interface CursorBody {
  readonly v: 1;
  /** Snapshot position. */
  readonly s: number;
  readonly t: number;
  readonly p: number;
  /** Filter fingerprint. */
  readonly f: string;
  /** The window of the first page, resolved (a `period` such as 90d must not move while paging). */
  readonly w?: readonly [number | null, number | null];
}

/** A decoded cursor. */
export interface Cursor {
  readonly asOf: number;
  readonly after: Keyset;
  readonly window: TimeWindow;
}

/** A short digest of everything that defines a result set (route, tenant, filters). */
export function fingerprint(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 16);
}

/** The opaque cursor continuing after `last` in the snapshot `asOf`, within `window`. */
export function encodeCursor(
  asOf: number,
  last: Keyset,
  filters: string,
  window: TimeWindow = {},
): string {
  const body: CursorBody = {
    v: 1,
    s: asOf,
    t: last.at,
    p: last.position,
    f: filters,
    w: [window.from ?? null, window.to ?? null],
  };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

function isSafe(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n);
}

/**
 * Reads one route's query string: unknown parameters, repeated scalars and
 * malformed values all become issues; `finish()` throws them as one
 * ValidationError.
 */
export class QueryParams {
  readonly issues: FieldIssue[] = [];
  readonly #raw: Readonly<Record<string, unknown>>;
  readonly #docs: ReadonlyMap<string, ParamDoc>;

  constructor(raw: unknown, docs: readonly ParamDoc[]) {
    this.#raw = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
    this.#docs = new Map(docs.map((d) => [d.name, d]));
    for (const name of Object.keys(this.#raw)) {
      if (!this.#docs.has(name)) {
        this.issues.push({
          path: name,
          message: `unknown parameter; this route takes ${[...this.#docs.keys()].join(', ')}`,
        });
      }
    }
  }

  #one(name: string): string | undefined {
    const v = this.#raw[name];
    if (v === undefined) return undefined;
    if (Array.isArray(v)) {
      this.issues.push({ path: name, message: 'must be given once' });
      return undefined;
    }
    if (typeof v !== 'string') {
      this.issues.push({ path: name, message: 'must be a string' });
      return undefined;
    }
    return v;
  }

  /** A non-empty string of at most MAX_FILTER_LENGTH characters. */
  string(name: string): string | undefined {
    const v = this.#one(name);
    if (v === undefined) return undefined;
    if (v === '' || v.length > MAX_FILTER_LENGTH) {
      this.issues.push({ path: name, message: `must be 1-${MAX_FILTER_LENGTH} characters` });
      return undefined;
    }
    return v;
  }

  /**
   * Values given comma-separated and/or repeated (`type=a,b&type=c`), without
   * duplicates; with `values`, each must be one of them (case-insensitive) and
   * is returned as written there.
   */
  list(name: string, values?: readonly string[]): string[] | undefined {
    const raw = this.#raw[name];
    if (raw === undefined) return undefined;
    const parts = (Array.isArray(raw) ? raw : [raw]).flatMap((x) =>
      typeof x === 'string' ? x.split(',') : [''],
    );
    const out: string[] = [];
    for (const part of parts.map((p) => p.trim())) {
      if (part === '' || part.length > MAX_FILTER_LENGTH) {
        this.issues.push({
          path: name,
          message: `values must be 1-${MAX_FILTER_LENGTH} characters`,
        });
        return undefined;
      }
      let v = part;
      if (values !== undefined) {
        const match = values.find((x) => x.toLowerCase() === part.toLowerCase());
        if (match === undefined) {
          this.issues.push({
            path: name,
            message: `unknown value "${part}"; one of ${values.join(', ')}`,
          });
          return undefined;
        }
        v = match;
      }
      if (!out.includes(v)) out.push(v);
    }
    return out;
  }

  /** `true` or `false`. */
  boolean(name: string): boolean | undefined {
    const v = this.#one(name);
    if (v === undefined) return undefined;
    if (v === 'true' || v === 'false') return v === 'true';
    this.issues.push({ path: name, message: 'must be true or false' });
    return undefined;
  }

  /** An integer within the parameter's minimum and maximum, or its default. */
  integer(name: string): number {
    const doc = this.#docs.get(name);
    const dflt = doc?.default ?? 0;
    const v = this.#one(name);
    if (v === undefined) return dflt;
    const min = doc?.minimum ?? 0;
    const max = doc?.maximum ?? Number.MAX_SAFE_INTEGER;
    if (!/^\d{1,15}$/.test(v) || Number(v) < min || Number(v) > max) {
      this.issues.push({ path: name, message: `must be an integer from ${min} to ${max}` });
      return dflt;
    }
    return Number(v);
  }

  /** An RFC 3339 date-time or a YYYY-MM-DD date. */
  time(name: string): number | undefined {
    const v = this.#one(name);
    if (v === undefined) return undefined;
    const ms = parseTime(v);
    if (ms === undefined) {
      this.issues.push({
        path: name,
        message: 'must be an RFC 3339 date-time (2025-01-01T00:00:00Z) or a date (2025-01-01)',
      });
    }
    return ms;
  }

  /**
   * The [from, to) window from `from` / `to` or `period` (not both); `to`
   * must be after `from`.
   */
  window(now: number): TimeWindow {
    const from = this.time('from');
    const to = this.time('to');
    const periodText = this.#docs.has('period') ? this.#one('period') : undefined;
    if (periodText !== undefined) {
      if (this.#raw['from'] !== undefined || this.#raw['to'] !== undefined) {
        this.issues.push({ path: 'period', message: 'give either period or from/to, not both' });
        return {};
      }
      const p = parsePeriod(periodText, now);
      if (p === undefined) {
        this.issues.push({
          path: 'period',
          message:
            'must be this-quarter, last-quarter, YYYY-Qn, this-month, last-month or Nd (e.g. 90d)',
        });
        return {};
      }
      return p;
    }
    if (from !== undefined && to !== undefined && to <= from) {
      this.issues.push({ path: 'to', message: 'must be later than from' });
    }
    return { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
  }

  /** The decoded `cursor`, checked against the fingerprint of the current filters. */
  cursor(filters: string): Cursor | undefined {
    const v = this.#one('cursor');
    if (v === undefined) return undefined;
    let body: Partial<CursorBody> | undefined;
    try {
      const parsed: unknown = JSON.parse(Buffer.from(v, 'base64url').toString('utf8'));
      if (typeof parsed === 'object' && parsed !== null) body = parsed;
    } catch {
      body = undefined;
    }
    if (
      body === undefined ||
      body.v !== 1 ||
      !isSafe(body.s) ||
      !isSafe(body.t) ||
      !isSafe(body.p)
    ) {
      this.issues.push({ path: 'cursor', message: 'is not a cursor this API issued' });
      return undefined;
    }
    if (body.f !== filters) {
      this.issues.push({
        path: 'cursor',
        message: 'belongs to another query: repeat the filters of the request that returned it',
      });
      return undefined;
    }
    const [from, to] = Array.isArray(body.w) ? body.w : [null, null];
    if ((from !== null && !isSafe(from)) || (to !== null && !isSafe(to))) {
      this.issues.push({ path: 'cursor', message: 'is not a cursor this API issued' });
      return undefined;
    }
    return {
      asOf: body.s,
      after: { at: body.t, position: body.p },
      window: { ...(from === null ? {} : { from }), ...(to === null ? {} : { to }) },
    };
  }

  /** The raw values of some parameters (for fingerprints). */
  raw(names: readonly string[]): unknown[] {
    return names.map((n) => this.#raw[n] ?? null);
  }

  /**
   * Throws the collected issues, if any: a path parameter first, then unknown
   * parameters, then the route's parameters in the order it declares them.
   */
  finish(): void {
    if (this.issues.length === 0) return;
    const order = [...this.#docs.keys()];
    const rank = (path: string): number => {
      if (path === 'id') return -2;
      const i = order.indexOf(path);
      return i < 0 ? -1 : i;
    };
    throw new ValidationError([...this.issues].sort((a, b) => rank(a.path) - rank(b.path)));
  }
}
