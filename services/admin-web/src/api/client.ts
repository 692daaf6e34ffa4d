// The one way the web app talks to the gateway: same origin, JSON in and out, the officer's
// bearer token on every officer request, every error read as a problem. A 401 on an officer
// request ends the session and sends the officer to the login (the caller is told too).
import { networkProblem, parseProblem, type Problem } from './problem';

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.status} ${problem.code}`);
    this.name = 'ApiError';
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string {
    return this.problem.code;
  }
}

export interface RequestOptions {
  readonly idempotencyKey?: string;
  /** The complaint version the officer acted on (`If-Match`, docs/adr/0033). */
  readonly ifMatch?: number;
  readonly signal?: AbortSignal;
}

export interface ApiClient {
  get<T>(path: string, options?: RequestOptions): Promise<T>;
  post<T>(path: string, body: unknown, options?: RequestOptions): Promise<T>;
  /** PATCH: the fields to change (an officer, a section). */
  patch<T>(path: string, body: unknown, options?: RequestOptions): Promise<T>;
  /** PUT: the whole of a thing (an office's message text, docs/adr/0050). */
  put<T>(path: string, body: unknown, options?: RequestOptions): Promise<T>;
  /** DELETE, with a JSON body when given (turning the second factor off takes the password and a code). */
  delete<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T>;
  /** A file (a document's PDF), fetched with the token. */
  blob(path: string, options?: RequestOptions): Promise<Blob>;
}

export interface ApiClientOptions {
  /** The officer's token, or null for the public pages. */
  readonly token: () => string | null;
  /** Called on a 401 of a request to this origin (officer requests only; the public client has none). */
  readonly onUnauthorized?: () => void;
}

/** Whether a URL from the API is this origin's: the token is never sent anywhere else. */
export function isSameOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url, origin).origin === origin;
  } catch {
    return false;
  }
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  async function send(method: string, path: string, body: unknown, request: RequestOptions | undefined): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
    const token = options.token();
    const withToken = token !== null && isSameOrigin(path, window.location.origin);
    if (withToken) headers['authorization'] = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (request?.idempotencyKey) headers['idempotency-key'] = request.idempotencyKey;
    if (request?.ifMatch !== undefined) headers['if-match'] = `"${request.ifMatch}"`;
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        ...(request?.signal ? { signal: request.signal } : {}),
      });
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') throw err;
      throw new ApiError(networkProblem());
    }
    if (response.ok) return response;
    const text = await response.text().catch(() => '');
    const problem = parseProblem(response.status, text, response.headers.get('retry-after'));
    // Also when the token had already expired and none was sent: the officer must log in again.
    if (response.status === 401 && isSameOrigin(path, window.location.origin)) options.onUnauthorized?.();
    throw new ApiError(problem);
  }

  async function json<T>(response: Response): Promise<T> {
    const text = await response.text();
    if (text.trim() === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError({ status: response.status, code: 'RESPONSE.NOT_JSON', errors: [] });
    }
  }

  return {
    get: async <T>(path: string, request?: RequestOptions) => json<T>(await send('GET', path, undefined, request)),
    post: async <T>(path: string, body: unknown, request?: RequestOptions) => json<T>(await send('POST', path, body, request)),
    patch: async <T>(path: string, body: unknown, request?: RequestOptions) => json<T>(await send('PATCH', path, body, request)),
    put: async <T>(path: string, body: unknown, request?: RequestOptions) => json<T>(await send('PUT', path, body, request)),
    delete: async <T>(path: string, body?: unknown, request?: RequestOptions) => json<T>(await send('DELETE', path, body, request)),
    blob: async (path: string, request?: RequestOptions) => (await send('GET', path, undefined, request)).blob(),
  };
}

/** Query string of the values that are set (empty strings and undefined are left out). */
export function queryString(params: Readonly<Record<string, string | number | undefined | null>>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  const s = search.toString();
  return s ? `?${s}` : '';
}
