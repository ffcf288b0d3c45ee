import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Where the agent API's OpenAPI document is served (public: it describes, it answers nothing). */
export const OPENAPI_PATH = 'api/v1/openapi';

/** The OpenAPI document of the agent API, built from the controllers' and DTOs' decorators. */
export function serveOpenApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Plaint agent API')
      .setDescription(
        'Complaint work for staff: list, read, assign, accept, request details, reply, extend, resolve, close, reject, ' +
          'merge and unmerge; staff intake, call-back tasks, SLA alerts, customer merges and the compliance report. ' +
          'Every route needs a bearer token from POST /api/v1/agent/auth/token.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
    { include: [], deepScanRoutes: true },
  );
  document.paths = Object.fromEntries(Object.entries(document.paths).filter(([path]) => path.startsWith('/api/v1/agent/')));
  SwaggerModule.setup(OPENAPI_PATH, app, document, { jsonDocumentUrl: `${OPENAPI_PATH}.json`, yamlDocumentUrl: `${OPENAPI_PATH}.yaml` });
}
