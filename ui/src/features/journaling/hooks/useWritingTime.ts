import { useCallback, useEffect, useRef, useState } from "react";

/**
 * Writing time: the time the text box has keyboard focus, added to what was written before (an
 * entry being edited, a draft continued). Typing needs focus, and switching to another window or app
 * blurs the box, so time spent elsewhere is not counted. Measured on the monotonic clock from each
 * focus, never summed from ticks; the tick only refreshes what is shown.
 */
export function useWritingTime(initialMs: number) {
  const base = useRef(initialMs);
  const since = useRef<number | null>(null);
  const [shown, setShown] = useState(initialMs);
  const [focused, setFocused] = useState(false);

  const total = useCallback(
    () =>
      Math.round(base.current + (since.current === null ? 0 : performance.now() - since.current)),
    [],
  );

  useEffect(() => {
    if (!focused) return;
    const timer = setInterval(() => {
      setShown(total());
    }, 1000);
    return () => {
      clearInterval(timer);
    };
  }, [focused, total]);

  const start = useCallback(() => {
    if (since.current !== null) return;
    since.current = performance.now();
    setFocused(true);
  }, []);

  const stop = useCallback(() => {
    if (since.current === null) return;
    base.current += performance.now() - since.current;
    since.current = null;
    setFocused(false);
    setShown(total());
  }, [total]);

  return { ms: shown, total, start, stop };
}
