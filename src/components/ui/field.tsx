import type { ReactNode } from 'react';

/** A labelled control with its one-line explanation. */
export function Field({ id, label, hint, children }: { id: string; label: string; hint: string; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      {children}
      <p className="hint">{hint}</p>
    </div>
  );
}
