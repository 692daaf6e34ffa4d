import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { appFileOf } from './web-app';
import { defaultAdminWebDist, repositoryRoot } from './web-app-dist';

describe('the file a path of the web app names', () => {
  it.each([
    ['/', ''],
    ['/index.html', 'index.html'],
    ['/assets/index-4f2a9c1b.js', 'assets/index-4f2a9c1b.js'],
    ['/assets//x.css', 'assets/x.css'],
    ['/lacak/BLP-2026-000123', 'lacak/BLP-2026-000123'],
    ['/fonts/DejaVu%20Sans.woff2', 'fonts/DejaVu Sans.woff2'],
  ])('%s is %j', (path, file) => {
    expect(appFileOf(path)).toBe(file);
  });

  it.each(['/../x', '/assets/../../x', '/%2e%2e/x', '/a/%2E%2E%2F%2E%2E%2Fx', '/.env', '/assets/.hidden', '/./index.html', '/a%5c..%5cx', '/a%00b', '/%E0%A4%A'])('refuses %s', (path) => {
    expect(appFileOf(path)).toBeUndefined();
  });
});

describe("where the gateway finds the repository's web app", () => {
  const root = mkdtempSync(join(tmpdir(), 'pengaduan-root-'));
  beforeAll(() => {
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'pengaduan', workspaces: ['libs/*', 'services/*'] }));
    for (const dir of ['services/gateway/src/web-app', 'services/gateway/dist/web-app']) mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, 'services/gateway/package.json'), JSON.stringify({ name: '@pengaduan/gateway' }));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is the workspace root above the sources (swc-node) and above the build (dist)', () => {
    expect(repositoryRoot(join(root, 'services/gateway/src/web-app'))).toBe(root);
    expect(repositoryRoot(join(root, 'services/gateway/dist/web-app'))).toBe(root);
  });

  it('defaults to services/admin-web/dist of this repository', () => {
    expect(defaultAdminWebDist()).toBe(resolve(__dirname, '../../../../services/admin-web/dist'));
  });
});
