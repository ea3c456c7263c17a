/**
 * `@lac/core/knowledge`: ingestion of the knowledge base (readers, chunking, tagging, the ingest
 * queue and worker, re-embedding). A separate entry so processes that never ingest (the API) do
 * not load the PDF and HTML readers.
 */
export * from './ingest-service.ts';
export * from './ingest-queue.ts';
export * from './ingest-worker.ts';
export * from './knowledge-database.ts';
export * from './knowledge-ingest-store.ts';
export * from './knowledge-file-error.ts';
export * from './queued-ingestion.ts';
export * from './reembed-service.ts';
export * from './prune-documents.ts';
export * from './prune-other-spellings.ts';
