import type { AppEvent } from '../../shared/api/events';

/** The core's pushes to whichever transport is listening (the window over IPC, browsers over SSE). */
export class CoreEvents {
  private readonly listeners = new Set<(event: AppEvent) => void>();

  on(listener: (event: AppEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: AppEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        // A listener that fails (a window closing) must not stop the others or the core.
        console.error('Key Desk: an event listener failed', error);
      }
    }
  }

  statusChanged(): void {
    this.emit({ kind: 'status-changed' });
  }
}
