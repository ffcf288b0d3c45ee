/**
 * Bot API Update objects (https://core.telegram.org/bots/api#update) as Telegram sends them to a
 * bot, for tests: private chats, whose id is the user's id.
 */
export interface TelegramCustomer {
  id: number;
  firstName: string;
  lastName?: string;
  username?: string;
  languageCode?: string;
}

let nextUpdateId = 100_000;

function from(customer: TelegramCustomer): Record<string, unknown> {
  return {
    id: customer.id,
    is_bot: false,
    first_name: customer.firstName,
    ...(customer.lastName ? { last_name: customer.lastName } : {}),
    ...(customer.username ? { username: customer.username } : {}),
    ...(customer.languageCode ? { language_code: customer.languageCode } : {}),
  };
}

function message(customer: TelegramCustomer, messageId: number, content: Record<string, unknown>): Record<string, unknown> {
  return {
    message_id: messageId,
    from: from(customer),
    chat: { id: customer.id, first_name: customer.firstName, type: 'private' },
    date: Math.floor(Date.now() / 1000),
    ...content,
  };
}

export function update(content: Record<string, unknown>): Record<string, unknown> & { update_id: number } {
  nextUpdateId += 1;
  return { update_id: nextUpdateId, ...content };
}

export const textUpdate = (customer: TelegramCustomer, messageId: number, text: string) => update({ message: message(customer, messageId, { text }) });

export const commandUpdate = (customer: TelegramCustomer, messageId: number, text: string) =>
  update({ message: message(customer, messageId, { text, entities: [{ offset: 0, length: text.split(' ')[0]?.length ?? 0, type: 'bot_command' }] }) });

export const photoUpdate = (customer: TelegramCustomer, messageId: number, fileId: string, caption: string) =>
  update({
    message: message(customer, messageId, {
      photo: [
        { file_id: `${fileId}-thumb`, file_unique_id: `${fileId}-t`, width: 90, height: 90, file_size: 1200 },
        { file_id: fileId, file_unique_id: `${fileId}-u`, width: 1280, height: 960 },
      ],
      caption,
    }),
  });

export const documentUpdate = (customer: TelegramCustomer, messageId: number, fileId: string, fileName: string, caption: string) =>
  update({ message: message(customer, messageId, { document: { file_id: fileId, file_unique_id: `${fileId}-u`, file_name: fileName, mime_type: 'application/pdf' }, caption }) });

export const voiceUpdate = (customer: TelegramCustomer, messageId: number, fileId: string, caption: string) =>
  update({ message: message(customer, messageId, { voice: { file_id: fileId, file_unique_id: `${fileId}-u`, duration: 4, mime_type: 'audio/ogg' }, caption }) });

export const contactUpdate = (customer: TelegramCustomer, messageId: number, phone: string, userId = customer.id) =>
  update({ message: message(customer, messageId, { contact: { phone_number: phone, first_name: customer.firstName, user_id: userId } }) });

export const stickerUpdate = (customer: TelegramCustomer, messageId: number) =>
  update({
    message: message(customer, messageId, {
      sticker: { file_id: 'sticker-1', file_unique_id: 's1', type: 'regular', width: 512, height: 512, is_animated: false, is_video: false, emoji: '😡' },
    }),
  });

export const editedTextUpdate = (customer: TelegramCustomer, messageId: number, text: string) =>
  update({ edited_message: { ...message(customer, messageId, { text }), edit_date: Math.floor(Date.now() / 1000) + 1 } });

export const groupTextUpdate = (customer: TelegramCustomer, groupId: number, messageId: number, text: string) =>
  update({ message: { ...message(customer, messageId, { text }), chat: { id: groupId, title: 'Neighbours', type: 'group' } } });

export const channelPostUpdate = (channelId: number, messageId: number, text: string) =>
  update({ channel_post: { message_id: messageId, chat: { id: channelId, title: 'Shop news', type: 'channel' }, date: Math.floor(Date.now() / 1000), text } });

export const pollAnswerUpdate = (customer: TelegramCustomer) => update({ poll_answer: { poll_id: 'p1', user: from(customer), option_ids: [0] } });
