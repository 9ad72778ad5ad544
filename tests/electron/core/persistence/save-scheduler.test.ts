import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SaveScheduler } from '../../../../electron/core/persistence/save-scheduler';

/** A save the test finishes by hand, to hold one "in flight". */
function deferred() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('SaveScheduler', () => {
  it('coalesces many changes into one save, made within the delay of the first change', async () => {
    const save = vi.fn(async () => undefined);
    const saver = new SaveScheduler(save, { delayMs: 250 });
    for (let i = 0; i < 100; i++) {
      saver.markDirty();
      await vi.advanceTimersByTimeAsync(2);
    }
    // 100 changes over 200 ms: the first change's timer has not run out yet.
    expect(save).not.toHaveBeenCalled();
    expect(saver.pending).toBe(true);
    await vi.advanceTimersByTimeAsync(50);
    expect(save).toHaveBeenCalledTimes(1);
    expect(saver.pending).toBe(false);
    await vi.advanceTimersByTimeAsync(5000);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('does not save when nothing changed', async () => {
    const save = vi.fn(async () => undefined);
    const saver = new SaveScheduler(save, { delayMs: 10 });
    await saver.flush();
    await vi.advanceTimersByTimeAsync(1000);
    expect(save).not.toHaveBeenCalled();
  });

  it('flush() saves at once, without waiting for the timer, and resolves only when the save is done', async () => {
    const inFlight = deferred();
    const save = vi.fn(() => inFlight.promise);
    const saver = new SaveScheduler(save, { delayMs: 250 });
    saver.markDirty();
    let flushed = false;
    const flushing = saver.flush().then(() => (flushed = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(save).toHaveBeenCalledTimes(1);
    expect(flushed).toBe(false);
    inFlight.resolve();
    await flushing;
    expect(flushed).toBe(true);
    expect(saver.pending).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(save).toHaveBeenCalledTimes(1); // the cancelled timer does not save again
  });

  it('keeps changes pending when a save fails: flush rejects and the error is reported', async () => {
    const onError = vi.fn();
    const save = vi.fn<() => Promise<void>>().mockRejectedValue(new Error('disk full'));
    const saver = new SaveScheduler(save, { delayMs: 10, onError });
    saver.markDirty();
    await expect(saver.flush()).rejects.toThrow('disk full');
    expect(saver.pending).toBe(true);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'disk full' }));

    save.mockResolvedValue(undefined);
    await saver.flush();
    expect(saver.pending).toBe(false);
    expect(save).toHaveBeenCalledTimes(2);
  });

  it('retries a failed timed save by itself', async () => {
    const save = vi.fn<() => Promise<void>>().mockRejectedValueOnce(new Error('locked')).mockResolvedValue(undefined);
    const saver = new SaveScheduler(save, { delayMs: 10, retryMs: 500, onError: () => undefined });
    saver.markDirty();
    await vi.advanceTimersByTimeAsync(10);
    expect(save).toHaveBeenCalledTimes(1);
    expect(saver.pending).toBe(true);
    await vi.advanceTimersByTimeAsync(500);
    expect(save).toHaveBeenCalledTimes(2);
    expect(saver.pending).toBe(false);
  });

  it('saves changes made while a save is in flight in a second save afterwards', async () => {
    const first = deferred();
    const save = vi.fn<() => Promise<void>>().mockReturnValueOnce(first.promise).mockResolvedValue(undefined);
    const saver = new SaveScheduler(save, { delayMs: 20 });
    saver.markDirty();
    await vi.advanceTimersByTimeAsync(20);
    expect(save).toHaveBeenCalledTimes(1);

    saver.markDirty(); // a change lands while the first save is still writing
    await vi.advanceTimersByTimeAsync(100);
    expect(save).toHaveBeenCalledTimes(1); // never two saves at once
    first.resolve();
    await vi.advanceTimersByTimeAsync(20);
    expect(save).toHaveBeenCalledTimes(2);
    expect(saver.pending).toBe(false);
  });

  it('flush() during an in-flight save waits for it and then saves the later changes', async () => {
    const first = deferred();
    const save = vi.fn<() => Promise<void>>().mockReturnValueOnce(first.promise).mockResolvedValue(undefined);
    const saver = new SaveScheduler(save, { delayMs: 20 });
    saver.markDirty();
    await vi.advanceTimersByTimeAsync(20);
    saver.markDirty();
    const flushing = saver.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(save).toHaveBeenCalledTimes(1);
    first.resolve();
    await flushing;
    expect(save).toHaveBeenCalledTimes(2);
    expect(saver.pending).toBe(false);
  });

  it('dispose() stops a timed save from happening', async () => {
    const save = vi.fn(async () => undefined);
    const saver = new SaveScheduler(save, { delayMs: 20 });
    saver.markDirty();
    saver.dispose();
    await vi.advanceTimersByTimeAsync(1000);
    expect(save).not.toHaveBeenCalled();
  });

  it('does not retry by itself after an error it is told retrying cannot mend, and keeps the change pending', async () => {
    const save = vi.fn(async () => {
      throw new Error('the file is someone else’s now');
    });
    const saver = new SaveScheduler(save, { delayMs: 10, retryMs: 500, onError: () => undefined, retries: () => false });
    saver.markDirty();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(save).toHaveBeenCalledTimes(1);
    expect(saver.pending).toBe(true);
    await expect(saver.flush()).rejects.toThrow('someone else');
    expect(save).toHaveBeenCalledTimes(2);
  });
});
