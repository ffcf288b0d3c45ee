import { type INestApplicationContext, Logger } from '@nestjs/common';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import type { Server, ServerOptions } from 'socket.io';
import { ChatIoAdapter, type ChatSocketLimits } from './chat-io-adapter';

/**
 * socket.io across several ingest-chat instances: every emit to a conversation's room goes
 * through Redis, so the instance that consumed a notice reaches a socket held by another.
 */
export class RedisIoAdapter extends ChatIoAdapter {
  private readonly fanOutLog = new Logger('ChatFanOut');
  private readonly publisher;
  private readonly subscriber;
  private away = false;
  private dropped = 0;

  constructor(app: INestApplicationContext, url: string, limits: ChatSocketLimits) {
    super(app, limits);
    this.publisher = createClient({ url });
    this.subscriber = this.publisher.duplicate();
    // The clients reconnect by themselves: losing Redis is logged once, and the chat keeps
    // serving (a line still reaches the sockets on this instance; other instances miss it, and
    // their customers get it with the transcript when they resume).
    for (const client of [this.publisher, this.subscriber]) {
      client.on('error', (error: Error) => this.lost(error));
      client.on('ready', () => this.back());
    }
    // The socket.io adapter publishes without awaiting the result: while Redis is away the
    // publish fails, and that failure, unhandled, would end the process.
    const publish = this.publisher.publish.bind(this.publisher);
    const guarded = (...args: Parameters<typeof publish>) => {
      const sent = publish(...args);
      sent.catch((error: Error) => this.drop(error));
      return sent;
    };
    Object.defineProperty(this.publisher, 'publish', { value: guarded });
  }

  private lost(error: Error): void {
    if (this.away) return;
    this.away = true;
    this.fanOutLog.warn(`Redis is unreachable, fan-out to other instances paused until it is back: ${error.message}`);
  }

  private drop(error: Error): void {
    this.dropped += 1;
    if (this.dropped === 1) this.fanOutLog.warn(`a chat line reached the sockets of this instance only: ${error.name} ${error.message}`.trimEnd());
  }

  private back(): void {
    if (!this.away) return;
    this.away = false;
    this.fanOutLog.warn(`Redis is reachable again, fan-out resumed (${this.dropped} lines reached this instance's sockets only meanwhile)`);
    this.dropped = 0;
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
