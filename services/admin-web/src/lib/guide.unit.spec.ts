import { MESSAGES } from '../i18n/messages';
import { GUIDE_SECTIONS, GUIDE_TITLES, guidePath, isGuideSection, placesFor } from './guide';

describe('the officers’ guide', () => {
  it('has the four parts of issue 17, each at its own address on /panduan', () => {
    expect(GUIDE_SECTIONS.map(guidePath)).toEqual(['/panduan#penilaian-banding', '/panduan#pesan-status', '/panduan#lapor', '/panduan#hak-subjek-data']);
    expect(GUIDE_SECTIONS.map((s) => MESSAGES.id[GUIDE_TITLES[s]])).toEqual(['Penilaian dan banding', 'Pesan status', 'Pengaduan dari SP4N-LAPOR!', 'Hak subjek data']);
  });

  it('knows its sections from any other fragment', () => {
    expect(isGuideSection('lapor')).toBe(true);
    expect(isGuideSection('')).toBe(false);
    expect(isGuideSection('constructor')).toBe(false);
  });

  it('links an officer only to the pages their role may open, and names the roles of the others', () => {
    const places = [
      { to: '/posting-lapor', roles: ['ADMIN_TIKKIM'], label: 'a' },
      { to: '/administrasi/sla', roles: ['KEPALA_KANTOR'], label: 'b' },
      { to: '/aduan', roles: ['ADMIN_TIKKIM', 'KEPALA_KANTOR'], label: 'c' },
    ];
    expect(placesFor(places, 'ADMIN_TIKKIM')).toEqual({ open: [places[0], places[2]], others: [places[1]] });
    expect(placesFor(places, 'KEPALA_KANTOR')).toEqual({ open: [places[1], places[2]], others: [places[0]] });
    expect(placesFor(places, 'OPERATOR')).toEqual({ open: [], others: places });
  });
});
