import { ConfigError } from './config-error';

type Env = Record<string, string | undefined>;
type IntegerReader = (name: string, fallback: number, min: number, max: number) => number;

/** The customer's own page, "my complaints" (docs/my-complaints.md). */
export interface CustomerPageConfig {
  /**
   * The page's public address, which sign-in links open (the token goes in its fragment). Unset:
   * sign-in links are off, and asking for one answers 503.
   */
  pageUrl: string | undefined;
  /** Cookies only over HTTPS: the page's address is https://. */
  secureCookie: boolean;
  /** How long a sign-in link opens the page; it opens it once. */
  linkTtlMinutes: number;
  /** How long a session lasts from sign-in (signing out or an erasure ends it sooner). */
  sessionTtlMinutes: number;
  /** Links issued for one contact in an hour, whatever the instance: more are not sent (the answer stays the same). */
  linksPerContactPerHour: number;
}

/** The page is served by ingest-web as a file beside the customer page. */
export const CUSTOMER_PAGE_FILE = 'my-complaints.html';

function pageUrl(env: Env, port: number, embedded: boolean): string | undefined {
  const raw = env.PLAINT_CUSTOMER_PAGE_URL?.trim();
  if (!raw) {
    // The one-process install serves the page itself; a test or host on "any free port" must say where.
    return embedded && port !== 0 ? `http://localhost:${port}/${CUSTOMER_PAGE_FILE}` : undefined;
  }
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.hash || url.username || url.password) {
    throw new ConfigError('PLAINT_CUSTOMER_PAGE_URL', `must be the page's http:// or https:// address without a #fragment, e.g. https://care.example.az/${CUSTOMER_PAGE_FILE}; got "${raw}"`);
  }
  return url.toString();
}

/** PLAINT_CUSTOMER_*: sign-in links and sessions of the customer's own page. */
export function customerPageConfig(env: Env, integer: IntegerReader, port: number, embedded: boolean): CustomerPageConfig {
  const url = pageUrl(env, port, embedded);
  return {
    pageUrl: url,
    secureCookie: url?.startsWith('https:') ?? false,
    linkTtlMinutes: integer('PLAINT_CUSTOMER_LINK_TTL_MINUTES', 15, 1, 24 * 60),
    sessionTtlMinutes: integer('PLAINT_CUSTOMER_SESSION_TTL_MINUTES', 30, 1, 24 * 60),
    linksPerContactPerHour: integer('PLAINT_CUSTOMER_LINKS_PER_CONTACT_PER_HOUR', 5, 1, 1_000),
  };
}
