import { normalizeReference } from '@plaint/domain';

/**
 * What an agent typed into the desk's search box, taken apart into what the store can look for:
 * the reference as customers quote it, the digits of a phone number, and words of the name,
 * the e-mail address, the essence or any message of the complaint.
 */
export interface ComplaintSearch {
  /** The reference, when the whole text is one (any case, with or without dashes). */
  reference: string | null;
  /** The digits of a phone number without the trunk zero, when the text has enough of them. */
  phoneDigits: string | null;
  /** Lower-case words; each must appear in one of the searched texts. */
  words: string[];
}

/** Fewer digits than this match too many numbers to mean a phone ("1 December"). */
const MIN_PHONE_DIGITS = 5;
/** More words than this add nothing but work to each row the search reads. */
const MAX_WORDS = 8;

export function parseComplaintSearch(text: string): ComplaintSearch | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  // A national number is written with its trunk zero ("050 123 45 67"), a stored one in E.164 (+994 50…).
  const digits = /^[\d\s()+.-]+$/.test(trimmed) ? trimmed.replace(/\D/g, '').replace(/^0+/, '') : '';
  return {
    reference: normalizeReference(trimmed),
    phoneDigits: digits.length >= MIN_PHONE_DIGITS ? digits : null,
    words: [...new Set(trimmed.toLowerCase().split(/\s+/))].slice(0, MAX_WORDS),
  };
}

/** A LIKE pattern that finds `text` anywhere; its own % and _ match only themselves (ESCAPE '\'). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, '\\$&')}%`;
}
