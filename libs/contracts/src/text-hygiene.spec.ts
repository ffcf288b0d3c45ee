import { plainToInstance } from 'class-transformer';
import { IsNotEmpty, IsString, validateSync } from 'class-validator';
import { CleanName, cleanName, CleanText, cleanText, withoutBidiControls } from './text-hygiene';

class Form {
  @CleanName() @IsString() @IsNotEmpty() fullName!: string;
  @CleanText() @IsString() @IsNotEmpty() message!: string;
}

describe('text hygiene', () => {
  it('takes the direction controls out of names, so a file name reads as what it is', () => {
    expect(cleanName('\u202Efdp.exe')).toBe('fdp.exe');
    expect(withoutBidiControls('a\u202Ab\u202Bc\u202Cd\u202De\u2066f\u2067g\u2068h\u2069i')).toBe('abcdefghi');
    expect(cleanName('  Aysel \u2067Məmmədova\u2069 \n\t ')).toBe('Aysel Məmmədova');
    expect(cleanName('Ali\u0000\u0007 Bey')).toBe('Ali Bey');
  });

  it('keeps the letters of every script and the line breaks of free text', () => {
    expect(cleanName('Şəhla Ağayeva')).toBe('Şəhla Ağayeva');
    expect(cleanName('محمد')).toBe('محمد');
    expect(cleanText('  line one\r\nline\u0000 two\t ')).toBe('line one\r\nline two');
  });

  it('leaves no lone surrogate: dropped from a name, U+FFFD in free text; pairs (emoji) stay', () => {
    expect(cleanName('\ud800Leyla \udc00Həsənova 😀')).toBe('Leyla Həsənova 😀');
    expect(cleanName('\ud83d')).toBe('');
    expect(cleanText('Salam \ud83d 😀 \udfff')).toBe('Salam \ufffd 😀 \ufffd');
  });

  it('cleans before validation, so whitespace-only names and texts are refused', () => {
    const problems = (body: object) => validateSync(plainToInstance(Form, body)).map((error) => error.property);
    expect(problems({ fullName: '   ', message: ' \n\t ' })).toEqual(['fullName', 'message']);
    expect(problems({ fullName: '\u202E\u2066', message: 'ok' })).toEqual(['fullName']);
    expect(problems({ fullName: 42, message: 'ok' })).toEqual(['fullName']);
    expect(problems({ fullName: ' Aysel ', message: ' hi ' })).toEqual([]);
  });
});
