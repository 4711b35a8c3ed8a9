/**
 * PrivateLink endpoint services: the consumer's interface endpoint ENI hands the connection to the
 * provider's Network Load Balancer, which passes it to a target from its own address. No route
 * joins the two VPCs (their blocks may overlap), and nothing in the provider can open a connection
 * back: the consumer talks to an address of its own VPC.
 */
import type { CEni } from './compile.js';
import type { Walk } from './engine.js';
import type { Packet } from './filters.js';
import { formatAddr } from './cidr.js';
import { atLoadBalancer } from './load-balancers.js';

/** The account of an allowed principal's ARN (`arn:aws:iam::ACCOUNT:root`, `…:role/x`). */
function accountOf(arn: string): string | undefined {
    return arn.split(':')[4];
}

/** The packet was accepted at `eni`, an interface endpoint's ENI whose service is an endpoint service. */
export function throughEndpointService(walk: Walk, eni: CEni, packet: Packet): void {
    const endpoint = eni.endpoint!;
    const service = endpoint.endpointService!;
    const model = service.model;
    const consumer = endpoint.vpc.model;
    const provider = service.vpc;
    const account = consumer.account;
    // The service's own account needs no permission; anyone else must be an allowed principal.
    const allowed =
        account === provider.model.account || model.allowedPrincipals.some(p => p.value === '*' || accountOf(p.value) === account);
    if (!allowed)
        return walk.fail(
            'endpoint-service',
            model.name,
            provider,
            'ENDPOINT_SERVICE_NOT_ALLOWED',
            () =>
                `account ${account} (${consumer.name}) is not an allowed principal of endpoint service ${model.name}${model.allowedPrincipals.length > 0 ? ` (allowed: ${model.allowedPrincipals.map(p => p.value).join(', ')})` : ' (it allows no one yet)'}: AWS refuses the endpoint connection`,
            model.id
        );
    if (model.acceptanceRequired && !model.accepted.some(a => a.value === endpoint.model.id))
        return walk.fail(
            'endpoint-service',
            model.name,
            provider,
            'ENDPOINT_SERVICE_NOT_ALLOWED',
            () =>
                `endpoint service ${model.name} requires acceptance and has not accepted ${consumer.name}.${endpoint.model.name}: the endpoint stays pending acceptance and carries nothing`,
            model.id
        );
    const lb = service.loadBalancer;
    const node =
        lb?.model.type === 'network'
            ? (lb.enis.find(e => e.ipv4 !== undefined && e.subnet.model.az === eni.subnet.model.az) ??
              lb.enis.find(e => e.ipv4 !== undefined))
            : undefined;
    if (!lb || !node)
        return walk.fail(
            'endpoint-service',
            model.name,
            provider,
            'NO_ROUTE',
            () =>
                !lb
                    ? `endpoint service ${model.name} names no load balancer`
                    : lb.model.type !== 'network'
                      ? `endpoint service ${model.name} is backed by ${lb.model.name}, an application load balancer: an endpoint service needs a network load balancer`
                      : `${lb.model.name} has no node: it names no subnet`,
            model.id
        );
    walk.hop(
        'endpoint-service',
        model.name,
        provider,
        () =>
            `PrivateLink carries it from ${consumer.name}'s endpoint ENI ${formatAddr(packet.dst)} to ${provider.model.name}'s ${lb.model.name} at ${formatAddr(node.ipv4!)} (${node.subnet.model.az}): no route joins the VPCs, so their blocks may overlap, and only the consumer can open connections`,
        model.id
    );
    const inbound: Packet = { ...packet, dst: node.ipv4! };
    walk.arriveAt(node, inbound);
    atLoadBalancer(walk, node, inbound, undefined, { kind: 'privatelink' });
}
