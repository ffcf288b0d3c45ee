import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import { WsException } from '@nestjs/websockets';
import { ContractViolation, violationFields } from '@plaint/contracts';
import type { ChatAck, ChatError } from './chat-protocol';

/**
 * Whatever goes wrong in a chat handler, the widget gets its acknowledgement: Nest's default
 * would emit an `exception` event (echoing the payload) and leave the ack unanswered, so the
 * widget would wait and resend forever. The payload is never echoed nor logged.
 */
@Catch()
export class ChatAckFilter implements ExceptionFilter {
  private readonly logger = new Logger('ChatGateway');

  catch(error: unknown, host: ArgumentsHost): void {
    const ack = host.getArgs().slice(2).find((arg): arg is (answer: ChatAck) => void => typeof arg === 'function');
    const answer: ChatAck = { ok: false, error: this.describe(error) };
    if (ack) ack(answer);
  }

  private describe(error: unknown): ChatError {
    if (error instanceof ContractViolation) {
      this.logger.error(`an accepted chat payload did not fit the ${error.topic} contract: ${error.problems.join('; ')}`);
      return { code: 'invalid', message: 'Some fields are not valid', fields: violationFields(error) };
    }
    if (error instanceof WsException) {
      const refusal = error.getError();
      if (typeof refusal === 'object' && refusal !== null && 'code' in refusal && 'message' in refusal) return refusal as ChatError;
      return { code: 'invalid', message: typeof refusal === 'string' ? refusal : 'The request was refused' };
    }
    // Only the kind of failure and where it happened: a message may quote the customer's input.
    const failure = error instanceof Error ? error : new Error('non-error thrown');
    const frames = failure.stack?.split('\n').slice(1, 8).join('\n');
    this.logger.error(`chat handler failed: ${failure.name}`, frames);
    return { code: 'internal', message: 'Something went wrong; please try again' };
  }
}
