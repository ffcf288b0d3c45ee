export * from './send-pacer';
export * from './split-text';
export * from './telegraf-client';
export * from './telegram-client';
export * from './telegram-messenger';
export * from './telegram-bots';
export * from './telegram-bots.module';
