import type { AgentAudienceV1 } from '@plaint/contracts';

/** What the notifier reads of an agent to reach them (agents table; never written here). */
export interface AgentContact {
  id: string;
  role: string;
  active: boolean;
  email: string | null;
  notifyVia: string;
  language: string | null;
  telegramChatId: string | null;
  telegramBot: string | null;
}

/** One message to send: to an agent on one of their routes, or back to a sender. */
export interface StaffRecipient {
  route: 'email' | 'telegram';
  /** An e-mail address, or `<bot>:<chat id>[:<thread id>]`. */
  recipient: string;
  agentId: string | null;
  language: string | null;
  inReplyTo: string | null;
}

const SUPERVISING_ROLES = ['supervisor', 'admin'];

/**
 * Who an event reaches, and how: the agents it names (active ones only; the queue is every
 * active agent, supervisors and admins included), each on the routes they chose (an address or
 * a linked chat is needed for each), plus a sender named by address or chat, who is answered in
 * their own thread. `staffBot` is the bot an agent's chat is with when their row names none.
 */
export function resolveRecipients(audience: AgentAudienceV1, agents: readonly AgentContact[], staffBot: string | undefined): StaffRecipient[] {
  const active = agents.filter((agent) => agent.active);
  const named = new Set(audience.agentIds ?? []);
  const chosen = active.filter(
    (agent) => audience.queue === true || named.has(agent.id) || (audience.supervisors === true && SUPERVISING_ROLES.includes(agent.role)),
  );
  const recipients = chosen.flatMap((agent) => routesOf(agent, staffBot));
  const inReplyTo = audience.inReplyTo ?? null;
  if (audience.emailAddress) {
    const address = audience.emailAddress.trim();
    const agent = active.find((candidate) => candidate.email?.toLowerCase() === address.toLowerCase());
    recipients.push({ route: 'email', recipient: address, agentId: null, language: agent?.language ?? null, inReplyTo });
  }
  const bot = audience.telegramBot ?? staffBot;
  if (audience.telegramChatId && bot) {
    const thread = audience.telegramThreadId ? `:${audience.telegramThreadId}` : '';
    const agent = active.find((candidate) => candidate.telegramChatId === audience.telegramChatId);
    recipients.push({ route: 'telegram', recipient: `${bot}:${audience.telegramChatId}${thread}`, agentId: null, language: agent?.language ?? null, inReplyTo });
  }
  return recipients;
}

function routesOf(agent: AgentContact, staffBot: string | undefined): StaffRecipient[] {
  const routes: StaffRecipient[] = [];
  const wants = (route: 'email' | 'telegram') => agent.notifyVia === route || agent.notifyVia === 'both';
  const base = { agentId: agent.id, language: agent.language, inReplyTo: null };
  if (wants('email') && agent.email) routes.push({ ...base, route: 'email', recipient: agent.email });
  const bot = agent.telegramBot ?? staffBot;
  if (wants('telegram') && agent.telegramChatId && bot) routes.push({ ...base, route: 'telegram', recipient: `${bot}:${agent.telegramChatId}` });
  return routes;
}

/** `<bot>:<chat id>[:<thread id>]`, as the telegram and staff-group routes name a chat. */
export function parseStaffChat(value: string): { bot: string; chatId: string; threadId: string | undefined } | undefined {
  const match = /^([a-z0-9_-]{1,32}):(-?\d{1,20})(?::(\d{1,20}))?$/.exec(value);
  return match?.[1] && match[2] ? { bot: match[1], chatId: match[2], threadId: match[3] } : undefined;
}
