/**
 * Generates a realistic large workspace: N VPCs in a ring of peerings, each with 10 subnets,
 * 20 routes (default routes and routes to both neighbours' subnets, so every return route
 * exists), 53 security-group and NACL rules and one instance. Every tenth VPC (0, 10, …) is
 * attached to the transit gateway `hub`, one subnet per AZ, and routes 10.0.0.0/8 to it from
 * both its tables (so every return route through the hub exists too); every tenth VPC from the
 * fifth (5, 15, …) has an internal Application Load Balancer in two AZs whose listener sends to
 * the VPC's instance. At N = 1,000: 10,000 subnets, 20,200 routes, 53,000 rules, 1,000 peerings,
 * 100 attachments and 100 load balancers over 100 files, about 100k lines. The generated
 * workspace checks clean.
 */
export interface GeneratedWorkspace {
    files: Map<string, string>;
    lines: number;
    /** What the workspace holds, for the tables to print. */
    counts: WorkspaceCounts;
}

export interface WorkspaceCounts {
    vpcs: number;
    subnets: number;
    routes: number;
    rules: number;
    peerings: number;
    attachments: number;
    loadBalancers: number;
}

/** The VPCs joined to the hub, and those with a load balancer: a tenth each. */
export const isHubSpoke = (i: number): boolean => i % 10 === 0;
export const hasLoadBalancer = (i: number): boolean => i % 10 === 5;

/** One line of the counts, as the tables print it. */
export function describeCounts(c: WorkspaceCounts): string {
    const n = (v: number) => v.toLocaleString('en-US');
    return `${n(c.vpcs)} VPCs, ${n(c.subnets)} subnets, ${n(c.routes)} routes, ${n(c.rules)} rules, ${n(c.peerings)} peerings, a transit gateway with ${n(c.attachments)} attachments, ${n(c.loadBalancers)} load balancers`;
}

function block(i: number): { a: number; b: number } {
    return { a: i >> 4, b: (i & 15) << 4 };
}

function subnetCidr(i: number, j: number): string {
    const { a, b } = block(i);
    return `10.${a}.${b + j}.0/24`;
}

export function generateWorkspace(vpcCount: number, vpcsPerFile = 10): GeneratedWorkspace {
    const files = new Map<string, string>();
    let lines = 0;
    for (let start = 0; start < vpcCount; start += vpcsPerFile) {
        const out: string[] = start === 0 ? ['transit-gateway hub region us-east-1'] : [];
        for (let i = start; i < Math.min(vpcCount, start + vpcsPerFile); i++) out.push(...vpc(i, vpcCount));
        lines += out.length;
        files.set(`part-${String(start / vpcsPerFile).padStart(3, '0')}.vpc`, out.join('\n') + '\n');
    }
    return { files, lines, counts: countsOf(vpcCount) };
}

function countsOf(n: number): WorkspaceCounts {
    const indices = Array.from({ length: n }, (_, i) => i);
    const attachments = indices.filter(isHubSpoke).length;
    const ringRoutes = n > 1 ? 18 : 0;
    return {
        vpcs: n,
        subnets: 10 * n,
        routes: (2 + ringRoutes) * n + 2 * attachments,
        rules: (3 * 12 + 17) * n,
        peerings: n > 2 ? n : n - 1,
        attachments,
        loadBalancers: indices.filter(hasLoadBalancer).length
    };
}

function vpc(i: number, n: number): string[] {
    const { a, b } = block(i);
    const next = (i + 1) % n;
    const prev = (i + n - 1) % n;
    const name = `v${i}`;
    const out = [`// VPC ${i} of ${n}`, `vpc ${name} region us-east-1 {`, `  cidr 10.${a}.${b}.0/20`, '  dns-hostnames on'];
    for (let j = 0; j < 10; j++) {
        out.push(`  subnet s${j} az us-east-1${'abc'[j % 3]} { cidr ${subnetCidr(i, j)}  route-table ${j < 1 ? 'public' : 'private'} }`);
    }
    out.push('  internet-gateway igw', '  nat-gateway nat subnet s0');
    const hub = isHubSpoke(i) ? ['    route 10.0.0.0/8 -> hub'] : [];
    out.push('  route-table public {', '    route 0.0.0.0/0 -> igw', ...hub, '  }');
    out.push('  route-table private {', '    route 0.0.0.0/0 -> nat', ...hub);
    if (n > 1) {
        for (let j = 1; j < 10; j++) out.push(`    route ${subnetCidr(next, j)} -> p${i}`);
        for (let j = 1; j < 10; j++) out.push(`    route ${subnetCidr(prev, j)} -> p${prev}`);
    }
    out.push('  }');
    const peerBlock = (k: number) => {
        const p = block(k);
        return `10.${p.a}.${p.b}.0/20`;
    };
    const sgs = ['web', 'app', 'db'];
    sgs.forEach((sg, k) => {
        out.push(`  security-group ${sg}-sg {`);
        for (let r = 0; r < 11; r++) {
            const port = 1000 + k * 100 + r;
            out.push(
                r % 3 === 0
                    ? `    ingress tcp ${port} from sg ${sgs[(k + 1) % 3]}-sg`
                    : r % 3 === 1
                      ? `    ingress tcp ${port} from ${peerBlock(next)}`
                      : `    ingress udp ${port}-${port + 10} from ${peerBlock(prev)}`
            );
        }
        out.push('    egress all to 0.0.0.0/0', '  }');
    });
    out.push('  network-acl edge {');
    for (let r = 0; r < 8; r++)
        out.push(`    inbound ${100 + r * 10} ${r === 7 ? 'deny' : 'allow'} tcp ${2000 + r} from ${peerBlock(r % 2 ? next : prev)}`);
    out.push('    inbound 200 allow tcp 1024-65535 from 0.0.0.0/0');
    for (let r = 0; r < 7; r++) out.push(`    outbound ${100 + r * 10} allow tcp ${3000 + r} to ${peerBlock(r % 2 ? next : prev)}`);
    out.push('    outbound 200 allow all to 0.0.0.0/0', '  }');
    out.push(`  instance i${i} subnet s2 { ip 10.${a}.${b + 2}.10  security-groups app-sg }`);
    // s1, s2, s3 are in us-east-1b, c and a: one attachment subnet per AZ.
    if (isHubSpoke(i)) out.push('  transit-gateway-attachment hub-att transit-gateway hub { subnets s1, s2, s3 }');
    // app-sg admits tcp 1100 from db-sg: the load balancer's group.
    if (hasLoadBalancer(i))
        out.push(
            '  load-balancer lb type application scheme internal {',
            '    subnets s1, s2  security-groups db-sg',
            `    listener http 80 -> i${i} port 1100`,
            '  }'
        );
    out.push('}');
    if (n > 1 && !(n === 2 && i === 1)) out.push(`peering p${i} requester ${name} accepter v${next}`);
    return out;
}
