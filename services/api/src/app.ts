import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { serializeRequestWithoutCredentials } from './http/request-log-serializer.ts';
import type { AppDependencies } from './app-dependencies.ts';
import { createQueueDashboardRouter, QUEUE_DASHBOARD_PATH } from './admin/queue-dashboard.ts';
import { mountAdminEscalationsRoute } from './routes/admin-escalations-route.ts';
import { createAdminLoginThrottleMiddleware } from './http/admin-login-throttle-middleware.ts';
import { createAdminAuthenticator } from './http/admin-authenticator.ts';
import { createAdminCrossSiteGuard } from './http/admin-cross-site-guard.ts';
import { createUntrustedForwardingWarning, trustProxySettingOf } from './http/client-address.ts';
import { bearerTokenOf, createConversationAccessMiddlewares } from './http/conversation-access-middleware.ts';
import { createCorsMiddleware, parseAllowedOrigins } from './http/cors.ts';
import { createDependencyFaultLog, createDependencyRecoveryTracker, createErrorHandler } from './http/error-handler.ts';
import { createOptionsHandler, createUnknownRouteHandler } from './http/unknown-route-handler.ts';
import { createJsonBodyMiddleware } from './http/json-body.ts';
import { HostHeaderRequiredError } from './http/api-errors.ts';
import { requestIdFor } from './http/request-id.ts';
import { createPipelinedRequestGuard } from './http/pipelined-request-guard.ts';
import { createClientConcurrencyLimit } from './http/client-concurrency-limit.ts';
import { exemptingLoopbackClients } from './http/loopback-client-exemption.ts';
import { createApiMetrics } from './metrics/api-metrics.ts';
import { createHttpMetricsMiddleware, mountedAt } from './metrics/http-metrics-middleware.ts';
import { registerOwnerStatsMetrics } from './metrics/owner-stats-metrics.ts';
import { createServerErrorCounter } from './metrics/server-error-counter.ts';
import { createOwnerDashboardRouter } from './admin/owner-dashboard/owner-dashboard-router.ts';
import { buildOpenApiDocument } from './openapi/openapi-document.ts';
import { createChatSubmissionRoute } from './routes/chat-submission-route.ts';
import { assignConversationId, createConversationCreationRoute } from './routes/conversation-creation-route.ts';
import { createConversationMessagesRoute } from './routes/conversation-messages-route.ts';
import { createVisitorConversationErasureRoute, mountAdminPrivacyRoutes } from './routes/privacy-routes.ts';
import { createConversationRouter } from './routes/conversation-routes.ts';
import { mountAdminConversationsRoutes } from './routes/admin-conversations-routes.ts';
import { mountOperatorInboxPage } from './admin/operator-inbox-page.ts';
import { mountAdminLogout } from './admin/admin-logout.ts';
import { createJobEventsRoute } from './routes/job-events-route.ts';
import { createJobStatusRoute } from './routes/job-status-route.ts';
import { createOperationsRouter } from './routes/operations-routes.ts';
import { createRateLimitRoute } from './routes/rate-limit-route.ts';
import { createRequestBudgetMiddleware } from './http/request-budget-middleware.ts';

export type { AppDependencies } from './app-dependencies.ts';

const DEFAULT_SSE_HEARTBEAT_MS = 15_000;

/** Paths whose successful requests are not logged one by one (probes and scrapes). */
const QUIET_PATHS = new Set(['/health', '/metrics']);
/** Every visitor conversation-level route is under this mount (its parameter is the conversation id). */
const CONVERSATION_ROUTER_PATTERN = '/api/v2/conversations/:conversation_id';

/**
 * Under the `/api/v2/conversations` mount: a request about one conversation (any method below
 * `/:conversation_id`), or a read of the collection. Not POST of the collection (opening a
 * conversation), which the per-client new-conversation window limits.
 */
function isConversationLevelRequest(method: string, pathBelowMount: string): boolean {
  return method === 'GET' || method === 'HEAD' || pathBelowMount !== '/';
}

/**
 * Builds the Express app of the v2 HTTP contract (docs/http-api.md) WITHOUT listening: the caller
 * (main.ts, tests) listens and owns shutdown. Registers the API metrics in `metricsRegistry`
 * (one app per registry).
 */
export function createApp(dependencies: AppDependencies): Express {
  const { config, logger, shutdownSignal } = dependencies;
  const metrics = createApiMetrics(dependencies.metricsRegistry, dependencies.queue);
  const openApiDocument = buildOpenApiDocument({ maxWaitSeconds: config.MAX_WAIT_SECONDS });
  const corsAllowsOtherOrigins = parseAllowedOrigins(config.ALLOWED_ORIGINS);

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // Which X-Forwarded-For hops to believe for the client address (per-client limits, admin throttling).
  app.set('trust proxy', trustProxySettingOf(config.TRUST_PROXY));

  // Before anything else: a connection pipelining more requests than it may have in progress is closed.
  app.use(createPipelinedRequestGuard({ logger }));
  app.use(
    pinoHttp({
      logger,
      genReqId: requestIdFor,
      quietReqLogger: true,
      // A credential a client put in the query string (?token=) stays out of the access log.
      serializers: { req: serializeRequestWithoutCredentials },
      autoLogging: { ignore: (req) => QUIET_PATHS.has(req.url ?? '') },
      customLogLevel: (_req, res, error) => (res.statusCode === 503 ? 'warn' : error !== undefined || res.statusCode >= 500 ? 'error' : 'info'),
      // A 503 is a dependency away, logged once by the dependency fault log: its access line carries
      // no stack trace (pino-http makes an Error for every 5xx), which flooded the log during outages.
      customErrorObject: (_req, res, error, loggable: Record<string, unknown>) =>
        res.statusCode === 503 ? { ...loggable, err: { message: error.message } } : loggable,
    }),
  );
  // Node lets a request without Host through (client-error-answers.ts): refused here, in the error format.
  app.use((req, _res, next) => next(req.httpVersion === '1.1' && req.headers.host === undefined ? new HostHeaderRequiredError() : undefined));
  const dependencyFaults = createDependencyFaultLog(logger);
  app.use(createDependencyRecoveryTracker(dependencyFaults));
  app.use(createHttpMetricsMiddleware(metrics));
  if (dependencies.ownerStats) app.use(createServerErrorCounter({ counters: dependencies.ownerStats.counters, logger }));
  app.use(
    helmet({
      crossOriginResourcePolicy: {
        policy: corsAllowsOtherOrigins.any || corsAllowsOtherOrigins.origins.size > 0 ? 'cross-origin' : 'same-origin',
      },
      // The inbox, the dashboard and the demo page are often reached over plain HTTP on a private
      // network (http://192.168.1.20:8000/admin/inbox): upgrading their scripts to https:// left the
      // inbox on "Connexion…" forever. Behind TLS nothing changes (every asset is already https).
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
    }),
  );
  // CORS for the visitor API only: the admin routes stay same-origin, so no other site's page can
  // try admin passwords from its visitors' browsers (each from another address, past the throttle).
  app.use('/api', createCorsMiddleware(config.ALLOWED_ORIGINS));
  app.use(createOptionsHandler(app));
  if (config.TRUST_PROXY === undefined) app.use(createUntrustedForwardingWarning(logger));
  // One client's burst of conversation requests (database queries each: reads, the hand-over
  // cancel, erasure) must not take the database pool from everyone else: 400 concurrent cancels from
  // one address once did. Every method under a conversation id counts, and so do openings and posts
  // without a token (POST /api/v2/conversations, a first POST /api/v2/chat): such a post looks its id
  // up in the database before the per-client windows refuse it, and a flood of them past its 30 new
  // conversations an hour once made another visitor's reads answer 503. Job reads are Redis reads.
  const limitConversationRequests = createClientConcurrencyLimit({
    max: config.MAX_REQUESTS_IN_PROGRESS_PER_CLIENT,
    holdAfterAbortMs: config.API_DEPENDENCY_TIMEOUT_MS,
    loopbackCounted: config.CLIENT_LIMITS_ON_LOOPBACK,
  });
  // This host's own clients (a script, an evaluation) are not counted by the per-client windows
  // unless CLIENT_LIMITS_ON_LOOPBACK: the per-conversation rate limit still applies to them.
  const clientLimits = config.CLIENT_LIMITS_ON_LOOPBACK ? dependencies.clientLimits : exemptingLoopbackClients(dependencies.clientLimits);
  // Only the posts without a conversation token (a first post, which looks its id up): posts into a
  // conversation with its token keep the conversation's rate limit as their only 429, with its
  // RateLimit headers (50 concurrent posts into one conversation: 10 accepted, 40 rate-limited).
  // A token is a Bearer one, as the access check reads it: another Authorization (Basic, empty) is
  // none, and such a post, a first post all the same, skipped this limit.
  const limitTokenlessPosts: RequestHandler = (req, res, next) => (bearerTokenOf(req) === undefined ? limitConversationRequests(req, res, next) : next());
  app.use('/api/v2/conversations', (req, res, next) => (isConversationLevelRequest(req.method, req.path) ? limitConversationRequests(req, res, next) : next()));

  // Every visitor conversation-level route goes through one of these (docs/security.md):
  // `conversationAccess.read` (id in the path), `conversationAccess.post` (POST /api/v2/chat), `conversationAccess.open` (POST /api/v2/conversations).
  const conversationAccess = createConversationAccessMiddlewares({ access: dependencies.conversationAccess, logger });
  // Logging out sends deliberately wrong credentials: before the throttle, they are no failed login.
  // ADMIN_ACCOUNTS (one login per operator) or the shared ADMIN_USER / ADMIN_PASSWORD; undefined: /admin is off.
  const admin = createAdminAuthenticator(config);
  mountAdminLogout(app, { enabled: admin !== undefined });
  // Failed logins on any /admin route are counted per client address and per login (429 past the limit).
  app.use('/admin', createAdminLoginThrottleMiddleware({ throttle: dependencies.adminLoginThrottle, admin, logger }));
  // A form posted from another site's page would carry the operator's cached credentials: refused
  // (403 cross-site, 415 a form's Content-Type). bull-board's own API keeps its content types.
  const adminGuard = createAdminCrossSiteGuard({ jsonBodyOnly: true });
  const queueDashboardGuard = createAdminCrossSiteGuard({ jsonBodyOnly: false });
  app.use('/admin', (req, res, next) => (req.originalUrl.startsWith(QUEUE_DASHBOARD_PATH) ? queueDashboardGuard(req, res, next) : adminGuard(req, res, next)));

  // A post's time budget (API_REQUEST_BUDGET_MS) starts once its body is read: a chat post and an opening.
  const startRequestBudget = createRequestBudgetMiddleware({ budgetMs: config.API_REQUEST_BUDGET_MS, stepDeadlineMs: config.API_DEPENDENCY_TIMEOUT_MS });
  app.post(
    '/api/v2/chat',
    limitTokenlessPosts,
    ...createJsonBodyMiddleware(config.MAX_BODY_BYTES),
    startRequestBudget,
    conversationAccess.post,
    createChatSubmissionRoute({
      config,
      submitter: dependencies.submitter,
      clientLimits,
      jobReader: dependencies.jobReader,
      eventHub: dependencies.eventHub,
      metrics,
      shutdownSignal,
    }),
  );
  app.get(
    '/api/v2/chat/jobs/:job_id',
    createJobStatusRoute({ config, jobReader: dependencies.jobReader, eventHub: dependencies.eventHub, shutdownSignal }),
  );
  app.get(
    '/api/v2/chat/jobs/:job_id/events',
    createJobEventsRoute({
      jobReader: dependencies.jobReader,
      eventHub: dependencies.eventHub,
      logger,
      heartbeatMs: dependencies.sseHeartbeatMs ?? DEFAULT_SSE_HEARTBEAT_MS,
      shutdownSignal,
    }),
  );
  app.get('/api/v2/rate-limit/:conversation_id', createRateLimitRoute({ rateLimiter: dependencies.rateLimiter }));
  app.post(
    '/api/v2/conversations',
    limitConversationRequests,
    ...createJsonBodyMiddleware(config.MAX_BODY_BYTES),
    assignConversationId,
    startRequestBudget,
    conversationAccess.open,
    createConversationCreationRoute({ clientLimits }),
  );
  if (dependencies.privacy) {
    // No body is read, but one sent is held to the rule of every body (415 not JSON, 400 malformed): an erasure is not undone.
    app.delete(
      '/api/v2/conversations/:conversation_id',
      ...createJsonBodyMiddleware(config.MAX_BODY_BYTES),
      conversationAccess.read,
      createVisitorConversationErasureRoute(dependencies.privacy, logger),
    );
  }
  // Every visitor conversation-level route on one router, behind the one access check.
  app.use(
    CONVERSATION_ROUTER_PATTERN,
    mountedAt(CONVERSATION_ROUTER_PATTERN),
    conversationAccess.read,
    createConversationRouter({
      messagesRoute: createConversationMessagesRoute({
        conversations: dependencies.conversations,
        handover: dependencies.handover,
        maxWaitSeconds: config.MAX_WAIT_SECONDS,
        shutdownSignal,
      }),
      handover: dependencies.handover,
      bodyReader: createJsonBodyMiddleware(config.MAX_BODY_BYTES),
      heartbeatMs: dependencies.sseHeartbeatMs ?? DEFAULT_SSE_HEARTBEAT_MS,
      shutdownSignal,
      logger,
    }),
  );
  app.use(
    createOperationsRouter({
      health: dependencies.health,
      metricsRegistry: dependencies.metricsRegistry,
      openApiDocument,
      metricsBearerToken: config.METRICS_BEARER_TOKEN,
    }),
  );

  const dashboard = createQueueDashboardRouter({
    queue: dependencies.queue,
    extraQueues: dependencies.dashboardQueues,
    admin,
    logger,
  });
  if (dashboard) app.use(QUEUE_DASHBOARD_PATH, dashboard);
  if (dependencies.privacy) {
    mountAdminPrivacyRoutes(app, { privacy: dependencies.privacy, admin, logger });
  }
  mountAdminEscalationsRoute(app, { escalations: dependencies.escalations, admin, logger });
  if (dependencies.ownerStats) {
    registerOwnerStatsMetrics(dependencies.metricsRegistry, dependencies.ownerStats.service, logger);
    const ownerDashboard = createOwnerDashboardRouter({ stats: dependencies.ownerStats.service, admin, logger });
    if (ownerDashboard) app.use(ownerDashboard);
  }
  mountAdminConversationsRoutes(app, {
    handover: dependencies.handover,
    conversations: dependencies.conversations,
    admin,
    operatorDisplayName: config.OPERATOR_DISPLAY_NAME,
    maxBodyBytes: config.MAX_BODY_BYTES,
    heartbeatMs: dependencies.sseHeartbeatMs ?? DEFAULT_SSE_HEARTBEAT_MS,
    shutdownSignal,
    logger,
  });
  mountOperatorInboxPage(app, { enabled: dependencies.handover !== undefined, admin });
  if (dependencies.widgetRouter) app.use(dependencies.widgetRouter);

  app.use(createUnknownRouteHandler(app));
  app.use(createErrorHandler({ logger, maxBodyBytes: config.MAX_BODY_BYTES, dependencyFaults }));
  return app;
}
