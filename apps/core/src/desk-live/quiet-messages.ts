import { Injectable, Logger } from '@nestjs/common';
import type { ComplaintEntity } from '@plaint/persistence';

type Listener = (complaints: readonly ComplaintEntity[]) => void;

/**
 * Customers' further messages on unassigned complaints, for which core writes no staff event
 * (apps/core/src/agent-channels/customer-message-news.ts). Intake hands them here once its
 * transaction has committed, and the desk's live feed of this process tells its connected desks.
 * In-process only: with several core replicas, desks connected to another one learn of such a
 * message when they next read their list.
 */
@Injectable()
export class QuietMessages {
  private readonly logger = new Logger(QuietMessages.name);
  private readonly listeners = new Set<Listener>();

  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Never throws: a hint that fails must not fail the batch that was already committed. */
  tell(complaints: readonly ComplaintEntity[]): void {
    if (complaints.length === 0) return;
    for (const listener of this.listeners) {
      try {
        listener(complaints);
      } catch (error) {
        this.logger.warn(`desk hint for ${complaints.length} message(s) dropped: ${String(error)}`);
      }
    }
  }
}
