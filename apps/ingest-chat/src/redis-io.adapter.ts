import type { INestApplicationContext } from '@nestjs/common';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Server, ServerOptions } from 'socket.io';
import { ChatIoAdapter, type ChatSocketLimits } from './chat-io-adapter';

/**
 * socket.io across several ingest-chat instances: every emit to a conversation's room goes
 * through Redis, so the instance that consumed a notice reaches a socket held by another.
 */
export class RedisIoAdapter extends ChatIoAdapter {
  private readonly publisher;
  private readonly subscriber;

  constructor(app: INestApplicationContext, url: string, limits: ChatSocketLimits) {
    super(app, limits);
    this.publisher = createClient({ url });
    this.subscriber = this.publisher.duplicate();
  }

  async connect(): Promise<void> {
    await Promise.all([this.publisher.connect(), this.subscriber.connect()]);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server: Server = super.createIOServer(port, options);
    server.adapter(createAdapter(this.publisher, this.subscriber));
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    await Promise.allSettled([this.publisher.quit(), this.subscriber.quit()]);
  }
}
