import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import type { Observable } from 'rxjs';
import type { Server, ServerOptions, Socket } from 'socket.io';

/**
 * socket.io at the edge: a payload larger than a JSON body may be is refused by the transport
 * (the connection closes) before it is parsed, and a call to an event no handler serves still
 * gets its acknowledgement, so a client never waits on a call nobody will answer.
 */
export class LimitedIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly maxPayloadBytes: number,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    return super.createIOServer(port, { ...options, maxHttpBufferSize: this.maxPayloadBytes } as ServerOptions);
  }

  override bindMessageHandlers(socket: Socket, handlers: MessageMappingProperties[], transform: (data: unknown) => Observable<unknown>): void {
    super.bindMessageHandlers(socket, handlers, transform);
    const served = new Set(handlers.map((handler) => String(handler.message)));
    socket.onAny((event: unknown, ...args: unknown[]) => {
      const ack = args.at(-1);
      if (served.has(String(event)) || typeof ack !== 'function') return;
      (ack as (answer: unknown) => void)({ ok: false, error: { code: 'invalid', message: 'Unknown event' } });
    });
  }
}
