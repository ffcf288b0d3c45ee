import type { HeaderLines } from 'mailparser';
import { rawHeaderValues } from './raw-headers';

/**
 * The Date header, or null when the mail has none or it cannot be read. mailparser puts the
 * current time in place of an unparsable date without saying so, which would make a mail look
 * new, and hash differently, every time it is parsed; so the date is read from the raw header.
 */
export function emailDate(headerLines: HeaderLines): Date | null {
  const raw = rawHeaderValues(headerLines, 'date')[0];
  if (raw === undefined) return null;
  const date = new Date(raw);
  return Number.isNaN(date.getTime()) ? null : date;
}
