import { BlockList, isIP } from 'node:net';

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) is 10.0.0.1. */
function plain(address: string): string {
  const trimmed = address.trim();
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(trimmed) ? trimmed.slice(7) : trimmed;
}

/**
 * The proxies whose X-Forwarded-For is believed (PLAINT_TRUSTED_PROXIES). Express's `trust proxy`
 * and the chat socket ask the same list, so a client cannot pick its own rate-limit bucket by
 * sending the header itself: with no proxy configured, the header is ignored.
 */
export class TrustedProxies {
  private readonly list = new BlockList();

  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const [address = '', prefix] = entry.split('/');
      const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (prefix === undefined) this.list.addAddress(address, type);
      else this.list.addSubnet(address, Number(prefix), type);
    }
  }

  trusts(address: string): boolean {
    const ip = plain(address);
    const family = isIP(ip);
    if (family === 0) return false;
    return this.list.check(ip, family === 6 ? 'ipv6' : 'ipv4');
  }

  /**
   * The client's address: the peer, or, while the hop in front is a trusted proxy, the address
   * that proxy forwarded for (read from the right of X-Forwarded-For, as express does).
   */
  clientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined): string {
    let address = plain(peer ?? '');
    const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? ''))
      .split(',')
      .map((hop) => hop.trim())
      .filter(Boolean)
      .reverse();
    for (const hop of hops) {
      if (!this.trusts(address)) break;
      address = plain(hop);
    }
    return address;
  }
}
