import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMPLAINT_EVENT_TYPES, LANGUAGES } from '@plaint/contracts';
import { NoticeTemplates } from './notice-templates';

describe('NoticeTemplates', () => {
  const templates = new NoticeTemplates();

  it.each(LANGUAGES.flatMap((language) => COMPLAINT_EVENT_TYPES.map((type) => [language, type] as const)))(
    'has a %s text for %s that uses the reference',
    (language, type) => {
      const text = templates.render(language, type, { name: 'N', reference: 'ABCD-EFGH-JKMN', acceptBy: 'D' });
      expect(text).toContain('ABCD-EFGH-JKMN');
      expect(text).not.toMatch(/\{\{/);
    },
  );

  it.each(LANGUAGES.flatMap((language) => COMPLAINT_EVENT_TYPES.map((type) => [language, type] as const)))(
    'has a %s e-mail subject for %s with the reference',
    (language, type) => {
      expect(templates.render(language, type, { reference: 'ABCD-EFGH-JKMN' }, 'subject')).toMatch(/ABCD-EFGH-JKMN/);
    },
  );

  it('refuses to start with a language missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'templates-'));
    mkdirSync(join(dir, 'az'));
    writeFileSync(join(dir, 'az', 'complaint.received.txt'), 'x {{reference}}');
    expect(() => new NoticeTemplates(dir)).toThrow(/az\/complaint\.received\.subject\.txt.*ru\/complaint\.received\.txt/);
  });

  it('says which placeholder an event cannot fill', () => {
    expect(() => templates.render('en', 'complaint.received', { reference: 'R' })).toThrow(/\{\{name\}\}/);
  });
});
