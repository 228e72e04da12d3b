/**
 * Packed pages (ledger/store/sqlite-packed-page.ts): a page read as one row
 * is split back into events only when it checks out; anything else answers
 * undefined, and the caller reads one row per event.
 */
import t from 'tap';
import { isTooBig, unpackPage } from '../../ledger/store/sqlite-packed-page.js';

const make = (e: readonly unknown[], data: Uint8Array) => ({
  position: e[0],
  name: e[1],
  data: Buffer.from(data).toString(),
});

void t.test('a page that checks out: events in order, each with its own bytes', async (t) => {
  const bytes = Buffer.from('aaabbbbc');
  const json = JSON.stringify([
    [6, 'x', 3],
    [7, 'y\u2028"', 4],
    [9, 'z', 0],
    [10, 'w', 1],
  ]);
  t.same(unpackPage(json, bytes, 5, make), [
    { position: 6, name: 'x', data: 'aaa' },
    { position: 7, name: 'y\u2028"', data: 'bbbb' },
    { position: 9, name: 'z', data: '' },
    { position: 10, name: 'w', data: 'c' },
  ]);
  t.same(unpackPage('[]', null, 5, make), [], 'an empty page (no rows: no blob)');
});

void t.test('a page that does not check out is refused, never half-split', async (t) => {
  const bytes = Buffer.from('aaabbbb');
  const cases: [string, string, Buffer | null, number][] = [
    ['not JSON', '[[6,"x",3', bytes, 5],
    ['not an array', '{"a":1}', bytes, 5],
    ['a position at or before `after`', '[[5,"x",3],[7,"y",4]]', bytes, 5],
    ['positions not ascending', '[[7,"x",3],[6,"y",4]]', bytes, 5],
    ['a repeated position', '[[6,"x",3],[6,"y",4]]', bytes, 5],
    ['lengths short of the blob', '[[6,"x",3],[7,"y",3]]', bytes, 5],
    ['lengths beyond the blob', '[[6,"x",3],[7,"y",5]]', bytes, 5],
    ['a length that is not a number', '[[6,"x","3"],[7,"y",4]]', bytes, 5],
    ['a position that is not a number', '[["6","x",3],[7,"y",4]]', bytes, 5],
    ['rows but no blob', '[[6,"x",0]]', null, 5],
  ];
  for (const [name, json, b, after] of cases) {
    t.equal(unpackPage(json, b, after, make), undefined, name);
  }
});

void t.test('isTooBig recognises only SQLite’s too-big error', async (t) => {
  t.equal(
    isTooBig(Object.assign(new Error('string or blob too big'), { code: 'SQLITE_TOOBIG' })),
    true,
  );
  t.equal(isTooBig(Object.assign(new Error('busy'), { code: 'SQLITE_BUSY' })), false);
  t.equal(isTooBig(null), false);
  t.equal(isTooBig('SQLITE_TOOBIG'), false);
});
