import 'reflect-metadata';
import { BadRequestException, type INestApplication, ValidationPipe } from '@nestjs/common';
import { serveOpenApi } from './openapi';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import type { DestinationStream } from 'pino';
import { BusTransport, MessageBus } from '@plaint/bus';
import { loadConfig, type PlaintConfig } from '@plaint/config';
import { fieldProblems } from '@plaint/contracts';
import { Metrics, PinoLogger } from '@plaint/observability';
import { META_WEBHOOK_PATH, metaRawBody } from '../../ingest-social/src/meta/webhook/meta-raw-body';
import { PUBLIC_DIR } from '../../ingest-web/src/ingest-web.module';
import { TELEGRAM_WEBHOOK_PATH, telegramWebhookGate } from '../../ingest-social/src/telegram/webhook-secret-gate';
import { bodyErrors, bodyShapeLimit } from './body-limits';
import { ContractViolationFilter } from './contract-violation.filter';
import { serveDesk } from './desk-assets';
import type { InfrastructureOverrides } from './infrastructure.module';
import { closeServer, listenForMetrics, metricsUrl } from './metrics-listener';
import { PlaintModule } from './plaint.module';
import { ShutdownState } from './shutdown-state';
import { chatSocketAdapter, guardPublicSurface } from './public-surface';
import { securityHeadersOnServer } from './security-headers';

export interface StartOptions {
  env?: Record<string, string | undefined>;
  overrides?: InfrastructureOverrides;
  /** Where the JSON log lines go; stdout when unset (tests read them). */
  logDestination?: DestinationStream;
  /**
   * How long startPlaint waits for the consumers to join their groups before it returns
   * anyway (default 60 s); they go on trying, and readiness says when they have.
   */
  consumersJoinedWithinMs?: number;
}

export interface RunningPlaint {
  app: INestApplication;
  config: PlaintConfig;
  /** http://127.0.0.1:<port> */
  url: string;
  /** The internal Prometheus endpoint, http://…:<metrics port>/metrics; undefined when turned off. */
  metricsUrl: string | undefined;
  close(): Promise<void>;
  /**
   * The orderly stop a signal asks for: readiness fails at once; the bus subscriptions finish
   * and commit the batches in flight and leave their groups; then the services stop (mailbox
   * pollers, timers, the outbox relay, socket.io connections, HTTP) and the bus and database close.
   */
  shutdown(): Promise<void>;
  /** What a shutdown still waits for, for the log line when it overruns its grace. */
  pending(): string[];
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

/** Resolves once every consumer is a member of its group, or after `withinMs` with a warning. */
async function consumersJoined(bus: MessageBus, withinMs: number, logger: PinoLogger): Promise<void> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const waiting = bus.consumers().filter((consumer) => consumer.state !== 'running');
    if (waiting.length === 0) return;
    if (Date.now() > deadline) {
      const names = waiting.map(({ group, topic, lastError }) => `${group} on ${topic}${lastError ? ` (${lastError})` : ''}`);
      logger.warn(`still joining: ${names.join('; ')}; not ready until they have`, 'Bootstrap');
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Boots the services PLAINT_APP names in this process and starts serving. */
export async function startPlaint(options: StartOptions = {}): Promise<RunningPlaint> {
  const config = loadConfig(options.env ?? process.env);
  const logger = new PinoLogger(config.logLevel, options.logDestination);
  const app = await NestFactory.create<NestExpressApplication>(PlaintModule.register(config, options.overrides), {
    logger,
    bodyParser: false,
  });
  // Headers first, so that every answer carries them, refusals of bad bodies included.
  guardPublicSurface(app, config);
  // Meta signs the exact bytes it posts: they are kept as they came, ahead of the JSON parser.
  if (config.apps.includes('ingest-social')) app.use(META_WEBHOOK_PATH, metaRawBody(config.meta.maxWebhookBytes));
  // Telegram's secret token is checked before any body is read.
  if (config.apps.includes('ingest-social')) app.use(TELEGRAM_WEBHOOK_PATH, telegramWebhookGate(config.telegram.webhookSecret));
  app.useBodyParser('json', { limit: config.maxBodyBytes });
  app.use(bodyErrors);
  app.use(bodyShapeLimit(config.input.maxPayloadDepth));
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new ContractViolationFilter());
  if (config.apps.includes('ingest-web')) app.useStaticAssets(PUBLIC_DIR, { index: 'index.html', maxAge: '5m' });
  if (config.apps.includes('ingest-chat')) app.useWebSocketAdapter(await chatSocketAdapter(app, config));
  if (config.apps.includes('core')) serveOpenApi(app);
  if (config.apps.includes('core')) serveDesk(app);
  const bus = app.get(MessageBus);
  const transport = new BusTransport(bus);
  app.connectMicroservice({ strategy: transport });
  // socket.io attaches to the HTTP server on init; its own answers get the headers from there on.
  await app.init();
  securityHeadersOnServer(app.getHttpServer(), config);
  // HTTP first: probes answer while the consumers join their groups (which can take a session
  // timeout after a crash), and every component a handler uses (the chat gateway) exists
  // before the first record arrives.
  await app.listen(config.port, config.host);
  const address = app.getHttpServer().address() as AddressInfo;
  const metrics = config.edge.metrics && (await listenForMetrics(app.get(Metrics), config.edge.metrics.port, config.edge.metrics.host));
  logger.log(`Plaint serving ${config.apps.join(', ')} on port ${address.port}`, 'Bootstrap');
  if (metrics) {
    // Shut down with the public server, also when a signal closes the app.
    app.getHttpServer().once('close', () => void closeServer(metrics));
    logger.log(`Prometheus metrics at ${metricsUrl(metrics)}`, 'Bootstrap');
  }
  await app.startAllMicroservices();
  await consumersJoined(bus, options.consumersJoinedWithinMs ?? 60_000, logger);
  const close = async () => {
    await app.close();
    if (metrics) await closeServer(metrics);
  };
  let stage = 'running';
  return {
    app,
    config,
    url: `http://127.0.0.1:${address.port}`,
    metricsUrl: metrics ? metricsUrl(metrics) : undefined,
    close,
    shutdown: async () => {
      app.get(ShutdownState).begin();
      stage = 'finishing the consumed batches';
      await transport.close();
      stage = 'stopping the services (mailbox pollers, timers, outbox relay, sockets, HTTP) and closing the bus and database';
      await close();
      stage = 'stopped';
    },
    pending: () => {
      const consumers = bus
        .consumers()
        .filter((consumer) => consumer.state !== 'stopped')
        .map(({ topic, group, state }) => `consumer of ${topic} for ${group} (${state})`);
      return [stage, ...consumers];
    },
  };
}
