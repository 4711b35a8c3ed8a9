/** The small pieces that routes, rules and probes share: traffic, addresses, prefix lists, policies. */
import type { Policy, PortRange, Protocol, RulePeer } from '../model/topology.js';
import type { PrintContext } from './context.js';
import type { Statement } from './layout.js';
import { isAddressToken, isWritableDottedName, isWritableName, quote } from './names.js';

/** `tcp 443`, `udp 1024-65535`, `icmp`, `all`. */
export function traffic(protocol: Protocol, ports: PortRange | undefined, ctx: PrintContext, owner: string): string {
    if (!ports) return protocol;
    if (protocol === 'all') {
        ctx.problem(owner, `${ctx.display(owner)}: protocol all takes no port, so ports ${ports.from}-${ports.to} are left out`);
        return protocol;
    }
    if (!isPort(ports.from) || !isPort(ports.to))
        ctx.problem(owner, `${ctx.display(owner)}: ports ${ports.from}-${ports.to} are not whole numbers`);
    return ports.from === ports.to ? `${protocol} ${ports.from}` : `${protocol} ${ports.from}-${ports.to}`;
}

function isPort(n: number): boolean {
    return Number.isInteger(n) && n >= 0;
}

/** An address or CIDR block as one token, noted when the grammar would not read it as one. */
export function address(value: string, ctx: PrintContext, owner: string, what: string): string {
    if (!isAddressToken(value)) ctx.problem(owner, `${ctx.display(owner)}: its ${what} '${value}' is not an IPv4 or IPv6 address`);
    return value;
}

/** A region or availability zone. */
export function word(value: string, ctx: PrintContext, owner: string, what: string): string {
    if (!isWritableName(value)) ctx.problem(owner, `${ctx.display(owner)}: its ${what} '${value}' is not a name the language can write`);
    return value;
}

/** A service's short name (`s3`, `ecr.api`); the long form `com.amazonaws.REGION.NAME` would be read as a region and a name. */
export function service(name: string, ctx: PrintContext, owner: string): string {
    if (!isWritableDottedName(name)) ctx.problem(owner, `${ctx.display(owner)}: service '${name}' is not a name the language can write`);
    else if (/^com\.amazonaws\.[^.]+\./.test(name))
        ctx.problem(
            owner,
            `${ctx.display(owner)}: service '${name}' reads back as service '${name.split('.').slice(3).join('.')}' of region ${name.split('.')[2]}`
        );
    return name;
}

/** `prefix-list s3`, with `region R` when it is not the VPC's. */
export function prefixList(name: string, region: string, vpcRegion: string, ctx: PrintContext, owner: string): string {
    const text = `prefix-list ${service(name, ctx, owner)}`;
    return region === vpcRegion ? text : `${text} region ${word(region, ctx, owner, 'region')}`;
}

/** A rule's source or destination as written in the VPC `vpc` (in region `vpcRegion`). */
export function rulePeer(peer: RulePeer, vpc: string, vpcRegion: string, ctx: PrintContext, owner: string): string {
    switch (peer.kind) {
        case 'cidr':
            return address(peer.cidr, ctx, owner, 'CIDR block');
        case 'prefix-list':
            return prefixList(peer.service, peer.region, vpcRegion, ctx, owner);
        case 'sg': {
            const group = ctx.reference(peer.group, vpc, owner, 'security group');
            if (peer.group !== undefined && ctx.isDefaultSecurityGroup(peer.group)) {
                ctx.problem(owner, `${ctx.display(owner)}: a rule names the VPC's default security group, which the language cannot name`);
            }
            return `sg ${group ?? '?'}`;
        }
    }
}

/** `policy { allow "s3:GetObject" resource "arn:…" }`; a statement on every resource leaves `resource` out. */
export function policy(value: Policy, ctx: PrintContext, owner: string): Statement {
    return {
        head: 'policy',
        layout: 'list',
        braces: true,
        entries: value.statements.map(s => {
            if (s.actions.length === 0) ctx.problem(owner, `${ctx.display(owner)}: a policy statement without actions cannot be written`);
            if (s.resources.length === 0)
                ctx.problem(owner, `${ctx.display(owner)}: a policy statement on no resource reads back as one on every resource`);
            const resources =
                s.resources.length === 0 || (s.resources.length === 1 && s.resources[0] === '*')
                    ? ''
                    : ` resource ${s.resources.map(quote).join(', ')}`;
            return `${s.effect} ${s.actions.map(quote).join(', ')}${resources}`;
        })
    };
}
