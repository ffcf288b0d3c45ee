/**
 * The public rate limits raised out of reach, for tests that play many customers from one
 * address or send more than a person would; the limits have tests of their own.
 */
export const UNLIMITED_PUBLIC_RATES: Record<string, string> = {
  PLAINT_RATE_LIMIT_FORM_PER_ADDRESS: '1000000',
  PLAINT_RATE_LIMIT_FORM_PER_CONTACT: '1000000',
  PLAINT_RATE_LIMIT_CHAT_STARTS_PER_ADDRESS: '1000000',
  PLAINT_RATE_LIMIT_CHAT_STARTS_PER_CONTACT: '1000000',
  PLAINT_RATE_LIMIT_CHAT_MESSAGES_PER_ADDRESS: '1000000',
  PLAINT_RATE_LIMIT_CHAT_MESSAGES_PER_CONVERSATION: '1000000',
  PLAINT_RATE_LIMIT_SIGN_IN_PER_ADDRESS: '1000000',
  PLAINT_RATE_LIMIT_SIGN_IN_PER_CONTACT: '1000000',
  PLAINT_RATE_LIMIT_CUSTOMER_MESSAGES_PER_SESSION: '1000000',
  // The web status lookup's limit per address (its maximum): a harness looks up for every customer from one address.
  PLAINT_STATUS_LOOKUPS_PER_MINUTE: '100000',
};
