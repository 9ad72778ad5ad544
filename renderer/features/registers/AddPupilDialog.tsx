import { Alert, Modal, Select, Stack, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { Register } from '../../../shared/api/specs/registers';
import { FormButtons } from '../../components/FormButtons';
import { fieldError, formError } from '../../lib/errors';
import { useAddPupil, type RegisterKey } from './queries';

/** A pupil at their home school in the plan who is at the Key today after all (a change agreed on the day). */
export function AddPupilDialog({ registerKey, register, onClose }: { registerKey: RegisterKey; register: Register; onClose: () => void }) {
  const add = useAddPupil();
  const [pupilId, setPupilId] = useState<string | null>(register.atHomeSchool[0]?.pupilId ?? null);
  const [note, setNote] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!pupilId) return;
    add.mutate({ ...registerKey, pupilId, note }, { onSuccess: onClose });
  };
  const topError = formError(add.error, ['pupilId', 'note']);
  return (
    <Modal opened onClose={onClose} title="Add a pupil to this register">
      <form onSubmit={submit} noValidate>
        <Stack>
          {topError && <Alert color="red">{topError}</Alert>}
          <Select
            label="Pupil"
            data={register.atHomeSchool.map((l) => ({ value: l.pupilId, label: l.name }))}
            value={pupilId}
            onChange={setPupilId}
            allowDeselect={false}
            error={fieldError(add.error, 'pupilId')}
          />
          <Textarea
            label="Why they are at the Key today"
            required
            data-autofocus
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            error={fieldError(add.error, 'note')}
            maxLength={500}
          />
          <FormButtons submit="Add to the register" onCancel={onClose} loading={add.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
