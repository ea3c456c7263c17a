import type { Socket } from 'node:net';
import type { RequestHandler } from 'express';
import type { Logger } from '@lac/core';
import { CountsByKey } from './counts-by-key.ts';

/**
 * How many requests one connection may have in progress at once. HTTP/1.1 pipelining lets a
 * client write thousands of requests in one packet without reading any answer: Node parses them
 * all and runs every handler at once, and the answers queue in memory behind each other (a probe
 * took the API from 218 MB to 10 GB with 50 connections of 2,000 `GET /openapi.json`). Browsers
 * never pipeline, and the widget and inbox keep one request in progress per connection.
 */
export const MAX_REQUESTS_IN_PROGRESS_PER_CONNECTION = 16;

/**
 * First middleware of the app: a connection with more than `maxInProgress` requests in progress is
 * closed at once (nothing more is parsed, queued answers are dropped), and logged once with its
 * address. Answers already under way on it end without effect.
 */
export function createPipelinedRequestGuard(options: { logger: Logger; maxInProgress?: number }): RequestHandler {
  const maxInProgress = options.maxInProgress ?? MAX_REQUESTS_IN_PROGRESS_PER_CONNECTION;
  const inProgress = new CountsByKey<Socket>();
  return (req, res, next) => {
    const socket = req.socket;
    if (inProgress.of(socket) >= maxInProgress) {
      if (!socket.destroyed) {
        options.logger.warn({ remoteAddress: socket.remoteAddress, maxInProgress }, 'connection closed: too many pipelined requests in progress');
        socket.destroy();
      }
      return;
    }
    inProgress.add(socket);
    res.once('close', () => inProgress.remove(socket));
    next();
  };
}
