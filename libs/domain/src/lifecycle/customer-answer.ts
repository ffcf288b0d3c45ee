import { cleanName } from '@plaint/contracts';
import type { RequiredDetail } from '../complaint';
import { normalizePhone } from '../customer-identity';
import type { ProvidedDetails } from './lifecycle-command';

const EMAIL = /[^\s@<>"(),;:]+@[^\s@<>"(),;:]+\.[^\s@<>"(),;:]+/u;
const PHONE = /\+?\d[\d\s()-]{6,}\d/u;
// A word of a name: capitalised letters, joined by a hyphen or an apostrophe (Məmmədova, O'Neil,
// Əli-Heydər). No digits, no sentence punctuation.
const NAME_WORD = /^\p{Lu}\p{Ll}*(?:['’-]\p{L}\p{Ll}*)*$/u;
const MAX_NAME_CHARS = 60;
// The small words of Azerbaijani patronymics ("Aynur Əli qızı"), written in lower case.
const NAME_PARTICLES = new Set(['qızı', 'oğlu', 'кызы', 'оглы']);

/**
 * Reads the required details a customer's answer gives: what their channel tells about them
 * (a name, an address) first, else what they wrote. A first line that looks like a name (two to
 * four capitalised words of letters, nothing else) is taken as their full name when that is what
 * we asked for; a sentence never is. An agent can still correct it.
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
  // One full stop after a name is how some people end any line; any other punctuation is a sentence.
  const firstLine = (text.split(/\r?\n/u)[0] ?? '').trim().replace(/\.$/u, '');
  const words = firstLine.split(/\s+/u);
  if (firstLine.length > MAX_NAME_CHARS || words.length < 2 || words.length > 4) return undefined;
  const fits = words.every((word, i) => NAME_WORD.test(word) || (i > 0 && NAME_PARTICLES.has(word)));
  return fits ? words.join(' ') : undefined;
}

function contactIn(text: string): string | undefined {
  const email = EMAIL.exec(text)?.[0];
  if (email) return email.toLowerCase();
  const phone = PHONE.exec(text)?.[0];
  return phone ? (normalizePhone(phone) ?? undefined) : undefined;
}
