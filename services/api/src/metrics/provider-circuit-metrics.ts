import { Gauge, type Registry } from 'prom-client';
import { providerNames, type PublishedProviderStatus } from '@lac/core';

const circuitStateValue = { closed: 0, half_open: 0.5, open: 1 } as const;

/**
 * `lac_provider_circuit_state{circuit, worker}`: 0 closed, 0.5 half-open, 1 open, for every
 * circuit (provider:model) that a live worker publishes. Collected on scrape from the status board.
 */
export function registerProviderCircuitMetrics(
  registry: Registry,
  board: { readFresh(): Promise<PublishedProviderStatus[]> },
): void {
  new Gauge({
    name: 'lac_provider_circuit_state',
    help: 'Circuit breaker state per provider model and worker: 0 closed, 0.5 half-open, 1 open',
    labelNames: ['circuit', 'worker'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const entries = await board.readFresh().catch((): PublishedProviderStatus[] => []);
      for (const entry of entries) {
        for (const provider of providerNames) {
          for (const circuit of entry.status[provider].circuits) {
            this.set({ circuit: circuit.name, worker: entry.workerId }, circuitStateValue[circuit.state]);
          }
        }
      }
    },
  });
}
