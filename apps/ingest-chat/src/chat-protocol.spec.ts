import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ChatMessageDto, plainlyValidMessage } from './chat-protocol';

/** What the full validation makes of a payload: the DTO, or undefined when it refuses it. */
function fullyValidated(body: object): ChatMessageDto | undefined {
  const instance = plainToInstance(ChatMessageDto, body);
  return validateSync(instance, { whitelist: true, forbidNonWhitelisted: true }).length === 0 ? instance : undefined;
}

describe('the chat message checked by hand', () => {
  it('takes an everyday message as the full validation does, text cleaned', () => {
    const body = { clientMessageId: 'c0ffee-42_abcdef', text: '  The parcel \u0007came\ud800 open.  ' };
    expect(plainlyValidMessage(body)).toEqual(fullyValidated(body));
    expect(plainlyValidMessage(body)).toEqual({ clientMessageId: 'c0ffee-42_abcdef', text: 'The parcel came\ufffd open.' });
    expect(plainlyValidMessage(body)).toBeInstanceOf(ChatMessageDto);
  });

  const id = 'abcdefgh';
  it.each([
    ['a missing text', { clientMessageId: id }],
    ['a missing id', { text: 'Hello' }],
    ['an extra field', { clientMessageId: id, text: 'Hello', admin: true }],
    ['an id too short', { clientMessageId: 'abc', text: 'Hello' }],
    ['an id with a space', { clientMessageId: 'abcd efgh', text: 'Hello' }],
    ['an id that is a number', { clientMessageId: 12345678, text: 'Hello' }],
    ['a text of only spaces and controls', { clientMessageId: id, text: ' \u0000\t ' }],
    ['a text that is an object', { clientMessageId: id, text: { $gt: '' } }],
    ['a text over 5000 characters', { clientMessageId: id, text: 'x'.repeat(5001) }],
  ])('leaves %s to the full validation, which refuses it', (_, body) => {
    expect(plainlyValidMessage(body)).toBeUndefined();
    expect(fullyValidated(body)).toBeUndefined();
  });

  it('leaves a long text of surrogate pairs to the full validation, which counts each pair as one character', () => {
    const body = { clientMessageId: id, text: '😀'.repeat(3000) };
    expect(plainlyValidMessage(body)).toBeUndefined();
    expect(fullyValidated(body)).toEqual({ clientMessageId: id, text: body.text });
  });

  it('leaves anything but one object to the full validation', () => {
    for (const body of [null, 'text', 42, [{ clientMessageId: id, text: 'Hello' }]]) expect(plainlyValidMessage(body)).toBeUndefined();
  });
});
