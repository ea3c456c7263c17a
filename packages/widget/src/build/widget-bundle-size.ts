import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { WIDGET_BUNDLE_BUDGET_GZIP_BYTES } from './widget-bundle-paths.ts';

export interface WidgetBundleSize {
  minifiedBytes: number;
  gzipBytes: number;
  budgetGzipBytes: number;
  withinBudget: boolean;
}

/** Size of a built bundle as served: minified bytes, and gzip at level 9. */
export async function measureWidgetBundle(bundleFile: string): Promise<WidgetBundleSize> {
  const code = await readFile(bundleFile);
  const gzipBytes = gzipSync(code, { level: 9 }).length;
  return {
    minifiedBytes: code.length,
    gzipBytes,
    budgetGzipBytes: WIDGET_BUNDLE_BUDGET_GZIP_BYTES,
    withinBudget: gzipBytes < WIDGET_BUNDLE_BUDGET_GZIP_BYTES,
  };
}

export function formatWidgetBundleSize(size: WidgetBundleSize): string {
  const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
  return `widget.js: ${kb(size.minifiedBytes)} minified, ${kb(size.gzipBytes)} min+gzip (budget ${kb(size.budgetGzipBytes)})`;
}
