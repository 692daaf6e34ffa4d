// Who is on a complaint and the office's internal notes (services/gateway/src/complaint-assignment,
// complaint-notes; docs/adr/0046).

export interface AssignedOfficer {
  readonly id: string;
  readonly displayName: string;
  readonly role: string;
  readonly sectionCode?: string;
}

export interface AssignmentEntry {
  readonly kind: 'CLAIMED' | 'ASSIGNED' | 'RELEASED';
  readonly assignee?: AssignedOfficer;
  readonly by: AssignedOfficer;
  readonly at: string;
}

export interface Assignment {
  readonly complaintId: string;
  readonly assignee?: AssignedOfficer;
  readonly since?: string;
  readonly history: readonly AssignmentEntry[];
}

export interface InternalNote {
  readonly id: string;
  readonly text: string;
  readonly author: AssignedOfficer;
  readonly at: string;
}

export interface InternalNotes {
  readonly items: readonly InternalNote[];
}
