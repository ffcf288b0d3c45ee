import { BadRequestException, Controller, ForbiddenException, Get, Headers, HttpCode, Inject, Logger, Post, Query, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { PLAINT_CONFIG, type PlaintConfig } from '@plaint/config';
import { payloadShapeProblem } from '@plaint/contracts';
import type { JsonObject } from '../inbound/json-fields';
import { ReceiveMetaUpdate } from '../inbound/receive-meta-update.use-case';
import { isSignedByMeta, SIGNATURE_HEADER } from './meta-signature';

/** Meta's notifications nest deeper than our own API bodies (entry → changes → value → messages → …). */
const MAX_WEBHOOK_DEPTH = 16;

function sameSecret(given: string | undefined, expected: string | undefined): boolean {
  if (!given || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The webhook of the Meta app: Meta's subscription handshake, and the signed notifications of
 * WhatsApp, Messenger and Instagram. Nothing of a post is read before its signature is checked.
 */
@ApiExcludeController()
@Controller('webhooks/meta')
export class MetaWebhookController {
  private readonly logger = new Logger(MetaWebhookController.name);

  constructor(
    private readonly receive: ReceiveMetaUpdate,
    @Inject(PLAINT_CONFIG) private readonly config: PlaintConfig,
  ) {}

  /** Meta's handshake: the challenge back when the verify token is ours, 403 otherwise. */
  @Get()
  verify(
    @Query('hub.mode') mode: string | undefined,
    @Query('hub.verify_token') token: string | undefined,
    @Query('hub.challenge') challenge: string | undefined,
    @Res() res: Response,
  ): void {
    if (mode !== 'subscribe' || typeof challenge !== 'string' || !sameSecret(token, this.config.meta.verifyToken)) {
      this.logger.warn('a webhook subscription handshake was refused: wrong mode or verify token');
      throw new ForbiddenException({ message: 'The verify token is not this installation’s', errors: [] });
    }
    res.status(200).type('text/plain').send(challenge.slice(0, 200));
  }

  /** A notification: 200 once its messages and receipts are on the bus; 401 unsigned, nothing kept. */
  @Post()
  @HttpCode(200)
  async notify(@Req() req: Request, @Headers(SIGNATURE_HEADER) signature: string | undefined): Promise<string> {
    const raw = Buffer.isBuffer(req.body) ? req.body : undefined;
    if (!raw || !isSignedByMeta(raw, signature, this.config.meta.appSecret)) {
      this.logger.warn(`a webhook post was refused: ${signature ? 'wrong signature' : 'no signature'}`);
      throw new UnauthorizedException({ message: 'The webhook signature is missing or wrong', errors: [] });
    }
    const body = this.parse(raw);
    const received = await this.receive.execute(body);
    if (received.messages + received.receipts > 0) this.logger.debug(`webhook: ${received.messages} message(s), ${received.receipts} receipt(s)`);
    return 'EVENT_RECEIVED';
  }

  private parse(raw: Buffer): JsonObject {
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new BadRequestException({ message: 'The request body is not valid JSON', errors: [] });
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body) || payloadShapeProblem(body, MAX_WEBHOOK_DEPTH) !== null) {
      throw new BadRequestException({ message: 'The request body is not a Meta notification', errors: [] });
    }
    return body as JsonObject;
  }
}
