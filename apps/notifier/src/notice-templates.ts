import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  COMPLAINT_EVENT_TYPES,
  CUSTOMER_SIGN_IN_NOTICE,
  LANGUAGES,
  type Language,
  type REQUIRED_DETAIL_KEYS,
} from '@plaint/contracts';
import type { ComplaintState } from '@plaint/domain';

/** The notice texts shipped with Plaint; PLAINT_TEMPLATES_DIR points at an operator's copy. */
export const BUNDLED_TEMPLATES_DIR = join(__dirname, '..', 'templates');

const PLACEHOLDER = /\{\{\s*([a-zA-Z]+)\s*\}\}/g;
/** Placeholders inside labels.json pieces use single braces, so they cannot clash with a template's. */
const LABEL_PLACEHOLDER = /\{([a-zA-Z]+)\}/g;
/** The same, with the full stop that may follow (see sentenceEnd). */
const FILLED = /\{\{\s*([a-zA-Z]+)\s*\}\}(\.?)/g;
const LABEL_FILLED = /\{([a-zA-Z]+)\}(\.?)/g;

/**
 * A value followed by the sentence's full stop. A value that ends with one itself ends the
 * sentence: a Russian date ends in "г.", an agent's text in its own full stop, and "….." is no
 * better in a notice than on the page.
 */
function sentenceEnd(value: string, stop: string): string {
  return stop !== '' && value.endsWith('.') ? value : value + stop;
}

/** Every kind of notice a customer gets: a step of their complaint, or a sign-in link to their page. */
export const NOTICE_TYPES = [...COMPLAINT_EVENT_TYPES, CUSTOMER_SIGN_IN_NOTICE] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];

/** What a template is for: the notice's text, or the subject line of its e-mail. */
export type TemplatePart = 'text' | 'subject';

const FILE_OF: Record<TemplatePart, (type: NoticeType) => string> = {
  text: (type) => `${type}.txt`,
  subject: (type) => `${type}.subject.txt`,
};

const LABELS_FILE = 'labels.json';

/**
 * The values render-notice gives each event type's text: a template may use these and no
 * others, which is checked at boot so that an edited template cannot fail on a live event.
 */
export const NOTICE_VALUES = {
  'complaint.received': ['name', 'reference', 'acceptBy', 'missing'],
  'complaint.accepted': ['name', 'reference', 'reviewBy', 'resolveBy'],
  'complaint.details-requested': ['name', 'reference', 'requested'],
  'complaint.review-started': ['name', 'reference', 'reviewBy'],
  'complaint.reviewed': ['name', 'reference', 'result', 'resolveBy'],
  'complaint.extended': ['name', 'reference', 'previousResolveBy', 'resolveBy', 'reason'],
  'complaint.resolved': ['name', 'reference', 'outcomeIntro', 'outcome'],
  'complaint.closed': ['name', 'reference'],
  'complaint.rejected': ['name', 'reference', 'reason'],
  'complaint.merged': ['name', 'reference', 'survivingReference', 'mergeNote'],
  'complaint.reply': ['name', 'reference', 'message'],
  'complaint.status': ['name', 'reference', 'state', 'next'],
  'complaint.status-unknown': ['name'],
  'complaint.forward-received': ['reference', 'outcome'],
  /** The link is left as {{link}} in the stored text and filled in as it is sent (sign-in/sign-in-link-text.ts). */
  'customer.sign-in-link': ['link', 'minutes'],
} as const satisfies Record<NoticeType, readonly string[]>;

export type NoticeValues<T extends NoticeType> = Record<(typeof NOTICE_VALUES)[T][number], string>;

/** The e-mail sender renders subjects long after the event, from the stored notice: it has only the reference. */
const SUBJECT_VALUES: readonly string[] = ['reference'];

/** labels.json, per group and key: the {placeholders} each piece must contain (and no others). */
const LABEL_PLACEHOLDERS = {
  states: {
    received: [],
    accepted: [],
    in_review: [],
    waiting_for_customer: [],
    resolved: [],
    closed: [],
    rejected: [],
    withdrawn: [],
    merged: [],
  } satisfies Record<ComplaintState, readonly string[]>,
  details: { fullName: [], contact: [], essence: [] } satisfies Record<(typeof REQUIRED_DETAIL_KEYS)[number], readonly string[]>,
  /** The sentence a status answer ends with: what comes next. */
  status: {
    nextDate: ['date'],
    waitingForAnswer: [],
    waitingForDetails: ['details'],
    mergedInto: ['reference'],
    finished: [],
    noDate: [],
  },
  /** How a resolution notice introduces the outcome: written, or confirming what was said orally. */
  resolved: { written: [], oral: [] },
  /** What a merge notice adds: merged by an agent, or linked by Plaint for looking the same. */
  merged: { byAgent: [], automatic: [] },
  /** What an acknowledgement adds when required details are missing: what we need, and how to send it. */
  received: { missingDetails: ['details'] },
  /** A forward receipt to the employee: the customer was acknowledged, or an agent must find them. */
  forwarded: { customerAcknowledged: [], forAgent: [] },
} as const;

type LabelGroup = keyof typeof LABEL_PLACEHOLDERS;
/** The customer-facing words of one language, from `<dir>/<language>/labels.json`. */
export type NoticeLabels = { [G in LabelGroup]: Record<keyof (typeof LABEL_PLACEHOLDERS)[G], string> };

/**
 * Notice templates: text files per language and event, `<dir>/<language>/<event>.txt` and
 * `<event>.subject.txt` (the e-mail subject), with {{placeholders}}, and `labels.json` with the
 * words the rendered values are made of (state names, required details, sentence pieces). All
 * are read and checked at boot, so a missing or broken template stops the notifier instead of a
 * customer getting no notice.
 */
export class NoticeTemplates {
  private readonly texts = new Map<string, string>();
  private readonly labelsOf = new Map<Language, NoticeLabels>();

  constructor(readonly dir: string = BUNDLED_TEMPLATES_DIR) {
    const problems: string[] = [];
    for (const language of LANGUAGES) {
      const files = new Set(safeList(join(dir, language)));
      for (const type of NOTICE_TYPES) {
        for (const part of ['text', 'subject'] as const) {
          const name = FILE_OF[part](type);
          const file = `${language}/${name}`;
          if (!files.has(name)) {
            problems.push(file);
            continue;
          }
          const text = readFileSync(join(dir, language, name), 'utf8').trim();
          const allowed: readonly string[] = part === 'subject' ? SUBJECT_VALUES : NOTICE_VALUES[type];
          for (const used of placeholdersIn(text, PLACEHOLDER)) {
            if (!allowed.includes(used)) problems.push(`${file} uses {{${used}}}, which is not one of: ${allowed.join(', ')}`);
          }
          this.texts.set(file, text);
        }
      }
      if (!files.has(LABELS_FILE)) {
        problems.push(`${language}/${LABELS_FILE}`);
        continue;
      }
      const labels = readLabels(join(dir, language, LABELS_FILE), `${language}/${LABELS_FILE}`, problems);
      if (labels) this.labelsOf.set(language, labels);
    }
    if (problems.length > 0) throw new Error(`notice templates missing or wrong in ${dir}: ${problems.join(', ')}`);
  }

  render(language: Language, type: NoticeType, values: Record<string, string>, part: TemplatePart = 'text'): string {
    const file = `${language}/${FILE_OF[part](type)}`;
    const template = this.texts.get(file);
    if (template === undefined) throw new Error(`no template ${file}`);
    return template.replace(FILLED, (_, name: string, stop: string) => {
      const value = values[name];
      if (value === undefined) throw new Error(`template ${file} uses {{${name}}}, which this event does not give`);
      return sentenceEnd(value, stop);
    });
  }

  labels(language: Language): NoticeLabels {
    const labels = this.labelsOf.get(language);
    if (!labels) throw new Error(`no ${language}/${LABELS_FILE}`);
    return labels;
  }
}

/** A labels.json piece with its {placeholders} filled; the boot check guarantees which it has. */
export function fillLabel(piece: string, values: Record<string, string>): string {
  return piece.replace(LABEL_FILLED, (whole, name: string, stop: string) => {
    const value = values[name];
    return value === undefined ? whole : sentenceEnd(value, stop);
  });
}

/** Reads one labels.json, adding what is missing or wrong to `problems`. */
function readLabels(path: string, file: string, problems: string[]): NoticeLabels | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    problems.push(`${file} is not valid JSON (${(error as Error).message})`);
    return undefined;
  }
  const before = problems.length;
  const labels: Record<string, Record<string, string>> = {};
  for (const [group, pieces] of Object.entries(LABEL_PLACEHOLDERS)) {
    const given = isRecord(parsed) ? parsed[group] : undefined;
    const read: Record<string, string> = {};
    labels[group] = read;
    for (const [key, needs] of Object.entries(pieces) as [string, readonly string[]][]) {
      const piece = isRecord(given) ? given[key] : undefined;
      if (typeof piece !== 'string' || piece.trim() === '') {
        problems.push(`${file}: ${group}.${key}`);
        continue;
      }
      const used = placeholdersIn(piece, LABEL_PLACEHOLDER);
      const wrong = needs.some((name) => !used.includes(name)) || used.some((name) => !needs.includes(name));
      if (wrong) {
        const expected = needs.length > 0 ? needs.map((name) => `{${name}}`).join(', ') : 'no {placeholders}';
        problems.push(`${file}: ${group}.${key} must use ${expected}`);
      }
      read[key] = piece.trim();
    }
  }
  return problems.length === before ? (labels as NoticeLabels) : undefined;
}

function placeholdersIn(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((match) => match[1] ?? '');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
