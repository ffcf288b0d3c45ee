// 2. Live chat over socket.io, namespace /chat.
//
// Protocol (client → server, all with acks):
//   chat:start  { fullName, email?, phone?, language? } → { ok, conversationId } | { ok: false, error }
//   chat:resume { conversationId }                      → { ok } | { ok: false, error }
//   chat:message { clientMessageId, text }              → { ok, messageId } | { ok: false, error }
// server → client: chat:message { id, from, authorName?, text, reference?, sentAt } for every line.
// An agent's line (from: agent) carries the agent's first name; our notices carry the complaint's
// reference, which is shown in a box with a copy button the first time it appears.
//
// Nothing is lost across reloads and dropped connections: the conversation id and an outbox of
// messages the server has not acknowledged yet live in localStorage. On every (re)connect the
// widget resumes the conversation (the server replays the transcript) and resends the outbox
// with the same clientMessageId, which the server dedupes. Lines are shown once per id, ordered
// by sentAt. Server text is only ever set with textContent.
import { getLanguage, onLanguageChange, setLiteral, setText, t } from './i18n.js';
import {
  bindCopyButton,
  clearFieldError,
  fieldProblems,
  formatChatTime,
  hideMessage,
  LIMITS,
  normalisePhone,
  showFieldError,
  showMessage,
  uuid,
  validatePerson,
} from './ui.js';

const STORE_KEY = 'plaint.chat.v1';
const ACK_TIMEOUT_MS = 15000;
const MAX_REJECTIONS = 5;
const AUTHORS = ['customer', 'plaint', 'agent'];

// ---------------------------------------------------------------- persistent state

let memoryStore = null; // used when localStorage is unavailable

function emptyState() {
  return { conversationId: null, profile: null, outbox: [], open: false, seenAt: null };
}

function load() {
  try {
    const raw = localStorage.getItem(STORE_KEY);
    const parsed = raw ? JSON.parse(raw) : null;
    if (parsed && typeof parsed === 'object') {
      return { ...emptyState(), ...parsed, outbox: Array.isArray(parsed.outbox) ? parsed.outbox : [] };
    }
  } catch {
    if (memoryStore) return structuredClone(memoryStore);
  }
  return memoryStore ? structuredClone(memoryStore) : emptyState();
}

/** Read-modify-write, so that several tabs of the same browser do not undo each other. */
function update(change) {
  const state = load();
  change(state);
  try {
    localStorage.setItem(STORE_KEY, JSON.stringify(state));
  } catch {
    memoryStore = structuredClone(state);
  }
  return state;
}

// ---------------------------------------------------------------- runtime state

let socket = null;
let ready = false; // chat:start or chat:resume succeeded on the current socket
let session = 0; // increments on every connect
let connState = 'idle'; // idle | connecting | online | offline | unavailable
let ioLoading = null;
let flushTimer = null;
let resumeTimer = null;
let resumeFailures = 0;
let seq = 0;
const lines = new Map(); // id → { id, from, authorName, text, reference, sentAt, seq, provisional }
const inFlight = new Map(); // clientMessageId → session it was emitted on
const rejections = new Map(); // clientMessageId → count of non-final rejections
const echoed = new Map(); // clientMessageId → id of the server line that shows it
const lineNodes = new Map(); // render key → <li>

const $ = (id) => document.getElementById(id);

function chatBase() {
  return String(window.PLAINT_CHAT_URL || location.origin).replace(/\/+$/, '');
}

// ---------------------------------------------------------------- connection

function loadSocketIo() {
  if (window.io) return Promise.resolve(window.io);
  ioLoading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = `${chatBase()}/socket.io/socket.io.js`;
    script.async = true;
    script.onload = () => (window.io ? resolve(window.io) : reject(new Error('no io')));
    script.onerror = () => {
      script.remove();
      reject(new Error('socket.io client did not load'));
    };
    document.head.append(script);
  }).catch((err) => {
    ioLoading = null;
    throw err;
  });
  return ioLoading;
}

async function ensureConnected() {
  if (socket) {
    if (!socket.connected && !socket.active) socket.connect();
    return;
  }
  setConn('connecting');
  let io;
  try {
    io = await loadSocketIo();
  } catch {
    setConn('unavailable');
    return;
  }
  if (socket) return;
  socket = io(`${chatBase()}/chat`, {
    reconnectionDelay: 500,
    reconnectionDelayMax: 4000,
    timeout: 8000,
  });
  socket.on('connect', onConnect);
  socket.on('disconnect', (reason) => {
    ready = false;
    inFlight.clear();
    setConn(navigator.onLine === false ? 'offline' : 'connecting');
    // The server closed us on purpose: socket.io will not come back by itself.
    if (reason === 'io server disconnect') setTimeout(() => socket?.connect(), 2000);
  });
  socket.on('connect_error', () => {
    setConn(navigator.onLine === false ? 'offline' : 'connecting');
    if (!socket.active) setTimeout(() => socket?.connect(), 3000);
  });
  socket.on('chat:message', onLine);
}

function onConnect() {
  session += 1;
  ready = false;
  inFlight.clear();
  resumeFailures = 0;
  setConn('online');
  if (load().conversationId) resume();
  render();
}

function resume() {
  clearTimeout(resumeTimer);
  const { conversationId } = load();
  if (!socket?.connected || !conversationId) return;
  const mine = session;
  socket.timeout(ACK_TIMEOUT_MS).emit('chat:resume', { conversationId }, (err, ack) => {
    if (mine !== session) return;
    if (!err && ack?.ok) {
      ready = true;
      resumeFailures = 0;
      render();
      flush();
      return;
    }
    const code = String(ack?.error?.code ?? '');
    if (!err && isGone(code)) {
      conversationGone();
      return;
    }
    resumeFailures += 1;
    resumeTimer = setTimeout(resume, Math.min(30000, 1000 * 2 ** resumeFailures));
  });
}

/** The server no longer knows the stored conversation: start again with the same details. */
function conversationGone() {
  const { profile } = update((s) => {
    s.conversationId = null;
  });
  lines.clear();
  echoed.clear();
  render();
  if (profile) start(profile, { automatic: true });
}

// The server's error codes: invalid | not_started | unknown_conversation | unavailable | rate_limited | internal.
// Other codes (internal: a fault on the server's side) are retried a few times, then treated as final.

/** The stored conversation cannot be resumed (unknown, or a malformed id). */
function isGone(code) {
  return code === 'unknown_conversation' || code === 'invalid';
}

// ---------------------------------------------------------------- start

/** Resolves true once the socket is connected, false after ms without a connection. */
function whenConnected(ms) {
  if (socket?.connected) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok) => {
      clearTimeout(timer);
      socket?.off('connect', onOk);
      resolve(ok);
    };
    const onOk = () => done(true);
    const timer = setTimeout(() => done(false), ms);
    socket?.on('connect', onOk);
  });
}

async function start(profile, { automatic = false } = {}) {
  const submit = $('chat-start-submit');
  const errorBox = $('chat-start-error');
  submit.disabled = true;
  setText(submit.querySelector('span'), 'chat.starting');
  await ensureConnected();
  if (!(await whenConnected(8000))) {
    submit.disabled = false;
    setText(submit.querySelector('span'), 'chat.start');
    if (!automatic) showMessage(errorBox, { key: 'chat.noConnection' });
    return;
  }
  const mine = session;
  const payload = { fullName: profile.fullName, language: getLanguage() };
  if (profile.email) payload.email = profile.email;
  if (profile.phone) payload.phone = profile.phone;
  socket.timeout(ACK_TIMEOUT_MS).emit('chat:start', payload, (err, ack) => {
    submit.disabled = false;
    setText(submit.querySelector('span'), 'chat.start');
    if (err) {
      showMessage(errorBox, { key: 'chat.noConnection' });
      return;
    }
    if (ack?.ok && ack.conversationId) {
      update((s) => {
        s.conversationId = String(ack.conversationId);
        s.profile = profile;
      });
      hideMessage(errorBox);
      if (mine === session && socket.connected) {
        ready = true;
        flush();
      } else {
        resume();
      }
      render();
      if (!automatic) $('chat-input').focus();
      return;
    }
    showStartErrors(ack?.error);
  });
}

function showStartErrors(error) {
  const errorBox = $('chat-start-error');
  if (error?.code === 'rate_limited') {
    showMessage(errorBox, { key: 'err.rateLimited' });
    return;
  }
  let shown = false;
  for (const { field, problems } of fieldProblems(error?.fields)) {
    const name = ['fullName', 'email', 'phone', 'contact'].includes(field) ? field : null;
    if (!name) continue;
    const inputs = name === 'contact' ? [$('chat-email'), $('chat-phone')] : [$(`chat-${name}`)];
    showFieldError($(`chat-${name}-error`), inputs, problems.map((text) => ({ text })));
    shown = true;
  }
  if (typeof error?.message === 'string' && error.message && !shown) {
    showMessage(errorBox, { text: error.message });
  } else if (!shown) {
    showMessage(errorBox, { key: 'err.generic' });
  }
}

// ---------------------------------------------------------------- send

function queue(text) {
  const item = { clientMessageId: uuid(), text, createdAt: new Date().toISOString() };
  update((s) => {
    s.outbox.push(item);
  });
  render();
  flush();
}

function flush() {
  clearTimeout(flushTimer);
  if (!socket?.connected || !ready) return;
  for (const item of load().outbox) {
    if (!inFlight.has(item.clientMessageId)) emitMessage(item);
  }
}

function scheduleFlush(ms) {
  clearTimeout(flushTimer);
  flushTimer = setTimeout(flush, ms);
}

function emitMessage(item) {
  const mine = session;
  inFlight.set(item.clientMessageId, mine);
  render();
  socket
    .timeout(ACK_TIMEOUT_MS)
    .emit('chat:message', { clientMessageId: item.clientMessageId, text: item.text }, (err, ack) => {
      if (inFlight.get(item.clientMessageId) === mine) inFlight.delete(item.clientMessageId);
      if (!err && ack?.ok) {
        acknowledged(item, ack.messageId);
        return;
      }
      if (err) {
        // No answer in time (or the connection dropped): it stays in the outbox.
        if (mine === session) scheduleFlush(3000);
        render();
        return;
      }
      rejected(item, ack?.error ?? {}, mine);
    });
}

function acknowledged(item, messageId) {
  update((s) => {
    s.outbox = s.outbox.filter((m) => m.clientMessageId !== item.clientMessageId);
  });
  rejections.delete(item.clientMessageId);
  const id = messageId ? String(messageId) : `local:${item.clientMessageId}`;
  echoed.delete(item.clientMessageId);
  if (!lines.has(id)) {
    // The echo has not arrived yet: show the line as sent until it does.
    lines.set(id, {
      id,
      from: 'customer',
      text: item.text,
      sentAt: new Date().toISOString(),
      seq: ++seq,
      provisional: true,
    });
  }
  render();
}

function rejected(item, error, mine) {
  const code = String(error.code ?? '');
  const count = (rejections.get(item.clientMessageId) ?? 0) + 1;
  rejections.set(item.clientMessageId, count);
  if (code === 'not_started' && count < MAX_REJECTIONS) {
    // This socket has not (or no longer) joined the conversation: resume, which flushes again.
    if (mine === session) {
      ready = false;
      resume();
    }
    return;
  }
  if (code === 'unknown_conversation') {
    if (mine === session && ready) {
      ready = false;
      conversationGone(); // the outbox is kept and goes to the new conversation
    }
    return;
  }
  if (code === 'rate_limited') {
    // Too many messages for now: keep it and send it again when the server says it may.
    rejections.set(item.clientMessageId, count - 1);
    if (mine === session) scheduleFlush(1000 * Math.max(1, Number(error.retryAfterSeconds) || 5));
    render();
    return;
  }
  if (code === 'unavailable' || (code !== 'invalid' && count < MAX_REJECTIONS)) {
    // The bus did not take it; the server asks us to retry. Keep it, back off.
    if (mine === session) scheduleFlush(Math.min(30000, 1000 * 2 ** Math.min(count, 5)));
    render();
    return;
  }
  // Final: the server will never take this text as it is. Give it back to the customer.
  update((s) => {
    s.outbox = s.outbox.filter((m) => m.clientMessageId !== item.clientMessageId);
  });
  rejections.delete(item.clientMessageId);
  const input = $('chat-input');
  if (!input.value.trim()) input.value = item.text;
  const reason = typeof error.message === 'string' && error.message ? error.message : t('err.generic');
  showFieldError($('chat-send-error'), [input], [{ key: 'chat.notSent', params: { reason } }]);
  render();
}

// ---------------------------------------------------------------- receive

function onLine(msg) {
  if (!msg || typeof msg !== 'object') return;
  const id = typeof msg.id === 'string' || typeof msg.id === 'number' ? String(msg.id) : null;
  if (!id || typeof msg.text !== 'string') return;
  const from = AUTHORS.includes(msg.from) ? msg.from : 'plaint';
  const existing = lines.get(id);
  if (existing && !existing.provisional) return; // already shown: lines are unique by id

  if (from === 'customer' && !existing) {
    // Our own message echoed before its ack (or replayed after a reload while still in the
    // outbox): let the server line stand for the pending one instead of showing it twice.
    const sentAt = Date.parse(msg.sentAt);
    const matched = new Set(echoed.values());
    if (!matched.has(id)) {
      const pending = load().outbox.find(
        (m) =>
          !echoed.has(m.clientMessageId) &&
          m.text === msg.text &&
          (Number.isNaN(sentAt) || sentAt >= Date.parse(m.createdAt) - 60000),
      );
      if (pending) echoed.set(pending.clientMessageId, id);
    }
    for (const [key, line] of lines) {
      if (line.provisional && key.startsWith('local:') && line.text === msg.text) {
        lines.delete(key);
        break;
      }
    }
  }

  lines.set(id, {
    id,
    from,
    authorName: from === 'agent' && typeof msg.authorName === 'string' ? msg.authorName.trim().slice(0, 100) : '',
    text: msg.text,
    reference: typeof msg.reference === 'string' ? msg.reference : null,
    sentAt: typeof msg.sentAt === 'string' ? msg.sentAt : new Date().toISOString(),
    seq: existing?.seq ?? ++seq,
    provisional: false,
  });
  render();
}

// ---------------------------------------------------------------- view

function setConn(state) {
  connState = state;
  render();
}

function isOpen() {
  return !$('chat-panel').hidden;
}

function openPanel() {
  const panel = $('chat-panel');
  panel.hidden = false;
  $('chat-launcher').setAttribute('aria-expanded', 'true');
  document.body.classList.add('chat-is-open');
  update((s) => {
    s.open = true;
  });
  ensureConnected();
  render();
  const target = load().conversationId ? $('chat-input') : $('chat-fullName');
  target?.focus();
}

function closePanel() {
  $('chat-panel').hidden = true;
  $('chat-launcher').setAttribute('aria-expanded', 'false');
  document.body.classList.remove('chat-is-open');
  update((s) => {
    s.open = false;
  });
  render();
  $('chat-launcher').focus();
}

function sortedEntries(state) {
  const shown = [...lines.values()].sort((a, b) => {
    const d = Date.parse(a.sentAt) - Date.parse(b.sentAt);
    return d || a.seq - b.seq;
  });
  // A reference is boxed once, where it first appears (the acknowledgement), not in every notice.
  const boxed = new Set();
  const entries = shown.map((line) => {
    const showReference = Boolean(line.reference) && !boxed.has(line.reference);
    if (showReference) boxed.add(line.reference);
    return { key: `l:${line.id}`, line, showReference };
  });
  for (const item of state.outbox) {
    if (echoed.has(item.clientMessageId)) continue;
    entries.push({
      key: `p:${item.clientMessageId}`,
      line: { id: item.clientMessageId, from: 'customer', text: item.text, sentAt: item.createdAt },
      pending: true,
    });
  }
  return entries;
}

function lineNode(key) {
  let li = lineNodes.get(key);
  if (li) return li;
  li = document.createElement('li');
  li.dataset.testid = 'chat-line';
  const meta = document.createElement('div');
  meta.className = 'chat-line__meta';
  const author = document.createElement('span');
  author.className = 'chat-line__author';
  author.dataset.testid = 'chat-line-author';
  const time = document.createElement('time');
  time.className = 'chat-line__time';
  meta.append(author, time);
  const text = document.createElement('p');
  text.className = 'chat-line__text';
  text.dataset.testid = 'chat-line-text';
  const state = document.createElement('p');
  state.className = 'chat-line__state';
  state.dataset.testid = 'chat-line-state';
  li.append(meta, text, state);
  lineNodes.set(key, li);
  return li;
}

function fillLine(li, { line, pending, showReference }) {
  li.className = `chat-line chat-line--${line.from}${pending ? ' chat-line--pending' : ''}`;
  li.dataset.from = line.from;
  li.dataset.state = pending ? 'pending' : 'sent';
  if (pending) {
    li.dataset.clientMessageId = line.id;
    delete li.dataset.lineId;
  } else {
    li.dataset.lineId = line.id;
    delete li.dataset.clientMessageId;
  }
  const [meta, text, state] = li.children;
  if (line.authorName) setLiteral(meta.children[0], line.authorName);
  else setText(meta.children[0], `chat.from.${line.from}`);
  meta.children[1].dateTime = line.sentAt;
  meta.children[1].textContent = formatChatTime(line.sentAt);
  if (text.textContent !== line.text) text.textContent = line.text;
  if (pending) {
    const sending = ready && socket?.connected && inFlight.has(line.id);
    setText(state, sending ? 'chat.pending' : 'chat.queued');
    state.hidden = false;
  } else {
    setLiteral(state, '');
    state.hidden = true;
  }
  let ref = li.querySelector('.chat-line__ref');
  if (line.reference && showReference) {
    if (!ref) {
      ref = document.createElement('p');
      ref.className = 'chat-line__ref';
      const label = document.createElement('span');
      const value = document.createElement('strong');
      value.className = 'reference reference--small';
      value.dataset.testid = 'chat-line-reference';
      const copy = document.createElement('button');
      copy.type = 'button';
      copy.className = 'link-button';
      const copyLabel = document.createElement('span');
      setText(copyLabel, 'copy');
      copy.append(copyLabel);
      const status = document.createElement('span');
      status.className = 'copy-status';
      status.setAttribute('role', 'status');
      bindCopyButton(copy, status, () => value.textContent);
      ref.append(label, ' ', value, ' ', copy, status);
      li.append(ref);
    }
    setText(ref.children[0], 'chat.reference');
    ref.children[1].textContent = line.reference;
  } else if (ref) {
    ref.remove();
  }
}

function render() {
  const state = load();
  const hasConversation = Boolean(state.conversationId);

  // connection line
  const status = $('chat-status');
  status.dataset.state = connState;
  const statusKey = {
    connecting: 'chat.status.connecting',
    online: 'chat.status.online',
    offline: 'chat.status.offline',
  }[connState];
  if (statusKey) setText(status, statusKey);
  else setLiteral(status, '');
  $('chat-unavailable').hidden = connState !== 'unavailable';

  // which view
  $('chat-start').hidden = hasConversation || connState === 'unavailable';
  $('chat-conversation').hidden = !hasConversation;
  if (!hasConversation && state.profile) {
    for (const name of ['fullName', 'email', 'phone']) {
      const input = $(`chat-${name}`);
      if (!input.value && state.profile[name]) input.value = state.profile[name];
    }
  }

  // transcript
  const log = $('chat-log');
  const entries = hasConversation ? sortedEntries(state) : [];
  const keep = new Set(entries.map((e) => e.key));
  for (const [key, node] of lineNodes) {
    if (!keep.has(key)) {
      node.remove();
      lineNodes.delete(key);
    }
  }
  const nearBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 80;
  let added = false;
  entries.forEach((entry, index) => {
    const existed = lineNodes.has(entry.key);
    const li = lineNode(entry.key);
    fillLine(li, entry);
    if (log.children[index] !== li) log.insertBefore(li, log.children[index] ?? null);
    if (!existed) added = true;
  });
  $('chat-empty').hidden = entries.length > 0;
  if (added && (nearBottom || entries.at(-1)?.pending)) log.scrollTop = log.scrollHeight;

  // unread badge while the panel is closed
  const badge = $('chat-badge');
  const latest = [...lines.values()].reduce((max, l) => (l.sentAt > max ? l.sentAt : max), '');
  if (isOpen()) {
    if (latest && latest !== state.seenAt) {
      update((s) => {
        s.seenAt = latest;
      });
    }
    badge.hidden = true;
  } else {
    const unread = [...lines.values()].filter(
      (l) => l.from !== 'customer' && (!state.seenAt || l.sentAt > state.seenAt),
    ).length;
    badge.hidden = unread === 0;
    if (unread) {
      badge.textContent = String(unread);
      badge.setAttribute('aria-label', t('chat.unread', { count: unread }));
    }
  }
}

// ---------------------------------------------------------------- wiring

export function initChat() {
  for (const button of document.querySelectorAll('[data-chat-open]')) {
    button.addEventListener('click', openPanel);
  }
  $('chat-close').addEventListener('click', closePanel);
  $('chat-panel').addEventListener('keydown', (event) => {
    if (event.key === 'Escape') closePanel();
  });
  $('chat-retry').addEventListener('click', () => {
    connState = 'idle';
    ensureConnected();
  });

  const startForm = $('chat-start');
  const field = (name) => $(`chat-${name}`);
  for (const name of ['fullName', 'email', 'phone']) {
    field(name).addEventListener('input', () => {
      clearFieldError($(`chat-${name}-error`), [field(name)]);
      if (name !== 'fullName') clearFieldError($('chat-contact-error'), [field('email'), field('phone')]);
    });
  }
  startForm.addEventListener('submit', (event) => {
    event.preventDefault();
    for (const name of ['fullName', 'email', 'phone', 'contact']) {
      clearFieldError($(`chat-${name}-error`), name === 'contact' ? [field('email'), field('phone')] : [field(name)]);
    }
    hideMessage($('chat-start-error'));
    const profile = {
      fullName: field('fullName').value.trim(),
      email: field('email').value.trim(),
      phone: normalisePhone(field('phone').value),
    };
    const errors = validatePerson(profile);
    const names = Object.keys(errors);
    if (names.length) {
      for (const name of names) {
        const inputs = name === 'contact' ? [field('email'), field('phone')] : [field(name)];
        showFieldError($(`chat-${name}-error`), inputs, errors[name]);
      }
      (names[0] === 'contact' ? field('email') : field(names[0])).focus();
      return;
    }
    start(profile);
  });

  const composer = $('chat-composer');
  const input = $('chat-input');
  input.addEventListener('input', () => clearFieldError($('chat-send-error'), [input]));
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });
  composer.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    if (text.length > LIMITS.message) {
      showFieldError($('chat-send-error'), [input], [{ key: 'err.maxLength', params: { max: LIMITS.message } }]);
      return;
    }
    input.value = '';
    queue(text);
    input.focus();
  });

  $('chat-end').addEventListener('click', () => {
    if (!window.confirm(t('chat.end.confirm'))) return;
    update((s) => Object.assign(s, emptyState(), { open: true }));
    lines.clear();
    echoed.clear();
    inFlight.clear();
    ready = false;
    for (const name of ['fullName', 'email', 'phone']) field(name).value = '';
    if (socket) {
      socket.off();
      socket.disconnect();
      socket = null;
    }
    ensureConnected();
    render();
  });

  // The browser knows it is offline: drop the (possibly half-dead) connection at once so that
  // new messages wait in the outbox, and reconnect as soon as the network is back.
  window.addEventListener('offline', () => {
    if (socket?.connected) socket.io.engine?.close();
    setConn('offline');
  });
  window.addEventListener('online', () => {
    if (socket && !socket.connected) socket.connect();
  });
  // Another tab changed the outbox or ended the chat.
  window.addEventListener('storage', (event) => {
    if (event.key !== STORE_KEY) return;
    if (ready) flush();
    render();
  });

  onLanguageChange(render);

  const state = load();
  if (state.conversationId) ensureConnected();
  if (state.open) openPanel();
  render();
}
