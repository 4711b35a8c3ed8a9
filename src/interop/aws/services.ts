/** Prefix lists, VPC endpoints, peerings (with placeholders for peers outside the snapshot) and flow logs. */
import type { VpcPeeringConnectionVpcInfo } from '@aws-sdk/client-ec2';
import { makeId } from '../../model/ids.js';
import type { FlowLogCapture, Vpc } from '../../model/topology.js';
import { parseServiceName } from '../../simulator/services.js';
import type { SourceRef } from '../common/source.js';
import { awsName, label, type AwsContext } from './context.js';
import { addInterfaceEndpoint, endpointPolicy } from './endpoints.js';
import { isPrivateLink } from './privatelink.js';

export function readPrefixLists(context: AwsContext): void {
    const { snapshot } = context;
    for (const { item } of snapshot.PrefixLists) {
        if (item.PrefixListId && item.PrefixListName)
            context.prefixLists.set(item.PrefixListId, { name: item.PrefixListName, awsManaged: true });
    }
    // Customer-managed lists are copied into the VPCs that name them (see privatelink.ts).
    for (const { item } of snapshot.ManagedPrefixLists) {
        if (!item.PrefixListId || !item.PrefixListName) continue;
        context.prefixLists.set(item.PrefixListId, { name: item.PrefixListName, awsManaged: item.OwnerId === 'AWS' });
    }
}

export function importEndpoints(context: AwsContext): void {
    const { draft, snapshot } = context;
    for (const { item: e, source } of snapshot.VpcEndpoints) {
        const what = `VPC endpoint ${label(e.VpcEndpointId, e.Tags)} (${e.ServiceName ?? '?'})`;
        const state = e.State?.toLowerCase();
        if (state === 'deleted' || state === 'deleting' || state === 'failed' || state === 'rejected' || state === 'expired') {
            draft.report.leftOut(source, what, `its state is ${e.State}`);
            continue;
        }
        const vpc = e.VpcId ? context.vpcs.get(e.VpcId) : undefined;
        if (!e.VpcEndpointId || !vpc) {
            draft.report.leftOut(source, what, `its VPC ${e.VpcId ?? '?'} is not in the snapshot`);
            continue;
        }
        const service = parseServiceName(e.ServiceName ?? '');
        // Endpoints of PrivateLink endpoint services: see privatelink.ts.
        if (isPrivateLink(e.ServiceName)) continue;
        if (!service.region) {
            draft.report.leftOut(source, what, 'its service name is not an AWS service name');
            continue;
        }
        const policy = endpointPolicy(context, e, source, what);
        if (e.VpcEndpointType === 'Gateway') {
            const name = draft.names.name('gateway-endpoint', awsName(e.Tags, e.VpcEndpointId), vpc.name);
            const id = makeId('gateway-endpoint', name, vpc.name);
            const routeTables = (e.RouteTableIds ?? [])
                .map(t => context.ids.get(t))
                .filter((t): t is string => t !== undefined)
                .map(value => ({ value }));
            draft.topology.gatewayEndpoints.push({
                kind: 'gateway-endpoint',
                id,
                name,
                vpc: vpc.id,
                service: service.service,
                region: service.region,
                routeTables,
                policy: policy.policy
            });
            context.ids.set(e.VpcEndpointId, id);
            draft.origin(id, label(e.VpcEndpointId, e.Tags), source);
        } else if (e.VpcEndpointType === 'Interface') {
            addInterfaceEndpoint(
                context,
                { ...e, VpcEndpointId: e.VpcEndpointId },
                vpc,
                source,
                { service: service.service, region: service.region },
                e.PrivateDnsEnabled ?? false,
                policy.policy
            );
        } else {
            draft.report.leftOut(source, what, `${e.VpcEndpointType ?? 'unknown'} endpoints are not in the language`);
        }
    }
}

/** A VPC of a peering that the snapshot does not describe: a placeholder with the blocks the peering reports. */
function peerVpc(
    context: AwsContext,
    info: VpcPeeringConnectionVpcInfo | undefined,
    fallbackRegion: string,
    source: SourceRef
): Vpc | undefined {
    if (!info?.VpcId) return undefined;
    const known = context.vpcs.get(info.VpcId);
    if (known) return known;
    const cidrs = (info.CidrBlockSet ?? []).map(c => c.CidrBlock).filter((c): c is string => !!c);
    if (cidrs.length === 0 && info.CidrBlock) cidrs.push(info.CidrBlock);
    const ipv6 = (info.Ipv6CidrBlockSet ?? []).map(c => c.Ipv6CidrBlock).filter((c): c is string => !!c);
    const vpc = context.draft.addVpc(info.VpcId, {
        account: info.OwnerId,
        region: info.Region ?? fallbackRegion,
        cidrs,
        ipv6: ipv6.slice(0, 1)
    });
    context.vpcs.set(info.VpcId, vpc);
    context.draft.origin(
        vpc.id,
        `${info.VpcId}${info.OwnerId ? ` of account ${info.OwnerId}` : ''}: outside the snapshot, a placeholder with the blocks the peering reports`,
        source
    );
    context.draft.report.standIn(
        source,
        `VPC ${info.VpcId}`,
        'outside the snapshot; a VPC with only the blocks the peering reports stands for it'
    );
    return vpc;
}

export function importPeerings(context: AwsContext): void {
    const { draft, snapshot } = context;
    for (const { item: p, source, region } of snapshot.VpcPeeringConnections) {
        const what = `peering ${label(p.VpcPeeringConnectionId, p.Tags)}`;
        const status = p.Status?.Code;
        if (status !== undefined && status !== 'active') {
            draft.report.leftOut(source, what, `its status is ${status}: no traffic flows`);
            continue;
        }
        const requester = peerVpc(context, p.RequesterVpcInfo, region, source);
        const accepter = peerVpc(context, p.AccepterVpcInfo, region, source);
        if (!p.VpcPeeringConnectionId || !requester || !accepter) {
            draft.report.leftOut(source, what, 'it names no VPC on one side');
            continue;
        }
        // Each account describes the same peering: keep the first.
        if (context.ids.has(p.VpcPeeringConnectionId)) continue;
        const name = draft.names.name('peering', awsName(p.Tags, p.VpcPeeringConnectionId));
        const id = makeId('peering', name);
        const dns = [p.RequesterVpcInfo, p.AccepterVpcInfo].some(info => info?.PeeringOptions?.AllowDnsResolutionFromRemoteVpc === true);
        draft.topology.peerings.push({ kind: 'peering', id, name, requester: requester.id, accepter: accepter.id, dnsResolution: dns });
        context.ids.set(p.VpcPeeringConnectionId, id);
        draft.origin(id, label(p.VpcPeeringConnectionId, p.Tags), source);
    }
}

const DEFAULT_FORMAT =
    '${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}';

export function importFlowLogs(context: AwsContext): void {
    const { draft, snapshot } = context;
    const subnets = new Map(draft.topology.subnets.map(s => [s.id, s]));
    const vpcOfElement = new Map<string, string>(
        [...draft.topology.instances, ...draft.topology.natGateways, ...draft.topology.interfaceEndpoints].map(e => [e.id, e.vpc])
    );
    for (const { item: f, source } of snapshot.FlowLogs) {
        const what = `flow log ${label(f.FlowLogId, f.Tags)} of ${f.ResourceId ?? '?'}`;
        const resource = f.ResourceId ?? '';
        let vpcId: string | undefined;
        let capture: FlowLogCapture | undefined;
        if (resource.startsWith('vpc-')) {
            vpcId = context.vpcs.get(resource)?.id;
            if (vpcId) capture = { level: 'vpc', target: vpcId };
        } else if (resource.startsWith('subnet-')) {
            const subnet = subnets.get(context.ids.get(resource) ?? '');
            if (subnet) {
                vpcId = subnet.vpc;
                capture = { level: 'subnet', target: subnet.id };
            }
        } else if (resource.startsWith('eni-')) {
            const owner = context.eniOwners.get(resource);
            if (owner && !vpcOfElement.has(owner)) {
                draft.report.leftOut(
                    source,
                    what,
                    'the language captures the ENIs of instances, NAT gateways and interface endpoints only'
                );
                continue;
            }
            if (owner) {
                vpcId = vpcOfElement.get(owner);
                capture = { level: 'eni', target: owner };
            }
        } else {
            draft.report.leftOut(source, what, 'flow logs of transit gateways and their attachments are not importable yet');
            continue;
        }
        const vpc = draft.topology.vpcs.find(v => v.id === vpcId);
        if (!f.FlowLogId || !vpc || !capture) {
            draft.report.leftOut(source, what, `${resource} is not in the snapshot`);
            continue;
        }
        const name = draft.names.name('flow-log', awsName(f.Tags, f.FlowLogId), vpc.name);
        const id = makeId('flow-log', name, vpc.name);
        let destination: { kind: 's3' | 'cloudwatch'; target: string } | undefined;
        if (f.LogDestinationType === 's3' && f.LogDestination) destination = { kind: 's3', target: f.LogDestination };
        else if ((f.LogDestinationType ?? 'cloud-watch-logs') === 'cloud-watch-logs' && (f.LogGroupName ?? f.LogDestination)) {
            destination = {
                kind: 'cloudwatch',
                target: f.LogGroupName ?? f.LogDestination!.replace(/^arn:[^:]+:logs:[^:]*:[^:]*:log-group:/, '').replace(/:\*$/, '')
            };
        } else
            draft.report.leftOut(
                source,
                `the ${f.LogDestinationType ?? 'unknown'} destination of ${what}`,
                'the language delivers flow logs to S3 or CloudWatch Logs'
            );
        draft.topology.flowLogs.push({
            kind: 'flow-log',
            id,
            name,
            vpc: vpc.id,
            capture,
            traffic: f.TrafficType === 'ACCEPT' ? 'accept' : f.TrafficType === 'REJECT' ? 'reject' : 'all',
            destination,
            aggregationSeconds: f.MaxAggregationInterval === 60 ? 60 : 600,
            format: f.LogFormat && f.LogFormat.trim() !== DEFAULT_FORMAT ? { value: f.LogFormat } : undefined
        });
        draft.origin(id, label(f.FlowLogId, f.Tags), source);
    }
}
