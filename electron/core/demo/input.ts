import { contract, type CallName, type ParsedInput } from '../../../shared/api/contract';

/** What a user would send: checked against the call's schema in the contract, as dispatch does. */
export const input = <N extends CallName>(name: N, value: unknown): ParsedInput<N> => contract[name].input.parse(value) as ParsedInput<N>;
