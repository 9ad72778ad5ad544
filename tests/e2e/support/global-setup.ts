import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { launchSharedChromium } from './browser';
import { removeFolder } from './temp';

/**
 * One folder per run for the demo data files the end-to-end tests copy (support/demo-cache.ts), and
 * one Chromium that every test file connects to with a context of its own (support/browser.ts);
 * both go at the end.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const folder = await mkdtemp(join(tmpdir(), 'keydesk-e2e-demo-cache-'));
  project.provide('e2eDemoCache', folder);
  const chromium = await launchSharedChromium().catch(async (error: unknown) => {
    await removeFolder(folder);
    throw error;
  });
  project.provide('e2eBrowserEndpoint', chromium.wsEndpoint());
  return async () => {
    try {
      await chromium.close();
    } finally {
      await removeFolder(folder);
    }
  };
}
