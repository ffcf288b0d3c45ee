import type { Logger } from '@nestjs/common';
import { type logCreator, logLevel } from 'kafkajs';

/**
 * Routes kafkajs's own logs to the Nest logger, so they share the service's format and
 * correlation instead of going to stdout as a second, differently shaped stream.
 */
export function kafkaLogCreator(logger: Logger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, timestamp: _timestamp, ...details } = log;
      const text = `${namespace}: ${message}${Object.keys(details).length > 0 ? ` ${JSON.stringify(details)}` : ''}`;
      switch (level) {
        case logLevel.ERROR:
          return logger.error(text);
        case logLevel.WARN:
          return logger.warn(text);
        case logLevel.INFO:
          return logger.log(text);
        case logLevel.DEBUG:
          return logger.debug(text);
        case logLevel.NOTHING:
          return;
      }
    };
}
