// Which side panel is open as a drawer (phones: settings and tools; medium widths: tools), with the focus moved
// into a drawer when it opens and back to the button that opened it when it closes, as dialogs do.
import { useCallback, useEffect, useRef, useState } from 'react';

export type DrawerName = 'settings' | 'tools';

export function useDrawer() {
  const [open, setOpen] = useState<DrawerName | undefined>(undefined);
  const opener = useRef<HTMLElement | null>(null);

  const toggle = useCallback((d: DrawerName) => {
    setOpen((cur) => {
      if (cur === d) return undefined;
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      return d;
    });
  }, []);
  const close = useCallback(() => setOpen(undefined), []);

  useEffect(() => {
    if (open) {
      document.getElementById(`side-${open}`)?.querySelector<HTMLElement>('.drawer-close')?.focus();
      return;
    }
    if (opener.current?.isConnected) opener.current.focus();
    opener.current = null;
  }, [open]);

  return { open, toggle, close };
}
