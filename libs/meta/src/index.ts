export * from './conversation';
export * from './graph-client';
export * from './graph-error';
export * from './meta-graph.module';
