/**
 * Removes the sender's signature from a mail's text: everything from the standard delimiter
 * line (`-- `, RFC 3676 §4.3) on, and a trailing "Sent from my …" line mail apps add. Used on
 * agents' replies, whose text is sent on to a customer: their signature is for colleagues, not
 * for the customer, who gets the company's own. Text that would be left empty is kept whole.
 */
export function removeSignature(text: string): string {
  const lines = text.split('\n');
  const delimiter = lines.findIndex((line) => DELIMITER.test(line));
  const kept = delimiter === -1 ? lines : lines.slice(0, delimiter);
  while (kept.length > 0 && (!(kept.at(-1) ?? '').trim() || SENT_FROM.test(kept.at(-1) ?? ''))) kept.pop();
  const result = kept.join('\n').trim();
  return result ? result : text.trim();
}

// "-- " is the delimiter; clients and copy-paste often lose its trailing space.
const DELIMITER = /^--[ \t]*$/;
const SENT_FROM = /^\s*(Sent from my \S.*|Get Outlook for \S.*|Отправлено с \S.*|\S.* cihazımdan göndərildi)\s*$/i;
