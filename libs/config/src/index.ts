export * from './config-error';
export * from './customer-page-config';
export * from './load-config';
export * from './meta-config';
export * from './plaint-config';
export * from './telegram-config';
export * from './tracing-config';
