import { useSyncExternalStore } from 'react';

// One shared one-second tick for every live countdown on the page, rather than a timer per badge.

let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (timer === undefined) now = Date.now();
  timer ??= setInterval(() => {
    now = Date.now();
    listeners.forEach((l) => l());
  }, 1000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The time now in milliseconds, updated every second while any component uses it. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}
