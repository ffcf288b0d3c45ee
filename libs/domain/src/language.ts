export type Language = 'az' | 'ru' | 'en';

const AZERBAIJANI_LETTERS = /[əğıöüşçƏĞİÖÜŞÇ]/;
const CYRILLIC = /[\u0400-\u04FF]/;
const ENGLISH_WORDS = /\b(the|and|is|my|not|was|with|please|order|refund|broken)\b/i;

/**
 * The language of a customer's text when the channel does not say: Azerbaijani by its own
 * letters, Russian by Cyrillic, English by common words; otherwise the fallback.
 */
export function detectLanguage(text: string, fallback: Language = 'az'): Language {
  if (AZERBAIJANI_LETTERS.test(text)) return 'az';
  if (CYRILLIC.test(text)) return 'ru';
  if (ENGLISH_WORDS.test(text)) return 'en';
  return fallback;
}
