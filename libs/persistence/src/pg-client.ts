import { Logger } from '@nestjs/common';
import { Client, type ClientConfig } from 'pg';

const logger = new Logger('Database');

/**
 * The Postgres client every pooled connection is made of: one that always listens for its own
 * `'error'` event.
 *
 * A `pg` client that emits `'error'` with no listener ends the process. Between the moment the
 * pool hands a new connection out and the moment TypeORM's query runner puts its listener on it
 * (a promise's continuation later) the client has none; when the server's message that ends the
 * connection (`57P01 terminating connection due to administrator command`, sent when PostgreSQL
 * stops or restarts) arrives in the same network read as the end of the handshake, it is emitted
 * in that gap. With this listener the error only marks the client unusable: the query on it fails
 * and is retried like any other failed query, and the pool drops the client when it comes back.
 * test/postgres-restart-race.int-spec.ts shows the gap and the guard.
 */
export class ListeningPgClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    let told = false;
    this.on('error', (error: Error & { code?: string }) => {
      if (told) return;
      told = true;
      logger.warn(`a database connection ended: ${error.code ? `${error.code} ` : ''}${error.message}`);
    });
  }
}
