/** Transit gateways: attachment subnets and regions, route-table associations, routes both ways. */
import type { Located, Subnet, TransitGateway } from '../model/topology.js';
import { associatedTable, compileTgwRouting } from '../simulator/tgw-routes.js';
import { displayName } from '../simulator/topology-index.js';
import { ReturnRoutes } from './transit-returns.js';
import type { Check } from './finding.js';

/** AWS takes one subnet per Availability Zone, and a VPC of the gateway's own region. */
export const checkTgwAttachments: Check = ({ topology, index }, report) => {
    for (const attachment of topology.transitGatewayAttachments) {
        const seen = new Map<string, Located>();
        for (const located of attachment.subnets) {
            const subnet = index.get<Subnet>(located.value);
            if (!subnet) continue;
            const earlier = seen.get(subnet.az);
            if (!earlier) {
                seen.set(subnet.az, located);
                continue;
            }
            const first = index.get<Subnet>(earlier.value)!;
            report({
                code: 'tgw-attachment-az',
                elementId: attachment.id,
                loc: located.loc,
                message: `Subnet ${subnet.name} is in ${subnet.az}, like ${first.name}: a transit gateway attachment takes one subnet per Availability Zone (the gateway places one ENI in each), so AWS refuses the second.`,
                related: [{ message: `subnet ${first.name}, already in ${subnet.az}`, loc: earlier.loc }]
            });
        }
        const tgw = index.get<TransitGateway>(attachment.transitGateway);
        const vpc = index.vpcs.get(attachment.vpc)?.vpc;
        if (tgw && vpc && tgw.region !== vpc.region) {
            report({
                code: 'tgw-attachment-az',
                elementId: attachment.id,
                loc: attachment.transitGatewayLoc,
                message: `Transit gateway ${tgw.name} is in ${tgw.region} and VPC ${vpc.name} in ${vpc.region}: a transit gateway is regional and attaches VPCs of its own region only. Attach ${vpc.name} to a gateway in ${vpc.region} and join the two gateways with a transit-gateway-peering.`
            });
        }
    }
};

/**
 * Resources in an Availability Zone without an attachment subnet cannot reach the transit gateway
 * even when their route table sends traffic to it (AWS's VPC attachment limits): a configuration
 * AWS accepts, so a warning, on the attachment, for each zone where instances route to the gateway.
 */
export const checkTgwAttachmentZones: Check = ({ topology, index }, report) => {
    for (const attachment of topology.transitGatewayAttachments) {
        const tgw = attachment.transitGateway;
        const view = index.vpcs.get(attachment.vpc);
        if (!tgw || !view) continue;
        const covered = new Set(attachment.subnets.map(s => index.get<Subnet>(s.value)?.az));
        const withInstances = new Set(view.instances.map(i => i.subnet));
        const stranded = new Map<string, Subnet[]>();
        for (const subnet of view.subnets) {
            if (covered.has(subnet.az) || !withInstances.has(subnet.id)) continue;
            if (!index.routeTableOf(subnet)?.routes.some(r => r.target?.id === tgw)) continue;
            stranded.set(subnet.az, [...(stranded.get(subnet.az) ?? []), subnet]);
        }
        for (const [az, subnets] of stranded) {
            const add = view.subnets.find(s => s.az === az)!;
            const names = subnets.map(s => s.name).join(', ');
            report({
                code: 'tgw-attachment-missing-az',
                elementId: attachment.id,
                loc: attachment.loc,
                message: `Instances in ${names} (${az}) route to transit gateway ${index.get<TransitGateway>(tgw)?.name ?? tgw}, but attachment ${attachment.name} has no subnet in ${az}: traffic from a zone without an attachment subnet cannot reach the gateway. Add a subnet of ${az} (such as ${add.name}) to the attachment.`,
                data: { attachment: attachment.id, subnet: add.name }
            });
        }
    }
};

/** Each attachment is associated with exactly one table; without default association it must be named in one. */
export const checkTgwAssociations: Check = ({ topology }, report) => {
    const attachments = new Map(topology.transitGatewayAttachments.map(a => [a.id, a]));
    for (const tgw of topology.transitGateways) {
        const first = new Map<string, { table: string; loc?: Located['loc'] }>();
        for (const table of tgw.routeTables) {
            for (const association of table.associations) {
                const earlier = first.get(association.value);
                if (!earlier) {
                    first.set(association.value, { table: table.name, loc: association.loc });
                    continue;
                }
                const name = attachments.get(association.value)?.name ?? association.value;
                report({
                    code: 'tgw-association',
                    elementId: table.id,
                    loc: association.loc,
                    message: `Attachment ${name} is already associated with route table ${earlier.table} of ${tgw.name}: an attachment is associated with exactly one transit gateway route table, which decides where its traffic goes. Propagate it here instead if this table should reach it.`,
                    related: [{ message: `the association with ${earlier.table}`, loc: earlier.loc }]
                });
            }
        }
        if (tgw.defaultAssociation) continue;
        for (const attachment of attachments.values()) {
            if (attachment.transitGateway !== tgw.id || first.has(attachment.id)) continue;
            report({
                code: 'tgw-association',
                elementId: attachment.id,
                loc: attachment.loc,
                message: `Attachment ${attachment.name} is associated with no route table of ${tgw.name}, whose default association is off: the gateway drops the traffic it receives from this VPC. Add \`associate ${displayName(attachment)}\` to one of its route tables.`
            });
        }
    }
};

/**
 * Routes through a transit gateway need a way back: the destination VPC's subnets that the TGW
 * delivers to must route the sources back to the same gateway. The gateway decides where traffic
 * goes by the table associated with the sender's attachment (see `simulator/tgw-routes.ts`).
 */
export const checkTgwReturnRoutes: Check = ({ topology, index }, report) => {
    if (topology.transitGateways.length === 0) return;
    const routing = compileTgwRouting(topology);
    const returns = new ReturnRoutes(index, routing);
    for (const table of topology.routeTables) {
        for (const route of table.routes) {
            if (route.target?.kind !== 'transit-gateway') continue;
            const tgw = route.target.id;
            const attachment = topology.transitGatewayAttachments.find(a => a.vpc === table.vpc && a.transitGateway === tgw);
            const tgwTable = attachment && associatedTable(routing, attachment.id);
            const destination = index.routeBlock(route);
            const vpc = index.vpcs.get(table.vpc)?.vpc;
            if (!attachment || !tgwTable || !destination || !vpc) continue;
            const sources = returns.sourcesOf(table, vpc).filter(b => b.family === destination.family);
            if (sources.length === 0) continue;
            const missing = returns.missing(tgwTable, destination, attachment, sources, tgw);
            if (missing.length === 0) continue;
            const tgwName = index.get<TransitGateway>(tgw)?.name ?? tgw;
            const back =
                sources.length === 1
                    ? sources[0]!.text
                    : (index.vpcs.get(vpc.id)?.blocks.find(b => b.family === destination.family)?.text ?? sources[0]!.text);
            const names = missing.map(m => `${m.vpc.name}'s ${m.table.name} (used by ${m.subnets.join(', ')})`).join('; ');
            report({
                code: 'tgw-missing-return-route',
                elementId: route.id,
                loc: route.targetLoc,
                message: `Replies cannot come back: route table ${names} has no route to ${back} through transit gateway ${tgwName}. The gateway delivers this traffic, but each VPC routes its own replies; add \`route ${back} -> ${tgwName}\` there.`,
                data: { returnTables: missing.map(m => m.table.id), returnDestination: back, transitGateway: tgw },
                related: missing.flatMap(m =>
                    m.table.loc ? [{ message: `${m.vpc.name}'s route table ${m.table.name}`, loc: m.table.loc }] : []
                )
            });
        }
    }
};
