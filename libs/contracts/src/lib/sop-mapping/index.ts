// The one mapping between the complaint stream's payloads (proto) and libs/sop events. Every
// service folds the stream with `toSopEvent` + libs/sop `evolve`, and publishes what libs/sop
// `decide` returns with `sopEventToEnvelope`. Round trip: toSopEvent(parse(sopEventToEnvelope(e))) = e.
export {
  appealDecisionMapping,
  appealTriggerMapping,
  channelMapping,
  complaintOutcomeMapping,
  deliveryMethodMapping,
  dismissalReasonMapping,
  dispositionInstructionMapping,
  erasureReasonMapping,
  followUpDecisionMapping,
  notificationPurposeMapping,
  messageTemplateVariantMapping,
  outboundChannelMapping,
  severityMapping,
  sopValueOf,
  substantiationMapping,
  teamMemberRoleMapping,
  type EnumMapping,
} from './enum-mappings';
export type { SopEventExtras, SopEventExtrasArgs } from './event-extras';
export { toSopEvent } from './from-wire';
export { actorLabel, toEventActor, toSopActor } from './sop-actors';
export { sopEventToEnvelope, type SopEnvelopeContext } from './to-envelope';
export { sopEventPayload } from './to-wire';
