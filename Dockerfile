# syntax=docker/dockerfile:1
#
# Images of the chat backend. One source tree, several targets:
#
#   deps       every dependency (dev included), from the lockfile
#   typecheck  `pnpm typecheck` over the whole workspace (tests included); the build fails on a type error
#   prod-deps  production dependencies only
#   widget-bundle  the widget's bundle, built with Vite
#   app        prod-deps + the sources (test files removed) + the widget bundle
#   runtime    non-root, NODE_ENV=production; runs `pnpm db:migrate` (compose service `migrate`)
#   worker     `node --import tsx src/start.ts` in services/worker, its start script (scale it: `docker compose up --scale worker=N`)
#   api        `node --import tsx src/start.ts` in services/api on port 8000, with a HEALTHCHECK on /health (default target)
#
# The only build step is the widget's bundle: services run TypeScript with tsx. tsx is a root devDependency, so the
# production stages install it globally at TSX_VERSION, which must equal the version pnpm-lock.yaml
# resolves for tsx (packages/core/src/config/deployment-files.test.ts checks it).
#
#   docker build -t lac-chat-api .                     # api (runs the typecheck stage too)
#   docker build --target worker -t lac-chat-worker .  # the names docker-compose.yml gives its images

# Node 24 LTS, the production runtime (CI runs the suite on it too: .ci/run).
ARG NODE_IMAGE=node:24-bookworm-slim

# ---------------------------------------------------------------------------------------------
# base: Node + pnpm at the version of package.json's `packageManager` (single source of truth).
FROM ${NODE_IMAGE} AS base
# pnpm 12 records the pinned pnpm in pnpm-lock.yaml (`packageManagerDependencies`) and, with
# --frozen-lockfile, fails when that record is missing. The registry publishes no @pnpm/exe for
# 12.21.0, so the pin cannot be recorded: `pmOnFail=ignore` keeps pnpm from trying (it also stops
# pnpm from looking for another pnpm at run time). The version installed below is the pinned one.
ENV PNPM_CONFIG_PM_ON_FAIL=ignore
WORKDIR /app
COPY package.json ./
RUN PNPM_VERSION="$(node -p "require('./package.json').packageManager.replace(/^pnpm@/, '').split('+')[0]")" \
 && npm install --global --no-fund --no-audit "pnpm@${PNPM_VERSION}" \
 && npm cache clean --force \
 && pnpm --version

# ---------------------------------------------------------------------------------------------
# Manifests only (lockfile, workspace file, every workspace package.json), so that the install
# layers are rebuilt only when dependencies change, not when sources do. A new workspace package
# needs its package.json line here (the deployment-files test fails until it has one).
FROM base AS manifests
COPY pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
COPY packages/core/package.json packages/core/
COPY services/api/package.json services/api/
COPY services/worker/package.json services/worker/
COPY services/cli/package.json services/cli/
COPY packages/standins/package.json packages/standins/
COPY packages/widget/package.json packages/widget/

# ---------------------------------------------------------------------------------------------
FROM manifests AS deps
RUN --mount=type=cache,id=lac-pnpm-store,target=/pnpm/store \
    CI=true pnpm install --frozen-lockfile --store-dir /pnpm/store

# ---------------------------------------------------------------------------------------------
FROM deps AS typecheck
COPY . .
RUN pnpm typecheck && touch /typecheck-passed

# ---------------------------------------------------------------------------------------------
# The widget's bundle (packages/widget/dist/widget.js), built with Vite here: the runtime image's
# source tree is read-only for the service, so the API could not build it on first use there.
FROM deps AS widget-bundle
COPY . .
RUN pnpm --filter @lac/widget build

# ---------------------------------------------------------------------------------------------
FROM manifests AS prod-deps
RUN --mount=type=cache,id=lac-pnpm-store,target=/pnpm/store \
    CI=true pnpm install --frozen-lockfile --prod --store-dir /pnpm/store

# ---------------------------------------------------------------------------------------------
# The sources on top of the production dependencies (node_modules is in .dockerignore, so the
# COPY cannot clobber it); tests and test helpers are dropped.
FROM prod-deps AS app
COPY . .
RUN find packages services scripts -type f \( -name '*.test.ts' -o -name '*.spec.ts' \) -delete \
 && rm -rf tests docs .env.example
COPY --from=widget-bundle /app/packages/widget/dist packages/widget/dist

# ---------------------------------------------------------------------------------------------
FROM base AS runtime
ARG TSX_VERSION=4.23.15
# Paths absolute: the services run in their own folders (services/<api|worker>). PORT/HOST are
# deliberately not set here, so today's API_PORT/API_HOST from the environment keep working.
ENV NODE_ENV=production \
    DATA_DIR=/app/.data \
    KNOWLEDGE_BASE_DIR=/app/knowledge-base
RUN npm install --global --no-fund --no-audit "tsx@${TSX_VERSION}" \
 && npm cache clean --force
# The typecheck stage must have passed for a runtime image to exist (BuildKit builds only the
# stages a target depends on; this COPY makes the dependency explicit).
COPY --from=typecheck /typecheck-passed /typecheck-passed
# Code and dependencies stay owned by root (read-only for the service); only DATA_DIR is writable.
COPY --from=app /app /app
# The services' start scripts run `node --import tsx src/start.ts` (no tsx CLI between the signal and
# the process: it SIGKILLed a child still loading its code): Node resolves tsx from /app/node_modules.
RUN mkdir -p /app/.data && chown node:node /app/.data \
 && ln -s "$(npm root --global)/tsx" /app/node_modules/tsx
USER node
CMD ["pnpm", "db:migrate"]

# ---------------------------------------------------------------------------------------------
FROM runtime AS worker
# Node runs the service's entry itself, as its start script does (`node --import tsx src/start.ts`,
# in the service's folder): with pnpm in between, the container exited 143 on every stop, whatever
# the service's own exit code. On SIGTERM the worker drains active jobs for SHUTDOWN_GRACE_MS: give
# the container longer than that to stop (compose: stop_grace_period; docker stop --time). Run it
# with an init (compose: `init: true`; `docker run --init`) so a signal is never lost on PID 1.
WORKDIR /app/services/worker
CMD ["node", "--import", "tsx", "src/start.ts"]

# ---------------------------------------------------------------------------------------------
FROM runtime AS api
EXPOSE 8000
# node:24-bookworm-slim has no curl: probe with Node's fetch. 503 (unhealthy: Redis or the
# database unreachable) fails the check; `degraded` answers 200 and passes.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || process.env.API_PORT || 8000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# As the worker: Node runs the entry itself (the service's start script), in the service's folder.
WORKDIR /app/services/api
CMD ["node", "--import", "tsx", "src/start.ts"]
