// jsdom has no matchMedia; this stand-in answers the dark-mode query and lets tests flip it.
const DARK_QUERY = "(prefers-color-scheme: dark)";

let prefersDark = false;
const listeners = new Set<() => void>();

export function installMatchMedia() {
  prefersDark = false;
  listeners.clear();
  window.matchMedia = (query: string): MediaQueryList => {
    const list = {
      media: query,
      get matches() {
        return query === DARK_QUERY && prefersDark;
      },
      onchange: null,
      addEventListener: (_type: string, listener: () => void) => {
        listeners.add(listener);
      },
      removeEventListener: (_type: string, listener: () => void) => {
        listeners.delete(listener);
      },
      addListener: (listener: () => void) => {
        listeners.add(listener);
      },
      removeListener: (listener: () => void) => {
        listeners.delete(listener);
      },
      dispatchEvent: () => true,
    };
    return list as unknown as MediaQueryList;
  };
}

/** Changes the OS colour-scheme preference and notifies listeners, like the real thing. */
export function setPrefersDark(dark: boolean) {
  prefersDark = dark;
  for (const listener of listeners) listener();
}
