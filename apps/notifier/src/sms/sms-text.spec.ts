import { concatenationHeader, fitsGsm7, smsText } from './sms-text';

const ucs2 = (buffer: Buffer) => Buffer.from(buffer).swap16().toString('utf16le');

describe('SMS text encoding and splitting', () => {
  it('sends English in the GSM 7-bit alphabet, one septet per character, up to 160 in one message', () => {
    const text = 'A'.repeat(160);
    expect(smsText(text)).toEqual({ encoding: 'gsm7', units: 160, parts: [Buffer.from(text, 'latin1')] });
    expect(smsText('@£$ç').parts[0]).toEqual(Buffer.from([0x00, 0x01, 0x02, 0x09]));
  });

  it('keeps ç, ö and ü in GSM 7-bit, but needs UCS-2 for ə, ı, ş, ğ and Cyrillic', () => {
    expect(fitsGsm7('Çox gözəl')).toBe(false);
    expect(fitsGsm7('Bu gün çox söz: üç')).toBe(true);
    for (const letter of ['ə', 'Ə', 'ı', 'İ', 'ş', 'Ş', 'ğ', 'Ğ', 'ж', 'Ы']) expect(fitsGsm7(`abc ${letter}`)).toBe(false);
    expect(smsText('şikayət').encoding).toBe('ucs2');
  });

  it('counts an extension-table character as two septets, sent as the escape and its code', () => {
    const text = `${'a'.repeat(158)}€`;
    const single = smsText(text);
    expect(single.units).toBe(160);
    expect(single.parts).toHaveLength(1);
    expect([...single.parts[0]!.subarray(158)]).toEqual([0x1b, 0x65]);
    expect(smsText(`${text}a`).parts).toHaveLength(2);
    expect(smsText('[x]').parts[0]).toEqual(Buffer.from([0x1b, 0x3c, 0x78, 0x1b, 0x3e]));
  });

  it('splits GSM text into parts of 153 septets and never between an escape and its character', () => {
    const text = `${'a'.repeat(152)}{${'b'.repeat(10)}`;
    const { parts, units } = smsText(text);
    expect(units).toBe(164);
    expect(parts.map((part) => part.length)).toEqual([152, 12]);
    expect([...parts[1]!.subarray(0, 2)]).toEqual([0x1b, 0x28]);
  });

  it('sends Azerbaijani in UCS-2: 70 characters in one message, else parts of 67', () => {
    const seventy = 'ə'.repeat(70);
    expect(smsText(seventy).parts).toHaveLength(1);
    const text = 'Hörmətli Səbinə, şikayətiniz qəbul üçün qeydə alındı. İstinad nömrəsi: PLT-7K3M-9Q. Şikayətiniz ən gec 5 dekabr tarixinədək qəbul ediləcək.';
    const { encoding, parts } = smsText(text);
    expect(encoding).toBe('ucs2');
    expect(parts.map((part) => part.length / 2)).toEqual([67, 67, text.length - 134]);
    expect(parts.map(ucs2).join('')).toBe(text);
  });

  it('counts a character outside the BMP as two UTF-16 units and never splits the pair', () => {
    const text = `${'ş'.repeat(66)}😀${'ş'.repeat(10)}`;
    const { parts, units } = smsText(text);
    expect(units).toBe(78);
    expect(parts.map((part) => part.length / 2)).toEqual([66, 12]);
    expect(ucs2(parts[1]!).startsWith('😀')).toBe(true);
    expect(smsText(`${'ş'.repeat(68)}😀`).parts).toHaveLength(1);
  });

  it('sends Russian in UCS-2', () => {
    const text = 'Уважаемый клиент, ваша жалоба зарегистрирована.';
    expect(smsText(text)).toMatchObject({ encoding: 'ucs2', units: text.length });
  });

  it('builds the concatenation header with an 8-bit reference', () => {
    expect(concatenationHeader(0x1a7, 3, 2)).toEqual(Buffer.from([0x05, 0x00, 0x03, 0xa7, 0x03, 0x02]));
  });
});
