import { Module } from '@nestjs/common';

/** The e-mail channel adapter: IMAP intake. Off until PLAINT_IMAP_URL names a mailbox. */
@Module({})
export class IngestEmailModule {}
