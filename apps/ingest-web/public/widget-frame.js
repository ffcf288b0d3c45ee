// The chat widget's frame (widget-frame.html), which widget.js puts on other sites
// (docs/chat-widget.md). It is the customer page's own chat: the launcher and the panel are taken
// from index.html and run by chat.js as they are, so the widget reconnects, resends and replays
// the transcript exactly as the page does. What this file adds:
// - the host page's options, from the URL: ?lang= (read by i18n.js) and, in the fragment (never
//   sent to the server), the host page's origin, a colour, a greeting and the required fields;
// - the required fields, checked before chat.js's own check of the start form;
// - the conversation with widget.js: "alive" at once, then the state (open or closed, and the
//   launcher's size) whenever it changes; widget.js asks to open, close and go compact;
// - the chat's storage in the host site's, when the browser refuses this frame its own
//   (widget-storage.js).
import { initChat } from './chat.js';
import { applyLanguage, MESSAGES, setText } from './i18n.js';
import { initPrivacyNotes } from './privacy-note.js';
import { clearFieldError, hideMessage, normalisePhone, showFieldError, validatePerson } from './ui.js';
import { ownStorageWorks, useRelayedStorage } from './widget-storage.js';

/** Room around the launcher inside the frame, for its shadow and its badge (widget.js's FRAME_MARGIN). */
const MARGIN = 8;
const CONTACT_FIELDS = ['email', 'phone'];
/** How long widget.js may take to hand over what it kept of the chat. */
const STORAGE_WAIT_MS = 2000;

// The frame's own texts, added to the page's dictionary so that setText and a language switch
// handle them like every other text.
const TEXTS = {
  az: {
    'widget.err.email.required': 'Zəhmət olmasa, e-poçt ünvanınızı yazın.',
    'widget.err.phone.required': 'Zəhmət olmasa, telefon nömrənizi yazın.',
  },
  ru: {
    'widget.err.email.required': 'Пожалуйста, укажите адрес электронной почты.',
    'widget.err.phone.required': 'Пожалуйста, укажите номер телефона.',
  },
  en: {
    'widget.err.email.required': 'Please enter your e-mail address.',
    'widget.err.phone.required': 'Please enter your phone number.',
  },
};
for (const [lang, texts] of Object.entries(TEXTS)) Object.assign(MESSAGES[lang], texts);

const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------- options

function hostOrigin(value) {
  try {
    const origin = new URL(value).origin;
    return origin === value ? origin : null;
  } catch {
    return null;
  }
}

/** The colour widget.js checked, checked again here (this page can be opened with any fragment). */
function colourRgb(value) {
  if (!value || value.length > 64 || /[;{}<>\\"'!]|\b(var|env|attr|url|calc|image|element)\s*\(/i.test(value)) return null;
  if (!CSS.supports('color', value)) return null;
  const canvas = document.createElement('canvas');
  canvas.width = 1;
  canvas.height = 1;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  context.fillStyle = '#fff';
  context.fillRect(0, 0, 1, 1);
  context.fillStyle = value;
  context.fillRect(0, 0, 1, 1);
  const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
  return [r, g, b];
}

function readOptions() {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const required = (fragment.get('required') ?? '').split(',').filter((name) => CONTACT_FIELDS.includes(name));
  return {
    parentOrigin: hostOrigin(fragment.get('origin') ?? ''),
    color: fragment.get('color') ?? '',
    greeting: (fragment.get('greeting') ?? '').slice(0, 300),
    required: [...new Set(required)],
  };
}

const options = readOptions();

function tell(message) {
  if (!options.parentOrigin || window.parent === window) return;
  window.parent.postMessage({ plaintWidget: 1, ...message }, options.parentOrigin);
}

// ---------------------------------------------------------------- applying them

/** WCAG relative luminance of an sRGB colour. */
function luminance(rgb) {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The host's colour where the page uses its own; text on it white or dark, whichever reads better. */
function applyColour(value) {
  const rgb = colourRgb(value);
  if (!rgb) return;
  const style = document.documentElement.style;
  style.setProperty('--primary', value);
  style.setProperty('--primary-dark', `color-mix(in srgb, ${value} 80%, #000)`);
  style.setProperty('--primary-soft', `color-mix(in srgb, ${value} 12%, #fff)`);
  const l = luminance(rgb);
  const onWhite = 1.05 / (l + 0.05);
  const onDark = (l + 0.05) / (luminance([23, 32, 42]) + 0.05);
  style.setProperty('--widget-on-primary', onWhite >= onDark ? '#fff' : '#17202a');
}

function applyGreeting(text) {
  if (!text) return;
  const p = document.createElement('p');
  p.className = 'widget-greeting';
  p.dataset.testid = 'widget-greeting';
  p.textContent = text;
  $('chat-start').prepend(p);
}

/** Marks the required contact fields; the "phone, e-mail or both" hint no longer says the rule. */
function markRequired(required) {
  if (!required.length) return;
  for (const name of required) {
    const input = $(`chat-${name}`);
    input.required = true;
    input.setAttribute('aria-required', 'true');
    const label = document.querySelector(`label[for="chat-${name}"]`);
    if (!label) continue;
    if (label.dataset.i18n) {
      // The label is translated as a whole, which would drop the star: translate a span in it instead.
      const text = document.createElement('span');
      setText(text, label.dataset.i18n);
      delete label.dataset.i18n;
      label.replaceChildren(text);
    }
    const star = document.createElement('span');
    star.className = 'req';
    star.setAttribute('aria-hidden', 'true');
    star.textContent = '*';
    label.append(' ', star);
  }
  $('chat-contact-hint').hidden = true;
  const note = document.createElement('p');
  note.className = 'required-note';
  setText(note, 'required.note');
  $('chat-start').querySelector('.card__intro')?.after(note);
}

/**
 * The start form's check with the required fields added. It runs before chat.js's own (a
 * capturing listener on the document comes first): when a required field is empty it shows
 * every problem of the form at once, as chat.js would, and stops the submission there.
 */
function checkRequired(required) {
  if (!required.length) return;
  const form = $('chat-start');
  const field = (name) => $(`chat-${name}`);
  document.addEventListener(
    'submit',
    (event) => {
      if (event.target !== form) return;
      const missing = required.filter((name) => !field(name).value.trim());
      if (!missing.length) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      for (const name of ['fullName', ...CONTACT_FIELDS]) clearFieldError($(`chat-${name}-error`), [field(name)]);
      clearFieldError($('chat-contact-error'), CONTACT_FIELDS.map(field));
      hideMessage($('chat-start-error'));
      const errors = validatePerson({
        fullName: field('fullName').value.trim(),
        email: field('email').value.trim(),
        phone: normalisePhone(field('phone').value),
      });
      delete errors.contact; // said better by the required fields' own messages
      for (const name of missing) (errors[name] ??= []).push({ key: `widget.err.${name}.required` });
      for (const [name, messages] of Object.entries(errors)) showFieldError($(`chat-${name}-error`), [field(name)], messages);
      field(['fullName', ...CONTACT_FIELDS].find((name) => errors[name])).focus();
    },
    true,
  );
}

// ---------------------------------------------------------------- talking to widget.js

function reportState() {
  const open = !$('chat-panel').hidden;
  const box = $('chat-launcher').getBoundingClientRect();
  tell({
    type: 'state',
    open,
    width: open ? 0 : Math.ceil(box.width) + 2 * MARGIN,
    height: open ? 0 : Math.ceil(box.height) + 2 * MARGIN,
  });
}

let storageArrived = null; // set while waiting for widget.js's answer to storage-get

function listenToHost() {
  window.addEventListener('message', (event) => {
    if (event.source !== window.parent || event.origin !== options.parentOrigin) return;
    const data = event.data;
    if (!data || typeof data !== 'object' || data.plaintWidget !== 1) return;
    if (data.type === 'storage') {
      storageArrived?.(data.items && typeof data.items === 'object' ? data.items : {});
      return;
    }
    if (!$('chat-panel')) return; // the chat is not in the page yet
    const open = !$('chat-panel').hidden;
    if (data.type === 'open' && !open) $('chat-launcher').click();
    else if (data.type === 'close' && open) $('chat-close').click();
    else if (data.type === 'layout') {
      document.documentElement.classList.toggle('widget-compact', data.compact === true);
      reportState();
    }
  });
}

/** The chat's storage from widget.js, when this frame may not have its own; in memory if no answer comes. */
function storageFromHost() {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      storageArrived = null;
      resolve();
    }, STORAGE_WAIT_MS);
    storageArrived = (items) => {
      clearTimeout(timer);
      storageArrived = null;
      useRelayedStorage(items, (key, value) => tell({ type: 'storage-set', key, value }));
      resolve();
    };
    tell({ type: 'storage-get' });
  });
}

// ---------------------------------------------------------------- start

/** The launcher and the panel of the customer page, moved into this page. */
async function borrowChat() {
  const response = await fetch('index.html', { credentials: 'omit' });
  if (!response.ok) throw new Error(`index.html: ${response.status}`);
  const page = new DOMParser().parseFromString(await response.text(), 'text/html');
  const parts = ['chat-launcher', 'chat-panel'].map((id) => page.getElementById(id));
  if (parts.some((part) => !part)) throw new Error('index.html has no chat');
  document.body.append(...parts.map((part) => document.adoptNode(part)));
}

async function init() {
  tell({ type: 'alive' });
  listenToHost();
  try {
    await Promise.all([borrowChat(), ownStorageWorks() || !options.parentOrigin ? null : storageFromHost()]);
  } catch (error) {
    tell({ type: 'failed' });
    throw error;
  }
  applyColour(options.color);
  applyGreeting(options.greeting);
  markRequired(options.required);
  checkRequired(options.required);
  initChat();
  initPrivacyNotes();
  applyLanguage();
  document.documentElement.classList.add('js-ready');
  new MutationObserver(reportState).observe($('chat-panel'), { attributes: true, attributeFilter: ['hidden'] });
  new ResizeObserver(reportState).observe($('chat-launcher'));
  reportState();
}

void init();
