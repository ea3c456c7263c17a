/** The chat queue engine (Redis side), re-exported by the public entry `@lac/core`. */
export * from './backoff-strategy.ts';
export * from './chat-queue.ts';
export * from './rate-limiter.ts';
export * from './idempotency.ts';
export * from './chat-submitter.ts';
export * from './chat-job-reader.ts';
export * from './job-event-hub.ts';
export * from './chat-worker.ts';
export * from './conversation-order.ts';
export * from './conversation-admission.ts';
export * from './job-failure.ts';
