// A native modal <dialog> driven by an `open` flag: shown with showModal (the focus stays inside; jsdom, which has
// none, gets the open attribute), its first `focus` element focused unless the focus is inside already, Escape and
// the browser's cancel close it through `onClose` — except Escape in an open list (a <select>), which closes the
// list — and on closing the focus goes back to what opened it.
import { type RefObject, useEffect, useRef } from 'react';

export interface ModalDialog {
  readonly ref: RefObject<HTMLDialogElement | null>;
  /** For the dialog's onCancel and onKeyDown. */
  dismiss(e: { key?: string; target?: EventTarget | null; preventDefault(): void }): void;
}

export function useModalDialog(open: boolean, onClose: () => void, focus: string): ModalDialog {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!open || !d) return;
    const opener = document.activeElement;
    if (typeof d.showModal === 'function') d.showModal();
    else d.setAttribute('open', '');
    if (!d.contains(document.activeElement)) d.querySelector<HTMLElement>(focus)?.focus();
    return () => {
      if (typeof d.close === 'function') d.close();
      else d.removeAttribute('open');
      if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
    };
  }, [open, focus]);
  const dismiss: ModalDialog['dismiss'] = (e) => {
    if (e.key !== undefined && e.key !== 'Escape') return;
    if (e.key !== undefined && e.target instanceof HTMLSelectElement) return;
    e.preventDefault();
    onClose();
  };
  return { ref, dismiss };
}
