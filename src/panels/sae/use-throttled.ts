// A value that follows another at most every `ms` (the last change always arrives): the sparklines redraw a few times a
// second while a run streams — each redraw reads every token so far — instead of on every batch of tokens. A new `key`
// (another run) shows its value at once, never the previous run's.
import { useEffect, useRef, useState } from 'react';

export function useThrottled<T>(value: T, ms: number, key: string | undefined): T {
  const [shown, setShown] = useState({ key, value });
  const last = useRef(0);
  useEffect(() => {
    if (ms <= 0) return;
    const show = () => {
      last.current = performance.now();
      setShown({ key, value });
    };
    const wait = last.current + ms - performance.now();
    if (wait <= 0) {
      show();
      return;
    }
    const t = setTimeout(show, wait);
    return () => clearTimeout(t);
  }, [value, ms, key]);
  return ms <= 0 || shown.key !== key ? value : shown.value;
}
