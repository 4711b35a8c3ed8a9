/**
 * What AWS does with a transit gateway's defaults: the attachments the default route table
 * gets by default association and propagation. Worked out over the whole topology because
 * attachments live in VPCs that other files declare.
 */
import type { Topology, TransitGateway } from './topology.js';

export interface EffectiveTgwTable {
    id: string;
    name: string;
    /** Attachment ids. */
    associations: string[];
    propagations: string[];
}

export const DEFAULT_TGW_TABLE = 'default';

/**
 * Each route table of the gateway with the attachments associated with it and propagating into
 * it. With default association on, an attachment that no table names is associated with the
 * default table (AWS associates it at creation; naming another table moves it). With default
 * propagation on, every attachment propagates into the default table as well.
 */
export function effectiveTgwTables(topology: Topology, tgw: TransitGateway): EffectiveTgwTable[] {
    const attachments = topology.transitGatewayAttachments.filter(a => a.transitGateway === tgw.id).map(a => a.id);
    const associated = new Set(tgw.routeTables.flatMap(t => t.associations.map(a => a.value)));
    return tgw.routeTables.map(table => {
        const associations = table.associations.map(a => a.value);
        const propagations = table.propagations.map(a => a.value);
        if (table.name === DEFAULT_TGW_TABLE) {
            if (tgw.defaultAssociation) associations.push(...attachments.filter(a => !associated.has(a)));
            if (tgw.defaultPropagation) propagations.push(...attachments.filter(a => !propagations.includes(a)));
        }
        return { id: table.id, name: table.name, associations, propagations };
    });
}

/** The endpoint service an interface endpoint connects to, if it names one that exists. */
export function endpointServiceOf(topology: Topology, endpoint: { endpointService?: string }) {
    return endpoint.endpointService === undefined ? undefined : topology.endpointServices.find(s => s.id === endpoint.endpointService);
}
