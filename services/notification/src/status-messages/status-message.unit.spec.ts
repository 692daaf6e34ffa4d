import { FallbackPolicy } from '../deliver-notification/outbound-notifications';
import { composeMessage } from '../channels/message-texts';
import { statusMessageFor, statusMessagePurposeOf, type StatusStep } from './status-message';

const now = new Date('2026-12-08T03:00:00Z');
const policy = new FallbackPolicy(['SMS']);
const step = (over: Partial<StatusStep> = {}): StatusStep => ({
  eventId: '0193a6f0-0000-7000-8000-000000000001',
  eventType: 'complaint.confirmed',
  complaintId: 'c-1',
  officeCode: 'BLP',
  channel: 'WHATSAPP',
  at: new Date(now.getTime() - 60_000),
  correlationId: 'corr-1',
  ...over,
});

describe('which steps the reporter is told of (docs/adr/0054)', () => {
  it('the complaint confirmed, dispositioned, its follow-up decided, and closed (the rating request); nothing else, the answer included', () => {
    expect(statusMessagePurposeOf({ eventType: 'complaint.confirmed', at: now }, now)).toBe('STATUS_CONFIRMED');
    expect(statusMessagePurposeOf({ eventType: 'complaint.disposed', at: now }, now)).toBe('STATUS_DISPOSED');
    expect(statusMessagePurposeOf({ eventType: 'complaint.follow-up-decided', at: now }, now)).toBe('STATUS_DECIDED');
    expect(statusMessagePurposeOf({ eventType: 'complaint.closed', at: now }, now)).toBe('RATING_REQUEST');
    for (const type of ['complaint.received', 'complaint.dismissed', 'complaint.analyzed', 'complaint.reporter-informed', 'complaint.rated', 'constructor']) {
      expect(statusMessagePurposeOf({ eventType: type, at: now }, now)).toBeUndefined();
    }
  });

  it('not a step taken more than a day ago: the stream is being replayed', () => {
    expect(statusMessagePurposeOf({ eventType: 'complaint.confirmed', at: new Date(now.getTime() - 25 * 60 * 60 * 1000) }, now)).toBeUndefined();
  });
});

describe('the status message queued for a step', () => {
  it('goes over the complaint’s own channel only, keyed by the event, with no fallback', () => {
    expect(statusMessageFor(step(), 'STATUS_CONFIRMED', policy)).toEqual({
      complaintId: 'c-1',
      officeCode: 'BLP',
      purpose: 'STATUS_CONFIRMED',
      idempotencyKey: 'status-message:0193a6f0-0000-7000-8000-000000000001',
      correlationId: 'corr-1',
      channels: ['WHATSAPP'],
    });
  });

  it('is none for a complaint with no written channel of its own (phone, walk-in, the web form, LAPOR!)', () => {
    for (const channel of ['PHONE', 'WALK_IN', 'WEB', 'LAPOR'] as const) expect(statusMessageFor(step({ channel }), 'STATUS_DISPOSED', policy)).toBeUndefined();
  });

  it('names the tracking number, and WhatsApp’s approved template takes it as its one parameter', () => {
    const { text, template } = composeMessage({ purpose: 'STATUS_DISPOSED', variant: 'STANDARD' }, { nomor: 'BLP-2026-000123' });
    expect(text).toBe('Pengaduan Anda nomor BLP-2026-000123 telah didisposisikan oleh Kepala Kantor kepada seksi terkait dan sedang diproses.');
    expect(template).toEqual({ id: 'pengaduan_status_didisposisikan', language: 'id', parameters: ['BLP-2026-000123'] });
  });

  it('asks for a rating by one digit 1-5 with the tracking number alone, and WhatsApp’s approved template takes it as its one parameter (docs/adr/0053)', () => {
    const { text, template } = composeMessage({ purpose: 'RATING_REQUEST', variant: 'STANDARD' }, { nomor: 'BLP-2026-000123' });
    expect(text).toContain('nomor BLP-2026-000123 telah selesai ditangani');
    expect(text).toContain('1 (sangat tidak puas) sampai 5 (sangat puas)');
    expect(template).toEqual({ id: 'pengaduan_permintaan_penilaian', language: 'id', parameters: ['BLP-2026-000123'] });
  });
});
