import { parentPort, workerData } from 'node:worker_threads';
import { startServedCore } from './worker-core';
import type { CoreWorkerOptions } from './protocol';

/**
 * The core's thread: the database, its saves and checkpoints run here, so the window (or browser
 * mode's HTTP server) never waits on them. Built as out/main/core-worker.js beside the main bundle.
 */
if (!parentPort) throw new Error('core-worker runs only as a worker thread');
await startServedCore(parentPort, workerData as CoreWorkerOptions);
