/** Load balancers and the endpoint services in front of them: zones, public subnets, targets. */
import type { Instance, LoadBalancer, Located, Subnet } from '../model/topology.js';
import { contains, parseAddress, parseCidr, type Address, type Block } from '../simulator/cidr.js';
import { displayName, type TopologyIndex } from '../simulator/topology-index.js';
import type { Check, Report } from './finding.js';

/** One subnet per Availability Zone for every load balancer; an Application Load Balancer needs two zones, a Network Load Balancer one. */
export const checkLoadBalancerSubnets: Check = ({ topology, index }, report) => {
    for (const lb of topology.loadBalancers) {
        const zones = new Map<string, Located>();
        for (const located of lb.subnets) {
            const subnet = index.get<Subnet>(located.value);
            if (!subnet) continue;
            const earlier = zones.get(subnet.az);
            if (!earlier) {
                zones.set(subnet.az, located);
                continue;
            }
            report({
                code: 'load-balancer-subnets',
                elementId: lb.id,
                loc: located.loc,
                message: `Subnet ${subnet.name} is in ${subnet.az}, like ${index.get<Subnet>(earlier.value)!.name}: a load balancer takes one subnet per Availability Zone (one node, one ENI, per zone), so AWS refuses the second.`,
                related: [{ message: `the subnet of ${subnet.az}`, loc: earlier.loc }]
            });
        }
        const resolved = lb.subnets.every(s => index.get(s.value) !== undefined);
        if (lb.type === 'application' && resolved && zones.size < 2) {
            report({
                code: 'load-balancer-subnets',
                elementId: lb.id,
                loc: lb.loc,
                message: `Application Load Balancer ${lb.name} has subnets in ${zones.size === 0 ? 'no Availability Zone' : `one Availability Zone only (${[...zones.keys()][0]})`}: AWS requires subnets of at least two zones for an ALB (a Network Load Balancer may use one).`
            });
        }
        // AWS's CreateLoadBalancer takes subnets (or subnet mappings) of one zone at least for a Network Load Balancer.
        if (lb.type === 'network' && lb.subnets.length === 0) {
            report({
                code: 'load-balancer-subnets',
                elementId: lb.id,
                loc: lb.loc,
                message: `Network Load Balancer ${lb.name} has no subnet: AWS requires a subnet in at least one Availability Zone.`
            });
        }
    }
};

/** An internet-facing load balancer's nodes take public addresses: each of its subnets needs a route to an internet gateway. */
export const checkLoadBalancerPublicSubnets: Check = ({ topology, index }, report) => {
    for (const lb of topology.loadBalancers) {
        if (lb.scheme !== 'internet-facing') continue;
        for (const located of lb.subnets) {
            const subnet = index.get<Subnet>(located.value);
            if (!subnet) continue;
            const table = index.routeTableOf(subnet);
            if (table?.routes.some(r => index.get(r.target?.id)?.kind === 'internet-gateway')) continue;
            report({
                code: 'load-balancer-public-subnet',
                elementId: lb.id,
                loc: located.loc,
                message: `Subnet ${subnet.name} of internet-facing load balancer ${lb.name} is not public: its route table ${table?.name ?? '(none)'} has no route to an internet gateway, so clients on the internet cannot reach the node in ${subnet.az}. Use a public subnet of that zone (the targets may stay private).`
            });
        }
    }
};

/** The ranges AWS accepts for IP targets outside the load balancer's VPC: RFC 1918 and RFC 6598. */
const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'].map(text => {
    const parsed = parseCidr(text);
    if (!parsed.ok) throw new Error(`bad built-in range ${text}`);
    return parsed.value;
});

/** Instance targets live in the load balancer's VPC; IP targets come from its subnets or private ranges. */
export const checkLoadBalancerTargets: Check = ({ topology, index }, report) => {
    for (const lb of topology.loadBalancers) {
        const subnetBlocks = (index.vpcs.get(lb.vpc)?.subnets ?? []).flatMap(s => index.subnetBlocks(s));
        for (const listener of lb.listeners) {
            for (const target of listener.targets) {
                if (target.kind === 'instance') checkInstanceTarget(index, lb, index.get<Instance>(target.instance), target.loc, report);
                else checkIpTarget(lb, target.address, subnetBlocks, target.loc, report);
            }
        }
    }
};

function checkInstanceTarget(
    index: TopologyIndex,
    lb: LoadBalancer,
    instance: Instance | undefined,
    loc: Located['loc'],
    report: Report
): void {
    if (!instance || instance.vpc === lb.vpc) return;
    const mine = index.vpcs.get(lb.vpc)?.vpc.name ?? lb.vpc;
    report({
        code: 'load-balancer-target',
        elementId: lb.id,
        loc,
        message: `Instance ${displayName(instance)} is in another VPC than load balancer ${lb.name} (${mine}): a target group registers instances of its own VPC only. Register the instance's private address as an IP target instead (reachable through a peering or transit gateway).`
    });
}

function checkIpTarget(lb: LoadBalancer, text: string, subnetBlocks: Block[], loc: Located['loc'], report: Report): void {
    const parsed = parseAddress(text);
    if (!parsed.ok) return;
    const address: Address = parsed.value;
    if (subnetBlocks.some(b => contains(b, address))) return;
    if (address.family === 4 && PRIVATE_RANGES.some(r => contains(r, address))) return;
    const accepted =
        address.family === 4
            ? "the VPC's subnets, 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 (RFC 1918) and 100.64.0.0/10 (RFC 6598), on-premises addresses included"
            : "the VPC's own subnets";
    report({
        code: 'load-balancer-target',
        elementId: lb.id,
        loc,
        message: `${text} is publicly routable: an IP target of load balancer ${lb.name} must come from ${accepted}. AWS refuses to register it.`
    });
}

/** PrivateLink puts a Network (or Gateway) Load Balancer behind an endpoint service, never an ALB directly. */
export const checkEndpointServices: Check = ({ topology, index }, report) => {
    for (const service of topology.endpointServices) {
        const lb = index.get<LoadBalancer>(service.loadBalancer);
        if (!lb || lb.type === 'network') continue;
        report({
            code: 'endpoint-service-lb',
            elementId: service.id,
            loc: service.loadBalancerLoc,
            message: `${lb.name} is an Application Load Balancer: an endpoint service needs a Network Load Balancer (or a Gateway Load Balancer). Put an NLB in front, with the ALB as its target, to offer it through PrivateLink.`
        });
    }
};
