import type { ClientRateLimiterPort } from '../app-dependencies.ts';
import { isLoopbackClient } from './client-address.ts';

/**
 * The per-client windows with this host's own clients left out (CLIENT_LIMITS_ON_LOOPBACK off): a
 * client on the loopback address is admitted without counting. An evaluation or a script on the
 * machine opening a conversation per question met the 30 new conversations an hour after 30
 * questions; no visitor can pose as 127.0.0.1, and the per-conversation rate limit still holds.
 */
export function exemptingLoopbackClients(limits: ClientRateLimiterPort): ClientRateLimiterPort {
  return {
    admit: (request) => (isLoopbackClient(request.address) ? Promise.resolve({ kind: 'admitted', holds: [] }) : limits.admit(request)),
    release: (holds) => limits.release(holds),
  };
}
