/**
 * What AWS does with a transit gateway's defaults: the attachments the default route table
 * gets by default association and propagation. Worked out over the whole topology because
 * attachments live in VPCs that other files declare.
 */
import { makeId, partId } from './ids.js';
import type { Topology, TransitGateway, TgwRouteTable } from './topology.js';

export interface EffectiveTgwTable {
    id: string;
    name: string;
    /** Attachment ids. */
    associations: string[];
    propagations: string[];
}

export const DEFAULT_TGW_TABLE = 'default';

/** The `default` route table AWS creates while default association or propagation is on: none otherwise. */
export function implicitTgwTables(tgwId: string, defaultAssociation: boolean, defaultPropagation: boolean): TgwRouteTable[] {
    if (!defaultAssociation && !defaultPropagation) return [];
    return [
        { id: partId(tgwId, DEFAULT_TGW_TABLE), name: DEFAULT_TGW_TABLE, implicit: true, associations: [], propagations: [], routes: [] }
    ];
}

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

/**
 * The id of the endpoint service an interface endpoint's service would name: `VPC.NAME` names
 * that VPC's endpoint service when the topology has one, else the AWS service of that name
 * (`ecr.api`).
 */
export function endpointServiceIdOf(endpoint: { service: string }): string | undefined {
    const parts = endpoint.service.split('.');
    return parts.length === 2 && parts.every(p => p !== '') ? makeId('endpoint-service', parts[1]!, parts[0]) : undefined;
}

/** The endpoint service an interface endpoint connects to, if it names one the topology has. */
export function endpointServiceOf(topology: Topology, endpoint: { service: string }) {
    const id = endpointServiceIdOf(endpoint);
    return id === undefined ? undefined : topology.endpointServices.find(s => s.id === id);
}
