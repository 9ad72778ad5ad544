import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { loadSqlJs, PATCHED_LOADER_SHA256, patchedLoaderSource, SQLJS_LOADER, SQLJS_LOADER_SHA256 } from '../../../../electron/core/db/sqljs';

/**
 * The journal reads SQLite's write-ahead log out of sql.js's in-memory file system, which sql.js 1.16
 * does not export; Key Desk patches its loader as it loads it. The patch is pinned to the exact file.
 */
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const installed = readFileSync(createRequire(import.meta.url).resolve(SQLJS_LOADER), 'utf8');

describe('the patched sql.js loader', () => {
  it('is applied to the installed sql.js 1.16.0 file, whose hash is the one pinned, and gives the pinned result', () => {
    expect(sha256(installed)).toBe(SQLJS_LOADER_SHA256);
    expect(sha256(patchedLoaderSource(installed))).toBe(PATCHED_LOADER_SHA256);
  });

  it('refuses any other version of the file, naming it, rather than patching it blindly', () => {
    expect(() => patchedLoaderSource(`${installed}\n// another release`, '/x/sql-wasm.js')).toThrow(/^\/x\/sql-wasm\.js is not the sql\.js 1\.16\.0 file/);
  });

  it('hands out the in-memory files: the database and its write-ahead log, read, made and removed', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    const name = (db as unknown as { filename: string }).filename;
    db.exec('PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = WAL; CREATE TABLE t (a TEXT)');
    db.run("INSERT INTO t VALUES ('in the log')");
    const fs = SQL.keyDeskFS;
    expect(fs.exists(name)).toBe(true);
    expect(Buffer.from(fs.bytes(`${name}-wal`)).includes('in the log')).toBe(true);
    fs.create('key-desk-test-file', new Uint8Array([1, 2, 3]));
    expect([...fs.bytes('key-desk-test-file')]).toEqual([1, 2, 3]);
    fs.unlink('key-desk-test-file');
    expect(fs.exists('key-desk-test-file')).toBe(false);
    db.close();
  });
});
