import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock, givenNameOf, type LifecycleCommand } from '@plaint/domain';
import { CallbackAttemptEntity, type ComplaintEntity } from '@plaint/persistence';
import { agentEvent, type AgentEventContent, assigneeOrQueue } from '../agent-channels/agent-events';
import { AgentsRepository } from '../auth/agents.repository';
import type { SignedInAgent } from '../auth/current-agent.decorator';
import { deskView } from '../lifecycle/desk-view';
import { ChangeComplaint } from '../lifecycle/change-complaint.use-case';
import { ComplaintNotFound } from '../lifecycle/lifecycle-refused';
import { ComplaintJournal, type JournalEntry } from '../lifecycle/complaint-journal';
import { CoreStore, type StoreSession } from '../store/core-store';
import { AgentApiRefused } from './agent-api.errors';
import { isSupervisor, mayWorkOn } from './complaint-access';
import { noteLine } from './note-line';

/** What an agent does to a complaint besides the lifecycle's own commands. */
export type AgentWork =
  | { type: 'lifecycle'; command: LifecycleCommand }
  | { type: 'assign'; agentId: string | null }
  | { type: 'reply'; text: string }
  /** An internal note: a history line and a post to staff, never a word to the customer. */
  | { type: 'note'; text: string }
  | { type: 'callbackAttempt'; result: string; agreed?: string }
  | { type: 'noticeChannel'; channel: 'email' | 'original' };

/**
 * An agent's action on one complaint, in one transaction: access check, taking an unassigned
 * complaint, the change itself, and its audit line with the agent's id. Concurrent changes to
 * the same complaint are retried on fresh data (the lifecycle's optimistic revision).
 */
@Injectable()
export class WorkOnComplaint {
  constructor(
    private readonly store: CoreStore,
    private readonly changes: ChangeComplaint,
    private readonly journal: ComplaintJournal,
    private readonly clock: Clock,
    private readonly agents: AgentsRepository,
  ) {}

  async execute(idOrReference: string, work: AgentWork, agent: SignedInAgent): Promise<ComplaintEntity> {
    return this.store.transactionRetryingStale((store) => this.within(store, idOrReference, work, agent));
  }

  /** The same, in the caller's transaction (a command by mail or Telegram records itself with it). */
  async within(store: StoreSession, idOrReference: string, work: AgentWork, agent: SignedInAgent): Promise<ComplaintEntity> {
    const row = await findComplaint(store, idOrReference);
    const before = row.assigneeId;
    const done = await this.apply(store, row, work, agent);
    await store.outbox.enqueue(
      staffNews(done, before, work, agent).map((news) => agentEvent(news, this.clock.now(), done.id)),
      this.clock.now(),
    );
    return done;
  }

  private async apply(store: StoreSession, row: ComplaintEntity, work: AgentWork, agent: SignedInAgent): Promise<ComplaintEntity> {
    if (!mayWorkOn(agent, row)) throw new AgentApiRefused('forbidden', 'This complaint is assigned to another agent');
    const now = this.clock.now();
    const actor = { kind: 'agent' as const, id: agent.id };
    const entries: JournalEntry[] = [];
    if (work.type === 'assign') {
      const target = work.agentId === undefined ? agent.id : work.agentId;
      if (!isSupervisor(agent) && target !== agent.id) {
        throw new AgentApiRefused('forbidden', 'Agents can only take complaints themselves; a supervisor assigns to others');
      }
      if (target !== null && target !== agent.id && !(await this.agents.findById(target))?.active) {
        throw new AgentApiRefused('invalid', 'There is no active staff account to assign this complaint to', [
          { field: 'agentId', problems: ['names no active staff account'] },
        ]);
      }
      row.assigneeId = target;
      entries.push({ actor, from: row.state, to: row.state, why: target ? `assigned to ${target}` : 'unassigned' });
    } else if (row.assigneeId === null && !isSupervisor(agent) && work.type !== 'note') {
      row.assigneeId = agent.id;
      entries.push({ actor, from: row.state, to: row.state, why: `taken by ${agent.id}` });
    }
    if (entries.length > 0) await store.complaints.save(row, now, ['assigneeId']);
    switch (work.type) {
      case 'assign':
        break;
      case 'lifecycle':
        await this.journal.write(store, row, entries, now);
        await this.changes.apply(store, row, work.command, actor, now);
        return row;
      case 'reply': {
        if (row.state === 'merged') throw new AgentApiRefused('conflict', `This complaint is merged into ${row.mergedInto ?? 'another'}; reply there`);
        // The live chat shows the words under the agent's first name; never the surname.
        const author = givenNameOf(agent.displayName);
        entries.push({
          actor,
          from: row.state,
          to: row.state,
          why: 'replied to the customer',
          step: { type: 'complaint.reply', deadlines: {}, step: { message: work.text.trim(), ...(author ? { author } : {}) } },
        });
        break;
      }
      case 'note':
        entries.push({ actor, from: row.state, to: row.state, why: noteLine(work.text) });
        break;
      case 'noticeChannel': {
        if (work.channel === 'email' && !row.email) throw new AgentApiRefused('conflict', 'The customer gave no e-mail address; record it first');
        row.noticeChannel = work.channel === 'email' ? 'email' : null;
        await store.complaints.save(row, now, ['noticeChannel']);
        entries.push({
          actor,
          from: row.state,
          to: row.state,
          why: work.channel === 'email' ? 'written notices by e-mail from now on, as the customer asked' : `written notices on ${row.channel} again`,
        });
        break;
      }
      case 'callbackAttempt':
        if (!row.callbackRequested && !row.phone) throw new AgentApiRefused('conflict', 'The customer gave no phone number to call');
        await store.complaints.recordCallbackAttempt(
          Object.assign(new CallbackAttemptEntity(), {
            id: randomUUID(),
            complaintId: row.id,
            agentId: agent.id,
            at: now,
            result: work.result,
            agreed: work.agreed?.trim() || null,
          }),
        );
        entries.push({ actor, from: row.state, to: row.state, why: `call-back ${work.result.replace('_', ' ')}${work.agreed ? `; agreed: ${work.agreed.trim()}` : ''}` });
        break;
    }
    await this.journal.write(store, row, entries, now);
    return row;
  }
}

/**
 * What staff are told of an agent's work besides the customer-facing steps (which reach them on
 * the complaint events): who has the complaint now, and notes.
 */
function staffNews(row: ComplaintEntity, assigneeBefore: string | null, work: AgentWork, agent: SignedInAgent): AgentEventContent[] {
  const complaint = deskView(row, row.essence);
  const actor = agent.displayName;
  const news: AgentEventContent[] = [];
  if (row.assigneeId !== assigneeBefore) {
    if (row.assigneeId === null) news.push({ type: 'complaint.step', audience: { queue: true }, complaint, actor, text: `unassigned by ${actor}: back in the queue` });
    else if (row.assigneeId === agent.id) news.push({ type: 'complaint.step', audience: {}, complaint, actor, text: `taken by ${actor}` });
    else news.push({ type: 'complaint.assigned', audience: { agentIds: [row.assigneeId] }, complaint, actor, text: `assigned by ${actor}` });
  }
  if (work.type === 'note') {
    // The author wrote it; the assignee (or the queue, for an unassigned complaint) is told.
    const audience = row.assigneeId === agent.id ? {} : assigneeOrQueue(row.assigneeId);
    news.push({ type: 'complaint.note', audience, complaint, actor, text: work.text.trim() });
  }
  return news;
}

/** A complaint by id or by the reference the customer quotes. */
export async function findComplaint(store: StoreSession, idOrReference: string): Promise<ComplaintEntity> {
  const row = await store.complaints.findByIdOrReference(idOrReference);
  if (!row) throw new ComplaintNotFound(idOrReference);
  return row;
}
