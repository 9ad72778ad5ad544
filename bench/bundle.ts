import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** What the renderer's build weighs: what the first screen loads, and what waits until a page opens. */
export interface BundleSizes {
  /** The entry script, the chunks index.html preloads and its style sheets. */
  firstScreen: { files: number; bytes: number; gzipBytes: number };
  /** Every other script and style sheet: pages and charts loaded when first opened. */
  lazy: { files: number; bytes: number; largest: { name: string; bytes: number } | null };
}

/** Sizes of the built renderer in `rendererDir` (out/renderer after `npm run build`). */
export async function bundleSizes(rendererDir: string): Promise<BundleSizes> {
  const html = await readFile(join(rendererDir, 'index.html'), 'utf8');
  const first = new Set([...html.matchAll(/(?:src|href)="\.\/assets\/([^"]+\.(?:js|css))"/g)].map((m) => m[1] as string));
  const assets = (await readdir(join(rendererDir, 'assets'))).filter((name) => /\.(js|css)$/.test(name));
  const sizes = await Promise.all(
    assets.map(async (name) => {
      const path = join(rendererDir, 'assets', name);
      return { name, bytes: (await stat(path)).size, gzipBytes: first.has(name) ? gzipSync(await readFile(path)).length : 0 };
    }),
  );
  const firstFiles = sizes.filter((s) => first.has(s.name));
  const lazyFiles = sizes.filter((s) => !first.has(s.name)).sort((a, b) => b.bytes - a.bytes);
  const sum = (list: typeof sizes, key: 'bytes' | 'gzipBytes') => list.reduce((total, s) => total + s[key], 0);
  return {
    firstScreen: { files: firstFiles.length, bytes: sum(firstFiles, 'bytes'), gzipBytes: sum(firstFiles, 'gzipBytes') },
    lazy: { files: lazyFiles.length, bytes: sum(lazyFiles, 'bytes'), largest: lazyFiles[0] ? { name: lazyFiles[0].name, bytes: lazyFiles[0].bytes } : null },
  };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

/** One line for the bench's header. */
export function formatBundleSizes(sizes: BundleSizes): string {
  const { firstScreen, lazy } = sizes;
  const largest = lazy.largest ? `, largest ${lazy.largest.name} ${mb(lazy.largest.bytes)}` : '';
  return `first screen ${mb(firstScreen.bytes)} (${mb(firstScreen.gzipBytes)} gzipped, ${firstScreen.files} files); loaded when a page opens ${mb(lazy.bytes)} in ${lazy.files} files${largest}`;
}
