/**
 * An evidence request: which controls, which period, optionally which user
 * and resource, for one tenant, asked by one requester. Parsed once,
 * defensively, at the edge (API body, CLI flags) into an `EvidenceQuery`.
 */
import { LedgerError, ValidationError } from '../errors.js';
import type { FieldIssue } from '../errors.js';
import type { ValidAuditEvent } from '../events/types.js';

/** Milliseconds in a UTC day. */
const DAY_MS = 86_400_000;

/** A request for evidence, as given (dates as text, controls as 2022 ids or 2013 aliases). */
export interface EvidenceRequest {
  /** ISO/IEC 27001:2022 ids (`8.2`) or 2013 aliases (`A.9.2.3`); at least one. */
  readonly controls: readonly string[];
  /** Inclusive start: `YYYY-MM-DD` (00:00 UTC) or an RFC 3339 time. */
  readonly from: string;
  /** End: `YYYY-MM-DD` means through that whole day (UTC); an RFC 3339 time is exclusive. */
  readonly to: string;
  /** Only events of this subject (or of agents acting on its behalf). */
  readonly user?: string | undefined;
  /** Only events on this resource (its logical name). */
  readonly resource?: string | undefined;
}

/** A validated query, confined to one tenant. */
export interface EvidenceQuery {
  /** The controls as asked for (ids or aliases), in request order, deduplicated. */
  readonly controls: readonly string[];
  /** Inclusive lower bound on occurred_at, unix ms. */
  readonly fromMs: number;
  /** Exclusive upper bound on occurred_at, unix ms. */
  readonly toMs: number;
  readonly user: string | null;
  readonly resource: string | null;
  /** Always the requester's tenant (from credentials), never from the request body. */
  readonly tenant: string;
  /** Who asked (the token's subject, or the CLI operator). */
  readonly requester: string;
}

/** One ISO/IEC 27001:2022 control, as the package reports it. */
export interface EvidenceControl {
  readonly id: string;
  readonly title: string;
  readonly aliases: readonly string[];
  readonly summary: string;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TEXT_RE = /^[^\u0000-\u001f\u007f]{1,256}$/;

function parseTime(value: unknown, end: boolean, path: string, issues: FieldIssue[]): number {
  if (typeof value !== 'string' || value.length === 0) {
    issues.push({ path, message: 'must be a date (YYYY-MM-DD) or an RFC 3339 time' });
    return NaN;
  }
  const d = DATE_RE.exec(value);
  if (d !== null) {
    const ms = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]));
    if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) {
      issues.push({ path, message: `${value} is not a calendar date` });
      return NaN;
    }
    return end ? ms + DAY_MS : ms;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    issues.push({ path, message: 'must be a date (YYYY-MM-DD) or an RFC 3339 time' });
    return NaN;
  }
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) issues.push({ path, message: `${value} is not a valid time` });
  return ms;
}

/**
 * Validates a request (an untrusted object, e.g. an API body) for `tenant`
 * asked by `requester`. Throws ValidationError listing every bad field.
 * Whether the controls exist is the EvidenceSource's to say.
 */
export function parseEvidenceRequest(
  raw: unknown,
  tenant: string,
  requester: string,
): EvidenceQuery {
  const issues: FieldIssue[] = [];
  const body = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  if (typeof raw !== 'object' || raw === null)
    issues.push({ path: '(body)', message: 'must be an object' });
  let controls: string[] = [];
  const c = body.controls ?? body.control;
  const list = typeof c === 'string' ? [c] : c;
  if (!Array.isArray(list) || list.length === 0) {
    issues.push({ path: 'controls', message: 'must list at least one control id' });
  } else {
    list.forEach((x: unknown, i) => {
      if (typeof x !== 'string' || !/^[A-Za-z0-9.]{1,32}$/.test(x)) {
        issues.push({
          path: `controls[${i}]`,
          message: 'must be a control id such as 8.2 or A.9.2.3',
        });
      } else if (!controls.includes(x)) controls.push(x);
    });
    if (controls.length > 64) issues.push({ path: 'controls', message: 'at most 64 controls' });
  }
  const fromMs = parseTime(body.from, false, 'from', issues);
  const toMs = parseTime(body.to, true, 'to', issues);
  if (!Number.isNaN(fromMs) && !Number.isNaN(toMs) && toMs <= fromMs) {
    issues.push({ path: 'to', message: 'must be after from' });
  }
  const optional = (name: 'user' | 'resource'): string | null => {
    const v = body[name];
    if (v === undefined || v === null || v === '') return null;
    if (typeof v !== 'string' || !TEXT_RE.test(v)) {
      issues.push({ path: name, message: 'must be a non-empty line of at most 256 characters' });
      return null;
    }
    return v;
  };
  const user = optional('user');
  const resource = optional('resource');
  if (!TEXT_RE.test(tenant)) issues.push({ path: 'tenant', message: 'missing or invalid' });
  if (!TEXT_RE.test(requester)) issues.push({ path: 'requester', message: 'missing or invalid' });
  if (issues.length > 0) throw new ValidationError(issues);
  controls = controls.slice();
  return Object.freeze({ controls, fromMs, toMs, user, resource, tenant, requester });
}

/** The query as recorded in the manifest and the EvidenceExported event (stable key order). */
export function queryJson(query: EvidenceQuery, resolved: readonly string[]): string {
  return JSON.stringify({
    tenant: query.tenant,
    controls: query.controls,
    controls_2022: resolved,
    from: new Date(query.fromMs).toISOString(),
    to: new Date(query.toMs).toISOString(),
    user: query.user,
    resource: query.resource,
  });
}

/** The query as read back from a manifest's `query` line. */
export interface ManifestQuery {
  readonly tenant: string;
  readonly controls: readonly string[];
  readonly controls2022: readonly string[];
  readonly fromMs: number;
  readonly toMs: number;
  readonly user: string | null;
  readonly resource: string | null;
}

/** Parses the manifest's query JSON (LDG_ERR_TAMPERED naming the manifest when malformed). */
export function parseQueryJson(text: string): ManifestQuery {
  const bad = (why: string): LedgerError<'LDG_ERR_TAMPERED'> =>
    new LedgerError('LDG_ERR_TAMPERED', `part manifest.note: query ${why}`);
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw bad('is not JSON');
  }
  if (typeof v !== 'object' || v === null) throw bad('is not an object');
  const o = v as Record<string, unknown>;
  const strings = (x: unknown, name: string): string[] => {
    if (!Array.isArray(x) || !x.every((s) => typeof s === 'string'))
      throw bad(`${name} is not a list`);
    return x;
  };
  const opt = (x: unknown, name: string): string | null => {
    if (x === null) return null;
    if (typeof x !== 'string') throw bad(`${name} is not text`);
    return x;
  };
  if (typeof o.tenant !== 'string' || o.tenant === '') throw bad('has no tenant');
  const fromMs = typeof o.from === 'string' ? Date.parse(o.from) : NaN;
  const toMs = typeof o.to === 'string' ? Date.parse(o.to) : NaN;
  if (Number.isNaN(fromMs) || Number.isNaN(toMs)) throw bad('has no valid period');
  return {
    tenant: o.tenant,
    controls: strings(o.controls, 'controls'),
    controls2022: strings(o.controls_2022, 'controls_2022'),
    fromMs,
    toMs,
    user: opt(o.user, 'user'),
    resource: opt(o.resource, 'resource'),
  };
}

/** True when the event's actor is `user`, or an agent acting on `user`'s behalf. */
export function actedBy(event: ValidAuditEvent, user: string): boolean {
  if (event.actor.subject === user) return true;
  return event.actor.kind === 'AGENT' && event.actor.agent.onBehalfOf.subject === user;
}

/**
 * Why `event` falls outside the query (tenant, period, user, resource), or
 * undefined when it is inside. Control membership is checked separately.
 */
export function outsideQuery(
  event: ValidAuditEvent,
  q: Pick<ManifestQuery, 'tenant' | 'fromMs' | 'toMs' | 'user' | 'resource'>,
): string | undefined {
  if (event.tenantId !== q.tenant) return `tenant ${event.tenantId} is not ${q.tenant}`;
  if (event.occurredAtMs < q.fromMs || event.occurredAtMs >= q.toMs) {
    return `occurred_at ${new Date(event.occurredAtMs).toISOString()} is outside the period`;
  }
  if (q.user !== null && !actedBy(event, q.user)) return `actor is not ${q.user}`;
  if (q.resource !== null && event.resource.name !== q.resource) {
    return `resource ${event.resource.name} is not ${q.resource}`;
  }
  return undefined;
}
