import type { Logger } from '../logging/logger.ts';
import type { Escalation, NewEscalation } from './escalation-record.ts';
import { ESCALATION_DELIVERY_JOB_NAME, escalationDeliveryJobId, type EscalationQueue } from './escalation-queue.ts';
import type { EscalationStore } from './escalation-store.ts';

/**
 * What the chat pipeline needs to hand a conversation to a person: open the case (idempotent by job
 * id), then dispatch it to the webhook through the `escalations` queue.
 */
export interface EscalationRecorder {
  open(input: NewEscalation): Promise<{ escalation: Escalation; created: boolean }>;
  /** Queues the delivery of an open case (idempotent). `not_configured`: no webhook URL, the case stays open. */
  dispatch(escalation: Escalation): Promise<DispatchOutcome>;
  /** Dispatches the case of a job, if there is one still open (re-run of a job answered before a crash). */
  dispatchForJob(jobId: string): Promise<DispatchOutcome | 'no_case'>;
}

export type DispatchOutcome = 'queued' | 'not_configured' | 'not_open';

/**
 * The store plus the delivery queue. Without ESCALATION_WEBHOOK_URL cases are stored and stay `open`
 * (listed by GET /admin/escalations), and a warning is logged once per process.
 */
export class EscalationDesk implements EscalationRecorder {
  private warnedNotConfigured = false;
  private readonly logger: Logger;

  constructor(
    private readonly options: {
      store: EscalationStore;
      /** null when no webhook URL is configured. */
      queue: EscalationQueue | null;
      webhookUrl: string | undefined;
      logger: Logger;
    },
  ) {
    this.logger = options.logger.child({ component: 'escalation-desk' });
  }

  get deliveryConfigured(): boolean {
    return Boolean(this.options.webhookUrl) && this.options.queue !== null;
  }

  open(input: NewEscalation): Promise<{ escalation: Escalation; created: boolean }> {
    return this.options.store.open(input);
  }

  async dispatch(escalation: Escalation): Promise<DispatchOutcome> {
    if (escalation.status !== 'open') return 'not_open';
    const { queue } = this.options;
    if (!this.options.webhookUrl || queue === null) {
      if (!this.warnedNotConfigured) {
        this.warnedNotConfigured = true;
        this.logger.warn(
          { escalationId: escalation.id },
          'ESCALATION_WEBHOOK_URL is not set: escalations are stored (status open, GET /admin/escalations) but nobody is notified',
        );
      }
      return 'not_configured';
    }
    await queue.add(
      ESCALATION_DELIVERY_JOB_NAME,
      { escalation_id: escalation.id },
      { jobId: escalationDeliveryJobId(escalation.id) },
    );
    this.logger.info({ escalationId: escalation.id, conversationId: escalation.conversationId, category: escalation.category }, 'escalation queued for delivery');
    return 'queued';
  }

  async dispatchForJob(jobId: string): Promise<DispatchOutcome | 'no_case'> {
    const escalation = await this.options.store.findByJobId(jobId);
    if (!escalation) return 'no_case';
    return this.dispatch(escalation);
  }

  /** Dispatches open cases never attempted (e.g. stored before the webhook URL was configured). */
  async dispatchPending(limit = 100): Promise<number> {
    if (!this.deliveryConfigured) return 0;
    const open = await this.options.store.list({ status: 'open', limit });
    let queued = 0;
    for (const escalation of open) {
      if (escalation.deliveryAttempts > 0) continue;
      if ((await this.dispatch(escalation)) === 'queued') queued += 1;
    }
    return queued;
  }
}
