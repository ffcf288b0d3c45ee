// Entry point of the customer page: language switcher, then the three parts.
import { initCallbackForm } from './callback-form.js';
import { initChat } from './chat.js';
import { applyLanguage, getLanguage, onLanguageChange, setLanguage } from './i18n.js';
import { initPrivacyNotes } from './privacy-note.js';
import { initStatusLookup, prefillStatusLookup } from './status-lookup.js';

function initLanguageSwitch() {
  const buttons = document.querySelectorAll('[data-lang]');
  const mark = (lang) => {
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
  };
  for (const b of buttons) b.addEventListener('click', () => setLanguage(b.dataset.lang));
  onLanguageChange(mark);
  mark(getLanguage());
}

function init() {
  initLanguageSwitch();
  initCallbackForm({ onSuccess: prefillStatusLookup });
  initStatusLookup();
  initChat();
  initPrivacyNotes();
  applyLanguage();
  document.documentElement.classList.add('js-ready');
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
