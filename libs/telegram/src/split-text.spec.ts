import { splitText } from './split-text';

describe('splitText', () => {
  it('keeps a text within the limit whole', () => {
    expect(splitText('Your complaint was accepted.')).toEqual(['Your complaint was accepted.']);
  });

  it('cuts a long text at line breaks or spaces, each part within the limit, nothing lost', () => {
    const text = Array.from({ length: 900 }, (_, i) => `word${i}`).join(' ') + '\n' + 'x'.repeat(50);
    const parts = splitText(text, 1000);
    expect(parts.every((part) => part.length <= 1000)).toBe(true);
    expect(parts.join(' ').replace(/\s+/g, ' ')).toBe(text.replace(/\s+/g, ' '));
  });

  it('cuts a word longer than the limit, never inside a surrogate pair', () => {
    const parts = splitText(`${'a'.repeat(9)}😀${'b'.repeat(5)}`, 10);
    expect(parts).toEqual(['a'.repeat(9), `😀${'b'.repeat(5)}`]);
  });
});
