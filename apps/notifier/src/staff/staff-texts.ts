import type { Channel, DeskViewV1 } from '@plaint/contracts';

/**
 * The words of every message to staff, in the three languages agents work in. Kept in one file
 * and small on purpose: a notification says what happened and where the complaint stands; the
 * desk has the rest. Nothing here ever prints the customer's address or phone number: the desk
 * view carries none (docs/agent-channels.md).
 */
export type StaffLanguage = 'az' | 'ru' | 'en';

export const STAFF_LANGUAGES: readonly StaffLanguage[] = ['az', 'ru', 'en'];

/** Where the text goes: its hint on how to answer differs. */
export type StaffTextRoute = 'email' | 'telegram' | 'staff-group';

/** What a message to staff is about. */
export interface StaffTextInput {
  /** An agent event type, a complaint event type, or queue.new. */
  kind: string;
  complaint?: DeskViewV1;
  /** The event's own words: the note, the step, the refusal's reason. */
  text?: string;
  actor?: string;
}

interface Words {
  titles: Record<string, string>;
  other: string;
  customer: string;
  channel: string;
  /** Every channel's name, so a new channel cannot reach staff as a bare code. */
  channels: Record<Channel, string>;
  step: string;
  deadline: string;
  deadlines: Record<'accept' | 'review' | 'resolve', string>;
  lastMessage: string;
  by: string;
  emailHelp: string;
  telegramHelp: string;
  groupHelp: string;
  digest: (count: number) => string;
  digestReply: (reference: string) => string;
  refusedSubject: string;
}

const COMMANDS = '#note, #accept, #review, #reviewed <…>, #details <…>, #extend <YYYY-MM-DD> <…>, #resolve <…>, #close, #assign <username>';
const SLASH_COMMANDS = '/note, /accept, /review, /reviewed <…>, /details <…>, /extend <YYYY-MM-DD> <…>, /resolve <…>, /close, /assign <username>';

const WORDS: Record<StaffLanguage, Words> = {
  en: {
    titles: {
      'queue.new': 'New complaint',
      'customer.message': 'The customer wrote again',
      'complaint.assigned': 'Complaint assigned to you',
      'sla.warning': 'Deadline is near',
      'sla.breach': 'Deadline passed',
      'notice.failed': 'The customer could not be reached',
      'complaint.note': 'Note',
      'complaint.step': 'Step',
      'command.refused': 'Not done',
      'telegram.linked': 'Telegram linked',
      'complaint.received': 'Complaint received',
      'complaint.accepted': 'Accepted',
      'complaint.details-requested': 'Details requested from the customer',
      'complaint.review-started': 'Review started',
      'complaint.reviewed': 'Review finished, result sent to the customer',
      'complaint.extended': 'Deadline extended',
      'complaint.resolved': 'Resolved',
      'complaint.closed': 'Closed',
      'complaint.rejected': 'Rejected',
      'complaint.merged': 'Merged',
      'complaint.reply': 'Answer sent to the customer',
      'complaint.status': 'The customer asked how it stands',
    },
    other: 'Update',
    customer: 'Customer',
    channel: 'Channel',
    channels: {
      email: 'e-mail',
      chat: 'live chat',
      telegram: 'Telegram',
      whatsapp: 'WhatsApp',
      messenger: 'Messenger',
      instagram: 'Instagram',
      web_form: 'website form',
      phone: 'phone',
      complaint_book: 'complaint book',
      consultation: 'video or mobile consultation',
      customer_page: 'the customer’s page on our website',
    },
    step: 'Step',
    deadline: 'Deadline',
    deadlines: { accept: 'to accept', review: 'to review', resolve: 'to resolve' },
    lastMessage: 'Last message',
    by: 'By',
    emailHelp: `To answer, reply to this mail: a plain reply goes to the customer. A first line of ${COMMANDS} does that instead.`,
    telegramHelp: `Reply to this message: plain text goes to the customer; ${SLASH_COMMANDS} (or #…) on the first line does that instead.`,
    groupHelp: `Write in this topic: plain text goes to the customer; ${SLASH_COMMANDS} (or #…) on the first line does that instead.`,
    digest: (count) => `${count} notifications`,
    digestReply: (reference) => `A reply to this digest concerns the first complaint, ${reference}.`,
    refusedSubject: 'Your message was not carried out',
  },
  ru: {
    titles: {
      'queue.new': 'Новая жалоба',
      'customer.message': 'Клиент написал снова',
      'complaint.assigned': 'Жалоба назначена вам',
      'sla.warning': 'Срок подходит',
      'sla.breach': 'Срок пропущен',
      'notice.failed': 'Клиенту не удалось отправить уведомление',
      'complaint.note': 'Заметка',
      'complaint.step': 'Шаг',
      'command.refused': 'Не выполнено',
      'telegram.linked': 'Telegram привязан',
      'complaint.received': 'Жалоба получена',
      'complaint.accepted': 'Принята',
      'complaint.details-requested': 'У клиента запрошены данные',
      'complaint.review-started': 'Начато рассмотрение',
      'complaint.reviewed': 'Рассмотрение завершено, результат отправлен клиенту',
      'complaint.extended': 'Срок продлён',
      'complaint.resolved': 'Решена',
      'complaint.closed': 'Закрыта',
      'complaint.rejected': 'Отклонена',
      'complaint.merged': 'Объединена',
      'complaint.reply': 'Клиенту отправлен ответ',
      'complaint.status': 'Клиент спросил о статусе',
    },
    other: 'Обновление',
    customer: 'Клиент',
    channel: 'Канал',
    channels: {
      email: 'почта',
      chat: 'онлайн-чат',
      telegram: 'Telegram',
      whatsapp: 'WhatsApp',
      messenger: 'Messenger',
      instagram: 'Instagram',
      web_form: 'форма на сайте',
      phone: 'телефон',
      complaint_book: 'книга жалоб',
      consultation: 'видео- или мобильная консультация',
      customer_page: 'личная страница клиента на сайте',
    },
    step: 'Шаг',
    deadline: 'Срок',
    deadlines: { accept: 'принять', review: 'рассмотреть', resolve: 'решить' },
    lastMessage: 'Последнее сообщение',
    by: 'Автор',
    emailHelp: `Чтобы ответить, ответьте на это письмо: обычный ответ уйдёт клиенту. Первая строка ${COMMANDS} выполняет команду.`,
    telegramHelp: `Ответьте на это сообщение: обычный текст уйдёт клиенту; ${SLASH_COMMANDS} (или #…) в первой строке выполняет команду.`,
    groupHelp: `Пишите в этой теме: обычный текст уйдёт клиенту; ${SLASH_COMMANDS} (или #…) в первой строке выполняет команду.`,
    digest: (count) => `Уведомлений: ${count}`,
    digestReply: (reference) => `Ответ на эту сводку относится к первой жалобе, ${reference}.`,
    refusedSubject: 'Ваше сообщение не выполнено',
  },
  az: {
    titles: {
      'queue.new': 'Yeni şikayət',
      'customer.message': 'Müştəri yenidən yazdı',
      'complaint.assigned': 'Şikayət sizə təyin edildi',
      'sla.warning': 'Müddət yaxınlaşır',
      'sla.breach': 'Müddət keçdi',
      'notice.failed': 'Müştəriyə bildiriş çatdırılmadı',
      'complaint.note': 'Qeyd',
      'complaint.step': 'Addım',
      'command.refused': 'Yerinə yetirilmədi',
      'telegram.linked': 'Telegram qoşuldu',
      'complaint.received': 'Şikayət qəbul olundu',
      'complaint.accepted': 'İcraya götürüldü',
      'complaint.details-requested': 'Müştəridən məlumat istənildi',
      'complaint.review-started': 'Baxılmağa başlandı',
      'complaint.reviewed': 'Baxış başa çatdı, nəticə müştəriyə göndərildi',
      'complaint.extended': 'Müddət uzadıldı',
      'complaint.resolved': 'Həll edildi',
      'complaint.closed': 'Bağlandı',
      'complaint.rejected': 'Rədd edildi',
      'complaint.merged': 'Birləşdirildi',
      'complaint.reply': 'Müştəriyə cavab göndərildi',
      'complaint.status': 'Müştəri vəziyyəti soruşdu',
    },
    other: 'Yenilik',
    customer: 'Müştəri',
    channel: 'Kanal',
    channels: {
      email: 'e-poçt',
      chat: 'onlayn çat',
      telegram: 'Telegram',
      whatsapp: 'WhatsApp',
      messenger: 'Messenger',
      instagram: 'Instagram',
      web_form: 'saytdakı forma',
      phone: 'telefon',
      complaint_book: 'şikayət kitabı',
      consultation: 'video və ya mobil konsultasiya',
      customer_page: 'saytda müştərinin şəxsi səhifəsi',
    },
    step: 'Addım',
    deadline: 'Müddət',
    deadlines: { accept: 'qəbul', review: 'baxış', resolve: 'həll' },
    lastMessage: 'Son mesaj',
    by: 'Müəllif',
    emailHelp: `Cavab üçün bu məktuba cavab yazın: adi cavab müştəriyə gedir. Birinci sətirdə ${COMMANDS} əmri icra edir.`,
    telegramHelp: `Bu mesaja cavab yazın: adi mətn müştəriyə gedir; birinci sətirdə ${SLASH_COMMANDS} (və ya #…) əmri icra edir.`,
    groupHelp: `Bu mövzuda yazın: adi mətn müştəriyə gedir; birinci sətirdə ${SLASH_COMMANDS} (və ya #…) əmri icra edir.`,
    digest: (count) => `${count} bildiriş`,
    digestReply: (reference) => `Bu icmala cavab birinci şikayətə aiddir: ${reference}.`,
    refusedSubject: 'Mesajınız yerinə yetirilmədi',
  },
};

const LOCALES: Record<StaffLanguage, string> = { az: 'az-AZ', ru: 'ru-RU', en: 'en-GB' };

export function staffLanguage(value: string | null | undefined, fallback: StaffLanguage): StaffLanguage {
  return STAFF_LANGUAGES.find((language) => language === value) ?? fallback;
}

/** An instant in the company's time zone, with the zone named, in the reader's language. */
export function formatDeadline(iso: string, language: StaffLanguage, timeZone: string): string {
  const when = new Intl.DateTimeFormat(LOCALES[language], { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
  return `${when} (${timeZone})`;
}

export function staffTitle(kind: string, language: StaffLanguage): string {
  const words = WORDS[language];
  return words.titles[kind] ?? words.other;
}

/**
 * Subject and text of one message. The text's first line names the reference: a Telegram reply
 * to it is read as a command about that complaint.
 */
export function renderStaffText(
  input: StaffTextInput,
  route: StaffTextRoute,
  language: StaffLanguage,
  timeZone: string,
): { subject: string; text: string } {
  const words = WORDS[language];
  const title = staffTitle(input.kind, language);
  const desk = input.complaint;
  const lines = [desk ? `${desk.reference} · ${title}` : title];
  if (desk) {
    if (desk.customerName) lines.push(`${words.customer}: ${desk.customerName}`);
    // A stored channel this version does not know (a row newer than the code) is shown as its code.
    lines.push(`${words.channel}: ${(words.channels as Partial<Record<string, string>>)[desk.channel] ?? desk.channel}`, `${words.step}: ${desk.state}`);
    if (desk.dueAt) {
      const which = desk.deadline ? ` (${words.deadlines[desk.deadline]})` : '';
      lines.push(`${words.deadline}${which}: ${formatDeadline(desk.dueAt, language, timeZone)}`);
    }
  }
  if (input.actor) lines.push(`${words.by}: ${input.actor}`);
  const blocks = [lines.join('\n')];
  if (input.text) blocks.push(input.text);
  if (desk?.lastMessage && input.kind !== 'complaint.note') blocks.push(`${words.lastMessage}:\n${desk.lastMessage}`);
  const help = helpFor(input.kind, route, words);
  if (help) blocks.push(help);
  const subject = desk
    ? `${title}${desk.customerName ? ` · ${desk.customerName}` : ''} [${desk.reference}]`
    : input.kind === 'command.refused' ? words.refusedSubject : title;
  return { subject: subject.slice(0, 500), text: blocks.join('\n\n') };
}

/** Several held-back messages to one recipient as one: newest last, each as it would have gone. */
export function renderDigest(
  items: readonly { reference: string | null; text: string }[],
  route: StaffTextRoute,
  language: StaffLanguage,
): { subject: string; text: string } {
  const words = WORDS[language];
  const references = [...new Set(items.map((item) => item.reference).filter((reference): reference is string => reference !== null))];
  const first = references[0];
  // The first line names a reference, so a Telegram reply to the digest still finds a complaint.
  const head = first ? `${first} · ${words.digest(items.length)}` : words.digest(items.length);
  const separator = route === 'email' ? '\n\n----------\n\n' : '\n\n— — —\n\n';
  const blocks = [head];
  if (first && references.length > 1) blocks.push(words.digestReply(first));
  blocks.push(items.map((item) => stripHelp(item.text, route, words)).join(separator));
  const help = route === 'email' ? words.emailHelp : words.telegramHelp;
  return { subject: `${words.digest(items.length)} [${references.join(', ')}]`.slice(0, 500), text: `${blocks.join('\n\n')}\n\n${help}` };
}

function helpFor(kind: string, route: StaffTextRoute, words: Words): string | undefined {
  if (kind === 'command.refused' || kind === 'telegram.linked') return undefined;
  if (route === 'email') return words.emailHelp;
  if (route === 'telegram') return words.telegramHelp;
  // In the group, the topic's first post says it once.
  return kind === 'complaint.received' ? words.groupHelp : undefined;
}

function stripHelp(text: string, route: StaffTextRoute, words: Words): string {
  const help = route === 'email' ? words.emailHelp : words.telegramHelp;
  return text.endsWith(`\n\n${help}`) ? text.slice(0, -help.length - 2) : text;
}
