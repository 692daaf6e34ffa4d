import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Where the built web app lies, from the repository's root. */
export const ADMIN_WEB_DIST_IN_REPOSITORY = 'services/admin-web/dist';

/**
 * The repository's root: the nearest directory above `from` whose package.json declares the
 * npm workspaces. The gateway runs from `services/gateway/src` (swc-node) or
 * `services/gateway/dist` (built), both of which lie under it; should no such package.json be
 * found (a trimmed image), the directory four levels up, where it would be.
 */
export function repositoryRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { workspaces?: unknown }).workspaces !== undefined) return dir;
      } catch {
        // Not this one: keep looking further up.
      }
    }
    if (dirname(dir) === dir) return resolve(from, '../../../..');
  }
}

/** `services/admin-web/dist` of this repository, as an absolute path. */
export function defaultAdminWebDist(): string {
  return join(repositoryRoot(), ADMIN_WEB_DIST_IN_REPOSITORY);
}
