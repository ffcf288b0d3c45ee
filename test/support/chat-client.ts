import { io, type Socket } from 'socket.io-client';

export interface ChatLine {
  id: string;
  from: string;
  text: string;
  reference?: string;
  sentAt: string;
}

type Ack<T = object> = ({ ok: true } & T) | { ok: false; error: { code: string; message: string } };

/** A customer's chat, driven over the real socket.io protocol, recording every line shown. */
export class ChatClient {
  readonly lines: ChatLine[] = [];
  private readonly socket: Socket;

  private constructor(url: string) {
    this.socket = io(`${url}/chat`, { transports: ['websocket'], forceNew: true, reconnection: false });
    this.socket.on('chat:message', (line: ChatLine) => this.lines.push(line));
  }

  static async connect(url: string): Promise<ChatClient> {
    const client = new ChatClient(url);
    await new Promise<void>((resolve, reject) => {
      client.socket.once('connect', () => resolve());
      client.socket.once('connect_error', reject);
    });
    return client;
  }

  start(customer: { fullName: string; email?: string; phone?: string; language?: string }): Promise<Ack<{ conversationId: string }>> {
    return this.socket.timeout(10_000).emitWithAck('chat:start', customer);
  }

  resume(conversationId: string): Promise<Ack> {
    return this.socket.timeout(10_000).emitWithAck('chat:resume', { conversationId });
  }

  send(clientMessageId: string, text: string): Promise<Ack<{ messageId: string }>> {
    return this.socket.timeout(10_000).emitWithAck('chat:message', { clientMessageId, text });
  }

  /** False once the connection is gone (the instance died or the client closed it). */
  get connected(): boolean {
    return this.socket.connected;
  }

  /** Distinct lines from Plaint (notices), in arrival order. */
  plaintLines(): ChatLine[] {
    const seen = new Set<string>();
    return this.lines.filter((line) => line.from === 'plaint' && !seen.has(line.id) && seen.add(line.id));
  }

  close(): void {
    this.socket.close();
  }
}
