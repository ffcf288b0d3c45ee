import { normalizeReference } from './reference';

/** The words a customer may send to ask for the status, in the languages we serve. */
const STATUS_WORDS = ['status', 'статус', 'vəziyyət', 'veziyyet', 'состояние'];

export interface StatusRequest {
  /** The reference the customer named, normalised; absent when they named none. */
  reference?: string;
}

/**
 * Recognises a status request: the whole message is a status word (or a bot's `/status`
 * command, also `/status@our_bot`), optionally followed by a reference. A longer text that
 * merely mentions "status" is a complaint and stays one.
 */
export function parseStatusRequest(text: string): StatusRequest | undefined {
  const words = text.trim().replace(/[.!?]+$/u, '').split(/\s+/u);
  const [first, ...rest] = words;
  if (!first) return undefined;
  const command = first.toLocaleLowerCase('ru').replace(/^\//u, '').replace(/@\w+$/u, '');
  if (!STATUS_WORDS.includes(command)) return undefined;
  if (rest.length === 0) return {};
  const reference = normalizeReference(rest.join(''));
  return reference ? { reference } : undefined;
}

const REPLY_PREFIX = /^\s*((re|fwd?|aw|wg|ответ|отв|cavab)\s*(\[\d+\])?\s*:\s*)+/iu;
const SIGNATURE_DELIMITER = /^--\s*$/u;

/**
 * E-mail asks differently: a subject that is a status request ("Status", "Re: статус
 * 7K3M-…") with a short body, or a body whose first line is one, followed only by a signature.
 * The reference may come from the subject, the first line or the references the text names.
 */
export function parseEmailStatusRequest(
  subject: string,
  text: string,
  mentionedReferences: readonly string[] = [],
): StatusRequest | undefined {
  const lines = text.split(/\r?\n/u).map((line) => line.trim());
  const signatureAt = lines.findIndex((line) => SIGNATURE_DELIMITER.test(line));
  const written = (signatureAt === -1 ? lines : lines.slice(0, signatureAt)).filter((line) => line.length > 0);
  const fromBody = written.length === 1 ? parseStatusRequest(written[0] ?? '') : undefined;
  const fromSubject = parseStatusRequest(subject.replace(REPLY_PREFIX, ''));
  if (!fromBody && !(fromSubject && text.trim().length <= 500)) return undefined;
  const reference =
    fromBody?.reference ?? fromSubject?.reference ?? (mentionedReferences.length === 1 ? mentionedReferences[0] : undefined);
  return reference ? { reference } : {};
}
