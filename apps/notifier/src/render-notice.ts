import { type ComplaintEventType, type ComplaintEventV1, REQUIRED_DETAIL_KEYS } from '@plaint/contracts';
import { COMPLAINT_STATES, type ComplaintState, isFinishedState } from '@plaint/domain';
import { fillLabel, type NoticeLabels, type NoticeTemplates, type NoticeValues } from './notice-templates';

type Language = ComplaintEventV1['language'];

const FALLBACK_NAME = { az: 'müştəri', ru: 'клиент', en: 'customer' } as const;
const INTL_LOCALE = { az: 'az-Latn-AZ', ru: 'ru-RU', en: 'en-GB' } as const;

/** A date as the customer reads it: in their language, in the company's time zone. */
export function formatDate(iso: string, language: Language, timeZone: string): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[language], { dateStyle: 'long', timeZone }).format(new Date(iso));
}

/** The written notice for an event, in the complaint's language. */
export function renderNotice(event: ComplaintEventV1, templates: NoticeTemplates, timeZone: string): string {
  // Values may be empty (nothing missing): no dangling space where one was left out.
  return templates.render(event.language, event.type, noticeValues(event, templates.labels(event.language), timeZone)).replace(/[ \t]+$/gmu, '');
}

/**
 * What an event's text is made of, in its language. An event without a fact its type must
 * carry (an extension without its reason) throws: better no notice than a wrong one.
 */
export function noticeValues(event: ComplaintEventV1, labels: NoticeLabels, timeZone: string): Record<string, string> {
  const { language, deadlines } = event;
  const step = event.step ?? {};
  const base = { name: event.customer.name?.trim() || FALLBACK_NAME[language], reference: event.reference };
  const fact = <V>(field: string, value: V | undefined): V => {
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
      throw new Error(`${event.type} event ${event.eventId} gives no ${field}`);
    }
    return value;
  };
  const date = (field: keyof ComplaintEventV1['deadlines']) => formatDate(fact(`deadlines.${field}`, deadlines[field]), language, timeZone);

  switch (event.type) {
    case 'complaint.received':
      return given(event.type, {
        ...base,
        acceptBy: date('acceptBy'),
        missing: step.requested?.length ? fillLabel(labels.received.missingDetails, { details: detailList(step.requested, language, labels) }) : '',
      });
    case 'complaint.accepted':
      return given(event.type, { ...base, reviewBy: date('reviewBy'), resolveBy: date('resolveBy') });
    case 'complaint.details-requested':
      return given(event.type, { ...base, requested: detailList(fact('step.requested', step.requested), language, labels) });
    case 'complaint.review-started':
      return given(event.type, { ...base, reviewBy: date('reviewBy') });
    case 'complaint.reviewed':
      return given(event.type, { ...base, result: fact('step.result', step.result), resolveBy: date('resolveBy') });
    case 'complaint.extended':
      return given(event.type, {
        ...base,
        previousResolveBy: date('previousResolveBy'),
        resolveBy: date('resolveBy'),
        reason: fact('step.reason', step.reason),
      });
    case 'complaint.resolved':
      return given(event.type, {
        ...base,
        outcomeIntro: step.oral === true ? labels.resolved.oral : labels.resolved.written,
        outcome: fact('step.outcome', step.outcome),
      });
    case 'complaint.closed':
      return given(event.type, base);
    case 'complaint.rejected':
      return given(event.type, { ...base, reason: fact('step.reason', step.reason) });
    case 'complaint.merged':
      return given(event.type, {
        ...base,
        survivingReference: fact('step.survivingReference', step.survivingReference),
        mergeNote: step.automatic === true ? labels.merged.automatic : labels.merged.byAgent,
      });
    case 'complaint.reply':
      return given(event.type, { ...base, message: fact('step.message', step.message) });
    case 'complaint.status': {
      const state = fact('step.state', step.state);
      if (!isState(state)) throw new Error(`${event.type} event ${event.eventId} names an unknown state "${state}"`);
      return given(event.type, { ...base, state: labels.states[state], next: nextSentence(event, state, labels, timeZone) });
    }
    case 'complaint.status-unknown':
      return given(event.type, { name: base.name });
    case 'complaint.forward-received':
      return given(event.type, {
        reference: base.reference,
        outcome: step.customerAcknowledged === true ? labels.forwarded.customerAcknowledged : labels.forwarded.forAgent,
      });
  }
}

/** Ties each case to its type's list in NOTICE_VALUES, so the compiler sees every value given. */
function given<T extends ComplaintEventType>(_type: T, values: NoticeValues<T>): Record<string, string> {
  return values;
}

/** Required-detail keys in the customer's words, an agent's own words as written, as one list. */
export function detailList(requested: readonly string[], language: Language, labels: NoticeLabels): string {
  const words = requested.map((item) => (isDetailKey(item) ? labels.details[item] : item.trim())).filter((word) => word !== '');
  return new Intl.ListFormat(INTL_LOCALE[language], { style: 'long', type: 'conjunction' }).format(words);
}

/** A status answer's last sentence: what we wait for, else the next date we are bound by. */
function nextSentence(event: ComplaintEventV1, state: ComplaintState, labels: NoticeLabels, timeZone: string): string {
  const step = event.step ?? {};
  if (state === 'waiting_for_customer') {
    const requested = step.requested ?? [];
    return requested.length > 0
      ? fillLabel(labels.status.waitingForDetails, { details: detailList(requested, event.language, labels) })
      : labels.status.waitingForAnswer;
  }
  if (state === 'merged' && step.survivingReference) return fillLabel(labels.status.mergedInto, { reference: step.survivingReference });
  if (event.deadlines.next) return fillLabel(labels.status.nextDate, { date: formatDate(event.deadlines.next, event.language, timeZone) });
  return isFinishedState(state) ? labels.status.finished : labels.status.noDate;
}

function isState(value: string): value is ComplaintState {
  return (COMPLAINT_STATES as readonly string[]).includes(value);
}

function isDetailKey(value: string): value is (typeof REQUIRED_DETAIL_KEYS)[number] {
  return (REQUIRED_DETAIL_KEYS as readonly string[]).includes(value);
}
