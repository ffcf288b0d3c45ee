import { ConfigError } from './config-error';

type Env = Record<string, string | undefined>;

/** The Graph API version Plaint speaks when PLAINT_META_GRAPH_URL does not say otherwise. */
export const DEFAULT_META_GRAPH_URL = 'https://graph.facebook.com/v24.0';

/** Approved WhatsApp templates by notice kind (event type, or "*") and language (az, ru, en). */
export type WhatsAppTemplates = Record<string, Record<string, string>>;

/** The Meta app: webhooks of WhatsApp Cloud API, Messenger and Instagram, and the Graph API. */
export interface MetaConfig {
  /** Signs every webhook POST (X-Hub-Signature-256); webhooks are refused without it. */
  appSecret: string | undefined;
  /** What Meta must present in the subscription handshake (hub.verify_token). */
  verifyToken: string | undefined;
  /** Base URL of the Graph API, version included, without a trailing slash. */
  graphUrl: string;
  /** Token for the WhatsApp Cloud API (a system user's); WhatsApp notices wait without it. */
  whatsappToken: string | undefined;
  /** Page access tokens by Facebook Page id or Instagram account id. */
  pageTokens: Record<string, string>;
  whatsappTemplates: WhatsAppTemplates;
  /** Largest media file downloaded from a customer's message. */
  maxMediaBytes: number;
  /** Largest webhook body taken. */
  maxWebhookBytes: number;
  /** How long one Graph API call (a media download included) may take. */
  requestTimeoutMs: number;
}

function secret(env: Env, name: string): string | undefined {
  return env[name]?.trim() || undefined;
}

function positive(env: Env, name: string, fallback: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) throw new ConfigError(name, `must be an integer from 1 to ${max}, got "${raw}"`);
  return value;
}

function graphUrl(env: Env): string {
  const raw = env.PLAINT_META_GRAPH_URL?.trim() || DEFAULT_META_GRAPH_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('PLAINT_META_GRAPH_URL', `is not a URL (expected e.g. ${DEFAULT_META_GRAPH_URL})`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError('PLAINT_META_GRAPH_URL', 'must be an http(s) URL');
  return raw.replace(/\/+$/, '');
}

/** A JSON object of strings, or of objects of strings one level down, as the variable's doc says. */
function jsonObject(env: Env, name: string, depth: 1 | 2): Record<string, unknown> {
  const raw = env[name]?.trim();
  if (!raw) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ConfigError(name, 'is not valid JSON');
  }
  const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
  const isStrings = (value: unknown) => isObject(value) && Object.values(value).every((item) => typeof item === 'string' && item.trim() !== '');
  const valid = isObject(parsed) && (depth === 1 ? isStrings(parsed) : Object.values(parsed).every(isStrings));
  if (!valid) {
    const shape = depth === 1 ? '{"<id>": "<token>"}' : '{"<notice kind>": {"<language>": "<template name>"}}';
    throw new ConfigError(name, `must be a JSON object like ${shape}`);
  }
  return parsed as Record<string, unknown>;
}

export function metaConfig(env: Env): MetaConfig {
  return {
    appSecret: secret(env, 'PLAINT_META_APP_SECRET'),
    verifyToken: secret(env, 'PLAINT_META_VERIFY_TOKEN'),
    graphUrl: graphUrl(env),
    whatsappToken: secret(env, 'PLAINT_META_WHATSAPP_TOKEN'),
    pageTokens: jsonObject(env, 'PLAINT_META_PAGE_TOKENS', 1) as Record<string, string>,
    whatsappTemplates: jsonObject(env, 'PLAINT_META_WHATSAPP_TEMPLATES', 2) as WhatsAppTemplates,
    maxMediaBytes: positive(env, 'PLAINT_META_MAX_MEDIA_BYTES', 25 * 1024 * 1024, 100 * 1024 * 1024),
    maxWebhookBytes: positive(env, 'PLAINT_META_MAX_WEBHOOK_BYTES', 1024 * 1024, 10 * 1024 * 1024),
    requestTimeoutMs: positive(env, 'PLAINT_META_REQUEST_TIMEOUT_MS', 15_000, 120_000),
  };
}
