// Small helpers shared by the three parts of the page: field errors, validation of contact
// details, ids, date formatting and copying to the clipboard.
import { AZ_MONTHS, AZ_WEEKDAYS, getLanguage, getLocale, setLiteral, setText, TIME_ZONE } from './i18n.js';

/** The server's limits (CallbackRequestDto, ChatStartDto, ChatMessageDto). */
export const LIMITS = { fullName: 300, employeeName: 300, email: 320, phone: 40, message: 5000 };

/** A v4 UUID. crypto.randomUUID exists only in secure contexts, so fall back to getRandomValues. */
export function uuid() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Drops the formatting people type into phone numbers; "00" becomes "+". */
export function normalisePhone(value) {
  const compact = value.trim().replace(/[\s().\-‐-―]/g, '');
  return compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
}

export function looksLikePhone(value) {
  return /^\+?\d{7,15}$/.test(normalisePhone(value));
}

export function looksLikeEmail(value) {
  return /^[^\s@]+@[^\s@]+\.[^\s@.]{2,}$/.test(value.trim());
}

/**
 * Checks name + contact details as both forms and the chat need them.
 * Returns { field: [{ key, params }] } (field "contact" when neither phone nor e-mail is given).
 */
export function validatePerson({ fullName, phone, email }) {
  const errors = {};
  const add = (field, key, params) => (errors[field] ??= []).push({ key, params });
  if (!fullName) add('fullName', 'err.fullName.required');
  else if (fullName.length > LIMITS.fullName) add('fullName', 'err.maxLength', { max: LIMITS.fullName });
  if (!phone && !email) add('contact', 'err.contact.required');
  if (phone && !looksLikePhone(phone)) add('phone', 'err.phone.invalid');
  if (email && (!looksLikeEmail(email) || email.length > LIMITS.email)) add('email', 'err.email.invalid');
  return errors;
}

/**
 * Shows messages in a field's error element and marks the inputs invalid.
 * Each message is { key, params } (translated) or { text } (from the server, shown as given).
 */
export function showFieldError(errorEl, inputs, messages) {
  errorEl.replaceChildren(
    ...messages.map((m) => {
      const span = document.createElement('span');
      span.className = 'field-error__item';
      if (m.key) setText(span, m.key, m.params);
      else setLiteral(span, m.text);
      return span;
    }),
  );
  errorEl.hidden = false;
  for (const input of inputs) input?.setAttribute('aria-invalid', 'true');
}

export function clearFieldError(errorEl, inputs) {
  errorEl.replaceChildren();
  errorEl.hidden = true;
  for (const input of inputs) input?.removeAttribute('aria-invalid');
}

/** A form-level message: translated when key is given, literal otherwise. */
export function showMessage(el, { key, params, text }) {
  const p = document.createElement('p');
  if (key) setText(p, key, params);
  else setLiteral(p, text);
  el.replaceChildren(p);
  el.hidden = false;
}

export function hideMessage(el) {
  el.replaceChildren();
  el.hidden = true;
}

/**
 * Normalises the problems of a 400 answer or a socket error: accepts
 * [{ field, problems: string[] }] (the HTTP contract) and { field: string | string[] }.
 * Returns [{ field, problems: string[] }]; the field is the last path segment ("sender.email" → "email").
 */
export function fieldProblems(errors) {
  const out = [];
  const push = (field, problems) => {
    const list = (Array.isArray(problems) ? problems : [problems]).filter((p) => typeof p === 'string' && p);
    const name = typeof field === 'string' ? field.split('.').pop() : '';
    if (list.length) out.push({ field: name, problems: list });
  };
  if (Array.isArray(errors)) {
    for (const e of errors) {
      if (e && typeof e === 'object') push(e.field ?? e.property ?? '', e.problems ?? e.messages ?? e.message);
    }
  } else if (errors && typeof errors === 'object') {
    for (const [field, problems] of Object.entries(errors)) push(field, problems);
  }
  return out;
}

function toDate(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Calendar fields of d as seen in the company's time zone. */
function zonedParts(d) {
  const parts = {};
  for (const p of new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d)) {
    parts[p.type] = p.value;
  }
  const y = Number(parts.year);
  const m = Number(parts.month);
  const day = Number(parts.day);
  return { y, m, day, time: `${parts.hour}:${parts.minute}`, weekday: new Date(Date.UTC(y, m - 1, day)).getUTCDay() };
}

const intlHasAz = (() => {
  try {
    const probe = new Date(Date.UTC(2020, 0, 15, 12));
    return new Intl.DateTimeFormat('az', { month: 'long', timeZone: 'UTC' }).format(probe) === 'yanvar';
  } catch {
    return false;
  }
})();

/** Format d in the page language and the company's time zone; az is done by hand where Intl cannot. */
function format(d, options, azManual) {
  if (getLanguage() === 'az' && !intlHasAz) return azManual(zonedParts(d));
  return new Intl.DateTimeFormat(getLocale(), { ...options, timeZone: TIME_ZONE }).format(d);
}

const two = (n) => String(n).padStart(2, '0');

/** Date and time in the page language, in the company's time zone. */
export function formatDateTime(iso) {
  const d = toDate(iso);
  if (!d) return String(iso ?? '');
  return format(d, { dateStyle: 'long', timeStyle: 'short' }, (p) => `${p.day} ${AZ_MONTHS[p.m - 1]} ${p.y}, ${p.time}`);
}

/** A date (deadline) with its weekday, in the page language, in the company's time zone. */
export function formatDate(iso) {
  const d = toDate(iso);
  if (!d) return String(iso ?? '');
  return format(
    d,
    { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
    (p) => `${p.day} ${AZ_MONTHS[p.m - 1]} ${p.y}, ${AZ_WEEKDAYS[p.weekday]}`,
  );
}

/** Time only when iso is today (in the company's time zone), otherwise a short date and time. */
export function formatChatTime(iso) {
  const d = toDate(iso);
  if (!d) return '';
  const p = zonedParts(d);
  const now = zonedParts(new Date());
  if (p.y === now.y && p.m === now.m && p.day === now.day) {
    return format(d, { timeStyle: 'short' }, () => p.time);
  }
  return format(
    d,
    { dateStyle: 'short', timeStyle: 'short' },
    () => `${two(p.day)}.${two(p.m)}.${p.y}, ${p.time}`,
  );
}

/** Copies text; falls back to a hidden textarea where the async clipboard is unavailable. */
export async function copyText(text) {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // permission refused or insecure context: try the old way
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'visually-hidden';
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

/** Wires a copy button: copies getText() and reports in statusEl (a role="status" element). */
export function bindCopyButton(button, statusEl, getText) {
  let timer;
  button.addEventListener('click', async () => {
    const ok = await copyText(getText());
    setText(statusEl, ok ? 'copied' : 'copy.failed');
    clearTimeout(timer);
    timer = setTimeout(() => setLiteral(statusEl, ''), 4000);
  });
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
