import type { IncomingMessage } from 'node:http';
import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import type { Observable } from 'rxjs';
import type { Server, ServerOptions, Socket } from 'socket.io';

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

export interface ChatSocketLimits {
  /** Origins a browser page may connect from besides the page's own. */
  allowedOrigins: readonly string[];
  /** Largest payload the transport takes; a larger one closes the connection before parsing. */
  maxPayloadBytes: number;
}

/**
 * socket.io at the edge: the origin check (cross-origin CORS answers only for the configured
 * origins), a payload size cap enforced by the transport, and an acknowledgement even for a call
 * to an event no handler serves, so a client never waits on a call nobody will answer.
 */
export class ChatIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly limits: ChatSocketLimits,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const { allowedOrigins, maxPayloadBytes } = this.limits;
    return super.createIOServer(port, {
      ...options,
      maxHttpBufferSize: maxPayloadBytes,
      cors: { origin: allowedOrigins.length > 0 ? [...allowedOrigins] : false },
      allowRequest: (request, callback) => {
        const allowed = originAllowed(request, allowedOrigins);
        callback(allowed ? null : 'origin not allowed', allowed);
      },
    } as ServerOptions);
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
