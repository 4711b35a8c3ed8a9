/**
 * The bench's workspace (bench/generate.ts) written as Terraform, the way an export would write
 * it: the same N VPCs in a ring of peerings, 10 subnets, 20 routes, 50 security-group and NACL
 * rules and one instance each, as resources with literal values and references between them,
 * ten VPCs per `.tf` file.
 */
function block(i: number): { a: number; b: number } {
    return { a: i >> 4, b: (i & 15) << 4 };
}

function subnetCidr(i: number, j: number): string {
    const { a, b } = block(i);
    return `10.${a}.${b + j}.0/24`;
}

function peerBlock(k: number): string {
    const p = block(k);
    return `10.${p.a}.${p.b}.0/20`;
}

function resource(type: string, name: string, body: string[]): string[] {
    return [`resource "${type}" "${name}" {`, ...body.map(l => `  ${l}`), '}', ''];
}

function vpc(i: number, n: number): string[] {
    const { a, b } = block(i);
    const next = (i + 1) % n;
    const prev = (i + n - 1) % n;
    const v = `v${i}`;
    const out: string[] = [];
    out.push(...resource('aws_vpc', v, [`cidr_block           = "10.${a}.${b}.0/20"`, 'enable_dns_hostnames = true']));
    for (let j = 0; j < 10; j++) {
        out.push(
            ...resource('aws_subnet', `${v}_s${j}`, [
                `vpc_id            = aws_vpc.${v}.id`,
                `cidr_block        = "${subnetCidr(i, j)}"`,
                `availability_zone = "us-east-1${'abc'[j % 3]}"`
            ])
        );
        out.push(
            ...resource('aws_route_table_association', `${v}_s${j}`, [
                `subnet_id      = aws_subnet.${v}_s${j}.id`,
                `route_table_id = aws_route_table.${v}_${j < 1 ? 'public' : 'private'}.id`
            ])
        );
    }
    out.push(...resource('aws_internet_gateway', `${v}_igw`, [`vpc_id = aws_vpc.${v}.id`]));
    out.push(...resource('aws_eip', `${v}_nat`, ['domain = "vpc"']));
    out.push(...resource('aws_nat_gateway', `${v}_nat`, [`allocation_id = aws_eip.${v}_nat.id`, `subnet_id     = aws_subnet.${v}_s0.id`]));
    out.push(
        ...resource('aws_route_table', `${v}_public`, [
            `vpc_id = aws_vpc.${v}.id`,
            'route {',
            '  cidr_block = "0.0.0.0/0"',
            `  gateway_id = aws_internet_gateway.${v}_igw.id`,
            '}'
        ])
    );
    const routes = ['route {', '  cidr_block     = "0.0.0.0/0"', `  nat_gateway_id = aws_nat_gateway.${v}_nat.id`, '}'];
    if (n > 1) {
        for (let j = 1; j < 10; j++)
            routes.push(
                'route {',
                `  cidr_block                = "${subnetCidr(next, j)}"`,
                `  vpc_peering_connection_id = aws_vpc_peering_connection.p${i}.id`,
                '}'
            );
        for (let j = 1; j < 10; j++)
            routes.push(
                'route {',
                `  cidr_block                = "${subnetCidr(prev, j)}"`,
                `  vpc_peering_connection_id = aws_vpc_peering_connection.p${prev}.id`,
                '}'
            );
    }
    out.push(...resource('aws_route_table', `${v}_private`, [`vpc_id = aws_vpc.${v}.id`, ...routes]));
    const sgs = ['web', 'app', 'db'];
    sgs.forEach(sg => out.push(...resource('aws_security_group', `${v}_${sg}`, [`name   = "${sg}-sg"`, `vpc_id = aws_vpc.${v}.id`])));
    sgs.forEach((sg, k) => {
        for (let r = 0; r < 11; r++) {
            const port = 1000 + k * 100 + r;
            const udp = r % 3 === 2;
            const peer =
                r % 3 === 0
                    ? `referenced_security_group_id = aws_security_group.${v}_${sgs[(k + 1) % 3]}.id`
                    : `cidr_ipv4 = "${peerBlock(r % 3 === 1 ? next : prev)}"`;
            out.push(
                ...resource('aws_vpc_security_group_ingress_rule', `${v}_${sg}_${r}`, [
                    `security_group_id = aws_security_group.${v}_${sg}.id`,
                    `ip_protocol = "${udp ? 'udp' : 'tcp'}"`,
                    `from_port = ${port}`,
                    `to_port = ${udp ? port + 10 : port}`,
                    peer
                ])
            );
        }
        out.push(
            ...resource('aws_vpc_security_group_egress_rule', `${v}_${sg}_all`, [
                `security_group_id = aws_security_group.${v}_${sg}.id`,
                'ip_protocol = "-1"',
                'cidr_ipv4 = "0.0.0.0/0"'
            ])
        );
    });
    const acl = [
        `vpc_id     = aws_vpc.${v}.id`,
        `subnet_ids = [${Array.from({ length: 10 }, (_, j) => `aws_subnet.${v}_s${j}.id`).join(', ')}]`
    ];
    const rule = (dir: string, no: number, action: string, protocol: string, from: number, to: number, cidr: string): string[] => [
        `${dir} {`,
        `  rule_no    = ${no}`,
        `  action     = "${action}"`,
        `  protocol   = "${protocol}"`,
        `  from_port  = ${from}`,
        `  to_port    = ${to}`,
        `  cidr_block = "${cidr}"`,
        '}'
    ];
    for (let r = 0; r < 8; r++)
        acl.push(...rule('ingress', 100 + r * 10, r === 7 ? 'deny' : 'allow', 'tcp', 2000 + r, 2000 + r, peerBlock(r % 2 ? next : prev)));
    acl.push(...rule('ingress', 200, 'allow', 'tcp', 1024, 65535, '0.0.0.0/0'));
    for (let r = 0; r < 7; r++)
        acl.push(...rule('egress', 100 + r * 10, 'allow', 'tcp', 3000 + r, 3000 + r, peerBlock(r % 2 ? next : prev)));
    acl.push(...rule('egress', 200, 'allow', '-1', 0, 0, '0.0.0.0/0'));
    out.push(...resource('aws_network_acl', `${v}_edge`, acl));
    out.push(
        ...resource('aws_instance', `i${i}`, [
            'ami                    = "ami-12345678"',
            'instance_type          = "t3.micro"',
            `subnet_id              = aws_subnet.${v}_s2.id`,
            `private_ip             = "10.${a}.${b + 2}.10"`,
            `vpc_security_group_ids = [aws_security_group.${v}_app.id]`
        ])
    );
    if (n > 1 && !(n === 2 && i === 1)) {
        out.push(
            ...resource('aws_vpc_peering_connection', `p${i}`, [
                `vpc_id      = aws_vpc.${v}.id`,
                `peer_vpc_id = aws_vpc.v${next}.id`,
                'auto_accept = true'
            ])
        );
    }
    return out;
}

/** `.tf` files by name, ten VPCs each. */
export function generateTerraform(vpcCount: number, vpcsPerFile = 10): { files: Map<string, string>; lines: number } {
    const files = new Map<string, string>();
    let lines = 0;
    for (let start = 0; start < vpcCount; start += vpcsPerFile) {
        const out: string[] = [];
        for (let i = start; i < Math.min(vpcCount, start + vpcsPerFile); i++) out.push(...vpc(i, vpcCount));
        lines += out.length;
        files.set(`part-${String(start / vpcsPerFile).padStart(3, '0')}.tf`, out.join('\n'));
    }
    return { files, lines };
}
