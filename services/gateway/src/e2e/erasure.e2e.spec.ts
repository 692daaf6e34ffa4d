import { readPdf, randomOfficeCode, REPO_ROOT, sql, startPlatformStack, type PlatformStack } from '@pengaduan/testing';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { confirmBody, SopOverRest } from '../__fixtures__/sop-over-rest';

// Erasure by key destruction (docs/adr/0057), whole stack over REST: after Admin Tikkim erases a
// complainant's personal data, no byte of it is left in any schema of the database, in any stored
// PDF or in any answer of the API, and the auditors' replay still verifies every event clean.

const office = randomOfficeCode();
const tag = randomUUID().slice(0, 8);
const person = { name: `Wulan Sasmita ${tag}`, phone: `+62812${Date.now() % 100_000_000}`.padEnd(14, '7'), email: `wulan.${tag}@example.id` };
const texts = [`Petugas loket ${tag} meminta imbalan untuk mempercepat paspor.`, `Tambahan ${tag}: kejadian hari Senin di loket dua.`];
let stack: PlatformStack;
let sop: SopOverRest;
const dir = mkdtempSync(join(tmpdir(), 'erasure-e2e-'));

/** Every form of a value that a careless store could keep: as is, lower case, base64, hex, UTF-16. */
function forms(value: string): string[] {
  const utf16 = Buffer.from(value, 'utf16le');
  return [value, value.toLowerCase(), Buffer.from(value).toString('base64'), Buffer.from(value).toString('hex'), utf16.toString('latin1'), utf16.toString('base64')];
}
const secrets = [person.name, person.phone, person.phone.replace('+62', '0'), person.email, ...texts, tag];

/** Every text, bytea, jsonb and tsvector value of every schema of the stack, one string each. */
async function everyStoredValue(): Promise<string[]> {
  const schemas = Object.values(stack.schemas);
  const columns = await sql<{ table_schema: string; table_name: string; column_name: string; data_type: string }>(
    `SELECT table_schema, table_name, column_name, data_type FROM information_schema.columns
      WHERE table_schema = ANY($1) AND data_type IN ('text', 'bytea', 'jsonb', 'json', 'tsvector', 'ARRAY', 'character varying')`,
    [schemas],
  );
  const values: string[] = [];
  for (const c of columns) {
    const rows = await sql<{ v: string | Buffer | null }>(`SELECT "${c.column_name}"${c.data_type === 'bytea' ? '' : '::text'} AS v FROM "${c.table_schema}"."${c.table_name}"`);
    for (const { v } of rows) if (v) values.push(Buffer.isBuffer(v) ? `${v.toString('latin1')}\n${v.toString('utf8')}` : v);
  }
  return values;
}

/** Every stored PDF of every schema, as its text reads. */
async function everyStoredPdfText(): Promise<string[]> {
  const out: string[] = [];
  for (const schema of Object.values(stack.schemas)) {
    const [exists] = await sql<{ t: string | null }>(`SELECT to_regclass($1)::text AS t`, [`"${schema}".complaint_document`]);
    if (!exists?.t) continue;
    for (const { content } of await sql<{ content: Buffer }>(`SELECT content FROM "${schema}".complaint_document`)) out.push(JSON.stringify(readPdf(content)));
  }
  return out;
}

function findIn(haystack: string): string[] {
  return secrets.flatMap((s) => forms(s).filter((f) => haystack.includes(f)).map((f) => `${s} (${f.slice(0, 24)}…)`));
}

/** `npm run audit` from its sources over the complaint topic, for this stack's office and with its published keys. */
function audit(): Promise<{ code: number; report: { clean: boolean; complaints: { complaintId: string }[]; signatures: { checked: boolean; verified: number; failed: number }; violations?: unknown[]; refused?: unknown[] } }> {
  const keys = join(dir, 'keys.txt');
  writeFileSync(keys, stack.keyRing.all().map((k) => `${k.keyId}=${k.source}=${k.publicKey.export({ format: 'der', type: 'spki' }).toString('base64')}`).join('\n'));
  const json = join(dir, 'audit.json');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['-r', '@swc-node/register', 'services/audit/src/main.ts', '--brokers', process.env['KAFKA_BROKERS'] ?? '', '--office', office, '--keys', keys, '--json', json],
      { cwd: REPO_ROOT, env: { ...process.env, EVENT_PUBLIC_KEYS: '' }, timeout: 60_000 },
      (error, _stdout, stderr) => {
        try {
          resolve({ code: error ? Number((error as { code?: number }).code ?? -1) : 0, report: JSON.parse(readFileSync(json, 'utf8')) });
        } catch {
          reject(new Error(`the audit wrote no report: ${stderr}`));
        }
      },
    );
  });
}

beforeAll(async () => {
  stack = await startPlatformStack();
  sop = await new SopOverRest(stack, office).setUp();
}, 240_000);

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (!stack) return;
  await stack.stop();
  await stack.dispose();
});

it('Admin Tikkim erases a complainant: nothing of them is readable anywhere, and the audit stays clean', async () => {
  const registered = await sop.call('POST', '/complaints', 'admin', { officeCode: office, channel: 'PHONE', text: texts[0], contact: person });
  expect(registered.status).toBe(201);
  const id = registered.body['id'] as string;
  await sop.expectStatus(id, 'RECEIVED');
  expect((await sop.call('POST', `/complaints/${id}/messages`, 'admin', { text: texts[1] })).status).toBe(200);
  await sop.act('admin', id, 'confirm', confirmBody, 'CONFIRMED');
  expect(findIn((await everyStoredValue()).join('\n'))).not.toEqual([]);

  // Another role may not; Admin Tikkim may, once; a replay of the same key answers the same.
  expect((await sop.call('POST', `/complaints/${id}/personal-data-erasure`, 'kakan', { reason: 'REQUEST' })).status).toBe(403);
  expect((await sop.call('POST', `/complaints/${id}/personal-data-erasure`, 'admin', { reason: 'RETENTION' })).status).toBe(400);
  const key = randomUUID();
  const erased = await sop.call('POST', `/complaints/${id}/personal-data-erasure`, 'admin', { reason: 'REQUEST' }, key);
  expect({ status: erased.status, state: erased.body['status'] }).toEqual({ status: 200, state: 'CONFIRMED' });
  await sop.expectApplied(id, erased.body['eventIds'] as string[]);
  const replayed = await sop.call('POST', `/complaints/${id}/personal-data-erasure`, 'admin', { reason: 'REQUEST' }, key);
  expect(replayed.body['eventIds']).toEqual(erased.body['eventIds']);
  const again = await sop.call('POST', `/complaints/${id}/personal-data-erasure`, 'admin', { reason: 'REQUEST' });
  expect({ status: again.status, code: again.body['code'] }).toEqual({ status: 409, code: 'PERSONAL_DATA.ERASED' });

  // The API: the complaint, its messages, timeline and documents; the timeline names the fact.
  const answers: string[] = [];
  for (const path of [`/complaints/${id}`, `/complaints/${id}/messages`, `/complaints/${id}/messages?purpose=CONFIRM`, `/complaints/${id}/timeline`, `/complaints/${id}/documents`]) {
    const r = await sop.call('GET', path, 'admin');
    expect({ path, status: r.status }).toEqual({ path, status: 200 });
    answers.push(JSON.stringify(r.body));
  }
  // The erased data is said so, never an error.
  expect(JSON.parse(answers[1])).toMatchObject({ personalDataErased: true, contactRestricted: false });
  const timeline = JSON.parse(answers[3]) as { events: { type: string; summary: string }[] };
  expect(timeline.events.find((e) => e.type === 'complaint.personal-data-erased')?.summary).toMatch(/^Data pribadi dihapus \(atas permintaan pelapor\)/);
  const documents = (JSON.parse(answers[4]) as { documents: { kind: string; url: string }[] }).documents;
  const served: [string, number][] = [];
  for (const d of documents) {
    const pdf = await fetch(`${stack.gatewayUrl}${d.url}`, { headers: { authorization: `Bearer ${sop.tokenOf('admin')}` } });
    served.push([d.kind, pdf.status]);
    if (pdf.status === 200) answers.push(JSON.stringify(readPdf(Buffer.from(await pdf.arrayBuffer()))));
  }
  // The Laporan Aduan printed the messages: it is gone; the forwarded report (the officer's summary) stays.
  expect(served).toEqual([['LAPORAN_ADUAN', 404], ['LAPORAN_TERUSAN_ADUAN', 200]]);
  expect(findIn(answers.join('\n'))).toEqual([]);
  // The database, every schema, and every stored PDF.
  expect(findIn((await everyStoredValue()).join('\n'))).toEqual([]);
  expect(findIn((await everyStoredPdfText()).join('\n'))).toEqual([]);

  const replay = await audit();
  expect(replay.report.complaints.map((c) => c.complaintId)).toEqual([id]);
  expect(replay.report.signatures).toMatchObject({ checked: true, failed: 0 });
  expect({ code: replay.code, clean: replay.report.clean, violations: replay.report.violations, refused: replay.report.refused }).toMatchObject({ code: 0, clean: true });
}, 120_000);
