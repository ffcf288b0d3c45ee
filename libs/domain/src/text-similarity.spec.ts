import { findNearDuplicate, textSimilarity } from './text-similarity';

const LATE_DELIVERY =
  'I ordered a Samsung washing machine on 3 March, order 48213, and paid in full. The delivery was promised ' +
  'for 7 March but nobody came and the call centre keeps telling me to wait. Please deliver it or refund me.';

const BROKEN_FRIDGE =
  'The Bosch fridge I bought in your Ganjlik store two weeks ago, order 47790, stopped cooling after five days. ' +
  'The technician has not come although I called three times. I want it repaired or replaced.';

const RU_LATE_DELIVERY =
  'Здравствуйте! Я заказал стиральную машину Samsung 3 марта, заказ 48213, и полностью оплатил. Доставку обещали ' +
  'на 7 марта, но никто не приехал, а колл-центр просит ждать. Прошу доставить или вернуть деньги.';

const AZ_LATE_DELIVERY =
  'Salam. Martın 3-də Samsung paltaryuyan maşın sifariş etdim, sifariş 48213, pulunu tam ödədim. Çatdırılma ' +
  'martın 7-nə vəd olunmuşdu, amma heç kim gəlmədi, zəng mərkəzi isə gözləməyi deyir. Xahiş edirəm çatdırın ' +
  'və ya pulumu qaytarın.';

describe('textSimilarity', () => {
  it('gives 1 for the same text', () => {
    expect(textSimilarity(LATE_DELIVERY, LATE_DELIVERY)).toBe(1);
  });

  it('scores the same complaint re-sent with another greeting and sign-off as near-identical', () => {
    const again = `Good afternoon, ${LATE_DELIVERY} Regards, Rashad`;
    expect(textSimilarity(`Hello. ${LATE_DELIVERY}`, again)).toBeGreaterThanOrEqual(0.8);
  });

  it('ignores punctuation, case and spacing', () => {
    const shouted = LATE_DELIVERY.toUpperCase().replace(/[.,]/g, ' !!! ').replace(/ /g, '   ');
    expect(textSimilarity(LATE_DELIVERY, shouted)).toBe(1);
  });

  it('scores a different complaint of the same customer below the threshold', () => {
    expect(textSimilarity(LATE_DELIVERY, BROKEN_FRIDGE)).toBeLessThan(0.8);
    // Same wording, another order: the number is part of the text.
    expect(textSimilarity(LATE_DELIVERY, LATE_DELIVERY.replace('48213', '51007'))).toBeLessThan(1);
  });

  it('does not count a short text contained in a long one as near-identical', () => {
    const short = 'nobody came and the call centre keeps telling me to wait';
    expect(textSimilarity(short, LATE_DELIVERY)).toBeLessThan(0.5);
    expect(textSimilarity(LATE_DELIVERY, short)).toBe(textSimilarity(short, LATE_DELIVERY));
  });

  it('works for Russian: greeting, case and ё/е differences', () => {
    const again = RU_LATE_DELIVERY.replace('Здравствуйте!', 'Добрый день,').toLowerCase().replace('ждать', 'ждать!!!');
    expect(textSimilarity(RU_LATE_DELIVERY, again)).toBeGreaterThanOrEqual(0.8);
    expect(textSimilarity('Ещё не доставили заказ', 'ЕЩЕ НЕ ДОСТАВИЛИ ЗАКАЗ')).toBe(1);
    const otherComplaint = 'Здравствуйте! Холодильник Bosch, заказ 47790, перестал морозить через пять дней. Мастер так и не пришёл.';
    expect(textSimilarity(RU_LATE_DELIVERY, otherComplaint)).toBeLessThan(0.8);
  });

  it('works for Azerbaijani: capitals İ/I, and letters typed without ə ğ ı ö ü ş ç', () => {
    expect(textSimilarity(AZ_LATE_DELIVERY, AZ_LATE_DELIVERY.toUpperCase())).toBe(1);
    expect(textSimilarity('QIZIM İŞLƏYİR', 'qızım işləyir')).toBe(1);
    const latinKeyboard = AZ_LATE_DELIVERY.replace('Salam.', 'Salam, hormetli komanda.')
      .replace(/ə/g, 'e')
      .replace(/ı/g, 'i')
      .replace(/ş/g, 's')
      .replace(/ç/g, 'c')
      .replace(/ğ/g, 'g')
      .replace(/ö/g, 'o')
      .replace(/ü/g, 'u');
    expect(textSimilarity(AZ_LATE_DELIVERY, latinKeyboard)).toBeGreaterThanOrEqual(0.8);
    const otherComplaint = 'Salam. Gənclik mağazasından aldığım Bosch soyuducu, sifariş 47790, beş gündən sonra soyutmur. Usta gəlmədi.';
    expect(textSimilarity(AZ_LATE_DELIVERY, otherComplaint)).toBeLessThan(0.8);
  });

  it('keeps non-Latin letters instead of stripping them as punctuation', () => {
    expect(textSimilarity('заказ не доставлен вовремя', 'счёт выставлен дважды сегодня')).toBe(0);
    expect(textSimilarity('şikayət qəbul edilmədi', 'çatdırılma gecikir artıq')).toBe(0);
  });

  it('compares texts under three words as word sets', () => {
    expect(textSimilarity('Refund please', 'please, REFUND!')).toBe(1);
    expect(textSimilarity('refund', 'refund please')).toBe(0.5);
    expect(textSimilarity('refund please', LATE_DELIVERY)).toBeLessThan(0.1);
  });

  it('never matches an empty text, even another empty one', () => {
    expect(textSimilarity('', '')).toBe(0);
    expect(textSimilarity(' ?! … ', ' ?! … ')).toBe(0);
    expect(textSimilarity('', LATE_DELIVERY)).toBe(0);
  });
});

describe('findNearDuplicate', () => {
  const day = (iso: string): Date => new Date(`${iso}T10:00:00Z`);
  const options = { threshold: 0.8, since: day('2026-03-01') };
  const resent = `Hello! ${LATE_DELIVERY} Thanks.`;

  it('returns the most similar candidate at or above the threshold', () => {
    const found = findNearDuplicate(
      resent,
      [
        { id: 'fridge', text: BROKEN_FRIDGE, receivedAt: day('2026-03-05') },
        { id: 'close', text: `Dear Kontakt, ${LATE_DELIVERY} I am waiting for your answer.`, receivedAt: day('2026-03-08') },
        { id: 'closest', text: LATE_DELIVERY, receivedAt: day('2026-03-08') },
      ],
      options,
    );
    expect(found?.id).toBe('closest');
    expect(found?.similarity).toBeGreaterThanOrEqual(0.8);
  });

  it('returns nothing when no candidate reaches the threshold', () => {
    const candidates = [{ id: 'fridge', text: BROKEN_FRIDGE, receivedAt: day('2026-03-05') }];
    expect(findNearDuplicate(resent, candidates, options)).toBeUndefined();
  });

  it('respects the window: a candidate received before `since` does not count, one at `since` does', () => {
    const old = [{ id: 'old', text: LATE_DELIVERY, receivedAt: new Date(options.since.getTime() - 1) }];
    expect(findNearDuplicate(resent, old, options)).toBeUndefined();
    const atStart = [{ id: 'edge', text: LATE_DELIVERY, receivedAt: options.since }];
    expect(findNearDuplicate(resent, atStart, options)?.id).toBe('edge');
  });

  it('prefers the later of two equally similar candidates', () => {
    const candidates = [
      { id: 'first', text: LATE_DELIVERY, receivedAt: day('2026-03-08') },
      { id: 'second', text: LATE_DELIVERY, receivedAt: day('2026-03-09') },
    ];
    expect(findNearDuplicate(LATE_DELIVERY, candidates, options)).toEqual({ id: 'second', similarity: 1 });
  });

  it('never matches an empty text, nor an empty candidate', () => {
    const empties = [{ id: 'empty', text: '  ', receivedAt: day('2026-03-08') }];
    expect(findNearDuplicate('', empties, { ...options, threshold: 0.01 })).toBeUndefined();
    expect(findNearDuplicate('...', [{ id: 'x', text: '...', receivedAt: day('2026-03-08') }], options)).toBeUndefined();
    expect(findNearDuplicate(LATE_DELIVERY, empties, { ...options, threshold: 0.01 })).toBeUndefined();
  });

  it('refuses a threshold outside (0, 1] and an invalid date', () => {
    expect(() => findNearDuplicate('x', [], { ...options, threshold: 0 })).toThrow(RangeError);
    expect(() => findNearDuplicate('x', [], { ...options, threshold: 80 })).toThrow(RangeError);
    expect(() => findNearDuplicate('x', [], { ...options, since: new Date('nope') })).toThrow(RangeError);
  });
});
