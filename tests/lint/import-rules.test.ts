import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

/** Lints `code` as if it were the file at `filePath`, returning the no-restricted-imports messages. */
async function importProblems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('lint keeps each file in its process', () => {
  it.each([
    ['electron/core/services/example.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['electron/web/example.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['renderer/features/example.tsx', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n"],
    ['shared/example.ts', "import { app } from 'electron';\nexport const x = app;\n"],
  ])('refuses electron in %s', async (file, code) => {
    expect(await importProblems(file, code)).toEqual([expect.stringContaining('Only electron/main and electron/preload')]);
  });

  it.each([
    ['renderer/lib/example.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['renderer/lib/example.ts', "import { join } from 'path';\nexport const x = join;\n"],
    ['shared/domain/example.ts', "import { randomUUID } from 'crypto';\nexport const x = randomUUID;\n"],
    ['shared/domain/example.ts', "import { spawn } from 'node:child_process';\nexport const x = spawn;\n"],
  ])('refuses Node modules in %s', async (file, code) => {
    expect(await importProblems(file, code)).toEqual([expect.stringContaining('no Node modules here')]);
  });

  it.each([
    ['electron/main/example.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['electron/preload/example.ts', "import { contextBridge } from 'electron';\nexport const x = contextBridge;\n"],
    ['electron/core/example.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['renderer/lib/example.ts', "import { z } from 'zod';\nexport const x = z;\n"],
  ])('allows what %s may import', async (file, code) => {
    expect(await importProblems(file, code)).toEqual([]);
  });

  it('finds no violation in the source tree itself', async () => {
    const results = await eslint.lintFiles(['electron', 'renderer', 'shared']);
    const violations = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => `${r.filePath}: ${m.message}`));
    expect(violations).toEqual([]);
  });
});
