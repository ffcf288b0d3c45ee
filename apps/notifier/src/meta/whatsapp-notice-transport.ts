import { Inject, Injectable } from '@nestjs/common';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { Clock } from '@plaint/domain';
import type { NoticeEntity } from '@plaint/persistence';
import type { DeliveryOutcome, NoticeTransport } from '../delivery/notice-transport';
import { GraphClient } from '@plaint/meta';
import { parseConversation } from '@plaint/meta';
import { splitText } from '@plaint/contracts';
import { cannotSend, sendParts } from './send-parts';
import { serviceWindow } from './service-window';

/** WhatsApp's limit on a text message's body. */
const MAX_TEXT = 4096;

/** The Cloud API's answer to POST /{phone-number-id}/messages. */
interface SentMessage {
  messages?: { id?: string }[];
}

/**
 * Notices by WhatsApp, from the number the customer wrote to (replyTo `<phone_number_id>:<wa_id>`).
 * Within 24 hours of the customer's last message the notice's own text goes; after that only an
 * approved template may, so the one configured for the notice's kind and language goes, with
 * the complaint reference as its variable; with none configured the notice fails here, with the
 * reason, and the delivery loop tries the customer's next route.
 */
@Injectable()
export class WhatsAppNoticeTransport implements NoticeTransport {
  readonly route = 'whatsapp' as const;

  constructor(
    private readonly graph: GraphClient,
    private readonly clock: Clock,
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
  ) {}

  get enabled(): boolean {
    return this.config.meta.whatsappToken !== undefined;
  }

  async send(notice: NoticeEntity): Promise<DeliveryOutcome> {
    const token = this.config.meta.whatsappToken;
    const address = parseConversation(notice.recipient ?? '');
    if (!token) return { ok: false, permanent: false, reason: 'no WhatsApp access token is configured (PLAINT_META_WHATSAPP_TOKEN)' };
    if (!address) return cannotSend(`"${notice.recipient}" is not a WhatsApp conversation (<phone number id>:<wa_id>)`);
    const to = address.customerId;
    const messages = this.messagesFor(notice, to);
    if (typeof messages === 'string') return cannotSend(messages);
    return sendParts('WhatsApp', messages, async (message) => {
      const sent = await this.graph.post<SentMessage>(`${encodeURIComponent(address.businessId)}/messages`, token, message);
      return sent.messages?.[0]?.id;
    });
  }

  /** The Cloud API messages for this notice, or why none may go. */
  private messagesFor(notice: NoticeEntity, to: string): object[] | string {
    const base = { messaging_product: 'whatsapp', recipient_type: 'individual', to };
    if (serviceWindow(notice.customerWroteAt, this.clock.now()) === 'open') {
      return splitText(notice.text, MAX_TEXT).map((body) => ({ ...base, type: 'text', text: { preview_url: false, body } }));
    }
    const templates = this.config.meta.whatsappTemplates;
    const name = templates[notice.eventType]?.[notice.language] ?? templates['*']?.[notice.language];
    if (!name) {
      return `the customer last wrote more than 24 hours ago, when WhatsApp takes only an approved template, and none is configured for ${notice.eventType} in "${notice.language}" (PLAINT_META_WHATSAPP_TEMPLATES)`;
    }
    const components = notice.reference ? [{ type: 'body', parameters: [{ type: 'text', text: notice.reference }] }] : [];
    return [{ ...base, type: 'template', template: { name, language: { policy: 'deterministic', code: notice.language }, components } }];
  }
}
