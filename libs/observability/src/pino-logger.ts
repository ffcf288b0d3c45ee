import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import { maskContacts } from './mask-contacts';

/**
 * Fields that hold a customer's personal data wherever they appear in a logged object: a second
 * line of defence behind log calls that name ids and references only.
 */
const PERSONAL_FIELDS = [
  'fullName',
  'name',
  'email',
  'phone',
  'sender',
  'recipient',
  'replyTo',
  'to',
  'from',
  'text',
  'essence',
  'message.text',
  'subject',
  'body',
  'headers',
  'employeeName',
  'customer',
];
export const REDACTED_PATHS = [...PERSONAL_FIELDS, ...PERSONAL_FIELDS.map((field) => `*.${field}`)];

/**
 * An error as a log line keeps it: type, message and stack, contacts masked. Only those: drivers
 * hang the failed query's parameters and the offending row (`parameters`, `detail`) on their
 * errors, and those are customers' data.
 */
function loggedError(error: Error): { type: string; message: string; stack?: string } {
  return { type: error.name, message: maskContacts(error.message), stack: error.stack ? maskContacts(error.stack) : undefined };
}

/**
 * Nest's logger, written as JSON lines by pino: one logger for the whole process, so framework
 * messages and ours share format and level.
 */
export class PinoLogger implements LoggerService {
  readonly pino: Logger;

  constructor(level: string, destination?: pino.DestinationStream) {
    this.pino = pino(
      {
        level,
        base: { service: 'plaint' },
        timestamp: pino.stdTimeFunctions.isoTime,
        redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
        serializers: { err: (error: unknown) => (error instanceof Error ? loggedError(error) : error) },
      },
      destination,
    );
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  /** Nest passes the context as the last string argument and, for errors, a stack before it. */
  private write(level: pino.Level, message: unknown, rest: unknown[]): void {
    const args = [...rest];
    const context = typeof args[args.length - 1] === 'string' ? (args.pop() as string) : undefined;
    const stack = typeof args[0] === 'string' && level === 'error' ? (args.shift() as string) : undefined;
    const fields: Record<string, unknown> = {};
    if (context) fields.context = context;
    if (stack) fields.stack = maskContacts(stack);
    if (message instanceof Error) {
      this.pino[level]({ ...fields, err: message }, maskContacts(message.message));
    } else if (typeof message === 'object' && message !== null) {
      this.pino[level]({ ...fields, ...message });
    } else {
      this.pino[level](fields, maskContacts(String(message)));
    }
  }
}
