import type { PGlite } from '@electric-sql/pglite';
import type { Logger } from '@pengaduan/runtime';
import type { ScramVerifier } from '../scram';
import { BackendMessageScanner, ERROR_RESPONSE, errorMessage, errorResponse, isStartupMessage, NOTIFICATION_RESPONSE, notificationChannel, simpleQuery, sqlOf, SYNC, TERMINATE } from '../wire-protocol';
import { passwordExchangeStep } from './password-exchange';
import { newSession, startSession, trackListen, type Session } from './session';
import { StallWatch } from './stall-watch';

interface Job {
  session: Session;
  message: Uint8Array;
  onData: (bytes: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: Error) => void;
}

export interface SessionMultiplexerOptions {
  logger: Logger;
  /**
   * How long a connection may hold the backend inside a transaction without sending anything while
   * others wait (Postgres' idle_in_transaction_session_timeout): then its transaction is rolled back
   * and the connection closed (`onExpired`). Default 30 s.
   */
  idleInTransactionTimeoutMs?: number;
  /** Closes a connection whose transaction expired. */
  onExpired: (sessionId: number) => void;
  /**
   * The SCRAM-SHA-256 verifier of each role that may log in (ScramVerifier). A connection must prove
   * its user's password before its startup packet reaches the backend; one that cannot is refused.
   */
  verifiers: ReadonlyMap<string, ScramVerifier>;
  /** Closes a connection that was refused (after the ErrorResponse it was written has gone out). */
  onRefused: (sessionId: number) => void;
}

/**
 * Shares PGlite's single backend between many client connections (the queue that
 * `@electric-sql/pglite-socket`'s PGLiteSocketHandler takes), so that each behaves as if it had a
 * session of its own — which pglite-socket's own queue does not give (docs/adr/0020):
 *
 * - A connection first proves its user's password (SCRAM-SHA-256; ErrorResponse 28P01 and closed
 *   otherwise): only then does its startup packet reach the backend (docs/adr/0024).
 * - A connection holds the backend from its first message until the backend is idle again: for a
 *   whole transaction (BEGIN … COMMIT) and for a whole extended-protocol exchange (Parse … Sync),
 *   so two connections' statements are never interleaved. Transactions are therefore serialised:
 *   while one is open, every other connection waits.
 * - Before a connection's turn, the backend gets that connection's session state: the role of its
 *   startup `user` (SET ROLE), the settings of its startup `options` (`-c search_path=…`), its
 *   application_name; everything else RESET. PGlite ignores the startup packet's parameters.
 * - A NOTIFY reaches the connections that LISTEN on its channel (PGlite hands a notification to
 *   whichever connection's statement is running when it is delivered).
 * - A connection that vanishes mid-transaction is rolled back; one idle in a transaction while others
 *   wait is rolled back and closed after `idleInTransactionTimeoutMs`.
 */
export class SessionMultiplexer {
  private readonly sessions = new Map<number, Session>();
  private queue: Job[] = [];
  /** The connection holding the backend (inside a transaction or an extended-protocol exchange). */
  private owner?: Session;
  /** The setup SQL the backend was last given. */
  private configured?: string;
  private pumping = false;
  private readonly stall: StallWatch;

  constructor(
    private readonly db: PGlite,
    private readonly options: SessionMultiplexerOptions,
  ) {
    this.stall = new StallWatch({
      logger: options.logger,
      idleTimeoutMs: options.idleInTransactionTimeoutMs ?? 30_000,
      onExpired: options.onExpired,
      owner: () => this.owner,
      waiting: () => this.queue.length,
    });
  }

  // ---- the interface PGLiteSocketHandler calls ------------------------------------------------

  enqueue(handlerId: number, message: Uint8Array, onData: (bytes: Uint8Array) => void): Promise<number> {
    const session = this.sessionOf(handlerId);
    session.write = onData;
    if (!session.authenticated) return this.authenticate(session, message, onData);
    return this.schedule(session, message, onData);
  }

  clearQueueForHandler(handlerId: number): void {
    this.queue = this.queue.filter((job) => {
      if (job.session.id !== handlerId) return true;
      job.reject(new Error('Handler disconnected'));
      return false;
    });
  }

  /** The connection is gone: roll back what it held, forget it. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    const session = this.sessions.get(handlerId);
    if (!session) return;
    session.closed = true;
    this.sessions.delete(handlerId);
    await this.pump();
  }

  // ---- authentication ------------------------------------------------------------------------

  /** The password exchange (see passwordExchangeStep); once the password is proved, the startup packet goes to the backend. */
  private async authenticate(session: Session, message: Uint8Array, onData: (bytes: Uint8Array) => void): Promise<number> {
    if (session.closed) return 0; // refused: whatever else it sent before its socket closes is dropped
    const step = passwordExchangeStep(session, message, this.options.verifiers);
    if (step.kind === 'refuse') return this.refuse(session, onData, step.code, step.message);
    onData(step.bytes);
    if (step.kind === 'answer') return step.bytes.length;
    return step.bytes.length + (await this.schedule(session, step.startup, onData));
  }

  /** Writes a FATAL ErrorResponse and closes the connection. */
  private refuse(session: Session, onData: (bytes: Uint8Array) => void, code: string, message: string): number {
    const bytes = errorResponse('FATAL', code, message);
    onData(bytes);
    session.closed = true;
    this.options.logger.warn({ code, application: session.application, reason: message }, 'embedded postgres: connection refused');
    setImmediate(() => this.options.onRefused(session.id));
    return bytes.length;
  }

  // ---- introspection ------------------------------------------------------------------------

  get waiting(): number {
    return this.queue.length;
  }

  get connections(): number {
    return this.sessions.size;
  }

  // ---- the one backend ----------------------------------------------------------------------

  private sessionOf(id: number): Session {
    let s = this.sessions.get(id);
    if (!s) {
      s = newSession(id);
      this.sessions.set(id, s);
    }
    return s;
  }

  private schedule(session: Session, message: Uint8Array, onData: (bytes: Uint8Array) => void): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ session, message, onData, resolve, reject });
      if (session === this.owner) this.stall.clear();
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (;;) {
        if (this.owner?.closed) {
          await this.release(this.owner);
          continue;
        }
        const at = this.owner ? this.queue.findIndex((j) => j.session === this.owner) : 0;
        if (at < 0 || this.queue.length === 0) break;
        const [job] = this.queue.splice(at, 1);
        await this.run(job);
      }
    } finally {
      this.pumping = false;
      this.watchStall();
    }
  }

  private async run(job: Job): Promise<void> {
    const { session, message } = job;
    if (!session.started && isStartupMessage(message)) {
      startSession(session, message);
      this.configured = undefined; // what the backend does with a second startup packet is its own affair
    } else if (message[0] === TERMINATE) {
      job.resolve(0); // the socket closes next; PGlite's backend is shared and must not end
      return;
    } else if (this.owner !== session && this.configured !== session.setup) {
      try {
        await this.internal(simpleQuery(session.setup));
        this.configured = session.setup;
      } catch (err) {
        // Never run its statement in whatever session the backend was left with (another role's).
        this.configured = undefined;
        this.options.logger.error({ err: { message: (err as Error).message }, application: session.application }, 'embedded postgres: could not give a connection its session');
        job.resolve(this.refuse(session, job.onData, '28000', `could not give the connection its session: ${(err as Error).message}`));
        return;
      }
    }
    const sql = session.started ? sqlOf(message) : undefined;
    session.started = true;
    const scanner = new BackendMessageScanner(
      (bytes) => job.onData(bytes),
      (type, bytes) => (type === NOTIFICATION_RESPONSE ? this.routeNotification(session, bytes) : true),
    );
    let written = 0;
    try {
      await this.db.runExclusive(() =>
        this.db.execProtocolRawStream(message, {
          onRawData: (chunk) => {
            written += chunk.length;
            scanner.push(chunk);
          },
        }),
      );
      scanner.end();
    } catch (err) {
      job.reject(err as Error);
      this.owner = undefined;
      return;
    }
    if (sql) trackListen(session, sql);
    // Idle again: the connection lets go. Otherwise (in a transaction, or mid extended protocol) it keeps the backend.
    this.owner = scanner.readyStatus === 'I' ? undefined : session;
    if (this.owner === session && session.closed) await this.release(session);
    job.resolve(written);
  }

  /** A notification goes to the connections listening on its channel; in the running connection's output only if it listens too. */
  private routeNotification(current: Session, message: Uint8Array): boolean {
    const channel = notificationChannel(message);
    const copy = Uint8Array.from(message);
    for (const s of this.sessions.values()) {
      if (s !== current && !s.closed && s.listening.has(channel)) s.write?.(copy);
    }
    return current.listening.has(channel);
  }

  /** A message of the multiplexer's own; its output is dropped, but for notifications, which still reach their listeners. */
  private async internal(message: Uint8Array): Promise<void> {
    const none: Session = { id: 0, started: true, closed: false, application: '', setup: '', listening: new Set(), authenticated: true };
    let error: string | undefined;
    const scanner = new BackendMessageScanner(
      () => undefined,
      (type, bytes) => {
        if (type === ERROR_RESPONSE) error ??= errorMessage(bytes);
        return type === NOTIFICATION_RESPONSE && this.routeNotification(none, bytes);
      },
    );
    // Streamed like every other message: PGlite keeps the last stream's callback for whatever it writes next.
    await this.db.runExclusive(() => this.db.execProtocolRawStream(message, { onRawData: (chunk) => scanner.push(chunk) }));
    if (error !== undefined) throw new Error(error);
  }

  /** Ends what a connection left open on the backend: its extended-protocol exchange, its transaction. */
  private async release(session: Session): Promise<void> {
    try {
      await this.internal(SYNC);
      if (this.db.isInTransaction()) await this.internal(simpleQuery('ROLLBACK'));
    } catch (err) {
      this.options.logger.error({ err: { message: (err as Error).message }, application: session.application }, 'embedded postgres: could not roll back a closed connection');
    }
    if (this.owner === session) this.owner = undefined;
    this.configured = undefined;
  }

  /** Others wait while the owner sends nothing: see StallWatch. */
  private watchStall(): void {
    const owner = this.owner;
    this.stall.watch(owner, owner !== undefined && this.queue.some((j) => j.session !== owner));
  }
}
