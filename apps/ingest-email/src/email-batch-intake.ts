import { v7 as uuidv7 } from 'uuid';
import type { MessageBus, OutgoingMessage } from '@plaint/bus';
import {
  AGENT_COMMANDS_TOPIC,
  type AgentCommandV1,
  buildPayload,
  ContractViolation,
  CORRELATION_HEADER,
  INBOUND_TOPIC,
  type InboundMessageV1,
  type Language,
  type TopicName,
} from '@plaint/contracts';
import { type Clock, customerKey, referenceFromMessageId } from '@plaint/domain';
import { correlationIdFrom, inSpan, SpanKind } from '@plaint/observability';
import type { EmailCursors } from './email-cursors';
import type { EmailQuarantine, QuarantinedEmail } from './email-quarantine';
import { type EmailLimits, type ParsedEmail, parseEmail, type ParseResult } from './parse';
import type { RawMessageStore } from '@plaint/persistence';
import { agentTokenOf, toAgentCommand } from './to-agent-command';
import { toInboundMessage } from './to-inbound-message';

const MAX_ATTACHMENTS = 50;

/** A mail as fetched from the mailbox, or one left on the server with the reason. */
export type FetchedMail =
  | { uid: number; source: Buffer; internalDate: Date | null }
  | { uid: number; leftOnServer: { rawUri: string; reason: string } };

export interface MailBatch {
  mailbox: string;
  uidValidity: string;
  /** The cursor moves here once the batch is safe: the highest UID the batch stands for. */
  throughUid: number;
  mails: readonly FetchedMail[];
}

export interface BatchOutcome {
  /** Customers' mails put on the bus as inbound messages. */
  published: number;
  /** Agents' mails put on the bus as their commands. */
  agentCommands: number;
  quarantined: number;
}

/** One mail ready for the bus: a customer's message, or an agent's command. */
type Prepared =
  | { topic: typeof INBOUND_TOPIC; message: OutgoingMessage<InboundMessageV1> }
  | { topic: typeof AGENT_COMMANDS_TOPIC; message: OutgoingMessage<AgentCommandV1> };

export interface IntakeLogger {
  log(message: string): void;
  warn(message: string): void;
}

export interface EmailIntakeSettings {
  /** The complaint reference secret: verifies our own Message-IDs. */
  referenceSecret: string;
  defaultLanguage: Language;
  limits?: Partial<EmailLimits>;
  /** The company's own mail domains: their forwards are customers' complaints. */
  companyDomains?: readonly string[];
}

export interface EmailIntakeParts {
  store: RawMessageStore;
  cursors: EmailCursors;
  quarantine: EmailQuarantine;
  bus: MessageBus;
  clock: Clock;
  logger: IntakeLogger;
  /** Counts the messages put on the bus. */
  onPublished?: (count: number) => void;
}

/**
 * Takes one batch of fetched mails: keeps each raw mail, parses it, and either publishes it (a
 * customer's mail as an inbound message, an agent's reply as their command) or quarantines it
 * with the reason; then, and only then, moves the mailbox cursor past the batch.
 * A mail that cannot be read is recorded and skipped, so it never holds back the ones after it;
 * a failure of the store, the database or the bus fails the whole batch, which is read again.
 */
export class EmailBatchIntake {
  constructor(
    private readonly parts: EmailIntakeParts,
    private readonly settings: EmailIntakeSettings,
  ) {}

  async take(batch: MailBatch): Promise<BatchOutcome> {
    const outgoing: OutgoingMessage<InboundMessageV1>[] = [];
    const commands: OutgoingMessage<AgentCommandV1>[] = [];
    const quarantined: QuarantinedEmail[] = [];
    const about = (uid: number) => ({ mailbox: batch.mailbox, uidValidity: batch.uidValidity, uid });

    // Each mail is stored and parsed independently, so the chunk's file writes overlap; the
    // results are then taken in UID order.
    const sorted = [...batch.mails].sort((a, b) => a.uid - b.uid);
    const prepared = await Promise.all(sorted.map((mail) => this.prepare(mail, batch.mailbox)));
    prepared.forEach((result, i) => {
      const uid = sorted[i]?.uid ?? 0;
      if ('reason' in result) quarantined.push({ ...about(uid), ...result });
      else if (result.topic === AGENT_COMMANDS_TOPIC) commands.push(result.message);
      else outgoing.push(result.message);
    });

    const now = this.parts.clock.now();
    // The quarantine is written before the cursor moves past those mails: none is ever lost.
    if (quarantined.length > 0) {
      await this.parts.quarantine.add(quarantined, now);
      for (const mail of quarantined) {
        // The reason stays in email_quarantine: a parser's message can quote the mail's headers.
        this.parts.logger.warn(`quarantined mail uid ${mail.uid} of ${mail.mailbox} (${mail.rawUri}); the reason is in email_quarantine`);
      }
    }
    // Agents' commands are on the bus before the cursor moves too; a repeat after a failure
    // here acts once, as core keeps each command by its id.
    if (commands.length > 0) await this.parts.bus.publish(AGENT_COMMANDS_TOPIC, commands);
    if (outgoing.length > 0) {
      const publish = () => this.parts.bus.publish(INBOUND_TOPIC, outgoing);
      await inSpan('e-mail fetched', { 'plaint.channel': 'email', 'plaint.mail.count': outgoing.length }, publish, { kind: SpanKind.CONSUMER });
      this.parts.onPublished?.(outgoing.length);
    }
    await this.parts.cursors.advance(batch.mailbox, { uidValidity: batch.uidValidity, lastUid: batch.throughUid }, now);
    return { published: outgoing.length, agentCommands: commands.length, quarantined: quarantined.length };
  }

  /**
   * One mail as it goes on the bus, or why it goes to the quarantine instead. An agent's reply
   * (it carries an agent-reply token) becomes their command and never a customer's message.
   */
  private async prepare(mail: MailBatch['mails'][number], mailbox: string): Promise<Prepared | { rawUri: string; reason: string }> {
    if ('leftOnServer' in mail) return mail.leftOnServer;
    const raw = await this.parts.store.put(mail.source);
    const parsed = await this.parse(mail.source);
    if (!parsed.ok) return { rawUri: raw.uri, reason: parsed.reason };
    const headers = { [CORRELATION_HEADER]: correlationIdFrom(undefined) };
    const token = agentTokenOf(parsed.email);
    if (token) {
      const receivedAt = mail.internalDate ?? parsed.email.date ?? this.parts.clock.now();
      const { key, command } = toAgentCommand(parsed.email, token, { raw: mail.source, receivedAt });
      const problem = contractProblem(AGENT_COMMANDS_TOPIC, command);
      if (problem) return { rawUri: raw.uri, reason: problem };
      return { topic: AGENT_COMMANDS_TOPIC, message: { key, value: command, headers } };
    }
    const message = await this.toMessage(parsed.email, mailbox, raw.uri, mail.internalDate);
    const problem = contractProblem(INBOUND_TOPIC, message);
    if (problem) return { rawUri: raw.uri, reason: problem };
    return { topic: INBOUND_TOPIC, message: { key: customerKey('email', message.sender, message.conversation), value: message, headers } };
  }

  private async parse(source: Buffer): Promise<ParseResult> {
    const secret = this.settings.referenceSecret;
    try {
      return await parseEmail(source, this.settings.limits, {
        isOwnMessageId: (id) => referenceFromMessageId(secret, id) !== null,
      });
    } catch (error) {
      // A parser bug on one hostile mail must not stall the mailbox behind it.
      return { ok: false, reason: `the parser failed: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  private async toMessage(email: ParsedEmail, mailbox: string, rawUri: string, internalDate: Date | null): Promise<InboundMessageV1> {
    const attachmentUris = new Map<string, string>();
    // The contract carries at most 50; the rest stay readable in the raw mail.
    for (const attachment of email.attachments) {
      if (attachmentUris.size === MAX_ATTACHMENTS) break;
      if (attachmentUris.has(attachment.sha256)) continue;
      attachmentUris.set(attachment.sha256, (await this.parts.store.put(attachment.content, 'attachment')).uri);
    }
    return toInboundMessage(email, {
      id: uuidv7(),
      mailbox,
      rawUri,
      attachmentUris,
      secret: this.settings.referenceSecret,
      internalDate,
      now: this.parts.clock.now(),
      defaultLanguage: this.settings.defaultLanguage,
      companyDomains: this.settings.companyDomains ?? [],
    });
  }
}

/**
 * Why the bus would refuse the message, checked one message at a time: the bus validates a
 * publish as a whole, and one refused mail must not keep the others of its batch off the bus.
 */
function contractProblem(topic: TopicName, message: InboundMessageV1 | AgentCommandV1): string | null {
  try {
    buildPayload(topic, message);
    return null;
  } catch (error) {
    if (error instanceof ContractViolation) return `the message does not fit the contract of ${topic}: ${error.problems.join('; ')}`;
    throw error;
  }
}
