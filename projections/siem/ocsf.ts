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
import {
  FragmentCache,
  jsonText,
  writeAuditEventJson,
  writePayloadJson,
} from '../../ledger/events/index.js';
import type { FragmentInput, JsonObject, JsonWriter } from '../../ledger/events/index.js';
import { SEVERITY_NAMES, classify } from './classify.js';
import type { Classification, Outcome } from './classify.js';
import { ENUMS, enumName, int64, timestampMs } from './event.js';
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
//
// Records are written into a JsonWriter, member by member in the order
// below: building objects for JSON.stringify cost two to three times as
// much, and one SSE subscriber's rate is bound by this. Parts that repeat
// from event to event (the class header, product metadata, a user, a
// resource's endpoint, a policy) are written once per thread and replayed
// from a FragmentCache, found by every value they are written from.

/** Fragment caches of this thread, one per part. */
const FRAGMENTS = {
  header: new FragmentCache(),
  metadata: new FragmentCache(16),
  tenantAndType: new FragmentCache(),
  user: new FragmentCache(),
  dstEndpoint: new FragmentCache(),
  resource: new FragmentCache(),
  service: new FragmentCache(),
  database: new FragmentCache(),
  policy: new FragmentCache(),
};

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

/** `"k":{"name":…}`. */
function named(w: JsonWriter, k: string, name: string): void {
  w.key(k).open().str('name', name).close();
}

/** `"k":` the OCSF User of an actor (uid = IdP subject, name = email or subject, full_name = display name), or `{"uid":"unknown"}`. */
function user(w: JsonWriter, k: string, a: Actor | null | undefined): void {
  if (!a) {
    w.key(k).open().str('uid', 'unknown').close();
    return;
  }
  const inputs: FragmentInput[] = [a.subject, k, a.email, a.displayName, a.kind];
  if (a.groups) inputs.push(...a.groups);
  FRAGMENTS.user.write(w, inputs, () => writeUser(w, k, a));
}

function writeUser(w: JsonWriter, k: string, a: Actor): void {
  const [typeId, type] = USER_TYPE[enumName(ENUMS.actorKind, a.kind)] ?? [0, 'Unknown'];
  w.key(k)
    .open()
    .optStr('uid', a.subject)
    .optStr('name', a.email || a.subject)
    .optStr('full_name', a.displayName)
    .optStr('email_addr', a.email)
    .num('type_id', typeId)
    .str('type', type);
  if (a.groups && a.groups.length > 0) {
    w.key('groups').openArray();
    for (const name of a.groups) w.open().str('name', name).close();
    w.closeArray();
  }
  w.close();
}

function actor(w: JsonWriter, m: Message, e: SiemEvent, a: Actor | null | undefined): void {
  w.key('actor').open();
  if (a) user(w, 'user', a);
  w.key('session')
    .open()
    .str('uid', m.sessionId || e.sessionId)
    .close();
  w.optStr('app_name', m.source?.client);
  if (a?.identityProvider) named(w, 'idp', a.identityProvider);
  w.close();
}

function srcEndpoint(w: JsonWriter, m: Message): void {
  const ip = m.source?.ip;
  if (ip) w.key('src_endpoint').open().str('ip', ip).close();
  else named(w, 'src_endpoint', m.source?.client || 'unknown');
}

const HOST_PORT = /^([^:[\]]+|\[[^\]]+\]):(\d{1,5})$/;

function dstEndpoint(w: JsonWriter, r: Resource | null | undefined): void {
  FRAGMENTS.dstEndpoint.write(w, [r?.name, r?.host], () => writeDstEndpoint(w, r));
}

function writeDstEndpoint(w: JsonWriter, r: Resource | null | undefined): void {
  w.key('dst_endpoint').open();
  const host = r?.host ?? '';
  const hp = HOST_PORT.exec(host);
  if (hp?.[1] !== undefined && hp[2] !== undefined) {
    w.str('hostname', hp[1].replace(/^\[|\]$/g, '')).num('port', Number(hp[2]));
  } else w.optStr('hostname', host);
  w.str('svc_name', r?.name || 'unknown').close();
}

function labels(r: Resource | null | undefined): string[] {
  const l = r?.labels;
  return l ? Object.keys(l).map((k) => `${k}:${l[k]}`) : [];
}

/** The values a resource's fragments are written from (name first). */
function resourceInputs(r: Resource | null | undefined): FragmentInput[] {
  const inputs: FragmentInput[] = [r?.name, r?.type, r?.host, r?.database];
  const l = r?.labels;
  if (l) for (const k of Object.keys(l)) inputs.push(k, l[k]);
  return inputs;
}

/** A resource's details as an object value (the key, if any, is written by the caller). */
function resourceDetails(w: JsonWriter, r: Resource | null | undefined): void {
  FRAGMENTS.resource.write(w, resourceInputs(r), () => writeResourceDetails(w, r));
}

function writeResourceDetails(w: JsonWriter, r: Resource | null | undefined): void {
  w.open()
    .optStr('uid', r?.name)
    .str('name', r?.name || 'unknown')
    .optStr('type', enumName(ENUMS.resourceType, r?.type))
    .optStrings('labels', labels(r))
    .close();
}

/**
 * `"http_request":{…}`: user agent, method (HTTP resources), url. With
 * `always` false nothing is written when there is nothing to say.
 */
function httpRequest(w: JsonWriter, m: Message, verb: string, always: boolean): void {
  const userAgent = m.source?.userAgent;
  const method = enumName(ENUMS.resourceType, m.resource?.type) === 'HTTP' ? verb : '';
  const host = m.resource?.host;
  if (!always && !userAgent && !method && !host) return;
  w.key('http_request').open().optStr('user_agent', userAgent).optStr('http_method', method);
  if (host) w.key('url').open().str('hostname', host).close();
  w.close();
}

function database(w: JsonWriter, r: Resource | null | undefined): void {
  FRAGMENTS.database.write(w, [r?.name, r?.database, r?.type], () => writeDatabase(w, r));
}

function writeDatabase(w: JsonWriter, r: Resource | null | undefined): void {
  const redis = enumName(ENUMS.resourceType, r?.type) === 'REDIS';
  // OCSF database type_id: 1 Relational, 6 NoSQL
  w.key('database')
    .open()
    .str('name', r?.database || r?.name || 'unknown')
    .num('type_id', redis ? 6 : 1)
    .str('type', redis ? 'NoSQL' : 'Relational')
    .close();
}

/** Fields with no OCSF attribute: the payload, policy, agent, resource type, in proto3 JSON names. */
function unmapped(w: JsonWriter, m: Message): void {
  w.key('unmapped').open();
  writePayloadJson(w, m);
  const p = m.policy;
  if (p) {
    FRAGMENTS.policy.write(w, [p.policyId, p.rule, p.decision, p.reason], () =>
      w
        .key('policy')
        .open()
        .optStr('policyId', p.policyId)
        .optStr('rule', p.rule)
        .optStr('decision', enumName(ENUMS.decision, p.decision))
        .optStr('reason', p.reason)
        .close(),
    );
  }
  const agent = m.actor?.agent;
  if (agent) {
    w.key('agent').open().optStr('name', agent.name).optStr('version', agent.version);
    const p = agent.onBehalfOf;
    if (p) {
      w.key('onBehalfOf')
        .open()
        .optStr('uid', p.subject)
        .optStr('name', p.email || p.subject)
        .close();
    }
    w.close();
  }
  // the gateway id is metadata.log_provider
  w.optStr('resourceType', enumName(ENUMS.resourceType, m.resource?.type)).close();
}

/** Opens the record and writes the base attributes every class shares; the class adds its own. */
function baseRecord(
  w: JsonWriter,
  e: SiemEvent,
  cls: OcsfClass,
  activity: Activity,
  c: Classification,
  o: OcsfOptions,
): void {
  w.open();
  FRAGMENTS.header.write(
    w,
    [activity.name, activity.id, cls.classUid, c.severityId, c.outcome],
    () => header(w, cls, activity, c),
  );
  w.num('time', e.occurredAt).str('message', c.summary).key('metadata').open();
  FRAGMENTS.metadata.write(w, [o.productVersion, o.productName, o.vendorName], () =>
    w
      .str('version', OCSF_SCHEMA_VERSION)
      .key('product')
      .open()
      .str('name', o.productName ?? 'audit-ledger')
      .str('vendor_name', o.vendorName ?? 'audit-ledger')
      .str('version', o.productVersion)
      .close(),
  );
  w.str('uid', e.eventId).num('sequence', e.position);
  FRAGMENTS.tenantAndType.write(w, [e.tenantId, e.type], () =>
    w.str('tenant_uid', e.tenantId).str('event_code', e.type).str('log_name', 'audit-ledger'),
  );
  w.num('logged_time', e.recordedAt)
    .optStr('correlation_uid', e.message?.correlationId)
    .optStr('log_provider', e.message?.gatewayId)
    .close();
}

/** The class and activity members of the record (activity_id … status). */
function header(w: JsonWriter, cls: OcsfClass, activity: Activity, c: Classification): void {
  const [statusId, status] = STATUS[c.outcome];
  w.num('activity_id', activity.id)
    .str('activity_name', activity.name)
    .num('category_uid', cls.categoryUid)
    .str('category_name', cls.categoryName)
    .num('class_uid', cls.classUid)
    .str('class_name', cls.className)
    .num('type_uid', cls.classUid * 100 + activity.id)
    .str('type_name', `${cls.className}: ${activity.name}`)
    .num('severity_id', c.severityId)
    .str('severity', SEVERITY_NAMES[c.severityId])
    .num('status_id', statusId)
    .str('status', status);
}

// ------------------------------------------------------------------ classes

function authentication(
  w: JsonWriter,
  e: SiemEvent,
  m: Message,
  c: Classification,
  o: OcsfOptions,
): void {
  const opened = e.type === 'session_opened';
  const activity = opened ? { id: 1, name: 'Logon' } : { id: 2, name: 'Logoff' };
  baseRecord(w, e, OCSF_CLASSES.authentication, activity, c, o);
  user(w, 'user', m.actor);
  actor(w, m, e, m.actor);
  if (opened) {
    const p = m.sessionOpened;
    w.boolean('is_mfa', p?.mfa === true);
    w.key('session')
      .open()
      .str('uid', m.sessionId || e.sessionId)
      .optNum('expiration_time', timestampMs(p?.expiresAt))
      .optStr('credential_uid', p?.grantId)
      .close();
  } else {
    const p = m.sessionClosed;
    w.optStr('status_detail', enumName(ENUMS.sessionStatus, p?.status));
    w.optNum('duration', p ? int64(p.durationMs) : undefined);
    w.key('session')
      .open()
      .str('uid', m.sessionId || e.sessionId)
      .close();
  }
  w.boolean('is_remote', true).num('logon_type_id', 3).str('logon_type', 'Network');
  const r = m.resource;
  FRAGMENTS.service.write(w, resourceInputs(r), () =>
    w
      .key('service')
      .open()
      .str('name', r?.name || 'unknown')
      .optStrings('labels', labels(r))
      .close(),
  );
  dstEndpoint(w, r);
  srcEndpoint(w, m);
  if (m.source?.userAgent) httpRequest(w, m, '', true);
  unmapped(w, m);
  w.close();
}

function command(w: JsonWriter, e: SiemEvent, m: Message, c: Classification, o: OcsfOptions): void {
  const resourceType = enumName(ENUMS.resourceType, m.resource?.type);
  const datastore = DATASTORE_RESOURCE_TYPES.has(resourceType);
  const executed = e.type === 'command_executed';
  const verb = executed ? (m.commandExecuted?.verb ?? '') : '';
  const activity: Activity = executed
    ? verbActivity(verb, datastore)
    : datastore
      ? { id: 1, name: 'Read' }
      : { id: 2, name: 'Read' };
  baseRecord(w, e, datastore ? OCSF_CLASSES.datastore : OCSF_CLASSES.apiActivity, activity, c, o);
  actor(w, m, e, m.actor);
  srcEndpoint(w, m);
  dstEndpoint(w, m.resource);
  const p = m.commandExecuted;
  if (executed && p) w.num('duration', int64(p.durationMs));
  if (datastore) {
    database(w, m.resource);
    w.num('type_id', 1).str('type', 'Database');
    const table = executed
      ? p?.tables?.[0]
      : (m.fieldMasked?.fieldPath ?? '').split('.').slice(0, -1).join('.');
    if (table) named(w, 'table', table);
    if (executed && p && (p.redactedStatement || p.statementDigest)) {
      w.key('query_info')
        .open()
        .optStr('query_string', p.redactedStatement)
        .optStr('uid', p.statementDigest)
        .close();
    }
  } else {
    w.key('api')
      .open()
      .str('operation', verb || (executed ? 'unknown' : 'read'));
    named(w, 'service', m.resource?.name || 'unknown');
    w.close();
    w.key('resources').openArray();
    resourceDetails(w, m.resource);
    w.closeArray();
    httpRequest(w, m, verb, false);
  }
  unmapped(w, m);
  w.close();
}

function blocked(w: JsonWriter, e: SiemEvent, m: Message, c: Classification, o: OcsfOptions): void {
  baseRecord(w, e, OCSF_CLASSES.webResourceAccess, { id: 2, name: 'Access Deny' }, c, o);
  w.optStr('status_detail', m.commandBlocked?.ruleName);
  httpRequest(w, m, '', true);
  w.key('web_resources').openArray();
  resourceDetails(w, m.resource);
  w.closeArray();
  actor(w, m, e, m.actor);
  srcEndpoint(w, m);
  dstEndpoint(w, m.resource);
  unmapped(w, m);
  w.close();
}

function approval(
  w: JsonWriter,
  e: SiemEvent,
  m: Message,
  c: Classification,
  o: OcsfOptions,
): void {
  const activity: Activity =
    e.type === 'approval_requested'
      ? { id: 99, name: 'Request Privileges' }
      : { id: 1, name: 'Assign Privileges' };
  const p = m.approvalRequested ?? m.approvalGranted ?? m.approvalDenied;
  const approver = m.approvalGranted?.approver ?? m.approvalDenied?.approver;
  const privileges = [`approval:${p?.requestId ?? ''}`];
  const scope = m.approvalRequested?.scope;
  if (scope) privileges.push(scope);
  baseRecord(w, e, OCSF_CLASSES.userAccess, activity, c, o);
  user(w, 'user', m.actor);
  actor(w, m, e, approver ?? m.actor);
  w.optStrings('privileges', privileges);
  w.key('resource');
  resourceDetails(w, m.resource);
  srcEndpoint(w, m);
  w.optStr('status_detail', p?.reason);
  unmapped(w, m);
  w.close();
}

function generic(w: JsonWriter, e: SiemEvent, c: Classification, o: OcsfOptions): void {
  baseRecord(w, e, OCSF_CLASSES.base, { id: 99, name: e.type }, c, o);
  if (e.message === undefined) {
    w.str(
      'raw_data',
      Buffer.from(e.data.buffer, e.data.byteOffset, e.data.byteLength).toString('base64'),
    );
    w.key('unmapped')
      .open()
      .str('type', e.type)
      .str('decodeError', e.decodeError ?? '')
      .close();
  } else {
    w.key('unmapped').open().str('type', e.type).key('event');
    writeAuditEventJson(w, e.message);
    w.close();
  }
  w.close();
}

/**
 * Writes the OCSF record of an event (see OCSF_MAPPING) into `w`. Never
 * throws for any stored event; an unmapped or undecodable one becomes a
 * Base Event.
 */
export function writeOcsf(w: JsonWriter, e: SiemEvent, options: OcsfOptions): void {
  const m = e.message;
  const c = classify(e);
  if (m === undefined) {
    generic(w, e, c, options);
    return;
  }
  switch (e.type) {
    case 'session_opened':
    case 'session_closed':
      authentication(w, e, m, c, options);
      return;
    case 'command_executed':
    case 'field_masked':
      command(w, e, m, c, options);
      return;
    case 'command_blocked':
      blocked(w, e, m, c, options);
      return;
    case 'approval_requested':
    case 'approval_granted':
    case 'approval_denied':
      approval(w, e, m, c, options);
      return;
    default:
      generic(w, e, c, options);
  }
}

/** The OCSF record of an event as an object (`writeOcsf`, parsed). */
export function toOcsf(e: SiemEvent, options: OcsfOptions): JsonObject {
  return JSON.parse(jsonText((w) => writeOcsf(w, e, options))) as JsonObject;
}
