import { CompiledQuery } from 'kysely';
import type { Register } from '../../../shared/api/specs/registers';
import type { Db, SyncSql } from '../db/dialect';
import { personNumber, type RegisterKey } from '../repositories/registers';
import { findStaffName } from '../repositories/staff';

/**
 * The numbers and names a register's marks need, read once per register: a teacher marks a pupil
 * every second or two, and each lookup is a query.
 */
export class RegisterPeople {
  private readonly names = new Map<string, string | null>();

  constructor(private readonly numbers: Map<string, number> = new Map()) {}

  /** The small number standing for a pupil or member of staff on marks (made on first use). */
  async number(tx: Db, id: string): Promise<number> {
    let n = this.numbers.get(id);
    if (n === undefined) this.numbers.set(id, (n = await personNumber(tx, id)));
    return n;
  }

  /** The number already made for `id`; undefined when it would take a query. */
  knownNumber(id: string): number | undefined {
    return this.numbers.get(id);
  }

  /** The staff name already read for `id` (null: none); undefined when it would take a query. */
  knownStaffName(id: string): string | null | undefined {
    return this.names.has(id) ? this.names.get(id)! : undefined;
  }

  async staffName(tx: Db, id: string): Promise<string | null> {
    if (this.names.has(id)) return this.names.get(id)!;
    const name = (await findStaffName(tx, id)) ?? null;
    this.names.set(id, name);
    return name;
  }
}

/** The register, with what a change to it needs: its row number (once taken) and who has a stored mark. */
export interface LoadedRegister {
  register: Register;
  n: number | null;
  stored: ReadonlySet<string>;
  people: RegisterPeople;
}

const TOTAL_CHANGES_SQL = 'SELECT total_changes() AS n';
/** Compiled once: asked twice in every mark. */
const TOTAL_CHANGES = CompiledQuery.raw(TOTAL_CHANGES_SQL);

/**
 * How many rows every statement on this connection has inserted, updated or deleted since it opened
 * (SQLite's total_changes(): triggers included, and never undone by a rollback). While it stands
 * still, no row has changed.
 */
export async function rowsChangedSoFar(db: Db): Promise<number> {
  const { rows } = await db.executeQuery<{ n: number }>(TOTAL_CHANGES);
  return Number(rows[0]!.n);
}

/** The same, run synchronously (the quick mark: services/registers.ts). */
export function rowsChangedNow(sql: SyncSql): number {
  return Number(sql.all<{ n: number }>(TOTAL_CHANGES_SQL)[0]!.n);
}

interface Kept {
  key: string;
  changes: number;
  loaded: LoadedRegister;
}

/** The last register each open database built or marked (one: a classroom takes one register at a time). */
const kept = new WeakMap<Db, Kept>();

const keyOf = (key: RegisterKey) => `${key.baseId}|${key.date}|${key.session}`;

/**
 * The register last kept for `key`, if no row in the database has changed since (`changes` is
 * rowsChangedSoFar now). What depends on the caller and the clock (whether they may see the base,
 * whether it has closed) is not kept: the caller works it out afresh.
 */
export function recallRegister(db: Db, key: RegisterKey, changes: number): LoadedRegister | undefined {
  const found = kept.get(db);
  return found && found.key === keyOf(key) && found.changes === changes ? found.loaded : undefined;
}

/**
 * Keeps a register as it stood when `changes` rows had changed. Only for a database's own root
 * handle: inside a caller's transaction a later rollback could undo the register without moving
 * the count.
 */
export function keepRegister(db: Db, key: RegisterKey, changes: number, loaded: LoadedRegister): void {
  if (db.isTransaction) return;
  kept.set(db, { key: keyOf(key), changes, loaded });
}

/** Drops the kept register, so the next call reads and builds it afresh (for tests that compare the two). */
export function forgetRegister(db: Db): void {
  kept.delete(db);
}
