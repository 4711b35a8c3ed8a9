/** What lives between VPCs and folders: peerings, buckets, and probes as Reachability Analyzer paths. */
import { partId } from '../../../model/ids.js';
import type { Bucket, Instance, Peering, Probe, Vpc } from '../../../model/topology.js';
import { familyOf } from '../../../simulator/cidr.js';
import { REPRESENTATIVE_INTERNET_V4 } from '../../../simulator/compile.js';
import { tags, type ExportContext, type Folder } from './context.js';
import { block, call, type HclValue } from './hcl.js';

export function exportPeering(context: ExportContext, peering: Peering): void {
    const requester = context.element<Vpc>(peering.requester);
    const accepter = context.element<Vpc>(peering.accepter);
    if (!requester || !accepter) return context.leftOut(peering, 'one of its VPCs does not resolve');
    const folder = context.folderOfVpc(requester);
    const name = context.allocate(folder, 'aws_vpc_peering_connection', peering.name);
    const sameFolder = context.folderOfVpc(accepter) === folder;
    const comment = [`peering ${peering.name}: ${requester.name} requests, ${accepter.name} accepts`];
    context.resource(
        folder,
        peering.id,
        'aws_vpc_peering_connection',
        name,
        {
            vpc_id: context.refFrom(folder, requester.id),
            peer_vpc_id: context.refFrom(folder, accepter.id),
            peer_owner_id: accepter.account !== requester.account ? accepter.account : undefined,
            peer_region: accepter.region !== requester.region ? accepter.region : undefined,
            auto_accept: sameFolder ? true : undefined,
            tags: tags(peering.name)
        },
        [],
        comment
    );
    if (!sameFolder) {
        const other = context.folderOfVpc(accepter);
        const accept = context.allocate(other, 'aws_vpc_peering_connection_accepter', peering.name);
        context.resource(
            other,
            partId(peering.id, 'accepter'),
            'aws_vpc_peering_connection_accepter',
            accept,
            {
                vpc_peering_connection_id: context.refFrom(other, peering.id),
                auto_accept: true,
                tags: tags(peering.name)
            },
            [],
            [`peering ${peering.name}: ${accepter.name} accepts the request of ${requester.name}`]
        );
    }
    if (peering.dnsResolution) {
        const options = context.allocate(folder, 'aws_vpc_peering_connection_options', peering.name);
        const side = block('requester', [], { allow_remote_vpc_dns_resolution: true });
        const nested = sameFolder ? [block('accepter', [], { allow_remote_vpc_dns_resolution: true }), side] : [side];
        context.resource(
            folder,
            undefined,
            'aws_vpc_peering_connection_options',
            options,
            { vpc_peering_connection_id: context.refFrom(folder, peering.id) },
            nested
        );
        if (!sameFolder) {
            const other = context.folderOfVpc(accepter);
            const otherOptions = context.allocate(other, 'aws_vpc_peering_connection_options', peering.name);
            context.resource(
                other,
                undefined,
                'aws_vpc_peering_connection_options',
                otherOptions,
                { vpc_peering_connection_id: context.refFrom(other, partId(peering.id, 'accepter')) },
                [block('accepter', [], { allow_remote_vpc_dns_resolution: true })]
            );
        }
    }
}

function bucketFolder(context: ExportContext, bucket: Bucket): Folder {
    const endpointVpc = bucket.privateTo.map(e => context.vpcOf(e)).find((v): v is Vpc => v !== undefined);
    if (endpointVpc) return context.folderOfVpc(endpointVpc);
    return (
        context.folders.find(s => s.region === bucket.region) ??
        context.folderFor(context.topology.vpcs[0]?.account ?? '123456789012', bucket.region)
    );
}

export function exportBucket(context: ExportContext, bucket: Bucket): void {
    const folder = bucketFolder(context, bucket);
    const name = context.allocate(folder, 'aws_s3_bucket', bucket.name);
    context.resource(folder, bucket.id, 'aws_s3_bucket', name, { bucket: bucket.name }, [], [`bucket ${bucket.name}`]);
    if (bucket.privateTo.length === 0) return;
    const endpoints = bucket.privateTo.map(e => context.refFrom(folder, e)).filter((v): v is HclValue => v !== undefined);
    context.resource(
        folder,
        undefined,
        'aws_s3_bucket_policy',
        context.allocate(folder, 'aws_s3_bucket_policy', bucket.name),
        {
            bucket: context.refFrom(folder, bucket.id),
            policy: call('jsonencode', {
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
            })
        },
        [],
        [
            `private-to: requests that do not come through ${bucket.privateTo.length === 1 ? 'the endpoint' : 'these endpoints'} are denied (aws:SourceVpce)`
        ]
    );
}

function internetGatewayOf(context: ExportContext, vpcId: string | undefined): string | undefined {
    return context.topology.gateways.find(g => g.vpc === vpcId && g.kind === 'internet-gateway')?.id;
}

/**
 * A probe as an `aws_ec2_network_insights_path`, so that after `apply` Reachability Analyzer can
 * be asked whether the real network answers as the design did: TCP or UDP, within one region,
 * IPv4 destination addresses (the same decisions as the CloudFormation export).
 */
export function exportProbe(context: ExportContext, probe: Probe): void {
    if (probe.protocol !== 'tcp' && probe.protocol !== 'udp')
        return context.leftOut(probe, `Reachability Analyzer analyses TCP and UDP paths, not ${probe.protocol}`);
    const sourceInstance = probe.source.kind === 'instance' ? context.element<Instance>(probe.source.instance) : undefined;
    const destination = probe.destination;
    const destinationInstance =
        destination.kind === 'instance' || destination.kind === 'public-dns' ? context.element<Instance>(destination.instance) : undefined;
    const home = sourceInstance ?? destinationInstance;
    const homeVpc = home ? context.element<Vpc>(home.vpc) : undefined;
    if (!homeVpc) return context.leftOut(probe, 'its source or destination does not resolve to an instance');
    const folder = context.folderOfVpc(homeVpc);
    const attributes: Record<string, HclValue | undefined> = { protocol: probe.protocol };
    if (sourceInstance) attributes.source = context.refFrom(folder, sourceInstance.id);
    else {
        const igw = internetGatewayOf(context, homeVpc.id);
        if (!igw) return context.leftOut(probe, `a path from the internet starts at an internet gateway, and ${homeVpc.name} has none`);
        attributes.source = context.refFrom(folder, igw);
    }
    if (destinationInstance) {
        const vpc = context.element<Vpc>(destinationInstance.vpc);
        if (vpc && vpc.region !== homeVpc.region) return context.leftOut(probe, 'Reachability Analyzer analyses paths within one region');
        attributes.destination = context.refFrom(folder, destinationInstance.id);
    } else if (destination.kind === 'internet' || destination.kind === 'address') {
        // `-> internet` without an address reaches the simulator's representative host: the path is to it.
        const address = destination.address ?? REPRESENTATIVE_INTERNET_V4;
        if (familyOf(address) !== 4) return context.leftOut(probe, 'Reachability Analyzer takes IPv4 destination addresses only');
        attributes.destination_ip = address;
        const igw = destination.kind === 'internet' ? internetGatewayOf(context, homeVpc.id) : undefined;
        if (igw) attributes.destination = context.refFrom(folder, igw);
    } else if (destination.kind === 'endpoint') {
        const endpoint = destination.endpoint ? context.refFrom(folder, destination.endpoint) : undefined;
        if (!endpoint) return context.leftOut(probe, 'its endpoint does not resolve');
        attributes.destination = endpoint;
    } else if (destination.kind === 'service') {
        const endpoint = [...context.topology.gatewayEndpoints, ...context.topology.interfaceEndpoints].find(
            e => e.vpc === homeVpc.id && e.service === destination.service && (destination.region ?? homeVpc.region) === e.region
        );
        if (!endpoint)
            return context.leftOut(
                probe,
                `Reachability Analyzer needs a resource as destination, and ${homeVpc.name} has no endpoint for ${destination.service}`
            );
        attributes.destination = context.refFrom(folder, endpoint.id);
    }
    attributes.destination_port = probe.port;
    attributes.tags = tags(probe.name);
    const expectation = probe.expect ? ` (the design expects ${probe.expect})` : '';
    context.resource(
        folder,
        probe.id,
        'aws_ec2_network_insights_path',
        context.allocate(folder, 'aws_ec2_network_insights_path', probe.name),
        attributes,
        [],
        [`probe ${probe.text}${expectation}`]
    );
}
