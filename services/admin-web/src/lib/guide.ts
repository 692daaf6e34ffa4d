// The officers' guide (`/panduan`, docs/adr/0064): its sections, the address of each, and which of
// the pages where a section's work is done an officer may open. The texts are the dictionary's
// (`guide.*`); the pages a section names are in `pages/GuidePage/guide-places.ts`.
import { ROUTES } from '../app/routes';
import type { MessageKey } from '../i18n/messages';

/** The guide's sections, in the page's order; each is also the `id` of its part of the page. */
export const GUIDE_SECTIONS = ['penilaian-banding', 'pesan-status', 'lapor', 'hak-subjek-data'] as const;

export type GuideSection = (typeof GUIDE_SECTIONS)[number];

/** Each section's heading (also what a "Panduan" link names for a screen reader). */
export const GUIDE_TITLES: Readonly<Record<GuideSection, MessageKey>> = {
  'penilaian-banding': 'guide.rating.title',
  'pesan-status': 'guide.status.title',
  lapor: 'guide.lapor.title',
  'hak-subjek-data': 'guide.pdp.title',
};

export function isGuideSection(value: string): value is GuideSection {
  return (GUIDE_SECTIONS as readonly string[]).includes(value);
}

/** `/panduan#<section>`: the guide, scrolled to that section. */
export function guidePath(section: GuideSection): string {
  return `${ROUTES.guide}#${section}`;
}

/** A page where a section's work is done, and the roles that may open it. */
export interface GuidePlace<K extends string = string> {
  /** The page's path, with its filter when it has one (`/aduan?status=APPEALED`). */
  readonly to: string;
  readonly roles: readonly string[];
  /** The dictionary key of what the officer does there. */
  readonly label: K;
}

/**
 * The places an officer of `role` may open (shown as links) and the others (shown with the roles
 * that do that work, never as a link the officer would be refused at).
 */
export function placesFor<P extends GuidePlace>(places: readonly P[], role: string): { readonly open: P[]; readonly others: P[] } {
  return { open: places.filter((p) => p.roles.includes(role)), others: places.filter((p) => !p.roles.includes(role)) };
}
