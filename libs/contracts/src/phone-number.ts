import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

/** E.164 allows at most 15 digits after the plus; fewer than 7 is no subscriber number anywhere. */
const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * The one phone rule of Plaint: the E.164 form of a number as a customer typed it, or null when
 * it is not a plausible number (a length its country cannot have, or beyond what E.164 can
 * carry). Numbers without a country code are read in the default region (Azerbaijan). Every
 * channel's edge and the bus contract use this, so a number an edge accepts can never fail the
 * contract afterwards.
 */
export function toE164Phone(text: string, defaultRegion: CountryCode = 'AZ'): string | null {
  const parsed = parsePhoneNumberFromString(text, defaultRegion);
  if (!parsed?.isPossible()) return null;
  return E164.test(parsed.number) ? parsed.number : null;
}

/** A phone number already in the form toE164Phone gives. */
export function isE164Phone(value: unknown): value is string {
  return typeof value === 'string' && toE164Phone(value) === value;
}

export function IsE164Phone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isE164Phone',
      validator: {
        validate: (value: unknown) => isE164Phone(value),
        defaultMessage: buildMessage((each) => `${each}$property must be a plausible phone number in E.164 form`, options),
      },
    },
    options,
  );
}
