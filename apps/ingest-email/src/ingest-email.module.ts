import { Module } from '@nestjs/common';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { MailboxPollers } from './mailbox-pollers';
import { DiskRawMessageStore, RawMessageStore } from '@plaint/persistence';

/**
 * The e-mail channel adapter: IMAP intake. Off until PLAINT_IMAP_URL names a mailbox; the
 * embedded install keeps raw mails on disk under PLAINT_BLOB_DIR.
 */
@Module({
  providers: [
    {
      provide: RawMessageStore,
      inject: [PLAINT_CONFIG],
      useFactory: (config: PlaintConfig) => new DiskRawMessageStore(config.blobDir),
    },
    MailboxPollers,
  ],
  exports: [RawMessageStore],
})
export class IngestEmailModule {}
