import type { CallName, CallOutput, ParsedInput } from '../../../shared/api/contract';
import type { KeyDeskCore } from '../core';

export type Handler<N extends CallName> = (input: ParsedInput<N>, core: KeyDeskCore) => Promise<CallOutput<N>>;

/** Handlers for one area's calls (names with the given prefix). */
export type HandlersFor<Prefix extends string> = { [N in Extract<CallName, `${Prefix}.${string}`>]: Handler<N> };
