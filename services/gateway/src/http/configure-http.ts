import type { Logger } from '@pengaduan/runtime';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { CORRELATION_ID_HEADER, correlationIdMiddleware } from './correlation-id';

/** Where the REST API lives; the version is part of the path. */
export const API_PREFIX = 'api/v1';

/**
 * What the REST API needs from the Express app, before it starts: the correlation id first
 * (so even a body that fails to parse is answered with one), a JSON limit that fits the
 * longest complaint text, and the OpenAPI document at `/api/docs` (JSON at `/api/docs-json`).
 */
export function configureGatewayHttp(app: NestExpressApplication, logger: Logger): void {
  app.disable('x-powered-by');
  app.use(correlationIdMiddleware(logger));
  // 20 000 characters of text, JSON-escaped, fit with room to spare.
  app.useBodyParser('json', { limit: '512kb' });
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Pengaduan gateway')
      .setDescription(
        `REST API of the public-complaint platform for the officers' web app. Errors are RFC 9457 problem details ` +
          `(application/problem+json). Every response carries ${CORRELATION_ID_HEADER}; send your own to follow a request through the logs.`,
      )
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
