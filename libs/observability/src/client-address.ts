import { BlockList, isIP } from 'node:net';

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) is 10.0.0.1. */
function plain(address: string): string {
  const trimmed = address.trim();
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(trimmed) ? trimmed.slice(7) : trimmed;
}

/** The eight 16-bit groups of an IPv6 address (zone dropped, a dotted IPv4 tail read as two groups). */
function ipv6Groups(address: string): number[] {
  let text = address.replace(/%.*$/, '').toLowerCase();
  const tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (tail) {
    const [a, b, c, d] = tail.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = rest ? rest.split(':') : [];
  const middle = rest === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((group) => parseInt(group, 16));
}

/**
 * The rate-limit bucket of a client address. An IPv4 address is its own bucket, also when a
 * dual-stack socket or a proxy writes it IPv4-mapped (`::ffff:a.b.c.d`, `::ffff:xxxx:xxxx`). An
 * IPv6 client is its /64 network: a home or mobile connection is given a whole /64, so counting
 * single addresses would let one client take a fresh bucket for every request.
 */
export function addressBucket(address: string): string {
  const ip = plain(address);
  if (isIP(ip) !== 6) return ip;
  const groups = ipv6Groups(ip);
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    const [high = 0, low = 0] = groups.slice(6);
    return [high >> 8, high & 255, low >> 8, low & 255].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
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
