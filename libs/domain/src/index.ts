export * from './clock';
export * from './business-calendar';
export * from './complaint';
export * from './customer-identity';
export * from './intake';
export * from './language';
export * from './notice-message-id';
export * from './reference';
