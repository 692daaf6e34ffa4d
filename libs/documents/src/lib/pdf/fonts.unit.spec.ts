import fc from 'fast-check';
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

describe('documentFonts: one parse shared by every document', () => {
  interface Run {
    glyphs: { id: number; codePoints: number[] }[];
    positions: Record<string, number>[];
  }
  type Layout = (text: string, features?: unknown) => Run;
  const sans = () => documentFonts().sans as unknown as { layout: Layout };
  /** fontkit's own layout of `text`, without the lib's cache. */
  const fontkitLayout = (text: string) => (Object.getPrototypeOf(sans()) as { layout: Layout }).layout.call(sans(), text);
  const plain = (run: Run) => ({ glyphs: run.glyphs.map((g) => [g.id, [...g.codePoints]]), positions: run.positions.map((p) => ({ ...p })) });

  it('lays a word out as fontkit does, and answers a copy pdfkit may scale in place', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'afilnst AVTo.,0123éÅ\u0301ﬁعبدЖ'.split('')), maxLength: 12 }), (text) => {
        const first = sans().layout(text);
        expect(plain(first)).toEqual(plain(fontkitLayout(text)));
        for (const p of first.positions) for (const key in p) p[key] *= 1000 / 2048;
        expect(plain(sans().layout(text))).toEqual(plain(fontkitLayout(text)));
      }),
      { numRuns: 300 },
    );
  });

  it('gives each glyph the code points it stands for in the text at hand, whatever was laid out before', () => {
    // The same ligature glyph stands for U+FB01 in one text and for "f" + "i" in another.
    const ligature = sans().layout('\uFB01').glyphs[0];
    expect(ligature.codePoints).toEqual([0xfb01]);
    const fi = sans().layout('fi').glyphs;
    expect(fi.map((g) => g.id)).toEqual([ligature.id]);
    expect(fi[0].codePoints).toEqual([0x66, 0x69]);
    expect(sans().layout('\uFB01').glyphs[0].codePoints).toEqual([0xfb01]);
  });
});
