/**
 * A surname by its ending (Azerbaijani, Russian, Ukrainian, Polish forms), after at least two
 * letters so that a short given name ("Eva", "Lev") is not taken for one.
 */
const SURNAME = /\p{L}{2,}(ov|ova|ev|eva|yev|yeva|zadə|zade|sky|skiy|ski|skaya|enko)$/iu;
/** A patronymic word: "oğlu", "qızı", or a Russian form ("Elçinovich", "Rafikovna"). */
const PATRONYMIC = /^(oğlu|qızı|ogly|kyzy)$|\p{L}{2,}(vich|vna|ich|ichna)$/iu;

/**
 * The given name of a staff member's display name, which customers may see (docs/agent-channels.md,
 * "What customers see of staff"); the surname is staff's personal data and stays inside. Display
 * names are written given name first ("Leyla Məmmədova"), so the first word is the given name;
 * when the first word is plainly a surname ("Məmmədova Leyla") the first word that is not is taken,
 * and when every word looks like a surname, none: the customer then sees the role ("Agent").
 */
export function givenNameOf(displayName: string): string {
  const words = displayName
    .split(/\s+/u)
    .map((word) => word.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ''))
    .filter((word) => word !== '' && !PATRONYMIC.test(word));
  return words.find((word) => !SURNAME.test(word)) ?? '';
}
