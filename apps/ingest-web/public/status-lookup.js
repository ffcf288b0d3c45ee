// 3. Status lookup: reference + the contact given → GET /api/v1/complaints/status.
import { has, onLanguageChange, setLiteral, setText, t } from './i18n.js';
import {
  clearFieldError,
  fieldProblems,
  formatDate,
  formatDateTime,
  hideMessage,
  normalisePhone,
  showFieldError,
  showMessage,
} from './ui.js';

const ENDPOINT = '/api/v1/complaints/status';

/** Server spellings we have seen or expect, mapped to the keys of our texts. */
const STATUS_ALIASES = {
  new: 'received',
  registered: 'accepted',
  acknowledged: 'accepted',
  reviewing: 'in_review',
  under_review: 'in_review',
  in_progress: 'in_review',
  waiting: 'waiting_for_customer',
  waiting_customer: 'waiting_for_customer',
  awaiting_customer: 'waiting_for_customer',
  waiting_on_customer: 'waiting_for_customer',
  merged_into: 'merged',
};

const $ = (id) => document.getElementById(id);

/** "inReview", "in-review", "complaint.in_review" → "in_review". */
function statusKey(raw) {
  const snake = String(raw)
    .replace(/^complaint\./, '')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .replace(/[\s.-]+/g, '_')
    .toLowerCase();
  return STATUS_ALIASES[snake] ?? snake;
}

function statusLabel(raw) {
  const key = `status.${statusKey(raw)}`;
  return has(key) ? t(key) : String(raw).replace(/[_.]+/g, ' ');
}

function setStatusText(el, raw) {
  const key = `status.${statusKey(raw)}`;
  if (has(key)) setText(el, key);
  else setLiteral(el, statusLabel(raw));
}

function normaliseReference(value) {
  const compact = value.trim().toUpperCase().replace(/\s+/g, '');
  return /^[0-9A-Z]{12}$/.test(compact) ? compact.replace(/(.{4})(.{4})(.{4})/, '$1-$2-$3') : compact;
}

function normaliseContact(value) {
  const v = value.trim();
  return v.includes('@') ? v : normalisePhone(v);
}

export function initStatusLookup() {
  const form = $('st-form');
  const reference = $('st-reference');
  const contact = $('st-contact');
  const submit = $('st-submit');
  const errorBox = $('st-error');
  const resultBox = $('st-result');
  let lastResult = null;
  let busy = false;

  for (const [input, err] of [
    [reference, $('st-reference-error')],
    [contact, $('st-contact-error')],
  ]) {
    input.addEventListener('input', () => clearFieldError(err, [input]));
  }

  onLanguageChange(() => {
    if (lastResult) render(lastResult);
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    clearFieldError($('st-reference-error'), [reference]);
    clearFieldError($('st-contact-error'), [contact]);
    hideMessage(errorBox);

    const ref = normaliseReference(reference.value);
    const who = normaliseContact(contact.value);
    let invalid = null;
    if (!ref) {
      showFieldError($('st-reference-error'), [reference], [{ key: 'err.reference.required' }]);
      invalid = reference;
    }
    if (!who) {
      showFieldError($('st-contact-error'), [contact], [{ key: 'err.lookupContact.required' }]);
      invalid ??= contact;
    }
    if (invalid) {
      invalid.focus();
      return;
    }
    reference.value = ref;

    busy = true;
    submit.disabled = true;
    submit.setAttribute('aria-busy', 'true');
    setText(submit.querySelector('span'), 'st.loading');
    try {
      const query = new URLSearchParams({ reference: ref, contact: who });
      let res;
      try {
        res = await fetch(`${ENDPOINT}?${query}`, { headers: { Accept: 'application/json' } });
      } catch {
        showResultError({ key: 'err.network' });
        return;
      }
      let data = null;
      try {
        data = await res.json();
      } catch {
        data = null;
      }
      if (res.status === 200 && data && typeof data === 'object') {
        lastResult = data;
        render(data);
      } else if (res.status === 404) {
        showResultError({ key: 'st.notFound' });
      } else if (res.status === 429) {
        showResultError({ key: 'err.rateLimited' });
      } else if (res.status === 400) {
        const problems = fieldProblems(data?.errors);
        let shown = false;
        for (const { field, problems: list } of problems) {
          const input = field === 'reference' ? reference : field === 'contact' ? contact : null;
          if (!input) continue;
          showFieldError($(`st-${field}-error`), [input], list.map((text) => ({ text })));
          shown = true;
        }
        if (!shown) showResultError({ key: 'st.notFound' });
      } else {
        showResultError({ key: 'err.generic' });
      }
    } finally {
      busy = false;
      submit.disabled = false;
      submit.removeAttribute('aria-busy');
      setText(submit.querySelector('span'), 'st.submit');
    }
  });

  function showResultError(message) {
    lastResult = null;
    resultBox.hidden = true;
    resultBox.replaceChildren();
    showMessage(errorBox, message);
  }

  function render(data) {
    hideMessage(errorBox);
    const heading = document.createElement('h3');
    heading.className = 'status-result__reference';
    heading.dataset.testid = 'status-result-reference';
    heading.textContent = String(data.reference ?? '');

    const list = document.createElement('dl');
    list.className = 'status-result__facts';
    const row = (labelKey, testid, fill) => {
      const wrap = document.createElement('div');
      const dt = document.createElement('dt');
      setText(dt, labelKey);
      const dd = document.createElement('dd');
      dd.dataset.testid = testid;
      fill(dd);
      wrap.append(dt, dd);
      list.append(wrap);
    };
    row('st.status', 'status-value', (dd) => {
      const badge = document.createElement('span');
      badge.className = `status-badge status-badge--${statusKey(data.status).replace(/[^a-z_]/g, '')}`;
      setStatusText(badge, data.status);
      dd.append(badge);
    });
    if (data.channel) {
      row('st.channel', 'status-channel', (dd) => {
        const key = `channel.${data.channel}`;
        if (has(key)) setText(dd, key);
        else setLiteral(dd, String(data.channel));
      });
    }
    if (data.receivedAt) {
      row('st.receivedAt', 'status-received-at', (dd) => {
        const time = document.createElement('time');
        time.dateTime = data.receivedAt;
        time.textContent = formatDateTime(data.receivedAt);
        dd.append(time);
      });
    }
    if (data.acceptBy) {
      row('st.acceptBy', 'status-accept-by', (dd) => {
        const time = document.createElement('time');
        time.dateTime = data.acceptBy;
        time.textContent = formatDate(data.acceptBy);
        dd.append(time);
      });
    }

    const parts = [heading, list];
    if (Array.isArray(data.history) && data.history.length) {
      const title = document.createElement('h4');
      setText(title, 'st.history');
      const items = document.createElement('ol');
      items.className = 'status-history';
      items.dataset.testid = 'status-history';
      for (const entry of data.history) items.append(historyItem(entry));
      parts.push(title, items);
    }
    resultBox.replaceChildren(...parts);
    resultBox.hidden = false;
  }
}

/** History entries are rendered defensively: a string, or an object with a state and a time. */
function historyItem(entry) {
  const li = document.createElement('li');
  if (typeof entry !== 'object' || entry === null) {
    li.textContent = String(entry);
    return li;
  }
  const at = entry.at ?? entry.occurredAt ?? entry.changedAt ?? entry.timestamp ?? entry.date;
  const state = entry.step ?? entry.status ?? entry.state ?? entry.to ?? entry.type ?? entry.event;
  const note = entry.note ?? entry.reason ?? entry.message ?? entry.text;
  if (at) {
    const time = document.createElement('time');
    time.dateTime = at;
    time.textContent = formatDateTime(at);
    li.append(time);
  }
  if (state) {
    const label = document.createElement('span');
    label.className = 'status-history__state';
    // "notice:complaint.received": a written notice about that step went to the customer.
    const notice = /^notice:(.+)$/.exec(String(state));
    if (notice) setText(label, 'history.notice', { what: statusLabel(notice[1]) });
    else setStatusText(label, state);
    li.append(label);
  }
  if (typeof note === 'string' && note) {
    const p = document.createElement('p');
    p.className = 'status-history__note';
    p.textContent = note;
    li.append(p);
  }
  return li;
}

/** Lets the form fill the lookup after a successful request (only where the fields are empty). */
export function prefillStatusLookup({ reference, contact }) {
  const ref = $('st-reference');
  const who = $('st-contact');
  if (!ref.value) ref.value = reference ?? '';
  if (!who.value) who.value = contact ?? '';
}
