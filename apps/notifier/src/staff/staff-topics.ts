import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { DataSource, Repository } from 'typeorm';
import type { Clock } from '@plaint/domain';
import { StaffTopicEntity } from '@plaint/persistence';
import { refusalOutcome, type TelegramBots } from '@plaint/telegram';
import type { DeliveryOutcome } from '../delivery/notice-transport';
import { LEASE_MS } from '../delivery/delivery-loop';

/** A thread id that is no Telegram thread: the row is held while its topic is being opened. */
const OPENING = 'opening-';
/** How soon a post waits for a topic another instance is opening. */
const WAIT_FOR_OPENING_MS = 2_000;

export type TopicOutcome = { ok: true; threadId: string } | Extract<DeliveryOutcome, { ok: false }>;

/**
 * The care team's forum topic of each complaint, opened by the first post for it. The
 * staff_topics row is the lock: whoever inserts it (with a placeholder thread id) opens the
 * topic, so two notifier instances never open two; a placeholder left by an instance that died
 * mid-way is taken over once its lease ran out.
 */
export class StaffTopics {
  private readonly logger = new Logger(StaffTopics.name);
  private readonly topics: Repository<StaffTopicEntity>;

  constructor(
    dataSource: DataSource,
    private readonly bots: TelegramBots,
    private readonly clock: Clock,
  ) {
    this.topics = dataSource.getRepository(StaffTopicEntity);
  }

  async threadOf(complaint: { id: string; reference: string }, bot: string, chatId: string, name: string): Promise<TopicOutcome> {
    const existing = await this.topics.findOneBy({ complaintId: complaint.id });
    if (existing && !existing.threadId.startsWith(OPENING)) return { ok: true, threadId: existing.threadId };
    const now = this.clock.now();
    const placeholder = `${OPENING}${randomBytes(8).toString('hex')}`;
    if (existing) {
      if (existing.createdAt.getTime() > now.getTime() - LEASE_MS) return opening();
      const taken = await this.topics.update({ complaintId: complaint.id, threadId: existing.threadId }, { threadId: placeholder, createdAt: now });
      if (!taken.affected) return opening();
    } else {
      const row = { complaintId: complaint.id, reference: complaint.reference, bot, chatId, threadId: placeholder, createdAt: now };
      await this.topics.createQueryBuilder().insert().values(row).orIgnore().execute();
      const mine = await this.topics.findOneBy({ complaintId: complaint.id, threadId: placeholder });
      if (!mine) return opening();
    }
    return this.open(complaint, bot, chatId, name, placeholder);
  }

  private async open(complaint: { id: string; reference: string }, bot: string, chatId: string, name: string, placeholder: string): Promise<TopicOutcome> {
    const handle = this.bots.get(bot);
    try {
      if (!handle) throw new Error(`the Telegram bot "${bot}" is not configured (PLAINT_TELEGRAM_BOT_TOKEN)`);
      const threadId = await handle.client.createForumTopic(chatId, name);
      await this.topics.update({ complaintId: complaint.id, threadId: placeholder }, { threadId, createdAt: this.clock.now() });
      this.logger.log(`opened the care team's topic ${threadId} for ${complaint.reference}`);
      return { ok: true, threadId };
    } catch (error) {
      // Let go of the lock: the next post tries again.
      await this.topics.delete({ complaintId: complaint.id, threadId: placeholder });
      const outcome = handle ? refusalOutcome(error) : { ok: false as const, permanent: true, reason: (error as Error).message };
      return { ...outcome, reason: `the complaint's topic could not be opened: ${outcome.reason}` };
    }
  }
}

function opening(): TopicOutcome {
  return { ok: false, permanent: false, reason: 'the complaint\'s topic is being opened', retryAfterMs: WAIT_FOR_OPENING_MS };
}
