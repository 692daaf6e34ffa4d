import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';

/** pdfkit's PDFReference (an indirect object), as far as compressing its stream goes. */
interface PdfReference {
  compress: boolean;
  buffer: Uint8Array[];
  data: Record<string, unknown>;
  write(chunk: unknown): void;
  finalize(): void;
}

/** How many compressed streams the process keeps (a font subset or ToUnicode map is a few kB). */
export const COMPRESSED_STREAMS_KEPT = 64;
/** How many digests of streams seen once it remembers, to know the streams that come back. */
const DIGESTS_KEPT = 4096;

const compressed = new Map<string, Buffer>();
const seen = new Set<string>();

function remember<T>(collection: { size: number; keys(): IterableIterator<T>; delete(key: T): boolean }, limit: number): void {
  // Insertion order: the oldest goes first.
  while (collection.size > limit) collection.delete(collection.keys().next().value as T);
}

/**
 * `bytes` compressed as pdfkit compresses a stream (zlib's deflate, default settings), taken
 * from the streams the process already compressed when the same bytes come back: the subset of
 * the letterhead's font and its ToUnicode map are the same in every document of an office, the
 * bold labels' in most documents of a kind. A stream is kept once it has been seen twice (the
 * digests of the others only), so a page's content (the complaint's text) is never kept.
 */
export function deflateStream(bytes: Uint8Array): Buffer {
  const digest = createHash('sha256').update(bytes).digest('base64');
  const hit = compressed.get(digest);
  if (hit) return hit;
  const out = deflateSync(bytes);
  if (seen.has(digest)) {
    compressed.set(digest, out);
    remember(compressed, COMPRESSED_STREAMS_KEPT);
  } else {
    seen.add(digest);
    remember(seen, DIGESTS_KEPT);
  }
  return out;
}

/**
 * Has every stream of `doc` compressed by {@link deflateStream}: the same bytes pdfkit writes
 * (the deflated stream, then `/Length` and `/Filter /FlateDecode` in the order pdfkit adds them).
 */
export function compressStreamsOnce(doc: PDFKit.PDFDocument): void {
  const d = doc as unknown as { ref(data?: object): PdfReference };
  const ref = d.ref;
  d.ref = function (this: unknown, data?: object): PdfReference {
    const r = ref.call(this, data);
    if (!r.compress) return r;
    r.compress = false;
    const write = r.write;
    r.write = function (this: PdfReference, chunk: unknown) {
      write.call(this, chunk);
      this.data['Filter'] = 'FlateDecode';
    };
    const finalize = r.finalize;
    r.finalize = function (this: PdfReference) {
      if (this.buffer.length) this.buffer = [deflateStream(Buffer.concat(this.buffer))];
      finalize.call(this);
    };
    return r;
  };
}
