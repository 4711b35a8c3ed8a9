/** What lives between VPCs and stacks: peerings, buckets, and probes as Reachability Analyzer paths. */
import type { Bucket, Instance, Peering, Probe, Vpc } from '../../../model/topology.js';
import { familyOf } from '../../../simulator/cidr.js';
import { REPRESENTATIVE_INTERNET_V4 } from '../../../simulator/compile.js';
import type { ExportContext, Stack } from './context.js';
import { tags } from './context.js';
import { ref, type Value } from './template.js';

export function namePeering(context: ExportContext, peering: Peering): void {
    const requester = context.element<Vpc>(peering.requester);
    if (!requester || !context.element(peering.accepter)) return;
    context.name(peering.id, context.stackOfVpc(requester), peering.name, 'peering');
}

export function exportPeering(context: ExportContext, peering: Peering): void {
    const requester = context.element<Vpc>(peering.requester);
    const accepter = context.element<Vpc>(peering.accepter);
    if (!requester || !accepter) return context.leftOut(peering, 'one of its VPCs does not resolve');
    const stack = context.stackOfVpc(requester);
    const id = context.logicalId(peering.id)!.id;
    const properties: Record<string, Value> = {
        VpcId: ref(context.logicalId(requester.id)!.id),
        PeerVpcId: context.refFrom(stack, accepter.id)!
    };
    const comment = [`peering ${peering.name}: ${requester.name} requests, ${accepter.name} accepts`];
    if (accepter.account !== requester.account) {
        properties.PeerOwnerId = accepter.account;
        const role = stack.template.parameter([peering.name, 'peer-role-arn'], {
            Type: 'String',
            Description: `A role in account ${accepter.account} that lets this account accept the peering ${peering.name} (ec2:AcceptVpcPeeringConnection)`
        });
        properties.PeerRoleArn = ref(role);
        comment.push(`cross-account: account ${accepter.account} accepts through the role given as ${role}`);
    }
    if (accepter.region !== requester.region) {
        properties.PeerRegion = accepter.region;
        comment.push(`cross-region: the peer VPC is in ${accepter.region}`);
    }
    properties.Tags = tags(peering.name);
    stack.template.add(id, { Type: 'AWS::EC2::VPCPeeringConnection', Properties: properties }, comment);
    if (peering.dnsResolution) {
        context.leftOut(
            peering,
            "dns-resolution on: CloudFormation has no property for a peering's DNS options; after deploying, run `aws ec2 modify-vpc-peering-connection-options` on both sides"
        );
    }
}

/** The stack a bucket goes to: that of the first endpoint it is private to, else one in its region. */
function bucketStack(context: ExportContext, bucket: Bucket): Stack {
    const endpointVpc = bucket.privateTo.map(e => context.vpcOf(e)).find((v): v is Vpc => v !== undefined);
    if (endpointVpc) return context.stackOfVpc(endpointVpc);
    const inRegion = context.stacks.find(s => s.region === bucket.region);
    return inRegion ?? context.stackFor(context.topology.vpcs[0]?.account ?? '123456789012', bucket.region);
}

export function exportBucket(context: ExportContext, bucket: Bucket): void {
    const stack = bucketStack(context, bucket);
    const id = context.name(bucket.id, stack, bucket.name, 'bucket');
    stack.template.add(id, { Type: 'AWS::S3::Bucket', Properties: { BucketName: bucket.name } }, [`bucket ${bucket.name}`]);
    if (bucket.privateTo.length === 0) return;
    const endpoints = bucket.privateTo.map(e => context.refFrom(stack, e)).filter((v): v is Value => v !== undefined);
    const policy = stack.template.allocate(bucket.name, 'policy');
    stack.template.add(
        policy,
        {
            Type: 'AWS::S3::BucketPolicy',
            Properties: {
                Bucket: ref(id),
                PolicyDocument: {
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
                }
            }
        },
        [
            `private-to: requests that do not come through ${bucket.privateTo.length === 1 ? 'the endpoint' : 'these endpoints'} are denied (aws:SourceVpce)`
        ]
    );
}

function internetGatewayOf(context: ExportContext, vpcId: string | undefined): string | undefined {
    return context.topology.gateways.find(g => g.vpc === vpcId && g.kind === 'internet-gateway')?.id;
}

/**
 * A probe as an `AWS::EC2::NetworkInsightsPath`, so that after deploying, Reachability Analyzer
 * can be asked whether the real network answers as the design did. Reachability Analyzer takes
 * TCP or UDP paths between resources of one region, and IPv4 addresses as destinations.
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
    const stack = context.stackOfVpc(homeVpc);
    const properties: Record<string, Value> = { Protocol: probe.protocol };
    if (sourceInstance) properties.Source = context.refFrom(stack, sourceInstance.id)!;
    else {
        const igw = internetGatewayOf(context, homeVpc.id);
        if (!igw) return context.leftOut(probe, `a path from the internet starts at an internet gateway, and ${homeVpc.name} has none`);
        properties.Source = context.refFrom(stack, igw)!;
    }
    if (destinationInstance) {
        const vpc = context.element<Vpc>(destinationInstance.vpc);
        if (vpc && vpc.region !== homeVpc.region) return context.leftOut(probe, 'Reachability Analyzer analyses paths within one region');
        properties.Destination = context.refFrom(stack, destinationInstance.id)!;
    } else if (destination.kind === 'internet' || destination.kind === 'address') {
        // `-> internet` without an address reaches the simulator's representative host: the path is to it.
        const address = destination.address ?? REPRESENTATIVE_INTERNET_V4;
        if (familyOf(address) !== 4) return context.leftOut(probe, 'Reachability Analyzer takes IPv4 destination addresses only');
        properties.DestinationIp = address;
        const igw = destination.kind === 'internet' ? internetGatewayOf(context, homeVpc.id) : undefined;
        if (igw) properties.Destination = context.refFrom(stack, igw)!;
    } else if (destination.kind === 'endpoint') {
        const endpoint = destination.endpoint ? context.refFrom(stack, destination.endpoint) : undefined;
        if (!endpoint) return context.leftOut(probe, 'its endpoint does not resolve');
        properties.Destination = endpoint;
    } else if (destination.kind === 'service') {
        const endpoint = [...context.topology.gatewayEndpoints, ...context.topology.interfaceEndpoints].find(
            e => e.vpc === homeVpc.id && e.service === destination.service && (destination.region ?? homeVpc.region) === e.region
        );
        if (!endpoint)
            return context.leftOut(
                probe,
                `Reachability Analyzer needs a resource as destination, and ${homeVpc.name} has no endpoint for ${destination.service}`
            );
        properties.Destination = context.refFrom(stack, endpoint.id)!;
    }
    if (probe.port !== undefined) properties.DestinationPort = probe.port;
    properties.Tags = tags(probe.name);
    const id = context.name(probe.id, stack, probe.name, 'path');
    const expectation = probe.expect ? ` (the design expects ${probe.expect})` : '';
    stack.template.add(id, { Type: 'AWS::EC2::NetworkInsightsPath', Properties: properties }, [`probe ${probe.text}${expectation}`]);
}
