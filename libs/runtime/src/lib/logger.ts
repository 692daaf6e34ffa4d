import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type Logger } from 'pino';

/** Context carried through a request or an event's handling, so every log line can name it. */
export interface LogContext {
  correlationId?: string;
  causationId?: string;
}

const context = new AsyncLocalStorage<LogContext>();

/** Runs `fn` with `ctx` as the log context of everything it awaits. */
export function withLogContext<T>(ctx: LogContext, fn: () => T): T {
  return context.run({ ...context.getStore(), ...ctx }, fn);
}

/**
 * Keys that may hold a complainant's personal data. They are never meant to be logged;
 * redaction is the second line of defence for a mistake, not the way to log a contact.
 */
export const REDACTED_LOG_PATHS = [
  '*.phone', '*.email', '*.name', '*.handle', '*.contact', '*.text', '*.password',
  '*.*.phone', '*.*.email', '*.*.name', '*.*.handle', '*.*.contact', '*.*.text', '*.*.password',
  'phone', 'email', 'contact', 'password', 'authorization', '*.authorization', 'req.headers.authorization',
];

/**
 * A structured JSON logger for one service, with the correlation id of the current context,
 * writing to stdout (or to `destination`: a test reading what was logged).
 */
export function createLogger(service: string, level = process.env['LOG_LEVEL'] ?? 'info', destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    messageKey: 'msg',
    redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
    mixin: () => {
      const ctx = context.getStore();
      return ctx ? { correlationId: ctx.correlationId, causationId: ctx.causationId } : {};
    },
    formatters: { level: (label) => ({ level: label }) },
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
