import { fail, type Result } from '../../../shared/api/result';
import type { KeyDeskCore } from '../core';
import { dispatch } from '../dispatch';
import type { Handlers } from '../handlers';
import { CallerBinding } from './caller-gate';
import { toCrossing, type CloseOutcome, type CoreRequest, type CoreRequests, type Endpoint, type FromCore, type HostOp, type HostOps, type ToCore } from './protocol';
import { fromCrossing } from './protocol';

/**
 * The core's side of the thread boundary: takes calls and lifecycle requests off the endpoint, runs
 * them through the one `dispatch`, and posts back results, the core's pushes and settings changes.
 */
export class CoreService {
  private core: KeyDeskCore | null = null;
  private binding: CallerBinding | null = null;
  private toldOwner: string | null = null;
  private nextRequest = 1;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  constructor(
    private readonly endpoint: Endpoint,
    private readonly options: { bindSessionsToCallers?: boolean; handlers?: Handlers; log?: (message: string, error?: unknown) => void } = {},
  ) {
    endpoint.on('message', (message) => this.receive(message as ToCore));
  }

  /** Asks the host for something only it can do (a folder picker in the desktop app). */
  ask<R extends CoreRequest>(request: R, input: CoreRequests[R]['input']): Promise<CoreRequests[R]['output']> {
    const id = this.nextRequest++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.post({ type: 'request', id, request, input });
    });
  }

  /** Starts serving `core` (already started); the host is told it is ready. */
  attach(core: KeyDeskCore): void {
    this.core = core;
    if (this.options.bindSessionsToCallers) this.binding = new CallerBinding(() => core.sessions.current);
    core.events.on((event) => {
      this.tellOwner();
      this.post({ type: 'event', event });
    });
    this.post({ type: 'ready', bindsSessionsToCallers: this.binding !== null });
  }

  /** The core could not start (settings unreadable, say): the host says so and stops. */
  startFailed(error: unknown): void {
    this.post({ type: 'start-failed', error: toCrossing(error) });
  }

  private post(message: FromCore): void {
    this.endpoint.postMessage(message);
  }

  private receive(message: ToCore): void {
    switch (message.type) {
      case 'call':
        void this.call(message.id, message.name, message.input, message.caller);
        return;
      case 'op':
        void this.op(message.id, message.op, message.input);
        return;
      case 'reply': {
        const waiting = this.waiting.get(message.id);
        this.waiting.delete(message.id);
        if (message.ok) waiting?.resolve(message.value);
        else waiting?.reject(fromCrossing(message.error));
        return;
      }
    }
  }

  private async call(id: number, name: unknown, input: unknown, caller: string | undefined): Promise<void> {
    const core = this.core;
    let owner: string | undefined;
    let result: Result<unknown>;
    if (!core) {
      result = fail({ code: 'NOT_AVAILABLE', message: 'Key Desk is still starting. Try again in a moment.' });
    } else {
      const gate = this.binding?.gate(caller, (bound) => (owner = bound));
      result = await dispatch(core, name, input, this.options.handlers, gate);
    }
    // Whose session it is goes first, so the host knows it by the time it has the answer.
    this.tellOwner();
    try {
      this.post({ type: 'result', id, result, ...(owner ? { owner } : {}) });
    } catch (error) {
      // A value that cannot cross (a bug in a handler): the caller gets an answer, not a wait.
      this.options.log?.(`The answer to ${String(name)} could not be sent`, error);
      this.post({ type: 'result', id, result: fail({ code: 'INTERNAL', message: 'Something went wrong inside Key Desk. Please try again.' }) });
    }
  }

  private async op(id: number, op: HostOp, input: unknown): Promise<void> {
    try {
      const value = await this.runOp(op, input);
      this.tellOwner();
      this.post({ type: 'op-result', id, ok: true, value });
    } catch (error) {
      this.post({ type: 'op-result', id, ok: false, error: toCrossing(error) });
    }
  }

  private async runOp(op: HostOp, input: unknown): Promise<HostOps[HostOp]['output']> {
    const core = this.core;
    if (!core) throw new Error('Key Desk has not started.');
    switch (op) {
      case 'status':
        return core.exclusive(() => core.status());
      case 'createDemo':
        return core.exclusive(async () => {
          await core.createDatabase({ demo: true });
          // Left at the sign-in screen, where the demo accounts are shown.
          await core.sessions.signOut();
          return core.status();
        });
      case 'close':
        return this.close(core);
      case 'endAbandonedSession':
        return this.endAbandonedSession(core, (input as HostOps['endAbandonedSession']['input']).owner);
    }
  }

  private async close(core: KeyDeskCore): Promise<CloseOutcome> {
    try {
      await core.close();
      return { closed: true };
    } catch (error) {
      return {
        closed: false,
        message: error instanceof Error ? error.message : String(error),
        unsaved: core.describeUnsaved(),
        stoppedSaving: core.dataFile?.stoppedSaving ?? false,
      };
    }
  }

  private endAbandonedSession(core: KeyDeskCore, owner: string): Promise<undefined> {
    return core.exclusive(async () => {
      // The page may have come back, or someone else signed in, while this waited its turn.
      if (!this.binding?.owns(owner)) return undefined;
      try {
        await core.sessions.signOut('the browser page was closed');
      } catch (error) {
        // Saving failed, so the file stays open: at least nobody can carry on in it.
        this.options.log?.('Could not sign out after the browser page closed', error);
        await core.sessions.lock('the browser page was closed');
      }
      return undefined;
    });
  }

  private tellOwner(): void {
    if (!this.binding) return;
    const owner = this.binding.currentOwner;
    if (owner === this.toldOwner) return;
    this.toldOwner = owner;
    this.post({ type: 'session', owner });
  }
}
