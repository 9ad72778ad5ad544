import type { CallName, CallOutput, ParsedInput } from '../../../shared/api/contract';
import type { CallContext } from '../call-context';

/** One call's handler: its checked input, and the context dispatch built for the call. */
export type Handler<N extends CallName> = (input: ParsedInput<N>, ctx: CallContext) => Promise<CallOutput<N>>;

/** Handlers for one area's calls (names with the given prefix). */
export type HandlersFor<Prefix extends string> = { [N in Extract<CallName, `${Prefix}.${string}`>]: Handler<N> };
