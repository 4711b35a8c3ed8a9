/**
 * After an edit, every document's diagnostics equal those of a fresh build of the edited texts,
 * in the documents the edit did not touch too. An edit links again only the references into the
 * edited document, and validates again the documents whose findings change: a transit gateway in
 * one file, spokes that route to it in others, and probes across them exercise both.
 */
import { DocumentState, EmptyFileSystemProvider, URI, type LangiumDocument } from 'langium';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createVpcServices } from '../../src/language/vpc-module.js';

class MemoryFiles extends EmptyFileSystemProvider {
    readonly files = new Map<string, string>();
    override readFile(uri?: URI): Promise<string> {
        return Promise.resolve(this.readFileSync(uri));
    }
    override readFileSync(uri?: URI): string {
        const text = uri && this.files.get(uri.toString());
        if (text === undefined) throw new Error(`no file ${uri?.toString()}`);
        return text;
    }
}

let workspaces = 0;

async function workspace(files: Record<string, string>) {
    const fs = new MemoryFiles();
    const { shared } = createVpcServices({ fileSystemProvider: () => fs });
    const base = `file:///edits${++workspaces}/`;
    const documents: LangiumDocument[] = [];
    for (const [name, text] of Object.entries(files)) {
        fs.files.set(`${base}${name}`, text);
        documents.push(await shared.workspace.LangiumDocuments.getOrCreateDocument(URI.parse(`${base}${name}`)));
    }
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    /** The documents indexed again (linked in full) by the builds since the last `edit`. */
    const relinked = new Set<string>();
    shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.IndexedReferences, d => {
        relinked.add(d.uri.toString().slice(base.length));
    });
    const document = (name: string) => shared.workspace.LangiumDocuments.getDocument(URI.parse(`${base}${name}`))!;
    return {
        texts: { ...files },
        relinked,
        document,
        /** Each document's diagnostics, as published: code, place and message. */
        diagnostics(): Record<string, string[]> {
            return Object.fromEntries(
                Object.keys(files).map(name => [
                    name,
                    (document(name).diagnostics ?? [])
                        .map(d => `${String(d.code)} ${d.range.start.line}:${d.range.start.character} ${d.message}`)
                        .sort()
                ])
            );
        },
        async edit(name: string, text: string) {
            this.texts[name] = text;
            relinked.clear();
            fs.files.set(`${base}${name}`, text);
            await shared.workspace.DocumentBuilder.update([URI.parse(`${base}${name}`)], []);
        }
    };
}

type Workspace = Awaited<ReturnType<typeof workspace>>;

async function expectSameAsFresh(ws: Workspace): Promise<Record<string, string[]>> {
    const fresh = (await workspace(ws.texts)).diagnostics();
    expect(ws.diagnostics()).toEqual(fresh);
    return fresh;
}

const codes = (diagnostics: Record<string, string[]>, name: string) => diagnostics[name]!.map(d => d.split(' ')[0]);

// The gateway in a file of its own; every spoke refers to it, none to another spoke's file.
const HUB = `// the hub
transit-gateway core region us-east-1 {
  default-association on
  default-propagation on
  route-table default {
    route 10.9.0.0/16 blackhole
  }
}
`;
const SPOKE_A = `vpc spoke-a region us-east-1 {
  cidr 10.1.0.0/16
  subnet a1 az us-east-1a { cidr 10.1.1.0/24  route-table a-rt }
  route-table a-rt { route 10.0.0.0/8 -> core }
  transit-gateway-attachment core-att transit-gateway core { subnets a1 }
  security-group app-sg { ingress tcp 443 from 10.0.0.0/8 }
  instance app-a subnet a1 { ip 10.1.1.10  security-groups app-sg }
}
`;
const SPOKE_B = `vpc spoke-b region us-east-1 {
  cidr 10.2.0.0/16
  subnet b1 az us-east-1a { cidr 10.2.1.0/24  route-table b-rt }
  subnet b2 az us-east-1b { cidr 10.2.2.0/24  route-table b-rt }
  route-table b-rt { route 10.0.0.0/8 -> core }
  transit-gateway-attachment core-att transit-gateway core { subnets b1, b2 }
  security-group app-sg { ingress tcp 443 from 10.0.0.0/8 }
  security-group lb-sg { ingress tcp 80 from 10.0.0.0/8 }
  instance app-b subnet b2 { ip 10.2.2.10  security-groups app-sg }
  load-balancer web type application scheme internal {
    subnets b1, b2  security-groups lb-sg
    listener http 80 -> app-b port 443
  }
}
`;
const PROBES = `probe app-a -> app-b tcp 443 expect accept
probe app-a -> load-balancer web tcp 80 expect accept
`;
const FILES = { 'hub.vpc': HUB, 'spoke-a.vpc': SPOKE_A, 'spoke-b.vpc': SPOKE_B, 'probes.vpc': PROBES };

describe('diagnostics after an edit', () => {
    it('equal a fresh build for edits of the hub, an attachment, a spoke route and a listener', async () => {
        const ws = await workspace(FILES);
        expect(Object.values(await expectSameAsFresh(ws)).flat()).toEqual([]);

        // A comment typed in the hub's file: the spokes keep their links, pointed at the new gateway.
        await ws.edit('hub.vpc', HUB.replace('// the hub', '// the hub x'));
        await expectSameAsFresh(ws);
        expect([...ws.relinked]).toEqual(['hub.vpc']);
        const core = ws.document('hub.vpc').parseResult.value as unknown as { statements: unknown[] };
        const target = ws.document('spoke-a.vpc').references.find(r => r.$refText === 'core' && 'ref' in r);
        expect(target && 'ref' in target ? target.ref : undefined).toBe(core.statements[0]);

        // A static blackhole for spoke-b's block beats the route spoke-b propagates: app-a no longer reaches it.
        await ws.edit('hub.vpc', HUB.replace('route 10.9.0.0/16 blackhole', 'route 10.2.0.0/16 blackhole'));
        let found = await expectSameAsFresh(ws);
        expect(codes(found, 'probes.vpc')).toEqual(['probe-expectation', 'probe-expectation']);
        await ws.edit('hub.vpc', HUB);
        found = await expectSameAsFresh(ws);
        expect(codes(found, 'probes.vpc')).toEqual([]);

        // The attachment loses its subnet in us-east-1b, where app-b runs.
        await ws.edit('spoke-b.vpc', SPOKE_B.replace('subnets b1, b2 }', 'subnets b1 }'));
        found = await expectSameAsFresh(ws);
        expect(codes(found, 'spoke-b.vpc')).toContain('tgw-attachment-missing-az');
        await ws.edit('spoke-b.vpc', SPOKE_B);
        await expectSameAsFresh(ws);

        // spoke-b stops routing to the gateway: spoke-a's route (in a file not edited, not linked again) has no way back.
        await ws.edit('spoke-b.vpc', SPOKE_B.replace('route-table b-rt { route 10.0.0.0/8 -> core }', 'route-table b-rt { }'));
        found = await expectSameAsFresh(ws);
        expect(ws.relinked.has('spoke-a.vpc')).toBe(false);
        expect(codes(found, 'spoke-a.vpc')).toEqual(['tgw-missing-return-route']);
        await ws.edit('spoke-b.vpc', SPOKE_B);
        found = await expectSameAsFresh(ws);
        expect(codes(found, 'spoke-a.vpc')).toEqual([]);

        // The listener moves to port 8080: the probe to port 80 finds no listener.
        await ws.edit('spoke-b.vpc', SPOKE_B.replace('listener http 80', 'listener http 8080'));
        found = await expectSameAsFresh(ws);
        expect(codes(found, 'probes.vpc')).toEqual(['probe-expectation']);
        await ws.edit('spoke-b.vpc', SPOKE_B);
        await expectSameAsFresh(ws);

        // The gateway renamed, then a statement above it (its place changes): the spokes are linked again in full.
        await ws.edit('hub.vpc', HUB.replace('transit-gateway core', 'transit-gateway main'));
        found = await expectSameAsFresh(ws);
        expect(codes(found, 'spoke-a.vpc')).toContain('unresolved-reference');
        await ws.edit('hub.vpc', `vpc lab { cidr 172.16.0.0/16 }\n${HUB}`);
        await expectSameAsFresh(ws);
        expect(ws.relinked.has('spoke-a.vpc')).toBe(true);
        await ws.edit('hub.vpc', HUB);
        expect(Object.values(await expectSameAsFresh(ws)).flat()).toEqual([]);
    }, 60_000);

    it('equal a fresh build after random edits across the hub, the spokes and the probes', async () => {
        const names = Object.keys(FILES);
        const inserts = [
            '',
            'x',
            '\n',
            '}',
            'route 10.2.0.0/16 blackhole ',
            'route 10.1.0.0/16 -> spoke-a.core-att ',
            'route 10.0.0.0/8 -> core ',
            'subnets b1 ',
            'core',
            'listener http 81 -> app-b port 443 ',
            'transit-gateway edge region us-east-1\n',
            'probe app-b -> app-a tcp 443 expect accept\n'
        ];
        await fc.assert(
            fc.asyncProperty(
                fc.array(
                    fc.record({ file: fc.nat(names.length - 1), at: fc.nat(), cut: fc.nat(30), insert: fc.constantFrom(...inserts) }),
                    {
                        minLength: 1,
                        maxLength: 4
                    }
                ),
                async edits => {
                    const ws = await workspace(FILES);
                    for (const { file, at, cut, insert } of edits) {
                        const name = names[file]!;
                        const text = ws.texts[name]!;
                        const position = at % (text.length + 1);
                        await ws.edit(name, text.slice(0, position) + insert + text.slice(position + cut));
                        await expectSameAsFresh(ws);
                    }
                }
            ),
            {
                numRuns: Number(process.env.VPC_LAB_FUZZ_RUNS ?? 15),
                seed: process.env.VPC_LAB_FUZZ_SEED ? Number(process.env.VPC_LAB_FUZZ_SEED) : undefined
            }
        );
    }, 180_000);
});
