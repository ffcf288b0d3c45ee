export * from './correlation-id';
export * from './metrics';
export * from './pino-logger';
export * from './client-address';
export * from './rate-limiter';
export * from './mask-contacts';
export * from './tracing';
