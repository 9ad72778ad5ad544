import type { z } from 'zod';
import { ACCESS } from '../../shared/api/access';
import { contract, isCallName, type CallName } from '../../shared/api/contract';
import { READ_ONLY_CALLS } from '../../shared/api/read-only';
import { fail, ok, type Result } from '../../shared/api/result';
import { callContext, type CallContext } from './call-context';
import type { KeyDeskCore } from './core';
import { UserError } from './errors';
import { handlers as defaultHandlers, type Handlers } from './handlers';

function firstIssue(error: z.ZodError): { message: string; field?: string } {
  const issue = error.issues[0];
  if (!issue) return { message: 'Something in the request was not valid.' };
  const field = issue.path.map(String).join('.');
  if (!field && issue.code === 'invalid_type') return { message: 'The request was not in the form Key Desk expects.' };
  if (issue.code === 'unrecognized_keys') {
    return { message: `Key Desk does not know the field ${issue.keys.join(', ')}.`, field: issue.keys[0] ?? field };
  }
  return field ? { message: issue.message, field } : { message: issue.message };
}

/** Calls that do not count as someone using Key Desk (the UI polls status; touch is its own thing). */
const NOT_ACTIVITY: ReadonlySet<CallName> = new Set(['app.status']);

/**
 * A transport's own check around a call, run inside the one-call-at-a-time section so nothing can
 * change between the check and the call (browser mode: is this the browser that signed in?).
 * It may refuse, change the answer, or note what the call did; `run` makes the call.
 */
export type CallGate = (name: CallName, run: () => Promise<Result<unknown>>) => Promise<Result<unknown>>;

/**
 * The single entry to the core for every transport (IPC, HTTP, tests): checks the call exists,
 * checks the caller may make it (signed in, not locked, role), validates its input against the
 * contract, runs the handler with the call's context, and turns every failure into a value.
 */
export async function dispatch(
  core: KeyDeskCore,
  name: unknown,
  input: unknown,
  handlers: Handlers = defaultHandlers,
  gate?: CallGate,
): Promise<Result<unknown>> {
  if (!isCallName(name)) {
    return fail({ code: 'UNKNOWN_CALL', message: 'Key Desk does not know that request. Try restarting the app.' });
  }
  const handler = handlers[name] as (input: unknown, ctx: CallContext) => Promise<unknown>;
  // One call at a time: sign-in, switching user or folder and saving all change shared state across
  // awaits (a half-second password hash among them), and only one person uses Key Desk at once.
  // A call answers only once what it committed is on disk (one journal record), whether it succeeded or not.
  const call = async () => {
    const result = await run(core, name, handler, input);
    await core.dataFile?.saveCommitted();
    return result;
  };
  return core.exclusive(() => (gate ? gate(name, call) : call()));
}

async function run(
  core: KeyDeskCore,
  name: CallName,
  handler: (input: unknown, ctx: CallContext) => Promise<unknown>,
  input: unknown,
): Promise<Result<unknown>> {
  try {
    await core.sessions.authorise(name, ACCESS[name]);
    if (core.dataFile?.readOnly && !READ_ONLY_CALLS.has(name)) throw new UserError('READ_ONLY', await core.readOnlyMessage());
    const parsed = contract[name].input.safeParse(input);
    if (!parsed.success) return fail({ code: 'INVALID_INPUT', ...firstIssue(parsed.error) });
    // One context per call, built once it is allowed: one database, one clock reading, one caller.
    const value = await handler(parsed.data, callContext(core));
    if (!NOT_ACTIVITY.has(name)) await core.sessions.noteActivity();
    return ok(value);
  } catch (error) {
    if (error instanceof UserError) {
      return fail({ code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) });
    }
    console.error(`Key Desk: ${name} failed`, error);
    return fail({
      code: 'INTERNAL',
      message: 'Something went wrong inside Key Desk. Please try again; if it keeps happening, tell your administrator what you were doing.',
    });
  }
}
