import type { KeyValueStore } from '../../app/session';
import { forgetPendingSubmission, keepPendingSubmission, PENDING_SUBMISSION_KEY, readPendingSubmission } from './pending-submission';

const SUBMISSION_ID = '0199a1c2-7b3e-4c4d-9e5f-0a1b2c3d4e5f';

function tab(): KeyValueStore & { stored: Map<string, string> } {
  const stored = new Map<string, string>();
  return { stored, getItem: (k) => stored.get(k) ?? null, setItem: (k, v) => void stored.set(k, v), removeItem: (k) => void stored.delete(k) };
}

describe('what the report page keeps across a reload', () => {
  it('is the submission id and whether it can be tracked, read back as kept', () => {
    const store = tab();
    expect(readPendingSubmission(store)).toBeNull();
    keepPendingSubmission(store, { submissionId: SUBMISSION_ID, canTrack: true });
    expect(readPendingSubmission(store)).toEqual({ submissionId: SUBMISSION_ID, canTrack: true });
  });

  it('never holds the text, the name or the contact, even when handed them', () => {
    const store = tab();
    const form = { submissionId: SUBMISSION_ID, canTrack: false, text: 'Saya diminta membayar Rp500.000', name: 'Siti', phone: '081234567890', email: 'siti@example.id' };
    keepPendingSubmission(store, form);
    expect(JSON.parse(store.stored.get(PENDING_SUBMISSION_KEY) ?? '')).toEqual({ submissionId: SUBMISSION_ID, canTrack: false });
  });

  it('is gone once forgotten (another report, or sending the text again under a new id)', () => {
    const store = tab();
    keepPendingSubmission(store, { submissionId: SUBMISSION_ID, canTrack: true });
    forgetPendingSubmission(store);
    expect(readPendingSubmission(store)).toBeNull();
    expect(store.stored.size).toBe(0);
  });

  it.each([
    ['not JSON', '{'],
    ['no UUID', JSON.stringify({ submissionId: '../../admin', canTrack: true })],
    ['no canTrack', JSON.stringify({ submissionId: SUBMISSION_ID })],
    ['null', 'null'],
  ])('drops what is not a kept submission (%s)', (_what, raw) => {
    const store = tab();
    store.stored.set(PENDING_SUBMISSION_KEY, raw);
    expect(readPendingSubmission(store)).toBeNull();
    expect(store.stored.has(PENDING_SUBMISSION_KEY)).toBe(false);
  });

  it('lets the page work on, forgetting, where the browser refuses storage', () => {
    const refusing: KeyValueStore = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(() => keepPendingSubmission(refusing, { submissionId: SUBMISSION_ID, canTrack: true })).not.toThrow();
    expect(readPendingSubmission(refusing)).toBeNull();
    expect(() => forgetPendingSubmission(refusing)).not.toThrow();
    expect(readPendingSubmission(null)).toBeNull();
  });
});
