import { CUSTOMER_SIGN_IN_NOTICE, type CustomerSignInLinkV1 } from '@plaint/contracts';
import { signInLinkToken, signInLinkUrl } from '@plaint/domain';
import type { NoticeEntity } from '@plaint/persistence';
import type { NoticeTemplates } from '../notice-templates';

/** Where the link goes in a stored sign-in notice: it is filled in only as the notice is sent. */
export const LINK_PLACEHOLDER = '{{link}}';

/**
 * The text of a sign-in link's notice as it is stored: everything but the link itself. Nothing
 * that is kept (the notice row, what an agent or a backup could read) holds a usable token.
 */
export function signInNoticeText(event: CustomerSignInLinkV1, templates: NoticeTemplates): string {
  const minutes = Math.max(1, Math.round((Date.parse(event.expiresAt) - Date.parse(event.occurredAt)) / 60_000));
  return templates.render(event.language, CUSTOMER_SIGN_IN_NOTICE, { link: LINK_PLACEHOLDER, minutes: String(minutes) });
}

/** Why a sign-in link cannot be sent from this notifier. */
export class NoLinkAddress extends Error {
  constructor() {
    super('PLAINT_CUSTOMER_PAGE_URL is not set for the notifier: it cannot write a sign-in link');
  }
}

/**
 * The text that goes out: for a sign-in notice, with its link, whose token the installation's
 * secret derives from the link's id (the notice's event id); any other notice as stored.
 */
export function textToSend(notice: Pick<NoticeEntity, 'eventType' | 'eventId' | 'text'>, secret: string, pageUrl: string | undefined): string {
  if (notice.eventType !== CUSTOMER_SIGN_IN_NOTICE) return notice.text;
  if (!pageUrl) throw new NoLinkAddress();
  return notice.text.split(LINK_PLACEHOLDER).join(signInLinkUrl(pageUrl, signInLinkToken(secret, notice.eventId)));
}
