/**
 * The printer: a topology as canonical `.vpc` text, laid out as the editor's formatter lays it
 * out, in a fixed order (accounts, VPCs with their members kind by kind, peerings, transit
 * gateways, TGW peerings, buckets, probes; each kind in the model's order). What AWS creates by itself (the main route table, the
 * default network ACL and security group, a group's default egress rule, the default account)
 * and every default value are left out, as a person would write them. It reads only the model:
 * importers build a model and print it; `printProblems` lists what the text cannot say.
 */
import { parseId } from '../model/ids.js';
import type { Topology, Vpc } from '../model/topology.js';
import { PrintContext, type Comments, type PrintProblem } from './context.js';
import { renderBody, renderDocument, withHeader, type Statement } from './layout.js';
import { printTransitGateway, printTransitGatewayPeering } from './hubs.js';
import { printVpc } from './vpc.js';
import { printAccount, printBucket, printPeering, printProbe } from './workspace.js';

export type { Comments, PrintProblem } from './context.js';
export { isWritableName } from './names.js';

export interface PrintOptions {
    /** Comment lines (text without the `//`) printed above an element, keyed by element id (only `get` is asked). */
    comments?: Comments;
    /** Comment lines at the top of the text (of every file, for `printFiles`). */
    header?: readonly string[];
}

/** The file that holds the workspace scope in `printFiles`. */
export const WORKSPACE_FILE = 'workspace.vpc';

/** The whole topology as one canonical text. */
export function printTopology(topology: Topology, options: PrintOptions = {}): string {
    const ctx = new PrintContext(topology, options.comments, false);
    const [head, tail] = workspaceStatements(ctx);
    return renderDocument(options.header, [...head, ...topology.vpcs.map(v => vpcStatement(v, ctx)), ...tail]);
}

/**
 * One text per VPC (`<vpc-name>.vpc`) plus `workspace.vpc` for the workspace scope (accounts,
 * peerings, transit gateways, buckets, probes), when it has any; references across files are qualified `vpc.name`.
 * File names are unique regardless of case; a clash gets `-2`, `-3`…
 */
export function printFiles(topology: Topology, options: PrintOptions = {}): Array<{ name: string; text: string }> {
    return printFilesChecked(topology, { ...options, header: () => options.header }).files;
}

/**
 * `printFiles` and `printProblems` in one pass over the topology (an import's largest cost after
 * reading): the header is made from the problems, which are known before any text is rendered.
 */
export function printFilesChecked(
    topology: Topology,
    options: { comments?: PrintOptions['comments']; header: (problems: PrintProblem[]) => readonly string[] | undefined }
): { files: Array<{ name: string; text: string }>; problems: PrintProblem[] } {
    const ctx = new PrintContext(topology, options.comments, true);
    const [head, tail] = workspaceStatements(ctx);
    // Each VPC's text is made at once, its statements let go: the header goes on top once the problems are all known.
    const vpcs = topology.vpcs.map(vpc => renderBody([vpcStatement(vpc, ctx)]));
    const problems = allProblems(ctx);
    const header = options.header(problems);
    const files: Array<{ name: string; text: string }> = [];
    const taken = new Set<string>();
    const claim = (stem: string) => {
        let name = `${stem}.vpc`;
        for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${stem}-${n}.vpc`;
        taken.add(name.toLowerCase());
        return name;
    };
    taken.add(WORKSPACE_FILE);
    if (head.length + tail.length > 0) files.push({ name: WORKSPACE_FILE, text: renderDocument(header, [...head, ...tail]) });
    topology.vpcs.forEach((vpc, i) => {
        files.push({ name: claim(vpc.name.replace(/[^A-Za-z0-9_-]+/g, '-') || 'vpc'), text: withHeader(header, vpcs[i]!) });
    });
    return { files, problems };
}

/** What the printed text cannot say about the topology, one problem per element and cause. */
export function printProblems(topology: Topology): PrintProblem[] {
    const ctx = new PrintContext(topology, undefined, false);
    workspaceStatements(ctx);
    topology.vpcs.forEach(v => vpcStatement(v, ctx));
    return allProblems(ctx);
}

/** The problems met while the statements were made, and those of the topology's shape. */
function allProblems(ctx: PrintContext): PrintProblem[] {
    const topology = ctx.topology;
    const vpcIds = new Set(topology.vpcs.map(v => v.id));
    const members = [
        topology.subnets,
        topology.routeTables,
        topology.gateways,
        topology.natGateways,
        topology.securityGroups,
        topology.networkAcls,
        topology.instances,
        topology.gatewayEndpoints,
        topology.interfaceEndpoints,
        topology.flowLogs,
        topology.transitGatewayAttachments,
        topology.loadBalancers,
        topology.endpointServices,
        topology.prefixLists
    ].flat();
    for (const member of members) {
        if (!vpcIds.has(member.vpc))
            ctx.problem(member.id, `${member.kind} ${member.name}: its VPC is not in the topology, so it is left out`);
    }
    for (const element of [
        ...topology.accounts,
        ...topology.vpcs,
        ...topology.peerings,
        ...topology.transitGateways,
        ...topology.transitGatewayPeerings,
        ...topology.buckets,
        ...members
    ]) {
        if (parseId(element.id)?.duplicate !== undefined)
            ctx.problem(element.id, `${element.kind} ${ctx.display(element.id)}: its name is declared more than once in its scope`);
    }
    const seen = new Set<string>();
    return ctx.problems.filter(p => {
        const key = `${p.elementId}\n${p.message}`;
        return seen.has(key) ? false : (seen.add(key), true);
    });
}

function vpcStatement(vpc: Vpc, ctx: PrintContext): Statement {
    return { ...printVpc(vpc, ctx), blankBefore: true };
}

/** The statements before the VPCs (accounts) and after them (peerings, transit gateways, buckets, probes). */
function workspaceStatements(ctx: PrintContext): [Statement[], Statement[]] {
    const t = ctx.topology;
    const group = <T extends { id: string }>(elements: readonly T[], print: (e: T, c: PrintContext) => Statement) =>
        elements.map((e, i) => ({ ...print(e, ctx), comments: ctx.commentsOf(e.id), blankBefore: i === 0 }));
    return [
        group(
            t.accounts.filter(a => !a.implicit),
            printAccount
        ),
        [
            ...group(t.peerings, printPeering),
            ...group(t.transitGateways, printTransitGateway),
            ...group(t.transitGatewayPeerings, printTransitGatewayPeering),
            ...group(t.buckets, printBucket),
            ...group(t.probes, printProbe)
        ]
    ];
}
