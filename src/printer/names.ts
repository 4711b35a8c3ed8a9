/**
 * What the printer may write where the grammar expects a name, an address or a string. The word
 * lists mirror `src/language/vpc.langium` (the printer reads no grammar); a test holds them equal.
 */

/** The grammar's ID terminal, whole. */
const ID = /^[A-Za-z_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?$/;
const IPV4 = /^[0-9]+(?:\.[0-9]+)+(?:\/[0-9]+)?$/;
const IPV6 = /^(?:[0-9a-fA-F]{0,4}:){2,7}[0-9a-fA-F.]*(?:\/[0-9]+)?$/;

/** Every word the grammar uses as a keyword. */
export const KEYWORDS: ReadonlySet<string> = new Set([
    'accept',
    'accepter',
    'account',
    'aggregation',
    'all',
    'allow',
    'az',
    'bucket',
    'capture',
    'cidr',
    'cloudwatch',
    'deny',
    'destination',
    'dns-hostnames',
    'dns-resolution',
    'dns-support',
    'egress',
    'egress-only-internet-gateway',
    'elastic-ip',
    'endpoint',
    'eni',
    'expect',
    'flow-log',
    'format',
    'from',
    'gateway-endpoint',
    'icmp',
    'id',
    'inbound',
    'ingress',
    'instance',
    'interface-endpoint',
    'internet',
    'internet-gateway',
    'ip',
    'ipv6',
    'main',
    'nat-gateway',
    'network-acl',
    'none',
    'off',
    'on',
    'outbound',
    'peering',
    'policy',
    'prefix-list',
    'private-dns',
    'private-to',
    'probe',
    'public-dns',
    'public-ip',
    'region',
    'reject',
    'request',
    'requester',
    'resource',
    'route',
    'route-table',
    'route-tables',
    's3',
    'security-group',
    'security-groups',
    'service',
    'sg',
    'subnet',
    'subnets',
    'tcp',
    'to',
    'traffic',
    'udp',
    'vpc',
    'acceptance-required',
    'allowed-principals',
    'appliance-mode',
    'application',
    'associate',
    'blackhole',
    'default-association',
    'default-propagation',
    'endpoint-service',
    'http',
    'https',
    'internal',
    'internet-facing',
    'listener',
    'load-balancer',
    'max-entries',
    'network',
    'port',
    'propagate',
    'scheme',
    'tcp_udp',
    'tls',
    'transit-gateway',
    'transit-gateway-attachment',
    'transit-gateway-peering',
    'type'
]);

/** The keywords the grammar's `Name` rule also accepts as a name: every one. */
export const NAME_KEYWORDS: ReadonlySet<string> = KEYWORDS;

/** Whether a name can be written where the grammar expects a `Name` (a resource, a region, an AZ). */
export function isWritableName(name: string): boolean {
    return ID.test(name) && (!KEYWORDS.has(name) || NAME_KEYWORDS.has(name));
}

/** Whether a name can label a probe (`probe NAME: …`), which takes a name like any other. */
export function isWritableProbeName(name: string): boolean {
    return isWritableName(name);
}

/** Whether a dotted name (a bucket, a service) can be written: every part a name. */
export function isWritableDottedName(name: string): boolean {
    return name.split('.').every(isWritableName);
}

/** Whether the text is one address token of the grammar (IPv4 or IPv6, with or without a prefix length). */
export function isAddressToken(text: string): boolean {
    return IPV4.test(text) || IPV6.test(text);
}

const ESCAPES: Readonly<Record<string, string>> = {
    '\\': '\\\\',
    '"': '\\"',
    '\n': '\\n',
    '\r': '\\r',
    '\t': '\\t',
    '\b': '\\b',
    '\f': '\\f',
    '\v': '\\v',
    '\0': '\\0'
};

/** A string literal that the parser reads back as exactly `value`. */
export function quote(value: string): string {
    return `"${value.replace(/[\\"\n\r\t\b\f\v\0]/g, c => ESCAPES[c]!)}"`;
}
