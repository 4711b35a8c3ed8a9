/**
 * Quick fixes for the diagnostics whose repair is certain: a block's network address for
 * `cidr-host-bits`, the gateway of the right family for `route-target-family`, and the return
 * route in each of the peer's route tables for `peering-missing-return-route`.
 */
import { AstUtils, GrammarUtils, type AstNode, type LangiumDocument, type MaybePromise } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type Position, type TextEdit } from 'vscode-languageserver-protocol';
import type { DiagnosticCode } from '../../model/codes.js';
import type { Topology } from '../../model/topology.js';
import { isNetworkAcl, isRouteTable, isSecurityGroup, isVpc } from '../generated/ast.js';
import type { VpcAddedServices } from '../vpc-module.js';
import type { WorkspaceModel } from '../workspace-model.js';

type Data = Record<string, unknown> | undefined;

/** The codes with a quick fix and what it does: the docs list them with their diagnostics. */
export const QUICK_FIXES: Partial<Record<DiagnosticCode, string>> = {
    'cidr-host-bits': 'Writes the network address of the block (10.0.1.7/24 → 10.0.1.0/24).',
    'route-target-family': "Points the route at the VPC's gateway of the right family: the egress-only internet gateway for IPv6, a NAT or internet gateway for IPv4.",
    'probe-expectation': 'For a probe expected to pass that security groups or network ACLs block: adds the narrowest rule to each group or ACL that refused it (an ACL entry numbered before the one that denied), so the probe passes.',
    'interface-endpoint-single-az': 'Adds a subnet of the VPC in another Availability Zone to the endpoint, when the VPC has one.',
    'peering-missing-return-route': "Adds the return route through the peering to each of the peer's route tables that lack it, making an implicit main table explicit when needed."
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
                return { title: `Use the network address ${network}`, edit: { changes: { [uri]: [{ range: diagnostic.range, newText: network }] } } };
            }
            case 'route-target-family': {
                const replacement = data?.replacement;
                if (typeof replacement !== 'string') return undefined;
                return { title: `Send it to ${replacement}`, edit: { changes: { [uri]: [{ range: diagnostic.range, newText: replacement }] } } };
            }
            case 'peering-missing-return-route':
                return this.returnRoute(data);
            case 'interface-endpoint-single-az':
                return this.secondAz(data);
            case 'probe-expectation':
                return this.probeRemedies(data);
            default:
                return undefined;
        }
    }

    /** One rule per blocker on the probe's path, each in the security group or network ACL that refused it. */
    private probeRemedies(data: Data): Omit<CodeAction, 'kind'> | undefined {
        const remedies = data?.remedies;
        if (!Array.isArray(remedies) || remedies.length === 0) return undefined;
        const { nodes } = this.model.get();
        const changes: Record<string, TextEdit[]> = {};
        for (const remedy of remedies as Array<{ element?: unknown; rule?: unknown }>) {
            const owner = typeof remedy.element === 'string' ? nodes.get(remedy.element) : undefined;
            if (!owner || !(isSecurityGroup(owner) || isNetworkAcl(owner)) || typeof remedy.rule !== 'string') return undefined;
            const edit = owner.$cstNode && !GrammarUtils.findNodeForKeyword(owner.$cstNode, '{')
                ? { uri: uriOf(owner), edit: insertAt(owner.$cstNode.range.end, ` { ${remedy.rule} }`) }
                : insertBeforeClose(owner, remedy.rule);
            if (!edit) return undefined;
            (changes[edit.uri] ??= []).push(edit.edit);
        }
        const rules = (remedies as Array<{ rule: string }>).map(r => `\`${r.rule}\``).join(' and ');
        return { title: `Make the probe pass: add ${rules}`, edit: { changes } };
    }

    private secondAz(data: Data): Omit<CodeAction, 'kind'> | undefined {
        const subnet = data?.subnet;
        const endpoint = this.model.get().topology.interfaceEndpoints.find(e => e.id === data?.endpoint);
        const last = endpoint?.subnets.at(-1)?.loc;
        if (typeof subnet !== 'string' || !last) return undefined;
        return { title: `Add subnet ${subnet} (another Availability Zone)`, edit: { changes: { [last.uri]: [insertAt(last.range.end, `, ${subnet}`)] } } };
    }

    private returnRoute(data: Data): Omit<CodeAction, 'kind'> | undefined {
        const tables = data?.returnTables, destination = data?.returnDestination, peeringId = data?.peering;
        if (!Array.isArray(tables) || typeof destination !== 'string' || typeof peeringId !== 'string') return undefined;
        const { topology, nodes } = this.model.get();
        const peering = topology.peerings.find(p => p.id === peeringId);
        if (!peering) return undefined;
        const route = `route ${destination} -> ${peering.name}`;
        const changes: Record<string, TextEdit[]> = {};
        for (const tableId of tables) {
            const edit = typeof tableId === 'string' ? returnRouteEdit(topology, nodes, tableId, route) : undefined;
            if (!edit) return undefined;
            (changes[edit.uri] ??= []).push(edit.edit);
        }
        return { title: `Add the return route \`${route}\` to ${tables.length === 1 ? 'the peer\'s route table' : `${tables.length} route tables of the peer`}`, edit: { changes } };
    }
}

/** Where the route goes: inside the table's braces, or a new explicit main table for a VPC whose main table is implicit. */
function returnRouteEdit(topology: Topology, nodes: ReadonlyMap<string, AstNode>, tableId: string, route: string): { uri: string; edit: TextEdit } | undefined {
    const tableNode = nodes.get(tableId);
    if (tableNode && isRouteTable(tableNode)) {
        const cst = tableNode.$cstNode;
        if (!cst) return undefined;
        if (!GrammarUtils.findNodeForKeyword(cst, '{')) return { uri: uriOf(tableNode), edit: insertAt(cst.range.end, ` { ${route} }`) };
        return insertBeforeClose(tableNode, route);
    }
    const table = topology.routeTables.find(t => t.id === tableId);
    const vpcNode = table && nodes.get(table.vpc);
    if (!table?.main || !vpcNode || !isVpc(vpcNode)) return undefined;
    return insertBeforeClose(vpcNode, `route-table ${table.name} main { ${route} }`);
}

/** Inserts `line` as the last member of a braced block: on its own line when the block spans lines, else before the brace. */
function insertBeforeClose(node: AstNode, line: string): { uri: string; edit: TextEdit } | undefined {
    const cst = node.$cstNode;
    const close = cst && GrammarUtils.findNodesForKeyword(cst, '}').at(-1);
    if (!cst || !close) return undefined;
    const document = AstUtils.getDocument(node);
    const uri = document.uri.toString();
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

function uriOf(node: AstNode): string {
    return AstUtils.getDocument(node).uri.toString();
}
