import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Server, ServerOptions } from 'socket.io';

/**
 * socket.io with the edge's size limit: a payload larger than a JSON body may be is refused by
 * the transport (the connection closes) before it is parsed, let alone handled.
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
}
