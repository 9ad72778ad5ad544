import type { Database as SqlJsDatabase } from 'sql.js';

/** A numbered, append-only schema step. Never edit one that has shipped: add the next number. */
export interface Migration {
  version: number;
  name: string;
  up(db: SqlJsDatabase): void;
}
