/** Completion in context, through langium/test's expectCompletion. */
import { EmptyFileSystem } from 'langium';
import { expectCompletion } from 'langium/test';
import { describe, expect, it } from 'vitest';
import type { CompletionList } from 'vscode-languageserver-protocol';
import { createVpcLspServices } from '../../src/language-server/vpc-lsp-module.js';

const services = createVpcLspServices(EmptyFileSystem).Vpc;
const check = expectCompletion(services);
const labels = (list: CompletionList) => list.items.map(i => i.label);

/** Runs a completion at `<|>` and hands its labels to `assert`; each check disposes its document. */
function complete(text: string, assert: (labels: string[], list: CompletionList) => void, index = 0) {
    return check({ text, index, assert: list => assert(labels(list), list), disposeAfterCheck: true });
}

const NETWORK = `vpc app region eu-west-1 {
  cidr 10.0.0.0/16
  subnet a az eu-west-1a { cidr 10.0.0.0/24 route-table rt }
  subnet b az eu-west-1b { cidr 10.0.1.0/24 }
  internet-gateway igw
  route-table rt { route 0.0.0.0/0 -> igw }
}
vpc other region eu-west-1 {
  cidr 10.1.0.0/16
  internet-gateway other-igw
  nat-gateway other-nat subnet x
}
peering app-other requester app accepter other
peering other-only requester other accepter other
`;

describe('completion', () => {
    it("offers the region's AZs after az", async () => {
        await complete(NETWORK.replace('subnet b az eu-west-1b', 'subnet b az <|>'), l => {
            expect(l.slice(0, 3)).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
            expect(l).not.toContain('us-east-1a');
        });
    });

    it('offers the next free block of the sibling size for a subnet cidr', async () => {
        await complete(NETWORK.replace('subnet b az eu-west-1b { cidr 10.0.1.0/24 }', 'subnet b az eu-west-1b { cidr <|> }'), l => {
            expect(l).toContain('10.0.1.0/24');
        });
        await complete(NETWORK.replace('{ cidr 10.0.1.0/24 }', '{ cidr 10.0.1.0/24 }\n  subnet c az eu-west-1c { cidr <|> }'), l => {
            expect(l).toContain('10.0.2.0/24');
        });
    });

    it('offers gateway services for a gateway endpoint and interface services for an interface endpoint', async () => {
        await complete(NETWORK.replace('  internet-gateway igw\n', '  internet-gateway igw\n  gateway-endpoint s3e service <|>\n'), l => {
            expect(l.filter(x => x === 's3' || x === 'dynamodb').sort()).toEqual(['dynamodb', 's3']);
            expect(l).not.toContain('ssm');
        });
        await complete(NETWORK.replace('  internet-gateway igw\n', '  internet-gateway igw\n  interface-endpoint e service <|>\n'), l => {
            expect(l).toEqual(expect.arrayContaining(['ssm', 'ecr.dkr', 'logs', 'dynamodb']));
        });
        await complete(NETWORK.replace('route 0.0.0.0/0 -> igw', 'route prefix-list <|>'), l => {
            expect(l.filter(x => x === 's3' || x === 'dynamodb').sort()).toEqual(['dynamodb', 's3']);
            expect(l).not.toContain('ssm');
        });
    });

    it("limits route targets to the table's own VPC and its peerings", async () => {
        await complete(NETWORK.replace('route 0.0.0.0/0 -> igw', 'route 0.0.0.0/0 -> <|>'), l => {
            expect(l).toEqual(expect.arrayContaining(['igw', 'app-other']));
            expect(l.filter(x => x.includes('other-') || x === 'other-only')).toEqual([]);
        });
    });

    it('offers common ports after a protocol, with what they are', async () => {
        await complete(`${NETWORK}security-group x`.replace('  internet-gateway igw\n', '  internet-gateway igw\n  security-group web { ingress tcp <|> from 0.0.0.0/0 }\n'), (l, list) => {
            expect(l.slice(0, 3)).toEqual(['443', '80', '22']);
            expect(list.items.find(i => i.label === '1024-65535')?.detail).toMatch(/ephemeral/);
        });
    });

    it('still offers keywords where a statement starts', async () => {
        await complete(NETWORK.replace('  internet-gateway igw\n', '  <|>\n  internet-gateway igw\n'), l => {
            expect(l).toEqual(expect.arrayContaining(['subnet', 'route-table', 'nat-gateway', 'security-group', 'interface-endpoint']));
        });
    });
});
