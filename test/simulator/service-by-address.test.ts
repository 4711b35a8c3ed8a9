/**
 * A probe to an address inside an AWS service's prefix list (as `describe-prefix-lists` would list
 * it), not to the service by name: the gateway endpoint's prefix-list route carries it to that
 * service, as AWS routes any packet for those addresses.
 */
import { describe, expect, it } from 'vitest';
import { servicePrefix } from '../../src/simulator/compile.js';
import { probes } from './from-text.js';

function lastAddress(service: string, region: string): string {
    const n = Number(servicePrefix(service, region).last);
    return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

describe('an address in a service prefix list', () => {
    const text = (route: string) => `
vpc app region us-east-1 {
  cidr 10.0.0.0/16
  subnet a { cidr 10.0.1.0/24 route-table rt }
  route-table rt { ${route} }
  gateway-endpoint s3gw service s3 { route-tables rt }
  instance web-1 subnet a { ip 10.0.1.10 }
}
probe web-1 -> ${lastAddress('s3', 'us-east-1')} tcp 443
`;

    it('reaches the service through the gateway endpoint, hop by hop', async () => {
        const [result] = await probes(text(''));
        expect(result!.verdict).toBe('ACCEPT');
        expect(result!.hops.map(h => h.kind)).toContain('gateway-endpoint');
        expect(result!.hops.find(h => h.kind === 'service')?.name).toBe('s3.us-east-1.amazonaws.com');
    });

    it('near miss: without the endpoint the address is on the internet, and no route leads there', async () => {
        const [result] = await probes(text('').replace(/ {2}gateway-endpoint.*\n/, ''));
        expect(result!.verdict).toBe('REJECT');
        expect(result!.reason).toBe('NO_ROUTE');
    });
});
