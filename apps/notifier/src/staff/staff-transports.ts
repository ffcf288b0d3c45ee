import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { agentMessageId, agentReplyAddress, agentReplyToken, Clock } from '@plaint/domain';
import type { StaffNotificationEntity } from '@plaint/persistence';
import { TelegramBots } from '@plaint/telegram';
import type { DeliveryOutcome } from '../delivery/notice-transport';
import { noticeHtml } from '../email/render-email';
import { SmtpTransport } from '../email/smtp-transport';
import { parseStaffChat } from './staff-audience';
import { StaffTopics } from './staff-topics';

/** One message to staff as it goes out: a row, or a digest of several standing for them. */
export type StaffMessage = Pick<StaffNotificationEntity, 'id' | 'route' | 'recipient' | 'agentId' | 'complaintId' | 'reference' | 'kind' | 'subject' | 'text' | 'inReplyTo'>;

/** The staff side's port to one route; claiming, limits and outcomes are the staff delivery loop's. */
export interface StaffTransport {
  readonly route: StaffNotificationEntity['route'];
  readonly enabled: boolean;
  /** ok carries the id it went out as (Message-ID, Telegram message id). */
  send(message: StaffMessage): Promise<DeliveryOutcome>;
  close?(): void;
}

export const STAFF_TRANSPORTS = Symbol('STAFF_TRANSPORTS');

/**
 * Agents' notifications by e-mail from the care address. A reply goes to the care address with
 * the agent's reply token as its +tag, and names the token-carrying Message-ID, so ingest-email
 * knows it for that agent's answer about that complaint. Out-of-office responders are asked to
 * stay quiet (Exchange's X-Auto-Response-Suppress, Precedence: bulk for the others) without
 * marking the mail Auto-Submitted, which some clients and servers treat as not worth a reply.
 * A refusal to a sender answers in their thread and is marked an automatic reply.
 */
@Injectable()
export class StaffEmailTransport implements StaffTransport {
  readonly route = 'email' as const;
  private readonly smtp: SmtpTransport | undefined;

  constructor(@Inject(PLAINT_CONFIG) private readonly config: PlaintConfig) {
    this.smtp = config.mail.smtpUrl ? new SmtpTransport(config.mail.smtpUrl) : undefined;
  }

  get enabled(): boolean {
    return this.smtp !== undefined;
  }

  async send(message: StaffMessage): Promise<DeliveryOutcome> {
    if (!this.smtp) return { ok: false, permanent: false, reason: 'e-mail delivery is not configured' };
    const { from, messageIdDomain } = this.config.mail;
    const common = { from, to: message.recipient, subject: message.subject, text: message.text, html: noticeHtml(message.text, 'und') };
    if (message.agentId && message.reference) {
      const token = agentReplyToken(this.config.referenceSecret, message.reference, message.agentId);
      const messageId = agentMessageId(token, message.id, messageIdDomain);
      const outcome = await this.smtp.send({
        ...common,
        messageId,
        replyTo: agentReplyAddress(from.address, token),
        headers: { 'X-Auto-Response-Suppress': 'OOF, AutoReply', Precedence: 'bulk' },
      });
      return outcome.ok ? { ok: true, messageId } : outcome;
    }
    const messageId = `plaint-staff.${message.id}@${messageIdDomain}`;
    const answered = message.inReplyTo?.replace(/^<|>$/g, '');
    const outcome = await this.smtp.send({
      ...common,
      messageId,
      inReplyTo: answered,
      references: answered ? [answered] : undefined,
      autoSubmitted: 'auto-replied',
      headers: { 'X-Auto-Response-Suppress': 'All' },
    });
    return outcome.ok ? { ok: true, messageId } : outcome;
  }

  close(): void {
    this.smtp?.close();
  }
}

/** Direct messages to agents (and answers to a chat or topic a refused command came from). */
@Injectable()
export class StaffTelegramTransport implements StaffTransport {
  readonly route = 'telegram' as const;

  constructor(private readonly bots: TelegramBots) {}

  get enabled(): boolean {
    return this.bots.all().length > 0;
  }

  send(message: StaffMessage): Promise<DeliveryOutcome> {
    const chat = parseStaffChat(message.recipient);
    const bot = chat && this.bots.get(chat.bot);
    if (!chat || !bot) return Promise.resolve({ ok: false, permanent: true, reason: `no configured Telegram bot for "${message.recipient}"` });
    return bot.messenger.send(chat.chatId, message.text, { threadId: chat.threadId, replyToMessageId: message.inReplyTo ?? undefined });
  }
}

/** Posts in the complaint's topic of the care team's group, opening it with the first post. */
@Injectable()
export class StaffGroupTransport implements StaffTransport {
  readonly route = 'staff-group' as const;
  private readonly topics: StaffTopics;

  constructor(
    private readonly bots: TelegramBots,
    @InjectDataSource() dataSource: DataSource,
    clock: Clock,
  ) {
    this.topics = new StaffTopics(dataSource, bots, clock);
  }

  get enabled(): boolean {
    return this.bots.all().length > 0;
  }

  async send(message: StaffMessage): Promise<DeliveryOutcome> {
    const chat = parseStaffChat(message.recipient);
    const bot = chat && this.bots.get(chat.bot);
    if (!chat || !bot || !message.complaintId || !message.reference) {
      return { ok: false, permanent: true, reason: `no configured Telegram bot or complaint for "${message.recipient}"` };
    }
    const topic = await this.topics.threadOf({ id: message.complaintId, reference: message.reference }, chat.bot, chat.chatId, message.subject);
    if (!topic.ok) return topic;
    return bot.messenger.send(chat.chatId, message.text, { threadId: topic.threadId });
  }
}
