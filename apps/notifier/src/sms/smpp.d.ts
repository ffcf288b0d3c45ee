/**
 * The part of node-smpp (the `smpp` package, which ships no types) that Plaint uses: a session
 * on either side of a connection, the PDUs it exchanges and the status codes it names.
 */
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer } from 'node:net';

  /** A decoded short_message: the text (or bytes) and, when the UDH indicator is set, its information elements. */
  export interface ShortMessage {
    message: string | Buffer;
    udh?: Buffer[];
  }

  export interface Pdu {
    command: string;
    command_status: number;
    sequence_number: number;
    message_id?: string;
    system_id?: string;
    password?: string;
    source_addr?: string;
    destination_addr?: string;
    esm_class?: number;
    data_coding?: number;
    registered_delivery?: number;
    short_message?: ShortMessage | Buffer | string;
    receipted_message_id?: string;
    message_state?: number;
    network_error_code?: Buffer;
    isResponse(): boolean;
    response(options?: Record<string, unknown>): Pdu;
  }

  export class PDU implements Pdu {
    constructor(command: string, options?: Record<string, unknown>);
    command: string;
    command_status: number;
    sequence_number: number;
    isResponse(): boolean;
    response(options?: Record<string, unknown>): Pdu;
  }

  export class Session extends EventEmitter {
    send(pdu: Pdu, onResponse?: (response: Pdu) => void, onSent?: (pdu: Pdu) => void): boolean;
    bind_transceiver(options: Record<string, unknown>, onResponse?: (response: Pdu) => void): boolean;
    submit_sm(options: Record<string, unknown>, onResponse?: (response: Pdu) => void): boolean;
    deliver_sm(options: Record<string, unknown>, onResponse?: (response: Pdu) => void): boolean;
    enquire_link(options: Record<string, unknown>, onResponse?: (response: Pdu) => void): boolean;
    unbind(options: Record<string, unknown>, onResponse?: (response: Pdu) => void): boolean;
    pause(): void;
    resume(): void;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
  }

  export interface Server extends NetServer {
    sessions: Session[];
  }

  export function connect(options: { host: string; port: number; tls?: boolean; rejectUnauthorized?: boolean }, onConnect?: () => void): Session;
  export function createServer(onSession: (session: Session) => void): Server;

  export const ESME_ROK: number;
  export const ESME_RINVMSGLEN: number;
  export const ESME_RSYSERR: number;
  export const ESME_RINVSRCADR: number;
  export const ESME_RINVDSTADR: number;
  export const ESME_RBINDFAIL: number;
  export const ESME_RINVPASWD: number;
  export const ESME_RINVSYSID: number;
  export const ESME_RMSGQFUL: number;
  export const ESME_RINVDSTTON: number;
  export const ESME_RINVDSTNPI: number;
  export const ESME_RTHROTTLED: number;
  export const ESME_RX_T_APPN: number;
  export const ESME_RX_P_APPN: number;
  export const ESME_RINVDCS: number;
  export const ESME_RPROHIBITED: number;
  export const ESME_RSUBMITFAIL: number;
}
