/**
 * The SIEM formatters: OCSF records validated against the OCSF 1.3.0
 * required-field lists of every class used (test/support/siem-ocsf-schema.ts),
 * the documented mapping table, unmapped and undecodable events exported
 * (never dropped), CEF escaping of `|`, `=`, `\` and line breaks (checked by
 * parsing the line back), the JSON record, and RFC 5424 framing.
 */
import t from 'tap';
import { ledger } from '../../proto/generated/ledger.js';
import {
  GATEWAY_PAYLOAD_TYPES,
  auditEventToJson,
  decodeAuditEvent,
  encodeAuditEvent,
  payloadType,
} from '../../ledger/events/index.js';
import type { AuditEventInit, ResourceType } from '../../ledger/events/index.js';
import type { StoredEvent } from '../../ledger/store/event-store.js';
import {
  OCSF_MAPPING,
  OCSF_SCHEMA_VERSION,
  SIEM_FORMATS,
  cefSeverity,
  classify,
  createSiemFormatter,
  escapeCefExtension,
  escapeCefHeader,
  escapeSdParam,
  formatSyslog,
  ocsfClassOf,
  octetCountedFrame,
  syslogHeaderField,
  toCef,
  toJsonRecord,
  toOcsf,
  toSiemEvent,
} from '../../projections/siem/index.js';
import type { SiemEvent } from '../../projections/siem/index.js';
import {
  NOW,
  agentActor,
  everyGatewayEvent,
  humanActor,
  makeEvent,
  resourceOf,
} from '../support/event-factory.js';
import { ocsfProblems } from '../support/siem-ocsf-schema.js';

const OPTIONS = { productVersion: '1.2.3' };
const RESOURCE_TYPES: Exclude<ResourceType, 'TYPE_UNSPECIFIED'>[] = [
  'POSTGRES',
  'MYSQL',
  'REDIS',
  'HTTP',
  'SSH',
  'KUBERNETES',
  'MCP',
  'OTHER',
];

function stored(event: AuditEventInit | Uint8Array, position = 7, tenantId = 'acme'): StoredEvent {
  const data = event instanceof Uint8Array ? event : encodeAuditEvent(event);
  let type = 'unknown';
  let eventId = 'not-decodable';
  let sessionId = '';
  try {
    const { message } = decodeAuditEvent(data);
    type = payloadType(message) ?? 'unknown';
    eventId = message.eventId;
    sessionId = message.sessionId;
  } catch {
    // undecodable on purpose
  }
  return { position, eventId, tenantId, sessionId, type, recordedAt: NOW + 5, data };
}

function siem(event: AuditEventInit | Uint8Array, position = 7): SiemEvent {
  return toSiemEvent(stored(event, position));
}

type Ocsf = Record<string, unknown> & {
  class_uid: number;
  activity_id: number;
  status_id: number;
  metadata: Record<string, unknown>;
  unmapped?: Record<string, unknown>;
};

const internalEvents: AuditEventInit[] = [
  {
    eventId: '01936b2e-7c4a-7d1e-9a3b-2f5c8e1d4a61',
    tenantId: 'acme',
    gatewayId: 'audit-ledger',
    occurredAt: { seconds: NOW / 1000, nanos: 0 },
    sessionId: 'ledger',
    checkpointSigned: {
      origin: 'ledger.example/log',
      treeSize: 42,
      rootHash: new Uint8Array(32).fill(7),
      note: 'note text',
    },
  },
  {
    eventId: '01936b2e-7c4a-7d1e-9a3b-2f5c8e1d4a62',
    tenantId: 'acme',
    gatewayId: 'audit-ledger',
    occurredAt: { seconds: NOW / 1000, nanos: 0 },
    sessionId: 'ledger',
    evidenceExported: { requester: 'auditor-1', queryJson: '{"control":"8.15"}', eventCount: 12 },
  },
];

void t.test(
  'OCSF: every gateway event type on every resource type satisfies its class',
  async (t) => {
    const seen = new Set<string>();
    for (const type of GATEWAY_PAYLOAD_TYPES) {
      for (const [i, rt] of RESOURCE_TYPES.entries()) {
        const actor = [humanActor, agentActor][i % 2]!();
        const e = siem(makeEvent(type, { actor, resource: resourceOf(rt) }), 100 + i);
        const r = toOcsf(e, OPTIONS) as Ocsf;
        t.same(ocsfProblems(r), [], `${type} on ${rt}`);
        const expected = ocsfClassOf(type, rt);
        t.equal(r.class_uid, expected.classUid, `${type} on ${rt}: class ${expected.className}`);
        t.equal(r['class_name'], expected.className);
        t.equal(r.metadata['sequence'], 100 + i, 'metadata.sequence is the ledger position');
        t.equal(r.metadata['tenant_uid'], 'acme');
        t.equal(r.metadata['uid'], e.eventId);
        t.equal(r.metadata['version'], OCSF_SCHEMA_VERSION);
        t.same(r.metadata['product'], {
          name: 'audit-ledger',
          vendor_name: 'audit-ledger',
          version: '1.2.3',
        });
        t.equal(r['time'], NOW - 1000, 'time: occurred_at in ms');
        seen.add(`${type}:${r.class_uid}:${r.activity_id}`);
      }
    }
    t.ok(seen.size >= 10, `${seen.size} distinct type/class/activity combinations`);
  },
);

void t.test('OCSF: the documented mapping', async (t) => {
  const one = (
    type: (typeof GATEWAY_PAYLOAD_TYPES)[number],
    o: Partial<AuditEventInit> = {},
  ): Ocsf => toOcsf(siem(makeEvent(type, o)), OPTIONS) as Ocsf;
  const pick = (r: Ocsf) => [r.class_uid, r.activity_id, r.status_id, r['type_uid']];
  t.same(pick(one('session_opened')), [3002, 1, 1, 300201], 'SessionOpened → Authentication Logon');
  t.same(
    pick(one('session_closed')),
    [3002, 2, 1, 300202],
    'SessionClosed → Authentication Logoff',
  );
  t.same(
    pick(one('command_blocked')),
    [6004, 2, 2, 600402],
    'CommandBlocked → Web Resource Access Deny, Failure',
  );
  t.same(
    pick(one('command_executed')),
    [6005, 4, 1, 600504],
    'SELECT on Postgres → Datastore Query',
  );
  t.same(
    pick(
      one('command_executed', {
        resource: resourceOf('HTTP'),
        commandExecuted: { statementDigest: 'a'.repeat(64), verb: 'DELETE' },
      }),
    ),
    [6003, 4, 1, 600304],
    'DELETE on HTTP → API Activity Delete',
  );
  t.same(
    pick(
      one('command_executed', {
        resource: resourceOf('MCP'),
        commandExecuted: { statementDigest: 'a'.repeat(64), verb: 'tools/call' },
      }),
    ),
    [6003, 99, 1, 600399],
    'tools/call on MCP → API Activity Other',
  );
  t.equal(
    one('command_executed', {
      resource: resourceOf('MCP'),
      commandExecuted: { statementDigest: 'a'.repeat(64), verb: 'tools/call' },
    })['activity_name'],
    'tools/call',
  );
  t.same(
    pick(one('field_masked')),
    [6005, 1, 1, 600501],
    'FieldMasked on Postgres → Datastore Read',
  );
  t.same(
    pick(one('field_masked', { resource: resourceOf('HTTP') })),
    [6003, 2, 1, 600302],
    'FieldMasked on HTTP → API Read',
  );
  t.same(
    pick(one('approval_requested')),
    [3005, 99, 99, 300599],
    'ApprovalRequested → User Access Management, pending',
  );
  t.same(
    pick(one('approval_granted')),
    [3005, 1, 1, 300501],
    'ApprovalGranted → Assign Privileges, Success',
  );
  t.same(
    pick(one('approval_denied')),
    [3005, 1, 2, 300501],
    'ApprovalDenied → Assign Privileges, Failure',
  );
  const denied = one('session_opened', {
    policy: { policyId: 'p', decision: ledger.v1.PolicyDecision.Decision.DENY },
  });
  t.equal(denied.status_id, 2, 'a denied logon is a failure');
  const granted = one('approval_granted');
  t.equal(
    (granted['actor'] as { user: { uid: string } }).user.uid,
    '00u9zyxw8VUTS7rqp6',
    'the approver is the actor',
  );
  t.equal(
    (granted['user'] as { uid: string }).uid,
    humanActor().subject,
    'the requester is the user',
  );
  const blocked = one('command_blocked');
  t.equal(blocked['status_detail'], 'no-ddl-in-prod');
  t.equal(blocked['severity_id'], 4, 'a schema-change block is High');
  t.same(
    (blocked.unmapped?.['commandBlocked'] as { matchedWords: string[] }).matchedWords,
    ['DROP'],
    'payload kept under unmapped',
  );
  // every row of the table names a class the code produces
  for (const row of OCSF_MAPPING) {
    if (row.eventType === '*') continue;
    const rt = row.when.includes('HTTP') ? 'HTTP' : 'POSTGRES';
    t.equal(
      ocsfClassOf(row.eventType, rt).classUid,
      row.ocsfClass.classUid,
      `table row ${row.eventType} ${row.when}`,
    );
  }
});

void t.test(
  'events without a specific mapping are exported as Base Events, never dropped',
  async (t) => {
    for (const [i, init] of internalEvents.entries()) {
      const e = siem(init, 500 + i);
      const r = toOcsf(e, OPTIONS) as Ocsf;
      t.same(ocsfProblems(r), [], e.type);
      t.equal(r.class_uid, 0);
      t.equal(r.activity_id, 99);
      t.equal(r['activity_name'], e.type);
      t.equal(r.metadata['sequence'], 500 + i);
      t.same(
        r.unmapped?.['event'],
        auditEventToJson(decodeAuditEvent(e.data).message),
        'raw fields kept',
      );
      t.match(
        toCef(e, OPTIONS),
        new RegExp(`^CEF:0\\|audit-ledger\\|audit-ledger\\|1\\.2\\.3\\|${e.type}\\|`),
      );
      t.equal(toJsonRecord(e)['type'], e.type);
    }
    // bytes that do not decode (a truncated varint) still leave a record behind
    const broken = siem(new Uint8Array([0x0a, 0xff]), 900);
    t.ok(broken.decodeError !== undefined);
    const r = toOcsf(broken, OPTIONS) as Ocsf;
    t.same(ocsfProblems(r), []);
    t.equal(r.class_uid, 0);
    t.equal(r.status_id, 0);
    t.equal(r['raw_data'], Buffer.from([0x0a, 0xff]).toString('base64'));
    t.equal(r.metadata['sequence'], 900);
    for (const format of SIEM_FORMATS) {
      const f = createSiemFormatter(format, OPTIONS);
      t.doesNotThrow(() => f.line(broken), `${format} formats an undecodable event`);
      const record = f.record(broken) as Partial<Ocsf> & { position?: number };
      t.equal(
        record.position ?? record.metadata?.['sequence'],
        900,
        `${format} record keeps the position`,
      );
    }
    // an event with no payload at all
    const bare = siem(makeEvent('command_executed', { commandExecuted: null }), 901);
    t.equal((toOcsf(bare, OPTIONS) as Ocsf).class_uid, 0);
  },
);

/** Minimal CEF parser: header fields (\| and \\ unescaped) and extension key/values (\= \\ \n \r unescaped). */
function parseCef(line: string): { header: string[]; ext: Map<string, string> } {
  const header: string[] = [];
  let cur = '';
  let i = 0;
  for (; i < line.length && header.length < 7; i++) {
    const ch = line[i]!;
    if (ch === '\\' && (line[i + 1] === '|' || line[i + 1] === '\\')) {
      cur += line[++i];
    } else if (ch === '|') {
      header.push(cur);
      cur = '';
    } else cur += ch;
  }
  const rest = line.slice(i);
  const ext = new Map<string, string>();
  const keys = [...rest.matchAll(/(?:^| )([A-Za-z0-9_]+)=/g)];
  keys.forEach((m, k) => {
    const start = m.index + m[0].length;
    const end = k + 1 < keys.length ? keys[k + 1]!.index : rest.length;
    const raw = rest.slice(start, end);
    const value = raw.replace(/\\([\\=nr])/g, (_, c: string) =>
      c === 'n' ? '\n' : c === 'r' ? '\r' : c,
    );
    if (ext.has(m[1]!)) throw new Error(`duplicate key ${m[1]}`);
    ext.set(m[1]!, value);
  });
  return { header, ext };
}

void t.test('CEF: escaping of |, =, \\ and line breaks survives a round trip', async (t) => {
  t.equal(escapeCefHeader('a|b\\c'), 'a\\|b\\\\c');
  t.equal(escapeCefHeader('two\nlines\r'), 'two lines ');
  t.equal(escapeCefExtension('k=v|x\\y\nz\r'), 'k\\=v|x\\\\y\\nz\\r');

  const nasty = 'Eve | "the=admin" \\ back\nslash';
  const message = 'line one\nline two\r\nkey=value | pipe \\ end';
  const e = siem(
    makeEvent('command_blocked', {
      actor: humanActor({ displayName: nasty, email: '' }),
      commandBlocked: {
        ruleName: 'rule|with=eq\\back',
        redactedExcerpt: 'DROP TABLE a\\b | c=d',
        message,
        ruleType: ledger.v1.CommandBlocked.RuleType.KEYWORD,
      },
    }),
  );
  const line = toCef(e, {
    productVersion: '2.0|beta\\x',
    vendor: 'Acme|Sec',
    product: 'Ledger\nX',
  });
  t.notMatch(line, /[\r\n]/, 'one line');
  const { header, ext } = parseCef(line);
  t.same(header, [
    'CEF:0',
    'Acme|Sec',
    'Ledger X',
    '2.0|beta\\x',
    'command_blocked',
    'Command blocked',
    '5',
  ]);
  t.equal(ext.get('cs5'), 'rule|with=eq\\back');
  t.equal(ext.get('request'), 'DROP TABLE a\\b | c=d');
  t.equal(ext.get('reason'), message);
  t.equal(ext.get('suser'), nasty);
  t.match(ext.get('msg'), `blocked a command by ${nasty}`);
  t.equal(ext.get('cn1'), '7');
  t.equal(ext.get('cn1Label'), 'ledgerPosition');
  t.equal(ext.get('cs1'), 'acme');
  t.equal(ext.get('cs1Label'), 'tenant');
  t.equal(ext.get('rt'), String(NOW - 1000));
  t.equal(ext.get('src'), '203.0.113.7');
});

void t.test(
  'CEF: severity 0-10 for every event type, derived from one severity scale',
  async (t) => {
    for (const init of [...everyGatewayEvent(), ...internalEvents]) {
      const e = siem(init);
      const sev = Number(parseCef(toCef(e, OPTIONS)).header[6]);
      t.ok(Number.isInteger(sev) && sev >= 0 && sev <= 10, `${e.type}: ${sev}`);
      t.equal(sev, cefSeverity(classify(e).severityId));
    }
    const v6 = siem(
      makeEvent('command_executed', { source: { ip: '2001:db8::7', client: 'psql' } }),
    );
    const { ext } = parseCef(toCef(v6, OPTIONS));
    t.equal(ext.get('src'), undefined, 'src is IPv4 only');
    t.equal(ext.get('c6a2'), '2001:db8::7');
  },
);

void t.test('JSON: proto3 JSON of the event plus position and tenant', async (t) => {
  const init = makeEvent('session_opened');
  const e = siem(init, 33);
  const r = toJsonRecord(e);
  t.equal(r['position'], 33);
  t.equal(r['tenant'], 'acme');
  t.equal(r['type'], 'session_opened');
  t.equal(r['recordedAt'], new Date(NOW + 5).toISOString());
  t.same(r['event'], auditEventToJson(decodeAuditEvent(e.data).message));
  const f = createSiemFormatter('json', OPTIONS);
  t.same(JSON.parse(f.line(e)), r);
  const c = createSiemFormatter('cef', OPTIONS).record(e);
  t.same(Object.keys(c), ['position', 'tenant', 'cef']);
});

void t.test('syslog: RFC 5424 header, SD escaping, octet-counting frame', async (t) => {
  t.equal(escapeSdParam('a"b\\c]d'), 'a\\"b\\\\c\\]d');
  t.equal(syslogHeaderField('host name\u00e9', 255), 'host_name_');
  t.equal(syslogHeaderField('', 48), '-');
  t.equal(syslogHeaderField('x'.repeat(60), 48).length, 48);
  const e = siem(makeEvent('command_blocked'), 12);
  const msg = formatSyslog(e, 'CEF:0|x', {
    facility: 13,
    hostname: 'ledger-1',
    appName: 'audit-ledger',
    enterpriseId: 32473,
  });
  // command_blocked (schema change) is High: syslog severity 3; PRI = 13 * 8 + 3
  t.equal(
    msg,
    `<107>1 ${new Date(NOW - 1000).toISOString()} ledger-1 audit-ledger - command_blocked [ledger@32473 position="12" tenant="acme" eventId="${e.eventId}" type="command_blocked"] CEF:0|x`,
  );
  const frame = octetCountedFrame('é€ msg');
  t.equal(frame, `${Buffer.byteLength('é€ msg')} é€ msg`);
  t.equal(frame.split(' ')[0], '9', 'length counts bytes, not characters');
});

void t.test(
  'OCSF: parts replayed from the fragment caches never carry another event’s values',
  async (t) => {
    // each variant shares the first value its fragments are found by (subject, resource
    // name, policy id, activity name) with the others and differs in one other value
    const variants: { name: string; event: AuditEventInit; check: (r: Ocsf) => unknown[] }[] = [
      ...['ada@example.com', 'ada@other.example', ''].map((email) => ({
        name: `email ${email || '(none)'}`,
        event: makeEvent('session_opened', { actor: humanActor({ email }) }),
        check: (r: Ocsf) => [(r['user'] as Record<string, unknown>)['email_addr']],
      })),
      ...[['dba'], ['dba', 'oncall'], []].map((groups) => ({
        name: `groups [${groups.join(',')}]`,
        event: makeEvent('session_opened', { actor: humanActor({ groups }) }),
        check: (r: Ocsf) => [(r['user'] as Record<string, unknown>)['groups']],
      })),
      ...['db1.internal:5432', 'db2.internal:6432', 'db3.internal'].map((host) => ({
        name: `host ${host}`,
        event: makeEvent('command_executed', { resource: resourceOf('POSTGRES', { host }) }),
        check: (r: Ocsf) => [r['dst_endpoint']],
      })),
      ...[{ env: 'prod' }, { env: 'dev' }, {}].map((labels) => ({
        name: `labels ${JSON.stringify(labels)}`,
        event: makeEvent('command_blocked', { resource: resourceOf('HTTP', { labels }) }),
        check: (r: Ocsf) => [r['web_resources']],
      })),
      ...['too wide', 'off hours'].map((reason) => ({
        name: `policy reason ${reason}`,
        event: makeEvent('command_executed', {
          policy: { policyId: 'pol-prod-db', rule: 'dba-read', decision: 1, reason },
        }),
        check: (r: Ocsf) => [(r.unmapped!['policy'] as Record<string, unknown>)['reason']],
      })),
      // 'Read' is the activity of Datastore (id 1) and of API Activity (id 2)
      ...(['POSTGRES', 'HTTP'] as const).map((rt) => ({
        name: `field_masked on ${rt}`,
        event: makeEvent('field_masked', { resource: resourceOf(rt) }),
        check: (r: Ocsf) => [r.class_uid, r.activity_id, r['class_name'], r['type_name']],
      })),
    ];
    const expected = variants.map((v) => {
      const r = toOcsf(siem(v.event), OPTIONS) as Ocsf;
      t.same(ocsfProblems(r), [], v.name);
      return v.check(r);
    });
    // (within each kind of variant: the first word of its name)
    const distinct = new Set(
      expected.map((x, i) => JSON.stringify([variants[i]!.name.split(' ')[0], x])),
    );
    t.equal(distinct.size, variants.length, 'every variant differs in the value it checks');
    // again, in another order, with each event's fragments now cached
    for (const i of variants.keys()) {
      const j = (i * 7 + 3) % variants.length;
      const v = variants[j]!;
      t.same(v.check(toOcsf(siem(v.event), OPTIONS) as Ocsf), expected[j], `again: ${v.name}`);
    }
    // and against a record written with a different product version
    const other = toOcsf(siem(variants[0]!.event), { productVersion: '9.9.9' }) as Ocsf;
    t.equal((other.metadata['product'] as Record<string, unknown>)['version'], '9.9.9');
  },
);

void t.test('CEF: reason appears once, the payload’s before the policy’s', async (t) => {
  const policy = { policyId: 'pol-1', rule: 'r', decision: 2, reason: 'policy says no' };
  const blocked = siem(
    makeEvent('command_blocked', {
      policy,
      commandBlocked: { ruleName: 'no-drop', message: 'DROP is blocked', ruleType: 1 },
    }),
  );
  const line = toCef(blocked, OPTIONS);
  t.equal(line.split(' reason=').length, 2, 'one reason key');
  t.equal(parseCef(line).ext.get('reason'), 'DROP is blocked');
  const policyOnly = siem(makeEvent('command_executed', { policy }));
  t.equal(parseCef(toCef(policyOnly, OPTIONS)).ext.get('reason'), 'policy says no');
  const denied = siem(
    makeEvent('approval_denied', {
      policy,
      approvalDenied: { requestId: 'req-1', reason: 'not today' },
    }),
  );
  t.equal(parseCef(toCef(denied, OPTIONS)).ext.get('reason'), 'not today');
});
