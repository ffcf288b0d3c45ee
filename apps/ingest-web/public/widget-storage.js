// Where the widget's chat keeps its conversation. chat.js keeps the conversation id and the
// unsent messages in localStorage, which for this frame is Plaint's storage as seen from the host
// site (browsers keep it apart per site). A browser that blocks third-party storage refuses it to
// the frame altogether; the conversation would then end with the page. In that case the frame
// gives chat.js (and i18n.js) a localStorage of its own making, whose items widget.js keeps in
// the host site's storage (docs/chat-widget.md, "Where the conversation is kept").

/** True when this frame may use its own localStorage. */
export function ownStorageWorks() {
  try {
    const probe = 'plaint.widget.probe';
    localStorage.setItem(probe, '1');
    localStorage.removeItem(probe);
    return true;
  } catch {
    return false;
  }
}

/**
 * Puts a Storage in place of the refused window.localStorage: it starts with `items` (what
 * widget.js kept) and hands every change to `keep(key, value)` (value null: removed).
 */
export function useRelayedStorage(items, keep) {
  const map = new Map(Object.entries(items).filter(([, value]) => typeof value === 'string'));
  const storage = {
    get length() {
      return map.size;
    },
    key: (index) => [...map.keys()][index] ?? null,
    getItem: (key) => map.get(String(key)) ?? null,
    setItem(key, value) {
      map.set(String(key), String(value));
      keep(String(key), String(value));
    },
    removeItem(key) {
      map.delete(String(key));
      keep(String(key), null);
    },
    clear() {
      for (const key of map.keys()) keep(key, null);
      map.clear();
    },
  };
  Object.defineProperty(window, 'localStorage', { configurable: true, enumerable: true, get: () => storage });
}
