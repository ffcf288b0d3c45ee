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
