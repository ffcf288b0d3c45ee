import { Module } from '@nestjs/common';
import { GraphClient } from './graph-client';

/** One Graph API client for a process: the Meta webhook's media downloads and the notifier's sends. */
@Module({ providers: [GraphClient], exports: [GraphClient] })
export class MetaGraphModule {}
