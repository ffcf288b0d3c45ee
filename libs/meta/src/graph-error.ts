/** How long to wait after a rate limit when Meta does not say. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

/** Graph API error codes that mean "too many calls" (app, page, number or pair rate limits). */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613, 80007, 130429, 131056]);
/** Codes Meta documents as temporary ("try again later", service unavailable). */
const TEMPORARY_CODES = new Set([1, 2, 131000, 131016, 133004]);
/** The access token or the app's permission was refused: the operator must act; notices wait meanwhile. */
const ACCESS_CODES = new Set([10, 102, 190, 200, 230]);

/** Why a Graph API call failed, as Meta said it (`{ error: { message, code, error_subcode } }`). */
export class GraphError extends Error {
  override readonly name = 'GraphError';

  constructor(
    message: string,
    /** The HTTP status; undefined when no answer came (network, timeout). */
    readonly status: number | undefined,
    readonly code?: number,
    readonly subcode?: number,
    private readonly retryAfterHeaderMs?: number,
  ) {
    super(message);
  }

  get rateLimited(): boolean {
    return this.status === 429 || (this.code !== undefined && RATE_LIMIT_CODES.has(this.code));
  }

  /** Worth trying again: no answer, a server error, a rate limit, or a code Meta calls temporary. */
  get temporary(): boolean {
    if (this.status === undefined || this.status >= 500 || this.rateLimited) return true;
    if (this.code === undefined) return false;
    // Code 10 with a window subcode is Messenger's "outside of allowed window": permanent.
    if (this.code === 10 && this.subcode !== undefined) return false;
    return TEMPORARY_CODES.has(this.code) || ACCESS_CODES.has(this.code);
  }

  /** When to try again after a rate limit. */
  get retryAfterMs(): number | undefined {
    if (!this.rateLimited) return undefined;
    return this.retryAfterHeaderMs ?? DEFAULT_RATE_LIMIT_WAIT_MS;
  }

  /** For agents and logs: Meta's words and code, never the request (it holds the token). */
  get reason(): string {
    const code = this.code === undefined ? '' : ` (code ${this.code}${this.subcode === undefined ? '' : `/${this.subcode}`})`;
    return `${this.message}${code}`.slice(0, 450);
  }
}

/** Reads Graph's error body; anything else becomes a plain HTTP error. */
export function graphErrorOf(status: number, body: unknown, retryAfter: string | null): GraphError {
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  const fields = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  const number = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) ? value : undefined);
  const detail = typeof (fields.error_data as { details?: unknown } | undefined)?.details === 'string' ? `: ${(fields.error_data as { details: string }).details}` : '';
  const message = typeof fields.message === 'string' ? `${fields.message}${detail}` : `the Graph API answered HTTP ${status}`;
  const seconds = retryAfter !== null && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) * 1000 : undefined;
  return new GraphError(message, status, number(fields.code), number(fields.error_subcode), seconds);
}
