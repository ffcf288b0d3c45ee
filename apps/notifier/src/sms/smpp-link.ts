import { Logger } from '@nestjs/common';
import * as smpp from 'smpp';
import type { SmppGateway } from '@plaint/config';

/** How long a send waits for the link to be bound before it counts as a temporary failure. */
const BIND_WAIT_MS = 3_000;
/** How long the gateway has to answer a request. */
const RESPONSE_TIMEOUT_MS = 30_000;
const RECONNECT_MAX_MS = 30_000;

/** The link is down or the gateway did not answer: the notice is tried again later. */
export class SmppLinkDown extends Error {}

/**
 * One transceiver session with the SMS gateway, kept up: bound on open, checked with
 * enquire_link (an unanswered check drops the connection), reconnected with backoff after any
 * drop, and unbound on close. Requests in flight when the connection drops fail at once.
 * Every deliver_sm is answered with the status `onDeliver` returns, or a temporary error.
 */
export class SmppLink {
  private readonly logger = new Logger(SmppLink.name);
  private session: smpp.Session | undefined;
  private bound = false;
  private closing = false;
  private failures = 0;
  private lastProblem = 'not connected yet';
  private readonly whenBound = new Set<() => void>();
  private readonly inFlight = new Set<(error: Error) => void>();
  private reconnectTimer: NodeJS.Timeout | undefined;
  private enquireTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly gateway: SmppGateway,
    private readonly enquireLinkMs: number,
    private readonly onDeliver: (pdu: smpp.Pdu) => Promise<number>,
  ) {}

  open(): void {
    this.closing = false;
    this.connect();
  }

  /** Sends a request once the link is bound and resolves with the gateway's response. */
  async request(command: string, options: Record<string, unknown>): Promise<smpp.Pdu> {
    const session = await this.boundSession();
    return new Promise<smpp.Pdu>((resolve, reject) => {
      const fail = (error: Error) => {
        clearTimeout(timer);
        this.inFlight.delete(fail);
        reject(error);
      };
      const timer = setTimeout(() => fail(new SmppLinkDown(`the SMS gateway did not answer within ${RESPONSE_TIMEOUT_MS / 1000} s`)), RESPONSE_TIMEOUT_MS);
      this.inFlight.add(fail);
      const sent = session.send(new smpp.PDU(command, options), (response) => {
        clearTimeout(timer);
        this.inFlight.delete(fail);
        resolve(response);
      });
      if (!sent) fail(new SmppLinkDown('the connection to the SMS gateway was lost'));
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.reconnectTimer);
    for (const waiter of [...this.whenBound]) waiter(); // sends waiting for a bind fail now
    const session = this.session;
    if (!session) return;
    if (this.bound) {
      // Unbind politely, but never wait more than 2 s for the gateway's answer.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 2_000);
        session.unbind({}, () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    await new Promise<void>((resolve) => session.destroy(resolve));
  }

  private boundSession(): Promise<smpp.Session> {
    if (this.bound && this.session) return Promise.resolve(this.session);
    if (this.closing) return Promise.reject(new SmppLinkDown('the SMS link is closing'));
    return new Promise((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.whenBound.delete(done);
        if (this.bound && this.session) resolve(this.session);
        else reject(new SmppLinkDown(`the SMS gateway cannot be reached: ${this.lastProblem}`));
      };
      const timer = setTimeout(done, BIND_WAIT_MS);
      this.whenBound.add(done);
    });
  }

  private connect(): void {
    const { host, port, tls } = this.gateway;
    const session = smpp.connect({ host, port, tls }, () => this.bind(session));
    this.session = session;
    session.on('error', (error: Error) => {
      this.lastProblem = error.message;
    });
    session.on('close', () => this.dropped(session));
    session.on('deliver_sm', (pdu: smpp.Pdu) => {
      void this.onDeliver(pdu)
        .catch((error: unknown) => {
          this.logger.error(`a message from the SMS gateway could not be handled: ${(error as Error).message}`);
          return smpp.ESME_RX_T_APPN;
        })
        .then((status) => session.send(pdu.response({ command_status: status })));
    });
    session.on('enquire_link', (pdu: smpp.Pdu) => session.send(pdu.response()));
    session.on('unbind', (pdu: smpp.Pdu) => {
      session.send(pdu.response());
      session.close();
    });
  }

  private bind(session: smpp.Session): void {
    session.bind_transceiver({ system_id: this.gateway.systemId, password: this.gateway.password, interface_version: 0x34 }, (response) => {
      if (response.command_status !== smpp.ESME_ROK) {
        this.lastProblem = `the gateway refused to bind (status 0x${response.command_status.toString(16)}; check the system_id and password in PLAINT_SMPP_URL)`;
        this.logger.error(`SMS gateway ${this.gateway.id}: ${this.lastProblem}`);
        session.destroy();
        return;
      }
      this.bound = true;
      this.failures = 0;
      this.lastProblem = 'the gateway closed the connection';
      this.logger.log(`bound to the SMS gateway ${this.gateway.id}`);
      this.keepAlive(session);
      for (const waiter of [...this.whenBound]) waiter();
    });
  }

  /** Checks the link every enquireLinkMs; a check still unanswered at the next one drops it. */
  private keepAlive(session: smpp.Session): void {
    let answered = true;
    clearInterval(this.enquireTimer);
    this.enquireTimer = setInterval(() => {
      if (!answered) {
        this.lastProblem = 'the SMS gateway stopped answering enquire_link';
        session.destroy();
        return;
      }
      answered = false;
      session.enquire_link({}, () => (answered = true));
    }, this.enquireLinkMs);
  }

  private dropped(session: smpp.Session): void {
    if (session !== this.session) return;
    const wasBound = this.bound;
    this.bound = false;
    clearInterval(this.enquireTimer);
    for (const fail of [...this.inFlight]) fail(new SmppLinkDown('the connection to the SMS gateway was lost'));
    if (this.closing) return;
    if (wasBound) this.logger.warn(`lost the SMS gateway ${this.gateway.id}: ${this.lastProblem}; reconnecting`);
    const delay = Math.min(RECONNECT_MAX_MS, 250 * 2 ** this.failures);
    this.failures += 1;
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }
}
