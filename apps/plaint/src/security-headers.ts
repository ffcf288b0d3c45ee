import type { NextFunction, Request, Response } from 'express';
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
export function securityHeaders(config: PlaintConfig) {
  const strict = contentSecurityPolicy(config, false);
  const openApi = contentSecurityPolicy(config, true);
  return (request: Request, response: Response, next: NextFunction): void => {
    response.setHeader('Content-Security-Policy', request.path.startsWith(`/${OPENAPI_PATH}`) ? openApi : strict);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('X-Frame-Options', 'DENY');
    response.setHeader('Referrer-Policy', 'no-referrer');
    next();
  };
}
