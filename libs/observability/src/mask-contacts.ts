/**
 * Logs never carry customers' contacts. Log lines are written to say ids and references only;
 * this is the second line of defence for text that comes from elsewhere (a mail server's
 * answer that quotes an address, a driver's error): e-mail addresses keep their domain only,
 * phone numbers are masked whole.
 */

const EMAIL = /[\p{L}\p{N}._%+'-]+@([\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)/gu;
/** International numbers (+ and 7 to 15 digits, with the usual separators). */
const INTERNATIONAL_PHONE = /\+\d(?:[\s().-]{0,2}\d){6,14}/g;
/** Numbers as typed at home: a leading 0 or a bracketed area code, then groups of digits. */
const NATIONAL_PHONE = /(?<![\w.:/-])(?:0\d{1,3}|\(\d{2,4}\))[\s.-]?\d{3}[\s.-]?\d{2}[\s.-]?\d{2}(?![\w:-])/g;

export function maskContacts(text: string): string {
  return text.replace(EMAIL, '***@$1').replace(INTERNATIONAL_PHONE, '[phone]').replace(NATIONAL_PHONE, '[phone]');
}
