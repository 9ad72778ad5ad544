import { Alert, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { findCode } from '../../../shared/domain/attendance';
import { FormButtons } from '../../components/FormButtons';
import type { MarkRequest } from './RegisterTable';

const describe = (code: string | null) => (code === null ? 'not marked' : `${code} (${findCode(code)?.meaning ?? code})`);

/** Changing a mark on a submitted or closed register: the old and new codes, and the reason, are kept. */
export function AmendDialog({
  request,
  saving,
  error,
  onCancel,
  onSave,
}: {
  request: MarkRequest;
  saving: boolean;
  error: string | null;
  onCancel: () => void;
  onSave: (reason: string) => void;
}) {
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    onSave(reason.trim());
  };
  return (
    <Modal opened onClose={onCancel} title={`Change ${request.line.name}'s mark`}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            From {describe(request.line.code)} to {describe(request.code)}
            {request.minutesLate ? `, ${request.minutesLate} minutes late` : ''}. This register has been submitted or has closed, so
            the original mark is kept beside the change and the reason.
          </Text>
          {error && <Alert color="red">{error}</Alert>}
          <Textarea
            label="Reason for the change"
            required
            data-autofocus
            value={reason}
            onChange={(event) => {
              setReason(event.currentTarget.value);
              setMissing(false);
            }}
            error={missing ? 'Enter the reason for the change.' : undefined}
            maxLength={500}
          />
          <FormButtons submit="Save the change" onCancel={onCancel} loading={saving} />
        </Stack>
      </form>
    </Modal>
  );
}
