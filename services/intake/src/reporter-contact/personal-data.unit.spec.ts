import { revealedContact } from './personal-data';

const contact = { name: 'Siti Rahayu', phone: '+6281234567890', email: 'siti.rahayu@example.id', handle: '@sitirahayu' };

describe('a summary for the forwarded complaint report gives away nothing of the reporter', () => {
  it.each([
    ['the name, in any case', 'Pelapor SITI RAHAYU mengeluhkan antrean', 'name'],
    ['the phone in local writing', 'hubungi 0812-3456-7890 untuk konfirmasi', 'phone'],
    ['the phone in international writing', 'nomor +62 812 3456 7890', 'phone'],
    ['the e-mail address', 'email Siti.Rahayu@example.id', 'email'],
    ['the handle without its @', 'akun sitirahayu di Instagram', 'handle'],
  ])('finds %s', (_what, text, part) => {
    expect(revealedContact(text, contact)).toBe(part);
  });

  it('passes a summary that names no one', () => {
    expect(revealedContact('Petugas loket paspor diduga meminta biaya tambahan Rp 500.000 pada 3 Maret', contact)).toBeUndefined();
  });

  it('does not take part of a longer word for a name, nor a short number for the phone', () => {
    const budi = { name: 'Budi', phone: '+6281234567890' };
    expect(revealedContact('Pembudidaya ikan mengadu; antrean 45 menit, loket 7890', budi)).toBeUndefined();
  });

  it('has nothing to find when the reporter left no contact', () => {
    expect(revealedContact('Siti Rahayu 081234567890', {})).toBeUndefined();
  });
});
