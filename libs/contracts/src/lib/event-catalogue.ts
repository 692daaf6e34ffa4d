import type { DescMessage, MessageShape } from '@bufbuild/protobuf';
import {
  ComplaintAcknowledgedSchema,
  ComplaintAnalyzedSchema,
  ComplaintAppealedSchema,
  ComplaintAppealReviewedSchema,
  ComplaintPersonalDataErasedSchema,
  ComplaintDataAccessRequestedSchema,
  ComplaintDataAccessAnsweredSchema,
  ComplaintContactCorrectedSchema,
  ComplaintContactRestrictedSchema,
  ComplaintContactRestrictionLiftedSchema,
  ComplaintCallAttemptedSchema,
  ComplaintClosedSchema,
  ComplaintConfirmedSchema,
  ComplaintDeliveryAbandonedSchema,
  ComplaintDismissedSchema,
  ComplaintDispositionCompletedSchema,
  ComplaintDisposedSchema,
  ComplaintFollowUpDecidedSchema,
  ComplaintInformationDeliveredSchema,
  ComplaintMessageAppendedSchema,
  ComplaintNotificationFailedSchema,
  ComplaintRatedSchema,
  ComplaintReceivedSchema,
  ComplaintReporterInformedSchema,
  ComplaintSectionRespondedSchema,
  ComplaintTeamFormedSchema,
} from '../gen/pengaduan/events/v1/complaint_events_pb';
import {
  SlaDeadlineBreachedSchema,
  SlaDeadlineStartedSchema,
  SlaDeadlineStoppedSchema,
  SlaDeadlineWarningSchema,
  SlaEscalatedSchema,
} from '../gen/pengaduan/events/v1/sla_events_pb';

/** Every event type of the platform, in SOP order. */
export const EVENT_TYPES = [
  'complaint.received',
  'complaint.message-appended',
  'complaint.confirmed',
  'complaint.dismissed',
  'complaint.disposed',
  'complaint.section-responded',
  'complaint.disposition-completed',
  'complaint.analyzed',
  'complaint.follow-up-decided',
  'complaint.team-formed',
  'complaint.acknowledged',
  'complaint.reporter-informed',
  'complaint.information-delivered',
  'complaint.notification-failed',
  'complaint.call-attempted',
  'complaint.delivery-abandoned',
  'complaint.closed',
  'complaint.rated',
  'complaint.appealed',
  'complaint.appeal-reviewed',
  'complaint.personal-data-erased',
  'complaint.data-access-requested',
  'complaint.data-access-answered',
  'complaint.contact-corrected',
  'complaint.contact-restricted',
  'complaint.contact-restriction-lifted',
  'sla.deadline-started',
  'sla.deadline-warning',
  'sla.deadline-breached',
  'sla.escalated',
  'sla.deadline-stopped',
] as const;

/** An event type: the CloudEvents `type` attribute, e.g. `complaint.disposed`. */
export type EventType = (typeof EVENT_TYPES)[number];

/** The service that owns (alone produces) an event type. */
export type EventProducer = 'intake' | 'disposition' | 'analysis' | 'team-decree' | 'notification' | 'sla-monitor';

/** What the catalogue knows about one event type. */
export interface EventCatalogueEntry {
  /** The service that produces events of this type. */
  readonly producer: EventProducer;
  /** The `dataversion` producers write now. */
  readonly currentDataVersion: string;
  /** Payload schema per `dataversion` that consumers accept (the current one and any not yet retired). */
  readonly dataVersions: Readonly<Record<string, DescMessage>>;
}

const catalogue = {
  'complaint.received': { producer: 'intake', currentDataVersion: '1', dataVersions: { '1': ComplaintReceivedSchema } },
  'complaint.message-appended': { producer: 'intake', currentDataVersion: '1', dataVersions: { '1': ComplaintMessageAppendedSchema } },
  'complaint.confirmed': { producer: 'intake', currentDataVersion: '1', dataVersions: { '1': ComplaintConfirmedSchema } },
  'complaint.dismissed': { producer: 'intake', currentDataVersion: '1', dataVersions: { '1': ComplaintDismissedSchema } },
  'complaint.disposed': { producer: 'disposition', currentDataVersion: '1', dataVersions: { '1': ComplaintDisposedSchema } },
  'complaint.section-responded': { producer: 'disposition', currentDataVersion: '1', dataVersions: { '1': ComplaintSectionRespondedSchema } },
  'complaint.disposition-completed': { producer: 'disposition', currentDataVersion: '1', dataVersions: { '1': ComplaintDispositionCompletedSchema } },
  'complaint.analyzed': { producer: 'analysis', currentDataVersion: '1', dataVersions: { '1': ComplaintAnalyzedSchema } },
  'complaint.follow-up-decided': { producer: 'analysis', currentDataVersion: '1', dataVersions: { '1': ComplaintFollowUpDecidedSchema } },
  'complaint.team-formed': { producer: 'team-decree', currentDataVersion: '1', dataVersions: { '1': ComplaintTeamFormedSchema } },
  'complaint.acknowledged': { producer: 'notification', currentDataVersion: '1', dataVersions: { '1': ComplaintAcknowledgedSchema } },
  'complaint.reporter-informed': { producer: 'notification', currentDataVersion: '1', dataVersions: { '1': ComplaintReporterInformedSchema } },
  'complaint.information-delivered': { producer: 'notification', currentDataVersion: '1', dataVersions: { '1': ComplaintInformationDeliveredSchema } },
  'complaint.notification-failed': { producer: 'notification', currentDataVersion: '1', dataVersions: { '1': ComplaintNotificationFailedSchema } },
  'complaint.call-attempted': { producer: 'notification', currentDataVersion: '1', dataVersions: { '1': ComplaintCallAttemptedSchema } },
  'complaint.delivery-abandoned': { producer: 'notification', currentDataVersion: '1', dataVersions: { '1': ComplaintDeliveryAbandonedSchema } },
  'complaint.closed': { producer: 'notification', currentDataVersion: '1', dataVersions: { '1': ComplaintClosedSchema } },
  'complaint.rated': { producer: 'intake', currentDataVersion: '1', dataVersions: { '1': ComplaintRatedSchema } },
  'complaint.appealed': { producer: 'intake', currentDataVersion: '1', dataVersions: { '1': ComplaintAppealedSchema } },
  'complaint.appeal-reviewed': { producer: 'disposition', currentDataVersion: '1', dataVersions: { '1': ComplaintAppealReviewedSchema } },
  'complaint.personal-data-erased': { producer: 'intake', currentDataVersion: '1', dataVersions: { '1': ComplaintPersonalDataErasedSchema } },
  'complaint.data-access-requested': { producer: 'intake', currentDataVersion: '1', dataVersions: { '1': ComplaintDataAccessRequestedSchema } },
  'complaint.data-access-answered': { producer: 'intake', currentDataVersion: '1', dataVersions: { '1': ComplaintDataAccessAnsweredSchema } },
  'complaint.contact-corrected': { producer: 'intake', currentDataVersion: '1', dataVersions: { '1': ComplaintContactCorrectedSchema } },
  'complaint.contact-restricted': { producer: 'intake', currentDataVersion: '1', dataVersions: { '1': ComplaintContactRestrictedSchema } },
  'complaint.contact-restriction-lifted': { producer: 'intake', currentDataVersion: '1', dataVersions: { '1': ComplaintContactRestrictionLiftedSchema } },
  'sla.deadline-started': { producer: 'sla-monitor', currentDataVersion: '1', dataVersions: { '1': SlaDeadlineStartedSchema } },
  'sla.deadline-warning': { producer: 'sla-monitor', currentDataVersion: '1', dataVersions: { '1': SlaDeadlineWarningSchema } },
  'sla.deadline-breached': { producer: 'sla-monitor', currentDataVersion: '1', dataVersions: { '1': SlaDeadlineBreachedSchema } },
  'sla.escalated': { producer: 'sla-monitor', currentDataVersion: '1', dataVersions: { '1': SlaEscalatedSchema } },
  'sla.deadline-stopped': { producer: 'sla-monitor', currentDataVersion: '1', dataVersions: { '1': SlaDeadlineStoppedSchema } },
} as const satisfies Record<EventType, EventCatalogueEntry>;

type Catalogue = typeof catalogue;

/**
 * The event catalogue: for each event type its producer and its payload schema per supported
 * `dataversion`. A new `dataversion` is added here beside the old one, and `currentDataVersion`
 * moves to it; the old one is removed when retired.
 */
export const EVENT_CATALOGUE: Readonly<Catalogue> = Object.freeze(catalogue);

/** The payload schema producers write now for event type `T`. */
export type EventSchema<T extends EventType> = Catalogue[T]['dataVersions'][Catalogue[T]['currentDataVersion']];

/** Any payload message a consumer may receive for event type `T` (one per supported `dataversion`). */
export type SupportedEventPayload<T extends EventType> = {
  [V in keyof Catalogue[T]['dataVersions']]: Catalogue[T]['dataVersions'][V] extends DescMessage ? MessageShape<Catalogue[T]['dataVersions'][V]> : never;
}[keyof Catalogue[T]['dataVersions']];

/** Type guard: `value` is one of the catalogue's event types. */
export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(catalogue, value);
}

/** The payload schema of an event type for a `dataversion`, or `undefined` when that version is not supported. */
export function payloadSchemaFor(type: EventType, dataVersion: string): DescMessage | undefined {
  const versions: Readonly<Record<string, DescMessage>> = catalogue[type].dataVersions;
  return Object.prototype.hasOwnProperty.call(versions, dataVersion) ? versions[dataVersion] : undefined;
}
