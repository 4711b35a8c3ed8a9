/**
 * Which VPCs a flow can pass through, and which VPCs' flows an element of the hubs can touch: the
 * one place the diff asks "how far does this go?" (the diff re-simulates only the sources whose
 * reach meets a changed VPC, so a reach too narrow is a wrong diff and one too wide only slower).
 *
 * Read from the model, not the compiled sides: an element's reach must be known on both sides of
 * a change, and the compiler only ever drops what the model names, so the model's reach is the
 * wider of the two.
 */
import { endpointServiceIdOf } from '../model/transit.js';
import type { Topology } from '../model/topology.js';
import { overlaps, parseCidr, toSpan, type Block, type Span } from './cidr.js';
import { compileTgwRouting } from './tgw-routes.js';

function push<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
    const set = map.get(key);
    if (set) set.add(value);
    else map.set(key, new Set([value]));
}

function blocksOf(cidrs: ReadonlyArray<{ value: string }>): Block[] {
    return cidrs.flatMap(c => {
        const parsed = parseCidr(c.value);
        return parsed.ok ? [parsed.value] : [];
    });
}

/** A gate's entry for a VPC entered through a peering: only destinations inside its own blocks get there (no VPC id is empty). */
const OWN_BLOCKS = '';

interface Walked {
    reach: Set<string>;
    routed: Set<string>;
    gates: Map<string, 'all' | Set<string>>;
}

export class TopologyReach {
    private readonly peers = new Map<string, Set<string>>();
    /** VPC → VPCs it hands traffic to and whose own routes then carry it on: an appliance's, an endpoint service's. */
    private readonly onward = new Map<string, Set<string>>();
    /**
     * VPC → the VPCs of each transit-gateway component it is joined to (two or more): a gateway can
     * deliver into every one of them, routed on from there. Kept as whole components, not edges,
     * so a walk expands each once instead of once per member (a hub of n spokes is n², not n).
     */
    private readonly transit = new Map<string, Array<Set<string>>>();
    /** VPC → the blocks a transit gateway delivers into it: only a peer of it inside one of them is reached through it. */
    private readonly deliveredInto = new Map<string, Block[]>();
    /** Transit gateway id → every VPC attached to, routing to or named by a gateway of its peering-connected component. */
    private readonly componentVpcs = new Map<string, Set<string>>();
    private readonly vpcBlocks = new Map<string, Block[]>();
    private readonly walks = new Map<string, Walked>();

    constructor(private readonly topology: Topology) {
        for (const vpc of topology.vpcs) if (!this.vpcBlocks.has(vpc.id)) this.vpcBlocks.set(vpc.id, blocksOf([...vpc.cidrs, ...vpc.ipv6]));
        for (const p of topology.peerings) {
            if (p.requester === undefined || p.accepter === undefined) continue;
            push(this.peers, p.requester, p.accepter);
            push(this.peers, p.accepter, p.requester);
        }
        this.indexTransitGateways();
        this.indexAppliancesAndServices();
    }

    private indexTransitGateways(): void {
        const t = this.topology;
        if (t.transitGateways.length === 0 && t.transitGatewayAttachments.length === 0) return;
        // Gateways joined by TGW peerings form one component: a packet may cross them all.
        const component = new Map<string, string>();
        const find = (id: string): string => {
            let root = id;
            while (component.has(root) && component.get(root) !== root) root = component.get(root)!;
            component.set(id, root);
            return root;
        };
        for (const tgw of t.transitGateways) find(tgw.id);
        for (const p of t.transitGatewayPeerings)
            if (p.requester !== undefined && p.accepter !== undefined) component.set(find(p.requester), find(p.accepter));
        const vpcsOf = new Map<string, Set<string>>();
        const attachmentVpc = new Map(t.transitGatewayAttachments.map(a => [a.id, a.vpc]));
        for (const a of t.transitGatewayAttachments) if (a.transitGateway !== undefined) push(vpcsOf, find(a.transitGateway), a.vpc);
        const tgwIds = new Set(t.transitGateways.map(g => g.id));
        for (const table of t.routeTables)
            for (const route of table.routes)
                if (route.target && tgwIds.has(route.target.id)) push(vpcsOf, find(route.target.id), table.vpc);
        // A static route may name an attachment of another gateway: the packet leaves through it all the same.
        const routing = compileTgwRouting(t);
        for (const [tgw, tables] of routing.tables)
            for (const table of tables)
                for (const route of table.routes) {
                    const into = route.target?.kind === 'transit-gateway-attachment' ? attachmentVpc.get(route.target.id) : undefined;
                    if (into === undefined) continue;
                    push(vpcsOf, find(tgw), into);
                    const blocks = this.deliveredInto.get(into);
                    if (blocks) blocks.push(route.block);
                    else this.deliveredInto.set(into, [route.block]);
                }
        for (const id of component.keys()) this.componentVpcs.set(id, vpcsOf.get(find(id)) ?? new Set());
        for (const vpcs of new Set(this.componentVpcs.values())) {
            if (vpcs.size < 2) continue;
            for (const v of vpcs) {
                const list = this.transit.get(v);
                if (list) list.push(vpcs);
                else this.transit.set(v, [vpcs]);
            }
        }
    }

    private indexAppliancesAndServices(): void {
        const t = this.topology;
        const instanceVpc = new Map(t.instances.map(i => [i.id, i.vpc]));
        for (const table of t.routeTables)
            for (const route of table.routes) {
                const appliance = route.target ? instanceVpc.get(route.target.id) : undefined;
                if (appliance !== undefined && appliance !== table.vpc) push(this.onward, table.vpc, appliance);
            }
        // A load balancer passes the connection on from its own subnet, to targets wherever they are.
        const lbVpcs = new Map<string, Set<string>>();
        for (const lb of t.loadBalancers) {
            push(lbVpcs, lb.id, lb.vpc);
            for (const listener of lb.listeners)
                for (const target of listener.targets) {
                    const vpc = target.kind === 'instance' ? instanceVpc.get(target.instance ?? '') : undefined;
                    if (vpc !== undefined && vpc !== lb.vpc) push(this.onward, lb.vpc, vpc);
                }
        }
        const services = new Map(t.endpointServices.map(s => [s.id, s]));
        for (const endpoint of t.interfaceEndpoints) {
            const service = services.get(endpointServiceIdOf(endpoint) ?? '');
            if (!service) continue;
            push(this.onward, endpoint.vpc, service.vpc);
            for (const vpc of lbVpcs.get(service.loadBalancer ?? '') ?? []) push(this.onward, endpoint.vpc, vpc);
        }
    }

    /**
     * The VPCs traffic from `vpc` can touch: its own, its peers (a peering delivers only into the
     * peer's blocks, and peering is not transitive), and, followed on, every VPC its traffic enters
     * and is routed again from: an appliance's, every VPC of a transit gateway it routes to or is
     * attached to (and their peers inside the blocks the gateway delivers there), an endpoint
     * service's provider and its load balancer's targets.
     */
    from(vpc: string): Set<string> {
        return this.walk(vpc).reach;
    }

    /** The VPCs whose route tables and network ACLs traffic from `vpc` can meet: its own, and those it is routed on from. */
    routed(vpc: string): Set<string> {
        return this.walk(vpc).routed;
    }

    /**
     * Which destinations of traffic from `vpc` a change in `changed` can affect: all of them, only
     * those inside some blocks (when every changed VPC is met only behind a transit gateway, which
     * carries there only what its routes into that VPC name, or through a peering, which carries
     * only what is inside the peer's blocks), or none.
     */
    scope(vpc: string, changed: ReadonlySet<string>): 'all' | Span[] | 'none' {
        const { gates } = this.walk(vpc);
        const entries = new Set<string>();
        const peers: string[] = [];
        for (const c of changed) {
            const gate = gates.get(c);
            if (gate === 'all') return 'all';
            for (const w of gate ?? []) {
                if (w === OWN_BLOCKS) peers.push(c);
                else entries.add(w);
            }
        }
        if (entries.size === 0 && peers.length === 0) return 'none';
        const spans: Span[] = [];
        for (const w of entries) for (const b of this.deliveredInto.get(w) ?? []) spans.push(toSpan(b));
        for (const peer of peers) {
            // A peer this side does not have: the peering drops everything sent to it, whatever the address.
            const blocks = this.vpcBlocks.get(peer);
            if (!blocks) return 'all';
            for (const b of blocks) spans.push(toSpan(b));
        }
        return spans;
    }

    /**
     * Breadth first from `vpc`, with each VPC's gate: `all` when any destination can get there,
     * else the VPCs a transit gateway delivered into on the way (only destinations inside the
     * blocks it delivers into them get there: a packet's destination never changes on the way,
     * except at a load balancer, which only a service's traffic meets), and for a VPC entered
     * through a peering, its own blocks (a peering carries nothing else into it, and the reply
     * goes back the way it came, never through a third VPC).
     */
    private walk(vpc: string): Walked {
        let walked = this.walks.get(vpc);
        if (walked) return walked;
        const gates = new Map<string, 'all' | Set<string>>();
        // The same, for the VPCs the packet is routed on from (a peer is only arrived in).
        const routedGates = new Map<string, 'all' | Set<string>>();
        const queue: Array<[string, string | undefined]> = [];
        const expanded = new Set<Set<string>>();
        /** Whether the gate of `x` grew. */
        const open = (map: typeof gates, x: string, entry: string | undefined): boolean => {
            const gate = map.get(x);
            if (gate === 'all' || (entry !== undefined && gate?.has(entry))) return false;
            if (entry === undefined) map.set(x, 'all');
            else if (gate) gate.add(entry);
            else map.set(x, new Set([entry]));
            return true;
        };
        const route = (x: string, entry: string | undefined) => {
            open(gates, x, entry);
            if (open(routedGates, x, entry)) queue.push([x, entry]);
        };
        route(vpc, undefined);
        for (let item = queue.pop(); item !== undefined; item = queue.pop()) {
            const [u, entry] = item;
            const delivered = entry === undefined ? undefined : (this.deliveredInto.get(entry) ?? []);
            for (const peer of this.peers.get(u) ?? [])
                if (!delivered || delivered.some(b => this.vpcBlocks.get(peer)?.some(p => overlaps(b, p)))) open(gates, peer, OWN_BLOCKS);
            for (const next of this.onward.get(u) ?? []) route(next, entry);
            for (const component of this.transit.get(u) ?? []) {
                if (expanded.has(component)) continue;
                expanded.add(component);
                for (const next of component) route(next, next);
            }
        }
        walked = { reach: new Set(gates.keys()), routed: new Set(routedGates.keys()), gates };
        this.walks.set(vpc, walked);
        return walked;
    }

    /** The VPCs attached to, routing to or named by any transit gateway of the one's peering-connected component. */
    transitGateway(id: string | undefined): string[] {
        return [...(this.componentVpcs.get(id ?? '') ?? [])];
    }

    /** The provider's VPC, its load balancer's, and every VPC with an interface endpoint naming the service. */
    endpointService(id: string): string[] {
        const t = this.topology;
        const service = t.endpointServices.find(s => s.id === id);
        const lb = t.loadBalancers.find(l => l.id === service?.loadBalancer);
        const consumers = t.interfaceEndpoints.filter(e => endpointServiceIdOf(e) === id).map(e => e.vpc);
        return [...(service ? [service.vpc] : []), ...(lb ? [lb.vpc] : []), ...consumers];
    }

    /**
     * A load balancer's VPC and the consumers of the endpoint services it backs. Every other VPC
     * whose traffic can reach it (peers, transit) has its VPC in `from`, so is in scope already.
     */
    loadBalancer(id: string, vpc: string): string[] {
        const services = this.topology.endpointServices.filter(s => s.loadBalancer === id);
        return [vpc, ...services.flatMap(s => this.endpointService(s.id))];
    }

    /** The list's VPC and every VPC whose routes, security-group rules or network ACL rules name it. */
    prefixList(id: string, vpc: string): string[] {
        const t = this.topology;
        const vpcs = new Set([vpc]);
        for (const table of t.routeTables)
            if (table.routes.some(r => r.destination.kind === 'prefix-list' && r.destination.list === id)) vpcs.add(table.vpc);
        for (const holder of [...t.securityGroups, ...t.networkAcls])
            if (
                (holder.rules as ReadonlyArray<{ peer: { kind: string; list?: string } }>).some(
                    r => r.peer.kind === 'prefix-list' && r.peer.list === id
                )
            )
                vpcs.add(holder.vpc);
        return [...vpcs];
    }
}

const cache = new WeakMap<Topology, TopologyReach>();

/** The topology's reach, built once per topology object (the diff's elements and both sides share it). */
export function reachOf(topology: Topology): TopologyReach {
    let reach = cache.get(topology);
    if (!reach) {
        reach = new TopologyReach(topology);
        cache.set(topology, reach);
    }
    return reach;
}
