/**
 * Keeps one bot's sends within Telegram's rates: at most `perSecond` messages over all chats,
 * and `chatIntervalMs` between two messages to one chat. `slot` resolves when the send may go;
 * callers then send at once. Per process: each instance paces itself.
 */
export class SendPacer {
  private nextGlobalAt = 0;
  private readonly nextChatAt = new Map<string, number>();

  constructor(
    private readonly perSecond: number,
    private readonly chatIntervalMs: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  async slot(chatId: string): Promise<void> {
    const now = this.now();
    const at = Math.max(now, this.nextGlobalAt, this.nextChatAt.get(chatId) ?? 0);
    this.nextGlobalAt = at + 1000 / this.perSecond;
    this.nextChatAt.set(chatId, at + this.chatIntervalMs);
    this.forgetIdleChats(now);
    if (at > now) await this.sleep(at - now);
  }

  /** Chats whose gap has passed need no entry; keeps the map as small as the busy chats. */
  private forgetIdleChats(now: number): void {
    if (this.nextChatAt.size < 10_000) return;
    for (const [chat, at] of this.nextChatAt) if (at <= now) this.nextChatAt.delete(chat);
  }
}
