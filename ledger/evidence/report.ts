/**
 * The human-readable parts of a package: `report.html` (per-control summary,
 * events per day as inline SVG, sessions with their approvals, blocked
 * commands, masking counts; no external assets, no scripts) and `events.csv`.
 *
 * `ReportAccumulator` sees each event once as the builder streams them and
 * keeps only bounded aggregates: counts per control, day, rule and info type,
 * and the first MAX_REPORT_SESSIONS sessions.
 */
import type { ValidAuditEvent } from '../events/types.js';
import type { EvidenceCheckpoint, EvidenceSession } from './source.js';
import type { EvidenceControl, EvidenceQuery } from './query.js';

/** Sessions listed one by one in the report; the rest are counted. */
export const MAX_REPORT_SESSIONS = 500;
/** Distinct blocking rules listed; the rest are summed under `(other rules)`. */
const MAX_RULES = 200;
const DAY_MS = 86_400_000;

/** Header of events.csv. */
export const CSV_HEADER =
  'leaf_index,position,occurred_at,recorded_at,event_id,tenant,type,actor,on_behalf_of,resource,session,decision,controls,detail';

/** A field that needs the formula prefix or quoting. */
const CSV_SPECIAL_RE = /^[=+\-@\t\r]|[",\n\r]/;

/** Escapes a CSV field (RFC 4180); a leading =, +, - or @ is prefixed with ' against formula injection. */
export function csvField(value: string): string {
  // most fields need neither: one test for both
  if (!CSV_SPECIAL_RE.test(value)) return value;
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Escapes text for HTML element content and attribute values. */
export function html(text: string | number): string {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function detailOf(e: ValidAuditEvent): string {
  switch (e.type) {
    case 'session_opened':
      return `protocol=${e.sessionOpened.protocol} mode=${e.sessionOpened.accessMode} mfa=${e.sessionOpened.mfa} privileged=${e.sessionOpened.privileged}`;
    case 'session_closed':
      return `status=${e.sessionClosed.status}`;
    case 'command_executed':
      return `${e.commandExecuted.verb} ${e.commandExecuted.redactedStatement}`.trim();
    case 'command_blocked':
      return `rule=${e.commandBlocked.ruleName} ${e.commandBlocked.redactedExcerpt}`.trim();
    case 'field_masked':
      return `${e.fieldMasked.infoType} x${e.fieldMasked.count} ${e.fieldMasked.fieldPath}`;
    case 'approval_requested':
      return `request=${e.approvalRequested.requestId} ${e.approvalRequested.reason}`.trim();
    case 'approval_granted':
      return `request=${e.approvalGranted.requestId} by ${e.approvalGranted.approver.subject}`;
    case 'approval_denied':
      return `request=${e.approvalDenied.requestId} by ${e.approvalDenied.approver.subject}`;
    default:
      return '';
  }
}

/** One row of events.csv (with its newline). */
export function csvRow(
  leafIndex: number,
  position: number,
  recordedAtMs: number,
  controls: readonly string[],
  e: ValidAuditEvent,
): string {
  const onBehalfOf = e.actor.kind === 'AGENT' ? e.actor.agent.onBehalfOf.subject : '';
  return `${[
    String(leafIndex),
    String(position),
    new Date(e.occurredAtMs).toISOString(),
    new Date(recordedAtMs).toISOString(),
    e.eventId,
    e.tenantId,
    e.type,
    e.actor.subject,
    onBehalfOf,
    e.resource.name,
    e.sessionId,
    e.policy?.decision ?? '',
    controls.join(' '),
    detailOf(e),
  ]
    .map(csvField)
    .join(',')}\n`;
}

interface SessionSeen {
  actor: string;
  resource: string;
  startedAt: number;
  events: number;
  approvals: Map<string, { status: string; approvers: string[]; reason: string }>;
}

/** Bounded aggregates of the events of a package, for the report. */
export class ReportAccumulator {
  events = 0;
  readonly perControl = new Map<string, number>();
  readonly perDay = new Map<number, number>();
  readonly perType = new Map<string, number>();
  readonly blockedByRule = new Map<string, number>();
  readonly maskedByType = new Map<string, { events: number; values: number }>();
  readonly sessions = new Map<string, SessionSeen>();
  /** sessions seen beyond MAX_REPORT_SESSIONS are counted, not kept */
  otherSessions = 0;
  readonly #overflowSessions = new Set<string>();

  /** Adds one event with the controls it is evidence for. */
  add(e: ValidAuditEvent, controls: readonly string[]): void {
    this.events++;
    for (const c of controls) this.perControl.set(c, (this.perControl.get(c) ?? 0) + 1);
    const day = Math.floor(e.occurredAtMs / DAY_MS);
    this.perDay.set(day, (this.perDay.get(day) ?? 0) + 1);
    this.perType.set(e.type, (this.perType.get(e.type) ?? 0) + 1);
    if (e.type === 'command_blocked') {
      let rule = e.commandBlocked.ruleName || '(unnamed rule)';
      if (!this.blockedByRule.has(rule) && this.blockedByRule.size >= MAX_RULES)
        rule = '(other rules)';
      this.blockedByRule.set(rule, (this.blockedByRule.get(rule) ?? 0) + 1);
    }
    if (e.type === 'field_masked') {
      const m = this.maskedByType.get(e.fieldMasked.infoType) ?? { events: 0, values: 0 };
      m.events++;
      m.values += e.fieldMasked.count;
      this.maskedByType.set(e.fieldMasked.infoType, m);
    }
    if (e.sessionId === '') return;
    let s = this.sessions.get(e.sessionId);
    if (s === undefined) {
      if (this.sessions.size >= MAX_REPORT_SESSIONS) {
        // a bounded estimate: exact up to 10,000 further sessions
        if (this.#overflowSessions.size < 10_000 && !this.#overflowSessions.has(e.sessionId)) {
          this.#overflowSessions.add(e.sessionId);
          this.otherSessions++;
        }
        return;
      }
      s = {
        actor: e.actor.subject,
        resource: e.resource.name,
        startedAt: e.occurredAtMs,
        events: 0,
        approvals: new Map(),
      };
      this.sessions.set(e.sessionId, s);
    }
    s.events++;
    const approval = (id: string): { status: string; approvers: string[]; reason: string } => {
      let a = s.approvals.get(id);
      if (a === undefined) {
        a = { status: 'PENDING', approvers: [], reason: '' };
        s.approvals.set(id, a);
      }
      return a;
    };
    if (e.type === 'approval_requested')
      approval(e.approvalRequested.requestId).reason = e.approvalRequested.reason;
    if (e.type === 'approval_granted') {
      const a = approval(e.approvalGranted.requestId);
      a.status = 'GRANTED';
      a.approvers.push(e.approvalGranted.approver.subject);
    }
    if (e.type === 'approval_denied') {
      const a = approval(e.approvalDenied.requestId);
      a.status = 'DENIED';
      a.approvers.push(e.approvalDenied.approver.subject);
    }
  }
}

/** What the HTML report shows beyond the aggregates. */
export interface ReportContext {
  readonly query: EvidenceQuery;
  readonly controls: readonly EvidenceControl[];
  readonly checkpoint: EvidenceCheckpoint;
  readonly createdAt: number;
  readonly generator: string;
  readonly bundles: number;
  /** Session details from the read models, when available (else built from the events). */
  readonly sessions?: readonly EvidenceSession[];
}

function dayChart(fromMs: number, toMs: number, perDay: ReadonlyMap<number, number>): string {
  const first = Math.floor(fromMs / DAY_MS);
  const last = Math.max(first, Math.ceil(toMs / DAY_MS) - 1);
  const days = Math.min(last - first + 1, 3660);
  const max = Math.max(1, ...perDay.values());
  const width = 900;
  const height = 200;
  const bar = width / days;
  const bars: string[] = [];
  for (let i = 0; i < days; i++) {
    const n = perDay.get(first + i) ?? 0;
    if (n === 0) continue;
    const h = Math.max(1, Math.round((n / max) * (height - 20)));
    const date = new Date((first + i) * DAY_MS).toISOString().slice(0, 10);
    bars.push(
      `<rect x="${(i * bar).toFixed(2)}" y="${height - h}" width="${Math.max(bar - 1, 0.5).toFixed(2)}" height="${h}" fill="#2b6cb0" data-day="${date}" data-count="${n}"><title>${date}: ${n}</title></rect>`,
    );
  }
  const startLabel = new Date(first * DAY_MS).toISOString().slice(0, 10);
  const endLabel = new Date((first + days - 1) * DAY_MS).toISOString().slice(0, 10);
  return `<svg id="chart" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="events per day" viewBox="0 0 ${width} ${height + 20}" width="${width}" height="${height + 20}">
<line x1="0" y1="${height}" x2="${width}" y2="${height}" stroke="#444"/>
${bars.join('\n')}
<text x="0" y="${height + 15}" font-size="11">${startLabel}</text>
<text x="${width}" y="${height + 15}" font-size="11" text-anchor="end">${endLabel}</text>
<text x="4" y="12" font-size="11">max ${max} / day</text>
</svg>`;
}

/** The report as one HTML document (UTF-8, self-contained). */
export function renderReport(acc: ReportAccumulator, ctx: ReportContext): string {
  const q = ctx.query;
  const iso = (ms: number): string => new Date(ms).toISOString();
  const controlRows = ctx.controls
    .map(
      (c) =>
        `<tr data-control="${html(c.id)}"><td>${html(c.id)}</td><td>${html(c.title)}</td><td>${html(c.aliases.join(', '))}</td><td>${html(c.summary)}</td><td class="count">${acc.perControl.get(c.id) ?? 0}</td></tr>`,
    )
    .join('\n');
  const typeRows = [...acc.perType.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(
      ([t, n]) => `<tr data-type="${html(t)}"><td>${html(t)}</td><td class="count">${n}</td></tr>`,
    )
    .join('\n');
  const blockedTotal = acc.perType.get('command_blocked') ?? 0;
  const blockedRows = [...acc.blockedByRule.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(
      ([r, n]) => `<tr data-rule="${html(r)}"><td>${html(r)}</td><td class="count">${n}</td></tr>`,
    )
    .join('\n');
  let maskedValues = 0;
  const maskRows = [...acc.maskedByType.entries()]
    .sort((a, b) => b[1].values - a[1].values)
    .map(([t, m]) => {
      maskedValues += m.values;
      return `<tr data-info-type="${html(t)}"><td>${html(t)}</td><td class="count">${m.events}</td><td class="values">${m.values}</td></tr>`;
    })
    .join('\n');
  const details = new Map((ctx.sessions ?? []).map((s) => [s.sessionId, s]));
  const sessionRows = [...acc.sessions.entries()]
    .map(([id, seen]) => {
      const d = details.get(id);
      const approvals =
        d !== undefined && d.approvals.length > 0
          ? d.approvals
          : [...seen.approvals.entries()].map(([requestId, a]) => ({ requestId, ...a }));
      const approvalText =
        approvals.length === 0
          ? '—'
          : approvals
              .map(
                (a) =>
                  `${html(a.requestId)}: <b>${html(a.status)}</b>${a.approvers.length > 0 ? ` by ${html(a.approvers.join(', '))}` : ''}${a.reason === '' ? '' : ` (${html(a.reason)})`}`,
              )
              .join('<br>');
      const flags =
        d === undefined
          ? ''
          : [
              d.privileged === true ? 'privileged' : '',
              d.mfa === true ? 'MFA' : '',
              d.accessMode ?? '',
            ]
              .filter((f) => f !== '')
              .join(', ');
      return `<tr data-session="${html(id)}"><td>${html(id)}</td><td>${html(d?.actor ?? seen.actor)}</td><td>${html(d?.resource ?? seen.resource)}</td><td>${html(iso(d?.startedAt ?? seen.startedAt))}</td><td>${html(d?.status ?? '')}</td><td>${html(flags)}</td><td class="count">${seen.events}</td><td>${d === undefined ? '' : `${d.commands} / ${d.blocks} / ${d.maskedValues}`}</td><td>${approvalText}</td></tr>`;
    })
    .join('\n');
  const more =
    acc.otherSessions > 0
      ? `<p id="sessions-more">… and ${acc.otherSessions}${acc.otherSessions >= 10_000 ? '+' : ''} more sessions (see events.csv).</p>`
      : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Evidence: ISO/IEC 27001:2022 ${html(ctx.controls.map((c) => c.id).join(', '))} — ${html(q.tenant)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2em;color:#111;max-width:1100px}
table{border-collapse:collapse;margin:.5em 0 1.5em}
th,td{border:1px solid #bbb;padding:.25em .5em;text-align:left;vertical-align:top;font-size:.9em}
th{background:#eef}
td.count,td.values{text-align:right}
code{font-size:.85em;word-break:break-all}
</style>
</head>
<body>
<h1>Evidence package</h1>
<section id="summary">
<table>
<tr><th>Tenant</th><td id="tenant">${html(q.tenant)}</td></tr>
<tr><th>Controls</th><td id="controls-asked">${html(q.controls.join(', '))} (ISO/IEC 27001:2022: ${html(ctx.controls.map((c) => c.id).join(', '))})</td></tr>
<tr><th>Period</th><td id="period">${html(iso(q.fromMs))} to ${html(iso(q.toMs))} (end exclusive)</td></tr>
<tr><th>User</th><td id="user">${html(q.user ?? 'any')}</td></tr>
<tr><th>Resource</th><td id="resource">${html(q.resource ?? 'any')}</td></tr>
<tr><th>Requested by</th><td id="requester">${html(q.requester)}</td></tr>
<tr><th>Created</th><td id="created">${html(iso(ctx.createdAt))} by ${html(ctx.generator)}</td></tr>
<tr><th>Events</th><td id="total-events">${acc.events}</td></tr>
<tr><th>Checkpoint</th><td id="checkpoint">tree size ${ctx.checkpoint.size}, root <code>${html(Buffer.from(ctx.checkpoint.rootHash).toString('base64'))}</code></td></tr>
<tr><th>Archived bundles referenced</th><td id="bundles">${ctx.bundles}</td></tr>
</table>
<p>This report is a convenience. The evidence is the signed data beside it; <code>VERIFY.txt</code> says how to check it offline.</p>
</section>
<h2>Per control</h2>
<table id="controls">
<tr><th>2022</th><th>Title</th><th>2013 aliases</th><th>Evidence</th><th>Events</th></tr>
${controlRows}
</table>
<h2>Events per day</h2>
${dayChart(q.fromMs, q.toMs, acc.perDay)}
<h2>Events by type</h2>
<table id="types">
<tr><th>Type</th><th>Events</th></tr>
${typeRows}
</table>
<h2>Sessions and approvals</h2>
<p id="session-count">${acc.sessions.size + acc.otherSessions} sessions</p>
<table id="sessions">
<tr><th>Session</th><th>Actor</th><th>Resource</th><th>Started</th><th>Status</th><th>Flags</th><th>Events here</th><th>Commands / blocked / masked values</th><th>Approvals</th></tr>
${sessionRows}
</table>
${more}
<h2>Blocked commands</h2>
<p>Total: <span id="blocked-total">${blockedTotal}</span></p>
<table id="blocked">
<tr><th>Rule</th><th>Blocked</th></tr>
${blockedRows}
</table>
<h2>Masking</h2>
<p>Masked values: <span id="masked-values">${maskedValues}</span></p>
<table id="masking">
<tr><th>Info type</th><th>Events</th><th>Values masked</th></tr>
${maskRows}
</table>
</body>
</html>
`;
}
