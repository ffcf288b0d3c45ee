import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The Graph API version the fake answers under, as a real base URL names one. */
export const FAKE_GRAPH_VERSION = 'v24.0';

/** One request the fake was sent. */
export interface GraphCall {
  method: string;
  /** Without the version: /123/messages, /me/messages, /media-id. */
  path: string;
  authorization: string | undefined;
  body: Record<string, unknown> | undefined;
}

/** A Graph API error the next send answers with, as Meta shapes it. */
export interface ScriptedError {
  status: number;
  code: number;
  subcode?: number;
  message: string;
  retryAfterSeconds?: number;
}

interface StoredFile {
  bytes: Buffer;
  contentType: string;
}

/**
 * A local stand-in for Meta's Graph API speaking the calls Plaint makes, with the payloads of
 * Meta's documentation: POST /{phone-number-id}/messages (WhatsApp Cloud API), POST /me/messages
 * (Messenger and Instagram Send API), GET /{media-id} and the media URL it gives, and attachment
 * URLs on a CDN path. Every call is recorded; sends can be told to fail.
 */
export class FakeMetaGraph {
  readonly calls: GraphCall[] = [];
  private readonly media = new Map<string, StoredFile & { broken?: boolean }>();
  private readonly cdn = new Map<string, StoredFile>();
  private readonly failures: ScriptedError[] = [];
  private sequence = 0;

  private constructor(
    private readonly server: Server,
    readonly origin: string,
    private readonly token: { whatsapp: string; pages: string[] },
  ) {}

  static async start(token: { whatsapp: string; pages: string[] }): Promise<FakeMetaGraph> {
    const handlers: { handle?: (req: IncomingMessage, res: ServerResponse) => Promise<void> } = {};
    const server = createServer((req, res) => void handlers.handle?.(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const fake = new FakeMetaGraph(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, token);
    handlers.handle = (req, res) => fake.handle(req, res);
    return fake;
  }

  /** What PLAINT_META_GRAPH_URL points at. */
  get url(): string {
    return `${this.origin}/${FAKE_GRAPH_VERSION}`;
  }

  /** A WhatsApp media file; `broken` makes its download answer 404 (expired, as media URLs do after 5 minutes). */
  addWhatsAppMedia(id: string, bytes: Buffer, contentType: string, options: { broken?: boolean } = {}): void {
    this.media.set(id, { bytes, contentType, ...options });
  }

  /** A Messenger / Instagram attachment; returns its URL. */
  addAttachment(name: string, bytes: Buffer, contentType: string): string {
    this.cdn.set(name, { bytes, contentType });
    return `${this.origin}/cdn/${name}`;
  }

  /** The next sends answer these errors, in order. */
  failNextSends(...errors: ScriptedError[]): void {
    this.failures.push(...errors);
  }

  /** The message sends (accepted or not), in order. */
  sends(): GraphCall[] {
    return this.calls.filter((call) => call.method === 'POST' && call.path.endsWith('/messages'));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const versioned = url.pathname.startsWith(`/${FAKE_GRAPH_VERSION}/`);
    const path = versioned ? url.pathname.slice(FAKE_GRAPH_VERSION.length + 1) : url.pathname;
    const call: GraphCall = { method: req.method ?? 'GET', path, authorization: req.headers.authorization, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
    this.calls.push(call);

    if (path.startsWith('/cdn/')) return this.file(res, this.cdn.get(path.slice(5)));
    if (path.startsWith('/whatsapp-media/')) {
      const media = this.media.get(decodeURIComponent(path.slice(16)));
      if (call.authorization !== `Bearer ${this.token.whatsapp}`) return this.error(res, { status: 401, code: 190, message: 'Invalid OAuth access token.' });
      return this.file(res, media?.broken ? undefined : media);
    }
    if (!versioned) return this.error(res, { status: 404, code: 803, message: 'Unknown path' });
    const [, id, edge] = path.split('/');
    if (call.method === 'POST' && edge === 'messages') return this.send(res, call, id!);
    if (call.method === 'GET' && id && !edge) return this.mediaUrl(res, call, decodeURIComponent(id));
    return this.error(res, { status: 400, code: 100, message: 'Unsupported request' });
  }

  private send(res: ServerResponse, call: GraphCall, id: string): void {
    const whatsapp = id !== 'me';
    const allowed = whatsapp ? [this.token.whatsapp] : this.token.pages;
    if (!allowed.some((token) => call.authorization === `Bearer ${token}`)) return this.error(res, { status: 401, code: 190, message: 'Invalid OAuth access token.' });
    const failure = this.failures.shift();
    if (failure) return this.error(res, failure);
    this.sequence += 1;
    if (whatsapp) {
      const to = String(call.body?.to);
      return this.json(res, 200, { messaging_product: 'whatsapp', contacts: [{ input: to, wa_id: to }], messages: [{ id: `wamid.fake${this.sequence}` }] });
    }
    const recipient = (call.body?.recipient as { id?: string } | undefined)?.id;
    return this.json(res, 200, { recipient_id: recipient, message_id: `m_fake${this.sequence}` });
  }

  private mediaUrl(res: ServerResponse, call: GraphCall, id: string): void {
    if (call.authorization !== `Bearer ${this.token.whatsapp}`) return this.error(res, { status: 401, code: 190, message: 'Invalid OAuth access token.' });
    const media = this.media.get(id);
    if (!media) return this.error(res, { status: 400, code: 100, subcode: 33, message: `Unsupported get request. Object with ID '${id}' does not exist` });
    this.json(res, 200, {
      messaging_product: 'whatsapp',
      url: `${this.origin}/whatsapp-media/${encodeURIComponent(id)}`,
      mime_type: media.contentType,
      sha256: createHash('sha256').update(media.bytes).digest('hex'),
      file_size: media.bytes.length,
      id,
    });
  }

  private file(res: ServerResponse, file: StoredFile | undefined): void {
    if (!file) return this.error(res, { status: 404, code: 100, message: 'The file is gone' });
    res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.bytes.length }).end(file.bytes);
  }

  private error(res: ServerResponse, error: ScriptedError): void {
    const headers: Record<string, string> = error.retryAfterSeconds !== undefined ? { 'retry-after': String(error.retryAfterSeconds) } : {};
    const body = { error: { message: error.message, type: 'OAuthException', code: error.code, ...(error.subcode !== undefined && { error_subcode: error.subcode }), fbtrace_id: 'AFakeTraceId' } };
    this.json(res, error.status, body, headers);
  }

  private json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  }
}
