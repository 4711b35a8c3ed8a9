/**
 * A Reachability Analyzer path read back as a probe: the inverse of `planPath`, shared by the
 * CloudFormation and Terraform importers. The path names resources (an instance, an internet
 * gateway, an endpoint) and an address; what it cannot say (a probe to a service rather than to
 * its endpoint, the expectation, an S3 request) comes from what `vpc-lab export` kept beside it.
 */
import { makeId } from '../../model/ids.js';
import type { Probe, ProbeDestination, Topology } from '../../model/topology.js';
import type { ProbeDesign } from './export-plan.js';

export interface PathEnds {
    protocol: string;
    /** The element ids the path's source and destination resolve to. */
    source?: string;
    destination?: string;
    destinationIp?: string;
    port?: number;
    design: ProbeDesign;
}

/** The probe a path stands for, or why it cannot be one. */
export function probeFromPath(topology: Topology, name: string, path: PathEnds): Probe | { why: string } {
    const protocol = path.protocol.toLowerCase();
    if (protocol !== 'tcp' && protocol !== 'udp') return { why: `protocol ${path.protocol}: a path is TCP or UDP` };
    const kindOf = (id: string | undefined) =>
        id === undefined
            ? undefined
            : topology.instances.some(i => i.id === id)
              ? 'instance'
              : topology.gateways.some(g => g.id === id && g.kind === 'internet-gateway')
                ? 'internet-gateway'
                : [...topology.gatewayEndpoints, ...topology.interfaceEndpoints].some(e => e.id === id)
                  ? 'endpoint'
                  : 'other';
    const sourceKind = kindOf(path.source);
    let source: Probe['source'];
    if (sourceKind === 'instance') source = { kind: 'instance', instance: path.source };
    else if (sourceKind === 'internet-gateway') source = { kind: 'internet' };
    else return { why: 'its source is not an instance or an internet gateway of the import' };
    const design = path.design;
    const destinationKind = kindOf(path.destination);
    let destination: ProbeDestination;
    if (destinationKind === 'instance')
        destination =
            design.destination === 'public-dns'
                ? { kind: 'public-dns', instance: path.destination }
                : { kind: 'instance', instance: path.destination };
    else if (destinationKind === 'endpoint') {
        const endpoint = [...topology.gatewayEndpoints, ...topology.interfaceEndpoints].find(e => e.id === path.destination)!;
        if (design.destination === 'service')
            destination = {
                kind: 'service',
                service: design.service ?? endpoint.service,
                ...(design.serviceRegion ? { region: design.serviceRegion } : {})
            };
        else destination = { kind: 'endpoint', endpoint: endpoint.id, ...(design.az ? { az: design.az } : {}) };
    } else if (path.destinationIp !== undefined) {
        if (destinationKind === 'internet-gateway' || design.destination === 'internet')
            destination =
                design.destination === 'internet' && design.address === undefined
                    ? { kind: 'internet' }
                    : { kind: 'internet', address: design.address ?? path.destinationIp };
        else destination = { kind: 'address', address: path.destinationIp };
    } else return { why: 'its destination is not an instance, an endpoint or an address of the import' };
    if (source.kind === 'internet' && destination.kind !== 'instance' && destination.kind !== 'public-dns')
        return { why: 'a path from an internet gateway ends at an instance' };
    return {
        kind: 'probe',
        id: makeId('probe', name),
        name,
        text: `${name} (a Reachability Analyzer path)`,
        source,
        destination,
        protocol,
        ...(path.port !== undefined ? { port: path.port } : {}),
        ...(design.action && design.resource ? { request: { action: design.action, resource: design.resource } } : {}),
        ...(design.expect ? { expect: design.expect } : {})
    };
}

/** The design a path's `vpc-lab` metadata or tags keep, from `{ key: text }` (keys as `planPath` names them). */
export function probeDesign(read: (key: keyof ProbeDesign) => unknown): ProbeDesign {
    const design: ProbeDesign = {};
    const text = (key: keyof ProbeDesign) => {
        const value = read(key);
        return typeof value === 'string' ? value : undefined;
    };
    const destination = text('destination');
    if (destination === 'public-dns' || destination === 'service' || destination === 'internet' || destination === 'endpoint')
        design.destination = destination;
    const expect = text('expect');
    if (expect === 'accept' || expect === 'reject') design.expect = expect;
    for (const key of ['service', 'serviceRegion', 'az', 'address', 'action', 'resource'] as const) {
        const value = text(key);
        if (value !== undefined) design[key] = value;
    }
    return design;
}
