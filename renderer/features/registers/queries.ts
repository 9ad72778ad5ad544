import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallInput } from '../../../shared/api/contract';
import type { Register } from '../../../shared/api/specs/registers';
import { unwrap } from '../../../shared/api/result';
import { api } from '../../lib/api';

export type RegisterKey = CallInput<'registers.get'>;

export const registerKeys = {
  all: ['registers'] as const,
  one: (key: RegisterKey) => ['registers', 'one', key.baseId, key.date, key.session] as const,
  completion: ['registers', 'completion'] as const,
  pupil: (pupilId: string) => ['registers', 'pupil', pupilId] as const,
};

export const useRegister = (key: RegisterKey | null) =>
  useQuery({
    queryKey: key ? registerKeys.one(key) : ['registers', 'none'],
    queryFn: async () => unwrap(await api.registers.get(key!)),
    enabled: key !== null,
  });

export const useCompletion = () =>
  useQuery({ queryKey: registerKeys.completion, queryFn: async () => unwrap(await api.registers.completion()) });

export const usePupilAttendance = (pupilId: string) =>
  useQuery({ queryKey: registerKeys.pupil(pupilId), queryFn: async () => unwrap(await api.registers.pupilAttendance({ pupilId })) });

/**
 * A change to a register: the answer is the register as it now stands, put straight into the cache
 * so the next keystroke sees it; the completion board and pupils' histories are fetched again.
 */
export function useRegisterChange<I extends RegisterKey>(run: (input: I) => Promise<Register>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (register, input) => {
      client.setQueryData(registerKeys.one(input), register);
      void client.invalidateQueries({ queryKey: registerKeys.completion });
      void client.invalidateQueries({ queryKey: ['registers', 'pupil'] });
    },
  });
}

export const useMark = () => useRegisterChange(async (input: CallInput<'registers.mark'>) => unwrap(await api.registers.mark(input)));
export const useMarkAllPresent = () =>
  useRegisterChange(async (input: CallInput<'registers.markAllPresent'>) => unwrap(await api.registers.markAllPresent(input)));
export const useAddPupil = () => useRegisterChange(async (input: CallInput<'registers.addPupil'>) => unwrap(await api.registers.addPupil(input)));
export const useSubmitRegister = () => useRegisterChange(async (input: CallInput<'registers.submit'>) => unwrap(await api.registers.submit(input)));
