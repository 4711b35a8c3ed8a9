/**
 * Transit gateways (with route tables, VPC attachments, associations, propagations, routes and
 * peerings), Elastic Load Balancing v2 load balancers (listeners, target groups and their
 * targets), endpoint services with their permissions, and customer-managed prefix lists. Runs
 * after the VPC members are built and before the routes are applied, which may name a gateway.
 * Defaults are the resource reference pages': a gateway's default association and propagation
 * are `enable`, a load balancer is an internet-facing `application` one.
 */
import { kindOfId, makeId, partId } from '../../model/ids.js';
import type { Listener, ListenerProtocol, LoadBalancerTarget, TgwRouteTable, TransitGateway, Vpc } from '../../model/topology.js';
import { DEFAULT_TGW_TABLE, implicitTgwTables } from '../../model/transit.js';
import { bool, elementOf, elements, list, target, text, what, type BuildContext } from './build.js';
import type { Resource } from './stacks.js';

/** The types this pass reads; the element pass leaves them to it. */
export const HUB_TYPES: ReadonlySet<string> = new Set([
    'AWS::EC2::TransitGateway',
    'AWS::EC2::TransitGatewayRouteTable',
    'AWS::EC2::TransitGatewayAttachment',
    'AWS::EC2::TransitGatewayVpcAttachment',
    'AWS::EC2::TransitGatewayRouteTableAssociation',
    'AWS::EC2::TransitGatewayRouteTablePropagation',
    'AWS::EC2::TransitGatewayRoute',
    'AWS::EC2::TransitGatewayPeeringAttachment',
    'AWS::ElasticLoadBalancingV2::LoadBalancer',
    'AWS::ElasticLoadBalancingV2::Listener',
    'AWS::ElasticLoadBalancingV2::TargetGroup',
    'AWS::EC2::VPCEndpointService',
    'AWS::EC2::VPCEndpointServicePermissions',
    'AWS::EC2::PrefixList'
]);

const PROTOCOLS: ReadonlySet<string> = new Set(['http', 'https', 'tcp', 'udp', 'tls', 'tcp_udp']);

export function importHubs(context: BuildContext): void {
    // By type from the stacks' index: a scan of every resource per type asked for is quadratic in a large workspace.
    const of = (type: string) => context.stacks.ofType(type).filter(r => context.stacks.active(r) === true);
    const leftOut = (r: Resource, why: string, item = what(r)) => context.draft.report.leftOut(r.source, item, why);
    const declare = (r: Resource, kind: string, id: string, name: string, vpc?: Vpc) => {
        context.declared.set(r, { resource: r, kind, id, name, vpc });
        context.draft.origin(id, () => what(r), r.source);
    };
    const t = context.draft.topology;
    const tgwOf = (value: unknown) => {
        const found = elementOf(context, value, ['transit-gateway']);
        return 'id' in found ? t.transitGateways.find(g => g.id === found.id) : undefined;
    };
    const tables = new Map<Resource, { tgw: TransitGateway; table: TgwRouteTable }>();
    const reserved = new Set<string>();

    for (const r of of('AWS::EC2::TransitGateway')) {
        const p = context.stacks.props(r);
        const name = context.draft.names.name('transit-gateway', r.logicalId);
        const id = makeId('transit-gateway', name);
        const defaultAssociation = p.DefaultRouteTableAssociation !== 'disable';
        const defaultPropagation = p.DefaultRouteTablePropagation !== 'disable';
        context.draft.ensureAccount(context.account(r));
        t.transitGateways.push({
            kind: 'transit-gateway',
            id,
            name,
            account: context.account(r),
            region: context.region(r),
            defaultAssociation,
            defaultPropagation,
            routeTables: implicitTgwTables(id, defaultAssociation, defaultPropagation)
        });
        declare(r, 'transit-gateway', id, name);
    }
    for (const r of of('AWS::EC2::TransitGatewayRouteTable')) {
        const tgw = tgwOf(context.stacks.props(r).TransitGatewayId);
        if (!tgw) {
            leftOut(r, 'its transit gateway is not in the templates given');
            continue;
        }
        // `default` names the default table, written or not.
        const namespace = `${tgw.id} tables`;
        if (!reserved.has(namespace)) {
            context.draft.names.claim(namespace, DEFAULT_TGW_TABLE);
            reserved.add(namespace);
        }
        const name = context.draft.names.claim(namespace, r.logicalId);
        const table: TgwRouteTable = { id: partId(tgw.id, name), name, associations: [], propagations: [], routes: [] };
        tgw.routeTables.push(table);
        tables.set(r, { tgw, table });
        context.draft.note(tgw.id, `route table ${name}: ${what(r)} (${r.source.file}:${r.source.line ?? '?'})`);
    }
    for (const r of [...of('AWS::EC2::TransitGatewayVpcAttachment'), ...of('AWS::EC2::TransitGatewayAttachment')]) {
        const p = context.stacks.props(r);
        const vpcFound = elementOf(context, p.VpcId, ['vpc']);
        const vpc = 'id' in vpcFound ? t.vpcs.find(v => v.id === vpcFound.id) : undefined;
        const tgw = tgwOf(p.TransitGatewayId);
        if (!vpc || !tgw) {
            leftOut(r, vpc ? 'its transit gateway is not in the templates given' : 'its VPC is not in the templates given');
            continue;
        }
        const name = context.draft.names.name('transit-gateway-attachment', r.logicalId, vpc.name);
        const id = makeId('transit-gateway-attachment', name, vpc.name);
        const options = (p.Options ?? {}) as Record<string, unknown>;
        t.transitGatewayAttachments.push({
            kind: 'transit-gateway-attachment',
            id,
            name,
            vpc: vpc.id,
            transitGateway: tgw.id,
            subnets: elements(context, p.SubnetIds, ['subnet'], r, 'SubnetIds').map(value => ({ value })),
            applianceMode: options.ApplianceModeSupport === 'enable'
        });
        declare(r, 'transit-gateway-attachment', id, name, vpc);
    }
    for (const r of of('AWS::EC2::TransitGatewayPeeringAttachment')) {
        const p = context.stacks.props(r);
        const requester = tgwOf(p.TransitGatewayId);
        let accepter = tgwOf(p.PeerTransitGatewayId);
        if (!requester) {
            leftOut(r, 'its transit gateway is not in the templates given');
            continue;
        }
        if (!accepter) {
            const peer = typeof p.PeerTransitGatewayId === 'string' ? p.PeerTransitGatewayId : `${r.logicalId}-peer`;
            const name = context.draft.names.name('transit-gateway', peer);
            accepter = {
                kind: 'transit-gateway',
                id: makeId('transit-gateway', name),
                name,
                account: typeof p.PeerAccountId === 'string' ? p.PeerAccountId : requester.account,
                region: typeof p.PeerRegion === 'string' ? p.PeerRegion : requester.region,
                defaultAssociation: false,
                defaultPropagation: false,
                routeTables: []
            };
            context.draft.ensureAccount(accepter.account);
            t.transitGateways.push(accepter);
            context.draft.origin(accepter.id, `the peer of ${what(r)}: outside the templates`, r.source);
            context.draft.report.standIn(
                r.source,
                `the peer transit gateway of ${what(r)}`,
                `outside the templates; ${name}, a gateway without route tables, stands for it`
            );
        }
        const name = context.draft.names.name('transit-gateway-peering', r.logicalId);
        const id = makeId('transit-gateway-peering', name);
        t.transitGatewayPeerings.push({ kind: 'transit-gateway-peering', id, name, requester: requester.id, accepter: accepter.id });
        declare(r, 'transit-gateway-peering', id, name);
    }
    for (const [type, key] of [
        ['AWS::EC2::TransitGatewayRouteTableAssociation', 'associations'],
        ['AWS::EC2::TransitGatewayRouteTablePropagation', 'propagations']
    ] as const) {
        for (const r of of(type)) {
            const p = context.stacks.props(r);
            const at = tables.get(target(context, p.TransitGatewayRouteTableId) as Resource);
            const attachment = elementOf(context, p.TransitGatewayAttachmentId, ['transit-gateway-attachment']);
            if (!at || 'why' in attachment) {
                leftOut(r, at ? `its attachment: ${(attachment as { why: string }).why}` : 'its route table is not in the templates given');
                continue;
            }
            if (key === 'associations')
                for (const x of at.tgw.routeTables) x.associations = x.associations.filter(a => a.value !== attachment.id);
            if (!at.table[key].some(a => a.value === attachment.id)) at.table[key].push({ value: attachment.id });
        }
    }
    for (const r of of('AWS::EC2::TransitGatewayRoute')) {
        const p = context.stacks.props(r);
        const at = tables.get(target(context, p.TransitGatewayRouteTableId) as Resource);
        const destination = text(p.DestinationCidrBlock, 'DestinationCidrBlock');
        if (!at || typeof destination !== 'string') {
            leftOut(r, at ? (destination as { why: string }).why : 'its route table is not in the templates given');
            continue;
        }
        const routeId = partId(at.table.id, at.table.routes.length);
        if (bool(p.Blackhole, false)) {
            at.table.routes.push({ id: routeId, destination: { value: destination }, blackhole: true });
            continue;
        }
        const found = elementOf(context, p.TransitGatewayAttachmentId, ['transit-gateway-attachment', 'transit-gateway-peering']);
        if ('why' in found) {
            leftOut(r, `its attachment: ${found.why}`);
            continue;
        }
        const kind = kindOfId(found.id) === 'transit-gateway-peering' ? 'transit-gateway-peering' : 'transit-gateway-attachment';
        at.table.routes.push({ id: routeId, destination: { value: destination }, target: { kind, id: found.id }, blackhole: false });
    }
    loadBalancers(context, of, leftOut, declare);
    endpointServices(context, of, leftOut, declare);
    privateLinkEndpoints(context);
    acceptedEndpoints(context);
}

/**
 * CloudFormation cannot accept an endpoint connection: `vpc-lab export` keeps the design's
 * accepted endpoints in the service's Metadata (account, region and logical ID of each).
 */
function acceptedEndpoints(context: BuildContext): void {
    const t = context.draft.topology;
    const endpoints = [...context.declared.values()].filter(e => e.kind === 'interface-endpoint');
    for (const d of context.declared.values()) {
        if (d.kind !== 'endpoint-service') continue;
        const service = t.endpointServices.find(s => s.id === d.id);
        for (const a of list(context.stacks.design(d.resource).AcceptedEndpoints) as Array<Record<string, unknown>>) {
            const endpoint = endpoints.find(
                e =>
                    e.resource.logicalId === a.LogicalId &&
                    context.account(e.resource) === a.Account &&
                    context.region(e.resource) === a.Region
            );
            if (service && endpoint && !service.accepted.some(x => x.value === endpoint.id)) service.accepted.push({ value: endpoint.id });
        }
    }
}

/**
 * Interface endpoints whose ServiceName is an endpoint service's (`com.amazonaws.vpce.REGION.ID`,
 * the id written as `${Service}` in a Sub, which the templates give as its logical ID) name it
 * `VPC.NAME`; one of a service outside the templates is left out.
 */
function privateLinkEndpoints(context: BuildContext): void {
    const t = context.draft.topology;
    const services = new Map<string, string>();
    for (const d of context.declared.values())
        if (d.kind === 'endpoint-service' && d.vpc) services.set(d.resource.logicalId, `${d.vpc.name}.${d.name}`);
    const byId = new Map(t.interfaceEndpoints.map(e => [e.id, e]));
    for (const [resource, d] of [...context.declared]) {
        const endpoint = d.kind === 'interface-endpoint' ? byId.get(d.id) : undefined;
        if (!endpoint?.service.startsWith('com.amazonaws.vpce.')) continue;
        const service = services.get(endpoint.service.split('.').pop()!);
        if (service) {
            endpoint.service = service;
            continue;
        }
        t.interfaceEndpoints = t.interfaceEndpoints.filter(e => e !== endpoint);
        context.declared.delete(resource);
        context.draft.report.leftOut(
            resource.source,
            what(resource),
            `its endpoint service ${endpoint.service} is not in the templates given`
        );
    }
}

type Of = (type: string) => Resource[];
type LeftOut = (r: Resource, why: string, item?: string) => void;
type Declare = (r: Resource, kind: string, id: string, name: string, vpc?: Vpc) => void;

function loadBalancers(context: BuildContext, of: Of, leftOut: LeftOut, declare: Declare): void {
    const t = context.draft.topology;
    // Looked up by id for each load balancer: finding them in the lists would be quadratic in a large workspace.
    const vpcs = new Map(t.vpcs.map(v => [v.id, v]));
    const subnetVpcs = new Map(t.subnets.map(s => [s.id, s.vpc]));
    let listenersOf: Map<Resource | undefined, Resource[]> | undefined;
    for (const r of of('AWS::ElasticLoadBalancingV2::LoadBalancer')) {
        const p = context.stacks.props(r);
        const type = typeof p.Type === 'string' ? p.Type : 'application';
        if (type !== 'application' && type !== 'network') {
            leftOut(r, `a ${type} load balancer: the language has application and network load balancers`);
            continue;
        }
        const subnetValues = [...list(p.Subnets), ...list(p.SubnetMappings).map(m => (m as Record<string, unknown>).SubnetId)];
        const subnets = elements(context, subnetValues, ['subnet'], r, 'Subnets');
        const vpc = vpcs.get(subnetVpcs.get(subnets[0]!) ?? '');
        if (!vpc) {
            leftOut(r, 'none of its subnets is in the templates given, so neither is its VPC');
            continue;
        }
        const name = context.draft.names.name('load-balancer', r.logicalId, vpc.name);
        const id = makeId('load-balancer', name, vpc.name);
        const groups = elements(context, p.SecurityGroups, ['security-group'], r, 'SecurityGroups');
        // The listeners grouped by the load balancer they name, once, when the first one is imported.
        listenersOf ??= groupBy(of('AWS::ElasticLoadBalancingV2::Listener'), l => target(context, context.stacks.props(l).LoadBalancerArn));
        const listeners = (listenersOf.get(r) ?? [])
            .map(l => listener(context, l, leftOut))
            .filter((l): l is Omit<Listener, 'id'> => l !== undefined)
            .map((l, n) => ({ ...l, id: partId(id, n) }));
        t.loadBalancers.push({
            kind: 'load-balancer',
            id,
            name,
            vpc: vpc.id,
            type,
            scheme: p.Scheme === 'internal' ? 'internal' : 'internet-facing',
            subnets: subnets.map(value => ({ value })),
            // An ALB always has a group; AWS gives it the VPC's default when none is named.
            securityGroups: groups.length > 0 || type === 'network' ? groups : [vpc.defaultSecurityGroup],
            listeners
        });
        declare(r, 'load-balancer', id, name, vpc);
    }
}

function groupBy<K, V>(items: readonly V[], keyOf: (item: V) => K): Map<K, V[]> {
    const groups = new Map<K, V[]>();
    for (const item of items) {
        const key = keyOf(item);
        const same = groups.get(key);
        if (same) same.push(item);
        else groups.set(key, [item]);
    }
    return groups;
}

function listener(context: BuildContext, l: Resource, leftOut: LeftOut): Omit<Listener, 'id'> | undefined {
    const p = context.stacks.props(l);
    const protocol = String(p.Protocol ?? '').toLowerCase();
    const port = Number(p.Port);
    if (!PROTOCOLS.has(protocol) || !Number.isInteger(port)) {
        leftOut(l, `protocol ${protocol || '(none)'} or port ${String(p.Port)} is not one the language's listeners have`);
        return undefined;
    }
    const groups: unknown[] = [];
    for (const a of list(p.DefaultActions) as Array<Record<string, unknown>>) {
        if (a.Type !== 'forward') {
            leftOut(l, 'the language forwards a listener to its targets only', `the ${String(a.Type)} action of ${what(l)}`);
            continue;
        }
        if (a.TargetGroupArn !== undefined) groups.push(a.TargetGroupArn);
        const config = (a.ForwardConfig ?? {}) as Record<string, unknown>;
        for (const g of list(config.TargetGroups) as Array<Record<string, unknown>>)
            if (g.TargetGroupArn !== undefined) groups.push(g.TargetGroupArn);
    }
    const unique = [...new Set(groups.map(g => target(context, g) ?? g))];
    if (unique.length > 1)
        leftOut(l, 'the language forwards to every target alike: the targets of all its groups are imported', `the weights of ${what(l)}`);
    const targets: LoadBalancerTarget[] = [];
    const ports = new Set<number>();
    for (const g of unique) {
        if (!(typeof g === 'object' && g !== null && 'type' in g)) {
            leftOut(l, 'not in the templates given', `target group ${JSON.stringify(g)} of ${what(l)}`);
            continue;
        }
        const group = g as Resource;
        const gp = context.stacks.props(group);
        const targetType = typeof gp.TargetType === 'string' ? gp.TargetType : 'instance';
        if (targetType !== 'instance' && targetType !== 'ip') {
            leftOut(group, `${targetType} targets are not in the language`);
            continue;
        }
        for (const x of list(gp.Targets) as Array<Record<string, unknown>>) {
            if (targetType === 'ip' && typeof x.Id === 'string') targets.push({ kind: 'ip', address: x.Id });
            else {
                const found = elementOf(context, x.Id, ['instance']);
                if ('why' in found) {
                    leftOut(group, found.why, `target of ${what(group)}`);
                    continue;
                }
                targets.push({ kind: 'instance', instance: found.id });
            }
            const port = Number(x.Port ?? gp.Port);
            if (Number.isInteger(port)) ports.add(port);
        }
    }
    const [targetPort, ...others] = [...ports];
    if (others.length > 0)
        leftOut(
            l,
            `the language has one target port per listener: ${targetPort} is imported`,
            `the target ports ${[...ports].join(', ')} of ${what(l)}`
        );
    return {
        protocol: protocol as ListenerProtocol,
        port,
        targets,
        targetPort: targets.length > 0 && targetPort !== undefined ? targetPort : port
    };
}

function endpointServices(context: BuildContext, of: Of, leftOut: LeftOut, declare: Declare): void {
    const t = context.draft.topology;
    for (const r of of('AWS::EC2::VPCEndpointService')) {
        const p = context.stacks.props(r);
        if (list(p.GatewayLoadBalancerArns).length > 0)
            leftOut(r, 'the language has no gateway load balancers', `the gateway load balancers of ${what(r)}`);
        const lbs = list(p.NetworkLoadBalancerArns).map(a => elementOf(context, a, ['load-balancer']));
        const first = lbs.find(f => 'id' in f) as { id: string } | undefined;
        const lb = t.loadBalancers.find(l => l.id === first?.id);
        if (!lb) {
            leftOut(r, 'its network load balancer is not in the templates given, so neither is its VPC');
            continue;
        }
        if (lbs.length > 1)
            leftOut(
                r,
                `the language fronts an endpoint service with one load balancer: ${lb.name} is imported`,
                `the load balancers of ${what(r)}`
            );
        const vpc = t.vpcs.find(v => v.id === lb.vpc)!;
        const name = context.draft.names.name('endpoint-service', r.logicalId, vpc.name);
        const id = makeId('endpoint-service', name, vpc.name);
        t.endpointServices.push({
            kind: 'endpoint-service',
            id,
            name,
            vpc: vpc.id,
            loadBalancer: lb.id,
            allowedPrincipals: [],
            acceptanceRequired: bool(p.AcceptanceRequired, false),
            accepted: []
        });
        declare(r, 'endpoint-service', id, name, vpc);
    }
    for (const r of of('AWS::EC2::VPCEndpointServicePermissions')) {
        const p = context.stacks.props(r);
        const found = elementOf(context, p.ServiceId, ['endpoint-service']);
        const service = 'id' in found ? t.endpointServices.find(s => s.id === found.id) : undefined;
        if (!service) {
            leftOut(r, 'its endpoint service is not in the templates given');
            continue;
        }
        for (const principal of list(p.AllowedPrincipals))
            if (typeof principal === 'string' && !service.allowedPrincipals.some(x => x.value === principal))
                service.allowedPrincipals.push({ value: principal });
            else if (typeof principal !== 'string') leftOut(r, 'not known before deployment', `a principal of ${what(r)}`);
    }
    // Customer-managed lists that no rule or route named: in the VPC the export says they were declared in.
    for (const r of of('AWS::EC2::PrefixList')) {
        if ([...(copies.get(context)?.keys() ?? [])].some(k => k.startsWith(`${r.logicalId} `))) continue;
        const home = designVpc(context, r);
        if (home) listIn(context, r, home);
        else leftOut(r, 'no rule or route of the templates names it, and the language keeps a prefix list in the VPC that uses it');
    }
}

/** The VPC of the same template that `Metadata` `vpc-lab` `DesignVpc` names. */
function designVpc(context: BuildContext, r: Resource): Vpc | undefined {
    const logicalId = context.stacks.design(r).DesignVpc;
    const vpc = context.stacks.resources.find(x => x.template === r.template && x.logicalId === logicalId);
    return vpc && context.vpcs.get(vpc);
}

const copies = new WeakMap<BuildContext, Map<string, string>>();

/** A customer-managed list (`AWS::EC2::PrefixList`) that a rule or route of `vpc` names, as that VPC's own list, made on first use. */
export function customerList(
    context: BuildContext,
    value: unknown,
    vpc: Vpc
): { kind: 'prefix-list'; service: string; region: string; list: string } | undefined {
    const r = target(context, value);
    if (r?.type !== 'AWS::EC2::PrefixList') return undefined;
    return listIn(context, r, vpc);
}

function listIn(context: BuildContext, r: Resource, vpc: Vpc): { kind: 'prefix-list'; service: string; region: string; list: string } {
    const made = copies.get(context) ?? new Map<string, string>();
    copies.set(context, made);
    const key = `${r.logicalId} ${r.source.file} ${vpc.id}`;
    let id = made.get(key);
    const t = context.draft.topology;
    if (id === undefined) {
        const p = context.stacks.props(r);
        // A list named like an AWS service would read back as that service's list.
        const raw = ['s3', 'dynamodb'].includes(r.logicalId) ? `${r.logicalId}-list` : r.logicalId;
        const name = context.draft.names.name('prefix-list', raw, vpc.name);
        id = makeId('prefix-list', name, vpc.name);
        const entries = (list(p.Entries) as Array<Record<string, unknown>>)
            .map(e => e.Cidr)
            .filter((c): c is string => typeof c === 'string');
        const max = Number(p.MaxEntries);
        t.prefixLists.push({
            kind: 'prefix-list',
            id,
            name,
            vpc: vpc.id,
            maxEntries: Number.isInteger(max) ? max : entries.length,
            entries: entries.map(v => ({ value: v }))
        });
        context.draft.origin(id, () => what(r), r.source);
        made.set(key, id);
    }
    return { kind: 'prefix-list', service: t.prefixLists.find(x => x.id === id)!.name, region: vpc.region, list: id };
}
