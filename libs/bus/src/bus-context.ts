import type { TopicName } from '@plaint/contracts';
import { BaseRpcContext } from '@nestjs/microservices';

type BusContextArgs = [topic: TopicName, group: string];

/** What a batch handler can ask about its delivery with `@Ctx()`. */
export class BusContext extends BaseRpcContext<BusContextArgs> {
  getTopic(): TopicName {
    return this.args[0];
  }

  getGroup(): string {
    return this.args[1];
  }
}
