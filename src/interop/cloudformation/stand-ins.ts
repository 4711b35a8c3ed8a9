/**
 * Values AWS assigns at deployment, stood in for from the documentation ranges (RFC 3849's
 * 2001:db8::/32 for IPv6, RFC 5737's TEST-NET blocks for public IPv4), the same value every
 * time it is asked for, so that `Fn::Cidr` over a VPC's stand-in block gives subnets inside it.
 */
import { formatAddress, parseCidr } from '../../simulator/cidr.js';

const PUBLIC_V4 = ['203.0.113.0', '198.51.100.0', '192.0.2.0'];

export class StandIns {
    private readonly ipv6 = new Map<string, string>();
    private readonly publicIps = new Map<string, string>();
    private readonly privateIps = new Map<string, string>();
    private readonly usedInSubnet = new Map<string, Set<string>>();

    /**
     * The value the design had, kept by `vpc-lab export` in the resource's Metadata: it stands in
     * rather than a documentation-range value, so that importing an export gives the design back.
     */
    keepIpv6Block(key: string, block: string): void {
        this.ipv6.set(key, block);
    }

    keepPublicIp(key: string, ip: string): void {
        this.publicIps.set(key, ip);
    }

    /** An Amazon-provided /56 for a VPC (by key): 2001:db8::/56, 2001:db8:0:100::/56, … */
    ipv6Block(key: string): string {
        let block = this.ipv6.get(key);
        if (!block) {
            block = `${formatAddress(6, (0x20010db8n << 96n) | (BigInt(this.ipv6.size) << 72n))}/56`;
            this.ipv6.set(key, block);
        }
        return block;
    }

    /** A public IPv4 address (an Elastic IP, or one assigned at launch) for an element (by key). */
    publicIp(key: string): string {
        let ip = this.publicIps.get(key);
        if (!ip) {
            const n = this.publicIps.size;
            const base = PUBLIC_V4[Math.floor(n / 240) % PUBLIC_V4.length]!.split('.').slice(0, 3).join('.');
            ip = `${base}.${10 + (n % 240)}`;
            this.publicIps.set(key, ip);
        }
        return ip;
    }

    /** Marks an address as taken in a subnet (written in the template), so stand-ins avoid it. */
    takePrivate(subnetCidr: string, ip: string): void {
        const used = this.usedInSubnet.get(subnetCidr) ?? new Set<string>();
        used.add(ip);
        this.usedInSubnet.set(subnetCidr, used);
    }

    /** The private address AWS would assign from a subnet: the first free after the four AWS reserves. */
    privateIp(key: string, subnetCidr: string): string | undefined {
        const known = this.privateIps.get(key);
        if (known) return known;
        const parsed = parseCidr(subnetCidr);
        if (!parsed.ok) return undefined;
        const used = this.usedInSubnet.get(subnetCidr) ?? new Set<string>();
        for (let offset = 4n; parsed.value.first + offset < parsed.value.last; offset++) {
            const ip = formatAddress(parsed.value.family, parsed.value.first + offset);
            if (!used.has(ip)) {
                used.add(ip);
                this.usedInSubnet.set(subnetCidr, used);
                this.privateIps.set(key, ip);
                return ip;
            }
        }
        return undefined;
    }
}
