import type { NextFunction, Request, Response } from 'express';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { PlaintConfig } from '@plaint/config';
import { OPENAPI_PATH } from './openapi';

/** http(s)://chat.example.com → the origin and its socket twin (ws(s)://…), for the CSP. */
function chatSources(publicChatUrl: string | undefined): string[] {
  if (!publicChatUrl) return [];
  const origin = new URL(publicChatUrl).origin;
  return [origin, origin.replace(/^http/, 'ws')];
}

/**
 * The Content-Security-Policy of everything we serve. The customer page has no inline script,
 * style or handler, so scripts and styles come from our own files only; the chat widget loads
 * socket.io from, and connects to, PLAINT_PUBLIC_CHAT_URL when the chat lives elsewhere. The
 * OpenAPI page (Swagger UI) sets style attributes, so it alone may use inline styles.
 */
export function contentSecurityPolicy(config: PlaintConfig, inlineStyles: boolean): string {
  const chat = chatSources(config.publicChatUrl);
  return [
    "default-src 'self'",
    ["script-src 'self'", ...chat].join(' '),
    `style-src 'self'${inlineStyles ? " 'unsafe-inline'" : ''}`,
    "img-src 'self' data:",
    ["connect-src 'self'", ...chat].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers every answer carries: the CSP, no MIME sniffing, no framing, no referrer leaks. */
function headerSetter(config: PlaintConfig): (path: string, response: ServerResponse) => void {
  const strict = contentSecurityPolicy(config, false);
  const openApi = contentSecurityPolicy(config, true);
  return (path, response) => {
    response.setHeader('Content-Security-Policy', path.startsWith(`/${OPENAPI_PATH}`) ? openApi : strict);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('X-Frame-Options', 'DENY');
    response.setHeader('Referrer-Policy', 'no-referrer');
  };
}

/** The headers as express middleware: every answer of the app, refusals of bad bodies included. */
export function securityHeaders(config: PlaintConfig) {
  const set = headerSetter(config);
  return (request: Request, response: Response, next: NextFunction): void => {
    set(request.path, response);
    next();
  };
}

/**
 * The headers on answers the app never sees: socket.io serves its script, its handshake and its
 * refusals (an unknown transport, a foreign origin) from the HTTP server before express. Call
 * once socket.io is attached (after `app.init()`): it keeps the request listeners it found, so
 * this one goes first, and the headers set here stay on whatever answer follows.
 */
export function securityHeadersOnServer(server: Server, config: PlaintConfig): void {
  const set = headerSetter(config);
  server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => set(request.url ?? '/', response));
}
