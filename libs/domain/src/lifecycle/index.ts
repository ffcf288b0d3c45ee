export * from './complaint-lifecycle';
export * from './history-entry';
export * from './lifecycle-command';
export * from './lifecycle-error';
export * from './lifecycle-event';
export * from './lifecycle-policy';
export * from './sla-clock';
export * from './transitions';
