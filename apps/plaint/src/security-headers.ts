import type { NextFunction, Request, Response } from 'express';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { PlaintConfig } from '@plaint/config';
import { COMPLIANCE_REPORT_STYLE_SOURCE } from '../../core/src/reports/compliance-report-html';
import { WIDGET_FRAME_PATH } from '../../ingest-web/src/chat-widget';
import { DESK_PATH } from './desk-assets';
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
 * OpenAPI page (Swagger UI) sets style attributes, so it alone may use inline styles. The desk
 * opens the printable compliance report it fetched with its token as a blob document, which
 * takes the desk's policy: the desk's allows that report's one inline stylesheet by its hash
 * (apps/core/src/reports/compliance-report-html.ts), and no other. No page may frame ours,
 * except the chat widget's frame, which the sites in PLAINT_WIDGET_ALLOWED_ORIGINS embed
 * (docs/chat-widget.md).
 */
export function contentSecurityPolicy(
  config: PlaintConfig,
  options: { inlineStyles?: boolean; styleSources?: readonly string[]; frameAncestors?: readonly string[] } = {},
): string {
  const chat = chatSources(config.publicChatUrl);
  const ancestors = options.frameAncestors?.length ? options.frameAncestors : ["'none'"];
  // A hash source would switch 'unsafe-inline' off, so the two never go together.
  const styles = options.inlineStyles ? ["'unsafe-inline'"] : (options.styleSources ?? []);
  return [
    "default-src 'self'",
    ["script-src 'self'", ...chat].join(' '),
    ["style-src 'self'", ...styles].join(' '),
    "img-src 'self' data:",
    ["connect-src 'self'", ...chat].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    ['frame-ancestors', ...ancestors].join(' '),
  ].join('; ');
}

/**
 * The headers of an answer by its path (a query is ignored): the CSP, no MIME sniffing, no
 * referrer leaks, and no framing but the widget frame's. X-Frame-Options cannot name sites, so
 * the widget frame goes without it and frame-ancestors alone says who may embed it. A path
 * spelled otherwise (`//widget-frame.html`, percent-encoded) gets the strict headers: a request
 * that does not name the frame exactly cannot be framed.
 */
export function headerSetter(config: PlaintConfig): (path: string, response: Pick<ServerResponse, 'setHeader' | 'removeHeader'>) => void {
  const strict = contentSecurityPolicy(config);
  const openApi = contentSecurityPolicy(config, { inlineStyles: true });
  const widgetFrame = contentSecurityPolicy(config, { frameAncestors: ["'self'", ...config.edge.widgetAllowedOrigins] });
  const desk = contentSecurityPolicy(config, { styleSources: [COMPLIANCE_REPORT_STYLE_SOURCE] });
  const policyOf = (pathname: string): string => {
    if (pathname === WIDGET_FRAME_PATH) return widgetFrame;
    if (pathname.startsWith(`/${OPENAPI_PATH}`)) return openApi;
    return pathname === DESK_PATH || pathname.startsWith(`${DESK_PATH}/`) ? desk : strict;
  };
  return (path, response) => {
    const pathname = path.split('?', 1)[0] ?? path;
    const frame = pathname === WIDGET_FRAME_PATH;
    response.setHeader('Content-Security-Policy', policyOf(pathname));
    response.setHeader('X-Content-Type-Options', 'nosniff');
    if (frame) response.removeHeader('X-Frame-Options');
    else response.setHeader('X-Frame-Options', 'DENY');
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
