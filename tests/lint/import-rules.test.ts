import { ESLint, type Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

/** Lints `code` as if it were the file at `filePath`, returning the messages of `ruleId`. */
async function ruleProblems(ruleId: string, filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === ruleId).map((m) => m.message);
}

/** Lints `code` as if it were the file at `filePath`, returning the no-restricted-imports messages. */
const importProblems = (filePath: string, code: string) => ruleProblems('no-restricted-imports', filePath, code);
const layerProblems = (filePath: string, code: string) => ruleProblems('import-x/no-restricted-paths', filePath, code);

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

  it('finds no violation of the process, layer or cycle rules in the source tree itself', async () => {
    const results = await eslint.lintFiles(['electron', 'renderer', 'shared']);
    const rules = new Set(['no-restricted-imports', 'import-x/no-restricted-paths', 'import-x/no-cycle']);
    const violations = results.flatMap((r) => r.messages.filter((m) => rules.has(m.ruleId ?? '')).map((m) => `${r.filePath}: ${m.message}`));
    expect(violations).toEqual([]);
  });
});

describe('lint keeps the layers in one direction', () => {
  it.each([
    ['renderer/features/example.tsx', '../../electron/core/data-file', 'renderer/ talks to the core only through the typed API'],
    ['renderer/lib/example.ts', '../../electron/main/window', 'renderer/ talks to the core only through the typed API'],
    ['shared/domain/example.ts', '../../electron/core/errors', 'shared/ is the bottom layer'],
    ['shared/api/example.ts', '../../renderer/lib/api', 'shared/ is the bottom layer'],
    ['electron/core/services/example.ts', '../../../renderer/lib/api', 'electron/core imports only shared/'],
    ['electron/core/services/example.ts', '../../main/window', 'electron/core imports only shared/'],
    ['electron/core/example.ts', '../web/server', 'electron/core imports only shared/'],
    ['electron/main/example.ts', '../../renderer/lib/api', 'electron/main imports electron/core and shared/ only'],
    ['electron/main/example.ts', '../web/server', 'electron/main imports electron/core and shared/ only'],
    ['electron/web/example.ts', '../main/window', 'electron/web imports electron/core and shared/ only'],
    ['electron/preload/example.ts', '../../renderer/lib/api', 'electron/preload imports electron/core and shared/ only'],
  ])('refuses %s importing %s', async (file, from, message) => {
    expect(await layerProblems(file, `import * as m from '${from}';\nexport const x = m;\n`)).toEqual([expect.stringContaining(message)]);
  });

  it.each([
    ['renderer/lib/example.ts', '../../shared/domain/dates'],
    ['electron/core/services/example.ts', '../../../shared/domain/dates'],
    ['electron/main/example.ts', '../core/core'],
    ['electron/web/example.ts', '../core/dispatch'],
    ['electron/preload/example.ts', '../../shared/api/contract'],
  ])('allows %s to import %s', async (file, from) => {
    expect(await layerProblems(file, `import * as m from '${from}';\nexport const x = m;\n`)).toEqual([]);
  });
});

describe('lint refuses import cycles', () => {
  // The fixtures are outside the linted tree; this applies the project's own cycle rule to them.
  async function cycleRule(): Promise<ESLint> {
    // The plugin and resolver settings exactly as the project's config sets them for the source.
    const source = (await eslint.calculateConfigForFile('electron/core/core.ts')) as Linter.Config;
    const plugins = { 'import-x': source.plugins?.['import-x'] as ESLint.Plugin };
    return new ESLint({
      ignore: false,
      overrideConfig: { files: ['tests/lint/fixtures/**/*.ts'], plugins, settings: source.settings, rules: { 'import-x/no-cycle': 'error' } },
    });
  }

  it('reports two modules that import each other', async () => {
    const [a, b] = await (await cycleRule()).lintFiles(['tests/lint/fixtures/cycle/a.ts', 'tests/lint/fixtures/cycle/b.ts']);
    for (const result of [a, b]) expect(result?.messages.map((m) => m.ruleId)).toContain('import-x/no-cycle');
  });

  it('lets a type-only import through', async () => {
    const [result] = await (await cycleRule()).lintFiles(['tests/lint/fixtures/cycle/type-only.ts']);
    expect(result?.messages.filter((m) => m.ruleId === 'import-x/no-cycle')).toEqual([]);
  });
});
