/**
 * The OCSF 1.3.0 requirements the ledger's records are checked against:
 * the base-event attributes every class requires, each used class's own
 * required attributes and "at least one of" constraints, and the
 * constraints of the objects the records use (User, Actor, Network
 * Endpoint, Product, API). Taken from the OCSF schema definitions
 * (events/*.json, objects/*.json of ocsf-schema); the tests report every
 * violation with its path.
 */

/** Attributes every OCSF event requires (base event + classification + occurrence). */
export const OCSF_BASE_REQUIRED = [
  'activity_id',
  'category_uid',
  'class_uid',
  'severity_id',
  'time',
  'type_uid',
  'metadata',
  // required by this project for every record (OCSF: recommended)
  'status_id',
] as const;

interface ClassRule {
  readonly name: string;
  readonly required: readonly string[];
  readonly atLeastOne?: readonly string[];
  /** Activity ids the class defines (99 Other is always allowed). */
  readonly activities: readonly number[];
}

/** Per-class requirements of the classes the ledger emits. */
export const OCSF_CLASS_RULES: Readonly<Record<number, ClassRule>> = {
  0: { name: 'Base Event', required: [], activities: [0] },
  3002: {
    name: 'Authentication',
    required: ['user'],
    atLeastOne: ['service', 'dst_endpoint'],
    activities: [0, 1, 2, 3, 4, 5],
  },
  3005: { name: 'User Access Management', required: ['user'], activities: [0, 1, 2, 3, 4] },
  6003: {
    name: 'API Activity',
    required: ['actor', 'api', 'src_endpoint'],
    activities: [0, 1, 2, 3, 4],
  },
  6004: {
    name: 'Web Resource Access Activity',
    required: ['http_request', 'web_resources'],
    activities: [0, 1, 2, 3, 4],
  },
  6005: {
    name: 'Datastore Activity',
    required: ['actor', 'src_endpoint'],
    atLeastOne: ['database', 'databucket', 'table'],
    activities: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  },
};

const SEVERITY_IDS = new Set([0, 1, 2, 3, 4, 5, 6, 99]);
const STATUS_IDS = new Set([0, 1, 2, 99]);
const USER_AT_LEAST_ONE = ['account', 'name', 'uid'];
const ACTOR_AT_LEAST_ONE = ['process', 'user', 'invoked_by', 'session', 'app_name', 'app_uid'];
const ENDPOINT_AT_LEAST_ONE = [
  'ip',
  'uid',
  'name',
  'hostname',
  'svc_name',
  'instance_uid',
  'interface_uid',
  'interface_name',
];

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function present(o: Obj, key: string): boolean {
  const v = o[key];
  return v !== undefined && v !== null && v !== '';
}

/** Every violation of the rules above, as `path: problem`; [] for a valid record. */
export function ocsfProblems(record: unknown): string[] {
  const out: string[] = [];
  if (!isObj(record)) return ['record: not an object'];
  for (const k of OCSF_BASE_REQUIRED) if (!present(record, k)) out.push(`${k}: required`);
  const classUid = record['class_uid'];
  const activityId = record['activity_id'];
  const categoryUid = record['category_uid'];
  if (typeof classUid !== 'number' || typeof activityId !== 'number')
    return [...out, 'class_uid/activity_id: not numbers'];
  const rule = OCSF_CLASS_RULES[classUid];
  if (rule === undefined) return [...out, `class_uid: ${classUid} is not a class the ledger uses`];
  if (categoryUid !== Math.floor(classUid / 1000))
    out.push(`category_uid: ${String(categoryUid)} does not match class ${classUid}`);
  if (record['type_uid'] !== classUid * 100 + activityId)
    out.push(`type_uid: must be class_uid * 100 + activity_id`);
  if (activityId !== 99 && !rule.activities.includes(activityId))
    out.push(`activity_id: ${activityId} not defined by ${rule.name}`);
  if (!SEVERITY_IDS.has(record['severity_id'] as number))
    out.push('severity_id: not an OCSF severity');
  if (!STATUS_IDS.has(record['status_id'] as number)) out.push('status_id: not an OCSF status');
  const time = record['time'];
  if (typeof time !== 'number' || !Number.isInteger(time) || time < 1e11)
    out.push('time: must be epoch milliseconds');
  const metadata = record['metadata'];
  if (!isObj(metadata)) out.push('metadata: not an object');
  else {
    if (typeof metadata['version'] !== 'string' || !/^1\.\d+\.\d+$/.test(metadata['version']))
      out.push('metadata.version: must be a 1.x schema version');
    const product = metadata['product'];
    if (!isObj(product)) out.push('metadata.product: required');
    else
      for (const k of ['name', 'vendor_name'])
        if (!present(product, k)) out.push(`metadata.product.${k}: required`);
  }
  for (const k of rule.required)
    if (!present(record, k)) out.push(`${k}: required by ${rule.name}`);
  if (rule.atLeastOne && !rule.atLeastOne.some((k) => present(record, k))) {
    out.push(`${rule.atLeastOne.join('|')}: ${rule.name} needs at least one`);
  }
  const atLeast = (path: string, v: unknown, keys: readonly string[]): void => {
    if (v === undefined) return;
    if (!isObj(v)) out.push(`${path}: not an object`);
    else if (!keys.some((k) => present(v, k))) out.push(`${path}: needs one of ${keys.join(', ')}`);
  };
  atLeast('user', record['user'], USER_AT_LEAST_ONE);
  atLeast('actor', record['actor'], ACTOR_AT_LEAST_ONE);
  if (isObj(record['actor'])) atLeast('actor.user', record['actor']['user'], USER_AT_LEAST_ONE);
  atLeast('src_endpoint', record['src_endpoint'], ENDPOINT_AT_LEAST_ONE);
  atLeast('dst_endpoint', record['dst_endpoint'], ENDPOINT_AT_LEAST_ONE);
  const api = record['api'];
  if (api !== undefined && (!isObj(api) || !present(api, 'operation')))
    out.push('api.operation: required');
  const web = record['web_resources'];
  if (web !== undefined && (!Array.isArray(web) || web.length === 0))
    out.push('web_resources: must be a non-empty array');
  return out;
}
