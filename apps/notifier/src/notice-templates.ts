import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { COMPLAINT_EVENT_TYPES, LANGUAGES, type ComplaintEventType, type Language } from '@plaint/contracts';

/** The notice texts shipped with Plaint; PLAINT_TEMPLATES_DIR points at an operator's copy. */
export const BUNDLED_TEMPLATES_DIR = join(__dirname, '..', 'templates');

const PLACEHOLDER = /\{\{\s*([a-zA-Z]+)\s*\}\}/g;

/** What a template is for: the notice's text, or the subject line of its e-mail. */
export type TemplatePart = 'text' | 'subject';

const FILE_OF: Record<TemplatePart, (type: ComplaintEventType) => string> = {
  text: (type) => `${type}.txt`,
  subject: (type) => `${type}.subject.txt`,
};

/**
 * Notice templates: text files per language and event, `<dir>/<language>/<event>.txt` and
 * `<event>.subject.txt` (the e-mail subject), with {{placeholders}}. All are read and checked at boot, so a missing or broken template stops the
 * notifier instead of a customer getting no notice.
 */
export class NoticeTemplates {
  private readonly texts = new Map<string, string>();

  constructor(readonly dir: string = BUNDLED_TEMPLATES_DIR) {
    const missing: string[] = [];
    for (const language of LANGUAGES) {
      const files = new Set(safeList(join(dir, language)));
      for (const type of COMPLAINT_EVENT_TYPES) {
        for (const part of ['text', 'subject'] as const) {
          const name = FILE_OF[part](type);
          if (!files.has(name)) {
            missing.push(`${language}/${name}`);
            continue;
          }
          this.texts.set(`${language}/${name}`, readFileSync(join(dir, language, name), 'utf8').trim());
        }
      }
    }
    if (missing.length > 0) throw new Error(`notice templates missing in ${dir}: ${missing.join(', ')}`);
  }

  render(language: Language, type: ComplaintEventType, values: Record<string, string>, part: TemplatePart = 'text'): string {
    const file = `${language}/${FILE_OF[part](type)}`;
    const template = this.texts.get(file);
    if (template === undefined) throw new Error(`no template ${file}`);
    return template.replace(PLACEHOLDER, (_, name: string) => {
      const value = values[name];
      if (value === undefined) throw new Error(`template ${file} uses {{${name}}}, which this event does not give`);
      return value;
    });
  }
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
