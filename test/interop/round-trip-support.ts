/**
 * import(export(x)) compared with x: the design's own verdicts (its probes, its matrix) against
 * those of the imported model, with the design's element ids carried over to the names the import
 * gives them (CloudFormation: the logical IDs the export chose).
 */
import { kindOfId, makeId, parseId } from '../../src/model/ids.js';
import type { Probe, Topology } from '../../src/model/topology.js';
import { compile } from '../../src/simulator/compile.js';
import { computeMatrix, type Matrix } from '../../src/simulator/matrix.js';
import { simulate } from '../../src/simulator/simulate.js';
import { allElements } from '../../src/simulator/topology-index.js';
import type { NotExported } from '../../src/interop/common/export-plan.js';
import { expect } from 'vitest';

/** Design element id → the id the import gives it. */
export type Rename = (id: string) => string;

/** The rename for a CloudFormation export: kind kept, the element and its VPC named by their logical IDs. */
export function byLogicalIds(design: Topology, logicalIds: ReadonlyMap<string, { id: string }>): Rename {
    const vpcOf = new Map<string, string>();
    for (const element of allElements(design)) if ('vpc' in element && typeof element.vpc === 'string') vpcOf.set(element.id, element.vpc);
    return id => {
        const logical = logicalIds.get(id)?.id;
        if (!logical) return id;
        const kind = parseId(id)?.kind ?? id.split(':')[0]!;
        const vpc = vpcOf.get(id);
        return makeId(kind, logical, vpc ? (logicalIds.get(vpc)?.id ?? vpc) : undefined);
    };
}

/**
 * The rename for a Terraform export: each element to the imported element made from the same
 * resource, found by the import's origins (the resource address): the import's naming rules
 * (keywords, clashes) then need no repeating here.
 */
export function byOrigins(
    design: Topology,
    resourceNames: ReadonlyMap<string, { id: string }>,
    origins: ReadonlyMap<string, string>
): Rename {
    // An import of several root modules names each address with its root's folder first (`folder/aws_x.name`).
    const imported = new Map<string, string>();
    for (const [id, origin] of origins) {
        const address = origin.split(' ')[0]!;
        const folder = address.includes('/') ? `${address.slice(0, address.indexOf('/'))}/` : '';
        imported.set(`${kindOfId(id)} ${folder}${address.split('.').pop()}`, id);
    }
    const fallback = byLogicalIds(design, resourceNames);
    return id => {
        const exported = resourceNames.get(id);
        const found =
            exported &&
            (imported.get(`${kindOfId(id)} ${'folder' in exported ? `${String(exported.folder)}/` : ''}${exported.id}`) ??
                imported.get(`${kindOfId(id)} ${exported.id}`));
        return found ?? fallback(id);
    };
}

function renameProbe(probe: Probe, rename: Rename): Probe {
    const source =
        probe.source.kind === 'instance' && probe.source.instance
            ? { ...probe.source, instance: rename(probe.source.instance) }
            : probe.source;
    const d = probe.destination;
    const destination =
        (d.kind === 'instance' || d.kind === 'public-dns') && d.instance
            ? { ...d, instance: rename(d.instance) }
            : d.kind === 'endpoint' && d.endpoint
              ? { ...d, endpoint: rename(d.endpoint) }
              : d.kind === 'load-balancer' && d.loadBalancer
                ? { ...d, loadBalancer: rename(d.loadBalancer) }
                : d;
    return { ...probe, source, destination };
}

/** The design's probes run on the import (renamed): their verdicts and reasons. */
export function designProbesOn(after: Topology, design: Topology, rename: Rename): string[] {
    return simulate({ ...after, probes: design.probes.map(p => renameProbe(p, rename)) }).map(r => `${r.verdict} ${r.reason ?? ''}`);
}

export function verdictsOf(topology: Topology): string[] {
    return simulate(topology).map(r => `${r.verdict} ${r.reason ?? ''}`);
}

/**
 * The matrix with its instance and target labels (`vpc.name`) as the import names them, the
 * rows and columns in label order (services sort by name, which the import changes).
 */
export function matrixOf(topology: Topology, rename: Rename = id => id): Matrix {
    const matrix = computeMatrix(compile(topology));
    const qualified = (id: string) => {
        const parsed = parseId(rename(id))!;
        return `${parsed.vpc}.${parsed.name}`;
    };
    const label = new Map(topology.instances.map(i => [`${parseId(i.vpc)!.name}.${i.name}`, qualified(i.id)]));
    for (const lb of topology.loadBalancers)
        label.set(`load-balancer ${parseId(lb.vpc)!.name}.${lb.name}`, `load-balancer ${qualified(lb.id)}`);
    for (const s of topology.endpointServices) label.set(`${parseId(s.vpc)!.name}.${s.name}`, qualified(s.id));
    const targets = matrix.targets.map(l => label.get(l) ?? l);
    const order = targets.map((_, i) => i).sort((a, b) => targets[a]!.localeCompare(targets[b]!));
    // Rows (and the instance columns) in label order too: an import of several folders lists them in its own order.
    const instances = matrix.instances.map(l => label.get(l) ?? l);
    const rows = instances.map((_, i) => i).sort((a, b) => instances[a]!.localeCompare(instances[b]!));
    const n = matrix.instances.length;
    return {
        ...matrix,
        instances: rows.map(i => instances[i]!),
        targets: order.map(i => targets[i]!),
        cells: rows.map(r => matrix.cells[r]!).map(row => [...rows.map(i => row[i]!), ...order.map(i => row[n + i]!)])
    };
}

/**
 * What an export lists as not exported because AWS (or the format) cannot express it: the random
 * designs are compared without these parts. Anything else an export leaves out fails the property.
 * Probes are not here: a probe Reachability Analyzer cannot take is still compared, run on the import.
 */
export const NOT_EXPRESSIBLE: readonly RegExp[] = [
    // A flow log without a destination: AWS requires one (LogDestination or a log group).
    /^it has no destination$/,
    // An endpoint service without a load balancer: AWS requires a Network (or Gateway) Load Balancer.
    /^its network load balancer does not resolve$/,
    // AWS::EC2::VPCPeeringConnection has no DNS options (CloudFormation only).
    /^dns-resolution on: CloudFormation has no property for a peering's DNS options/,
    // A target group has one target type; the language lets a listener mix instances and addresses.
    /^a listener mixes instance and IP targets/
];

/** The parts of `design` the export left out, probes aside; each must be on the NOT_EXPRESSIBLE list. */
export function unexpressible(design: Topology, notExported: readonly NotExported[]): NotExported[] {
    const parts = notExported.filter(n => !design.probes.some(p => p.loc === n.loc));
    for (const n of parts)
        expect(
            NOT_EXPRESSIBLE.some(r => r.test(n.why)),
            `${n.element}: ${n.why}`
        ).toBe(true);
    return parts;
}

/**
 * The random properties' runs: a few by default, so that they run in `npm test`; ROUND_TRIP_RUNS and
 * ROUND_TRIP_SEED to search further (fast-check prints the seed and path of a failure to replay it).
 */
export function propertyRuns(): { numRuns: number; seed: number; maxSkipsPerRun: number } {
    return {
        numRuns: Number(process.env.ROUND_TRIP_RUNS ?? 10),
        seed: Number(process.env.ROUND_TRIP_SEED ?? 42),
        maxSkipsPerRun: 20
    };
}

/** The kinds of the language's second version, which the random designs compared must include. */
export const NEW_KINDS = [
    'transitGateways',
    'transitGatewayAttachments',
    'transitGatewayPeerings',
    'loadBalancers',
    'endpointServices',
    'prefixLists'
] as const;
