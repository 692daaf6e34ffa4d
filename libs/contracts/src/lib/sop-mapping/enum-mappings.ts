import type { DescEnum } from '@bufbuild/protobuf';
import type * as sop from '@pengaduan/sop';
import { Channel, ChannelSchema } from '../../gen/pengaduan/common/v1/channel_pb';
import {
  AppealDecision,
  AppealDecisionSchema,
  AppealTrigger,
  AppealTriggerSchema,
  ComplaintOutcome,
  ComplaintOutcomeSchema,
  ContactField,
  ContactFieldSchema,
  DataAccessVerification,
  DataAccessVerificationSchema,
  DeliveryMethod,
  DeliveryMethodSchema,
  DismissalReason,
  DismissalReasonSchema,
  DispositionInstruction,
  DispositionInstructionSchema,
  ErasureReason,
  ErasureReasonSchema,
  FollowUpDecision,
  FollowUpDecisionSchema,
  NotificationPurpose,
  NotificationPurposeSchema,
  Severity,
  SeveritySchema,
  Substantiation,
  SubstantiationSchema,
  TeamRole,
  TeamRoleSchema,
} from '../../gen/pengaduan/events/v1/complaint_events_pb';
import { MessageTemplateVariant, MessageTemplateVariantSchema } from '../../gen/pengaduan/notification/v1/message_templates_pb';
import { ContractViolation } from '../contract-violation';
import { violation } from './mapping-violation';

/** A two-way mapping between a libs/sop string union and a proto enum. */
export interface EnumMapping<S extends string, P extends number> {
  /**
   * The proto value of a libs/sop value.
   *
   * @throws {@link ContractViolation} for a value libs/sop does not define (bad input at run time)
   */
  toProto(value: S, path?: string): P;
  /**
   * The libs/sop value of a proto value.
   *
   * @throws {@link ContractViolation} for `*_UNSPECIFIED`, an unknown number, or a value libs/sop lacks
   */
  fromProto(value: P, path?: string): S;
}

function enumMapping<S extends string, P extends number>(
  schema: DescEnum,
  table: { readonly [K in S]: P },
  why: Partial<Record<number, string>> = {},
): EnumMapping<S, P> {
  const reverse = new Map<number, S>(Object.entries<P>(table).map(([s, p]) => [p, s as S]));
  return {
    toProto(value, path = 'value') {
      const mapped = Object.prototype.hasOwnProperty.call(table, value) ? table[value] : undefined;
      if (mapped === undefined) throw violation(`${path}: ${JSON.stringify(value)} is not a libs/sop value mapped to ${schema.name}`);
      return mapped;
    },
    fromProto(value, path = 'value') {
      const mapped = reverse.get(value);
      if (mapped !== undefined) return mapped;
      const name = schema.values.find((v) => v.number === value)?.name ?? String(value);
      throw violation(`${path}: ${schema.name} ${name} has no libs/sop counterpart${why[value] ? ` (${why[value]})` : ''}`);
    },
  };
}

/** libs/sop `Channel` (how complaints come in) ↔ proto `Channel`; `CHANNEL_EMAIL` is refused: complaints do not come in by e-mail. */
export const channelMapping: EnumMapping<sop.Channel, Channel> = enumMapping(
  ChannelSchema,
  {
    WHATSAPP: Channel.WHATSAPP,
    SMS: Channel.SMS,
    PHONE: Channel.PHONE,
    WEB: Channel.WEB,
    INSTAGRAM: Channel.INSTAGRAM,
    FACEBOOK: Channel.FACEBOOK,
    TELEGRAM: Channel.TELEGRAM,
    WALK_IN: Channel.WALK_IN,
    REGIONAL_OFFICE: Channel.REGIONAL_OFFICE,
    LAPOR: Channel.LAPOR,
  },
  { [Channel.EMAIL]: 'e-mail is outbound only; complaints do not come in by e-mail' },
);

/** libs/sop `OutboundChannel` (messages to the reporter) ↔ proto `Channel`: one to one. */
export const outboundChannelMapping: EnumMapping<sop.OutboundChannel, Channel> = enumMapping(ChannelSchema, {
  WHATSAPP: Channel.WHATSAPP,
  SMS: Channel.SMS,
  PHONE: Channel.PHONE,
  WEB: Channel.WEB,
  INSTAGRAM: Channel.INSTAGRAM,
  FACEBOOK: Channel.FACEBOOK,
  TELEGRAM: Channel.TELEGRAM,
  WALK_IN: Channel.WALK_IN,
  REGIONAL_OFFICE: Channel.REGIONAL_OFFICE,
  EMAIL: Channel.EMAIL,
  LAPOR: Channel.LAPOR,
});

/** libs/sop `DismissalReason` ↔ proto `DismissalReason`. */
export const dismissalReasonMapping: EnumMapping<sop.DismissalReason, DismissalReason> = enumMapping(DismissalReasonSchema, {
  SPAM: DismissalReason.SPAM,
  DUPLICATE: DismissalReason.DUPLICATE,
  NOT_A_COMPLAINT: DismissalReason.NOT_A_COMPLAINT,
  NOT_OUR_AUTHORITY: DismissalReason.NOT_OUR_AUTHORITY,
});

/** libs/sop `DispositionInstruction` ↔ proto `DispositionInstruction`. */
export const dispositionInstructionMapping: EnumMapping<sop.DispositionInstruction, DispositionInstruction> = enumMapping(
  DispositionInstructionSchema,
  {
    TINDAK_LANJUTI: DispositionInstruction.TINDAK_LANJUTI,
    PELAJARI_DAN_LAPORKAN: DispositionInstruction.PELAJARI_DAN_LAPORKAN,
    KOORDINASIKAN: DispositionInstruction.KOORDINASIKAN,
    UNTUK_DIKETAHUI: DispositionInstruction.UNTUK_DIKETAHUI,
  },
);

/** libs/sop `Substantiation` ↔ proto `Substantiation`. */
export const substantiationMapping: EnumMapping<sop.Substantiation, Substantiation> = enumMapping(SubstantiationSchema, {
  YES: Substantiation.YES,
  PARTLY: Substantiation.PARTLY,
  NO: Substantiation.NO,
});

/** libs/sop `Severity` ↔ proto `Severity`. */
export const severityMapping: EnumMapping<sop.Severity, Severity> = enumMapping(SeveritySchema, {
  LOW: Severity.LOW,
  MEDIUM: Severity.MEDIUM,
  HIGH: Severity.HIGH,
});

/** libs/sop `FollowUpDecision` ↔ proto `FollowUpDecision`. */
export const followUpDecisionMapping: EnumMapping<sop.FollowUpDecision, FollowUpDecision> = enumMapping(FollowUpDecisionSchema, {
  FOLLOW_UP: FollowUpDecision.FOLLOW_UP,
  NO_FOLLOW_UP: FollowUpDecision.NO_FOLLOW_UP,
});

/** libs/sop `AppealTrigger` ↔ proto `AppealTrigger` (docs/adr/0053). */
export const appealTriggerMapping: EnumMapping<sop.AppealTrigger, AppealTrigger> = enumMapping(AppealTriggerSchema, {
  POOR_RATING: AppealTrigger.POOR_RATING,
  REQUEST: AppealTrigger.REQUEST,
});

/** libs/sop `AppealDecision` ↔ proto `AppealDecision` (docs/adr/0053). */
export const appealDecisionMapping: EnumMapping<sop.AppealDecision, AppealDecision> = enumMapping(AppealDecisionSchema, {
  REDISPOSE: AppealDecision.REDISPOSE,
  REANALYZE: AppealDecision.REANALYZE,
  UPHOLD: AppealDecision.UPHOLD,
});

/** libs/sop `ErasureReason` ↔ proto `ErasureReason` (docs/adr/0057). */
export const erasureReasonMapping: EnumMapping<sop.ErasureReason, ErasureReason> = enumMapping(ErasureReasonSchema, {
  REQUEST: ErasureReason.REQUEST,
  RETENTION: ErasureReason.RETENTION,
});

/** libs/sop `DataAccessVerification` ↔ proto `DataAccessVerification` (docs/adr/0061). */
export const dataAccessVerificationMapping: EnumMapping<sop.DataAccessVerification, DataAccessVerification> = enumMapping(DataAccessVerificationSchema, {
  IN_PERSON: DataAccessVerification.IN_PERSON,
  CHANNEL: DataAccessVerification.CHANNEL,
});

/** libs/sop `ContactFieldName` ↔ proto `ContactField` (docs/adr/0061). */
export const contactFieldMapping: EnumMapping<sop.ContactFieldName, ContactField> = enumMapping(ContactFieldSchema, {
  name: ContactField.NAME,
  phone: ContactField.PHONE,
  email: ContactField.EMAIL,
  handle: ContactField.HANDLE,
});

/** libs/sop `TeamMemberRole` ↔ proto `TeamRole`. */
export const teamMemberRoleMapping: EnumMapping<sop.TeamMemberRole, TeamRole> = enumMapping(TeamRoleSchema, {
  KETUA: TeamRole.KETUA,
  SEKRETARIS: TeamRole.SEKRETARIS,
  ANGGOTA: TeamRole.ANGGOTA,
});

/** libs/sop `ComplaintOutcome` ↔ proto `ComplaintOutcome`. */
export const complaintOutcomeMapping: EnumMapping<sop.ComplaintOutcome, ComplaintOutcome> = enumMapping(ComplaintOutcomeSchema, {
  DISMISSED: ComplaintOutcome.DISMISSED,
  NO_FOLLOW_UP: ComplaintOutcome.NO_FOLLOW_UP,
  FOLLOWED_UP: ComplaintOutcome.FOLLOWED_UP,
});

/** libs/sop `DeliveryMethod` (how a delivery is known) ↔ proto `DeliveryMethod`. */
export const deliveryMethodMapping: EnumMapping<sop.DeliveryMethod, DeliveryMethod> = enumMapping(DeliveryMethodSchema, {
  PROVIDER_RECEIPT: DeliveryMethod.PROVIDER_RECEIPT,
  PHONE_CALL: DeliveryMethod.PHONE_CALL,
  IN_PERSON: DeliveryMethod.IN_PERSON,
  REPORTER_REPLY: DeliveryMethod.REPORTER_REPLY,
  LETTER: DeliveryMethod.LETTER,
  LAPOR_POSTED: DeliveryMethod.LAPOR_POSTED,
});

/** libs/sop `NotificationPurpose` ↔ proto `NotificationPurpose`. */
export const notificationPurposeMapping: EnumMapping<sop.NotificationPurpose, NotificationPurpose> = enumMapping(
  NotificationPurposeSchema,
  {
    ACKNOWLEDGEMENT: NotificationPurpose.ACKNOWLEDGEMENT,
    FOLLOW_UP_INFORMATION: NotificationPurpose.FOLLOW_UP_INFORMATION,
    DISMISSAL_NOTICE: NotificationPurpose.DISMISSAL_NOTICE,
    STATUS_CONFIRMED: NotificationPurpose.STATUS_CONFIRMED,
    STATUS_DISPOSED: NotificationPurpose.STATUS_DISPOSED,
    STATUS_DECIDED: NotificationPurpose.STATUS_DECIDED,
    RATING_REQUEST: NotificationPurpose.RATING_REQUEST,
  },
);

/** libs/sop `MessageTemplateVariant` ↔ proto `MessageTemplateVariant` (docs/adr/0050). */
export const messageTemplateVariantMapping: EnumMapping<sop.MessageTemplateVariant, MessageTemplateVariant> = enumMapping(MessageTemplateVariantSchema, {
  STANDARD: MessageTemplateVariant.STANDARD,
  TRACKING_PIN: MessageTemplateVariant.TRACKING_PIN,
});

/**
 * The libs/sop value of a request's proto enum (`Substantiation.YES` → `'YES'`) by its mapping,
 * or `undefined` for `UNSPECIFIED` or a number the contract does not know, so that a handler
 * refuses the field by name.
 */
export function sopValueOf<S extends string, P extends number>(mapping: EnumMapping<S, P>, value: P): S | undefined {
  try {
    return mapping.fromProto(value);
  } catch (err) {
    if (err instanceof ContractViolation) return undefined;
    throw err;
  }
}
