import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

/*
 * The dom project runs its files one after another in each worker (isolate: false in
 * vitest.config.ts), sharing one jsdom and one loaded copy of React, Mantine and Testing Library:
 * making a fresh jsdom and importing those again cost seconds a file. What a file may change is put
 * back here, before each file, as a fresh worker would have it: every module of the app and of the
 * tests is evaluated afresh, with only this file's vi.mock in force (as vitest does itself with
 * isolation, on vitest's own module runner and mocker), and the globals tests replace are restored.
 */
interface ModuleNode {
  promise?: unknown;
  exports?: unknown;
  evaluated: boolean;
  importers: Set<string>;
}
const mocker = (globalThis as { __vitest_mocker__?: { reset(): void; evaluatedModules: { idToModuleMap: Map<string, ModuleNode> } } }).__vitest_mocker__;
if (!mocker) throw new Error('tests/renderer/setup.ts: vitest no longer exposes its mocker; run the dom project isolated again.');
mocker.reset();
const thisFile = new URL(import.meta.url).pathname;
for (const [id, node] of mocker.evaluatedModules.idToModuleMap) {
  if (/\/vitest\/dist\/|vitest-virtual-\w+\/dist|@vitest\/dist/.test(id) || id.startsWith(thisFile)) continue;
  node.promise = undefined;
  node.exports = undefined;
  node.evaluated = false;
  node.importers.clear();
}
vi.useRealTimers();
const firstSeen = ((globalThis as { __keyDeskFirstGlobals?: Record<string, unknown> }).__keyDeskFirstGlobals ??= {
  createObjectURL: URL.createObjectURL,
  revokeObjectURL: URL.revokeObjectURL,
});
URL.createObjectURL = firstSeen.createObjectURL as typeof URL.createObjectURL;
URL.revokeObjectURL = firstSeen.revokeObjectURL as typeof URL.revokeObjectURL;
// Anything a screen of the last file left in the page (its screens are unmounted after each test).
document.body.replaceChildren();
localStorage.clear();
sessionStorage.clear();

afterEach(() => cleanup());

// Mantine reads these browser APIs, which jsdom does not provide.
if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
}
class NoopResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
window.ResizeObserver ??= NoopResizeObserver as unknown as typeof ResizeObserver;

// Mantine's autosizing Textarea listens for web fonts loading; jsdom has no document.fonts.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    configurable: true,
    value: { addEventListener: () => undefined, removeEventListener: () => undefined, ready: Promise.resolve() },
  });
}

// Mantine's Select scrolls the chosen option into view; jsdom lays nothing out.
Element.prototype.scrollIntoView ??= () => undefined;
