/**
 * VPC endpoints (gateway and interface, with their separate association and policy resources),
 * and S3 buckets with the bucket policies that keep them private to gateway endpoints.
 */
import { makeId } from '../../../model/ids.js';
import type { Policy, PolicyStatement } from '../../../model/topology.js';
import { fromJson, isObject, type Value } from '../hcl/values.js';
import type { ResourceInstance } from '../instances.js';
import { bool, list, type MapContext, str } from './context.js';
import { endpointServiceName } from './balancers.js';

/** `com.amazonaws.us-east-1.s3` → s3 in us-east-1. */
function service(name: string): { service: string; region?: string } {
    const m = /^com\.amazonaws\.([a-z0-9-]+)\.(.+)$/.exec(name);
    return m ? { service: m[2]!, region: m[1]! } : { service: name };
}

function parsePolicyJson(v: Value | undefined): Record<string, Value> | undefined {
    if (v !== undefined && isObject(v)) return v;
    if (typeof v !== 'string') return undefined;
    try {
        const j = fromJson(JSON.parse(v));
        return isObject(j) ? j : undefined;
    } catch {
        return undefined;
    }
}

const strings = (v: Value | undefined): string[] => list(v).filter((x): x is string => typeof x === 'string');

function policyOf(ctx: MapContext, i: ResourceInstance, v: Value | undefined): Policy | undefined {
    if (v === undefined || v === null || v === '') return undefined;
    const doc = parsePolicyJson(v);
    if (!doc) {
        ctx.leftOut(
            i,
            `${i.address}: policy`,
            'not known before apply (a data source or a value known after apply); the endpoint is imported with full access'
        );
        return undefined;
    }
    const statements: PolicyStatement[] = [];
    for (const s of list(doc.Statement).filter(isObject)) {
        if (s.Condition !== undefined || s.NotAction !== undefined || s.NotResource !== undefined) {
            ctx.leftOut(
                i,
                `${i.address}: policy statement ${str(s.Sid) ?? statements.length + 1}`,
                'conditions, NotAction and NotResource are not modelled in endpoint policies'
            );
            continue;
        }
        statements.push({
            effect: str(s.Effect)?.toLowerCase() === 'deny' ? 'deny' : 'allow',
            actions: strings(s.Action),
            resources: strings(s.Resource).length ? strings(s.Resource) : ['*']
        });
    }
    return { statements };
}

export function mapEndpoints(ctx: MapContext): void {
    for (const i of ctx.ofType('aws_vpc_endpoint')) {
        const v = i.values;
        const vpc = ctx.vpcOf(v.vpc_id);
        // An endpoint of an endpoint service of this import names it `VPC.NAME`.
        const svc = endpointServiceName(ctx, v.service_name) ?? str(v.service_name);
        if (!vpc || !svc) {
            ctx.leftOut(i, i.address, vpc ? 'its service name is not known before apply' : 'its VPC is not in this import');
            continue;
        }
        const type = (str(v.vpc_endpoint_type) ?? 'Gateway').toLowerCase();
        const { service: name, region } = service(svc);
        if (type === 'gateway') {
            const elementName = ctx.name(i, 'gateway-endpoint', vpc.name);
            const id = makeId('gateway-endpoint', elementName, vpc.name);
            const tables = list(v.route_table_ids)
                .map(t => ctx.element(t))
                .filter((t): t is string => t !== undefined);
            const policy = policyOf(ctx, i, v.policy);
            ctx.topology.gatewayEndpoints.push({
                kind: 'gateway-endpoint',
                id,
                name: elementName,
                vpc: vpc.id,
                service: name,
                region: region ?? ctx.regionOf(i),
                routeTables: tables.map(value => ({ value })),
                ...(policy ? { policy } : {})
            });
            ctx.register(i, id);
        } else if (type === 'interface') {
            const elementName = ctx.name(i, 'interface-endpoint', vpc.name);
            const id = makeId('interface-endpoint', elementName, vpc.name);
            const subnets = list(v.subnet_ids)
                .map(s => ctx.element(s))
                .filter((s): s is string => s !== undefined);
            const groups = list(v.security_group_ids)
                .map(g => ctx.element(g))
                .filter((g): g is string => g !== undefined);
            const policy = policyOf(ctx, i, v.policy);
            ctx.topology.interfaceEndpoints.push({
                kind: 'interface-endpoint',
                id,
                name: elementName,
                vpc: vpc.id,
                service: name,
                region: region ?? ctx.regionOf(i),
                subnets: subnets.map(value => ({ value })),
                securityGroups: groups.length ? groups : [vpc.defaultSecurityGroup],
                securityGroupsExplicit: groups.length > 0,
                // The provider's default is false, unlike the console's.
                privateDns: bool(v.private_dns_enabled, false),
                ...(policy ? { policy } : {})
            });
            ctx.register(i, id);
        } else {
            ctx.leftOut(i, i.address, `a ${str(v.vpc_endpoint_type)} endpoint: the language has gateway and interface endpoints`);
        }
    }
    for (const i of ctx.ofType('aws_vpc_endpoint_route_table_association')) {
        const ep = ctx.find(ctx.topology.gatewayEndpoints, ctx.element(i.values.vpc_endpoint_id));
        const table = ctx.element(i.values.route_table_id);
        if (!ep || !table) {
            ctx.leftOut(i, i.address, 'its gateway endpoint or route table is not in this import');
            continue;
        }
        ep.routeTables.push({ value: table });
        ctx.register(i, ep.id);
    }
    for (const i of ctx.ofType('aws_vpc_endpoint_subnet_association')) {
        const ep = ctx.find(ctx.topology.interfaceEndpoints, ctx.element(i.values.vpc_endpoint_id));
        const subnet = ctx.element(i.values.subnet_id);
        if (!ep || !subnet) {
            ctx.leftOut(i, i.address, 'its interface endpoint or subnet is not in this import');
            continue;
        }
        ep.subnets.push({ value: subnet });
        ctx.register(i, ep.id);
    }
    for (const i of ctx.ofType('aws_vpc_endpoint_policy')) {
        const id = ctx.element(i.values.vpc_endpoint_id);
        const ep = [...ctx.topology.gatewayEndpoints, ...ctx.topology.interfaceEndpoints].find(e => e.id === id);
        if (!ep) {
            ctx.leftOut(i, i.address, 'its endpoint is not in this import');
            continue;
        }
        const policy = policyOf(ctx, i, i.values.policy);
        if (policy) ep.policy = policy;
        ctx.register(i, ep.id);
    }
}

export function mapBuckets(ctx: MapContext): void {
    for (const i of ctx.ofType('aws_s3_bucket')) {
        const given = str(i.values.bucket);
        const name = ctx.names.name('bucket', given ?? i.name.toLowerCase());
        if (!given)
            ctx.standIn(i, `${i.address}: bucket = ${name}`, 'Terraform generates a unique name at apply; the resource name stands in');
        const id = makeId('bucket', name);
        ctx.topology.buckets.push({ kind: 'bucket', id, name, region: ctx.regionOf(i), privateTo: [] });
        ctx.register(i, id);
    }
    for (const i of ctx.ofType('aws_s3_bucket_policy')) {
        const bucket =
            ctx.find(ctx.topology.buckets, ctx.element(i.values.bucket)) ?? ctx.topology.buckets.find(b => b.name === str(i.values.bucket));
        if (!bucket) {
            ctx.leftOut(i, i.address, 'its bucket is not in this import');
            continue;
        }
        const doc = parsePolicyJson(i.values.policy);
        if (!doc) {
            ctx.leftOut(i, i.address, 'the policy is not known before apply');
            continue;
        }
        let understood = false;
        for (const s of list(doc.Statement).filter(isObject)) {
            const cond = isObject(s.Condition ?? null) ? (s.Condition as Record<string, Value>) : undefined;
            const notEquals = cond && isObject(cond.StringNotEquals ?? null) ? (cond.StringNotEquals as Record<string, Value>) : undefined;
            const sources = notEquals ? list(notEquals['aws:SourceVpce'] ?? notEquals['aws:sourceVpce']) : [];
            if (str(s.Effect) === 'Deny' && sources.length) {
                for (const ref of sources) {
                    const ep = ctx.element(ref);
                    if (ep && ctx.topology.gatewayEndpoints.some(g => g.id === ep)) bucket.privateTo.push(ep);
                    else ctx.leftOut(i, `${i.address}: aws:SourceVpce ${String(ref)}`, 'not a gateway endpoint in this import');
                }
                understood = true;
            }
        }
        if (!understood)
            ctx.leftOut(i, i.address, 'only a Deny unless aws:SourceVpce is one of given endpoints is modelled in bucket policies');
        ctx.register(i, bucket.id);
    }
}
