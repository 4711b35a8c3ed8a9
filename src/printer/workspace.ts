/** The statements of the workspace scope: accounts, peerings, buckets and probes. */
import { Defaults, type Account, type Bucket, type Peering, type Probe, type ProbeDestination } from '../model/topology.js';
import type { PrintContext } from './context.js';
import type { Statement } from './layout.js';
import { isWritableDottedName, isWritableProbeName, quote } from './names.js';
import { address, service, traffic, word } from './traffic.js';

export function printAccount(account: Account, ctx: PrintContext): Statement {
    const head = `account ${ctx.declared(account)}`;
    if (!/^\d{12}$/.test(account.number))
        ctx.problem(account.id, `account ${account.name}: '${account.number}' is not a 12-digit AWS account id`);
    return { head: account.number === Defaults.accountNumber ? head : `${head} id ${quote(account.number)}`, layout: 'line', entries: [] };
}

export function printPeering(peering: Peering, ctx: PrintContext): Statement {
    const requester = ctx.reference(peering.requester, undefined, peering.id, 'requester VPC') ?? '?';
    const accepter = ctx.reference(peering.accepter, undefined, peering.id, 'accepter VPC') ?? '?';
    return {
        head: `peering ${ctx.declared(peering)} requester ${requester} accepter ${accepter}`,
        layout: 'props',
        entries: peering.dnsResolution ? ['dns-resolution on'] : []
    };
}

export function printBucket(bucket: Bucket, ctx: PrintContext): Statement {
    if (!isWritableDottedName(bucket.name))
        ctx.problem(bucket.id, `bucket '${bucket.name}': not a name the language can write (dot-separated parts that start with a letter)`);
    const head = `bucket ${bucket.name}${bucket.region === Defaults.region ? '' : ` region ${word(bucket.region, ctx, bucket.id, 'region')}`}`;
    const endpoints = bucket.privateTo.map(e => ctx.reference(e, undefined, bucket.id, 'gateway endpoint') ?? '?');
    return { head, layout: 'props', entries: endpoints.length > 0 ? [`private-to ${endpoints.join(', ')}`] : [] };
}

/**
 * `probe [NAME:] SOURCE -> DESTINATION TRAFFIC [request "A" on "R"] [expect accept|reject [REASON]]`.
 * A probe without a name of its own is named by its text in the model.
 */
export function printProbe(probe: Probe, ctx: PrintContext): Statement {
    const named = probe.name !== probe.text;
    if (named && !isWritableProbeName(probe.name))
        ctx.problem(
            probe.id,
            `probe '${probe.name}': not a name a probe can have (letters, digits, _ and -, not a keyword); printed without it`
        );
    const label = named && isWritableProbeName(probe.name) ? `${probe.name}: ` : '';
    const bare =
        probe.source.kind === 'internet'
            ? 'internet'
            : (ctx.reference(probe.source.instance, undefined, probe.id, 'source instance') ?? '?');
    // An instance named `internet` is written with its VPC: bare, the word starts on the internet.
    const source =
        probe.source.kind === 'instance' && bare === 'internet'
            ? (ctx.reference(probe.source.instance, '', probe.id, 'source instance') ?? bare)
            : bare;
    if (probe.port !== undefined && probe.protocol === 'all')
        ctx.problem(probe.id, `probe ${probe.name}: protocol all takes no port, so port ${probe.port} is left out`);
    let text = `probe ${label}${source} -> ${destination(probe.destination, probe, ctx)} ${traffic(probe.protocol, probe.port === undefined || probe.protocol === 'all' ? undefined : { from: probe.port, to: probe.port }, ctx, probe.id)}`;
    if (probe.request) text += ` request ${quote(probe.request.action)} on ${quote(probe.request.resource)}`;
    if (probe.expect)
        text += ` expect ${probe.expect}${probe.expectReason ? ` ${word(probe.expectReason, ctx, probe.id, 'expected reason')}` : ''}`;
    else if (probe.expectReason) ctx.problem(probe.id, `probe ${probe.name}: a reason is written only after \`expect\``);
    return { head: text, layout: 'line', entries: [] };
}

const DESTINATION_WORDS = new Set(['internet', 'service', 'endpoint', 'public-dns', 'load-balancer']);

function destination(to: ProbeDestination, probe: Probe, ctx: PrintContext): string {
    switch (to.kind) {
        case 'instance': {
            const name = ctx.reference(to.instance, undefined, probe.id, 'destination instance') ?? '?';
            // A bare word that starts a destination of its own is read as that keyword: write the instance with its VPC.
            return DESTINATION_WORDS.has(name) ? (ctx.reference(to.instance, '', probe.id, 'destination instance') ?? name) : name;
        }
        case 'address':
            return address(to.address, ctx, probe.id, 'destination address');
        case 'internet':
            return to.address === undefined ? 'internet' : `internet ${address(to.address, ctx, probe.id, 'internet address')}`;
        case 'service':
            return `service ${service(to.service, ctx, probe.id)}${to.region === undefined ? '' : ` region ${word(to.region, ctx, probe.id, 'region')}`}`;
        case 'endpoint':
            return `endpoint ${ctx.reference(to.endpoint, undefined, probe.id, 'interface endpoint') ?? '?'}${to.az === undefined ? '' : ` az ${word(to.az, ctx, probe.id, 'availability zone')}`}`;
        case 'public-dns':
            return `public-dns ${ctx.reference(to.instance, undefined, probe.id, 'instance') ?? '?'}`;
        case 'load-balancer':
            return `load-balancer ${ctx.reference(to.loadBalancer, undefined, probe.id, 'load balancer') ?? '?'}`;
    }
}
