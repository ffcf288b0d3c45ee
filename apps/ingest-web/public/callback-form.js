// 1. The "call me back" form → POST /api/v1/callback-requests.
//
// One Idempotency-Key per submission: it is created when the customer sends and kept until the
// server gives a definite answer, so an automatic retry after a network failure, or the
// customer pressing the button again after one, never creates a second complaint.
import { getLanguage, onLanguageChange, setLiteral, setText } from './i18n.js';
import {
  bindCopyButton,
  clearFieldError,
  fieldProblems,
  formatDate,
  hideMessage,
  LIMITS,
  normalisePhone,
  showFieldError,
  showMessage,
  sleep,
  uuid,
  validatePerson,
} from './ui.js';

const ENDPOINT = '/api/v1/callback-requests';
const RETRY_DELAYS_MS = [1000, 3000];
const REQUEST_TIMEOUT_MS = 20000;
const FIELDS = ['fullName', 'phone', 'email', 'employeeName', 'message'];

let pendingKey = null;
let sending = false;

const $ = (id) => document.getElementById(id);

export function initCallbackForm({ onSuccess } = {}) {
  const form = $('cb-form');
  const success = $('cb-success');
  const input = (name) => $(`cb-${name}`);
  const errorEl = (name) => $(`cb-${name}-error`);
  const formError = $('cb-error');
  const submit = $('cb-submit');

  const contactInputs = [input('phone'), input('email')];
  const inputsOf = (field) => (field === 'contact' ? contactInputs : [input(field)]);

  for (const name of FIELDS) {
    input(name).addEventListener('input', () => {
      clearFieldError(errorEl(name), [input(name)]);
      if (name === 'phone' || name === 'email') clearFieldError(errorEl('contact'), contactInputs);
    });
  }

  bindCopyButton($('cb-copy'), $('cb-copy-status'), () => $('cb-reference').textContent);

  // What the customer was told last; the dates in it are written again on a language switch.
  let promise = null;
  onLanguageChange(() => {
    if (promise && !success.hidden) showPromise(promise);
  });

  $('cb-another').addEventListener('click', () => {
    input('message').value = '';
    input('employeeName').value = '';
    success.hidden = true;
    form.hidden = false;
    input('message').focus();
  });

  function clearAll() {
    for (const name of [...FIELDS, 'contact']) clearFieldError(errorEl(name), inputsOf(name));
    hideMessage(formError);
  }

  /** errors: { field: [{ key, params } | { text }] }; unknown fields go to the form-level box. */
  function showErrors(errors, formLevel) {
    let first = null;
    const loose = [];
    for (const [field, messages] of Object.entries(errors)) {
      if (field === 'contact' || FIELDS.includes(field)) {
        showFieldError(errorEl(field), inputsOf(field), messages);
        first ??= inputsOf(field)[0];
      } else {
        loose.push(...messages);
      }
    }
    if (loose.length) {
      formError.replaceChildren(
        ...loose.map((m) => {
          const p = document.createElement('p');
          if (m.key) setText(p, m.key, m.params);
          else setLiteral(p, m.text);
          return p;
        }),
      );
      formError.hidden = false;
    } else if (formLevel) {
      showMessage(formError, formLevel);
    }
    first?.focus();
  }

  function setSending(on) {
    sending = on;
    submit.disabled = on;
    submit.setAttribute('aria-busy', String(on));
    setText(submit.querySelector('span'), on ? 'cb.sending' : 'cb.submit');
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (sending) return;
    clearAll();

    const values = {
      fullName: input('fullName').value.trim(),
      phone: normalisePhone(input('phone').value),
      email: input('email').value.trim(),
      employeeName: input('employeeName').value.trim(),
      message: input('message').value.trim(),
    };
    const errors = validatePerson(values);
    if (!values.message) (errors.message ??= []).push({ key: 'err.message.required' });
    else if (values.message.length > LIMITS.message)
      (errors.message ??= []).push({ key: 'err.maxLength', params: { max: LIMITS.message } });
    if (values.employeeName.length > LIMITS.employeeName)
      (errors.employeeName ??= []).push({ key: 'err.maxLength', params: { max: LIMITS.employeeName } });
    if (Object.keys(errors).length) {
      showErrors(errors, { key: 'err.fixFields' });
      return;
    }

    const body = { fullName: values.fullName, message: values.message, language: getLanguage() };
    if (values.phone) body.phone = values.phone;
    if (values.email) body.email = values.email;
    if (values.employeeName) body.employeeName = values.employeeName;

    pendingKey ??= uuid();
    setSending(true);
    try {
      const outcome = await send(JSON.stringify(body), pendingKey);
      handle(outcome, values);
    } finally {
      setSending(false);
    }
  });

  function handle(outcome, values) {
    const { status, data } = outcome;
    if (outcome.network) {
      showMessage(formError, { key: 'err.network' }); // key kept: the next press reuses it
      return;
    }
    if (status >= 200 && status < 300 && data && typeof data.reference === 'string') {
      pendingKey = null;
      $('cb-reference').textContent = data.reference;
      $('cb-copy-status').textContent = '';
      // The number as the customer wrote it is the one they recognise.
      const phone = values.phone ? input('phone').value.trim() : '';
      promise = { callBy: isoOrNull(data.callBy), acceptBy: isoOrNull(data.acceptBy), phone, email: values.email };
      showPromise(promise);
      form.hidden = true;
      success.hidden = false;
      success.focus();
      onSuccess?.({ reference: data.reference, contact: values.email || values.phone });
      return;
    }
    if (status === 400) {
      pendingKey = null;
      const errors = {};
      for (const { field, problems } of fieldProblems(data?.errors)) {
        const key = ['phoneOrEmail', 'contacts'].includes(field) ? 'contact' : field || 'form';
        (errors[key] ??= []).push(...problems.map((text) => ({ text })));
      }
      if (Object.keys(errors).length) showErrors(errors, { key: 'err.fixFields' });
      else showMessage(formError, typeof data?.message === 'string' ? { text: data.message } : { key: 'err.fixFields' });
      return;
    }
    if (status === 413) {
      pendingKey = null;
      showErrors({ message: [{ key: 'err.tooLong' }] });
      showMessage(formError, { key: 'err.tooLong' });
      return;
    }
    if (status === 429) {
      showMessage(formError, { key: 'err.rateLimited' });
      return;
    }
    // Anything else: keep what the customer typed. A 4xx other than a timeout/conflict is a
    // definite "no", so the next press is a new submission; after a 5xx the key is kept.
    if (status >= 400 && status < 500 && ![408, 409, 425].includes(status)) pendingKey = null;
    showMessage(formError, { key: 'err.generic' });
  }
}

const isoOrNull = (value) => (typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? value : null);

/**
 * When the customer hears from us, as the server's answer says: the latest day of the call
 * (the acceptance deadline), or, without a phone number, that the answer comes in writing; and
 * the acceptance date. An answer without dates keeps the policy's general promise.
 */
function showPromise({ callBy, acceptBy, phone, email }) {
  const call = $('cb-call-note');
  if (callBy && phone) {
    setText(call, 'cb.success.callBy', { phone, date: formatDate(callBy) });
    call.hidden = false;
  } else if (acceptBy && !phone && email) {
    setText(call, 'cb.success.noCall', { email });
    call.hidden = false;
  } else {
    setLiteral(call, '');
    call.hidden = true;
  }
  const accept = $('cb-accept-note');
  if (acceptBy) setText(accept, 'cb.success.acceptBy', { date: formatDate(acceptBy) });
  else setText(accept, 'cb.success.accept');
}

/** POST with the same Idempotency-Key, retried on network failure and gateway errors. */
async function send(body, key) {
  let last = { network: true };
  for (let attempt = 0; attempt <= RETRY_DELAYS_MS.length; attempt++) {
    if (attempt > 0) await sleep(RETRY_DELAYS_MS[attempt - 1]);
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS);
    try {
      const res = await fetch(ENDPOINT, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': key },
        body,
        signal: abort.signal,
      });
      let data = null;
      try {
        data = await res.json();
      } catch {
        data = null;
      }
      last = { status: res.status, data };
      if (![502, 503, 504].includes(res.status)) return last;
    } catch {
      last = { network: true };
    } finally {
      clearTimeout(timer);
    }
  }
  return last;
}
