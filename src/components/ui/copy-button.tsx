import { useState } from 'react';

/** Copies text to the clipboard and says so (its label stays its accessible name; feedback is announced). */
export function CopyButton({ label, text }: { label: string; text: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
    setTimeout(() => setState('idle'), 1500);
  };
  return (
    <span>
      <button type="button" onClick={() => void copy()}>
        {label}
      </button>
      <span role="status" className="hint" style={{ marginLeft: 4 }}>
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed: select the code and copy it by hand' : ''}
      </span>
    </span>
  );
}
