import { Inject, Logger, UseFilters } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { createHash, randomBytes } from 'node:crypto';
import type { Namespace, Socket } from 'socket.io';
import { v7 as uuidv7 } from 'uuid';
import { MessageBus } from '@plaint/bus';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { ContractViolation, CORRELATION_HEADER, fieldProblems, INBOUND_TOPIC, type InboundMessageV1, payloadShapeProblem } from '@plaint/contracts';
import { Clock, customerKey, normalizePhone } from '@plaint/domain';
import { correlationIdFrom, inSpan, Metrics, SpanKind } from '@plaint/observability';
import { ChatConversationEntity, ChatLineEntity } from '@plaint/persistence';
import {
  type ChatAck,
  type ChatError,
  type ChatLineView,
  ChatMessageDto,
  ChatResumeDto,
  ChatStartDto,
  plainlyValidMessage,
} from './chat-protocol';
import { ChatRateLimits } from './chat-rate-limits';
import { ChatAckFilter } from './chat-ack.filter';
import { ChatTranscript, toView } from './chat-transcript';

interface ChatSocketData {
  /** The conversation this socket started or resumed, read once: a message needs no lookup. */
  conversation?: ChatConversationEntity;
}

export const conversationRoom = (conversationId: string) => `conversation:${conversationId}`;

/** Checks a payload's shape (iteratively, before anything recursive sees it), then its fields. */
function validated<T extends object>(type: new () => T, body: unknown, maxDepth: number): T | ChatError {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { code: 'invalid', message: 'The payload must be one JSON object' };
  }
  const shape = payloadShapeProblem(body, maxDepth);
  if (shape === 'too-deep') return { code: 'invalid', message: `The payload is nested more than ${maxDepth} levels deep` };
  if (shape === 'prototype-key') return { code: 'invalid', message: 'The payload has a member named __proto__, constructor or prototype' };
  const instance = plainToInstance(type, body);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length === 0) return instance;
  return { code: 'invalid', message: 'Some fields are not valid', fields: fieldProblems(errors) };
}

const isError = (value: object): value is ChatError => 'code' in value && 'message' in value && !('text' in value);

/**
 * The live-chat channel (socket.io namespace /chat). A message is acknowledged to the widget
 * only after the bus accepted it; a resend with the same clientMessageId maps to the same
 * message, so the widget can retry freely after a reload or a dropped connection.
 */
// Origins and CORS are the adapter's (ChatIoAdapter): from configuration, same origin by default.
@WebSocketGateway({ namespace: '/chat' })
@UseFilters(new ChatAckFilter())
export class ChatGateway {
  private readonly logger = new Logger(ChatGateway.name);
  @WebSocketServer() server!: Namespace;

  constructor(
    private readonly bus: MessageBus,
    private readonly transcript: ChatTranscript,
    private readonly clock: Clock,
    private readonly metrics: Metrics,
    private readonly limits: ChatRateLimits,
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
  ) {}

  @SubscribeMessage('chat:start')
  async start(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<ChatAck<{ conversationId: string }>> {
    const dto = validated(ChatStartDto, body, this.config.input.maxPayloadDepth);
    if (isError(dto)) return { ok: false, error: dto };
    const limited = this.limits.start(socket, dto);
    if (limited) return { ok: false, error: limited };
    const problems: { field: string; problems: string[] }[] = [];
    const phone = dto.phone ? normalizePhone(dto.phone) : null;
    if (dto.phone && !phone) problems.push({ field: 'phone', problems: ['is not a valid phone number'] });
    if (!dto.email && !dto.phone) problems.push({ field: 'contact', problems: ['give an e-mail address or a phone number'] });
    if (problems.length > 0) return { ok: false, error: { code: 'invalid', message: 'Some fields are not valid', fields: problems } };

    const conversation = Object.assign(new ChatConversationEntity(), {
      id: randomBytes(18).toString('base64url'),
      fullName: dto.fullName.trim(),
      email: dto.email ?? null,
      phone,
      language: dto.language ?? null,
      createdAt: this.clock.now(),
    });
    await this.transcript.startConversation(conversation);
    await this.attach(socket, conversation);
    return { ok: true, conversationId: conversation.id };
  }

  @SubscribeMessage('chat:resume')
  async resume(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<ChatAck> {
    const dto = validated(ChatResumeDto, body, this.config.input.maxPayloadDepth);
    if (isError(dto)) return { ok: false, error: dto };
    const limited = this.limits.resume(socket);
    if (limited) return { ok: false, error: limited };
    const conversation = await this.transcript.findConversation(dto.conversationId);
    if (!conversation) return { ok: false, error: { code: 'unknown_conversation', message: 'This conversation does not exist' } };
    // Join first, then replay: a line arriving in between may come twice, never not at all;
    // the widget shows each id once.
    await this.attach(socket, conversation);
    for (const line of await this.transcript.linesOf(dto.conversationId)) socket.emit('chat:message', line);
    return { ok: true };
  }

  @SubscribeMessage('chat:message')
  async message(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<ChatAck<{ messageId: string }>> {
    const conversation = (socket.data as ChatSocketData).conversation;
    if (!conversation) return { ok: false, error: { code: 'not_started', message: 'Start or resume the chat first' } };
    const conversationId = conversation.id;
    const dto = plainlyValidMessage(body) ?? validated(ChatMessageDto, body, this.config.input.maxPayloadDepth);
    if (isError(dto)) return { ok: false, error: dto };
    const limited = this.limits.message(socket, conversationId, dto.text);
    if (limited) return { ok: false, error: limited };

    const now = this.clock.now();
    const externalId = `${conversationId}:${dto.clientMessageId}`;
    const messageId = createHash('sha256').update(externalId).digest('hex').slice(0, 32);
    const sender: InboundMessageV1['sender'] = { name: conversation.fullName };
    if (conversation.email) sender.email = conversation.email;
    if (conversation.phone) sender.phone = conversation.phone;
    const inbound: InboundMessageV1 = {
      id: uuidv7(),
      channel: 'chat',
      externalId,
      conversation: conversationId,
      sender,
      text: dto.text.trim(),
      attachments: [],
      receivedAt: now.toISOString(),
      replyTo: conversationId,
      automated: false,
    };
    if (conversation.language) inbound.locale = conversation.language as InboundMessageV1['locale'];
    try {
      const publish = () =>
        this.bus.publish(INBOUND_TOPIC, [
          { key: customerKey('chat', sender, conversationId), value: inbound, headers: { [CORRELATION_HEADER]: correlationIdFrom(undefined) } },
        ]);
      await inSpan('chat message received', { 'plaint.channel': 'chat' }, publish, { kind: SpanKind.SERVER });
    } catch (error) {
      // A bug, not an outage: ChatAckFilter answers it as invalid input and logs the fields.
      if (error instanceof ContractViolation) throw error;
      this.logger.error(`chat message not accepted by the bus: ${(error as Error).message}`);
      return { ok: false, error: { code: 'unavailable', message: 'The message could not be sent; it will be retried' } };
    }
    this.metrics.messagesIngested.inc({ channel: 'chat' });
    const line = Object.assign(new ChatLineEntity(), {
      id: messageId,
      conversationId,
      author: 'customer',
      authorName: null,
      text: inbound.text,
      reference: null,
      sentAt: now,
    });
    await this.transcript.record([line]);
    this.show(conversationId, toView(line));
    return { ok: true, messageId };
  }

  /** Shows a line on every socket of the conversation, on this instance or (via Redis) another. */
  show(conversationId: string, line: ChatLineView): void {
    this.server.to(conversationRoom(conversationId)).emit('chat:message', line);
  }

  private async attach(socket: Socket, conversation: ChatConversationEntity): Promise<void> {
    (socket.data as ChatSocketData).conversation = conversation;
    await socket.join(conversationRoom(conversation.id));
  }
}
