import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useMemo, useRef } from 'react';
import { downloadBlob } from '../audit/download';
import { pdfBlob } from './pdf';

export interface PdfFileView {
  title: string;
  fileName: string;
  /** base64, as the core sent it. */
  pdf: string;
}

/**
 * A PDF shown in a dialog before it is saved or printed. The frame shows a blob: address made here
 * from the core's bytes (the page's policy lets frames load nothing else); Print prints that frame,
 * through the browser's or the desktop window's print dialog.
 */
export function PdfPreview({ file, onClose }: { file: PdfFileView | null; onClose: () => void }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const blob = useMemo(() => (file ? pdfBlob(file.pdf) : null), [file]);
  const url = useMemo(() => (blob ? URL.createObjectURL(blob) : null), [blob]);
  useEffect(() => () => {
    if (url) URL.revokeObjectURL(url);
  }, [url]);

  const print = () => {
    const view = frame.current?.contentWindow;
    if (!view) return;
    view.focus();
    view.print();
  };

  return (
    <Modal opened={file !== null} onClose={onClose} title={file?.title} size="xl" closeButtonProps={{ 'aria-label': 'Close the preview' }}>
      {file && url && blob && (
        <Stack>
          <iframe ref={frame} src={`${url}#navpanes=0`} title={`${file.title}: preview`} style={{ width: '100%', height: '70vh', border: '1px solid var(--mantine-color-default-border)' }} />
          <Group justify="space-between">
            <Text size="sm" c="dimmed">
              {file.fileName}
            </Text>
            <Group>
              <Button variant="default" onClick={onClose}>
                Close
              </Button>
              <Button variant="default" onClick={() => downloadBlob(file.fileName, blob)}>
                Save
              </Button>
              <Button onClick={print}>Print</Button>
            </Group>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
