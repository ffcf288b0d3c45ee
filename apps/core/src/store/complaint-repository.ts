import { And, Brackets, In, IsNull, LessThan, MoreThanOrEqual, Not, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { type ComplaintState, normalizeReference, OPEN_STATES, QUEUE_STATES, RUNNING_STATES } from '@plaint/domain';
import { type ComplaintSearch, containsPattern } from './complaint-search';
import {
  bulkInsert,
  CallbackAttemptEntity,
  ComplaintEntity,
  ComplaintHistoryEntity,
  MessageEntity,
  NoticeEntity,
  queryRecords,
  SlaAlertEntity,
  SqlParameters,
} from '@plaint/persistence';

/** Someone changed the complaint since it was read; the change is retried on fresh data. */
export class StaleComplaint extends Error {
  override readonly name = 'StaleComplaint';
}

/** What the agent list filters on; every field narrows it. */
export interface ComplaintFilter {
  states?: string[];
  channel?: string;
  language?: string;
  callbackRequested?: boolean;
  assigneeId?: string | null;
  /** Agents see their own complaints and the unassigned queue. */
  visibleTo?: string;
  /** Only complaints with a running deadline due by this instant. */
  deadlineDueBy?: Date;
  /** Only complaints whose earliest running deadline falls in this span (`from` inclusive, `to` exclusive). */
  earliestDeadline?: { from?: Date; to?: Date };
  /** Only complaints matching what the agent searched for. */
  search?: ComplaintSearch;
  /** deadline: the earliest running deadline first, passed ones first, then the rest oldest first. Default: oldest first. */
  sort?: ComplaintSort;
  limit: number;
  offset: number;
}

export type ComplaintSort = 'deadline' | 'newest' | 'oldest';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A running deadline (`runningDeadlines` in libs/domain) due at or before `at`. A deadline is met
 * up to and including its instant, so one falling exactly on `at` is due by then: the SLA clock
 * warns at that instant and the agent list's `deadlineBefore` includes it.
 */
function whereDeadlineDueBy(qb: SelectQueryBuilder<ComplaintEntity>, at: Date): SelectQueryBuilder<ComplaintEntity> {
  return qb.andWhere('c.state IN (:...running)', { running: [...RUNNING_STATES] }).andWhere(
    new Brackets((where) => {
      where
        .where("(c.state = 'received' AND c.acceptBy <= :dueBy)", { dueBy: at })
        .orWhere("(c.state <> 'received' AND c.reviewedAt IS NULL AND c.reviewBy <= :dueBy)", { dueBy: at })
        .orWhere('c.resolveBy <= :dueBy', { dueBy: at });
    }),
  );
}

const quoted = (states: readonly string[]) => states.map((state) => `'${state}'`).join(', ');

/**
 * The earliest deadline that runs for the complaint now (`runningDeadlines` in libs/domain), as
 * SQL both dialects read: NULL while none runs (waiting for the customer, done). A passed review
 * deadline stays the earliest, so a breach sorts before what is merely due.
 */
const EARLIEST_RUNNING_DEADLINE = `CASE
  WHEN c.state = 'received' THEN CASE WHEN c.acceptBy < c.resolveBy THEN c.acceptBy ELSE c.resolveBy END
  WHEN c.state IN (${quoted(RUNNING_STATES.filter((state) => state !== 'received'))})
    THEN CASE WHEN c.reviewBy IS NOT NULL AND c.reviewedAt IS NULL AND c.reviewBy < c.resolveBy THEN c.reviewBy ELSE c.resolveBy END
  END`;

/**
 * The agent's search: the whole text as a reference or a phone number, or every word somewhere
 * in the complaint's name, e-mail address, essence or messages. LOWER is Unicode-aware on both
 * dialects (Postgres by its locale, SQLite by the function libs/persistence registers), so
 * "Məmmədov" finds "MƏMMƏDOV". The words are substring matches: no index serves them, so the
 * search reads the complaints the other filters leave and, for each, its messages through
 * ix_messages_complaint.
 */
function whereMatches(qb: SelectQueryBuilder<ComplaintEntity>, search: ComplaintSearch): SelectQueryBuilder<ComplaintEntity> {
  return qb.andWhere(
    new Brackets((any) => {
      if (search.reference) any.orWhere('c.reference = :searchReference', { searchReference: search.reference });
      if (search.phoneDigits) {
        const phone = { searchPhone: containsPattern(search.phoneDigits) };
        // As typed on the complaint ("050 123 45 67"), and in E.164 among the customer's contacts.
        any.orWhere(`REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(c.phone, ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', '') LIKE :searchPhone ESCAPE '\\'`, phone);
        any.orWhere(`EXISTS (SELECT 1 FROM customer_identities i WHERE i.customer_id = c.customerId AND i.kind = 'phone' AND i.value LIKE :searchPhone ESCAPE '\\')`, phone);
      }
      any.orWhere(
        new Brackets((every) => {
          search.words.forEach((word, n) => {
            const name = `searchWord${n}`;
            const like = `LIKE :${name} ESCAPE '\\'`;
            every.andWhere(
              `(LOWER(c.fullName) ${like} OR LOWER(c.email) ${like} OR LOWER(c.essence) ${like}
                OR EXISTS (SELECT 1 FROM messages m WHERE m.complaint_id = c.id AND LOWER(m.text) ${like}))`,
              { [name]: containsPattern(word) },
            );
          });
        }),
      );
    }),
  );
}

/**
 * What an agent may see: the complaints assigned to them, and the unassigned queue, which holds
 * only complaints with work still in them (complaint-access.ts says the same for one complaint).
 */
function whereVisibleTo(qb: SelectQueryBuilder<ComplaintEntity>, agentId: string): SelectQueryBuilder<ComplaintEntity> {
  return qb.andWhere('(c.assigneeId = :self OR (c.assigneeId IS NULL AND c.state IN (:...queue)))', { self: agentId, queue: [...QUEUE_STATES] });
}

function orderBy(qb: SelectQueryBuilder<ComplaintEntity>, sort: ComplaintSort): void {
  switch (sort) {
    case 'deadline':
      // NULLs last on both dialects (SQLite puts them first by default).
      qb.orderBy(`CASE WHEN ${EARLIEST_RUNNING_DEADLINE} IS NULL THEN 1 ELSE 0 END`, 'ASC')
        .addOrderBy(EARLIEST_RUNNING_DEADLINE, 'ASC')
        .addOrderBy('c.receivedAt', 'ASC');
      break;
    case 'newest':
      qb.orderBy('c.receivedAt', 'DESC');
      break;
    case 'oldest':
      qb.orderBy('c.receivedAt', 'ASC');
      break;
  }
  qb.addOrderBy('c.id', 'ASC');
}

/** Everything recorded on one complaint, each in the order it happened. */
export interface ComplaintFile {
  messages: MessageEntity[];
  history: ComplaintHistoryEntity[];
  notices: NoticeEntity[];
  callbackAttempts: CallbackAttemptEntity[];
  alerts: SlaAlertEntity[];
  /** References of the complaints merged into this one. */
  mergedComplaints: string[];
}

/** A complaint as the intake places messages in its conversation. */
export type ConversationComplaint = Pick<ComplaintEntity, 'id' | 'channel' | 'conversation' | 'state' | 'mergedInto'>;

/** Complaints and their history, in the transaction of the store that made it. */
export class ComplaintRepository {
  constructor(private readonly manager: EntityManager) {}

  findById(id: string): Promise<ComplaintEntity | null> {
    return this.manager.findOneBy(ComplaintEntity, { id });
  }

  findByReference(reference: string): Promise<ComplaintEntity | null> {
    return this.manager.findOneBy(ComplaintEntity, { reference });
  }

  /** By id, or by the reference as the customer quotes it (any case, with or without dashes). */
  async findByIdOrReference(idOrReference: string): Promise<ComplaintEntity | null> {
    const byId = UUID.test(idOrReference) ? await this.findById(idOrReference.toLowerCase()) : null;
    if (byId) return byId;
    const reference = normalizeReference(idOrReference);
    return reference ? this.findByReference(reference) : null;
  }

  /** These complaints; with `states`, only those in one of them. */
  findByIds(ids: readonly string[], states?: readonly ComplaintState[]): Promise<ComplaintEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.manager.find(ComplaintEntity, { where: { id: In([...new Set(ids)]), ...(states ? { state: In([...states]) } : {}) } });
  }

  findByReferences(references: readonly string[]): Promise<ComplaintEntity[]> {
    if (references.length === 0) return Promise.resolve([]);
    return this.manager.find(ComplaintEntity, { where: { reference: In([...new Set(references)]) } });
  }

  async findFile(complaint: Pick<ComplaintEntity, 'id' | 'reference'>): Promise<ComplaintFile> {
    const complaintId = complaint.id;
    const [messages, history, notices, callbackAttempts, alerts, merged] = await Promise.all([
      this.manager.find(MessageEntity, { where: { complaintId }, order: { receivedAt: 'ASC' } }),
      this.manager.find(ComplaintHistoryEntity, { where: { complaintId }, order: { at: 'ASC', id: 'ASC' } }),
      this.manager.find(NoticeEntity, { where: { complaintId }, order: { createdAt: 'ASC' } }),
      this.manager.find(CallbackAttemptEntity, { where: { complaintId }, order: { at: 'ASC' } }),
      this.manager.find(SlaAlertEntity, { where: { complaintId }, order: { createdAt: 'ASC' } }),
      this.manager.find(ComplaintEntity, { select: { id: true, reference: true }, where: { mergedInto: complaint.reference, state: 'merged' } }),
    ]);
    return { messages, history, notices, callbackAttempts, alerts, mergedComplaints: merged.map((m) => m.reference) };
  }

  /**
   * Open complaints whose customer asked to be called and was not reached yet, oldest first;
   * with `visibleTo`, only those that agent may see.
   */
  findAwaitingCallback(visibleTo: string | undefined, take: number): Promise<ComplaintEntity[]> {
    const qb = this.manager
      .getRepository(ComplaintEntity)
      .createQueryBuilder('c')
      .where('c.callbackRequested = :yes', { yes: true })
      .andWhere('c.state IN (:...open)', { open: [...OPEN_STATES] })
      .andWhere((sub) => {
        const reached = sub.subQuery().select('1').from(CallbackAttemptEntity, 'a').where('a.complaintId = c.id').andWhere("a.result = 'reached'").getQuery();
        return `NOT EXISTS ${reached}`;
      });
    if (visibleTo) whereVisibleTo(qb, visibleTo);
    return qb.orderBy('c.receivedAt', 'ASC').take(take).getMany();
  }

  /** The call-back attempts on these complaints, oldest first. */
  findCallbackAttempts(complaintIds: readonly string[]): Promise<CallbackAttemptEntity[]> {
    if (complaintIds.length === 0) return Promise.resolve([]);
    return this.manager.find(CallbackAttemptEntity, { where: { complaintId: In([...complaintIds]) }, order: { at: 'ASC' } });
  }

  /** The newest complaints of these customers, at most `take`. */
  findLatestOfCustomers(customerIds: readonly string[], take: number): Promise<ComplaintEntity[]> {
    if (customerIds.length === 0) return Promise.resolve([]);
    return this.manager.find(ComplaintEntity, { where: { customerId: In([...new Set(customerIds)]) }, order: { receivedAt: 'DESC' }, take });
  }

  findOfCustomer(customerId: string): Promise<ComplaintEntity[]> {
    return this.manager.find(ComplaintEntity, { where: { customerId } });
  }

  /** Moves these complaints to another customer record (a customer merge or its undoing). */
  async moveToCustomer(ids: readonly string[], customerId: string): Promise<void> {
    if (ids.length === 0) return;
    await this.manager.update(ComplaintEntity, { id: In([...ids]) }, { customerId });
  }

  /** Of these references, the ones a complaint already has. */
  async takenReferences(references: readonly string[]): Promise<Set<string>> {
    if (references.length === 0) return new Set();
    const parameters = new SqlParameters(this.manager);
    const sql = `SELECT reference FROM complaints WHERE reference ${parameters.anyOf([...new Set(references)])}`;
    return new Set((await queryRecords<{ reference: string }>(this.manager, sql, parameters.values)).map((row) => row.reference));
  }

  /** The open or merged complaints of these conversations, newest first. */
  async findOpenOrMergedIn(channels: readonly string[], conversations: readonly string[]): Promise<ConversationComplaint[]> {
    const parameters = new SqlParameters(this.manager);
    const rows = await queryRecords<{ id: string; channel: string; conversation: string; state: string; merged_into: string | null }>(
      this.manager,
      `SELECT id, channel, conversation, state, merged_into FROM complaints
        WHERE channel ${parameters.anyOf([...new Set(channels)])} AND conversation ${parameters.anyOf([...new Set(conversations)])}
          AND state ${parameters.anyOf([...OPEN_STATES, 'merged'])}
        ORDER BY created_at DESC`,
      parameters.values,
    );
    return rows.map((row) => ({ id: row.id, channel: row.channel, conversation: row.conversation, state: row.state, mergedInto: row.merged_into }));
  }

  /** The open complaints among these references (id and reference only). */
  findOpenByReferences(references: readonly string[]): Promise<ComplaintEntity[]> {
    if (references.length === 0) return Promise.resolve([]);
    return this.manager.find(ComplaintEntity, {
      select: { id: true, reference: true },
      where: { reference: In([...new Set(references)]), state: In([...OPEN_STATES]) },
    });
  }

  /** These customers' open complaints received since `since` (for near-duplicate linking). */
  findOpenOfCustomersSince(customerIds: readonly string[], since: Date): Promise<ComplaintEntity[]> {
    if (customerIds.length === 0) return Promise.resolve([]);
    return this.manager.find(ComplaintEntity, {
      select: { reference: true, customerId: true, essence: true, receivedAt: true },
      where: { customerId: In([...new Set(customerIds)]), state: In([...OPEN_STATES]), receivedAt: MoreThanOrEqual(since) },
    });
  }

  /** The complaints received in [from, to), merged ones included, oldest first (the compliance report's). */
  findReceivedIn(period: { from: Date; to: Date }): Promise<ComplaintEntity[]> {
    return this.manager.find(ComplaintEntity, {
      select: {
        id: true,
        reference: true,
        channel: true,
        state: true,
        receivedAt: true,
        acceptBy: true,
        acceptedAt: true,
        reviewBy: true,
        reviewedAt: true,
        resolveBy: true,
        resolvedAt: true,
        rootCause: true,
        lifecycle: true,
      },
      where: { receivedAt: And(MoreThanOrEqual(period.from), LessThan(period.to)) },
      order: { receivedAt: 'ASC', reference: 'ASC' },
    });
  }

  /**
   * The history lines the compliance report shows of the complaints received in [from, to):
   * extensions and the steps that end a complaint, oldest first. A join on the period rather than
   * `complaintId IN (…)`, which a year's complaints would take past the databases' parameter limits.
   */
  findReportHistoryReceivedIn(period: { from: Date; to: Date }): Promise<ComplaintHistoryEntity[]> {
    return this.manager
      .getRepository(ComplaintHistoryEntity)
      .createQueryBuilder('line')
      .innerJoin(ComplaintEntity, 'complaint', 'complaint.id = line.complaintId')
      .where('complaint.receivedAt >= :from', { from: period.from })
      .andWhere('complaint.receivedAt < :to', { to: period.to })
      .andWhere(new Brackets((or) => or.where('line.step = :extended', { extended: 'complaint.extended' }).orWhere('line.toState IN (:...ended)', { ended: ['rejected', 'withdrawn', 'merged'] })))
      .orderBy('line.at', 'ASC')
      .addOrderBy('line.id', 'ASC')
      .getMany();
  }

  /** The notices of the complaints received in [from, to), oldest first, without their text or recipient. */
  findReportNoticesReceivedIn(period: { from: Date; to: Date }): Promise<NoticeEntity[]> {
    return this.manager
      .getRepository(NoticeEntity)
      .createQueryBuilder('notice')
      .innerJoin(ComplaintEntity, 'complaint', 'complaint.id = notice.complaintId')
      .select(['notice.id', 'notice.complaintId', 'notice.eventType', 'notice.channel', 'notice.route', 'notice.status', 'notice.createdAt', 'notice.sentAt', 'notice.receipt'])
      .where('complaint.receivedAt >= :from', { from: period.from })
      .andWhere('complaint.receivedAt < :to', { to: period.to })
      .orderBy('notice.createdAt', 'ASC')
      .addOrderBy('notice.id', 'ASC')
      .getMany();
  }

  /**
   * The conversation's newest complaints, whatever their state, newest first. An e-mail
   * conversation can hold complaints of several customers (a stranger writing into a thread gets
   * one of their own), so the caller picks the asker's.
   */
  findLatestInConversation(channel: string, conversation: string, take: number): Promise<ComplaintEntity[]> {
    return this.manager.find(ComplaintEntity, { where: { channel, conversation }, order: { receivedAt: 'DESC' }, take });
  }

  /** The customer's newest complaint still being handled, else their newest one. */
  async findLatestOfCustomer(customerId: string): Promise<ComplaintEntity | null> {
    const open = await this.manager.findOne(ComplaintEntity, { where: { customerId, state: In([...OPEN_STATES]) }, order: { receivedAt: 'DESC' } });
    return open ?? this.manager.findOne(ComplaintEntity, { where: { customerId }, order: { receivedAt: 'DESC' } });
  }

  /** A page of complaints with a running deadline due by `at`, in id order. */
  findDeadlinesDueBy(at: Date, offset: number, take: number): Promise<ComplaintEntity[]> {
    return whereDeadlineDueBy(this.manager.getRepository(ComplaintEntity).createQueryBuilder('c'), at)
      .orderBy('c.id')
      .skip(offset)
      .take(take)
      .getMany();
  }

  /** The agent list in the asked order, with the total the filter matches. */
  search(filter: ComplaintFilter): Promise<[ComplaintEntity[], number]> {
    const qb = this.manager.getRepository(ComplaintEntity).createQueryBuilder('c');
    if (filter.states) qb.andWhere('c.state IN (:...states)', { states: filter.states });
    if (filter.channel) qb.andWhere('c.channel = :channel', { channel: filter.channel });
    if (filter.language) qb.andWhere('c.language = :language', { language: filter.language });
    if (filter.callbackRequested) qb.andWhere('c.callbackRequested = :callback', { callback: true });
    if (filter.assigneeId === null) qb.andWhere('c.assigneeId IS NULL');
    else if (filter.assigneeId) qb.andWhere('c.assigneeId = :assignee', { assignee: filter.assigneeId });
    if (filter.visibleTo) whereVisibleTo(qb, filter.visibleTo);
    if (filter.deadlineDueBy) whereDeadlineDueBy(qb, filter.deadlineDueBy);
    if (filter.earliestDeadline?.from) qb.andWhere(`${EARLIEST_RUNNING_DEADLINE} >= :earliestFrom`, { earliestFrom: filter.earliestDeadline.from });
    if (filter.earliestDeadline?.to) qb.andWhere(`${EARLIEST_RUNNING_DEADLINE} < :earliestTo`, { earliestTo: filter.earliestDeadline.to });
    if (filter.search) whereMatches(qb, filter.search);
    orderBy(qb, filter.sort ?? 'oldest');
    return qb.take(filter.limit).skip(filter.offset).getManyAndCount();
  }

  /** How many complaints are in each of these states (states without any are left out). */
  async countByState(states: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.manager
      .getRepository(ComplaintEntity)
      .createQueryBuilder('c')
      .select('c.state', 'state')
      .addSelect('COUNT(*)', 'complaints')
      .where('c.state IN (:...states)', { states: [...states] })
      .groupBy('c.state')
      .getRawMany<{ state: string; complaints: string | number }>();
    return new Map(rows.map((row) => [row.state, Number(row.complaints)]));
  }

  /**
   * How many complaints have their earliest running deadline before each of `bounds`, ascending
   * instants (a deadline on a bound counts as before the next one): one count per bound, and the
   * rest after the last. Complaints without a running deadline are not counted.
   */
  async countByEarliestDeadline(bounds: readonly Date[]): Promise<number[]> {
    const qb = this.manager.getRepository(ComplaintEntity).createQueryBuilder('c').select('COUNT(*)', 'total').where(`${EARLIEST_RUNNING_DEADLINE} IS NOT NULL`);
    bounds.forEach((bound, n) => {
      const lower = n === 0 ? '' : `${EARLIEST_RUNNING_DEADLINE} >= :bound${n - 1} AND `;
      qb.addSelect(`SUM(CASE WHEN ${lower}${EARLIEST_RUNNING_DEADLINE} < :bound${n} THEN 1 ELSE 0 END)`, `before${n}`).setParameter(`bound${n}`, bound);
    });
    const last = bounds.length - 1;
    qb.addSelect(`SUM(CASE WHEN ${EARLIEST_RUNNING_DEADLINE} >= :bound${last} THEN 1 ELSE 0 END)`, 'after');
    const row = await qb.getRawOne<Record<string, string | number | null>>();
    return [...bounds.map((_, n) => Number(row?.[`before${n}`] ?? 0)), Number(row?.after ?? 0)];
  }

  async insert(rows: readonly ComplaintEntity[]): Promise<void> {
    await bulkInsert(this.manager, ComplaintEntity, rows);
  }

  /**
   * Writes a complaint read earlier in the transaction, only if nobody changed it since
   * (optimistic revision): the whole row, or just `fields`. Bumps the row's revision and
   * updatedAt; throws StaleComplaint when the stored revision moved on.
   */
  async save(row: ComplaintEntity, now: Date, fields?: readonly (keyof ComplaintEntity)[]): Promise<void> {
    const revision = row.revision;
    row.revision = revision + 1;
    row.updatedAt = now;
    const { id, ...all } = row;
    const changes: Partial<ComplaintEntity> = fields
      ? Object.fromEntries([...fields, 'revision', 'updatedAt'].map((field) => [field, row[field as keyof ComplaintEntity]]))
      : all;
    const result = await this.manager.update(ComplaintEntity, { id, revision }, changes);
    if (result.affected === 0) throw new StaleComplaint(id);
  }

  async recordCallbackAttempt(attempt: CallbackAttemptEntity): Promise<void> {
    await this.manager.insert(CallbackAttemptEntity, attempt);
  }

  /** The history lines that told the customer of a step, oldest first; the internal wording is not even read. */
  findCustomerSteps(complaintId: string): Promise<Pick<ComplaintHistoryEntity, 'at' | 'step' | 'details'>[]> {
    return this.manager.find(ComplaintHistoryEntity, {
      select: { at: true, step: true, details: true },
      where: { complaintId, step: Not(IsNull()) },
      // History ids are time-ordered (UUIDv7), so steps written in the same millisecond keep their order.
      order: { at: 'ASC', id: 'ASC' },
    });
  }

  async appendHistory(lines: readonly ComplaintHistoryEntity[]): Promise<void> {
    await bulkInsert(this.manager, ComplaintHistoryEntity, lines);
  }
}
