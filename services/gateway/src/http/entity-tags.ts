import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { invalidRequest } from './validation';

/**
 * Entity tags of a complaint (docs/adr/0033). A command answer's tag is its version, `"7"`; a
 * view's is its version and a digest of the body, `"7.3f2a…"`, because SLA deadlines change a
 * view without changing the complaint's version. `If-Match` on a command takes either and
 * compares the version part.
 */
export function versionTag(version: number): string {
  return `"${version}"`;
}

/** Sets an answer's `ETag` to its version, and answers it: the office settings' GET and PUT. */
export function taggedWithVersion<T extends { version: number }>(res: Response, answer: T): T {
  res.setHeader('ETag', versionTag(answer.version));
  return answer;
}

/** The tag of a view: its version and the digest of what is sent. */
export function viewTag(version: number, body: unknown): string {
  const digest = createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 16);
  return `"${version}.${digest}"`;
}

/** Whether `If-None-Match` names this tag (or `*`); weak comparison, as RFC 9110 asks for GET. */
export function noneMatch(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === tag);
}

const TAG = /^\s*(?:W\/)?"(\d{1,9})(?:\.[A-Za-z0-9_-]{1,64})?"\s*$/;

/**
 * The version an `If-Match` header names, or undefined when there is none (or `*`: any
 * version). Anything else is 400 naming the header: one entity tag of this API.
 */
export const IfMatchVersion = createParamDecorator((_: unknown, ctx: ExecutionContext): number | undefined => {
  const header = ctx.switchToHttp().getRequest<Request>().header('If-Match');
  if (header === undefined || header.trim() === '*') return undefined;
  const match = TAG.exec(header);
  if (!match) throw invalidRequest([{ field: 'If-Match', description: 'must be one entity tag this API gave, e.g. "7" (the ETag of a command answer or a view)' }]);
  return Number(match[1]);
});

/** `?minVersion=`: a whole number from 1, or 400 naming it. */
export function minVersionOf(raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^[1-9]\d{0,8}$/.test(raw)) throw invalidRequest([{ field: 'minVersion', description: 'must be a whole number from 1' }]);
  return Number(raw);
}
