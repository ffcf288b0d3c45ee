import type { Language } from '@plaint/contracts';
import type { DirectReply } from './read-update';

/** What the bot answers by itself, in the customer's language: no complaint is involved. */
const TEXTS: Record<DirectReply, Record<Language, string>> = {
  greeting: {
    az: 'Salam! Bu, müştəri xidmətidir. Şikayətinizi burada öz sözlərinizlə yazın, şəkil də əlavə edə bilərsiniz; cavabı bu söhbətdə alacaqsınız. Şikayətinizin vəziyyətini soruşmaq üçün /status yazın.',
    ru: 'Здравствуйте! Это служба поддержки клиентов. Опишите здесь свою жалобу своими словами, можно приложить фото; ответ придёт в этот чат. Чтобы узнать состояние жалобы, отправьте /status.',
    en: 'Hello! This is customer care. Write your complaint here in your own words, with photos if you have them; the answer comes to this chat. To ask how your complaint stands, send /status.',
  },
  'ask-for-words': {
    az: 'Təəssüf ki, bunu oxuya bilmirik. Zəhmət olmasa, nə baş verdiyini sözlərlə yazın.',
    ru: 'К сожалению, мы не можем это прочитать. Пожалуйста, напишите словами, что случилось.',
    en: 'Sorry, we cannot read this. Please write in words what happened.',
  },
};

export function directReplyText(reply: DirectReply, language: Language): string {
  return TEXTS[reply][language];
}
