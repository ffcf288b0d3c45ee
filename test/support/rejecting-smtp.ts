import { type AddressInfo, createServer, type Server } from 'node:net';

/**
 * An SMTP server that refuses every recipient the way real ones do, quoting the address:
 * `550 5.1.1 <who@where>: Recipient address rejected`.
 */
export class RejectingSmtp {
  private constructor(private readonly server: Server) {}

  static async start(): Promise<RejectingSmtp> {
    const server = createServer((socket) => {
      socket.setEncoding('utf8');
      socket.write('220 rejecting.test ESMTP\r\n');
      let buffered = '';
      socket.on('data', (chunk: string) => {
        buffered += chunk;
        let end: number;
        while ((end = buffered.indexOf('\r\n')) >= 0) {
          const line = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const verb = line.slice(0, 4).toUpperCase();
          if (verb === 'EHLO' || verb === 'HELO') socket.write('250 rejecting.test\r\n');
          else if (verb === 'MAIL' || verb === 'RSET' || verb === 'NOOP') socket.write('250 OK\r\n');
          else if (verb === 'RCPT') socket.write(`550 5.1.1 ${/<[^>]*>/.exec(line)?.[0] ?? '<>'}: Recipient address rejected\r\n`);
          else if (verb === 'QUIT') socket.end('221 Bye\r\n');
          else socket.write('502 Not implemented\r\n');
        }
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new RejectingSmtp(server);
  }

  get url(): string {
    return `smtp://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
