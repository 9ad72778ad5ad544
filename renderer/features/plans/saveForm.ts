import type { FieldPath, FieldValues, UseFormReturn } from 'react-hook-form';
import { ApiError } from '../../../shared/api/result';

/**
 * Runs a plan form's save. What the core refuses shows under the field it names (a dotted path such as
 * `content.outcomes.0.successCriteria`) when the form shows an input for it (`shown`), which then
 * takes the focus; anything else goes at the top of the form.
 */
export async function saveShowingField<T extends FieldValues>(form: Pick<UseFormReturn<T>, 'setError' | 'setFocus'>, shown: RegExp, save: () => Promise<void>): Promise<void> {
  try {
    await save();
  } catch (error) {
    const message = (error as Error).message;
    const field = error instanceof ApiError ? error.field : undefined;
    if (field && shown.test(field)) {
      form.setError(field as FieldPath<T>, { message });
      form.setFocus(field as FieldPath<T>);
    } else {
      form.setError('root', { message });
    }
  }
}
