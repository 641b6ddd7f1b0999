/** Host names for a server certificate: DNS names told from IP addresses, and IP addresses as SAN bytes. */
import * as assert from 'node:assert/strict';

import { hostNameProblem, hostNames, ipAddressBytes, tcpEndpoint } from '../../../src/core/certificates/hostNames';

describe('certificates: hostNames', () => {
  it('sorts names into DNS names and IP addresses, canonical and without duplicates', () => {
    assert.deepEqual(hostNames(['Engine.Example.', '127.10.0.1', '[0:0:0:0:0:0:0:1]', 'engine.example', '::1']), {
      dnsNames: ['engine.example'],
      ipAddresses: ['127.10.0.1', '::1'],
    });
  });

  it('accepts DNS names and IP addresses, and says what is wrong with anything else', () => {
    for (const ok of ['localhost', 'build-1.corp.example', '127.192.2.1', '::1', '[::1]', 'xn--bcher-kva.example'])
      assert.equal(hostNameProblem(ok), undefined, ok);
    for (const bad of ['', 'a b', '-lead.example', 'under_score..example', 'tcp://host', `${'a'.repeat(64)}.example`]) assert.ok(hostNameProblem(bad), bad);
    assert.match(hostNameProblem('fe80::1%eth0') ?? '', /IPv6 zone/);
  });

  it('accepts a wildcard as the whole leftmost label, and only when asked (extra DNS names, not the host)', () => {
    for (const ok of ['*.example.com', '*.corp', '*.example.com.']) assert.equal(hostNameProblem(ok, { wildcard: true }), undefined, ok);
    for (const bad of ['*', '*.', '*.*.example.com', 'a*.example.com', 'a.*.example.com', '**.example.com'])
      assert.ok(hostNameProblem(bad, { wildcard: true }), bad);
    assert.ok(hostNameProblem('*.example.com'));
  });

  it('encodes IPv4, IPv6 and IPv4-mapped IPv6 addresses as 4 or 16 bytes', () => {
    assert.equal(ipAddressBytes('127.192.2.10').toString('hex'), '7fc0020a');
    assert.equal(ipAddressBytes('::1').toString('hex'), '00000000000000000000000000000001');
    assert.equal(ipAddressBytes('2001:db8::5:0').toString('hex'), '20010db8000000000000000000050000');
    assert.equal(ipAddressBytes('fe80::').toString('hex'), 'fe800000000000000000000000000000');
    assert.equal(ipAddressBytes('::ffff:127.11.2.3').toString('hex'), '00000000000000000000ffff7f0b0203');
    assert.equal(ipAddressBytes('1:2:3:4:5:6:7:8').toString('hex'), '00010002000300040005000600070008');
  });

  it('writes tcp:// endpoints with IPv6 addresses in brackets', () => {
    assert.equal(tcpEndpoint('engine.example', 2376), 'tcp://engine.example:2376');
    assert.equal(tcpEndpoint('::1', 2376), 'tcp://[::1]:2376');
    assert.equal(tcpEndpoint('[::1]', 2376), 'tcp://[::1]:2376');
  });
});
