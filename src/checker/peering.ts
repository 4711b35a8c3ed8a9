/** Peering connections and the security-group references they allow. */
import type { Peering, SecurityGroup } from '../model/topology.js';
import { overlaps } from '../simulator/cidr.js';
import { displayName } from '../simulator/topology-index.js';
import type { Check } from './finding.js';

function pairKey(a: string, b: string): string {
    return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

export const checkPeerings: Check = ({ topology, index }, report) => {
    const seen = new Map<string, Peering>();
    for (const peering of topology.peerings) {
        const { requester, accepter } = peering;
        if (!requester || !accepter) continue;
        const a = index.vpcs.get(requester);
        const b = index.vpcs.get(accepter);
        if (!a || !b) continue;
        if (requester === accepter) {
            report({
                code: 'peering-self',
                elementId: peering.id,
                loc: peering.accepterLoc ?? peering.loc,
                message: `Peering ${peering.name} joins ${a.vpc.name} with itself: a peering connects two different VPCs (inside one VPC the local route already connects every subnet).`
            });
            continue;
        }
        const key = pairKey(requester, accepter);
        const earlier = seen.get(key);
        if (earlier) {
            report({
                code: 'peering-duplicate',
                elementId: peering.id,
                loc: peering.loc,
                message: `${a.vpc.name} and ${b.vpc.name} are already peered by ${earlier.name}: AWS allows one peering connection per pair of VPCs.`,
                related: [{ message: `peering ${earlier.name}`, loc: earlier.loc }]
            });
        } else {
            seen.set(key, peering);
        }
        const clashes: string[] = [];
        for (const x of a.blocks) {
            for (const y of b.blocks) {
                if (overlaps(x, y)) clashes.push(`${x.text} (${a.vpc.name}) overlaps ${y.text} (${b.vpc.name})`);
            }
        }
        if (clashes.length > 0) {
            const more = clashes.length > 1 ? `; also ${clashes.slice(1).join('; ')}` : '';
            report({
                code: 'peering-cidr-overlap',
                elementId: peering.id,
                loc: peering.loc,
                message: `VPC peering needs disjoint address space: ${clashes[0]}${more}. AWS refuses to create a peering when any IPv4 or IPv6 block of one VPC overlaps a block of the other.`
            });
        }
    }
};

/** A rule may name a group of its own VPC, or of a peer in the same region. */
export const checkSecurityGroupReferences: Check = ({ topology, index }, report) => {
    for (const group of topology.securityGroups) {
        for (const rule of group.rules) {
            if (rule.peer.kind !== 'sg' || !rule.peer.group) continue;
            const other = index.get<SecurityGroup>(rule.peer.group);
            if (!other || other.vpc === group.vpc) continue;
            const mine = index.vpcs.get(group.vpc)?.vpc;
            const theirs = index.vpcs.get(other.vpc)?.vpc;
            if (!mine || !theirs) continue;
            const peering = index.peeringBetween(mine.id, theirs.id);
            if (!peering) {
                report({
                    code: 'unresolved-reference',
                    elementId: rule.id,
                    loc: rule.peerLoc,
                    message: `${displayName(other)} is a group of VPC ${theirs.name}, which is not peered with ${mine.name}: a rule can name groups of its own VPC or of a same-region peered VPC. Use the peer's CIDR block instead.`
                });
            } else if (mine.region !== theirs.region) {
                report({
                    code: 'sg-reference-cross-region',
                    elementId: rule.id,
                    loc: rule.peerLoc,
                    message: `${displayName(other)} is in ${theirs.name} (${theirs.region}), peered with ${mine.name} (${mine.region}) across regions by ${peering.name}: security groups can be referenced only across a same-region peering. Use ${theirs.name}'s CIDR block instead.`
                });
            }
        }
    }
};
