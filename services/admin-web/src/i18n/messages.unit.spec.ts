import { ACTION_LABELS, MESSAGES, type MessageKey } from './messages';
import { translate } from './translate';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the dictionary', () => {
  it('has exactly the same keys in Bahasa Indonesia and English', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES.id).sort());
  });

  it('has no empty text in either language', () => {
    for (const lang of ['id', 'en'] as const) {
      const empty = Object.entries(MESSAGES[lang]).filter(([, text]) => text.trim() === '');
      expect({ lang, empty }).toEqual({ lang, empty: [] });
    }
  });

  it('uses the same placeholders for a key in both languages', () => {
    const differing = (Object.keys(MESSAGES.id) as MessageKey[]).filter((k) => placeholders(MESSAGES.id[k]).join() !== placeholders(MESSAGES.en[k]).join());
    expect(differing).toEqual([]);
  });

  it('names the SOP actions as officers know them', () => {
    expect(Object.fromEntries(Object.entries(ACTION_LABELS).map(([action, label]) => [action, label.id]))).toEqual({
      confirm: 'Konfirmasi',
      dismiss: 'Tolak',
      dispose: 'Disposisikan',
      respondAsSection: 'Kirim tanggapan seksi',
      analyze: 'Simpan analisis',
      decideFollowUp: 'Putuskan tindak lanjut',
      formTeam: 'Terbitkan SK tim',
      informReporter: 'Kirim informasi tindak lanjut',
      recordDelivery: 'Catat penyampaian',
      recordCallAttempt: 'Catat hasil panggilan',
      rate: 'Catat penilaian pelapor',
      appeal: 'Catat banding pelapor',
      reviewAppeal: 'Tinjau banding',
    });
    expect(ACTION_LABELS.confirm.en).toBe('Confirm');
  });

  it('gives every action a distinct label in each language, so buttons are told apart by name', () => {
    for (const lang of ['id', 'en'] as const) {
      const labels = Object.values(ACTION_LABELS).map((l) => l[lang]);
      expect(new Set(labels).size).toBe(labels.length);
    }
  });
});

describe('translate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('id', 'countdown.left', { duration: '3 j 12 mnt' })).toBe('sisa 3 j 12 mnt');
    expect(translate('en', 'countdown.overdue', { duration: '1 h 5 min' })).toBe('1 h 5 min overdue');
    expect(translate('id', 'countdown.left')).toBe('sisa {duration}');
    expect(translate('id', 'countdown.left', { other: 'x' })).toBe('sisa {duration}');
  });

  it('fills a placeholder used twice and one whose value contains braces', () => {
    expect(translate('id', 'track.resultTitle', { number: '{x}' })).toBe('Aduan {x}');
  });
});
