import type { AddressObject, HeaderLines, EmailAddress as MailparserAddress } from 'mailparser';
import { cleanName } from '@plaint/contracts';
import type { EmailAddress } from './parsed-email';
import { rawHeaderValues } from './raw-headers';

// Deliberately strict: the address is used to answer, so anything odd (quotes, brackets,
// whitespace, an encoded word mailparser blanked) is not an address. Unicode is allowed because
// mailparser decodes punycode domains.
const ADDRESS = /^[^\s@<>()[\]\\,;:"\p{Cc}]{1,64}@[^\s@<>()[\]\\,;:"\p{Cc}]+\.[^\s@<>()[\]\\,;:"\p{Cc}.]{2,}$/u;

/**
 * The mailboxes of an address header exactly as mailparser resolved them. The display name never
 * decides the address: `"a@evil.com" <b@good.com>`, `b@good.com (a@evil.com)` and an encoded-word
 * name that decodes to `<x@y>` all give b@good.com, because mailparser (addressparser) keeps
 * names, comments and encoded words out of the address. Group members are listed in place of
 * their group.
 */
export function mailboxes(header: AddressObject | AddressObject[] | undefined): EmailAddress[] {
  const found: EmailAddress[] = [];
  const visit = (entries: MailparserAddress[]): void => {
    for (const entry of entries) {
      if (entry.group) visit(entry.group);
      const mailbox = toEmailAddress(entry);
      if (mailbox) found.push(mailbox);
    }
  };
  for (const object of Array.isArray(header) ? header : header ? [header] : []) visit(object.value);
  return found;
}

/** A mailbox read from text (a forwarded mail's "From:" line), held to the same rules. */
export function textMailbox(name: string | undefined, address: string): EmailAddress | null {
  return toEmailAddress({ name: name ?? '', address });
}

function toEmailAddress(entry: MailparserAddress): EmailAddress | null {
  const address = (entry.address ?? '').trim().toLowerCase();
  if (address.length > 254 || !ADDRESS.test(address)) return null;
  const name = cleanDisplayName(entry.name);
  return name ? { name, address } : { address };
}

/** A display name safe to put back into a header: CR, LF and other controls become spaces. */
export function cleanDisplayName(name: string | undefined): string {
  return cleanName(name ?? '').slice(0, 200);
}

/**
 * The addressed mailboxes and the envelope recipients the receiving servers recorded
 * (Delivered-To, X-Original-To: `<care+tag@shop.example>` or a bare address), each once.
 */
export function recipientAddresses(addressed: readonly EmailAddress[], headerLines: HeaderLines): string[] {
  const delivered = [...rawHeaderValues(headerLines, 'delivered-to'), ...rawHeaderValues(headerLines, 'x-original-to')]
    .map((value) => textMailbox(undefined, value.replace(/^<|>$/g, '').trim()))
    .filter((mailbox) => mailbox !== null);
  return [...new Set([...addressed, ...delivered].map((mailbox) => mailbox.address))];
}
