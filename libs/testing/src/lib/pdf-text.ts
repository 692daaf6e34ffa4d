import { inflateSync } from 'node:zlib';

/**
 * A small reader of the PDFs pdfkit writes, for tests: objects, streams (Flate-decoded), pages,
 * and the text drawn on each page, mapped from glyph ids back to Unicode with each font's
 * ToUnicode CMap, as a PDF viewer's copy-and-paste would. One line per text-showing block (pdfkit
 * writes each line of a paragraph as its own BT … ET).
 */
export interface PdfText {
  /** The `/Type /Page` objects. */
  pageCount: number;
  /** Lines of text per page, in drawing order. */
  pages: string[][];
  /** All pages' lines joined by single spaces: for looking up phrases that wrap across lines. */
  flat: string;
  /** The trailer's `/Info` entries as written (strings decoded). */
  info: Record<string, string>;
}

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\s*/g;
  let m: RegExpExecArray | null;
  while ((m = header.exec(text))) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const s = body.indexOf('stream\n');
    if (s >= 0 && /\/Length (\d+)/.test(body.slice(0, s))) {
      const length = Number(/\/Length (\d+)/.exec(body.slice(0, s))?.[1]);
      const dict = body.slice(0, s);
      const raw = pdf.subarray(start + s + 'stream\n'.length, start + s + 'stream\n'.length + length);
      out.set(Number(m[1]), { dict, stream: /\/Filter \/FlateDecode/.test(dict) ? inflateSync(raw) : Buffer.from(raw) });
    } else {
      out.set(Number(m[1]), { dict: body });
    }
    header.lastIndex = end;
  }
  return out;
}

/** glyph id (4 hex digits) → text, from a ToUnicode CMap's bfrange/bfchar sections. */
function toUnicode(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const decode = (hex: string) => {
    const h = hex.replace(/\s+/g, '');
    const units: number[] = [];
    for (let i = 0; i < h.length; i += 4) units.push(parseInt(h.slice(i, i + 4), 16));
    return String.fromCharCode(...units);
  };
  for (const [, from, , list] of cmap.matchAll(/<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]{4})>\s*\[([^\]]*)\]/g)) {
    const entries = [...list.matchAll(/<([0-9a-fA-F\s]*)>/g)].map((e) => decode(e[1]));
    entries.forEach((t, i) => map.set((parseInt(from, 16) + i).toString(16).padStart(4, '0'), t));
  }
  for (const [, gid, t] of cmap.matchAll(/<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F\s]+)>(?!\s*[[<])/g)) if (!map.has(gid.toLowerCase())) map.set(gid.toLowerCase(), decode(t));
  return map;
}

function pdfString(s: string): string {
  if (s.startsWith('<')) {
    const hex = s.slice(1, -1);
    const bytes = Buffer.from(hex, 'hex');
    return bytes[0] === 0xfe && bytes[1] === 0xff ? bytes.subarray(2).swap16().toString('utf16le') : bytes.toString('latin1');
  }
  return s.slice(1, -1).replace(/\\([()\\])/g, '$1');
}

export function readPdf(pdf: Buffer): PdfText {
  const objs = objects(pdf);
  const ref = (dict: string, key: string) => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1]);

  // Font resource name (/F1) → glyph map, from every /Font << … >> resource dictionary.
  const fonts = new Map<string, Map<string, string>>();
  for (const o of objs.values()) {
    for (const [, block] of o.dict.matchAll(/\/Font\s*<<([^>]*)>>/g)) {
      for (const [, name, id] of block.matchAll(/\/(\w+) (\d+) 0 R/g)) {
        const font = objs.get(Number(id));
        const cmap = font && objs.get(ref(font.dict, 'ToUnicode'))?.stream;
        if (cmap) fonts.set(name, toUnicode(cmap.toString('latin1')));
      }
    }
  }

  const pageObjects = [...objs.values()].filter((o) => /\/Type \/Page\b/.test(o.dict));
  const pages = pageObjects.map((page) => {
    const content = objs.get(ref(page.dict, 'Contents'))?.stream?.toString('latin1') ?? '';
    const lines: string[] = [];
    let font = new Map<string, string>();
    for (const block of content.split(/\bBT\b/).slice(1)) {
      const body = block.split(/\bET\b/)[0];
      let line = '';
      for (const [, tf, arr, single] of body.matchAll(/\/(\w+) [\d.]+ Tf|\[((?:[^\]])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
        if (tf) {
          font = fonts.get(tf) ?? new Map();
          continue;
        }
        const parts = arr !== undefined ? [...arr.matchAll(/<([0-9a-fA-F]*)>|(-?[\d.]+)/g)] : [[`<${single}>`, single, undefined]];
        for (const [, hex, shift] of parts) {
          if (hex !== undefined) for (let i = 0; i < hex.length; i += 4) line += font.get(hex.slice(i, i + 4).toLowerCase()) ?? '\uFFFD';
          // A gap of a word space or more (justified text) reads as a space.
          else if (shift !== undefined && Number(shift) < -200) line += ' ';
        }
      }
      lines.push(line);
    }
    return lines;
  });

  const trailer = pdf.toString('latin1').slice(pdf.toString('latin1').lastIndexOf('trailer'));
  const info: Record<string, string> = {};
  const infoObj = objs.get(ref(trailer, 'Info'));
  if (infoObj) {
    for (const [, key, id] of infoObj.dict.matchAll(/\/(\w+) (\d+) 0 R/g)) info[key] = pdfString((objs.get(Number(id))?.dict ?? '').trim());
  }
  return { pageCount: pageObjects.length, pages, flat: pages.flat().join(' ').replace(/\s+/g, ' '), info };
}
