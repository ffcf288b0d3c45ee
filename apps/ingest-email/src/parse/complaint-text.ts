import { htmlToText } from 'html-to-text';
import { removeQuotedHistory } from './quoted-history';

// Controls other than tab and line feed carry no meaning in a complaint, and PostgreSQL refuses
// NUL in text columns.
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F]/g;

/**
 * The plain text of the complaint: the mail's text part, else the text of its (already
 * sanitised) HTML; trimmed, marked reply history removed, and capped at `maxChars`.
 */
export function complaintText(plain: string | undefined, safeHtml: string | null, maxChars: number): string {
  return cap(removeQuotedHistory(wholeText(plain, safeHtml)), maxChars);
}

/** The mail's whole plain text (its text part, else its HTML's), history and all. */
export function wholeText(plain: string | undefined, safeHtml: string | null): string {
  const source = plain?.trim() ? plain : safeHtml ? textOfHtml(safeHtml) : '';
  return source.replace(/\r\n?/g, '\n').replace(CONTROLS, '');
}

function textOfHtml(html: string): string {
  return htmlToText(html, {
    wordwrap: false,
    // html-to-text walks the DOM recursively; mailparser uses the same bound for the same reason.
    limits: { maxDepth: 1000 },
    selectors: [
      { selector: 'img', format: 'skip' },
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
    ],
  });
}

function cap(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let end = Math.max(0, maxChars);
  // Do not leave half of a surrogate pair at the end.
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return text.slice(0, end).trimEnd();
}
