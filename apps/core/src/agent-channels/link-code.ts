import { createHash, randomInt } from 'node:crypto';

/** Letters and digits nobody confuses when typing them from a screen (no 0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const LENGTH = 8;

/** A fresh one-time code an agent sends the bot to link their Telegram account. */
export function newLinkCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** What is stored of a code: its hash, so a database reader cannot link an account with it. Case and spaces do not count. */
export function linkCodeHash(code: string): string {
  return createHash('sha256').update(code.replace(/[\s-]/g, '').toUpperCase()).digest('hex');
}
