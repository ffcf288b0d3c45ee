import { Controller, Get, Header, Inject } from '@nestjs/common';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';

/**
 * Tells the customer page where the chat lives when it is not on the same origin, the company's
 * time zone, in which the page shows dates and deadlines, and what its privacy note says: the
 * notice to link (none when unset) and how long personal data is kept (null: no set period).
 */
@Controller()
export class PublicConfigController {
  constructor(@Inject(PLAINT_CONFIG) private readonly config: PlaintConfig) {}

  @Get('config.js')
  @Header('Content-Type', 'application/javascript; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  script(): string {
    return [
      `window.PLAINT_CHAT_URL = ${JSON.stringify(this.config.publicChatUrl ?? '')} || undefined;`,
      `window.PLAINT_TIME_ZONE = ${JSON.stringify(this.config.policy.timeZone)};`,
      `window.PLAINT_PRIVACY_URL = ${JSON.stringify(this.config.privacyUrl ?? '')} || undefined;`,
      `window.PLAINT_RETENTION_DAYS = ${JSON.stringify(this.config.retention.days)};`,
      '',
    ].join('\n');
  }
}
