import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { removeFolder } from './temp';

/** One folder per run for the demo data files the end-to-end tests copy (support/demo-cache.ts), removed at the end. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const folder = await mkdtemp(join(tmpdir(), 'keydesk-e2e-demo-cache-'));
  project.provide('e2eDemoCache', folder);
  return () => removeFolder(folder);
}
