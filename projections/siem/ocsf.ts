/**
 * OCSF (Open Cybersecurity Schema Framework, schema 1.3.0) records for
 * ledger events. Each event type maps to one class and activity
 * (OCSF_MAPPING, reproduced in the README (SIEM section)); a type without a specific
 * mapping (ledger-internal events, a payload the schema adds later, bytes
 * that do not decode) becomes a Base Event (class 0) carrying the raw event
 * in `unmapped`, so nothing is ever dropped.
 *
 * Every record has the base attributes OCSF requires (activity_id,
 * category_uid, class_uid, severity_id, time in ms, type_uid with
 * `type_uid = class_uid * 100 + activity_id`, metadata{product, version}),
 * status_id, and the ledger's coordinates: metadata.sequence is the ledger
 * position (the resume token), metadata.tenant_uid the tenant,
 * metadata.uid the event id, metadata.event_code the payload type.
 * Payload fields that have no OCSF attribute are kept under `unmapped`, in
 * the proto3 JSON mapping.
 */
import type { JsonObject, JsonValue } from '../../ledger/events/index.js';
import { SEVERITY_NAMES, classify } from './classify.js';
import type { Classification, Outcome } from './classify.js';
import { ENUMS, enumName, eventJson, int64, payloadJson, timestampMs } from './event.js';
import type { SiemEvent } from './event.js';
import type { ledger } from '../../proto/generated/ledger.js';

/** The OCSF schema version the records follow (metadata.version). */
export const OCSF_SCHEMA_VERSION = '1.3.0';

/** Product facts written into metadata.product. */
export interface OcsfOptions {
  /** metadata.product.version: the ledger's version. */
  readonly productVersion: string;
  /** metadata.product.name (default `audit-ledger`). */
  readonly productName?: string;
  /** metadata.product.vendor_name (default `audit-ledger`). */
  readonly vendorName?: string;
}

/** An OCSF event class the ledger emits. */
export interface OcsfClass {
  readonly classUid: number;
  readonly className: string;
  readonly categoryUid: number;
  readonly categoryName: string;
}

const IAM = 'Identity & Access Management';
const APPLICATION = 'Application Activity';

/** The classes used (uid = category_uid * 1000 + n). */
export const OCSF_CLASSES = {
  authentication: {
    classUid: 3002,
    className: 'Authentication',
    categoryUid: 3,
    categoryName: IAM,
  },
  userAccess: {
    classUid: 3005,
    className: 'User Access Management',
    categoryUid: 3,
    categoryName: IAM,
  },
  apiActivity: {
    classUid: 6003,
    className: 'API Activity',
    categoryUid: 6,
    categoryName: APPLICATION,
  },
  webResourceAccess: {
    classUid: 6004,
    className: 'Web Resource Access Activity',
    categoryUid: 6,
    categoryName: APPLICATION,
  },
  datastore: {
    classUid: 6005,
    className: 'Datastore Activity',
    categoryUid: 6,
    categoryName: APPLICATION,
  },
  base: { classUid: 0, className: 'Base Event', categoryUid: 0, categoryName: 'Uncategorized' },
} as const satisfies Record<string, OcsfClass>;

/** One row of the documented mapping table. */
export interface OcsfMappingRow {
  /** Payload type, or `*` for every type without a row of its own. */
  readonly eventType: string;
  /** When the row applies (empty: always). */
  readonly when: string;
  readonly ocsfClass: OcsfClass;
  /** Activity id and caption; `99 Other` rows use the source verb as activity_name. */
  readonly activity: string;
  /** How status_id is chosen. */
  readonly status: string;
}

/** Resource types whose commands are Datastore Activity; every other type is API Activity. */
export const DATASTORE_RESOURCE_TYPES: ReadonlySet<string> = new Set([
  'POSTGRES',
  'MYSQL',
  'REDIS',
]);

/** The mapping of each event type to a class and activity (the README (SIEM section) prints it). */
export const OCSF_MAPPING: readonly OcsfMappingRow[] = [
  {
    eventType: 'session_opened',
    when: '',
    ocsfClass: OCSF_CLASSES.authentication,
    activity: '1 Logon',
    status: '1 Success; 2 Failure when the policy decision is DENY',
  },
  {
    eventType: 'session_closed',
    when: '',
    ocsfClass: OCSF_CLASSES.authentication,
    activity: '2 Logoff',
    status: '1 Success; 2 Failure when the status is ERROR',
  },
  {
    eventType: 'command_executed',
    when: 'resource type POSTGRES, MYSQL, REDIS',
    ocsfClass: OCSF_CLASSES.datastore,
    activity:
      'by verb: 1 Read, 2 Update, 3 Connect, 4 Query, 5 Write, 6 Create, 7 Delete, 99 Other',
    status: '1 Success; 2 Failure when the policy decision is DENY',
  },
  {
    eventType: 'command_executed',
    when: 'resource type HTTP, SSH, KUBERNETES, MCP, OTHER',
    ocsfClass: OCSF_CLASSES.apiActivity,
    activity: 'by verb: 1 Create, 2 Read, 3 Update, 4 Delete, 99 Other',
    status: '1 Success; 2 Failure when the policy decision is DENY',
  },
  {
    eventType: 'command_blocked',
    when: '',
    ocsfClass: OCSF_CLASSES.webResourceAccess,
    activity: '2 Access Deny',
    status: '2 Failure',
  },
  {
    eventType: 'field_masked',
    when: 'resource type POSTGRES, MYSQL, REDIS',
    ocsfClass: OCSF_CLASSES.datastore,
    activity: '1 Read',
    status: '1 Success',
  },
  {
    eventType: 'field_masked',
    when: 'resource type HTTP, SSH, KUBERNETES, MCP, OTHER',
    ocsfClass: OCSF_CLASSES.apiActivity,
    activity: '2 Read',
    status: '1 Success',
  },
  {
    eventType: 'approval_requested',
    when: '',
    ocsfClass: OCSF_CLASSES.userAccess,
    activity: '99 Other (activity_name "Request Privileges")',
    status: '99 Other (status "Pending")',
  },
  {
    eventType: 'approval_granted',
    when: '',
    ocsfClass: OCSF_CLASSES.userAccess,
    activity: '1 Assign Privileges',
    status: '1 Success',
  },
  {
    eventType: 'approval_denied',
    when: '',
    ocsfClass: OCSF_CLASSES.userAccess,
    activity: '1 Assign Privileges',
    status: '2 Failure',
  },
  {
    eventType: '*',
    when: 'checkpoint_signed, bundle_archived, evidence_exported, key_rotated, any future type, undecodable bytes',
    ocsfClass: OCSF_CLASSES.base,
    activity: '99 Other (activity_name = the event type)',
    status: '1 Success; 0 Unknown when the bytes do not decode',
  },
];

/**
 * The OCSF class an event maps to (the table above), without building the
 * record. `resourceType` is the enum name of the event's resource.
 */
export function ocsfClassOf(eventType: string, resourceType: string): OcsfClass {
  const datastore = DATASTORE_RESOURCE_TYPES.has(resourceType);
  switch (eventType) {
    case 'session_opened':
    case 'session_closed':
      return OCSF_CLASSES.authentication;
    case 'command_executed':
    case 'field_masked':
      return datastore ? OCSF_CLASSES.datastore : OCSF_CLASSES.apiActivity;
    case 'command_blocked':
      return OCSF_CLASSES.webResourceAccess;
    case 'approval_requested':
    case 'approval_granted':
    case 'approval_denied':
      return OCSF_CLASSES.userAccess;
    default:
      return OCSF_CLASSES.base;
  }
}

// ------------------------------------------------------------------ activities

const DATASTORE_ACTIVITIES = [
  '',
  'Read',
  'Update',
  'Connect',
  'Query',
  'Write',
  'Create',
  'Delete',
];
const DATASTORE_VERBS: ReadonlyMap<string, number> = new Map([
  ...[
    'GET',
    'MGET',
    'HGET',
    'HMGET',
    'HGETALL',
    'LRANGE',
    'SMEMBERS',
    'ZRANGE',
    'EXISTS',
    'TTL',
  ].map((v) => [v, 1] as const),
  ...['UPDATE'].map((v) => [v, 2] as const),
  ...['CONNECT', 'AUTH', 'HELLO'].map((v) => [v, 3] as const),
  ...['SELECT', 'WITH', 'SHOW', 'EXPLAIN', 'SCAN', 'KEYS', 'HSCAN', 'SSCAN', 'ZSCAN'].map(
    (v) => [v, 4] as const,
  ),
  ...[
    'SET',
    'MSET',
    'HSET',
    'HMSET',
    'LPUSH',
    'RPUSH',
    'SADD',
    'ZADD',
    'INCR',
    'DECR',
    'APPEND',
  ].map((v) => [v, 5] as const),
  ...['INSERT', 'CREATE', 'COPY'].map((v) => [v, 6] as const),
  ...['DELETE', 'DEL', 'UNLINK', 'DROP', 'TRUNCATE', 'HDEL', 'SREM', 'ZREM', 'FLUSHDB'].map(
    (v) => [v, 7] as const,
  ),
]);

const API_ACTIVITIES = ['', 'Create', 'Read', 'Update', 'Delete'];
const API_VERBS: ReadonlyMap<string, number> = new Map([
  ...['POST', 'CREATE'].map((v) => [v, 1] as const),
  ...[
    'GET',
    'HEAD',
    'LIST',
    'WATCH',
    'DESCRIBE',
    'TOOLS/LIST',
    'RESOURCES/READ',
    'RESOURCES/LIST',
  ].map((v) => [v, 2] as const),
  ...['PUT', 'PATCH', 'UPDATE', 'APPLY'].map((v) => [v, 3] as const),
  ...['DELETE'].map((v) => [v, 4] as const),
]);

interface Activity {
  readonly id: number;
  readonly name: string;
}

function verbActivity(verb: string, datastore: boolean): Activity {
  const key = verb.trim().toUpperCase();
  const id = (datastore ? DATASTORE_VERBS : API_VERBS).get(key);
  if (id === undefined) return { id: 99, name: verb || 'Other' };
  return { id, name: (datastore ? DATASTORE_ACTIVITIES : API_ACTIVITIES)[id] ?? 'Other' };
}

// ------------------------------------------------------------------ building blocks

type Obj = { [key: string]: JsonValue };

/** Sets `key` unless the value is undefined, '' or an empty array. */
function put(o: Obj, key: string, v: JsonValue | undefined): void {
  if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return;
  o[key] = v;
}

const STATUS: Readonly<Record<Outcome, readonly [number, string]>> = {
  success: [1, 'Success'],
  failure: [2, 'Failure'],
  pending: [99, 'Pending'],
  unknown: [0, 'Unknown'],
};

type Actor = ledger.v1.Actor.$Properties;
type Resource = ledger.v1.Resource.$Properties;
type Message = NonNullable<SiemEvent['message']>;

const USER_TYPE: Readonly<Record<string, readonly [number, string]>> = {
  HUMAN: [1, 'User'],
  SERVICE: [4, 'Service'],
  AGENT: [99, 'AI Agent'],
};

/** OCSF User of an actor: uid = IdP subject, name = email or subject, full_name = display name. */
function user(a: Actor | null | undefined): Obj | undefined {
  if (!a) return undefined;
  const o: Obj = {};
  put(o, 'uid', a.subject ?? '');
  put(o, 'name', a.email || a.subject || '');
  put(o, 'full_name', a.displayName ?? '');
  put(o, 'email_addr', a.email ?? '');
  const [typeId, type] = USER_TYPE[enumName(ENUMS.actorKind, a.kind)] ?? [0, 'Unknown'];
  o['type_id'] = typeId;
  o['type'] = type;
  if (a.groups && a.groups.length > 0) o['groups'] = a.groups.map((name) => ({ name }));
  return o;
}

function actorOf(m: Message, e: SiemEvent, a: Actor | null | undefined = m.actor): Obj {
  const o: Obj = {};
  put(o, 'user', user(a));
  o['session'] = { uid: m.sessionId || e.sessionId };
  put(o, 'app_name', m.source?.client ?? '');
  if (a?.identityProvider) o['idp'] = { name: a.identityProvider };
  return o;
}

function srcEndpoint(m: Message): Obj {
  const ip = m.source?.ip;
  if (ip) return { ip };
  return { name: m.source?.client || 'unknown' };
}

const HOST_PORT = /^([^:[\]]+|\[[^\]]+\]):(\d{1,5})$/;

function dstEndpoint(r: Resource | null | undefined): Obj {
  const o: Obj = {};
  const host = r?.host ?? '';
  const hp = HOST_PORT.exec(host);
  if (hp?.[1] !== undefined && hp[2] !== undefined) {
    o['hostname'] = hp[1].replace(/^\[|\]$/g, '');
    o['port'] = Number(hp[2]);
  } else put(o, 'hostname', host);
  put(o, 'svc_name', r?.name || 'unknown');
  return o;
}

function labels(r: Resource | null | undefined): string[] {
  const l = r?.labels;
  return l ? Object.keys(l).map((k) => `${k}:${l[k]}`) : [];
}

function resourceDetails(r: Resource | null | undefined): Obj {
  const o: Obj = {};
  put(o, 'uid', r?.name ?? '');
  put(o, 'name', r?.name || 'unknown');
  put(o, 'type', enumName(ENUMS.resourceType, r?.type));
  put(o, 'labels', labels(r));
  return o;
}

function httpRequest(m: Message, verb: string | undefined): Obj {
  const o: Obj = {};
  put(o, 'user_agent', m.source?.userAgent ?? '');
  if (enumName(ENUMS.resourceType, m.resource?.type) === 'HTTP') put(o, 'http_method', verb ?? '');
  const host = m.resource?.host;
  if (host) o['url'] = { hostname: host };
  return o;
}

function database(r: Resource | null | undefined): Obj {
  const type = enumName(ENUMS.resourceType, r?.type);
  return {
    name: r?.database || r?.name || 'unknown',
    // OCSF database type_id: 1 Relational, 6 NoSQL
    type_id: type === 'REDIS' ? 6 : 1,
    type: type === 'REDIS' ? 'NoSQL' : 'Relational',
  };
}

/** Fields with no OCSF attribute: the payload, policy, agent, resource type, in proto3 JSON names. */
function unmapped(e: SiemEvent, m: Message): Obj {
  const o: Obj = { ...payloadJson(e) };
  const p = m.policy;
  if (p) {
    const policy: Obj = {};
    put(policy, 'policyId', p.policyId ?? '');
    put(policy, 'rule', p.rule ?? '');
    put(policy, 'decision', enumName(ENUMS.decision, p.decision));
    put(policy, 'reason', p.reason ?? '');
    o['policy'] = policy;
  }
  const agent = m.actor?.agent;
  if (agent) {
    const a: Obj = {};
    put(a, 'name', agent.name ?? '');
    put(a, 'version', agent.version ?? '');
    const p = agent.onBehalfOf;
    if (p) {
      const principal: Obj = {};
      put(principal, 'uid', p.subject ?? '');
      put(principal, 'name', p.email || p.subject || '');
      a['onBehalfOf'] = principal;
    }
    o['agent'] = a;
  }
  // the gateway id is metadata.log_provider
  put(o, 'resourceType', enumName(ENUMS.resourceType, m.resource?.type));
  return o;
}

function baseRecord(
  e: SiemEvent,
  cls: OcsfClass,
  activity: Activity,
  c: Classification,
  o: OcsfOptions,
): Obj {
  const [statusId, status] = STATUS[c.outcome];
  const metadata: Obj = {
    version: OCSF_SCHEMA_VERSION,
    product: {
      name: o.productName ?? 'audit-ledger',
      vendor_name: o.vendorName ?? 'audit-ledger',
      version: o.productVersion,
    },
    uid: e.eventId,
    sequence: e.position,
    tenant_uid: e.tenantId,
    event_code: e.type,
    log_name: 'audit-ledger',
    logged_time: e.recordedAt,
  };
  put(metadata, 'correlation_uid', e.message?.correlationId ?? '');
  put(metadata, 'log_provider', e.message?.gatewayId ?? '');
  return {
    activity_id: activity.id,
    activity_name: activity.name,
    category_uid: cls.categoryUid,
    category_name: cls.categoryName,
    class_uid: cls.classUid,
    class_name: cls.className,
    type_uid: cls.classUid * 100 + activity.id,
    type_name: `${cls.className}: ${activity.name}`,
    severity_id: c.severityId,
    severity: SEVERITY_NAMES[c.severityId],
    status_id: statusId,
    status,
    time: e.occurredAt,
    message: c.summary,
    metadata,
  };
}

// ------------------------------------------------------------------ classes

function authentication(e: SiemEvent, m: Message, c: Classification, o: OcsfOptions): Obj {
  const opened = e.type === 'session_opened';
  const r = baseRecord(
    e,
    OCSF_CLASSES.authentication,
    opened ? { id: 1, name: 'Logon' } : { id: 2, name: 'Logoff' },
    c,
    o,
  );
  put(r, 'user', user(m.actor) ?? { uid: 'unknown' });
  r['actor'] = actorOf(m, e);
  const session: Obj = { uid: m.sessionId || e.sessionId };
  if (opened) {
    const p = m.sessionOpened;
    put(session, 'expiration_time', timestampMs(p?.expiresAt));
    put(session, 'credential_uid', p?.grantId ?? '');
    r['is_mfa'] = p?.mfa === true;
  } else {
    const p = m.sessionClosed;
    put(r, 'status_detail', enumName(ENUMS.sessionStatus, p?.status));
    put(r, 'duration', p ? int64(p.durationMs) : undefined);
  }
  r['session'] = session;
  r['is_remote'] = true;
  r['logon_type_id'] = 3;
  r['logon_type'] = 'Network';
  const service: Obj = { name: m.resource?.name || 'unknown' };
  put(service, 'labels', labels(m.resource));
  r['service'] = service;
  r['dst_endpoint'] = dstEndpoint(m.resource);
  r['src_endpoint'] = srcEndpoint(m);
  const http = httpRequest(m, undefined);
  if (http['user_agent'] !== undefined) r['http_request'] = http;
  r['unmapped'] = unmapped(e, m);
  return r;
}

function command(e: SiemEvent, m: Message, c: Classification, o: OcsfOptions): Obj {
  const resourceType = enumName(ENUMS.resourceType, m.resource?.type);
  const datastore = DATASTORE_RESOURCE_TYPES.has(resourceType);
  const executed = e.type === 'command_executed';
  const verb = executed ? (m.commandExecuted?.verb ?? '') : '';
  const activity: Activity = executed
    ? verbActivity(verb, datastore)
    : datastore
      ? { id: 1, name: 'Read' }
      : { id: 2, name: 'Read' };
  const r = baseRecord(
    e,
    datastore ? OCSF_CLASSES.datastore : OCSF_CLASSES.apiActivity,
    activity,
    c,
    o,
  );
  r['actor'] = actorOf(m, e);
  r['src_endpoint'] = srcEndpoint(m);
  r['dst_endpoint'] = dstEndpoint(m.resource);
  const p = m.commandExecuted;
  if (executed && p) put(r, 'duration', int64(p.durationMs));
  if (datastore) {
    r['database'] = database(m.resource);
    r['type_id'] = 1;
    r['type'] = 'Database';
    const table = executed
      ? p?.tables?.[0]
      : (m.fieldMasked?.fieldPath ?? '').split('.').slice(0, -1).join('.');
    if (table) r['table'] = { name: table };
    if (executed && p) {
      const q: Obj = {};
      put(q, 'query_string', p.redactedStatement ?? '');
      put(q, 'uid', p.statementDigest ?? '');
      if (Object.keys(q).length > 0) r['query_info'] = q;
    }
  } else {
    const api: Obj = { operation: verb || (executed ? 'unknown' : 'read') };
    api['service'] = { name: m.resource?.name || 'unknown' };
    r['api'] = api;
    r['resources'] = [resourceDetails(m.resource)];
    const http = httpRequest(m, verb);
    if (Object.keys(http).length > 0) r['http_request'] = http;
  }
  r['unmapped'] = unmapped(e, m);
  return r;
}

function blocked(e: SiemEvent, m: Message, c: Classification, o: OcsfOptions): Obj {
  const r = baseRecord(e, OCSF_CLASSES.webResourceAccess, { id: 2, name: 'Access Deny' }, c, o);
  const p = m.commandBlocked;
  put(r, 'status_detail', p?.ruleName ?? '');
  r['http_request'] = httpRequest(m, undefined);
  r['web_resources'] = [resourceDetails(m.resource)];
  r['actor'] = actorOf(m, e);
  r['src_endpoint'] = srcEndpoint(m);
  r['dst_endpoint'] = dstEndpoint(m.resource);
  r['unmapped'] = unmapped(e, m);
  return r;
}

function approval(e: SiemEvent, m: Message, c: Classification, o: OcsfOptions): Obj {
  const activity: Activity =
    e.type === 'approval_requested'
      ? { id: 99, name: 'Request Privileges' }
      : { id: 1, name: 'Assign Privileges' };
  const r = baseRecord(e, OCSF_CLASSES.userAccess, activity, c, o);
  const p = m.approvalRequested ?? m.approvalGranted ?? m.approvalDenied;
  const approver = m.approvalGranted?.approver ?? m.approvalDenied?.approver;
  put(r, 'user', user(m.actor) ?? { uid: 'unknown' });
  r['actor'] = actorOf(m, e, approver ?? m.actor);
  const privileges = [`approval:${p?.requestId ?? ''}`];
  const scope = m.approvalRequested?.scope;
  if (scope) privileges.push(scope);
  r['privileges'] = privileges;
  r['resource'] = resourceDetails(m.resource);
  r['src_endpoint'] = srcEndpoint(m);
  put(r, 'status_detail', p?.reason ?? '');
  r['unmapped'] = unmapped(e, m);
  return r;
}

function generic(e: SiemEvent, c: Classification, o: OcsfOptions): Obj {
  const r = baseRecord(e, OCSF_CLASSES.base, { id: 99, name: e.type }, c, o);
  if (e.message === undefined) {
    r['raw_data'] = Buffer.from(e.data.buffer, e.data.byteOffset, e.data.byteLength).toString(
      'base64',
    );
    r['unmapped'] = { type: e.type, decodeError: e.decodeError ?? '' };
  } else {
    r['unmapped'] = { type: e.type, event: eventJson(e) };
  }
  return r;
}

/**
 * The OCSF record of an event (see OCSF_MAPPING). Never throws for any
 * stored event; an unmapped or undecodable one becomes a Base Event.
 */
export function toOcsf(e: SiemEvent, options: OcsfOptions): JsonObject {
  const m = e.message;
  const c = classify(e);
  if (m === undefined) return generic(e, c, options);
  switch (e.type) {
    case 'session_opened':
    case 'session_closed':
      return authentication(e, m, c, options);
    case 'command_executed':
    case 'field_masked':
      return command(e, m, c, options);
    case 'command_blocked':
      return blocked(e, m, c, options);
    case 'approval_requested':
    case 'approval_granted':
    case 'approval_denied':
      return approval(e, m, c, options);
    default:
      return generic(e, c, options);
  }
}
