export * from './correlation-id';
export * from './metrics';
export * from './pino-logger';
export * from './mask-contacts';
