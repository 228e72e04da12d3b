/**
 * JSON written straight into UTF-8 bytes, for the hot output paths (SIEM
 * records and stream frames, evidence lines). Building objects for
 * JSON.stringify, or concatenating many small strings (which V8 keeps as a
 * tree of pieces until the result is encoded), cost two to three times as
 * much per record; `npm run bench:siem` prints the rates.
 *
 * A JsonWriter appends to one growable buffer and places commas itself:
 * `open()` / `close()` an object or array, `key(k)` before each member's
 * value. Strings are escaped exactly as JSON.stringify escapes them (`\"`,
 * `\\`, `\b\f\n\r\t`, other control characters and lone surrogates as
 * lower-case `\u00xx`), so the output equals JSON.stringify of the same
 * object with its members in the same order. Keys are literals of the
 * ledger's own code, or map keys, and go through the same escaping.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const HEX = '0123456789abcdef';

/** Short escapes JSON.stringify uses, by character code. */
const SHORT_ESCAPES: Readonly<Record<number, number>> = {
  0x08: 0x62, // \b
  0x09: 0x74, // \t
  0x0a: 0x6e, // \n
  0x0c: 0x66, // \f
  0x0d: 0x72, // \r
  0x22: 0x22, // \"
  0x5c: 0x5c, // \\
};

/** Anything but printable ASCII other than `"` and `\\`. */
const NOT_PLAIN = /[^\x20\x21\x23-\x5b\x5d-\x7e]/;
/** Strings from this length on are checked and copied natively. */
const NATIVE_MIN = 24;

/** How many distinct keys keep their encoding (`"key":`) for reuse. */
const KEY_CACHE_MAX = 4096;
const KEY_BYTES = new Map<string, Uint8Array>();

/** Appends JSON (and plain text) to a growable UTF-8 buffer. */
export class JsonWriter {
  #buf: Buffer;
  #pos = 0;
  /** True when the next member or element needs a comma before it. */
  #comma = false;

  constructor(initialBytes = 64 * 1024) {
    this.#buf = Buffer.allocUnsafe(initialBytes);
  }

  /** Bytes written so far. */
  get length(): number {
    return this.#pos;
  }

  /** Forgets everything written (the buffer is kept for reuse). */
  reset(): this {
    this.#pos = 0;
    this.#comma = false;
    return this;
  }

  /** Makes room for `n` more bytes. */
  #room(n: number): void {
    if (this.#pos + n <= this.#buf.length) return;
    let size = this.#buf.length * 2;
    while (size < this.#pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.#buf.copy(next, 0, 0, this.#pos);
    this.#buf = next;
  }

  /** `{` (as a value: after a key, or as an element). */
  open(): this {
    return this.#begin(0x7b);
  }

  /** `}`. */
  close(): this {
    return this.#end(0x7d);
  }

  /** `[` (as a value). */
  openArray(): this {
    return this.#begin(0x5b);
  }

  /** `]`. */
  closeArray(): this {
    return this.#end(0x5d);
  }

  /**
   * A member's key (its value follows: a scalar, `open()`, `openArray()` or
   * `json()`). The encodings of the first KEY_CACHE_MAX distinct keys are
   * kept (the ledger's own keys are a few hundred literals; copying their
   * bytes is cheaper than escaping them again).
   */
  key(k: string): this {
    this.#value();
    const bytes = KEY_BYTES.get(k);
    if (bytes === undefined) {
      const start = this.#pos;
      this.#quoted(k);
      this.#room(1);
      this.#buf[this.#pos++] = COLON;
      // a copy: Buffer#slice would be a view into this writer's buffer
      if (KEY_BYTES.size < KEY_CACHE_MAX)
        KEY_BYTES.set(k, Uint8Array.prototype.slice.call(this.#buf, start, this.#pos));
    } else {
      const n = bytes.length;
      this.#room(n);
      const buf = this.#buf;
      let pos = this.#pos;
      for (let i = 0; i < n; i++) buf[pos++] = bytes[i]!;
      this.#pos = pos;
    }
    // the value that follows the colon needs no comma
    this.#comma = false;
    return this;
  }

  /** A string value. */
  string(s: string): this {
    this.#value();
    this.#quoted(s);
    this.#comma = true;
    return this;
  }

  /** A number value (`null` for NaN and ±Infinity, as JSON.stringify writes them). */
  number(n: number): this {
    this.#value();
    this.#ascii(Number.isFinite(n) ? String(n) : 'null');
    this.#comma = true;
    return this;
  }

  /** A boolean value. */
  bool(b: boolean): this {
    this.#value();
    this.#ascii(b ? 'true' : 'false');
    this.#comma = true;
    return this;
  }

  /** A value that is JSON text already. */
  json(text: string): this {
    this.#value();
    this.text(text);
    this.#comma = true;
    return this;
  }

  // ---------------------------------------------------------------- members
  // key + value in one call; the opt* forms skip undefined, null and ''.

  /** `"k":"s"`. */
  str(k: string, s: string): this {
    return this.key(k).string(s);
  }

  /** `"k":"s"` unless s is undefined, null or ''. */
  optStr(k: string, s: string | null | undefined): this {
    return s === undefined || s === null || s === '' ? this : this.key(k).string(s);
  }

  /** `"k":n`. */
  num(k: string, n: number): this {
    return this.key(k).number(n);
  }

  /** `"k":n` unless n is undefined. */
  optNum(k: string, n: number | undefined): this {
    return n === undefined ? this : this.key(k).number(n);
  }

  /** `"k":true|false`. */
  boolean(k: string, b: boolean): this {
    return this.key(k).bool(b);
  }

  /** `"k":["a","b"]` unless the list is empty. */
  optStrings(k: string, list: readonly string[]): this {
    if (list.length === 0) return this;
    this.key(k).openArray();
    for (const s of list) this.string(s);
    return this.closeArray();
  }

  // ---------------------------------------------------------------- plain text

  /**
   * Text written as it is, UTF-8 encoded (no quoting, no commas): frame
   * headers, CEF lines. What follows starts afresh (no comma before it).
   */
  text(s: string): this {
    this.#comma = false;
    const n = s.length;
    this.#room(n * 3);
    if (n >= NATIVE_MIN) {
      this.#pos += this.#buf.write(s, this.#pos, 'utf8');
      return this;
    }
    // short ASCII in a loop (cheaper than a native call); the rest natively
    const buf = this.#buf;
    let pos = this.#pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        this.#pos = pos;
        this.#pos += buf.write(s.slice(i), pos, 'utf8');
        return this;
      }
      buf[pos++] = c;
    }
    this.#pos = pos;
    return this;
  }

  /** The bytes written, as a string. */
  toString(): string {
    return this.#buf.toString('utf8', 0, this.#pos);
  }

  /** A copy of the bytes written (the writer's buffer is reused). */
  toBuffer(): Buffer {
    const out = Buffer.allocUnsafe(this.#pos);
    this.#buf.copy(out, 0, 0, this.#pos);
    return out;
  }

  /**
   * A copy of the bytes written in an ArrayBuffer of its own, which can be
   * transferred to another thread (toBuffer's copy may share Node's pool).
   */
  toOwnedBuffer(): Buffer {
    const out = Buffer.allocUnsafeSlow(this.#pos);
    this.#buf.copy(out, 0, 0, this.#pos);
    return out;
  }

  /** Bytes [start, end) of `b` written as they are (what follows starts afresh, no comma). */
  bytes(b: Uint8Array, start = 0, end = b.length): this {
    this.#comma = false;
    this.#room(end - start);
    this.#buf.set(b.subarray(start, end), this.#pos);
    this.#pos += end - start;
    return this;
  }

  // ---------------------------------------------------------------- fragments

  /**
   * Where a fragment starts: call before its first member or element. The
   * fragment is what is written from here to `fragmentSince(mark)`.
   */
  mark(): number {
    // the sign keeps whether a comma was due (the fragment's first byte is then that comma)
    return this.#comma ? -1 - this.#pos : this.#pos;
  }

  /**
   * The bytes written since `mark` as a fragment (a copy) that `fragment()`
   * writes again anywhere a member or element may stand, with the comma
   * placed for that spot.
   */
  fragmentSince(mark: number): Fragment {
    let start = mark < 0 ? -1 - mark : mark;
    // a comma due at the mark was written by the fragment's first member: not part of it
    if (mark < 0 && this.#pos > start) start++;
    return {
      bytes: Uint8Array.prototype.slice.call(this.#buf, start, this.#pos),
      commaAfter: this.#comma,
    };
  }

  /** Writes a fragment again: a comma first when one is due, then its bytes. */
  fragment(f: Fragment): this {
    const n = f.bytes.length;
    if (n === 0) return this;
    this.#value();
    this.#room(n);
    this.#buf.set(f.bytes, this.#pos);
    this.#pos += n;
    this.#comma = f.commaAfter;
    return this;
  }

  // ---------------------------------------------------------------- internals

  #begin(bracket: number): this {
    this.#value();
    this.#room(1);
    this.#buf[this.#pos++] = bracket;
    this.#comma = false;
    return this;
  }

  #end(bracket: number): this {
    this.#room(1);
    this.#buf[this.#pos++] = bracket;
    this.#comma = true;
    return this;
  }

  #value(): void {
    if (this.#comma) {
      this.#room(1);
      this.#buf[this.#pos++] = COMMA;
    }
  }

  #ascii(s: string): void {
    const n = s.length;
    this.#room(n);
    const buf = this.#buf;
    let pos = this.#pos;
    for (let i = 0; i < n; i++) buf[pos++] = s.charCodeAt(i);
    this.#pos = pos;
  }

  #quoted(s: string): void {
    const n = s.length;
    // worst case: every UTF-16 unit as a 6-byte escape
    this.#room(n * 6 + 2);
    const buf = this.#buf;
    let pos = this.#pos;
    buf[pos++] = QUOTE;
    // a longer string with nothing to escape and nothing beyond ASCII: one
    // native scan and one native copy beat the loop below (which wins on short ones)
    if (n >= NATIVE_MIN && !NOT_PLAIN.test(s)) {
      pos += buf.write(s, pos, 'latin1');
      buf[pos++] = QUOTE;
      this.#pos = pos;
      return;
    }
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        if (c >= 0x20 && c !== QUOTE && c !== BACKSLASH) {
          buf[pos++] = c;
        } else {
          buf[pos++] = BACKSLASH;
          const short = SHORT_ESCAPES[c];
          if (short !== undefined) buf[pos++] = short;
          else pos = unicodeEscape(buf, pos, c);
        }
      } else if (c < 0x800) {
        buf[pos++] = 0xc0 | (c >> 6);
        buf[pos++] = 0x80 | (c & 0x3f);
      } else if (c < 0xd800 || c > 0xdfff) {
        buf[pos++] = 0xe0 | (c >> 12);
        buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
        buf[pos++] = 0x80 | (c & 0x3f);
      } else {
        const next = i + 1 < n ? s.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          buf[pos++] = 0xf0 | (cp >> 18);
          buf[pos++] = 0x80 | ((cp >> 12) & 0x3f);
          buf[pos++] = 0x80 | ((cp >> 6) & 0x3f);
          buf[pos++] = 0x80 | (cp & 0x3f);
          i++;
        } else {
          // a lone surrogate: escaped, as JSON.stringify does
          buf[pos++] = BACKSLASH;
          pos = unicodeEscape(buf, pos, c);
        }
      }
    }
    buf[pos++] = QUOTE;
    this.#pos = pos;
  }
}

/** Writes `uXXXX` (after the backslash) with lower-case hex digits; returns the new position. */
function unicodeEscape(buf: Buffer, pos: number, c: number): number {
  buf[pos++] = 0x75;
  buf[pos++] = HEX.charCodeAt((c >> 12) & 0xf);
  buf[pos++] = HEX.charCodeAt((c >> 8) & 0xf);
  buf[pos++] = HEX.charCodeAt((c >> 4) & 0xf);
  buf[pos++] = HEX.charCodeAt(c & 0xf);
  return pos;
}

/** Bytes written once by a JsonWriter, to be written again (see `JsonWriter.mark`). */
export interface Fragment {
  readonly bytes: Uint8Array;
  /** Whether a member or element after the fragment needs a comma first. */
  readonly commaAfter: boolean;
}

/** What a fragment may be written from: it is reused only for equal values. */
export type FragmentInput = string | number | boolean | null | undefined;

interface FragmentEntry {
  readonly inputs: readonly FragmentInput[];
  readonly fragment: Fragment;
}

/**
 * Fragments of records that repeat from event to event (the same record
 * header, user, resource or policy): replaying one is a single copy instead
 * of writing member by member and escaping every string again.
 *
 * A fragment is found by the complete list of values it was written from,
 * compared one by one with `===`, never by a hash or a joined key, so two
 * inputs that differ in any value never share bytes. Entries are grouped by
 * the first value (a string). The cache is bounded: when it holds `max`
 * fragments it starts afresh.
 */
export class FragmentCache {
  readonly #groups = new Map<FragmentInput, FragmentEntry[]>();
  #size = 0;

  constructor(readonly max = 2048) {}

  /** Fragments kept. */
  get size(): number {
    return this.#size;
  }

  /** The fragment written from exactly `inputs`, if kept. */
  #find(inputs: readonly FragmentInput[]): Fragment | undefined {
    const group = this.#groups.get(inputs[0]);
    if (group === undefined) return undefined;
    for (const entry of group) if (sameInputs(entry.inputs, inputs)) return entry.fragment;
    return undefined;
  }

  /** Keeps `fragment` as the one written from `inputs`. */
  #keep(inputs: readonly FragmentInput[], fragment: Fragment): void {
    if (this.max <= 0) return;
    if (this.#size >= this.max) {
      this.#groups.clear();
      this.#size = 0;
    }
    const group = this.#groups.get(inputs[0]);
    const entry = { inputs, fragment };
    if (group === undefined) this.#groups.set(inputs[0], [entry]);
    else group.push(entry);
    this.#size++;
  }

  /**
   * Writes the fragment kept for `inputs` into `w`, or calls `write(w)` (which
   * must write it from those inputs alone) and keeps what it wrote.
   */
  write(w: JsonWriter, inputs: readonly FragmentInput[], write: (w: JsonWriter) => void): void {
    const hit = this.#find(inputs);
    if (hit !== undefined) {
      w.fragment(hit);
      return;
    }
    const mark = w.mark();
    write(w);
    this.#keep(inputs, w.fragmentSince(mark));
  }
}

function sameInputs(a: readonly FragmentInput[], b: readonly FragmentInput[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** One writer per thread for callers that want a string. */
const shared = new JsonWriter();
let sharedBusy = false;

/** The JSON text `write` produces. */
export function jsonText(write: (w: JsonWriter) => void): string {
  // a nested call (a writer callback asking for text itself) gets a writer of its own
  if (sharedBusy) {
    const w = new JsonWriter(1024);
    write(w);
    return w.toString();
  }
  sharedBusy = true;
  try {
    write(shared.reset());
    return shared.toString();
  } finally {
    sharedBusy = false;
  }
}
