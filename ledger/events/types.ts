/**
 * The validated domain model of an audit event. Only `validateEvent` /
 * `validateBatch` produce these values; everything after ingest works on them
 * instead of the generated protobuf classes (CONVENTIONS §6).
 *
 * Shapes mirror the proto3 JSON mapping: lowerCamelCase property names, enums
 * as their names, 64-bit integers as safe JavaScript numbers, Timestamps as
 * `{ seconds, nanos }`, absent strings as `''` and absent messages as
 * `undefined`. Fields the validator requires are typed non-optional.
 */
import type { ledger } from '../../proto/generated/ledger.js';
import type { GatewayPayloadType, PayloadType } from './schema.js';

/** google.protobuf.Timestamp with safe-integer seconds; 0 <= nanos <= 999,999,999. */
export interface Timestamp {
  readonly seconds: number;
  readonly nanos: number;
}

/** Enum value names, from the generated code so they cannot drift from the .proto. */
export type ActorKind = keyof typeof ledger.v1.Actor.Kind;
export type ResourceType = keyof typeof ledger.v1.Resource.Type;
export type PolicyDecisionValue = keyof typeof ledger.v1.PolicyDecision.Decision;
export type Direction = keyof typeof ledger.v1.Direction;
export type AccessMode = keyof typeof ledger.v1.SessionOpened.AccessMode;
export type SessionStatus = keyof typeof ledger.v1.SessionClosed.Status;
export type RuleType = keyof typeof ledger.v1.CommandBlocked.RuleType;
export type InfoType = keyof typeof ledger.v1.FieldMasked.InfoType;
export type Transformation = keyof typeof ledger.v1.FieldMasked.Transformation;

interface ActorFields {
  /** Stable identity from the identity provider; never empty. */
  readonly subject: string;
  readonly email: string;
  readonly displayName: string;
  readonly identityProvider: string;
  readonly groups: readonly string[];
}

/** A person or a service acting directly. */
export interface ValidDirectActor extends ActorFields {
  readonly kind: 'HUMAN' | 'SERVICE';
  readonly agent: undefined;
}

/** An AI agent, with the principal it acts for. */
export interface ValidAgentActor extends ActorFields {
  readonly kind: 'AGENT';
  readonly agent: ValidAgentInfo;
}

/** `AuditEvent.actor`: kind is always known. */
export type ValidActor = ValidDirectActor | ValidAgentActor;

/** The principal an agent acts on behalf of: never itself an agent; kind may be unspecified. */
export interface ValidPrincipal extends ActorFields {
  readonly kind: 'KIND_UNSPECIFIED' | 'HUMAN' | 'SERVICE';
  readonly agent: undefined;
}

export interface ValidAgentInfo {
  /** Agent name or model; never empty. */
  readonly name: string;
  readonly onBehalfOf: ValidPrincipal;
  readonly version: string;
}

/** An approver: any actor; kind may be left unspecified. */
export type ValidApprover =
  ValidActor | (ActorFields & { readonly kind: 'KIND_UNSPECIFIED'; readonly agent: undefined });

export interface ValidResource {
  readonly type: Exclude<ResourceType, 'TYPE_UNSPECIFIED'>;
  /** Logical name, unique per tenant; never empty. */
  readonly name: string;
  readonly host: string;
  readonly database: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface ValidSource {
  /** An IPv4 or IPv6 address, or `''`. */
  readonly ip: string;
  readonly client: string;
  readonly userAgent: string;
}

export interface ValidPolicyDecision {
  readonly policyId: string;
  readonly rule: string;
  readonly decision: Exclude<PolicyDecisionValue, 'DECISION_UNSPECIFIED'>;
  readonly reason: string;
}

export interface ValidSessionOpened {
  readonly protocol: string;
  readonly accessMode: AccessMode;
  /** Non-empty when accessMode is JIT. */
  readonly grantId: string;
  readonly expiresAt: Timestamp | undefined;
  readonly mfa: boolean;
  readonly privileged: boolean;
}

export interface ValidRecording {
  readonly uri: string;
  /** 64 lower-case hex digits, or `''`. */
  readonly sha256: string;
  readonly size: number;
}

export interface ValidSessionClosed {
  readonly status: Exclude<SessionStatus, 'STATUS_UNSPECIFIED'>;
  readonly exitCode: number;
  readonly durationMs: number;
  readonly bytesSent: number;
  readonly bytesReceived: number;
  readonly recording: ValidRecording | undefined;
}

export interface ValidCommandExecuted {
  /** 64 lower-case hex digits. */
  readonly statementDigest: string;
  readonly redactedStatement: string;
  readonly verb: string;
  readonly tables: readonly string[];
  readonly rowsAffected: number;
  readonly durationMs: number;
}

export interface ValidCommandBlocked {
  /** 64 lower-case hex digits, or `''`. */
  readonly statementDigest: string;
  readonly redactedExcerpt: string;
  readonly ruleName: string;
  readonly ruleType: RuleType;
  readonly matchedWords: readonly string[];
  readonly direction: Direction;
  readonly message: string;
}

export interface ValidFieldMasked {
  readonly fieldPath: string;
  readonly infoType: Exclude<InfoType, 'INFO_TYPE_UNSPECIFIED'>;
  /** At least 1. */
  readonly count: number;
  readonly transformation: Transformation;
  readonly direction: Direction;
  readonly rule: string;
}

export interface ValidApprovalRequested {
  readonly requestId: string;
  readonly reason: string;
  readonly approverGroup: string;
  /** 64 lower-case hex digits, or `''`. */
  readonly statementDigest: string;
  readonly scope: string;
}

export interface ValidApprovalGranted {
  readonly requestId: string;
  readonly approver: ValidApprover;
  readonly approverGroup: string;
  readonly reason: string;
  readonly validFrom: Timestamp | undefined;
  readonly validUntil: Timestamp | undefined;
}

export interface ValidApprovalDenied {
  readonly requestId: string;
  readonly approver: ValidApprover;
  readonly approverGroup: string;
  readonly reason: string;
}

export interface ValidCheckpointSigned {
  readonly origin: string;
  readonly treeSize: number;
  /** 32 bytes (SHA-256). */
  readonly rootHash: Uint8Array;
  readonly note: string;
}

export interface ValidBundleArchived {
  readonly target: string;
  readonly bucket: string;
  readonly key: string;
  readonly versionId: string;
  readonly sha256: string;
  readonly firstLeaf: number;
  readonly endLeaf: number;
  readonly retainUntil: Timestamp | undefined;
  readonly lockMode: string;
}

export interface ValidEvidenceExported {
  readonly requester: string;
  readonly queryJson: string;
  readonly packageSha256: string;
  readonly eventCount: number;
}

export interface ValidKeyRotated {
  readonly oldVerifierKey: string;
  readonly newVerifierKey: string;
}

/** Envelope fields every validated event carries. */
export interface ValidAuditEventBase {
  /** The exact AuditEvent bytes the producer sent (protobuf), or the canonical encoding of its JSON. */
  readonly bytes: Uint8Array;
  /** Canonical lower-case UUID; unique within its batch. */
  readonly eventId: string;
  readonly tenantId: string;
  readonly gatewayId: string;
  readonly occurredAt: Timestamp;
  /** `occurredAt` as unix milliseconds (sub-millisecond part truncated). */
  readonly occurredAtMs: number;
  readonly sessionId: string;
  readonly correlationId: string;
  readonly actor: ValidActor;
  readonly resource: ValidResource;
  readonly source: ValidSource | undefined;
  readonly policy: ValidPolicyDecision | undefined;
}

type Payloads = {
  session_opened: { readonly sessionOpened: ValidSessionOpened };
  session_closed: { readonly sessionClosed: ValidSessionClosed };
  command_executed: { readonly commandExecuted: ValidCommandExecuted };
  command_blocked: { readonly commandBlocked: ValidCommandBlocked };
  field_masked: { readonly fieldMasked: ValidFieldMasked };
  approval_requested: { readonly approvalRequested: ValidApprovalRequested };
  approval_granted: { readonly approvalGranted: ValidApprovalGranted };
  approval_denied: { readonly approvalDenied: ValidApprovalDenied };
  checkpoint_signed: { readonly checkpointSigned: ValidCheckpointSigned };
  bundle_archived: { readonly bundleArchived: ValidBundleArchived };
  evidence_exported: { readonly evidenceExported: ValidEvidenceExported };
  key_rotated: { readonly keyRotated: ValidKeyRotated };
};

/**
 * A validated audit event: the envelope, `type` (the payload case, e.g.
 * `session_opened`) and the payload under its camelCase property. Narrow on
 * `type`:
 *
 * ```ts
 * if (e.type === 'command_executed') e.commandExecuted.statementDigest;
 * ```
 */
export type ValidAuditEvent = {
  [T in PayloadType]: ValidAuditEventBase & { readonly type: T } & Payloads[T];
}[PayloadType];

/** A validated event a gateway may send (never a ledger-internal payload). */
export type GatewayAuditEvent = Extract<ValidAuditEvent, { readonly type: GatewayPayloadType }>;

/** The generated protobufjs message class, as decoded; stays at the edge. */
export type AuditEventMessage = ledger.v1.AuditEvent;

/** Plain-object input accepted by the generated encoder (camelCase, enums as numbers). */
export type AuditEventInit = ledger.v1.AuditEvent.$Properties;
