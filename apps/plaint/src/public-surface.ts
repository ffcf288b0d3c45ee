import type { NestExpressApplication } from '@nestjs/platform-express';
import type { PlaintConfig } from '@plaint/config';
import { TrustedProxies } from '@plaint/observability';
import { ChatIoAdapter } from '../../ingest-chat/src/chat-io-adapter';
import { RedisIoAdapter } from '../../ingest-chat/src/redis-io.adapter';
import { securityHeaders } from './security-headers';

/**
 * What every public answer goes through: X-Forwarded-For believed from the configured proxies
 * only (the client address is what rate limits count by), security headers, no X-Powered-By.
 * Call before the static files are mounted, so the page gets the headers too.
 */
export function guardPublicSurface(app: NestExpressApplication, config: PlaintConfig): void {
  const proxies = app.get(TrustedProxies);
  app.set('trust proxy', (address: string) => proxies.trusts(address));
  app.disable('x-powered-by');
  app.use(securityHeaders(config));
}

/** The chat's socket.io adapter: origin check and size cap always, Redis fan-out when configured. */
export async function chatSocketAdapter(app: NestExpressApplication, config: PlaintConfig): Promise<ChatIoAdapter> {
  const limits = { allowedOrigins: config.edge.chatAllowedOrigins, maxPayloadBytes: config.maxBodyBytes };
  if (!config.redisUrl) return new ChatIoAdapter(app, limits);
  const adapter = new RedisIoAdapter(app, config.redisUrl, limits);
  await adapter.connect();
  return adapter;
}
