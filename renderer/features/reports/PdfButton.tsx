import { Button, type ButtonProps } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import type { PdfFile } from '../../../shared/api/specs/reports';
import { PdfPreview, type PdfFileView } from './PdfPreview';

/** A button that asks the core for a PDF and shows it in the preview (Save, Print); a refusal is shown as a toast. */
export function PdfButton({
  make,
  title,
  failed,
  children,
  ...props
}: { make: () => Promise<PdfFile>; title: string; failed: string; children: ReactNode } & Omit<ButtonProps, 'children'>) {
  const pdf = useMutation({ mutationFn: make });
  const [file, setFile] = useState<PdfFileView | null>(null);
  const open = () =>
    pdf.mutate(undefined, {
      onSuccess: (made) => setFile({ title, ...made }),
      onError: (error) => notifications.show({ color: 'red', title: failed, message: error.message }),
    });
  return (
    <>
      <Button variant="default" onClick={open} loading={pdf.isPending} {...props}>
        {children}
      </Button>
      <PdfPreview file={file} onClose={() => setFile(null)} />
    </>
  );
}
