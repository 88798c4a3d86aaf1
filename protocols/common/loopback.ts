/**
 * Whether a connection stays on this machine, where a password may go without
 * TLS (XMPP with TLS off, IRC's PASS or SASL PLAIN without TLS). Decided by the
 * addresses, never by the name: a name such as `chat.localhost` is only as
 * local as the resolver makes it (RFC 6761 §6.3 asks resolvers to keep it so,
 * not all do), and a hosts file or DNS can point any name anywhere. The check
 * runs as net.connect's own `lookup`, so the addresses checked are the ones
 * connected to: a second, different answer cannot slip in between.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { AdapterError } from '../adapter';

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6'); // BlockList also matches ::ffff:127.x.y.z against the IPv4 rule

/** Whether `address` is an IP address (IPv6 with or without brackets) on the loopback interface. */
export function isLoopbackAddress(address: string): boolean {
  const ip = address.replace(/^\[|\]$/g, '');
  const version = isIP(ip);
  return version !== 0 && LOOPBACK.check(ip, version === 4 ? 'ipv4' : 'ipv6');
}

/** dns.lookup with all: true, as node:dns has it; replaced only by tests. */
export type ResolveAll = (
  hostname: string,
  options: { all: true },
  callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/**
 * A `lookup` for net.connect that resolves every address of the name and lets
 * the connection go ahead only when all of them are loopback; otherwise it fails
 * with a config AdapterError whose message is `refusal(the other addresses)`.
 * A name that cannot be resolved fails as usual (a network error, tried again).
 */
export function loopbackOnlyLookup(
  refusal: (elsewhere: string[]) => string,
  resolveAll: ResolveAll = dnsLookup,
): LookupFunction {
  return (hostname, options, callback) => {
    resolveAll(hostname, { all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      const elsewhere = addresses.map((a) => a.address).filter((a) => !isLoopbackAddress(a));
      if (elsewhere.length > 0 || addresses.length === 0)
        return callback(new AdapterError(refusal(elsewhere), 'config'), '');
      // Every family was checked; net may ask for one only.
      const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
      const usable = family ? addresses.filter((a) => a.family === family) : addresses;
      const first = usable[0];
      if (!first)
        return callback(
          Object.assign(new Error(`${hostname} has no IPv${String(family)} address`), { code: 'ENOTFOUND' }),
          '',
        );
      if (options.all) return callback(null, usable);
      callback(null, first.address, first.family);
    });
  };
}
