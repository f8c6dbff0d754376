// A value that follows another at most every `ms` (the last change always arrives): the sparklines redraw a few times a
// second while a run streams — each redraw reads every token so far — instead of on every batch of tokens.
import { useEffect, useRef, useState } from 'react';

export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    if (ms <= 0) return;
    const show = () => {
      last.current = performance.now();
      setShown(value);
    };
    const wait = last.current + ms - performance.now();
    if (wait <= 0) {
      show();
      return;
    }
    const t = setTimeout(show, wait);
    return () => clearTimeout(t);
  }, [value, ms]);
  return ms <= 0 ? value : shown;
}
