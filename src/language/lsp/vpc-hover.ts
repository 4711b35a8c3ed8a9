/**
 * Hovers that teach: every keyword explains its concept, a CIDR block or address gives its facts,
 * a name summarises what it names, and a probe shows its verdict and the deciding hop.
 */
import { AstUtils, CstUtils, GrammarAST, type AstNode, type CstNode, type LangiumDocument, type MaybePromise } from 'langium';
import { AstNodeHoverProvider, type LangiumServices } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import type { Subnet, Topology } from '../../model/topology.js';
import {
    contains,
    formatAddress,
    parseAddress,
    parseCidr,
    reservedAddresses,
    size as blockSize,
    usableAddresses,
    type Block
} from '../../simulator/cidr.js';
import { isProbe, isSubnet, isVpc } from '../generated/ast.js';
import type { VpcAddedServices } from '../vpc-module.js';
import type { WorkspaceModel } from '../workspace-model.js';
import type { Lookup } from '../to-model.js';
import { conceptMarkdown } from './concepts.js';
import { parseId } from '../../model/ids.js';
import { prefixListText, routeDestinationText } from '../../model/route-text.js';

/** Whether a token stands as a name or a reference (any word may), not as a keyword of the language. */
function isNameToken(leaf: CstNode): boolean {
    return AstUtils.getContainerOfType(leaf.grammarSource, GrammarAST.isParserRule)?.name === 'Name';
}

function markdown(value: string): Hover {
    return { contents: { kind: 'markdown', value } };
}

function count(n: bigint): string {
    return n.toLocaleString('en-US');
}

export class VpcHoverProvider extends AstNodeHoverProvider {
    private readonly model: WorkspaceModel;

    constructor(services: LangiumServices & VpcAddedServices) {
        super(services);
        this.model = services.workspace.WorkspaceModel;
    }

    override async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
        const root = document.parseResult?.value?.$cstNode;
        if (!root) return undefined;
        const leaf = CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(params.position));
        if (!leaf || leaf.hidden) return undefined;
        const token = (leaf as { tokenType?: { name: string } }).tokenType?.name;
        if (token === 'IPV4' || token === 'IPV6') return this.addressHover(leaf.text, leaf.astNode);
        if (leaf.text === 'probe' && isProbe(leaf.astNode)) return this.probeHover(leaf.astNode);
        // A keyword explains its concept; the same word as a name (a subnet called `public`) describes the element.
        const concept = token && token !== 'ID' && !isNameToken(leaf) ? conceptMarkdown(leaf.text) : undefined;
        if (concept) return markdown(concept);
        return super.getHoverContent(document, params);
    }

    /** A name: what the model knows of the element it declares or references. */
    protected override getAstNodeHoverContent(node: AstNode): MaybePromise<string | undefined> {
        const snapshot = this.model.get(node);
        const id = snapshot.ids.get(node);
        if (!id) return undefined;
        return describeElement(snapshot.topology, id);
    }

    private addressHover(text: string, context: AstNode): Hover | undefined {
        const snapshot = this.model.get(context);
        const block = parseCidr(text);
        if (block.ok) return markdown(describeBlock(block.value, context, snapshot.topology, snapshot.ids));
        const address = parseAddress(text);
        if (address.ok) {
            const vpcNode = AstUtils.getContainerOfType(context, isVpc);
            const owners = snapshot.topology.subnets.filter(
                s =>
                    (!vpcNode || s.vpc === snapshot.ids.get(vpcNode)) &&
                    [s.cidr, s.ipv6].some(c => {
                        const parsed = c && parseCidr(c.value);
                        return parsed?.ok && contains(parsed.value, address.value);
                    })
            );
            const enis = snapshot.topology.instances.filter(
                i => i.ip?.value === text || i.ipv6?.value === text || i.publicIp?.value === text
            );
            const lines = [`**${text}** (IPv${address.value.family} address)`];
            if (owners.length)
                lines.push(`In subnet ${owners.map(s => `\`${s.name}\` (${s.cidr?.value ?? s.ipv6?.value}, ${s.az})`).join(', ')}.`);
            if (enis.length) lines.push(`Held by ${enis.map(i => `\`${i.name}\``).join(', ')}.`);
            if (!owners.length && !enis.length) lines.push('No subnet or instance of the workspace holds it.');
            return markdown(lines.join('\n\n'));
        }
        return markdown(`**${text}** is not a valid ${text.includes('/') ? 'CIDR block' : 'address'}: ${block.problem.message}`);
    }

    private probeHover(node: AstNode): Hover | undefined {
        const result = this.model.simulate(node);
        if (!result) return markdown(conceptMarkdown('probe')!);
        const decisive = result.blockers[0];
        const head =
            result.verdict === 'ACCEPT' ? '**ACCEPT**' : `**REJECT ${result.reason}** at hop ${decisive!.hop + 1}: ${decisive!.detail}`;
        const hops = result.hops
            .map((h, i) => `${i + 1}. ${h.action === 'REJECT' ? '✗' : '✓'} ${h.kind} \`${h.name}\` — ${h.detail}`)
            .join('\n');
        return markdown(`${head}\n\n${hops}`);
    }
}

function describeBlock(block: Block, context: AstNode, topology: Topology, ids: Lookup<AstNode, string>): string {
    const size = blockSize(block);
    const lines = [
        `**${block.text}**: ${formatAddress(block.family, block.first)} – ${formatAddress(block.family, block.last)}, ${count(size)} addresses`
    ];
    const subnetNode = AstUtils.getContainerOfType(context, isSubnet);
    if (subnetNode) {
        const reserved = reservedAddresses(block);
        lines.push(
            `As a subnet: ${count(usableAddresses(block))} usable. AWS reserves:\n${reserved.map(r => `- ${formatAddress(block.family, r.value)}: ${r.role}`).join('\n')}`
        );
    }
    if (block.family === 6 && block.prefix <= 64)
        lines.push(`Holds ${count(1n << BigInt(64 - block.prefix))} /64 subnet${block.prefix === 64 ? '' : 's'}.`);
    const vpcNode = AstUtils.getContainerOfType(context, isVpc);
    const vpc = vpcNode ? topology.vpcs.find(v => v.id === ids.get(vpcNode)) : undefined;
    if (vpc && subnetNode) {
        const parent = [...vpc.cidrs, ...vpc.ipv6].map(c => parseCidr(c.value)).find(p => p.ok && contains(p.value, block));
        lines.push(parent?.ok ? `Inside VPC ${vpc.name}'s block ${parent.value.text}.` : `Not inside any block of VPC ${vpc.name}.`);
    }
    return lines.join('\n\n');
}

/** A short summary of a model element for a hover on its name. */
export function describeElement(topology: Topology, id: string): string | undefined {
    const find = <T extends { id: string }>(list: T[]) => list.find(e => e.id === id);
    const name = (otherId: string | undefined) =>
        (otherId
            ? [...topology.subnets, ...topology.routeTables, ...topology.networkAcls, ...topology.securityGroups, ...topology.vpcs].find(
                  e => e.id === otherId
              )?.name
            : undefined) ?? '?';
    const subnet = find(topology.subnets);
    if (subnet) return describeSubnet(subnet, topology, name);
    const vpc = find(topology.vpcs);
    if (vpc) {
        return `**VPC ${vpc.name}** — ${vpc.region}, account ${vpc.account}\n\nBlocks: ${[...vpc.cidrs, ...vpc.ipv6].map(c => c.value).join(', ') || 'none'}\n\n${topology.subnets.filter(s => s.vpc === vpc.id).length} subnets; DNS support ${vpc.dnsSupport ? 'on' : 'off'}, DNS hostnames ${vpc.dnsHostnames ? 'on' : 'off'}.`;
    }
    const table = find(topology.routeTables);
    if (table) {
        const owner = topology.vpcs.find(v => v.id === table.vpc);
        const local = owner ? [...owner.cidrs, ...owner.ipv6].map(c => `| ${c.value} | local |`) : [];
        const endpoints = topology.gatewayEndpoints
            .filter(e => e.routeTables.some(t => t.value === table.id))
            .map(e => `| ${prefixListText(e.service)} | ${e.name} |`);
        const routes = table.routes.map(
            r => `| ${routeDestinationText(r.destination)} | ${r.target ? (parseId(r.target.id)?.name ?? r.target.id) : '(missing)'} |`
        );
        return `**Route table ${table.name}**${table.main ? ' (main)' : ''}\n\n| destination | target |\n| --- | --- |\n${[...local, ...endpoints, ...routes].join('\n')}`;
    }
    const group = find(topology.securityGroups);
    if (group) {
        const rules = group.rules.map(
            r =>
                `- ${r.direction} ${r.protocol}${r.ports ? ` ${r.ports.from === r.ports.to ? r.ports.from : `${r.ports.from}-${r.ports.to}`}` : ''} ${r.direction === 'ingress' ? 'from' : 'to'} ${r.peer.kind === 'cidr' ? r.peer.cidr : r.peer.kind === 'sg' ? `sg ${name(r.peer.group)}` : prefixListText(r.peer.service)}${r.implicit ? ' (AWS default)' : ''}`
        );
        return `**Security group ${group.name}**\n\n${rules.join('\n') || 'No rules: nothing in, nothing out.'}`;
    }
    const peering = find(topology.peerings);
    if (peering) {
        const side = (vpcId: string | undefined) => {
            const v = topology.vpcs.find(x => x.id === vpcId);
            return v ? `${v.name} (${v.region}, account ${v.account})` : '?';
        };
        return `**Peering ${peering.name}**: ${side(peering.requester)} ↔ ${side(peering.accepter)}; DNS resolution ${peering.dnsResolution ? 'on' : 'off'}.`;
    }
    const instance = find(topology.instances);
    if (instance)
        return `**Instance ${instance.name}** in subnet ${name(instance.subnet)}: ${instance.ip?.value ?? 'an address from the subnet'}${instance.ipv6 ? `, ${instance.ipv6.value}` : ''}${instance.publicIp ? `, public ${instance.publicIp.value}` : ', no public IPv4'}; groups ${instance.securityGroups.map(name).join(', ')}.`;
    return undefined;
}

function describeSubnet(subnet: Subnet, topology: Topology, name: (id: string | undefined) => string): string {
    const block = subnet.cidr && parseCidr(subnet.cidr.value);
    const usable = block?.ok ? `, ${count(usableAddresses(block.value))} usable` : '';
    return `**Subnet ${subnet.name}** in ${subnet.az}: ${subnet.cidr?.value ?? 'no IPv4 block'}${usable}${subnet.ipv6 ? `, ${subnet.ipv6.value}` : ''}\n\nRoute table ${name(subnet.routeTable)}${subnet.routeTableExplicit ? '' : ' (the main table)'}; network ACL ${name(subnet.networkAcl)}. ${topology.instances.filter(i => i.subnet === subnet.id).length} instance(s).`;
}
