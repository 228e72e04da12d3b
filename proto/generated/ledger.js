/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError, $TypeError = $util.global.TypeError, $String = $util.global.String, $Array = $util.global.Array, $Boolean = $util.global.Boolean, $Number = $util.global.Number, $parseInt = $util.global.parseInt, $BigInt = $util.global.BigInt;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const ledger = $root.ledger = (() => {

    /**
     * Namespace ledger.
     * @exports ledger
     * @namespace
     */
    const ledger = {};

    ledger.v1 = (function() {

        /**
         * Namespace v1.
         * @memberof ledger
         * @namespace
         */
        const v1 = {};

        v1.AuditEvent = (function() {

            /**
             * Properties of an AuditEvent.
             * @typedef {Object} ledger.v1.AuditEvent.$Properties
             * @property {string|null} [eventId] AuditEvent eventId
             * @property {string|null} [tenantId] AuditEvent tenantId
             * @property {string|null} [gatewayId] AuditEvent gatewayId
             * @property {google.protobuf.Timestamp.$Properties|null} [occurredAt] AuditEvent occurredAt
             * @property {string|null} [sessionId] AuditEvent sessionId
             * @property {string|null} [correlationId] AuditEvent correlationId
             * @property {ledger.v1.Actor.$Properties|null} [actor] AuditEvent actor
             * @property {ledger.v1.Resource.$Properties|null} [resource] AuditEvent resource
             * @property {ledger.v1.Source.$Properties|null} [source] AuditEvent source
             * @property {ledger.v1.PolicyDecision.$Properties|null} [policy] AuditEvent policy
             * @property {ledger.v1.SessionOpened.$Properties|null} [sessionOpened] AuditEvent sessionOpened
             * @property {ledger.v1.SessionClosed.$Properties|null} [sessionClosed] AuditEvent sessionClosed
             * @property {ledger.v1.CommandExecuted.$Properties|null} [commandExecuted] AuditEvent commandExecuted
             * @property {ledger.v1.CommandBlocked.$Properties|null} [commandBlocked] AuditEvent commandBlocked
             * @property {ledger.v1.FieldMasked.$Properties|null} [fieldMasked] AuditEvent fieldMasked
             * @property {ledger.v1.ApprovalRequested.$Properties|null} [approvalRequested] AuditEvent approvalRequested
             * @property {ledger.v1.ApprovalGranted.$Properties|null} [approvalGranted] AuditEvent approvalGranted
             * @property {ledger.v1.ApprovalDenied.$Properties|null} [approvalDenied] AuditEvent approvalDenied
             * @property {ledger.v1.CheckpointSigned.$Properties|null} [checkpointSigned] AuditEvent checkpointSigned
             * @property {ledger.v1.BundleArchived.$Properties|null} [bundleArchived] AuditEvent bundleArchived
             * @property {ledger.v1.EvidenceExported.$Properties|null} [evidenceExported] AuditEvent evidenceExported
             * @property {ledger.v1.KeyRotated.$Properties|null} [keyRotated] AuditEvent keyRotated
             * @property {"sessionOpened"|"sessionClosed"|"commandExecuted"|"commandBlocked"|"fieldMasked"|"approvalRequested"|"approvalGranted"|"approvalDenied"|"checkpointSigned"|"bundleArchived"|"evidenceExported"|"keyRotated"} [payload] AuditEvent payload
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an AuditEvent.
             * @memberof ledger.v1
             * @interface IAuditEvent
             * @augments ledger.v1.AuditEvent.$Properties
             * @deprecated Use ledger.v1.AuditEvent.$Properties instead.
             */

            /**
             * Narrowed shape of an AuditEvent.
             * @typedef {{
             *   eventId?: string|null;
             *   tenantId?: string|null;
             *   gatewayId?: string|null;
             *   occurredAt?: google.protobuf.Timestamp.$Shape|null;
             *   sessionId?: string|null;
             *   correlationId?: string|null;
             *   actor?: ledger.v1.Actor.$Shape|null;
             *   resource?: ledger.v1.Resource.$Shape|null;
             *   source?: ledger.v1.Source.$Shape|null;
             *   policy?: ledger.v1.PolicyDecision.$Shape|null;
             *   sessionOpened?: ledger.v1.SessionOpened.$Shape|null;
             *   sessionClosed?: ledger.v1.SessionClosed.$Shape|null;
             *   commandExecuted?: ledger.v1.CommandExecuted.$Shape|null;
             *   commandBlocked?: ledger.v1.CommandBlocked.$Shape|null;
             *   fieldMasked?: ledger.v1.FieldMasked.$Shape|null;
             *   approvalRequested?: ledger.v1.ApprovalRequested.$Shape|null;
             *   approvalGranted?: ledger.v1.ApprovalGranted.$Shape|null;
             *   approvalDenied?: ledger.v1.ApprovalDenied.$Shape|null;
             *   checkpointSigned?: ledger.v1.CheckpointSigned.$Shape|null;
             *   bundleArchived?: ledger.v1.BundleArchived.$Shape|null;
             *   evidenceExported?: ledger.v1.EvidenceExported.$Shape|null;
             *   keyRotated?: ledger.v1.KeyRotated.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ payload?: undefined; sessionOpened?: null; sessionClosed?: null; commandExecuted?: null; commandBlocked?: null; fieldMasked?: null; approvalRequested?: null; approvalGranted?: null; approvalDenied?: null; checkpointSigned?: null; bundleArchived?: null; evidenceExported?: null; keyRotated?: null }|{ payload?: "sessionOpened"; sessionOpened: ledger.v1.SessionOpened.$Shape; sessionClosed?: null; commandExecuted?: null; commandBlocked?: null; fieldMasked?: null; approvalRequested?: null; approvalGranted?: null; approvalDenied?: null; checkpointSigned?: null; bundleArchived?: null; evidenceExported?: null; keyRotated?: null }|{ payload?: "sessionClosed"; sessionOpened?: null; sessionClosed: ledger.v1.SessionClosed.$Shape; commandExecuted?: null; commandBlocked?: null; fieldMasked?: null; approvalRequested?: null; approvalGranted?: null; approvalDenied?: null; checkpointSigned?: null; bundleArchived?: null; evidenceExported?: null; keyRotated?: null }|{ payload?: "commandExecuted"; sessionOpened?: null; sessionClosed?: null; commandExecuted: ledger.v1.CommandExecuted.$Shape; commandBlocked?: null; fieldMasked?: null; approvalRequested?: null; approvalGranted?: null; approvalDenied?: null; checkpointSigned?: null; bundleArchived?: null; evidenceExported?: null; keyRotated?: null }|{ payload?: "commandBlocked"; sessionOpened?: null; sessionClosed?: null; commandExecuted?: null; commandBlocked: ledger.v1.CommandBlocked.$Shape; fieldMasked?: null; approvalRequested?: null; approvalGranted?: null; approvalDenied?: null; checkpointSigned?: null; bundleArchived?: null; evidenceExported?: null; keyRotated?: null }|{ payload?: "fieldMasked"; sessionOpened?: null; sessionClosed?: null; commandExecuted?: null; commandBlocked?: null; fieldMasked: ledger.v1.FieldMasked.$Shape; approvalRequested?: null; approvalGranted?: null; approvalDenied?: null; checkpointSigned?: null; bundleArchived?: null; evidenceExported?: null; keyRotated?: null }|{ payload?: "approvalRequested"; sessionOpened?: null; sessionClosed?: null; commandExecuted?: null; commandBlocked?: null; fieldMasked?: null; approvalRequested: ledger.v1.ApprovalRequested.$Shape; approvalGranted?: null; approvalDenied?: null; checkpointSigned?: null; bundleArchived?: null; evidenceExported?: null; keyRotated?: null }|{ payload?: "approvalGranted"; sessionOpened?: null; sessionClosed?: null; commandExecuted?: null; commandBlocked?: null; fieldMasked?: null; approvalRequested?: null; approvalGranted: ledger.v1.ApprovalGranted.$Shape; approvalDenied?: null; checkpointSigned?: null; bundleArchived?: null; evidenceExported?: null; keyRotated?: null }|{ payload?: "approvalDenied"; sessionOpened?: null; sessionClosed?: null; commandExecuted?: null; commandBlocked?: null; fieldMasked?: null; approvalRequested?: null; approvalGranted?: null; approvalDenied: ledger.v1.ApprovalDenied.$Shape; checkpointSigned?: null; bundleArchived?: null; evidenceExported?: null; keyRotated?: null }|{ payload?: "checkpointSigned"; sessionOpened?: null; sessionClosed?: null; commandExecuted?: null; commandBlocked?: null; fieldMasked?: null; approvalRequested?: null; approvalGranted?: null; approvalDenied?: null; checkpointSigned: ledger.v1.CheckpointSigned.$Shape; bundleArchived?: null; evidenceExported?: null; keyRotated?: null }|{ payload?: "bundleArchived"; sessionOpened?: null; sessionClosed?: null; commandExecuted?: null; commandBlocked?: null; fieldMasked?: null; approvalRequested?: null; approvalGranted?: null; approvalDenied?: null; checkpointSigned?: null; bundleArchived: ledger.v1.BundleArchived.$Shape; evidenceExported?: null; keyRotated?: null }|{ payload?: "evidenceExported"; sessionOpened?: null; sessionClosed?: null; commandExecuted?: null; commandBlocked?: null; fieldMasked?: null; approvalRequested?: null; approvalGranted?: null; approvalDenied?: null; checkpointSigned?: null; bundleArchived?: null; evidenceExported: ledger.v1.EvidenceExported.$Shape; keyRotated?: null }|{ payload?: "keyRotated"; sessionOpened?: null; sessionClosed?: null; commandExecuted?: null; commandBlocked?: null; fieldMasked?: null; approvalRequested?: null; approvalGranted?: null; approvalDenied?: null; checkpointSigned?: null; bundleArchived?: null; evidenceExported?: null; keyRotated: ledger.v1.KeyRotated.$Shape })
             * )} ledger.v1.AuditEvent.$Shape
             */

            /**
             * Constructs a new AuditEvent.
             * @memberof ledger.v1
             * @classdesc Represents an AuditEvent.
             * @constructor
             * @param {ledger.v1.AuditEvent.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const AuditEvent = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * AuditEvent eventId.
             * @member {string} eventId
             * @memberof ledger.v1.AuditEvent
             * @instance
             */
            AuditEvent.prototype.eventId = "";

            /**
             * AuditEvent tenantId.
             * @member {string} tenantId
             * @memberof ledger.v1.AuditEvent
             * @instance
             */
            AuditEvent.prototype.tenantId = "";

            /**
             * AuditEvent gatewayId.
             * @member {string} gatewayId
             * @memberof ledger.v1.AuditEvent
             * @instance
             */
            AuditEvent.prototype.gatewayId = "";

            /**
             * AuditEvent occurredAt.
             * @member {google.protobuf.Timestamp.$Properties|null|undefined} occurredAt
             * @memberof ledger.v1.AuditEvent
             * @instance
             */
            AuditEvent.prototype.occurredAt = null;

            /**
             * AuditEvent sessionId.
             * @member {string} sessionId
             * @memberof ledger.v1.AuditEvent
             * @instance
             */
            AuditEvent.prototype.sessionId = "";

            /**
             * AuditEvent correlationId.
             * @member {string} correlationId
             * @memberof ledger.v1.AuditEvent
             * @instance
             */
            AuditEvent.prototype.correlationId = "";

            /**
             * AuditEvent actor.
             * @member {ledger.v1.Actor.$Properties|null|undefined} actor
             * @memberof ledger.v1.AuditEvent
             * @instance
             */
            AuditEvent.prototype.actor = null;

            /**
             * AuditEvent resource.
             * @member {ledger.v1.Resource.$Properties|null|undefined} resource
             * @memberof ledger.v1.AuditEvent
             * @instance
             */
            AuditEvent.prototype.resource = null;

            /**
             * AuditEvent source.
             * @member {ledger.v1.Source.$Properties|null|undefined} source
             * @memberof ledger.v1.AuditEvent
             * @instance
             */
            AuditEvent.prototype.source = null;

            /**
             * AuditEvent policy.
             * @member {ledger.v1.PolicyDecision.$Properties|null|undefined} policy
             * @memberof ledger.v1.AuditEvent
             * @instance
             */
            AuditEvent.prototype.policy = null;

            /**
             * AuditEvent sessionOpened.
             * @member {ledger.v1.SessionOpened.$Properties|null|undefined} sessionOpened
             * @memberof ledger.v1.AuditEvent
             * @instance
             */
            AuditEvent.prototype.sessionOpened = null;

            /**
             * AuditEvent sessionClosed.
             * @member {ledger.v1.SessionClosed.$Properties|null|undefined} sessionClosed
             * @memberof ledger.v1.AuditEvent
             * @instance
             */
            AuditEvent.prototype.sessionClosed = null;

            /**
             * AuditEvent commandExecuted.
             * @member {ledger.v1.CommandExecuted.$Properties|null|undefined} commandExecuted
             * @memberof ledger.v1.AuditEvent
             * @instance
             */
            AuditEvent.prototype.commandExecuted = null;

            /**
             * AuditEvent commandBlocked.
             * @member {ledger.v1.CommandBlocked.$Properties|null|undefined} commandBlocked
             * @memberof ledger.v1.AuditEvent
             * @instance
             */
            AuditEvent.prototype.commandBlocked = null;

            /**
             * AuditEvent fieldMasked.
             * @member {ledger.v1.FieldMasked.$Properties|null|undefined} fieldMasked
             * @memberof ledger.v1.AuditEvent
             * @instance
             */
            AuditEvent.prototype.fieldMasked = null;

            /**
             * AuditEvent approvalRequested.
             * @member {ledger.v1.ApprovalRequested.$Properties|null|undefined} approvalRequested
             * @memberof ledger.v1.AuditEvent
             * @instance
             */
            AuditEvent.prototype.approvalRequested = null;

            /**
             * AuditEvent approvalGranted.
             * @member {ledger.v1.ApprovalGranted.$Properties|null|undefined} approvalGranted
             * @memberof ledger.v1.AuditEvent
             * @instance
             */
            AuditEvent.prototype.approvalGranted = null;

            /**
             * AuditEvent approvalDenied.
             * @member {ledger.v1.ApprovalDenied.$Properties|null|undefined} approvalDenied
             * @memberof ledger.v1.AuditEvent
             * @instance
             */
            AuditEvent.prototype.approvalDenied = null;

            /**
             * AuditEvent checkpointSigned.
             * @member {ledger.v1.CheckpointSigned.$Properties|null|undefined} checkpointSigned
             * @memberof ledger.v1.AuditEvent
             * @instance
             */
            AuditEvent.prototype.checkpointSigned = null;

            /**
             * AuditEvent bundleArchived.
             * @member {ledger.v1.BundleArchived.$Properties|null|undefined} bundleArchived
             * @memberof ledger.v1.AuditEvent
             * @instance
             */
            AuditEvent.prototype.bundleArchived = null;

            /**
             * AuditEvent evidenceExported.
             * @member {ledger.v1.EvidenceExported.$Properties|null|undefined} evidenceExported
             * @memberof ledger.v1.AuditEvent
             * @instance
             */
            AuditEvent.prototype.evidenceExported = null;

            /**
             * AuditEvent keyRotated.
             * @member {ledger.v1.KeyRotated.$Properties|null|undefined} keyRotated
             * @memberof ledger.v1.AuditEvent
             * @instance
             */
            AuditEvent.prototype.keyRotated = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * AuditEvent payload.
             * @member {"sessionOpened"|"sessionClosed"|"commandExecuted"|"commandBlocked"|"fieldMasked"|"approvalRequested"|"approvalGranted"|"approvalDenied"|"checkpointSigned"|"bundleArchived"|"evidenceExported"|"keyRotated"|undefined} payload
             * @memberof ledger.v1.AuditEvent
             * @instance
             */
            $Object.defineProperty(AuditEvent.prototype, "payload", {
                get: $util.oneOfGetter($oneOfFields = ["sessionOpened", "sessionClosed", "commandExecuted", "commandBlocked", "fieldMasked", "approvalRequested", "approvalGranted", "approvalDenied", "checkpointSigned", "bundleArchived", "evidenceExported", "keyRotated"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new AuditEvent instance using the specified properties.
             * @function create
             * @memberof ledger.v1.AuditEvent
             * @static
             * @param {ledger.v1.AuditEvent.$Properties=} [properties] Properties to set
             * @returns {ledger.v1.AuditEvent} AuditEvent instance
             * @type {{
             *   (properties: ledger.v1.AuditEvent.$Shape): ledger.v1.AuditEvent & ledger.v1.AuditEvent.$Shape;
             *   (properties?: ledger.v1.AuditEvent.$Properties): ledger.v1.AuditEvent;
             * }}
             */
            AuditEvent.create = function(properties) {
                return new AuditEvent(properties);
            };

            /**
             * Encodes the specified AuditEvent message. Does not implicitly {@link ledger.v1.AuditEvent.verify|verify} messages.
             * @function encode
             * @memberof ledger.v1.AuditEvent
             * @static
             * @param {ledger.v1.AuditEvent.$Properties} message AuditEvent message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            AuditEvent.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.eventId != null && $Object.hasOwnProperty.call(message, "eventId") && message.eventId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.eventId);
                if (message.tenantId != null && $Object.hasOwnProperty.call(message, "tenantId") && message.tenantId !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.tenantId);
                if (message.gatewayId != null && $Object.hasOwnProperty.call(message, "gatewayId") && message.gatewayId !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.gatewayId);
                if (message.occurredAt != null && $Object.hasOwnProperty.call(message, "occurredAt"))
                    $root.google.protobuf.Timestamp.encode(message.occurredAt, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId") && message.sessionId !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.sessionId);
                if (message.correlationId != null && $Object.hasOwnProperty.call(message, "correlationId") && message.correlationId !== "")
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.correlationId);
                if (message.actor != null && $Object.hasOwnProperty.call(message, "actor"))
                    $root.ledger.v1.Actor.encode(message.actor, writer.uint32(/* id 7, wireType 2 =*/58).fork(), _depth + 1).ldelim();
                if (message.resource != null && $Object.hasOwnProperty.call(message, "resource"))
                    $root.ledger.v1.Resource.encode(message.resource, writer.uint32(/* id 8, wireType 2 =*/66).fork(), _depth + 1).ldelim();
                if (message.source != null && $Object.hasOwnProperty.call(message, "source"))
                    $root.ledger.v1.Source.encode(message.source, writer.uint32(/* id 9, wireType 2 =*/74).fork(), _depth + 1).ldelim();
                if (message.policy != null && $Object.hasOwnProperty.call(message, "policy"))
                    $root.ledger.v1.PolicyDecision.encode(message.policy, writer.uint32(/* id 10, wireType 2 =*/82).fork(), _depth + 1).ldelim();
                if (message.sessionOpened != null && $Object.hasOwnProperty.call(message, "sessionOpened"))
                    $root.ledger.v1.SessionOpened.encode(message.sessionOpened, writer.uint32(/* id 20, wireType 2 =*/162).fork(), _depth + 1).ldelim();
                if (message.sessionClosed != null && $Object.hasOwnProperty.call(message, "sessionClosed"))
                    $root.ledger.v1.SessionClosed.encode(message.sessionClosed, writer.uint32(/* id 21, wireType 2 =*/170).fork(), _depth + 1).ldelim();
                if (message.commandExecuted != null && $Object.hasOwnProperty.call(message, "commandExecuted"))
                    $root.ledger.v1.CommandExecuted.encode(message.commandExecuted, writer.uint32(/* id 22, wireType 2 =*/178).fork(), _depth + 1).ldelim();
                if (message.commandBlocked != null && $Object.hasOwnProperty.call(message, "commandBlocked"))
                    $root.ledger.v1.CommandBlocked.encode(message.commandBlocked, writer.uint32(/* id 23, wireType 2 =*/186).fork(), _depth + 1).ldelim();
                if (message.fieldMasked != null && $Object.hasOwnProperty.call(message, "fieldMasked"))
                    $root.ledger.v1.FieldMasked.encode(message.fieldMasked, writer.uint32(/* id 24, wireType 2 =*/194).fork(), _depth + 1).ldelim();
                if (message.approvalRequested != null && $Object.hasOwnProperty.call(message, "approvalRequested"))
                    $root.ledger.v1.ApprovalRequested.encode(message.approvalRequested, writer.uint32(/* id 25, wireType 2 =*/202).fork(), _depth + 1).ldelim();
                if (message.approvalGranted != null && $Object.hasOwnProperty.call(message, "approvalGranted"))
                    $root.ledger.v1.ApprovalGranted.encode(message.approvalGranted, writer.uint32(/* id 26, wireType 2 =*/210).fork(), _depth + 1).ldelim();
                if (message.approvalDenied != null && $Object.hasOwnProperty.call(message, "approvalDenied"))
                    $root.ledger.v1.ApprovalDenied.encode(message.approvalDenied, writer.uint32(/* id 27, wireType 2 =*/218).fork(), _depth + 1).ldelim();
                if (message.checkpointSigned != null && $Object.hasOwnProperty.call(message, "checkpointSigned"))
                    $root.ledger.v1.CheckpointSigned.encode(message.checkpointSigned, writer.uint32(/* id 40, wireType 2 =*/322).fork(), _depth + 1).ldelim();
                if (message.bundleArchived != null && $Object.hasOwnProperty.call(message, "bundleArchived"))
                    $root.ledger.v1.BundleArchived.encode(message.bundleArchived, writer.uint32(/* id 41, wireType 2 =*/330).fork(), _depth + 1).ldelim();
                if (message.evidenceExported != null && $Object.hasOwnProperty.call(message, "evidenceExported"))
                    $root.ledger.v1.EvidenceExported.encode(message.evidenceExported, writer.uint32(/* id 42, wireType 2 =*/338).fork(), _depth + 1).ldelim();
                if (message.keyRotated != null && $Object.hasOwnProperty.call(message, "keyRotated"))
                    $root.ledger.v1.KeyRotated.encode(message.keyRotated, writer.uint32(/* id 43, wireType 2 =*/346).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified AuditEvent message, length delimited. Does not implicitly {@link ledger.v1.AuditEvent.verify|verify} messages.
             * @function encodeDelimited
             * @memberof ledger.v1.AuditEvent
             * @static
             * @param {ledger.v1.AuditEvent.$Properties} message AuditEvent message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            AuditEvent.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an AuditEvent message from the specified reader or buffer.
             * @function decode
             * @memberof ledger.v1.AuditEvent
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {ledger.v1.AuditEvent & ledger.v1.AuditEvent.$Shape} AuditEvent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            AuditEvent.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.ledger.v1.AuditEvent();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.eventId = value;
                            else
                                delete message.eventId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.tenantId = value;
                            else
                                delete message.tenantId;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.gatewayId = value;
                            else
                                delete message.gatewayId;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            message.occurredAt = $root.google.protobuf.Timestamp.decode(reader, reader.size(), $undefined, _depth + 1, message.occurredAt);
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.sessionId = value;
                            else
                                delete message.sessionId;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.correlationId = value;
                            else
                                delete message.correlationId;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            message.actor = $root.ledger.v1.Actor.decode(reader, reader.size(), $undefined, _depth + 1, message.actor);
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            message.resource = $root.ledger.v1.Resource.decode(reader, reader.size(), $undefined, _depth + 1, message.resource);
                            continue;
                        }
                    case 9: {
                            if (wireType !== 2)
                                break;
                            message.source = $root.ledger.v1.Source.decode(reader, reader.size(), $undefined, _depth + 1, message.source);
                            continue;
                        }
                    case 10: {
                            if (wireType !== 2)
                                break;
                            message.policy = $root.ledger.v1.PolicyDecision.decode(reader, reader.size(), $undefined, _depth + 1, message.policy);
                            continue;
                        }
                    case 20: {
                            if (wireType !== 2)
                                break;
                            message.sessionOpened = $root.ledger.v1.SessionOpened.decode(reader, reader.size(), $undefined, _depth + 1, message.sessionOpened);
                            message.payload = "sessionOpened";
                            continue;
                        }
                    case 21: {
                            if (wireType !== 2)
                                break;
                            message.sessionClosed = $root.ledger.v1.SessionClosed.decode(reader, reader.size(), $undefined, _depth + 1, message.sessionClosed);
                            message.payload = "sessionClosed";
                            continue;
                        }
                    case 22: {
                            if (wireType !== 2)
                                break;
                            message.commandExecuted = $root.ledger.v1.CommandExecuted.decode(reader, reader.size(), $undefined, _depth + 1, message.commandExecuted);
                            message.payload = "commandExecuted";
                            continue;
                        }
                    case 23: {
                            if (wireType !== 2)
                                break;
                            message.commandBlocked = $root.ledger.v1.CommandBlocked.decode(reader, reader.size(), $undefined, _depth + 1, message.commandBlocked);
                            message.payload = "commandBlocked";
                            continue;
                        }
                    case 24: {
                            if (wireType !== 2)
                                break;
                            message.fieldMasked = $root.ledger.v1.FieldMasked.decode(reader, reader.size(), $undefined, _depth + 1, message.fieldMasked);
                            message.payload = "fieldMasked";
                            continue;
                        }
                    case 25: {
                            if (wireType !== 2)
                                break;
                            message.approvalRequested = $root.ledger.v1.ApprovalRequested.decode(reader, reader.size(), $undefined, _depth + 1, message.approvalRequested);
                            message.payload = "approvalRequested";
                            continue;
                        }
                    case 26: {
                            if (wireType !== 2)
                                break;
                            message.approvalGranted = $root.ledger.v1.ApprovalGranted.decode(reader, reader.size(), $undefined, _depth + 1, message.approvalGranted);
                            message.payload = "approvalGranted";
                            continue;
                        }
                    case 27: {
                            if (wireType !== 2)
                                break;
                            message.approvalDenied = $root.ledger.v1.ApprovalDenied.decode(reader, reader.size(), $undefined, _depth + 1, message.approvalDenied);
                            message.payload = "approvalDenied";
                            continue;
                        }
                    case 40: {
                            if (wireType !== 2)
                                break;
                            message.checkpointSigned = $root.ledger.v1.CheckpointSigned.decode(reader, reader.size(), $undefined, _depth + 1, message.checkpointSigned);
                            message.payload = "checkpointSigned";
                            continue;
                        }
                    case 41: {
                            if (wireType !== 2)
                                break;
                            message.bundleArchived = $root.ledger.v1.BundleArchived.decode(reader, reader.size(), $undefined, _depth + 1, message.bundleArchived);
                            message.payload = "bundleArchived";
                            continue;
                        }
                    case 42: {
                            if (wireType !== 2)
                                break;
                            message.evidenceExported = $root.ledger.v1.EvidenceExported.decode(reader, reader.size(), $undefined, _depth + 1, message.evidenceExported);
                            message.payload = "evidenceExported";
                            continue;
                        }
                    case 43: {
                            if (wireType !== 2)
                                break;
                            message.keyRotated = $root.ledger.v1.KeyRotated.decode(reader, reader.size(), $undefined, _depth + 1, message.keyRotated);
                            message.payload = "keyRotated";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes an AuditEvent message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof ledger.v1.AuditEvent
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {ledger.v1.AuditEvent & ledger.v1.AuditEvent.$Shape} AuditEvent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            AuditEvent.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an AuditEvent message.
             * @function verify
             * @memberof ledger.v1.AuditEvent
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            AuditEvent.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                let properties = {};
                if (message.eventId != null && $Object.hasOwnProperty.call(message, "eventId"))
                    if (!$util.isString(message.eventId))
                        return "eventId: string expected";
                if (message.tenantId != null && $Object.hasOwnProperty.call(message, "tenantId"))
                    if (!$util.isString(message.tenantId))
                        return "tenantId: string expected";
                if (message.gatewayId != null && $Object.hasOwnProperty.call(message, "gatewayId"))
                    if (!$util.isString(message.gatewayId))
                        return "gatewayId: string expected";
                if (message.occurredAt != null && $Object.hasOwnProperty.call(message, "occurredAt")) {
                    let error = $root.google.protobuf.Timestamp.verify(message.occurredAt, _depth + 1);
                    if (error)
                        return "occurredAt." + error;
                }
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    if (!$util.isString(message.sessionId))
                        return "sessionId: string expected";
                if (message.correlationId != null && $Object.hasOwnProperty.call(message, "correlationId"))
                    if (!$util.isString(message.correlationId))
                        return "correlationId: string expected";
                if (message.actor != null && $Object.hasOwnProperty.call(message, "actor")) {
                    let error = $root.ledger.v1.Actor.verify(message.actor, _depth + 1);
                    if (error)
                        return "actor." + error;
                }
                if (message.resource != null && $Object.hasOwnProperty.call(message, "resource")) {
                    let error = $root.ledger.v1.Resource.verify(message.resource, _depth + 1);
                    if (error)
                        return "resource." + error;
                }
                if (message.source != null && $Object.hasOwnProperty.call(message, "source")) {
                    let error = $root.ledger.v1.Source.verify(message.source, _depth + 1);
                    if (error)
                        return "source." + error;
                }
                if (message.policy != null && $Object.hasOwnProperty.call(message, "policy")) {
                    let error = $root.ledger.v1.PolicyDecision.verify(message.policy, _depth + 1);
                    if (error)
                        return "policy." + error;
                }
                if (message.sessionOpened != null && $Object.hasOwnProperty.call(message, "sessionOpened")) {
                    properties.payload = 1;
                    {
                        let error = $root.ledger.v1.SessionOpened.verify(message.sessionOpened, _depth + 1);
                        if (error)
                            return "sessionOpened." + error;
                    }
                }
                if (message.sessionClosed != null && $Object.hasOwnProperty.call(message, "sessionClosed")) {
                    if (properties.payload === 1)
                        return "payload: multiple values";
                    properties.payload = 1;
                    {
                        let error = $root.ledger.v1.SessionClosed.verify(message.sessionClosed, _depth + 1);
                        if (error)
                            return "sessionClosed." + error;
                    }
                }
                if (message.commandExecuted != null && $Object.hasOwnProperty.call(message, "commandExecuted")) {
                    if (properties.payload === 1)
                        return "payload: multiple values";
                    properties.payload = 1;
                    {
                        let error = $root.ledger.v1.CommandExecuted.verify(message.commandExecuted, _depth + 1);
                        if (error)
                            return "commandExecuted." + error;
                    }
                }
                if (message.commandBlocked != null && $Object.hasOwnProperty.call(message, "commandBlocked")) {
                    if (properties.payload === 1)
                        return "payload: multiple values";
                    properties.payload = 1;
                    {
                        let error = $root.ledger.v1.CommandBlocked.verify(message.commandBlocked, _depth + 1);
                        if (error)
                            return "commandBlocked." + error;
                    }
                }
                if (message.fieldMasked != null && $Object.hasOwnProperty.call(message, "fieldMasked")) {
                    if (properties.payload === 1)
                        return "payload: multiple values";
                    properties.payload = 1;
                    {
                        let error = $root.ledger.v1.FieldMasked.verify(message.fieldMasked, _depth + 1);
                        if (error)
                            return "fieldMasked." + error;
                    }
                }
                if (message.approvalRequested != null && $Object.hasOwnProperty.call(message, "approvalRequested")) {
                    if (properties.payload === 1)
                        return "payload: multiple values";
                    properties.payload = 1;
                    {
                        let error = $root.ledger.v1.ApprovalRequested.verify(message.approvalRequested, _depth + 1);
                        if (error)
                            return "approvalRequested." + error;
                    }
                }
                if (message.approvalGranted != null && $Object.hasOwnProperty.call(message, "approvalGranted")) {
                    if (properties.payload === 1)
                        return "payload: multiple values";
                    properties.payload = 1;
                    {
                        let error = $root.ledger.v1.ApprovalGranted.verify(message.approvalGranted, _depth + 1);
                        if (error)
                            return "approvalGranted." + error;
                    }
                }
                if (message.approvalDenied != null && $Object.hasOwnProperty.call(message, "approvalDenied")) {
                    if (properties.payload === 1)
                        return "payload: multiple values";
                    properties.payload = 1;
                    {
                        let error = $root.ledger.v1.ApprovalDenied.verify(message.approvalDenied, _depth + 1);
                        if (error)
                            return "approvalDenied." + error;
                    }
                }
                if (message.checkpointSigned != null && $Object.hasOwnProperty.call(message, "checkpointSigned")) {
                    if (properties.payload === 1)
                        return "payload: multiple values";
                    properties.payload = 1;
                    {
                        let error = $root.ledger.v1.CheckpointSigned.verify(message.checkpointSigned, _depth + 1);
                        if (error)
                            return "checkpointSigned." + error;
                    }
                }
                if (message.bundleArchived != null && $Object.hasOwnProperty.call(message, "bundleArchived")) {
                    if (properties.payload === 1)
                        return "payload: multiple values";
                    properties.payload = 1;
                    {
                        let error = $root.ledger.v1.BundleArchived.verify(message.bundleArchived, _depth + 1);
                        if (error)
                            return "bundleArchived." + error;
                    }
                }
                if (message.evidenceExported != null && $Object.hasOwnProperty.call(message, "evidenceExported")) {
                    if (properties.payload === 1)
                        return "payload: multiple values";
                    properties.payload = 1;
                    {
                        let error = $root.ledger.v1.EvidenceExported.verify(message.evidenceExported, _depth + 1);
                        if (error)
                            return "evidenceExported." + error;
                    }
                }
                if (message.keyRotated != null && $Object.hasOwnProperty.call(message, "keyRotated")) {
                    if (properties.payload === 1)
                        return "payload: multiple values";
                    properties.payload = 1;
                    {
                        let error = $root.ledger.v1.KeyRotated.verify(message.keyRotated, _depth + 1);
                        if (error)
                            return "keyRotated." + error;
                    }
                }
                return null;
            };

            /**
             * Creates an AuditEvent message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof ledger.v1.AuditEvent
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {ledger.v1.AuditEvent} AuditEvent
             */
            AuditEvent.fromObject = function (object, _depth) {
                if (object instanceof $root.ledger.v1.AuditEvent)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".ledger.v1.AuditEvent: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.ledger.v1.AuditEvent();
                if (object.eventId != null)
                    if (typeof object.eventId !== "string" || object.eventId.length)
                        message.eventId = $String(object.eventId);
                if (object.tenantId != null)
                    if (typeof object.tenantId !== "string" || object.tenantId.length)
                        message.tenantId = $String(object.tenantId);
                if (object.gatewayId != null)
                    if (typeof object.gatewayId !== "string" || object.gatewayId.length)
                        message.gatewayId = $String(object.gatewayId);
                if (object.occurredAt != null) {
                    if (!$util.isObject(object.occurredAt))
                        throw $TypeError(".ledger.v1.AuditEvent.occurredAt: object expected");
                    message.occurredAt = $root.google.protobuf.Timestamp.fromObject(object.occurredAt, _depth + 1);
                }
                if (object.sessionId != null)
                    if (typeof object.sessionId !== "string" || object.sessionId.length)
                        message.sessionId = $String(object.sessionId);
                if (object.correlationId != null)
                    if (typeof object.correlationId !== "string" || object.correlationId.length)
                        message.correlationId = $String(object.correlationId);
                if (object.actor != null) {
                    if (!$util.isObject(object.actor))
                        throw $TypeError(".ledger.v1.AuditEvent.actor: object expected");
                    message.actor = $root.ledger.v1.Actor.fromObject(object.actor, _depth + 1);
                }
                if (object.resource != null) {
                    if (!$util.isObject(object.resource))
                        throw $TypeError(".ledger.v1.AuditEvent.resource: object expected");
                    message.resource = $root.ledger.v1.Resource.fromObject(object.resource, _depth + 1);
                }
                if (object.source != null) {
                    if (!$util.isObject(object.source))
                        throw $TypeError(".ledger.v1.AuditEvent.source: object expected");
                    message.source = $root.ledger.v1.Source.fromObject(object.source, _depth + 1);
                }
                if (object.policy != null) {
                    if (!$util.isObject(object.policy))
                        throw $TypeError(".ledger.v1.AuditEvent.policy: object expected");
                    message.policy = $root.ledger.v1.PolicyDecision.fromObject(object.policy, _depth + 1);
                }
                if (object.sessionOpened != null) {
                    if (!$util.isObject(object.sessionOpened))
                        throw $TypeError(".ledger.v1.AuditEvent.sessionOpened: object expected");
                    message.sessionOpened = $root.ledger.v1.SessionOpened.fromObject(object.sessionOpened, _depth + 1);
                }
                if (object.sessionClosed != null) {
                    if (!$util.isObject(object.sessionClosed))
                        throw $TypeError(".ledger.v1.AuditEvent.sessionClosed: object expected");
                    message.sessionClosed = $root.ledger.v1.SessionClosed.fromObject(object.sessionClosed, _depth + 1);
                }
                if (object.commandExecuted != null) {
                    if (!$util.isObject(object.commandExecuted))
                        throw $TypeError(".ledger.v1.AuditEvent.commandExecuted: object expected");
                    message.commandExecuted = $root.ledger.v1.CommandExecuted.fromObject(object.commandExecuted, _depth + 1);
                }
                if (object.commandBlocked != null) {
                    if (!$util.isObject(object.commandBlocked))
                        throw $TypeError(".ledger.v1.AuditEvent.commandBlocked: object expected");
                    message.commandBlocked = $root.ledger.v1.CommandBlocked.fromObject(object.commandBlocked, _depth + 1);
                }
                if (object.fieldMasked != null) {
                    if (!$util.isObject(object.fieldMasked))
                        throw $TypeError(".ledger.v1.AuditEvent.fieldMasked: object expected");
                    message.fieldMasked = $root.ledger.v1.FieldMasked.fromObject(object.fieldMasked, _depth + 1);
                }
                if (object.approvalRequested != null) {
                    if (!$util.isObject(object.approvalRequested))
                        throw $TypeError(".ledger.v1.AuditEvent.approvalRequested: object expected");
                    message.approvalRequested = $root.ledger.v1.ApprovalRequested.fromObject(object.approvalRequested, _depth + 1);
                }
                if (object.approvalGranted != null) {
                    if (!$util.isObject(object.approvalGranted))
                        throw $TypeError(".ledger.v1.AuditEvent.approvalGranted: object expected");
                    message.approvalGranted = $root.ledger.v1.ApprovalGranted.fromObject(object.approvalGranted, _depth + 1);
                }
                if (object.approvalDenied != null) {
                    if (!$util.isObject(object.approvalDenied))
                        throw $TypeError(".ledger.v1.AuditEvent.approvalDenied: object expected");
                    message.approvalDenied = $root.ledger.v1.ApprovalDenied.fromObject(object.approvalDenied, _depth + 1);
                }
                if (object.checkpointSigned != null) {
                    if (!$util.isObject(object.checkpointSigned))
                        throw $TypeError(".ledger.v1.AuditEvent.checkpointSigned: object expected");
                    message.checkpointSigned = $root.ledger.v1.CheckpointSigned.fromObject(object.checkpointSigned, _depth + 1);
                }
                if (object.bundleArchived != null) {
                    if (!$util.isObject(object.bundleArchived))
                        throw $TypeError(".ledger.v1.AuditEvent.bundleArchived: object expected");
                    message.bundleArchived = $root.ledger.v1.BundleArchived.fromObject(object.bundleArchived, _depth + 1);
                }
                if (object.evidenceExported != null) {
                    if (!$util.isObject(object.evidenceExported))
                        throw $TypeError(".ledger.v1.AuditEvent.evidenceExported: object expected");
                    message.evidenceExported = $root.ledger.v1.EvidenceExported.fromObject(object.evidenceExported, _depth + 1);
                }
                if (object.keyRotated != null) {
                    if (!$util.isObject(object.keyRotated))
                        throw $TypeError(".ledger.v1.AuditEvent.keyRotated: object expected");
                    message.keyRotated = $root.ledger.v1.KeyRotated.fromObject(object.keyRotated, _depth + 1);
                }
                return message;
            };

            /**
             * Creates a plain object from an AuditEvent message. Also converts values to other types if specified.
             * @function toObject
             * @memberof ledger.v1.AuditEvent
             * @static
             * @param {ledger.v1.AuditEvent} message AuditEvent
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            AuditEvent.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.eventId = "";
                    object.tenantId = "";
                    object.gatewayId = "";
                    object.occurredAt = null;
                    object.sessionId = "";
                    object.correlationId = "";
                    object.actor = null;
                    object.resource = null;
                    object.source = null;
                    object.policy = null;
                }
                if (message.eventId != null && $Object.hasOwnProperty.call(message, "eventId"))
                    object.eventId = message.eventId;
                if (message.tenantId != null && $Object.hasOwnProperty.call(message, "tenantId"))
                    object.tenantId = message.tenantId;
                if (message.gatewayId != null && $Object.hasOwnProperty.call(message, "gatewayId"))
                    object.gatewayId = message.gatewayId;
                if (message.occurredAt != null && $Object.hasOwnProperty.call(message, "occurredAt"))
                    object.occurredAt = $root.google.protobuf.Timestamp.toObject(message.occurredAt, options, _depth + 1);
                if (message.sessionId != null && $Object.hasOwnProperty.call(message, "sessionId"))
                    object.sessionId = message.sessionId;
                if (message.correlationId != null && $Object.hasOwnProperty.call(message, "correlationId"))
                    object.correlationId = message.correlationId;
                if (message.actor != null && $Object.hasOwnProperty.call(message, "actor"))
                    object.actor = $root.ledger.v1.Actor.toObject(message.actor, options, _depth + 1);
                if (message.resource != null && $Object.hasOwnProperty.call(message, "resource"))
                    object.resource = $root.ledger.v1.Resource.toObject(message.resource, options, _depth + 1);
                if (message.source != null && $Object.hasOwnProperty.call(message, "source"))
                    object.source = $root.ledger.v1.Source.toObject(message.source, options, _depth + 1);
                if (message.policy != null && $Object.hasOwnProperty.call(message, "policy"))
                    object.policy = $root.ledger.v1.PolicyDecision.toObject(message.policy, options, _depth + 1);
                if (message.sessionOpened != null && $Object.hasOwnProperty.call(message, "sessionOpened")) {
                    object.sessionOpened = $root.ledger.v1.SessionOpened.toObject(message.sessionOpened, options, _depth + 1);
                    if (options.oneofs)
                        object.payload = "sessionOpened";
                }
                if (message.sessionClosed != null && $Object.hasOwnProperty.call(message, "sessionClosed")) {
                    object.sessionClosed = $root.ledger.v1.SessionClosed.toObject(message.sessionClosed, options, _depth + 1);
                    if (options.oneofs)
                        object.payload = "sessionClosed";
                }
                if (message.commandExecuted != null && $Object.hasOwnProperty.call(message, "commandExecuted")) {
                    object.commandExecuted = $root.ledger.v1.CommandExecuted.toObject(message.commandExecuted, options, _depth + 1);
                    if (options.oneofs)
                        object.payload = "commandExecuted";
                }
                if (message.commandBlocked != null && $Object.hasOwnProperty.call(message, "commandBlocked")) {
                    object.commandBlocked = $root.ledger.v1.CommandBlocked.toObject(message.commandBlocked, options, _depth + 1);
                    if (options.oneofs)
                        object.payload = "commandBlocked";
                }
                if (message.fieldMasked != null && $Object.hasOwnProperty.call(message, "fieldMasked")) {
                    object.fieldMasked = $root.ledger.v1.FieldMasked.toObject(message.fieldMasked, options, _depth + 1);
                    if (options.oneofs)
                        object.payload = "fieldMasked";
                }
                if (message.approvalRequested != null && $Object.hasOwnProperty.call(message, "approvalRequested")) {
                    object.approvalRequested = $root.ledger.v1.ApprovalRequested.toObject(message.approvalRequested, options, _depth + 1);
                    if (options.oneofs)
                        object.payload = "approvalRequested";
                }
                if (message.approvalGranted != null && $Object.hasOwnProperty.call(message, "approvalGranted")) {
                    object.approvalGranted = $root.ledger.v1.ApprovalGranted.toObject(message.approvalGranted, options, _depth + 1);
                    if (options.oneofs)
                        object.payload = "approvalGranted";
                }
                if (message.approvalDenied != null && $Object.hasOwnProperty.call(message, "approvalDenied")) {
                    object.approvalDenied = $root.ledger.v1.ApprovalDenied.toObject(message.approvalDenied, options, _depth + 1);
                    if (options.oneofs)
                        object.payload = "approvalDenied";
                }
                if (message.checkpointSigned != null && $Object.hasOwnProperty.call(message, "checkpointSigned")) {
                    object.checkpointSigned = $root.ledger.v1.CheckpointSigned.toObject(message.checkpointSigned, options, _depth + 1);
                    if (options.oneofs)
                        object.payload = "checkpointSigned";
                }
                if (message.bundleArchived != null && $Object.hasOwnProperty.call(message, "bundleArchived")) {
                    object.bundleArchived = $root.ledger.v1.BundleArchived.toObject(message.bundleArchived, options, _depth + 1);
                    if (options.oneofs)
                        object.payload = "bundleArchived";
                }
                if (message.evidenceExported != null && $Object.hasOwnProperty.call(message, "evidenceExported")) {
                    object.evidenceExported = $root.ledger.v1.EvidenceExported.toObject(message.evidenceExported, options, _depth + 1);
                    if (options.oneofs)
                        object.payload = "evidenceExported";
                }
                if (message.keyRotated != null && $Object.hasOwnProperty.call(message, "keyRotated")) {
                    object.keyRotated = $root.ledger.v1.KeyRotated.toObject(message.keyRotated, options, _depth + 1);
                    if (options.oneofs)
                        object.payload = "keyRotated";
                }
                return object;
            };

            /**
             * Converts this AuditEvent to JSON.
             * @function toJSON
             * @memberof ledger.v1.AuditEvent
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            AuditEvent.prototype.toJSON = function() {
                return AuditEvent.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for AuditEvent
             * @function getTypeUrl
             * @memberof ledger.v1.AuditEvent
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            AuditEvent.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/ledger.v1.AuditEvent";
            };

            return AuditEvent;
        })();

        v1.EventBatch = (function() {

            /**
             * Properties of an EventBatch.
             * @typedef {Object} ledger.v1.EventBatch.$Properties
             * @property {Array.<ledger.v1.AuditEvent.$Properties>|null} [events] EventBatch events
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an EventBatch.
             * @memberof ledger.v1
             * @interface IEventBatch
             * @augments ledger.v1.EventBatch.$Properties
             * @deprecated Use ledger.v1.EventBatch.$Properties instead.
             */

            /**
             * Shape of an EventBatch.
             * @typedef {{
             *   events?: Array.<ledger.v1.AuditEvent.$Shape>|null;
             *   $unknowns?: Array.<Uint8Array>;
             * }} ledger.v1.EventBatch.$Shape
             */

            /**
             * Constructs a new EventBatch.
             * @memberof ledger.v1
             * @classdesc Represents an EventBatch.
             * @constructor
             * @param {ledger.v1.EventBatch.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const EventBatch = function (properties) {
                this.events = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * EventBatch events.
             * @member {Array.<ledger.v1.AuditEvent.$Properties>} events
             * @memberof ledger.v1.EventBatch
             * @instance
             */
            EventBatch.prototype.events = $util.emptyArray;

            /**
             * Creates a new EventBatch instance using the specified properties.
             * @function create
             * @memberof ledger.v1.EventBatch
             * @static
             * @param {ledger.v1.EventBatch.$Properties=} [properties] Properties to set
             * @returns {ledger.v1.EventBatch} EventBatch instance
             * @type {{
             *   (properties: ledger.v1.EventBatch.$Shape): ledger.v1.EventBatch & ledger.v1.EventBatch.$Shape;
             *   (properties?: ledger.v1.EventBatch.$Properties): ledger.v1.EventBatch;
             * }}
             */
            EventBatch.create = function(properties) {
                return new EventBatch(properties);
            };

            /**
             * Encodes the specified EventBatch message. Does not implicitly {@link ledger.v1.EventBatch.verify|verify} messages.
             * @function encode
             * @memberof ledger.v1.EventBatch
             * @static
             * @param {ledger.v1.EventBatch.$Properties} message EventBatch message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            EventBatch.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.events != null && message.events.length)
                    for (let i = 0; i < message.events.length; ++i)
                        $root.ledger.v1.AuditEvent.encode(message.events[i], writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified EventBatch message, length delimited. Does not implicitly {@link ledger.v1.EventBatch.verify|verify} messages.
             * @function encodeDelimited
             * @memberof ledger.v1.EventBatch
             * @static
             * @param {ledger.v1.EventBatch.$Properties} message EventBatch message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            EventBatch.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an EventBatch message from the specified reader or buffer.
             * @function decode
             * @memberof ledger.v1.EventBatch
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {ledger.v1.EventBatch & ledger.v1.EventBatch.$Shape} EventBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            EventBatch.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.ledger.v1.EventBatch();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if (!(message.events && message.events.length))
                                message.events = [];
                            message.events.push($root.ledger.v1.AuditEvent.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes an EventBatch message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof ledger.v1.EventBatch
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {ledger.v1.EventBatch & ledger.v1.EventBatch.$Shape} EventBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            EventBatch.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an EventBatch message.
             * @function verify
             * @memberof ledger.v1.EventBatch
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            EventBatch.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.events != null && $Object.hasOwnProperty.call(message, "events")) {
                    if (!$Array.isArray(message.events))
                        return "events: array expected";
                    for (let i = 0; i < message.events.length; ++i) {
                        let error = $root.ledger.v1.AuditEvent.verify(message.events[i], _depth + 1);
                        if (error)
                            return "events." + error;
                    }
                }
                return null;
            };

            /**
             * Creates an EventBatch message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof ledger.v1.EventBatch
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {ledger.v1.EventBatch} EventBatch
             */
            EventBatch.fromObject = function (object, _depth) {
                if (object instanceof $root.ledger.v1.EventBatch)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".ledger.v1.EventBatch: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.ledger.v1.EventBatch();
                if (object.events) {
                    if (!$Array.isArray(object.events))
                        throw $TypeError(".ledger.v1.EventBatch.events: array expected");
                    message.events = $Array(object.events.length);
                    for (let i = 0; i < object.events.length; ++i) {
                        if (!$util.isObject(object.events[i]))
                            throw $TypeError(".ledger.v1.EventBatch.events: object expected");
                        message.events[i] = $root.ledger.v1.AuditEvent.fromObject(object.events[i], _depth + 1);
                    }
                }
                return message;
            };

            /**
             * Creates a plain object from an EventBatch message. Also converts values to other types if specified.
             * @function toObject
             * @memberof ledger.v1.EventBatch
             * @static
             * @param {ledger.v1.EventBatch} message EventBatch
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            EventBatch.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.events = [];
                if (message.events && message.events.length) {
                    object.events = $Array(message.events.length);
                    for (let j = 0; j < message.events.length; ++j)
                        object.events[j] = $root.ledger.v1.AuditEvent.toObject(message.events[j], options, _depth + 1);
                }
                return object;
            };

            /**
             * Converts this EventBatch to JSON.
             * @function toJSON
             * @memberof ledger.v1.EventBatch
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            EventBatch.prototype.toJSON = function() {
                return EventBatch.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for EventBatch
             * @function getTypeUrl
             * @memberof ledger.v1.EventBatch
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            EventBatch.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/ledger.v1.EventBatch";
            };

            return EventBatch;
        })();

        v1.Actor = (function() {

            /**
             * Properties of an Actor.
             * @typedef {Object} ledger.v1.Actor.$Properties
             * @property {string|null} [subject] Actor subject
             * @property {string|null} [email] Actor email
             * @property {string|null} [displayName] Actor displayName
             * @property {ledger.v1.Actor.Kind|null} [kind] Actor kind
             * @property {string|null} [identityProvider] Actor identityProvider
             * @property {Array.<string>|null} [groups] Actor groups
             * @property {ledger.v1.AgentInfo.$Properties|null} [agent] Actor agent
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Actor.
             * @memberof ledger.v1
             * @interface IActor
             * @augments ledger.v1.Actor.$Properties
             * @deprecated Use ledger.v1.Actor.$Properties instead.
             */

            /**
             * Shape of an Actor.
             * @typedef {ledger.v1.Actor.$Properties} ledger.v1.Actor.$Shape
             */

            /**
             * Constructs a new Actor.
             * @memberof ledger.v1
             * @classdesc Represents an Actor.
             * @constructor
             * @param {ledger.v1.Actor.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Actor = function (properties) {
                this.groups = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Actor subject.
             * @member {string} subject
             * @memberof ledger.v1.Actor
             * @instance
             */
            Actor.prototype.subject = "";

            /**
             * Actor email.
             * @member {string} email
             * @memberof ledger.v1.Actor
             * @instance
             */
            Actor.prototype.email = "";

            /**
             * Actor displayName.
             * @member {string} displayName
             * @memberof ledger.v1.Actor
             * @instance
             */
            Actor.prototype.displayName = "";

            /**
             * Actor kind.
             * @member {ledger.v1.Actor.Kind} kind
             * @memberof ledger.v1.Actor
             * @instance
             */
            Actor.prototype.kind = 0;

            /**
             * Actor identityProvider.
             * @member {string} identityProvider
             * @memberof ledger.v1.Actor
             * @instance
             */
            Actor.prototype.identityProvider = "";

            /**
             * Actor groups.
             * @member {Array.<string>} groups
             * @memberof ledger.v1.Actor
             * @instance
             */
            Actor.prototype.groups = $util.emptyArray;

            /**
             * Actor agent.
             * @member {ledger.v1.AgentInfo.$Properties|null|undefined} agent
             * @memberof ledger.v1.Actor
             * @instance
             */
            Actor.prototype.agent = null;

            /**
             * Creates a new Actor instance using the specified properties.
             * @function create
             * @memberof ledger.v1.Actor
             * @static
             * @param {ledger.v1.Actor.$Properties=} [properties] Properties to set
             * @returns {ledger.v1.Actor} Actor instance
             * @type {{
             *   (properties: ledger.v1.Actor.$Shape): ledger.v1.Actor & ledger.v1.Actor.$Shape;
             *   (properties?: ledger.v1.Actor.$Properties): ledger.v1.Actor;
             * }}
             */
            Actor.create = function(properties) {
                return new Actor(properties);
            };

            /**
             * Encodes the specified Actor message. Does not implicitly {@link ledger.v1.Actor.verify|verify} messages.
             * @function encode
             * @memberof ledger.v1.Actor
             * @static
             * @param {ledger.v1.Actor.$Properties} message Actor message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Actor.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.subject != null && $Object.hasOwnProperty.call(message, "subject") && message.subject !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.subject);
                if (message.email != null && $Object.hasOwnProperty.call(message, "email") && message.email !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.email);
                if (message.displayName != null && $Object.hasOwnProperty.call(message, "displayName") && message.displayName !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.displayName);
                if (message.kind != null && $Object.hasOwnProperty.call(message, "kind") && message.kind !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).int32(message.kind);
                if (message.identityProvider != null && $Object.hasOwnProperty.call(message, "identityProvider") && message.identityProvider !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.identityProvider);
                if (message.groups != null && message.groups.length)
                    for (let i = 0; i < message.groups.length; ++i)
                        writer.uint32(/* id 6, wireType 2 =*/50).string(message.groups[i]);
                if (message.agent != null && $Object.hasOwnProperty.call(message, "agent"))
                    $root.ledger.v1.AgentInfo.encode(message.agent, writer.uint32(/* id 7, wireType 2 =*/58).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Actor message, length delimited. Does not implicitly {@link ledger.v1.Actor.verify|verify} messages.
             * @function encodeDelimited
             * @memberof ledger.v1.Actor
             * @static
             * @param {ledger.v1.Actor.$Properties} message Actor message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Actor.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an Actor message from the specified reader or buffer.
             * @function decode
             * @memberof ledger.v1.Actor
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {ledger.v1.Actor & ledger.v1.Actor.$Shape} Actor
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Actor.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.ledger.v1.Actor();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.subject = value;
                            else
                                delete message.subject;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.email = value;
                            else
                                delete message.email;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.displayName = value;
                            else
                                delete message.displayName;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.kind = value;
                            else
                                delete message.kind;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.identityProvider = value;
                            else
                                delete message.identityProvider;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if (!(message.groups && message.groups.length))
                                message.groups = [];
                            message.groups.push(reader.stringVerify());
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            message.agent = $root.ledger.v1.AgentInfo.decode(reader, reader.size(), $undefined, _depth + 1, message.agent);
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes an Actor message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof ledger.v1.Actor
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {ledger.v1.Actor & ledger.v1.Actor.$Shape} Actor
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Actor.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an Actor message.
             * @function verify
             * @memberof ledger.v1.Actor
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Actor.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.subject != null && $Object.hasOwnProperty.call(message, "subject"))
                    if (!$util.isString(message.subject))
                        return "subject: string expected";
                if (message.email != null && $Object.hasOwnProperty.call(message, "email"))
                    if (!$util.isString(message.email))
                        return "email: string expected";
                if (message.displayName != null && $Object.hasOwnProperty.call(message, "displayName"))
                    if (!$util.isString(message.displayName))
                        return "displayName: string expected";
                if (message.kind != null && $Object.hasOwnProperty.call(message, "kind"))
                    if (typeof message.kind !== "number" || (message.kind | 0) !== message.kind)
                        return "kind: enum value expected";
                if (message.identityProvider != null && $Object.hasOwnProperty.call(message, "identityProvider"))
                    if (!$util.isString(message.identityProvider))
                        return "identityProvider: string expected";
                if (message.groups != null && $Object.hasOwnProperty.call(message, "groups")) {
                    if (!$Array.isArray(message.groups))
                        return "groups: array expected";
                    for (let i = 0; i < message.groups.length; ++i)
                        if (!$util.isString(message.groups[i]))
                            return "groups: string[] expected";
                }
                if (message.agent != null && $Object.hasOwnProperty.call(message, "agent")) {
                    let error = $root.ledger.v1.AgentInfo.verify(message.agent, _depth + 1);
                    if (error)
                        return "agent." + error;
                }
                return null;
            };

            /**
             * Creates an Actor message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof ledger.v1.Actor
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {ledger.v1.Actor} Actor
             */
            Actor.fromObject = function (object, _depth) {
                if (object instanceof $root.ledger.v1.Actor)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".ledger.v1.Actor: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.ledger.v1.Actor();
                if (object.subject != null)
                    if (typeof object.subject !== "string" || object.subject.length)
                        message.subject = $String(object.subject);
                if (object.email != null)
                    if (typeof object.email !== "string" || object.email.length)
                        message.email = $String(object.email);
                if (object.displayName != null)
                    if (typeof object.displayName !== "string" || object.displayName.length)
                        message.displayName = $String(object.displayName);
                if (object.kind !== 0 && (typeof object.kind !== "string" || $root.ledger.v1.Actor.Kind[object.kind] !== 0))
                    switch (object.kind) {
                    case "KIND_UNSPECIFIED":
                    case 0:
                        message.kind = 0;
                        break;
                    case "HUMAN":
                    case 1:
                        message.kind = 1;
                        break;
                    case "AGENT":
                    case 2:
                        message.kind = 2;
                        break;
                    case "SERVICE":
                    case 3:
                        message.kind = 3;
                        break;
                    default:
                        if (typeof object.kind === "number" && (object.kind | 0) === object.kind)
                            message.kind = object.kind;
                    }
                if (object.identityProvider != null)
                    if (typeof object.identityProvider !== "string" || object.identityProvider.length)
                        message.identityProvider = $String(object.identityProvider);
                if (object.groups) {
                    if (!$Array.isArray(object.groups))
                        throw $TypeError(".ledger.v1.Actor.groups: array expected");
                    message.groups = $Array(object.groups.length);
                    for (let i = 0; i < object.groups.length; ++i)
                        message.groups[i] = $String(object.groups[i]);
                }
                if (object.agent != null) {
                    if (!$util.isObject(object.agent))
                        throw $TypeError(".ledger.v1.Actor.agent: object expected");
                    message.agent = $root.ledger.v1.AgentInfo.fromObject(object.agent, _depth + 1);
                }
                return message;
            };

            /**
             * Creates a plain object from an Actor message. Also converts values to other types if specified.
             * @function toObject
             * @memberof ledger.v1.Actor
             * @static
             * @param {ledger.v1.Actor} message Actor
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Actor.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.groups = [];
                if (options.defaults) {
                    object.subject = "";
                    object.email = "";
                    object.displayName = "";
                    object.kind = options.enums === $String ? "KIND_UNSPECIFIED" : 0;
                    object.identityProvider = "";
                    object.agent = null;
                }
                if (message.subject != null && $Object.hasOwnProperty.call(message, "subject"))
                    object.subject = message.subject;
                if (message.email != null && $Object.hasOwnProperty.call(message, "email"))
                    object.email = message.email;
                if (message.displayName != null && $Object.hasOwnProperty.call(message, "displayName"))
                    object.displayName = message.displayName;
                if (message.kind != null && $Object.hasOwnProperty.call(message, "kind"))
                    object.kind = options.enums === $String ? $root.ledger.v1.Actor.Kind[message.kind] === $undefined ? message.kind : $root.ledger.v1.Actor.Kind[message.kind] : message.kind;
                if (message.identityProvider != null && $Object.hasOwnProperty.call(message, "identityProvider"))
                    object.identityProvider = message.identityProvider;
                if (message.groups && message.groups.length) {
                    object.groups = $Array(message.groups.length);
                    for (let j = 0; j < message.groups.length; ++j)
                        object.groups[j] = message.groups[j];
                }
                if (message.agent != null && $Object.hasOwnProperty.call(message, "agent"))
                    object.agent = $root.ledger.v1.AgentInfo.toObject(message.agent, options, _depth + 1);
                return object;
            };

            /**
             * Converts this Actor to JSON.
             * @function toJSON
             * @memberof ledger.v1.Actor
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Actor.prototype.toJSON = function() {
                return Actor.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Actor
             * @function getTypeUrl
             * @memberof ledger.v1.Actor
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Actor.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/ledger.v1.Actor";
            };

            /**
             * Kind enum.
             * @name ledger.v1.Actor.Kind
             * @enum {number}
             * @property {number} KIND_UNSPECIFIED=0 KIND_UNSPECIFIED value
             * @property {number} HUMAN=1 HUMAN value
             * @property {number} AGENT=2 AGENT value
             * @property {number} SERVICE=3 SERVICE value
             */
            Actor.Kind = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "KIND_UNSPECIFIED"] = 0;
                values[valuesById[1] = "HUMAN"] = 1;
                values[valuesById[2] = "AGENT"] = 2;
                values[valuesById[3] = "SERVICE"] = 3;
                return values;
            })();

            return Actor;
        })();

        v1.AgentInfo = (function() {

            /**
             * Properties of an AgentInfo.
             * @typedef {Object} ledger.v1.AgentInfo.$Properties
             * @property {string|null} [name] AgentInfo name
             * @property {ledger.v1.Actor.$Properties|null} [onBehalfOf] AgentInfo onBehalfOf
             * @property {string|null} [version] AgentInfo version
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an AgentInfo.
             * @memberof ledger.v1
             * @interface IAgentInfo
             * @augments ledger.v1.AgentInfo.$Properties
             * @deprecated Use ledger.v1.AgentInfo.$Properties instead.
             */

            /**
             * Shape of an AgentInfo.
             * @typedef {ledger.v1.AgentInfo.$Properties} ledger.v1.AgentInfo.$Shape
             */

            /**
             * Constructs a new AgentInfo.
             * @memberof ledger.v1
             * @classdesc Represents an AgentInfo.
             * @constructor
             * @param {ledger.v1.AgentInfo.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const AgentInfo = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * AgentInfo name.
             * @member {string} name
             * @memberof ledger.v1.AgentInfo
             * @instance
             */
            AgentInfo.prototype.name = "";

            /**
             * AgentInfo onBehalfOf.
             * @member {ledger.v1.Actor.$Properties|null|undefined} onBehalfOf
             * @memberof ledger.v1.AgentInfo
             * @instance
             */
            AgentInfo.prototype.onBehalfOf = null;

            /**
             * AgentInfo version.
             * @member {string} version
             * @memberof ledger.v1.AgentInfo
             * @instance
             */
            AgentInfo.prototype.version = "";

            /**
             * Creates a new AgentInfo instance using the specified properties.
             * @function create
             * @memberof ledger.v1.AgentInfo
             * @static
             * @param {ledger.v1.AgentInfo.$Properties=} [properties] Properties to set
             * @returns {ledger.v1.AgentInfo} AgentInfo instance
             * @type {{
             *   (properties: ledger.v1.AgentInfo.$Shape): ledger.v1.AgentInfo & ledger.v1.AgentInfo.$Shape;
             *   (properties?: ledger.v1.AgentInfo.$Properties): ledger.v1.AgentInfo;
             * }}
             */
            AgentInfo.create = function(properties) {
                return new AgentInfo(properties);
            };

            /**
             * Encodes the specified AgentInfo message. Does not implicitly {@link ledger.v1.AgentInfo.verify|verify} messages.
             * @function encode
             * @memberof ledger.v1.AgentInfo
             * @static
             * @param {ledger.v1.AgentInfo.$Properties} message AgentInfo message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            AgentInfo.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.name);
                if (message.onBehalfOf != null && $Object.hasOwnProperty.call(message, "onBehalfOf"))
                    $root.ledger.v1.Actor.encode(message.onBehalfOf, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.version != null && $Object.hasOwnProperty.call(message, "version") && message.version !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.version);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified AgentInfo message, length delimited. Does not implicitly {@link ledger.v1.AgentInfo.verify|verify} messages.
             * @function encodeDelimited
             * @memberof ledger.v1.AgentInfo
             * @static
             * @param {ledger.v1.AgentInfo.$Properties} message AgentInfo message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            AgentInfo.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an AgentInfo message from the specified reader or buffer.
             * @function decode
             * @memberof ledger.v1.AgentInfo
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {ledger.v1.AgentInfo & ledger.v1.AgentInfo.$Shape} AgentInfo
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            AgentInfo.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.ledger.v1.AgentInfo();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.name = value;
                            else
                                delete message.name;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.onBehalfOf = $root.ledger.v1.Actor.decode(reader, reader.size(), $undefined, _depth + 1, message.onBehalfOf);
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.version = value;
                            else
                                delete message.version;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes an AgentInfo message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof ledger.v1.AgentInfo
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {ledger.v1.AgentInfo & ledger.v1.AgentInfo.$Shape} AgentInfo
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            AgentInfo.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an AgentInfo message.
             * @function verify
             * @memberof ledger.v1.AgentInfo
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            AgentInfo.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.name != null && $Object.hasOwnProperty.call(message, "name"))
                    if (!$util.isString(message.name))
                        return "name: string expected";
                if (message.onBehalfOf != null && $Object.hasOwnProperty.call(message, "onBehalfOf")) {
                    let error = $root.ledger.v1.Actor.verify(message.onBehalfOf, _depth + 1);
                    if (error)
                        return "onBehalfOf." + error;
                }
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    if (!$util.isString(message.version))
                        return "version: string expected";
                return null;
            };

            /**
             * Creates an AgentInfo message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof ledger.v1.AgentInfo
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {ledger.v1.AgentInfo} AgentInfo
             */
            AgentInfo.fromObject = function (object, _depth) {
                if (object instanceof $root.ledger.v1.AgentInfo)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".ledger.v1.AgentInfo: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.ledger.v1.AgentInfo();
                if (object.name != null)
                    if (typeof object.name !== "string" || object.name.length)
                        message.name = $String(object.name);
                if (object.onBehalfOf != null) {
                    if (!$util.isObject(object.onBehalfOf))
                        throw $TypeError(".ledger.v1.AgentInfo.onBehalfOf: object expected");
                    message.onBehalfOf = $root.ledger.v1.Actor.fromObject(object.onBehalfOf, _depth + 1);
                }
                if (object.version != null)
                    if (typeof object.version !== "string" || object.version.length)
                        message.version = $String(object.version);
                return message;
            };

            /**
             * Creates a plain object from an AgentInfo message. Also converts values to other types if specified.
             * @function toObject
             * @memberof ledger.v1.AgentInfo
             * @static
             * @param {ledger.v1.AgentInfo} message AgentInfo
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            AgentInfo.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.name = "";
                    object.onBehalfOf = null;
                    object.version = "";
                }
                if (message.name != null && $Object.hasOwnProperty.call(message, "name"))
                    object.name = message.name;
                if (message.onBehalfOf != null && $Object.hasOwnProperty.call(message, "onBehalfOf"))
                    object.onBehalfOf = $root.ledger.v1.Actor.toObject(message.onBehalfOf, options, _depth + 1);
                if (message.version != null && $Object.hasOwnProperty.call(message, "version"))
                    object.version = message.version;
                return object;
            };

            /**
             * Converts this AgentInfo to JSON.
             * @function toJSON
             * @memberof ledger.v1.AgentInfo
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            AgentInfo.prototype.toJSON = function() {
                return AgentInfo.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for AgentInfo
             * @function getTypeUrl
             * @memberof ledger.v1.AgentInfo
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            AgentInfo.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/ledger.v1.AgentInfo";
            };

            return AgentInfo;
        })();

        v1.Resource = (function() {

            /**
             * Properties of a Resource.
             * @typedef {Object} ledger.v1.Resource.$Properties
             * @property {ledger.v1.Resource.Type|null} [type] Resource type
             * @property {string|null} [name] Resource name
             * @property {string|null} [host] Resource host
             * @property {string|null} [database] Resource database
             * @property {Object.<string,string>|null} [labels] Resource labels
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Resource.
             * @memberof ledger.v1
             * @interface IResource
             * @augments ledger.v1.Resource.$Properties
             * @deprecated Use ledger.v1.Resource.$Properties instead.
             */

            /**
             * Shape of a Resource.
             * @typedef {ledger.v1.Resource.$Properties} ledger.v1.Resource.$Shape
             */

            /**
             * Constructs a new Resource.
             * @memberof ledger.v1
             * @classdesc Represents a Resource.
             * @constructor
             * @param {ledger.v1.Resource.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Resource = function (properties) {
                this.labels = {};
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Resource type.
             * @member {ledger.v1.Resource.Type} type
             * @memberof ledger.v1.Resource
             * @instance
             */
            Resource.prototype.type = 0;

            /**
             * Resource name.
             * @member {string} name
             * @memberof ledger.v1.Resource
             * @instance
             */
            Resource.prototype.name = "";

            /**
             * Resource host.
             * @member {string} host
             * @memberof ledger.v1.Resource
             * @instance
             */
            Resource.prototype.host = "";

            /**
             * Resource database.
             * @member {string} database
             * @memberof ledger.v1.Resource
             * @instance
             */
            Resource.prototype.database = "";

            /**
             * Resource labels.
             * @member {Object.<string,string>} labels
             * @memberof ledger.v1.Resource
             * @instance
             */
            Resource.prototype.labels = $util.emptyObject;

            /**
             * Creates a new Resource instance using the specified properties.
             * @function create
             * @memberof ledger.v1.Resource
             * @static
             * @param {ledger.v1.Resource.$Properties=} [properties] Properties to set
             * @returns {ledger.v1.Resource} Resource instance
             * @type {{
             *   (properties: ledger.v1.Resource.$Shape): ledger.v1.Resource & ledger.v1.Resource.$Shape;
             *   (properties?: ledger.v1.Resource.$Properties): ledger.v1.Resource;
             * }}
             */
            Resource.create = function(properties) {
                return new Resource(properties);
            };

            /**
             * Encodes the specified Resource message. Does not implicitly {@link ledger.v1.Resource.verify|verify} messages.
             * @function encode
             * @memberof ledger.v1.Resource
             * @static
             * @param {ledger.v1.Resource.$Properties} message Resource message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Resource.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.type != null && $Object.hasOwnProperty.call(message, "type") && message.type !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.type);
                if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.name);
                if (message.host != null && $Object.hasOwnProperty.call(message, "host") && message.host !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.host);
                if (message.database != null && $Object.hasOwnProperty.call(message, "database") && message.database !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.database);
                if (message.labels != null && $Object.hasOwnProperty.call(message, "labels"))
                    for (let keys = $Object.keys(message.labels), i = 0; i < keys.length; ++i)
                        writer.uint32(/* id 5, wireType 2 =*/42).fork().uint32(/* id 1, wireType 2 =*/10).string(keys[i]).uint32(/* id 2, wireType 2 =*/18).string(message.labels[keys[i]]).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Resource message, length delimited. Does not implicitly {@link ledger.v1.Resource.verify|verify} messages.
             * @function encodeDelimited
             * @memberof ledger.v1.Resource
             * @static
             * @param {ledger.v1.Resource.$Properties} message Resource message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Resource.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Resource message from the specified reader or buffer.
             * @function decode
             * @memberof ledger.v1.Resource
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {ledger.v1.Resource & ledger.v1.Resource.$Shape} Resource
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Resource.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, key, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.ledger.v1.Resource();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.type = value;
                            else
                                delete message.type;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.name = value;
                            else
                                delete message.name;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.host = value;
                            else
                                delete message.host;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.database = value;
                            else
                                delete message.database;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if (message.labels === $util.emptyObject)
                                message.labels = {};
                            let end2 = reader.size() + reader.pos;
                            if (end2 > reader.len)
                                throw $RangeError("index out of range");
                            reader.len = end2;
                            key = "";
                            value = "";
                            while (reader.pos < end2) {
                                let tag2 = reader.tag();
                                wireType = tag2 & 7;
                                switch (tag2 >>>= 3) {
                                case 1:
                                    if (wireType !== 2)
                                        break;
                                    key = reader.stringVerify();
                                    continue;
                                case 2:
                                    if (wireType !== 2)
                                        break;
                                    value = reader.stringVerify();
                                    continue;
                                }
                                reader.skipType(wireType, _depth, tag2);
                            }
                            if (reader.pos !== end2)
                                throw $RangeError("index out of range");
                            reader.len = end;
                            if (key === "__proto__")
                                $util.makeProp(message.labels, key);
                            message.labels[key] = value;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Resource message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof ledger.v1.Resource
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {ledger.v1.Resource & ledger.v1.Resource.$Shape} Resource
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Resource.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Resource message.
             * @function verify
             * @memberof ledger.v1.Resource
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Resource.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.type != null && $Object.hasOwnProperty.call(message, "type"))
                    if (typeof message.type !== "number" || (message.type | 0) !== message.type)
                        return "type: enum value expected";
                if (message.name != null && $Object.hasOwnProperty.call(message, "name"))
                    if (!$util.isString(message.name))
                        return "name: string expected";
                if (message.host != null && $Object.hasOwnProperty.call(message, "host"))
                    if (!$util.isString(message.host))
                        return "host: string expected";
                if (message.database != null && $Object.hasOwnProperty.call(message, "database"))
                    if (!$util.isString(message.database))
                        return "database: string expected";
                if (message.labels != null && $Object.hasOwnProperty.call(message, "labels")) {
                    if (!$util.isObject(message.labels))
                        return "labels: object expected";
                    let key = $Object.keys(message.labels);
                    for (let i = 0; i < key.length; ++i)
                        if (!$util.isString(message.labels[key[i]]))
                            return "labels: string{k:string} expected";
                }
                return null;
            };

            /**
             * Creates a Resource message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof ledger.v1.Resource
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {ledger.v1.Resource} Resource
             */
            Resource.fromObject = function (object, _depth) {
                if (object instanceof $root.ledger.v1.Resource)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".ledger.v1.Resource: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.ledger.v1.Resource();
                if (object.type !== 0 && (typeof object.type !== "string" || $root.ledger.v1.Resource.Type[object.type] !== 0))
                    switch (object.type) {
                    case "TYPE_UNSPECIFIED":
                    case 0:
                        message.type = 0;
                        break;
                    case "POSTGRES":
                    case 1:
                        message.type = 1;
                        break;
                    case "MYSQL":
                    case 2:
                        message.type = 2;
                        break;
                    case "REDIS":
                    case 3:
                        message.type = 3;
                        break;
                    case "HTTP":
                    case 4:
                        message.type = 4;
                        break;
                    case "SSH":
                    case 5:
                        message.type = 5;
                        break;
                    case "KUBERNETES":
                    case 6:
                        message.type = 6;
                        break;
                    case "MCP":
                    case 7:
                        message.type = 7;
                        break;
                    case "OTHER":
                    case 8:
                        message.type = 8;
                        break;
                    default:
                        if (typeof object.type === "number" && (object.type | 0) === object.type)
                            message.type = object.type;
                    }
                if (object.name != null)
                    if (typeof object.name !== "string" || object.name.length)
                        message.name = $String(object.name);
                if (object.host != null)
                    if (typeof object.host !== "string" || object.host.length)
                        message.host = $String(object.host);
                if (object.database != null)
                    if (typeof object.database !== "string" || object.database.length)
                        message.database = $String(object.database);
                if (object.labels) {
                    if (!$util.isObject(object.labels))
                        throw $TypeError(".ledger.v1.Resource.labels: object expected");
                    message.labels = {};
                    for (let keys = $Object.keys(object.labels), i = 0; i < keys.length; ++i) {
                        if (keys[i] === "__proto__")
                            $util.makeProp(message.labels, keys[i]);
                        message.labels[keys[i]] = $String(object.labels[keys[i]]);
                    }
                }
                return message;
            };

            /**
             * Creates a plain object from a Resource message. Also converts values to other types if specified.
             * @function toObject
             * @memberof ledger.v1.Resource
             * @static
             * @param {ledger.v1.Resource} message Resource
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Resource.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.objects || options.defaults)
                    object.labels = {};
                if (options.defaults) {
                    object.type = options.enums === $String ? "TYPE_UNSPECIFIED" : 0;
                    object.name = "";
                    object.host = "";
                    object.database = "";
                }
                if (message.type != null && $Object.hasOwnProperty.call(message, "type"))
                    object.type = options.enums === $String ? $root.ledger.v1.Resource.Type[message.type] === $undefined ? message.type : $root.ledger.v1.Resource.Type[message.type] : message.type;
                if (message.name != null && $Object.hasOwnProperty.call(message, "name"))
                    object.name = message.name;
                if (message.host != null && $Object.hasOwnProperty.call(message, "host"))
                    object.host = message.host;
                if (message.database != null && $Object.hasOwnProperty.call(message, "database"))
                    object.database = message.database;
                let keys2;
                if (message.labels && (keys2 = $Object.keys(message.labels)).length) {
                    object.labels = {};
                    for (let j = 0; j < keys2.length; ++j) {
                        if (keys2[j] === "__proto__")
                            $util.makeProp(object.labels, keys2[j]);
                        object.labels[keys2[j]] = message.labels[keys2[j]];
                    }
                }
                return object;
            };

            /**
             * Converts this Resource to JSON.
             * @function toJSON
             * @memberof ledger.v1.Resource
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Resource.prototype.toJSON = function() {
                return Resource.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Resource
             * @function getTypeUrl
             * @memberof ledger.v1.Resource
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Resource.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/ledger.v1.Resource";
            };

            /**
             * Type enum.
             * @name ledger.v1.Resource.Type
             * @enum {number}
             * @property {number} TYPE_UNSPECIFIED=0 TYPE_UNSPECIFIED value
             * @property {number} POSTGRES=1 POSTGRES value
             * @property {number} MYSQL=2 MYSQL value
             * @property {number} REDIS=3 REDIS value
             * @property {number} HTTP=4 HTTP value
             * @property {number} SSH=5 SSH value
             * @property {number} KUBERNETES=6 KUBERNETES value
             * @property {number} MCP=7 MCP value
             * @property {number} OTHER=8 OTHER value
             */
            Resource.Type = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "TYPE_UNSPECIFIED"] = 0;
                values[valuesById[1] = "POSTGRES"] = 1;
                values[valuesById[2] = "MYSQL"] = 2;
                values[valuesById[3] = "REDIS"] = 3;
                values[valuesById[4] = "HTTP"] = 4;
                values[valuesById[5] = "SSH"] = 5;
                values[valuesById[6] = "KUBERNETES"] = 6;
                values[valuesById[7] = "MCP"] = 7;
                values[valuesById[8] = "OTHER"] = 8;
                return values;
            })();

            return Resource;
        })();

        v1.Source = (function() {

            /**
             * Properties of a Source.
             * @typedef {Object} ledger.v1.Source.$Properties
             * @property {string|null} [ip] Source ip
             * @property {string|null} [client] Source client
             * @property {string|null} [userAgent] Source userAgent
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Source.
             * @memberof ledger.v1
             * @interface ISource
             * @augments ledger.v1.Source.$Properties
             * @deprecated Use ledger.v1.Source.$Properties instead.
             */

            /**
             * Shape of a Source.
             * @typedef {ledger.v1.Source.$Properties} ledger.v1.Source.$Shape
             */

            /**
             * Constructs a new Source.
             * @memberof ledger.v1
             * @classdesc Represents a Source.
             * @constructor
             * @param {ledger.v1.Source.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Source = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Source ip.
             * @member {string} ip
             * @memberof ledger.v1.Source
             * @instance
             */
            Source.prototype.ip = "";

            /**
             * Source client.
             * @member {string} client
             * @memberof ledger.v1.Source
             * @instance
             */
            Source.prototype.client = "";

            /**
             * Source userAgent.
             * @member {string} userAgent
             * @memberof ledger.v1.Source
             * @instance
             */
            Source.prototype.userAgent = "";

            /**
             * Creates a new Source instance using the specified properties.
             * @function create
             * @memberof ledger.v1.Source
             * @static
             * @param {ledger.v1.Source.$Properties=} [properties] Properties to set
             * @returns {ledger.v1.Source} Source instance
             * @type {{
             *   (properties: ledger.v1.Source.$Shape): ledger.v1.Source & ledger.v1.Source.$Shape;
             *   (properties?: ledger.v1.Source.$Properties): ledger.v1.Source;
             * }}
             */
            Source.create = function(properties) {
                return new Source(properties);
            };

            /**
             * Encodes the specified Source message. Does not implicitly {@link ledger.v1.Source.verify|verify} messages.
             * @function encode
             * @memberof ledger.v1.Source
             * @static
             * @param {ledger.v1.Source.$Properties} message Source message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Source.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.ip != null && $Object.hasOwnProperty.call(message, "ip") && message.ip !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.ip);
                if (message.client != null && $Object.hasOwnProperty.call(message, "client") && message.client !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.client);
                if (message.userAgent != null && $Object.hasOwnProperty.call(message, "userAgent") && message.userAgent !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.userAgent);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Source message, length delimited. Does not implicitly {@link ledger.v1.Source.verify|verify} messages.
             * @function encodeDelimited
             * @memberof ledger.v1.Source
             * @static
             * @param {ledger.v1.Source.$Properties} message Source message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Source.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Source message from the specified reader or buffer.
             * @function decode
             * @memberof ledger.v1.Source
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {ledger.v1.Source & ledger.v1.Source.$Shape} Source
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Source.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.ledger.v1.Source();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.ip = value;
                            else
                                delete message.ip;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.client = value;
                            else
                                delete message.client;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.userAgent = value;
                            else
                                delete message.userAgent;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Source message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof ledger.v1.Source
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {ledger.v1.Source & ledger.v1.Source.$Shape} Source
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Source.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Source message.
             * @function verify
             * @memberof ledger.v1.Source
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Source.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.ip != null && $Object.hasOwnProperty.call(message, "ip"))
                    if (!$util.isString(message.ip))
                        return "ip: string expected";
                if (message.client != null && $Object.hasOwnProperty.call(message, "client"))
                    if (!$util.isString(message.client))
                        return "client: string expected";
                if (message.userAgent != null && $Object.hasOwnProperty.call(message, "userAgent"))
                    if (!$util.isString(message.userAgent))
                        return "userAgent: string expected";
                return null;
            };

            /**
             * Creates a Source message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof ledger.v1.Source
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {ledger.v1.Source} Source
             */
            Source.fromObject = function (object, _depth) {
                if (object instanceof $root.ledger.v1.Source)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".ledger.v1.Source: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.ledger.v1.Source();
                if (object.ip != null)
                    if (typeof object.ip !== "string" || object.ip.length)
                        message.ip = $String(object.ip);
                if (object.client != null)
                    if (typeof object.client !== "string" || object.client.length)
                        message.client = $String(object.client);
                if (object.userAgent != null)
                    if (typeof object.userAgent !== "string" || object.userAgent.length)
                        message.userAgent = $String(object.userAgent);
                return message;
            };

            /**
             * Creates a plain object from a Source message. Also converts values to other types if specified.
             * @function toObject
             * @memberof ledger.v1.Source
             * @static
             * @param {ledger.v1.Source} message Source
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Source.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.ip = "";
                    object.client = "";
                    object.userAgent = "";
                }
                if (message.ip != null && $Object.hasOwnProperty.call(message, "ip"))
                    object.ip = message.ip;
                if (message.client != null && $Object.hasOwnProperty.call(message, "client"))
                    object.client = message.client;
                if (message.userAgent != null && $Object.hasOwnProperty.call(message, "userAgent"))
                    object.userAgent = message.userAgent;
                return object;
            };

            /**
             * Converts this Source to JSON.
             * @function toJSON
             * @memberof ledger.v1.Source
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Source.prototype.toJSON = function() {
                return Source.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Source
             * @function getTypeUrl
             * @memberof ledger.v1.Source
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Source.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/ledger.v1.Source";
            };

            return Source;
        })();

        v1.PolicyDecision = (function() {

            /**
             * Properties of a PolicyDecision.
             * @typedef {Object} ledger.v1.PolicyDecision.$Properties
             * @property {string|null} [policyId] PolicyDecision policyId
             * @property {string|null} [rule] PolicyDecision rule
             * @property {ledger.v1.PolicyDecision.Decision|null} [decision] PolicyDecision decision
             * @property {string|null} [reason] PolicyDecision reason
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a PolicyDecision.
             * @memberof ledger.v1
             * @interface IPolicyDecision
             * @augments ledger.v1.PolicyDecision.$Properties
             * @deprecated Use ledger.v1.PolicyDecision.$Properties instead.
             */

            /**
             * Shape of a PolicyDecision.
             * @typedef {ledger.v1.PolicyDecision.$Properties} ledger.v1.PolicyDecision.$Shape
             */

            /**
             * Constructs a new PolicyDecision.
             * @memberof ledger.v1
             * @classdesc Represents a PolicyDecision.
             * @constructor
             * @param {ledger.v1.PolicyDecision.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const PolicyDecision = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * PolicyDecision policyId.
             * @member {string} policyId
             * @memberof ledger.v1.PolicyDecision
             * @instance
             */
            PolicyDecision.prototype.policyId = "";

            /**
             * PolicyDecision rule.
             * @member {string} rule
             * @memberof ledger.v1.PolicyDecision
             * @instance
             */
            PolicyDecision.prototype.rule = "";

            /**
             * PolicyDecision decision.
             * @member {ledger.v1.PolicyDecision.Decision} decision
             * @memberof ledger.v1.PolicyDecision
             * @instance
             */
            PolicyDecision.prototype.decision = 0;

            /**
             * PolicyDecision reason.
             * @member {string} reason
             * @memberof ledger.v1.PolicyDecision
             * @instance
             */
            PolicyDecision.prototype.reason = "";

            /**
             * Creates a new PolicyDecision instance using the specified properties.
             * @function create
             * @memberof ledger.v1.PolicyDecision
             * @static
             * @param {ledger.v1.PolicyDecision.$Properties=} [properties] Properties to set
             * @returns {ledger.v1.PolicyDecision} PolicyDecision instance
             * @type {{
             *   (properties: ledger.v1.PolicyDecision.$Shape): ledger.v1.PolicyDecision & ledger.v1.PolicyDecision.$Shape;
             *   (properties?: ledger.v1.PolicyDecision.$Properties): ledger.v1.PolicyDecision;
             * }}
             */
            PolicyDecision.create = function(properties) {
                return new PolicyDecision(properties);
            };

            /**
             * Encodes the specified PolicyDecision message. Does not implicitly {@link ledger.v1.PolicyDecision.verify|verify} messages.
             * @function encode
             * @memberof ledger.v1.PolicyDecision
             * @static
             * @param {ledger.v1.PolicyDecision.$Properties} message PolicyDecision message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PolicyDecision.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.policyId != null && $Object.hasOwnProperty.call(message, "policyId") && message.policyId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.policyId);
                if (message.rule != null && $Object.hasOwnProperty.call(message, "rule") && message.rule !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.rule);
                if (message.decision != null && $Object.hasOwnProperty.call(message, "decision") && message.decision !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).int32(message.decision);
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.reason);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified PolicyDecision message, length delimited. Does not implicitly {@link ledger.v1.PolicyDecision.verify|verify} messages.
             * @function encodeDelimited
             * @memberof ledger.v1.PolicyDecision
             * @static
             * @param {ledger.v1.PolicyDecision.$Properties} message PolicyDecision message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PolicyDecision.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a PolicyDecision message from the specified reader or buffer.
             * @function decode
             * @memberof ledger.v1.PolicyDecision
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {ledger.v1.PolicyDecision & ledger.v1.PolicyDecision.$Shape} PolicyDecision
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PolicyDecision.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.ledger.v1.PolicyDecision();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.policyId = value;
                            else
                                delete message.policyId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.rule = value;
                            else
                                delete message.rule;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.decision = value;
                            else
                                delete message.decision;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.reason = value;
                            else
                                delete message.reason;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a PolicyDecision message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof ledger.v1.PolicyDecision
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {ledger.v1.PolicyDecision & ledger.v1.PolicyDecision.$Shape} PolicyDecision
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PolicyDecision.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a PolicyDecision message.
             * @function verify
             * @memberof ledger.v1.PolicyDecision
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            PolicyDecision.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.policyId != null && $Object.hasOwnProperty.call(message, "policyId"))
                    if (!$util.isString(message.policyId))
                        return "policyId: string expected";
                if (message.rule != null && $Object.hasOwnProperty.call(message, "rule"))
                    if (!$util.isString(message.rule))
                        return "rule: string expected";
                if (message.decision != null && $Object.hasOwnProperty.call(message, "decision"))
                    if (typeof message.decision !== "number" || (message.decision | 0) !== message.decision)
                        return "decision: enum value expected";
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    if (!$util.isString(message.reason))
                        return "reason: string expected";
                return null;
            };

            /**
             * Creates a PolicyDecision message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof ledger.v1.PolicyDecision
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {ledger.v1.PolicyDecision} PolicyDecision
             */
            PolicyDecision.fromObject = function (object, _depth) {
                if (object instanceof $root.ledger.v1.PolicyDecision)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".ledger.v1.PolicyDecision: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.ledger.v1.PolicyDecision();
                if (object.policyId != null)
                    if (typeof object.policyId !== "string" || object.policyId.length)
                        message.policyId = $String(object.policyId);
                if (object.rule != null)
                    if (typeof object.rule !== "string" || object.rule.length)
                        message.rule = $String(object.rule);
                if (object.decision !== 0 && (typeof object.decision !== "string" || $root.ledger.v1.PolicyDecision.Decision[object.decision] !== 0))
                    switch (object.decision) {
                    case "DECISION_UNSPECIFIED":
                    case 0:
                        message.decision = 0;
                        break;
                    case "ALLOW":
                    case 1:
                        message.decision = 1;
                        break;
                    case "DENY":
                    case 2:
                        message.decision = 2;
                        break;
                    case "MASK":
                    case 3:
                        message.decision = 3;
                        break;
                    case "REQUIRE_APPROVAL":
                    case 4:
                        message.decision = 4;
                        break;
                    default:
                        if (typeof object.decision === "number" && (object.decision | 0) === object.decision)
                            message.decision = object.decision;
                    }
                if (object.reason != null)
                    if (typeof object.reason !== "string" || object.reason.length)
                        message.reason = $String(object.reason);
                return message;
            };

            /**
             * Creates a plain object from a PolicyDecision message. Also converts values to other types if specified.
             * @function toObject
             * @memberof ledger.v1.PolicyDecision
             * @static
             * @param {ledger.v1.PolicyDecision} message PolicyDecision
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            PolicyDecision.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.policyId = "";
                    object.rule = "";
                    object.decision = options.enums === $String ? "DECISION_UNSPECIFIED" : 0;
                    object.reason = "";
                }
                if (message.policyId != null && $Object.hasOwnProperty.call(message, "policyId"))
                    object.policyId = message.policyId;
                if (message.rule != null && $Object.hasOwnProperty.call(message, "rule"))
                    object.rule = message.rule;
                if (message.decision != null && $Object.hasOwnProperty.call(message, "decision"))
                    object.decision = options.enums === $String ? $root.ledger.v1.PolicyDecision.Decision[message.decision] === $undefined ? message.decision : $root.ledger.v1.PolicyDecision.Decision[message.decision] : message.decision;
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    object.reason = message.reason;
                return object;
            };

            /**
             * Converts this PolicyDecision to JSON.
             * @function toJSON
             * @memberof ledger.v1.PolicyDecision
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            PolicyDecision.prototype.toJSON = function() {
                return PolicyDecision.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for PolicyDecision
             * @function getTypeUrl
             * @memberof ledger.v1.PolicyDecision
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            PolicyDecision.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/ledger.v1.PolicyDecision";
            };

            /**
             * Decision enum.
             * @name ledger.v1.PolicyDecision.Decision
             * @enum {number}
             * @property {number} DECISION_UNSPECIFIED=0 DECISION_UNSPECIFIED value
             * @property {number} ALLOW=1 ALLOW value
             * @property {number} DENY=2 DENY value
             * @property {number} MASK=3 MASK value
             * @property {number} REQUIRE_APPROVAL=4 REQUIRE_APPROVAL value
             */
            PolicyDecision.Decision = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "DECISION_UNSPECIFIED"] = 0;
                values[valuesById[1] = "ALLOW"] = 1;
                values[valuesById[2] = "DENY"] = 2;
                values[valuesById[3] = "MASK"] = 3;
                values[valuesById[4] = "REQUIRE_APPROVAL"] = 4;
                return values;
            })();

            return PolicyDecision;
        })();

        /**
         * Direction enum.
         * @name ledger.v1.Direction
         * @enum {number}
         * @property {number} DIRECTION_UNSPECIFIED=0 DIRECTION_UNSPECIFIED value
         * @property {number} REQUEST=1 REQUEST value
         * @property {number} RESPONSE=2 RESPONSE value
         */
        v1.Direction = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "DIRECTION_UNSPECIFIED"] = 0;
            values[valuesById[1] = "REQUEST"] = 1;
            values[valuesById[2] = "RESPONSE"] = 2;
            return values;
        })();

        v1.SessionOpened = (function() {

            /**
             * Properties of a SessionOpened.
             * @typedef {Object} ledger.v1.SessionOpened.$Properties
             * @property {string|null} [protocol] SessionOpened protocol
             * @property {ledger.v1.SessionOpened.AccessMode|null} [accessMode] SessionOpened accessMode
             * @property {string|null} [grantId] SessionOpened grantId
             * @property {google.protobuf.Timestamp.$Properties|null} [expiresAt] SessionOpened expiresAt
             * @property {boolean|null} [mfa] SessionOpened mfa
             * @property {boolean|null} [privileged] SessionOpened privileged
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SessionOpened.
             * @memberof ledger.v1
             * @interface ISessionOpened
             * @augments ledger.v1.SessionOpened.$Properties
             * @deprecated Use ledger.v1.SessionOpened.$Properties instead.
             */

            /**
             * Shape of a SessionOpened.
             * @typedef {ledger.v1.SessionOpened.$Properties} ledger.v1.SessionOpened.$Shape
             */

            /**
             * Constructs a new SessionOpened.
             * @memberof ledger.v1
             * @classdesc Represents a SessionOpened.
             * @constructor
             * @param {ledger.v1.SessionOpened.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SessionOpened = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * SessionOpened protocol.
             * @member {string} protocol
             * @memberof ledger.v1.SessionOpened
             * @instance
             */
            SessionOpened.prototype.protocol = "";

            /**
             * SessionOpened accessMode.
             * @member {ledger.v1.SessionOpened.AccessMode} accessMode
             * @memberof ledger.v1.SessionOpened
             * @instance
             */
            SessionOpened.prototype.accessMode = 0;

            /**
             * SessionOpened grantId.
             * @member {string} grantId
             * @memberof ledger.v1.SessionOpened
             * @instance
             */
            SessionOpened.prototype.grantId = "";

            /**
             * SessionOpened expiresAt.
             * @member {google.protobuf.Timestamp.$Properties|null|undefined} expiresAt
             * @memberof ledger.v1.SessionOpened
             * @instance
             */
            SessionOpened.prototype.expiresAt = null;

            /**
             * SessionOpened mfa.
             * @member {boolean} mfa
             * @memberof ledger.v1.SessionOpened
             * @instance
             */
            SessionOpened.prototype.mfa = false;

            /**
             * SessionOpened privileged.
             * @member {boolean} privileged
             * @memberof ledger.v1.SessionOpened
             * @instance
             */
            SessionOpened.prototype.privileged = false;

            /**
             * Creates a new SessionOpened instance using the specified properties.
             * @function create
             * @memberof ledger.v1.SessionOpened
             * @static
             * @param {ledger.v1.SessionOpened.$Properties=} [properties] Properties to set
             * @returns {ledger.v1.SessionOpened} SessionOpened instance
             * @type {{
             *   (properties: ledger.v1.SessionOpened.$Shape): ledger.v1.SessionOpened & ledger.v1.SessionOpened.$Shape;
             *   (properties?: ledger.v1.SessionOpened.$Properties): ledger.v1.SessionOpened;
             * }}
             */
            SessionOpened.create = function(properties) {
                return new SessionOpened(properties);
            };

            /**
             * Encodes the specified SessionOpened message. Does not implicitly {@link ledger.v1.SessionOpened.verify|verify} messages.
             * @function encode
             * @memberof ledger.v1.SessionOpened
             * @static
             * @param {ledger.v1.SessionOpened.$Properties} message SessionOpened message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SessionOpened.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.protocol != null && $Object.hasOwnProperty.call(message, "protocol") && message.protocol !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.protocol);
                if (message.accessMode != null && $Object.hasOwnProperty.call(message, "accessMode") && message.accessMode !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).int32(message.accessMode);
                if (message.grantId != null && $Object.hasOwnProperty.call(message, "grantId") && message.grantId !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.grantId);
                if (message.expiresAt != null && $Object.hasOwnProperty.call(message, "expiresAt"))
                    $root.google.protobuf.Timestamp.encode(message.expiresAt, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.mfa != null && $Object.hasOwnProperty.call(message, "mfa") && message.mfa !== false)
                    writer.uint32(/* id 5, wireType 0 =*/40).bool(message.mfa);
                if (message.privileged != null && $Object.hasOwnProperty.call(message, "privileged") && message.privileged !== false)
                    writer.uint32(/* id 6, wireType 0 =*/48).bool(message.privileged);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified SessionOpened message, length delimited. Does not implicitly {@link ledger.v1.SessionOpened.verify|verify} messages.
             * @function encodeDelimited
             * @memberof ledger.v1.SessionOpened
             * @static
             * @param {ledger.v1.SessionOpened.$Properties} message SessionOpened message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SessionOpened.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a SessionOpened message from the specified reader or buffer.
             * @function decode
             * @memberof ledger.v1.SessionOpened
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {ledger.v1.SessionOpened & ledger.v1.SessionOpened.$Shape} SessionOpened
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SessionOpened.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.ledger.v1.SessionOpened();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.protocol = value;
                            else
                                delete message.protocol;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.accessMode = value;
                            else
                                delete message.accessMode;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.grantId = value;
                            else
                                delete message.grantId;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            message.expiresAt = $root.google.protobuf.Timestamp.decode(reader, reader.size(), $undefined, _depth + 1, message.expiresAt);
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.mfa = value;
                            else
                                delete message.mfa;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.privileged = value;
                            else
                                delete message.privileged;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a SessionOpened message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof ledger.v1.SessionOpened
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {ledger.v1.SessionOpened & ledger.v1.SessionOpened.$Shape} SessionOpened
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SessionOpened.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a SessionOpened message.
             * @function verify
             * @memberof ledger.v1.SessionOpened
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            SessionOpened.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.protocol != null && $Object.hasOwnProperty.call(message, "protocol"))
                    if (!$util.isString(message.protocol))
                        return "protocol: string expected";
                if (message.accessMode != null && $Object.hasOwnProperty.call(message, "accessMode"))
                    if (typeof message.accessMode !== "number" || (message.accessMode | 0) !== message.accessMode)
                        return "accessMode: enum value expected";
                if (message.grantId != null && $Object.hasOwnProperty.call(message, "grantId"))
                    if (!$util.isString(message.grantId))
                        return "grantId: string expected";
                if (message.expiresAt != null && $Object.hasOwnProperty.call(message, "expiresAt")) {
                    let error = $root.google.protobuf.Timestamp.verify(message.expiresAt, _depth + 1);
                    if (error)
                        return "expiresAt." + error;
                }
                if (message.mfa != null && $Object.hasOwnProperty.call(message, "mfa"))
                    if (typeof message.mfa !== "boolean")
                        return "mfa: boolean expected";
                if (message.privileged != null && $Object.hasOwnProperty.call(message, "privileged"))
                    if (typeof message.privileged !== "boolean")
                        return "privileged: boolean expected";
                return null;
            };

            /**
             * Creates a SessionOpened message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof ledger.v1.SessionOpened
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {ledger.v1.SessionOpened} SessionOpened
             */
            SessionOpened.fromObject = function (object, _depth) {
                if (object instanceof $root.ledger.v1.SessionOpened)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".ledger.v1.SessionOpened: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.ledger.v1.SessionOpened();
                if (object.protocol != null)
                    if (typeof object.protocol !== "string" || object.protocol.length)
                        message.protocol = $String(object.protocol);
                if (object.accessMode !== 0 && (typeof object.accessMode !== "string" || $root.ledger.v1.SessionOpened.AccessMode[object.accessMode] !== 0))
                    switch (object.accessMode) {
                    case "ACCESS_MODE_UNSPECIFIED":
                    case 0:
                        message.accessMode = 0;
                        break;
                    case "JIT":
                    case 1:
                        message.accessMode = 1;
                        break;
                    case "STANDING":
                    case 2:
                        message.accessMode = 2;
                        break;
                    default:
                        if (typeof object.accessMode === "number" && (object.accessMode | 0) === object.accessMode)
                            message.accessMode = object.accessMode;
                    }
                if (object.grantId != null)
                    if (typeof object.grantId !== "string" || object.grantId.length)
                        message.grantId = $String(object.grantId);
                if (object.expiresAt != null) {
                    if (!$util.isObject(object.expiresAt))
                        throw $TypeError(".ledger.v1.SessionOpened.expiresAt: object expected");
                    message.expiresAt = $root.google.protobuf.Timestamp.fromObject(object.expiresAt, _depth + 1);
                }
                if (object.mfa != null)
                    if (object.mfa)
                        message.mfa = $Boolean(object.mfa);
                if (object.privileged != null)
                    if (object.privileged)
                        message.privileged = $Boolean(object.privileged);
                return message;
            };

            /**
             * Creates a plain object from a SessionOpened message. Also converts values to other types if specified.
             * @function toObject
             * @memberof ledger.v1.SessionOpened
             * @static
             * @param {ledger.v1.SessionOpened} message SessionOpened
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SessionOpened.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.protocol = "";
                    object.accessMode = options.enums === $String ? "ACCESS_MODE_UNSPECIFIED" : 0;
                    object.grantId = "";
                    object.expiresAt = null;
                    object.mfa = false;
                    object.privileged = false;
                }
                if (message.protocol != null && $Object.hasOwnProperty.call(message, "protocol"))
                    object.protocol = message.protocol;
                if (message.accessMode != null && $Object.hasOwnProperty.call(message, "accessMode"))
                    object.accessMode = options.enums === $String ? $root.ledger.v1.SessionOpened.AccessMode[message.accessMode] === $undefined ? message.accessMode : $root.ledger.v1.SessionOpened.AccessMode[message.accessMode] : message.accessMode;
                if (message.grantId != null && $Object.hasOwnProperty.call(message, "grantId"))
                    object.grantId = message.grantId;
                if (message.expiresAt != null && $Object.hasOwnProperty.call(message, "expiresAt"))
                    object.expiresAt = $root.google.protobuf.Timestamp.toObject(message.expiresAt, options, _depth + 1);
                if (message.mfa != null && $Object.hasOwnProperty.call(message, "mfa"))
                    object.mfa = message.mfa;
                if (message.privileged != null && $Object.hasOwnProperty.call(message, "privileged"))
                    object.privileged = message.privileged;
                return object;
            };

            /**
             * Converts this SessionOpened to JSON.
             * @function toJSON
             * @memberof ledger.v1.SessionOpened
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SessionOpened.prototype.toJSON = function() {
                return SessionOpened.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for SessionOpened
             * @function getTypeUrl
             * @memberof ledger.v1.SessionOpened
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SessionOpened.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/ledger.v1.SessionOpened";
            };

            /**
             * AccessMode enum.
             * @name ledger.v1.SessionOpened.AccessMode
             * @enum {number}
             * @property {number} ACCESS_MODE_UNSPECIFIED=0 ACCESS_MODE_UNSPECIFIED value
             * @property {number} JIT=1 JIT value
             * @property {number} STANDING=2 STANDING value
             */
            SessionOpened.AccessMode = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "ACCESS_MODE_UNSPECIFIED"] = 0;
                values[valuesById[1] = "JIT"] = 1;
                values[valuesById[2] = "STANDING"] = 2;
                return values;
            })();

            return SessionOpened;
        })();

        v1.SessionClosed = (function() {

            /**
             * Properties of a SessionClosed.
             * @typedef {Object} ledger.v1.SessionClosed.$Properties
             * @property {ledger.v1.SessionClosed.Status|null} [status] SessionClosed status
             * @property {number|null} [exitCode] SessionClosed exitCode
             * @property {number|null} [durationMs] SessionClosed durationMs
             * @property {number|null} [bytesSent] SessionClosed bytesSent
             * @property {number|null} [bytesReceived] SessionClosed bytesReceived
             * @property {ledger.v1.Recording.$Properties|null} [recording] SessionClosed recording
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SessionClosed.
             * @memberof ledger.v1
             * @interface ISessionClosed
             * @augments ledger.v1.SessionClosed.$Properties
             * @deprecated Use ledger.v1.SessionClosed.$Properties instead.
             */

            /**
             * Shape of a SessionClosed.
             * @typedef {ledger.v1.SessionClosed.$Properties} ledger.v1.SessionClosed.$Shape
             */

            /**
             * Constructs a new SessionClosed.
             * @memberof ledger.v1
             * @classdesc Represents a SessionClosed.
             * @constructor
             * @param {ledger.v1.SessionClosed.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SessionClosed = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * SessionClosed status.
             * @member {ledger.v1.SessionClosed.Status} status
             * @memberof ledger.v1.SessionClosed
             * @instance
             */
            SessionClosed.prototype.status = 0;

            /**
             * SessionClosed exitCode.
             * @member {number} exitCode
             * @memberof ledger.v1.SessionClosed
             * @instance
             */
            SessionClosed.prototype.exitCode = 0;

            /**
             * SessionClosed durationMs.
             * @member {number} durationMs
             * @memberof ledger.v1.SessionClosed
             * @instance
             */
            SessionClosed.prototype.durationMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * SessionClosed bytesSent.
             * @member {number} bytesSent
             * @memberof ledger.v1.SessionClosed
             * @instance
             */
            SessionClosed.prototype.bytesSent = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * SessionClosed bytesReceived.
             * @member {number} bytesReceived
             * @memberof ledger.v1.SessionClosed
             * @instance
             */
            SessionClosed.prototype.bytesReceived = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * SessionClosed recording.
             * @member {ledger.v1.Recording.$Properties|null|undefined} recording
             * @memberof ledger.v1.SessionClosed
             * @instance
             */
            SessionClosed.prototype.recording = null;

            /**
             * Creates a new SessionClosed instance using the specified properties.
             * @function create
             * @memberof ledger.v1.SessionClosed
             * @static
             * @param {ledger.v1.SessionClosed.$Properties=} [properties] Properties to set
             * @returns {ledger.v1.SessionClosed} SessionClosed instance
             * @type {{
             *   (properties: ledger.v1.SessionClosed.$Shape): ledger.v1.SessionClosed & ledger.v1.SessionClosed.$Shape;
             *   (properties?: ledger.v1.SessionClosed.$Properties): ledger.v1.SessionClosed;
             * }}
             */
            SessionClosed.create = function(properties) {
                return new SessionClosed(properties);
            };

            /**
             * Encodes the specified SessionClosed message. Does not implicitly {@link ledger.v1.SessionClosed.verify|verify} messages.
             * @function encode
             * @memberof ledger.v1.SessionClosed
             * @static
             * @param {ledger.v1.SessionClosed.$Properties} message SessionClosed message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SessionClosed.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.status != null && $Object.hasOwnProperty.call(message, "status") && message.status !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.status);
                if (message.exitCode != null && $Object.hasOwnProperty.call(message, "exitCode") && message.exitCode !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).int32(message.exitCode);
                if (message.durationMs != null && $Object.hasOwnProperty.call(message, "durationMs") && (typeof message.durationMs === "object" ? message.durationMs.low || message.durationMs.high : message.durationMs !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.durationMs);
                if (message.bytesSent != null && $Object.hasOwnProperty.call(message, "bytesSent") && (typeof message.bytesSent === "object" ? message.bytesSent.low || message.bytesSent.high : message.bytesSent !== 0))
                    writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.bytesSent);
                if (message.bytesReceived != null && $Object.hasOwnProperty.call(message, "bytesReceived") && (typeof message.bytesReceived === "object" ? message.bytesReceived.low || message.bytesReceived.high : message.bytesReceived !== 0))
                    writer.uint32(/* id 5, wireType 0 =*/40).uint64(message.bytesReceived);
                if (message.recording != null && $Object.hasOwnProperty.call(message, "recording"))
                    $root.ledger.v1.Recording.encode(message.recording, writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified SessionClosed message, length delimited. Does not implicitly {@link ledger.v1.SessionClosed.verify|verify} messages.
             * @function encodeDelimited
             * @memberof ledger.v1.SessionClosed
             * @static
             * @param {ledger.v1.SessionClosed.$Properties} message SessionClosed message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SessionClosed.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a SessionClosed message from the specified reader or buffer.
             * @function decode
             * @memberof ledger.v1.SessionClosed
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {ledger.v1.SessionClosed & ledger.v1.SessionClosed.$Shape} SessionClosed
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SessionClosed.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.ledger.v1.SessionClosed();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.status = value;
                            else
                                delete message.status;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.exitCode = value;
                            else
                                delete message.exitCode;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.durationMs = value;
                            else
                                delete message.durationMs;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.bytesSent = value;
                            else
                                delete message.bytesSent;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.bytesReceived = value;
                            else
                                delete message.bytesReceived;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            message.recording = $root.ledger.v1.Recording.decode(reader, reader.size(), $undefined, _depth + 1, message.recording);
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a SessionClosed message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof ledger.v1.SessionClosed
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {ledger.v1.SessionClosed & ledger.v1.SessionClosed.$Shape} SessionClosed
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SessionClosed.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a SessionClosed message.
             * @function verify
             * @memberof ledger.v1.SessionClosed
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            SessionClosed.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.status != null && $Object.hasOwnProperty.call(message, "status"))
                    if (typeof message.status !== "number" || (message.status | 0) !== message.status)
                        return "status: enum value expected";
                if (message.exitCode != null && $Object.hasOwnProperty.call(message, "exitCode"))
                    if (!$util.isInteger(message.exitCode))
                        return "exitCode: integer expected";
                if (message.durationMs != null && $Object.hasOwnProperty.call(message, "durationMs"))
                    if (!$util.isInteger(message.durationMs) && !(message.durationMs && $util.isInteger(message.durationMs.low) && $util.isInteger(message.durationMs.high)))
                        return "durationMs: integer|Long expected";
                if (message.bytesSent != null && $Object.hasOwnProperty.call(message, "bytesSent"))
                    if (!$util.isInteger(message.bytesSent) && !(message.bytesSent && $util.isInteger(message.bytesSent.low) && $util.isInteger(message.bytesSent.high)))
                        return "bytesSent: integer|Long expected";
                if (message.bytesReceived != null && $Object.hasOwnProperty.call(message, "bytesReceived"))
                    if (!$util.isInteger(message.bytesReceived) && !(message.bytesReceived && $util.isInteger(message.bytesReceived.low) && $util.isInteger(message.bytesReceived.high)))
                        return "bytesReceived: integer|Long expected";
                if (message.recording != null && $Object.hasOwnProperty.call(message, "recording")) {
                    let error = $root.ledger.v1.Recording.verify(message.recording, _depth + 1);
                    if (error)
                        return "recording." + error;
                }
                return null;
            };

            /**
             * Creates a SessionClosed message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof ledger.v1.SessionClosed
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {ledger.v1.SessionClosed} SessionClosed
             */
            SessionClosed.fromObject = function (object, _depth) {
                if (object instanceof $root.ledger.v1.SessionClosed)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".ledger.v1.SessionClosed: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.ledger.v1.SessionClosed();
                if (object.status !== 0 && (typeof object.status !== "string" || $root.ledger.v1.SessionClosed.Status[object.status] !== 0))
                    switch (object.status) {
                    case "STATUS_UNSPECIFIED":
                    case 0:
                        message.status = 0;
                        break;
                    case "COMPLETED":
                    case 1:
                        message.status = 1;
                        break;
                    case "TERMINATED":
                    case 2:
                        message.status = 2;
                        break;
                    case "EXPIRED":
                    case 3:
                        message.status = 3;
                        break;
                    case "ERROR":
                    case 4:
                        message.status = 4;
                        break;
                    default:
                        if (typeof object.status === "number" && (object.status | 0) === object.status)
                            message.status = object.status;
                    }
                if (object.exitCode != null)
                    if ($Number(object.exitCode) !== 0)
                        message.exitCode = object.exitCode | 0;
                if (object.durationMs != null)
                    if (typeof object.durationMs === "object" ? object.durationMs.low || object.durationMs.high : $Number(object.durationMs) !== 0)
                        if ($util.Long)
                            message.durationMs = $util.Long.fromValue(object.durationMs, true);
                        else if (typeof object.durationMs === "string")
                            message.durationMs = $parseInt(object.durationMs, 10);
                        else if (typeof object.durationMs === "number")
                            message.durationMs = object.durationMs;
                        else if (typeof object.durationMs === "object")
                            message.durationMs = new $util.LongBits(object.durationMs.low >>> 0, object.durationMs.high >>> 0).toNumber(true);
                if (object.bytesSent != null)
                    if (typeof object.bytesSent === "object" ? object.bytesSent.low || object.bytesSent.high : $Number(object.bytesSent) !== 0)
                        if ($util.Long)
                            message.bytesSent = $util.Long.fromValue(object.bytesSent, true);
                        else if (typeof object.bytesSent === "string")
                            message.bytesSent = $parseInt(object.bytesSent, 10);
                        else if (typeof object.bytesSent === "number")
                            message.bytesSent = object.bytesSent;
                        else if (typeof object.bytesSent === "object")
                            message.bytesSent = new $util.LongBits(object.bytesSent.low >>> 0, object.bytesSent.high >>> 0).toNumber(true);
                if (object.bytesReceived != null)
                    if (typeof object.bytesReceived === "object" ? object.bytesReceived.low || object.bytesReceived.high : $Number(object.bytesReceived) !== 0)
                        if ($util.Long)
                            message.bytesReceived = $util.Long.fromValue(object.bytesReceived, true);
                        else if (typeof object.bytesReceived === "string")
                            message.bytesReceived = $parseInt(object.bytesReceived, 10);
                        else if (typeof object.bytesReceived === "number")
                            message.bytesReceived = object.bytesReceived;
                        else if (typeof object.bytesReceived === "object")
                            message.bytesReceived = new $util.LongBits(object.bytesReceived.low >>> 0, object.bytesReceived.high >>> 0).toNumber(true);
                if (object.recording != null) {
                    if (!$util.isObject(object.recording))
                        throw $TypeError(".ledger.v1.SessionClosed.recording: object expected");
                    message.recording = $root.ledger.v1.Recording.fromObject(object.recording, _depth + 1);
                }
                return message;
            };

            /**
             * Creates a plain object from a SessionClosed message. Also converts values to other types if specified.
             * @function toObject
             * @memberof ledger.v1.SessionClosed
             * @static
             * @param {ledger.v1.SessionClosed} message SessionClosed
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SessionClosed.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.status = options.enums === $String ? "STATUS_UNSPECIFIED" : 0;
                    object.exitCode = 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.durationMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.durationMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.bytesSent = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.bytesSent = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.bytesReceived = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.bytesReceived = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.recording = null;
                }
                if (message.status != null && $Object.hasOwnProperty.call(message, "status"))
                    object.status = options.enums === $String ? $root.ledger.v1.SessionClosed.Status[message.status] === $undefined ? message.status : $root.ledger.v1.SessionClosed.Status[message.status] : message.status;
                if (message.exitCode != null && $Object.hasOwnProperty.call(message, "exitCode"))
                    object.exitCode = message.exitCode;
                if (message.durationMs != null && $Object.hasOwnProperty.call(message, "durationMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.durationMs = typeof message.durationMs === "number" ? $BigInt(message.durationMs) : $util.Long.fromBits(message.durationMs.low >>> 0, message.durationMs.high >>> 0, true).toBigInt();
                    else if (typeof message.durationMs === "number")
                        object.durationMs = options.longs === $String ? $String(message.durationMs) : message.durationMs;
                    else
                        object.durationMs = options.longs === $String ? $util.Long.prototype.toString.call(message.durationMs) : options.longs === $Number ? new $util.LongBits(message.durationMs.low >>> 0, message.durationMs.high >>> 0).toNumber(true) : message.durationMs;
                if (message.bytesSent != null && $Object.hasOwnProperty.call(message, "bytesSent"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.bytesSent = typeof message.bytesSent === "number" ? $BigInt(message.bytesSent) : $util.Long.fromBits(message.bytesSent.low >>> 0, message.bytesSent.high >>> 0, true).toBigInt();
                    else if (typeof message.bytesSent === "number")
                        object.bytesSent = options.longs === $String ? $String(message.bytesSent) : message.bytesSent;
                    else
                        object.bytesSent = options.longs === $String ? $util.Long.prototype.toString.call(message.bytesSent) : options.longs === $Number ? new $util.LongBits(message.bytesSent.low >>> 0, message.bytesSent.high >>> 0).toNumber(true) : message.bytesSent;
                if (message.bytesReceived != null && $Object.hasOwnProperty.call(message, "bytesReceived"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.bytesReceived = typeof message.bytesReceived === "number" ? $BigInt(message.bytesReceived) : $util.Long.fromBits(message.bytesReceived.low >>> 0, message.bytesReceived.high >>> 0, true).toBigInt();
                    else if (typeof message.bytesReceived === "number")
                        object.bytesReceived = options.longs === $String ? $String(message.bytesReceived) : message.bytesReceived;
                    else
                        object.bytesReceived = options.longs === $String ? $util.Long.prototype.toString.call(message.bytesReceived) : options.longs === $Number ? new $util.LongBits(message.bytesReceived.low >>> 0, message.bytesReceived.high >>> 0).toNumber(true) : message.bytesReceived;
                if (message.recording != null && $Object.hasOwnProperty.call(message, "recording"))
                    object.recording = $root.ledger.v1.Recording.toObject(message.recording, options, _depth + 1);
                return object;
            };

            /**
             * Converts this SessionClosed to JSON.
             * @function toJSON
             * @memberof ledger.v1.SessionClosed
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SessionClosed.prototype.toJSON = function() {
                return SessionClosed.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for SessionClosed
             * @function getTypeUrl
             * @memberof ledger.v1.SessionClosed
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SessionClosed.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/ledger.v1.SessionClosed";
            };

            /**
             * Status enum.
             * @name ledger.v1.SessionClosed.Status
             * @enum {number}
             * @property {number} STATUS_UNSPECIFIED=0 STATUS_UNSPECIFIED value
             * @property {number} COMPLETED=1 COMPLETED value
             * @property {number} TERMINATED=2 TERMINATED value
             * @property {number} EXPIRED=3 EXPIRED value
             * @property {number} ERROR=4 ERROR value
             */
            SessionClosed.Status = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "STATUS_UNSPECIFIED"] = 0;
                values[valuesById[1] = "COMPLETED"] = 1;
                values[valuesById[2] = "TERMINATED"] = 2;
                values[valuesById[3] = "EXPIRED"] = 3;
                values[valuesById[4] = "ERROR"] = 4;
                return values;
            })();

            return SessionClosed;
        })();

        v1.Recording = (function() {

            /**
             * Properties of a Recording.
             * @typedef {Object} ledger.v1.Recording.$Properties
             * @property {string|null} [uri] Recording uri
             * @property {string|null} [sha256] Recording sha256
             * @property {number|null} [size] Recording size
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Recording.
             * @memberof ledger.v1
             * @interface IRecording
             * @augments ledger.v1.Recording.$Properties
             * @deprecated Use ledger.v1.Recording.$Properties instead.
             */

            /**
             * Shape of a Recording.
             * @typedef {ledger.v1.Recording.$Properties} ledger.v1.Recording.$Shape
             */

            /**
             * Constructs a new Recording.
             * @memberof ledger.v1
             * @classdesc Represents a Recording.
             * @constructor
             * @param {ledger.v1.Recording.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Recording = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Recording uri.
             * @member {string} uri
             * @memberof ledger.v1.Recording
             * @instance
             */
            Recording.prototype.uri = "";

            /**
             * Recording sha256.
             * @member {string} sha256
             * @memberof ledger.v1.Recording
             * @instance
             */
            Recording.prototype.sha256 = "";

            /**
             * Recording size.
             * @member {number} size
             * @memberof ledger.v1.Recording
             * @instance
             */
            Recording.prototype.size = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new Recording instance using the specified properties.
             * @function create
             * @memberof ledger.v1.Recording
             * @static
             * @param {ledger.v1.Recording.$Properties=} [properties] Properties to set
             * @returns {ledger.v1.Recording} Recording instance
             * @type {{
             *   (properties: ledger.v1.Recording.$Shape): ledger.v1.Recording & ledger.v1.Recording.$Shape;
             *   (properties?: ledger.v1.Recording.$Properties): ledger.v1.Recording;
             * }}
             */
            Recording.create = function(properties) {
                return new Recording(properties);
            };

            /**
             * Encodes the specified Recording message. Does not implicitly {@link ledger.v1.Recording.verify|verify} messages.
             * @function encode
             * @memberof ledger.v1.Recording
             * @static
             * @param {ledger.v1.Recording.$Properties} message Recording message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Recording.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.uri != null && $Object.hasOwnProperty.call(message, "uri") && message.uri !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.uri);
                if (message.sha256 != null && $Object.hasOwnProperty.call(message, "sha256") && message.sha256 !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.sha256);
                if (message.size != null && $Object.hasOwnProperty.call(message, "size") && (typeof message.size === "object" ? message.size.low || message.size.high : message.size !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.size);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Recording message, length delimited. Does not implicitly {@link ledger.v1.Recording.verify|verify} messages.
             * @function encodeDelimited
             * @memberof ledger.v1.Recording
             * @static
             * @param {ledger.v1.Recording.$Properties} message Recording message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Recording.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Recording message from the specified reader or buffer.
             * @function decode
             * @memberof ledger.v1.Recording
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {ledger.v1.Recording & ledger.v1.Recording.$Shape} Recording
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Recording.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.ledger.v1.Recording();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.uri = value;
                            else
                                delete message.uri;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.sha256 = value;
                            else
                                delete message.sha256;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.size = value;
                            else
                                delete message.size;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Recording message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof ledger.v1.Recording
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {ledger.v1.Recording & ledger.v1.Recording.$Shape} Recording
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Recording.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Recording message.
             * @function verify
             * @memberof ledger.v1.Recording
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Recording.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.uri != null && $Object.hasOwnProperty.call(message, "uri"))
                    if (!$util.isString(message.uri))
                        return "uri: string expected";
                if (message.sha256 != null && $Object.hasOwnProperty.call(message, "sha256"))
                    if (!$util.isString(message.sha256))
                        return "sha256: string expected";
                if (message.size != null && $Object.hasOwnProperty.call(message, "size"))
                    if (!$util.isInteger(message.size) && !(message.size && $util.isInteger(message.size.low) && $util.isInteger(message.size.high)))
                        return "size: integer|Long expected";
                return null;
            };

            /**
             * Creates a Recording message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof ledger.v1.Recording
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {ledger.v1.Recording} Recording
             */
            Recording.fromObject = function (object, _depth) {
                if (object instanceof $root.ledger.v1.Recording)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".ledger.v1.Recording: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.ledger.v1.Recording();
                if (object.uri != null)
                    if (typeof object.uri !== "string" || object.uri.length)
                        message.uri = $String(object.uri);
                if (object.sha256 != null)
                    if (typeof object.sha256 !== "string" || object.sha256.length)
                        message.sha256 = $String(object.sha256);
                if (object.size != null)
                    if (typeof object.size === "object" ? object.size.low || object.size.high : $Number(object.size) !== 0)
                        if ($util.Long)
                            message.size = $util.Long.fromValue(object.size, true);
                        else if (typeof object.size === "string")
                            message.size = $parseInt(object.size, 10);
                        else if (typeof object.size === "number")
                            message.size = object.size;
                        else if (typeof object.size === "object")
                            message.size = new $util.LongBits(object.size.low >>> 0, object.size.high >>> 0).toNumber(true);
                return message;
            };

            /**
             * Creates a plain object from a Recording message. Also converts values to other types if specified.
             * @function toObject
             * @memberof ledger.v1.Recording
             * @static
             * @param {ledger.v1.Recording} message Recording
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Recording.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.uri = "";
                    object.sha256 = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.size = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.size = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (message.uri != null && $Object.hasOwnProperty.call(message, "uri"))
                    object.uri = message.uri;
                if (message.sha256 != null && $Object.hasOwnProperty.call(message, "sha256"))
                    object.sha256 = message.sha256;
                if (message.size != null && $Object.hasOwnProperty.call(message, "size"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.size = typeof message.size === "number" ? $BigInt(message.size) : $util.Long.fromBits(message.size.low >>> 0, message.size.high >>> 0, true).toBigInt();
                    else if (typeof message.size === "number")
                        object.size = options.longs === $String ? $String(message.size) : message.size;
                    else
                        object.size = options.longs === $String ? $util.Long.prototype.toString.call(message.size) : options.longs === $Number ? new $util.LongBits(message.size.low >>> 0, message.size.high >>> 0).toNumber(true) : message.size;
                return object;
            };

            /**
             * Converts this Recording to JSON.
             * @function toJSON
             * @memberof ledger.v1.Recording
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Recording.prototype.toJSON = function() {
                return Recording.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Recording
             * @function getTypeUrl
             * @memberof ledger.v1.Recording
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Recording.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/ledger.v1.Recording";
            };

            return Recording;
        })();

        v1.CommandExecuted = (function() {

            /**
             * Properties of a CommandExecuted.
             * @typedef {Object} ledger.v1.CommandExecuted.$Properties
             * @property {string|null} [statementDigest] CommandExecuted statementDigest
             * @property {string|null} [redactedStatement] CommandExecuted redactedStatement
             * @property {string|null} [verb] CommandExecuted verb
             * @property {Array.<string>|null} [tables] CommandExecuted tables
             * @property {number|null} [rowsAffected] CommandExecuted rowsAffected
             * @property {number|null} [durationMs] CommandExecuted durationMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a CommandExecuted.
             * @memberof ledger.v1
             * @interface ICommandExecuted
             * @augments ledger.v1.CommandExecuted.$Properties
             * @deprecated Use ledger.v1.CommandExecuted.$Properties instead.
             */

            /**
             * Shape of a CommandExecuted.
             * @typedef {ledger.v1.CommandExecuted.$Properties} ledger.v1.CommandExecuted.$Shape
             */

            /**
             * Constructs a new CommandExecuted.
             * @memberof ledger.v1
             * @classdesc Represents a CommandExecuted.
             * @constructor
             * @param {ledger.v1.CommandExecuted.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const CommandExecuted = function (properties) {
                this.tables = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * CommandExecuted statementDigest.
             * @member {string} statementDigest
             * @memberof ledger.v1.CommandExecuted
             * @instance
             */
            CommandExecuted.prototype.statementDigest = "";

            /**
             * CommandExecuted redactedStatement.
             * @member {string} redactedStatement
             * @memberof ledger.v1.CommandExecuted
             * @instance
             */
            CommandExecuted.prototype.redactedStatement = "";

            /**
             * CommandExecuted verb.
             * @member {string} verb
             * @memberof ledger.v1.CommandExecuted
             * @instance
             */
            CommandExecuted.prototype.verb = "";

            /**
             * CommandExecuted tables.
             * @member {Array.<string>} tables
             * @memberof ledger.v1.CommandExecuted
             * @instance
             */
            CommandExecuted.prototype.tables = $util.emptyArray;

            /**
             * CommandExecuted rowsAffected.
             * @member {number} rowsAffected
             * @memberof ledger.v1.CommandExecuted
             * @instance
             */
            CommandExecuted.prototype.rowsAffected = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * CommandExecuted durationMs.
             * @member {number} durationMs
             * @memberof ledger.v1.CommandExecuted
             * @instance
             */
            CommandExecuted.prototype.durationMs = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new CommandExecuted instance using the specified properties.
             * @function create
             * @memberof ledger.v1.CommandExecuted
             * @static
             * @param {ledger.v1.CommandExecuted.$Properties=} [properties] Properties to set
             * @returns {ledger.v1.CommandExecuted} CommandExecuted instance
             * @type {{
             *   (properties: ledger.v1.CommandExecuted.$Shape): ledger.v1.CommandExecuted & ledger.v1.CommandExecuted.$Shape;
             *   (properties?: ledger.v1.CommandExecuted.$Properties): ledger.v1.CommandExecuted;
             * }}
             */
            CommandExecuted.create = function(properties) {
                return new CommandExecuted(properties);
            };

            /**
             * Encodes the specified CommandExecuted message. Does not implicitly {@link ledger.v1.CommandExecuted.verify|verify} messages.
             * @function encode
             * @memberof ledger.v1.CommandExecuted
             * @static
             * @param {ledger.v1.CommandExecuted.$Properties} message CommandExecuted message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            CommandExecuted.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.statementDigest != null && $Object.hasOwnProperty.call(message, "statementDigest") && message.statementDigest !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.statementDigest);
                if (message.redactedStatement != null && $Object.hasOwnProperty.call(message, "redactedStatement") && message.redactedStatement !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.redactedStatement);
                if (message.verb != null && $Object.hasOwnProperty.call(message, "verb") && message.verb !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.verb);
                if (message.tables != null && message.tables.length)
                    for (let i = 0; i < message.tables.length; ++i)
                        writer.uint32(/* id 4, wireType 2 =*/34).string(message.tables[i]);
                if (message.rowsAffected != null && $Object.hasOwnProperty.call(message, "rowsAffected") && (typeof message.rowsAffected === "object" ? message.rowsAffected.low || message.rowsAffected.high : message.rowsAffected !== 0))
                    writer.uint32(/* id 5, wireType 0 =*/40).int64(message.rowsAffected);
                if (message.durationMs != null && $Object.hasOwnProperty.call(message, "durationMs") && (typeof message.durationMs === "object" ? message.durationMs.low || message.durationMs.high : message.durationMs !== 0))
                    writer.uint32(/* id 6, wireType 0 =*/48).uint64(message.durationMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified CommandExecuted message, length delimited. Does not implicitly {@link ledger.v1.CommandExecuted.verify|verify} messages.
             * @function encodeDelimited
             * @memberof ledger.v1.CommandExecuted
             * @static
             * @param {ledger.v1.CommandExecuted.$Properties} message CommandExecuted message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            CommandExecuted.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a CommandExecuted message from the specified reader or buffer.
             * @function decode
             * @memberof ledger.v1.CommandExecuted
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {ledger.v1.CommandExecuted & ledger.v1.CommandExecuted.$Shape} CommandExecuted
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            CommandExecuted.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.ledger.v1.CommandExecuted();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.statementDigest = value;
                            else
                                delete message.statementDigest;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.redactedStatement = value;
                            else
                                delete message.redactedStatement;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.verb = value;
                            else
                                delete message.verb;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if (!(message.tables && message.tables.length))
                                message.tables = [];
                            message.tables.push(reader.stringVerify());
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.rowsAffected = value;
                            else
                                delete message.rowsAffected;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.durationMs = value;
                            else
                                delete message.durationMs;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a CommandExecuted message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof ledger.v1.CommandExecuted
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {ledger.v1.CommandExecuted & ledger.v1.CommandExecuted.$Shape} CommandExecuted
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            CommandExecuted.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a CommandExecuted message.
             * @function verify
             * @memberof ledger.v1.CommandExecuted
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            CommandExecuted.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.statementDigest != null && $Object.hasOwnProperty.call(message, "statementDigest"))
                    if (!$util.isString(message.statementDigest))
                        return "statementDigest: string expected";
                if (message.redactedStatement != null && $Object.hasOwnProperty.call(message, "redactedStatement"))
                    if (!$util.isString(message.redactedStatement))
                        return "redactedStatement: string expected";
                if (message.verb != null && $Object.hasOwnProperty.call(message, "verb"))
                    if (!$util.isString(message.verb))
                        return "verb: string expected";
                if (message.tables != null && $Object.hasOwnProperty.call(message, "tables")) {
                    if (!$Array.isArray(message.tables))
                        return "tables: array expected";
                    for (let i = 0; i < message.tables.length; ++i)
                        if (!$util.isString(message.tables[i]))
                            return "tables: string[] expected";
                }
                if (message.rowsAffected != null && $Object.hasOwnProperty.call(message, "rowsAffected"))
                    if (!$util.isInteger(message.rowsAffected) && !(message.rowsAffected && $util.isInteger(message.rowsAffected.low) && $util.isInteger(message.rowsAffected.high)))
                        return "rowsAffected: integer|Long expected";
                if (message.durationMs != null && $Object.hasOwnProperty.call(message, "durationMs"))
                    if (!$util.isInteger(message.durationMs) && !(message.durationMs && $util.isInteger(message.durationMs.low) && $util.isInteger(message.durationMs.high)))
                        return "durationMs: integer|Long expected";
                return null;
            };

            /**
             * Creates a CommandExecuted message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof ledger.v1.CommandExecuted
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {ledger.v1.CommandExecuted} CommandExecuted
             */
            CommandExecuted.fromObject = function (object, _depth) {
                if (object instanceof $root.ledger.v1.CommandExecuted)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".ledger.v1.CommandExecuted: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.ledger.v1.CommandExecuted();
                if (object.statementDigest != null)
                    if (typeof object.statementDigest !== "string" || object.statementDigest.length)
                        message.statementDigest = $String(object.statementDigest);
                if (object.redactedStatement != null)
                    if (typeof object.redactedStatement !== "string" || object.redactedStatement.length)
                        message.redactedStatement = $String(object.redactedStatement);
                if (object.verb != null)
                    if (typeof object.verb !== "string" || object.verb.length)
                        message.verb = $String(object.verb);
                if (object.tables) {
                    if (!$Array.isArray(object.tables))
                        throw $TypeError(".ledger.v1.CommandExecuted.tables: array expected");
                    message.tables = $Array(object.tables.length);
                    for (let i = 0; i < object.tables.length; ++i)
                        message.tables[i] = $String(object.tables[i]);
                }
                if (object.rowsAffected != null)
                    if (typeof object.rowsAffected === "object" ? object.rowsAffected.low || object.rowsAffected.high : $Number(object.rowsAffected) !== 0)
                        if ($util.Long)
                            message.rowsAffected = $util.Long.fromValue(object.rowsAffected, false);
                        else if (typeof object.rowsAffected === "string")
                            message.rowsAffected = $parseInt(object.rowsAffected, 10);
                        else if (typeof object.rowsAffected === "number")
                            message.rowsAffected = object.rowsAffected;
                        else if (typeof object.rowsAffected === "object")
                            message.rowsAffected = new $util.LongBits(object.rowsAffected.low >>> 0, object.rowsAffected.high >>> 0).toNumber();
                if (object.durationMs != null)
                    if (typeof object.durationMs === "object" ? object.durationMs.low || object.durationMs.high : $Number(object.durationMs) !== 0)
                        if ($util.Long)
                            message.durationMs = $util.Long.fromValue(object.durationMs, true);
                        else if (typeof object.durationMs === "string")
                            message.durationMs = $parseInt(object.durationMs, 10);
                        else if (typeof object.durationMs === "number")
                            message.durationMs = object.durationMs;
                        else if (typeof object.durationMs === "object")
                            message.durationMs = new $util.LongBits(object.durationMs.low >>> 0, object.durationMs.high >>> 0).toNumber(true);
                return message;
            };

            /**
             * Creates a plain object from a CommandExecuted message. Also converts values to other types if specified.
             * @function toObject
             * @memberof ledger.v1.CommandExecuted
             * @static
             * @param {ledger.v1.CommandExecuted} message CommandExecuted
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            CommandExecuted.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.tables = [];
                if (options.defaults) {
                    object.statementDigest = "";
                    object.redactedStatement = "";
                    object.verb = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.rowsAffected = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.rowsAffected = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.durationMs = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.durationMs = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (message.statementDigest != null && $Object.hasOwnProperty.call(message, "statementDigest"))
                    object.statementDigest = message.statementDigest;
                if (message.redactedStatement != null && $Object.hasOwnProperty.call(message, "redactedStatement"))
                    object.redactedStatement = message.redactedStatement;
                if (message.verb != null && $Object.hasOwnProperty.call(message, "verb"))
                    object.verb = message.verb;
                if (message.tables && message.tables.length) {
                    object.tables = $Array(message.tables.length);
                    for (let j = 0; j < message.tables.length; ++j)
                        object.tables[j] = message.tables[j];
                }
                if (message.rowsAffected != null && $Object.hasOwnProperty.call(message, "rowsAffected"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.rowsAffected = typeof message.rowsAffected === "number" ? $BigInt(message.rowsAffected) : $util.Long.fromBits(message.rowsAffected.low >>> 0, message.rowsAffected.high >>> 0, false).toBigInt();
                    else if (typeof message.rowsAffected === "number")
                        object.rowsAffected = options.longs === $String ? $String(message.rowsAffected) : message.rowsAffected;
                    else
                        object.rowsAffected = options.longs === $String ? $util.Long.prototype.toString.call(message.rowsAffected) : options.longs === $Number ? new $util.LongBits(message.rowsAffected.low >>> 0, message.rowsAffected.high >>> 0).toNumber() : message.rowsAffected;
                if (message.durationMs != null && $Object.hasOwnProperty.call(message, "durationMs"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.durationMs = typeof message.durationMs === "number" ? $BigInt(message.durationMs) : $util.Long.fromBits(message.durationMs.low >>> 0, message.durationMs.high >>> 0, true).toBigInt();
                    else if (typeof message.durationMs === "number")
                        object.durationMs = options.longs === $String ? $String(message.durationMs) : message.durationMs;
                    else
                        object.durationMs = options.longs === $String ? $util.Long.prototype.toString.call(message.durationMs) : options.longs === $Number ? new $util.LongBits(message.durationMs.low >>> 0, message.durationMs.high >>> 0).toNumber(true) : message.durationMs;
                return object;
            };

            /**
             * Converts this CommandExecuted to JSON.
             * @function toJSON
             * @memberof ledger.v1.CommandExecuted
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            CommandExecuted.prototype.toJSON = function() {
                return CommandExecuted.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for CommandExecuted
             * @function getTypeUrl
             * @memberof ledger.v1.CommandExecuted
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            CommandExecuted.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/ledger.v1.CommandExecuted";
            };

            return CommandExecuted;
        })();

        v1.CommandBlocked = (function() {

            /**
             * Properties of a CommandBlocked.
             * @typedef {Object} ledger.v1.CommandBlocked.$Properties
             * @property {string|null} [statementDigest] CommandBlocked statementDigest
             * @property {string|null} [redactedExcerpt] CommandBlocked redactedExcerpt
             * @property {string|null} [ruleName] CommandBlocked ruleName
             * @property {ledger.v1.CommandBlocked.RuleType|null} [ruleType] CommandBlocked ruleType
             * @property {Array.<string>|null} [matchedWords] CommandBlocked matchedWords
             * @property {ledger.v1.Direction|null} [direction] CommandBlocked direction
             * @property {string|null} [message] CommandBlocked message
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a CommandBlocked.
             * @memberof ledger.v1
             * @interface ICommandBlocked
             * @augments ledger.v1.CommandBlocked.$Properties
             * @deprecated Use ledger.v1.CommandBlocked.$Properties instead.
             */

            /**
             * Shape of a CommandBlocked.
             * @typedef {ledger.v1.CommandBlocked.$Properties} ledger.v1.CommandBlocked.$Shape
             */

            /**
             * Constructs a new CommandBlocked.
             * @memberof ledger.v1
             * @classdesc Represents a CommandBlocked.
             * @constructor
             * @param {ledger.v1.CommandBlocked.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const CommandBlocked = function (properties) {
                this.matchedWords = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * CommandBlocked statementDigest.
             * @member {string} statementDigest
             * @memberof ledger.v1.CommandBlocked
             * @instance
             */
            CommandBlocked.prototype.statementDigest = "";

            /**
             * CommandBlocked redactedExcerpt.
             * @member {string} redactedExcerpt
             * @memberof ledger.v1.CommandBlocked
             * @instance
             */
            CommandBlocked.prototype.redactedExcerpt = "";

            /**
             * CommandBlocked ruleName.
             * @member {string} ruleName
             * @memberof ledger.v1.CommandBlocked
             * @instance
             */
            CommandBlocked.prototype.ruleName = "";

            /**
             * CommandBlocked ruleType.
             * @member {ledger.v1.CommandBlocked.RuleType} ruleType
             * @memberof ledger.v1.CommandBlocked
             * @instance
             */
            CommandBlocked.prototype.ruleType = 0;

            /**
             * CommandBlocked matchedWords.
             * @member {Array.<string>} matchedWords
             * @memberof ledger.v1.CommandBlocked
             * @instance
             */
            CommandBlocked.prototype.matchedWords = $util.emptyArray;

            /**
             * CommandBlocked direction.
             * @member {ledger.v1.Direction} direction
             * @memberof ledger.v1.CommandBlocked
             * @instance
             */
            CommandBlocked.prototype.direction = 0;

            /**
             * CommandBlocked message.
             * @member {string} message
             * @memberof ledger.v1.CommandBlocked
             * @instance
             */
            CommandBlocked.prototype.message = "";

            /**
             * Creates a new CommandBlocked instance using the specified properties.
             * @function create
             * @memberof ledger.v1.CommandBlocked
             * @static
             * @param {ledger.v1.CommandBlocked.$Properties=} [properties] Properties to set
             * @returns {ledger.v1.CommandBlocked} CommandBlocked instance
             * @type {{
             *   (properties: ledger.v1.CommandBlocked.$Shape): ledger.v1.CommandBlocked & ledger.v1.CommandBlocked.$Shape;
             *   (properties?: ledger.v1.CommandBlocked.$Properties): ledger.v1.CommandBlocked;
             * }}
             */
            CommandBlocked.create = function(properties) {
                return new CommandBlocked(properties);
            };

            /**
             * Encodes the specified CommandBlocked message. Does not implicitly {@link ledger.v1.CommandBlocked.verify|verify} messages.
             * @function encode
             * @memberof ledger.v1.CommandBlocked
             * @static
             * @param {ledger.v1.CommandBlocked.$Properties} message CommandBlocked message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            CommandBlocked.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.statementDigest != null && $Object.hasOwnProperty.call(message, "statementDigest") && message.statementDigest !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.statementDigest);
                if (message.redactedExcerpt != null && $Object.hasOwnProperty.call(message, "redactedExcerpt") && message.redactedExcerpt !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.redactedExcerpt);
                if (message.ruleName != null && $Object.hasOwnProperty.call(message, "ruleName") && message.ruleName !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.ruleName);
                if (message.ruleType != null && $Object.hasOwnProperty.call(message, "ruleType") && message.ruleType !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).int32(message.ruleType);
                if (message.matchedWords != null && message.matchedWords.length)
                    for (let i = 0; i < message.matchedWords.length; ++i)
                        writer.uint32(/* id 5, wireType 2 =*/42).string(message.matchedWords[i]);
                if (message.direction != null && $Object.hasOwnProperty.call(message, "direction") && message.direction !== 0)
                    writer.uint32(/* id 6, wireType 0 =*/48).int32(message.direction);
                if (message.message != null && $Object.hasOwnProperty.call(message, "message") && message.message !== "")
                    writer.uint32(/* id 7, wireType 2 =*/58).string(message.message);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified CommandBlocked message, length delimited. Does not implicitly {@link ledger.v1.CommandBlocked.verify|verify} messages.
             * @function encodeDelimited
             * @memberof ledger.v1.CommandBlocked
             * @static
             * @param {ledger.v1.CommandBlocked.$Properties} message CommandBlocked message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            CommandBlocked.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a CommandBlocked message from the specified reader or buffer.
             * @function decode
             * @memberof ledger.v1.CommandBlocked
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {ledger.v1.CommandBlocked & ledger.v1.CommandBlocked.$Shape} CommandBlocked
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            CommandBlocked.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.ledger.v1.CommandBlocked();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.statementDigest = value;
                            else
                                delete message.statementDigest;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.redactedExcerpt = value;
                            else
                                delete message.redactedExcerpt;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.ruleName = value;
                            else
                                delete message.ruleName;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.ruleType = value;
                            else
                                delete message.ruleType;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if (!(message.matchedWords && message.matchedWords.length))
                                message.matchedWords = [];
                            message.matchedWords.push(reader.stringVerify());
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.direction = value;
                            else
                                delete message.direction;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.message = value;
                            else
                                delete message.message;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a CommandBlocked message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof ledger.v1.CommandBlocked
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {ledger.v1.CommandBlocked & ledger.v1.CommandBlocked.$Shape} CommandBlocked
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            CommandBlocked.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a CommandBlocked message.
             * @function verify
             * @memberof ledger.v1.CommandBlocked
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            CommandBlocked.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.statementDigest != null && $Object.hasOwnProperty.call(message, "statementDigest"))
                    if (!$util.isString(message.statementDigest))
                        return "statementDigest: string expected";
                if (message.redactedExcerpt != null && $Object.hasOwnProperty.call(message, "redactedExcerpt"))
                    if (!$util.isString(message.redactedExcerpt))
                        return "redactedExcerpt: string expected";
                if (message.ruleName != null && $Object.hasOwnProperty.call(message, "ruleName"))
                    if (!$util.isString(message.ruleName))
                        return "ruleName: string expected";
                if (message.ruleType != null && $Object.hasOwnProperty.call(message, "ruleType"))
                    if (typeof message.ruleType !== "number" || (message.ruleType | 0) !== message.ruleType)
                        return "ruleType: enum value expected";
                if (message.matchedWords != null && $Object.hasOwnProperty.call(message, "matchedWords")) {
                    if (!$Array.isArray(message.matchedWords))
                        return "matchedWords: array expected";
                    for (let i = 0; i < message.matchedWords.length; ++i)
                        if (!$util.isString(message.matchedWords[i]))
                            return "matchedWords: string[] expected";
                }
                if (message.direction != null && $Object.hasOwnProperty.call(message, "direction"))
                    if (typeof message.direction !== "number" || (message.direction | 0) !== message.direction)
                        return "direction: enum value expected";
                if (message.message != null && $Object.hasOwnProperty.call(message, "message"))
                    if (!$util.isString(message.message))
                        return "message: string expected";
                return null;
            };

            /**
             * Creates a CommandBlocked message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof ledger.v1.CommandBlocked
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {ledger.v1.CommandBlocked} CommandBlocked
             */
            CommandBlocked.fromObject = function (object, _depth) {
                if (object instanceof $root.ledger.v1.CommandBlocked)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".ledger.v1.CommandBlocked: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.ledger.v1.CommandBlocked();
                if (object.statementDigest != null)
                    if (typeof object.statementDigest !== "string" || object.statementDigest.length)
                        message.statementDigest = $String(object.statementDigest);
                if (object.redactedExcerpt != null)
                    if (typeof object.redactedExcerpt !== "string" || object.redactedExcerpt.length)
                        message.redactedExcerpt = $String(object.redactedExcerpt);
                if (object.ruleName != null)
                    if (typeof object.ruleName !== "string" || object.ruleName.length)
                        message.ruleName = $String(object.ruleName);
                if (object.ruleType !== 0 && (typeof object.ruleType !== "string" || $root.ledger.v1.CommandBlocked.RuleType[object.ruleType] !== 0))
                    switch (object.ruleType) {
                    case "RULE_TYPE_UNSPECIFIED":
                    case 0:
                        message.ruleType = 0;
                        break;
                    case "KEYWORD":
                    case 1:
                        message.ruleType = 1;
                        break;
                    case "REGEX":
                    case 2:
                        message.ruleType = 2;
                        break;
                    case "RISK_SCORE":
                    case 3:
                        message.ruleType = 3;
                        break;
                    case "SCHEMA_CHANGE":
                    case 4:
                        message.ruleType = 4;
                        break;
                    case "BULK_OPERATION":
                    case 5:
                        message.ruleType = 5;
                        break;
                    case "PROMPT_INJECTION":
                    case 6:
                        message.ruleType = 6;
                        break;
                    default:
                        if (typeof object.ruleType === "number" && (object.ruleType | 0) === object.ruleType)
                            message.ruleType = object.ruleType;
                    }
                if (object.matchedWords) {
                    if (!$Array.isArray(object.matchedWords))
                        throw $TypeError(".ledger.v1.CommandBlocked.matchedWords: array expected");
                    message.matchedWords = $Array(object.matchedWords.length);
                    for (let i = 0; i < object.matchedWords.length; ++i)
                        message.matchedWords[i] = $String(object.matchedWords[i]);
                }
                if (object.direction !== 0 && (typeof object.direction !== "string" || $root.ledger.v1.Direction[object.direction] !== 0))
                    switch (object.direction) {
                    case "DIRECTION_UNSPECIFIED":
                    case 0:
                        message.direction = 0;
                        break;
                    case "REQUEST":
                    case 1:
                        message.direction = 1;
                        break;
                    case "RESPONSE":
                    case 2:
                        message.direction = 2;
                        break;
                    default:
                        if (typeof object.direction === "number" && (object.direction | 0) === object.direction)
                            message.direction = object.direction;
                    }
                if (object.message != null)
                    if (typeof object.message !== "string" || object.message.length)
                        message.message = $String(object.message);
                return message;
            };

            /**
             * Creates a plain object from a CommandBlocked message. Also converts values to other types if specified.
             * @function toObject
             * @memberof ledger.v1.CommandBlocked
             * @static
             * @param {ledger.v1.CommandBlocked} message CommandBlocked
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            CommandBlocked.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.arrays || options.defaults)
                    object.matchedWords = [];
                if (options.defaults) {
                    object.statementDigest = "";
                    object.redactedExcerpt = "";
                    object.ruleName = "";
                    object.ruleType = options.enums === $String ? "RULE_TYPE_UNSPECIFIED" : 0;
                    object.direction = options.enums === $String ? "DIRECTION_UNSPECIFIED" : 0;
                    object.message = "";
                }
                if (message.statementDigest != null && $Object.hasOwnProperty.call(message, "statementDigest"))
                    object.statementDigest = message.statementDigest;
                if (message.redactedExcerpt != null && $Object.hasOwnProperty.call(message, "redactedExcerpt"))
                    object.redactedExcerpt = message.redactedExcerpt;
                if (message.ruleName != null && $Object.hasOwnProperty.call(message, "ruleName"))
                    object.ruleName = message.ruleName;
                if (message.ruleType != null && $Object.hasOwnProperty.call(message, "ruleType"))
                    object.ruleType = options.enums === $String ? $root.ledger.v1.CommandBlocked.RuleType[message.ruleType] === $undefined ? message.ruleType : $root.ledger.v1.CommandBlocked.RuleType[message.ruleType] : message.ruleType;
                if (message.matchedWords && message.matchedWords.length) {
                    object.matchedWords = $Array(message.matchedWords.length);
                    for (let j = 0; j < message.matchedWords.length; ++j)
                        object.matchedWords[j] = message.matchedWords[j];
                }
                if (message.direction != null && $Object.hasOwnProperty.call(message, "direction"))
                    object.direction = options.enums === $String ? $root.ledger.v1.Direction[message.direction] === $undefined ? message.direction : $root.ledger.v1.Direction[message.direction] : message.direction;
                if (message.message != null && $Object.hasOwnProperty.call(message, "message"))
                    object.message = message.message;
                return object;
            };

            /**
             * Converts this CommandBlocked to JSON.
             * @function toJSON
             * @memberof ledger.v1.CommandBlocked
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            CommandBlocked.prototype.toJSON = function() {
                return CommandBlocked.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for CommandBlocked
             * @function getTypeUrl
             * @memberof ledger.v1.CommandBlocked
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            CommandBlocked.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/ledger.v1.CommandBlocked";
            };

            /**
             * RuleType enum.
             * @name ledger.v1.CommandBlocked.RuleType
             * @enum {number}
             * @property {number} RULE_TYPE_UNSPECIFIED=0 RULE_TYPE_UNSPECIFIED value
             * @property {number} KEYWORD=1 KEYWORD value
             * @property {number} REGEX=2 REGEX value
             * @property {number} RISK_SCORE=3 RISK_SCORE value
             * @property {number} SCHEMA_CHANGE=4 SCHEMA_CHANGE value
             * @property {number} BULK_OPERATION=5 BULK_OPERATION value
             * @property {number} PROMPT_INJECTION=6 PROMPT_INJECTION value
             */
            CommandBlocked.RuleType = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "RULE_TYPE_UNSPECIFIED"] = 0;
                values[valuesById[1] = "KEYWORD"] = 1;
                values[valuesById[2] = "REGEX"] = 2;
                values[valuesById[3] = "RISK_SCORE"] = 3;
                values[valuesById[4] = "SCHEMA_CHANGE"] = 4;
                values[valuesById[5] = "BULK_OPERATION"] = 5;
                values[valuesById[6] = "PROMPT_INJECTION"] = 6;
                return values;
            })();

            return CommandBlocked;
        })();

        v1.FieldMasked = (function() {

            /**
             * Properties of a FieldMasked.
             * @typedef {Object} ledger.v1.FieldMasked.$Properties
             * @property {string|null} [fieldPath] FieldMasked fieldPath
             * @property {ledger.v1.FieldMasked.InfoType|null} [infoType] FieldMasked infoType
             * @property {number|null} [count] FieldMasked count
             * @property {ledger.v1.FieldMasked.Transformation|null} [transformation] FieldMasked transformation
             * @property {ledger.v1.Direction|null} [direction] FieldMasked direction
             * @property {string|null} [rule] FieldMasked rule
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a FieldMasked.
             * @memberof ledger.v1
             * @interface IFieldMasked
             * @augments ledger.v1.FieldMasked.$Properties
             * @deprecated Use ledger.v1.FieldMasked.$Properties instead.
             */

            /**
             * Shape of a FieldMasked.
             * @typedef {ledger.v1.FieldMasked.$Properties} ledger.v1.FieldMasked.$Shape
             */

            /**
             * Constructs a new FieldMasked.
             * @memberof ledger.v1
             * @classdesc Represents a FieldMasked.
             * @constructor
             * @param {ledger.v1.FieldMasked.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const FieldMasked = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * FieldMasked fieldPath.
             * @member {string} fieldPath
             * @memberof ledger.v1.FieldMasked
             * @instance
             */
            FieldMasked.prototype.fieldPath = "";

            /**
             * FieldMasked infoType.
             * @member {ledger.v1.FieldMasked.InfoType} infoType
             * @memberof ledger.v1.FieldMasked
             * @instance
             */
            FieldMasked.prototype.infoType = 0;

            /**
             * FieldMasked count.
             * @member {number} count
             * @memberof ledger.v1.FieldMasked
             * @instance
             */
            FieldMasked.prototype.count = 0;

            /**
             * FieldMasked transformation.
             * @member {ledger.v1.FieldMasked.Transformation} transformation
             * @memberof ledger.v1.FieldMasked
             * @instance
             */
            FieldMasked.prototype.transformation = 0;

            /**
             * FieldMasked direction.
             * @member {ledger.v1.Direction} direction
             * @memberof ledger.v1.FieldMasked
             * @instance
             */
            FieldMasked.prototype.direction = 0;

            /**
             * FieldMasked rule.
             * @member {string} rule
             * @memberof ledger.v1.FieldMasked
             * @instance
             */
            FieldMasked.prototype.rule = "";

            /**
             * Creates a new FieldMasked instance using the specified properties.
             * @function create
             * @memberof ledger.v1.FieldMasked
             * @static
             * @param {ledger.v1.FieldMasked.$Properties=} [properties] Properties to set
             * @returns {ledger.v1.FieldMasked} FieldMasked instance
             * @type {{
             *   (properties: ledger.v1.FieldMasked.$Shape): ledger.v1.FieldMasked & ledger.v1.FieldMasked.$Shape;
             *   (properties?: ledger.v1.FieldMasked.$Properties): ledger.v1.FieldMasked;
             * }}
             */
            FieldMasked.create = function(properties) {
                return new FieldMasked(properties);
            };

            /**
             * Encodes the specified FieldMasked message. Does not implicitly {@link ledger.v1.FieldMasked.verify|verify} messages.
             * @function encode
             * @memberof ledger.v1.FieldMasked
             * @static
             * @param {ledger.v1.FieldMasked.$Properties} message FieldMasked message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            FieldMasked.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.fieldPath != null && $Object.hasOwnProperty.call(message, "fieldPath") && message.fieldPath !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.fieldPath);
                if (message.infoType != null && $Object.hasOwnProperty.call(message, "infoType") && message.infoType !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).int32(message.infoType);
                if (message.count != null && $Object.hasOwnProperty.call(message, "count") && message.count !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.count);
                if (message.transformation != null && $Object.hasOwnProperty.call(message, "transformation") && message.transformation !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).int32(message.transformation);
                if (message.direction != null && $Object.hasOwnProperty.call(message, "direction") && message.direction !== 0)
                    writer.uint32(/* id 5, wireType 0 =*/40).int32(message.direction);
                if (message.rule != null && $Object.hasOwnProperty.call(message, "rule") && message.rule !== "")
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.rule);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified FieldMasked message, length delimited. Does not implicitly {@link ledger.v1.FieldMasked.verify|verify} messages.
             * @function encodeDelimited
             * @memberof ledger.v1.FieldMasked
             * @static
             * @param {ledger.v1.FieldMasked.$Properties} message FieldMasked message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            FieldMasked.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a FieldMasked message from the specified reader or buffer.
             * @function decode
             * @memberof ledger.v1.FieldMasked
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {ledger.v1.FieldMasked & ledger.v1.FieldMasked.$Shape} FieldMasked
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            FieldMasked.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.ledger.v1.FieldMasked();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.fieldPath = value;
                            else
                                delete message.fieldPath;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.infoType = value;
                            else
                                delete message.infoType;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.count = value;
                            else
                                delete message.count;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.transformation = value;
                            else
                                delete message.transformation;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.direction = value;
                            else
                                delete message.direction;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.rule = value;
                            else
                                delete message.rule;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a FieldMasked message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof ledger.v1.FieldMasked
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {ledger.v1.FieldMasked & ledger.v1.FieldMasked.$Shape} FieldMasked
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            FieldMasked.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a FieldMasked message.
             * @function verify
             * @memberof ledger.v1.FieldMasked
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            FieldMasked.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.fieldPath != null && $Object.hasOwnProperty.call(message, "fieldPath"))
                    if (!$util.isString(message.fieldPath))
                        return "fieldPath: string expected";
                if (message.infoType != null && $Object.hasOwnProperty.call(message, "infoType"))
                    if (typeof message.infoType !== "number" || (message.infoType | 0) !== message.infoType)
                        return "infoType: enum value expected";
                if (message.count != null && $Object.hasOwnProperty.call(message, "count"))
                    if (!$util.isInteger(message.count))
                        return "count: integer expected";
                if (message.transformation != null && $Object.hasOwnProperty.call(message, "transformation"))
                    if (typeof message.transformation !== "number" || (message.transformation | 0) !== message.transformation)
                        return "transformation: enum value expected";
                if (message.direction != null && $Object.hasOwnProperty.call(message, "direction"))
                    if (typeof message.direction !== "number" || (message.direction | 0) !== message.direction)
                        return "direction: enum value expected";
                if (message.rule != null && $Object.hasOwnProperty.call(message, "rule"))
                    if (!$util.isString(message.rule))
                        return "rule: string expected";
                return null;
            };

            /**
             * Creates a FieldMasked message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof ledger.v1.FieldMasked
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {ledger.v1.FieldMasked} FieldMasked
             */
            FieldMasked.fromObject = function (object, _depth) {
                if (object instanceof $root.ledger.v1.FieldMasked)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".ledger.v1.FieldMasked: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.ledger.v1.FieldMasked();
                if (object.fieldPath != null)
                    if (typeof object.fieldPath !== "string" || object.fieldPath.length)
                        message.fieldPath = $String(object.fieldPath);
                if (object.infoType !== 0 && (typeof object.infoType !== "string" || $root.ledger.v1.FieldMasked.InfoType[object.infoType] !== 0))
                    switch (object.infoType) {
                    case "INFO_TYPE_UNSPECIFIED":
                    case 0:
                        message.infoType = 0;
                        break;
                    case "SSN":
                    case 1:
                        message.infoType = 1;
                        break;
                    case "CREDIT_CARD":
                    case 2:
                        message.infoType = 2;
                        break;
                    case "EMAIL":
                    case 3:
                        message.infoType = 3;
                        break;
                    case "PHONE":
                    case 4:
                        message.infoType = 4;
                        break;
                    case "PHI":
                    case 5:
                        message.infoType = 5;
                        break;
                    case "IBAN":
                    case 6:
                        message.infoType = 6;
                        break;
                    case "PERSON_NAME":
                    case 7:
                        message.infoType = 7;
                        break;
                    case "ADDRESS":
                    case 8:
                        message.infoType = 8;
                        break;
                    case "SECRET":
                    case 9:
                        message.infoType = 9;
                        break;
                    case "CUSTOM":
                    case 10:
                        message.infoType = 10;
                        break;
                    default:
                        if (typeof object.infoType === "number" && (object.infoType | 0) === object.infoType)
                            message.infoType = object.infoType;
                    }
                if (object.count != null)
                    if ($Number(object.count) !== 0)
                        message.count = object.count >>> 0;
                if (object.transformation !== 0 && (typeof object.transformation !== "string" || $root.ledger.v1.FieldMasked.Transformation[object.transformation] !== 0))
                    switch (object.transformation) {
                    case "TRANSFORMATION_UNSPECIFIED":
                    case 0:
                        message.transformation = 0;
                        break;
                    case "REDACT":
                    case 1:
                        message.transformation = 1;
                        break;
                    case "HASH":
                    case 2:
                        message.transformation = 2;
                        break;
                    case "PARTIAL":
                    case 3:
                        message.transformation = 3;
                        break;
                    case "TOKENIZE":
                    case 4:
                        message.transformation = 4;
                        break;
                    case "NULLIFY":
                    case 5:
                        message.transformation = 5;
                        break;
                    default:
                        if (typeof object.transformation === "number" && (object.transformation | 0) === object.transformation)
                            message.transformation = object.transformation;
                    }
                if (object.direction !== 0 && (typeof object.direction !== "string" || $root.ledger.v1.Direction[object.direction] !== 0))
                    switch (object.direction) {
                    case "DIRECTION_UNSPECIFIED":
                    case 0:
                        message.direction = 0;
                        break;
                    case "REQUEST":
                    case 1:
                        message.direction = 1;
                        break;
                    case "RESPONSE":
                    case 2:
                        message.direction = 2;
                        break;
                    default:
                        if (typeof object.direction === "number" && (object.direction | 0) === object.direction)
                            message.direction = object.direction;
                    }
                if (object.rule != null)
                    if (typeof object.rule !== "string" || object.rule.length)
                        message.rule = $String(object.rule);
                return message;
            };

            /**
             * Creates a plain object from a FieldMasked message. Also converts values to other types if specified.
             * @function toObject
             * @memberof ledger.v1.FieldMasked
             * @static
             * @param {ledger.v1.FieldMasked} message FieldMasked
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            FieldMasked.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.fieldPath = "";
                    object.infoType = options.enums === $String ? "INFO_TYPE_UNSPECIFIED" : 0;
                    object.count = 0;
                    object.transformation = options.enums === $String ? "TRANSFORMATION_UNSPECIFIED" : 0;
                    object.direction = options.enums === $String ? "DIRECTION_UNSPECIFIED" : 0;
                    object.rule = "";
                }
                if (message.fieldPath != null && $Object.hasOwnProperty.call(message, "fieldPath"))
                    object.fieldPath = message.fieldPath;
                if (message.infoType != null && $Object.hasOwnProperty.call(message, "infoType"))
                    object.infoType = options.enums === $String ? $root.ledger.v1.FieldMasked.InfoType[message.infoType] === $undefined ? message.infoType : $root.ledger.v1.FieldMasked.InfoType[message.infoType] : message.infoType;
                if (message.count != null && $Object.hasOwnProperty.call(message, "count"))
                    object.count = message.count;
                if (message.transformation != null && $Object.hasOwnProperty.call(message, "transformation"))
                    object.transformation = options.enums === $String ? $root.ledger.v1.FieldMasked.Transformation[message.transformation] === $undefined ? message.transformation : $root.ledger.v1.FieldMasked.Transformation[message.transformation] : message.transformation;
                if (message.direction != null && $Object.hasOwnProperty.call(message, "direction"))
                    object.direction = options.enums === $String ? $root.ledger.v1.Direction[message.direction] === $undefined ? message.direction : $root.ledger.v1.Direction[message.direction] : message.direction;
                if (message.rule != null && $Object.hasOwnProperty.call(message, "rule"))
                    object.rule = message.rule;
                return object;
            };

            /**
             * Converts this FieldMasked to JSON.
             * @function toJSON
             * @memberof ledger.v1.FieldMasked
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            FieldMasked.prototype.toJSON = function() {
                return FieldMasked.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for FieldMasked
             * @function getTypeUrl
             * @memberof ledger.v1.FieldMasked
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            FieldMasked.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/ledger.v1.FieldMasked";
            };

            /**
             * InfoType enum.
             * @name ledger.v1.FieldMasked.InfoType
             * @enum {number}
             * @property {number} INFO_TYPE_UNSPECIFIED=0 INFO_TYPE_UNSPECIFIED value
             * @property {number} SSN=1 SSN value
             * @property {number} CREDIT_CARD=2 CREDIT_CARD value
             * @property {number} EMAIL=3 EMAIL value
             * @property {number} PHONE=4 PHONE value
             * @property {number} PHI=5 PHI value
             * @property {number} IBAN=6 IBAN value
             * @property {number} PERSON_NAME=7 PERSON_NAME value
             * @property {number} ADDRESS=8 ADDRESS value
             * @property {number} SECRET=9 SECRET value
             * @property {number} CUSTOM=10 CUSTOM value
             */
            FieldMasked.InfoType = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "INFO_TYPE_UNSPECIFIED"] = 0;
                values[valuesById[1] = "SSN"] = 1;
                values[valuesById[2] = "CREDIT_CARD"] = 2;
                values[valuesById[3] = "EMAIL"] = 3;
                values[valuesById[4] = "PHONE"] = 4;
                values[valuesById[5] = "PHI"] = 5;
                values[valuesById[6] = "IBAN"] = 6;
                values[valuesById[7] = "PERSON_NAME"] = 7;
                values[valuesById[8] = "ADDRESS"] = 8;
                values[valuesById[9] = "SECRET"] = 9;
                values[valuesById[10] = "CUSTOM"] = 10;
                return values;
            })();

            /**
             * Transformation enum.
             * @name ledger.v1.FieldMasked.Transformation
             * @enum {number}
             * @property {number} TRANSFORMATION_UNSPECIFIED=0 TRANSFORMATION_UNSPECIFIED value
             * @property {number} REDACT=1 REDACT value
             * @property {number} HASH=2 HASH value
             * @property {number} PARTIAL=3 PARTIAL value
             * @property {number} TOKENIZE=4 TOKENIZE value
             * @property {number} NULLIFY=5 NULLIFY value
             */
            FieldMasked.Transformation = (function() {
                const valuesById = $Object.create(null), values = $Object.create(valuesById);
                values[valuesById[0] = "TRANSFORMATION_UNSPECIFIED"] = 0;
                values[valuesById[1] = "REDACT"] = 1;
                values[valuesById[2] = "HASH"] = 2;
                values[valuesById[3] = "PARTIAL"] = 3;
                values[valuesById[4] = "TOKENIZE"] = 4;
                values[valuesById[5] = "NULLIFY"] = 5;
                return values;
            })();

            return FieldMasked;
        })();

        v1.ApprovalRequested = (function() {

            /**
             * Properties of an ApprovalRequested.
             * @typedef {Object} ledger.v1.ApprovalRequested.$Properties
             * @property {string|null} [requestId] ApprovalRequested requestId
             * @property {string|null} [reason] ApprovalRequested reason
             * @property {string|null} [approverGroup] ApprovalRequested approverGroup
             * @property {string|null} [statementDigest] ApprovalRequested statementDigest
             * @property {string|null} [scope] ApprovalRequested scope
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an ApprovalRequested.
             * @memberof ledger.v1
             * @interface IApprovalRequested
             * @augments ledger.v1.ApprovalRequested.$Properties
             * @deprecated Use ledger.v1.ApprovalRequested.$Properties instead.
             */

            /**
             * Shape of an ApprovalRequested.
             * @typedef {ledger.v1.ApprovalRequested.$Properties} ledger.v1.ApprovalRequested.$Shape
             */

            /**
             * Constructs a new ApprovalRequested.
             * @memberof ledger.v1
             * @classdesc Represents an ApprovalRequested.
             * @constructor
             * @param {ledger.v1.ApprovalRequested.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ApprovalRequested = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ApprovalRequested requestId.
             * @member {string} requestId
             * @memberof ledger.v1.ApprovalRequested
             * @instance
             */
            ApprovalRequested.prototype.requestId = "";

            /**
             * ApprovalRequested reason.
             * @member {string} reason
             * @memberof ledger.v1.ApprovalRequested
             * @instance
             */
            ApprovalRequested.prototype.reason = "";

            /**
             * ApprovalRequested approverGroup.
             * @member {string} approverGroup
             * @memberof ledger.v1.ApprovalRequested
             * @instance
             */
            ApprovalRequested.prototype.approverGroup = "";

            /**
             * ApprovalRequested statementDigest.
             * @member {string} statementDigest
             * @memberof ledger.v1.ApprovalRequested
             * @instance
             */
            ApprovalRequested.prototype.statementDigest = "";

            /**
             * ApprovalRequested scope.
             * @member {string} scope
             * @memberof ledger.v1.ApprovalRequested
             * @instance
             */
            ApprovalRequested.prototype.scope = "";

            /**
             * Creates a new ApprovalRequested instance using the specified properties.
             * @function create
             * @memberof ledger.v1.ApprovalRequested
             * @static
             * @param {ledger.v1.ApprovalRequested.$Properties=} [properties] Properties to set
             * @returns {ledger.v1.ApprovalRequested} ApprovalRequested instance
             * @type {{
             *   (properties: ledger.v1.ApprovalRequested.$Shape): ledger.v1.ApprovalRequested & ledger.v1.ApprovalRequested.$Shape;
             *   (properties?: ledger.v1.ApprovalRequested.$Properties): ledger.v1.ApprovalRequested;
             * }}
             */
            ApprovalRequested.create = function(properties) {
                return new ApprovalRequested(properties);
            };

            /**
             * Encodes the specified ApprovalRequested message. Does not implicitly {@link ledger.v1.ApprovalRequested.verify|verify} messages.
             * @function encode
             * @memberof ledger.v1.ApprovalRequested
             * @static
             * @param {ledger.v1.ApprovalRequested.$Properties} message ApprovalRequested message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ApprovalRequested.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId") && message.requestId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.requestId);
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.reason);
                if (message.approverGroup != null && $Object.hasOwnProperty.call(message, "approverGroup") && message.approverGroup !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.approverGroup);
                if (message.statementDigest != null && $Object.hasOwnProperty.call(message, "statementDigest") && message.statementDigest !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.statementDigest);
                if (message.scope != null && $Object.hasOwnProperty.call(message, "scope") && message.scope !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.scope);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified ApprovalRequested message, length delimited. Does not implicitly {@link ledger.v1.ApprovalRequested.verify|verify} messages.
             * @function encodeDelimited
             * @memberof ledger.v1.ApprovalRequested
             * @static
             * @param {ledger.v1.ApprovalRequested.$Properties} message ApprovalRequested message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ApprovalRequested.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an ApprovalRequested message from the specified reader or buffer.
             * @function decode
             * @memberof ledger.v1.ApprovalRequested
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {ledger.v1.ApprovalRequested & ledger.v1.ApprovalRequested.$Shape} ApprovalRequested
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ApprovalRequested.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.ledger.v1.ApprovalRequested();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.requestId = value;
                            else
                                delete message.requestId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.reason = value;
                            else
                                delete message.reason;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.approverGroup = value;
                            else
                                delete message.approverGroup;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.statementDigest = value;
                            else
                                delete message.statementDigest;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.scope = value;
                            else
                                delete message.scope;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes an ApprovalRequested message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof ledger.v1.ApprovalRequested
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {ledger.v1.ApprovalRequested & ledger.v1.ApprovalRequested.$Shape} ApprovalRequested
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ApprovalRequested.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an ApprovalRequested message.
             * @function verify
             * @memberof ledger.v1.ApprovalRequested
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            ApprovalRequested.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId"))
                    if (!$util.isString(message.requestId))
                        return "requestId: string expected";
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    if (!$util.isString(message.reason))
                        return "reason: string expected";
                if (message.approverGroup != null && $Object.hasOwnProperty.call(message, "approverGroup"))
                    if (!$util.isString(message.approverGroup))
                        return "approverGroup: string expected";
                if (message.statementDigest != null && $Object.hasOwnProperty.call(message, "statementDigest"))
                    if (!$util.isString(message.statementDigest))
                        return "statementDigest: string expected";
                if (message.scope != null && $Object.hasOwnProperty.call(message, "scope"))
                    if (!$util.isString(message.scope))
                        return "scope: string expected";
                return null;
            };

            /**
             * Creates an ApprovalRequested message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof ledger.v1.ApprovalRequested
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {ledger.v1.ApprovalRequested} ApprovalRequested
             */
            ApprovalRequested.fromObject = function (object, _depth) {
                if (object instanceof $root.ledger.v1.ApprovalRequested)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".ledger.v1.ApprovalRequested: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.ledger.v1.ApprovalRequested();
                if (object.requestId != null)
                    if (typeof object.requestId !== "string" || object.requestId.length)
                        message.requestId = $String(object.requestId);
                if (object.reason != null)
                    if (typeof object.reason !== "string" || object.reason.length)
                        message.reason = $String(object.reason);
                if (object.approverGroup != null)
                    if (typeof object.approverGroup !== "string" || object.approverGroup.length)
                        message.approverGroup = $String(object.approverGroup);
                if (object.statementDigest != null)
                    if (typeof object.statementDigest !== "string" || object.statementDigest.length)
                        message.statementDigest = $String(object.statementDigest);
                if (object.scope != null)
                    if (typeof object.scope !== "string" || object.scope.length)
                        message.scope = $String(object.scope);
                return message;
            };

            /**
             * Creates a plain object from an ApprovalRequested message. Also converts values to other types if specified.
             * @function toObject
             * @memberof ledger.v1.ApprovalRequested
             * @static
             * @param {ledger.v1.ApprovalRequested} message ApprovalRequested
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ApprovalRequested.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.requestId = "";
                    object.reason = "";
                    object.approverGroup = "";
                    object.statementDigest = "";
                    object.scope = "";
                }
                if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId"))
                    object.requestId = message.requestId;
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    object.reason = message.reason;
                if (message.approverGroup != null && $Object.hasOwnProperty.call(message, "approverGroup"))
                    object.approverGroup = message.approverGroup;
                if (message.statementDigest != null && $Object.hasOwnProperty.call(message, "statementDigest"))
                    object.statementDigest = message.statementDigest;
                if (message.scope != null && $Object.hasOwnProperty.call(message, "scope"))
                    object.scope = message.scope;
                return object;
            };

            /**
             * Converts this ApprovalRequested to JSON.
             * @function toJSON
             * @memberof ledger.v1.ApprovalRequested
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ApprovalRequested.prototype.toJSON = function() {
                return ApprovalRequested.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ApprovalRequested
             * @function getTypeUrl
             * @memberof ledger.v1.ApprovalRequested
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ApprovalRequested.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/ledger.v1.ApprovalRequested";
            };

            return ApprovalRequested;
        })();

        v1.ApprovalGranted = (function() {

            /**
             * Properties of an ApprovalGranted.
             * @typedef {Object} ledger.v1.ApprovalGranted.$Properties
             * @property {string|null} [requestId] ApprovalGranted requestId
             * @property {ledger.v1.Actor.$Properties|null} [approver] ApprovalGranted approver
             * @property {string|null} [approverGroup] ApprovalGranted approverGroup
             * @property {string|null} [reason] ApprovalGranted reason
             * @property {google.protobuf.Timestamp.$Properties|null} [validFrom] ApprovalGranted validFrom
             * @property {google.protobuf.Timestamp.$Properties|null} [validUntil] ApprovalGranted validUntil
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an ApprovalGranted.
             * @memberof ledger.v1
             * @interface IApprovalGranted
             * @augments ledger.v1.ApprovalGranted.$Properties
             * @deprecated Use ledger.v1.ApprovalGranted.$Properties instead.
             */

            /**
             * Shape of an ApprovalGranted.
             * @typedef {ledger.v1.ApprovalGranted.$Properties} ledger.v1.ApprovalGranted.$Shape
             */

            /**
             * Constructs a new ApprovalGranted.
             * @memberof ledger.v1
             * @classdesc Represents an ApprovalGranted.
             * @constructor
             * @param {ledger.v1.ApprovalGranted.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ApprovalGranted = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ApprovalGranted requestId.
             * @member {string} requestId
             * @memberof ledger.v1.ApprovalGranted
             * @instance
             */
            ApprovalGranted.prototype.requestId = "";

            /**
             * ApprovalGranted approver.
             * @member {ledger.v1.Actor.$Properties|null|undefined} approver
             * @memberof ledger.v1.ApprovalGranted
             * @instance
             */
            ApprovalGranted.prototype.approver = null;

            /**
             * ApprovalGranted approverGroup.
             * @member {string} approverGroup
             * @memberof ledger.v1.ApprovalGranted
             * @instance
             */
            ApprovalGranted.prototype.approverGroup = "";

            /**
             * ApprovalGranted reason.
             * @member {string} reason
             * @memberof ledger.v1.ApprovalGranted
             * @instance
             */
            ApprovalGranted.prototype.reason = "";

            /**
             * ApprovalGranted validFrom.
             * @member {google.protobuf.Timestamp.$Properties|null|undefined} validFrom
             * @memberof ledger.v1.ApprovalGranted
             * @instance
             */
            ApprovalGranted.prototype.validFrom = null;

            /**
             * ApprovalGranted validUntil.
             * @member {google.protobuf.Timestamp.$Properties|null|undefined} validUntil
             * @memberof ledger.v1.ApprovalGranted
             * @instance
             */
            ApprovalGranted.prototype.validUntil = null;

            /**
             * Creates a new ApprovalGranted instance using the specified properties.
             * @function create
             * @memberof ledger.v1.ApprovalGranted
             * @static
             * @param {ledger.v1.ApprovalGranted.$Properties=} [properties] Properties to set
             * @returns {ledger.v1.ApprovalGranted} ApprovalGranted instance
             * @type {{
             *   (properties: ledger.v1.ApprovalGranted.$Shape): ledger.v1.ApprovalGranted & ledger.v1.ApprovalGranted.$Shape;
             *   (properties?: ledger.v1.ApprovalGranted.$Properties): ledger.v1.ApprovalGranted;
             * }}
             */
            ApprovalGranted.create = function(properties) {
                return new ApprovalGranted(properties);
            };

            /**
             * Encodes the specified ApprovalGranted message. Does not implicitly {@link ledger.v1.ApprovalGranted.verify|verify} messages.
             * @function encode
             * @memberof ledger.v1.ApprovalGranted
             * @static
             * @param {ledger.v1.ApprovalGranted.$Properties} message ApprovalGranted message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ApprovalGranted.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId") && message.requestId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.requestId);
                if (message.approver != null && $Object.hasOwnProperty.call(message, "approver"))
                    $root.ledger.v1.Actor.encode(message.approver, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.approverGroup != null && $Object.hasOwnProperty.call(message, "approverGroup") && message.approverGroup !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.approverGroup);
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.reason);
                if (message.validFrom != null && $Object.hasOwnProperty.call(message, "validFrom"))
                    $root.google.protobuf.Timestamp.encode(message.validFrom, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                if (message.validUntil != null && $Object.hasOwnProperty.call(message, "validUntil"))
                    $root.google.protobuf.Timestamp.encode(message.validUntil, writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified ApprovalGranted message, length delimited. Does not implicitly {@link ledger.v1.ApprovalGranted.verify|verify} messages.
             * @function encodeDelimited
             * @memberof ledger.v1.ApprovalGranted
             * @static
             * @param {ledger.v1.ApprovalGranted.$Properties} message ApprovalGranted message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ApprovalGranted.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an ApprovalGranted message from the specified reader or buffer.
             * @function decode
             * @memberof ledger.v1.ApprovalGranted
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {ledger.v1.ApprovalGranted & ledger.v1.ApprovalGranted.$Shape} ApprovalGranted
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ApprovalGranted.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.ledger.v1.ApprovalGranted();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.requestId = value;
                            else
                                delete message.requestId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.approver = $root.ledger.v1.Actor.decode(reader, reader.size(), $undefined, _depth + 1, message.approver);
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.approverGroup = value;
                            else
                                delete message.approverGroup;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.reason = value;
                            else
                                delete message.reason;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            message.validFrom = $root.google.protobuf.Timestamp.decode(reader, reader.size(), $undefined, _depth + 1, message.validFrom);
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            message.validUntil = $root.google.protobuf.Timestamp.decode(reader, reader.size(), $undefined, _depth + 1, message.validUntil);
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes an ApprovalGranted message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof ledger.v1.ApprovalGranted
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {ledger.v1.ApprovalGranted & ledger.v1.ApprovalGranted.$Shape} ApprovalGranted
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ApprovalGranted.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an ApprovalGranted message.
             * @function verify
             * @memberof ledger.v1.ApprovalGranted
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            ApprovalGranted.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId"))
                    if (!$util.isString(message.requestId))
                        return "requestId: string expected";
                if (message.approver != null && $Object.hasOwnProperty.call(message, "approver")) {
                    let error = $root.ledger.v1.Actor.verify(message.approver, _depth + 1);
                    if (error)
                        return "approver." + error;
                }
                if (message.approverGroup != null && $Object.hasOwnProperty.call(message, "approverGroup"))
                    if (!$util.isString(message.approverGroup))
                        return "approverGroup: string expected";
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    if (!$util.isString(message.reason))
                        return "reason: string expected";
                if (message.validFrom != null && $Object.hasOwnProperty.call(message, "validFrom")) {
                    let error = $root.google.protobuf.Timestamp.verify(message.validFrom, _depth + 1);
                    if (error)
                        return "validFrom." + error;
                }
                if (message.validUntil != null && $Object.hasOwnProperty.call(message, "validUntil")) {
                    let error = $root.google.protobuf.Timestamp.verify(message.validUntil, _depth + 1);
                    if (error)
                        return "validUntil." + error;
                }
                return null;
            };

            /**
             * Creates an ApprovalGranted message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof ledger.v1.ApprovalGranted
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {ledger.v1.ApprovalGranted} ApprovalGranted
             */
            ApprovalGranted.fromObject = function (object, _depth) {
                if (object instanceof $root.ledger.v1.ApprovalGranted)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".ledger.v1.ApprovalGranted: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.ledger.v1.ApprovalGranted();
                if (object.requestId != null)
                    if (typeof object.requestId !== "string" || object.requestId.length)
                        message.requestId = $String(object.requestId);
                if (object.approver != null) {
                    if (!$util.isObject(object.approver))
                        throw $TypeError(".ledger.v1.ApprovalGranted.approver: object expected");
                    message.approver = $root.ledger.v1.Actor.fromObject(object.approver, _depth + 1);
                }
                if (object.approverGroup != null)
                    if (typeof object.approverGroup !== "string" || object.approverGroup.length)
                        message.approverGroup = $String(object.approverGroup);
                if (object.reason != null)
                    if (typeof object.reason !== "string" || object.reason.length)
                        message.reason = $String(object.reason);
                if (object.validFrom != null) {
                    if (!$util.isObject(object.validFrom))
                        throw $TypeError(".ledger.v1.ApprovalGranted.validFrom: object expected");
                    message.validFrom = $root.google.protobuf.Timestamp.fromObject(object.validFrom, _depth + 1);
                }
                if (object.validUntil != null) {
                    if (!$util.isObject(object.validUntil))
                        throw $TypeError(".ledger.v1.ApprovalGranted.validUntil: object expected");
                    message.validUntil = $root.google.protobuf.Timestamp.fromObject(object.validUntil, _depth + 1);
                }
                return message;
            };

            /**
             * Creates a plain object from an ApprovalGranted message. Also converts values to other types if specified.
             * @function toObject
             * @memberof ledger.v1.ApprovalGranted
             * @static
             * @param {ledger.v1.ApprovalGranted} message ApprovalGranted
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ApprovalGranted.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.requestId = "";
                    object.approver = null;
                    object.approverGroup = "";
                    object.reason = "";
                    object.validFrom = null;
                    object.validUntil = null;
                }
                if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId"))
                    object.requestId = message.requestId;
                if (message.approver != null && $Object.hasOwnProperty.call(message, "approver"))
                    object.approver = $root.ledger.v1.Actor.toObject(message.approver, options, _depth + 1);
                if (message.approverGroup != null && $Object.hasOwnProperty.call(message, "approverGroup"))
                    object.approverGroup = message.approverGroup;
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    object.reason = message.reason;
                if (message.validFrom != null && $Object.hasOwnProperty.call(message, "validFrom"))
                    object.validFrom = $root.google.protobuf.Timestamp.toObject(message.validFrom, options, _depth + 1);
                if (message.validUntil != null && $Object.hasOwnProperty.call(message, "validUntil"))
                    object.validUntil = $root.google.protobuf.Timestamp.toObject(message.validUntil, options, _depth + 1);
                return object;
            };

            /**
             * Converts this ApprovalGranted to JSON.
             * @function toJSON
             * @memberof ledger.v1.ApprovalGranted
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ApprovalGranted.prototype.toJSON = function() {
                return ApprovalGranted.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ApprovalGranted
             * @function getTypeUrl
             * @memberof ledger.v1.ApprovalGranted
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ApprovalGranted.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/ledger.v1.ApprovalGranted";
            };

            return ApprovalGranted;
        })();

        v1.ApprovalDenied = (function() {

            /**
             * Properties of an ApprovalDenied.
             * @typedef {Object} ledger.v1.ApprovalDenied.$Properties
             * @property {string|null} [requestId] ApprovalDenied requestId
             * @property {ledger.v1.Actor.$Properties|null} [approver] ApprovalDenied approver
             * @property {string|null} [approverGroup] ApprovalDenied approverGroup
             * @property {string|null} [reason] ApprovalDenied reason
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an ApprovalDenied.
             * @memberof ledger.v1
             * @interface IApprovalDenied
             * @augments ledger.v1.ApprovalDenied.$Properties
             * @deprecated Use ledger.v1.ApprovalDenied.$Properties instead.
             */

            /**
             * Shape of an ApprovalDenied.
             * @typedef {ledger.v1.ApprovalDenied.$Properties} ledger.v1.ApprovalDenied.$Shape
             */

            /**
             * Constructs a new ApprovalDenied.
             * @memberof ledger.v1
             * @classdesc Represents an ApprovalDenied.
             * @constructor
             * @param {ledger.v1.ApprovalDenied.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ApprovalDenied = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ApprovalDenied requestId.
             * @member {string} requestId
             * @memberof ledger.v1.ApprovalDenied
             * @instance
             */
            ApprovalDenied.prototype.requestId = "";

            /**
             * ApprovalDenied approver.
             * @member {ledger.v1.Actor.$Properties|null|undefined} approver
             * @memberof ledger.v1.ApprovalDenied
             * @instance
             */
            ApprovalDenied.prototype.approver = null;

            /**
             * ApprovalDenied approverGroup.
             * @member {string} approverGroup
             * @memberof ledger.v1.ApprovalDenied
             * @instance
             */
            ApprovalDenied.prototype.approverGroup = "";

            /**
             * ApprovalDenied reason.
             * @member {string} reason
             * @memberof ledger.v1.ApprovalDenied
             * @instance
             */
            ApprovalDenied.prototype.reason = "";

            /**
             * Creates a new ApprovalDenied instance using the specified properties.
             * @function create
             * @memberof ledger.v1.ApprovalDenied
             * @static
             * @param {ledger.v1.ApprovalDenied.$Properties=} [properties] Properties to set
             * @returns {ledger.v1.ApprovalDenied} ApprovalDenied instance
             * @type {{
             *   (properties: ledger.v1.ApprovalDenied.$Shape): ledger.v1.ApprovalDenied & ledger.v1.ApprovalDenied.$Shape;
             *   (properties?: ledger.v1.ApprovalDenied.$Properties): ledger.v1.ApprovalDenied;
             * }}
             */
            ApprovalDenied.create = function(properties) {
                return new ApprovalDenied(properties);
            };

            /**
             * Encodes the specified ApprovalDenied message. Does not implicitly {@link ledger.v1.ApprovalDenied.verify|verify} messages.
             * @function encode
             * @memberof ledger.v1.ApprovalDenied
             * @static
             * @param {ledger.v1.ApprovalDenied.$Properties} message ApprovalDenied message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ApprovalDenied.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId") && message.requestId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.requestId);
                if (message.approver != null && $Object.hasOwnProperty.call(message, "approver"))
                    $root.ledger.v1.Actor.encode(message.approver, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.approverGroup != null && $Object.hasOwnProperty.call(message, "approverGroup") && message.approverGroup !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.approverGroup);
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason") && message.reason !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.reason);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified ApprovalDenied message, length delimited. Does not implicitly {@link ledger.v1.ApprovalDenied.verify|verify} messages.
             * @function encodeDelimited
             * @memberof ledger.v1.ApprovalDenied
             * @static
             * @param {ledger.v1.ApprovalDenied.$Properties} message ApprovalDenied message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ApprovalDenied.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an ApprovalDenied message from the specified reader or buffer.
             * @function decode
             * @memberof ledger.v1.ApprovalDenied
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {ledger.v1.ApprovalDenied & ledger.v1.ApprovalDenied.$Shape} ApprovalDenied
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ApprovalDenied.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.ledger.v1.ApprovalDenied();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.requestId = value;
                            else
                                delete message.requestId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.approver = $root.ledger.v1.Actor.decode(reader, reader.size(), $undefined, _depth + 1, message.approver);
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.approverGroup = value;
                            else
                                delete message.approverGroup;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.reason = value;
                            else
                                delete message.reason;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes an ApprovalDenied message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof ledger.v1.ApprovalDenied
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {ledger.v1.ApprovalDenied & ledger.v1.ApprovalDenied.$Shape} ApprovalDenied
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ApprovalDenied.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an ApprovalDenied message.
             * @function verify
             * @memberof ledger.v1.ApprovalDenied
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            ApprovalDenied.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId"))
                    if (!$util.isString(message.requestId))
                        return "requestId: string expected";
                if (message.approver != null && $Object.hasOwnProperty.call(message, "approver")) {
                    let error = $root.ledger.v1.Actor.verify(message.approver, _depth + 1);
                    if (error)
                        return "approver." + error;
                }
                if (message.approverGroup != null && $Object.hasOwnProperty.call(message, "approverGroup"))
                    if (!$util.isString(message.approverGroup))
                        return "approverGroup: string expected";
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    if (!$util.isString(message.reason))
                        return "reason: string expected";
                return null;
            };

            /**
             * Creates an ApprovalDenied message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof ledger.v1.ApprovalDenied
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {ledger.v1.ApprovalDenied} ApprovalDenied
             */
            ApprovalDenied.fromObject = function (object, _depth) {
                if (object instanceof $root.ledger.v1.ApprovalDenied)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".ledger.v1.ApprovalDenied: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.ledger.v1.ApprovalDenied();
                if (object.requestId != null)
                    if (typeof object.requestId !== "string" || object.requestId.length)
                        message.requestId = $String(object.requestId);
                if (object.approver != null) {
                    if (!$util.isObject(object.approver))
                        throw $TypeError(".ledger.v1.ApprovalDenied.approver: object expected");
                    message.approver = $root.ledger.v1.Actor.fromObject(object.approver, _depth + 1);
                }
                if (object.approverGroup != null)
                    if (typeof object.approverGroup !== "string" || object.approverGroup.length)
                        message.approverGroup = $String(object.approverGroup);
                if (object.reason != null)
                    if (typeof object.reason !== "string" || object.reason.length)
                        message.reason = $String(object.reason);
                return message;
            };

            /**
             * Creates a plain object from an ApprovalDenied message. Also converts values to other types if specified.
             * @function toObject
             * @memberof ledger.v1.ApprovalDenied
             * @static
             * @param {ledger.v1.ApprovalDenied} message ApprovalDenied
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ApprovalDenied.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.requestId = "";
                    object.approver = null;
                    object.approverGroup = "";
                    object.reason = "";
                }
                if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId"))
                    object.requestId = message.requestId;
                if (message.approver != null && $Object.hasOwnProperty.call(message, "approver"))
                    object.approver = $root.ledger.v1.Actor.toObject(message.approver, options, _depth + 1);
                if (message.approverGroup != null && $Object.hasOwnProperty.call(message, "approverGroup"))
                    object.approverGroup = message.approverGroup;
                if (message.reason != null && $Object.hasOwnProperty.call(message, "reason"))
                    object.reason = message.reason;
                return object;
            };

            /**
             * Converts this ApprovalDenied to JSON.
             * @function toJSON
             * @memberof ledger.v1.ApprovalDenied
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ApprovalDenied.prototype.toJSON = function() {
                return ApprovalDenied.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ApprovalDenied
             * @function getTypeUrl
             * @memberof ledger.v1.ApprovalDenied
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ApprovalDenied.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/ledger.v1.ApprovalDenied";
            };

            return ApprovalDenied;
        })();

        v1.CheckpointSigned = (function() {

            /**
             * Properties of a CheckpointSigned.
             * @typedef {Object} ledger.v1.CheckpointSigned.$Properties
             * @property {string|null} [origin] CheckpointSigned origin
             * @property {number|null} [treeSize] CheckpointSigned treeSize
             * @property {Uint8Array|null} [rootHash] CheckpointSigned rootHash
             * @property {string|null} [note] CheckpointSigned note
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a CheckpointSigned.
             * @memberof ledger.v1
             * @interface ICheckpointSigned
             * @augments ledger.v1.CheckpointSigned.$Properties
             * @deprecated Use ledger.v1.CheckpointSigned.$Properties instead.
             */

            /**
             * Shape of a CheckpointSigned.
             * @typedef {ledger.v1.CheckpointSigned.$Properties} ledger.v1.CheckpointSigned.$Shape
             */

            /**
             * Constructs a new CheckpointSigned.
             * @memberof ledger.v1
             * @classdesc Represents a CheckpointSigned.
             * @constructor
             * @param {ledger.v1.CheckpointSigned.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const CheckpointSigned = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * CheckpointSigned origin.
             * @member {string} origin
             * @memberof ledger.v1.CheckpointSigned
             * @instance
             */
            CheckpointSigned.prototype.origin = "";

            /**
             * CheckpointSigned treeSize.
             * @member {number} treeSize
             * @memberof ledger.v1.CheckpointSigned
             * @instance
             */
            CheckpointSigned.prototype.treeSize = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * CheckpointSigned rootHash.
             * @member {Uint8Array} rootHash
             * @memberof ledger.v1.CheckpointSigned
             * @instance
             */
            CheckpointSigned.prototype.rootHash = $util.newBuffer([]);

            /**
             * CheckpointSigned note.
             * @member {string} note
             * @memberof ledger.v1.CheckpointSigned
             * @instance
             */
            CheckpointSigned.prototype.note = "";

            /**
             * Creates a new CheckpointSigned instance using the specified properties.
             * @function create
             * @memberof ledger.v1.CheckpointSigned
             * @static
             * @param {ledger.v1.CheckpointSigned.$Properties=} [properties] Properties to set
             * @returns {ledger.v1.CheckpointSigned} CheckpointSigned instance
             * @type {{
             *   (properties: ledger.v1.CheckpointSigned.$Shape): ledger.v1.CheckpointSigned & ledger.v1.CheckpointSigned.$Shape;
             *   (properties?: ledger.v1.CheckpointSigned.$Properties): ledger.v1.CheckpointSigned;
             * }}
             */
            CheckpointSigned.create = function(properties) {
                return new CheckpointSigned(properties);
            };

            /**
             * Encodes the specified CheckpointSigned message. Does not implicitly {@link ledger.v1.CheckpointSigned.verify|verify} messages.
             * @function encode
             * @memberof ledger.v1.CheckpointSigned
             * @static
             * @param {ledger.v1.CheckpointSigned.$Properties} message CheckpointSigned message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            CheckpointSigned.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.origin != null && $Object.hasOwnProperty.call(message, "origin") && message.origin !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.origin);
                if (message.treeSize != null && $Object.hasOwnProperty.call(message, "treeSize") && (typeof message.treeSize === "object" ? message.treeSize.low || message.treeSize.high : message.treeSize !== 0))
                    writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.treeSize);
                if (message.rootHash != null && $Object.hasOwnProperty.call(message, "rootHash") && message.rootHash.length)
                    writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.rootHash);
                if (message.note != null && $Object.hasOwnProperty.call(message, "note") && message.note !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.note);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified CheckpointSigned message, length delimited. Does not implicitly {@link ledger.v1.CheckpointSigned.verify|verify} messages.
             * @function encodeDelimited
             * @memberof ledger.v1.CheckpointSigned
             * @static
             * @param {ledger.v1.CheckpointSigned.$Properties} message CheckpointSigned message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            CheckpointSigned.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a CheckpointSigned message from the specified reader or buffer.
             * @function decode
             * @memberof ledger.v1.CheckpointSigned
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {ledger.v1.CheckpointSigned & ledger.v1.CheckpointSigned.$Shape} CheckpointSigned
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            CheckpointSigned.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.ledger.v1.CheckpointSigned();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.origin = value;
                            else
                                delete message.origin;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.treeSize = value;
                            else
                                delete message.treeSize;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.rootHash = value;
                            else
                                delete message.rootHash;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.note = value;
                            else
                                delete message.note;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a CheckpointSigned message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof ledger.v1.CheckpointSigned
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {ledger.v1.CheckpointSigned & ledger.v1.CheckpointSigned.$Shape} CheckpointSigned
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            CheckpointSigned.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a CheckpointSigned message.
             * @function verify
             * @memberof ledger.v1.CheckpointSigned
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            CheckpointSigned.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.origin != null && $Object.hasOwnProperty.call(message, "origin"))
                    if (!$util.isString(message.origin))
                        return "origin: string expected";
                if (message.treeSize != null && $Object.hasOwnProperty.call(message, "treeSize"))
                    if (!$util.isInteger(message.treeSize) && !(message.treeSize && $util.isInteger(message.treeSize.low) && $util.isInteger(message.treeSize.high)))
                        return "treeSize: integer|Long expected";
                if (message.rootHash != null && $Object.hasOwnProperty.call(message, "rootHash"))
                    if (!(message.rootHash && typeof message.rootHash.length === "number" || $util.isString(message.rootHash)))
                        return "rootHash: buffer expected";
                if (message.note != null && $Object.hasOwnProperty.call(message, "note"))
                    if (!$util.isString(message.note))
                        return "note: string expected";
                return null;
            };

            /**
             * Creates a CheckpointSigned message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof ledger.v1.CheckpointSigned
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {ledger.v1.CheckpointSigned} CheckpointSigned
             */
            CheckpointSigned.fromObject = function (object, _depth) {
                if (object instanceof $root.ledger.v1.CheckpointSigned)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".ledger.v1.CheckpointSigned: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.ledger.v1.CheckpointSigned();
                if (object.origin != null)
                    if (typeof object.origin !== "string" || object.origin.length)
                        message.origin = $String(object.origin);
                if (object.treeSize != null)
                    if (typeof object.treeSize === "object" ? object.treeSize.low || object.treeSize.high : $Number(object.treeSize) !== 0)
                        if ($util.Long)
                            message.treeSize = $util.Long.fromValue(object.treeSize, true);
                        else if (typeof object.treeSize === "string")
                            message.treeSize = $parseInt(object.treeSize, 10);
                        else if (typeof object.treeSize === "number")
                            message.treeSize = object.treeSize;
                        else if (typeof object.treeSize === "object")
                            message.treeSize = new $util.LongBits(object.treeSize.low >>> 0, object.treeSize.high >>> 0).toNumber(true);
                if (object.rootHash != null)
                    if (object.rootHash.length)
                        if (typeof object.rootHash === "string")
                            $util.base64.decode(object.rootHash, message.rootHash = $util.newBuffer($util.base64.length(object.rootHash)), 0);
                        else if (object.rootHash.length >= 0)
                            message.rootHash = object.rootHash;
                if (object.note != null)
                    if (typeof object.note !== "string" || object.note.length)
                        message.note = $String(object.note);
                return message;
            };

            /**
             * Creates a plain object from a CheckpointSigned message. Also converts values to other types if specified.
             * @function toObject
             * @memberof ledger.v1.CheckpointSigned
             * @static
             * @param {ledger.v1.CheckpointSigned} message CheckpointSigned
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            CheckpointSigned.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.origin = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.treeSize = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.treeSize = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if (options.bytes === $String)
                        object.rootHash = "";
                    else {
                        object.rootHash = [];
                        if (options.bytes !== $Array)
                            object.rootHash = $util.newBuffer(object.rootHash);
                    }
                    object.note = "";
                }
                if (message.origin != null && $Object.hasOwnProperty.call(message, "origin"))
                    object.origin = message.origin;
                if (message.treeSize != null && $Object.hasOwnProperty.call(message, "treeSize"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.treeSize = typeof message.treeSize === "number" ? $BigInt(message.treeSize) : $util.Long.fromBits(message.treeSize.low >>> 0, message.treeSize.high >>> 0, true).toBigInt();
                    else if (typeof message.treeSize === "number")
                        object.treeSize = options.longs === $String ? $String(message.treeSize) : message.treeSize;
                    else
                        object.treeSize = options.longs === $String ? $util.Long.prototype.toString.call(message.treeSize) : options.longs === $Number ? new $util.LongBits(message.treeSize.low >>> 0, message.treeSize.high >>> 0).toNumber(true) : message.treeSize;
                if (message.rootHash != null && $Object.hasOwnProperty.call(message, "rootHash"))
                    object.rootHash = options.bytes === $String ? $util.base64.encode(message.rootHash, 0, message.rootHash.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.rootHash) : message.rootHash;
                if (message.note != null && $Object.hasOwnProperty.call(message, "note"))
                    object.note = message.note;
                return object;
            };

            /**
             * Converts this CheckpointSigned to JSON.
             * @function toJSON
             * @memberof ledger.v1.CheckpointSigned
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            CheckpointSigned.prototype.toJSON = function() {
                return CheckpointSigned.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for CheckpointSigned
             * @function getTypeUrl
             * @memberof ledger.v1.CheckpointSigned
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            CheckpointSigned.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/ledger.v1.CheckpointSigned";
            };

            return CheckpointSigned;
        })();

        v1.BundleArchived = (function() {

            /**
             * Properties of a BundleArchived.
             * @typedef {Object} ledger.v1.BundleArchived.$Properties
             * @property {string|null} [target] BundleArchived target
             * @property {string|null} [bucket] BundleArchived bucket
             * @property {string|null} [key] BundleArchived key
             * @property {string|null} [versionId] BundleArchived versionId
             * @property {string|null} [sha256] BundleArchived sha256
             * @property {number|null} [firstLeaf] BundleArchived firstLeaf
             * @property {number|null} [endLeaf] BundleArchived endLeaf
             * @property {google.protobuf.Timestamp.$Properties|null} [retainUntil] BundleArchived retainUntil
             * @property {string|null} [lockMode] BundleArchived lockMode
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a BundleArchived.
             * @memberof ledger.v1
             * @interface IBundleArchived
             * @augments ledger.v1.BundleArchived.$Properties
             * @deprecated Use ledger.v1.BundleArchived.$Properties instead.
             */

            /**
             * Shape of a BundleArchived.
             * @typedef {ledger.v1.BundleArchived.$Properties} ledger.v1.BundleArchived.$Shape
             */

            /**
             * Constructs a new BundleArchived.
             * @memberof ledger.v1
             * @classdesc Represents a BundleArchived.
             * @constructor
             * @param {ledger.v1.BundleArchived.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const BundleArchived = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * BundleArchived target.
             * @member {string} target
             * @memberof ledger.v1.BundleArchived
             * @instance
             */
            BundleArchived.prototype.target = "";

            /**
             * BundleArchived bucket.
             * @member {string} bucket
             * @memberof ledger.v1.BundleArchived
             * @instance
             */
            BundleArchived.prototype.bucket = "";

            /**
             * BundleArchived key.
             * @member {string} key
             * @memberof ledger.v1.BundleArchived
             * @instance
             */
            BundleArchived.prototype.key = "";

            /**
             * BundleArchived versionId.
             * @member {string} versionId
             * @memberof ledger.v1.BundleArchived
             * @instance
             */
            BundleArchived.prototype.versionId = "";

            /**
             * BundleArchived sha256.
             * @member {string} sha256
             * @memberof ledger.v1.BundleArchived
             * @instance
             */
            BundleArchived.prototype.sha256 = "";

            /**
             * BundleArchived firstLeaf.
             * @member {number} firstLeaf
             * @memberof ledger.v1.BundleArchived
             * @instance
             */
            BundleArchived.prototype.firstLeaf = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * BundleArchived endLeaf.
             * @member {number} endLeaf
             * @memberof ledger.v1.BundleArchived
             * @instance
             */
            BundleArchived.prototype.endLeaf = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * BundleArchived retainUntil.
             * @member {google.protobuf.Timestamp.$Properties|null|undefined} retainUntil
             * @memberof ledger.v1.BundleArchived
             * @instance
             */
            BundleArchived.prototype.retainUntil = null;

            /**
             * BundleArchived lockMode.
             * @member {string} lockMode
             * @memberof ledger.v1.BundleArchived
             * @instance
             */
            BundleArchived.prototype.lockMode = "";

            /**
             * Creates a new BundleArchived instance using the specified properties.
             * @function create
             * @memberof ledger.v1.BundleArchived
             * @static
             * @param {ledger.v1.BundleArchived.$Properties=} [properties] Properties to set
             * @returns {ledger.v1.BundleArchived} BundleArchived instance
             * @type {{
             *   (properties: ledger.v1.BundleArchived.$Shape): ledger.v1.BundleArchived & ledger.v1.BundleArchived.$Shape;
             *   (properties?: ledger.v1.BundleArchived.$Properties): ledger.v1.BundleArchived;
             * }}
             */
            BundleArchived.create = function(properties) {
                return new BundleArchived(properties);
            };

            /**
             * Encodes the specified BundleArchived message. Does not implicitly {@link ledger.v1.BundleArchived.verify|verify} messages.
             * @function encode
             * @memberof ledger.v1.BundleArchived
             * @static
             * @param {ledger.v1.BundleArchived.$Properties} message BundleArchived message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            BundleArchived.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.target != null && $Object.hasOwnProperty.call(message, "target") && message.target !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.target);
                if (message.bucket != null && $Object.hasOwnProperty.call(message, "bucket") && message.bucket !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.bucket);
                if (message.key != null && $Object.hasOwnProperty.call(message, "key") && message.key !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.key);
                if (message.versionId != null && $Object.hasOwnProperty.call(message, "versionId") && message.versionId !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.versionId);
                if (message.sha256 != null && $Object.hasOwnProperty.call(message, "sha256") && message.sha256 !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.sha256);
                if (message.firstLeaf != null && $Object.hasOwnProperty.call(message, "firstLeaf") && (typeof message.firstLeaf === "object" ? message.firstLeaf.low || message.firstLeaf.high : message.firstLeaf !== 0))
                    writer.uint32(/* id 6, wireType 0 =*/48).uint64(message.firstLeaf);
                if (message.endLeaf != null && $Object.hasOwnProperty.call(message, "endLeaf") && (typeof message.endLeaf === "object" ? message.endLeaf.low || message.endLeaf.high : message.endLeaf !== 0))
                    writer.uint32(/* id 7, wireType 0 =*/56).uint64(message.endLeaf);
                if (message.retainUntil != null && $Object.hasOwnProperty.call(message, "retainUntil"))
                    $root.google.protobuf.Timestamp.encode(message.retainUntil, writer.uint32(/* id 8, wireType 2 =*/66).fork(), _depth + 1).ldelim();
                if (message.lockMode != null && $Object.hasOwnProperty.call(message, "lockMode") && message.lockMode !== "")
                    writer.uint32(/* id 9, wireType 2 =*/74).string(message.lockMode);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified BundleArchived message, length delimited. Does not implicitly {@link ledger.v1.BundleArchived.verify|verify} messages.
             * @function encodeDelimited
             * @memberof ledger.v1.BundleArchived
             * @static
             * @param {ledger.v1.BundleArchived.$Properties} message BundleArchived message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            BundleArchived.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a BundleArchived message from the specified reader or buffer.
             * @function decode
             * @memberof ledger.v1.BundleArchived
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {ledger.v1.BundleArchived & ledger.v1.BundleArchived.$Shape} BundleArchived
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            BundleArchived.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.ledger.v1.BundleArchived();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.target = value;
                            else
                                delete message.target;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.bucket = value;
                            else
                                delete message.bucket;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.key = value;
                            else
                                delete message.key;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.versionId = value;
                            else
                                delete message.versionId;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.sha256 = value;
                            else
                                delete message.sha256;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.firstLeaf = value;
                            else
                                delete message.firstLeaf;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.endLeaf = value;
                            else
                                delete message.endLeaf;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            message.retainUntil = $root.google.protobuf.Timestamp.decode(reader, reader.size(), $undefined, _depth + 1, message.retainUntil);
                            continue;
                        }
                    case 9: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.lockMode = value;
                            else
                                delete message.lockMode;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a BundleArchived message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof ledger.v1.BundleArchived
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {ledger.v1.BundleArchived & ledger.v1.BundleArchived.$Shape} BundleArchived
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            BundleArchived.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a BundleArchived message.
             * @function verify
             * @memberof ledger.v1.BundleArchived
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            BundleArchived.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.target != null && $Object.hasOwnProperty.call(message, "target"))
                    if (!$util.isString(message.target))
                        return "target: string expected";
                if (message.bucket != null && $Object.hasOwnProperty.call(message, "bucket"))
                    if (!$util.isString(message.bucket))
                        return "bucket: string expected";
                if (message.key != null && $Object.hasOwnProperty.call(message, "key"))
                    if (!$util.isString(message.key))
                        return "key: string expected";
                if (message.versionId != null && $Object.hasOwnProperty.call(message, "versionId"))
                    if (!$util.isString(message.versionId))
                        return "versionId: string expected";
                if (message.sha256 != null && $Object.hasOwnProperty.call(message, "sha256"))
                    if (!$util.isString(message.sha256))
                        return "sha256: string expected";
                if (message.firstLeaf != null && $Object.hasOwnProperty.call(message, "firstLeaf"))
                    if (!$util.isInteger(message.firstLeaf) && !(message.firstLeaf && $util.isInteger(message.firstLeaf.low) && $util.isInteger(message.firstLeaf.high)))
                        return "firstLeaf: integer|Long expected";
                if (message.endLeaf != null && $Object.hasOwnProperty.call(message, "endLeaf"))
                    if (!$util.isInteger(message.endLeaf) && !(message.endLeaf && $util.isInteger(message.endLeaf.low) && $util.isInteger(message.endLeaf.high)))
                        return "endLeaf: integer|Long expected";
                if (message.retainUntil != null && $Object.hasOwnProperty.call(message, "retainUntil")) {
                    let error = $root.google.protobuf.Timestamp.verify(message.retainUntil, _depth + 1);
                    if (error)
                        return "retainUntil." + error;
                }
                if (message.lockMode != null && $Object.hasOwnProperty.call(message, "lockMode"))
                    if (!$util.isString(message.lockMode))
                        return "lockMode: string expected";
                return null;
            };

            /**
             * Creates a BundleArchived message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof ledger.v1.BundleArchived
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {ledger.v1.BundleArchived} BundleArchived
             */
            BundleArchived.fromObject = function (object, _depth) {
                if (object instanceof $root.ledger.v1.BundleArchived)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".ledger.v1.BundleArchived: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.ledger.v1.BundleArchived();
                if (object.target != null)
                    if (typeof object.target !== "string" || object.target.length)
                        message.target = $String(object.target);
                if (object.bucket != null)
                    if (typeof object.bucket !== "string" || object.bucket.length)
                        message.bucket = $String(object.bucket);
                if (object.key != null)
                    if (typeof object.key !== "string" || object.key.length)
                        message.key = $String(object.key);
                if (object.versionId != null)
                    if (typeof object.versionId !== "string" || object.versionId.length)
                        message.versionId = $String(object.versionId);
                if (object.sha256 != null)
                    if (typeof object.sha256 !== "string" || object.sha256.length)
                        message.sha256 = $String(object.sha256);
                if (object.firstLeaf != null)
                    if (typeof object.firstLeaf === "object" ? object.firstLeaf.low || object.firstLeaf.high : $Number(object.firstLeaf) !== 0)
                        if ($util.Long)
                            message.firstLeaf = $util.Long.fromValue(object.firstLeaf, true);
                        else if (typeof object.firstLeaf === "string")
                            message.firstLeaf = $parseInt(object.firstLeaf, 10);
                        else if (typeof object.firstLeaf === "number")
                            message.firstLeaf = object.firstLeaf;
                        else if (typeof object.firstLeaf === "object")
                            message.firstLeaf = new $util.LongBits(object.firstLeaf.low >>> 0, object.firstLeaf.high >>> 0).toNumber(true);
                if (object.endLeaf != null)
                    if (typeof object.endLeaf === "object" ? object.endLeaf.low || object.endLeaf.high : $Number(object.endLeaf) !== 0)
                        if ($util.Long)
                            message.endLeaf = $util.Long.fromValue(object.endLeaf, true);
                        else if (typeof object.endLeaf === "string")
                            message.endLeaf = $parseInt(object.endLeaf, 10);
                        else if (typeof object.endLeaf === "number")
                            message.endLeaf = object.endLeaf;
                        else if (typeof object.endLeaf === "object")
                            message.endLeaf = new $util.LongBits(object.endLeaf.low >>> 0, object.endLeaf.high >>> 0).toNumber(true);
                if (object.retainUntil != null) {
                    if (!$util.isObject(object.retainUntil))
                        throw $TypeError(".ledger.v1.BundleArchived.retainUntil: object expected");
                    message.retainUntil = $root.google.protobuf.Timestamp.fromObject(object.retainUntil, _depth + 1);
                }
                if (object.lockMode != null)
                    if (typeof object.lockMode !== "string" || object.lockMode.length)
                        message.lockMode = $String(object.lockMode);
                return message;
            };

            /**
             * Creates a plain object from a BundleArchived message. Also converts values to other types if specified.
             * @function toObject
             * @memberof ledger.v1.BundleArchived
             * @static
             * @param {ledger.v1.BundleArchived} message BundleArchived
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            BundleArchived.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.target = "";
                    object.bucket = "";
                    object.key = "";
                    object.versionId = "";
                    object.sha256 = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.firstLeaf = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.firstLeaf = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.endLeaf = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.endLeaf = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.retainUntil = null;
                    object.lockMode = "";
                }
                if (message.target != null && $Object.hasOwnProperty.call(message, "target"))
                    object.target = message.target;
                if (message.bucket != null && $Object.hasOwnProperty.call(message, "bucket"))
                    object.bucket = message.bucket;
                if (message.key != null && $Object.hasOwnProperty.call(message, "key"))
                    object.key = message.key;
                if (message.versionId != null && $Object.hasOwnProperty.call(message, "versionId"))
                    object.versionId = message.versionId;
                if (message.sha256 != null && $Object.hasOwnProperty.call(message, "sha256"))
                    object.sha256 = message.sha256;
                if (message.firstLeaf != null && $Object.hasOwnProperty.call(message, "firstLeaf"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.firstLeaf = typeof message.firstLeaf === "number" ? $BigInt(message.firstLeaf) : $util.Long.fromBits(message.firstLeaf.low >>> 0, message.firstLeaf.high >>> 0, true).toBigInt();
                    else if (typeof message.firstLeaf === "number")
                        object.firstLeaf = options.longs === $String ? $String(message.firstLeaf) : message.firstLeaf;
                    else
                        object.firstLeaf = options.longs === $String ? $util.Long.prototype.toString.call(message.firstLeaf) : options.longs === $Number ? new $util.LongBits(message.firstLeaf.low >>> 0, message.firstLeaf.high >>> 0).toNumber(true) : message.firstLeaf;
                if (message.endLeaf != null && $Object.hasOwnProperty.call(message, "endLeaf"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.endLeaf = typeof message.endLeaf === "number" ? $BigInt(message.endLeaf) : $util.Long.fromBits(message.endLeaf.low >>> 0, message.endLeaf.high >>> 0, true).toBigInt();
                    else if (typeof message.endLeaf === "number")
                        object.endLeaf = options.longs === $String ? $String(message.endLeaf) : message.endLeaf;
                    else
                        object.endLeaf = options.longs === $String ? $util.Long.prototype.toString.call(message.endLeaf) : options.longs === $Number ? new $util.LongBits(message.endLeaf.low >>> 0, message.endLeaf.high >>> 0).toNumber(true) : message.endLeaf;
                if (message.retainUntil != null && $Object.hasOwnProperty.call(message, "retainUntil"))
                    object.retainUntil = $root.google.protobuf.Timestamp.toObject(message.retainUntil, options, _depth + 1);
                if (message.lockMode != null && $Object.hasOwnProperty.call(message, "lockMode"))
                    object.lockMode = message.lockMode;
                return object;
            };

            /**
             * Converts this BundleArchived to JSON.
             * @function toJSON
             * @memberof ledger.v1.BundleArchived
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            BundleArchived.prototype.toJSON = function() {
                return BundleArchived.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for BundleArchived
             * @function getTypeUrl
             * @memberof ledger.v1.BundleArchived
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            BundleArchived.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/ledger.v1.BundleArchived";
            };

            return BundleArchived;
        })();

        v1.EvidenceExported = (function() {

            /**
             * Properties of an EvidenceExported.
             * @typedef {Object} ledger.v1.EvidenceExported.$Properties
             * @property {string|null} [requester] EvidenceExported requester
             * @property {string|null} [queryJson] EvidenceExported queryJson
             * @property {string|null} [packageSha256] EvidenceExported packageSha256
             * @property {number|null} [eventCount] EvidenceExported eventCount
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an EvidenceExported.
             * @memberof ledger.v1
             * @interface IEvidenceExported
             * @augments ledger.v1.EvidenceExported.$Properties
             * @deprecated Use ledger.v1.EvidenceExported.$Properties instead.
             */

            /**
             * Shape of an EvidenceExported.
             * @typedef {ledger.v1.EvidenceExported.$Properties} ledger.v1.EvidenceExported.$Shape
             */

            /**
             * Constructs a new EvidenceExported.
             * @memberof ledger.v1
             * @classdesc Represents an EvidenceExported.
             * @constructor
             * @param {ledger.v1.EvidenceExported.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const EvidenceExported = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * EvidenceExported requester.
             * @member {string} requester
             * @memberof ledger.v1.EvidenceExported
             * @instance
             */
            EvidenceExported.prototype.requester = "";

            /**
             * EvidenceExported queryJson.
             * @member {string} queryJson
             * @memberof ledger.v1.EvidenceExported
             * @instance
             */
            EvidenceExported.prototype.queryJson = "";

            /**
             * EvidenceExported packageSha256.
             * @member {string} packageSha256
             * @memberof ledger.v1.EvidenceExported
             * @instance
             */
            EvidenceExported.prototype.packageSha256 = "";

            /**
             * EvidenceExported eventCount.
             * @member {number} eventCount
             * @memberof ledger.v1.EvidenceExported
             * @instance
             */
            EvidenceExported.prototype.eventCount = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new EvidenceExported instance using the specified properties.
             * @function create
             * @memberof ledger.v1.EvidenceExported
             * @static
             * @param {ledger.v1.EvidenceExported.$Properties=} [properties] Properties to set
             * @returns {ledger.v1.EvidenceExported} EvidenceExported instance
             * @type {{
             *   (properties: ledger.v1.EvidenceExported.$Shape): ledger.v1.EvidenceExported & ledger.v1.EvidenceExported.$Shape;
             *   (properties?: ledger.v1.EvidenceExported.$Properties): ledger.v1.EvidenceExported;
             * }}
             */
            EvidenceExported.create = function(properties) {
                return new EvidenceExported(properties);
            };

            /**
             * Encodes the specified EvidenceExported message. Does not implicitly {@link ledger.v1.EvidenceExported.verify|verify} messages.
             * @function encode
             * @memberof ledger.v1.EvidenceExported
             * @static
             * @param {ledger.v1.EvidenceExported.$Properties} message EvidenceExported message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            EvidenceExported.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.requester != null && $Object.hasOwnProperty.call(message, "requester") && message.requester !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.requester);
                if (message.queryJson != null && $Object.hasOwnProperty.call(message, "queryJson") && message.queryJson !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.queryJson);
                if (message.packageSha256 != null && $Object.hasOwnProperty.call(message, "packageSha256") && message.packageSha256 !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.packageSha256);
                if (message.eventCount != null && $Object.hasOwnProperty.call(message, "eventCount") && (typeof message.eventCount === "object" ? message.eventCount.low || message.eventCount.high : message.eventCount !== 0))
                    writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.eventCount);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified EvidenceExported message, length delimited. Does not implicitly {@link ledger.v1.EvidenceExported.verify|verify} messages.
             * @function encodeDelimited
             * @memberof ledger.v1.EvidenceExported
             * @static
             * @param {ledger.v1.EvidenceExported.$Properties} message EvidenceExported message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            EvidenceExported.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes an EvidenceExported message from the specified reader or buffer.
             * @function decode
             * @memberof ledger.v1.EvidenceExported
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {ledger.v1.EvidenceExported & ledger.v1.EvidenceExported.$Shape} EvidenceExported
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            EvidenceExported.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.ledger.v1.EvidenceExported();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.requester = value;
                            else
                                delete message.requester;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.queryJson = value;
                            else
                                delete message.queryJson;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.packageSha256 = value;
                            else
                                delete message.packageSha256;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.eventCount = value;
                            else
                                delete message.eventCount;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes an EvidenceExported message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof ledger.v1.EvidenceExported
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {ledger.v1.EvidenceExported & ledger.v1.EvidenceExported.$Shape} EvidenceExported
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            EvidenceExported.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies an EvidenceExported message.
             * @function verify
             * @memberof ledger.v1.EvidenceExported
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            EvidenceExported.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.requester != null && $Object.hasOwnProperty.call(message, "requester"))
                    if (!$util.isString(message.requester))
                        return "requester: string expected";
                if (message.queryJson != null && $Object.hasOwnProperty.call(message, "queryJson"))
                    if (!$util.isString(message.queryJson))
                        return "queryJson: string expected";
                if (message.packageSha256 != null && $Object.hasOwnProperty.call(message, "packageSha256"))
                    if (!$util.isString(message.packageSha256))
                        return "packageSha256: string expected";
                if (message.eventCount != null && $Object.hasOwnProperty.call(message, "eventCount"))
                    if (!$util.isInteger(message.eventCount) && !(message.eventCount && $util.isInteger(message.eventCount.low) && $util.isInteger(message.eventCount.high)))
                        return "eventCount: integer|Long expected";
                return null;
            };

            /**
             * Creates an EvidenceExported message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof ledger.v1.EvidenceExported
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {ledger.v1.EvidenceExported} EvidenceExported
             */
            EvidenceExported.fromObject = function (object, _depth) {
                if (object instanceof $root.ledger.v1.EvidenceExported)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".ledger.v1.EvidenceExported: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.ledger.v1.EvidenceExported();
                if (object.requester != null)
                    if (typeof object.requester !== "string" || object.requester.length)
                        message.requester = $String(object.requester);
                if (object.queryJson != null)
                    if (typeof object.queryJson !== "string" || object.queryJson.length)
                        message.queryJson = $String(object.queryJson);
                if (object.packageSha256 != null)
                    if (typeof object.packageSha256 !== "string" || object.packageSha256.length)
                        message.packageSha256 = $String(object.packageSha256);
                if (object.eventCount != null)
                    if (typeof object.eventCount === "object" ? object.eventCount.low || object.eventCount.high : $Number(object.eventCount) !== 0)
                        if ($util.Long)
                            message.eventCount = $util.Long.fromValue(object.eventCount, true);
                        else if (typeof object.eventCount === "string")
                            message.eventCount = $parseInt(object.eventCount, 10);
                        else if (typeof object.eventCount === "number")
                            message.eventCount = object.eventCount;
                        else if (typeof object.eventCount === "object")
                            message.eventCount = new $util.LongBits(object.eventCount.low >>> 0, object.eventCount.high >>> 0).toNumber(true);
                return message;
            };

            /**
             * Creates a plain object from an EvidenceExported message. Also converts values to other types if specified.
             * @function toObject
             * @memberof ledger.v1.EvidenceExported
             * @static
             * @param {ledger.v1.EvidenceExported} message EvidenceExported
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            EvidenceExported.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.requester = "";
                    object.queryJson = "";
                    object.packageSha256 = "";
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.eventCount = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.eventCount = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (message.requester != null && $Object.hasOwnProperty.call(message, "requester"))
                    object.requester = message.requester;
                if (message.queryJson != null && $Object.hasOwnProperty.call(message, "queryJson"))
                    object.queryJson = message.queryJson;
                if (message.packageSha256 != null && $Object.hasOwnProperty.call(message, "packageSha256"))
                    object.packageSha256 = message.packageSha256;
                if (message.eventCount != null && $Object.hasOwnProperty.call(message, "eventCount"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.eventCount = typeof message.eventCount === "number" ? $BigInt(message.eventCount) : $util.Long.fromBits(message.eventCount.low >>> 0, message.eventCount.high >>> 0, true).toBigInt();
                    else if (typeof message.eventCount === "number")
                        object.eventCount = options.longs === $String ? $String(message.eventCount) : message.eventCount;
                    else
                        object.eventCount = options.longs === $String ? $util.Long.prototype.toString.call(message.eventCount) : options.longs === $Number ? new $util.LongBits(message.eventCount.low >>> 0, message.eventCount.high >>> 0).toNumber(true) : message.eventCount;
                return object;
            };

            /**
             * Converts this EvidenceExported to JSON.
             * @function toJSON
             * @memberof ledger.v1.EvidenceExported
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            EvidenceExported.prototype.toJSON = function() {
                return EvidenceExported.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for EvidenceExported
             * @function getTypeUrl
             * @memberof ledger.v1.EvidenceExported
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            EvidenceExported.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/ledger.v1.EvidenceExported";
            };

            return EvidenceExported;
        })();

        v1.KeyRotated = (function() {

            /**
             * Properties of a KeyRotated.
             * @typedef {Object} ledger.v1.KeyRotated.$Properties
             * @property {string|null} [oldVerifierKey] KeyRotated oldVerifierKey
             * @property {string|null} [newVerifierKey] KeyRotated newVerifierKey
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a KeyRotated.
             * @memberof ledger.v1
             * @interface IKeyRotated
             * @augments ledger.v1.KeyRotated.$Properties
             * @deprecated Use ledger.v1.KeyRotated.$Properties instead.
             */

            /**
             * Shape of a KeyRotated.
             * @typedef {ledger.v1.KeyRotated.$Properties} ledger.v1.KeyRotated.$Shape
             */

            /**
             * Constructs a new KeyRotated.
             * @memberof ledger.v1
             * @classdesc Represents a KeyRotated.
             * @constructor
             * @param {ledger.v1.KeyRotated.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const KeyRotated = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * KeyRotated oldVerifierKey.
             * @member {string} oldVerifierKey
             * @memberof ledger.v1.KeyRotated
             * @instance
             */
            KeyRotated.prototype.oldVerifierKey = "";

            /**
             * KeyRotated newVerifierKey.
             * @member {string} newVerifierKey
             * @memberof ledger.v1.KeyRotated
             * @instance
             */
            KeyRotated.prototype.newVerifierKey = "";

            /**
             * Creates a new KeyRotated instance using the specified properties.
             * @function create
             * @memberof ledger.v1.KeyRotated
             * @static
             * @param {ledger.v1.KeyRotated.$Properties=} [properties] Properties to set
             * @returns {ledger.v1.KeyRotated} KeyRotated instance
             * @type {{
             *   (properties: ledger.v1.KeyRotated.$Shape): ledger.v1.KeyRotated & ledger.v1.KeyRotated.$Shape;
             *   (properties?: ledger.v1.KeyRotated.$Properties): ledger.v1.KeyRotated;
             * }}
             */
            KeyRotated.create = function(properties) {
                return new KeyRotated(properties);
            };

            /**
             * Encodes the specified KeyRotated message. Does not implicitly {@link ledger.v1.KeyRotated.verify|verify} messages.
             * @function encode
             * @memberof ledger.v1.KeyRotated
             * @static
             * @param {ledger.v1.KeyRotated.$Properties} message KeyRotated message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            KeyRotated.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.oldVerifierKey != null && $Object.hasOwnProperty.call(message, "oldVerifierKey") && message.oldVerifierKey !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.oldVerifierKey);
                if (message.newVerifierKey != null && $Object.hasOwnProperty.call(message, "newVerifierKey") && message.newVerifierKey !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.newVerifierKey);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified KeyRotated message, length delimited. Does not implicitly {@link ledger.v1.KeyRotated.verify|verify} messages.
             * @function encodeDelimited
             * @memberof ledger.v1.KeyRotated
             * @static
             * @param {ledger.v1.KeyRotated.$Properties} message KeyRotated message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            KeyRotated.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a KeyRotated message from the specified reader or buffer.
             * @function decode
             * @memberof ledger.v1.KeyRotated
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {ledger.v1.KeyRotated & ledger.v1.KeyRotated.$Shape} KeyRotated
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            KeyRotated.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.ledger.v1.KeyRotated();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.oldVerifierKey = value;
                            else
                                delete message.oldVerifierKey;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.newVerifierKey = value;
                            else
                                delete message.newVerifierKey;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a KeyRotated message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof ledger.v1.KeyRotated
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {ledger.v1.KeyRotated & ledger.v1.KeyRotated.$Shape} KeyRotated
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            KeyRotated.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a KeyRotated message.
             * @function verify
             * @memberof ledger.v1.KeyRotated
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            KeyRotated.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.oldVerifierKey != null && $Object.hasOwnProperty.call(message, "oldVerifierKey"))
                    if (!$util.isString(message.oldVerifierKey))
                        return "oldVerifierKey: string expected";
                if (message.newVerifierKey != null && $Object.hasOwnProperty.call(message, "newVerifierKey"))
                    if (!$util.isString(message.newVerifierKey))
                        return "newVerifierKey: string expected";
                return null;
            };

            /**
             * Creates a KeyRotated message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof ledger.v1.KeyRotated
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {ledger.v1.KeyRotated} KeyRotated
             */
            KeyRotated.fromObject = function (object, _depth) {
                if (object instanceof $root.ledger.v1.KeyRotated)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".ledger.v1.KeyRotated: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.ledger.v1.KeyRotated();
                if (object.oldVerifierKey != null)
                    if (typeof object.oldVerifierKey !== "string" || object.oldVerifierKey.length)
                        message.oldVerifierKey = $String(object.oldVerifierKey);
                if (object.newVerifierKey != null)
                    if (typeof object.newVerifierKey !== "string" || object.newVerifierKey.length)
                        message.newVerifierKey = $String(object.newVerifierKey);
                return message;
            };

            /**
             * Creates a plain object from a KeyRotated message. Also converts values to other types if specified.
             * @function toObject
             * @memberof ledger.v1.KeyRotated
             * @static
             * @param {ledger.v1.KeyRotated} message KeyRotated
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            KeyRotated.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    object.oldVerifierKey = "";
                    object.newVerifierKey = "";
                }
                if (message.oldVerifierKey != null && $Object.hasOwnProperty.call(message, "oldVerifierKey"))
                    object.oldVerifierKey = message.oldVerifierKey;
                if (message.newVerifierKey != null && $Object.hasOwnProperty.call(message, "newVerifierKey"))
                    object.newVerifierKey = message.newVerifierKey;
                return object;
            };

            /**
             * Converts this KeyRotated to JSON.
             * @function toJSON
             * @memberof ledger.v1.KeyRotated
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            KeyRotated.prototype.toJSON = function() {
                return KeyRotated.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for KeyRotated
             * @function getTypeUrl
             * @memberof ledger.v1.KeyRotated
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            KeyRotated.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/ledger.v1.KeyRotated";
            };

            return KeyRotated;
        })();

        v1.LedgerEntry = (function() {

            /**
             * Properties of a LedgerEntry.
             * @typedef {Object} ledger.v1.LedgerEntry.$Properties
             * @property {Uint8Array|null} [event] LedgerEntry event
             * @property {google.protobuf.Timestamp.$Properties|null} [recordedAt] LedgerEntry recordedAt
             * @property {number|null} [position] LedgerEntry position
             * @property {number|null} [leafIndex] LedgerEntry leafIndex
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a LedgerEntry.
             * @memberof ledger.v1
             * @interface ILedgerEntry
             * @augments ledger.v1.LedgerEntry.$Properties
             * @deprecated Use ledger.v1.LedgerEntry.$Properties instead.
             */

            /**
             * Shape of a LedgerEntry.
             * @typedef {ledger.v1.LedgerEntry.$Properties} ledger.v1.LedgerEntry.$Shape
             */

            /**
             * Constructs a new LedgerEntry.
             * @memberof ledger.v1
             * @classdesc Represents a LedgerEntry.
             * @constructor
             * @param {ledger.v1.LedgerEntry.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const LedgerEntry = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * LedgerEntry event.
             * @member {Uint8Array} event
             * @memberof ledger.v1.LedgerEntry
             * @instance
             */
            LedgerEntry.prototype.event = $util.newBuffer([]);

            /**
             * LedgerEntry recordedAt.
             * @member {google.protobuf.Timestamp.$Properties|null|undefined} recordedAt
             * @memberof ledger.v1.LedgerEntry
             * @instance
             */
            LedgerEntry.prototype.recordedAt = null;

            /**
             * LedgerEntry position.
             * @member {number} position
             * @memberof ledger.v1.LedgerEntry
             * @instance
             */
            LedgerEntry.prototype.position = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * LedgerEntry leafIndex.
             * @member {number} leafIndex
             * @memberof ledger.v1.LedgerEntry
             * @instance
             */
            LedgerEntry.prototype.leafIndex = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new LedgerEntry instance using the specified properties.
             * @function create
             * @memberof ledger.v1.LedgerEntry
             * @static
             * @param {ledger.v1.LedgerEntry.$Properties=} [properties] Properties to set
             * @returns {ledger.v1.LedgerEntry} LedgerEntry instance
             * @type {{
             *   (properties: ledger.v1.LedgerEntry.$Shape): ledger.v1.LedgerEntry & ledger.v1.LedgerEntry.$Shape;
             *   (properties?: ledger.v1.LedgerEntry.$Properties): ledger.v1.LedgerEntry;
             * }}
             */
            LedgerEntry.create = function(properties) {
                return new LedgerEntry(properties);
            };

            /**
             * Encodes the specified LedgerEntry message. Does not implicitly {@link ledger.v1.LedgerEntry.verify|verify} messages.
             * @function encode
             * @memberof ledger.v1.LedgerEntry
             * @static
             * @param {ledger.v1.LedgerEntry.$Properties} message LedgerEntry message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            LedgerEntry.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.event != null && $Object.hasOwnProperty.call(message, "event") && message.event.length)
                    writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.event);
                if (message.recordedAt != null && $Object.hasOwnProperty.call(message, "recordedAt"))
                    $root.google.protobuf.Timestamp.encode(message.recordedAt, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.position != null && $Object.hasOwnProperty.call(message, "position") && (typeof message.position === "object" ? message.position.low || message.position.high : message.position !== 0))
                    writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.position);
                if (message.leafIndex != null && $Object.hasOwnProperty.call(message, "leafIndex") && (typeof message.leafIndex === "object" ? message.leafIndex.low || message.leafIndex.high : message.leafIndex !== 0))
                    writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.leafIndex);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified LedgerEntry message, length delimited. Does not implicitly {@link ledger.v1.LedgerEntry.verify|verify} messages.
             * @function encodeDelimited
             * @memberof ledger.v1.LedgerEntry
             * @static
             * @param {ledger.v1.LedgerEntry.$Properties} message LedgerEntry message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            LedgerEntry.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a LedgerEntry message from the specified reader or buffer.
             * @function decode
             * @memberof ledger.v1.LedgerEntry
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {ledger.v1.LedgerEntry & ledger.v1.LedgerEntry.$Shape} LedgerEntry
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            LedgerEntry.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.ledger.v1.LedgerEntry();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.event = value;
                            else
                                delete message.event;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.recordedAt = $root.google.protobuf.Timestamp.decode(reader, reader.size(), $undefined, _depth + 1, message.recordedAt);
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.position = value;
                            else
                                delete message.position;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                                message.leafIndex = value;
                            else
                                delete message.leafIndex;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a LedgerEntry message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof ledger.v1.LedgerEntry
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {ledger.v1.LedgerEntry & ledger.v1.LedgerEntry.$Shape} LedgerEntry
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            LedgerEntry.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a LedgerEntry message.
             * @function verify
             * @memberof ledger.v1.LedgerEntry
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            LedgerEntry.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.event != null && $Object.hasOwnProperty.call(message, "event"))
                    if (!(message.event && typeof message.event.length === "number" || $util.isString(message.event)))
                        return "event: buffer expected";
                if (message.recordedAt != null && $Object.hasOwnProperty.call(message, "recordedAt")) {
                    let error = $root.google.protobuf.Timestamp.verify(message.recordedAt, _depth + 1);
                    if (error)
                        return "recordedAt." + error;
                }
                if (message.position != null && $Object.hasOwnProperty.call(message, "position"))
                    if (!$util.isInteger(message.position) && !(message.position && $util.isInteger(message.position.low) && $util.isInteger(message.position.high)))
                        return "position: integer|Long expected";
                if (message.leafIndex != null && $Object.hasOwnProperty.call(message, "leafIndex"))
                    if (!$util.isInteger(message.leafIndex) && !(message.leafIndex && $util.isInteger(message.leafIndex.low) && $util.isInteger(message.leafIndex.high)))
                        return "leafIndex: integer|Long expected";
                return null;
            };

            /**
             * Creates a LedgerEntry message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof ledger.v1.LedgerEntry
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {ledger.v1.LedgerEntry} LedgerEntry
             */
            LedgerEntry.fromObject = function (object, _depth) {
                if (object instanceof $root.ledger.v1.LedgerEntry)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".ledger.v1.LedgerEntry: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.ledger.v1.LedgerEntry();
                if (object.event != null)
                    if (object.event.length)
                        if (typeof object.event === "string")
                            $util.base64.decode(object.event, message.event = $util.newBuffer($util.base64.length(object.event)), 0);
                        else if (object.event.length >= 0)
                            message.event = object.event;
                if (object.recordedAt != null) {
                    if (!$util.isObject(object.recordedAt))
                        throw $TypeError(".ledger.v1.LedgerEntry.recordedAt: object expected");
                    message.recordedAt = $root.google.protobuf.Timestamp.fromObject(object.recordedAt, _depth + 1);
                }
                if (object.position != null)
                    if (typeof object.position === "object" ? object.position.low || object.position.high : $Number(object.position) !== 0)
                        if ($util.Long)
                            message.position = $util.Long.fromValue(object.position, true);
                        else if (typeof object.position === "string")
                            message.position = $parseInt(object.position, 10);
                        else if (typeof object.position === "number")
                            message.position = object.position;
                        else if (typeof object.position === "object")
                            message.position = new $util.LongBits(object.position.low >>> 0, object.position.high >>> 0).toNumber(true);
                if (object.leafIndex != null)
                    if (typeof object.leafIndex === "object" ? object.leafIndex.low || object.leafIndex.high : $Number(object.leafIndex) !== 0)
                        if ($util.Long)
                            message.leafIndex = $util.Long.fromValue(object.leafIndex, true);
                        else if (typeof object.leafIndex === "string")
                            message.leafIndex = $parseInt(object.leafIndex, 10);
                        else if (typeof object.leafIndex === "number")
                            message.leafIndex = object.leafIndex;
                        else if (typeof object.leafIndex === "object")
                            message.leafIndex = new $util.LongBits(object.leafIndex.low >>> 0, object.leafIndex.high >>> 0).toNumber(true);
                return message;
            };

            /**
             * Creates a plain object from a LedgerEntry message. Also converts values to other types if specified.
             * @function toObject
             * @memberof ledger.v1.LedgerEntry
             * @static
             * @param {ledger.v1.LedgerEntry} message LedgerEntry
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            LedgerEntry.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    if (options.bytes === $String)
                        object.event = "";
                    else {
                        object.event = [];
                        if (options.bytes !== $Array)
                            object.event = $util.newBuffer(object.event);
                    }
                    object.recordedAt = null;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.position = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.position = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, true);
                        object.leafIndex = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.leafIndex = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (message.event != null && $Object.hasOwnProperty.call(message, "event"))
                    object.event = options.bytes === $String ? $util.base64.encode(message.event, 0, message.event.length) : options.bytes === $Array ? $Array.prototype.slice.call(message.event) : message.event;
                if (message.recordedAt != null && $Object.hasOwnProperty.call(message, "recordedAt"))
                    object.recordedAt = $root.google.protobuf.Timestamp.toObject(message.recordedAt, options, _depth + 1);
                if (message.position != null && $Object.hasOwnProperty.call(message, "position"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.position = typeof message.position === "number" ? $BigInt(message.position) : $util.Long.fromBits(message.position.low >>> 0, message.position.high >>> 0, true).toBigInt();
                    else if (typeof message.position === "number")
                        object.position = options.longs === $String ? $String(message.position) : message.position;
                    else
                        object.position = options.longs === $String ? $util.Long.prototype.toString.call(message.position) : options.longs === $Number ? new $util.LongBits(message.position.low >>> 0, message.position.high >>> 0).toNumber(true) : message.position;
                if (message.leafIndex != null && $Object.hasOwnProperty.call(message, "leafIndex"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.leafIndex = typeof message.leafIndex === "number" ? $BigInt(message.leafIndex) : $util.Long.fromBits(message.leafIndex.low >>> 0, message.leafIndex.high >>> 0, true).toBigInt();
                    else if (typeof message.leafIndex === "number")
                        object.leafIndex = options.longs === $String ? $String(message.leafIndex) : message.leafIndex;
                    else
                        object.leafIndex = options.longs === $String ? $util.Long.prototype.toString.call(message.leafIndex) : options.longs === $Number ? new $util.LongBits(message.leafIndex.low >>> 0, message.leafIndex.high >>> 0).toNumber(true) : message.leafIndex;
                return object;
            };

            /**
             * Converts this LedgerEntry to JSON.
             * @function toJSON
             * @memberof ledger.v1.LedgerEntry
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            LedgerEntry.prototype.toJSON = function() {
                return LedgerEntry.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for LedgerEntry
             * @function getTypeUrl
             * @memberof ledger.v1.LedgerEntry
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            LedgerEntry.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/ledger.v1.LedgerEntry";
            };

            return LedgerEntry;
        })();

        return v1;
    })();

    return ledger;
})();

export const google = $root.google = (() => {

    /**
     * Namespace google.
     * @exports google
     * @namespace
     */
    const google = {};

    google.protobuf = (function() {

        /**
         * Namespace protobuf.
         * @memberof google
         * @namespace
         */
        const protobuf = {};

        protobuf.Timestamp = (function() {

            /**
             * Properties of a Timestamp.
             * @typedef {Object} google.protobuf.Timestamp.$Properties
             * @property {number|null} [seconds] Timestamp seconds
             * @property {number|null} [nanos] Timestamp nanos
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Timestamp.
             * @memberof google.protobuf
             * @interface ITimestamp
             * @augments google.protobuf.Timestamp.$Properties
             * @deprecated Use google.protobuf.Timestamp.$Properties instead.
             */

            /**
             * Shape of a Timestamp.
             * @typedef {google.protobuf.Timestamp.$Properties} google.protobuf.Timestamp.$Shape
             */

            /**
             * Constructs a new Timestamp.
             * @memberof google.protobuf
             * @classdesc Represents a Timestamp.
             * @constructor
             * @param {google.protobuf.Timestamp.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Timestamp = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Timestamp seconds.
             * @member {number} seconds
             * @memberof google.protobuf.Timestamp
             * @instance
             */
            Timestamp.prototype.seconds = $util.Long ? $util.Long.fromBits(0,0,false) : 0;

            /**
             * Timestamp nanos.
             * @member {number} nanos
             * @memberof google.protobuf.Timestamp
             * @instance
             */
            Timestamp.prototype.nanos = 0;

            /**
             * Creates a new Timestamp instance using the specified properties.
             * @function create
             * @memberof google.protobuf.Timestamp
             * @static
             * @param {google.protobuf.Timestamp.$Properties=} [properties] Properties to set
             * @returns {google.protobuf.Timestamp} Timestamp instance
             * @type {{
             *   (properties: google.protobuf.Timestamp.$Shape): google.protobuf.Timestamp & google.protobuf.Timestamp.$Shape;
             *   (properties?: google.protobuf.Timestamp.$Properties): google.protobuf.Timestamp;
             * }}
             */
            Timestamp.create = function(properties) {
                return new Timestamp(properties);
            };

            /**
             * Encodes the specified Timestamp message. Does not implicitly {@link google.protobuf.Timestamp.verify|verify} messages.
             * @function encode
             * @memberof google.protobuf.Timestamp
             * @static
             * @param {google.protobuf.Timestamp.$Properties} message Timestamp message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Timestamp.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.seconds != null && $Object.hasOwnProperty.call(message, "seconds") && (typeof message.seconds === "object" ? message.seconds.low || message.seconds.high : message.seconds !== 0))
                    writer.uint32(/* id 1, wireType 0 =*/8).int64(message.seconds);
                if (message.nanos != null && $Object.hasOwnProperty.call(message, "nanos") && message.nanos !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).int32(message.nanos);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Encodes the specified Timestamp message, length delimited. Does not implicitly {@link google.protobuf.Timestamp.verify|verify} messages.
             * @function encodeDelimited
             * @memberof google.protobuf.Timestamp
             * @static
             * @param {google.protobuf.Timestamp.$Properties} message Timestamp message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Timestamp.encodeDelimited = function(message, writer) {
                return this.encode(message, (writer || $Writer.create()).fork()).ldelim();
            };

            /**
             * Decodes a Timestamp message from the specified reader or buffer.
             * @function decode
             * @memberof google.protobuf.Timestamp
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {google.protobuf.Timestamp & google.protobuf.Timestamp.$Shape} Timestamp
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Timestamp.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.google.protobuf.Timestamp();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (typeof (value = reader.int64()) === "object" ? value.low || value.high : value !== 0)
                                message.seconds = value;
                            else
                                delete message.seconds;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.nanos = value;
                            else
                                delete message.nanos;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            /**
             * Decodes a Timestamp message from the specified reader or buffer, length delimited.
             * @function decodeDelimited
             * @memberof google.protobuf.Timestamp
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @returns {google.protobuf.Timestamp & google.protobuf.Timestamp.$Shape} Timestamp
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Timestamp.decodeDelimited = function(reader) {
                if (!(reader instanceof $Reader))
                    reader = new $Reader(reader);
                return this.decode(reader, reader.size());
            };

            /**
             * Verifies a Timestamp message.
             * @function verify
             * @memberof google.protobuf.Timestamp
             * @static
             * @param {Object.<string,*>} message Plain object to verify
             * @returns {string|null} `null` if valid, otherwise the reason why it is not
             */
            Timestamp.verify = function (message, _depth) {
                if (typeof message !== "object" || message === null)
                    return "object expected";
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    return "max depth exceeded";
                if (message.seconds != null && $Object.hasOwnProperty.call(message, "seconds"))
                    if (!$util.isInteger(message.seconds) && !(message.seconds && $util.isInteger(message.seconds.low) && $util.isInteger(message.seconds.high)))
                        return "seconds: integer|Long expected";
                if (message.nanos != null && $Object.hasOwnProperty.call(message, "nanos"))
                    if (!$util.isInteger(message.nanos))
                        return "nanos: integer expected";
                return null;
            };

            /**
             * Creates a Timestamp message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof google.protobuf.Timestamp
             * @static
             * @param {Object.<string,*>} object Plain object
             * @returns {google.protobuf.Timestamp} Timestamp
             */
            Timestamp.fromObject = function (object, _depth) {
                if (object instanceof $root.google.protobuf.Timestamp)
                    return object;
                if (!$util.isObject(object))
                    throw $TypeError(".google.protobuf.Timestamp: object expected");
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let message = new $root.google.protobuf.Timestamp();
                if (object.seconds != null)
                    if (typeof object.seconds === "object" ? object.seconds.low || object.seconds.high : $Number(object.seconds) !== 0)
                        if ($util.Long)
                            message.seconds = $util.Long.fromValue(object.seconds, false);
                        else if (typeof object.seconds === "string")
                            message.seconds = $parseInt(object.seconds, 10);
                        else if (typeof object.seconds === "number")
                            message.seconds = object.seconds;
                        else if (typeof object.seconds === "object")
                            message.seconds = new $util.LongBits(object.seconds.low >>> 0, object.seconds.high >>> 0).toNumber();
                if (object.nanos != null)
                    if ($Number(object.nanos) !== 0)
                        message.nanos = object.nanos | 0;
                return message;
            };

            /**
             * Creates a plain object from a Timestamp message. Also converts values to other types if specified.
             * @function toObject
             * @memberof google.protobuf.Timestamp
             * @static
             * @param {google.protobuf.Timestamp} message Timestamp
             * @param {$protobuf.IConversionOptions} [options] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Timestamp.toObject = function (message, options, _depth) {
                if (!options)
                    options = {};
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                let object = {};
                if (options.defaults) {
                    if ($util.Long) {
                        let long = new $util.Long(0, 0, false);
                        object.seconds = options.longs === $String ? long.toString() : options.longs === $Number ? long.toNumber() : typeof $BigInt !== "undefined" && options.longs === $BigInt ? long.toBigInt() : long;
                    } else
                        object.seconds = options.longs === $String ? "0" : typeof $BigInt !== "undefined" && options.longs === $BigInt ? $BigInt("0") : 0;
                    object.nanos = 0;
                }
                if (message.seconds != null && $Object.hasOwnProperty.call(message, "seconds"))
                    if (typeof $BigInt !== "undefined" && options.longs === $BigInt)
                        object.seconds = typeof message.seconds === "number" ? $BigInt(message.seconds) : $util.Long.fromBits(message.seconds.low >>> 0, message.seconds.high >>> 0, false).toBigInt();
                    else if (typeof message.seconds === "number")
                        object.seconds = options.longs === $String ? $String(message.seconds) : message.seconds;
                    else
                        object.seconds = options.longs === $String ? $util.Long.prototype.toString.call(message.seconds) : options.longs === $Number ? new $util.LongBits(message.seconds.low >>> 0, message.seconds.high >>> 0).toNumber() : message.seconds;
                if (message.nanos != null && $Object.hasOwnProperty.call(message, "nanos"))
                    object.nanos = message.nanos;
                return object;
            };

            /**
             * Converts this Timestamp to JSON.
             * @function toJSON
             * @memberof google.protobuf.Timestamp
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Timestamp.prototype.toJSON = function() {
                return Timestamp.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Timestamp
             * @function getTypeUrl
             * @memberof google.protobuf.Timestamp
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Timestamp.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/google.protobuf.Timestamp";
            };

            return Timestamp;
        })();

        return protobuf;
    })();

    return google;
})();

export {
  $root as default
};
