export * from './config/config.ts';
export * from './logging/logger.ts';
export * from './errors/app-error.ts';
export * from './contract/chat-schemas.ts';
export * from './jobs/job-catalog.ts';
export * from './capabilities/capabilities.ts';
export * from './redis/redis-keys.ts';
export * from './pipeline/pipeline-contract.ts';
