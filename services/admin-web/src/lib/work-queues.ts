// The work queues of the web app: what waits on an officer outside the SOP's worklist, which
// roles work each, and where its count comes from. One table, read by the navigation (the counts)
// and by the pages.
import { COMMAND_RULES, SOP_STEPS, type Role } from '@pengaduan/sop';

export type QueueName = 'callTasks' | 'laporPostings' | 'escalations' | 'problemMessages' | 'dataRequests' | 'deadLetters';

/**
 * Who is escalated to: every role a step's missed deadline escalates to (libs/sop), and the head
 * of office, who receives the misses recorded for the office report.
 */
const ESCALATED_ROLES: readonly Role[] = [...new Set<Role>([...SOP_STEPS.flatMap((s) => (s.escalatesTo ? [s.escalatesTo] : [])), 'KEPALA_KANTOR'])];

export const WORK_QUEUES: Readonly<Record<QueueName, { readonly roles: readonly string[]; readonly api: string }>> = {
  /** Answers no channel could deliver: Admin Tikkim phones the reporter (SOP step 8). */
  callTasks: { roles: COMMAND_RULES.recordDelivery.roles, api: '/api/v1/call-tasks' },
  /** Answers to post on SP4N-LAPOR! (docs/adr/0055): Admin Tikkim posts them there and records it (SOP step 8). */
  laporPostings: { roles: COMMAND_RULES.recordDelivery.roles, api: '/api/v1/lapor-postings' },
  /** Missed deadlines escalated to the officer (the SLA monitor). */
  escalations: { roles: ESCALATED_ROLES, api: '/api/v1/sla/escalations' },
  /**
   * Channel messages that did not become a complaint (docs/adr/0047): Admin Tikkim re-processes
   * or discards them; the head of office reads them.
   */
  problemMessages: { roles: ['ADMIN_TIKKIM', 'KEPALA_KANTOR'], api: '/api/v1/problem-messages' },
  /** Complainants' requests for their personal data under UU 27/2022, due in 3 × 24 hours (docs/adr/0056): Admin Tikkim serves them; the head of office reads them. */
  dataRequests: { roles: ['ADMIN_TIKKIM', 'KEPALA_KANTOR'], api: '/api/v1/data-requests' },
  /** Events a consumer group gave up on (docs/adr/0043): the platform operator re-drives them after a fix. */
  deadLetters: { roles: ['OPERATOR'], api: '/api/v1/dead-letters' },
};

/** The queues an officer of `role` works, in the navigation's order. */
export function queuesOf(role: string): QueueName[] {
  return (Object.keys(WORK_QUEUES) as QueueName[]).filter((q) => WORK_QUEUES[q].roles.includes(role));
}
