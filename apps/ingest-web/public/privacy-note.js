// The short privacy note under the forms and in the chat: what is done with the customer's data
// (docs/personal-data.md), and a link to the company's privacy notice when one is configured
// (PLAINT_PRIVACY_URL, given to the page by config.js with the retention period).
import { getLocale, onLanguageChange, setText, t } from './i18n.js';

/** The configured notice: a web URL or a path on this site; anything else is not linked. */
function privacyUrl() {
  const url = typeof window.PLAINT_PRIVACY_URL === 'string' ? window.PLAINT_PRIVACY_URL.trim() : '';
  return /^(https?:\/\/|\/(?![/\\]))\S*$/i.test(url) ? url : '';
}

/** Days personal data are kept after a complaint is closed; null when no period is set. */
function retentionDays() {
  const days = window.PLAINT_RETENTION_DAYS;
  return Number.isInteger(days) && days > 0 ? days : null;
}

function period(days) {
  const form = new Intl.PluralRules(getLocale()).select(days);
  return t(`period.days.${form}`, { n: new Intl.NumberFormat(getLocale()).format(days) });
}

function render(note) {
  const days = retentionDays();
  const text = note.querySelector('.privacy-note__text');
  if (days) setText(text, 'privacy.note.kept', { period: period(days) });
  else setText(text, 'privacy.note');
}

export function initPrivacyNotes() {
  const url = privacyUrl();
  const notes = [...document.querySelectorAll('[data-privacy-note]')];
  for (const note of notes) {
    const text = document.createElement('span');
    text.className = 'privacy-note__text';
    note.replaceChildren(text);
    if (url) {
      const link = document.createElement('a');
      link.href = url;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      link.className = 'privacy-note__link';
      link.dataset.testid = 'privacy-link';
      setText(link, 'privacy.link');
      note.append(' ', link);
    }
    render(note);
  }
  // The period is a number in words of the page language: written again on a switch.
  onLanguageChange(() => notes.forEach(render));
}
