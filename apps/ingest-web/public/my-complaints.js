// "My complaints": the customer's own page (docs/my-complaints.md). A customer asks for a
// one-time link by e-mail address or phone number; the link opens this page with #token=…, which
// is exchanged for a session cookie (HttpOnly: this script never sees it). Signed in, the page
// lists every complaint of that contact with its state, next date and steps, and lets the
// customer answer a request for details or ask a question.
import { applyLanguage, getLanguage, has, onLanguageChange, setLanguage, setLiteral, setText, t } from './i18n.js';
import { clearFieldError, formatChatTime, formatDate, formatDateTime, hideMessage, showFieldError, showMessage, uuid } from './ui.js';

const API = '/api/v1/customer';
const REFRESH_AFTER_MS = [1500, 5000];
const $ = (id) => document.getElementById(id);

/** What the page shows now: signed out, or signed in with the server's view of the complaints. */
const state = {
  session: null,
  complaints: [],
  /** Messages sent from here that the server's view does not show yet, by reference. */
  sent: new Map(),
  /** Unsent text and its client id per complaint, kept across re-renders and retries. */
  drafts: new Map(),
};

async function call(method, path, body) {
  const init = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(`${API}${path}`, init);
  } catch {
    return { status: 0, data: null };
  }
  let data = null;
  if (response.status !== 204) {
    try {
      data = await response.json();
    } catch {
      data = null;
    }
  }
  return { status: response.status, data };
}

/** A message for an answer that is not a success. */
function errorKey(status) {
  if (status === 0) return 'my.err.network';
  if (status === 429) return 'my.err.rateLimited';
  return 'my.err.generic';
}

function notify(key, params) {
  showMessage($('mc-notice'), { key, params });
}

// ---- signed out: asking for a link ----------------------------------------------------------

function showSignIn() {
  state.session = null;
  state.complaints = [];
  $('mc-session').hidden = true;
  $('mc-complaints').hidden = true;
  $('mc-list').replaceChildren();
  $('mc-sign-in').hidden = false;
  $('mc-sign-in-form').hidden = false;
  $('mc-sign-in-sent').hidden = true;
}

function looksLikeContact(value) {
  if (value.includes('@')) return /^[^\s@]+@[^\s@]+\.[^\s@.]{2,}$/.test(value);
  return /^\+?\d{7,15}$/.test(value.replace(/[\s().\-‐-―]/g, '').replace(/^00/, '+'));
}

function initSignIn() {
  const form = $('mc-sign-in-form');
  const input = $('mc-contact');
  const fieldError = $('mc-contact-error');
  const formError = $('mc-sign-in-error');
  const submit = $('mc-sign-in-submit');
  let busy = false;

  input.addEventListener('input', () => clearFieldError(fieldError, [input]));
  $('mc-sign-in-again').addEventListener('click', () => {
    $('mc-sign-in-sent').hidden = true;
    form.hidden = false;
    input.focus();
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    clearFieldError(fieldError, [input]);
    hideMessage(formError);
    const contact = input.value.trim();
    if (!contact) {
      showFieldError(fieldError, [input], [{ key: 'my.err.contact.required' }]);
      input.focus();
      return;
    }
    if (!looksLikeContact(contact)) {
      showFieldError(fieldError, [input], [{ key: 'my.err.contact.invalid' }]);
      input.focus();
      return;
    }
    busy = true;
    submit.disabled = true;
    setText(submit.querySelector('span'), 'my.signIn.sending');
    try {
      const { status } = await call('POST', '/sign-in-links', { contact, language: getLanguage() });
      if (status === 202) {
        hideMessage($('mc-notice'));
        form.hidden = true;
        $('mc-sign-in-sent').hidden = false;
        $('mc-sign-in-sent').focus();
      } else if (status === 400) {
        showFieldError(fieldError, [input], [{ key: 'my.err.contact.invalid' }]);
        input.focus();
      } else if (status === 503) {
        showMessage(formError, { key: 'my.err.unavailable' });
      } else {
        showMessage(formError, { key: errorKey(status) });
      }
    } finally {
      busy = false;
      submit.disabled = false;
      setText(submit.querySelector('span'), 'my.signIn.submit');
    }
  });
}

// ---- signing in with the link's token -------------------------------------------------------

/** The token of the link that opened the page; taken out of the address at once, so it stays in no history. */
function takeLinkToken() {
  const match = /^#(?:.*&)?token=([^&]*)/.exec(location.hash);
  if (!match) return null;
  history.replaceState(null, '', `${location.pathname}${location.search}`);
  return match[1];
}

async function openWithToken(token) {
  notify('my.opening');
  const { status } = await call('POST', '/session', { token });
  if (status === 200) {
    hideMessage($('mc-notice'));
    await loadComplaints();
    return;
  }
  showSignIn();
  notify(status === 401 || status === 400 ? 'my.err.link' : errorKey(status));
}

async function loadComplaints() {
  const { status, data } = await call('GET', '/complaints');
  if (status === 200 && data && Array.isArray(data.complaints)) {
    state.session = data.session;
    state.complaints = data.complaints;
    render();
    return true;
  }
  if (status === 401) {
    const wasSignedIn = state.session !== null;
    showSignIn();
    if (wasSignedIn) notify('my.err.sessionEnded');
    return false;
  }
  notify(errorKey(status));
  return false;
}

async function signOut() {
  await call('DELETE', '/session');
  state.drafts.clear();
  state.sent.clear();
  showSignIn();
  notify('my.signedOut');
}

// ---- signed in: the complaints ----------------------------------------------------------------

function render() {
  $('mc-sign-in').hidden = true;
  const session = state.session;
  $('mc-session').hidden = !session;
  if (session) setText($('mc-session-who'), 'my.session', { contact: session.contact, until: formatChatTime(session.expiresAt) });
  $('mc-complaints').hidden = false;
  $('mc-empty').hidden = state.complaints.length > 0;
  $('mc-list').replaceChildren(...byUrgency(state.complaints).map(complaintCard));
}

/** What waits for the customer first, then what is being handled, then what is done; newest first within each. */
function byUrgency(complaints) {
  const rank = (complaint) => (complaint.status === 'waiting_for_customer' ? 0 : complaint.canWrite ? 1 : 2);
  return complaints
    .map((complaint, index) => ({ complaint, index }))
    .sort((a, b) => rank(a.complaint) - rank(b.complaint) || a.index - b.index)
    .map(({ complaint }) => complaint);
}

function label(el, prefix, value) {
  const key = `${prefix}${value}`;
  if (has(key)) setText(el, key);
  else setLiteral(el, String(value).replace(/[_.]+/g, ' '));
}

function timeElement(iso, format) {
  const time = document.createElement('time');
  time.dateTime = String(iso);
  time.textContent = format(iso);
  return time;
}

function el(tag, className, testid) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (testid) node.dataset.testid = testid;
  return node;
}

function requestedWords(list) {
  return list.map((what) => (has(`my.detail.${what}`) ? t(`my.detail.${what}`) : String(what))).join(', ');
}

function complaintCard(complaint) {
  const li = el('li', 'card mc-complaint', 'complaint');
  li.dataset.reference = complaint.reference;
  li.dataset.status = complaint.status;

  const head = el('div', 'mc-complaint__head');
  const reference = el('h3', 'mc-complaint__reference', 'complaint-reference');
  setLiteral(reference, complaint.reference);
  const badge = el('span', `status-badge status-badge--${String(complaint.status).replace(/[^a-z_]/g, '')}`, 'complaint-status');
  label(badge, 'my.status.', complaint.status);
  head.append(reference, badge);

  const facts = el('dl', 'mc-facts');
  const fact = (labelKey, testid, fill) => {
    const wrap = el('div');
    const dt = el('dt');
    setText(dt, labelKey);
    const dd = el('dd', '', testid);
    fill(dd);
    wrap.append(dt, dd);
    facts.append(wrap);
  };
  fact('my.channel', 'complaint-channel', (dd) => label(dd, 'my.channel.', complaint.channel));
  fact('my.receivedAt', 'complaint-received-at', (dd) => dd.append(timeElement(complaint.receivedAt, formatDateTime)));
  if (complaint.next && complaint.next.by) {
    fact(`my.next.${complaint.next.kind}`, 'complaint-next', (dd) => {
      dd.dataset.kind = complaint.next.kind;
      dd.append(timeElement(complaint.next.by, formatDate));
    });
  }
  if (complaint.mergedInto) fact('my.mergedInto', 'complaint-merged-into', (dd) => setLiteral(dd, complaint.mergedInto));

  const parts = [head, facts];
  if (Array.isArray(complaint.waitingFor) && complaint.waitingFor.length > 0) {
    const waiting = el('div', 'mc-waiting', 'complaint-waiting-for');
    const title = el('p', 'mc-waiting__title');
    setText(title, 'my.waitingFor');
    const what = el('p', 'mc-waiting__what');
    setLiteral(what, requestedWords(complaint.waitingFor));
    waiting.append(title, what);
    parts.push(waiting);
  }
  parts.push(historyList(complaint));
  parts.push(complaint.canWrite ? writeForm(complaint) : finishedNote());
  li.append(...parts);
  return li;
}

/** The steps we told the customer of and what they wrote here, oldest first. */
function historyList(complaint) {
  const wrap = el('div', 'mc-history');
  const title = el('h4', 'mc-history__title');
  setText(title, 'my.history');
  const list = el('ol', 'mc-timeline', 'complaint-history');
  const shown = new Set((complaint.messages ?? []).map((m) => m.id));
  const pending = (state.sent.get(complaint.reference) ?? []).filter((m) => !shown.has(m.id));
  const items = [
    ...(complaint.history ?? []).map((step) => ({ at: step.at, step })),
    ...(complaint.messages ?? []).map((message) => ({ at: message.at, message })),
    ...pending.map((message) => ({ at: message.at, message, pending: true })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  for (const item of items) list.append(item.step ? stepItem(item.step) : messageItem(item.message, item.pending));
  wrap.append(title, list);
  return wrap;
}

function note(labelKey, text, testid) {
  const p = el('p', 'mc-timeline__note', testid);
  if (labelKey) {
    const strong = el('span', 'mc-timeline__label');
    setText(strong, labelKey);
    p.append(strong, ' ');
  }
  const value = el('span', 'mc-timeline__text');
  setLiteral(value, text);
  p.append(value);
  return p;
}

function sentence(key, params) {
  const p = el('p', 'mc-timeline__note');
  setText(p, key, params);
  return p;
}

function stepItem(step) {
  const li = el('li', 'mc-timeline__item', 'history-step');
  li.dataset.step = step.step;
  const details = step.details && typeof step.details === 'object' ? step.details : {};
  const str = (name) => (typeof details[name] === 'string' ? details[name] : '');
  li.append(timeElement(step.at, formatDateTime));
  const name = el('span', 'mc-timeline__name', 'history-step-name');
  label(name, 'my.step.', step.step);
  li.append(name);
  switch (step.step) {
    case 'complaint.received':
      if (str('acceptBy')) li.append(sentence('my.note.acceptBy', { date: formatDate(str('acceptBy')) }));
      break;
    case 'complaint.accepted':
    case 'complaint.review-started':
      if (str('reviewBy')) li.append(sentence('my.note.reviewBy', { date: formatDate(str('reviewBy')) }));
      break;
    case 'complaint.extended':
      if (str('resolveBy')) li.append(sentence('my.note.newDate', { date: formatDate(str('resolveBy')) }));
      if (str('reason')) li.append(note('my.note.reason', str('reason')));
      break;
    case 'complaint.reviewed':
      if (str('result')) li.append(note('my.note.reviewResult', str('result'), 'history-review-result'));
      if (str('resolveBy')) li.append(sentence('my.note.resolveBy', { date: formatDate(str('resolveBy')) }));
      break;
    case 'complaint.rejected':
      if (str('reason')) li.append(note('my.note.reason', str('reason')));
      break;
    case 'complaint.resolved':
      if (str('outcome')) li.append(note('my.note.outcome', str('outcome'), 'history-outcome'));
      break;
    case 'complaint.merged':
      if (str('survivingReference')) li.append(note('my.note.survivingReference', str('survivingReference')));
      break;
    case 'complaint.details-requested': {
      const asked = str('requested').split(',').map((what) => what.trim()).filter(Boolean);
      if (asked.length) li.append(note('my.note.requested', requestedWords(asked), 'history-requested'));
      break;
    }
    case 'complaint.reply':
      if (str('message')) li.append(note('', str('message'), 'history-reply'));
      break;
    default:
      break;
  }
  return li;
}

function messageItem(message, pending) {
  const li = el('li', 'mc-timeline__item mc-timeline__item--mine', 'history-message');
  li.append(timeElement(message.at, formatDateTime));
  const name = el('span', 'mc-timeline__name');
  setText(name, pending ? 'my.message.sending' : 'my.message.yours');
  li.append(name, note('', message.text, 'history-message-text'));
  return li;
}

function finishedNote() {
  const p = el('p', 'hint mc-finished', 'complaint-finished');
  setText(p, 'my.finished');
  return p;
}

function writeForm(complaint) {
  const waiting = complaint.status === 'waiting_for_customer';
  const form = el('form', 'form mc-write', 'write-form');
  form.noValidate = true;
  const id = `mc-write-${complaint.reference}`;
  const field = el('div', 'field');
  const labelEl = el('label');
  labelEl.htmlFor = id;
  setText(labelEl, waiting ? 'my.write.answer' : 'my.write.ask');
  const hint = el('p', 'hint');
  hint.id = `${id}-hint`;
  setText(hint, 'my.write.hint');
  const area = el('textarea', '', 'write-text');
  area.id = id;
  area.rows = 3;
  area.maxLength = 5000;
  area.setAttribute('aria-describedby', `${id}-hint ${id}-error`);
  const draft = state.drafts.get(complaint.reference);
  if (draft) area.value = draft.text;
  const error = el('p', 'field-error', 'write-error');
  error.id = `${id}-error`;
  error.hidden = true;
  field.append(labelEl, hint, area, error);
  const submit = el('button', 'button', 'write-submit');
  submit.type = 'submit';
  const submitText = el('span');
  setText(submitText, 'my.write.submit');
  submit.append(submitText);
  form.append(field, submit);

  area.addEventListener('input', () => {
    clearFieldError(error, [area]);
    const kept = state.drafts.get(complaint.reference);
    // A changed text is a new message: it gets a new id when it is sent.
    state.drafts.set(complaint.reference, { text: area.value, clientMessageId: kept && kept.text === area.value ? kept.clientMessageId : null });
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    const text = area.value.trim();
    clearFieldError(error, [area]);
    if (!text) {
      showFieldError(error, [area], [{ key: 'my.err.text.required' }]);
      area.focus();
      return;
    }
    const draft = state.drafts.get(complaint.reference);
    // The same id when the same text is sent again after a failure: it is stored once.
    const clientMessageId = draft?.clientMessageId ?? uuid();
    state.drafts.set(complaint.reference, { text: area.value, clientMessageId });
    submit.disabled = true;
    setText(submitText, 'my.write.sending');
    const { status, data } = await call('POST', `/complaints/${encodeURIComponent(complaint.reference)}/messages`, {
      text,
      clientMessageId,
      language: getLanguage(),
    });
    submit.disabled = false;
    setText(submitText, 'my.write.submit');
    if (status === 202) {
      state.drafts.delete(complaint.reference);
      const list = state.sent.get(complaint.reference) ?? [];
      list.push({ id: data?.messageId ?? clientMessageId, at: new Date().toISOString(), text });
      state.sent.set(complaint.reference, list);
      render();
      notify('my.write.sent', { reference: complaint.reference });
      for (const delay of REFRESH_AFTER_MS) setTimeout(() => void loadComplaints(), delay);
      return;
    }
    if (status === 401) {
      showSignIn();
      notify('my.err.sessionEnded');
      return;
    }
    if (status === 404 || status === 409) {
      notify(status === 404 ? 'my.err.notFound' : 'my.err.finished');
      await loadComplaints();
      return;
    }
    if (status === 400) {
      showFieldError(error, [area], [{ key: data?.errors?.some((e) => e.field === 'text') ? 'my.err.text.invalid' : 'my.err.generic' }]);
      return;
    }
    showFieldError(error, [area], [{ key: errorKey(status) }]);
  });
  return form;
}

// ---- the page ---------------------------------------------------------------------------------

function initLanguageSwitch() {
  const buttons = document.querySelectorAll('[data-lang]');
  const mark = (lang) => {
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
  };
  for (const b of buttons) b.addEventListener('click', () => setLanguage(b.dataset.lang));
  onLanguageChange((lang) => {
    mark(lang);
    document.title = t('my.page.title');
    if (state.session) render();
  });
  mark(getLanguage());
}

async function init() {
  initLanguageSwitch();
  initSignIn();
  $('mc-sign-out').addEventListener('click', () => void signOut());
  applyLanguage();
  document.documentElement.classList.add('js-ready');
  // A link pasted into a tab that already shows the page changes only the fragment.
  window.addEventListener('hashchange', () => {
    const pasted = takeLinkToken();
    if (pasted !== null) void openWithToken(pasted);
  });
  const token = takeLinkToken();
  if (token !== null) await openWithToken(token);
  else await loadComplaints();
  document.documentElement.classList.add('mc-ready');
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void init());
else void init();
