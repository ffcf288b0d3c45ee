import { Inject, Injectable } from '@nestjs/common';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { MessageBus } from '@plaint/bus';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { cleanName, cleanText, ContractViolation, CORRELATION_HEADER, INBOUND_TOPIC, type InboundMessageV1 } from '@plaint/contracts';
import { BusinessCalendar, Clock, customerKey, deriveReference, normalizePhone, referenceSeed } from '@plaint/domain';
import { Metrics } from '@plaint/observability';
import type { SignedInAgent } from '../auth/current-agent.decorator';
import { type FieldProblem, ServiceUnavailable } from '../errors/application-error';
import type { StaffIntakeDto } from './agent-api.dto';
import { AgentApiRefused } from './agent-api.errors';
import { SCAN_DIR, type StoredScan } from './store-scan.use-case';

/** What the bus message says of a complaint staff registered. */
type StaffIntake = NonNullable<InboundMessageV1['staff']>;

/**
 * A complaint taken by phone, in a video or mobile consultation with staff, or transcribed from
 * the in-store complaint book. It travels the path of every channel message (the bus, then
 * core), so it is deduplicated, acknowledged and timed the same way; the message records which
 * agent logged it.
 */
@Injectable()
export class RegisterStaffComplaint {
  constructor(
    private readonly bus: MessageBus,
    private readonly clock: Clock,
    private readonly calendar: BusinessCalendar,
    private readonly metrics: Metrics,
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
  ) {}

  async execute(form: StaffIntakeDto, agent: SignedInAgent, correlationId: string): Promise<{ reference: string; messageId: string }> {
    const phone = form.phone?.trim() ? normalizePhone(form.phone) : null;
    if (form.phone?.trim() && !phone) throw new AgentApiRefused('invalid', 'phone is not a valid phone number');
    if (!phone && !form.email?.trim()) throw new AgentApiRefused('invalid', 'give the customer’s phone number or e-mail address');
    const { staff, receivedAt } = this.channelFacts(form, agent.id, this.clock.now());

    const id = uuidv7();
    const externalId = form.idempotencyKey ? `key:${agent.id}:${form.idempotencyKey}` : `staff:${id}`;
    const sender: InboundMessageV1['sender'] = { name: cleanName(form.fullName) };
    if (form.email?.trim()) sender.email = form.email.trim();
    if (phone) sender.phone = phone;
    const message: InboundMessageV1 = {
      id,
      channel: form.channel,
      externalId,
      conversation: externalId,
      sender,
      text: cleanText(form.essence),
      attachments: staff.scan ? [staff.scan] : [],
      receivedAt: receivedAt.toISOString(),
      automated: false,
      staff,
    };
    if (form.language) message.locale = form.language;
    if (sender.email) message.replyTo = sender.email;
    const employeeName = cleanName(form.employeeName ?? '');
    if (employeeName) message.employeeName = employeeName;
    try {
      await this.bus.publish(INBOUND_TOPIC, [
        { key: customerKey(form.channel, sender, externalId), value: message, headers: { [CORRELATION_HEADER]: correlationId } },
      ]);
    } catch (error) {
      // A payload the contract refuses is a bug, not an outage: answered 400 and logged.
      if (error instanceof ContractViolation) throw error;
      // Nothing was stored: the message never reached the bus; the same idempotency key may be retried.
      throw new ServiceUnavailable('The complaint could not be recorded now; please try again', `staff intake not accepted by the bus: ${(error as Error).message}`);
    }
    this.metrics.messagesIngested.inc({ channel: form.channel });
    return { reference: deriveReference(this.config.referenceSecret, referenceSeed(form.channel, externalId)), messageId: id };
  }

  /**
   * What only some staff channels carry, checked: a complaint-book entry's store, day and scan,
   * a consultation's kind and consultant. Fields of another channel are refused, not dropped.
   */
  private channelFacts(form: StaffIntakeDto, agentId: string, now: Date): { staff: StaffIntake; receivedAt: Date } {
    const staff: StaffIntake = { agentId };
    if (form.channel !== 'complaint_book' && (form.store || form.entryDate || form.scanId)) {
      throw new AgentApiRefused('invalid', 'store, entry date and scan belong to complaint-book entries');
    }
    if (form.channel !== 'consultation' && form.consultationKind) {
      throw refusedField('consultationKind', 'belongs to consultation complaints only');
    }
    switch (form.channel) {
      case 'phone':
        return { staff, receivedAt: now };
      case 'complaint_book':
        return this.complaintBookEntry(form, staff, now);
      case 'consultation':
        return { staff: consultation(form, staff), receivedAt: now };
    }
  }

  private complaintBookEntry(form: StaffIntakeDto, staff: StaffIntake, now: Date): { staff: StaffIntake; receivedAt: Date } {
    if (!cleanName(form.store ?? '') || !form.entryDate) throw new AgentApiRefused('invalid', 'a complaint-book entry needs the store and the entry date');
    let entryStart: Date;
    try {
      entryStart = this.calendar.startOfDay(form.entryDate);
    } catch {
      // The shape was checked (YYYY-MM-DD); a day such as 2026-02-30 still is not one.
      throw new AgentApiRefused('invalid', `entryDate ${form.entryDate} is not a date`);
    }
    if (entryStart.getTime() > now.getTime()) throw new AgentApiRefused('invalid', 'the entry date is in the future');
    staff.store = cleanName(form.store ?? '');
    staff.entryDate = form.entryDate;
    if (form.scanId) staff.scan = this.scan(form.scanId);
    // The policy's clock starts when the complaint reached the company: the day of the entry.
    return { staff, receivedAt: this.calendar.localDate(now) === form.entryDate ? now : entryStart };
  }

  private scan(scanId: string): NonNullable<StaffIntake['scan']> {
    const metaFile = join(this.config.blobDir, SCAN_DIR, `${scanId}.json`);
    if (!existsSync(metaFile)) throw new AgentApiRefused('invalid', `no uploaded scan ${scanId}`);
    const scan = JSON.parse(readFileSync(metaFile, 'utf8')) as StoredScan;
    return { uri: scan.uri, filename: scan.filename, contentType: scan.contentType, size: scan.size, sha256: scan.sha256 };
  }
}

/** A consultation names its kind (video or mobile) and the consultant, both required. */
function consultation(form: StaffIntakeDto, staff: StaffIntake): StaffIntake {
  const missing: FieldProblem[] = [];
  if (!form.consultationKind) missing.push({ field: 'consultationKind', problems: ['is required for a consultation: video or mobile'] });
  if (!cleanName(form.employeeName ?? '')) missing.push({ field: 'employeeName', problems: ['is required for a consultation: the consultant who took the complaint'] });
  if (missing.length > 0) throw new AgentApiRefused('invalid', missing.map((one) => `${one.field} ${one.problems.join(', ')}`).join('; '), missing);
  return { ...staff, consultationKind: form.consultationKind };
}

function refusedField(field: string, problem: string): AgentApiRefused {
  return new AgentApiRefused('invalid', `${field} ${problem}`, [{ field, problems: [problem] }]);
}
