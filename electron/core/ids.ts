import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * Where new record ids come from: random UUIDs, except inside `withIdSource`, where they come from
 * the source given (the demo's seeded generator, so the same seed makes the same file, ids and all).
 * The source follows the async calls made inside, so services need no extra argument for it.
 */
const source = new AsyncLocalStorage<() => string>();

export function newId(): string {
  const next = source.getStore();
  return next ? next() : randomUUID();
}

export function withIdSource<T>(next: () => string, work: () => Promise<T>): Promise<T> {
  return source.run(next, work);
}
