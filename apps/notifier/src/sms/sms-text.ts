/**
 * How a notice's text travels as SMS (3GPP TS 23.038 and 23.040): in the GSM 7-bit default
 * alphabet when every character is in it (an extension-table character costs two septets),
 * otherwise in UCS-2; one message up to 160 septets / 70 UTF-16 units, else concatenated parts
 * of 153 / 67 behind a 6-octet header. A part never ends inside a surrogate pair or between a
 * GSM escape and its character. Pure: the bytes returned are what goes into short_message.
 */

/** The default alphabet in code order (0x1B, the escape, is not a character of its own). */
const GSM_BASIC =
  '@£$¥èéùìòç\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** The extension table: each is sent as the escape 0x1B followed by this code. */
const GSM_EXTENSION: Record<string, number> = { '\f': 0x0a, '^': 0x14, '{': 0x28, '}': 0x29, '\\': 0x2f, '[': 0x3c, '~': 0x3d, ']': 0x3e, '|': 0x40, '€': 0x65 };
const ESCAPE = 0x1b;

const GSM_CODES = new Map<string, number>([...GSM_BASIC].map((char, code) => [char, code]));
GSM_CODES.delete('\x1b');
// The standard draws a capital C-cedilla at 0x09 and means the small one; both are sent there.
GSM_CODES.set('Ç', 0x09);

export const SMS_LIMITS = {
  gsm7: { single: 160, part: 153 },
  ucs2: { single: 70, part: 67 },
} as const;

export type SmsEncoding = keyof typeof SMS_LIMITS;

/** data_coding of submit_sm: 0 is the gateway's default alphabet (GSM 7-bit), 8 is UCS-2. */
export const DATA_CODING: Record<SmsEncoding, number> = { gsm7: 0x00, ucs2: 0x08 };

export interface SmsText {
  encoding: SmsEncoding;
  /** Each part's encoded text, without the concatenation header; one entry when it fits one message. */
  parts: Buffer[];
  /** Septets (GSM) or UTF-16 units (UCS-2) of the whole text. */
  units: number;
}

/** One character's encoding: its bytes, and what it costs of a part (septets or UTF-16 units). */
interface Unit {
  bytes: number[];
  cost: number;
}

function gsmUnits(text: string): Unit[] | undefined {
  const units: Unit[] = [];
  for (const char of text) {
    const code = GSM_CODES.get(char);
    const extended = GSM_EXTENSION[char];
    if (code !== undefined) units.push({ bytes: [code], cost: 1 });
    else if (extended !== undefined) units.push({ bytes: [ESCAPE, extended], cost: 2 });
    else return undefined;
  }
  return units;
}

function ucs2Units(text: string): Unit[] {
  // Iterating a string yields code points, so a surrogate pair stays one unit of two code units.
  return [...text].map((char) => {
    const bytes = [...Buffer.from(char, 'utf16le').swap16()];
    return { bytes, cost: bytes.length / 2 };
  });
}

/** Whether every character of `text` is in the GSM 7-bit default alphabet or its extension table. */
export function fitsGsm7(text: string): boolean {
  return gsmUnits(text) !== undefined;
}

/** Encodes and splits `text` for SMS. */
export function smsText(text: string): SmsText {
  const gsm = gsmUnits(text);
  const encoding: SmsEncoding = gsm ? 'gsm7' : 'ucs2';
  const units = gsm ?? ucs2Units(text);
  const limits = SMS_LIMITS[encoding];
  const total = units.reduce((sum, unit) => sum + unit.cost, 0);
  if (total <= limits.single) return { encoding, units: total, parts: [Buffer.from(units.flatMap((unit) => unit.bytes))] };

  const parts: Buffer[] = [];
  let bytes: number[] = [];
  let used = 0;
  for (const unit of units) {
    if (used + unit.cost > limits.part) {
      parts.push(Buffer.from(bytes));
      bytes = [];
      used = 0;
    }
    bytes.push(...unit.bytes);
    used += unit.cost;
  }
  parts.push(Buffer.from(bytes));
  return { encoding, units: total, parts };
}

/**
 * The user data header of part `sequence` (1-based) of `total`: information element 0x00,
 * concatenated short message with an 8-bit reference shared by every part of one message.
 */
export function concatenationHeader(reference: number, total: number, sequence: number): Buffer {
  return Buffer.from([0x05, 0x00, 0x03, reference & 0xff, total, sequence]);
}
