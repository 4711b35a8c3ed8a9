/** What the conversion steps share: the draft, the snapshot, and AWS ids mapped to model ids. */
import type { Tag } from '@aws-sdk/client-ec2';
import type { Vpc } from '../../model/topology.js';
import type { TopologyDraft } from '../common/draft.js';
import type { SourceRef } from '../common/source.js';
import type { Snapshot } from './input.js';

export interface AwsContext {
    draft: TopologyDraft;
    snapshot: Snapshot;
    /** AWS VPC id → the model VPC (snapshot VPCs and placeholders for peers outside it). */
    vpcs: Map<string, Vpc>;
    /** AWS ids (subnet-, rtb-, igw-, eigw-, nat-, sg-, acl-, i-, vpce-, pcx-) → model element ids. */
    ids: Map<string, string>;
    /** ENI id → the model element whose ENI it is (instance, NAT gateway, interface endpoint). */
    eniOwners: Map<string, string>;
    /** Prefix-list id → its name (`com.amazonaws.us-east-1.s3`) and whether AWS manages it. */
    prefixLists: Map<string, { name: string; awsManaged: boolean }>;
}

/** The `Name` tag, else the resource's id: how imported AWS resources are named. */
export function awsName(tags: readonly Tag[] | undefined, id: string | undefined): string {
    const name = tags?.find(t => t.Key === 'Name')?.Value?.trim();
    return name ? name : (id ?? 'unnamed');
}

/** `subnet-0a1b2c3d` or `subnet-0a1b2c3d "web-a"`: how comments and notes name a resource. */
export function label(id: string | undefined, tags?: readonly Tag[]): string {
    const name = tags?.find(t => t.Key === 'Name')?.Value;
    return name ? `${id ?? '?'} "${name}"` : (id ?? '?');
}

/** Records where an element came from in the comment above it. */
export function origin(context: AwsContext, elementId: string, what: string, source: SourceRef): void {
    context.draft.origin(elementId, what, source);
}
