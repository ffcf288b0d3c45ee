import { removeSignature } from './signature';

describe('removeSignature', () => {
  it('cuts from the "-- " delimiter on, and a trailing "Sent from my …" line', () => {
    expect(removeSignature('Refund approved.\n\n-- \nRauf Həsənov\nCare team, +994 12 000 00 00')).toBe('Refund approved.');
    expect(removeSignature('Refund approved.\n--\nRauf')).toBe('Refund approved.');
    expect(removeSignature('Refund approved.\n\nSent from my iPhone')).toBe('Refund approved.');
    expect(removeSignature('Возврат одобрен.\n\nОтправлено с iPhone')).toBe('Возврат одобрен.');
  });

  it('keeps dashes inside the text, and keeps the text whole when nothing else is left', () => {
    expect(removeSignature('Steps:\n-- first\n--- second')).toBe('Steps:\n-- first\n--- second');
    expect(removeSignature('-- \nRauf')).toBe('-- \nRauf');
  });
});
