/**
 * Customer-managed prefix lists in the simulator: a rule or route that names one stands for its
 * entries (AWS expands the list; each entry counts against the quotas, and each matches alone).
 */
import { describe, expect, it } from 'vitest';
import { verdict } from './from-text.js';

function office(entries: string, probe: string): string {
    return `
vpc app region us-east-1 {
  cidr 10.0.0.0/16
  subnet web az us-east-1a { cidr 10.0.1.0/24  route-table rt }
  internet-gateway igw
  route-table rt { route prefix-list office -> igw }
  prefix-list office { ${entries} }
  security-group admin-sg { ingress tcp 22 from prefix-list office }
  instance bastion subnet web { ip 10.0.1.10  public-ip 54.0.0.10  security-groups admin-sg }
}
probe ${probe}
`;
}

describe('customer-managed prefix lists', () => {
    it("a security-group rule admits each entry's addresses and nothing else", async () => {
        // Internet clients come from 198.51.100.7: only the second list names it.
        expect(await verdict(office('203.0.113.0/24', 'internet -> bastion tcp 22'))).toBe('SG_INGRESS');
        expect(await verdict(office('203.0.113.0/24, 198.51.100.0/24', 'internet -> bastion tcp 22'))).toBe('ACCEPT');
    });

    it("a route to a prefix list routes each entry's block, and no other", async () => {
        expect(await verdict(office('203.0.113.0/24, 198.51.100.0/24', 'bastion -> internet 203.0.113.9 tcp 443'))).toBe('ACCEPT');
        expect(await verdict(office('203.0.113.0/24, 198.51.100.0/24', 'bastion -> internet 8.8.8.8 tcp 443'))).toBe('NO_ROUTE');
    });
});
