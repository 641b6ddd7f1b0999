/**
 * The names a server certificate covers. A client checks the host it dials against the
 * certificate's subjectAltName: DNS names for names, IP entries for addresses (a DNS entry
 * holding "10.0.0.5" does not match a dial to 10.0.0.5). So each name is sorted by what it is.
 */
import { isIP, isIPv4, isIPv6 } from 'node:net';

export interface HostNames {
  dnsNames: string[];
  ipAddresses: string[];
}

const dnsLabel = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;

/** An address without the brackets of URL notation (`[::1]` → `::1`). */
function unbracket(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1');
}

/**
 * Why `name` can be neither a DNS name nor an IP address of an engine (the host of a TLS or SSH
 * context, a name in its certificate), or undefined when it can: the one host check of the
 * wizards and of certificate generation. With `wildcard`, a DNS name may start with `*.` (the
 * whole leftmost label, as RFC 6125 and Go's matching allow: `*.example.com` covers
 * `a.example.com`, not `a.b.example.com`).
 */
export function hostNameProblem(name: string, { wildcard = false } = {}): string | undefined {
  const bare = unbracket(name);
  if (bare === '') return 'A host is required: a DNS name or an IP address';
  if (bare.includes('://')) return `"${name}": the host alone, without a scheme`;
  if (/^[^:]+:\d*$/.test(bare)) return `"${name}": the host alone, without a port`;
  if (bare.includes('%')) return `"${name}": an IPv6 zone cannot appear in a certificate; give the address without it`;
  if (isIP(bare)) return undefined;
  const fqdn = (wildcard ? bare.replace(/^\*\.(?=.)/, '') : bare).replace(/\.$/, '');
  if (fqdn.length === 0 || fqdn.length > 253 || !fqdn.split('.').every((label) => dnsLabel.test(label))) {
    return `"${name}" is neither an IP address nor a valid DNS name`;
  }
  return undefined;
}

/** The host and the extra names, sorted into DNS names (lower-cased) and IP addresses, without duplicates. */
export function hostNames(names: readonly string[]): HostNames {
  const dnsNames = new Set<string>();
  const ipAddresses = new Set<string>();
  for (const name of names) {
    const bare = unbracket(name);
    if (isIP(bare)) ipAddresses.add(canonicalIp(bare));
    else dnsNames.add(bare.replace(/\.$/, '').toLowerCase());
  }
  return { dnsNames: [...dnsNames], ipAddresses: [...ipAddresses] };
}

/** `tcp://HOST:PORT`, with an IPv6 address in brackets. */
export function tcpEndpoint(host: string, port: number): string {
  const bare = unbracket(host);
  return `tcp://${isIPv6(bare) ? `[${bare}]` : bare}:${port}`;
}

/** `2001:DB8:0:0:0:0:0:5` → `2001:db8::5` (the URL parser knows the canonical IPv6 form). */
export function canonicalIp(ip: string): string {
  return isIPv4(ip) ? ip : new URL(`http://[${ip}]/`).hostname.slice(1, -1);
}

/** The 4 or 16 bytes of an IP address, as a subjectAltName iPAddress entry holds them. */
export function ipAddressBytes(ip: string): Buffer {
  if (isIPv4(ip)) return Buffer.from(ip.split('.').map(Number));
  const words = (part: string) => (part === '' ? [] : part.split(':').flatMap(ipv6Words));
  const [head, tail] = ip.split('::');
  const left = words(head);
  const right = tail === undefined ? [] : words(tail);
  const all = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  const bytes = Buffer.alloc(16);
  all.forEach((word, index) => bytes.writeUInt16BE(word, index * 2));
  return bytes;
}

/** One group of an IPv6 address as 16-bit words; an embedded IPv4 tail (`::ffff:10.0.0.1`) makes two. */
function ipv6Words(group: string): number[] {
  if (!isIPv4(group)) return [parseInt(group, 16)];
  const [a, b, c, d] = group.split('.').map(Number);
  return [(a << 8) | b, (c << 8) | d];
}
