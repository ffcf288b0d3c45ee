export * from './sqlite-connection-guard';
export * from './bulk-insert';
export * from './query-records';
export * from './migrate';
export * from './data-source-options';
export * from './entities';
export * from './migrations';
export * from './raw-store';
