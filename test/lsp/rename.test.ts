/** Rename across files: qualified references stay qualified, VPC names follow into them, clashes are refused. */
import { EmptyFileSystem } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import { afterEach, describe, expect, it } from 'vitest';
import { ResponseError, type Position } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createVpcLspServices } from '../../src/language-server/vpc-lsp-module.js';

const services = createVpcLspServices(EmptyFileSystem).Vpc;
const parse = parseHelper(services);

afterEach(() => clearDocuments(services.shared));

const NETWORK = `vpc app {
  cidr 10.0.0.0/16
  subnet web az us-east-1a { cidr 10.0.1.0/24 route-table public }
  internet-gateway igw
  nat-gateway nat subnet web
  route-table public { route 0.0.0.0/0 -> igw }
  instance web-1 subnet web
}
`;
const OTHER = 'probe app.web-1 -> internet 8.8.8.8 tcp 443\n';

async function setUp() {
    const network = await parse(NETWORK, { documentUri: 'file:///ws/network.vpc' });
    const other = await parse(OTHER, { documentUri: 'file:///ws/probes.vpc' });
    await services.shared.workspace.DocumentBuilder.build([network, other], { validation: true });
    return { network, other };
}

function at(text: string, needle: string, delta = 0): Position {
    const offset = text.indexOf(needle) + delta;
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1, character: before.at(-1)!.length };
}

async function rename(document: Awaited<ReturnType<typeof setUp>>['network'], position: Position, newName: string) {
    return services.lsp.RenameProvider!.rename(document, { textDocument: { uri: document.uri.toString() }, position, newName });
}

function apply(text: string, uri: string, edit: Awaited<ReturnType<typeof rename>>): string {
    return TextDocument.applyEdits(TextDocument.create(uri, 'vpc', 1, text), edit?.changes?.[uri] ?? []);
}

describe('rename', () => {
    it('renames an instance in every file and keeps the qualified reference qualified', async () => {
        const { network, other } = await setUp();
        const edit = await rename(network, at(NETWORK, 'web-1', 1), 'web-2');
        expect(apply(NETWORK, network.uri.toString(), edit)).toContain('instance web-2 subnet web');
        expect(apply(OTHER, other.uri.toString(), edit)).toBe('probe app.web-2 -> internet 8.8.8.8 tcp 443\n');
    });

    it('carries a VPC rename into the qualified names of its members', async () => {
        const { network, other } = await setUp();
        const edit = await rename(network, at(NETWORK, 'app', 1), 'shop');
        expect(apply(NETWORK, network.uri.toString(), edit).split('\n')[0]).toBe('vpc shop {');
        expect(apply(OTHER, other.uri.toString(), edit)).toBe('probe shop.web-1 -> internet 8.8.8.8 tcp 443\n');
    });

    it('refuses a name another element of the namespace has, and a text that is not a name', async () => {
        const { network } = await setUp();
        // The internet gateway, NAT gateway and instances of a VPC share one namespace.
        await expect(rename(network, at(NETWORK, 'igw', 1), 'nat')).rejects.toThrow(/nat-gateway nat already exists/);
        await expect(rename(network, at(NETWORK, 'igw', 1), 'nat')).rejects.toBeInstanceOf(ResponseError);
        await expect(rename(network, at(NETWORK, 'igw', 1), '10.0.0.0')).rejects.toThrow(/is not a name/);
        // A subnet and a route table may share a name: references are typed.
        const edit = await rename(network, at(NETWORK, 'subnet web', 8), 'public');
        expect(apply(NETWORK, network.uri.toString(), edit)).toContain('subnet public az us-east-1a');
    });
});
