import type { Logger } from '@pengaduan/runtime';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import type { Server } from 'node:http';
import type { GatewayConfig } from '../config';
import { webFormLimitOf, webFormStatusLimitOf } from '../public-rate-limits/public-limits';
import { PublicRateLimits } from '../public-rate-limits/public-rate-limits';
import { publicWebhooks } from '../webhooks/public-webhooks';
import { webApp } from '../web-app/web-app';
import { CORRELATION_ID_HEADER, correlationIdMiddleware } from './correlation-id';
import { originFormOnly } from './origin-form-only';

/** Where the REST API lives; the version is part of the path. */
export const API_PREFIX = 'api/v1';

/** How long an idle kept-alive connection stays open. */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Name of the OpenAPI security scheme: the access token of POST /api/v1/auth/login. */
export const BEARER_AUTH = 'access-token';

/** What configureGatewayHttp reads of the configuration. */
export type GatewayHttpConfig = Pick<
  GatewayConfig,
  'intakeWebhooksUrl' | 'trustProxy' | 'webFormMaxPerAddress' | 'webFormStatusMaxPerAddress' | 'adminWebDist' | 'production' | 'apiDocs'
>;

/**
 * The OpenAPI page's own CSP (Swagger UI's scripts and styles are files of the gateway; it
 * styles some elements inline); every other answer of the API keeps the one that allows nothing.
 */
export const API_DOCS_CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * What the REST API needs from the Express app, before it starts: whom to believe about the
 * client's address (`trust proxy`), the correlation id first (so even a body that fails to
 * parse is answered with one), request targets in origin form only, the public webhooks
 * forwarded to intake untouched when they are exactly a provider's route (web form
 * submissions counted per client address first), a JSON limit that fits the longest complaint
 * text, the web app at `/`, and, unless switched off (off by default in production), the
 * OpenAPI document at `/api/docs` (JSON at `/api/docs-json`).
 */
export function configureGatewayHttp(app: NestExpressApplication, logger: Logger, config?: GatewayHttpConfig): void {
  app.disable('x-powered-by');
  // req.ip, which the public rate limits count by: the connection's address unless proxies are trusted.
  app.set('trust proxy', config?.trustProxy ?? false);
  // Keep idle connections longer than the proxies and clients in front usually do (60 s), so the
  // server never closes a kept-alive connection a client is about to reuse (Node's default is 5 s).
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  app.use(correlationIdMiddleware(logger));
  app.use(originFormOnly());
  // Before any body parser: providers sign the raw bytes, and intake checks them.
  if (config) {
    app.use(
      publicWebhooks({
        upstream: config.intakeWebhooksUrl,
        limits: app.get(PublicRateLimits),
        webFormLimit: webFormLimitOf(config),
        webFormStatusLimit: webFormStatusLimitOf(config),
        logger,
      }),
    );
  }
  // 20 000 characters of text, JSON-escaped, fit with room to spare.
  app.useBodyParser('json', { limit: '512kb' });
  // Before the API's routes, which it leaves alone (/api, /webhooks, /health).
  if (config) app.use(webApp(config.adminWebDist, logger));
  if (config && !(config.apiDocs ?? !config.production)) return;
  app.use('/api/docs', (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Content-Security-Policy', API_DOCS_CONTENT_SECURITY_POLICY);
    next();
  });
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Pengaduan gateway')
      .setDescription(
        `REST API of the public-complaint platform for the officers' web app. Log in at POST /api/v1/auth/login and send the token as ` +
          `Authorization: Bearer <token>; every query and command is limited to the officer's office. The complainants' endpoints under /api/v1/public need no token ` +
          `(and are rate-limited per client address). Errors are RFC 9457 problem details ` +
          `(application/problem+json). Every response carries ${CORRELATION_ID_HEADER}; send your own to follow a request through the logs.`,
      )
      .setVersion('1')
      .addBearerAuth(
        { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The accessToken of POST /api/v1/auth/login (valid 8 h by default)' },
        BEARER_AUTH,
      )
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
