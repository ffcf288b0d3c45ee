import { SqliteBaseline1764430000000 } from './1764430000000-sqlite-baseline';
import { SqliteNoticeRoutes1764500000000 } from './1764500000000-notice-routes';
import { SqliteAgentChannels1764600000000 } from './1764600000000-agent-channels';
import { SqliteChatLineAuthor1764720000000 } from './1764720000000-chat-line-author';
import { SqliteCustomerSignIn1764730000000 } from './1764730000000-customer-sign-in';
import { SqliteNoticeTraceParent1764740000000 } from './1764740000000-notice-trace-parent';
import { SqliteMailboxLeases1764800000000 } from './1764800000000-mailbox-leases';
import { SqliteReviewFinished1764900000000 } from './1764900000000-review-finished';

/**
 * Every SQLite migration, oldest first. SQLite cannot alter a column's type or nullability, so
 * replaying the Postgres history would rebuild tables for steps no SQLite file ever went through:
 * the set starts at a baseline of the schema of its day, and each later Postgres migration gets a
 * twin here with the same timestamp.
 */
export const SQLITE_MIGRATIONS = [
  SqliteBaseline1764430000000,
  SqliteNoticeRoutes1764500000000,
  SqliteAgentChannels1764600000000,
  SqliteChatLineAuthor1764720000000,
  SqliteCustomerSignIn1764730000000,
  SqliteNoticeTraceParent1764740000000,
  SqliteMailboxLeases1764800000000,
  SqliteReviewFinished1764900000000,
];
