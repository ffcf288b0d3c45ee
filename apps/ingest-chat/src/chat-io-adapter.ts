import type { IncomingMessage } from 'node:http';
import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Server, ServerOptions } from 'socket.io';

/**
 * Whether a browser on the request's Origin may open the chat socket: the page's own origin (its
 * host is the Host the request was sent to), or one of PLAINT_CHAT_ALLOWED_ORIGINS. A request
 * without Origin comes from no browser page (a server or an app) and is let through: the check
 * keeps other sites' pages from driving a visitor's browser, it does not authenticate.
 */
export function originAllowed(request: IncomingMessage, allowedOrigins: readonly string[]): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (allowedOrigins.includes(origin)) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/** socket.io with the origin check; cross-origin CORS answers only for the configured origins. */
export class ChatIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly allowedOrigins: readonly string[],
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    return super.createIOServer(port, {
      ...options,
      cors: { origin: this.allowedOrigins.length > 0 ? [...this.allowedOrigins] : false },
      allowRequest: (request, callback) => {
        const allowed = originAllowed(request, this.allowedOrigins);
        callback(allowed ? null : 'origin not allowed', allowed);
      },
    } as ServerOptions);
  }
}
