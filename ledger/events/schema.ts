/**
 * The event schema as data: the reflection root loaded from the committed
 * descriptor (proto/generated/descriptor.json) and the tables the decoder,
 * the JSON mapping and the validator precompute from it once, at load.
 */
import protobuf from 'protobufjs/light.js';
import type { Enum, Root, Type } from 'protobufjs/light.js';
import descriptor from '../../proto/generated/descriptor.json' with { type: 'json' };

/** Reflection root of `proto/ledger/v1/*.proto`, every type resolved. */
export const schemaRoot: Root = protobuf.Root.fromJSON(descriptor);
schemaRoot.resolveAll();

/** Looks up a message type by full name (`ledger.v1.AuditEvent`); throws if absent. */
export function messageType(fullName: string): Type {
  return schemaRoot.lookupType(fullName);
}

/** Payload cases a gateway may send (`AuditEvent.payload` oneof, proto names). */
export const GATEWAY_PAYLOAD_TYPES = [
  'session_opened',
  'session_closed',
  'command_executed',
  'command_blocked',
  'field_masked',
  'approval_requested',
  'approval_granted',
  'approval_denied',
] as const;

/** Payload cases only the ledger itself writes; refused from gateways. */
export const INTERNAL_PAYLOAD_TYPES = [
  'checkpoint_signed',
  'bundle_archived',
  'evidence_exported',
  'key_rotated',
] as const;

/** A payload case a gateway may send, e.g. `session_opened`. */
export type GatewayPayloadType = (typeof GATEWAY_PAYLOAD_TYPES)[number];
/** A payload case only the ledger writes, e.g. `checkpoint_signed`. */
export type InternalPayloadType = (typeof INTERNAL_PAYLOAD_TYPES)[number];
/** Any payload case: the name of the field set in `AuditEvent.payload`, as in the .proto. */
export type PayloadType = GatewayPayloadType | InternalPayloadType;

const auditEventType = messageType('ledger.v1.AuditEvent');
const payloadOneof = auditEventType.oneofs['payload'];
if (payloadOneof === undefined) throw new Error('schema: AuditEvent has no payload oneof');

const knownTypes = new Set<string>([...GATEWAY_PAYLOAD_TYPES, ...INTERNAL_PAYLOAD_TYPES]);
const caseToType = new Map<string, PayloadType>();
for (const field of payloadOneof.fieldsArray) {
  const type = field.protoName ?? field.name;
  // the lists above are the contract with gateways: a new oneof case must be classified there
  if (!knownTypes.has(type)) throw new Error(`schema: payload case ${type} is not classified`);
  caseToType.set(field.name, type as PayloadType);
}

/**
 * The payload type for a protobufjs oneof case name (`sessionOpened` →
 * `session_opened`), or undefined for anything else.
 */
export function payloadTypeOfCase(caseName: string): PayloadType | undefined {
  return caseToType.get(caseName);
}

const internal = new Set<string>(INTERNAL_PAYLOAD_TYPES);

/** True for payloads only the ledger writes (`checkpoint_signed`, ...). */
export function isInternalPayloadType(type: PayloadType): type is InternalPayloadType {
  return internal.has(type);
}

/**
 * The names of an enum indexed by number (`names[2] === 'AGENT'`); numbers the
 * schema does not define read as undefined. Enum numbers are small and
 * non-negative here, so an array is the fastest table.
 */
export function enumNames(fullName: string): readonly (string | undefined)[] {
  const e: Enum = schemaRoot.lookupEnum(fullName);
  const names: (string | undefined)[] = [];
  for (const [name, value] of Object.entries(e.values)) {
    if (value < 0 || value > 1024)
      throw new Error(`schema: ${fullName}.${name} = ${value} is out of table range`);
    names[value] = name;
  }
  return names;
}
