/**
 * The proto3 JSON mapping (https://protobuf.dev/programming-guides/json/),
 * driven by the reflection descriptor instead of hand-written per-field code:
 * each message type is compiled once into a plan (field table by JSON and
 * proto name, scalar kinds, enum tables) and every conversion walks the plan.
 *
 * Parsing (`jsonToMessage`) follows the spec's parser rules: lowerCamelCase
 * json names and original proto names both accepted (not both for one field),
 * unknown fields rejected, `null` meaning "default", enums by name or number,
 * 64-bit integers as strings or numbers, Timestamps as RFC 3339 strings,
 * bytes as standard or URL-safe base64. Every problem becomes a FieldIssue
 * whose path uses proto field names (`events[3].actor.kind`).
 *
 * Printing (`writeMessageJson` into a JsonWriter; `messageToJsonText`,
 * `messageToJson` for text or an object) emits lowerCamelCase names, enums by name
 * (numbers the schema does not define as numbers), 64-bit integers as decimal
 * strings, Timestamps as RFC 3339 with 0/3/6/9 fractional digits and omits
 * fields holding their default value, as the spec's printers do by default.
 *
 * Well-known types: only google.protobuf.Timestamp is used by the schema and
 * mapped; compiling a plan for any other google.protobuf type throws, so a
 * schema change cannot silently get the wrong mapping.
 */
import protobuf from 'protobufjs/light.js';
import type { Enum, Field, MapField, Type } from 'protobufjs/light.js';
import type { FieldIssue } from '../errors.js';
import { jsonText } from './json-text.js';
import type { JsonWriter } from './json-text.js';
import { formatRfc3339, isValidTimestamp, parseRfc3339 } from './timestamp.js';

/** A JSON value as produced by the printer. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** A JSON object as produced by the printer. */
export type JsonObject = { [key: string]: JsonValue };

type ScalarKind =
  'string' | 'bool' | 'int32' | 'uint32' | 'int64' | 'uint64' | 'float' | 'double' | 'bytes';
type ValueKind = ScalarKind | 'enum' | 'message' | 'timestamp';

interface EnumPlan {
  readonly byName: ReadonlyMap<string, number>;
  readonly byNumber: ReadonlyMap<number, string>;
  /** Name of the zero value (the default), e.g. `KIND_UNSPECIFIED`. */
  readonly zeroName: string | undefined;
}

interface FieldPlan {
  /** Name in the .proto (`occurred_at`); used in issue paths. */
  readonly protoName: string;
  /** proto3 JSON name (`occurredAt`), printed by messageToJson. */
  readonly jsonName: string;
  /** protobufjs property name on messages and encoder input. */
  readonly prop: string;
  readonly kind: ValueKind;
  readonly repeated: boolean;
  /** Key kind when this is a map field. */
  readonly mapKey: ScalarKind | undefined;
  readonly enumPlan: EnumPlan | undefined;
  /** Set once every plan exists (types may be recursive, e.g. Actor → AgentInfo → Actor). */
  message: MessagePlan | undefined;
  /** protobufjs name of the oneof the field belongs to. */
  readonly oneof: string | undefined;
}

/** A message type compiled for the JSON mapping. */
export interface MessagePlan {
  readonly fullName: string;
  readonly fields: readonly FieldPlan[];
  /** Fields by JSON name and by proto name. */
  readonly byName: ReadonlyMap<string, FieldPlan>;
}

const SCALARS: Readonly<Record<string, ScalarKind>> = {
  string: 'string',
  bool: 'bool',
  int32: 'int32',
  sint32: 'int32',
  sfixed32: 'int32',
  uint32: 'uint32',
  fixed32: 'uint32',
  int64: 'int64',
  sint64: 'int64',
  sfixed64: 'int64',
  uint64: 'uint64',
  fixed64: 'uint64',
  float: 'float',
  double: 'double',
  bytes: 'bytes',
};

const TIMESTAMP = 'google.protobuf.Timestamp';

/** proto3 JSON name of a proto field name, as protoc computes it (drop `_`, upper-case the next letter). */
export function jsonNameOf(protoName: string): string {
  let out = '';
  let upper = false;
  for (const ch of protoName) {
    if (ch === '_') upper = true;
    else if (upper) {
      out += ch.toUpperCase();
      upper = false;
    } else out += ch;
  }
  return out;
}

const plans = new Map<Type, MessagePlan>();
const enumPlans = new Map<Enum, EnumPlan>();

function enumPlanOf(e: Enum): EnumPlan {
  let plan = enumPlans.get(e);
  if (plan === undefined) {
    const byName = new Map<string, number>();
    const byNumber = new Map<number, string>();
    for (const [name, value] of Object.entries(e.values)) {
      byName.set(name, value);
      if (!byNumber.has(value)) byNumber.set(value, name);
    }
    plan = { byName, byNumber, zeroName: byNumber.get(0) };
    enumPlans.set(e, plan);
  }
  return plan;
}

/** Compiles (once) the plan for a reflected message type. */
export function planOf(type: Type): MessagePlan {
  const existing = plans.get(type);
  if (existing !== undefined) return existing;
  const fields: FieldPlan[] = [];
  const byName = new Map<string, FieldPlan>();
  const plan: MessagePlan = { fullName: type.fullName.replace(/^\./, ''), fields, byName };
  plans.set(type, plan); // before recursing: types may refer to themselves
  const pending: [FieldPlan, Type][] = [];
  const sorted = [...type.fieldsArray].sort((a, b) => a.id - b.id);
  for (const field of sorted) {
    const f: Field | MapField = field.resolve();
    const protoName = f.protoName ?? f.name;
    const resolved = f.resolvedType;
    let kind: ValueKind;
    let enumPlan: EnumPlan | undefined;
    let nested: Type | undefined;
    if (resolved instanceof protobuf.Enum) {
      kind = 'enum';
      enumPlan = enumPlanOf(resolved);
    } else if (resolved instanceof protobuf.Type) {
      const fullName = resolved.fullName.replace(/^\./, '');
      if (fullName === TIMESTAMP) kind = 'timestamp';
      else if (fullName.startsWith('google.protobuf.')) {
        throw new Error(
          `proto-json: well-known type ${fullName} (${plan.fullName}.${protoName}) is not mapped`,
        );
      } else {
        kind = 'message';
        nested = resolved;
      }
    } else {
      const scalar = SCALARS[f.type];
      if (scalar === undefined) throw new Error(`proto-json: unsupported type ${f.type}`);
      kind = scalar;
    }
    let mapKey: ScalarKind | undefined;
    if (f instanceof protobuf.MapField) {
      const key = SCALARS[f.keyType];
      if (key === undefined) throw new Error(`proto-json: unsupported map key ${f.keyType}`);
      mapKey = key;
    }
    const fp: FieldPlan = {
      protoName,
      jsonName: f.jsonName ?? jsonNameOf(protoName),
      prop: f.name,
      kind,
      repeated: f.repeated,
      mapKey,
      enumPlan,
      message: undefined,
      oneof: f.partOf?.name,
    };
    fields.push(fp);
    byName.set(fp.jsonName, fp);
    byName.set(protoName, fp);
    if (nested !== undefined) pending.push([fp, nested]);
  }
  for (const [fp, nested] of pending) fp.message = planOf(nested);
  return plan;
}

// ---------------------------------------------------------------- parsing

const INVALID = Symbol('invalid');
type Parsed = unknown;

const INT_STRING = /^-?\d+$/;
const NUMBER_STRING = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const BASE64 = /^(?:[A-Za-z0-9+/]*|[A-Za-z0-9_-]*)={0,2}$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
// proto3 strings are UTF-8: a lone surrogate has no UTF-8 encoding
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const UINT32_MAX = 2 ** 32 - 1;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
const FLOAT_MAX = 3.4028234663852886e38;

function childPath(path: string, name: string): string {
  const seg = IDENTIFIER.test(name) ? name : JSON.stringify(name);
  if (path === '') return IDENTIFIER.test(name) ? name : `[${seg}]`;
  return IDENTIFIER.test(name) ? `${path}.${name}` : `${path}[${seg}]`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}

function parseInt32(v: unknown, unsigned: boolean): number | typeof INVALID {
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && NUMBER_STRING.test(v)) n = Number(v);
  else return INVALID;
  if (!Number.isInteger(n)) return INVALID;
  if (unsigned ? n < 0 || n > UINT32_MAX : n < INT32_MIN || n > INT32_MAX) return INVALID;
  return n;
}

function parseInt64(v: unknown, unsigned: boolean): number | string | typeof INVALID {
  let big: bigint;
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) return INVALID;
    big = BigInt(v);
  } else if (typeof v === 'string' && INT_STRING.test(v)) big = BigInt(v);
  else if (typeof v === 'string' && NUMBER_STRING.test(v) && Number.isSafeInteger(Number(v)))
    big = BigInt(Number(v));
  else return INVALID;
  if (unsigned ? big < 0n || big > UINT64_MAX : big < INT64_MIN || big > INT64_MAX) return INVALID;
  const n = Number(big);
  // beyond 2^53 the encoder takes the exact decimal string
  return Number.isSafeInteger(n) ? n : big.toString();
}

function parseFloatValue(v: unknown, single: boolean): number | typeof INVALID {
  let n: number;
  if (typeof v === 'number') n = v;
  else if (v === 'NaN') return NaN;
  else if (v === 'Infinity') return Infinity;
  else if (v === '-Infinity') return -Infinity;
  else if (typeof v === 'string' && NUMBER_STRING.test(v)) n = Number(v);
  else return INVALID;
  if (!Number.isFinite(n) || (single && Math.abs(n) > FLOAT_MAX)) return INVALID;
  return n;
}

function parseBytes(v: unknown): Uint8Array | typeof INVALID {
  if (typeof v !== 'string' || !BASE64.test(v) || v.replace(/=+$/, '').length % 4 === 1)
    return INVALID;
  return Buffer.from(v, v.includes('-') || v.includes('_') ? 'base64url' : 'base64');
}

function scalarExpectation(kind: ValueKind): string {
  switch (kind) {
    case 'string':
      return 'a string';
    case 'bool':
      return 'true or false';
    case 'int32':
      return 'a 32-bit integer (number or string)';
    case 'uint32':
      return 'an unsigned 32-bit integer (number or string)';
    case 'int64':
      return 'a 64-bit integer (decimal string or number)';
    case 'uint64':
      return 'an unsigned 64-bit integer (decimal string or number)';
    case 'float':
    case 'double':
      return 'a number';
    case 'bytes':
      return 'base64';
    case 'timestamp':
      return 'an RFC 3339 timestamp such as "2024-05-01T12:00:00Z"';
    case 'enum':
      return 'an enum value name or number';
    case 'message':
      return 'a JSON object';
  }
}

function parseValue(
  fp: FieldPlan,
  kind: ValueKind,
  v: unknown,
  path: string,
  issues: FieldIssue[],
): Parsed {
  let out: unknown;
  switch (kind) {
    case 'string':
      if (typeof v === 'string' && LONE_SURROGATE.test(v)) {
        issues.push({ path, message: 'must be valid Unicode (lone surrogate)' });
        return INVALID;
      }
      out = typeof v === 'string' ? v : INVALID;
      break;
    case 'bool':
      out = typeof v === 'boolean' ? v : INVALID;
      break;
    case 'int32':
    case 'uint32':
      out = parseInt32(v, kind === 'uint32');
      break;
    case 'int64':
    case 'uint64':
      out = parseInt64(v, kind === 'uint64');
      break;
    case 'float':
    case 'double':
      out = parseFloatValue(v, kind === 'float');
      break;
    case 'bytes':
      out = parseBytes(v);
      break;
    case 'timestamp':
      out = (typeof v === 'string' && parseRfc3339(v)) || INVALID;
      break;
    case 'enum': {
      const plan = fp.enumPlan!;
      if (typeof v === 'string') {
        const n = plan.byName.get(v);
        if (n === undefined) {
          issues.push({ path, message: `unknown enum value ${JSON.stringify(v)}` });
          return INVALID;
        }
        out = n;
      } else {
        // open enums: an undefined number is still well-formed JSON; the validator decides
        out = parseInt32(v, false);
      }
      break;
    }
    case 'message':
      return jsonToMessage(fp.message!, v, path, issues);
  }
  if (out === INVALID)
    issues.push({ path, message: `must be ${scalarExpectation(kind)}, got ${describe(v)}` });
  return out;
}

function parseMapKey(kind: ScalarKind, key: string): unknown {
  switch (kind) {
    case 'string':
      return key;
    case 'bool':
      return key === 'true' ? true : key === 'false' ? false : INVALID;
    case 'int32':
    case 'uint32':
      return INT_STRING.test(key) ? parseInt32(key, kind === 'uint32') : INVALID;
    case 'int64':
    case 'uint64':
      return INT_STRING.test(key) ? parseInt64(key, kind === 'uint64') : INVALID;
    default:
      return INVALID;
  }
}

/**
 * Converts a proto3 JSON object into a plain object the generated encoder
 * accepts (protobufjs property names, enums as numbers, Timestamps as
 * `{seconds, nanos}`, bytes as Buffers, 64-bit integers as numbers or exact
 * decimal strings beyond 2^53). Pushes one issue per problem, with `path`
 * (`''` for the root) as prefix; returns INVALID-free output only when no
 * issue was pushed.
 */
export function jsonToMessage(
  plan: MessagePlan,
  value: unknown,
  path: string,
  issues: FieldIssue[],
): Record<string, unknown> | undefined {
  if (!isPlainObject(value)) {
    issues.push({ path, message: `must be a JSON object, got ${describe(value)}` });
    return undefined;
  }
  const out: Record<string, unknown> = {};
  let seen: Map<FieldPlan, string> | undefined;
  let oneofs: Map<string, FieldPlan> | undefined;
  for (const key of Object.keys(value)) {
    const fp = plan.byName.get(key);
    if (fp === undefined) {
      issues.push({ path: childPath(path, key), message: `unknown field in ${plan.fullName}` });
      continue;
    }
    const fpath = childPath(path, fp.protoName);
    seen ??= new Map();
    const earlier = seen.get(fp);
    if (earlier !== undefined) {
      issues.push({
        path: fpath,
        message: `set twice, as ${JSON.stringify(earlier)} and ${JSON.stringify(key)}`,
      });
      continue;
    }
    seen.set(fp, key);
    const v = value[key];
    if (v === null) continue; // null is the default value: the field stays absent
    if (fp.oneof !== undefined) {
      oneofs ??= new Map();
      const other = oneofs.get(fp.oneof);
      if (other !== undefined) {
        issues.push({
          path: fpath,
          message: `only one of oneof ${fp.oneof} may be set; ${other.protoName} is set too`,
        });
        continue;
      }
      oneofs.set(fp.oneof, fp);
    }
    if (fp.mapKey !== undefined) {
      if (!isPlainObject(v)) {
        issues.push({ path: fpath, message: `must be a JSON object (map), got ${describe(v)}` });
        continue;
      }
      // null prototype: keys such as "__proto__" stay ordinary keys
      const map = Object.create(null) as Record<string, unknown>;
      for (const k of Object.keys(v)) {
        const kpath = `${fpath}[${JSON.stringify(k)}]`;
        if (parseMapKey(fp.mapKey, k) === INVALID) {
          issues.push({ path: kpath, message: `map key must be ${scalarExpectation(fp.mapKey)}` });
          continue;
        }
        const parsed = parseValue(fp, fp.kind, v[k], kpath, issues);
        if (parsed !== INVALID && parsed !== undefined) map[k] = parsed;
      }
      out[fp.prop] = map;
    } else if (fp.repeated) {
      if (!Array.isArray(v)) {
        issues.push({ path: fpath, message: `must be a JSON array, got ${describe(v)}` });
        continue;
      }
      const list: unknown[] = [];
      for (let i = 0; i < v.length; i++) {
        const parsed = parseValue(fp, fp.kind, v[i], `${fpath}[${i}]`, issues);
        if (parsed !== INVALID && parsed !== undefined) list.push(parsed);
      }
      out[fp.prop] = list;
    } else {
      const parsed = parseValue(fp, fp.kind, v, fpath, issues);
      if (parsed !== INVALID && parsed !== undefined) out[fp.prop] = parsed;
    }
  }
  return out;
}

// ---------------------------------------------------------------- printing

interface LongLike {
  readonly low: number;
  readonly high: number;
  readonly unsigned: boolean;
}

function isLongLike(v: unknown): v is LongLike {
  return typeof v === 'object' && v !== null && typeof (v as LongLike).low === 'number';
}

/** Exact decimal string of a 64-bit value held as a number, bigint, string or protobufjs Long. */
function int64String(v: unknown, unsigned: boolean): string {
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'string') return String(v);
  if (isLongLike(v)) {
    const lo = BigInt(v.low >>> 0);
    const hi = BigInt(v.high >>> 0);
    const bits = (hi << 32n) | lo;
    return (unsigned || v.unsigned ? bits : BigInt.asIntN(64, bits)).toString();
  }
  return '0';
}

function isDefault(kind: ValueKind, fp: FieldPlan, v: unknown): boolean {
  switch (kind) {
    case 'string':
      return v === '';
    case 'bool':
      return v === false;
    case 'int64':
    case 'uint64':
      return isLongLike(v) ? v.low === 0 && v.high === 0 : v === 0 || v === '0' || v === 0n;
    case 'enum':
      return v === 0 || v === fp.enumPlan!.zeroName;
    case 'bytes':
      return (v as Uint8Array).length === 0;
    case 'message':
    case 'timestamp':
      return false;
    default:
      return v === 0;
  }
}

/** Writes one value of field `fp` (an element, for repeated and map fields). */
function writeValue(w: JsonWriter, fp: FieldPlan, v: unknown): void {
  switch (fp.kind) {
    case 'string':
      w.string(v as string);
      return;
    case 'bool':
      w.bool(v === true);
      return;
    case 'int32':
    case 'uint32':
      w.number(v as number);
      return;
    case 'int64':
    case 'uint64':
      w.string(int64String(v, fp.kind === 'uint64'));
      return;
    case 'float':
    case 'double': {
      const n = v as number;
      if (Number.isNaN(n)) w.string('NaN');
      else if (n === Infinity) w.string('Infinity');
      else if (n === -Infinity) w.string('-Infinity');
      else w.number(n);
      return;
    }
    case 'bytes': {
      const b = v as Uint8Array;
      w.string(Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64'));
      return;
    }
    case 'enum': {
      if (typeof v === 'string') w.string(v);
      else {
        const name = fp.enumPlan!.byNumber.get(v as number);
        if (name === undefined) w.number(v as number);
        else w.string(name);
      }
      return;
    }
    case 'timestamp': {
      const t = v as { seconds: unknown; nanos: unknown };
      const seconds = Number(int64String(t.seconds ?? 0, false));
      const nanos = typeof t.nanos === 'number' ? t.nanos : 0;
      if (!isValidTimestamp(seconds, nanos))
        throw new RangeError(`timestamp ${seconds}.${nanos} is out of range`);
      w.string(formatRfc3339({ seconds, nanos }));
      return;
    }
    case 'message':
      writeMessageJson(w, fp.message!, v as Record<string, unknown>);
      return;
  }
}

/**
 * Writes field `fp` of `msg` as a member (`"jsonName":value`), unless the
 * proto3 JSON mapping omits it: unset, default value, empty list or map, or
 * a oneof member other than the chosen case.
 */
function writeField(w: JsonWriter, fp: FieldPlan, msg: Readonly<Record<string, unknown>>): void {
  if (fp.oneof !== undefined) {
    const chosen = msg[fp.oneof];
    if (typeof chosen === 'string' && chosen !== fp.prop) return;
  }
  const v = msg[fp.prop];
  if (v === undefined || v === null) return;
  if (fp.mapKey !== undefined) {
    const map = v as Record<string, unknown>;
    const keys = Object.keys(map);
    if (keys.length === 0) return;
    w.key(fp.jsonName).open();
    for (const k of keys) {
      w.key(k);
      writeValue(w, fp, map[k]);
    }
    w.close();
    return;
  }
  if (fp.repeated) {
    const list = v as readonly unknown[];
    if (list.length === 0) return;
    w.key(fp.jsonName).openArray();
    for (const x of list) writeValue(w, fp, x);
    w.closeArray();
    return;
  }
  if (isDefault(fp.kind, fp, v)) return;
  w.key(fp.jsonName);
  writeValue(w, fp, v);
}

/**
 * Writes a message (a decoded protobufjs message, or a plain object using the
 * same property names, such as a ValidAuditEvent) in the proto3 JSON mapping.
 * Enum values may be numbers or names; 64-bit values numbers, strings or
 * Longs. For a oneof, only the case named by the message's oneof property
 * (protobufjs sets `payload: 'sessionOpened'`) is printed when that property
 * is present. Throws RangeError for a Timestamp outside its range (which has
 * no JSON form).
 */
export function writeMessageJson(
  w: JsonWriter,
  plan: MessagePlan,
  msg: Readonly<Record<string, unknown>>,
): void {
  w.open();
  for (const fp of plan.fields) writeField(w, fp, msg);
  w.close();
}

/**
 * Writes one field of `msg`, named by its protobufjs property
 * (`commandExecuted`), as a member with the printer's rules (nothing when the
 * mapping omits it). Throws for a name that is no field of `plan`.
 */
export function writePropertyJson(
  w: JsonWriter,
  plan: MessagePlan,
  msg: Readonly<Record<string, unknown>>,
  prop: string,
): void {
  const fp = plan.byName.get(prop);
  if (fp === undefined || fp.prop !== prop)
    throw new Error(`${plan.fullName} has no field ${prop}`);
  writeField(w, fp, msg);
}

/** `writeMessageJson` as JSON text. */
export function messageToJsonText(
  plan: MessagePlan,
  msg: Readonly<Record<string, unknown>>,
): string {
  return jsonText((w) => writeMessageJson(w, plan, msg));
}

/** `messageToJsonText` as a JSON object (for callers that add to it or hand it to a serialiser). */
export function messageToJson(
  plan: MessagePlan,
  msg: Readonly<Record<string, unknown>>,
): JsonObject {
  return JSON.parse(messageToJsonText(plan, msg)) as JsonObject;
}
