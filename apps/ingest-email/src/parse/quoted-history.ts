/**
 * Removes the reply history a mail client marked as such, so a customer's reply reads as what
 * they wrote now. Only clearly marked history goes:
 * - an attribution ("On … wrote:", "… написал(а):", "… yazdı:", which clients may wrap over up
 *   to three lines) followed by lines starting with ">"; text after the quote stays, as people
 *   also answer below a quote;
 * - an Outlook header block ("From: …" directly followed by "Sent: …", in English, Russian,
 *   Azerbaijani or Turkish), which Outlook puts above the whole history, unquoted.
 * Text that would be left empty is kept whole: something is better than nothing.
 */
export function removeQuotedHistory(text: string): string {
  const lines = text.split('\n');
  const kept = cutOutlookHistory(dropAttributedQuotes(lines));
  const result = kept.join('\n').trim();
  return result ? result : text.trim();
}

const ATTRIBUTION_END = /(?:^|\s)(wrote|написал(?:\(а\)|а)?|yazdı):\s*$/i;
const VERB_ONLY = /^\s*(wrote|написал(?:\(а\)|а)?|yazdı):\s*$/i;
const QUOTE = /^\s*>/;

function dropAttributedQuotes(lines: string[]): string[] {
  const drop = new Set<number>();
  for (let end = 0; end < lines.length; end++) {
    const start = attributionStart(lines, end);
    if (start === null) continue;
    // The attribution, then the quoted lines and the blank lines between them.
    let last = end;
    for (let j = end + 1; j < lines.length; j++) {
      const line = lines[j] ?? '';
      if (QUOTE.test(line)) last = j;
      else if (line.trim() !== '') break;
    }
    for (let j = start; j <= last; j++) drop.add(j);
    end = last;
  }
  return lines.filter((_, index) => !drop.has(index));
}

/**
 * Where the attribution that ends on line `end` starts, or null when `end` does not end one that
 * a quote follows. Found from its end, so a sentence of the customer's own just above it stays:
 * "On …" is searched upwards over at most two wrapped lines, and a Russian or Turkish one only
 * takes the line above when the verb was wrapped onto a line of its own.
 */
function attributionStart(lines: string[], end: number): number | null {
  const line = lines[end] ?? '';
  if (!ATTRIBUTION_END.test(line) || QUOTE.test(line) || !QUOTE.test(firstNonBlank(lines, end + 1))) return null;
  if (/wrote:\s*$/i.test(line)) {
    for (let start = end; start >= Math.max(0, end - 2); start--) {
      const text = lines[start] ?? '';
      if (!text.trim() || QUOTE.test(text)) return null;
      if (/^\s*On\s/.test(text)) return start;
    }
    return null;
  }
  return VERB_ONLY.test(line) && end > 0 && (lines[end - 1] ?? '').trim() ? end - 1 : end;
}

function firstNonBlank(lines: string[], from: number): string {
  for (let i = from; i < lines.length; i++) if ((lines[i] ?? '').trim()) return lines[i] ?? '';
  return '';
}

const OUTLOOK_FROM = /^\s*\*?(From|От|Kimdən|Kimden)\*?:\s*\S/i;
const OUTLOOK_SENT = /^\s*\*?(Sent|Date|Отправлено|Дата|Göndərilib|Gönderildi|Tarih)\*?:\s*\S/i;
const SEPARATOR = /^\s*(_{8,}|-{2,}\s*(Original Message|Исходное сообщение)\s*-{2,})\s*$/i;

function cutOutlookHistory(lines: string[]): string[] {
  for (let i = 1; i < lines.length - 1; i++) {
    if (!OUTLOOK_FROM.test(lines[i] ?? '') || !OUTLOOK_SENT.test(lines[i + 1] ?? '')) continue;
    let cut = i;
    while (cut > 0 && (SEPARATOR.test(lines[cut - 1] ?? '') || !(lines[cut - 1] ?? '').trim())) cut--;
    if (cut > 0) return lines.slice(0, cut);
  }
  return lines;
}
