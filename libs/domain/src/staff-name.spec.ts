import { givenNameOf } from './staff-name';

describe('givenNameOf: what a customer may see of a staff member’s name', () => {
  it('takes the given name of a name written given name first', () => {
    expect(givenNameOf('Leyla Məmmədova')).toBe('Leyla');
    expect(givenNameOf('  Kamran   Əhmədov ')).toBe('Kamran');
    expect(givenNameOf('Eva Smith')).toBe('Eva');
    expect(givenNameOf('Lev Tolstoy')).toBe('Lev');
    expect(givenNameOf('Admin')).toBe('Admin');
  });

  it('skips a surname written first and a patronymic', () => {
    expect(givenNameOf('Məmmədova Leyla Rauf qızı')).toBe('Leyla');
    expect(givenNameOf('Quliyev Rəşad Elçin oğlu')).toBe('Rəşad');
    expect(givenNameOf('Ivanova Natalya Petrovna')).toBe('Natalya');
    expect(givenNameOf('Kovalenko Oksana')).toBe('Oksana');
  });

  it('gives nothing rather than a surname', () => {
    expect(givenNameOf('Quliyev')).toBe('');
    expect(givenNameOf('Hüseynzadə Əliyev')).toBe('');
    expect(givenNameOf('   ')).toBe('');
  });
});
