import { readFileSync } from 'node:fs';
import t from 'tap';
import { ERROR_CODES, LedgerError, ValidationError, isLedgerError } from '../../ledger/errors.js';

void t.test(
  'every error code maps to an HTTP status and is documented in the README',
  async (t) => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const [code, status] of Object.entries(ERROR_CODES)) {
      t.ok(status >= 400 && status < 600, `${code} has an error status`);
      t.ok(readme.includes(`\`${code}\``), `${code} is documented in README.md`);
    }
  },
);

void t.test('ValidationError carries every issue and a 400', async (t) => {
  const issues = Array.from({ length: 7 }, (_, i) => ({
    path: `events[${i}].event_id`,
    message: 'bad',
  }));
  const e = new ValidationError(issues);
  t.equal(e.code, 'LDG_ERR_VALIDATION');
  t.equal(e.statusCode, 400);
  t.equal(e.issues.length, 7);
  t.match(e.message, /and 2 more/);
  t.ok(isLedgerError(e));
  t.notOk(isLedgerError(new Error('x')));
  t.equal(new LedgerError('LDG_ERR_RATE_LIMITED', 'slow down').statusCode, 429);
});
