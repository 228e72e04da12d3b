/**
 * The ISO/IEC 27001:2022 Annex A mapping as data: for each control, which
 * events are its evidence and under what condition, with its ISO/IEC
 * 27001:2013 ids as aliases (`A.9.2.3` finds `8.2`). The built-in mapping is
 * `iso27001-2022.json` beside this file; a deployment may replace it with its
 * own file of the same shape (`loadControlMapping({ file })`).
 *
 * File shape:
 *
 * ```json
 * { "standard": "...", "version": "1", "controls": [
 *   { "id": "8.2", "title": "Privileged access rights", "aliases": ["A.9.2.3"],
 *     "summary": "...",
 *     "evidence": [
 *       { "events": ["session_opened"], "when": { "privileged": true }, "description": "..." },
 *       { "events": ["approval_requested", "approval_granted"] } ] } ] }
 * ```
 *
 * An event is evidence for a control when any of its rules matches: the
 * event's payload type is listed (`"*"`: any type) and every condition of
 * `when` holds. Conditions name attributes from ATTRIBUTES; a list value
 * means "any of". Every problem in a file is reported at once, each with the
 * path of the bad entry (`controls[3].evidence[0].when.mfaa`).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { LedgerError } from '../../ledger/errors.js';
import type { FieldIssue } from '../../ledger/errors.js';
import { GATEWAY_PAYLOAD_TYPES, INTERNAL_PAYLOAD_TYPES } from '../../ledger/events/index.js';
import type { PayloadType } from '../../ledger/events/index.js';
import { enumNames } from '../../ledger/events/schema.js';
import type { ProjectedEvent } from '../view-store.js';
import builtin from './iso27001-2022.json' with { type: 'json' };

/** Facts a condition may need beyond the event itself. */
export interface TagContext {
  /** The `scope` of the approval request `requestId` of `tenantId`, if it was seen earlier in the log. */
  approvalScope(tenantId: string, requestId: string): string | undefined;
}

type AttributeValue = boolean | string | number | undefined;

type AttributeKind = 'boolean' | 'names' | 'strings' | 'threshold';

/** One attribute a condition may test. */
export interface AttributeSpec {
  readonly kind: AttributeKind;
  /** Payload types the attribute is defined for; `all` for any. */
  readonly appliesTo: readonly PayloadType[] | 'all';
  /** Allowed values for `names` attributes (enum value names from the schema). */
  readonly values?: readonly string[];
  /** What the attribute is, for the documentation. */
  readonly doc: string;
  /** The attribute's value for an event; undefined when it has none. */
  readonly read: (p: ProjectedEvent, ctx: TagContext) => AttributeValue;
}

function names(enumName: string): string[] {
  return enumNames(enumName).filter((n): n is string => n !== undefined);
}

const ALL_TYPES: readonly PayloadType[] = [...GATEWAY_PAYLOAD_TYPES, ...INTERNAL_PAYLOAD_TYPES];
const APPROVAL_TYPES: readonly PayloadType[] = [
  'approval_requested',
  'approval_granted',
  'approval_denied',
];

/** The vocabulary of `when` conditions. */
export const ATTRIBUTES: Readonly<Record<string, AttributeSpec>> = {
  privileged: {
    kind: 'boolean',
    appliesTo: ['session_opened'],
    doc: 'the session uses privileged (admin, superuser) rights',
    read: ({ event: e }) => (e.type === 'session_opened' ? e.sessionOpened.privileged : undefined),
  },
  mfa: {
    kind: 'boolean',
    appliesTo: ['session_opened'],
    doc: 'the actor passed multi-factor authentication',
    read: ({ event: e }) => (e.type === 'session_opened' ? e.sessionOpened.mfa : undefined),
  },
  access_mode: {
    kind: 'names',
    appliesTo: ['session_opened'],
    values: names('ledger.v1.SessionOpened.AccessMode'),
    doc: 'JIT or STANDING access',
    read: ({ event: e }) => (e.type === 'session_opened' ? e.sessionOpened.accessMode : undefined),
  },
  close_status: {
    kind: 'names',
    appliesTo: ['session_closed'],
    values: names('ledger.v1.SessionClosed.Status'),
    doc: 'how the session ended',
    read: ({ event: e }) => (e.type === 'session_closed' ? e.sessionClosed.status : undefined),
  },
  rule_type: {
    kind: 'names',
    appliesTo: ['command_blocked'],
    values: names('ledger.v1.CommandBlocked.RuleType'),
    doc: 'the kind of rule that blocked a command',
    read: ({ event: e }) => (e.type === 'command_blocked' ? e.commandBlocked.ruleType : undefined),
  },
  info_type: {
    kind: 'names',
    appliesTo: ['field_masked'],
    values: names('ledger.v1.FieldMasked.InfoType'),
    doc: 'the kind of data masked',
    read: ({ event: e }) => (e.type === 'field_masked' ? e.fieldMasked.infoType : undefined),
  },
  verb: {
    kind: 'strings',
    appliesTo: ['command_executed'],
    doc: 'the command verb (SELECT, ALTER, GET, tools/call...), compared case-insensitively',
    read: ({ event: e }) =>
      e.type === 'command_executed' ? e.commandExecuted.verb.toUpperCase() : undefined,
  },
  approval_scope: {
    kind: 'strings',
    appliesTo: APPROVAL_TYPES,
    doc: 'what an approval is for (session, command, schema_change, bulk_delete...); for a grant or denial, the scope of its request seen earlier in the log',
    read: ({ event: e }, ctx) => {
      if (e.type === 'approval_requested') return e.approvalRequested.scope;
      if (e.type === 'approval_granted')
        return ctx.approvalScope(e.tenantId, e.approvalGranted.requestId);
      if (e.type === 'approval_denied')
        return ctx.approvalScope(e.tenantId, e.approvalDenied.requestId);
      return undefined;
    },
  },
  decision: {
    kind: 'names',
    appliesTo: 'all',
    values: names('ledger.v1.PolicyDecision.Decision'),
    doc: 'the gateway policy decision attached to the event',
    read: ({ event: e }) => e.policy?.decision,
  },
  actor_kind: {
    kind: 'names',
    appliesTo: 'all',
    values: names('ledger.v1.Actor.Kind'),
    doc: 'HUMAN, AGENT or SERVICE',
    read: ({ event: e }) => e.actor.kind,
  },
  has_identity_provider: {
    kind: 'boolean',
    appliesTo: 'all',
    doc: 'the actor names the identity provider that authenticated it',
    read: ({ event: e }) => e.actor.identityProvider !== '',
  },
  resource_type: {
    kind: 'names',
    appliesTo: 'all',
    values: names('ledger.v1.Resource.Type'),
    doc: 'POSTGRES, REDIS, HTTP, MCP...',
    read: ({ event: e }) => e.resource.type,
  },
  clock_ahead_over_ms: {
    kind: 'threshold',
    appliesTo: 'all',
    doc: "the gateway's occurred_at is later than the ledger's recorded-at time by more than this many milliseconds: the gateway's clock runs fast (an event cannot happen after it was recorded; lateness, by contrast, may be buffering)",
    read: (p) => p.event.occurredAtMs - p.recordedAt,
  },
};

/** One evidence rule of a control. */
export interface EvidenceRule {
  /** Payload types, or `['*']` for any. */
  readonly events: readonly string[];
  readonly when: Readonly<Record<string, boolean | number | string | readonly string[]>>;
  readonly description: string;
}

/** One Annex A 2022 control. */
export interface Control {
  /** The 2022 id, e.g. `8.2`. */
  readonly id: string;
  readonly title: string;
  /** ISO/IEC 27001:2013 ids that map to it, e.g. `A.9.2.3`. */
  readonly aliases: readonly string[];
  readonly summary: string;
  readonly evidence: readonly EvidenceRule[];
}

/** A validated, compiled mapping. */
export interface ControlMapping {
  readonly standard: string;
  readonly version: string;
  /** `built-in` or the file it was read from. */
  readonly source: string;
  /** SHA-256 (hex) of the normalised controls: a change means the event index must be rebuilt. */
  readonly fingerprint: string;
  readonly controls: readonly Control[];
  /**
   * The controls an id names: a 2022 id (`8.2`, also written `A.8.2`) or a 2013
   * alias (`A.9.2.3`), case-insensitive. Undefined when the mapping has none.
   */
  resolve(id: string): readonly Control[] | undefined;
  /** 2022 ids of the controls `p` is evidence for, in mapping order (a shared empty array when none). */
  tag(p: ProjectedEvent, ctx: TagContext): readonly string[];
  /**
   * A bit per control, by mapping order (`2 ** index`), so a set of controls fits
   * one integer column; undefined for an id the mapping does not define.
   */
  bit(id: string): number | undefined;
}

/** Most controls one mapping may define: each gets a bit of a 53-bit safe integer. */
export const MAX_CONTROLS = 52;

/** A control mapping file that does not validate; `issues` names every bad entry. */
export class ControlMappingError extends LedgerError<'LDG_ERR_CONFIG'> {
  readonly issues: readonly FieldIssue[];
  readonly file: string;

  constructor(file: string, issues: readonly FieldIssue[]) {
    const first = issues
      .slice(0, 5)
      .map((i) => `${i.path}: ${i.message}`)
      .join('; ');
    const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
    super('LDG_ERR_CONFIG', `control mapping ${file}: ${first}${more}`);
    this.name = 'ControlMappingError';
    this.issues = Object.freeze([...issues]);
    this.file = file;
  }
}

const ID_2022 = /^(?:A\.)?([5-8])\.(\d{1,2})$/i;
const ID_2013 = /^A\.(\d{1,2})\.(\d{1,2})\.(\d{1,2})$/i;
const KNOWN_TYPES = new Set<string>(ALL_TYPES);
const EMPTY: readonly string[] = Object.freeze([]);

/** Canonical form of a 2022 id (`A.8.02` → `8.2`), or undefined. */
function canonical2022(id: string): string | undefined {
  const m = ID_2022.exec(id.trim());
  return m ? `${Number(m[1])}.${Number(m[2])}` : undefined;
}

/** Canonical form of a 2013 id (`a.9.2.3` → `A.9.2.3`), or undefined. */
function canonical2013(id: string): string | undefined {
  const m = ID_2013.exec(id.trim());
  return m ? `A.${Number(m[1])}.${Number(m[2])}.${Number(m[3])}` : undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}

function text(
  v: unknown,
  path: string,
  issues: FieldIssue[],
  required: boolean,
  fallback = '',
): string {
  if (v === undefined && !required) return fallback;
  if (typeof v !== 'string' || v.trim() === '') {
    issues.push({ path, message: `must be a non-empty string, got ${describe(v)}` });
    return fallback;
  }
  return v;
}

function checkCondition(
  key: string,
  value: unknown,
  types: readonly string[],
  path: string,
  control: string,
  issues: FieldIssue[],
): EvidenceRule['when'][string] | undefined {
  const spec = ATTRIBUTES[key];
  if (spec === undefined) {
    issues.push({
      path,
      message: `unknown attribute (control ${control}); known: ${Object.keys(ATTRIBUTES).join(', ')}`,
    });
    return undefined;
  }
  if (spec.appliesTo !== 'all') {
    const applies = spec.appliesTo as readonly string[];
    const useless = types.filter((t) => t === '*' || !applies.includes(t));
    if (useless.length > 0) {
      issues.push({
        path,
        message: `${key} is only defined for ${applies.join(', ')}, not for ${useless.join(', ')} (control ${control})`,
      });
      return undefined;
    }
  }
  switch (spec.kind) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      issues.push({ path, message: `must be true or false, got ${describe(value)}` });
      return undefined;
    case 'threshold':
      if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
      issues.push({ path, message: `must be a non-negative integer, got ${describe(value)}` });
      return undefined;
    case 'names':
    case 'strings': {
      const list = typeof value === 'string' ? [value] : value;
      if (
        !Array.isArray(list) ||
        list.length === 0 ||
        !list.every((x): x is string => typeof x === 'string' && x !== '')
      ) {
        issues.push({
          path,
          message: `must be a non-empty string or a non-empty list of them, got ${describe(value)}`,
        });
        return undefined;
      }
      if (spec.kind === 'names') {
        const allowed = spec.values ?? [];
        const bad = list.filter((x) => !allowed.includes(x));
        if (bad.length > 0) {
          issues.push({
            path,
            message: `unknown value ${bad.map((b) => JSON.stringify(b)).join(', ')}; one of ${allowed.join(', ')}`,
          });
          return undefined;
        }
      }
      return typeof value === 'string' ? value : [...list];
    }
  }
}

function checkRule(
  raw: unknown,
  path: string,
  control: string,
  issues: FieldIssue[],
): EvidenceRule | undefined {
  if (!isRecord(raw)) {
    issues.push({ path, message: `must be an object, got ${describe(raw)}` });
    return undefined;
  }
  const start = issues.length;
  for (const key of Object.keys(raw)) {
    if (!['events', 'when', 'description'].includes(key)) {
      issues.push({
        path: `${path}.${key}`,
        message: 'unknown field; allowed: events, when, description',
      });
    }
  }
  const events = raw['events'];
  let types: string[] = [];
  if (!Array.isArray(events) || events.length === 0) {
    issues.push({
      path: `${path}.events`,
      message: `must be a non-empty list of payload types (or ["*"]), got ${describe(events)}`,
    });
  } else {
    events.forEach((t, i) => {
      if (typeof t !== 'string' || (t !== '*' && !KNOWN_TYPES.has(t))) {
        issues.push({
          path: `${path}.events[${i}]`,
          message: `unknown payload type ${describe(t)} (control ${control}); one of *, ${ALL_TYPES.join(', ')}`,
        });
      } else types.push(t);
    });
    if (types.includes('*') && types.length > 1) {
      issues.push({
        path: `${path}.events`,
        message: '"*" already means every type; list nothing else',
      });
    }
    types = [...new Set(types)];
  }
  const when: Record<string, EvidenceRule['when'][string]> = {};
  const rawWhen = raw['when'];
  if (rawWhen !== undefined) {
    if (!isRecord(rawWhen)) {
      issues.push({ path: `${path}.when`, message: `must be an object, got ${describe(rawWhen)}` });
    } else {
      for (const [key, value] of Object.entries(rawWhen)) {
        const v = checkCondition(key, value, types, `${path}.when.${key}`, control, issues);
        if (v !== undefined) when[key] = v;
      }
    }
  }
  const description = text(raw['description'], `${path}.description`, issues, false);
  if (issues.length > start) return undefined;
  return { events: types, when, description };
}

/**
 * Validates a parsed mapping (the JSON shape above) and compiles it. Throws
 * ControlMappingError listing every problem, each with its path; `source`
 * names the file in the message.
 */
export function parseControlMapping(raw: unknown, source: string): ControlMapping {
  const issues: FieldIssue[] = [];
  if (!isRecord(raw)) {
    throw new ControlMappingError(source, [
      { path: '(root)', message: `must be a JSON object, got ${describe(raw)}` },
    ]);
  }
  for (const key of Object.keys(raw)) {
    if (!['standard', 'version', 'aliasesFrom', 'controls', '$comment'].includes(key)) {
      issues.push({
        path: key,
        message: 'unknown field; allowed: standard, version, aliasesFrom, controls, $comment',
      });
    }
  }
  const standard = text(raw['standard'], 'standard', issues, true);
  const version = text(raw['version'], 'version', issues, true);
  const list = raw['controls'];
  const controls: Control[] = [];
  if (!Array.isArray(list) || list.length === 0) {
    issues.push({ path: 'controls', message: `must be a non-empty list, got ${describe(list)}` });
  } else if (list.length > MAX_CONTROLS) {
    issues.push({
      path: 'controls',
      message: `lists ${list.length} controls; at most ${MAX_CONTROLS} can be indexed (map only controls gateway events are evidence for)`,
    });
  } else {
    const ids = new Map<string, string>();
    const aliasOwner = new Map<string, string>();
    list.forEach((c, i) => {
      const path = `controls[${i}]`;
      if (!isRecord(c)) {
        issues.push({ path, message: `must be an object, got ${describe(c)}` });
        return;
      }
      const start = issues.length;
      for (const key of Object.keys(c)) {
        if (!['id', 'title', 'aliases', 'summary', 'evidence'].includes(key)) {
          issues.push({
            path: `${path}.${key}`,
            message: 'unknown field; allowed: id, title, aliases, summary, evidence',
          });
        }
      }
      const rawId = c['id'];
      const id = typeof rawId === 'string' ? canonical2022(rawId) : undefined;
      if (id === undefined || id !== rawId) {
        issues.push({
          path: `${path}.id`,
          message: `must be an Annex A 2022 id such as "8.2" (written canonically), got ${describe(rawId)}`,
        });
      } else if (ids.has(id)) {
        issues.push({ path: `${path}.id`, message: `duplicates ${ids.get(id)} (${id})` });
      } else ids.set(id, path);
      const name = id ?? describe(rawId);
      const title = text(c['title'], `${path}.title`, issues, true);
      const summary = text(c['summary'], `${path}.summary`, issues, false);
      const aliases: string[] = [];
      const rawAliases = c['aliases'] ?? [];
      if (!Array.isArray(rawAliases)) {
        issues.push({
          path: `${path}.aliases`,
          message: `must be a list of 2013 ids such as "A.9.2.3", got ${describe(rawAliases)}`,
        });
      } else {
        rawAliases.forEach((a, j) => {
          const alias = typeof a === 'string' ? canonical2013(a) : undefined;
          if (alias === undefined || alias !== a) {
            issues.push({
              path: `${path}.aliases[${j}]`,
              message: `must be an ISO/IEC 27001:2013 id such as "A.9.2.3" (written canonically), got ${describe(a)}`,
            });
          } else if (aliases.includes(alias)) {
            issues.push({ path: `${path}.aliases[${j}]`, message: `${alias} is listed twice` });
          } else {
            aliases.push(alias);
            const owners = aliasOwner.get(alias);
            aliasOwner.set(alias, owners === undefined ? name : `${owners}, ${name}`);
          }
        });
      }
      const rawEvidence = c['evidence'];
      const evidence: EvidenceRule[] = [];
      if (!Array.isArray(rawEvidence) || rawEvidence.length === 0) {
        issues.push({
          path: `${path}.evidence`,
          message: `must be a non-empty list of rules (control ${name}), got ${describe(rawEvidence)}`,
        });
      } else {
        rawEvidence.forEach((r, j) => {
          const rule = checkRule(r, `${path}.evidence[${j}]`, name, issues);
          if (rule !== undefined) evidence.push(rule);
        });
      }
      if (issues.length === start && id !== undefined) {
        controls.push({ id, title, aliases, summary, evidence });
      }
    });
  }
  if (issues.length > 0) throw new ControlMappingError(source, issues);
  return compile(standard, version, source, controls);
}

type Predicate = (p: ProjectedEvent, ctx: TagContext) => boolean;

function predicateOf(key: string, expected: EvidenceRule['when'][string]): Predicate {
  const spec = ATTRIBUTES[key] as AttributeSpec;
  const read = spec.read;
  switch (spec.kind) {
    case 'boolean':
      return (p, ctx) => read(p, ctx) === expected;
    case 'threshold': {
      const limit = expected as number;
      return (p, ctx) => {
        const v = read(p, ctx);
        return typeof v === 'number' && v > limit;
      };
    }
    case 'names':
    case 'strings': {
      const list = typeof expected === 'string' ? [expected] : (expected as readonly string[]);
      const allowed = new Set(
        spec.kind === 'strings' && key === 'verb' ? list.map((s) => s.toUpperCase()) : list,
      );
      return (p, ctx) => {
        const v = read(p, ctx);
        return typeof v === 'string' && allowed.has(v);
      };
    }
  }
}

interface CompiledRule {
  readonly control: number;
  readonly predicates: readonly Predicate[];
}

function compile(
  standard: string,
  version: string,
  source: string,
  controls: readonly Control[],
): ControlMapping {
  const frozen = Object.freeze(
    controls.map((c) =>
      Object.freeze({
        ...c,
        aliases: Object.freeze([...c.aliases]),
        evidence: Object.freeze(c.evidence.map((r) => Object.freeze({ ...r }))),
      }),
    ),
  );
  const fingerprint = createHash('sha256')
    .update(
      JSON.stringify(
        frozen.map((c) => [c.id, c.aliases, c.evidence.map((r) => [r.events, r.when])]),
      ),
    )
    .digest('hex');
  const byId = new Map<string, Control[]>();
  for (const c of frozen) {
    byId.set(c.id, [c]);
  }
  for (const c of frozen) {
    for (const a of c.aliases) byId.set(a, [...(byId.get(a) ?? []), c]);
  }
  const rulesByType = new Map<string, CompiledRule[]>();
  for (const t of ALL_TYPES) rulesByType.set(t, []);
  frozen.forEach((c, index) => {
    for (const r of c.evidence) {
      const rule: CompiledRule = {
        control: index,
        predicates: Object.entries(r.when).map(([k, v]) => predicateOf(k, v)),
      };
      const types = r.events.includes('*') ? ALL_TYPES : r.events;
      for (const t of types) rulesByType.get(t)?.push(rule);
    }
  });
  const ids = frozen.map((c) => c.id);
  const bits = new Map(ids.map((id, i) => [id, 2 ** i]));
  return {
    standard,
    version,
    source,
    fingerprint,
    controls: frozen,
    resolve(id) {
      const key = canonical2022(id) ?? canonical2013(id);
      return key === undefined ? undefined : byId.get(key);
    },
    tag(p, ctx) {
      const rules = rulesByType.get(p.event.type);
      if (rules === undefined || rules.length === 0) return EMPTY;
      // rules were added control by control, so matches come out in mapping order
      let out: string[] | undefined;
      for (const rule of rules) {
        const id = ids[rule.control] as string;
        if (out !== undefined && out.includes(id)) continue;
        if (rule.predicates.every((pred) => pred(p, ctx))) (out ??= []).push(id);
      }
      return out ?? EMPTY;
    },
    bit(id) {
      return bits.get(id);
    },
  };
}

/** Options of loadControlMapping. */
export interface LoadControlMappingOptions {
  /** A deployment's own mapping file, used instead of the built-in one. */
  readonly file?: string | null;
}

/**
 * The built-in mapping, or the deployment's file when `file` is given (it
 * replaces the built-in one entirely). Throws ControlMappingError
 * (LDG_ERR_CONFIG) naming the file and every bad entry, or when the file
 * cannot be read or is not JSON.
 */
export function loadControlMapping(options: LoadControlMappingOptions = {}): ControlMapping {
  const file = options.file ?? null;
  if (file === null || file === '') return parseControlMapping(builtin, 'built-in');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ControlMappingError(file, [
      {
        path: '(file)',
        message: `cannot be read as JSON: ${error instanceof Error ? error.message : String(error)}`,
      },
    ]);
  }
  return parseControlMapping(raw, file);
}

function conditionText(key: string, v: EvidenceRule['when'][string]): string {
  if (typeof v === 'boolean') return v ? key : `not ${key}`;
  if (typeof v === 'number') return `${key} > ${v}`;
  const list = typeof v === 'string' ? [v] : v;
  return `${key} ∈ {${list.join(', ')}}`;
}

/**
 * The mapping as a Markdown table (2022 id, title, 2013 aliases, evidence
 * rules), as printed in the README (control mapping).
 */
export function controlTableMarkdown(mapping: ControlMapping): string {
  const rows = mapping.controls.map((c) => {
    const rules = c.evidence
      .map((r) => {
        const types = r.events.includes('*')
          ? 'any event'
          : r.events.map((t) => `\`${t}\``).join(', ');
        const cond = Object.entries(r.when).map(([k, v]) => `\`${conditionText(k, v)}\``);
        return cond.length === 0 ? types : `${types} where ${cond.join(' and ')}`;
      })
      .join('; ');
    const aliases = c.aliases.length === 0 ? '(new)' : c.aliases.join(', ');
    return `| ${c.id} | ${c.title} | ${aliases} | ${rules} |`;
  });
  return [
    '| 2022 control | title | 2013 aliases | evidence (any rule matches) |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
