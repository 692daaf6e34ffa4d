// npm run bench:render -- [--count 300] [--warm-up 50]
//
// Rendering alone (libs/documents, ADR 0018), in this process, one document after the other:
// the first document (the fonts' parse, the code cold), `--warm-up` documents of each kind not
// measured (a service that has been running a while), then for each kind `--count` documents
// that differ as a day's documents do (their own number, tracking number and time, and texts
// drawn from a word list with names and figures no document had before), then `--count` of one
// input over and over (what a cache sees at best). For each kind: CPU ms per document (user +
// system from process.cpuUsage, so zlib's work counts) and wall ms, the size and the SHA-256 of
// the lib's test input (compare two runs' hashes to see whether a change to the lib changed the
// output), and whether the same input gave the same bytes throughout (and the first document,
// rendered again at the end, its first bytes). Writes bench/results/render-<when>.json. Not part
// of the tests. Profile with `node --cpu-prof -r @swc-node/register bench/render.ts`.
import { performance } from 'node:perf_hooks';
import { DOCUMENT_KINDS, renderDocument, type DocumentInput, type DocumentKind } from '@pengaduan/documents';
import { INPUTS } from '../libs/documents/src/lib/sample-inputs';
import { arg, benchLog, writeResult } from './lib/bench-io';
import { machine } from './lib/proc-stats';
import { keyValues, table } from './lib/report';

const COUNT = arg('count', 300);
const WARM_UP = arg('warm-up', 50);
const log = benchLog('bench:render');

// Words of complaints about an immigration office's services, and a generator of new ones.
const WORDS = (
  'saya sudah datang ke kantor imigrasi untuk mengurus paspor baru dan perpanjangan tetapi berkas dikembalikan tanpa penjelasan ' +
  'petugas loket antrean lama sekali menunggu sejak pagi sampai sore tidak ada informasi jelas tentang syarat dokumen yang kurang ' +
  'biaya pembayaran di luar ketentuan calo depan gerbang meminta uang agar cepat selesai mohon ditindaklanjuti pelayanan buruk ' +
  'jadwal wawancara dibatalkan sepihak aplikasi daftar antrean online gagal kode pembayaran kedaluwarsa nomor permohonan hilang ' +
  'foto sidik jari harus diulang karena sistem rusak anak saya belum bisa berangkat sekolah luar negeri bulan depan keluarga ' +
  'pekerja migran majikan menahan dokumen visa izin tinggal kunjungan terbatas tetap sponsor penjamin surat keterangan catatan ' +
  'terima kasih atas perhatian bapak ibu semoga segera diperbaiki kecewa sekali dengan sikap petugas yang kasar membentak ' +
  'pemohon lansia disabilitas ibu hamil tidak didahulukan ruang tunggu penuh panas pendingin udara mati toilet kotor parkir sempit ' +
  'telepon kantor tidak pernah diangkat surel tidak dibalas pesan whatsapp hanya dibaca petunjuk laman berbeda dengan di loket'
).split(' ');
const NAMES = ['Siti Rahayu', 'Budi Santoso', 'Ni Komang Ayu', 'Yohanes Tanoto', 'Muhammad Rizky', 'Dewi Lestari', 'Andreas Sihombing', 'Nur Aisyah', 'Wayan Sudarma', 'Li Wei Hartanto'];

/** A small deterministic generator, so every run renders the same documents. */
function generator(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

function text(random: () => number, words: number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    const r = random();
    if (r < 0.03) out.push(pick(NAMES));
    else if (r < 0.06) out.push(`BP ${1000 + Math.floor(random() * 9000)} ${String.fromCharCode(65 + Math.floor(random() * 26), 65 + Math.floor(random() * 26))}`);
    else if (r < 0.08) out.push(`${1 + Math.floor(random() * 28)}/${1 + Math.floor(random() * 12)}`);
    else out.push(pick(WORDS));
  }
  const s = out.join(' ');
  return `${s[0].toUpperCase()}${s.slice(1)}.`;
}

const FREE_TEXT = new Set(['text', 'summary', 'findings', 'recommendation', 'reason', 'mandate', 'note']);

/** The `i`th document of a kind: the test input with its own number, tracking number, time and texts. */
function variant(kind: DocumentKind, i: number): DocumentInput {
  const random = generator(i * 7919 + DOCUMENT_KINDS.indexOf(kind) + 1);
  const serial = String(1000 + i).padStart(6, '0');
  const rewrite = (v: unknown, key: string): unknown => {
    if (typeof v === 'string' && FREE_TEXT.has(key)) return text(random, Math.max(6, Math.round(v.split(' ').length * (0.5 + random() * 1.5))));
    if (v instanceof Date) return new Date(v.getTime() + i * 60_000);
    if (Array.isArray(v)) return v.map((x) => rewrite(x, key));
    if (v && typeof v === 'object' && key !== 'office' && key !== 'signatory') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, rewrite(x, k)]));
    return v;
  };
  const input = rewrite(INPUTS[kind], '') as DocumentInput;
  return { ...input, number: input.number.replace(/\d+$/, serial), trackingNumber: `BLP-2026-${serial}` };
}

interface Run {
  cpuMsPerDocument: number;
  wallMsPerDocument: number;
}

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
const round = (v: number, digits = 2) => Number(v.toFixed(digits));

async function measure(count: number, input: (i: number) => DocumentInput, check?: string): Promise<Run & { deterministic: boolean }> {
  let deterministic = true;
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  for (let i = 0; i < count; i++) {
    const doc = await renderDocument(input(i));
    if (check !== undefined && doc.sha256 !== check) deterministic = false;
  }
  const wall = performance.now() - w0;
  return { cpuMsPerDocument: round(cpuMs(process.cpuUsage(c0)) / count), wallMsPerDocument: round(wall / count), deterministic };
}

async function main(): Promise<void> {
  const atStart = machine();
  log(`machine: ${atStart.cpus} cpus, node ${atStart.node}, load average ${keyValues(atStart.loadAverage)}`);

  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const first = await renderDocument(INPUTS.LAPORAN_ADUAN);
  const firstDocument = { cpuMs: round(cpuMs(process.cpuUsage(cpu0))), wallMs: round(performance.now() - t0), sha256: first.sha256 };
  log(`first document (fonts parsed, code cold): ${firstDocument.cpuMs} ms CPU`);

  const w0 = performance.now();
  for (const kind of DOCUMENT_KINDS) for (let i = 0; i < WARM_UP; i++) await renderDocument(variant(kind, COUNT + i));
  log(`warmed up: ${WARM_UP} documents of each kind in ${Math.round(performance.now() - w0)} ms`);

  const kinds = {} as Record<DocumentKind, { varied: Run; sameInput: Run; bytes: number; sha256: string; deterministic: boolean }>;
  for (const kind of DOCUMENT_KINDS) {
    const reference = await renderDocument(INPUTS[kind]);
    const varied = await measure(COUNT, (i) => variant(kind, i));
    const sameInput = await measure(COUNT, () => INPUTS[kind], reference.sha256);
    const { deterministic, ...same } = sameInput;
    kinds[kind] = { varied, sameInput: same, bytes: reference.bytes.length, sha256: reference.sha256, deterministic };
    log(`${kind}: ${varied.cpuMsPerDocument} ms CPU per document (${same.cpuMsPerDocument} ms for one input over and over)`);
  }
  // The first document again, after every other: a per-process cache must not change its bytes.
  const firstAgainIdentical = (await renderDocument(INPUTS.LAPORAN_ADUAN)).bytes.equals(first.bytes);

  const all = Object.values(kinds);
  const mean = (f: (k: (typeof all)[number]) => number) => round(all.reduce((s, k) => s + f(k), 0) / all.length);
  const result = {
    when: new Date().toISOString(),
    bench: 'render',
    count: COUNT,
    warmUp: WARM_UP,
    machine: atStart,
    firstDocument,
    kinds,
    meanCpuMsPerDocument: { varied: mean((k) => k.varied.cpuMsPerDocument), sameInput: mean((k) => k.sameInput.cpuMsPerDocument) },
    deterministic: all.every((k) => k.deterministic) && firstAgainIdentical,
    firstAgainIdentical,
    loadAverageAtEnd: machine().loadAverage,
  };
  const out = (s: string) => process.stdout.write(`${s}\n`);
  out(
    table([
      ['kind', 'n', 'CPU ms/doc', 'wall ms/doc', 'same input CPU ms/doc', 'bytes', 'deterministic', 'sha256'],
      ...DOCUMENT_KINDS.map((k) => [k, COUNT, kinds[k].varied.cpuMsPerDocument, kinds[k].varied.wallMsPerDocument, kinds[k].sameInput.cpuMsPerDocument, kinds[k].bytes, String(kinds[k].deterministic), kinds[k].sha256.slice(0, 16)]),
    ]),
  );
  out(`\nmean ${result.meanCpuMsPerDocument.varied} ms CPU per document (${result.meanCpuMsPerDocument.sameInput} ms for one input over and over); first document ${firstDocument.cpuMs} ms; first again identical: ${firstAgainIdentical}`);
  out(`written to ${writeResult('render', result)}`);
  if (!result.deterministic) process.exitCode = 1;
}

main().catch((err: unknown) => {
  log(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
