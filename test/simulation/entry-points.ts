import { randomUUID } from 'node:crypto';
import { MessageBus } from '../../libs/bus/src';
import { INBOUND_TOPIC, type InboundMessageV1 } from '../../libs/contracts/src';
import { customerKey } from '../../libs/domain/src/customer-identity';
import type { RunningPlaint } from '../../apps/plaint/src/bootstrap';
import { ChatClient } from '../support/chat-client';
import type { PlannedComplaint } from './customer-model';

export const TELEGRAM_BOT = 'shop';
export const TELEGRAM_TOKEN = '123456:simulated-telegram-token';
export const TELEGRAM_SECRET = 'simulated-webhook-secret';

const SUBJECTS: Record<PlannedComplaint['language'], string> = { az: 'Şikayət', ru: 'Жалоба', en: 'Complaint' };

/** How the harness reaches the staff API: a bearer token per account, renewed on the virtual clock. */
export interface StaffApi {
  post(username: string, path: string, body: object): Promise<{ status: number; body: Record<string, unknown> }>;
  get(username: string, path: string): Promise<{ status: number; body: unknown }>;
}

/** Where a planned complaint lives in the product once it has been sent in. */
export interface SentComplaint {
  plan: PlannedComplaint;
  /** The chat conversation, e-mail thread or Telegram chat the customer writes on. */
  conversation: string;
  reference?: string;
}

/**
 * Sends complaints, answers and status requests in through the entry points the product offers:
 * the chat socket, the Telegram webhook, the call-me form and the staff intake over HTTP, and for
 * e-mail the inbound message the mailbox adapter publishes on the bus.
 */
export class EntryPoints {
  private telegramMessageId = 1;
  private telegramUpdateId = 1;

  constructor(
    private readonly plaint: RunningPlaint,
    private readonly staff: StaffApi,
    private readonly now: () => Date,
  ) {}

  async complain(plan: PlannedComplaint): Promise<SentComplaint> {
    switch (plan.channel) {
      case 'chat': {
        const client = await ChatClient.connect(this.plaint.url);
        try {
          const started = await client.start({ fullName: plan.fullName, email: plan.email, language: plan.language });
          if (!started.ok) throw new Error(`chat:start refused: ${started.error.message}`);
          await this.chatSend(client, plan.essence);
          return { plan, conversation: started.conversationId };
        } finally {
          client.close();
        }
      }
      case 'email': {
        const conversation = `<complaint-${plan.n}@customer.example.az>`;
        await this.email(plan, conversation, plan.essence, SUBJECTS[plan.language]);
        return { plan, conversation };
      }
      case 'telegram':
        await this.telegram(plan, plan.essence);
        return { plan, conversation: `${TELEGRAM_BOT}:${plan.telegramId}` };
      case 'web_form': {
        const answer = await fetch(`${this.plaint.url}/api/v1/callback-requests`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ fullName: plan.fullName, phone: plan.phone, email: plan.email, message: plan.essence, language: plan.language }),
        });
        if (answer.status !== 202) throw new Error(`call-me form answered ${answer.status}: ${await answer.text()}`);
        return { plan, conversation: '', reference: ((await answer.json()) as { reference: string }).reference };
      }
      case 'phone':
      case 'complaint_book': {
        const body = {
          channel: plan.channel,
          fullName: plan.fullName,
          phone: plan.phone,
          email: plan.email,
          essence: plan.essence,
          language: plan.language,
          ...(plan.channel === 'complaint_book' ? { store: 'Baku, 28 Mall', entryDate: localDay(this.now()) } : {}),
        };
        const answer = await this.staff.post(plan.channel === 'phone' ? 'callcentre' : 'stores', '/api/v1/agent/intake', body);
        if (answer.status !== 202) throw new Error(`staff intake answered ${answer.status}: ${JSON.stringify(answer.body)}`);
        return { plan, conversation: '', reference: answer.body.reference as string };
      }
    }
  }

  /** A further message on the complaint's own conversation (an answer, or a status request). */
  async write(sent: SentComplaint, text: string): Promise<void> {
    const { plan } = sent;
    if (plan.channel === 'chat') {
      const client = await ChatClient.connect(this.plaint.url);
      try {
        const resumed = await client.resume(sent.conversation);
        if (!resumed.ok) throw new Error(`chat:resume refused: ${resumed.error.message}`);
        await this.chatSend(client, text);
      } finally {
        client.close();
      }
    } else if (plan.channel === 'email') {
      await this.email(plan, sent.conversation, text, `Re: ${sent.reference ?? ''}`, sent.reference);
    } else if (plan.channel === 'telegram') {
      await this.telegram(plan, text);
    } else {
      throw new Error(`${plan.channel} has no conversation to write on`);
    }
  }

  /** The web lookup a customer of the call-me form or the staff channels uses: reference and contact. */
  async lookUpStatus(sent: SentComplaint): Promise<{ status: number; state?: string }> {
    const query = new URLSearchParams({ reference: sent.reference ?? '', contact: sent.plan.email });
    const answer = await fetch(`${this.plaint.url}/api/v1/complaints/status?${query}`);
    const body = (await answer.json()) as { status?: string };
    return { status: answer.status, state: body.status };
  }

  private async chatSend(client: ChatClient, text: string): Promise<void> {
    const sent = await client.send(randomUUID(), text);
    if (!sent.ok) throw new Error(`chat:message refused: ${sent.error.message}`);
  }

  /** The message as the mailbox adapter publishes it (apps/ingest-email/src/to-inbound-message.ts). */
  private async email(plan: PlannedComplaint, conversation: string, text: string, subject: string, threadReference?: string): Promise<void> {
    const messageId = `<${randomUUID()}@customer.example.az>`;
    const sender = { name: plan.fullName, email: plan.email };
    const inbound: InboundMessageV1 = {
      id: randomUUID(),
      channel: 'email',
      externalId: messageId,
      conversation,
      sender,
      text,
      attachments: [],
      receivedAt: this.now().toISOString(),
      replyTo: plan.email,
      automated: false,
      email: {
        mailbox: 'care@shop.example.az',
        messageId,
        references: threadReference ? [conversation] : [],
        subject,
        rawUri: `memory://simulation/${messageId}`,
        mentionedReferences: threadReference ? [threadReference] : [],
        ...(threadReference ? { inReplyTo: conversation, threadReference } : {}),
      },
    };
    await this.plaint.app.get(MessageBus).publish(INBOUND_TOPIC, [{ key: customerKey('email', sender, conversation), value: inbound }]);
  }

  /** An update as Telegram posts it to the bot's webhook. */
  private async telegram(plan: PlannedComplaint, text: string): Promise<void> {
    const [firstName, lastName] = plan.fullName.split(' ');
    const languageCode = plan.language === 'az' ? 'az' : plan.language;
    const update = {
      update_id: this.telegramUpdateId++,
      message: {
        message_id: this.telegramMessageId++,
        from: { id: plan.telegramId, is_bot: false, first_name: firstName, last_name: lastName, language_code: languageCode },
        chat: { id: plan.telegramId, first_name: firstName, type: 'private' },
        date: Math.floor(this.now().getTime() / 1000),
        text,
      },
    };
    const answer = await fetch(`${this.plaint.url}/webhooks/telegram/${TELEGRAM_BOT}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': TELEGRAM_SECRET },
      body: JSON.stringify(update),
    });
    if (!answer.ok) throw new Error(`Telegram webhook answered ${answer.status}`);
  }
}

function localDay(instant: Date): string {
  return new Date(instant.getTime() + 4 * 3_600_000).toISOString().slice(0, 10);
}
