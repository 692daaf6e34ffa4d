// The officers' web app and the complainants' public pages. `npm run build:web` writes
// dist/ (index.html + hashed assets/), which the gateway serves at `/` with an index.html
// fallback; `npm run dev:web` serves the sources and proxies the API to a local gateway.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));
const gateway = process.env['GATEWAY_URL'] ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react()],
  resolve: {
    alias: {
      '@pengaduan/sop': here('../../libs/sop/src/index.ts'),
      // The error catalogue alone: the rest of @pengaduan/contracts is Node's (gRPC, protobuf, crypto).
      '@pengaduan/contracts/error-catalogue': here('../../libs/contracts/src/lib/error-catalogue.ts'),
    },
  },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    // The bundle holds no personal data (that only ever comes from the API), so source maps
    // are safe to ship and let an officer's bug report point at the source.
    sourcemap: true,
    target: 'es2022',
    // Keep every asset a file: the CSP (`default-src 'self'`) refuses data: URLs for scripts.
    assetsInlineLimit: 0,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: gateway, changeOrigin: false },
      '/webhooks': { target: gateway, changeOrigin: false },
    },
  },
  preview: { host: '127.0.0.1', port: 4173 },
});
