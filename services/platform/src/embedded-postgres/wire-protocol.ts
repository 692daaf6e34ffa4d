// The few parts of Postgres' frontend/backend protocol (v3) the session multiplexer reads, and
// the few messages it writes itself (authentication, errors).

/** The protocol version a StartupMessage carries (3.0). */
const PROTOCOL_3 = 196608;

/** A frontend message of the startup phase has no type byte: length, then the protocol version. */
export function isStartupMessage(message: Uint8Array): boolean {
  return message.length >= 8 && readInt32(message, 4) === PROTOCOL_3;
}

/** The parameters of a StartupMessage (`user`, `database`, `options`, `application_name` …). */
export function startupParameters(message: Uint8Array): Record<string, string> {
  const params: Record<string, string> = {};
  const parts = Buffer.from(message.subarray(8)).toString('utf8').split('\0');
  for (let i = 0; i + 1 < parts.length && parts[i] !== ''; i += 2) params[parts[i]] = parts[i + 1];
  return params;
}

/** `-c name=value` and `--name=value` settings of a startup `options` parameter (as libpq and node-postgres send them). */
export function settingsOfOptions(options: string | undefined): [string, string][] {
  if (!options) return [];
  const tokens = options.match(/(?:\\.|[^\s\\])+/g)?.map((t) => t.replace(/\\(.)/g, '$1')) ?? [];
  const settings: [string, string][] = [];
  for (let i = 0; i < tokens.length; i++) {
    let assignment: string | undefined;
    if (tokens[i] === '-c') assignment = tokens[++i];
    else if (tokens[i].startsWith('-c')) assignment = tokens[i].slice(2);
    else if (tokens[i].startsWith('--')) assignment = tokens[i].slice(2);
    const at = assignment?.indexOf('=') ?? -1;
    if (assignment && at > 0) settings.push([assignment.slice(0, at).replace(/-/g, '_'), assignment.slice(at + 1)]);
  }
  return settings;
}

/** The SQL text of a simple Query ('Q') or of a Parse ('P'), else undefined. */
export function sqlOf(message: Uint8Array): string | undefined {
  const type = String.fromCharCode(message[0]);
  if (type === 'Q') return cString(message, 5);
  if (type === 'P') {
    const nameEnd = message.indexOf(0, 5);
    return nameEnd < 0 ? undefined : cString(message, nameEnd + 1);
  }
  return undefined;
}

/** The channels a statement starts (LISTEN) or stops (UNLISTEN, `*` for all) listening on. */
export function listenChanges(sql: string): { listen: string[]; unlisten: string[] } {
  const listen: string[] = [];
  const unlisten: string[] = [];
  for (const m of sql.matchAll(/\b(UN)?LISTEN\s+(\*|"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_$]*))/gi)) {
    const channel = m[2] === '*' ? '*' : m[3] !== undefined ? m[3].replace(/""/g, '"') : m[4].toLowerCase();
    (m[1] ? unlisten : listen).push(channel);
  }
  return { listen, unlisten };
}

/** The channel of a NotificationResponse ('A': pid, channel, payload). */
export function notificationChannel(message: Uint8Array): string {
  return cString(message, 9);
}

export const TERMINATE = 'X'.charCodeAt(0);
export const READY_FOR_QUERY = 'Z'.charCodeAt(0);
export const NOTIFICATION_RESPONSE = 'A'.charCodeAt(0);
export const ERROR_RESPONSE = 'E'.charCodeAt(0);

/** A simple Query message. */
export function simpleQuery(sql: string): Uint8Array {
  return typedMessage('Q', Buffer.from(`${sql}\0`, 'utf8'));
}

/** The frontend's answers during authentication (PasswordMessage, SASLInitialResponse, SASLResponse). */
export const PASSWORD_MESSAGE = 'p'.charCodeAt(0);

/** Authentication request codes (the backend's 'R' message). */
export const AUTH_SASL = 10;
export const AUTH_SASL_CONTINUE = 11;
export const AUTH_SASL_FINAL = 12;

/** A message with a type byte (every one but the startup phase's): its type, its length, its body. */
function typedMessage(type: string, body: Buffer): Uint8Array {
  const message = Buffer.alloc(5 + body.length);
  message.write(type, 0, 'latin1');
  message.writeInt32BE(4 + body.length, 1);
  body.copy(message, 5);
  return message;
}

/** An authentication request ('R'): its code, then its data. */
export function authenticationRequest(code: number, data = ''): Uint8Array {
  const body = Buffer.alloc(4 + Buffer.byteLength(data, 'utf8'));
  body.writeInt32BE(code, 0);
  body.write(data, 4, 'utf8');
  return typedMessage('R', body);
}

/** An ErrorResponse ('E') with its severity, SQLSTATE and message. */
export function errorResponse(severity: 'FATAL' | 'ERROR', code: string, message: string): Uint8Array {
  return typedMessage('E', Buffer.from(`S${severity}\0V${severity}\0C${code}\0M${message}\0\0`, 'utf8'));
}

/** The message field ('M') of an ErrorResponse. */
export function errorMessage(message: Uint8Array): string {
  for (let at = 5; at < message.length && message[at] !== 0; ) {
    const value = cString(message, at + 1);
    if (message[at] === 'M'.charCodeAt(0)) return value;
    at += 2 + Buffer.byteLength(value, 'utf8');
  }
  return 'unknown error';
}

/** A SASLInitialResponse ('p'): the mechanism chosen and the client's first message, or undefined when it is not one. */
export function saslInitialResponse(message: Uint8Array): { mechanism: string; data: string } | undefined {
  if (message[0] !== PASSWORD_MESSAGE || message.length < 10) return undefined;
  const end = message.indexOf(0, 5);
  if (end < 0 || end + 5 > message.length) return undefined;
  const length = Buffer.from(message.subarray(end + 1, end + 5)).readInt32BE(0);
  if (length < 0 || end + 5 + length > message.length) return undefined;
  return { mechanism: cString(message, 5), data: Buffer.from(message.subarray(end + 5, end + 5 + length)).toString('utf8') };
}

/** A SASLResponse ('p'): the client's data, or undefined when it is not one. */
export function saslResponse(message: Uint8Array): string | undefined {
  return message[0] === PASSWORD_MESSAGE ? Buffer.from(message.subarray(5)).toString('utf8') : undefined;
}

/** A Sync message: ends an extended-protocol exchange. */
export const SYNC = Uint8Array.from([0x53, 0, 0, 0, 4]);

/**
 * Splits the backend's output (which PGlite hands over in arbitrary chunks) into whole messages:
 * each is passed to `onMessage`, which answers whether it goes on to the client. Whole messages
 * are forwarded together; a partial one waits for the rest.
 */
export class BackendMessageScanner {
  private pending: Buffer = Buffer.alloc(0);
  /** The transaction status of the last ReadyForQuery seen: 'I' idle, 'T' in a transaction, 'E' failed one. */
  readyStatus?: 'I' | 'T' | 'E';

  constructor(
    private readonly forward: (bytes: Uint8Array) => void,
    private readonly onMessage: (type: number, message: Uint8Array) => boolean,
  ) {}

  push(chunk: Uint8Array): void {
    const data = this.pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.pending, chunk]);
    const out: Buffer[] = [];
    let offset = 0;
    while (data.length - offset >= 5) {
      const length = data.readInt32BE(offset + 1);
      if (data.length - offset < 1 + length) break;
      const message = data.subarray(offset, offset + 1 + length);
      const type = message[0];
      if (type === READY_FOR_QUERY) this.readyStatus = String.fromCharCode(message[5]) as 'I' | 'T' | 'E';
      if (this.onMessage(type, message)) out.push(message);
      offset += 1 + length;
    }
    this.pending = Buffer.from(data.subarray(offset));
    if (out.length > 0) this.forward(out.length === 1 ? out[0] : Buffer.concat(out));
  }

  /** Whatever did not make a whole message goes out as it is. */
  end(): void {
    if (this.pending.length > 0) this.forward(this.pending);
    this.pending = Buffer.alloc(0);
  }
}

function readInt32(bytes: Uint8Array, at: number): number {
  return ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0;
}

function cString(bytes: Uint8Array, at: number): string {
  const end = bytes.indexOf(0, at);
  return Buffer.from(bytes.subarray(at, end < 0 ? bytes.length : end)).toString('utf8');
}
