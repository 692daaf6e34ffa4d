// What the complainants' public pages read: the offices, a web-form report's status, a tracking.

export interface PublicOffice {
  readonly code: string;
  readonly name: string;
}

export interface PublicOffices {
  readonly offices: readonly PublicOffice[];
}

/**
 * What became of a web-form report. `trackingPin`: for a reporter who gave neither phone nor
 * e-mail, a tracking PIN issued for this answer (ADR 0052), to show and never to keep.
 */
export type WebFormStatus = { readonly status: 'PENDING' | 'FAILED' } | { readonly status: 'REGISTERED'; readonly trackingNumber: string; readonly trackingPin?: string };

export type TrackingStepState = 'DONE' | 'CURRENT' | 'PENDING' | 'SKIPPED';

export interface TrackingStep {
  readonly stepId: string;
  readonly number: number;
  readonly nameId: string;
  readonly nameEn: string;
  readonly state: TrackingStepState;
  readonly startedAt?: string;
  readonly completedAt?: string;
}

export interface Tracking {
  readonly trackingNumber: string;
  readonly officeName: string;
  readonly channel: string;
  readonly receivedAt: string;
  readonly status: string;
  readonly closed: boolean;
  readonly steps: readonly TrackingStep[];
}
