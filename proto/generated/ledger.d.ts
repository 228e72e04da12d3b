import * as $protobuf from "protobufjs";
import Long = require("long");

export namespace ledger {

    namespace v1 {

        interface IAuditEvent extends ledger.v1.AuditEvent.$Properties {
        }

        class AuditEvent {
            constructor(properties?: ledger.v1.AuditEvent.$Properties);
            $unknowns?: Uint8Array[];
            eventId: string;
            tenantId: string;
            gatewayId: string;
            occurredAt?: (google.protobuf.Timestamp.$Properties|null);
            sessionId: string;
            correlationId: string;
            actor?: (ledger.v1.Actor.$Properties|null);
            resource?: (ledger.v1.Resource.$Properties|null);
            source?: (ledger.v1.Source.$Properties|null);
            policy?: (ledger.v1.PolicyDecision.$Properties|null);
            sessionOpened?: (ledger.v1.SessionOpened.$Properties|null);
            sessionClosed?: (ledger.v1.SessionClosed.$Properties|null);
            commandExecuted?: (ledger.v1.CommandExecuted.$Properties|null);
            commandBlocked?: (ledger.v1.CommandBlocked.$Properties|null);
            fieldMasked?: (ledger.v1.FieldMasked.$Properties|null);
            approvalRequested?: (ledger.v1.ApprovalRequested.$Properties|null);
            approvalGranted?: (ledger.v1.ApprovalGranted.$Properties|null);
            approvalDenied?: (ledger.v1.ApprovalDenied.$Properties|null);
            checkpointSigned?: (ledger.v1.CheckpointSigned.$Properties|null);
            bundleArchived?: (ledger.v1.BundleArchived.$Properties|null);
            evidenceExported?: (ledger.v1.EvidenceExported.$Properties|null);
            keyRotated?: (ledger.v1.KeyRotated.$Properties|null);
            payload?: ("sessionOpened"|"sessionClosed"|"commandExecuted"|"commandBlocked"|"fieldMasked"|"approvalRequested"|"approvalGranted"|"approvalDenied"|"checkpointSigned"|"bundleArchived"|"evidenceExported"|"keyRotated");
            static create(properties: ledger.v1.AuditEvent.$Shape): ledger.v1.AuditEvent & ledger.v1.AuditEvent.$Shape;
            static create(properties?: ledger.v1.AuditEvent.$Properties): ledger.v1.AuditEvent;
            static encode(message: ledger.v1.AuditEvent.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: ledger.v1.AuditEvent.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ledger.v1.AuditEvent & ledger.v1.AuditEvent.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): ledger.v1.AuditEvent & ledger.v1.AuditEvent.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): ledger.v1.AuditEvent;
            static toObject(message: ledger.v1.AuditEvent, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace AuditEvent {
            interface $Properties {
                eventId?: (string|null);
                tenantId?: (string|null);
                gatewayId?: (string|null);
                occurredAt?: (google.protobuf.Timestamp.$Properties|null);
                sessionId?: (string|null);
                correlationId?: (string|null);
                actor?: (ledger.v1.Actor.$Properties|null);
                resource?: (ledger.v1.Resource.$Properties|null);
                source?: (ledger.v1.Source.$Properties|null);
                policy?: (ledger.v1.PolicyDecision.$Properties|null);
                sessionOpened?: (ledger.v1.SessionOpened.$Properties|null);
                sessionClosed?: (ledger.v1.SessionClosed.$Properties|null);
                commandExecuted?: (ledger.v1.CommandExecuted.$Properties|null);
                commandBlocked?: (ledger.v1.CommandBlocked.$Properties|null);
                fieldMasked?: (ledger.v1.FieldMasked.$Properties|null);
                approvalRequested?: (ledger.v1.ApprovalRequested.$Properties|null);
                approvalGranted?: (ledger.v1.ApprovalGranted.$Properties|null);
                approvalDenied?: (ledger.v1.ApprovalDenied.$Properties|null);
                checkpointSigned?: (ledger.v1.CheckpointSigned.$Properties|null);
                bundleArchived?: (ledger.v1.BundleArchived.$Properties|null);
                evidenceExported?: (ledger.v1.EvidenceExported.$Properties|null);
                keyRotated?: (ledger.v1.KeyRotated.$Properties|null);
                payload?: ("sessionOpened"|"sessionClosed"|"commandExecuted"|"commandBlocked"|"fieldMasked"|"approvalRequested"|"approvalGranted"|"approvalDenied"|"checkpointSigned"|"bundleArchived"|"evidenceExported"|"keyRotated");
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              eventId?: string|null;
              tenantId?: string|null;
              gatewayId?: string|null;
              occurredAt?: google.protobuf.Timestamp.$Shape|null;
              sessionId?: string|null;
              correlationId?: string|null;
              actor?: ledger.v1.Actor.$Shape|null;
              resource?: ledger.v1.Resource.$Shape|null;
              source?: ledger.v1.Source.$Shape|null;
              policy?: ledger.v1.PolicyDecision.$Shape|null;
              sessionOpened?: ledger.v1.SessionOpened.$Shape|null;
              sessionClosed?: ledger.v1.SessionClosed.$Shape|null;
              commandExecuted?: ledger.v1.CommandExecuted.$Shape|null;
              commandBlocked?: ledger.v1.CommandBlocked.$Shape|null;
              fieldMasked?: ledger.v1.FieldMasked.$Shape|null;
              approvalRequested?: ledger.v1.ApprovalRequested.$Shape|null;
              approvalGranted?: ledger.v1.ApprovalGranted.$Shape|null;
              approvalDenied?: ledger.v1.ApprovalDenied.$Shape|null;
              checkpointSigned?: ledger.v1.CheckpointSigned.$Shape|null;
              bundleArchived?: ledger.v1.BundleArchived.$Shape|null;
              evidenceExported?: ledger.v1.EvidenceExported.$Shape|null;
              keyRotated?: ledger.v1.KeyRotated.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ payload?: undefined; sessionOpened?: null; sessionClosed?: null; commandExecuted?: null; commandBlocked?: null; fieldMasked?: null; approvalRequested?: null; approvalGranted?: null; approvalDenied?: null; checkpointSigned?: null; bundleArchived?: null; evidenceExported?: null; keyRotated?: null }|{ payload?: "sessionOpened"; sessionOpened: ledger.v1.SessionOpened.$Shape; sessionClosed?: null; commandExecuted?: null; commandBlocked?: null; fieldMasked?: null; approvalRequested?: null; approvalGranted?: null; approvalDenied?: null; checkpointSigned?: null; bundleArchived?: null; evidenceExported?: null; keyRotated?: null }|{ payload?: "sessionClosed"; sessionOpened?: null; sessionClosed: ledger.v1.SessionClosed.$Shape; commandExecuted?: null; commandBlocked?: null; fieldMasked?: null; approvalRequested?: null; approvalGranted?: null; approvalDenied?: null; checkpointSigned?: null; bundleArchived?: null; evidenceExported?: null; keyRotated?: null }|{ payload?: "commandExecuted"; sessionOpened?: null; sessionClosed?: null; commandExecuted: ledger.v1.CommandExecuted.$Shape; commandBlocked?: null; fieldMasked?: null; approvalRequested?: null; approvalGranted?: null; approvalDenied?: null; checkpointSigned?: null; bundleArchived?: null; evidenceExported?: null; keyRotated?: null }|{ payload?: "commandBlocked"; sessionOpened?: null; sessionClosed?: null; commandExecuted?: null; commandBlocked: ledger.v1.CommandBlocked.$Shape; fieldMasked?: null; approvalRequested?: null; approvalGranted?: null; approvalDenied?: null; checkpointSigned?: null; bundleArchived?: null; evidenceExported?: null; keyRotated?: null }|{ payload?: "fieldMasked"; sessionOpened?: null; sessionClosed?: null; commandExecuted?: null; commandBlocked?: null; fieldMasked: ledger.v1.FieldMasked.$Shape; approvalRequested?: null; approvalGranted?: null; approvalDenied?: null; checkpointSigned?: null; bundleArchived?: null; evidenceExported?: null; keyRotated?: null }|{ payload?: "approvalRequested"; sessionOpened?: null; sessionClosed?: null; commandExecuted?: null; commandBlocked?: null; fieldMasked?: null; approvalRequested: ledger.v1.ApprovalRequested.$Shape; approvalGranted?: null; approvalDenied?: null; checkpointSigned?: null; bundleArchived?: null; evidenceExported?: null; keyRotated?: null }|{ payload?: "approvalGranted"; sessionOpened?: null; sessionClosed?: null; commandExecuted?: null; commandBlocked?: null; fieldMasked?: null; approvalRequested?: null; approvalGranted: ledger.v1.ApprovalGranted.$Shape; approvalDenied?: null; checkpointSigned?: null; bundleArchived?: null; evidenceExported?: null; keyRotated?: null }|{ payload?: "approvalDenied"; sessionOpened?: null; sessionClosed?: null; commandExecuted?: null; commandBlocked?: null; fieldMasked?: null; approvalRequested?: null; approvalGranted?: null; approvalDenied: ledger.v1.ApprovalDenied.$Shape; checkpointSigned?: null; bundleArchived?: null; evidenceExported?: null; keyRotated?: null }|{ payload?: "checkpointSigned"; sessionOpened?: null; sessionClosed?: null; commandExecuted?: null; commandBlocked?: null; fieldMasked?: null; approvalRequested?: null; approvalGranted?: null; approvalDenied?: null; checkpointSigned: ledger.v1.CheckpointSigned.$Shape; bundleArchived?: null; evidenceExported?: null; keyRotated?: null }|{ payload?: "bundleArchived"; sessionOpened?: null; sessionClosed?: null; commandExecuted?: null; commandBlocked?: null; fieldMasked?: null; approvalRequested?: null; approvalGranted?: null; approvalDenied?: null; checkpointSigned?: null; bundleArchived: ledger.v1.BundleArchived.$Shape; evidenceExported?: null; keyRotated?: null }|{ payload?: "evidenceExported"; sessionOpened?: null; sessionClosed?: null; commandExecuted?: null; commandBlocked?: null; fieldMasked?: null; approvalRequested?: null; approvalGranted?: null; approvalDenied?: null; checkpointSigned?: null; bundleArchived?: null; evidenceExported: ledger.v1.EvidenceExported.$Shape; keyRotated?: null }|{ payload?: "keyRotated"; sessionOpened?: null; sessionClosed?: null; commandExecuted?: null; commandBlocked?: null; fieldMasked?: null; approvalRequested?: null; approvalGranted?: null; approvalDenied?: null; checkpointSigned?: null; bundleArchived?: null; evidenceExported?: null; keyRotated: ledger.v1.KeyRotated.$Shape })
            );
        }

        interface IEventBatch extends ledger.v1.EventBatch.$Properties {
        }

        class EventBatch {
            constructor(properties?: ledger.v1.EventBatch.$Properties);
            $unknowns?: Uint8Array[];
            events: ledger.v1.AuditEvent.$Properties[];
            static create(properties: ledger.v1.EventBatch.$Shape): ledger.v1.EventBatch & ledger.v1.EventBatch.$Shape;
            static create(properties?: ledger.v1.EventBatch.$Properties): ledger.v1.EventBatch;
            static encode(message: ledger.v1.EventBatch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: ledger.v1.EventBatch.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ledger.v1.EventBatch & ledger.v1.EventBatch.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): ledger.v1.EventBatch & ledger.v1.EventBatch.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): ledger.v1.EventBatch;
            static toObject(message: ledger.v1.EventBatch, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace EventBatch {
            interface $Properties {
                events?: (ledger.v1.AuditEvent.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              events?: ledger.v1.AuditEvent.$Shape[]|null;
              $unknowns?: Uint8Array[];
            };
        }

        interface IActor extends ledger.v1.Actor.$Properties {
        }

        class Actor {
            constructor(properties?: ledger.v1.Actor.$Properties);
            $unknowns?: Uint8Array[];
            subject: string;
            email: string;
            displayName: string;
            kind: ledger.v1.Actor.Kind;
            identityProvider: string;
            groups: string[];
            agent?: (ledger.v1.AgentInfo.$Properties|null);
            static create(properties: ledger.v1.Actor.$Shape): ledger.v1.Actor & ledger.v1.Actor.$Shape;
            static create(properties?: ledger.v1.Actor.$Properties): ledger.v1.Actor;
            static encode(message: ledger.v1.Actor.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: ledger.v1.Actor.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ledger.v1.Actor & ledger.v1.Actor.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): ledger.v1.Actor & ledger.v1.Actor.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): ledger.v1.Actor;
            static toObject(message: ledger.v1.Actor, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Actor {
            interface $Properties {
                subject?: (string|null);
                email?: (string|null);
                displayName?: (string|null);
                kind?: (ledger.v1.Actor.Kind|null);
                identityProvider?: (string|null);
                groups?: (string[]|null);
                agent?: (ledger.v1.AgentInfo.$Properties|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = ledger.v1.Actor.$Properties;

            enum Kind {
                KIND_UNSPECIFIED = 0,
                HUMAN = 1,
                AGENT = 2,
                SERVICE = 3
            }
        }

        interface IAgentInfo extends ledger.v1.AgentInfo.$Properties {
        }

        class AgentInfo {
            constructor(properties?: ledger.v1.AgentInfo.$Properties);
            $unknowns?: Uint8Array[];
            name: string;
            onBehalfOf?: (ledger.v1.Actor.$Properties|null);
            version: string;
            static create(properties: ledger.v1.AgentInfo.$Shape): ledger.v1.AgentInfo & ledger.v1.AgentInfo.$Shape;
            static create(properties?: ledger.v1.AgentInfo.$Properties): ledger.v1.AgentInfo;
            static encode(message: ledger.v1.AgentInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: ledger.v1.AgentInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ledger.v1.AgentInfo & ledger.v1.AgentInfo.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): ledger.v1.AgentInfo & ledger.v1.AgentInfo.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): ledger.v1.AgentInfo;
            static toObject(message: ledger.v1.AgentInfo, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace AgentInfo {
            interface $Properties {
                name?: (string|null);
                onBehalfOf?: (ledger.v1.Actor.$Properties|null);
                version?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = ledger.v1.AgentInfo.$Properties;
        }

        interface IResource extends ledger.v1.Resource.$Properties {
        }

        class Resource {
            constructor(properties?: ledger.v1.Resource.$Properties);
            $unknowns?: Uint8Array[];
            type: ledger.v1.Resource.Type;
            name: string;
            host: string;
            database: string;
            labels: { [k: string]: string };
            static create(properties: ledger.v1.Resource.$Shape): ledger.v1.Resource & ledger.v1.Resource.$Shape;
            static create(properties?: ledger.v1.Resource.$Properties): ledger.v1.Resource;
            static encode(message: ledger.v1.Resource.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: ledger.v1.Resource.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ledger.v1.Resource & ledger.v1.Resource.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): ledger.v1.Resource & ledger.v1.Resource.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): ledger.v1.Resource;
            static toObject(message: ledger.v1.Resource, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Resource {
            interface $Properties {
                type?: (ledger.v1.Resource.Type|null);
                name?: (string|null);
                host?: (string|null);
                database?: (string|null);
                labels?: ({ [k: string]: string }|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = ledger.v1.Resource.$Properties;

            enum Type {
                TYPE_UNSPECIFIED = 0,
                POSTGRES = 1,
                MYSQL = 2,
                REDIS = 3,
                HTTP = 4,
                SSH = 5,
                KUBERNETES = 6,
                MCP = 7,
                OTHER = 8
            }
        }

        interface ISource extends ledger.v1.Source.$Properties {
        }

        class Source {
            constructor(properties?: ledger.v1.Source.$Properties);
            $unknowns?: Uint8Array[];
            ip: string;
            client: string;
            userAgent: string;
            static create(properties: ledger.v1.Source.$Shape): ledger.v1.Source & ledger.v1.Source.$Shape;
            static create(properties?: ledger.v1.Source.$Properties): ledger.v1.Source;
            static encode(message: ledger.v1.Source.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: ledger.v1.Source.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ledger.v1.Source & ledger.v1.Source.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): ledger.v1.Source & ledger.v1.Source.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): ledger.v1.Source;
            static toObject(message: ledger.v1.Source, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Source {
            interface $Properties {
                ip?: (string|null);
                client?: (string|null);
                userAgent?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = ledger.v1.Source.$Properties;
        }

        interface IPolicyDecision extends ledger.v1.PolicyDecision.$Properties {
        }

        class PolicyDecision {
            constructor(properties?: ledger.v1.PolicyDecision.$Properties);
            $unknowns?: Uint8Array[];
            policyId: string;
            rule: string;
            decision: ledger.v1.PolicyDecision.Decision;
            reason: string;
            static create(properties: ledger.v1.PolicyDecision.$Shape): ledger.v1.PolicyDecision & ledger.v1.PolicyDecision.$Shape;
            static create(properties?: ledger.v1.PolicyDecision.$Properties): ledger.v1.PolicyDecision;
            static encode(message: ledger.v1.PolicyDecision.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: ledger.v1.PolicyDecision.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ledger.v1.PolicyDecision & ledger.v1.PolicyDecision.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): ledger.v1.PolicyDecision & ledger.v1.PolicyDecision.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): ledger.v1.PolicyDecision;
            static toObject(message: ledger.v1.PolicyDecision, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace PolicyDecision {
            interface $Properties {
                policyId?: (string|null);
                rule?: (string|null);
                decision?: (ledger.v1.PolicyDecision.Decision|null);
                reason?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = ledger.v1.PolicyDecision.$Properties;

            enum Decision {
                DECISION_UNSPECIFIED = 0,
                ALLOW = 1,
                DENY = 2,
                MASK = 3,
                REQUIRE_APPROVAL = 4
            }
        }

        enum Direction {
            DIRECTION_UNSPECIFIED = 0,
            REQUEST = 1,
            RESPONSE = 2
        }

        interface ISessionOpened extends ledger.v1.SessionOpened.$Properties {
        }

        class SessionOpened {
            constructor(properties?: ledger.v1.SessionOpened.$Properties);
            $unknowns?: Uint8Array[];
            protocol: string;
            accessMode: ledger.v1.SessionOpened.AccessMode;
            grantId: string;
            expiresAt?: (google.protobuf.Timestamp.$Properties|null);
            mfa: boolean;
            privileged: boolean;
            static create(properties: ledger.v1.SessionOpened.$Shape): ledger.v1.SessionOpened & ledger.v1.SessionOpened.$Shape;
            static create(properties?: ledger.v1.SessionOpened.$Properties): ledger.v1.SessionOpened;
            static encode(message: ledger.v1.SessionOpened.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: ledger.v1.SessionOpened.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ledger.v1.SessionOpened & ledger.v1.SessionOpened.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): ledger.v1.SessionOpened & ledger.v1.SessionOpened.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): ledger.v1.SessionOpened;
            static toObject(message: ledger.v1.SessionOpened, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace SessionOpened {
            interface $Properties {
                protocol?: (string|null);
                accessMode?: (ledger.v1.SessionOpened.AccessMode|null);
                grantId?: (string|null);
                expiresAt?: (google.protobuf.Timestamp.$Properties|null);
                mfa?: (boolean|null);
                privileged?: (boolean|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = ledger.v1.SessionOpened.$Properties;

            enum AccessMode {
                ACCESS_MODE_UNSPECIFIED = 0,
                JIT = 1,
                STANDING = 2
            }
        }

        interface ISessionClosed extends ledger.v1.SessionClosed.$Properties {
        }

        class SessionClosed {
            constructor(properties?: ledger.v1.SessionClosed.$Properties);
            $unknowns?: Uint8Array[];
            status: ledger.v1.SessionClosed.Status;
            exitCode: number;
            durationMs: number;
            bytesSent: number;
            bytesReceived: number;
            recording?: (ledger.v1.Recording.$Properties|null);
            static create(properties: ledger.v1.SessionClosed.$Shape): ledger.v1.SessionClosed & ledger.v1.SessionClosed.$Shape;
            static create(properties?: ledger.v1.SessionClosed.$Properties): ledger.v1.SessionClosed;
            static encode(message: ledger.v1.SessionClosed.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: ledger.v1.SessionClosed.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ledger.v1.SessionClosed & ledger.v1.SessionClosed.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): ledger.v1.SessionClosed & ledger.v1.SessionClosed.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): ledger.v1.SessionClosed;
            static toObject(message: ledger.v1.SessionClosed, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace SessionClosed {
            interface $Properties {
                status?: (ledger.v1.SessionClosed.Status|null);
                exitCode?: (number|null);
                durationMs?: (number|null);
                bytesSent?: (number|null);
                bytesReceived?: (number|null);
                recording?: (ledger.v1.Recording.$Properties|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = ledger.v1.SessionClosed.$Properties;

            enum Status {
                STATUS_UNSPECIFIED = 0,
                COMPLETED = 1,
                TERMINATED = 2,
                EXPIRED = 3,
                ERROR = 4
            }
        }

        interface IRecording extends ledger.v1.Recording.$Properties {
        }

        class Recording {
            constructor(properties?: ledger.v1.Recording.$Properties);
            $unknowns?: Uint8Array[];
            uri: string;
            sha256: string;
            size: number;
            static create(properties: ledger.v1.Recording.$Shape): ledger.v1.Recording & ledger.v1.Recording.$Shape;
            static create(properties?: ledger.v1.Recording.$Properties): ledger.v1.Recording;
            static encode(message: ledger.v1.Recording.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: ledger.v1.Recording.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ledger.v1.Recording & ledger.v1.Recording.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): ledger.v1.Recording & ledger.v1.Recording.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): ledger.v1.Recording;
            static toObject(message: ledger.v1.Recording, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Recording {
            interface $Properties {
                uri?: (string|null);
                sha256?: (string|null);
                size?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = ledger.v1.Recording.$Properties;
        }

        interface ICommandExecuted extends ledger.v1.CommandExecuted.$Properties {
        }

        class CommandExecuted {
            constructor(properties?: ledger.v1.CommandExecuted.$Properties);
            $unknowns?: Uint8Array[];
            statementDigest: string;
            redactedStatement: string;
            verb: string;
            tables: string[];
            rowsAffected: number;
            durationMs: number;
            static create(properties: ledger.v1.CommandExecuted.$Shape): ledger.v1.CommandExecuted & ledger.v1.CommandExecuted.$Shape;
            static create(properties?: ledger.v1.CommandExecuted.$Properties): ledger.v1.CommandExecuted;
            static encode(message: ledger.v1.CommandExecuted.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: ledger.v1.CommandExecuted.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ledger.v1.CommandExecuted & ledger.v1.CommandExecuted.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): ledger.v1.CommandExecuted & ledger.v1.CommandExecuted.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): ledger.v1.CommandExecuted;
            static toObject(message: ledger.v1.CommandExecuted, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace CommandExecuted {
            interface $Properties {
                statementDigest?: (string|null);
                redactedStatement?: (string|null);
                verb?: (string|null);
                tables?: (string[]|null);
                rowsAffected?: (number|null);
                durationMs?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = ledger.v1.CommandExecuted.$Properties;
        }

        interface ICommandBlocked extends ledger.v1.CommandBlocked.$Properties {
        }

        class CommandBlocked {
            constructor(properties?: ledger.v1.CommandBlocked.$Properties);
            $unknowns?: Uint8Array[];
            statementDigest: string;
            redactedExcerpt: string;
            ruleName: string;
            ruleType: ledger.v1.CommandBlocked.RuleType;
            matchedWords: string[];
            direction: ledger.v1.Direction;
            message: string;
            static create(properties: ledger.v1.CommandBlocked.$Shape): ledger.v1.CommandBlocked & ledger.v1.CommandBlocked.$Shape;
            static create(properties?: ledger.v1.CommandBlocked.$Properties): ledger.v1.CommandBlocked;
            static encode(message: ledger.v1.CommandBlocked.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: ledger.v1.CommandBlocked.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ledger.v1.CommandBlocked & ledger.v1.CommandBlocked.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): ledger.v1.CommandBlocked & ledger.v1.CommandBlocked.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): ledger.v1.CommandBlocked;
            static toObject(message: ledger.v1.CommandBlocked, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace CommandBlocked {
            interface $Properties {
                statementDigest?: (string|null);
                redactedExcerpt?: (string|null);
                ruleName?: (string|null);
                ruleType?: (ledger.v1.CommandBlocked.RuleType|null);
                matchedWords?: (string[]|null);
                direction?: (ledger.v1.Direction|null);
                message?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = ledger.v1.CommandBlocked.$Properties;

            enum RuleType {
                RULE_TYPE_UNSPECIFIED = 0,
                KEYWORD = 1,
                REGEX = 2,
                RISK_SCORE = 3,
                SCHEMA_CHANGE = 4,
                BULK_OPERATION = 5,
                PROMPT_INJECTION = 6
            }
        }

        interface IFieldMasked extends ledger.v1.FieldMasked.$Properties {
        }

        class FieldMasked {
            constructor(properties?: ledger.v1.FieldMasked.$Properties);
            $unknowns?: Uint8Array[];
            fieldPath: string;
            infoType: ledger.v1.FieldMasked.InfoType;
            count: number;
            transformation: ledger.v1.FieldMasked.Transformation;
            direction: ledger.v1.Direction;
            rule: string;
            static create(properties: ledger.v1.FieldMasked.$Shape): ledger.v1.FieldMasked & ledger.v1.FieldMasked.$Shape;
            static create(properties?: ledger.v1.FieldMasked.$Properties): ledger.v1.FieldMasked;
            static encode(message: ledger.v1.FieldMasked.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: ledger.v1.FieldMasked.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ledger.v1.FieldMasked & ledger.v1.FieldMasked.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): ledger.v1.FieldMasked & ledger.v1.FieldMasked.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): ledger.v1.FieldMasked;
            static toObject(message: ledger.v1.FieldMasked, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace FieldMasked {
            interface $Properties {
                fieldPath?: (string|null);
                infoType?: (ledger.v1.FieldMasked.InfoType|null);
                count?: (number|null);
                transformation?: (ledger.v1.FieldMasked.Transformation|null);
                direction?: (ledger.v1.Direction|null);
                rule?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = ledger.v1.FieldMasked.$Properties;

            enum InfoType {
                INFO_TYPE_UNSPECIFIED = 0,
                SSN = 1,
                CREDIT_CARD = 2,
                EMAIL = 3,
                PHONE = 4,
                PHI = 5,
                IBAN = 6,
                PERSON_NAME = 7,
                ADDRESS = 8,
                SECRET = 9,
                CUSTOM = 10
            }

            enum Transformation {
                TRANSFORMATION_UNSPECIFIED = 0,
                REDACT = 1,
                HASH = 2,
                PARTIAL = 3,
                TOKENIZE = 4,
                NULLIFY = 5
            }
        }

        interface IApprovalRequested extends ledger.v1.ApprovalRequested.$Properties {
        }

        class ApprovalRequested {
            constructor(properties?: ledger.v1.ApprovalRequested.$Properties);
            $unknowns?: Uint8Array[];
            requestId: string;
            reason: string;
            approverGroup: string;
            statementDigest: string;
            scope: string;
            static create(properties: ledger.v1.ApprovalRequested.$Shape): ledger.v1.ApprovalRequested & ledger.v1.ApprovalRequested.$Shape;
            static create(properties?: ledger.v1.ApprovalRequested.$Properties): ledger.v1.ApprovalRequested;
            static encode(message: ledger.v1.ApprovalRequested.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: ledger.v1.ApprovalRequested.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ledger.v1.ApprovalRequested & ledger.v1.ApprovalRequested.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): ledger.v1.ApprovalRequested & ledger.v1.ApprovalRequested.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): ledger.v1.ApprovalRequested;
            static toObject(message: ledger.v1.ApprovalRequested, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace ApprovalRequested {
            interface $Properties {
                requestId?: (string|null);
                reason?: (string|null);
                approverGroup?: (string|null);
                statementDigest?: (string|null);
                scope?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = ledger.v1.ApprovalRequested.$Properties;
        }

        interface IApprovalGranted extends ledger.v1.ApprovalGranted.$Properties {
        }

        class ApprovalGranted {
            constructor(properties?: ledger.v1.ApprovalGranted.$Properties);
            $unknowns?: Uint8Array[];
            requestId: string;
            approver?: (ledger.v1.Actor.$Properties|null);
            approverGroup: string;
            reason: string;
            validFrom?: (google.protobuf.Timestamp.$Properties|null);
            validUntil?: (google.protobuf.Timestamp.$Properties|null);
            static create(properties: ledger.v1.ApprovalGranted.$Shape): ledger.v1.ApprovalGranted & ledger.v1.ApprovalGranted.$Shape;
            static create(properties?: ledger.v1.ApprovalGranted.$Properties): ledger.v1.ApprovalGranted;
            static encode(message: ledger.v1.ApprovalGranted.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: ledger.v1.ApprovalGranted.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ledger.v1.ApprovalGranted & ledger.v1.ApprovalGranted.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): ledger.v1.ApprovalGranted & ledger.v1.ApprovalGranted.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): ledger.v1.ApprovalGranted;
            static toObject(message: ledger.v1.ApprovalGranted, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace ApprovalGranted {
            interface $Properties {
                requestId?: (string|null);
                approver?: (ledger.v1.Actor.$Properties|null);
                approverGroup?: (string|null);
                reason?: (string|null);
                validFrom?: (google.protobuf.Timestamp.$Properties|null);
                validUntil?: (google.protobuf.Timestamp.$Properties|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = ledger.v1.ApprovalGranted.$Properties;
        }

        interface IApprovalDenied extends ledger.v1.ApprovalDenied.$Properties {
        }

        class ApprovalDenied {
            constructor(properties?: ledger.v1.ApprovalDenied.$Properties);
            $unknowns?: Uint8Array[];
            requestId: string;
            approver?: (ledger.v1.Actor.$Properties|null);
            approverGroup: string;
            reason: string;
            static create(properties: ledger.v1.ApprovalDenied.$Shape): ledger.v1.ApprovalDenied & ledger.v1.ApprovalDenied.$Shape;
            static create(properties?: ledger.v1.ApprovalDenied.$Properties): ledger.v1.ApprovalDenied;
            static encode(message: ledger.v1.ApprovalDenied.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: ledger.v1.ApprovalDenied.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ledger.v1.ApprovalDenied & ledger.v1.ApprovalDenied.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): ledger.v1.ApprovalDenied & ledger.v1.ApprovalDenied.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): ledger.v1.ApprovalDenied;
            static toObject(message: ledger.v1.ApprovalDenied, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace ApprovalDenied {
            interface $Properties {
                requestId?: (string|null);
                approver?: (ledger.v1.Actor.$Properties|null);
                approverGroup?: (string|null);
                reason?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = ledger.v1.ApprovalDenied.$Properties;
        }

        interface ICheckpointSigned extends ledger.v1.CheckpointSigned.$Properties {
        }

        class CheckpointSigned {
            constructor(properties?: ledger.v1.CheckpointSigned.$Properties);
            $unknowns?: Uint8Array[];
            origin: string;
            treeSize: number;
            rootHash: Uint8Array;
            note: string;
            static create(properties: ledger.v1.CheckpointSigned.$Shape): ledger.v1.CheckpointSigned & ledger.v1.CheckpointSigned.$Shape;
            static create(properties?: ledger.v1.CheckpointSigned.$Properties): ledger.v1.CheckpointSigned;
            static encode(message: ledger.v1.CheckpointSigned.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: ledger.v1.CheckpointSigned.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ledger.v1.CheckpointSigned & ledger.v1.CheckpointSigned.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): ledger.v1.CheckpointSigned & ledger.v1.CheckpointSigned.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): ledger.v1.CheckpointSigned;
            static toObject(message: ledger.v1.CheckpointSigned, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace CheckpointSigned {
            interface $Properties {
                origin?: (string|null);
                treeSize?: (number|null);
                rootHash?: (Uint8Array|null);
                note?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = ledger.v1.CheckpointSigned.$Properties;
        }

        interface IBundleArchived extends ledger.v1.BundleArchived.$Properties {
        }

        class BundleArchived {
            constructor(properties?: ledger.v1.BundleArchived.$Properties);
            $unknowns?: Uint8Array[];
            target: string;
            bucket: string;
            key: string;
            versionId: string;
            sha256: string;
            firstLeaf: number;
            endLeaf: number;
            retainUntil?: (google.protobuf.Timestamp.$Properties|null);
            lockMode: string;
            static create(properties: ledger.v1.BundleArchived.$Shape): ledger.v1.BundleArchived & ledger.v1.BundleArchived.$Shape;
            static create(properties?: ledger.v1.BundleArchived.$Properties): ledger.v1.BundleArchived;
            static encode(message: ledger.v1.BundleArchived.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: ledger.v1.BundleArchived.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ledger.v1.BundleArchived & ledger.v1.BundleArchived.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): ledger.v1.BundleArchived & ledger.v1.BundleArchived.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): ledger.v1.BundleArchived;
            static toObject(message: ledger.v1.BundleArchived, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace BundleArchived {
            interface $Properties {
                target?: (string|null);
                bucket?: (string|null);
                key?: (string|null);
                versionId?: (string|null);
                sha256?: (string|null);
                firstLeaf?: (number|null);
                endLeaf?: (number|null);
                retainUntil?: (google.protobuf.Timestamp.$Properties|null);
                lockMode?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = ledger.v1.BundleArchived.$Properties;
        }

        interface IEvidenceExported extends ledger.v1.EvidenceExported.$Properties {
        }

        class EvidenceExported {
            constructor(properties?: ledger.v1.EvidenceExported.$Properties);
            $unknowns?: Uint8Array[];
            requester: string;
            queryJson: string;
            packageSha256: string;
            eventCount: number;
            static create(properties: ledger.v1.EvidenceExported.$Shape): ledger.v1.EvidenceExported & ledger.v1.EvidenceExported.$Shape;
            static create(properties?: ledger.v1.EvidenceExported.$Properties): ledger.v1.EvidenceExported;
            static encode(message: ledger.v1.EvidenceExported.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: ledger.v1.EvidenceExported.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ledger.v1.EvidenceExported & ledger.v1.EvidenceExported.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): ledger.v1.EvidenceExported & ledger.v1.EvidenceExported.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): ledger.v1.EvidenceExported;
            static toObject(message: ledger.v1.EvidenceExported, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace EvidenceExported {
            interface $Properties {
                requester?: (string|null);
                queryJson?: (string|null);
                packageSha256?: (string|null);
                eventCount?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = ledger.v1.EvidenceExported.$Properties;
        }

        interface IKeyRotated extends ledger.v1.KeyRotated.$Properties {
        }

        class KeyRotated {
            constructor(properties?: ledger.v1.KeyRotated.$Properties);
            $unknowns?: Uint8Array[];
            oldVerifierKey: string;
            newVerifierKey: string;
            static create(properties: ledger.v1.KeyRotated.$Shape): ledger.v1.KeyRotated & ledger.v1.KeyRotated.$Shape;
            static create(properties?: ledger.v1.KeyRotated.$Properties): ledger.v1.KeyRotated;
            static encode(message: ledger.v1.KeyRotated.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: ledger.v1.KeyRotated.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ledger.v1.KeyRotated & ledger.v1.KeyRotated.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): ledger.v1.KeyRotated & ledger.v1.KeyRotated.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): ledger.v1.KeyRotated;
            static toObject(message: ledger.v1.KeyRotated, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace KeyRotated {
            interface $Properties {
                oldVerifierKey?: (string|null);
                newVerifierKey?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = ledger.v1.KeyRotated.$Properties;
        }

        interface ILedgerEntry extends ledger.v1.LedgerEntry.$Properties {
        }

        class LedgerEntry {
            constructor(properties?: ledger.v1.LedgerEntry.$Properties);
            $unknowns?: Uint8Array[];
            event: Uint8Array;
            recordedAt?: (google.protobuf.Timestamp.$Properties|null);
            position: number;
            leafIndex: number;
            static create(properties: ledger.v1.LedgerEntry.$Shape): ledger.v1.LedgerEntry & ledger.v1.LedgerEntry.$Shape;
            static create(properties?: ledger.v1.LedgerEntry.$Properties): ledger.v1.LedgerEntry;
            static encode(message: ledger.v1.LedgerEntry.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: ledger.v1.LedgerEntry.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): ledger.v1.LedgerEntry & ledger.v1.LedgerEntry.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): ledger.v1.LedgerEntry & ledger.v1.LedgerEntry.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): ledger.v1.LedgerEntry;
            static toObject(message: ledger.v1.LedgerEntry, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace LedgerEntry {
            interface $Properties {
                event?: (Uint8Array|null);
                recordedAt?: (google.protobuf.Timestamp.$Properties|null);
                position?: (number|null);
                leafIndex?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = ledger.v1.LedgerEntry.$Properties;
        }
    }
}

export namespace google {

    namespace protobuf {

        interface ITimestamp extends google.protobuf.Timestamp.$Properties {
        }

        class Timestamp {
            constructor(properties?: google.protobuf.Timestamp.$Properties);
            $unknowns?: Uint8Array[];
            seconds: number;
            nanos: number;
            static create(properties: google.protobuf.Timestamp.$Shape): google.protobuf.Timestamp & google.protobuf.Timestamp.$Shape;
            static create(properties?: google.protobuf.Timestamp.$Properties): google.protobuf.Timestamp;
            static encode(message: google.protobuf.Timestamp.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static encodeDelimited(message: google.protobuf.Timestamp.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): google.protobuf.Timestamp & google.protobuf.Timestamp.$Shape;
            static decodeDelimited(reader: ($protobuf.Reader|Uint8Array)): google.protobuf.Timestamp & google.protobuf.Timestamp.$Shape;
            static verify(message: { [k: string]: any }): (string|null);
            static fromObject(object: { [k: string]: any }): google.protobuf.Timestamp;
            static toObject(message: google.protobuf.Timestamp, options?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Timestamp {
            interface $Properties {
                seconds?: (number|null);
                nanos?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = google.protobuf.Timestamp.$Properties;
        }
    }
}
