import { Button, type ButtonProps } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { unwrap } from '../../../shared/api/result';
import { api } from '../../lib/api';
import { PdfPreview, type PdfFileView } from './PdfPreview';

export const useFireList = () =>
  useMutation({ mutationFn: async (baseId: string) => unwrap(await api.reports.fireList({ baseId })) });

/** One click: who is on site at a base now, as a one-page PDF to look at, save or print. */
export function FireListButton({ baseId, baseName, children, ...props }: { baseId: string; baseName: string; children?: ReactNode } & ButtonProps) {
  const fireList = useFireList();
  const [file, setFile] = useState<PdfFileView | null>(null);
  const make = () =>
    fireList.mutate(baseId, {
      onSuccess: (made) => setFile({ title: `Fire list: ${baseName}`, ...made }),
      onError: (error) => notifications.show({ color: 'red', title: 'The fire list was not made', message: error.message }),
    });
  return (
    <>
      <Button variant="outline" color="red.9" onClick={make} loading={fireList.isPending} aria-label={`Fire list for ${baseName}`} {...props}>
        {children ?? 'Fire list'}
      </Button>
      <PdfPreview file={file} onClose={() => setFile(null)} />
    </>
  );
}
