import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '@lac/core';
import { buildWidgetBundle } from '../build/build-widget-bundle.ts';
import { widgetBundleFile, widgetSourceDir } from '../build/widget-bundle-paths.ts';

/**
 * Gives the served bundle: dist/widget.js, built on first use when it is missing
 * or older than a source file (so a fresh clone and an edited tree both work
 * without a separate build step). One build at a time per process.
 */
export interface LoadedWidgetBundle {
  code: Buffer;
  /** Short content hash: ETag and the `?v=` of immutable URLs. */
  hash: string;
}

export class WidgetBundleProvider {
  private loading: Promise<LoadedWidgetBundle> | undefined;

  constructor(private readonly options: { bundleFile?: string; logger?: Logger; rebuildWhenStale?: boolean } = {}) {}

  get bundleFile(): string {
    return this.options.bundleFile ?? widgetBundleFile;
  }

  /** The bundle; the first call builds it if needed, later calls share the result. A failed load is retried next call. */
  load(): Promise<LoadedWidgetBundle> {
    if (!this.loading) {
      this.loading = this.loadOnce().catch((error: unknown) => {
        this.loading = undefined;
        throw error;
      });
    }
    return this.loading;
  }

  private async loadOnce(): Promise<LoadedWidgetBundle> {
    const needed = await this.needsBuild();
    if (needed !== 'no') {
      const startedAt = Date.now();
      try {
        const built = await buildWidgetBundle({ bundleFile: this.bundleFile });
        this.options.logger?.info(
          { bundleFile: built.bundleFile, minifiedBytes: built.minifiedBytes, gzipBytes: built.gzipBytes, durationMs: Date.now() - startedAt },
          'widget bundle built',
        );
      } catch (error) {
        // A read-only tree (a container whose code the service does not own) keeps the bundle it has.
        if (needed === 'missing') throw error;
        this.options.logger?.warn({ err: error, bundleFile: this.bundleFile }, 'widget bundle is older than its sources and cannot be rebuilt: serving it as it is');
      }
    }
    const code = await readFile(this.bundleFile);
    return { code, hash: createHash('sha256').update(code).digest('hex').slice(0, 16) };
  }

  private async needsBuild(): Promise<'missing' | 'stale' | 'no'> {
    let bundleModifiedAt: number;
    try {
      bundleModifiedAt = (await stat(this.bundleFile)).mtimeMs;
    } catch {
      return 'missing';
    }
    if (this.options.rebuildWhenStale === false) return 'no';
    return (await newestSourceModifiedAt(widgetSourceDir)) > bundleModifiedAt ? 'stale' : 'no';
  }
}

/** Newest mtime of the bundle's sources (tests and the server code excluded). */
async function newestSourceModifiedAt(directory: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const fullPath = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'serve' || entry.name === 'build' || entry.name === 'testing') continue;
      newest = Math.max(newest, await newestSourceModifiedAt(fullPath));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      newest = Math.max(newest, (await stat(fullPath)).mtimeMs);
    }
  }
  return newest;
}
