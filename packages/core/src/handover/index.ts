/** A person takes over a conversation (issue 12): state, store, event stream, desk, queue and worker. */
export * from './conversation-state.ts';
export * from './conversation-event.ts';
export * from './conversation-event-hub.ts';
export * from './conversation-event-publisher.ts';
export * from './conversation-views.ts';
export * from './handover-errors.ts';
export * from './handover-store.ts';
export * from './sql-function-handover-store.ts';
export * from './handover-desk.ts';
export * from './handover-cancel.ts';
export * from './handover-queue.ts';
export * from './handover-worker.ts';
export * from './handover-pipeline.ts';
export * from './operator-inbox-advert.ts';
export * from './open-handover.ts';
export * from './support-hours.ts';
export * from './handover-webhook-outbox.ts';
