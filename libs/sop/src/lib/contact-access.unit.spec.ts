import { contactPurposeOfActions, CONTACT_READ_PURPOSES, mayReadContact } from './contact-access';
import { ROLES } from './roles';

const REASON = 'Aduan terhadap Admin Tikkim; pelapor harus dihubungi.';

describe("who reads the complainant's contact (docs/adr/0029)", () => {
  it('lets only admin tikkim (its three steps) and the head of office (break-glass) read it', () => {
    const allowed = ROLES.flatMap((role) => CONTACT_READ_PURPOSES.filter((p) => mayReadContact(role, p, { anonymous: false }, REASON).ok).map((p) => `${role}:${p}`));
    expect(allowed).toEqual(['ADMIN_TIKKIM:CONFIRM', 'ADMIN_TIKKIM:INFORM_REPORTER', 'ADMIN_TIKKIM:DELIVERY_BY_PHONE', 'KEPALA_KANTOR:BREAK_GLASS']);
  });

  it('keeps an anonymous complaint’s contact to admin tikkim, and asks a break-glass read for its reason', () => {
    expect(mayReadContact('ADMIN_TIKKIM', 'CONFIRM', { anonymous: true })).toEqual({ ok: true });
    expect(mayReadContact('KEPALA_KANTOR', 'BREAK_GLASS', { anonymous: true }, REASON)).toMatchObject({ ok: false, code: 'CONTACT.ANONYMOUS' });
    expect(mayReadContact('KEPALA_KANTOR', 'BREAK_GLASS', { anonymous: false }, ' kurang ')).toMatchObject({ ok: false, code: 'CONTACT.REASON_REQUIRED' });
    expect(mayReadContact('AUDITOR', 'BREAK_GLASS', { anonymous: false }, REASON)).toMatchObject({ ok: false, code: 'CONTACT.PURPOSE_NOT_ALLOWED' });
  });

  it("takes admin tikkim's purpose from the step they may take now", () => {
    expect(contactPurposeOfActions(['confirm', 'dismiss', 'appendMessage'])).toBe('CONFIRM');
    expect(contactPurposeOfActions(['informReporter'])).toBe('INFORM_REPORTER');
    expect(contactPurposeOfActions(['recordDelivery'])).toBe('DELIVERY_BY_PHONE');
    expect(contactPurposeOfActions(['analyze'])).toBeUndefined();
  });
});
