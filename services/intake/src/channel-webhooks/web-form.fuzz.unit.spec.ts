import { UnknownAccountError, WebhookPayloadError, type ParsedWebhook, type WebhookRequest } from '@pengaduan/channels';
import fc from 'fast-check';
import { hugeString, PROTOTYPE_KEYS } from '@pengaduan/testing';
import { WebFormInbound, type WebFormMessage } from './web-form.inbound';

/*
 * Property-based fuzzing of the web form's webhook parser (issue 13, item 10; the providers'
 * parsers are fuzzed in libs/channels/src/lib/webhook-parsers.fuzz.unit.spec.ts). Nobody signs
 * the form, so every request reaches parse: arbitrary bytes under any content type, arbitrary
 * JSON and forms, and the form's real fields with arbitrary values. parse answers one
 * well-formed message or throws WebhookPayloadError / UnknownAccountError, nothing else.
 */

const SEED = 20261206;
const RUNS = 2000;
const RECEIVED = new Date('2026-03-14T02:05:09.000Z');
const OFFICE = 'BLP';
const inbound = new WebFormInbound({ offices: [OFFICE, 'JKT'] });
const UUID = '0199a1c2-7b3e-7c4d-9e5f-0a1b2c3d4e5f';

const FIELDS = ['submissionId', 'office', 'text', 'name', 'phone', 'email', 'anonymous', 'confidential'];
const REAL: Record<string, unknown> = {
  submissionId: UUID,
  office: OFFICE,
  text: 'Ada pungutan tambahan di loket paspor',
  name: 'Siti Rahma',
  phone: '+62 812-3456-7890',
  email: 'siti@example.id',
  anonymous: true,
  confidential: 'on',
};

const hostileString = fc.constantFrom(
  '',
  ' ',
  ...PROTOTYPE_KEYS,
  UUID.toUpperCase(),
  ` ${UUID} `,
  OFFICE,
  'blp',
  'true',
  'on',
  'YES',
  '+',
  '@',
  'a@b.c',
  '\u0000',
  '\ud800',
  '😀',
  '(((((())))))',
  '+62 812-3456-7890',
);
const anyString = fc.oneof({ weight: 10, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) }, { weight: 10, arbitrary: hostileString }, { weight: 1, arbitrary: hugeString(100_000) });
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: anyString },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, 0, -1, 1e308, [], {}, [UUID], { toString: 0, valueOf: 0 }) },
);

/** The real fields, some replaced with arbitrary values, some left out, some added. */
const fields = fc
  .tuple(
    fc.subarray(FIELDS),
    fc.dictionary(fc.constantFrom(...FIELDS), anyValue, { maxKeys: 4 }),
    fc.array(fc.tuple(fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.string({ maxLength: 8 })), anyValue), { maxLength: 3 }),
  )
  .map(([dropped, replaced, extra]) => {
    const out: [string, unknown][] = Object.entries(REAL).filter(([k]) => !dropped.includes(k) || k === 'text');
    for (const [k, v] of Object.entries(replaced)) {
      const i = out.findIndex(([name]) => name === k);
      if (i >= 0) out[i] = [k, v];
      else out.push([k, v]);
    }
    return [...out, ...extra];
  });

/** Entries as JSON text (so a `__proto__` entry is a real key), or as a form. */
const asJson = (entries: [string, unknown][]) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`;
const asForm = (entries: [string, unknown][]) => new URLSearchParams(entries.map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : String(JSON.stringify(v))])).toString();

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON'];
const FORM_TYPES = ['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=UTF-8'];
const OTHER_TYPES = ['', 'text/plain', 'multipart/form-data; boundary=x', 'application/jsonx', 'application/x-www-form-urlencodedx'];

const request = (body: Buffer, contentType: string | undefined): WebhookRequest => ({
  method: 'POST',
  publicUrl: 'https://pengaduan.example.go.id/webhooks/web-form',
  subpath: '',
  headers: contentType === undefined ? {} : { 'content-type': contentType },
  query: {},
  rawBody: body,
});

const requests: fc.Arbitrary<WebhookRequest> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fields, fc.constantFrom(...JSON_TYPES)).map(([f, t]) => request(Buffer.from(asJson(f)), t)) },
  { weight: 4, arbitrary: fc.tuple(fields, fc.constantFrom(...FORM_TYPES)).map(([f, t]) => request(Buffer.from(asForm(f)), t)) },
  { weight: 1, arbitrary: fc.tuple(fc.json(), fc.constantFrom(...JSON_TYPES)).map(([j, t]) => request(Buffer.from(j), t)) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.uint8Array({ maxLength: 400 }), fc.option(fc.constantFrom(...JSON_TYPES, ...FORM_TYPES, ...OTHER_TYPES), { nil: undefined }))
      .map(([b, t]) => request(Buffer.from(b), t)),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 1_000, max: 30_000 }), fc.constantFrom(...JSON_TYPES))
      .map(([n, t]) => request(Buffer.from(`{"submissionId":"${UUID}","office":"${OFFICE}","text":${'['.repeat(n)}${']'.repeat(n)}}`), t)),
  },
);

/** What is wrong with an answer (web-form.inbound.ts and provider.ts). */
function problemsOf(parsed: ParsedWebhook): string[] {
  const problems: string[] = [];
  if (parsed.receipts.length !== 0 || parsed.ignored !== 0 || parsed.messages.length !== 1) return ['not exactly one message'];
  const m = parsed.messages[0] as WebFormMessage;
  const s = m.submission;
  const text = (v: unknown) => typeof v === 'string' && v !== '' && v === v.trim();
  if (m.provider !== 'web-form' || m.channel !== 'WEB') problems.push('provider/channel');
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(m.providerMessageId)) problems.push('providerMessageId');
  if (m.sender !== `web-form:${m.providerMessageId}`) problems.push('sender');
  if (inbound.officeOf(m.accountId) === undefined || s.office !== m.accountId) problems.push('office');
  if (!(m.sentAt instanceof Date) || m.sentAt.getTime() !== RECEIVED.getTime()) problems.push('sentAt');
  if (!text(m.text) || (m.text as string).length > 20_000 || s.text !== m.text) problems.push('text');
  if (m.media.length !== 0 || m.location !== undefined) problems.push('media/location');
  if (m.senderName !== undefined && (!text(m.senderName) || s.name !== m.senderName)) problems.push('senderName');
  if (s.name !== undefined && !text(s.name)) problems.push('name');
  if (s.phone !== undefined && !/^\+?[0-9 ()-]{6,20}$/.test(s.phone)) problems.push('phone');
  if (s.email !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s.email)) problems.push('email');
  if (typeof s.anonymous !== 'boolean' || typeof s.confidential !== 'boolean') problems.push('flags');
  return problems;
}

afterAll(() => {
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
});

describe('fuzzing the web form parse', () => {
  it(`answers one well-formed message or a documented refusal, never a crash (${RUNS} runs)`, () => {
    const tally = { ok: 0, refused: 0 };
    fc.assert(
      fc.property(requests, (req) => {
        let parsed: ParsedWebhook;
        const started = performance.now();
        try {
          parsed = inbound.parse(req, RECEIVED);
        } catch (err) {
          if (err instanceof WebhookPayloadError || err instanceof UnknownAccountError) {
            tally.refused += 1;
            return;
          }
          throw new Error(`threw ${(err as Error)?.name}: ${(err as Error)?.message}`);
        }
        expect(performance.now() - started).toBeLessThan(2_000);
        expect(problemsOf(parsed)).toEqual([]);
        tally.ok += 1;
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(tally.ok).toBeGreaterThan(RUNS / 20);
    expect(tally.refused).toBeGreaterThan(RUNS / 20);
  });

  it(`verify never throws and accepts anything: nobody signs the form (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 10 }), fc.option(anyString, { nil: undefined })), fc.uint8Array({ maxLength: 200 }), (headers, body) => {
        expect(inbound.verify({ ...request(Buffer.from(body), undefined), headers })).toEqual({ ok: true });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
