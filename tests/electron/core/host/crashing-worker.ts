import { parentPort, workerData } from 'node:worker_threads';
import { startServedCore } from '../../../../electron/core/host/worker-core';
import type { CoreWorkerOptions } from '../../../../electron/core/host/protocol';

/** The real core's thread, plus one way to make it fail as a bug would: an exception nobody catches. */
if (!parentPort) throw new Error('a worker thread only');
parentPort.on('message', (message: { type?: string }) => {
  if (message.type === 'test-crash') throw new Error('boom inside the core');
});
await startServedCore(parentPort, workerData as CoreWorkerOptions);
