import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { InlineConfig } from 'vite';
import { measureWidgetBundle, type WidgetBundleSize } from './widget-bundle-size.ts';
import { WIDGET_BUNDLE_FILE_NAME, widgetBundleFile, widgetDistDir, widgetEntryFile, widgetPackageDir } from './widget-bundle-paths.ts';

/**
 * Builds dist/widget.js with Vite in library mode: one self-contained IIFE,
 * minified, no runtime dependency or CDN. Builds into a private temporary
 * directory and renames the result into place, so concurrent builds (several
 * API processes, parallel tests) never serve a half-written file.
 */
export function widgetViteConfig(outDir: string): InlineConfig {
  return {
    configFile: false,
    root: widgetPackageDir,
    logLevel: 'warn',
    publicDir: false,
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      minify: true,
      sourcemap: false,
      reportCompressedSize: false,
      lib: {
        entry: widgetEntryFile,
        name: 'LacChatWidget',
        formats: ['iife'],
        fileName: () => WIDGET_BUNDLE_FILE_NAME,
      },
    },
  };
}

export interface BuiltWidgetBundle extends WidgetBundleSize {
  bundleFile: string;
}

export async function buildWidgetBundle(options: { bundleFile?: string } = {}): Promise<BuiltWidgetBundle> {
  const bundleFile = options.bundleFile ?? widgetBundleFile;
  const targetDir = options.bundleFile ? path.dirname(options.bundleFile) : widgetDistDir;
  const temporaryDir = path.join(targetDir, `.build-${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(targetDir, { recursive: true });
  const { build } = await import('vite');
  try {
    await build(widgetViteConfig(temporaryDir));
    await rename(path.join(temporaryDir, WIDGET_BUNDLE_FILE_NAME), bundleFile);
  } finally {
    await rm(temporaryDir, { recursive: true, force: true });
  }
  return { bundleFile, ...(await measureWidgetBundle(bundleFile)) };
}
