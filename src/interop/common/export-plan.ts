/**
 * What the CloudFormation and Terraform exports decide alike, before either writes a line: the
 * deployment units (one per account and region, since a stack and a provider block are each bound
 * to one of each), which unit an element goes to, when a reference crosses from one unit to
 * another (then it travels as an output of one and an input of the other), and what a probe
 * becomes as a Reachability Analyzer path. Each format keeps only how it writes these.
 */
import { qualifiedNameOfId } from '../../model/ids.js';
import { Defaults, type Bucket, type Instance, type Probe, type SourceLocation, type Topology, type Vpc } from '../../model/topology.js';
import { familyOf } from '../../simulator/cidr.js';
import { REPRESENTATIVE_INTERNET_V4 } from '../../simulator/compile.js';
import { allElements, type AnyElement } from '../../simulator/topology-index.js';

export interface NotExported {
    /** The element, as the language names it (`app.web-1`). */
    element: string;
    loc?: SourceLocation;
    why: string;
}

/** One deployment unit: a CloudFormation stack, a Terraform root module. */
export interface UnitKey {
    /** `ACCOUNT-REGION`, the account by its name in the design where it has one. */
    name: string;
    account: string;
    /** The account's name in the design, when it has one. */
    accountName?: string;
    region: string;
}

export class ExportPlan<U extends UnitKey> {
    readonly units: U[] = [];
    readonly notExported: NotExported[] = [];
    private readonly byId = new Map<string, AnyElement>();
    /** By account, then region: no key string built for each of the many elements asked about. */
    private readonly unitByKey = new Map<string, Map<string, U>>();

    constructor(
        readonly topology: Topology,
        private readonly make: (key: UnitKey) => U
    ) {
        for (const element of allElements(topology)) this.byId.set(element.id, element);
    }

    private readonly groups = new Map<readonly object[], Map<string, Map<unknown, object[]>>>();

    /**
     * The elements of `list` whose `field` is `value`, grouped once per list and field: a filter
     * per VPC over every subnet of the design grows with its square.
     */
    where<T extends object, K extends keyof T & string>(list: readonly T[], field: K, value: T[K]): T[] {
        let byField = this.groups.get(list);
        if (!byField) this.groups.set(list, (byField = new Map()));
        let byValue = byField.get(field);
        if (!byValue) {
            byValue = new Map();
            for (const item of list) {
                const key = item[field];
                const same = byValue.get(key);
                if (same) same.push(item);
                else byValue.set(key, [item]);
            }
            byField.set(field, byValue);
        }
        return (byValue.get(value) ?? []) as T[];
    }

    element<T extends AnyElement = AnyElement>(id: string | undefined): T | undefined {
        return id === undefined ? undefined : (this.byId.get(id) as T | undefined);
    }

    vpcOf(id: string): Vpc | undefined {
        const element = this.element(id);
        if (!element) return undefined;
        if (element.kind === 'vpc') return element;
        return 'vpc' in element && typeof element.vpc === 'string' ? this.element<Vpc>(element.vpc) : undefined;
    }

    unitFor(account: string, region: string): U {
        let byRegion = this.unitByKey.get(account);
        if (!byRegion) this.unitByKey.set(account, (byRegion = new Map()));
        let unit = byRegion.get(region);
        if (!unit) {
            const accountName = this.topology.accounts.find(a => a.number === account && !a.implicit)?.name;
            unit = this.make({ name: `${accountName ?? account}-${region}`, account, ...(accountName ? { accountName } : {}), region });
            byRegion.set(region, unit);
            this.units.push(unit);
        }
        return unit;
    }

    unitOfVpc(vpc: Vpc): U {
        return this.unitFor(vpc.account, vpc.region);
    }

    /** A bucket goes with the first endpoint it is private to, else to a unit of its region. */
    unitOfBucket(bucket: Bucket): U {
        const endpointVpc = bucket.privateTo.map(e => this.vpcOf(e)).find((v): v is Vpc => v !== undefined);
        if (endpointVpc) return this.unitOfVpc(endpointVpc);
        return (
            this.units.find(u => u.region === bucket.region) ??
            this.unitFor(this.topology.vpcs[0]?.account ?? Defaults.accountNumber, bucket.region)
        );
    }

    leftOut(element: { id: string; loc?: SourceLocation }, why: string): void {
        this.notExported.push({ element: qualifiedNameOfId(element.id) ?? element.id, loc: element.loc, why });
    }
}

/**
 * What a Reachability Analyzer path cannot say of the probe it stands for, written beside the
 * path (CloudFormation `Metadata`, Terraform tags) so that importing the export gives the probe back.
 */
/**
 * A `private-to` bucket's policy: deny every request that does not come through one of the
 * endpoints (`endpoints`: each format's reference to an endpoint id), and the comment that says so.
 */
export function privateToPolicy<V>(bucket: Bucket, endpoints: V[]) {
    return {
        Version: '2012-10-17',
        Statement: [
            {
                Sid: 'AccessOnlyThroughTheEndpoints',
                Effect: 'Deny',
                Principal: '*',
                Action: 's3:*',
                Resource: [`arn:aws:s3:::${bucket.name}`, `arn:aws:s3:::${bucket.name}/*`],
                Condition: { StringNotEquals: { 'aws:SourceVpce': endpoints } }
            }
        ]
    };
}

export function privateToComment(bucket: Bucket): string {
    return `private-to: requests that do not come through ${bucket.privateTo.length === 1 ? 'the endpoint' : 'these endpoints'} are denied (aws:SourceVpce)`;
}

export interface ProbeDesign {
    /** `public-dns`, `service`, `internet` where the path's destination alone would read otherwise. */
    destination?: 'public-dns' | 'service' | 'internet' | 'endpoint';
    service?: string;
    serviceRegion?: string;
    az?: string;
    /** The design's address for `-> internet` (none: the simulator's representative host). */
    address?: string;
    expect?: 'accept' | 'reject';
    action?: string;
    resource?: string;
}

/** A probe as a Reachability Analyzer path: element ids, which each format names its own way. */
export interface PathPlan {
    home: Vpc;
    protocol: 'tcp' | 'udp';
    /** An instance, or the internet gateway a path from the internet starts at. */
    source: string;
    destination?: string;
    destinationIp?: string;
    port?: number;
    design: ProbeDesign;
}

export function internetGatewayOf(topology: Topology, vpcId: string | undefined): string | undefined {
    return topology.gateways.find(g => g.vpc === vpcId && g.kind === 'internet-gateway')?.id;
}

/**
 * Why a probe to a load balancer has no path: AWS's Reachability Analyzer guide ("How Reachability
 * Analyzer works") lists the resources a path may start or end at, and a load balancer is not one
 * (it is an intermediate component a path may cross); an IP address destination would do, but
 * AWS assigns a load balancer's addresses when it creates it.
 */
export const LOAD_BALANCER_DESTINATION =
    'a load balancer cannot end a Reachability Analyzer path. AWS: "Reachability Analyzer supports the following resource types as sources and destinations: Instances, Internet gateways, Network interfaces, Transit gateways, Transit gateway attachments, VPC endpoint services, VPC endpoints, VPC peering connections, VPN gateways. In addition, Reachability Analyzer supports IP addresses as destinations." A load balancer is only a component a path crosses, and AWS assigns its addresses when it creates it';

/**
 * Reachability Analyzer analyses TCP and UDP paths between resources of one region, with IPv4
 * destination addresses; a probe it cannot take is left out with why.
 */
export function planPath<U extends UnitKey>(plan: ExportPlan<U>, probe: Probe): PathPlan | { why: string } {
    if (probe.protocol !== 'tcp' && probe.protocol !== 'udp')
        return { why: `Reachability Analyzer analyses TCP and UDP paths, not ${probe.protocol}` };
    if (probe.destination.kind === 'load-balancer') return { why: LOAD_BALANCER_DESTINATION };
    const sourceInstance = probe.source.kind === 'instance' ? plan.element<Instance>(probe.source.instance) : undefined;
    const destination = probe.destination;
    const destinationInstance =
        destination.kind === 'instance' || destination.kind === 'public-dns' ? plan.element<Instance>(destination.instance) : undefined;
    const home = sourceInstance ?? destinationInstance;
    const homeVpc = home ? plan.element<Vpc>(home.vpc) : undefined;
    if (!homeVpc) return { why: 'its source or destination does not resolve to an instance' };
    const design: ProbeDesign = {
        ...(probe.expect ? { expect: probe.expect } : {}),
        ...(probe.request ? { action: probe.request.action, resource: probe.request.resource } : {})
    };
    let source = sourceInstance?.id;
    if (!source) {
        source = internetGatewayOf(plan.topology, homeVpc.id);
        if (!source) return { why: `a path from the internet starts at an internet gateway, and ${homeVpc.name} has none` };
    }
    const path: PathPlan = { home: homeVpc, protocol: probe.protocol, source, port: probe.port, design };
    if (destinationInstance) {
        const vpc = plan.element<Vpc>(destinationInstance.vpc);
        if (vpc && vpc.region !== homeVpc.region) return { why: 'Reachability Analyzer analyses paths within one region' };
        path.destination = destinationInstance.id;
        if (destination.kind === 'public-dns') design.destination = 'public-dns';
    } else if (destination.kind === 'internet' || destination.kind === 'address') {
        // `-> internet` without an address reaches the simulator's representative host: the path is to it.
        const address = destination.address ?? REPRESENTATIVE_INTERNET_V4;
        if (familyOf(address) !== 4) return { why: 'Reachability Analyzer takes IPv4 destination addresses only' };
        path.destinationIp = address;
        if (destination.kind === 'internet') {
            design.destination = 'internet';
            if (destination.address) design.address = destination.address;
            path.destination = internetGatewayOf(plan.topology, homeVpc.id);
        }
    } else if (destination.kind === 'endpoint') {
        if (!destination.endpoint || !plan.element(destination.endpoint)) return { why: 'its endpoint does not resolve' };
        path.destination = destination.endpoint;
        if (destination.az) Object.assign(design, { destination: 'endpoint', az: destination.az });
    } else if (destination.kind === 'service') {
        const endpoint = [...plan.topology.gatewayEndpoints, ...plan.topology.interfaceEndpoints].find(
            e => e.vpc === homeVpc.id && e.service === destination.service && (destination.region ?? homeVpc.region) === e.region
        );
        if (!endpoint)
            return {
                why: `Reachability Analyzer needs a resource as destination, and ${homeVpc.name} has no endpoint for ${destination.service}`
            };
        path.destination = endpoint.id;
        Object.assign(design, { destination: 'service', service: destination.service });
        if (destination.region) design.serviceRegion = destination.region;
    } else return { why: `Reachability Analyzer paths to a ${destination.kind} are not exported` };
    return path;
}
