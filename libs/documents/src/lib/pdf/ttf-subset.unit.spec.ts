import fc from 'fast-check';
import { documentFonts, writesOwnSubsets, type FontName, type LoadedFont } from './fonts';
import type { FontkitSubset } from './ttf-subset';

interface Font {
  numGlyphs: number;
  createSubset(): FontkitSubset;
  glyphForCodePoint(codePoint: number): { id: number };
}

const FONTS: FontName[] = ['sans', 'sans-bold', 'serif-bold'];
const fontkitOf = (font: LoadedFont) => font as unknown as Font;
/** fontkit's own subset, whose encode() is fontkit's. */
const fontkitSubset = (font: Font) => (Object.getPrototypeOf(font) as Font).createSubset.call(font);

/** The same glyphs in a subset written by fontkit and in one written by the lib: the same bytes, and the same glyphs (composites pull in their components in the same order). */
function expectSameSubset(font: Font, glyphIds: readonly number[]): void {
  const theirs = fontkitSubset(font);
  const ours = font.createSubset();
  for (const id of glyphIds) {
    theirs.includeGlyph(id);
    ours.includeGlyph(id);
  }
  const expected = Buffer.from(theirs.encode());
  const actual = Buffer.from(ours.encode());
  expect(actual.equals(expected)).toBe(true);
  expect(ours.glyphs).toEqual(theirs.glyphs);
}

describe('TrueTypeSubsetEncoder: the subsets pdfkit embeds, written as fontkit writes them', () => {
  it.each(FONTS)('is in use for %s (the fonts it checks itself against fontkit for when they are parsed)', (name) => {
    expect(writesOwnSubsets(documentFonts()[name])).toBe(true);
  });

  it.each(FONTS)('writes the glyphs of a document in %s byte for byte as fontkit does, composites included', (name) => {
    const font = fontkitOf(documentFonts()[name]);
    const text = 'KEMENTERIAN IMIGRASI — Laporan Aduan Nomor LA/BLP/2026/000123 é è Å ŉ ǅ Ω Ж عبد ☑ ☐ ½ “Halaman 1 dari 2”';
    expectSameSubset(font, [...text].map((ch) => font.glyphForCodePoint(ch.codePointAt(0) as number).id));
    // .notdef alone, as in a font a document never drew in.
    expectSameSubset(font, []);
  });

  it.each(FONTS)('writes any set of glyphs of %s, in any order, byte for byte as fontkit does', (name) => {
    const font = fontkitOf(documentFonts()[name]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: font.numGlyphs - 1 }), { maxLength: 120 }), (ids) => expectSameSubset(font, ids)),
      { numRuns: 60 },
    );
  });
});
