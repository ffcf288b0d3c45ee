import { addressBucket, TrustedProxies } from './client-address';

describe('TrustedProxies', () => {
  it('believes no X-Forwarded-For when no proxy is configured, not even from loopback or private peers', () => {
    const none = new TrustedProxies([]);
    expect(none.clientAddress('127.0.0.1', '203.0.113.9')).toBe('127.0.0.1');
    expect(none.clientAddress('::ffff:10.1.2.3', '203.0.113.9')).toBe('10.1.2.3');
    expect(none.trusts('192.168.1.1')).toBe(false);
  });

  it('reads the forwarded address through configured proxies only, from the right', () => {
    const proxies = new TrustedProxies(['10.0.0.0/8', '2001:db8::1']);
    expect(proxies.clientAddress('10.0.0.5', '203.0.113.9')).toBe('203.0.113.9');
    expect(proxies.clientAddress('::ffff:10.0.0.5', '203.0.113.9')).toBe('203.0.113.9');
    expect(proxies.clientAddress('2001:db8::1', '198.51.100.4')).toBe('198.51.100.4');
    // A client that puts its own "X-Forwarded-For: 1.2.3.4" in front gets its real address.
    expect(proxies.clientAddress('10.0.0.5', ['1.2.3.4, 198.51.100.4'])).toBe('198.51.100.4');
    // Hops through two proxies of ours.
    expect(proxies.clientAddress('10.0.0.5', '198.51.100.4, 10.9.9.9')).toBe('198.51.100.4');
    // A peer outside the list is the client, whatever it says.
    expect(proxies.clientAddress('172.16.0.1', '203.0.113.9')).toBe('172.16.0.1');
  });
});

describe('addressBucket', () => {
  it('keeps an IPv4 address as it is, however a socket or proxy wrote it', () => {
    expect(addressBucket('198.51.100.40')).toBe('198.51.100.40');
    expect(addressBucket('::ffff:198.51.100.40')).toBe('198.51.100.40');
    expect(addressBucket('::FFFF:c633:6428')).toBe('198.51.100.40');
    expect(addressBucket('0:0:0:0:0:ffff:c633:6428')).toBe('198.51.100.40');
  });

  it('counts an IPv6 address by its /64 network, in any spelling', () => {
    const bucket = '2001:db8:17:1::/64';
    expect(addressBucket('2001:db8:17:1::1')).toBe(bucket);
    expect(addressBucket('2001:0DB8:0017:0001:ffff:1:2:3')).toBe(bucket);
    expect(addressBucket('2001:db8:17:1:a::b%eth0')).toBe(bucket);
    expect(addressBucket('2001:db8:17:2::1')).not.toBe(bucket);
    expect(addressBucket('::1')).toBe('0:0:0:0::/64');
    expect(addressBucket('2001:db8::')).toBe('2001:db8:0:0::/64');
  });

  it('leaves what is no address alone', () => {
    expect(addressBucket('unknown')).toBe('unknown');
  });
});
