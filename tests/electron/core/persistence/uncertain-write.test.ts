import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { unwrap } from '../../../../shared/api/result';
import { startDemoCore, startCore, tempFolder } from '../../../helpers/core';

/** One save that puts its file in place and then fails (the folder sync after the rename, say). */
const failAfterWriting = vi.hoisted(() => ({ next: false }));
vi.mock('../../../../electron/core/persistence/atomic-write', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../../electron/core/persistence/atomic-write')>();
  return {
    ...real,
    writeFileAtomic: async (...args: Parameters<typeof real.writeFileAtomic>) => {
      await real.writeFileAtomic(...args);
      if (failAfterWriting.next) {
        failAfterWriting.next = false;
        throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
      }
    },
  };
});

let folder: { path: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  folder = await tempFolder();
});
afterEach(() => folder.cleanup());

describe('a save that may or may not have reached the disk', () => {
  it('is not taken for someone else changing the file: the next save goes through', async () => {
    const demo = await startDemoCore({ folder: folder.path });
    const bases = unwrap(await demo.call('bases.list'));
    const parkgate = bases.find((b) => b.name === 'Parkgate')!;
    await demo.core.dataFile?.flush();

    // A checkpoint (a whole new snapshot) is the save that replaces the file.
    unwrap(await demo.call('bases.update', { id: parkgate.id, places: 27 }));
    failAfterWriting.next = true;
    await expect(demo.core.dataFile?.checkpoint()).rejects.toThrow('EIO');
    unwrap(await demo.call('bases.update', { id: parkgate.id, places: 28 }));
    await demo.core.dataFile?.flush();
    expect(unwrap(await demo.call('app.status')).saveProblem).toBeNull();
    await demo.core.close();

    const next = await startCore({ folder: folder.path });
    await next.signIn('demo.manager');
    expect(unwrap(await next.call('bases.list')).find((b) => b.id === parkgate.id)?.places).toBe(28);
    await next.core.close();
  });
});
