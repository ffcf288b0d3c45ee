import type { AddressInfo } from 'node:net';
import * as smpp from 'smpp';

/** One submit_sm the gateway accepted, as it arrived. */
export interface SubmittedPart {
  messageId: string;
  source: string;
  destination: string;
  dataCoding: number;
  esmClass: number;
  registeredDelivery: number;
  /** The concatenation header (IE 0x00), when the message is one part of several. */
  concatenation: { reference: number; total: number; sequence: number } | undefined;
  text: string;
}

type ReceiptStat = 'DELIVRD' | 'UNDELIV' | 'REJECTD' | 'EXPIRED';

const MAX_PER_SECOND_DEFAULT = 1_000_000;

/**
 * A small SMS gateway (SMSC) on node-smpp's server side: takes binds with one system_id and
 * password, records every submit_sm, can answer throttled (also on its own, above its rate) or
 * refuse a number, and sends delivery receipts, which it keeps while no session is bound and
 * sends again when the client answers a receipt with an error, as gateways do.
 */
export class FakeSmsc {
  readonly parts: SubmittedPart[] = [];
  /** Statuses of every submit_sm it refused. */
  readonly refusals: number[] = [];
  private readonly server: smpp.Server;
  private readonly bound = new Set<smpp.Session>();
  private readonly refusedNumbers = new Map<string, number>();
  private readonly stats = new Map<string, { stat: ReceiptStat; err: string }>();
  private readonly queue: { messageId: string; destination: string; stat: ReceiptStat; err: string }[] = [];
  private readonly recent: number[] = [];
  private throttleNext = 0;
  private throttleAfter = 0;
  private nextId = 0x5a000;
  private flushing: NodeJS.Timeout | undefined;

  private constructor(
    readonly systemId: string,
    readonly password: string,
    private readonly maxPerSecond: number,
  ) {
    this.server = smpp.createServer((session) => this.serve(session));
  }

  static async start(options: { maxPerSecond?: number } = {}): Promise<FakeSmsc> {
    const smsc = new FakeSmsc('plaint', 'secret', options.maxPerSecond ?? MAX_PER_SECOND_DEFAULT);
    await new Promise<void>((resolve) => smsc.server.listen(0, '127.0.0.1', resolve));
    return smsc;
  }

  get url(): string {
    return `smpp://${this.systemId}:${this.password}@127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Answers `count` submit_sm with ESME_RTHROTTLED, after accepting the next `after`. */
  throttle(count: number, after = 0): void {
    this.throttleNext = count;
    this.throttleAfter = after;
  }

  /** Refuses every message to this number (E.164, with +) with the status. */
  refuse(phone: string, status: number): void {
    this.refusedNumbers.set(phone.replace(/^\+/, ''), status);
  }

  /** The receipt messages to this number get (DELIVRD unless told otherwise). */
  receiptFor(phone: string, stat: ReceiptStat, err = '000'): void {
    this.stats.set(phone.replace(/^\+/, ''), { stat, err });
  }

  /** Whole messages to a number, put together from their parts. */
  messages(phone: string): string[] {
    const destination = phone.replace(/^\+/, '');
    const mine = this.parts.filter((part) => part.destination === destination);
    const whole = new Map<string, SubmittedPart[]>();
    for (const part of mine) {
      const key = part.concatenation ? `ref:${part.concatenation.reference}` : `id:${part.messageId}`;
      whole.set(key, [...(whole.get(key) ?? []), part]);
    }
    return [...whole.values()].map((group) =>
      group
        .sort((a, b) => (a.concatenation?.sequence ?? 0) - (b.concatenation?.sequence ?? 0))
        .map((part) => part.text)
        .join(''),
    );
  }

  partsTo(phone: string): SubmittedPart[] {
    return this.parts.filter((part) => part.destination === phone.replace(/^\+/, ''));
  }

  /** Drops every connection, as a gateway restart or a network cut would. */
  dropConnections(): void {
    for (const session of this.server.sessions) session.destroy();
  }

  async close(): Promise<void> {
    clearTimeout(this.flushing);
    this.dropConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private serve(session: smpp.Session): void {
    session.on('error', () => undefined);
    session.on('close', () => this.bound.delete(session));
    session.on('bind_transceiver', (pdu: smpp.Pdu) => {
      if (pdu.system_id !== this.systemId || pdu.password !== this.password) {
        session.send(pdu.response({ command_status: smpp.ESME_RBINDFAIL }));
        session.close();
        return;
      }
      session.send(pdu.response({ system_id: 'fake-smsc' }));
      this.bound.add(session);
      this.flush();
    });
    session.on('enquire_link', (pdu: smpp.Pdu) => session.send(pdu.response()));
    session.on('unbind', (pdu: smpp.Pdu) => {
      this.bound.delete(session);
      session.send(pdu.response());
      session.close();
    });
    session.on('submit_sm', (pdu: smpp.Pdu) => session.send(this.submitted(pdu)));
  }

  private submitted(pdu: smpp.Pdu): smpp.Pdu {
    const now = Date.now();
    while (this.recent.length > 0 && (this.recent[0] ?? 0) <= now - 1000) this.recent.shift();
    const destination = pdu.destination_addr ?? '';
    const throttled = (this.throttleNext > 0 && this.throttleAfter === 0) || this.recent.length >= this.maxPerSecond;
    const refusal = throttled ? smpp.ESME_RTHROTTLED : this.refusedNumbers.get(destination);
    if (this.throttleAfter > 0) this.throttleAfter -= 1;
    else if (this.throttleNext > 0) this.throttleNext -= 1;
    if (refusal !== undefined) {
      this.refusals.push(refusal);
      return pdu.response({ command_status: refusal });
    }
    this.recent.push(now);
    const message = pdu.short_message as smpp.ShortMessage;
    const header = message.udh?.find((element) => element[0] === 0x00);
    const messageId = (this.nextId++).toString(16);
    this.parts.push({
      messageId,
      source: pdu.source_addr ?? '',
      destination,
      dataCoding: pdu.data_coding ?? 0,
      esmClass: pdu.esm_class ?? 0,
      registeredDelivery: pdu.registered_delivery ?? 0,
      concatenation: header ? { reference: header[2] ?? -1, total: header[3] ?? -1, sequence: header[4] ?? -1 } : undefined,
      text: message.message.toString(),
    });
    if (pdu.registered_delivery) {
      const { stat, err } = this.stats.get(destination) ?? { stat: 'DELIVRD', err: '000' };
      this.queue.push({ messageId, destination, stat, err });
      setImmediate(() => this.flush());
    }
    return pdu.response({ message_id: messageId });
  }

  /** Sends the queued receipts to a bound session; one the client does not take is sent again later. */
  private flush(): void {
    const [session] = this.bound;
    if (!session) return;
    for (const receipt of this.queue.splice(0)) {
      const { messageId, destination, stat, err } = receipt;
      const sent = session.deliver_sm(
        {
          source_addr: destination,
          esm_class: 0x04,
          short_message: `id:${messageId} sub:001 dlvrd:${stat === 'DELIVRD' ? '001' : '000'} submit date:2612020800 done date:2612020801 stat:${stat} err:${err} text:`,
        },
        (response) => {
          if (response.command_status !== smpp.ESME_ROK) this.later(receipt);
        },
      );
      if (!sent) this.later(receipt);
    }
  }

  private later(receipt: (typeof this.queue)[number]): void {
    this.queue.push(receipt);
    clearTimeout(this.flushing);
    this.flushing = setTimeout(() => this.flush(), 300);
  }
}
