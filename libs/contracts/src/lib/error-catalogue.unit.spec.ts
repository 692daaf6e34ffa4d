import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ERROR_CATALOGUE, ERROR_CODES, ERROR_KINDS, GRPC_STATUS_OF_KIND, HTTP_STATUS_OF_KIND, isErrorCode } from './error-catalogue';

const ROOT = join(__dirname, '../../../..');

/**
 * Dotted upper-case codes in the sources that are not answers to a request, by family, and why.
 * Anything else that looks like a code must be in the catalogue.
 */
const NOT_ANSWERS: readonly [RegExp, string][] = [
  [/^EVENT\./, "a consumer's reason to refuse an event (DLQ header, audit report), never an answer"],
  [/^CHAIN\./, "the audit's verdict on an event's hash chain"],
  [/^DATA_ACCESS\./, "the audit's finding on an access request answered late or not at all (docs/adr/0061)"],
  [/^PROJECTION\./, "the gateway projection's reason to refuse an event (DLQ)"],
  [/^(SMS|WHATSAPP|TELEGRAM)\./, "a channel provider's failure, recorded in complaint.notification-failed"],
  [/^MEDIA\.FETCH_FAILED$/, 'why an inbound media file could not be fetched (stored with the message)'],
  [/^DOCUMENT\.(INVALID_INPUT|INVALID_OFFICE_PROFILES|NO_DERIVED_NUMBER)$/, 'a document that cannot be rendered (a bug or bad office profiles), never an answer'],
  [/^(CONFIG\.INVALID|CONTRACT\.VIOLATION)$/, 'start-up configuration and contract checks'],
  [/^RESPONSE\.NOT_JSON$/, 'made by the web app itself when an answer is not JSON'],
];

/** Codes built from a status or a reason rather than written out (problem-details filter, intake's webhook verification). */
const BUILT_CODES = /^(HTTP\.(BAD_REQUEST|NOT_FOUND|PAYLOAD_TOO_LARGE|UNSUPPORTED_MEDIA_TYPE)|WEBHOOK\.(MISSING|BAD)_(SIGNATURE|CREDENTIALS))$/;

/** Every TypeScript source under services/ and libs/, tests included (a stale spelling in a test is drift too). */
function sources(): { file: string; text: string }[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (['node_modules', 'dist', 'gen', '.nx'].includes(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(path);
    }
  };
  for (const top of ['services', 'libs']) {
    for (const project of readdirSync(join(ROOT, top), { withFileTypes: true })) {
      if (project.isDirectory()) walk(join(ROOT, top, project.name, 'src'));
    }
  }
  return files.map((file) => ({ file: relative(ROOT, file), text: readFileSync(file, 'utf8') }));
}

const CODE_LITERAL = /['"`]([A-Z][A-Z0-9_]*\.[A-Z][A-Z0-9_]*)['"`]/g;

describe('the error catalogue', () => {
  const all = sources();

  it('names every code the sources write out, but for the families that are never an answer', () => {
    const missing = new Set<string>();
    for (const { file, text } of all) {
      for (const [, code] of text.matchAll(CODE_LITERAL)) {
        if (!isErrorCode(code) && !NOT_ANSWERS.some(([family]) => family.test(code))) missing.add(`${code} (${file})`);
      }
    }
    expect([...missing]).toEqual([]);
  });

  it('gives each code the kind every ServiceError of it is thrown with', () => {
    const wrong: string[] = [];
    const thrown = /new ServiceError\(\s*'([a-z-]+)',\s*'([A-Z][A-Z0-9_.]*)'/g;
    for (const { file, text } of all) {
      for (const [, kind, code] of text.matchAll(thrown)) {
        const entry = isErrorCode(code) ? ERROR_CATALOGUE[code] : undefined;
        if (entry?.kind !== kind) wrong.push(`${file}: ${kind} ${code} (catalogue: ${entry ? entry.kind : 'none'})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('has no code that nothing answers with', () => {
    const text = all.map((s) => s.text).join('\n');
    const unused = ERROR_CODES.filter((code) => !BUILT_CODES.test(code) && !text.includes(`'${code}'`));
    expect(unused).toEqual([]);
  });

  it('answers a code of a kind with the HTTP and gRPC status of that kind, and says what it means in English and Bahasa Indonesia', () => {
    for (const code of ERROR_CODES) {
      const entry = ERROR_CATALOGUE[code];
      expect(code).toMatch(/^([A-Z][A-Z0-9_]*\.[A-Z][A-Z0-9_]*|INTERNAL)$/);
      if (entry.kind !== null) {
        expect(ERROR_KINDS).toContain(entry.kind);
        expect({ code, http: entry.httpStatus, grpc: entry.grpcStatus }).toEqual({ code, http: HTTP_STATUS_OF_KIND[entry.kind], grpc: GRPC_STATUS_OF_KIND[entry.kind] });
      }
      expect(entry.httpStatus >= 400 && entry.httpStatus < 600).toBe(true);
      expect(entry.meaning.trim()).not.toBe('');
      expect(entry.messageId.trim()).not.toBe('');
    }
  });

  it('spells one meaning one way: no two codes of an area share a meaning, and a request the rules refuse is REQUEST.INVALID', () => {
    const meanings = ERROR_CODES.map((c) => ERROR_CATALOGUE[c].meaning);
    expect(new Set(meanings).size).toBe(meanings.length);
    expect(ERROR_CODES.filter((c) => /INVALID_REQUEST|^[A-Z_]+\.INVALID$/.test(c))).toEqual(['REQUEST.INVALID']);
  });
});
