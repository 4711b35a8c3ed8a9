/** Interface endpoints of a snapshot, to AWS services and to endpoint services alike. */
import type { VpcEndpoint } from '@aws-sdk/client-ec2';
import { makeId } from '../../model/ids.js';
import type { Policy, Vpc } from '../../model/topology.js';
import { policyFromDocument } from '../common/policy.js';
import type { SourceRef } from '../common/source.js';
import { awsName, label, type AwsContext } from './context.js';

/** An endpoint's policy in the language's terms; what it cannot say is reported as left out. */
export function endpointPolicy(context: AwsContext, e: VpcEndpoint, source: SourceRef, what: string) {
    const policy = policyFromDocument(e.PolicyDocument);
    if (policy.dropped.length > 0)
        context.draft.report.leftOut(
            source,
            `${policy.dropped.join('; ')} in the policy of ${what}`,
            "the language's endpoint policies name actions and resources only"
        );
    return policy;
}

/** An interface endpoint of the snapshot as the language's, owning its ENIs; its id. */
export function addInterfaceEndpoint(
    context: AwsContext,
    e: VpcEndpoint & { VpcEndpointId: string },
    vpc: Vpc,
    source: SourceRef,
    service: { service: string; region: string },
    privateDns: boolean,
    policy: Policy | undefined
): string {
    const { draft } = context;
    const name = draft.names.name('interface-endpoint', awsName(e.Tags, e.VpcEndpointId), vpc.name);
    const id = makeId('interface-endpoint', name, vpc.name);
    const groups = (e.Groups ?? []).map(g => context.ids.get(g.GroupId ?? '')).filter((g): g is string => g !== undefined);
    draft.topology.interfaceEndpoints.push({
        kind: 'interface-endpoint',
        id,
        name,
        vpc: vpc.id,
        service: service.service,
        region: service.region,
        subnets: (e.SubnetIds ?? [])
            .map(s => context.ids.get(s))
            .filter((s): s is string => s !== undefined)
            .map(value => ({ value })),
        securityGroups: groups.length > 0 ? groups : [vpc.defaultSecurityGroup],
        securityGroupsExplicit: groups.length > 0,
        privateDns,
        policy
    });
    for (const eni of e.NetworkInterfaceIds ?? []) context.eniOwners.set(eni, id);
    context.ids.set(e.VpcEndpointId, id);
    draft.origin(id, label(e.VpcEndpointId, e.Tags), source);
    return id;
}
