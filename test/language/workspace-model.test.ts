/**
 * The editor's model is kept per document and merged: after any sequence of edits it must equal
 * the model the command line builds from the same texts in one go, ids and findings included.
 */
import { EmptyFileSystemProvider, URI, type LangiumDocument } from 'langium';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTopology } from '../../src/checker/index.js';
import { toModel } from '../../src/language/to-model.js';
import { createVpcServices } from '../../src/language/vpc-module.js';
import { root } from '../cli/run.js';

/** Files in memory that an edit can change, read by Langium as from disk. */
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
    const { shared, Vpc } = createVpcServices({ fileSystemProvider: () => fs });
    const base = `file:///model${++workspaces}/`;
    const documents: LangiumDocument[] = [];
    for (const [name, text] of Object.entries(files)) {
        fs.files.set(`${base}${name}`, text);
        documents.push(await shared.workspace.LangiumDocuments.getOrCreateDocument(URI.parse(`${base}${name}`)));
    }
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    const model = Vpc.workspace.WorkspaceModel;
    return {
        model,
        documents: () => shared.workspace.LangiumDocuments.all.toArray(),
        async edit(name: string, text: string) {
            fs.files.set(`${base}${name}`, text);
            await shared.workspace.DocumentBuilder.update([URI.parse(`${base}${name}`)], []);
        }
    };
}

type Workspace = Awaited<ReturnType<typeof workspace>>;

/** The kept model equals a conversion of every document at once, and so do the checks' findings. */
function expectSameAsWhole(ws: Workspace): void {
    const snapshot = ws.model.get();
    const whole = toModel(ws.documents());
    expect(snapshot.topology).toEqual(whole.topology);
    for (const element of [...whole.topology.vpcs, ...whole.topology.subnets, ...whole.topology.instances, ...whole.topology.probes]) {
        const node = whole.nodes.get(element.id)!;
        expect(snapshot.nodes.get(element.id)).toBe(node);
        expect(snapshot.ids.get(node)).toBe(element.id);
    }
    const findings = [...snapshot.findings.values()]
        .flat()
        .map(f => `${f.code} ${f.elementId} ${f.message}`)
        .sort();
    expect(findings).toEqual(
        checkTopology(whole.topology)
            .filter(f => f.loc)
            .map(f => `${f.code} ${f.elementId} ${f.message}`)
            .sort()
    );
}

const examples = Object.fromEntries(
    readdirSync(join(root, 'examples'))
        .filter(f => f.endsWith('.vpc'))
        .map(f => [f, readFileSync(join(root, 'examples', f), 'utf8')])
);

const NETWORK = `account ops id "333333333333"
vpc app account ops {
  cidr 10.0.0.0/16
  subnet web az us-east-1a { cidr 10.0.1.0/24 route-table public }
  internet-gateway igw
  route-table public { route 0.0.0.0/0 -> igw  route 10.1.0.0/16 -> app-data }
  security-group web-sg { ingress tcp 443 from 0.0.0.0/0 }
  instance web-1 subnet web { ip 10.0.1.10 public-ip 54.0.0.1 security-groups web-sg }
}
`;
const DATA = `vpc data {
  cidr 10.1.0.0/16
  subnet db az us-east-1a { cidr 10.1.1.0/24 route-table db }
  route-table db { route 10.0.1.0/24 -> app-data }
  security-group db-sg { ingress tcp 5432 from sg app.web-sg }
  instance db-1 subnet db { ip 10.1.1.10 security-groups db-sg }
}
peering app-data requester app accepter data
probe web-1 -> db-1 tcp 5432 expect reject
`;

describe("the editor's model, kept per document", () => {
    it('equals the whole conversion on the examples', async () => {
        const ws = await workspace(examples);
        expectSameAsWhole(ws);
    });

    it('follows edits: in the document, in a document another one refers to, renames and removals', async () => {
        const ws = await workspace({ 'network.vpc': NETWORK, 'data.vpc': DATA, 'lab.vpc': 'vpc lab { cidr 172.16.0.1/16 }\n' });
        expectSameAsWhole(ws);
        const lab = ws.model.get().topology.vpcs.find(v => v.name === 'lab');
        // An edit inside one document: a document that neither changed nor refers to it is not converted again.
        await ws.edit('network.vpc', NETWORK.replace('10.0.1.10', '10.0.1.11'));
        expectSameAsWhole(ws);
        expect(ws.model.get().topology.vpcs.find(v => v.name === 'lab')).toBe(lab);
        // Its findings are kept, not lost: lab's block has host bits set.
        expect(
            [...ws.model.get().findings.values()]
                .flat()
                .filter(f => f.elementId === 'vpc:lab')
                .map(f => f.code)
        ).toEqual(['cidr-host-bits']);
        expect(ws.model.get().topology.instances.find(i => i.name === 'web-1')!.ip!.value).toBe('10.0.1.11');
        // The account renumbered: app's fragment reads it from another statement.
        await ws.edit('network.vpc', NETWORK.replace('333333333333', '444444444444'));
        expectSameAsWhole(ws);
        // The peer renamed: references in the other document now resolve elsewhere (or not at all).
        await ws.edit('data.vpc', DATA.replace(/vpc data/, 'vpc warehouse').replace('accepter data', 'accepter warehouse'));
        expectSameAsWhole(ws);
        expect(ws.model.get().topology.peerings[0]!.accepter).toBe('vpc:warehouse');
        // A name declared in both documents: converted as a whole (ids get #2), and back again.
        await ws.edit('data.vpc', `${DATA}\nvpc app { cidr 10.9.0.0/16 }\n`);
        expectSameAsWhole(ws);
        expect(ws.model.get().topology.vpcs.map(v => v.id)).toContain('vpc:app#2');
        await ws.edit('data.vpc', DATA);
        expectSameAsWhole(ws);
        // Broken text, then fixed.
        await ws.edit('network.vpc', NETWORK.slice(0, NETWORK.length / 2));
        expectSameAsWhole(ws);
        await ws.edit('network.vpc', NETWORK);
        expectSameAsWhole(ws);
    });

    it("a VPC's kept findings follow what they looked up elsewhere: the peer's return route, in a third document", async () => {
        const peering = 'peering app-data requester app accepter data\n';
        const data = DATA.replace('peering app-data requester app accepter data\n', '');
        const ws = await workspace({ 'network.vpc': NETWORK, 'data.vpc': data, 'peering.vpc': peering });
        expectSameAsWhole(ws);
        const missing = () =>
            [...ws.model.get().findings.values()]
                .flat()
                .filter(f => f.code === 'peering-missing-return-route')
                .map(f => f.elementId);
        expect(missing()).toEqual([]);
        // The peer drops its route back: app's route (in a document not edited) now has no return route.
        await ws.edit('data.vpc', data.replace('route 10.0.1.0/24 -> app-data', ''));
        expectSameAsWhole(ws);
        expect(missing()).toEqual(['route-table:app.public/1']);
        await ws.edit('data.vpc', data);
        expectSameAsWhole(ws);
        expect(missing()).toEqual([]);
        // The peering removed (its own document): data's rule naming app's group now names an unpeered VPC's.
        const unresolved = () =>
            [...ws.model.get().findings.values()]
                .flat()
                .filter(f => f.code === 'unresolved-reference')
                .map(f => f.elementId);
        expect(unresolved()).toEqual([]);
        await ws.edit('peering.vpc', '');
        expectSameAsWhole(ws);
        expect(unresolved()).toEqual(['security-group:data.db-sg/0.0']);
        await ws.edit('peering.vpc', peering);
        expectSameAsWhole(ws);
        expect(unresolved()).toEqual([]);
        // A second `vpc data` in another document, while the peering's document is linked again: the whole conversion, ids with #2.
        await ws.edit('network.vpc', `vpc data { cidr 10.5.0.0/16 }\n${NETWORK}`);
        expectSameAsWhole(ws);
        expect(ws.model.get().topology.vpcs.map(v => v.id)).toContain('vpc:data#2');
        await ws.edit('network.vpc', NETWORK);
        expectSameAsWhole(ws);
        expect(ws.model.get().topology.vpcs.map(v => v.id)).not.toContain('vpc:data#2');
    });

    const runs = {
        numRuns: Number(process.env.VPC_LAB_FUZZ_RUNS ?? 15),
        seed: process.env.VPC_LAB_FUZZ_SEED ? Number(process.env.VPC_LAB_FUZZ_SEED) : undefined
    };

    /** Random edits of `files` (cuts and insertions anywhere), then the kept model against the whole conversion. */
    function randomEdits(files: Record<string, string>, inserts: string[]) {
        const names = Object.keys(files);
        return fc.asyncProperty(
            fc.array(fc.record({ file: fc.nat(names.length - 1), at: fc.nat(), cut: fc.nat(40), insert: fc.constantFrom(...inserts) }), {
                minLength: 1,
                maxLength: 5
            }),
            async edits => {
                const texts = { ...files };
                const ws = await workspace(texts);
                for (const { file, at, cut, insert } of edits) {
                    const name = names[file]!;
                    const text = texts[name]!;
                    const position = at % (text.length + 1);
                    texts[name] = text.slice(0, position) + insert + text.slice(position + cut);
                    await ws.edit(name, texts[name]!);
                    expectSameAsWhole(ws);
                }
            }
        );
    }

    it('after random edits of the examples, equals the whole conversion', async () => {
        await fc.assert(randomEdits(examples, ['', 'x', ' ', '}', 'vpc app { cidr 10.0.0.0/16 }\n', 'web-1', '10.0.0.1/16', '\n']), runs);
    }, 120_000);

    it('after random edits across documents that refer to each other, equals the whole conversion', async () => {
        const files = {
            'network.vpc': NETWORK,
            'data.vpc': DATA.replace('peering app-data requester app accepter data\n', ''),
            'peering.vpc': 'peering app-data requester app accepter data\n',
            'lab.vpc': 'vpc lab { cidr 172.16.0.1/16 }\n'
        };
        await fc.assert(
            randomEdits(files, [
                '',
                'x',
                '\n',
                'route 10.0.1.0/24 -> app-data ',
                'route 10.2.0.0/16 -> app-data ',
                'cidr 10.1.0.0/16 ',
                'vpc data { cidr 10.5.0.0/16 }\n',
                'peering p2 requester lab accepter data\n',
                'subnet x az us-east-1a { cidr 10.1.9.0/24 } ',
                'data',
                'app'
            ]),
            runs
        );
    }, 120_000);
});
