import { Inject, Injectable } from '@nestjs/common';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { Clock } from '@plaint/domain';
import type { NoticeEntity } from '@plaint/persistence';
import type { DeliveryOutcome, NoticeTransport } from '../delivery/notice-transport';
import { GraphClient } from '@plaint/meta';
import { parseConversation } from '@plaint/meta';
import { splitText, type TextUnit } from '@plaint/contracts';
import { cannotSend, sendParts } from './send-parts';
import { serviceWindow } from './service-window';

/** The Send API's answer. */
interface SentMessage {
  message_id?: string;
}

/** An answer written by an agent: the one kind of notice the HUMAN_AGENT tag may carry. */
const AGENT_REPLY = 'complaint.reply';

/**
 * Notices by the Send API of a Page (Messenger) or of an Instagram account, to the conversation
 * the customer opened (replyTo `<page or account id>:<PSID or IGSID>`), with that Page's token.
 * Within 24 hours of the customer's last message any notice goes; for 7 days after, only an
 * agent's reply, tagged HUMAN_AGENT as Meta's policy requires; any other notice fails here with
 * the reason, and the delivery loop tries the customer's next route.
 */
abstract class PageNoticeTransport implements NoticeTransport {
  abstract readonly route: 'messenger' | 'instagram';
  protected abstract readonly platform: string;
  protected abstract readonly maxText: number;
  protected readonly textUnit: TextUnit = 'chars';

  constructor(
    private readonly graph: GraphClient,
    private readonly clock: Clock,
    private readonly config: PlaintConfig,
  ) {}

  get enabled(): boolean {
    return Object.keys(this.config.meta.pageTokens).length > 0;
  }

  async send(notice: NoticeEntity): Promise<DeliveryOutcome> {
    const address = parseConversation(notice.recipient ?? '');
    if (!address) return cannotSend(`"${notice.recipient}" is not a ${this.platform} conversation (<page id>:<user id>)`);
    const token = this.config.meta.pageTokens[address.businessId];
    if (!token) return cannotSend(`no access token is configured for the ${this.platform} account ${address.businessId} (PLAINT_META_PAGE_TOKENS)`);
    const window = serviceWindow(notice.customerWroteAt, this.clock.now());
    let kind: object;
    if (window === 'open') kind = { messaging_type: 'RESPONSE' };
    else if (window === 'human-agent' && notice.eventType === AGENT_REPLY) kind = { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' };
    else {
      const allowed = window === 'human-agent' ? 'only an agent’s reply may go (tagged HUMAN_AGENT) until 7 days after' : 'nothing may go after 7 days';
      return cannotSend(`the customer last wrote more than 24 hours ago; ${this.platform} takes no automatic notice then, and ${allowed}`);
    }
    const messages = splitText(notice.text, this.maxText, this.textUnit).map((text) => ({ recipient: { id: address.customerId }, ...kind, message: { text } }));
    return sendParts(this.platform, messages, async (message) => (await this.graph.post<SentMessage>('me/messages', token, message)).message_id);
  }
}

@Injectable()
export class MessengerNoticeTransport extends PageNoticeTransport {
  readonly route = 'messenger' as const;
  protected readonly platform = 'Messenger';
  /** The Send API's limit on a text. */
  protected readonly maxText = 2000;

  constructor(graph: GraphClient, clock: Clock, @Inject(PLAINT_CONFIG) config: PlaintConfig) {
    super(graph, clock, config);
  }
}

@Injectable()
export class InstagramNoticeTransport extends PageNoticeTransport {
  readonly route = 'instagram' as const;
  protected readonly platform = 'Instagram';
  /** Instagram messaging's limit on a text, in UTF-8 bytes. */
  protected readonly maxText = 1000;
  protected override readonly textUnit = 'bytes';

  constructor(graph: GraphClient, clock: Clock, @Inject(PLAINT_CONFIG) config: PlaintConfig) {
    super(graph, clock, config);
  }
}
