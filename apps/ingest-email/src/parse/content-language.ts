import type { HeaderLines } from 'mailparser';
import { rawHeaderValues } from './raw-headers';

export type EmailLanguage = 'az' | 'ru' | 'en';

const KNOWN = new Set<string>(['az', 'ru', 'en']);

/** The first language of a `Content-Language` header (`az-Latn-AZ, en` → az), if it is one we serve. */
export function contentLanguage(headerLines: HeaderLines): EmailLanguage | null {
  const first = rawHeaderValues(headerLines, 'content-language')[0] ?? '';
  const primary = first.split(',')[0]?.trim().split(/[-_]/)[0]?.toLowerCase() ?? '';
  return KNOWN.has(primary) ? (primary as EmailLanguage) : null;
}
