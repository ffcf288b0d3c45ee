import { createServer, type Server, type Socket, connect } from 'node:net';

/** Kafka's Produce request (API key 0). */
const PRODUCE = 0;

/**
 * A TCP proxy in front of a Kafka broker that can play the worst moment of a broker restart:
 * it lets one Produce request through to the broker, which writes the batch, then swallows the
 * broker's answer, drops every connection and refuses new ones for a while. The client cannot
 * tell whether its batch was stored.
 */
export class CuttingProxy {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private armed: { refuseMs: number; cut: () => void } | undefined;

  private constructor(
    readonly port: number,
    private readonly targetPort: number,
  ) {
    this.server = createServer((client) => this.relay(client));
  }

  static async start(port: number, targetPort: number): Promise<CuttingProxy> {
    const proxy = new CuttingProxy(port, targetPort);
    await proxy.listen();
    return proxy;
  }

  /** Resolves once the next Produce request has been let through and the connections cut. */
  cutAfterNextProduce(refuseMs: number): Promise<void> {
    return new Promise((resolve) => (this.armed = { refuseMs, cut: resolve }));
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await closed;
  }

  private listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
  }

  private relay(client: Socket): void {
    const broker = connect(this.targetPort, '127.0.0.1');
    this.sockets.add(client).add(broker);
    let muted = false;
    let pending = Buffer.alloc(0);
    const drop = () => {
      client.destroy();
      broker.destroy();
      this.sockets.delete(client);
      this.sockets.delete(broker);
    };
    client.on('error', drop).on('close', drop);
    broker.on('error', drop).on('close', drop);
    broker.on('data', (chunk: Buffer) => {
      if (!muted) client.write(chunk);
    });
    client.on('data', (chunk: Buffer) => {
      // Requests are size-prefixed frames; the API key is the first field after the size.
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 6) {
        const size = pending.readInt32BE(0);
        if (pending.length < 4 + size) break;
        const frame = pending.subarray(0, 4 + size);
        pending = pending.subarray(4 + size);
        broker.write(frame);
        const armed = this.armed;
        if (armed && frame.readInt16BE(4) === PRODUCE) {
          this.armed = undefined;
          muted = true;
          // Give the broker time to write the batch, then cut everything off.
          setTimeout(() => void this.cut(armed.refuseMs).then(armed.cut), 500);
        }
      }
    });
  }

  private async cut(refuseMs: number): Promise<void> {
    await this.close();
    await new Promise((resolve) => setTimeout(resolve, refuseMs));
    await this.listen();
  }
}
