/**
 * What a probe's destination resolves to from its source, as the Amazon DNS server would answer:
 * a service's default name (overridden by an interface endpoint's private DNS inside its own VPC),
 * an endpoint's regional and zonal names, and instances' public DNS names (private across a
 * peering with DNS resolution on).
 */
import { assertNever } from '../model/assert-never.js';
import type { RejectReason } from '../model/reasons.js';
import type { Probe } from '../model/topology.js';
import { addrOf, formatAddr, type Addr } from './cidr.js';
import { resolveLoadBalancer } from './load-balancers.js';
import { representativeInternetAddress, serviceAddress, type CEni, type CInterfaceEndpoint, type Compiled } from './compile.js';

export interface Destination {
    addr: Addr;
    /** The ENI behind the address, when the simulator knows it (for security-group references). */
    eni?: CEni;
    /** Set when the destination is an AWS service endpoint reached by its public address. */
    service?: { service: string; region: string };
    /** The name looked up and, built only when a trace is wanted, what it resolved to. */
    dns?: { name: string; detail: () => string };
}

export interface Unresolved {
    reason: RejectReason;
    name: string;
    detail: string;
    dns?: { name: string; detail: () => string };
}

function publicDnsName(addr: number, region: string): string {
    const dashed = formatAddr(addr).replace(/\./g, '-');
    return region === 'us-east-1' ? `ec2-${dashed}.compute-1.amazonaws.com` : `ec2-${dashed}.${region}.compute.amazonaws.com`;
}

function endpointEni(endpoint: CInterfaceEndpoint, az: string | undefined): CEni | undefined {
    return endpoint.enis.find(e => e.subnet.model.az === az) ?? (az === undefined ? endpoint.enis[0] : undefined);
}

function vpceName(endpoint: CInterfaceEndpoint, az?: string): string {
    const id = `vpce-${endpoint.enis[0]?.eniId.slice(4) ?? '0'}`;
    return `${id}${az ? `-${az}` : ''}.${endpoint.model.service}.${endpoint.model.region}.vpce.amazonaws.com`;
}

/** Private addresses are found by the routing; this only tells which ENI an address names, for group references. */
function eniByAddress(compiled: Compiled, source: CEni, addr: Addr): CEni | undefined {
    const own = source.subnet.vpc.enis.get(addr);
    if (own) return own;
    for (const peering of compiled.index.vpcs.get(source.subnet.vpc.model.id)?.peerings ?? []) {
        const peer = compiled.vpcs.get(compiled.index.peerOf(peering, source.subnet.vpc.model.id) ?? '');
        const eni = peer?.enis.get(addr);
        if (eni) return eni;
    }
    return typeof addr === 'number' ? compiled.publicIps.get(addr) : undefined;
}

export function resolveDestination(compiled: Compiled, probe: Probe, source: CEni): Destination | Unresolved {
    const vpc = source.subnet.vpc;
    const d = probe.destination;
    switch (d.kind) {
        case 'instance': {
            const eni = compiled.enisByOwner.get(d.instance ?? '')?.[0];
            if (!eni) return { reason: 'NO_ROUTE', name: '?', detail: 'the destination instance has no ENI' };
            const addr = eni.ipv4 ?? eni.ipv6;
            if (addr === undefined) return { reason: 'NO_ROUTE', name: eni.name, detail: `${eni.name} has no address` };
            return { addr, eni };
        }
        case 'address':
        case 'internet': {
            if (d.address === undefined)
                return { addr: representativeInternetAddress(source.ipv4 === undefined && source.ipv6 !== undefined ? 6 : 4) };
            const addr = addrOf(d.address);
            if (addr === undefined) return { reason: 'NO_ROUTE', name: d.address, detail: `'${d.address}' is not an address` };
            return { addr, eni: d.kind === 'address' ? eniByAddress(compiled, source, addr) : undefined };
        }
        case 'service': {
            const region = d.region ?? vpc.model.region;
            const name = `${d.service}.${region}.amazonaws.com`;
            const endpoint =
                region === vpc.model.region
                    ? vpc.interfaceEndpoints.find(
                          e => e.model.service === d.service && e.model.privateDns && e.enis.some(x => x.ipv4 !== undefined)
                      )
                    : undefined;
            // The regional name answers with every ENI's address; a client in an AZ with one uses it.
            const eni = endpoint && (endpointEni(endpoint, source.subnet.model.az) ?? endpoint.enis.find(x => x.ipv4 !== undefined));
            const eniAddr = eni?.ipv4;
            if (endpoint && eni && eniAddr !== undefined) {
                return {
                    addr: eniAddr,
                    eni,
                    dns: {
                        name,
                        detail: () =>
                            `${name} resolves to ${formatAddr(eniAddr)}: private DNS of interface endpoint ${endpoint.model.name} overrides the service's public name inside ${vpc.model.name}`
                    }
                };
            }
            const addr = serviceAddress(d.service, region);
            return {
                addr,
                service: { service: d.service, region },
                dns: {
                    name,
                    detail: () =>
                        `${name} resolves to the service's public address ${formatAddr(addr)}${region !== vpc.model.region ? ` (in ${region}, another region)` : ''}`
                }
            };
        }
        case 'endpoint': {
            const endpoint = [...compiled.vpcs.values()].flatMap(v => v.interfaceEndpoints).find(e => e.model.id === d.endpoint);
            if (!endpoint) return { reason: 'NO_ROUTE', name: '?', detail: 'the endpoint does not resolve' };
            const eni = endpointEni(endpoint, d.az ?? (endpoint.vpc === vpc ? source.subnet.model.az : undefined));
            const name = vpceName(endpoint, d.az);
            if (!eni?.ipv4) {
                return {
                    reason: 'NO_ROUTE',
                    name,
                    detail: d.az
                        ? `${endpoint.model.name} has no ENI in ${d.az}, so it has no zonal DNS name there`
                        : `${endpoint.model.name} has no ENI: it names no subnet`
                };
            }
            const endpointAddr = eni.ipv4;
            return {
                addr: endpointAddr,
                eni,
                dns: {
                    name,
                    detail: () =>
                        `${name} (${d.az ? 'zonal' : 'regional'} name) resolves to ${formatAddr(endpointAddr)}, its ENI in ${eni.subnet.model.name} (${eni.subnet.model.az})`
                }
            };
        }
        case 'public-dns': {
            const eni = compiled.enisByOwner.get(d.instance ?? '')?.[0];
            if (!eni) return { reason: 'NO_ROUTE', name: '?', detail: 'the destination instance has no ENI' };
            const target = eni.subnet.vpc;
            const peering =
                target === vpc
                    ? undefined
                    : compiled.topology.peerings.find(
                          p =>
                              (p.requester === vpc.model.id && p.accepter === target.model.id) ||
                              (p.accepter === vpc.model.id && p.requester === target.model.id)
                      );
            if (eni.publicIp === undefined || !target.model.dnsHostnames) {
                return {
                    reason: 'NO_PUBLIC_IP',
                    name: eni.name,
                    detail:
                        eni.publicIp === undefined
                            ? `${eni.name} has no public IPv4 address, so it has no public DNS name to resolve`
                            : `${target.model.name} has dns-hostnames off, so ${eni.name} has no public DNS name to resolve`
                };
            }
            const name = publicDnsName(eni.publicIp, target.model.region);
            const privateAddr = eni.ipv4;
            if (privateAddr !== undefined && (target === vpc || (peering?.dnsResolution && vpc.model.dnsSupport))) {
                return {
                    addr: privateAddr,
                    eni,
                    dns: {
                        name,
                        detail: () =>
                            target === vpc
                                ? `${name} resolves to the private address ${formatAddr(privateAddr)} inside ${vpc.model.name}`
                                : `${name} resolves to the private address ${formatAddr(privateAddr)}: peering ${peering!.name} has DNS resolution on`
                    }
                };
            }
            const publicIp = eni.publicIp;
            return {
                addr: publicIp,
                eni,
                dns: {
                    name,
                    detail: () =>
                        `${name} resolves to the public address ${formatAddr(publicIp)}${peering ? ` (peering ${peering.name} has DNS resolution off)` : ''}`
                }
            };
        }
        case 'load-balancer':
            return resolveLoadBalancer(compiled, d.loadBalancer, source);
        default:
            return assertNever(d, 'probe destination');
    }
}
