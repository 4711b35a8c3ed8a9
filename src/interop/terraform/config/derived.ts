/**
 * Attributes AWS sets at apply that are nonetheless known from the configuration at plan time
 * (a bucket's id and ARN are its name), and stand-ins for values other attributes are computed
 * from (a VPC's Amazon-provided IPv6 block, which subnets divide with cidrsubnet).
 */
import type { ValueObject } from '../hcl/values.js';
import type { ReadNote } from '../instances.js';

export interface StandIns {
    next: number;
    notes: ReadNote[];
}

/** A /56 from 2600:1f18::/32 (an AWS range), one per VPC, the same on every run. */
export function ipv6StandIn(n: number): string {
    return `2600:1f18:${(0x4000 + n).toString(16)}:${(n % 256).toString(16)}00::/56`;
}

/** `where` names the block for a note: made only when there is one. */
export function withDerived(type: string, attrs: ValueObject, address: string, where: () => string, standIns: StandIns): ValueObject {
    if (type === 'aws_s3_bucket' && typeof attrs.bucket === 'string') {
        return { ...attrs, id: attrs.bucket, arn: `arn:aws:s3:::${attrs.bucket}` };
    }
    if (type === 'aws_vpc' && attrs.assign_generated_ipv6_cidr_block === true && typeof attrs.ipv6_cidr_block !== 'string') {
        // vpc-lab's export keeps the design's block in a tag: the stand-in that gives the design back.
        const tags = attrs.tags as Record<string, unknown> | undefined;
        const design = tags && typeof tags === 'object' && typeof tags['vpc-lab:ipv6'] === 'string' ? tags['vpc-lab:ipv6'] : undefined;
        const block = design ?? ipv6StandIn(++standIns.next);
        standIns.notes.push({
            source: where(),
            kind: 'stand-in',
            what: `${address}: ipv6_cidr_block = ${block}`,
            why: design
                ? "Amazon assigns the /56 at apply; the design's block, from its vpc-lab:ipv6 tag"
                : 'Amazon assigns the /56 at apply'
        });
        return { ...attrs, ipv6_cidr_block: block };
    }
    return attrs;
}
