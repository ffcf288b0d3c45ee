import type { HeaderLines } from 'mailparser';
import type { AutomatedReason, EmailAddress } from './parsed-email';
import { rawHeaderValues } from './raw-headers';

export interface AutomationEvidence {
  headerLines: HeaderLines;
  from: EmailAddress | null;
  messageId: string | null;
  deliveryReport: boolean;
  isOwnMessageId?: ((id: string) => boolean) | undefined;
}

const BULK_PRECEDENCE = new Set(['bulk', 'junk', 'list', 'auto_reply']);
const SYSTEM_MAILBOXES = new Set(['mailer-daemon', 'postmaster']);

/**
 * Why a mail is automatic, or null for a person's mail. Automatic mail never opens a complaint
 * and is never answered, so that two robots cannot answer each other for ever (RFC 3834). The
 * most specific reason wins: a bounce from MAILER-DAEMON is a 'delivery-report'.
 */
export function automatedReason(evidence: AutomationEvidence): AutomatedReason | null {
  const { headerLines, from, messageId } = evidence;
  const values = (name: string): string[] => rawHeaderValues(headerLines, name).map(token);

  if (evidence.deliveryReport) return 'delivery-report';
  if (messageId && evidence.isOwnMessageId?.(messageId)) return 'own-notice';
  if (from && SYSTEM_MAILBOXES.has(localPart(from.address))) return 'mailer-daemon';
  if (values('auto-submitted').some((v) => v !== 'no')) return 'auto-submitted';
  if (values('precedence').some((v) => BULK_PRECEDENCE.has(v))) return 'precedence';
  if (headerLines.some((h) => h.key.startsWith('list-'))) return 'mailing-list';
  if (rawHeaderValues(headerLines, 'return-path').some((v) => /^<\s*>$/.test(v))) return 'empty-return-path';
  // Older auto-responders mark themselves only with these; they are auto-replies all the same.
  if ([...values('x-autoreply'), ...values('x-autorespond')].some((v) => v !== 'no')) return 'auto-submitted';
  return null;
}

/** The keyword of a header value: `Auto-Replied (vacation)` → `auto-replied`. */
function token(value: string): string {
  return value.replace(/\([^)]*\)/g, ' ').trim().split(/[\s;]+/)[0]?.toLowerCase() ?? '';
}

function localPart(address: string): string {
  return address.slice(0, address.lastIndexOf('@'));
}
