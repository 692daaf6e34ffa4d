import { documentFonts, printable } from './fonts';

describe('printable: text as the DejaVu fonts can draw it', () => {
  const sans = () => documentFonts().sans;

  it('leaves text the font covers as it is: Indonesian, Arabic, Cyrillic, symbols', () => {
    for (const s of ['Pelayanan paspor di loket 2 – “lambat”', 'عبد الله بن يوسف', 'Привет', '☑ ☐ ✓ € ½']) expect(printable(s, sans())).toBe(s);
  });

  it('shows one replacement mark per character the font lacks, however many code points it has', () => {
    expect(printable('Terima kasih 🎉', sans())).toBe('Terima kasih \uFFFD');
    expect(printable('👍🏽 👨‍👩‍👧 🇮🇩', sans())).toBe('\uFFFD \uFFFD \uFFFD');
    expect(printable('漢字', sans())).toBe('\uFFFD\uFFFD');
  });

  it('keeps the emoticons DejaVu has glyphs for', () => {
    expect(printable('😀 😡', sans())).toBe('😀 😡');
  });

  it('checks against the font the text is drawn in: the letterhead serif lacks symbols the sans has', () => {
    expect(printable('☑', documentFonts()['serif-bold'])).toBe('\uFFFD');
    expect(printable('☑', documentFonts()['sans-bold'])).toBe('☑');
  });

  it('normalises line breaks and tabs and drops control characters', () => {
    expect(printable('a\r\nb\rc\td\u0000e\u0007f\u009B', sans())).toBe('a\nb\nc    def');
  });

  it('drops an invisible character the font lacks instead of marking it', () => {
    expect(printable('e\u{E0001}x', sans())).toBe('ex');
  });
});
