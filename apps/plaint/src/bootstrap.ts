import 'reflect-metadata';
import { BadRequestException, type INestApplication, ValidationPipe } from '@nestjs/common';
import { serveOpenApi } from './openapi';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { BusTransport, MessageBus } from '@plaint/bus';
import { loadConfig, type PlaintConfig } from '@plaint/config';
import { fieldProblems } from '@plaint/contracts';
import { PinoLogger } from '@plaint/observability';
import { chatIoAdapter } from '../../ingest-chat/src/chat-io.adapter';
import { PUBLIC_DIR } from '../../ingest-web/src/ingest-web.module';
import { bodyErrors, bodyShapeLimit } from './body-limits';
import { ContractViolationFilter } from './contract-violation.filter';
import type { InfrastructureOverrides } from './infrastructure.module';
import { PlaintModule } from './plaint.module';

export interface StartOptions {
  env?: Record<string, string | undefined>;
  overrides?: InfrastructureOverrides;
  /** Install SIGTERM/SIGINT handlers (the real process does; tests do not). */
  shutdownHooks?: boolean;
}

export interface RunningPlaint {
  app: INestApplication;
  config: PlaintConfig;
  /** http://127.0.0.1:<port> */
  url: string;
  close(): Promise<void>;
}

/** Field-by-field 400s, the same shape for every endpoint. */
function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) =>
      new BadRequestException({
        message: 'Some fields are not valid',
        errors: fieldProblems(errors),
      }),
  });
}

/** Boots the services PLAINT_APP names in this process and starts serving. */
export async function startPlaint(options: StartOptions = {}): Promise<RunningPlaint> {
  const config = loadConfig(options.env ?? process.env);
  const logger = new PinoLogger(config.logLevel);
  const app = await NestFactory.create<NestExpressApplication>(PlaintModule.register(config, options.overrides), {
    logger,
    bodyParser: false,
  });
  app.useBodyParser('json', { limit: config.maxBodyBytes });
  app.use(bodyErrors);
  app.use(bodyShapeLimit(config.input.maxPayloadDepth));
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new ContractViolationFilter());
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  if (options.shutdownHooks) app.enableShutdownHooks();
  if (config.apps.includes('ingest-web')) app.useStaticAssets(PUBLIC_DIR, { index: 'index.html', maxAge: '5m' });
  if (config.apps.includes('ingest-chat')) app.useWebSocketAdapter(await chatIoAdapter(app, config));
  if (config.apps.includes('core')) serveOpenApi(app);
  app.connectMicroservice({ strategy: new BusTransport(app.get(MessageBus)) });
  await app.startAllMicroservices();
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address() as AddressInfo;
  logger.log(`Plaint serving ${config.apps.join(', ')} on port ${address.port}`, 'Bootstrap');
  return {
    app,
    config,
    url: `http://127.0.0.1:${address.port}`,
    close: () => app.close(),
  };
}
