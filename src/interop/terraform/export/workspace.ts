/** What lives between VPCs and folders: peerings, buckets, and probes as Reachability Analyzer paths. */
import { partId } from '../../../model/ids.js';
import type { Bucket, Peering, Probe, Vpc } from '../../../model/topology.js';
import { planPath, privateToComment, privateToPolicy } from '../../common/export-plan.js';
import { tags, type ExportContext } from './context.js';
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

export function exportBucket(context: ExportContext, bucket: Bucket): void {
    const folder = context.unitOfBucket(bucket);
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
            policy: call('jsonencode', privateToPolicy(bucket, endpoints))
        },
        [],
        [privateToComment(bucket)]
    );
}

/**
 * A probe as an `aws_ec2_network_insights_path`, so that after `apply` Reachability Analyzer can
 * be asked whether the real network answers as the design did (see `planPath` for what it takes).
 * What the path cannot say of the probe goes in `vpc-lab:*` tags, for the import.
 */
export function exportProbe(context: ExportContext, probe: Probe): void {
    const path = planPath(context, probe);
    if ('why' in path) return context.leftOut(probe, path.why);
    const folder = context.folderOfVpc(path.home);
    const design = Object.fromEntries(Object.entries(path.design).map(([k, v]) => [`vpc-lab:${kebab(k)}`, v as string]));
    const expectation = probe.expect ? ` (the design expects ${probe.expect})` : '';
    context.resource(
        folder,
        probe.id,
        'aws_ec2_network_insights_path',
        context.allocate(folder, 'aws_ec2_network_insights_path', probe.name),
        {
            protocol: path.protocol,
            source: context.refFrom(folder, path.source),
            destination: path.destination ? context.refFrom(folder, path.destination) : undefined,
            destination_ip: path.destinationIp,
            destination_port: path.port,
            tags: tags(probe.name, design)
        },
        [],
        [`probe ${probe.text}${expectation}`]
    );
}

/** `serviceRegion` → `service-region`. */
function kebab(key: string): string {
    return key.replace(/[A-Z]/g, c => `-${c.toLowerCase()}`);
}
