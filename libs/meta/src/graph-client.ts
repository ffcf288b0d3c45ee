import { Inject, Injectable } from '@nestjs/common';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { GraphError, graphErrorOf } from './graph-error';

/** A downloaded file. */
export interface Download {
  bytes: Buffer;
  contentType: string | undefined;
}

/**
 * The Graph API calls Plaint makes (send a message, look up a media file, download it), at the
 * configured base URL. Every failure is a GraphError carrying Meta's code; tokens never appear
 * in an error or a log.
 */
@Injectable()
export class GraphClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(@Inject(PLAINT_CONFIG) config: PlaintConfig) {
    this.baseUrl = config.meta.graphUrl;
    this.timeoutMs = config.meta.requestTimeoutMs;
  }

  post<T>(path: string, token: string, body: unknown): Promise<T> {
    return this.json<T>(path, token, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  }

  get<T>(path: string, token: string): Promise<T> {
    return this.json<T>(path, token, { method: 'GET' });
  }

  /** Downloads `url` (a Graph media URL with a token, or an attachment URL without), refusing more than `maxBytes`. */
  async download(url: string, token: string | undefined, maxBytes: number): Promise<Download> {
    const response = await this.call(url, token, { method: 'GET' });
    if (!response.ok) throw await this.errorOf(response);
    const declared = Number(response.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      await response.body?.cancel();
      throw new GraphError(`the file is larger than the ${maxBytes}-byte limit`, response.status);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body ?? []) {
      size += (chunk as Uint8Array).length;
      if (size > maxBytes) throw new GraphError(`the file is larger than the ${maxBytes}-byte limit`, response.status);
      chunks.push(Buffer.from(chunk as Uint8Array));
    }
    return { bytes: Buffer.concat(chunks), contentType: response.headers.get('content-type') ?? undefined };
  }

  private async json<T>(path: string, token: string, init: RequestInit): Promise<T> {
    const response = await this.call(`${this.baseUrl}/${path.replace(/^\/+/, '')}`, token, init);
    if (!response.ok) throw await this.errorOf(response);
    try {
      return (await response.json()) as T;
    } catch {
      throw new GraphError('the Graph API answered with something other than JSON', response.status);
    }
  }

  private async call(url: string, token: string | undefined, init: RequestInit): Promise<Response> {
    const headers = new Headers(init.headers);
    if (token) headers.set('authorization', `Bearer ${token}`);
    try {
      return await fetch(url, { ...init, headers, redirect: 'follow', signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      const cause = (error as Error).name === 'TimeoutError' ? `no answer within ${this.timeoutMs} ms` : (error as Error).message;
      throw new GraphError(`the Graph API could not be reached: ${cause}`, undefined);
    }
  }

  private async errorOf(response: Response): Promise<GraphError> {
    const body: unknown = await response.json().catch(() => undefined);
    return graphErrorOf(response.status, body, response.headers.get('retry-after'));
  }
}
