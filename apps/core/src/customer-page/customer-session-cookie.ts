import type { CookieOptions, Request, Response } from 'express';

/** The cookie that carries a signed-in customer's session token (docs/my-complaints.md). */
export const SESSION_COOKIE = 'plaint_customer';

/** Only the customer API's routes get it: the page's files, the chat and the agent API never see it. */
export const CUSTOMER_API_PATH = '/api/v1/customer';

/** The session token a request carries in its cookie, or undefined. */
export function sessionTokenOf(request: Request): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const equals = pair.indexOf('=');
    if (equals === -1) continue;
    if (pair.slice(0, equals).trim() === SESSION_COOKIE) return pair.slice(equals + 1).trim();
  }
  return undefined;
}

/**
 * HttpOnly: no script on the page can read it, so a script injected into it cannot carry the
 * session off. SameSite=Strict: no other site's page can make the browser send it. Secure where
 * the page is served over HTTPS (PLAINT_CUSTOMER_PAGE_URL), or the request came over it.
 */
function options(request: Request, secure: boolean): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure: secure || request.secure, path: CUSTOMER_API_PATH };
}

export function setSessionCookie(request: Request, response: Response, token: string, expiresAt: Date, secure: boolean): void {
  response.cookie(SESSION_COOKIE, token, { ...options(request, secure), expires: expiresAt });
}

export function clearSessionCookie(request: Request, response: Response, secure: boolean): void {
  response.clearCookie(SESSION_COOKIE, options(request, secure));
}
