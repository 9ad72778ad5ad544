import { useState } from 'react';

/**
 * One modal for a screen's dialogs (add, edit, remove…). What it shows stays on screen while the
 * modal closes; the key gives every opening a fresh form.
 */
export function useDialog<D>() {
  const [dialog, setDialog] = useState<{ value: D; key: number } | null>(null);
  const [opened, setOpened] = useState(false);
  const open = (value: D) => {
    setDialog((current) => ({ value, key: (current?.key ?? 0) + 1 }));
    setOpened(true);
  };
  const close = () => setOpened(false);
  return { dialog, opened, open, close };
}
