/**
 * Through a transit gateway: in at the attachment's ENI in the source's AZ, through the route
 * table associated with that attachment (and any TGW peerings), out at the attachment into the
 * destination VPC, and the route back. Network ACLs around the TGW's ENIs follow AWS's
 * "Network ACLs for transit gateways": in one subnet with the instance, the subnet's ACL judges
 * the instance's packets on their way into the TGW (out and in) and nothing on the way back out;
 * in different subnets, each subnet's ACL judges as usual.
 */
import { eniPlaceId } from '../model/ids.js';
import type { RejectReason } from '../model/reasons.js';
import type { HopKind } from '../model/trace.js';
import { formatAddr, type Addr } from './cidr.js';
import { stableHash, type CEni, type CSubnet, type Compiled } from './compile.js';
import { tgwLookup, type CAttachment, type CTgw, type CTgwRoute } from './compile-hubs.js';
import type { Destination } from './dns.js';
import type { Arrival, Walk } from './engine.js';
import type { Packet } from './filters.js';
import { lookup, targetName } from './paths.js';

/** More TGWs than this in one path is a loop of peerings. */
const TGW_LIMIT = 4;

interface TgwStep {
    kind: HopKind;
    name: string;
    detail: () => string;
    elementId: string;
}

type TgwPath = { steps: TgwStep[]; exit: CAttachment } | { steps: TgwStep[]; failure: TgwStep; reason: RejectReason };

function nextName(route: CTgwRoute): string {
    const next = route.next;
    if (!next) return '?';
    return next.kind === 'attachment' ? next.attachment.model.name : next.peering.name;
}

/** How a route came to be, as the TGW console's "route type" column says it. */
function routeType(route: CTgwRoute): string {
    if (route.static) return 'static';
    const from = route.next?.kind === 'attachment' ? route.next.attachment.vpc.model.name : '?';
    return `propagated from ${from}`;
}

/** The way from attachment (or TGW peering) `fromId` on `start` to `addr`, table by table. */
function tgwPath(compiled: Compiled, start: CTgw, fromId: string, fromName: string, addr: Addr): TgwPath {
    const steps: TgwStep[] = [];
    let tgw = start;
    let from = { id: fromId, name: fromName };
    for (let i = 0; i < TGW_LIMIT; i++) {
        const name = tgw.model.name;
        const id = tgw.model.id;
        const failure = (reason: RejectReason, detail: () => string): TgwPath => ({
            steps,
            failure: { kind: 'transit-gateway', name, detail, elementId: id },
            reason
        });
        const table = tgw.associationOf.get(from.id);
        if (!table)
            return failure(
                'TGW_NO_ROUTE',
                () =>
                    `${from.name} is associated with no route table of ${name} (default association is ${tgw.model.defaultAssociation ? 'on, but another table names it' : 'off'}): ${name} has nothing to route its traffic with`
            );
        const route = tgwLookup(table, addr);
        if (!route)
            return failure(
                'TGW_NO_ROUTE',
                () =>
                    `no route in ${name}'s route table ${table.name} (associated with ${from.name}) matches ${formatAddr(addr)}: a TGW routes only what its tables name, by static routes or propagation`
            );
        if (route.blackhole)
            return failure(
                'TGW_BLACKHOLE',
                () =>
                    `${formatAddr(addr)} matches ${route.text} in ${name}'s route table ${table.name}, a blackhole route: ${name} drops the packet`
            );
        const next = route.next;
        if (!next)
            return failure(
                'TGW_NO_ROUTE',
                () => `${formatAddr(addr)} matches ${route.text} in ${table.name}, whose target does not exist: the packet is dropped`
            );
        steps.push({
            kind: 'transit-gateway',
            name,
            elementId: id,
            detail: () =>
                `${name}'s route table ${table.name} (associated with ${from.name}): ${formatAddr(addr)} matches ${route.text} -> ${nextName(route)} (${routeType(route)}, longest prefix /${route.span.prefix}; a static route wins over a propagated one for the same prefix)`
        });
        if (next.kind === 'attachment') return { steps, exit: next.attachment };
        const peering = next.peering;
        const otherId = peering.requester === id ? peering.accepter : peering.requester;
        const other = compiled.tgws.get(otherId ?? '');
        if (!other)
            return failure('NO_ROUTE', () => `TGW peering ${peering.name} does not lead to another transit gateway: the packet is dropped`);
        const crossRegion = other.model.region !== tgw.model.region;
        steps.push({
            kind: 'transit-gateway-peering',
            name: peering.name,
            elementId: peering.id,
            detail: () =>
                `${peering.name} carries it from ${name} to ${other.model.name}${crossRegion ? ` (${tgw.model.region} → ${other.model.region}, over the AWS global network, encrypted)` : ''}; a TGW peering takes static routes only`
        });
        tgw = other;
        from = { id: peering.id, name: `TGW peering ${peering.name}` };
    }
    return {
        steps,
        failure: {
            kind: 'transit-gateway',
            name: tgw.model.name,
            elementId: tgw.model.id,
            detail: () => `the packet has crossed ${TGW_LIMIT} transit gateways without arriving: a loop of TGW peerings`
        },
        reason: 'NO_ROUTE'
    };
}

/** A VPC route sent the packet from `subnet` to `tgw`. */
export function throughTransitGateway(
    walk: Walk,
    subnet: CSubnet,
    tgw: CTgw,
    packet: Packet,
    sender: CEni,
    destination: Destination
): void {
    const vpc = subnet.vpc;
    const name = tgw.model.name;
    const attachment = vpc.attachments.find(a => a.tgw === tgw);
    if (!attachment)
        return walk.fail(
            'transit-gateway',
            name,
            vpc,
            'NO_ROUTE',
            () => `${vpc.model.name} has no attachment to transit gateway ${name}: a route to it leads nowhere`,
            tgw.model.id
        );
    const az = sender.subnet.model.az;
    const entry = attachment.enis.find(e => e.subnet.model.az === az);
    if (!entry)
        return walk.fail(
            'transit-gateway-attachment',
            attachment.model.name,
            vpc,
            'TGW_NO_ATTACHMENT_AZ',
            () =>
                `${attachment.model.name} ${attachment.enis.length > 0 ? `has ENIs in ${attachment.enis.map(e => e.subnet.model.az).join(', ')}, not in ${az}` : `names no subnet, so it has no ENI in ${az}`}, where ${sender.name} is: resources in an AZ without an attachment subnet cannot reach the transit gateway (add a subnet of ${az} to the attachment)`,
            attachment.model.id
        );
    walk.setPath(1);
    // One subnet: its ACL judges the way in (out, then in) and not the way back (AWS, "Network ACLs for transit gateways").
    const same = entry.subnet === sender.subnet;
    walk.leaveSubnet(subnet, packet, same ? 'request' : undefined);
    walk.arriveAt(entry, packet);
    walk.enterSubnet(entry.subnet, packet, same ? 'request' : undefined);
    walk.hop(
        'transit-gateway-attachment',
        attachment.model.name,
        vpc,
        () =>
            `${vpc.model.name}'s route sends it into ${name} through ${attachment.model.name}'s ENI ${formatAddr(entry.ipv4 ?? 0)} in ${entry.subnet.model.name}, the one in the source's AZ (${az})`,
        attachment.model.id,
        eniPlaceId(attachment.model.id, entry.subnet.model.id)
    );
    const path = tgwPath(walk.compiled, tgw, attachment.model.id, `attachment ${attachment.model.name}`, packet.dst);
    for (const step of path.steps) walk.hop(step.kind, step.name, null, step.detail, step.elementId);
    if ('failure' in path)
        return walk.fail(path.failure.kind, path.failure.name, null, path.reason, path.failure.detail, path.failure.elementId);
    const exit = path.exit;
    const into = exit.vpc;
    const target = into.enis.get(packet.dst);
    // Without appliance mode AWS keeps the flow in the AZ it started in when the attachment has an ENI there;
    // with it, a hash of the flow picks one ENI for both directions, whatever the source's AZ.
    const appliance = exit.model.applianceMode && exit.enis.length > 0;
    const out = appliance
        ? exit.enis[stableHash(walk.probe.id) % exit.enis.length]
        : (exit.enis.find(e => e.subnet.model.az === az) ??
          exit.enis.find(e => e.subnet.model.az === target?.subnet.model.az) ??
          exit.enis[0]);
    if (!out)
        return walk.fail(
            'transit-gateway-attachment',
            exit.model.name,
            into,
            'NO_ROUTE',
            () => `${exit.model.name} names no subnet, so ${name} has no ENI in ${into.model.name} to deliver through`,
            exit.model.id
        );
    walk.hop(
        'transit-gateway-attachment',
        exit.model.name,
        into,
        () =>
            `${exit.tgw?.model.name ?? name} delivers it into ${into.model.name} through ${exit.model.name}'s ENI ${formatAddr(out.ipv4 ?? 0)} in ${out.subnet.model.name} (${out.subnet.model.az}${appliance ? ', chosen by a hash of the flow: appliance mode keeps both directions on it' : ''}); that subnet's route table takes it from there`,
        exit.model.id,
        eniPlaceId(exit.model.id, out.subnet.model.id)
    );
    walk.departFrom(out, packet);
    // One subnet: nothing judges the way out of the TGW, but the reply crosses the ACL out and in.
    if (target && target.subnet === out.subnet) {
        walk.leaveSubnet(out.subnet, packet, 'reply');
        walk.enterSubnet(out.subnet, packet, 'reply');
    }
    walk.forward(out.subnet, packet, out, destination, { kind: 'transit-gateway', tgw: exit.tgw ?? tgw, exit, from: attachment });
}

/** The reply from `eni` to `packet.src` must go back into the same transit gateway and reach the source's attachment. */
export function returnThroughTransit(walk: Walk, eni: CEni, packet: Packet, arrival: Extract<Arrival, { kind: 'transit-gateway' }>): void {
    const table = eni.subnet.table;
    const route = table && lookup(table, packet.src);
    const tgw = arrival.tgw;
    const broken = (why: () => string) => {
        walk.hop('route-table', table?.model.name ?? '?', eni.subnet.vpc, () => '', table?.model.id);
        walk.block('NO_RETURN_ROUTE', () => `the reply to ${formatAddr(packet.src)} cannot go back: ${why()}`);
    };
    if (!route || route.target.kind !== 'transit-gateway' || route.target.tgw !== tgw)
        return broken(
            () =>
                `${table?.model.name ?? 'the route table'} ${route ? `sends it to ${targetName(route)}` : 'has no route for it'}, not to ${tgw.model.name} (a transit gateway needs a route in each direction)`
        );
    const az = eni.subnet.model.az;
    if (!arrival.exit.enis.some(e => e.subnet.model.az === az))
        return broken(
            () => `${eni.name} is in ${az}, where ${arrival.exit.model.name} has no subnet, so the reply cannot enter ${tgw.model.name}`
        );
    const back = tgwPath(walk.compiled, tgw, arrival.exit.model.id, `attachment ${arrival.exit.model.name}`, packet.src);
    if ('failure' in back) return broken(() => `on the way back, ${back.failure.detail()}`);
    if (back.exit !== arrival.from)
        return broken(
            () =>
                `on the way back, ${tgw.model.name} sends ${formatAddr(packet.src)} to ${back.exit.model.name}, not to ${arrival.from.model.name} where the request came from`
        );
}
