/** Completion in context, through langium/test's expectCompletion. */
import { EmptyFileSystem } from 'langium';
import { expectCompletion } from 'langium/test';
import { describe, expect, it } from 'vitest';
import type { CompletionList } from 'vscode-languageserver';
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
        await complete(
            `${NETWORK}security-group x`.replace(
                '  internet-gateway igw\n',
                '  internet-gateway igw\n  security-group web { ingress tcp <|> from 0.0.0.0/0 }\n'
            ),
            (l, list) => {
                expect(l.slice(0, 3)).toEqual(['443', '80', '22']);
                expect(list.items.find(i => i.label === '1024-65535')?.detail).toMatch(/ephemeral/);
            }
        );
    });

    it('still offers keywords where a statement starts', async () => {
        await complete(NETWORK.replace('  internet-gateway igw\n', '  <|>\n  internet-gateway igw\n'), l => {
            expect(l).toEqual(expect.arrayContaining(['subnet', 'route-table', 'nat-gateway', 'security-group', 'interface-endpoint']));
        });
    });
});

describe('completion from the statement under the cursor', () => {
    it('finds what may come next exactly as a parse from the start of the file does, at every token of the tour and of a broken file', async () => {
        const { readFileSync } = await import('node:fs');
        const { URI } = await import('langium');
        const { DefaultCompletionProvider } = await import('langium/lsp');
        const texts = [
            readFileSync(new URL('../../examples/tour.vpc', import.meta.url), 'utf8'),
            `${NETWORK}\nvpc half {\n  subnet s az \n  route-table t { route 10.0.0.0/8 -> \n}\nprobe x: `
        ];
        // Langium's own search, which parses from the start of the file, to compare with.
        const plain = new DefaultCompletionProvider(services) as unknown as {
            findFeaturesAt(d: unknown, o: number): Array<{ feature: { $type: string }; property?: string }>;
        };
        const ours = services.lsp.CompletionProvider as unknown as typeof plain;
        const describeFeatures = (features: ReturnType<typeof plain.findFeaturesAt>) =>
            features
                .map(f => `${f.feature.$type}:${JSON.stringify((f.feature as { value?: string }).value ?? '')}:${f.property ?? ''}`)
                .sort();
        let compared = 0;
        for (const [i, text] of texts.entries()) {
            const document = services.shared.workspace.LangiumDocumentFactory.fromString(
                text,
                URI.parse(`file:///completion-equivalence-${i}.vpc`)
            );
            services.shared.workspace.LangiumDocuments.addDocument(document);
            await services.shared.workspace.DocumentBuilder.build([document]);
            const offsets = new Set<number>();
            for (const match of text.matchAll(/\S+/g)) {
                offsets.add(match.index);
                offsets.add(match.index + match[0].length);
            }
            for (const offset of offsets) {
                expect(
                    describeFeatures(ours.findFeaturesAt(document.textDocument, offset)),
                    `offset ${offset}: ${JSON.stringify(text.slice(Math.max(0, offset - 30), offset))}`
                ).toEqual(describeFeatures(plain.findFeaturesAt(document.textDocument, offset)));
                compared++;
            }
            services.shared.workspace.LangiumDocuments.deleteDocument(document.uri);
        }
        expect(compared).toBeGreaterThan(1500);
    }, 120_000);
});
