import { createLogger, type ChatPipeline, type ConversationStore } from '@lac/core';
import { launchHeadlessChromium, type HeadlessChromium } from '../../../packages/widget/src/testing/headless-chromium.ts';
import { startTestApi, startTestDatabase, type TestApi, type TestDatabase } from '../../../services/api/src/testing/api-test-harness.ts';
import { createLocalAgentsPipeline } from '../../../services/api/src/testing/local-agents-pipeline.ts';

/** The shared operators' login of the inbox browser tests (user `admin`). */
export const INBOX_OPERATOR_PASSWORD = 'operator-secret';

export interface InboxBrowserStack {
  database: TestDatabase;
  api: TestApi;
  chromium: HeadlessChromium;
  close(): Promise<void>;
}

/**
 * What the operators' inbox browser tests drive: a test database, an API whose hand-over runs the
 * real agents' pipeline in local mode (shared login, the "nobody joined yet" notice an hour away,
 * a rate limit no test reaches), and a headless Chromium. `sseHeartbeatMs`: the event streams'
 * heartbeat interval (the API's default otherwise).
 */
export async function startInboxBrowserStack(name: string, chromiumPath: string, options: { sseHeartbeatMs?: number } = {}): Promise<InboxBrowserStack> {
  const database = await startTestDatabase(createLogger({ level: 'silent' }));
  const agentsPipeline = (conversations: ConversationStore, config: TestApi['config'], logger: ReturnType<typeof createLogger>): ChatPipeline =>
    createLocalAgentsPipeline({ pool: database.pool, conversations, config, logger });
  const api = await startTestApi({
    name,
    database,
    env: { ADMIN_PASSWORD: INBOX_OPERATOR_PASSWORD, HANDOVER_OPERATOR_WAIT_SECONDS: '3600', RATE_LIMIT_MESSAGES: '100' },
    handover: { agentsPipeline },
    ...(options.sseHeartbeatMs === undefined ? {} : { sseHeartbeatMs: options.sseHeartbeatMs }),
  });
  const chromium = await launchHeadlessChromium(chromiumPath);
  return {
    database,
    api,
    chromium,
    async close() {
      await chromium.close();
      await api.close();
      await database.stop();
    },
  };
}
