// The web app's paths. They are contracts: the gateway's fallback, the README and the browser
// tests use them, so they change only together with those.

/** Every route's path pattern (`:id` is a complaint id). */
export const ROUTES = {
  home: '/',
  report: '/lapor',
  track: '/lacak',
  login: '/masuk',
  worklist: '/daftar-tugas',
  complaints: '/aduan',
  complaint: '/aduan/:id',
  dashboard: '/dasbor',
  changePassword: '/kata-sandi',
  accounts: '/akun',
  secondFactor: '/dua-langkah',
  processingRecord: '/catatan-pemrosesan',
  callTasks: '/panggilan',
  // The answers to post on SP4N-LAPOR! (docs/adr/0055).
  laporPostings: '/posting-lapor',
  escalations: '/eskalasi',
  problemMessages: '/pesan-bermasalah',
  // The complainants' requests for their personal data (docs/adr/0056).
  dataRequests: '/hak-subjek-data',
  deadLetters: '/peristiwa-gagal',
  // The office's administration (docs/adr/0042): its officers are `accounts`.
  adminSections: '/administrasi/seksi',
  adminLog: '/administrasi/log',
  // The office's texts of the messages to reporters (docs/adr/0050).
  adminTemplates: '/administrasi/templat',
  // The office's profile: its documents' letterhead and contact (docs/adr/0048).
  adminProfile: '/administrasi/profil',
  // The office's SLA policy and working calendar (docs/adr/0049).
  adminSla: '/administrasi/sla',
  // The officers' guide to the complainant's side and the law (docs/adr/0064).
  guide: '/panduan',
} as const;

export type RouteName = keyof typeof ROUTES;

/** The routes only a logged-in officer sees; anyone else is sent to the login first. */
export const OFFICER_ROUTES: readonly RouteName[] = ['worklist', 'complaints', 'complaint', 'dashboard', 'changePassword', 'accounts', 'secondFactor', 'processingRecord', 'callTasks', 'laporPostings', 'escalations', 'problemMessages', 'dataRequests', 'deadLetters', 'adminSections', 'adminLog', 'adminTemplates', 'adminProfile', 'adminSla', 'guide'];

/**
 * Where an officer starts (after logging in, the brand link): the worklist; a platform operator,
 * who sees no complaint, the dead letters (docs/adr/0043).
 */
export function homeOf(role: string): string {
  return role === 'OPERATOR' ? ROUTES.deadLetters : ROUTES.worklist;
}

/** The query parameters the routes read. */
export const QUERY_PARAMS = {
  /** `/lacak?nomor=`: the tracking number to fill in. */
  trackingNumber: 'nomor',
  /** `/masuk?lanjut=`: where to go after logging in. */
  next: 'lanjut',
} as const;

export type RouteMatch = { readonly name: Exclude<RouteName, 'complaint'> } | { readonly name: 'complaint'; readonly id: string } | { readonly name: 'notFound' };

/** The route of a path (`/aduan/123/` and `/aduan/123` alike); `notFound` for any other. */
export function matchRoute(pathname: string): RouteMatch {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  for (const [name, pattern] of Object.entries(ROUTES) as [RouteName, string][]) {
    if (name === 'complaint') continue;
    if (path === pattern) return { name } as RouteMatch;
  }
  const complaint = /^\/aduan\/([^/]+)$/.exec(path);
  if (complaint?.[1]) {
    try {
      return { name: 'complaint', id: decodeURIComponent(complaint[1]) };
    } catch {
      return { name: 'notFound' };
    }
  }
  return { name: 'notFound' };
}

export function isOfficerRoute(match: RouteMatch): boolean {
  return match.name !== 'notFound' && OFFICER_ROUTES.includes(match.name);
}

/** `/aduan/<id>`. */
export function complaintPath(id: string): string {
  return `/aduan/${encodeURIComponent(id)}`;
}

/** `/lacak?nomor=<tracking number>`. */
export function trackPath(trackingNumber?: string): string {
  return trackingNumber ? `${ROUTES.track}?${QUERY_PARAMS.trackingNumber}=${encodeURIComponent(trackingNumber)}` : ROUTES.track;
}

/** `/masuk?lanjut=<path>`: the login, and where to come back to after it. */
export function loginPath(next?: string): string {
  const safe = next === undefined ? null : safeNext(next);
  return safe && safe !== ROUTES.login ? `${ROUTES.login}?${QUERY_PARAMS.next}=${encodeURIComponent(safe)}` : ROUTES.login;
}

/**
 * Where `?lanjut=` may lead: a path of this app only (never another site: `//evil`, `/\evil`,
 * `https://…`), never the API or the webhooks, never the login itself. Null otherwise.
 */
export function safeNext(value: string | null | undefined): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  if ([...value].some((c) => c.charCodeAt(0) < 0x20)) return null;
  const pathname = value.split(/[?#]/)[0] ?? '';
  if (/^\/(api|webhooks)(\/|$)/.test(pathname)) return null;
  if (matchRoute(pathname).name === 'login') return null;
  return value;
}
