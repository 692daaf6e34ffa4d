#!/usr/bin/env node
// Lints the protos and generates libs/contracts/src/gen/ from them (buf.yaml, buf.gen.yaml).
//
//   node scripts/generate-contracts.mjs           lint, then regenerate in place
//   node scripts/generate-contracts.mjs --check   lint, generate into a temporary directory and
//                                                 compare with the committed code byte for byte;
//                                                 exit 1 naming the stale files
//
// Only local tools from node_modules run: no remote plugin, no BSR dependency, no network.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const GEN_DIR = 'libs/contracts/src/gen';
const buf = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'buf.cmd' : 'buf');
const check = process.argv.includes('--check');

function run(args) {
  const result = spawnSync(buf, args, { cwd: root, stdio: 'inherit' });
  if (result.error) {
    process.stderr.write(`cannot run buf (${buf}): ${result.error.message}\n`);
    process.exit(2);
  }
  if (result.status !== 0) {
    process.stderr.write(`buf ${args[0]} failed (exit ${result.status ?? result.signal})\n`);
    process.exit(result.status ?? 2);
  }
}

/** Every file below dir, as paths relative to dir with forward slashes. */
function listFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath ?? entry.path, entry.name)).split(sep).join('/'))
    .sort();
}

run(['lint']);

if (!check) {
  run(['generate']);
  process.stdout.write(`generated ${GEN_DIR}/ (${listFiles(join(root, GEN_DIR)).length} files)\n`);
  process.exit(0);
}

const tmp = mkdtempSync(join(tmpdir(), 'pengaduan-contracts-'));
// An 'exit' handler, not `finally`: run() may end the process with process.exit().
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
run(['generate', '--output', tmp]);
const fresh = join(tmp, GEN_DIR);
const committed = join(root, GEN_DIR);
const freshFiles = listFiles(fresh);
const committedFiles = new Set(listFiles(committed));
const stale = [];
for (const file of freshFiles) {
  if (!committedFiles.has(file)) stale.push(`${GEN_DIR}/${file} (missing)`);
  else if (!readFileSync(join(fresh, file)).equals(readFileSync(join(committed, file)))) stale.push(`${GEN_DIR}/${file} (differs)`);
  committedFiles.delete(file);
}
for (const file of committedFiles) stale.push(`${GEN_DIR}/${file} (not generated from any proto)`);
if (stale.length > 0) {
  process.stderr.write(`generated code is stale: run npm run generate\n${stale.map((s) => `  ${s}\n`).join('')}`);
  process.exitCode = 1;
} else {
  process.stdout.write(`${GEN_DIR}/ is up to date (${freshFiles.length} files)\n`);
}
