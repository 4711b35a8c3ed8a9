/** Builds topologies as plain model objects, the way the simulator receives them: no parsing involved. */
import {
    defaultEgressRules,
    defaultNetworkAcl,
    defaultNetworkAclId,
    defaultSecurityGroup,
    defaultSecurityGroupId,
    implicitMainRouteTable,
    mainRouteTableId
} from '../../src/model/defaults.js';
import {
    emptyTopology,
    type Policy,
    type Probe,
    type ProbeDestination,
    type Protocol,
    type RulePeer,
    type SecurityGroupRule,
    type Topology,
    type Vpc
} from '../../src/model/topology.js';

import { makeId, partId } from '../../src/model/ids.js';

type Peer = string; // `10.0.0.0/16`, `sg NAME`, `pl s3`

function peer(text: Peer, vpc: string, region: string): RulePeer {
    if (text.startsWith('sg ')) {
        const name = text.slice(3);
        return { kind: 'sg', group: name.includes('.') ? `security-group:${name}` : `security-group:${vpc}.${name}` };
    }
    if (text.startsWith('pl ')) return { kind: 'prefix-list', service: text.slice(3), region };
    return { kind: 'cidr', cidr: text };
}

function ports(spec: string | number | undefined): { protocol: Protocol; ports?: { from: number; to: number } } {
    if (spec === undefined || spec === 'all') return { protocol: 'all' };
    const [protocol, range] = String(spec).split(' ') as [Protocol, string | undefined];
    if (!range) return { protocol };
    const [from, to] = range.split('-').map(Number) as [number, number | undefined];
    return { protocol, ports: { from, to: to ?? from } };
}

export class TopologyBuilder {
    readonly t: Topology = emptyTopology();
    private probeCount = 0;

    vpc(
        name: string,
        cidrs: string[],
        options: { ipv6?: string; region?: string; account?: string; dnsHostnames?: boolean; dnsSupport?: boolean } = {}
    ): this {
        const vpc: Vpc = {
            kind: 'vpc',
            id: `vpc:${name}`,
            name,
            account: options.account ?? '123456789012',
            region: options.region ?? 'us-east-1',
            cidrs: cidrs.map(value => ({ value })),
            ipv6: options.ipv6 ? [{ value: options.ipv6 }] : [],
            dnsSupport: options.dnsSupport ?? true,
            dnsHostnames: options.dnsHostnames ?? false,
            mainRouteTable: mainRouteTableId(name),
            defaultNetworkAcl: defaultNetworkAclId(name),
            defaultSecurityGroup: defaultSecurityGroupId(name)
        };
        this.t.vpcs.push(vpc);
        this.t.routeTables.push(implicitMainRouteTable(vpc));
        this.t.networkAcls.push(defaultNetworkAcl(vpc));
        this.t.securityGroups.push(defaultSecurityGroup(vpc));
        return this;
    }

    private region(vpc: string): string {
        return this.t.vpcs.find(v => v.name === vpc)!.region;
    }

    subnet(vpc: string, name: string, cidr: string, options: { table?: string; nacl?: string; az?: string; ipv6?: string } = {}): this {
        this.t.subnets.push({
            kind: 'subnet',
            id: `subnet:${vpc}.${name}`,
            name,
            vpc: `vpc:${vpc}`,
            az: options.az ?? `${this.region(vpc)}a`,
            cidr: { value: cidr },
            ipv6: options.ipv6 ? { value: options.ipv6 } : undefined,
            routeTable: options.table ? `route-table:${vpc}.${options.table}` : mainRouteTableId(vpc),
            routeTableExplicit: options.table !== undefined,
            networkAcl: options.nacl ? `network-acl:${vpc}.${options.nacl}` : defaultNetworkAclId(vpc)
        });
        return this;
    }

    gateway(vpc: string, name: string, kind: 'internet-gateway' | 'egress-only-internet-gateway' = 'internet-gateway'): this {
        this.t.gateways.push({ kind, id: `${kind}:${vpc}.${name}`, name, vpc: `vpc:${vpc}` });
        return this;
    }

    nat(vpc: string, name: string, subnet: string, publicIp = '52.0.0.1'): this {
        this.t.natGateways.push({
            kind: 'nat-gateway',
            id: `nat-gateway:${vpc}.${name}`,
            name,
            vpc: `vpc:${vpc}`,
            subnet: `subnet:${vpc}.${subnet}`,
            publicIp: { value: publicIp }
        });
        return this;
    }

    /** Routes as `[destination, target]`; the target's kind is found by name among what exists. */
    table(vpc: string, name: string, routes: Array<[string, string]>): this {
        const targetOf = (target: string) => {
            const kinds = ['internet-gateway', 'egress-only-internet-gateway', 'nat-gateway', 'gateway-endpoint', 'instance'] as const;
            for (const kind of kinds) {
                const id = `${kind}:${vpc}.${target}`;
                if ([...this.t.gateways, ...this.t.natGateways, ...this.t.gatewayEndpoints, ...this.t.instances].some(e => e.id === id))
                    return { kind, id };
            }
            if (this.t.peerings.some(p => p.name === target)) return { kind: 'peering' as const, id: `peering:${target}` };
            if (this.t.transitGateways.some(g => g.name === target))
                return { kind: 'transit-gateway' as const, id: makeId('transit-gateway', target) };
            return { kind: 'instance' as const, id: `missing:${target}` };
        };
        const id = `route-table:${vpc}.${name}`;
        const existing = this.t.routeTables.findIndex(t => t.id === id);
        const table = {
            kind: 'route-table' as const,
            id,
            name,
            vpc: `vpc:${vpc}`,
            main: false,
            routes: routes.map(([destination, target], i) => ({
                id: `${id}/${i}`,
                destination: destination.startsWith('pl ')
                    ? { kind: 'prefix-list' as const, service: destination.slice(3), region: this.region(vpc) }
                    : { kind: 'cidr' as const, cidr: destination },
                target: targetOf(target)
            }))
        };
        if (existing >= 0) this.t.routeTables[existing] = table;
        else this.t.routeTables.push(table);
        return this;
    }

    /** Rules as `['ingress', 'tcp 443', '0.0.0.0/0']`; ports `all`, `tcp 22`, `udp 1024-65535`, `icmp`. */
    sg(vpc: string, name: string, rules: Array<['ingress' | 'egress', string, Peer]>): this {
        const id = `security-group:${vpc}.${name}`;
        const model = this.t.vpcs.find(v => v.name === vpc)!;
        const written: SecurityGroupRule[] = rules.map(([direction, spec, p], i) => ({
            id: `${id}/${i}`,
            direction,
            ...ports(spec),
            peer: peer(p, vpc, this.region(vpc))
        }));
        this.t.securityGroups.push({
            kind: 'security-group',
            id,
            name,
            vpc: `vpc:${vpc}`,
            rules: written.some(r => r.direction === 'egress') ? written : [...written, ...defaultEgressRules(id, model)]
        });
        return this;
    }

    /** Rules as `['inbound', 100, 'allow', 'tcp 22', '0.0.0.0/0']`. */
    nacl(vpc: string, name: string, rules: Array<['inbound' | 'outbound', number, 'allow' | 'deny', string, string]>): this {
        const id = `network-acl:${vpc}.${name}`;
        this.t.networkAcls.push({
            kind: 'network-acl',
            id,
            name,
            vpc: `vpc:${vpc}`,
            rules: rules.map(([direction, number, action, spec, cidr], i) => ({
                id: `${id}/${i}`,
                direction,
                number,
                action,
                ...ports(spec),
                peer: { kind: 'cidr', cidr }
            }))
        });
        return this;
    }

    instance(
        vpc: string,
        name: string,
        subnet: string,
        ip: string,
        options: { publicIp?: string; ipv6?: string; groups?: string[] } = {}
    ): this {
        this.t.instances.push({
            kind: 'instance',
            id: `instance:${vpc}.${name}`,
            name,
            vpc: `vpc:${vpc}`,
            subnet: `subnet:${vpc}.${subnet}`,
            ip: { value: ip },
            ipv6: options.ipv6 ? { value: options.ipv6 } : undefined,
            publicIp: options.publicIp ? { value: options.publicIp } : undefined,
            securityGroups: options.groups ? options.groups.map(g => `security-group:${vpc}.${g}`) : [defaultSecurityGroupId(vpc)]
        });
        return this;
    }

    peering(name: string, requester: string, accepter: string, dnsResolution = false): this {
        this.t.peerings.push({
            kind: 'peering',
            id: `peering:${name}`,
            name,
            requester: `vpc:${requester}`,
            accepter: `vpc:${accepter}`,
            dnsResolution
        });
        return this;
    }

    gatewayEndpoint(vpc: string, name: string, service: string, tables: string[], policy?: Policy): this {
        this.t.gatewayEndpoints.push({
            kind: 'gateway-endpoint',
            id: `gateway-endpoint:${vpc}.${name}`,
            name,
            vpc: `vpc:${vpc}`,
            service,
            region: this.region(vpc),
            routeTables: tables.map(t => ({ value: `route-table:${vpc}.${t}` })),
            policy
        });
        return this;
    }

    interfaceEndpoint(vpc: string, name: string, service: string, subnets: string[], groups: string[], privateDns = true): this {
        this.t.interfaceEndpoints.push({
            kind: 'interface-endpoint',
            id: `interface-endpoint:${vpc}.${name}`,
            name,
            vpc: `vpc:${vpc}`,
            service,
            region: this.region(vpc),
            subnets: subnets.map(s => ({ value: `subnet:${vpc}.${s}` })),
            securityGroups: groups.map(g => `security-group:${vpc}.${g}`),
            securityGroupsExplicit: groups.length > 0,
            privateDns
        });
        return this;
    }

    bucket(name: string, privateTo: string[]): this {
        this.t.buckets.push({
            kind: 'bucket',
            id: `bucket:${name}`,
            name,
            region: 'us-east-1',
            privateTo: privateTo.map(e => `gateway-endpoint:${e}`)
        });
        return this;
    }

    /** `from` is `internet` or `vpc.instance`; `to` an instance (`vpc.name`) or any destination form. */
    /**
     * A transit gateway in the workspace; `tables` as written (the `default` table is added when a
     * default is on and none is named). Routes as `[cidr, 'VPC.ATTACHMENT' | 'blackhole']`.
     */
    transitGateway(
        name: string,
        options: {
            region?: string;
            defaultAssociation?: boolean;
            defaultPropagation?: boolean;
            tables?: Array<{ name: string; associate?: string[]; propagate?: string[]; routes?: Array<[string, string]> }>;
        } = {}
    ): this {
        const id = makeId('transit-gateway', name);
        const attachmentId = (ref: string) => {
            const [vpc, att] = ref.split('.') as [string, string];
            return makeId('transit-gateway-attachment', att, vpc);
        };
        const tables = options.tables ?? [];
        const defaults = options.defaultAssociation !== false || options.defaultPropagation !== false;
        if (defaults && !tables.some(t => t.name === 'default')) tables.unshift({ name: 'default' });
        this.t.transitGateways.push({
            kind: 'transit-gateway',
            id,
            name,
            account: '123456789012',
            region: options.region ?? 'us-east-1',
            defaultAssociation: options.defaultAssociation ?? true,
            defaultPropagation: options.defaultPropagation ?? true,
            routeTables: tables.map((t, i) => ({
                id: partId(id, i),
                name: t.name,
                associations: (t.associate ?? []).map(ref => ({ value: attachmentId(ref) })),
                propagations: (t.propagate ?? []).map(ref => ({ value: attachmentId(ref) })),
                routes: (t.routes ?? []).map(([cidr, target], r) => ({
                    id: partId(id, i, r),
                    destination: { value: cidr },
                    blackhole: target === 'blackhole',
                    target: target === 'blackhole' ? undefined : { kind: 'transit-gateway-attachment' as const, id: attachmentId(target) }
                }))
            }))
        });
        return this;
    }

    attachment(vpc: string, name: string, tgw: string, subnets: string[]): this {
        this.t.transitGatewayAttachments.push({
            kind: 'transit-gateway-attachment',
            id: makeId('transit-gateway-attachment', name, vpc),
            name,
            vpc: `vpc:${vpc}`,
            transitGateway: makeId('transit-gateway', tgw),
            subnets: subnets.map(s => ({ value: `subnet:${vpc}.${s}` })),
            applianceMode: false
        });
        return this;
    }

    probe(from: string, to: string | ProbeDestination, traffic: string, request?: { action: string; resource: string }): Probe {
        const { protocol, ports: p } = ports(traffic);
        const destination: ProbeDestination = typeof to === 'string' ? { kind: 'instance', instance: `instance:${to}` } : to;
        const probe: Probe = {
            kind: 'probe',
            id: `probe:${++this.probeCount}`,
            name: `p${this.probeCount}`,
            text: `${from} -> ${typeof to === 'string' ? to : to.kind} ${traffic}`,
            source: from === 'internet' ? { kind: 'internet' } : { kind: 'instance', instance: `instance:${from}` },
            destination,
            protocol,
            port: p?.from,
            request
        };
        this.t.probes.push(probe);
        return probe;
    }
}

/** A public and a private subnet with an internet gateway and a NAT gateway: the usual starting point. */
export function standardVpc(b: TopologyBuilder, name = 'app', cidr = '10.0.0.0/16', region = 'us-east-1'): TopologyBuilder {
    const [a, bb] = cidr.split('.');
    return b
        .vpc(name, [cidr], { region })
        .subnet(name, 'public', `${a}.${bb}.1.0/24`, { table: 'public' })
        .subnet(name, 'private', `${a}.${bb}.2.0/24`, { table: 'private' })
        .gateway(name, 'igw')
        .nat(name, 'nat', 'public')
        .table(name, 'public', [['0.0.0.0/0', 'igw']])
        .table(name, 'private', [['0.0.0.0/0', 'nat']])
        .sg(name, 'web', [
            ['ingress', 'tcp 443', '0.0.0.0/0'],
            ['egress', 'all', '0.0.0.0/0']
        ])
        .sg(name, 'app', [
            ['ingress', 'tcp 8080', 'sg web'],
            ['egress', 'all', '0.0.0.0/0']
        ])
        .instance(name, 'web', 'public', `${a}.${bb}.1.10`, { publicIp: '54.0.0.10', groups: ['web'] })
        .instance(name, 'worker', 'private', `${a}.${bb}.2.10`, { groups: ['app'] });
}
