import type { Logger } from '@pengaduan/runtime';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The headers of every response of the web app (its files, index.html, the "not built" page),
 * and only of those: the OpenAPI page under /api/docs needs inline scripts and styles.
 */
export const WEB_APP_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'self'; img-src 'self' data: blob:; frame-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** Vite's hashed files: their names change with their content, so they are cached for good. */
const ASSETS_DIR = 'assets';
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (index.html above all) is revalidated on every use, so a new build shows at once. */
const REVALIDATE = 'no-cache';

/** Paths that are never the web app's: the API (with its OpenAPI page), the webhooks, the probes. */
const NOT_THE_APP = /^\/(api|webhooks|health)(\/|$)/i;

const NOT_BUILT_PAGE =
  'The web app is not built yet: run `npm run build:web`, then reload this page.\n' + 'Aplikasi web belum dibangun: jalankan `npm run build:web`, lalu muat ulang halaman ini.\n';

/** What sendFile fails with when there is no file to send at the path. */
const NO_FILE = new Set(['ENOENT', 'ENOTDIR', 'EISDIR', 'ENAMETOOLONG']);

/**
 * The path's file relative to the app's directory, `''` for the root; undefined for a path
 * that may not name a file there: undecodable, with a NUL or a backslash, with `.` or `..`
 * segments (climbing out), or naming a dotfile.
 */
export function appFileOf(pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s.startsWith('.'))) return undefined;
  return segments.join('/');
}

/** A navigation to a route of the app: it wants HTML, and its last segment does not name a file (`x.js`). */
function isAppRoute(req: Request, file: string): boolean {
  if (!req.headers.accept || req.accepts('html') !== 'html') return false;
  const last = file.split('/').at(-1) ?? '';
  return !last.includes('.') && file.split('/')[0] !== ASSETS_DIR;
}

/**
 * Serves the built single-page web app from `distDir` (services/admin-web/dist: index.html and
 * Vite's hashed files under assets/) at `/`, as Express middleware before the API's routes:
 * GET and HEAD of an existing file answer that file (Express's sendFile: content type by
 * extension, ETag and Last-Modified, ranges; assets cached for a year as immutable, the rest
 * revalidated), and of any other path that a browser navigates to (it accepts HTML) the app's
 * index.html, so the app's own routes load. Never a directory listing, never a file outside
 * the directory or a dotfile: those paths fall through to the API's 404. Paths of the API,
 * the webhooks and the probes are not looked at. Until the app is built, its pages answer
 * 503 saying how to build it; the directory is looked at on every request, so a build made
 * while the gateway runs is served at once.
 */
export function webApp(distDir: string, logger: Logger) {
  const root = resolve(distDir);
  if (!existsSync(join(root, 'index.html'))) {
    logger.warn({ dir: root }, 'the web app is not built (no index.html): its pages answer 503 until `npm run build:web` has run');
  }

  type SendError = Error & { code?: string; status?: number };
  const send = (res: Response, file: string, cacheControl: string, onError: (err: SendError) => void) =>
    res.sendFile(file, { root, dotfiles: 'deny', cacheControl: false, etag: true, lastModified: true, headers: { ...WEB_APP_SECURITY_HEADERS, 'Cache-Control': cacheControl } }, (err?: SendError) => {
      if (err && !res.headersSent && err.code !== 'ECONNABORTED') onError(err);
    });

  const index = (res: Response, next: NextFunction) =>
    send(res, 'index.html', REVALIDATE, (err) => {
      if (NO_FILE.has(err.code ?? '') || err.status === 404) notBuilt(res);
      else next(err);
    });

  return (req: Request, res: Response, next: NextFunction): void => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_THE_APP.test(req.path)) {
      next();
      return;
    }
    const file = appFileOf(req.path);
    if (file === undefined) {
      next();
      return;
    }
    const fallback = () => (isAppRoute(req, file) ? index(res, next) : next());
    if (file === '') {
      fallback();
      return;
    }
    send(res, file, file.startsWith(`${ASSETS_DIR}/`) ? IMMUTABLE : REVALIDATE, (err) => {
      if (NO_FILE.has(err.code ?? '') || err.status === 404) fallback();
      else if (err.status === 403) next();
      else next(err);
    });
  };
}

function notBuilt(res: Response): void {
  res.status(503).set({ ...WEB_APP_SECURITY_HEADERS, 'Cache-Control': 'no-store', 'Retry-After': '30' }).type('text/plain; charset=utf-8');
  // Express sends no body to a HEAD.
  res.send(NOT_BUILT_PAGE);
}
