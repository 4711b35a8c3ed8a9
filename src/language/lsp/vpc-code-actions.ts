/**
 * Quick fixes for the diagnostics whose repair is certain (listed in QUICK_FIXES): each reads the
 * data the check attached to its finding and edits the source where the model element lives.
 */
import { AstUtils, GrammarUtils, type AstNode, type LangiumDocument, type MaybePromise } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import {
    CodeActionKind,
    type CodeAction,
    type CodeActionParams,
    type Diagnostic,
    type Position,
    type TextEdit
} from 'vscode-languageserver';
import type { DiagnosticCode } from '../../model/codes.js';
import type { Topology } from '../../model/topology.js';
import { isNetworkAcl, isRouteTable, isSecurityGroup, isVpc } from '../generated/ast.js';
import type { VpcAddedServices } from '../vpc-module.js';
import type { WorkspaceModel } from '../workspace-model.js';
import type { Lookup } from '../to-model.js';

type Data = Record<string, unknown> | undefined;

/** The codes with a quick fix and what it does: the docs list them with their diagnostics. */
export const QUICK_FIXES: Partial<Record<DiagnosticCode, string>> = {
    'cidr-host-bits': 'Writes the network address of the block (10.0.1.7/24 → 10.0.1.0/24).',
    'route-target-family':
        "Points the route at the VPC's gateway of the right family: the egress-only internet gateway for IPv6, a NAT or internet gateway for IPv4.",
    'probe-expectation':
        'For a probe expected to pass that security groups or network ACLs block: adds the narrowest rule to each group or ACL that refused it (an ACL entry numbered before the one that denied), so the probe passes.',
    'interface-endpoint-single-az': 'Adds a subnet of the VPC in another Availability Zone to the endpoint, when the VPC has one.',
    'peering-missing-return-route':
        "Adds the return route through the peering to each of the peer's route tables that lack it, making an implicit main table explicit when needed.",
    'tgw-missing-return-route':
        'Adds the return route through the transit gateway to each route table of the destination that lacks it, making an implicit main table explicit when needed.',
    'tgw-attachment-missing-az': 'Adds a subnet of the missing Availability Zone to the transit gateway attachment.'
};

export class VpcCodeActionProvider implements CodeActionProvider {
    private readonly model: WorkspaceModel;

    constructor(services: VpcAddedServices) {
        this.model = services.workspace.WorkspaceModel;
    }

    getCodeActions(document: LangiumDocument, params: CodeActionParams): MaybePromise<CodeAction[]> {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            const data = diagnostic.data as Data;
            const action = this.fix(document, diagnostic, data);
            if (action) actions.push({ ...action, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true });
        }
        return actions;
    }

    private fix(document: LangiumDocument, diagnostic: Diagnostic, data: Data): Omit<CodeAction, 'kind'> | undefined {
        const uri = document.uri.toString();
        switch (diagnostic.code) {
            case 'cidr-host-bits': {
                const network = data?.network;
                if (typeof network !== 'string') return undefined;
                return {
                    title: `Use the network address ${network}`,
                    edit: { changes: { [uri]: [{ range: diagnostic.range, newText: network }] } }
                };
            }
            case 'route-target-family': {
                const replacement = data?.replacement;
                if (typeof replacement !== 'string') return undefined;
                return {
                    title: `Send it to ${replacement}`,
                    edit: { changes: { [uri]: [{ range: diagnostic.range, newText: replacement }] } }
                };
            }
            case 'peering-missing-return-route':
                return this.returnRoute(data, document);
            case 'tgw-missing-return-route':
                return this.tgwReturnRoute(data, document);
            case 'tgw-attachment-missing-az':
                return this.attachmentZone(data, document);
            case 'interface-endpoint-single-az':
                return this.secondAz(data, document);
            case 'probe-expectation':
                return this.probeRemedies(data, document);
            default:
                return undefined;
        }
    }

    /** One rule per blocker on the probe's path, each in the security group or network ACL that refused it. */
    private probeRemedies(data: Data, document: LangiumDocument): Omit<CodeAction, 'kind'> | undefined {
        const remedies = data?.remedies;
        if (!Array.isArray(remedies) || remedies.length === 0) return undefined;
        const { nodes } = this.model.get(document);
        const changes = collect(
            (remedies as Array<{ element?: unknown; rule?: unknown }>).map(remedy => {
                const owner = typeof remedy.element === 'string' ? nodes.get(remedy.element) : undefined;
                if (!owner || !(isSecurityGroup(owner) || isNetworkAcl(owner)) || typeof remedy.rule !== 'string') return undefined;
                return addMember(owner, remedy.rule);
            })
        );
        if (!changes) return undefined;
        const rules = (remedies as Array<{ rule: string }>).map(r => `\`${r.rule}\``).join(' and ');
        return { title: `Make the probe pass: add ${rules}`, edit: { changes } };
    }

    private secondAz(data: Data, document: LangiumDocument): Omit<CodeAction, 'kind'> | undefined {
        const subnet = data?.subnet;
        const endpoint = this.model.get(document).topology.interfaceEndpoints.find(e => e.id === data?.endpoint);
        const last = endpoint?.subnets.at(-1)?.loc;
        if (typeof subnet !== 'string' || !last) return undefined;
        return {
            title: `Add subnet ${subnet} (another Availability Zone)`,
            edit: { changes: { [last.uri]: [insertAt(last.range.end, `, ${subnet}`)] } }
        };
    }

    private attachmentZone(data: Data, document: LangiumDocument): Omit<CodeAction, 'kind'> | undefined {
        const subnet = data?.subnet;
        const attachment = this.model.get(document).topology.transitGatewayAttachments.find(a => a.id === data?.attachment);
        const last = attachment?.subnets.at(-1)?.loc;
        if (typeof subnet !== 'string' || !last) return undefined;
        return {
            title: `Add subnet ${subnet} to the attachment (its Availability Zone has none)`,
            edit: { changes: { [last.uri]: [insertAt(last.range.end, `, ${subnet}`)] } }
        };
    }

    private tgwReturnRoute(data: Data, document: LangiumDocument): Omit<CodeAction, 'kind'> | undefined {
        const tables = data?.returnTables,
            destination = data?.returnDestination,
            tgwId = data?.transitGateway;
        if (!Array.isArray(tables) || typeof destination !== 'string' || typeof tgwId !== 'string') return undefined;
        const { topology, nodes } = this.model.get(document);
        const tgw = topology.transitGateways.find(t => t.id === tgwId);
        if (!tgw) return undefined;
        const route = `route ${destination} -> ${tgw.name}`;
        const changes = collect(
            tables.map(tableId => (typeof tableId === 'string' ? returnRouteEdit(topology, nodes, tableId, route) : undefined))
        );
        if (!changes) return undefined;
        return {
            title: `Add the return route \`${route}\` to ${tables.length === 1 ? 'the route table that lacks it' : `${tables.length} route tables`}`,
            edit: { changes }
        };
    }

    private returnRoute(data: Data, document: LangiumDocument): Omit<CodeAction, 'kind'> | undefined {
        const tables = data?.returnTables,
            destination = data?.returnDestination,
            peeringId = data?.peering;
        if (!Array.isArray(tables) || typeof destination !== 'string' || typeof peeringId !== 'string') return undefined;
        const { topology, nodes } = this.model.get(document);
        const peering = topology.peerings.find(p => p.id === peeringId);
        if (!peering) return undefined;
        const route = `route ${destination} -> ${peering.name}`;
        const changes = collect(
            tables.map(tableId => (typeof tableId === 'string' ? returnRouteEdit(topology, nodes, tableId, route) : undefined))
        );
        if (!changes) return undefined;
        return {
            title: `Add the return route \`${route}\` to ${tables.length === 1 ? "the peer's route table" : `${tables.length} route tables of the peer`}`,
            edit: { changes }
        };
    }
}

/** Where the route goes: inside the table's braces, or a new explicit main table for a VPC whose main table is implicit. */
function returnRouteEdit(topology: Topology, nodes: Lookup<string, AstNode>, tableId: string, route: string): FileEdit | undefined {
    const tableNode = nodes.get(tableId);
    if (tableNode && isRouteTable(tableNode)) return addMember(tableNode, route);
    const table = topology.routeTables.find(t => t.id === tableId);
    const vpcNode = table && nodes.get(table.vpc);
    if (!table?.main || !vpcNode || !isVpc(vpcNode)) return undefined;
    return addMember(vpcNode, `route-table ${table.name} main { ${route} }`);
}

type FileEdit = { uri: string; edit: TextEdit };

/** The edits grouped by document, or undefined when any of them could not be made (the fix would be partial). */
function collect(edits: Array<FileEdit | undefined>): Record<string, TextEdit[]> | undefined {
    const changes: Record<string, TextEdit[]> = {};
    for (const edit of edits) {
        if (!edit) return undefined;
        (changes[edit.uri] ??= []).push(edit.edit);
    }
    return changes;
}

/**
 * Adds `line` as the last member of a block: `{ line }` after a resource written without braces,
 * on its own line when the block spans lines, else before the closing brace.
 */
function addMember(node: AstNode, line: string): FileEdit | undefined {
    const cst = node.$cstNode;
    if (!cst) return undefined;
    const document = AstUtils.getDocument(node);
    const uri = document.uri.toString();
    if (!GrammarUtils.findNodeForKeyword(cst, '{')) return { uri, edit: insertAt(cst.range.end, ` { ${line} }`) };
    const close = GrammarUtils.findNodesForKeyword(cst, '}').at(-1);
    if (!close) return undefined;
    const start = close.range.start;
    if (start.line === cst.range.start.line) return { uri, edit: insertAt(start, `${line} `) };
    const indent = ' '.repeat(cst.range.start.character + 2);
    const before = document.textDocument.getText({ start: { line: start.line, character: 0 }, end: start });
    return before.trim() === ''
        ? { uri, edit: insertAt({ line: start.line, character: 0 }, `${indent}${line}\n`) }
        : { uri, edit: insertAt(start, `\n${indent}${line}\n${' '.repeat(cst.range.start.character)}`) };
}

function insertAt(position: Position, newText: string): TextEdit {
    return { range: { start: position, end: position }, newText };
}
