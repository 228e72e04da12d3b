/**
 * Builders of valid audit events for tests and benchmarks: every gateway
 * payload type, human / agent / service actors, every resource type. Events
 * are plain objects the generated encoder accepts (camelCase, enums as
 * numbers); `encodeAuditEvent` / `encodeBatch` turn them into bytes.
 */
import { createHash } from 'node:crypto';
import { ledger } from '../../proto/generated/ledger.js';
import { GATEWAY_PAYLOAD_TYPES, timestampFromMs, uuidv7 } from '../../ledger/events/index.js';
import type {
  AuditEventInit,
  GatewayPayloadType,
  ResourceType,
} from '../../ledger/events/index.js';

const v1 = ledger.v1;

type ActorInit = ledger.v1.Actor.$Properties;
type ResourceInit = ledger.v1.Resource.$Properties;

/** The fixed "ledger clock" of the tests: 2025-05-01T12:00:00Z. */
export const NOW = Date.UTC(2025, 4, 1, 12, 0, 0);

/** Lower-case hex SHA-256 of a string (statement digests, recording digests). */
export function sha256Hex(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/** A person signed in through the identity provider. */
export function humanActor(overrides: Partial<ActorInit> = {}): ActorInit {
  return {
    subject: '00u1abcd2EFGH3ijk4x7',
    email: 'ada@example.com',
    displayName: 'Ada Lovelace',
    kind: v1.Actor.Kind.HUMAN,
    identityProvider: 'okta',
    groups: ['dba', 'oncall'],
    ...overrides,
  };
}

/** A service account acting directly. */
export function serviceActor(overrides: Partial<ActorInit> = {}): ActorInit {
  return {
    subject: 'svc-billing-etl',
    kind: v1.Actor.Kind.SERVICE,
    identityProvider: 'spiffe',
    ...overrides,
  };
}

/** An AI agent acting on behalf of a person. */
export function agentActor(overrides: Partial<ActorInit> = {}): ActorInit {
  return {
    subject: 'agent:claude-code:7f3a',
    displayName: 'Claude Code',
    kind: v1.Actor.Kind.AGENT,
    identityProvider: 'entra',
    agent: {
      name: 'claude-code',
      version: '1.0.0',
      onBehalfOf: humanActor({ groups: [] }),
    },
    ...overrides,
  };
}

const RESOURCES: Readonly<Record<Exclude<ResourceType, 'TYPE_UNSPECIFIED'>, ResourceInit>> = {
  POSTGRES: {
    name: 'payments-db',
    host: 'pg-1.internal:5432',
    database: 'payments',
    labels: { env: 'prod', team: 'payments' },
  },
  MYSQL: { name: 'crm-mysql', host: 'mysql.internal:3306', database: 'crm' },
  REDIS: { name: 'session-cache', host: 'redis.internal:6379' },
  HTTP: { name: 'admin-api', host: 'admin.internal' },
  SSH: { name: 'bastion', host: 'bastion.internal:22' },
  KUBERNETES: { name: 'prod-cluster', host: 'k8s.internal', labels: { region: 'eu-west-1' } },
  MCP: { name: 'jira-mcp', host: 'mcp.internal' },
  OTHER: { name: 'legacy-mainframe' },
};

/** A resource of the given type. */
export function resourceOf(
  type: Exclude<ResourceType, 'TYPE_UNSPECIFIED'> = 'POSTGRES',
  overrides: Partial<ResourceInit> = {},
): ResourceInit {
  return { type: v1.Resource.Type[type], ...RESOURCES[type], ...overrides };
}

const STATEMENT = 'SELECT id, email FROM customers WHERE id = ?';

/** A valid payload of each gateway type, under its protobufjs property. */
export function payloadOf(type: GatewayPayloadType): AuditEventInit {
  switch (type) {
    case 'session_opened':
      return {
        sessionOpened: {
          protocol: 'postgres',
          accessMode: v1.SessionOpened.AccessMode.JIT,
          grantId: 'grant-5521',
          expiresAt: timestampFromMs(NOW + 3_600_000),
          mfa: true,
        },
      };
    case 'session_closed':
      return {
        sessionClosed: {
          status: v1.SessionClosed.Status.COMPLETED,
          exitCode: 0,
          durationMs: 183_000,
          bytesSent: 10_240,
          bytesReceived: 1_048_576,
          recording: {
            uri: 's3://recordings/s-1.cast',
            sha256: sha256Hex('recording'),
            size: 52_113,
          },
        },
      };
    case 'command_executed':
      return {
        commandExecuted: {
          statementDigest: sha256Hex(STATEMENT),
          redactedStatement: STATEMENT,
          verb: 'SELECT',
          tables: ['customers'],
          rowsAffected: 1,
          durationMs: 4,
        },
      };
    case 'command_blocked':
      return {
        commandBlocked: {
          statementDigest: sha256Hex('DROP TABLE customers'),
          redactedExcerpt: 'DROP TABLE customers',
          ruleName: 'no-ddl-in-prod',
          ruleType: v1.CommandBlocked.RuleType.SCHEMA_CHANGE,
          matchedWords: ['DROP'],
          direction: v1.Direction.REQUEST,
          message: 'Schema changes need an approved change request.',
        },
      };
    case 'field_masked':
      return {
        fieldMasked: {
          fieldPath: 'customers.ssn',
          infoType: v1.FieldMasked.InfoType.SSN,
          count: 12,
          transformation: v1.FieldMasked.Transformation.PARTIAL,
          direction: v1.Direction.RESPONSE,
          rule: 'mask-pii',
        },
      };
    case 'approval_requested':
      return {
        approvalRequested: {
          requestId: 'apr-77',
          reason: 'hotfix for INC-1234',
          approverGroup: 'dba-leads',
          statementDigest: sha256Hex('DELETE FROM orders WHERE created_at < ?'),
          scope: 'bulk_delete',
        },
      };
    case 'approval_granted':
      return {
        approvalGranted: {
          requestId: 'apr-77',
          approver: humanActor({
            subject: '00u9zyxw8VUTS7rqp6',
            email: 'grace@example.com',
            displayName: 'Grace Hopper',
          }),
          approverGroup: 'dba-leads',
          reason: 'ok for INC-1234',
          validFrom: timestampFromMs(NOW),
          validUntil: timestampFromMs(NOW + 900_000),
        },
      };
    case 'approval_denied':
      return {
        approvalDenied: {
          requestId: 'apr-78',
          approver: humanActor({ subject: '00u9zyxw8VUTS7rqp6' }),
          approverGroup: 'dba-leads',
          reason: 'use the replica',
        },
      };
  }
}

/**
 * A valid gateway event of `type` (default `command_executed`) occurring one
 * second before NOW, by a human on a Postgres resource; `overrides` replace
 * whole top-level fields (set a payload property to change the payload).
 */
export function makeEvent(
  type: GatewayPayloadType = 'command_executed',
  overrides: Partial<AuditEventInit> = {},
): AuditEventInit {
  return {
    eventId: uuidv7(NOW - 1000),
    tenantId: 'acme',
    gatewayId: 'gw-eu-1',
    occurredAt: timestampFromMs(NOW - 1000),
    sessionId: 'sess-01J9Z8Q6',
    correlationId: 'req-4f1c2b',
    actor: humanActor(),
    resource: resourceOf('POSTGRES'),
    source: { ip: '203.0.113.7', client: 'psql', userAgent: 'psql/16.2' },
    policy: {
      policyId: 'pol-prod-db',
      rule: 'dba-read',
      decision: v1.PolicyDecision.Decision.ALLOW,
      reason: 'member of dba',
    },
    ...payloadOf(type),
    ...overrides,
  };
}

const ACTORS = [humanActor, agentActor, serviceActor] as const;
const RESOURCE_TYPES = Object.keys(RESOURCES) as Exclude<ResourceType, 'TYPE_UNSPECIFIED'>[];

/** One valid event of every gateway payload type, rotating actor kinds and resource types. */
export function everyGatewayEvent(): AuditEventInit[] {
  return GATEWAY_PAYLOAD_TYPES.map((type, i) =>
    makeEvent(type, {
      actor: ACTORS[i % ACTORS.length]!(),
      resource: resourceOf(RESOURCE_TYPES[i % RESOURCE_TYPES.length]),
    }),
  );
}
