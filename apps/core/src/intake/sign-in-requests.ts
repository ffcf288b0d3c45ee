import { Inject, Injectable } from '@nestjs/common';
import type { BusRecord } from '@plaint/bus';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { type InboundMessageV1, NOTICE_ROUTES, type NoticeRoute } from '@plaint/contracts';
import type { IntakeDecision } from '@plaint/domain';
import { SignInLinks } from '../customer-page/sign-in-links';
import type { StoreSession } from '../store/core-store';

/**
 * A messenger user's `/signin` (docs/my-complaints.md): a link to their page, sent back into the
 * chat they asked from, bound to their platform user id, which the platform vouches for. The
 * asker is that chat's owner, so the link goes whether or not they have complaints (the page then
 * says it found none); the hourly cap per contact still holds.
 */
@Injectable()
export class AnswerSignInRequests {
  constructor(
    private readonly links: SignInLinks,
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
  ) {}

  async execute(store: StoreSession, decisions: readonly IntakeDecision[], records: readonly BusRecord<InboundMessageV1>[], now: Date): Promise<void> {
    const asked = new Set(decisions.filter((d) => d.kind === 'sign-in').map((d) => d.messageId));
    if (asked.size === 0 || !this.config.customerPage.pageUrl) return;
    for (const { value: message } of records) {
      if (!asked.has(message.id) || !message.sender.platformId || !message.replyTo || !isRoute(message.channel)) continue;
      await this.links.issue(
        store,
        { kind: 'platform', value: `${message.channel}:${message.sender.platformId}` },
        { route: message.channel, recipient: message.replyTo, customerWroteAt: message.receivedAt },
        message.locale ?? this.config.policy.defaultLanguage,
        now,
      );
    }
  }
}

function isRoute(channel: string): channel is NoticeRoute {
  return (NOTICE_ROUTES as readonly string[]).includes(channel);
}
