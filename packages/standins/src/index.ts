export * from './scripted-behaviour.ts';
export * from './openai-compatible-standin.ts';
export * from './cohere-rerank-standin.ts';
export { listen, type RunningServer } from './standin-server.ts';
export * from './live-provider-env.ts';
