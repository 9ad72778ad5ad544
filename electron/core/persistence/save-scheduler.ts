/**
 * Coalesces changes into saves: the first change after a save starts a timer of at most `delayMs`;
 * changes made meanwhile ride along. `flush()` saves now and waits (used on quit and by tests).
 * A failed save keeps the changes pending and is retried.
 */
export class SaveScheduler {
  private dirty = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private disposed = false;

  constructor(
    private readonly save: () => Promise<void>,
    private readonly options: {
      delayMs?: number;
      retryMs?: number;
      onError?: (error: unknown) => void;
      /** Whether to try again in the background after this error (default: always). */
      retries?: (error: unknown) => boolean;
      onSaved?: () => void;
    } = {},
  ) {}

  get pending(): boolean {
    return this.dirty || this.running !== undefined;
  }

  markDirty(): void {
    if (this.disposed) return;
    this.dirty = true;
    this.timer ??= setTimeout(() => void this.runOnce(), this.options.delayMs ?? 250);
  }

  async flush(): Promise<void> {
    this.clearTimer();
    while (this.dirty || this.running) {
      if (this.running) await this.running.catch(() => undefined);
      else await this.runOnce(true);
    }
  }

  /** Stops future timed saves without saving (the caller has flushed or is discarding). */
  dispose(): void {
    this.disposed = true;
    this.clearTimer();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async runOnce(throwOnError = false): Promise<void> {
    this.clearTimer();
    if (this.running) {
      await this.running.catch(() => undefined);
      if (this.dirty) this.markDirty();
      return;
    }
    if (!this.dirty) return;
    this.dirty = false;
    this.running = this.save();
    try {
      await this.running;
      this.options.onSaved?.();
    } catch (error) {
      this.dirty = true;
      this.options.onError?.(error);
      // Keep trying in the background whether or not someone is waiting on this save.
      if (!this.disposed && (this.options.retries?.(error) ?? true)) this.timer = setTimeout(() => void this.runOnce(), this.options.retryMs ?? 2000);
      if (throwOnError) throw error;
    } finally {
      this.running = undefined;
    }
  }
}
