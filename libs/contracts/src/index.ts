// class-transformer's @Type reads design-time metadata.
import 'reflect-metadata';

export * from './agent-command.v1';
export * from './agent-event.v1';
export * from './channel';
export * from './chat-delivery.v1';
export * from './contact-buckets';
export * from './complaint-event.v1';
export * from './customer-sign-in.v1';
export * from './inbound-message.v1';
export * from './notice-receipt.v1';
export * from './notice-undelivered.v1';
export * from './payload-shape';
export * from './phone-number';
export * from './split-text';
export * from './telegram-update.v1';
export * from './text-hygiene';
export * from './topics';
export * from './validate-payload';
