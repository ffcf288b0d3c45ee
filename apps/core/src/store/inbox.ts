import { In, type EntityManager } from 'typeorm';
import { bulkInsert, MessageEntity, queryRecords, SqlParameters } from '@plaint/persistence';

/** Another transaction stored some of this batch's messages first; the batch is retried. */
export class ConcurrentIntake extends Error {
  override readonly name = 'ConcurrentIntake';
}

const key = (channel: string, externalId: string) => `${channel}\u0000${externalId}`;

/** The inbound messages core has taken in, keyed by (channel, external id). */
export class Inbox {
  constructor(private readonly manager: EntityManager) {}

  /**
   * Dedup level 1: the messages whose (channel, external id) the inbox does not hold yet, each
   * once, in the given order. A redelivered record, a client's resend and a duplicate within the
   * batch all drop out here.
   */
  async unseen<T extends { channel: string; externalId: string }>(messages: readonly T[]): Promise<T[]> {
    if (messages.length === 0) return [];
    const parameters = new SqlParameters(this.manager);
    const stored = await queryRecords<{ channel: string; external_id: string }>(
      this.manager,
      `SELECT channel, external_id FROM messages
        WHERE channel ${parameters.anyOf([...new Set(messages.map((m) => m.channel))])} AND external_id ${parameters.anyOf(messages.map((m) => m.externalId))}`,
      parameters.values,
    );
    const seen = new Set(stored.map((row) => key(row.channel, row.external_id)));
    return messages.filter((message) => {
      const id = key(message.channel, message.externalId);
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  }

  /**
   * What the customer last wrote on a complaint, and when: its latest message not sent
   * automatically. One read gives a step both the staff view's last message and the time a
   * platform's free-text window counts from.
   */
  async lastWritten(complaintId: string): Promise<{ at: Date; text: string } | undefined> {
    const latest = await this.manager.findOne(MessageEntity, {
      select: { id: true, receivedAt: true, text: true },
      where: { complaintId, automated: false },
      order: { receivedAt: 'DESC' },
    });
    return latest ? { at: latest.receivedAt, text: latest.text } : undefined;
  }

  /**
   * Writes the rows in one statement. Should another transaction have stored one of these
   * messages since `unseen` looked (two consumers briefly owning one partition during a
   * rebalance), the insert skips it and ConcurrentIntake rolls the whole batch back; the bus
   * retries it, and the retry finds the message stored and leaves it alone.
   */
  async store(rows: readonly MessageEntity[]): Promise<void> {
    if (rows.length === 0) return;
    const written = await bulkInsert(this.manager, MessageEntity, rows, { ignoreConflicts: true });
    if (written !== rows.length) {
      throw new ConcurrentIntake(`${rows.length - written} of ${rows.length} messages were stored concurrently`);
    }
  }

  /** The stored messages of one channel with these external ids. */
  findByExternalIds(channel: string, externalIds: readonly string[]): Promise<MessageEntity[]> {
    if (externalIds.length === 0) return Promise.resolve([]);
    return this.manager.find(MessageEntity, { where: { channel, externalId: In([...new Set(externalIds)]) } });
  }

  /** A message's text as the customer changed it. */
  async changeText(id: string, text: string): Promise<void> {
    await this.manager.update(MessageEntity, { id }, { text });
  }
}
