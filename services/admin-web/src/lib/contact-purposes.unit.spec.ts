import { CONTACT_PURPOSE_LABELS, CONTACT_READ_PURPOSES, SYSTEM_CONTACT_PURPOSES } from '@pengaduan/sop';
import { contactFieldsLabel, contactPurposeLabel } from './contact-purposes';

describe('contact purposes', () => {
  it('names every purpose an officer or notification states, in both languages', () => {
    for (const purpose of [...CONTACT_READ_PURPOSES, ...Object.values(SYSTEM_CONTACT_PURPOSES)]) {
      expect({ purpose, labelled: purpose in CONTACT_PURPOSE_LABELS }).toEqual({ purpose, labelled: true });
    }
    expect(contactPurposeLabel('BREAK_GLASS', 'id')).toBe('Akses darurat kepala kantor');
    expect(contactPurposeLabel('SOMETHING_NEW', 'en')).toBe('SOMETHING_NEW');
  });

  it('names the disclosed fields, or a dash for a refused attempt', () => {
    expect(contactFieldsLabel(['name', 'phone'], 'id')).toBe('nama, telepon');
    expect(contactFieldsLabel([], 'en')).toBe('—');
  });
});
