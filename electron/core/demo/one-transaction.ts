import type { Db } from '../db/dialect';

/**
 * The transaction `tx` as the services see it: each service's own transaction joins it, so the whole
 * demo story is one commit, as an import is. Hundreds of small commits would each add their pages to
 * the write-ahead log (not checkpointed until the file is saved) and make a demo file several times
 * slower to create. A refusal from any service still aborts the lot: the demo is then not made.
 */
export function joiningTransactions(tx: Db): Db {
  const joined: Db = new Proxy(tx, {
    get(target, property) {
      if (property === 'transaction') return () => ({ execute: <T>(work: (inner: Db) => Promise<T>) => work(joined) });
      // The services see a database, not a transaction: what they keep between calls (the register a
      // mark reuses) lives as long as the story, and a refusal rolls back the story as a whole.
      if (property === 'isTransaction') return false;
      const value: unknown = Reflect.get(target, property, target);
      // Kysely keeps its state in private fields: its methods must run on the real object.
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return joined;
}
