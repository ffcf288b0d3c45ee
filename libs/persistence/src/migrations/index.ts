import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { NoticeDelivery1764100000000 } from './1764100000000-notice-delivery';
import { EmailIntake1764200000000 } from './1764200000000-email-intake';
import { ComplaintPolicy1764300000000 } from './1764300000000-complaint-policy';
import { VerifiedIdentities1764420000000 } from './1764420000000-verified-identities';
import { PersonalData1764430000000 } from './1764430000000-personal-data';
import { NoticeRoutes1764500000000 } from './1764500000000-notice-routes';
import { AgentChannels1764600000000 } from './1764600000000-agent-channels';
import { ChatLineAuthor1764720000000 } from './1764720000000-chat-line-author';
import { CustomerSignIn1764730000000 } from './1764730000000-customer-sign-in';
import { NoticeTraceParent1764740000000 } from './1764740000000-notice-trace-parent';
import { MailboxLeases1764800000000 } from './1764800000000-mailbox-leases';
import { ReviewFinished1764900000000 } from './1764900000000-review-finished';

/** Every Postgres migration, oldest first. */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  NoticeDelivery1764100000000,
  EmailIntake1764200000000,
  ComplaintPolicy1764300000000,
  VerifiedIdentities1764420000000,
  PersonalData1764430000000,
  NoticeRoutes1764500000000,
  AgentChannels1764600000000,
  ChatLineAuthor1764720000000,
  CustomerSignIn1764730000000,
  NoticeTraceParent1764740000000,
  MailboxLeases1764800000000,
  ReviewFinished1764900000000,
];

export { SQLITE_MIGRATIONS } from './sqlite';
