import { Modal, type ModalProps } from '@mantine/core';
import { createContext, useCallback, useContext, useEffect, useId, useMemo, useRef, useState } from 'react';
import { ConfirmPanel } from './ConfirmPanel';

interface DiscardGuard {
  /** A form in the dialog says whether it holds changes not yet saved. */
  setDirty: (form: string, dirty: boolean) => void;
  /** Runs `discard` at once if nothing was changed, or after staff confirm they want to lose it. */
  askBeforeDiscard: (discard: () => void) => void;
}

const DiscardContext = createContext<DiscardGuard | null>(null);

/**
 * A form's changes are kept from a dialog closing by accident. The form tells the dialog around it
 * whether anything differs from what it opened with (react-hook-form's isDirty, for example).
 */
export function useDiscardGuard(dirty: boolean): void {
  const guard = useContext(DiscardContext);
  const form = useId();
  useEffect(() => {
    if (!guard) return;
    guard.setDirty(form, dirty);
    return () => guard.setDirty(form, false);
  }, [guard, form, dirty]);
}

/** Closing on purpose (Cancel): asks first when the dialog around holds changes, else runs at once. */
export function useAskBeforeDiscard(): (discard: () => void) => void {
  return useContext(DiscardContext)?.askBeforeDiscard ?? run;
}

const run = (discard: () => void) => discard();

/** Escape belongs to the innermost thing open: an open list or calendar, then the dialog on top. */
function escapeIsFor(root: HTMLElement | null, event: KeyboardEvent): boolean {
  const dialog = root?.querySelector('[role="dialog"]');
  if (!dialog || event.key !== 'Escape' || event.isComposing) return false;
  const target = event.target instanceof Element ? event.target : null;
  if (target?.getAttribute('data-mantine-stop-propagation') === 'true' || target?.getAttribute('aria-expanded') === 'true') return false;
  const dialogs = document.querySelectorAll('[role="dialog"][aria-modal="true"]');
  return dialogs[dialogs.length - 1] === dialog;
}

/**
 * Mantine's Modal for a dialog that holds a form: a click outside, Escape, the close button or Cancel
 * close it at once while nothing has changed, and ask "Discard changes?" once something has.
 */
export function FormModal({ opened, onClose, title, children, ...props }: ModalProps) {
  const dirtyForms = useRef(new Set<string>());
  const [pending, setPending] = useState<{ discard: () => void } | null>(null);
  // Mantine's Modal hands its ref to its root, which holds the overlay and the dialog itself.
  const root = useRef<HTMLDivElement>(null);

  const guard = useMemo<DiscardGuard>(
    () => ({
      setDirty: (form, dirty) => {
        if (dirty) dirtyForms.current.add(form);
        else dirtyForms.current.delete(form);
      },
      askBeforeDiscard: (discard) => {
        if (dirtyForms.current.size === 0) discard();
        else setPending({ discard });
      },
    }),
    [],
  );
  const requestClose = useCallback(() => guard.askBeforeDiscard(onClose), [guard, onClose]);

  // Mantine closes every open modal on one Escape; a school added from inside the pupil form is a
  // dialog on a dialog, so each form dialog listens itself and acts only when it is on top.
  useEffect(() => {
    if (!opened) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!escapeIsFor(root.current, event)) return;
      event.preventDefault();
      requestClose();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [opened, requestClose]);

  // A dialog closed or reopened starts with nothing to ask about.
  useEffect(() => {
    if (!opened) setPending(null);
  }, [opened]);

  return (
    <DiscardContext.Provider value={guard}>
      <Modal {...props} ref={root} opened={opened} onClose={requestClose} closeOnEscape={false} title={title}>
        {children}
      </Modal>
      <Modal opened={pending !== null} onClose={() => setPending(null)} title="Discard changes?" size="sm">
        <ConfirmPanel
          cancelLabel="Keep editing"
          onCancel={() => setPending(null)}
          confirmLabel="Discard changes"
          onConfirm={() => {
            const discard = pending?.discard;
            setPending(null);
            discard?.();
          }}
          loading={false}
          color="red.9"
        >
          What you have typed in this form will be lost.
        </ConfirmPanel>
      </Modal>
    </DiscardContext.Provider>
  );
}
