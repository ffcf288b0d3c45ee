import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMPLAINT_EVENT_TYPES, type ComplaintEventType, type ComplaintEventV1, LANGUAGES, type Language } from '@plaint/contracts';
import { COMPLAINT_STATES } from '@plaint/domain';
import { BUNDLED_TEMPLATES_DIR, NOTICE_VALUES, NoticeTemplates } from './notice-templates';
import { renderNotice } from './render-notice';

const EVERY = LANGUAGES.flatMap((language) => COMPLAINT_EVENT_TYPES.map((type) => [language, type] as const));

const REFERENCE = 'K7M4-Q9XD-2PTA';
const SURVIVING = 'B3NW-8HRC-5VJE';

/** The dates of the events below as a customer in Baku reads them. */
const DATES = {
  acceptBy: { iso: '2027-01-07T19:59:59.999Z', az: '7 yanvar 2027', ru: '7 января 2027 г.', en: '7 January 2027' },
  reviewBy: { iso: '2027-01-12T19:59:59.999Z', az: '12 yanvar 2027', ru: '12 января 2027 г.', en: '12 January 2027' },
  previousResolveBy: { iso: '2027-01-15T19:59:59.999Z', az: '15 yanvar 2027', ru: '15 января 2027 г.', en: '15 January 2027' },
  resolveBy: { iso: '2027-01-22T19:59:59.999Z', az: '22 yanvar 2027', ru: '22 января 2027 г.', en: '22 January 2027' },
} as const;

/** Words an agent types, in the customer's language, as they would reach the notifier. */
const AGENT_WORDS = {
  az: { result: 'Soyuducu servisdə yoxlanıldı: kompressor zavod qüsurludur. İstehsalçıdan yenisini sifariş etdik.', reason: 'Məhsul istehsalçıda yoxlanılır', outcome: 'Soyuducunu pulsuz dəyişdiririk.', message: 'Ustamız sabah saat 10-da gələcək.', extra: 'qəbz nömrəsi' },
  ru: { result: 'Холодильник проверен в сервисе: у компрессора заводской дефект. Мы заказали новый у производителя.', reason: 'Товар на проверке у производителя', outcome: 'Мы бесплатно заменим холодильник.', message: 'Наш мастер придёт завтра в 10 часов.', extra: 'номер чека' },
  en: { result: 'The fridge was checked at our service centre: its compressor has a factory defect. We have ordered a new one from the manufacturer.', reason: 'The product is being checked by the manufacturer', outcome: 'We will replace the fridge free of charge.', message: 'Our technician will come tomorrow at 10.', extra: 'receipt number' },
} as const;

/** Each type as core publishes it, with the facts that type carries. */
function realisticEvent(type: ComplaintEventType, language: Language): ComplaintEventV1 {
  const words = AGENT_WORDS[language];
  const event: ComplaintEventV1 = {
    eventId: `e-${type}`,
    type,
    complaintId: type === 'complaint.status-unknown' ? '' : 'c1',
    reference: type === 'complaint.status-unknown' ? '' : REFERENCE,
    occurredAt: '2027-01-05T08:00:00.000Z',
    channel: 'email',
    language,
    customer: { name: 'Leyla Həsənova', email: 'leyla@example.az' },
    deadlines: {},
  };
  switch (type) {
    case 'complaint.received':
      return { ...event, deadlines: { acceptBy: DATES.acceptBy.iso } };
    case 'complaint.accepted':
      return { ...event, deadlines: { reviewBy: DATES.reviewBy.iso, resolveBy: DATES.resolveBy.iso } };
    case 'complaint.details-requested':
      return { ...event, step: { requested: ['fullName', words.extra] } };
    case 'complaint.review-started':
      return { ...event, deadlines: { reviewBy: DATES.reviewBy.iso } };
    case 'complaint.reviewed':
      return { ...event, deadlines: { resolveBy: DATES.resolveBy.iso }, step: { result: words.result } };
    case 'complaint.extended':
      return { ...event, deadlines: { previousResolveBy: DATES.previousResolveBy.iso, resolveBy: DATES.resolveBy.iso }, step: { reason: words.reason } };
    case 'complaint.resolved':
      return { ...event, step: { outcome: words.outcome, oral: false } };
    case 'complaint.closed':
      return event;
    case 'complaint.rejected':
      return { ...event, step: { reason: words.reason } };
    case 'complaint.merged':
      return { ...event, step: { survivingReference: SURVIVING } };
    case 'complaint.reply':
      return { ...event, step: { message: words.message } };
    case 'complaint.status':
      return { ...event, deadlines: { next: DATES.reviewBy.iso }, step: { state: 'in_review' } };
    case 'complaint.status-unknown':
      return { ...event, customer: {} };
    case 'complaint.forward-received':
      return { ...event, customer: { email: 'aysel@kontakt.az' }, step: { customerAcknowledged: true } };
  }
}

/** What each notice must tell the customer, in their language. */
function keyFacts(type: ComplaintEventType, language: Language): string[] {
  const words = AGENT_WORDS[language];
  const date = (field: keyof typeof DATES) => DATES[field][language];
  const fullName = { az: 'tam adınız', ru: 'ФИО', en: 'your full name' }[language];
  const inReview = { az: 'Baxılır', ru: 'На рассмотрении', en: 'Under review' }[language];
  const customer = { az: 'müştəri', ru: 'клиент', en: 'customer' }[language];
  switch (type) {
    case 'complaint.received':
      return [REFERENCE, 'Leyla Həsənova', date('acceptBy')];
    case 'complaint.accepted':
      return [REFERENCE, date('reviewBy'), date('resolveBy')];
    case 'complaint.details-requested':
      return [REFERENCE, fullName, words.extra];
    case 'complaint.review-started':
      return [REFERENCE, date('reviewBy')];
    case 'complaint.reviewed':
      return [REFERENCE, words.result, date('resolveBy')];
    case 'complaint.extended':
      return [REFERENCE, date('previousResolveBy'), date('resolveBy'), words.reason];
    case 'complaint.resolved':
      return [REFERENCE, words.outcome];
    case 'complaint.closed':
      return [REFERENCE];
    case 'complaint.rejected':
      return [REFERENCE, words.reason];
    case 'complaint.merged':
      return [REFERENCE, SURVIVING];
    case 'complaint.reply':
      return [REFERENCE, words.message];
    case 'complaint.status':
      return [REFERENCE, inReview, date('reviewBy')];
    case 'complaint.status-unknown':
      return [customer];
    case 'complaint.forward-received':
      return [REFERENCE, { az: 'təsdiq göndərdik', ru: 'отправили клиенту подтверждение', en: 'sent the customer our acknowledgement' }[language]];
  }
}

describe('NoticeTemplates', () => {
  const templates = new NoticeTemplates();

  it.each(EVERY)('has a %s text for %s that takes every value its event gives', (language, type) => {
    const values = Object.fromEntries(NOTICE_VALUES[type].map((name) => [name, `<${name}>`]));
    const text = templates.render(language, type, values);
    expect(text).not.toMatch(/\{\{/);
    if (type !== 'complaint.status-unknown') expect(text).toContain('<reference>');
  });

  it.each(EVERY)('has a %s e-mail subject for %s', (language, type) => {
    const subject = templates.render(language, type, { reference: REFERENCE }, 'subject');
    expect(subject).not.toMatch(/\{\{|\n/);
    if (type === 'complaint.status-unknown') expect(subject).not.toContain('[');
    else expect(subject).toMatch(/\[K7M4-Q9XD-2PTA\]$/);
  });

  it.each(LANGUAGES)('has %s names for every state and required detail', (language) => {
    const labels = templates.labels(language);
    for (const state of COMPLAINT_STATES) expect(labels.states[state]).toMatch(/\S/);
    expect(Object.keys(labels.details).sort()).toEqual(['contact', 'essence', 'fullName']);
  });

  it.each(EVERY)('writes a %s notice for a real %s event with its key facts', (language, type) => {
    const text = renderNotice(realisticEvent(type, language), templates, 'Asia/Baku');
    for (const fact of keyFacts(type, language)) expect(text).toContain(fact);
    expect(text).not.toMatch(/\{\{|\{[a-zA-Z]+\}/);
    // A Russian date ends in "г.", so a date at the end of a sentence would read "г..".
    expect(text).not.toMatch(/[^.]\.\.(?!\.)/);
  });

  it('refuses to write a review notice without the result, rather than send one that says nothing', () => {
    const event = realisticEvent('complaint.reviewed', 'en');
    expect(() => renderNotice({ ...event, step: {} }, templates, 'Asia/Baku')).toThrow(/complaint\.reviewed event e-complaint\.reviewed gives no step\.result/);
  });

  it('says which placeholder an event cannot fill', () => {
    expect(() => templates.render('en', 'complaint.received', { reference: 'R' })).toThrow(/\{\{name\}\}/);
  });
});

describe("an operator's templates directory", () => {
  let dir: string;

  beforeEach(() => {
    dir = join(mkdtempSync(join(tmpdir(), 'templates-')), 'templates');
    cpSync(BUNDLED_TEMPLATES_DIR, dir, { recursive: true });
  });

  afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  const editLabels = (language: Language, edit: (labels: Record<string, Record<string, string>>) => void) => {
    const file = join(dir, language, 'labels.json');
    const labels = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, string>>;
    edit(labels);
    writeFileSync(file, JSON.stringify(labels));
  };

  it('is used as it is when complete', () => {
    writeFileSync(join(dir, 'en', 'complaint.closed.txt'), 'Closed: {{reference}}.');
    expect(new NoticeTemplates(dir).render('en', 'complaint.closed', { name: 'N', reference: 'R' })).toBe('Closed: R.');
  });

  it('ends a sentence that ends with a date once, in every language, also in a sentence piece', () => {
    for (const language of LANGUAGES) {
      writeFileSync(join(dir, language, 'complaint.review-started.txt'), '{{name}}: {{reference}}, {{reviewBy}}.');
      editLabels(language, (labels) => {
        labels.status!.nextDate = 'Next step by {date}.';
      });
    }
    const edited = new NoticeTemplates(dir);
    const reviewStarted = { ...realisticEvent('complaint.review-started', 'ru'), language: 'ru' as const };
    expect(renderNotice(reviewStarted, edited, 'Asia/Baku')).toBe(`Leyla Həsənova: ${REFERENCE}, 12 января 2027 г.`);
    expect(renderNotice(realisticEvent('complaint.review-started', 'en'), edited, 'Asia/Baku')).toBe(`Leyla Həsənova: ${REFERENCE}, 12 January 2027.`);
    expect(renderNotice(realisticEvent('complaint.status', 'ru'), edited, 'Asia/Baku')).toMatch(/Next step by 12 января 2027 г\.$/);
  });

  it('stops the notifier when a template is missing, naming it', () => {
    rmSync(join(dir, 'ru', 'complaint.extended.txt'));
    expect(() => new NoticeTemplates(dir)).toThrow(/notice templates missing or wrong in .*: ru\/complaint\.extended\.txt$/);
  });

  it('refuses to start with a language missing', () => {
    const bare = mkdtempSync(join(tmpdir(), 'templates-'));
    mkdirSync(join(bare, 'az'));
    writeFileSync(join(bare, 'az', 'complaint.received.txt'), 'x {{reference}}');
    expect(() => new NoticeTemplates(bare)).toThrow(/az\/complaint\.received\.subject\.txt.*az\/labels\.json.*ru\/complaint\.received\.txt/);
    rmSync(bare, { recursive: true, force: true });
  });

  it('stops the notifier when labels.json or one of its words is missing', () => {
    rmSync(join(dir, 'az', 'labels.json'));
    editLabels('ru', (labels) => {
      delete labels.states?.in_review;
      delete labels.details?.essence;
    });
    expect(() => new NoticeTemplates(dir)).toThrow(/az\/labels\.json, ru\/labels\.json: states\.in_review, ru\/labels\.json: details\.essence$/);
  });

  it('stops the notifier when labels.json is not JSON', () => {
    writeFileSync(join(dir, 'en', 'labels.json'), '{ "states": ');
    expect(() => new NoticeTemplates(dir)).toThrow(/en\/labels\.json is not valid JSON/);
  });

  it('stops the notifier when a sentence piece lost the date it must show', () => {
    editLabels('en', (labels) => {
      if (labels.status) labels.status.nextDate = 'We will take the next step soon.';
    });
    expect(() => new NoticeTemplates(dir)).toThrow(/en\/labels\.json: status\.nextDate must use \{date\}/);
  });

  it('stops the notifier when a template uses a value its event never gives', () => {
    writeFileSync(join(dir, 'en', 'complaint.closed.txt'), 'Dear {{name}}, closed by {{resolveBy}}.');
    writeFileSync(join(dir, 'az', 'complaint.accepted.subject.txt'), '{{name}}: qəbul edildi [{{reference}}]');
    expect(() => new NoticeTemplates(dir)).toThrow(
      /az\/complaint\.accepted\.subject\.txt uses \{\{name\}\}, which is not one of: reference.*en\/complaint\.closed\.txt uses \{\{resolveBy\}\}/,
    );
  });
});
