import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { TrueTypeSubsetEncoder, type FontkitGlyph, type FontkitTrueTypeFont } from './ttf-subset';

/** The faces documents use: DejaVu, for its coverage of Latin, Arabic, Cyrillic, Greek and symbols. */
export type FontName = 'sans' | 'sans-bold' | 'serif-bold';

const FILES: Readonly<Record<FontName, string>> = {
  sans: 'DejaVuSans.ttf',
  'sans-bold': 'DejaVuSans-Bold.ttf',
  'serif-bold': 'DejaVuSerifCondensed-Bold.ttf',
};

/** The part of a fontkit font this lib uses; pdfkit takes the object itself as a font source. */
export interface LoadedFont {
  hasGlyphForCodePoint(codePoint: number): boolean;
  layout(text: string): unknown;
}

/** fontkit's GlyphRun, as far as pdfkit reads it. */
interface GlyphRun {
  glyphs: FontkitGlyph[];
  positions: object[];
}

/** The fontkit font behind a {@link LoadedFont}, with what {@link shareable} replaces. */
type FontkitFont = LoadedFont & FontkitTrueTypeFont & { layout(text: string, ...options: unknown[]): GlyphRun };

/**
 * How many words (pdfkit lays text out a word at a time) each font keeps laid out between
 * documents: the labels, the letterhead and the common words of complaints, a few MB at most.
 */
export const LAYOUT_CACHE_WORDS = 4096;

/** A map of at most about 2 × `size` entries that forgets the least recently used half at a time. */
class RecentlyUsed<V> {
  private current = new Map<string, V>();
  private previous = new Map<string, V>();
  constructor(private readonly size: number) {}

  get(key: string): V | undefined {
    const hit = this.current.get(key);
    if (hit !== undefined) return hit;
    const old = this.previous.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }

  set(key: string, value: V): void {
    if (this.current.size >= this.size) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(key, value);
  }
}

const sameCodePoints = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((cp, i) => cp === b[i]);

/**
 * Makes one parsed font safe and cheap to share between documents, without changing what a
 * document renders to:
 *
 * - **Glyphs stand for the code points they were asked for.** fontkit keeps one glyph object per
 *   glyph id, with the code points of whichever text first asked for it, and pdfkit writes those
 *   into the document's ToUnicode map: shared between documents, a document's bytes would depend
 *   on what the process rendered before (a text with "ﬁ" (U+FB01) before one with "fi", drawn
 *   with the same ligature glyph, or a letter first read by a subset as a composite's component,
 *   with none). Asked for other code points, the font answers a glyph made with them, as a
 *   fresh parse would.
 * - **Words laid out once per process** ({@link LAYOUT_CACHE_WORDS} per font): fontkit's shaping
 *   (GSUB, GPOS, kerning) is a pure function of the text, and pdfkit's own cache lives only as
 *   long as a document. pdfkit scales the positions of the run it gets in place, so each call
 *   answers a copy.
 * - **Subsets written by {@link TrueTypeSubsetEncoder}**, byte for byte as fontkit writes them.
 * - **Which characters the font has**, remembered for the BMP (64 kB per font).
 */
function shareable(font: FontkitFont): void {
  const getGlyph = font.getGlyph;
  // Per glyph id, the glyph last made for other code points than fontkit's (at most one per glyph of the font).
  const made = new Map<number, FontkitGlyph>();
  font.getGlyph = function (this: FontkitFont, id: number, codePoints?: number[]): FontkitGlyph {
    const glyph = getGlyph.call(this, id, codePoints);
    if (!glyph || !codePoints || codePoints.length === 0 || sameCodePoints(glyph.codePoints, codePoints)) return glyph;
    const mine = made.get(id);
    if (mine && sameCodePoints(mine.codePoints, codePoints)) return mine;
    const Glyph = glyph.constructor as new (id: number, codePoints: number[], font: FontkitFont) => FontkitGlyph;
    const fresh = new Glyph(id, codePoints, this);
    made.set(id, fresh);
    return fresh;
  };

  const layout = font.layout;
  const runs = new RecentlyUsed<GlyphRun>(LAYOUT_CACHE_WORDS);
  font.layout = function (this: FontkitFont, text: string, ...options: unknown[]): GlyphRun {
    // pdfkit asks layout(text, features) with no features for every word it measures or draws.
    if (typeof text !== 'string' || options.some((o) => o !== undefined)) return layout.call(this, text, ...options);
    let run = runs.get(text);
    if (!run) {
      run = layout.call(this, text);
      runs.set(text, run);
    }
    return Object.assign(Object.create(Object.getPrototypeOf(run) as object) as GlyphRun, run, {
      glyphs: run.glyphs.slice(),
      positions: run.positions.map((p) => Object.assign(Object.create(Object.getPrototypeOf(p) as object) as object, p)),
    });
  };

  // printable() asks for every character of every text; a font's cmap does not change.
  const hasGlyph = font.hasGlyphForCodePoint;
  const known = new Uint8Array(0x10000); // the BMP: 0 not asked yet, 1 no glyph, 2 a glyph
  font.hasGlyphForCodePoint = function (this: FontkitFont, codePoint: number): boolean {
    if (codePoint >= 0 && codePoint < 0x10000) {
      if (known[codePoint] === 0) known[codePoint] = hasGlyph.call(this, codePoint) ? 2 : 1;
      return known[codePoint] === 2;
    }
    return hasGlyph.call(this, codePoint);
  };

  const encoder = TrueTypeSubsetEncoder.for(font);
  if (encoder) {
    const createSubset = font.createSubset;
    font.createSubset = function (this: FontkitFont) {
      const subset = createSubset.call(this);
      subset.encode = () => encoder.encode(subset);
      return subset;
    };
  }
}

let loaded: Readonly<Record<FontName, LoadedFont>> | undefined;

/**
 * The fonts, parsed once per process. pdfkit would parse the TTF again for every document (about
 * 70 ms of a render); a parsed font is read-only to pdfkit (each document takes its own subset),
 * so one parse serves every document, and the output stays byte-identical, whatever the process
 * rendered before ({@link shareable}). The parser is the fontkit pdfkit itself depends on,
 * resolved from pdfkit, so both always agree on the version.
 */
export function documentFonts(): Readonly<Record<FontName, LoadedFont>> {
  if (!loaded) {
    const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as { create(buffer: Buffer): FontkitFont };
    const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    const parse = (name: FontName) => {
      const font = fontkit.create(readFileSync(join(dir, FILES[name])));
      shareable(font);
      return font;
    };
    loaded = { sans: parse('sans'), 'sans-bold': parse('sans-bold'), 'serif-bold': parse('serif-bold') };
  }
  return loaded;
}

/** Whether `font`'s subsets are written by {@link TrueTypeSubsetEncoder} (for the tests). */
export function writesOwnSubsets(font: LoadedFont): boolean {
  return Object.prototype.hasOwnProperty.call(font, 'createSubset');
}

/** Characters that show nothing by themselves: when the font lacks them they are dropped, not replaced. */
const INVISIBLE = /^[\p{Cf}\p{M}\p{Emoji_Modifier}\p{Variation_Selector}]$/u;
/** Control characters but the line feed (tabs and carriage returns are replaced first). */
const CONTROLS = /[^\P{Cc}\n]/gu;
const REPLACEMENT = '\uFFFD';
const segmenter = new Intl.Segmenter('id', { granularity: 'grapheme' });

/**
 * `text` as `font` can draw it: line breaks normalised, tabs as spaces, control characters
 * dropped, and every character the font has no glyph for (an emoji, a script DejaVu lacks) shown
 * as one U+FFFD per user-perceived character (so 👨‍👩‍👧 or 🇮🇩 is one mark), never an error.
 */
export function printable(text: string, font: LoadedFont): string {
  const clean = text.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').replace(CONTROLS, '');
  let covered = true;
  for (const ch of clean) {
    if (ch !== '\n' && !font.hasGlyphForCodePoint(ch.codePointAt(0) as number)) {
      covered = false;
      break;
    }
  }
  if (covered) return clean;
  let out = '';
  for (const { segment } of segmenter.segment(clean)) {
    const chars = [...segment];
    const missing = chars.filter((ch) => ch !== '\n' && !font.hasGlyphForCodePoint(ch.codePointAt(0) as number));
    if (missing.length === 0) out += segment;
    else if (chars.every((ch) => INVISIBLE.test(ch))) continue;
    else if (missing.includes(chars[0])) out += font.hasGlyphForCodePoint(0xfffd) ? REPLACEMENT : '?';
    else out += chars.filter((ch) => !missing.includes(ch)).join('');
  }
  return out;
}
