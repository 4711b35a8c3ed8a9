/**
 * PrivateLink: endpoint services (describe-vpc-endpoint-service-configurations, with
 * describe-vpc-endpoint-service-permissions for their principals) and the interface endpoints
 * that connect to them, named `VPC.SERVICE` as the language names them. Also customer-managed
 * prefix lists, which AWS keeps per region and the language per VPC: each VPC whose rules or
 * routes name one gets its own copy.
 */
import { makeId } from '../../model/ids.js';
import type { RulePeer, Vpc } from '../../model/topology.js';
import type { SourceRef } from '../common/source.js';
import { awsName, label, type AwsContext } from './context.js';
import { addInterfaceEndpoint, endpointPolicy } from './endpoints.js';

/** Endpoint services by their service name (`com.amazonaws.vpce.REGION.vpce-svc-…`): the model id and how endpoints name it. */
const servicesOf = new WeakMap<AwsContext, Map<string, { id: string; service: string; acceptance: boolean }>>();

export function importEndpointServices(context: AwsContext): void {
    const { draft, snapshot } = context;
    const byName = new Map<string, { id: string; service: string; acceptance: boolean }>();
    servicesOf.set(context, byName);
    for (const { item: s, source } of snapshot.ServiceConfigurations) {
        const what = `endpoint service ${label(s.ServiceId, s.Tags)}`;
        if (s.ServiceState && s.ServiceState !== 'Available') {
            draft.report.leftOut(source, what, `its state is ${s.ServiceState}`);
            continue;
        }
        if ((s.GatewayLoadBalancerArns ?? []).length > 0)
            draft.report.leftOut(source, `the gateway load balancers of ${what}`, 'the language has no gateway load balancers');
        const arns = s.NetworkLoadBalancerArns ?? [];
        const lbId = arns.map(a => context.ids.get(a)).find(a => a !== undefined);
        const lb = draft.topology.loadBalancers.find(l => l.id === lbId);
        if (!s.ServiceId || !lb) {
            draft.report.leftOut(
                source,
                what,
                `its network load balancer ${arns[0] ?? '(none)'} is not in the snapshot, so neither is its VPC`
            );
            continue;
        }
        if (arns.length > 1)
            draft.report.leftOut(
                source,
                `the load balancers of ${what} but ${lbId}`,
                'the language fronts an endpoint service with one load balancer'
            );
        const vpc = draft.topology.vpcs.find(v => v.id === lb.vpc)!;
        const name = draft.names.name('endpoint-service', awsName(s.Tags, s.ServiceId), vpc.name);
        const id = makeId('endpoint-service', name, vpc.name);
        const principals = snapshot.AllowedPrincipals.filter(p => p.item.ServiceId === s.ServiceId && p.item.Principal).map(p => ({
            value: p.item.Principal!
        }));
        if (snapshot.AllowedPrincipals.length === 0)
            draft.report.leftOut(
                source,
                `the allowed principals of ${what}`,
                'add describe-vpc-endpoint-service-permissions output; none are imported'
            );
        draft.topology.endpointServices.push({
            kind: 'endpoint-service',
            id,
            name,
            vpc: vpc.id,
            loadBalancer: lb.id,
            allowedPrincipals: principals,
            acceptanceRequired: s.AcceptanceRequired === true,
            accepted: []
        });
        context.ids.set(s.ServiceId, id);
        draft.origin(id, label(s.ServiceId, s.Tags), source);
        if (s.ServiceName) byName.set(s.ServiceName, { id, service: `${vpc.name}.${name}`, acceptance: s.AcceptanceRequired === true });
    }
}

/** Interface endpoints to endpoint services (`importEndpoints` leaves them for this step). */
export function importPrivateLinkEndpoints(context: AwsContext): void {
    const { draft, snapshot } = context;
    const services = servicesOf.get(context) ?? new Map();
    for (const { item: e, source } of snapshot.VpcEndpoints) {
        if (!isPrivateLink(e.ServiceName) || !e.VpcEndpointId || context.ids.has(e.VpcEndpointId)) continue;
        const what = `VPC endpoint ${label(e.VpcEndpointId, e.Tags)} (${e.ServiceName ?? '?'})`;
        const state = e.State?.toLowerCase();
        const vpc = e.VpcId ? context.vpcs.get(e.VpcId) : undefined;
        if (state === 'deleted' || state === 'deleting' || state === 'failed' || state === 'rejected' || state === 'expired' || !vpc)
            continue;
        const service = services.get(e.ServiceName ?? '');
        if (!service) {
            draft.report.leftOut(
                source,
                what,
                "its endpoint service is not in the snapshot: add the provider's describe-vpc-endpoint-service-configurations output"
            );
            continue;
        }
        if (e.VpcEndpointType !== 'Interface') {
            draft.report.leftOut(source, what, `${e.VpcEndpointType ?? 'unknown'} endpoints are not in the language`);
            continue;
        }
        const policy = endpointPolicy(context, e, source, what);
        // Private DNS names belong to AWS services; an endpoint service's own is not in the language.
        const id = addInterfaceEndpoint(
            context,
            { ...e, VpcEndpointId: e.VpcEndpointId },
            vpc,
            source,
            { service: service.service, region: vpc.region },
            true,
            policy.policy
        );
        // An endpoint available on a service that requires acceptance was accepted.
        if (service.acceptance && state === 'available')
            draft.topology.endpointServices.find(s => s.id === service.id)?.accepted.push({ value: id });
        else if (service.acceptance && state === 'pendingacceptance') draft.note(id, 'pending acceptance by the endpoint service');
    }
}

export function isPrivateLink(serviceName: string | undefined): boolean {
    return serviceName?.startsWith('com.amazonaws.vpce.') === true;
}

/** Customer-managed lists: a copy per VPC that names one, made on first use. */
const listsOf = new WeakMap<AwsContext, Map<string, string>>();

/** A customer-managed list named in a rule or route of `vpc`, as the language's own list of that VPC; undefined when it is unknown. */
export function customerList(context: AwsContext, prefixListId: string, vpc: Vpc): Extract<RulePeer, { kind: 'prefix-list' }> | undefined {
    const { draft, snapshot } = context;
    const made = listsOf.get(context) ?? new Map<string, string>();
    listsOf.set(context, made);
    // Prefix lists are regional: a VPC names those of its own region.
    const found = snapshot.ManagedPrefixLists.find(
        p => p.item.PrefixListId === prefixListId && p.item.OwnerId !== 'AWS' && p.region === vpc.region
    );
    if (!found) return undefined;
    const key = `${vpc.id} ${prefixListId}`;
    let id = made.get(key);
    if (id === undefined) {
        const pl = found.item;
        // A list named like an AWS service would read back as that service's list.
        const raw = awsName(pl.Tags, pl.PrefixListName ?? prefixListId);
        const name = draft.names.name('prefix-list', ['s3', 'dynamodb'].includes(raw) ? `${raw}-list` : raw, vpc.name);
        id = makeId('prefix-list', name, vpc.name);
        const entries = snapshot.Entries.filter(e => e.source.file.includes(prefixListId) && e.item.Cidr).map(e => ({
            value: e.item.Cidr!
        }));
        if (!snapshot.Entries.some(e => e.source.file.includes(prefixListId)))
            draft.report.leftOut(
                found.source,
                `the entries of prefix list ${label(prefixListId, pl.Tags)}`,
                'add its get-managed-prefix-list-entries output, in a file named after it (as --print-commands does)'
            );
        draft.topology.prefixLists.push({
            kind: 'prefix-list',
            id,
            name,
            vpc: vpc.id,
            maxEntries: pl.MaxEntries ?? entries.length,
            entries
        });
        draft.origin(id, `${label(prefixListId, pl.Tags)} ${pl.PrefixListName ?? ''}`.trim(), found.source);
        made.set(key, id);
    }
    return { kind: 'prefix-list', service: draft.topology.prefixLists.find(p => p.id === id)!.name, region: vpc.region, list: id };
}

/** Customer-managed lists no imported rule or route names: said, since the language keeps lists in the VPCs that use them. */
export function reportUnusedLists(context: AwsContext): void {
    const used = new Set([...(listsOf.get(context)?.keys() ?? [])].map(k => k.split(' ')[1]));
    for (const { item: pl, source } of context.snapshot.ManagedPrefixLists) {
        if (pl.OwnerId === 'AWS' || !pl.PrefixListId || used.has(pl.PrefixListId)) continue;
        context.draft.report.leftOut(
            source as SourceRef,
            `prefix list ${label(pl.PrefixListId, pl.Tags)}`,
            'no imported rule or route names it, and the language keeps a prefix list in the VPC that uses it'
        );
    }
}
