import { cleanName } from '@plaint/contracts';
import type { RequiredDetail } from '../complaint';
import { normalizePhone } from '../customer-identity';
import type { ProvidedDetails } from './lifecycle-command';

const EMAIL = /[^\s@<>"(),;:]+@[^\s@<>"(),;:]+\.[^\s@<>"(),;:]+/u;
const PHONE = /\+?\d[\d\s()-]{6,}\d/u;
const NAME_WORD = /^[\p{L}][\p{L}'’.-]*$/u;

/**
 * Reads the required details a customer's answer gives: what their channel tells about them
 * (a name, an address) first, else what they wrote. A short line of two to five words is taken
 * as their full name when that is what we asked for; an agent can still correct it.
 */
export function detailsFromAnswer(
  answer: { text: string; sender: { name?: string; email?: string; phone?: string } },
  missing: readonly RequiredDetail[],
): ProvidedDetails {
  const text = answer.text.trim();
  const details: ProvidedDetails = {};
  if (missing.includes('fullName')) {
    const name = cleanName(answer.sender.name ?? '') || nameIn(text);
    if (name) details.fullName = name;
  }
  if (missing.includes('contact')) {
    const contact = answer.sender.email ?? answer.sender.phone ?? contactIn(text);
    if (contact) details.contact = contact;
  }
  if (missing.includes('essence') && text) details.essence = text;
  return details;
}

function nameIn(text: string): string | undefined {
  const firstLine = text.split(/\r?\n/u)[0]?.trim() ?? '';
  const words = firstLine.replace(/[.!,]+$/u, '').split(/\s+/u);
  if (firstLine.length > 100 || words.length < 2 || words.length > 5) return undefined;
  return words.every((word) => NAME_WORD.test(word)) ? words.join(' ') : undefined;
}

function contactIn(text: string): string | undefined {
  const email = EMAIL.exec(text)?.[0];
  if (email) return email.toLowerCase();
  const phone = PHONE.exec(text)?.[0];
  return phone ? (normalizePhone(phone) ?? undefined) : undefined;
}
