// Whole seconds since `running` last turned true (0 while it is false), ticking twice a second so the count never
// lags a whole second behind.
import { useEffect, useState } from 'react';

export function useElapsedSeconds(running: boolean): number {
  const [elapsed, setElapsed] = useState(0);
  useEffect(() => {
    setElapsed(0);
    if (!running) return;
    const t0 = Date.now();
    const timer = setInterval(() => setElapsed(Math.floor((Date.now() - t0) / 1000)), 500);
    return () => clearInterval(timer);
  }, [running]);
  return elapsed;
}
