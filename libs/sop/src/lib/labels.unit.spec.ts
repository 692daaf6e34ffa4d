import { CLOCK_IDS, CLOCK_LABELS } from '../index';

describe('the short names of what a deadline is about', () => {
  it('names every step, the sections’ response and both targets, in Bahasa Indonesia and English', () => {
    expect(Object.keys(CLOCK_LABELS).sort()).toEqual([...CLOCK_IDS].sort());
    for (const label of Object.values(CLOCK_LABELS)) {
      expect(label.id.trim()).not.toBe('');
      expect(label.en.trim()).not.toBe('');
    }
  });

  it('tells every clock apart by its name in each language', () => {
    for (const lang of ['id', 'en'] as const) {
      const names = Object.values(CLOCK_LABELS).map((l) => l[lang]);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('names the steps in the words officers use', () => {
    expect([CLOCK_LABELS.CONFIRM.id, CLOCK_LABELS.SECTION_RESPONSE.id, CLOCK_LABELS.SOP_TARGET.id]).toEqual(['Konfirmasi aduan', 'Tanggapan seksi', 'Target SOP 72 jam']);
  });
});
