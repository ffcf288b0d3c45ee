export * from './message-bus';
export { BusError, type BusErrorCode } from './bus-error';
export { BusContext } from './bus-context';
export {
  type BatchEvents,
  type BatchHandlerExtras,
  type BatchHandlerMethod,
  BusTransport,
  OnBatch,
  SurfaceHandlerErrors,
} from './bus-transport';
export { createMessageBus, type MessageBusConfig } from './create-message-bus';
export { InProcessBus, type InProcessBusOptions } from './in-process-bus';
export { KafkaBus, type KafkaBusOptions } from './kafka-bus';
export type { SendCounters } from './send-coalescer';
export { TracedBus } from './traced-bus';
