import { type AddressInfo, createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * An SMTP front of our own before the real mail server: it relays every connection byte for
 * byte, except while refusing, when it answers as a mail server under trouble does — every other
 * new connection gets `421` at once and is closed, the others are greeted and get `451` to
 * MAIL FROM. A connection already relayed gets `451` to its next MAIL FROM, so a pooled
 * connection cannot slip through the window either; a message already being sent finishes, as
 * a server refusing new work finishes the one it is taking. (Cutting the connection after the
 * message's last line but before the server's answer is another fault: the sender cannot know
 * the server took it, and sends it again. SMTP cannot settle that one; docs/fault-campaign.md.)
 */
export class SmtpFaultFront {
  private refusing = false;
  private connections = 0;
  private readonly relayed = new Set<Socket>();
  /** Connections answered 421 or 451 while refusing. */
  refusals = 0;

  private constructor(
    private readonly server: Server,
    private readonly upstream: { host: string; smtpPort: number },
  ) {}

  static async start(upstream: { host: string; smtpPort: number }): Promise<SmtpFaultFront> {
    const server = createServer();
    const front = new SmtpFaultFront(server, upstream);
    server.on('connection', (socket) => front.accept(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return front;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  refuse(on: boolean): void {
    this.refusing = on;
  }

  async close(): Promise<void> {
    for (const socket of this.relayed) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    client.on('error', () => undefined);
    this.connections += 1;
    if (!this.refusing) return this.relay(client);
    this.refusals += 1;
    if (this.connections % 2 === 0) {
      client.end('421 4.3.2 Service not available, closing transmission channel\r\n');
      return;
    }
    this.answerBusy(client);
  }

  private relay(client: Socket): void {
    const server = createConnection({ host: this.upstream.host, port: this.upstream.smtpPort });
    server.on('error', () => client.destroy());
    client.on('close', () => {
      this.relayed.delete(client);
      server.destroy();
    });
    server.on('close', () => client.destroy());
    this.relayed.add(client);
    server.pipe(client);
    // The sender's side is read command by command (the server offers no pipelining), and the
    // message text after DATA is passed through up to its last line ("." alone).
    let reading: 'commands' | 'message' = 'commands';
    let line = '';
    let tail = '';
    const pass = (text: string) => server.write(Buffer.from(text, 'latin1'));
    client.on('data', (chunk: Buffer) => {
      let text = chunk.toString('latin1');
      while (text.length > 0) {
        if (reading === 'message') {
          const end = (tail + text).indexOf('\r\n.\r\n');
          if (end < 0) {
            pass(text);
            tail = (tail + text).slice(-4);
            return;
          }
          const upTo = end + 5 - tail.length;
          pass(text.slice(0, upTo));
          text = text.slice(upTo);
          reading = 'commands';
          continue;
        }
        line += text;
        text = '';
        let eol: number;
        while (reading === 'commands' && (eol = line.indexOf('\r\n')) >= 0) {
          const command = line.slice(0, eol + 2);
          line = line.slice(eol + 2);
          const verb = command.slice(0, 4).toUpperCase();
          if (this.refusing && verb === 'MAIL') {
            this.refusals += 1;
            client.write('451 4.3.0 Temporary local problem, try again later\r\n');
            continue;
          }
          pass(command);
          if (verb === 'DATA') {
            reading = 'message';
            // The CRLF that ended DATA begins the search for the message's last line.
            tail = '\r\n';
          }
        }
        if (reading === 'message') {
          text = line;
          line = '';
        }
      }
    });
  }

  private answerBusy(client: Socket): void {
    client.setEncoding('utf8');
    client.write('220 front.test ESMTP\r\n');
    let buffered = '';
    client.on('data', (chunk: string) => {
      buffered += chunk;
      let end: number;
      while ((end = buffered.indexOf('\r\n')) >= 0) {
        const verb = buffered.slice(0, 4).toUpperCase();
        buffered = buffered.slice(end + 2);
        if (verb === 'EHLO' || verb === 'HELO') client.write('250 front.test\r\n');
        else if (verb === 'MAIL') client.write('451 4.3.0 Temporary local problem, try again later\r\n');
        else if (verb === 'QUIT') client.end('221 Bye\r\n');
        else if (verb === 'RSET' || verb === 'NOOP') client.write('250 OK\r\n');
        else client.write('503 5.5.1 Bad sequence of commands\r\n');
      }
    });
  }
}
