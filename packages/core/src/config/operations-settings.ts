import { optionalString } from './setting-types.ts';

/**
 * Settings of the API's operations routes (`/metrics`): part of the one configuration schema
 * (config.ts), kept in a file of their own.
 */
export const operationsSettings = {
  /**
   * When set, `GET /metrics` answers only a scrape that sends `Authorization: Bearer <this>`
   * (Prometheus' `authorization: { credentials_file: … }`), 401 otherwise: the metrics show the
   * agency's volumes and spend. Unset: public, for a scrape over an internal network. No blank
   * inside: an Authorization header's credentials end at the first one, so no scrape could bear it.
   */
  METRICS_BEARER_TOKEN: optionalString
    .refine((value) => value === undefined || value.length >= 16, {
      message: 'doit faire au moins 16 caractères (un secret aléatoire, par exemple `openssl rand -hex 24`)',
    })
    .refine((value) => value === undefined || !/\s/.test(value), {
      message: "ne doit contenir ni espace ni tabulation (un en-tête Authorization s'arrête au premier)",
    }),
};
