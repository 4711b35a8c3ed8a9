/** Address checks: block syntax and sizes, subnets inside their VPC, overlaps, instance addresses. */
import type { Located, SourceLocation, Subnet } from '../model/topology.js';
import {
    contains,
    findOverlaps,
    formatAddress,
    overlaps,
    parseAddress,
    parseCidr,
    reservedAddresses,
    type Address,
    type Block,
    type Family
} from '../simulator/cidr.js';
import type { Check, CheckContext, Report } from './finding.js';
import { locationOrder } from './order.js';
import { associationProblem, reservedRangeProblem, usesServiceRange } from './vpc-ranges.js';

/**
 * A block as its author meant it, for checks that build on it: a block with host bits stands for
 * its network (the block the quick fix writes), and an unreadable one is `unknown`. Its own error
 * is reported once where it is written; what follows from it (a subnet "outside" a VPC whose only
 * block has a typo) is not reported again as a separate problem.
 */
export function intendedBlock(text: string): Block | 'unknown' {
    const parsed = parseCidr(text);
    if (parsed.ok) return parsed.value;
    if (parsed.problem.kind !== 'host-bits') return 'unknown';
    const network = parseCidr(parsed.problem.network);
    return network.ok ? network.value : 'unknown';
}

/** Parses a block and reports `cidr-invalid` / `cidr-host-bits`; undefined when it is unusable. */
export function checkedBlock(
    text: string,
    loc: SourceLocation | undefined,
    elementId: string,
    report: Report,
    family?: Family,
    role = 'block'
): Block | undefined {
    const parsed = parseCidr(text);
    if (!parsed.ok) {
        const { problem } = parsed;
        if (problem.kind === 'host-bits') {
            report({
                code: 'cidr-host-bits',
                elementId,
                loc,
                data: { network: problem.network },
                message: `${problem.message} AWS names a block by its network address: write ${problem.network}.`
            });
        } else {
            report({ code: 'cidr-invalid', elementId, loc, message: problem.message });
        }
        return undefined;
    }
    if (family && parsed.value.family !== family) {
        const hint = family === 4 ? 'IPv6 blocks go on an `ipv6` line' : 'IPv4 blocks go on a `cidr` line';
        report({
            code: 'cidr-invalid',
            elementId,
            loc,
            message: `The ${role} must be an IPv${family} CIDR block, but '${text}' is IPv${parsed.value.family}: ${hint}.`
        });
        return undefined;
    }
    return parsed.value;
}

function checkedAddress(
    located: Located | undefined,
    elementId: string,
    report: Report,
    family: Family,
    role: string
): Address | undefined {
    if (!located) return undefined;
    const parsed = parseAddress(located.value);
    if (!parsed.ok) {
        report({ code: 'cidr-invalid', elementId, loc: located.loc, message: parsed.problem.message });
        return undefined;
    }
    if (parsed.value.family !== family) {
        report({
            code: 'cidr-invalid',
            elementId,
            loc: located.loc,
            message: `The ${role} must be an IPv${family} address, but '${located.value}' is IPv${parsed.value.family}.`
        });
        return undefined;
    }
    return parsed.value;
}

const IPV6_STEPS = 'in steps of 4 (/44, /48, /52, /56, /60';

function checkSize(block: Block, what: 'vpc' | 'subnet', loc: SourceLocation | undefined, elementId: string, report: Report): void {
    const p = block.prefix;
    if (block.family === 4) {
        if (p < 16 || p > 28) {
            report({
                code: 'cidr-size',
                elementId,
                loc,
                message: `A ${what === 'vpc' ? 'VPC' : 'subnet'} IPv4 block must be between /16 (65,536 addresses) and /28 (16 addresses); ${block.text} is /${p}.`
            });
        }
        return;
    }
    const max = what === 'vpc' ? 60 : 64;
    if (p < 44 || p > max || p % 4 !== 0) {
        const rule =
            what === 'vpc'
                ? `A VPC IPv6 block is /56 when Amazon provides it, or /44 to /60 ${IPV6_STEPS}) from IPAM or your own addresses`
                : `A subnet IPv6 block is /64 by default, or /44 to /64 ${IPV6_STEPS}, /64)`;
        report({ code: 'cidr-size', elementId, loc, message: `${rule}; ${block.text} is /${p}.` });
    }
}

export const checkVpcBlocks: Check = ({ topology }, report) => {
    for (const vpc of topology.vpcs) {
        if (vpc.cidrs.length === 0) {
            report({
                code: 'cidr-invalid',
                elementId: vpc.id,
                loc: vpc.loc,
                message: `VPC ${vpc.name} has no IPv4 block: every VPC needs a primary IPv4 CIDR block (a \`cidr\` line, /16 to /28).`
            });
        }
        const blocks: Array<{ block: Block; loc?: SourceLocation }> = [];
        for (const { value, loc } of vpc.cidrs) {
            const block = checkedBlock(value, loc, vpc.id, report, 4, 'VPC block');
            if (block) {
                checkSize(block, 'vpc', loc, vpc.id, report);
                blocks.push({ block, loc });
            }
        }
        for (const { value, loc } of vpc.ipv6) {
            const block = checkedBlock(value, loc, vpc.id, report, 6, 'VPC IPv6 block');
            if (block) {
                checkSize(block, 'vpc', loc, vpc.id, report);
                blocks.push({ block, loc });
            }
        }
        const restricted = new Set<Block>();
        for (const { block, loc } of blocks) {
            const reserved = reservedRangeProblem(block);
            if (reserved) {
                restricted.add(block);
                report({
                    code: 'vpc-cidr-restricted',
                    elementId: vpc.id,
                    loc,
                    message: `AWS refuses ${block.text} as a block of ${vpc.name}: ${reserved}. Use a private range (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16), 100.64.0.0/10, or public addresses you own.`
                });
            } else if (usesServiceRange(block)) {
                report({
                    code: 'vpc-cidr-service-range',
                    elementId: vpc.id,
                    loc,
                    message: `${block.prefix === 16 ? `${block.text} is` : `${block.text} lies in`} 172.17.0.0/16, a range some AWS services use (AWS Cloud9 and Amazon SageMaker AI among them): AWS advises VPCs to avoid it, or those services can meet address conflicts.`
                });
            }
        }
        const ipv4 = blocks.filter(b => b.block.family === 4);
        const primary = ipv4[0] && !restricted.has(ipv4[0].block) ? ipv4[0] : undefined;
        for (const secondary of ipv4.slice(1)) {
            const problem =
                primary && !restricted.has(secondary.block) && !overlaps(primary.block, secondary.block)
                    ? associationProblem(
                          primary.block,
                          secondary.block,
                          ipv4.map(b => b.block)
                      )
                    : undefined;
            if (problem) {
                report({
                    code: 'vpc-cidr-restricted',
                    elementId: vpc.id,
                    loc: secondary.loc,
                    message: `AWS refuses to associate ${secondary.block.text} with ${vpc.name}: ${problem} (primary ${primary!.block.text}).`,
                    related: [{ message: `the primary block ${primary!.block.text}`, loc: primary!.loc }]
                });
            }
        }
        for (const { later, earlier } of findOverlaps(blocks, b => b.block)) {
            report({
                code: 'vpc-cidr-overlap',
                elementId: vpc.id,
                loc: later.loc,
                message: `The blocks of one VPC may not overlap: ${later.block.text} overlaps ${earlier.block.text}, already a block of ${vpc.name}.`,
                related: [{ message: `${earlier.block.text} is here`, loc: earlier.loc }]
            });
        }
    }
};

interface SubnetBlock {
    subnet: Subnet;
    block: Block;
    loc?: SourceLocation;
}

export const checkSubnets: Check = ({ topology, index }, report) => {
    for (const { id } of topology.vpcs) {
        const view = index.vpcs.get(id);
        if (!view) continue;
        const placed: SubnetBlock[] = [];
        for (const subnet of view.subnets) {
            if (!subnet.cidr && !subnet.ipv6) {
                report({
                    code: 'cidr-invalid',
                    elementId: subnet.id,
                    loc: subnet.loc,
                    message: `Subnet ${subnet.name} has no block: give it an IPv4 \`cidr\` (or, for an IPv6-only subnet, an \`ipv6\` block).`
                });
            }
            for (const [located, family] of [
                [subnet.cidr, 4],
                [subnet.ipv6, 6]
            ] as const) {
                if (!located) continue;
                const block = checkedBlock(located.value, located.loc, subnet.id, report, family, 'subnet block');
                if (!block) continue;
                checkSize(block, 'subnet', located.loc, subnet.id, report);
                placed.push({ subnet, block, loc: located.loc });
                const intended = [...view.vpc.cidrs, ...view.vpc.ipv6].map(c => intendedBlock(c.value));
                const vpcBlocks = intended.filter((b): b is Block => b !== 'unknown' && b.family === family);
                // A VPC block that cannot be read may be the one meant to hold the subnet: its own error says so.
                if (!vpcBlocks.some(b => contains(b, block)) && !intended.includes('unknown')) {
                    const have = vpcBlocks.map(b => b.text).join(', ');
                    report({
                        code: 'subnet-outside-vpc',
                        elementId: subnet.id,
                        loc: located.loc,
                        message: have
                            ? `A subnet's block must lie inside one of its VPC's blocks: ${block.text} is not inside ${have} (${view.vpc.name}).`
                            : `Subnet ${subnet.name} has an IPv${family} block but VPC ${view.vpc.name} has none: ${family === 6 ? 'add an `ipv6` block to the VPC first' : 'add a `cidr` block to the VPC first'}.`
                    });
                }
            }
        }
        for (const { later, earlier } of findOverlaps(placed, p => p.block)) {
            report({
                code: 'subnet-overlap',
                elementId: later.subnet.id,
                loc: later.loc,
                message: `Subnets of one VPC may not overlap: ${later.block.text} (${later.subnet.name}) overlaps ${earlier.block.text} (${earlier.subnet.name}).`,
                related: [{ message: `${earlier.subnet.name} uses ${earlier.block.text}`, loc: earlier.loc }]
            });
        }
    }
};

function subnetBlock(subnet: Subnet | undefined, family: Family): Block | undefined {
    const located = family === 4 ? subnet?.cidr : subnet?.ipv6;
    if (!located) return undefined;
    const block = intendedBlock(located.value);
    return block !== 'unknown' && block.family === family ? block : undefined;
}

/** An ENI's private address must lie inside its subnet and avoid the five addresses AWS reserves. */
function checkEniAddress(
    context: CheckContext,
    report: Report,
    owner: { id: string; name: string; subnet?: string },
    located: Located | undefined,
    family: Family
): void {
    const address = checkedAddress(located, owner.id, report, family, family === 4 ? 'private address' : 'IPv6 address');
    if (!address || !located) return;
    const subnet = context.index.get<Subnet>(owner.subnet);
    if (!subnet) return;
    const block = subnetBlock(subnet, family);
    if (!block) {
        const hasText = family === 4 ? subnet.cidr : subnet.ipv6;
        if (!hasText) {
            report({
                code: 'instance-ip-outside-subnet',
                elementId: owner.id,
                loc: located.loc,
                message: `${owner.name} has an IPv${family} address but subnet ${subnet.name} has no IPv${family} block.`
            });
        }
        return;
    }
    if (!contains(block, address)) {
        report({
            code: 'instance-ip-outside-subnet',
            elementId: owner.id,
            loc: located.loc,
            message: `${located.value} is not inside subnet ${subnet.name} (${block.text}): an ENI takes its private address from its own subnet's block.`
        });
        return;
    }
    const reserved = reservedAddresses(block).find(r => r.value === address.value);
    if (reserved) {
        const list = reservedAddresses(block)
            .map(r => formatAddress(family, r.value))
            .join(', ');
        report({
            code: 'instance-ip-reserved',
            elementId: owner.id,
            loc: located.loc,
            message: `${located.value} is ${reserved.role}: AWS reserves five addresses in every subnet (here ${list}), so ${block.text} has ${usable(block)} usable.`
        });
    }
}

function usable(block: Block): string {
    const usable = block.last - block.first + 1n - 5n;
    return (usable > 0n ? usable : 0n).toLocaleString('en-US');
}

export const checkEniAddresses: Check = (context, report) => {
    const { topology } = context;
    for (const instance of topology.instances) {
        checkEniAddress(context, report, instance, instance.ip, 4);
        checkEniAddress(context, report, instance, instance.ipv6, 6);
        checkedAddress(instance.publicIp, instance.id, report, 4, 'public IPv4 address');
    }
    for (const nat of topology.natGateways) {
        checkEniAddress(context, report, nat, nat.ip, 4);
        checkedAddress(nat.publicIp, nat.id, report, 4, 'Elastic IP address');
    }
};

/** A private address belongs to one ENI of its VPC; the later claim is the conflict. */
export const checkDuplicateAddresses: Check = ({ topology }, report) => {
    const order = locationOrder(topology.documents);
    const claims: Array<{ vpc: string; owner: string; name: string; located: Located; key: string }> = [];
    const claim = (vpc: string, owner: string, name: string, located: Located | undefined) => {
        const parsed = located && parseAddress(located.value);
        if (parsed?.ok)
            claims.push({ vpc, owner, name, located: located!, key: `${vpc}\u0000${parsed.value.family}:${parsed.value.value}` });
    };
    for (const instance of topology.instances) {
        claim(instance.vpc, instance.id, `instance ${instance.name}`, instance.ip);
        claim(instance.vpc, instance.id, `instance ${instance.name}`, instance.ipv6);
    }
    for (const nat of topology.natGateways) claim(nat.vpc, nat.id, `NAT gateway ${nat.name}`, nat.ip);
    claims.sort((a, b) => order(a.located.loc, b.located.loc));
    const first = new Map<string, (typeof claims)[number]>();
    for (const c of claims) {
        const earlier = first.get(c.key);
        if (!earlier) {
            first.set(c.key, c);
            continue;
        }
        report({
            code: 'ip-duplicate',
            elementId: c.owner,
            loc: c.located.loc,
            message: `${c.located.value} is already the address of ${earlier.name}: a private address belongs to one network interface in a VPC, so AWS refuses it for ${c.name} (InvalidIPAddress.InUse).`,
            related: [{ message: `${earlier.name} has ${earlier.located.value}`, loc: earlier.located.loc }]
        });
    }
};

/** A public or Elastic IP address belongs to one instance or NAT gateway in the whole workspace (AWS's addresses are global). */
export const checkDuplicatePublicAddresses: Check = ({ topology }, report) => {
    const order = locationOrder(topology.documents);
    const claims = [
        ...topology.instances.map(i => ({ owner: i.id, name: `instance ${i.name}`, located: i.publicIp })),
        ...topology.natGateways.map(n => ({ owner: n.id, name: `NAT gateway ${n.name}`, located: n.publicIp }))
    ]
        .filter((c): c is { owner: string; name: string; located: Located } => c.located !== undefined && parseAddress(c.located.value).ok)
        .sort((a, b) => order(a.located.loc, b.located.loc));
    const first = new Map<string, (typeof claims)[number]>();
    for (const c of claims) {
        const parsed = parseAddress(c.located.value);
        const key = parsed.ok ? String(parsed.value.value) : c.located.value;
        const earlier = first.get(key);
        if (!earlier) {
            first.set(key, c);
            continue;
        }
        report({
            code: 'ip-duplicate',
            elementId: c.owner,
            loc: c.located.loc,
            message: `${c.located.value} is already the public address of ${earlier.name}: a public or Elastic IP address belongs to one network interface at a time, so AWS cannot give it to ${c.name} too.`,
            related: [{ message: `${earlier.name} has ${earlier.located.value}`, loc: earlier.located.loc }]
        });
    }
};

export const checkRuleAndRouteBlocks: Check = ({ topology }, report) => {
    for (const table of topology.routeTables) {
        for (const route of table.routes) {
            if (route.destination.kind === 'cidr')
                checkedBlock(route.destination.cidr, route.destination.loc, route.id, report, undefined, 'route destination');
        }
    }
    for (const owner of [topology.securityGroups, topology.networkAcls]) {
        for (const { rules } of owner) {
            for (const rule of rules) {
                if (rule.peer.kind === 'cidr') checkedBlock(rule.peer.cidr, rule.peerLoc, rule.id, report, undefined, 'rule block');
            }
        }
    }
};

/** A probe's destination address must be one. */
export const checkProbeAddresses: Check = ({ topology }, report) => {
    for (const probe of topology.probes) {
        const destination = probe.destination;
        if ((destination.kind === 'address' || destination.kind === 'internet') && destination.address !== undefined) {
            const parsed = parseAddress(destination.address);
            if (!parsed.ok)
                report({
                    code: 'cidr-invalid',
                    elementId: probe.id,
                    loc: probe.destinationLoc ?? probe.loc,
                    message: parsed.problem.message
                });
        }
    }
};
