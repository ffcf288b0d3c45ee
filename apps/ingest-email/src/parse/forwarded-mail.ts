import { textMailbox } from './email-address';
import type { EmailAddress, ForwardedMail } from './parsed-email';

// The line mail clients put above a forwarded mail, in English, Russian and Azerbaijani: Gmail's
// "---------- Forwarded message ---------", Yandex and Mail.ru's "-------- Пересылаемое
// сообщение --------", Apple Mail's "Begin forwarded message:".
const FORWARD_MARKER = new RegExp(
  [
    String.raw`^\s*-{2,}\s*(?:forwarded message|пересланное сообщение|пересылаемое сообщение|yönləndirilmiş (?:məktub|mesaj))\s*-{2,}\s*$`,
    String.raw`^\s*(?:begin forwarded message|начало переадресованного сообщения|yönləndirilmiş məktubun əvvəli)\s*:\s*$`,
  ].join('|'),
  'iu',
);
// Outlook puts the same block above a forward and above a reply: "-----Original Message-----",
// or a rule of underscores followed by "From:". It counts as a forward only under a forward's subject.
const ORIGINAL_MARKER = /^\s*-{2,}\s*(?:original message|исходное сообщение|orijinal (?:məktub|mesaj))\s*-{2,}\s*$/iu;
const RULE = /^\s*_{10,}\s*$/u;
const FORWARD_SUBJECT = /^\s*(?:fwd?|пересл|yönləndir(?:ilmiş)?)\s*:/iu;
const END_MARKER = /^\s*-{2,}\s*(?:конец пересылаемого сообщения|end of forwarded message)\s*-{2,}\s*$/iu;

const FROM_LABEL = /^\s*\*?(?:from|от|от кого|kimdən|göndərən)\*?\s*:\s*(.*)$/iu;
const SUBJECT_LABEL = /^\s*\*?(?:subject|тема|mövzu)\*?\s*:\s*(.*)$/iu;
// Any other line of a forwarded header block ("Date:", "Кому:", "Tarix:" …): a label and a colon.
const HEADER_LINE = /^\s*\*?[\p{L}][\p{L} ]{0,20}\*?\s*:/u;
// Yandex names the sender on one line after the marker: `01.12.2026, 10:00, "Name" <addr>:`.
const YANDEX_FROM = /^.*?,\s*(?:"?([^"<>]*?)"?\s*)?<([^<>\s]+)>\s*:\s*$/u;
const MAX_HEADER_LINES = 12;

/**
 * The forwarded mail inside a mail's plain text, or null when the text forwards none. The first
 * forward block counts: what was forwarded to the company, not what that mail itself quoted.
 * `mailSubject` tells Outlook's forward from its reply, which look the same in the text.
 */
export function forwardedInText(text: string, mailSubject: string): ForwardedMail | null {
  const lines = text.replace(/\r\n?/gu, '\n').split('\n');
  const forwardSubject = FORWARD_SUBJECT.test(mailSubject);
  const start = lines.findIndex(
    (line, i) => FORWARD_MARKER.test(line) || (forwardSubject && (ORIGINAL_MARKER.test(line) || (RULE.test(line) && FROM_LABEL.test(lines[i + 1] ?? '')))),
  );
  if (start < 0) return null;
  let from: EmailAddress | null = null;
  let subject = '';
  let sawHeader = false;
  let body = start + 1;
  for (let i = start + 1; i < lines.length && i <= start + MAX_HEADER_LINES; i++) {
    const line = lines[i] ?? '';
    body = i + 1;
    if (!line.trim()) {
      if (sawHeader) break;
      continue;
    }
    const fromLine = FROM_LABEL.exec(line);
    const yandex = !sawHeader ? YANDEX_FROM.exec(line) : null;
    if (fromLine) from = mailboxIn(fromLine[1] ?? '');
    else if (yandex) from = textMailbox(yandex[1]?.trim(), yandex[2] ?? '');
    else if (SUBJECT_LABEL.test(line)) subject = (SUBJECT_LABEL.exec(line)?.[1] ?? '').trim();
    else if (!HEADER_LINE.test(line)) {
      body = i;
      break;
    }
    sawHeader = true;
  }
  const rest = lines.slice(body);
  const end = rest.findIndex((line) => END_MARKER.test(line));
  return { from, subject, text: (end < 0 ? rest : rest.slice(0, end)).join('\n').trim() };
}

/** `Name <address>`, `"Name" <address>`, `address`, or `Name [mailto:address]` (Outlook). */
function mailboxIn(value: string): EmailAddress | null {
  const bracketed = /^(.*?)[<[](?:mailto:)?([^<>[\]\s]+)[>\]]\s*$/iu.exec(value.trim());
  if (bracketed) return textMailbox(bracketed[1]?.replace(/^["'\s]+|["'\s]+$/gu, ''), bracketed[2] ?? '');
  const bare = /^\S+@\S+$/u.exec(value.trim());
  return bare ? textMailbox(undefined, bare[0]) : null;
}
