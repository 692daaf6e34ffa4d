import { DOCUMENT_KINDS } from './document-types';
import { derivedDocumentNumber, documentFileName } from './document-number';
import { DocumentError } from './errors';

describe('derivedDocumentNumber', () => {
  it.each([
    ['LAPORAN_ADUAN', 'LA/BLP/2026/000123'],
    ['LAPORAN_TERUSAN_ADUAN', 'LTA/BLP/2026/000123'],
    ['ANALISIS_ADUAN', 'AA/BLP/2026/000123'],
    ['KEPUTUSAN_TINDAK_LANJUT', 'KTL/BLP/2026/000123'],
    ['INFORMASI_TINDAK_LANJUT', 'ITL/BLP/2026/000123'],
  ] as const)('numbers the %s of BLP-2026-000123 as %s', (kind, number) => {
    expect(derivedDocumentNumber(kind, 'BLP-2026-000123')).toBe(number);
  });

  it('keeps an office code that itself has a hyphen', () => {
    expect(derivedDocumentNumber('LAPORAN_ADUAN', 'JKT-SEL-2027-000001')).toBe('LA/JKT-SEL/2027/000001');
  });

  it.each(['LEMBAR_DISPOSISI', 'SK_TIM_PENANGANAN_ADUAN'] as const)('refuses %s, which has a number of its own', (kind) => {
    expect(() => derivedDocumentNumber(kind, 'BLP-2026-000123')).toThrow(expect.objectContaining({ code: 'DOCUMENT.NO_DERIVED_NUMBER' }));
  });

  it('derives a number for exactly the five kinds without a sequence', () => {
    const derivable = DOCUMENT_KINDS.filter((k) => {
      try {
        derivedDocumentNumber(k, 'BLP-2026-000123');
        return true;
      } catch {
        return false;
      }
    });
    expect(derivable).toEqual(['LAPORAN_ADUAN', 'LAPORAN_TERUSAN_ADUAN', 'ANALISIS_ADUAN', 'KEPUTUSAN_TINDAK_LANJUT', 'INFORMASI_TINDAK_LANJUT']);
  });

  it.each(['BLP2026000123', 'BLP-26-000123', 'BLP-2026-', ''])('refuses the tracking number %j', (tracking) => {
    expect(() => derivedDocumentNumber('LAPORAN_ADUAN', tracking)).toThrow(expect.objectContaining({ code: 'DOCUMENT.INVALID_INPUT', field: 'trackingNumber' }));
  });
});

describe('documentFileName', () => {
  it('turns the slashes of a number into hyphens', () => {
    expect(documentFileName('LEMBAR_DISPOSISI', 'LD/BLP/2026/000012')).toBe('LD-BLP-2026-000012.pdf');
    expect(documentFileName('SK_TIM_PENANGANAN_ADUAN', 'SK/BLP/2026/000004')).toBe('SK-BLP-2026-000004.pdf');
  });

  it('makes any number a safe file name', () => {
    expect(documentFileName('LEMBAR_DISPOSISI', ' LD / BLP:2026*12\u0000 ')).toBe('LD-BLP-2026-12.pdf');
    expect(documentFileName('LEMBAR_DISPOSISI', '../../etc/passwd')).toBe('etc-passwd.pdf');
    expect(documentFileName('LEMBAR_DISPOSISI', 'Nomor Ké/01')).toBe('Nomor-Ke-01.pdf');
    expect(documentFileName('LEMBAR_DISPOSISI', '///')).toBe('LEMBAR_DISPOSISI.pdf');
  });

  it('throws DocumentErrors, which carry a code', () => {
    expect(new DocumentError('DOCUMENT.INVALID_INPUT', 'x', 'f')).toMatchObject({ code: 'DOCUMENT.INVALID_INPUT', field: 'f', name: 'DocumentError' });
  });
});
