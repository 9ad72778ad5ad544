import { CALL_NAMES, type CallName } from './calls';
import type { CallInput, CallOutput } from './contract';
import type { AppEvent } from './events';
import type { Result } from './result';

/** The one IPC channel between the window and the core. */
export const API_CHANNEL = 'key-desk:api';

/** The one channel the core pushes on, main to window (see events.ts). */
export const EVENT_CHANNEL = 'key-desk:event';

/** How a call reaches the core: IPC in the desktop app, HTTP in browser mode. */
export type Transport = (name: CallName, input: unknown) => Promise<Result<unknown>>;

type AreaOf<N> = N extends `${infer A}.${string}` ? A : never;

type Method<N extends CallName> = undefined extends CallInput<N>
  ? (input?: CallInput<N>) => Promise<Result<CallOutput<N>>>
  : (input: CallInput<N>) => Promise<Result<CallOutput<N>>>;

/** `api.bases.list()`, `api.bases.update({...})`: one method per call in the contract. */
export type Client = {
  [A in AreaOf<CallName>]: {
    [N in CallName as N extends `${A}.${infer M}` ? M : never]: Method<N>;
  };
};

export function createClient(transport: Transport): Client {
  const client: Record<string, Record<string, (input?: unknown) => Promise<Result<unknown>>>> = {};
  for (const name of CALL_NAMES) {
    const [area, method] = name.split('.') as [string, string];
    client[area] ??= {};
    client[area][method] = (input?: unknown) => transport(name, input);
  }
  return client as unknown as Client;
}

/** Stops a subscription. */
export type Unsubscribe = () => void;

/** What the desktop app's preload exposes as `window.keyDesk`: every call, and the core's pushes. */
export type Bridge = Client & { onEvent(listener: (event: AppEvent) => void): Unsubscribe };
