/**
 * Generates a realistic large workspace: N VPCs in a ring of peerings, each with 10 subnets,
 * 20 routes (default routes and routes to both neighbours' subnets, so every return route
 * exists), 50 security-group and NACL rules and one instance. At N = 1,000: 10,000 subnets,
 * 20,000 routes, 50,000 rules and 1,000 peerings over 100 files, about 100k lines.
 */
export interface GeneratedWorkspace {
    files: Map<string, string>;
    lines: number;
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
        const out: string[] = [];
        for (let i = start; i < Math.min(vpcCount, start + vpcsPerFile); i++) out.push(...vpc(i, vpcCount));
        lines += out.length;
        files.set(`part-${String(start / vpcsPerFile).padStart(3, '0')}.vpc`, out.join('\n') + '\n');
    }
    return { files, lines };
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
    out.push('  route-table public {', '    route 0.0.0.0/0 -> igw', '  }');
    out.push('  route-table private {', '    route 0.0.0.0/0 -> nat');
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
    out.push('}');
    if (n > 1 && !(n === 2 && i === 1)) out.push(`peering p${i} requester ${name} accepter v${next}`);
    return out;
}
