/** Hovers through langium/test's expectHover, on keywords, values, names and probes. */
import { EmptyFileSystem } from 'langium';
import { expectHover } from 'langium/test';
import { describe, expect, it } from 'vitest';
import { CONCEPTS } from '../../src/language/lsp/concepts.js';
import { createVpcLspServices } from '../../src/language-server/vpc-lsp-module.js';

const services = createVpcLspServices(EmptyFileSystem).Vpc;
const check = expectHover(services);
// Each check parses the text as a new document: dispose it so the workspace holds one VPC `app`.
const hover = (expected: Parameters<typeof check>[0]) => check({ ...expected, disposeAfterCheck: true });

const TEXT = `vpc app region us-east-1 {
  cidr 10.0.0.0/16
  ipv6 2600:1f18:1234:ab00::/56
  subnet web az us-east-1a { cidr <|>10.0.1.0/24 route-table <|>public }
  internet-gateway igw
  <|>nat-gateway nat subnet web
  route-table public { route 0.0.0.0/0 -> igw }
  instance web-1 subnet web { ip <|>10.0.1.10 }
  <|>interface-endpoint ssm service ssm { private-dns off }
}
<|>probe web-1 -> internet 8.8.8.8 tcp 443
`;

describe('hover', () => {
    it('explains a keyword with its AWS page', async () => {
        await hover({
            text: TEXT,
            index: 2,
            hover: /\*\*NAT gateway\*\*[\s\S]*Elastic IP[\s\S]*\[AWS documentation\]\(https:\/\/docs\.aws\.amazon\.com\/vpc\/latest\/userguide\/vpc-nat-gateway\.html\)/
        });
    });

    it('says where study material lags AWS', async () => {
        await hover({ text: TEXT, index: 4, hover: /Older material says[\s\S]*DynamoDB has had them since March 2024/ });
    });

    it('gives a subnet block its size, usable count, reserved addresses and VPC block', async () => {
        await hover({
            text: TEXT,
            index: 0,
            hover: /10\.0\.1\.0 – 10\.0\.1\.255, 256 addresses[\s\S]*251 usable[\s\S]*- 10\.0\.1\.2: the Amazon DNS server[\s\S]*Inside VPC app's block 10\.0\.0\.0\/16/
        });
    });

    it('tells which subnet and instance hold an address', async () => {
        await hover({ text: TEXT, index: 3, hover: /In subnet `web` \(10\.0\.1\.0\/24, us-east-1a\)[\s\S]*Held by `web-1`/ });
    });

    it('summarises a referenced route table with its implicit local routes', async () => {
        await hover({
            text: TEXT,
            index: 1,
            hover: /\*\*Route table public\*\*[\s\S]*\| 10\.0\.0\.0\/16 \| local \|[\s\S]*\| 0\.0\.0\.0\/0 \| igw \|/
        });
    });

    it('shows a probe verdict with the deciding hop', async () => {
        await hover({
            text: TEXT,
            index: 5,
            hover: /\*\*REJECT NO_PUBLIC_IP\*\* at hop 4: web-1 has no public or Elastic IP[\s\S]*3\. ✓ route-table `public` — 8\.8\.8\.8 matches 0\.0\.0\.0\/0 -> igw[\s\S]*4\. ✗ internet-gateway `igw`/
        });
    });

    it('has a concept for every word the language teaches', () => {
        const words = [
            'vpc',
            'cidr',
            'ipv6',
            'subnet',
            'az',
            'route-table',
            'main',
            'route',
            'internet-gateway',
            'egress-only-internet-gateway',
            'nat-gateway',
            'security-group',
            'ingress',
            'egress',
            'network-acl',
            'inbound',
            'outbound',
            'instance',
            'public-ip',
            'gateway-endpoint',
            'prefix-list',
            'policy',
            'interface-endpoint',
            'private-dns',
            'flow-log',
            'capture',
            'traffic',
            'destination',
            'aggregation',
            'format',
            'peering',
            'requester',
            'accepter',
            'dns-resolution',
            'account',
            'region',
            'probe',
            'expect',
            'request'
        ];
        expect(words.filter(w => !CONCEPTS[w])).toEqual([]);
        for (const [word, c] of Object.entries(CONCEPTS)) {
            expect(c.text.length, word).toBeGreaterThan(60);
            expect(c.text, word).toMatch(/[.!?]$/);
            expect(c.link, word).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
        }
    });
});
