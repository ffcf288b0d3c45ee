import { splitText as splitMessageText } from '@plaint/contracts';

/** Telegram's longest message text, in UTF-16 code units after entity parsing (none: plain text). */
export const TELEGRAM_TEXT_LIMIT = 4096;

/** Cuts a text into messages Telegram accepts (see splitText in libs/contracts). */
export function splitText(text: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  return splitMessageText(text, limit);
}
