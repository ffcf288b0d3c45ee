import { Module } from '@nestjs/common';
import { MetaModule } from './meta/meta.module';

/** The social channels' adapter: Meta's messaging platforms. */
@Module({ imports: [MetaModule] })
export class IngestSocialModule {}
