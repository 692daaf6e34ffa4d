/**
 * The TrueType subset pdfkit embeds for a font, written byte for byte as fontkit's own subset
 * writes it, at a fraction of the cost. fontkit decodes every glyph of the subset again for each
 * document (only to learn whether it is a composite) and writes the tables field by field through
 * restructure, a third of a document's rendering; here what depends only on the font (each
 * glyph's bytes, components and metrics, the tables a subset copies unchanged) is read once per
 * process and a subset is a concatenation.
 *
 * Only for what fontkit 2's `TTFSubset` does (glyf fonts without variations): the layout of its
 * output is taken from one subset fontkit writes when the encoder is made, and the encoder is
 * used only if it then writes a sample subset exactly as fontkit does (`TrueTypeSubsetEncoder.for`
 * answers undefined otherwise, and fontkit's own subset stays in use).
 */

/** A fontkit glyph: its id, the code points it stands for, and what the subset reads. */
export interface FontkitGlyph {
  readonly id: number;
  readonly codePoints: readonly number[];
  readonly advanceWidth: number;
  _getMetrics(): { leftBearing: number };
  _decode(): { numberOfContours: number; components?: readonly { glyphID: number; pos: number }[] } | null;
}

/** fontkit's subset: the glyphs in subset order (the first one is .notdef), growing as composites pull in their components. */
export interface FontkitSubset {
  glyphs: number[];
  includeGlyph(glyph: number | { id: number }): number;
  encode(): Uint8Array;
}

/** The parts of a fontkit TrueType font (fontkit 2, resolved from pdfkit) the subset reads. */
export interface FontkitTrueTypeFont {
  readonly loca?: { offsets: ArrayLike<number>; version: number };
  readonly _variationProcessor?: unknown;
  readonly directory: { tables: Record<string, unknown> };
  getGlyph(id: number, codePoints?: number[]): FontkitGlyph;
  createSubset(): FontkitSubset;
  _getTableStream(tag: string): { pos: number; readBuffer(length: number): Uint8Array };
}

interface GlyphData {
  /** The glyph's bytes in the font's glyf table (a composite's component ids are rewritten per subset). */
  bytes: Uint8Array;
  components: readonly { glyphID: number; pos: number }[];
  advance: number;
  bearing: number;
}

interface Table {
  tag: Uint8Array;
  checkSum: number;
  /** The bytes of a table the subset copies (head, cvt, prep, fpgm) or patches (hhea, maxp); empty for loca, glyf and hmtx. */
  bytes: Uint8Array;
}

/** Offsets of the counts fontkit sets in the tables it copies: hhea.numberOfMetrics, maxp.numGlyphs. */
const HHEA_NUMBER_OF_METRICS = 34;
const MAXP_NUM_GLYPHS = 4;
/** Text whose glyphs make the sample subset checked against fontkit's: simple and composite glyphs, marks, symbols. */
const SAMPLE = 'Laporan Aduan Nomor 0123456789 éÅçŽž ĐđÿĲ ΩЖя ☑☐ – “” عبد ½ \uFFFD';

const tagName = (tag: Uint8Array) => String.fromCharCode(...tag);

export class TrueTypeSubsetEncoder {
  /** Per glyph id: read once, at most one entry per glyph of the font. */
  private readonly glyphs = new Map<number, GlyphData>();

  private constructor(
    private readonly font: FontkitTrueTypeFont,
    private readonly header: Uint8Array,
    private readonly tables: readonly Table[],
    private readonly locaVersion: number,
  ) {}

  /** An encoder for `font`, or undefined when it is not a font this encoder writes exactly as fontkit does. */
  static for(font: FontkitTrueTypeFont): TrueTypeSubsetEncoder | undefined {
    if (!font.directory.tables['glyf'] || !font.loca || font._variationProcessor || font.directory.tables['CFF '] || font.directory.tables['CFF2']) return undefined;
    const template = TrueTypeSubsetEncoder.layoutOf(font.createSubset().encode());
    if (!template) return undefined;
    const encoder = new TrueTypeSubsetEncoder(font, template.header, template.tables, font.loca.version);
    // The proof: a subset of simple and composite glyphs, as fontkit writes it and as this does.
    const theirs = font.createSubset();
    const ours = font.createSubset();
    for (const ch of SAMPLE) {
      const glyph = (font as unknown as { glyphForCodePoint(cp: number): { id: number } }).glyphForCodePoint(ch.codePointAt(0) as number);
      theirs.includeGlyph(glyph.id);
      ours.includeGlyph(glyph.id);
    }
    const expected = theirs.encode();
    const actual = encoder.encode(ours);
    return Buffer.from(expected).equals(actual) ? encoder : undefined;
  }

  /** The directory and tables of a subset fontkit wrote with .notdef alone; undefined if they are not what this encoder knows. */
  private static layoutOf(file: Uint8Array): { header: Uint8Array; tables: Table[] } | undefined {
    const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
    const count = view.getUint16(4);
    const tables: Table[] = [];
    let end = 12 + 16 * count;
    for (let i = 0; i < count; i++) {
      const at = 12 + 16 * i;
      const tag = file.slice(at, at + 4);
      const offset = view.getUint32(at + 8);
      const length = view.getUint32(at + 12);
      // fontkit writes the tables one after the other, in the directory's order.
      if (offset !== end) return undefined;
      end += length;
      const name = tagName(tag);
      const bytes = ['loca', 'glyf', 'hmtx'].includes(name) ? new Uint8Array(0) : file.slice(offset, offset + length);
      tables.push({ tag, checkSum: view.getUint32(at + 4), bytes });
    }
    if (end !== file.length) return undefined;
    const names = tables.map((t) => tagName(t.tag));
    for (const required of ['head', 'hhea', 'maxp', 'loca', 'glyf', 'hmtx']) if (!names.includes(required)) return undefined;
    return { header: file.slice(0, 12), tables };
  }

  private glyph(id: number): GlyphData {
    let data = this.glyphs.get(id);
    if (!data) {
      // What fontkit's TTFSubset._addGlyph reads, in the same way.
      const glyph = this.font.getGlyph(id);
      const decoded = glyph._decode();
      const offsets = (this.font.loca as { offsets: ArrayLike<number> }).offsets;
      const stream = this.font._getTableStream('glyf');
      stream.pos += offsets[id];
      const bytes = stream.readBuffer(offsets[id + 1] - offsets[id]);
      const components = decoded && decoded.numberOfContours < 0 ? (decoded.components ?? []).map((c) => ({ glyphID: c.glyphID, pos: c.pos })) : [];
      data = { bytes, components, advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing };
      this.glyphs.set(id, data);
    }
    return data;
  }

  /** The subset as fontkit's `subset.encode()` writes it; includes the components of composite glyphs in `subset`, as fontkit does. */
  encode(subset: FontkitSubset): Uint8Array {
    const glyf: Uint8Array[] = [];
    const metrics: GlyphData[] = [];
    const offsets: number[] = [];
    let glyfLength = 0;
    // subset.glyphs grows while composites add their components.
    for (let i = 0; i < subset.glyphs.length; i++) {
      const data = this.glyph(subset.glyphs[i]);
      let bytes = data.bytes;
      if (data.components.length > 0) {
        bytes = new Uint8Array(bytes); // a copy (a Buffer's slice would be a view of the font)
        const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        for (const component of data.components) view.setUint16(component.pos, subset.includeGlyph(component.glyphID));
      }
      glyf.push(bytes);
      metrics.push(data);
      offsets.push(glyfLength);
      glyfLength += bytes.length;
    }
    offsets.push(glyfLength);
    const n = glyf.length;

    const lengthOf = (table: Table): number => {
      switch (tagName(table.tag)) {
        case 'loca':
          return offsets.length * (this.locaVersion === 0 ? 2 : 4);
        case 'glyf':
          return glyfLength;
        case 'hmtx':
          return 4 * n;
        default:
          return table.bytes.length;
      }
    };
    const lengths = this.tables.map(lengthOf);
    const directoryLength = 12 + 16 * this.tables.length;
    const out = new Uint8Array(directoryLength + lengths.reduce((a, b) => a + b, 0));
    const view = new DataView(out.buffer);
    out.set(this.header, 0);
    let offset = directoryLength;
    this.tables.forEach((table, i) => {
      const entry = 12 + 16 * i;
      out.set(table.tag, entry);
      view.setUint32(entry + 4, table.checkSum);
      view.setUint32(entry + 8, offset);
      view.setUint32(entry + 12, lengths[i]);
      switch (tagName(table.tag)) {
        case 'loca':
          for (let k = 0; k < offsets.length; k++) {
            if (this.locaVersion === 0) view.setUint16(offset + 2 * k, offsets[k] >>> 1);
            else view.setUint32(offset + 4 * k, offsets[k]);
          }
          break;
        case 'glyf': {
          let at = offset;
          for (const bytes of glyf) {
            out.set(bytes, at);
            at += bytes.length;
          }
          break;
        }
        case 'hmtx':
          metrics.forEach((m, k) => {
            view.setUint16(offset + 4 * k, m.advance);
            view.setInt16(offset + 4 * k + 2, m.bearing);
          });
          break;
        case 'hhea':
          out.set(table.bytes, offset);
          view.setUint16(offset + HHEA_NUMBER_OF_METRICS, n);
          break;
        case 'maxp':
          out.set(table.bytes, offset);
          view.setUint16(offset + MAXP_NUM_GLYPHS, n);
          break;
        default:
          out.set(table.bytes, offset);
      }
      offset += lengths[i];
    });
    return out;
  }
}
