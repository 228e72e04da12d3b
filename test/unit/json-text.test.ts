/**
 * JsonWriter (ledger/events/json-text.ts): the bytes it writes must equal
 * JSON.stringify of the same value, for every kind of string (escapes,
 * control characters, lone and paired surrogates, 2/3/4-byte UTF-8, the
 * native path for long plain strings), numbers, nesting and commas; its key
 * cache must never hand back another key's bytes; a fragment written again
 * must place its commas for the new spot, and a FragmentCache must never hand
 * back a fragment written from other values; and a SIEM record written
 * through it must equal JSON.stringify of the record parsed back.
 */
import t from 'tap';
import { FragmentCache, JsonWriter, jsonText } from '../../ledger/events/index.js';
import type { JsonValue } from '../../ledger/events/index.js';

/** Writes any JSON value with the writer's API (members in insertion order). */
function writeValue(w: JsonWriter, v: JsonValue): void {
  if (v === null) w.json('null');
  else if (typeof v === 'string') w.string(v);
  else if (typeof v === 'number') w.number(v);
  else if (typeof v === 'boolean') w.bool(v);
  else if (Array.isArray(v)) {
    w.openArray();
    for (const x of v) writeValue(w, x);
    w.closeArray();
  } else {
    w.open();
    for (const [k, x] of Object.entries(v)) {
      w.key(k);
      writeValue(w, x);
    }
    w.close();
  }
}

/** A test name for any string: printable ASCII as is, everything else as \\uXXXX (TAP is line-based). */
function printable(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c >= 0x20 && c < 0x7f ? s[i] : `\\u${c.toString(16).padStart(4, '0')}`;
  }
  return out;
}

const TRICKY: string[] = [
  '',
  'plain',
  'quote " and backslash \\',
  'line\nbreak\r\ttab\b\f',
  Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join(''),
  '\u007f delete stays raw',
  'é ü ß — 2-byte and 3-byte: 中文 ☃',
  'pair: 😀 and 𝄞',
  'lone high \ud800 in the middle',
  'lone low \udc00 here',
  'reversed pair \udc00\ud800',
  'ends with high \ud83d',
  '\ud83d',
  'x'.repeat(23),
  'y'.repeat(24),
  'a long plain ASCII string that takes the native path, no escapes at all',
  'a long string with one "quote" that must take the escaping loop instead',
  'a long string with a non-ASCII letter é that must take the loop instead',
  'a long string that ends in a newline so the native scan must refuse it\n',
  '</script><!-- -->',
  '\u2028\u2029 separators stay raw in JSON.stringify',
];

void t.test('strings are escaped exactly as JSON.stringify escapes them', async (t) => {
  for (const s of TRICKY) {
    const w = new JsonWriter(16);
    w.string(s);
    const name = printable(s);
    t.equal(w.toString(), JSON.stringify(s), `string ${name}`);
    t.same(w.toBuffer(), Buffer.from(JSON.stringify(s), 'utf8'), `bytes of ${name}`);
  }
});

void t.test('numbers, booleans, null and nesting equal JSON.stringify', async (t) => {
  const value: JsonValue = {
    a: 1,
    b: -0,
    c: 1.5e300,
    d: Number.NaN,
    e: Number.POSITIVE_INFINITY,
    f: true,
    g: false,
    h: null,
    i: [],
    j: {},
    k: [1, 'two', [3, { four: 4 }], {}],
    'key with "quotes"\n': 'v',
    nested: { deeper: { deepest: ['x', 'y'] }, after: 0.1 },
  };
  const w = new JsonWriter(8);
  writeValue(w, value);
  t.equal(w.toString(), JSON.stringify(value));
});

void t.test('member helpers skip missing values and place commas', async (t) => {
  const text = jsonText((w) => {
    w.open()
      .optStr('a', undefined)
      .optStr('b', '')
      .optStr('c', null)
      .str('d', '')
      .optNum('e', undefined)
      .num('f', 0)
      .optStrings('g', [])
      .optStrings('h', ['x'])
      .boolean('i', false)
      .close();
  });
  t.equal(text, '{"d":"","f":0,"h":["x"],"i":false}');
});

void t.test('a cached key is a copy, never a view into an earlier buffer', async (t) => {
  const w = new JsonWriter(32);
  const keys = ['first_key', 'second_key', 'third_key_that_is_longer'];
  const once = (): string => {
    w.reset().open();
    for (const k of keys) w.str(k, `value of ${k}`);
    return w.close().toString();
  };
  const expected = JSON.stringify(Object.fromEntries(keys.map((k) => [k, `value of ${k}`])));
  t.equal(once(), expected, 'first write (keys encoded and cached)');
  // overwrite the writer's buffer with other bytes, then write again from the cache
  w.reset().string('#'.repeat(500));
  t.equal(once(), expected, 'second write (keys copied from the cache)');
});

void t.test('text and bytes start afresh: no comma before the next value', async (t) => {
  const w = new JsonWriter(8);
  w.open().str('a', '1').close().text('\n');
  w.open().str('b', '2').close().text('\n');
  const first = Buffer.from('{"c":3}');
  w.bytes(first).open().close();
  t.equal(w.toString(), '{"a":"1"}\n{"b":"2"}\n{"c":3}{}');
});

void t.test('the buffer grows past its initial size without losing bytes', async (t) => {
  const w = new JsonWriter(4);
  const list = Array.from({ length: 2000 }, (_, i) => `item ${i} é 😀 "${i}"`);
  w.openArray();
  for (const s of list) w.string(s);
  w.closeArray();
  t.equal(w.toString(), JSON.stringify(list));
  t.equal(w.toBuffer().length, Buffer.byteLength(JSON.stringify(list)));
});

void t.test('jsonText gives a nested call a writer of its own', async (t) => {
  const text = jsonText((w) => {
    const inner = jsonText((v) => v.open().str('inner', 'x').close());
    w.open().key('outer').json(inner).close();
  });
  t.equal(text, '{"outer":{"inner":"x"}}');
});

void t.test('a fragment written again places its commas for the new spot', async (t) => {
  const w = new JsonWriter(16);
  // captured as the first member (no comma due), replayed after others and as the first again
  w.open();
  let mark = w.mark();
  w.str('a', '1').num('b', 2);
  const members = w.fragmentSince(mark);
  w.close();
  t.equal(w.toString(), '{"a":"1","b":2}');
  t.equal(Buffer.from(members.bytes).toString(), '"a":"1","b":2', 'no leading comma kept');
  t.equal(
    w.reset().open().str('x', 'y').fragment(members).str('z', 'w').close().toString(),
    '{"x":"y","a":"1","b":2,"z":"w"}',
    'replayed after a member: a comma before and after',
  );
  t.equal(w.reset().open().fragment(members).close().toString(), '{"a":"1","b":2}');
  // captured after a member (the comma it wrote is not kept), replayed first in an array
  w.reset().openArray().string('first');
  mark = w.mark();
  w.open().str('k', 'v').close();
  const element = w.fragmentSince(mark);
  t.equal(Buffer.from(element.bytes).toString(), '{"k":"v"}');
  t.equal(
    w.reset().openArray().fragment(element).fragment(element).closeArray().toString(),
    '[{"k":"v"},{"k":"v"}]',
  );
  // a fragment that ends with a key: the value after it takes no comma
  w.reset().open();
  mark = w.mark();
  w.str('a', '1').key('b');
  const open = w.fragmentSince(mark);
  t.equal(
    w.reset().open().str('x', '0').fragment(open).number(2).close().toString(),
    '{"x":"0","a":"1","b":2}',
  );
  // an empty fragment writes nothing and leaves the comma state alone
  w.reset().open().str('x', '0');
  mark = w.mark();
  const empty = w.fragmentSince(mark);
  t.equal(empty.bytes.length, 0);
  t.equal(
    w.reset().open().str('x', '0').fragment(empty).str('y', '1').close().toString(),
    '{"x":"0","y":"1"}',
  );
});

void t.test('a FragmentCache hands back only what was written from equal values', async (t) => {
  const cache = new FragmentCache(8);
  let writes = 0;
  const write = (w: JsonWriter, inputs: (string | number | undefined)[]): string => {
    w.reset().open();
    cache.write(w, inputs, () => {
      writes++;
      w.key('v').openArray();
      for (const x of inputs) w.string(String(x));
      w.closeArray();
    });
    return w.close().toString();
  };
  const w = new JsonWriter(8);
  const expect = (inputs: (string | number | undefined)[]): string =>
    JSON.stringify({ v: inputs.map(String) });
  const cases: (string | number | undefined)[][] = [
    ['ab', ''],
    ['ab', 'c'],
    ['ab', 'c', ''],
    ['a', 'bc'],
    ['ab', 1],
    ['ab', '1'],
    ['ab', undefined],
    ['ab', 'undefined'],
  ];
  for (const inputs of cases)
    t.equal(write(w, inputs), expect(inputs), `first: ${inputs.join('|')}`);
  t.equal(writes, cases.length, 'every distinct input list written once');
  for (const inputs of cases)
    t.equal(write(w, inputs), expect(inputs), `again: ${inputs.join('|')}`);
  t.equal(writes, cases.length, 'then all replayed from the cache');
  t.equal(cache.size, 8);
  t.equal(write(w, ['new']), expect(['new']), 'a ninth fragment when full');
  t.equal(cache.size, 1, 'a full cache starts afresh');
  t.equal(write(w, ['ab', 'c']), expect(['ab', 'c']));
  t.equal(writes, cases.length + 2, 'the dropped fragment is written again');
});
