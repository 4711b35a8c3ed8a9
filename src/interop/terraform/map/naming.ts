/**
 * Names of imported elements (LANGUAGE.md §6): the resource name, with a count index or for_each
 * key appended, module names first (`module.vpc.aws_subnet.private[0]` → `vpc-private-0`);
 * characters outside letters, digits, `_` and `-` become `-`; a clash in the same namespace gets
 * `-2`, `-3`… in source order.
 */
import { KINDS, type ModelKind } from '../../../model/kinds.js';
import type { ResourceInstance } from '../instances.js';

export function elementName(i: Pick<ResourceInstance, 'name' | 'index' | 'module'>): string {
    const modules = (i.module ?? '')
        .split(/\.?module\./)
        .filter(Boolean)
        .map(m => m.replace(/\[("?)(.*?)\1\]/g, '-$2'));
    const parts = [...modules, i.name, ...(i.index !== undefined ? [String(i.index)] : [])];
    return sanitize(parts.join('-'));
}

/** Keywords of the language that its grammar does not also accept as names. */
const KEYWORDS = new Set([
    'account',
    'region',
    'cidr',
    'ipv6',
    'az',
    'ingress',
    'from',
    'egress',
    'to',
    'sg',
    'inbound',
    'outbound',
    'allow',
    'deny',
    'tcp',
    'udp',
    'icmp',
    'instance',
    'service',
    'subnets',
    'peering',
    'requester',
    'accepter',
    'probe',
    'request',
    'on',
    'off',
    'expect',
    'accept',
    'reject',
    'internet',
    'endpoint',
    'aggregation',
    'public-dns',
    'dns-support',
    'dns-hostnames',
    'route-table',
    'network-acl',
    'prefix-list',
    'internet-gateway',
    'egress-only-internet-gateway',
    'nat-gateway',
    'public-ip',
    'elastic-ip',
    'security-group',
    'security-groups',
    'gateway-endpoint',
    'route-tables',
    'interface-endpoint',
    'private-dns',
    'flow-log',
    'dns-resolution',
    'private-to'
]);

/** A valid name: letters, digits, `_` and `-`, starting with a letter or `_`, not ending in `-`, no keyword. */
export function sanitize(text: string): string {
    let s = text.replace(/[^A-Za-z0-9_-]/g, '-').replace(/-+$/, '');
    if (!/^[A-Za-z_]/.test(s)) s = `r-${s}`;
    if (KEYWORDS.has(s)) s = `${s}_`;
    return s || 'unnamed';
}

export class Namer {
    private readonly used = new Map<string, Set<string>>();

    unique(namespace: string, name: string): string {
        let taken = this.used.get(namespace);
        if (!taken) this.used.set(namespace, (taken = new Set()));
        let candidate = name;
        for (let n = 2; taken.has(candidate); n++) candidate = `${name}-${n}`;
        taken.add(candidate);
        return candidate;
    }
}

/**
 * The scope a name must be unique in: the kind's namespace in its VPC, as the kinds registry
 * says (what routes and flow logs name — gateways, NAT gateways, endpoints, instances — share one).
 */
export function namespaceIn(kind: ModelKind, vpcName: string): string {
    return KINDS[kind].namespace === 'shared' ? `${vpcName} (route targets)` : `${vpcName} (${kind})`;
}
