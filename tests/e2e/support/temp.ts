import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh, empty folder under the system temp folder; the caller removes it (see Cleanup). */
export async function makeTempFolder(purpose: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `keydesk-e2e-${purpose}-`));
}

export async function removeFolder(folder: string): Promise<void> {
  await rm(folder, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}

/**
 * Teardown in reverse order of set-up: pages before browsers, browsers before servers, servers
 * before their folders. Every step runs even when an earlier one fails; the first failure is rethrown.
 */
export class Cleanup {
  private readonly steps: Array<() => Promise<void>> = [];

  add(step: () => Promise<void>): void {
    this.steps.push(step);
  }

  /** A fresh temp folder that is removed at cleanup. */
  async folder(purpose: string): Promise<string> {
    const folder = await makeTempFolder(purpose);
    this.add(() => removeFolder(folder));
    return folder;
  }

  async run(): Promise<void> {
    let failure: unknown;
    while (this.steps.length) {
      const step = this.steps.pop()!;
      try {
        await step();
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure) throw failure;
  }
}
