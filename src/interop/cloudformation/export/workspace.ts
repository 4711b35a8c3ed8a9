/** What lives between VPCs and stacks: peerings, buckets, and probes as Reachability Analyzer paths. */
import type { Bucket, Peering, Probe, Vpc } from '../../../model/topology.js';
import { planPath, privateToComment, privateToPolicy } from '../../common/export-plan.js';
import type { ExportContext } from './context.js';
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

export function exportBucket(context: ExportContext, bucket: Bucket): void {
    const stack = context.unitOfBucket(bucket);
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
                PolicyDocument: privateToPolicy(bucket, endpoints)
            }
        },
        [privateToComment(bucket)]
    );
}

/**
 * A probe as an `AWS::EC2::NetworkInsightsPath`, so that after deploying, Reachability Analyzer
 * can be asked whether the real network answers as the design did (see `planPath` for what it
 * takes). What the path cannot say of the probe goes in its Metadata, for the import.
 */
export function exportProbe(context: ExportContext, probe: Probe): void {
    const path = planPath(context, probe);
    if ('why' in path) return context.leftOut(probe, path.why);
    const stack = context.stackOfVpc(path.home);
    const properties: Record<string, Value> = { Protocol: path.protocol, Source: context.refFrom(stack, path.source)! };
    if (path.destination) properties.Destination = context.refFrom(stack, path.destination)!;
    if (path.destinationIp) properties.DestinationIp = path.destinationIp;
    if (path.port !== undefined) properties.DestinationPort = path.port;
    properties.Tags = tags(probe.name);
    const id = context.name(probe.id, stack, probe.name, 'path');
    const expectation = probe.expect ? ` (the design expects ${probe.expect})` : '';
    const design = Object.fromEntries(
        Object.entries(path.design).map(([k, v]) => [`Design${k[0]!.toUpperCase()}${k.slice(1)}`, v as string])
    );
    stack.template.add(
        id,
        {
            Type: 'AWS::EC2::NetworkInsightsPath',
            Properties: properties,
            ...(Object.keys(design).length > 0 ? { Metadata: { 'vpc-lab': design } } : {})
        },
        [`probe ${probe.text}${expectation}`]
    );
}
