import { queuesOf, WORK_QUEUES } from './work-queues';

describe('the work queues', () => {
  it('give Admin Tikkim the call tasks, the LAPOR! postings and the problem messages, and no escalation queue (no step escalates to them)', () => {
    expect(queuesOf('ADMIN_TIKKIM')).toEqual(['callTasks', 'laporPostings', 'problemMessages', 'dataRequests']);
  });

  it('give the escalation queue to every role a missed step escalates to, and to the head of office for the office report', () => {
    expect(queuesOf('KEPALA_SEKSI_TI')).toEqual(['escalations']);
    expect(queuesOf('KEPALA_KANTOR')).toEqual(['escalations', 'problemMessages', 'dataRequests']);
    expect(queuesOf('SEKSI_TERKAIT')).toEqual([]);
    expect(queuesOf('AUDITOR')).toEqual([]);
  });

  it('give the platform operator the dead letters and nothing else (docs/adr/0043)', () => {
    expect(queuesOf('OPERATOR')).toEqual(['deadLetters']);
  });

  it("read each queue from the gateway's API", () => {
    expect(WORK_QUEUES.callTasks.api).toBe('/api/v1/call-tasks');
    expect(WORK_QUEUES.escalations.api).toBe('/api/v1/sla/escalations');
    expect(WORK_QUEUES.problemMessages.api).toBe('/api/v1/problem-messages');
    expect(WORK_QUEUES.deadLetters.api).toBe('/api/v1/dead-letters');
    expect(WORK_QUEUES.dataRequests.api).toBe('/api/v1/data-requests');
  });
});
