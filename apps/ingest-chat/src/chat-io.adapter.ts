import type { INestApplicationContext } from '@nestjs/common';
import type { IoAdapter } from '@nestjs/platform-socket.io';
import type { PlaintConfig } from '@plaint/config';
import { LimitedIoAdapter } from './limited-io.adapter';
import { RedisIoAdapter } from './redis-io.adapter';

/** The chat's socket.io adapter: fanned out over Redis when PLAINT_REDIS_URL is set. */
export async function chatIoAdapter(app: INestApplicationContext, config: PlaintConfig): Promise<IoAdapter> {
  if (!config.redisUrl) return new LimitedIoAdapter(app, config.maxBodyBytes);
  const adapter = new RedisIoAdapter(app, config.redisUrl, config.maxBodyBytes);
  await adapter.connect();
  return adapter;
}
