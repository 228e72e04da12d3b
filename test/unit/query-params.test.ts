import t from 'tap';
import type { ValidationError } from '../../ledger/errors.js';
import {
  QueryParams,
  encodeCursor,
  fingerprint,
  parsePeriod,
  parseTime,
} from '../../services/query/params.js';
import type { ParamDoc } from '../../services/query/params.js';

const docs: ParamDoc[] = [
  { name: 'actor', kind: 'string', description: '' },
  { name: 'type', kind: 'list', values: ['session_opened', 'field_masked'], description: '' },
  { name: 'from', kind: 'time', description: '' },
  { name: 'to', kind: 'time', description: '' },
  { name: 'period', kind: 'period', description: '' },
  { name: 'limit', kind: 'integer', minimum: 1, maximum: 1000, default: 100, description: '' },
  { name: 'cursor', kind: 'cursor', description: '' },
];

function issues(fn: () => void): string[] {
  try {
    fn();
  } catch (e) {
    return (e as ValidationError).issues.map((i) => i.path);
  }
  return [];
}

void t.test('periods are UTC calendar ranges relative to now', async (t) => {
  const now = Date.UTC(2025, 4, 17, 10, 30); // 2025-05-17, Q2
  t.same(parsePeriod('last-quarter', now), {
    from: Date.UTC(2025, 0, 1),
    to: Date.UTC(2025, 3, 1),
  });
  t.same(parsePeriod('this-quarter', now), { from: Date.UTC(2025, 3, 1), to: now + 1 });
  t.same(
    parsePeriod('last-quarter', Date.UTC(2025, 1, 3)),
    { from: Date.UTC(2024, 9, 1), to: Date.UTC(2025, 0, 1) },
    'Q1 → last year Q4',
  );
  t.same(parsePeriod('2024-q4', now), { from: Date.UTC(2024, 9, 1), to: Date.UTC(2025, 0, 1) });
  t.same(parsePeriod('2025-Q1', now), { from: Date.UTC(2025, 0, 1), to: Date.UTC(2025, 3, 1) });
  t.same(parsePeriod('last-month', now), { from: Date.UTC(2025, 3, 1), to: Date.UTC(2025, 4, 1) });
  t.same(parsePeriod('90d', now), { from: now - 90 * 86_400_000, to: now + 1 });
  for (const bad of ['0d', 'last-year', '2025-Q5', '', 'q1'])
    t.equal(parsePeriod(bad, now), undefined, bad);
});

void t.test('times: RFC 3339 or a date at UTC midnight', async (t) => {
  t.equal(parseTime('2025-01-02'), Date.UTC(2025, 0, 2));
  t.equal(parseTime('2025-01-02T03:04:05.678Z'), Date.UTC(2025, 0, 2, 3, 4, 5, 678));
  t.equal(parseTime('2025-01-02T03:04:05+02:00'), Date.UTC(2025, 0, 2, 1, 4, 5));
  for (const bad of ['2025-02-29', '2025-1-2', 'yesterday', '1735689600'])
    t.equal(parseTime(bad), undefined, bad);
});

void t.test('parameters: every problem named, in declaration order', async (t) => {
  const q = new QueryParams({ limit: '0', type: 'nope', zz: '1', actor: ['a', 'b'] }, docs);
  q.string('actor');
  q.list('type', ['session_opened', 'field_masked']);
  q.integer('limit');
  t.same(
    issues(() => q.finish()),
    ['zz', 'actor', 'type', 'limit'],
  );

  const ok = new QueryParams(
    { type: 'FIELD_MASKED,session_opened,field_masked', limit: '20' },
    docs,
  );
  t.same(
    ok.list('type', ['session_opened', 'field_masked']),
    ['field_masked', 'session_opened'],
    'case-insensitive, deduplicated',
  );
  t.equal(ok.integer('limit'), 20);
  t.equal(new QueryParams({}, docs).integer('limit'), 100, 'default');
  t.same(
    issues(() => ok.finish()),
    [],
  );
});

void t.test('cursors: opaque, tied to their filters, refusing tampering', async (t) => {
  const fp = fingerprint(['events', 'acme', { actor: 'u-1' }]);
  const cursor = encodeCursor(42, { at: 1000, position: 7 }, fp, { from: 10, to: 20 });
  t.same(new QueryParams({ cursor }, docs).cursor(fp), {
    asOf: 42,
    after: { at: 1000, position: 7 },
    window: { from: 10, to: 20 },
  });
  t.not(
    fingerprint(['events', 'globex', { actor: 'u-1' }]),
    fp,
    'the tenant is part of the fingerprint',
  );
  const other = new QueryParams({ cursor }, docs);
  t.equal(other.cursor(fingerprint(['events', 'globex', { actor: 'u-1' }])), undefined);
  t.same(
    issues(() => other.finish()),
    ['cursor'],
  );
  const forged = Buffer.from(JSON.stringify({ v: 1, s: 'x', t: 1, p: 2, f: fp })).toString(
    'base64url',
  );
  const q = new QueryParams({ cursor: forged }, docs);
  t.equal(q.cursor(fp), undefined);
  t.same(
    issues(() => q.finish()),
    ['cursor'],
  );
});

void t.test('windows: from before to; period alone', async (t) => {
  const now = Date.UTC(2025, 4, 17);
  t.same(new QueryParams({ from: '2025-01-01', to: '2025-02-01' }, docs).window(now), {
    from: Date.UTC(2025, 0, 1),
    to: Date.UTC(2025, 1, 1),
  });
  const backwards = new QueryParams({ from: '2025-02-01', to: '2025-01-01' }, docs);
  backwards.window(now);
  t.same(
    issues(() => backwards.finish()),
    ['to'],
  );
  const both = new QueryParams({ period: '90d', to: '2025-01-01' }, docs);
  both.window(now);
  t.same(
    issues(() => both.finish()),
    ['period'],
  );
  t.same(new QueryParams({ period: '2025-Q1' }, docs).window(now), {
    from: Date.UTC(2025, 0, 1),
    to: Date.UTC(2025, 3, 1),
  });
});
