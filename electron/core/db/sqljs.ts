import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { runInThisContext } from 'node:vm';
import type { SqlJsStatic } from 'sql.js';

/**
 * sql.js keeps SQLite's files in an in-memory file system it does not export (1.16: `SQL.FS` is
 * undefined). The change journal must read the write-ahead log SQLite writes there and put one back
 * before opening, so the package's loader is patched with one statement that hands out four of the
 * file system's functions. The patch is applied as the file is loaded (no install step, so `npm ci`,
 * the electron-vite build and the worker all get it), and only to the exact file it was written for:
 * any other sql-wasm.js is refused rather than half-patched.
 */
export const SQLJS_LOADER = 'sql.js/dist/sql-wasm.js';
/** SHA-256 of sql.js 1.16.0's dist/sql-wasm.js, as published. */
export const SQLJS_LOADER_SHA256 = '9b96118841c6edfdf53c6f388c1419d1f473cf469df6a6fc2864b386d60bdb5e';
/** The statement the patch goes after (the runtime's own exports), and what it adds. */
const ANCHOR = 'k.addFunction=sa;';
/*
 * In this build B is FS.lookupPath, ja is FS.createDataFile at "/", ra is FS.unlink, and a MEMFS file
 * node keeps its bytes in Ua with Wa of them in use. `bytes` is a view, not a copy: it is only good
 * until SQLite next writes that file.
 */
const PATCH =
  'k.keyDeskFS={exists:a=>{try{return!!B(a).node}catch(e){return!1}},bytes:a=>{var n=B(a).node;return n.Ua?n.Ua.subarray(0,n.Wa):new Uint8Array(0)},create:(a,b)=>ja(a,b),unlink:a=>ra("/"+a)};';
/** SHA-256 of the loader once patched: a test pins it, so any change to the patch is deliberate. */
export const PATCHED_LOADER_SHA256 = '62ae49605fa762fdd6a5da1a4222fbbdd29fa5825ef954ba6a56203159cb48b9';

/** The parts of sql.js's in-memory file system the journal uses. Names are relative to its root. */
export interface MemoryFileSystem {
  exists(name: string): boolean;
  /** The file's bytes as a view into SQLite's memory: read at once, before SQLite runs again. */
  bytes(name: string): Uint8Array;
  /** A new file with a copy of `data`; it must not exist yet. */
  create(name: string, data: Uint8Array): void;
  unlink(name: string): void;
}

export type PatchedSqlJs = SqlJsStatic & { keyDeskFS: MemoryFileSystem };

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The patched loader's source, or an error naming the file when it is not the one the patch fits. */
export function patchedLoaderSource(source: string, path = SQLJS_LOADER): string {
  const found = sha256(source);
  if (found !== SQLJS_LOADER_SHA256) {
    throw new Error(`${path} is not the sql.js 1.16.0 file Key Desk's patch was written for (SHA-256 ${found}). Reinstall with npm ci.`);
  }
  const at = source.indexOf(ANCHOR);
  if (at < 0 || source.indexOf(ANCHOR, at + 1) >= 0) throw new Error(`${path}: the patch's anchor is not found exactly once`);
  const end = at + ANCHOR.length;
  return source.slice(0, end) + PATCH + source.slice(end);
}

let engine: Promise<PatchedSqlJs> | undefined;

/** Loads SQLite (compiled to WebAssembly) once per process, from the installed sql.js package, patched. */
export function loadSqlJs(): Promise<PatchedSqlJs> {
  engine ??= (async () => {
    const require = createRequire(import.meta.url);
    const loaderPath = require.resolve(SQLJS_LOADER);
    const source = patchedLoaderSource(readFileSync(loaderPath, 'utf8'), loaderPath);
    // Run as CommonJS, as Node would run the file itself.
    const wrapper = runInThisContext(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: loaderPath }) as (
      ...args: unknown[]
    ) => void;
    const module = { exports: {} as unknown };
    wrapper(module.exports, createRequire(loaderPath), module, loaderPath, dirname(loaderPath));
    const initSqlJs = module.exports as (config: { wasmBinary: ArrayBuffer }) => Promise<PatchedSqlJs>;
    const wasm = readFileSync(require.resolve('sql.js/dist/sql-wasm.wasm'));
    const SQL = await initSqlJs({ wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) });
    if (typeof SQL.keyDeskFS?.bytes !== 'function') throw new Error('sql.js did not take Key Desk\'s file-system patch');
    return SQL;
  })();
  return engine;
}
