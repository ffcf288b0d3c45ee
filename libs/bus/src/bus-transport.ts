import { Catch, type RpcExceptionFilter, UseFilters } from '@nestjs/common';
import {
  type CustomTransportStrategy,
  EventPattern,
  type MessageHandler,
  Server,
} from '@nestjs/microservices';
import { isTopicName, type TopicName, type TopicPayload } from '@plaint/contracts';
import { lastValueFrom, type Observable, throwError } from 'rxjs';
import { BusContext } from './bus-context';
import { BusError } from './bus-error';
import { describeFailure } from './describe-failure';
import type { BusRecord, MessageBus, Subscription } from './message-bus';

/** What `@OnBatch` (or `@EventPattern(topic, extras)`) tells the transport. */
export interface BatchHandlerExtras {
  group: string;
  maxAttempts?: number;
}

interface Route {
  pattern: unknown;
  handler: MessageHandler<unknown, unknown, unknown>;
}

/**
 * Hands a handler's error to the bus as it was thrown. Without it Nest's RPC exception layer
 * replaces any error that is not an RpcException with `{ status: 'error', message: 'Internal
 * server error' }`: the bus would still retry and dead-letter, but with no useful reason.
 */
@Catch()
export class SurfaceHandlerErrors implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}

/** What a batch handler of each topic receives. */
export type BatchEvents = { [T in TopicName]: readonly BusRecord<TopicPayload<T>>[] };

/** A method that can handle the batches of topic T: its first parameter takes them. */
export type BatchHandlerMethod<T extends TopicName> = (records: BatchEvents[T], ...rest: never[]) => unknown;

/**
 * Marks a controller method as the batch handler of `group` on `topic`. It receives
 * `readonly BusRecord<T>[]` (one partition, in order) and must be idempotent; throwing makes the
 * bus retry the batch and finally dead-letter the record that fails, with the error's message.
 * TypeScript checks the records parameter against the topic's payload.
 */
export function OnBatch<T extends TopicName>(topic: T, group: string, options: Omit<BatchHandlerExtras, 'group'> = {}) {
  // Nest's own typed EventPattern would demand exactly `(data, ...args: unknown[])`, which
  // rules out `@Ctx() context: BusContext`; only the records parameter is checked here.
  const pattern = EventPattern<string>(topic, { ...options, group });
  const surfaceErrors = UseFilters(new SurfaceHandlerErrors());
  return <M extends BatchHandlerMethod<T>>(
    target: object,
    method: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    pattern(target, method, descriptor);
    surfaceErrors(target, method, descriptor);
  };
}

/**
 * A Nest transport strategy that runs `@OnBatch` / `@EventPattern` handlers on the MessageBus,
 * so the same handlers run on Kafka in production and on the in-process bus in one-process
 * installs. Connect it with `app.connectMicroservice({ strategy: new BusTransport(bus) })`. The
 * bus belongs to the caller: closing the transport stops the subscriptions, not the bus.
 */
export class BusTransport extends Server implements CustomTransportStrategy {
  private readonly routes: Route[] = [];
  private readonly subscriptions: Subscription[] = [];

  constructor(private readonly bus: MessageBus) {
    super();
  }

  /**
   * Keeps every handler apart. Nest chains the event handlers of one pattern so that calling
   * the first calls them all; here each (topic, group) is its own subscription with its own
   * retries and commits, so one group's failure must not replay another group's handler.
   */
  override addHandler(
    pattern: unknown,
    callback: MessageHandler<unknown, unknown, unknown>,
    isEventHandler = false,
    extras: Record<string, unknown> = {},
  ): void {
    callback.isEventHandler = isEventHandler;
    callback.extras = extras;
    this.routes.push({ pattern, handler: callback });
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const bindings = this.routes.map((route) => ({ ...route, ...this.bindingOf(route) }));
      for (const { topic, group, maxAttempts, handler } of bindings) {
        const context = new BusContext([topic, group]);
        const subscription = await this.bus.subscribe(topic, { group, maxAttempts }, (records) =>
          this.dispatch(handler, records, context),
        );
        this.subscriptions.push(subscription);
      }
      callback();
    } catch (error) {
      await this.close();
      callback(error);
    }
  }

  async close(): Promise<void> {
    const subscriptions = this.subscriptions.splice(0);
    await Promise.all(subscriptions.map((subscription) => subscription.stop()));
  }

  on(): never {
    throw new BusError('misconfigured', 'BusTransport emits no events; watch the bus instead');
  }

  unwrap<T>(): T {
    return this.bus as T;
  }

  /** Runs the handler through Nest (guards, pipes, interceptors, filters) and waits for it. */
  private async dispatch(
    handler: Route['handler'],
    records: readonly BusRecord<unknown>[],
    context: BusContext,
  ): Promise<void> {
    try {
      await lastValueFrom(this.transformToObservable(await handler(records, context)), { defaultValue: undefined });
    } catch (error) {
      // Nest's exception layer turns errors into plain objects; the bus wants an Error.
      if (error instanceof Error) throw error;
      throw new BusError('handler-failed', describeFailure(error), { cause: error });
    }
  }

  private bindingOf({ pattern, handler }: Route): { topic: TopicName; group: string; maxAttempts?: number } {
    const { group, maxAttempts } = handler.extras ?? {};
    if (typeof pattern !== 'string' || !isTopicName(pattern)) {
      throw new BusError('misconfigured', `${String(pattern)} is not a topic of @plaint/contracts`);
    }
    if (typeof group !== 'string' || group === '') {
      const hint = 'use @OnBatch(topic, group)';
      throw new BusError('misconfigured', `the handler of ${pattern} names no consumer group: ${hint}`);
    }
    return { topic: pattern, group, maxAttempts: typeof maxAttempts === 'number' ? maxAttempts : undefined };
  }
}
