// The chat widget's loader, for other sites (docs/chat-widget.md):
//
//   <script src="https://<plaint>/widget.js" data-language="ru" data-position="bottom-left"
//           data-color="#c2185b" data-greeting="…" data-required="email" async></script>
//
// It puts the customer page's live chat on the host page inside a frame that Plaint serves
// (widget-frame.html). The frame holds the launcher and the panel, so the host page's CSS cannot
// reach them and their CSS and scripts cannot reach the host page. The frame sits in a shadow
// root on an element of its own, whose styles are set inline with !important: rules of the host
// page that aim at iframes or at the widget (display: none, transforms, *-selectors) lose. (The
// root is open: no selector crosses a shadow boundary either way, and a closed root would hide
// the frame from the browser automation our tests click it with, not from the host's scripts.)
//
// The loader defines window.PlaintChat ({ open(), close() }) and nothing else, and never throws:
// a bad attribute is reported with console.warn and its default is used. The frame tells the
// loader when it is ready, opened or closed, and how big the launcher is (postMessage, checked by
// source and origin both ways); the loader places and sizes the frame in the part of the page the
// visitor sees. A frame that does not come up (this site is not in PLAINT_WIDGET_ALLOWED_ORIGINS,
// so the frame is refused) is removed with a warning instead of leaving an error page on the
// host page. When the browser refuses the frame its own storage, the loader keeps the chat's in
// this site's storage for it, unless data-host-storage="off" forbids it.
(() => {
  const GLOBAL = 'PlaintChat';
  const TAG = 'plaint-chat-widget';
  const LANGUAGES = ['az', 'ru', 'en'];
  const DEFAULT_LANGUAGE = 'az';
  const POSITIONS = ['bottom-right', 'bottom-left'];
  const FIELDS = ['name', 'email', 'phone'];
  const HOST_STORAGE = ['on', 'off'];
  const GREETING_MAX = 300;
  const COLOUR_MAX = 64;
  /** Distance of the launcher and of the open panel from the window's corner. */
  const EDGE = 16;
  /** widget.css: the room around the launcher inside the frame (its shadow, its badge). */
  const FRAME_MARGIN = 8;
  /** Below this width the open panel takes the whole screen (styles.css's phone breakpoint). */
  const NARROW_BELOW = 600;
  /** The open panel on a wider screen (styles.css's .chat-panel). */
  const PANEL = { width: 384, height: 640 };
  /** The most the frame may keep in this site's storage under one key. */
  const STORED_MAX = 1_000_000;
  /** How long after the frame has loaded it may take to say it is there. */
  const READY_GRACE_MS = 3000;
  const TITLES = { az: 'Onlayn çat', ru: 'Онлайн-чат', en: 'Live chat' };

  const warn = (message) => {
    try {
      console.warn(`Plaint chat widget: ${message}`);
    } catch {
      // no console: nothing to tell
    }
  };

  if (window[GLOBAL]) {
    warn('widget.js is on this page more than once; only the first one runs.');
    return;
  }

  // ------------------------------------------------------------ options (data attributes)

  function browserLanguage() {
    const preferred = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
    for (const tag of preferred) {
      const primary = String(tag || '').split(/[-_]/)[0].toLowerCase();
      if (LANGUAGES.includes(primary)) return primary;
    }
    return DEFAULT_LANGUAGE;
  }

  function language(value) {
    if (value === undefined) return browserLanguage();
    const lang = value.trim().toLowerCase();
    if (LANGUAGES.includes(lang)) return lang;
    const fallback = browserLanguage();
    warn(`data-language="${value}" is not one of ${LANGUAGES.join(', ')}; using "${fallback}".`);
    return fallback;
  }

  function position(value) {
    if (value === undefined) return POSITIONS[0];
    const pos = value.trim().toLowerCase();
    if (POSITIONS.includes(pos)) return pos;
    warn(`data-position="${value}" is not one of ${POSITIONS.join(', ')}; using "${POSITIONS[0]}".`);
    return POSITIONS[0];
  }

  /**
   * A colour the browser parses, and nothing else: no keyword that takes the host's value, no
   * var()/env()/url() (CSS.supports accepts any var() without knowing what it holds).
   */
  function colour(value) {
    if (value === undefined || value.trim() === '') return '';
    const v = value.trim();
    const plain =
      v.length <= COLOUR_MAX &&
      !/[;{}<>\\"'!]/.test(v) &&
      !/\b(var|env|attr|url|calc|image|element)\s*\(/i.test(v) &&
      !/^(inherit|initial|unset|revert|revert-layer|currentcolor|transparent)$/i.test(v);
    let parses = false;
    try {
      parses = plain && typeof CSS !== 'undefined' && CSS.supports('color', v);
    } catch {
      parses = false;
    }
    if (parses) return v;
    warn(`data-color="${value}" is not a CSS colour such as #c2185b or rgb(194 24 91); using Plaint's colour.`);
    return '';
  }

  function greeting(value) {
    if (value === undefined) return '';
    // One line of text: control characters and runs of white space become one space.
    const text = value.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
    if (text.length <= GREETING_MAX) return text;
    warn(`data-greeting is longer than ${GREETING_MAX} characters; it is cut.`);
    return `${text.slice(0, GREETING_MAX - 1)}…`;
  }

  /** The contact fields the customer must give; the name is always required (the server's rule). */
  function required(value) {
    if (value === undefined) return [];
    const fields = [];
    for (const word of value.toLowerCase().split(/[\s,]+/).filter(Boolean)) {
      const field = word === 'e-mail' ? 'email' : word;
      if (!FIELDS.includes(field)) warn(`data-required: "${word}" is not one of ${FIELDS.join(', ')}; ignored.`);
      else if (field !== 'name' && !fields.includes(field)) fields.push(field);
    }
    return fields;
  }

  /** Whether the chat may be kept in this site's storage when the frame gets none (default on). */
  function hostStorage(value) {
    if (value === undefined) return true;
    const word = value.trim().toLowerCase();
    if (HOST_STORAGE.includes(word)) return word === 'on';
    warn(`data-host-storage="${value}" is not one of ${HOST_STORAGE.join(', ')}; using "on".`);
    return true;
  }

  function readOptions(script) {
    const data = script.dataset;
    return {
      language: language(data.language),
      position: position(data.position),
      color: colour(data.color),
      greeting: greeting(data.greeting),
      required: required(data.required),
      hostStorage: hostStorage(data.hostStorage),
    };
  }

  // ------------------------------------------------------------ the frame on the page

  /** Inline !important: beats every rule of the host page, !important ones included. */
  function pin(element, properties) {
    for (const [name, value] of Object.entries(properties)) element.style.setProperty(name, value, 'important');
  }

  function start(script) {
    const options = readOptions(script);
    const frameUrl = new URL('widget-frame.html', script.src);
    frameUrl.search = new URLSearchParams({ lang: options.language }).toString();
    const fragment = new URLSearchParams({ origin: location.origin });
    if (options.color) fragment.set('color', options.color);
    if (options.greeting) fragment.set('greeting', options.greeting);
    if (options.required.length) fragment.set('required', options.required.join(','));
    frameUrl.hash = fragment.toString();
    const frameOrigin = frameUrl.origin;

    const host = document.createElement(TAG);
    // Every property back to its initial value first, so nothing of the host page's applies.
    pin(host, { all: 'initial' });
    pin(host, {
      display: 'block',
      position: 'fixed',
      'z-index': '2147483000',
      overflow: 'hidden',
      'color-scheme': 'light',
      opacity: '0',
      'pointer-events': 'none',
      width: '1px',
      height: '1px',
      bottom: `${EDGE - FRAME_MARGIN}px`,
      [options.position === 'bottom-left' ? 'left' : 'right']: `${EDGE - FRAME_MARGIN}px`,
    });
    const root = host.attachShadow({ mode: 'open' });
    const frame = document.createElement('iframe');
    frame.title = TITLES[options.language];
    // The frame may run its scripts, keep its chat in its storage, copy the reference, ask
    // "end the chat?" and open links in a new tab; it may not navigate the host page.
    frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms allow-modals allow-popups allow-popups-to-escape-sandbox');
    frame.setAttribute('allow', 'clipboard-write');
    frame.setAttribute('referrerpolicy', 'no-referrer');
    pin(frame, {
      all: 'initial',
      display: 'block',
      width: '100%',
      height: '100%',
      border: '0',
      margin: '0',
      padding: '0',
      background: 'transparent',
      'color-scheme': 'light',
    });
    frame.src = frameUrl.href;
    root.append(frame);

    let alive = false; // the frame's script runs: it was not refused
    let ready = false; // the chat is in the frame and the frame has said how big it is
    let gone = false;
    let open = false;
    let size = { width: 0, height: 0 };
    let compact = null;
    let queued = null;
    let scheduled = false;

    function tell(message) {
      try {
        frame.contentWindow?.postMessage({ plaintWidget: 1, ...message }, frameOrigin);
      } catch {
        // the frame is gone or is an error page: nothing to tell it
      }
    }

    /**
     * The part of the page the visitor sees, in the coordinates of position: fixed. On a phone it
     * can be smaller than the window: when the page is wider than the screen, or when the
     * keyboard is up. Placed by it, the launcher and the open panel stay on the screen.
     */
    function visibleArea() {
      const view = window.visualViewport;
      if (view) return { left: view.offsetLeft, top: view.offsetTop, width: view.width, height: view.height };
      return { left: 0, top: 0, width: document.documentElement.clientWidth || window.innerWidth, height: window.innerHeight };
    }

    function place({ left, top, width, height }) {
      pin(host, { left: `${left}px`, top: `${top}px`, width: `${width}px`, height: `${height}px`, right: 'auto', bottom: 'auto' });
    }

    function layout() {
      scheduled = false;
      if (!ready || gone) return;
      const area = visibleArea();
      const narrow = area.width < NARROW_BELOW;
      const corner = (width, height, gap) => ({
        left: options.position === 'bottom-left' ? area.left + gap : area.left + area.width - gap - width,
        top: area.top + area.height - gap - height,
        width,
        height,
      });
      pin(host, { opacity: '1', 'pointer-events': 'auto', visibility: 'visible' });
      if (open && narrow) {
        // On a phone the open panel is the whole screen.
        place(area);
        pin(host, { 'border-radius': '0', 'box-shadow': 'none' });
      } else if (open) {
        place(corner(Math.min(PANEL.width, area.width - 2 * EDGE), Math.min(PANEL.height, area.height - 2 * EDGE), EDGE));
        pin(host, { 'border-radius': '12px', 'box-shadow': '0 12px 40px rgba(16, 24, 40, 0.2)' });
      } else {
        // Closed: the launcher's own size and the few pixels of its shadow, nothing more.
        place(corner(size.width, size.height, EDGE - FRAME_MARGIN));
        pin(host, { 'border-radius': '0', 'box-shadow': 'none' });
      }
      if (compact !== narrow) {
        compact = narrow;
        tell({ type: 'layout', compact });
      }
    }

    function relayout() {
      if (scheduled) return;
      scheduled = true;
      requestAnimationFrame(() => {
        try {
          layout();
        } catch (error) {
          warn(`could not place the chat (${error && error.message}).`);
        }
      });
    }

    // ---------------------------------------------------------- the chat's storage, when the frame has none

    // A browser that blocks third-party storage refuses the frame its localStorage. The frame then
    // keeps the conversation here, in this site's storage, so that it survives a reload
    // (docs/chat-widget.md, "Where the conversation is kept"). With data-host-storage="off" the
    // frame is given nothing and its items are not kept: the conversation lasts as long as the page.
    const storePrefix = `plaint-chat-widget:${frameOrigin}:`;

    function storedItems() {
      const items = {};
      if (!options.hostStorage) return items;
      try {
        for (let i = 0; i < localStorage.length; i += 1) {
          const key = localStorage.key(i);
          if (key && key.startsWith(storePrefix)) items[key.slice(storePrefix.length)] = localStorage.getItem(key);
        }
      } catch {
        // this site's storage is refused too: the conversation lasts as long as the page
      }
      return items;
    }

    function storeItem(key, value) {
      if (!options.hostStorage) return;
      if (typeof key !== 'string' || !/^plaint\.[a-z0-9.]{1,60}$/i.test(key)) return;
      try {
        if (value === null) localStorage.removeItem(storePrefix + key);
        else if (typeof value === 'string' && value.length <= STORED_MAX) localStorage.setItem(storePrefix + key, value);
      } catch {
        // full or refused: the frame still has it in memory
      }
    }

    function giveUp(reason) {
      if (ready || gone) return;
      gone = true;
      pin(host, { display: 'none' });
      host.remove();
      warn(reason);
    }

    window.addEventListener('message', (event) => {
      try {
        if (event.source !== frame.contentWindow || event.origin !== frameOrigin) return;
        const data = event.data;
        if (!data || typeof data !== 'object' || data.plaintWidget !== 1 || gone) return;
        if (data.type === 'failed') {
          giveUp('the chat could not start in its frame.');
          return;
        }
        if (data.type === 'alive') {
          alive = true;
          return;
        }
        if (data.type === 'storage-get') {
          tell({ type: 'storage', items: storedItems() });
          return;
        }
        if (data.type === 'storage-set') {
          storeItem(data.key, data.value);
          return;
        }
        if (data.type !== 'state') return;
        open = data.open === true;
        const width = Number(data.width);
        const height = Number(data.height);
        if (width > 0 && height > 0) size = { width: Math.min(width, 400), height: Math.min(height, 200) };
        const first = !ready;
        ready = true;
        layout();
        if (first && queued) tell({ type: queued });
        queued = null;
      } catch (error) {
        warn(`a message from the frame was not understood (${error && error.message}).`);
      }
    });

    frame.addEventListener('load', () => {
      // A frame refused by its frame-ancestors (or not found) loads an error page, which never says
      // it is alive.
      setTimeout(() => {
        if (!alive) {
          giveUp(
            `the chat frame ${frameUrl.origin}${frameUrl.pathname} did not load. Is ${location.origin} in ` +
              "Plaint's PLAINT_WIDGET_ALLOWED_ORIGINS?",
          );
        }
      }, READY_GRACE_MS);
    });

    window.addEventListener('resize', relayout);
    window.visualViewport?.addEventListener('resize', relayout);
    window.visualViewport?.addEventListener('scroll', relayout);

    const command = (type) => {
      try {
        if (gone) warn(`${type}(): the chat is not available on this page.`);
        else if (ready) tell({ type });
        else queued = type;
      } catch (error) {
        warn(`${type}() failed (${error && error.message}).`);
      }
    };
    window[GLOBAL] = Object.freeze({
      /** Opens the chat panel (e.g. from the host page's own "chat with us" link). */
      open: () => command('open'),
      close: () => command('close'),
    });

    const attach = () => {
      // On <html>, not <body>: a transform or filter on <body> would make position: fixed
      // relative to the body instead of the window.
      document.documentElement.append(host);
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', attach, { once: true });
    else attach();
  }

  try {
    // Set while a classic script runs for the first time; null in a module.
    const script = document.currentScript;
    if (!script || !script.src) {
      warn('cannot tell where widget.js was loaded from; load it with <script src="…/widget.js"> (not as a module).');
      return;
    }
    start(script);
  } catch (error) {
    warn(`not started (${error && error.message}).`);
  }
})();
