/**
 * What an agent's message from their mailbox or from Telegram asks for, read from its first line
 * (docs/agent-channels.md, "Commands"). Safe by default: only a message that starts with nothing
 * special is a public reply; a first line that looks like a command we do not know is refused,
 * never sent to the customer.
 */
export type AgentCommand =
  | { kind: 'reply'; text: string }
  | { kind: 'note'; text: string }
  | { kind: 'accept' }
  | { kind: 'review' }
  /** The review's written result is the rest of the message. */
  | { kind: 'reviewed'; result: string }
  | { kind: 'details'; what: string[] }
  | { kind: 'extend'; date: string; reason: string }
  /** The outcome is the rest of the message; a line `cause: <category>` in it tags the root cause. */
  | { kind: 'resolve'; outcome: string; rootCause: string }
  | { kind: 'close' }
  /** `me`, or the username of the agent who gets it. */
  | { kind: 'assign'; to: string }
  /** `/link CODE`, `#link CODE`, `/start CODE`: binds a Telegram account to an agent. */
  | { kind: 'link'; code: string }
  /** A known command written wrongly: `problem` says how to write it. */
  | { kind: 'invalid'; command: string; problem: string }
  | { kind: 'unknown'; word: string }
  | { kind: 'empty' };

export type AgentCommandKind = AgentCommand['kind'];

/** The commands an agent can write, as the refusal of an unknown one lists them. */
export const AGENT_COMMAND_HELP =
  '#note <text> (internal note), #accept, #review, #reviewed <result>, #details <what is missing>, #extend <YYYY-MM-DD> <reason>, ' +
  '#resolve <outcome> (with a line "cause: <category>"), #close, #assign <username|me>; ' +
  'or /note, /accept … in Telegram. Anything else that does not start with # or / is a reply to the customer.';

/**
 * `#word` or `/word` (a bot command may name the bot: `/accept@plaint_bot`) at the very start of
 * the first line. Only letters count as a word: `#12345 arrived broken` (an order number) is a
 * reply.
 */
const COMMAND = /^[#/]([\p{L}][\p{L}\p{N}_-]*)(?:@[A-Za-z0-9_]+)?(?=\s|$)/u;
const DATE = /^\d{4}-\d{2}-\d{2}$/u;
const CAUSE_LINE = /^\s*(?:root\s+cause|cause)\s*:\s*(.+?)\s*$/iu;

export function parseAgentCommand(text: string): AgentCommand {
  const trimmed = text.replace(/^\s+/u, '').replace(/\s+$/u, '');
  if (trimmed.length === 0) return { kind: 'empty' };
  const match = COMMAND.exec(trimmed);
  if (!match) return { kind: 'reply', text: trimmed };
  const word = (match[1] ?? '').toLowerCase();
  const rest = trimmed.slice(match[0].length);
  const newline = rest.indexOf('\n');
  const firstLine = (newline === -1 ? rest : rest.slice(0, newline)).trim();
  const body = rest.trim();
  switch (word) {
    case 'note':
      return body ? { kind: 'note', text: body } : invalid(word, 'Write the note after #note');
    case 'accept':
      return { kind: 'accept' };
    case 'review':
      return { kind: 'review' };
    case 'reviewed':
      return body ? { kind: 'reviewed', result: body } : invalid(word, 'Write the review’s result after #reviewed; the customer gets it in writing');
    case 'details': {
      const what = body.split(/[,;\n]/u).map((item) => item.trim()).filter((item) => item.length > 0);
      return what.length > 0 ? { kind: 'details', what } : invalid(word, 'Say what is missing: #details <what is missing>');
    }
    case 'extend': {
      const [date = '', ...reason] = body.split(/\s+/u);
      if (!DATE.test(date)) return invalid(word, 'Write the new date as YYYY-MM-DD: #extend 2026-12-20 <reason>');
      const why = body.slice(date.length).trim();
      return reason.length > 0 && why ? { kind: 'extend', date, reason: why } : invalid(word, 'Give the reason the customer is told: #extend <YYYY-MM-DD> <reason>');
    }
    case 'resolve':
      return resolveCommand(body);
    case 'close':
      return { kind: 'close' };
    case 'assign': {
      const [to] = firstLine.split(/\s+/u);
      return to ? { kind: 'assign', to: to.replace(/^@/u, '').toLowerCase() } : invalid(word, 'Say who gets it: #assign <username> or #assign me');
    }
    case 'link':
    case 'start': {
      const [code] = firstLine.split(/\s+/u);
      return code ? { kind: 'link', code } : invalid(word, 'Send the code from the agent API: /link <code>');
    }
    default:
      return { kind: 'unknown', word: `${trimmed[0] ?? '#'}${match[1] ?? ''}` };
  }
}

/** The outcome is everything after #resolve; a `cause:` line is taken out as the root cause. */
function resolveCommand(body: string): AgentCommand {
  let rootCause = '';
  const lines = body.split('\n').filter((line) => {
    const cause = CAUSE_LINE.exec(line);
    if (!cause || rootCause) return true;
    rootCause = cause[1] ?? '';
    return false;
  });
  const outcome = lines.join('\n').trim();
  if (!outcome) return invalid('resolve', 'Write the outcome after #resolve; the customer gets it in writing');
  return { kind: 'resolve', outcome, rootCause };
}

function invalid(command: string, problem: string): AgentCommand {
  return { kind: 'invalid', command, problem };
}
