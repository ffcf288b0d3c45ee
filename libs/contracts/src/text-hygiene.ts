import { Transform } from 'class-transformer';

/**
 * Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the
 * direction marks: in a name they reorder what is shown, so `\u202Efdp.exe` reads as `exe.pdf`.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/gu;
/** C0 and C1 controls and the Unicode line and paragraph separators. */
const CONTROLS = /[\p{Cc}\u2028\u2029]+/gu;
/** Zero-width space and BOM: invisible, so a name of only these would look blank. */
const INVISIBLE = /[\u200B\uFEFF]/gu;
/** Controls that have no place even in free text (everything but tab, line feed, carriage return). */
const TEXT_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/gu;

/**
 * A UTF-16 surrogate without its pair: no character at all. UTF-8 cannot encode it, so each
 * store writes something else (SQLite three bytes of garbage, PostgreSQL U+FFFD).
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/**
 * A name as it may be stored and shown (a person's, a file's, a store's): no direction controls,
 * no control characters, no lone surrogates, one space between words, nothing around it.
 */
export function cleanName(text: string): string {
  return withoutBidiControls(text.replace(LONE_SURROGATE, '').normalize('NFC')).replace(INVISIBLE, '').replace(CONTROLS, ' ').replace(/\s+/gu, ' ').trim();
}

/**
 * Free text (a complaint, a message): trimmed, without controls a database or a terminal chokes
 * on; a lone surrogate becomes U+FFFD, the mark of a character that could not be read.
 */
export function cleanText(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD').replace(TEXT_CONTROLS, '').trim();
}

/**
 * DTO properties that hold names: cleaned before validation, so a name of only spaces or
 * controls is empty and refused rather than stored blank. Non-strings pass untouched for the
 * type check to refuse.
 */
export function CleanName(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? cleanName(value) : value));
}

/** DTO properties that hold free text: trimmed (and rid of stray controls) before validation. */
export function CleanText(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? cleanText(value) : value));
}
