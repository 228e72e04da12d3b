/**
 * The projections' command-line commands, for services/cli.ts to dispatch:
 *
 *   audit-ledger rebuild  [--projection NAME] [--data DIR]
 *   audit-ledger sessions --tenant T [--resource R] [--actor A] [--privileged]
 *                         [--period P | --from D --to D] [--approvals] [--json] [--data DIR]
 *
 * `rebuild` replays the log into the views with a progress bar; `sessions`
 * answers "every privileged session on the payments database last quarter,
 * with its approvals" from the views of a data directory, read-only, so it
 * can run next to a serving ledger.
 */
import { ValidationError } from '../../ledger/errors.js';
import type { FieldIssue } from '../../ledger/errors.js';
import type { EventStore } from '../../ledger/store/event-store.js';
import { loadControlMapping, openSqliteViewStore } from '../../projections/index.js';
import type {
  EventStoreSpec,
  RebuildProgress,
  RebuildResult,
  SessionRow,
} from '../../projections/index.js';
import { parsePeriod, parseTime } from './params.js';
import type { TimeWindow } from './params.js';
import { startProjections, viewsPath } from './projection-service.js';
import type { ProjectionStoreKind } from './projection-service.js';
import { iso, presentApproval, presentSession } from './present.js';

/** A writable text stream (process.stdout / process.stderr). */
export interface TextOut {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface RebuildCommandOptions {
  readonly store: EventStore;
  readonly storeKind: ProjectionStoreKind;
  readonly dataDir: string;
  /** One projection (events, sessions, approvals, summaries); all when absent. */
  readonly projection?: string;
  readonly controlMappingFile?: string | null;
  /**
   * Rebuild on a worker thread that opens the store from this spec (reading
   * its pages raw); absent: on this thread, with `store`.
   */
  readonly thread?: EventStoreSpec;
  /** Progress and summary (stderr). */
  readonly progress: TextOut;
}

const BAR_WIDTH = 30;

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** A progress printer: a redrawn bar on a terminal, a line every 2 s otherwise. */
export function progressBar(out: TextOut): (p: RebuildProgress) => void {
  let last = 0;
  return (p) => {
    const now = performance.now();
    const total = p.target + 1;
    const done = Math.min(p.position + 1, total);
    const finished = done >= total;
    if (!finished && now - last < (out.isTTY === true ? 100 : 2000)) return;
    last = now;
    const ratio = total <= 0 ? 1 : done / total;
    const filled = Math.round(ratio * BAR_WIDTH);
    const eta = p.eventsPerSecond > 0 ? (total - done) / p.eventsPerSecond : 0;
    const line =
      `rebuild ${p.projections.join(',')} [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ` +
      `${(ratio * 100).toFixed(0).padStart(3)}% ${fmt(done)}/${fmt(total)} events, ` +
      `${fmt(p.eventsPerSecond)} events/s${finished ? '' : `, ETA ${eta.toFixed(0)} s`}`;
    out.write(out.isTTY === true ? `\r${line}${finished ? '\n' : ''}` : `${line}\n`);
  };
}

/**
 * Rebuilds the views of `dataDir` from the store (all projections, or
 * `projection`), printing progress to `o.progress`. Meant to run with the
 * server stopped; if one is running, both stay correct (checkpoints are checked
 * inside every transaction) but the server's batches are skipped meanwhile.
 * Throws ValidationError (path `projection`) for an unknown name.
 */
export async function runRebuildCommand(o: RebuildCommandOptions): Promise<RebuildResult> {
  const service = await startProjections({
    store: o.store,
    storeKind: o.storeKind,
    dataDir: o.dataDir,
    controlMappingFile: o.controlMappingFile ?? null,
    follow: false,
    ...(o.thread === undefined ? {} : { thread: o.thread }),
  });
  try {
    const result = await service.runner.rebuild({
      ...(o.projection === undefined ? {} : { projection: o.projection }),
      onProgress: progressBar(o.progress),
    });
    o.progress.write(
      `rebuild: ${result.projections.join(', ')}: ${fmt(result.events)} events in ${result.seconds.toFixed(1)} s ` +
        `(${fmt(result.eventsPerSecond)} events/s), up to position ${result.position}\n`,
    );
    return result;
  } finally {
    await service.close();
  }
}

export interface SessionsCommandOptions {
  readonly dataDir: string;
  readonly controlMappingFile?: string | null;
  readonly tenant: string;
  readonly resource?: string;
  readonly actor?: string;
  readonly privileged?: boolean;
  /** this-quarter, last-quarter, YYYY-Qn, this-month, last-month, Nd. */
  readonly period?: string;
  readonly from?: string;
  readonly to?: string;
  /** Print each session's approval requests and decisions. */
  readonly approvals?: boolean;
  /** One JSON object per line (the API's shapes) instead of text. */
  readonly json?: boolean;
  /** At most this many sessions (default 10,000). */
  readonly limit?: number;
  readonly out: TextOut;
  readonly now?: () => number;
}

function windowOf(o: SessionsCommandOptions): TimeWindow {
  const issues: FieldIssue[] = [];
  let window: TimeWindow = {};
  if (o.period !== undefined) {
    if (o.from !== undefined || o.to !== undefined) {
      issues.push({ path: 'period', message: 'give either --period or --from/--to, not both' });
    }
    const p = parsePeriod(o.period, (o.now ?? Date.now)());
    if (p === undefined) {
      issues.push({
        path: 'period',
        message:
          'must be this-quarter, last-quarter, YYYY-Qn, this-month, last-month or Nd (e.g. 90d)',
      });
    } else window = p;
  } else {
    const from = o.from === undefined ? undefined : parseTime(o.from);
    const to = o.to === undefined ? undefined : parseTime(o.to);
    if (o.from !== undefined && from === undefined) {
      issues.push({
        path: 'from',
        message: 'must be a date (2025-01-01) or an RFC 3339 date-time',
      });
    }
    if (o.to !== undefined && to === undefined) {
      issues.push({ path: 'to', message: 'must be a date (2025-01-01) or an RFC 3339 date-time' });
    }
    window = { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
  }
  if (o.tenant === '') issues.push({ path: 'tenant', message: 'is required' });
  if (issues.length > 0) throw new ValidationError(issues);
  return window;
}

function sessionLine(s: SessionRow): string {
  const who =
    s.agentName === null
      ? `${s.actorSubject}${s.actorEmail === '' ? '' : ` <${s.actorEmail}>`}`
      : `agent ${s.agentName} (${s.actorSubject}) for ${s.onBehalfOfSubject ?? '?'}`;
  const duration = s.durationMs === null ? 'open' : `${(s.durationMs / 1000).toFixed(0)} s`;
  const flags = [
    s.privileged === true ? 'privileged' : null,
    s.mfa === true ? 'mfa' : 'no mfa',
    s.accessMode,
  ]
    .filter((x): x is string => x !== null)
    .join(', ');
  return (
    `${iso(s.startedAt)}  ${s.sessionId}  ${who} on ${s.resourceName} (${flags})  ` +
    `${s.status}, ${duration}, ${s.commands} commands, ${s.blocks} blocked, ${s.masks} masked, ` +
    `positions ${s.firstPosition}..${s.lastPosition}`
  );
}

/**
 * Lists the sessions of a tenant matching the filters from `<dataDir>/views.db`
 * (opened read-only), with their approvals when asked; returns how many were
 * printed. Throws ValidationError naming a bad option, LDG_ERR_STORE_UNAVAILABLE
 * when the views database does not exist yet.
 */
export async function runSessionsCommand(o: SessionsCommandOptions): Promise<number> {
  const window = windowOf(o);
  const mapping = loadControlMapping({ file: o.controlMappingFile ?? null });
  const views = openSqliteViewStore({ path: viewsPath(o.dataDir), mapping, readonly: true });
  try {
    const asOf = (await views.checkpoints()).get('sessions')?.position ?? -1;
    const max = o.limit ?? 10_000;
    const filters = {
      tenant: o.tenant,
      ...(o.resource === undefined ? {} : { resource: o.resource }),
      ...(o.actor === undefined ? {} : { actor: o.actor }),
      ...(o.privileged === undefined ? {} : { privileged: o.privileged }),
      ...window,
      asOf,
    };
    if (o.json !== true) {
      const parts = [
        `tenant ${o.tenant}`,
        o.resource === undefined ? null : `resource ${o.resource}`,
        o.actor === undefined ? null : `actor ${o.actor}`,
        o.privileged === undefined ? null : o.privileged ? 'privileged' : 'not privileged',
        window.from === undefined ? null : `from ${iso(window.from)}`,
        window.to === undefined ? null : `to ${iso(window.to)}`,
      ].filter((x): x is string => x !== null);
      o.out.write(`sessions: ${parts.join(', ')} (views as of position ${asOf})\n`);
    }
    let printed = 0;
    let after: { at: number; position: number } | undefined;
    while (printed < max) {
      const pageSize = Math.min(500, max - printed);
      const page = await views.findSessions({
        ...filters,
        limit: pageSize,
        ...(after === undefined ? {} : { after }),
      });
      for (const s of page) {
        const approvals =
          o.approvals === true
            ? await views.findApprovals({
                tenant: o.tenant,
                session: s.sessionId,
                asOf: Number.MAX_SAFE_INTEGER,
                limit: 1000,
              })
            : [];
        if (o.json === true) {
          o.out.write(
            JSON.stringify({
              ...presentSession(s),
              ...(o.approvals === true ? { approvals: approvals.map(presentApproval) } : {}),
            }) + '\n',
          );
        } else {
          o.out.write(sessionLine(s) + '\n');
          for (const a of approvals) {
            const asked =
              a.requested === null ? 'request not seen' : `asked ${iso(a.requested.at)}`;
            o.out.write(
              `    approval ${a.requestId} (${a.scope ?? '?'}) ${asked} by ${a.requesterSubject}: ${a.status}\n`,
            );
            for (const d of a.decisions) {
              o.out.write(
                `      ${d.decision} by ${d.approverSubject} (${d.approverGroup || 'no group'}) at ${iso(d.at)}` +
                  ` [position ${d.position}, leaf ${d.leafIndex ?? 'unknown'}]${d.reason === '' ? '' : `: ${d.reason}`}\n`,
              );
            }
          }
        }
        printed++;
      }
      const last = page.at(-1);
      if (last === undefined || page.length < pageSize) break;
      after = { at: last.startedAt, position: last.firstPosition };
    }
    if (o.json !== true) o.out.write(`${printed} session${printed === 1 ? '' : 's'}\n`);
    return printed;
  } finally {
    await views.close();
  }
}
