import { Inject, Injectable, Logger } from '@nestjs/common';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import type { AttachmentRefV1 } from '@plaint/contracts';
import { RawMessageStore } from '@plaint/persistence';
import { type Download, GraphClient } from '@plaint/meta';
import type { MetaMediaRef } from './meta-update';

/** What became of a message's files: the stored ones, and a line for each that could not be fetched. */
export interface FetchedMedia {
  attachments: AttachmentRefV1[];
  failures: string[];
}

/** WhatsApp's answer to GET /{media-id}. */
interface WhatsAppMediaUrl {
  url?: string;
  mime_type?: string;
}

/**
 * Fetches the files of a customer's message from Meta into the blob store, so the bus carries
 * references only. A file that cannot be fetched (too large, gone, Meta unreachable) does not
 * cost the message: its words go on, with a line saying which file is missing and why.
 */
@Injectable()
export class MediaFiles {
  private readonly logger = new Logger(MediaFiles.name);

  constructor(
    private readonly graph: GraphClient,
    private readonly store: RawMessageStore,
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
  ) {}

  async fetch(media: readonly MetaMediaRef[]): Promise<FetchedMedia> {
    const fetched: FetchedMedia = { attachments: [], failures: [] };
    const results = await Promise.allSettled(media.map((ref) => this.fetchOne(ref)));
    results.forEach((result, index) => {
      if (result.status === 'fulfilled') {
        fetched.attachments.push(result.value);
        return;
      }
      const reason = (result.reason as Error).message;
      this.logger.warn(`the ${media[index]!.label} of a message could not be downloaded: ${reason}`);
      fetched.failures.push(`[The ${media[index]!.label} sent with this message could not be downloaded: ${reason}]`);
    });
    return fetched;
  }

  private async fetchOne(ref: MetaMediaRef): Promise<AttachmentRefV1> {
    const download = await this.download(ref);
    const stored = await this.store.put(download.bytes, 'attachment');
    const contentType = (download.contentType ?? (ref.source === 'whatsapp-media' ? ref.contentType : undefined) ?? 'application/octet-stream').slice(0, 200);
    return { uri: stored.uri, filename: (ref.filename ?? filenameOf(ref.label, contentType)).slice(0, 300), contentType, size: stored.size, sha256: stored.sha256 };
  }

  private async download(ref: MetaMediaRef): Promise<Download> {
    const { maxMediaBytes, whatsappToken } = this.config.meta;
    if (ref.source === 'url') return this.graph.download(ref.url, undefined, maxMediaBytes);
    if (!whatsappToken) throw new Error('no WhatsApp access token is configured (PLAINT_META_WHATSAPP_TOKEN)');
    const media = await this.graph.get<WhatsAppMediaUrl>(encodeURIComponent(ref.mediaId), whatsappToken);
    if (!media.url) throw new Error('the Graph API gave no URL for the file');
    const download = await this.graph.download(media.url, whatsappToken, maxMediaBytes);
    return { bytes: download.bytes, contentType: media.mime_type ?? download.contentType };
  }
}

/** "image" and image/jpeg give image.jpeg. */
function filenameOf(label: string, contentType: string): string {
  const subtype = /^[a-z]+\/([a-z0-9.+-]+)/i.exec(contentType)?.[1];
  return subtype ? `${label}.${subtype.split('+')[0]}` : label;
}
