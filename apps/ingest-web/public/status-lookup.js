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
    const next = data.next;
    if (next && typeof next === 'object' && NEXT_KINDS.includes(next.kind) && next.by) {
      row(`st.next.${next.kind}`, 'status-next', (dd) => {
        dd.dataset.kind = next.kind;
        dd.append(timeElement(next.by, formatDate));
      });
    }
    if (Array.isArray(data.waitingFor) && data.waitingFor.length) {
      row('st.waitingFor', 'status-waiting-for', (dd) => {
        const items = document.createElement('ul');
        items.className = 'status-waiting';
        for (const what of data.waitingFor) {
          const li = document.createElement('li');
          setRequested(li, what);
          items.append(li);
        }
        dd.append(items);
      });
    }
    if (data.mergedInto) {
      row('st.mergedInto', 'status-merged-into', (dd) => {
        dd.className = 'status-result__reference-value';
        setLiteral(dd, String(data.mergedInto));
      });
    }
    if (data.channel) {
      row('st.channel', 'status-channel', (dd) => {
        const key = `channel.${data.channel}`;
        if (has(key)) setText(dd, key);
        else setLiteral(dd, String(data.channel));
      });
    }
    if (data.receivedAt) {
      row('st.receivedAt', 'status-received-at', (dd) => dd.append(timeElement(data.receivedAt, formatDateTime)));
    }

    const parts = [heading, list];
    if (Array.isArray(data.history) && data.history.length) {
      const title = document.createElement('h4');
      title.id = 'st-history-title';
      title.className = 'status-history__title';
      setText(title, 'st.history');
      const items = document.createElement('ol');
      items.className = 'status-history';
      items.dataset.testid = 'status-history';
      items.setAttribute('aria-labelledby', title.id);
      for (const entry of data.history) {
        if (entry && typeof entry === 'object') items.append(historyItem(entry));
      }
      parts.push(title, items);
    }
    resultBox.replaceChildren(...parts);
    resultBox.hidden = false;
  }
}

const NEXT_KINDS = ['accept', 'review', 'resolve'];

function timeElement(iso, format) {
  const time = document.createElement('time');
  time.dateTime = String(iso);
  time.textContent = format(iso);
  return time;
}

/** A requested detail: a required-detail key in words, or the agent's own words as given. */
function setRequested(el, what) {
  const key = `detail.${what}`;
  if (has(key)) setText(el, key);
  else setLiteral(el, String(what));
}

function requestedInWords(list) {
  return list.map((what) => (has(`detail.${what}`) ? t(`detail.${what}`) : what)).join(', ');
}

/** A line of the note under a step: a label in the page language, then the server's text as given. */
function labelledNote(labelKey, value, testid) {
  const p = document.createElement('p');
  p.className = 'status-history__note';
  if (testid) p.dataset.testid = testid;
  const label = document.createElement('span');
  label.className = 'status-history__label';
  setText(label, labelKey);
  const text = document.createElement('span');
  setLiteral(text, String(value));
  p.append(label, ' ', text);
  return p;
}

/** A note that is a translated sentence with dates filled in (re-rendered on a language switch). */
function sentenceNote(key, params, testid) {
  const p = document.createElement('p');
  p.className = 'status-history__note';
  if (testid) p.dataset.testid = testid;
  setText(p, key, params);
  return p;
}

/** One step the customer was told of: when, what, and the detail that matters for that step. */
function historyItem(entry) {
  const li = document.createElement('li');
  li.dataset.testid = 'status-step';
  const step = String(entry.step ?? '');
  li.dataset.step = step;
  const details = entry.details && typeof entry.details === 'object' ? entry.details : {};

  if (entry.at) li.append(timeElement(entry.at, formatDateTime));
  const label = document.createElement('span');
  label.className = 'status-history__state';
  label.dataset.testid = 'status-step-name';
  const key = `step.${step}`;
  if (has(key)) setText(label, key);
  else setLiteral(label, statusLabel(step));
  li.append(label);

  const str = (name) => (typeof details[name] === 'string' && details[name] ? details[name] : '');
  switch (step) {
    case 'complaint.received':
      if (str('acceptBy')) li.append(sentenceNote('step.acceptBy', { date: formatDate(str('acceptBy')) }));
      break;
    case 'complaint.accepted':
    case 'complaint.review-started':
      if (str('reviewBy')) li.append(sentenceNote('step.reviewBy', { date: formatDate(str('reviewBy')) }));
      break;
    case 'complaint.extended':
      if (str('resolveBy')) {
        li.append(
          str('previousResolveBy')
            ? sentenceNote(
                'step.newDate.previous',
                { date: formatDate(str('resolveBy')), previous: formatDate(str('previousResolveBy')) },
                'status-step-date',
              )
            : sentenceNote('step.newDate', { date: formatDate(str('resolveBy')) }, 'status-step-date'),
        );
      }
      if (str('reason')) li.append(labelledNote('step.reason', str('reason'), 'status-step-reason'));
      break;
    case 'complaint.reviewed':
      if (str('result')) li.append(labelledNote('step.reviewResult', str('result'), 'status-step-result'));
      if (str('resolveBy')) li.append(sentenceNote('step.resolveBy', { date: formatDate(str('resolveBy')) }, 'status-step-date'));
      break;
    case 'complaint.rejected':
      if (str('reason')) li.append(labelledNote('step.reason', str('reason'), 'status-step-reason'));
      break;
    case 'complaint.resolved':
      if (str('outcome')) li.append(labelledNote('step.outcome', str('outcome'), 'status-step-outcome'));
      break;
    case 'complaint.merged':
      if (str('survivingReference')) li.append(labelledNote('step.survivingReference', str('survivingReference')));
      break;
    case 'complaint.details-requested': {
      const asked = str('requested')
        .split(',')
        .map((what) => what.trim())
        .filter(Boolean);
      if (asked.length) li.append(labelledNote('step.requested', requestedInWords(asked), 'status-step-requested'));
      break;
    }
    default:
      break;
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
