import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { EventEnvelope } from '@pengaduan/contracts';
import { asConsumed, ComplaintHistory } from '@pengaduan/testing';
import { timelineSummary } from './timeline-summary';

const summaryOf = (envelope: EventEnvelope) => timelineSummary(asConsumed(envelope));
const hours = (n: number) => n * 3_600_000;

describe('the timeline line of a deadline names its step in words', () => {
  it('Admin Tikkim’s confirmation: started, warned, breached, escalated to the head of the IT section, stopped late', () => {
    const history = new ComplaintHistory({ officeCode: 'BLP', start: new Date('2026-03-14T01:00:00Z') });
    history.received();
    const deadline = history.deadlineStarted();
    expect(deadline.facts.stepId).toBe('CONFIRM');
    expect(summaryOf(deadline.started)).toBe('Tenggat langkah Konfirmasi aduan dimulai');
    expect(summaryOf(deadline.warning())).toBe('Peringatan: tenggat langkah Konfirmasi aduan segera berakhir');
    expect(summaryOf(deadline.breached())).toBe('Tenggat langkah Konfirmasi aduan terlampaui');
    expect(summaryOf(deadline.escalated())).toBe('Langkah Konfirmasi aduan dieskalasi ke Kepala Seksi Teknologi dan Informasi (tingkat 1)');
    const late = new Date(deadline.facts.dueAt.getTime() + hours(2) + 5 * 60_000);
    expect(summaryOf(deadline.stopped({ at: late, byEventType: 'complaint.confirmed' }))).toBe('Langkah Konfirmasi aduan selesai, terlambat 2 jam 5 menit');
  });

  it('the disposition done in time, and its miss recorded for the office report (no one is above the head of office)', () => {
    const history = new ComplaintHistory();
    history.received();
    history.confirmed();
    const deadline = history.deadlineStarted({ clock: 'DISPOSE_AND_PROCESS' });
    expect(summaryOf(deadline.escalated({ toRole: 'OFFICE_REPORT' }))).toBe('Keterlambatan langkah Disposisi dicatat untuk laporan kantor');
    expect(summaryOf(deadline.stopped({ at: deadline.facts.startedAt }))).toBe('Langkah Disposisi selesai tepat waktu');
  });

  it('one section’s response, with the section it awaits', () => {
    const history = new ComplaintHistory();
    history.received();
    history.confirmed();
    history.disposedTo(['INTELDAKIM', 'LANTASKIM']);
    const deadline = history.deadlineStarted({ clock: 'SECTION_RESPONSE:LANTASKIM' });
    expect(summaryOf(deadline.started)).toBe('Tenggat langkah Tanggapan seksi (LANTASKIM) dimulai');
    expect(summaryOf(deadline.breached())).toBe('Tenggat langkah Tanggapan seksi (LANTASKIM) terlampaui');
  });

  it('the 72 h target and the statutory 60 days by their names, not as steps', () => {
    const history = new ComplaintHistory();
    history.received();
    history.confirmed();
    const target = history.deadlineStarted({ clock: 'SOP_TARGET' });
    expect(summaryOf(target.started)).toBe('Tenggat Target SOP 72 jam dimulai');
    expect(summaryOf(target.stopped({ at: target.facts.startedAt }))).toBe('Target SOP 72 jam selesai tepat waktu');
    expect(summaryOf(history.deadlineStarted({ clock: 'STATUTORY_SETTLEMENT' }).warning())).toBe('Peringatan: tenggat Batas 60 hari (Perpres 76/2013) segera berakhir');
  });

  it('a step a newer SLA monitor knows and libs/sop does not yet, by its id', () => {
    const history = new ComplaintHistory();
    history.received();
    const at = new Date('2026-03-14T01:00:00Z');
    const started = history.slaEvent('sla.deadline-started', at, {
      deadlineId: '0f8fad5b-d9cb-469f-a165-70867728950e',
      stepId: 'NEW_CLOCK',
      startedAt: timestampFromDate(at),
      dueAt: timestampFromDate(new Date(at.getTime() + hours(12))),
      warnAt: timestampFromDate(new Date(at.getTime() + hours(9))),
      deadlineHours: 12,
      calendar: 'WALL_CLOCK',
      responsibleRole: 'ADMIN_TIKKIM',
      escalatesTo: 'KEPALA_SEKSI_TI',
      openedByEventId: history.envelopes[0]?.id ?? '',
    });
    expect(summaryOf(started)).toBe('Tenggat langkah NEW_CLOCK dimulai');
  });
});

describe('the timeline line of an SOP step', () => {
  it('names the sections of a disposition and its sheet', () => {
    const history = new ComplaintHistory({ officeCode: 'BLP' });
    history.received();
    history.confirmed();
    const [disposed] = history.disposedTo(['INTELDAKIM', 'LANTASKIM']);
    expect(summaryOf(disposed as EventEnvelope)).toBe('Didisposisikan ke INTELDAKIM, LANTASKIM (Lembar Disposisi LD/BLP/2026/000001)');
  });
});

describe('the timeline line of a call that did not reach the reporter (docs/adr/0044)', () => {
  it('names the retry time, and the giving up without the officer’s text', () => {
    const history = new ComplaintHistory({ officeCode: 'BLP', start: new Date('2026-03-14T01:00:00Z') });
    history.until('REPORTER_INFORMED');
    const retryAt = new Date(history.now.getTime() + hours(30));
    const [attempted] = history.callAttempted(retryAt);
    expect(summaryOf(attempted)).toBe(`Pelapor tidak dapat dihubungi melalui telepon; dicoba lagi ${retryAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`);
    const [abandoned, closed] = history.deliveryAbandoned('Nomor tidak aktif');
    expect(summaryOf(abandoned)).toBe('Penyampaian informasi tindak lanjut dihentikan: pelapor tidak dapat dihubungi (alasan dicatat)');
    expect(summaryOf(abandoned)).not.toContain('Nomor tidak aktif');
    expect(summaryOf(closed)).toBe('Aduan selesai');
  });
});

describe('the timeline lines of a call about a notice no channel delivered (docs/adr/0051)', () => {
  const retryAt = new Date('2026-03-15T02:00:00Z');

  it('the acknowledgement: not reachable, given up, or told by Admin Tikkim on the phone', () => {
    const history = new ComplaintHistory({ officeCode: 'BLP', start: new Date('2026-03-14T01:00:00Z') });
    history.received();
    history.acknowledgementFailed();
    const [attempted] = history.callAttempted(retryAt, 'ACKNOWLEDGEMENT');
    expect(summaryOf(attempted)).toBe('Pelapor tidak dapat dihubungi melalui telepon (tanda terima); dicoba lagi 2026-03-15 02:00 UTC');
    const [abandoned] = history.deliveryAbandoned('Nomor tidak aktif', 'ACKNOWLEDGEMENT');
    expect(summaryOf(abandoned)).toBe('Penyampaian tanda terima dihentikan: pelapor tidak dapat dihubungi (alasan dicatat)');

    const told = new ComplaintHistory({ officeCode: 'BLP' });
    told.received();
    told.acknowledgementFailed();
    const [acknowledged] = told.acknowledgedByPhone();
    expect(summaryOf(acknowledged)).toBe('Tanda terima disampaikan petugas: nomor pelacakan diberitahukan kepada pelapor melalui telepon');
  });

  it('the dismissal notice names itself; the follow-up information keeps its line (docs/adr/0044)', () => {
    const dismissed = new ComplaintHistory({ officeCode: 'BLP', start: new Date('2026-03-14T01:00:00Z') }).until('DISMISSED');
    dismissed.reporterInformed();
    const [attempted] = dismissed.callAttempted(retryAt);
    expect(summaryOf(attempted)).toBe('Pelapor tidak dapat dihubungi melalui telepon (pemberitahuan penolakan); dicoba lagi 2026-03-15 02:00 UTC');
    const [abandoned] = dismissed.deliveryAbandoned();
    expect(summaryOf(abandoned)).toBe('Penyampaian pemberitahuan penolakan dihentikan: pelapor tidak dapat dihubungi (alasan dicatat)');

    const informed = new ComplaintHistory({ officeCode: 'BLP', start: new Date('2026-03-14T01:00:00Z') }).until('REPORTER_INFORMED');
    expect(summaryOf(informed.callAttempted(retryAt)[0])).toBe('Pelapor tidak dapat dihubungi melalui telepon; dicoba lagi 2026-03-15 02:00 UTC');
    expect(summaryOf(informed.deliveryAbandoned()[0])).toBe('Penyampaian informasi tindak lanjut dihentikan: pelapor tidak dapat dihubungi (alasan dicatat)');
  });
});

describe('the timeline lines of the data subject’s requests (docs/adr/0061)', () => {
  it('names what was done, how the person was verified and the fields corrected, never a value, and the access clock by its name', () => {
    const history = new ComplaintHistory({ officeCode: 'BLP', start: new Date('2026-03-14T01:00:00Z') }).until('CLOSED');
    const admin = history.officers.admin;
    const requestId = '0195f0a2-7c1e-7000-8000-00000000000a';
    const [requested] = history.when({ type: 'recordDataAccessRequest', actor: admin, requestId, verifiedBy: 'IN_PERSON', dueAt: '2026-03-20T02:00:00.000Z' });
    expect(summaryOf(requested)).toBe('Permintaan akses data pribadi dicatat (verifikasi tatap muka); dijawab paling lambat 2026-03-20 02:00 UTC');
    const deadline = history.deadlineStarted({ clock: `DATA_ACCESS:${requestId}` });
    expect(summaryOf(deadline.escalated({ toRole: 'KEPALA_KANTOR' }))).toBe('Permintaan akses data pribadi (3 × 24 jam) dieskalasi ke Kepala Kantor (tingkat 1)');
    const [restricted] = history.when({ type: 'recordContactRestriction', actor: admin, restricted: true });
    expect(summaryOf(restricted)).toBe('Pemrosesan kontak dibatasi atas permintaan pelapor');
    const [corrected] = history.when({ type: 'recordContactCorrection', actor: admin, fields: ['phone', 'email'] });
    expect(summaryOf(corrected)).toBe('Kontak dikoreksi atas permintaan pelapor: nomor telepon, surel');
    const [lifted] = history.when({ type: 'recordContactRestriction', actor: admin, restricted: false });
    expect(summaryOf(lifted)).toBe('Pembatasan dicabut: kontak pelapor dapat diproses kembali');
    const [onTime] = history.when({ type: 'recordDataAccessAnswer', actor: admin, requestId, dueAt: '2026-03-20T02:00:00.000Z', answeredAt: '2026-03-19T02:00:00.000Z' });
    expect(summaryOf(onTime)).toBe('Permintaan akses data pribadi dijawab tepat waktu');
    const [late] = history.when({ type: 'recordDataAccessAnswer', actor: admin, requestId, dueAt: '2026-03-15T02:00:00.000Z', answeredAt: '2026-03-19T02:00:00.000Z' });
    expect(summaryOf(late)).toBe('Permintaan akses data pribadi dijawab, terlambat dari batas 3 × 24 jam');
  });
});
