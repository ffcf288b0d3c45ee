import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { type BusRecord, OnBatch } from '@plaint/bus';
import { AGENT_COMMANDS_TOPIC, type AgentCommandV1 } from '@plaint/contracts';
import { CORE_GROUP } from '../intake/inbound.handler';
import { OutboxRelay } from '../outbox/outbox-relay';
import { ActOnAgentCommand } from './act-on-agent-command.use-case';

/** Agents' commands from mail and Telegram, in order per key (a complaint's commands one after another). */
@Controller()
export class AgentCommandsHandler {
  constructor(
    private readonly act: ActOnAgentCommand,
    private readonly relay: OutboxRelay,
  ) {}

  @OnBatch(AGENT_COMMANDS_TOPIC, CORE_GROUP)
  async handle(@Payload() records: readonly BusRecord<AgentCommandV1>[]): Promise<void> {
    for (const record of records) await this.act.execute(record.value);
    // A reply an agent wrote should reach the customer now, not on the relay's next round.
    if (records.length > 0) this.relay.wake();
  }
}
