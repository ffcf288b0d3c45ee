import { splitText } from './split-text';

describe('splitText', () => {
  it('keeps a text within the limit whole', () => {
    expect(splitText('Salam', 10)).toEqual(['Salam']);
  });

  it('cuts at a space or line break in the second half of a part', () => {
    expect(splitText('one two three four', 10)).toEqual(['one two', 'three four']);
    expect(splitText('aaaaaaaaaaaaaaa', 10)).toEqual(['aaaaaaaaaa', 'aaaaa']);
  });

  it('counts UTF-8 bytes where the platform does, and never cuts a character', () => {
    const parts = splitText('şşşşşş', 5, 'bytes');
    expect(parts).toEqual(['şş', 'şş', 'şş']);
    expect(splitText('😀😀😀', 5)).toEqual(['😀😀', '😀']);
  });
});
