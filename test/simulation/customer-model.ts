import type { Arrival, SimChannel, SimLanguage } from './arrival-model';
import type { Prng } from './prng';

const HOUR = 3_600_000;

/** What the customers write, in their language: long enough for the language to be recognised. */
const ESSENCES: Record<SimLanguage, string[]> = {
  az: [
    'Aldığım soyuducu bir həftədən sonra işləmir, zəhmət olmasa dəyişdirin və ya pulumu qaytarın.',
    'Kuryer sifarişimi vaxtında gətirmədi və heç kim mənə zəng etmədi, bu çox narahatedicidir.',
    'Mağazada satıcı mənə kobud davrandı və qəbzi verməkdən imtina etdi, şikayət edirəm.',
    'Paltaryuyan maşının qapısı sınıq gəldi, qutu da əzilmişdi, dəyişdirilməsini xahiş edirəm.',
  ],
  ru: [
    'Холодильник, купленный неделю назад, не морозит. Прошу заменить его или вернуть деньги.',
    'Курьер не привёз заказ в назначенный день и никто не позвонил, это очень неудобно.',
    'Продавец в магазине был груб и отказался выдать чек, прошу разобраться с этой ситуацией.',
    'Стиральная машина пришла с разбитой дверцей, коробка была помята, прошу замену товара.',
  ],
  en: [
    'The fridge I bought a week ago does not cool at all. Please replace it or refund my money.',
    'The courier did not bring my order on the agreed day and nobody called me about it.',
    'The shop assistant was rude to me and refused to give me a receipt for my purchase.',
    'The washing machine arrived with a broken door and a crushed box, please replace it.',
  ],
};
const NAMES: Record<SimLanguage, [string, string][]> = {
  az: [['Rəşad', 'Məmmədov'], ['Aysel', 'Hüseynova'], ['Elvin', 'Quliyev'], ['Günel', 'Əliyeva'], ['Tural', 'Həsənov']],
  ru: [['Олег', 'Смирнов'], ['Лейла', 'Алиева'], ['Иван', 'Петров'], ['Наталья', 'Кузнецова'], ['Артём', 'Волков']],
  en: [['John', 'Miller'], ['Sarah', 'Collins'], ['David', 'Brown'], ['Emma', 'Wilson'], ['James', 'Taylor']],
};
/** The customer's answer to a request for details. */
export const DETAIL_ANSWERS: Record<SimLanguage, string> = {
  az: 'Qəbz nömrəsi 4471-2209, alış tarixi 12 yanvar.',
  ru: 'Номер чека 4471-2209, дата покупки 12 января.',
  en: 'The receipt number is 4471-2209, bought on 12 January.',
};
/** A status request as the customer types it. */
export const STATUS_WORDS: Record<SimLanguage, string> = { az: 'vəziyyət', ru: 'статус', en: 'status' };

/** Whether a customer of this channel can answer on the complaint's own conversation. */
export const CONVERSATIONAL: ReadonlySet<SimChannel> = new Set<SimChannel>(['chat', 'email', 'telegram']);

export interface PlannedComplaint {
  /** The harness's number for it: what links a planned complaint to the product's reference. */
  n: number;
  at: Date;
  channel: SimChannel;
  language: SimLanguage;
  fullName: string;
  email: string;
  phone: string;
  telegramId: number;
  essence: string;
  /** The agent will need details from the customer during the review. */
  needsDetails: boolean;
  /** Hours the customer takes to answer, or null when they never do. */
  answersAfterHours: number | null;
  /** Business days of work after the review starts before the outcome is ready. */
  workDays: number;
  /** The work outlasts the resolution deadline: the agent extends it. */
  needsExtension: boolean;
  /** When the customer asks for the status. */
  statusAsks: Date[];
}

/** Shares of the customer model; the defaults are a retailer's, tunable per run. */
export const CUSTOMER_SHARES = {
  needsDetails: 0.15,
  neverAnswers: 0.15,
  needsExtension: 0.08,
  asksStatus: 0.2,
};

export function planComplaint(n: number, arrival: Arrival, prng: Prng): PlannedComplaint {
  const { language, channel } = arrival;
  const [first, last] = prng.pick(NAMES[language]);
  const needsDetails = CONVERSATIONAL.has(channel) && prng.chance(CUSTOMER_SHARES.needsDetails);
  const needsExtension = !needsDetails && prng.chance(CUSTOMER_SHARES.needsExtension);
  const asks = prng.chance(CUSTOMER_SHARES.asksStatus) ? prng.integer(1, 2) : 0;
  return {
    n,
    at: arrival.at,
    channel,
    language,
    fullName: `${first} ${last}`,
    email: `customer${n}@example.az`,
    phone: `+99450${String(1_000_000 + n).slice(-7)}`,
    telegramId: 700_000_000 + n,
    essence: prng.pick(ESSENCES[language]),
    needsDetails,
    answersAfterHours: needsDetails && !prng.chance(CUSTOMER_SHARES.neverAnswers) ? prng.integer(2, 72) : null,
    workDays: needsExtension ? prng.integer(9, 14) : prng.next() * 1.5,
    needsExtension,
    statusAsks: Array.from({ length: asks }, () => new Date(arrival.at.getTime() + prng.integer(1, 10 * 24) * HOUR)).sort((a, b) => a.getTime() - b.getTime()),
  };
}
