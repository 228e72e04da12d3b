/**
 * The auditor query API (scope `ledger:read`), answered from the read models:
 *
 *   GET /v1/events            the event index: actor, resource, session, type, control, from/to
 *   GET /v1/sessions          sessions: actor, resource, privileged, status, from/to; include=approvals
 *   GET /v1/sessions/:id      one session with its approvals and its timeline (paged)
 *   GET /v1/approvals         approval requests with every grant and denial
 *   GET /v1/stats             events per ISO/IEC 27001 control and per type, per day
 *   GET /v1/stats/masking     masked values per day, resource, info type and rule
 *   GET /v1/stats/blocking    blocked commands per day, resource and rule
 *   GET /v1/controls          the control mapping in force (2022 ids, 2013 aliases, evidence rules)
 *   GET /v1/projections       projection checkpoints and lag
 *   GET /docs/json            this API as OpenAPI 3.1 (no token needed)
 *
 * Every query is confined to the token's `tenant` claim: it is bound into
 * every lookup, whatever the filters say. Lists are time-ordered and paged by
 * an opaque cursor that pins the snapshot of the first page (see
 * projections/view-store.ts), so paging while events arrive never skips or
 * repeats a row. Bad parameters answer 400 LDG_ERR_VALIDATION with one issue
 * per parameter (`path` = its name).
 */
import type { FastifyInstance } from 'fastify';
import { LedgerError } from '../../ledger/errors.js';
import {
  GATEWAY_PAYLOAD_TYPES,
  INTERNAL_PAYLOAD_TYPES,
  TOKEN_PATTERN,
} from '../../ledger/events/index.js';
import type { JsonObject } from '../../ledger/events/index.js';
import type { EventStore } from '../../ledger/store/event-store.js';
import { DAY_MS, dayOf, formatDay, loadStoredEvents } from '../../projections/index.js';
import type {
  ApprovalRow,
  ApprovalStatusName,
  ControlMapping,
  Keyset,
  ProjectionName,
  ProjectionRunner,
  SessionStatusName,
  ViewStore,
} from '../../projections/index.js';
import { requireScope } from '../auth.js';
import { buildOpenApiDocument } from './openapi.js';
import {
  DEFAULT_PAGE_LIMIT,
  MAX_PAGE_LIMIT,
  QueryParams,
  encodeCursor,
  fingerprint,
} from './params.js';
import type { Cursor, ParamDoc, TimeWindow } from './params.js';
import { presentApproval, presentEvent, presentSession } from './present.js';

export interface QueryDeps {
  readonly views: ViewStore;
  /** The log, to read back the events the views point at. */
  readonly store: EventStore;
  readonly mapping: ControlMapping;
  /** For GET /v1/projections; the route answers 404 without it. */
  readonly runner?: ProjectionRunner;
  readonly now?: () => number;
}

/** Most rows one statistics answer holds; beyond, `truncated` is true. */
export const MAX_STATS_ROWS = 10_000;
/** Timeline entries per page of GET /v1/sessions/:id. */
export const DEFAULT_TIMELINE_LIMIT = 200;

const PAYLOAD_TYPES: readonly string[] = [...GATEWAY_PAYLOAD_TYPES, ...INTERNAL_PAYLOAD_TYPES];
const SESSION_STATUSES = ['open', 'completed', 'terminated', 'expired', 'error'] as const;
const APPROVAL_STATUSES = ['pending', 'granted', 'denied'] as const;

const limitParam = (dflt: number, what: string): ParamDoc => ({
  name: 'limit',
  kind: 'integer',
  minimum: 1,
  maximum: MAX_PAGE_LIMIT,
  default: dflt,
  description: `${what} per page (1-${MAX_PAGE_LIMIT}, default ${dflt})`,
});
const CURSOR: ParamDoc = {
  name: 'cursor',
  kind: 'cursor',
  description: 'next_cursor of the previous page; send the same filters with it',
};
const WINDOW: readonly ParamDoc[] = [
  {
    name: 'from',
    kind: 'time',
    description: 'inclusive start: RFC 3339 date-time or YYYY-MM-DD (UTC midnight)',
  },
  { name: 'to', kind: 'time', description: 'exclusive end: RFC 3339 date-time or YYYY-MM-DD' },
  {
    name: 'period',
    kind: 'period',
    description:
      'instead of from/to: this-quarter, last-quarter, YYYY-Qn, this-month, last-month or Nd (last N days)',
  },
];
const ACTOR: ParamDoc = {
  name: 'actor',
  kind: 'string',
  description:
    'subject of the person, service or agent acting, or of the principal an agent acts for',
};
const RESOURCE: ParamDoc = {
  name: 'resource',
  kind: 'string',
  description: 'resource name, e.g. payments-db',
};
const SESSION: ParamDoc = { name: 'session', kind: 'string', description: 'gateway session id' };
const CONTROL: ParamDoc = {
  name: 'control',
  kind: 'list',
  description:
    'ISO/IEC 27001:2022 control ids (8.2) or 2013 aliases (A.9.2.3), comma-separated: any of them',
};

/** Every route's query parameters: the single source for validation and the OpenAPI document. */
export const ROUTE_PARAMS: Readonly<Record<string, readonly ParamDoc[]>> = {
  '/v1/events': [
    ACTOR,
    RESOURCE,
    SESSION,
    {
      name: 'type',
      kind: 'list',
      values: PAYLOAD_TYPES,
      description: 'payload types, comma-separated: any of them',
    },
    CONTROL,
    ...WINDOW,
    limitParam(DEFAULT_PAGE_LIMIT, 'events'),
    CURSOR,
  ],
  '/v1/sessions': [
    ACTOR,
    RESOURCE,
    {
      name: 'privileged',
      kind: 'boolean',
      description: 'true: sessions opened with privileged rights only; false: the others',
    },
    {
      name: 'status',
      kind: 'list',
      values: SESSION_STATUSES,
      description: 'session statuses, comma-separated: any of them',
    },
    {
      name: 'include',
      kind: 'list',
      values: ['approvals'],
      description: "approvals: add each session's approval requests and decisions",
    },
    ...WINDOW,
    limitParam(DEFAULT_PAGE_LIMIT, 'sessions'),
    CURSOR,
  ],
  '/v1/sessions/{id}': [limitParam(DEFAULT_TIMELINE_LIMIT, 'timeline events'), CURSOR],
  '/v1/approvals': [
    { ...ACTOR, description: 'subject who asked (or the principal the asking agent acts for)' },
    {
      name: 'approver',
      kind: 'string',
      description: 'subject of an approver who granted or denied',
    },
    RESOURCE,
    SESSION,
    {
      name: 'status',
      kind: 'list',
      values: APPROVAL_STATUSES,
      description: 'pending, granted, denied (last decision), comma-separated',
    },
    {
      name: 'scope',
      kind: 'string',
      description: 'what was asked for: session, command, schema_change, bulk_delete...',
    },
    { name: 'group', kind: 'string', description: 'approver group named in the request' },
    ...WINDOW,
    limitParam(DEFAULT_PAGE_LIMIT, 'requests'),
    CURSOR,
  ],
  '/v1/stats': [CONTROL, ...WINDOW],
  '/v1/stats/masking': [RESOURCE, ...WINDOW],
  '/v1/stats/blocking': [RESOURCE, ...WINDOW],
  '/v1/controls': [],
  '/v1/projections': [],
};

function params(route: string): readonly ParamDoc[] {
  return ROUTE_PARAMS[route] ?? [];
}

/** Resolves `control` (2022 ids and 2013 aliases) to 2022 ids; an unknown id is an issue. */
function controlsOf(q: QueryParams, mapping: ControlMapping): string[] | undefined {
  const list = q.list('control');
  if (list === undefined) return undefined;
  const out: string[] = [];
  for (const id of list) {
    const controls = mapping.resolve(id);
    if (controls === undefined) {
      q.issues.push({
        path: 'control',
        message: `unknown control "${id}"; the mapping defines ${mapping.controls.map((c) => c.id).join(', ')} (2013 ids such as A.9.2.3 accepted)`,
      });
      return undefined;
    }
    for (const c of controls) if (!out.includes(c.id)) out.push(c.id);
  }
  return out;
}

/** `o` without its undefined properties (exactOptionalPropertyTypes: absent, not undefined). */
function only<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

function windowOf(cursor: Cursor | undefined, parsed: TimeWindow): TimeWindow {
  return cursor?.window ?? parsed;
}

interface Page<T> {
  items: T[];
  next_cursor: string | null;
  as_of_position: number;
}

/** Registers the query routes and /docs/json on `app` (after buildHttpShell). */
export function registerQueryRoutes(app: FastifyInstance, deps: QueryDeps): void {
  const { views, store, mapping } = deps;
  const now = deps.now ?? Date.now;
  const read = { preHandler: requireScope('ledger:read') };
  const openapi = buildOpenApiDocument(ROUTE_PARAMS);

  const snapshot = async (name: ProjectionName): Promise<number> => {
    const cp = (await views.checkpoints()).get(name);
    return cp?.position ?? -1;
  };

  /**
   * One page of a keyset-paged view, as of the cursor's position (or the
   * projection's checkpoint for a first page): up to `limit` rows, and the
   * cursor of the next page when there is one.
   */
  const keysetPage = async <R>(
    projection: ProjectionName,
    find: (q: { asOf: number; limit: number; after?: Keyset }) => Promise<R[]>,
    keyOf: (row: R) => Keyset,
    limit: number,
    cursor: Cursor | undefined,
    fp: string,
    window: TimeWindow,
  ): Promise<{ page: R[]; next_cursor: string | null; as_of_position: number }> => {
    const asOf = cursor?.asOf ?? (await snapshot(projection));
    const rows = await find({
      asOf,
      limit: limit + 1,
      ...(cursor === undefined ? {} : { after: cursor.after }),
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      page,
      next_cursor:
        rows.length > limit && last !== undefined
          ? encodeCursor(asOf, keyOf(last), fp, window)
          : null,
      as_of_position: asOf,
    };
  };

  /** Every approval request of one session, with its decisions. */
  const approvalsOfSession = (tenant: string, session: string): Promise<ApprovalRow[]> =>
    views.findApprovals({ tenant, session, asOf: Number.MAX_SAFE_INTEGER, limit: MAX_PAGE_LIMIT });

  const eventPage = async (
    tenant: string,
    filters: {
      actor?: string | undefined;
      resource?: string | undefined;
      session?: string | undefined;
      types?: string[] | undefined;
      controls?: string[] | undefined;
    },
    window: TimeWindow,
    limit: number,
    cursor: Cursor | undefined,
    fp: string,
  ): Promise<Page<ReturnType<typeof presentEvent>>> => {
    const { page, next_cursor, as_of_position } = await keysetPage(
      'events',
      (k) => views.findEvents({ tenant, ...only(filters), ...only(window), ...k }),
      (r) => ({ at: r.occurredAt, position: r.position }),
      limit,
      cursor,
      fp,
      window,
    );
    const stored = await loadStoredEvents(
      store,
      page.map((r) => r.position),
    );
    const items = page.map((r) => {
      const s = stored.get(r.position);
      // the index is tenant-scoped; a stored event of another tenant is never printed all the same
      return presentEvent(r, s !== undefined && s.tenantId === tenant ? s : undefined);
    });
    return { items, next_cursor, as_of_position };
  };

  app.get('/docs/json', () => Promise.resolve(openapi));

  app.get('/v1/events', read, async (request) => {
    const tenant = request.principal!.tenant;
    const q = new QueryParams(request.query, params('/v1/events'));
    const filters = {
      actor: q.string('actor'),
      resource: q.string('resource'),
      session: q.string('session'),
      types: q.list('type', PAYLOAD_TYPES),
      controls: controlsOf(q, mapping),
    };
    const parsed = q.window(now());
    const limit = q.integer('limit');
    const fp = fingerprint(['events', tenant, filters, q.raw(['from', 'to', 'period'])]);
    const cursor = q.cursor(fp);
    q.finish();
    return eventPage(tenant, filters, windowOf(cursor, parsed), limit, cursor, fp);
  });

  app.get('/v1/sessions', read, async (request) => {
    const tenant = request.principal!.tenant;
    const q = new QueryParams(request.query, params('/v1/sessions'));
    const statuses = q
      .list('status', SESSION_STATUSES)
      ?.map((s) => s.toUpperCase() as SessionStatusName);
    const filters = {
      actor: q.string('actor'),
      resource: q.string('resource'),
      privileged: q.boolean('privileged'),
      statuses,
    };
    const withApprovals = q.list('include', ['approvals'])?.includes('approvals') === true;
    const parsed = q.window(now());
    const limit = q.integer('limit');
    const fp = fingerprint(['sessions', tenant, filters, q.raw(['from', 'to', 'period'])]);
    const cursor = q.cursor(fp);
    q.finish();
    const window = windowOf(cursor, parsed);
    const { page, next_cursor, as_of_position } = await keysetPage(
      'sessions',
      (k) => views.findSessions({ tenant, ...only(filters), ...only(window), ...k }),
      (s) => ({ at: s.startedAt, position: s.firstPosition }),
      limit,
      cursor,
      fp,
      window,
    );
    const items: JsonObject[] = [];
    for (const s of page) {
      const item = presentSession(s);
      if (withApprovals) {
        item['approvals'] = (await approvalsOfSession(tenant, s.sessionId)).map(presentApproval);
      }
      items.push(item);
    }
    return { items, next_cursor, as_of_position };
  });

  app.get<{ Params: { id: string } }>('/v1/sessions/:id', read, async (request) => {
    const tenant = request.principal!.tenant;
    const id = request.params.id;
    const q = new QueryParams(request.query, params('/v1/sessions/{id}'));
    if (!TOKEN_PATTERN.test(id)) {
      q.issues.push({ path: 'id', message: 'must be 1-256 visible ASCII characters' });
    }
    const limit = q.integer('limit');
    const fp = fingerprint(['timeline', tenant, id]);
    const cursor = q.cursor(fp);
    q.finish();
    const session = await views.getSession(tenant, id);
    if (session === undefined) {
      throw new LedgerError('LDG_ERR_NOT_FOUND', `no session ${id} in tenant ${tenant}`);
    }
    const approvals = await approvalsOfSession(tenant, id);
    const timeline = await eventPage(tenant, { session: id }, {}, limit, cursor, fp);
    return {
      session: presentSession(session),
      approvals: approvals.map(presentApproval),
      timeline,
    };
  });

  app.get('/v1/approvals', read, async (request) => {
    const tenant = request.principal!.tenant;
    const q = new QueryParams(request.query, params('/v1/approvals'));
    const statuses = q
      .list('status', APPROVAL_STATUSES)
      ?.map((s) => s.toUpperCase() as ApprovalStatusName);
    const filters = {
      actor: q.string('actor'),
      approver: q.string('approver'),
      resource: q.string('resource'),
      session: q.string('session'),
      statuses,
      scope: q.string('scope'),
      approverGroup: q.string('group'),
    };
    const parsed = q.window(now());
    const limit = q.integer('limit');
    const fp = fingerprint(['approvals', tenant, filters, q.raw(['from', 'to', 'period'])]);
    const cursor = q.cursor(fp);
    q.finish();
    const window = windowOf(cursor, parsed);
    const { page, next_cursor, as_of_position } = await keysetPage(
      'approvals',
      (k) => views.findApprovals({ tenant, ...only(filters), ...only(window), ...k }),
      (r) => ({ at: r.startedAt, position: r.firstPosition }),
      limit,
      cursor,
      fp,
      window,
    );
    return { items: page.map(presentApproval), next_cursor, as_of_position };
  });

  /** Days overlapping [from, to). */
  const days = (w: TimeWindow): { fromDay?: number; toDay?: number } =>
    only({
      fromDay: w.from === undefined ? undefined : dayOf(w.from),
      toDay: w.to === undefined ? undefined : Math.ceil(w.to / DAY_MS),
    });
  const range = (w: TimeWindow): { from: string | null; to: string | null } => {
    const d = days(w);
    return {
      from: d.fromDay === undefined ? null : formatDay(d.fromDay),
      to: d.toDay === undefined ? null : formatDay(d.toDay),
    };
  };

  app.get('/v1/stats', read, async (request) => {
    const tenant = request.principal!.tenant;
    const q = new QueryParams(request.query, params('/v1/stats'));
    const controls = controlsOf(q, mapping);
    const window = q.window(now());
    q.finish();
    const base = { tenant, ...days(window), limit: MAX_STATS_ROWS + 1 };
    const [perControl, perType, checkpoints] = await Promise.all([
      views.controlStats({ ...base, ...only({ controls }) }),
      views.typeStats(base),
      views.checkpoints(),
    ]);
    const titles = new Map(mapping.controls.map((c) => [c.id, c.title]));
    return {
      ...range(window),
      controls: perControl.slice(0, MAX_STATS_ROWS).map((r) => ({
        day: formatDay(r.day),
        control: r.control,
        title: titles.get(r.control) ?? null,
        events: r.events,
      })),
      types: perType
        .slice(0, MAX_STATS_ROWS)
        .map((r) => ({ day: formatDay(r.day), type: r.type, events: r.events })),
      truncated: perControl.length > MAX_STATS_ROWS || perType.length > MAX_STATS_ROWS,
      as_of_position: {
        events: checkpoints.get('events')?.position ?? -1,
        summaries: checkpoints.get('summaries')?.position ?? -1,
      },
    };
  });

  /** A per-day summary route with an optional resource filter (masking, blocking). */
  const summaryRoute = <R extends { day: number }>(
    path: '/v1/stats/masking' | '/v1/stats/blocking',
    fetchRows: (filter: {
      tenant: string;
      fromDay?: number;
      toDay?: number;
      resource?: string;
      limit: number;
    }) => Promise<R[]>,
    present: (row: R) => Record<string, unknown>,
  ): void => {
    app.get(path, read, async (request) => {
      const q = new QueryParams(request.query, params(path));
      const resource = q.string('resource');
      const window = q.window(now());
      q.finish();
      const rows = await fetchRows({
        tenant: request.principal!.tenant,
        ...days(window),
        ...only({ resource }),
        limit: MAX_STATS_ROWS + 1,
      });
      return {
        ...range(window),
        items: rows.slice(0, MAX_STATS_ROWS).map((r) => ({ day: formatDay(r.day), ...present(r) })),
        truncated: rows.length > MAX_STATS_ROWS,
        as_of_position: await snapshot('summaries'),
      };
    });
  };
  summaryRoute(
    '/v1/stats/masking',
    (f) => views.maskingStats(f),
    (r) => ({
      resource: r.resource,
      info_type: r.infoType,
      rule: r.rule,
      events: r.events,
      values: r.values,
    }),
  );
  summaryRoute(
    '/v1/stats/blocking',
    (f) => views.blockingStats(f),
    (r) => ({
      resource: r.resource,
      rule_name: r.ruleName,
      rule_type: r.ruleType,
      events: r.events,
    }),
  );

  app.get('/v1/controls', read, (request) => {
    new QueryParams(request.query, params('/v1/controls')).finish();
    return Promise.resolve({
      standard: mapping.standard,
      version: mapping.version,
      source: mapping.source === 'built-in' ? 'built-in' : 'deployment file',
      controls: mapping.controls.map((c) => ({
        id: c.id,
        title: c.title,
        aliases_2013: c.aliases,
        summary: c.summary,
        evidence: c.evidence.map((r) => ({
          events: r.events,
          when: r.when,
          description: r.description,
        })),
      })),
    });
  });

  app.get('/v1/projections', read, (request) => {
    new QueryParams(request.query, params('/v1/projections')).finish();
    if (deps.runner === undefined) {
      throw new LedgerError('LDG_ERR_NOT_FOUND', 'this node runs no projections');
    }
    return Promise.resolve({
      projections: deps.runner.status().map((s) => ({
        name: s.name,
        state: s.state,
        checkpoint: s.checkpoint,
        head: s.head,
        lag_events: s.lagEvents,
        lag_seconds: s.lagSeconds,
        applied: s.applied,
        rejected: s.rejected,
        current: s.current,
        last_error: s.lastError,
      })),
    });
  });
}
