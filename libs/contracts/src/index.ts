// The public surface of @pengaduan/contracts: topics, the event envelope and catalogue, the
// validators, the gRPC adapter, and the code generated from proto/ (never edit src/gen/;
// run `npm run generate`).
export { ContractViolation } from './lib/contract-violation';
export {
  COMPLAINT_EVENTS_TOPIC,
  DLQ_TOPIC_PREFIX,
  PLATFORM_CONSUMER_GROUPS,
  PLATFORM_GROUP_TOPICS,
  TOPIC_DEFINITIONS,
  dlqTopicDefinition,
  dlqTopicFor,
  redriveTopicDefinition,
  redriveTopicFor,
  type TopicDefinition,
} from './lib/topics';
export { formatActor, parseActor, type EventActor } from './lib/actor';
export {
  ERROR_CATALOGUE,
  ERROR_CODES,
  GRPC_STATUS_OF_KIND,
  HTTP_STATUS_OF_KIND,
  isErrorCode,
  type ErrorCode,
  type ErrorKind,
  type ServiceErrorCode,
} from './lib/error-catalogue';
export {
  EVENT_CATALOGUE,
  EVENT_TYPES,
  isEventType,
  payloadSchemaFor,
  type EventCatalogueEntry,
  type EventProducer,
  type EventSchema,
  type EventType,
  type SupportedEventPayload,
} from './lib/event-catalogue';
export {
  createEnvelope,
  parseEnvelope,
  serializeEnvelope,
  validatePayload,
  type CreateEnvelopeInput,
  type EventEnvelope,
  type ParseFailure,
  type ParseResult,
  type ParsedEvent,
} from './lib/envelope';
export { decodeJsonStrict, validateMessage } from './lib/validate-message';
export { toGrpcServiceDefinition, type GrpcServiceDefinition } from './lib/grpc';
export {
  canonicalJson,
  EventKeyRing,
  generateEventSigningKey,
  parseEventKeyRing,
  parseEventSigningKey,
  signedBytes,
  signEnvelope,
  SIGNATURE_ATTRIBUTE,
  SIGNATURE_KEY_ATTRIBUTE,
  type EventSigningKey,
  type EventVerificationKey,
  type SignatureCheck,
} from './lib/event-signature';
export {
  CHAIN_ATTRIBUTE,
  CHAIN_PREV_ATTRIBUTE,
  CHAIN_SEQ_ATTRIBUTE,
  chainAndSign,
  chainDigest,
  chainDigestOfSignedBytes,
  chainLinkOf,
  chainOf,
  EMPTY_CHAIN,
  type ChainLink,
  type ChainTip,
} from './lib/event-chain';
export {
  toSopEvent,
  toSopActor,
  toEventActor,
  actorLabel,
  sopEventPayload,
  sopEventToEnvelope,
  channelMapping,
  outboundChannelMapping,
  dismissalReasonMapping,
  dispositionInstructionMapping,
  substantiationMapping,
  severityMapping,
  followUpDecisionMapping,
  appealDecisionMapping,
  appealTriggerMapping,
  teamMemberRoleMapping,
  complaintOutcomeMapping,
  deliveryMethodMapping,
  notificationPurposeMapping,
  messageTemplateVariantMapping,
  erasureReasonMapping,
  sopValueOf,
  type EnumMapping,
  type SopEventExtras,
  type SopEventExtrasArgs,
  type SopEnvelopeContext,
} from './lib/sop-mapping';

export * from './gen/pengaduan/common/v1/actor_pb';
export * from './gen/pengaduan/common/v1/channel_pb';
export * from './gen/pengaduan/events/v1/complaint_events_pb';
export * from './gen/pengaduan/events/v1/sla_events_pb';
export * from './gen/pengaduan/intake/v1/messages_pb';
export * from './gen/pengaduan/intake/v1/service_pb';
export * from './gen/pengaduan/intake/v1/confirmation_pb';
export * from './gen/pengaduan/intake/v1/reporter_address_pb';
export * from './gen/pengaduan/disposition/v1/messages_pb';
export * from './gen/pengaduan/disposition/v1/service_pb';
export * from './gen/pengaduan/analysis/v1/messages_pb';
export * from './gen/pengaduan/analysis/v1/service_pb';
export * from './gen/pengaduan/teamdecree/v1/messages_pb';
export * from './gen/pengaduan/teamdecree/v1/service_pb';
export * from './gen/pengaduan/notification/v1/messages_pb';
export * from './gen/pengaduan/notification/v1/service_pb';
export * from './gen/pengaduan/notification/v1/receipts_pb';
export * from './gen/pengaduan/notification/v1/message_templates_pb';
export * from './gen/pengaduan/notification/v1/status_messages_pb';
export * from './gen/pengaduan/notification/v1/follow_up_information_pb';
export * from './gen/pengaduan/intake/v1/transfer_pb';
export * from './gen/pengaduan/intake/v1/tracking_pb';
export * from './gen/pengaduan/intake/v1/screening_pb';
export * from './gen/pengaduan/intake/v1/processing_record_pb';
export * from './gen/pengaduan/intake/v1/problem_messages_pb';
export * from './gen/pengaduan/intake/v1/data_subject_rights_pb';
export * from './gen/pengaduan/intake/v1/erasure_pb';
export * from './gen/pengaduan/intake/v1/search_pb';
export * from './gen/pengaduan/intake/v1/office_profile_pb';
export * from './gen/pengaduan/intake/v1/rating_pb';
export * from './gen/pengaduan/intake/v1/retention_policy_pb';
export * from './gen/pengaduan/documents/v1/documents_pb';
export { slaPolicyToWire, slaPolicyFromWire } from './lib/sla-policy-wire';
export * from './gen/pengaduan/slamonitor/v1/messages_pb';
export * from './gen/pengaduan/slamonitor/v1/service_pb';
/** The public gRPC API (`pengaduan.v1`, served by the gateway): `publicApi.OfficeComplaintsService` … */
export * as publicApi from './lib/public-api';
/** `google.rpc.Status`, `BadRequest`, `ErrorInfo` …: the public API's error details. */
export * as googleRpc from './lib/google-rpc';
