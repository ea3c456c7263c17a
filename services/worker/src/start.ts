/**
 * The worker's entry: handles SIGTERM and SIGINT from its first line, then loads the composition root
 * (`main.ts`). A stop while Node still loads the product's code exits 0 at once, not 143
 * (stop-signals-while-loading.ts); once loaded, `main.ts` takes the signals over.
 */
import { exitOnStopSignalsWhileLoading } from '@lac/core/stop-signals-while-loading';

exitOnStopSignalsWhileLoading('worker');
await import('./main.ts');
