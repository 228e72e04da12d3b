import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { ledger } from '../../proto/generated/ledger.js';
import { timestampFromMs } from '../../ledger/events/index.js';
import type { AuditEventInit } from '../../ledger/events/index.js';
import {
  ControlMappingError,
  controlTableMarkdown,
  loadControlMapping,
  parseControlMapping,
  projectStoredEvents,
} from '../../projections/index.js';
import type { ProjectedEvent, TagContext } from '../../projections/index.js';
import { agentActor, makeEvent, NOW } from '../support/event-factory.js';
import { projectionTempDir, storedEvents } from '../support/projection-spec.js';

const v1 = ledger.v1;
const mapping = loadControlMapping();
const noContext: TagContext = { approvalScope: () => undefined };

function projected(e: AuditEventInit, recordedAt?: number): ProjectedEvent {
  const [stored] = storedEvents([e]);
  const { events, rejected } = projectStoredEvents([
    { ...stored!, recordedAt: recordedAt ?? stored!.recordedAt },
  ]);
  if (rejected.length > 0) throw new Error(rejected[0]!.reason);
  return events[0]!;
}

const builtinRaw = JSON.parse(
  readFileSync(new URL('../../projections/controls/iso27001-2022.json', import.meta.url), 'utf8'),
) as { controls: Record<string, unknown>[] };

void t.test(
  'the built-in mapping holds every control of STANDARDS §6 with its 2013 aliases',
  async (t) => {
    t.equal(mapping.source, 'built-in');
    t.match(mapping.fingerprint, /^[0-9a-f]{64}$/);
    t.same(
      mapping.controls.map((c) => [c.id, c.aliases]),
      [
        ['5.15', ['A.9.1.1', 'A.9.1.2']],
        ['5.16', ['A.9.2.1']],
        ['5.18', ['A.9.2.2', 'A.9.2.5', 'A.9.2.6']],
        ['8.2', ['A.9.2.3']],
        ['8.3', ['A.9.4.1']],
        ['8.5', ['A.9.4.2']],
        ['8.11', []],
        ['8.15', ['A.12.4.1', 'A.12.4.2', 'A.12.4.3']],
        ['8.16', []],
        ['8.17', ['A.12.4.4']],
        ['8.32', ['A.12.1.2', 'A.14.2.2']],
        ['5.28', ['A.16.1.7']],
        ['5.33', ['A.18.1.3']],
        ['5.34', ['A.18.1.4']],
      ],
    );
  },
);

void t.test('2013 ids are aliases: A.9.2.3 finds 8.2, whatever the case', async (t) => {
  t.same(
    mapping.resolve('A.9.2.3')?.map((c) => c.id),
    ['8.2'],
  );
  t.same(
    mapping.resolve('a.9.2.3')?.map((c) => c.id),
    ['8.2'],
  );
  t.same(
    mapping.resolve('8.2')?.map((c) => c.id),
    ['8.2'],
  );
  t.same(
    mapping.resolve('A.8.2')?.map((c) => c.id),
    ['8.2'],
    '2022 ids may carry the A. prefix',
  );
  t.same(
    mapping.resolve('A.12.4.2')?.map((c) => c.id),
    ['8.15'],
  );
  t.same(
    mapping.resolve('A.14.2.2')?.map((c) => c.id),
    ['8.32'],
  );
  t.equal(mapping.resolve('A.5.1.1'), undefined, 'a 2013 control the mapping does not cover');
  t.equal(mapping.resolve('9.9'), undefined);
  t.equal(mapping.resolve('payments'), undefined);
});

void t.test(
  'tagging: each event is evidence for the controls whose rules it matches',
  async (t) => {
    const privilegedJit = makeEvent('session_opened', {
      sessionOpened: {
        protocol: 'postgres',
        accessMode: v1.SessionOpened.AccessMode.JIT,
        grantId: 'g-1',
        mfa: true,
        privileged: true,
      },
    });
    t.same(mapping.tag(projected(privilegedJit), noContext), [
      '5.15',
      '5.16',
      '5.18',
      '8.2',
      '8.5',
    ]);

    const standingNoMfa = makeEvent('session_opened', {
      actor: { ...agentActor(), identityProvider: '' },
      sessionOpened: { protocol: 'postgres', accessMode: v1.SessionOpened.AccessMode.STANDING },
    });
    t.same(
      mapping.tag(projected(standingNoMfa), noContext),
      ['5.15', '5.16'],
      'no MFA, no identity provider: not 8.5',
    );

    t.same(
      mapping.tag(projected(makeEvent('field_masked')), noContext),
      ['8.3', '8.11', '5.34'],
      'SSN is personal data',
    );
    const secret = makeEvent('field_masked', {
      fieldMasked: { fieldPath: 'vault.token', infoType: v1.FieldMasked.InfoType.SECRET, count: 1 },
    });
    t.same(mapping.tag(projected(secret), noContext), ['8.3', '8.11'], 'a secret is not PII');

    const blocked = makeEvent('command_blocked', {
      policy: { policyId: 'p', rule: 'r', decision: v1.PolicyDecision.Decision.DENY },
    });
    t.same(
      mapping.tag(projected(blocked), noContext),
      ['5.15', '8.3', '8.16', '8.32'],
      'a blocked schema change',
    );

    t.same(
      mapping.tag(projected(makeEvent('command_executed')), noContext),
      [],
      'an allowed SELECT is evidence of nothing',
    );
    const ddl = makeEvent('command_executed', {
      commandExecuted: { statementDigest: 'a'.repeat(64), verb: 'alter', tables: ['orders'] },
    });
    t.same(mapping.tag(projected(ddl), noContext), ['8.32'], 'verbs compare case-insensitively');
  },
);

void t.test(
  'approval_scope of a grant comes from its request, seen earlier in the log',
  async (t) => {
    const granted = projected(makeEvent('approval_granted'));
    t.same(mapping.tag(granted, noContext), ['5.18', '8.2'], 'request unknown: no 8.32');
    const scopes: TagContext = {
      approvalScope: (tenant, id) =>
        tenant === 'acme' && id === 'apr-77' ? 'bulk_delete' : undefined,
    };
    t.same(mapping.tag(granted, scopes), ['5.18', '8.2', '8.32']);
    t.same(
      mapping.tag(projected(makeEvent('approval_requested')), noContext),
      ['8.2', '8.32'],
      'the request carries its scope',
    );
  },
);

void t.test('8.17: a gateway clock running ahead of the ledger, not a late event', async (t) => {
  const e = makeEvent('command_executed', { occurredAt: timestampFromMs(NOW + 5000) });
  t.same(mapping.tag(projected(e, NOW), noContext), ['8.17'], 'five seconds ahead');
  const late = makeEvent('command_executed', { occurredAt: timestampFromMs(NOW - 3_600_000) });
  t.same(mapping.tag(projected(late, NOW), noContext), [], 'an hour late is buffering, not skew');
});

void t.test('a bad mapping file is refused with every bad entry named', async (t) => {
  const bad = {
    standard: 'x',
    version: '1',
    controls: [
      {
        id: '8.2',
        title: 'Privileged',
        aliases: ['A.9.2.3'],
        evidence: [{ events: ['session_opened'], when: { privileged: 'yes' } }],
      },
      {
        id: '8.5',
        title: 'Auth',
        aliases: ['9.4.2'],
        evidence: [{ events: ['command_executed'], when: { mfaa: true } }],
      },
      { id: '8.2', title: 'again', evidence: [{ events: ['no_such_type'] }] },
      {
        id: '8.11',
        title: 'Masking',
        evidence: [{ events: ['command_executed'], when: { info_type: 'SSN' } }],
      },
      { id: '12', title: 'x', evidence: [] },
    ],
  };
  const e = t.throws(() => parseControlMapping(bad, 'custom.json')) as ControlMappingError;
  t.ok(e instanceof ControlMappingError);
  t.equal(e.code, 'LDG_ERR_CONFIG');
  t.equal(e.file, 'custom.json');
  t.same(
    e.issues.map((i) => i.path),
    [
      'controls[0].evidence[0].when.privileged',
      'controls[1].aliases[0]',
      'controls[1].evidence[0].when.mfaa',
      'controls[2].id',
      'controls[2].evidence[0].events[0]',
      'controls[3].evidence[0].when.info_type',
      'controls[4].id',
      'controls[4].evidence',
    ],
  );
  t.match(
    e.message,
    /^control mapping custom\.json: controls\[0\]\.evidence\[0\]\.when\.privileged/,
  );
  t.match(e.issues[2]!.message, /unknown attribute \(control 8\.5\)/);
  t.match(e.issues[5]!.message, /only defined for field_masked/);
});

void t.test('enum values in conditions are checked against the schema', async (t) => {
  const e = t.throws(() =>
    parseControlMapping(
      {
        standard: 's',
        version: '1',
        controls: [
          {
            id: '8.11',
            title: 'm',
            evidence: [{ events: ['field_masked'], when: { info_type: ['SSN', 'DNA'] } }],
          },
        ],
      },
      'f',
    ),
  ) as ControlMappingError;
  t.equal(e.issues[0]?.path, 'controls[0].evidence[0].when.info_type');
  t.match(e.issues[0]?.message, /unknown value "DNA"/);
});

void t.test('more controls than the index has bits for are refused', async (t) => {
  const controls = Array.from({ length: 53 }, (_, i) => ({
    id: `${5 + Math.floor(i / 40)}.${(i % 40) + 1}`,
    title: 't',
    evidence: [{ events: ['field_masked'] }],
  }));
  const e = t.throws(() =>
    parseControlMapping({ standard: 's', version: '1', controls }, 'big.json'),
  ) as ControlMappingError;
  t.same(
    e.issues.map((i) => i.path),
    ['controls'],
  );
});

void t.test(
  'a deployment file replaces the built-in mapping; unreadable files are named',
  async (t) => {
    const dir = projectionTempDir(t);
    const file = join(dir, 'controls.json');
    const custom = {
      standard: 'ISO/IEC 27001:2022 Annex A (acme profile)',
      version: '7',
      controls: [
        {
          id: '8.2',
          title: 'Privileged access rights',
          aliases: ['A.9.2.3'],
          evidence: [{ events: ['approval_granted'] }],
        },
      ],
    };
    writeFileSync(file, JSON.stringify(custom));
    const m = loadControlMapping({ file });
    t.equal(m.source, file);
    t.same(
      m.controls.map((c) => c.id),
      ['8.2'],
    );
    t.not(m.fingerprint, mapping.fingerprint);
    t.same(m.tag(projected(makeEvent('approval_granted')), noContext), ['8.2']);
    t.same(m.tag(projected(makeEvent('approval_requested')), noContext), []);

    writeFileSync(file, '{ not json');
    const e = t.throws(() => loadControlMapping({ file })) as ControlMappingError;
    t.equal(e.code, 'LDG_ERR_CONFIG');
    t.same(
      e.issues.map((i) => i.path),
      ['(file)'],
    );
    t.match(e.message, file);
    const missing = t.throws(() =>
      loadControlMapping({ file: join(dir, 'missing.json') }),
    ) as ControlMappingError;
    t.equal(missing.code, 'LDG_ERR_CONFIG');
  },
);

/** The rows of the Markdown table whose header starts with `first`, as trimmed cells (alignment ignored). */
function tableRows(markdown: string, first: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.replace(/\s+/g, ' ').startsWith(`| ${first} |`));
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
  }
  return rows;
}

void t.test('the built-in file round-trips and the README shows it', async (t) => {
  t.equal(parseControlMapping(builtinRaw, 'copy').fingerprint, mapping.fingerprint);
  const doc = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const documented = tableRows(doc, '2022 control');
  t.equal(documented.length, mapping.controls.length);
  t.same(
    documented,
    tableRows(controlTableMarkdown(mapping), '2022 control'),
    'the README shows the mapping in force',
  );
});
