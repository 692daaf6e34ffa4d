import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { deflateStream } from './stream-compression';

describe('deflateStream: a PDF stream compressed as pdfkit compresses it', () => {
  it('answers zlib’s deflate of the bytes, the first time and when the same bytes come back', () => {
    const font = Buffer.concat([Buffer.from('a font subset '.repeat(200)), randomBytes(300)]);
    const expected = deflateSync(font);
    for (let i = 0; i < 4; i++) expect(deflateStream(Uint8Array.from(font)).equals(expected)).toBe(true);
    const other = Buffer.concat([font, Buffer.from('!')]);
    expect(deflateStream(other).equals(deflateSync(other))).toBe(true);
    expect(deflateStream(new Uint8Array(0)).equals(deflateSync(new Uint8Array(0)))).toBe(true);
  });
});
