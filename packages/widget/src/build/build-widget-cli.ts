/**
 * `pnpm --filter @lac/widget build`: builds dist/widget.js, prints its size
 * (minified and min+gzip) and exits 1 when it is over the 30 kB budget.
 */
import { buildWidgetBundle } from './build-widget-bundle.ts';
import { formatWidgetBundleSize } from './widget-bundle-size.ts';

const built = await buildWidgetBundle();
process.stdout.write(`${formatWidgetBundleSize(built)}\n${built.bundleFile}\n`);
if (!built.withinBudget) {
  process.stderr.write(`widget.js is over its budget: ${built.gzipBytes} bytes gzipped >= ${built.budgetGzipBytes}\n`);
  process.exit(1);
}
