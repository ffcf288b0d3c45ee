import { Inject, Injectable } from '@nestjs/common';
import type { Socket } from 'socket.io';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { contactBuckets } from '@plaint/contracts';
import { parseStatusRequest } from '@plaint/domain';
import { addressBucket, type Limit, RateLimited, RateLimiter, TrustedProxies } from '@plaint/observability';
import type { ChatError } from './chat-protocol';

/**
 * The chat's limits, on the same limiter as the form and the status lookup: starts per client
 * address and per contact, messages per address and per conversation, and status questions per
 * conversation. Each check answers the ack's error, or undefined when the event may go on.
 */
@Injectable()
export class ChatRateLimits {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly proxies: TrustedProxies,
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
  ) {}

  start(socket: Socket, contact: { email?: string; phone?: string }): ChatError | undefined {
    const limits = this.config.edge.rateLimits;
    return this.take([
      { name: 'chat-start-address', key: this.address(socket), perMinute: limits.chatStartsPerAddress },
      ...contactBuckets(contact).map((key) => ({ name: 'chat-start-contact', key, perMinute: limits.chatStartsPerContact })),
    ]);
  }

  resume(socket: Socket): ChatError | undefined {
    const limits = this.config.edge.rateLimits;
    return this.take([{ name: 'chat-message-address', key: this.address(socket), perMinute: limits.chatMessagesPerAddress }]);
  }

  message(socket: Socket, conversationId: string, text: string): ChatError | undefined {
    const limits = this.config.edge.rateLimits;
    const charged: Limit[] = [
      { name: 'chat-message-address', key: this.address(socket), perMinute: limits.chatMessagesPerAddress },
      { name: 'chat-message-conversation', key: conversationId, perMinute: limits.chatMessagesPerConversation },
    ];
    if (parseStatusRequest(text)) {
      charged.push({ name: 'chat-status-conversation', key: conversationId, perMinute: limits.chatStatusPerConversation });
    }
    return this.take(charged);
  }

  private address(socket: Socket): string {
    return addressBucket(this.proxies.clientAddress(socket.request.socket.remoteAddress ?? socket.handshake.address, socket.handshake.headers['x-forwarded-for']));
  }

  private take(limits: Limit[]): ChatError | undefined {
    try {
      this.limiter.take(limits);
      return undefined;
    } catch (error) {
      if (!(error instanceof RateLimited)) throw error;
      return {
        code: 'rate_limited',
        message: 'Too many messages; please wait a little',
        retryAfterSeconds: error.retryAfterSeconds,
      };
    }
  }
}
