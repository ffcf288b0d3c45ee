import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { LANGUAGES, type Language, NOTICE_ROUTES, type NoticeRoute } from './channel';

/** The event type of a sign-in link's notice row (the notifier writes it; core's erasure finds it by it). */
export const CUSTOMER_SIGN_IN_NOTICE = 'customer.sign-in-link';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Topic plaint.customer-sign-in.v1, keyed by the link's id; written by core through its outbox
 * when a customer asked for a sign-in link to their page (docs/my-complaints.md). The notifier
 * sends it once, on the one route given, to the contact the customer named and nowhere else.
 * It carries no token: the notifier derives it from the link id with the installation's
 * reference secret, so neither the bus nor a stored row holds a usable link.
 */
export class CustomerSignInLinkV1 {
  /** The link's id: the notifier's idempotency key, and what the token is derived from. */
  @Matches(UUID) linkId!: string;
  @IsIn(NOTICE_ROUTES) route!: NoticeRoute;
  /** The e-mail address, E.164 phone number or `<bot>:<chat id>` the link goes to. */
  @IsString() @IsNotEmpty() @MaxLength(320) recipient!: string;
  @IsIn(LANGUAGES) language!: Language;
  /** After this the link opens nothing; a link not sent by then is not sent at all. */
  @IsISO8601({ strict: true }) expiresAt!: string;
  @IsISO8601({ strict: true }) occurredAt!: string;
  /**
   * Asked for in a messenger: when the customer wrote. A platform that takes free text only for a
   * while after the customer's message (WhatsApp's 24 hours) then takes the link as it is.
   */
  @IsOptional() @IsISO8601({ strict: true }) customerWroteAt?: string;
}
