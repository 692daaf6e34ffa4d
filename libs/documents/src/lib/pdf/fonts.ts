import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

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

let loaded: Readonly<Record<FontName, LoadedFont>> | undefined;

/**
 * The fonts, parsed once per process. pdfkit would parse the TTF again for every document (about
 * 70 ms of a render); a parsed font is read-only to pdfkit (each document takes its own subset),
 * so one parse serves every document, and the output stays byte-identical. The parser is the
 * fontkit pdfkit itself depends on, resolved from pdfkit, so both always agree on the version.
 */
export function documentFonts(): Readonly<Record<FontName, LoadedFont>> {
  if (!loaded) {
    const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as { create(buffer: Buffer): LoadedFont };
    const dir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    const parse = (name: FontName) => fontkit.create(readFileSync(join(dir, FILES[name])));
    loaded = { sans: parse('sans'), 'sans-bold': parse('sans-bold'), 'serif-bold': parse('serif-bold') };
  }
  return loaded;
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
