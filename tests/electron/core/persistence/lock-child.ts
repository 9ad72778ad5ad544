// A second Key Desk process for the lock tests: takes the lock on argv[2], says so, and holds it
// until killed (or, with "release", until it is sent a line on stdin).
import { FolderLock } from '../../../../electron/core/persistence/folder-lock';

const folder = process.argv[2] ?? '';
const result = await FolderLock.acquire(folder, { version: 'child', heartbeatMs: 200 });
process.stdout.write(`${JSON.stringify(result.acquired ? { acquired: true, pid: process.pid } : { acquired: false, holder: result.holder })}\n`);
if (result.acquired) {
  process.stdin.once('data', () => {
    void result.lock.release().then(() => process.exit(0));
  });
} else {
  process.exit(0);
}
