import {
  channelPostUpdate,
  commandUpdate,
  contactUpdate,
  documentUpdate,
  editedTextUpdate,
  groupTextUpdate,
  photoUpdate,
  pollAnswerUpdate,
  stickerUpdate,
  textUpdate,
  voiceUpdate,
} from '../../../../test/support/telegram-updates';
import { readUpdate } from './read-update';

const leyla = { id: 501, firstName: 'Leyla', lastName: 'Aliyeva', username: 'leyla_a', languageCode: 'az' };

describe('readUpdate', () => {
  it('reads a text message of a private chat as the customer’s message, with their verified Telegram id', () => {
    const reading = readUpdate('shop', textUpdate(leyla, 7, '  Soyuducu işləmir.  '));
    expect(reading).toEqual({
      kind: 'message',
      message: expect.objectContaining({
        chat: 'shop:501',
        externalId: 'shop:501:7',
        sender: { platformId: '501', name: 'Leyla Aliyeva', username: 'leyla_a' },
        language: 'az',
        text: 'Soyuducu işləmir.',
        files: [],
      }),
    });
  });

  it('takes a caption as the text and names the largest photo, a document and a voice message to fetch', () => {
    const photo = readUpdate('shop', photoUpdate(leyla, 8, 'ph1', 'The box was torn'));
    expect(photo.kind === 'message' && photo.message).toMatchObject({ text: 'The box was torn', files: [{ fileId: 'ph1', contentType: 'image/jpeg' }] });
    const document = readUpdate('shop', documentUpdate(leyla, 9, 'doc1', 'receipt.pdf', 'My receipt'));
    expect(document.kind === 'message' && document.message.files).toEqual([{ fileId: 'doc1', filename: 'receipt.pdf', contentType: 'application/pdf', size: undefined }]);
    const voice = readUpdate('shop', voiceUpdate(leyla, 10, 'v1', 'Listen'));
    expect(voice.kind === 'message' && voice.message.files[0]).toMatchObject({ fileId: 'v1', contentType: 'audio/ogg' });
  });

  it('greets on /start, and asks for words for a sticker, in the user’s language or none', () => {
    expect(readUpdate('shop', commandUpdate(leyla, 1, '/start'))).toEqual({ kind: 'reply', bot: 'shop', chatId: '501', reply: 'greeting', language: 'az' });
    const german = { ...leyla, languageCode: 'de' };
    expect(readUpdate('shop', stickerUpdate(german, 2))).toEqual({ kind: 'reply', bot: 'shop', chatId: '501', reply: 'ask-for-words', language: undefined });
    expect(readUpdate('shop', commandUpdate({ ...leyla, languageCode: 'ru-RU' }, 3, '/start hello'))).toMatchObject({ reply: 'greeting', language: 'ru' });
    expect(readUpdate('shop', commandUpdate(leyla, 4, '/help@plaint_test_bot'))).toMatchObject({ reply: 'greeting' });
    const status = readUpdate('shop', commandUpdate(leyla, 5, '/status'));
    expect(status.kind === 'message' && status.message.text).toBe('/status');
  });

  it('turns a /start deep link with a reference into a status request for it', () => {
    const reading = readUpdate('shop', commandUpdate(leyla, 4, '/start 7k3m-2p9q-x4hb'));
    expect(reading.kind === 'message' && reading.message.text).toBe('/status 7K3M-2P9Q-X4HB');
  });

  it('passes /signin, and the t.me/<bot>?start=signin deep link, on to core as a request for a sign-in link', () => {
    for (const text of ['/signin', '/signin@plaint_test_bot', '/start signin']) {
      const reading = readUpdate('shop', commandUpdate(leyla, 7, text));
      expect(reading.kind === 'message' && reading.message.text).toBe(text === '/start signin' ? '/signin' : text);
    }
  });

  it('takes the phone number from the customer’s own shared contact only', () => {
    const own = readUpdate('shop', contactUpdate(leyla, 5, '994501234567'));
    expect(own.kind === 'message' && own.message.sender.phone).toBe('+994501234567');
    expect(readUpdate('shop', contactUpdate(leyla, 6, '994507654321', 999))).toMatchObject({ kind: 'reply', reply: 'ask-for-words' });
  });

  it('reads an edit as a change of the original message, under an id of its own', () => {
    const reading = readUpdate('shop', editedTextUpdate(leyla, 7, 'Soyuducu və dondurucu işləmir.'));
    expect(reading.kind === 'message' && reading.message).toMatchObject({ editOf: 'shop:501:7', externalId: expect.stringMatching(/^shop:501:7:edit:\d+$/), text: 'Soyuducu və dondurucu işləmir.' });
  });

  it('ignores group chats, channel posts and update kinds it does not read', () => {
    expect(readUpdate('shop', groupTextUpdate(leyla, -100, 1, 'hi all'))).toEqual({ kind: 'ignore', why: 'a group chat' });
    expect(readUpdate('shop', channelPostUpdate(-200, 1, 'news'))).toMatchObject({ kind: 'ignore' });
    expect(readUpdate('shop', pollAnswerUpdate(leyla))).toEqual({ kind: 'ignore', why: 'update of kind poll_answer' });
    expect(readUpdate('shop', { update_id: 1, message: { nonsense: true } })).toMatchObject({ kind: 'ignore' });
  });
});
