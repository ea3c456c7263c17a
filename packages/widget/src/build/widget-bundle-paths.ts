import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the widget's sources and its built bundle live. */
export const widgetPackageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const widgetSourceDir = path.join(widgetPackageDir, 'src');
export const widgetEntryFile = path.join(widgetSourceDir, 'widget-entry.ts');
export const widgetDistDir = path.join(widgetPackageDir, 'dist');
export const widgetBundleFile = path.join(widgetDistDir, 'widget.js');
export const WIDGET_BUNDLE_FILE_NAME = 'widget.js';

/** Budget of the bundle, minified and gzipped (issue 6: under 30 kB). */
export const WIDGET_BUNDLE_BUDGET_GZIP_BYTES = 30_000;
