import { z } from 'zod';
import { baseNameSchema, keyStagesSchema, placesSchema, type Base } from '../domain/bases';
import type { CallName } from './calls';
import type { AppStatus, DeviceSettings } from './status';

/**
 * Every call the UI can make, in one table: its name, the zod schema its input must pass, and
 * (as a phantom type) what it returns. The core's handler table, the preload and the browser-mode
 * client are all built from this, so a call cannot exist in one place and not another.
 */
interface CallSpec<I extends z.ZodType, O> {
  input: I;
  /** Never set: carries the result type only. */
  output?: O;
}

const call = <O>() => <I extends z.ZodType>(input: I): CallSpec<I, O> => ({ input });

const noInput = z.object({}).strict().optional();

const id = (what: string) =>
  z.uuid({
    error: (issue) =>
      issue.input === undefined || issue.input === null
        ? `Choose a ${what}.`
        : `That ${what} is not one Key Desk knows.`,
  });

const folder = z
  .string({ error: 'Enter a folder.' })
  .trim()
  .min(1, 'Enter a folder.')
  .max(1000, 'That folder path is too long.');

export const contract = {
  'app.status': call<AppStatus>()(noInput),

  'setup.createDatabase': call<AppStatus>()(
    z
      .object({
        demo: z.boolean({ error: 'Choose demo data or your own provision.' }),
        provisionName: z
          .string({ error: 'Enter the name of your provision.' })
          .trim()
          .min(1, 'Enter the name of your provision.')
          .max(80, 'The provision name can be at most 80 characters.')
          .optional(),
        folder: folder.optional(),
      })
      .strict(),
  ),
  'setup.openFolder': call<AppStatus>()(z.object({ folder }).strict()),
  'setup.chooseFolder': call<{ folder: string | null }>()(noInput),

  'bases.list': call<Base[]>()(noInput),
  'bases.update': call<Base>()(
    z
      .object({
        id: id('base'),
        name: baseNameSchema.optional(),
        hostSchool: z
          .string({ error: 'Enter the host school.' })
          .trim()
          .min(1, 'Enter the host school.')
          .max(100, 'The host school can be at most 100 characters.')
          .optional(),
        places: placesSchema.optional(),
        keyStages: keyStagesSchema.optional(),
      })
      .strict(),
  ),

  'settings.get': call<DeviceSettings>()(noInput),
  'settings.update': call<DeviceSettings>()(
    z.object({ defaultBaseId: id('base').nullable() }).strict(),
  ),
} as const satisfies { [N in CallName]: CallSpec<z.ZodType, unknown> };

export type Contract = typeof contract;
export type { CallName };

export type CallInput<N extends CallName> = z.input<Contract[N]['input']>;
/** The input after validation: defaults applied, text trimmed. What handlers receive. */
export type ParsedInput<N extends CallName> = z.output<Contract[N]['input']>;
export type CallOutput<N extends CallName> = NonNullable<Contract[N]['output']>;

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
