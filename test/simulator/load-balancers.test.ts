/**
 * Load balancers and PrivateLink endpoint services, from .vpc text. Expected verdicts follow the
 * Elastic Load Balancing guides (ALB as a proxy; NLB client IP preservation: on for instance
 * targets and for UDP, off by default for TCP/TLS to IP targets, never for PrivateLink traffic)
 * and the PrivateLink guide (allowed principals, acceptance, overlapping blocks).
 */
import { describe, expect, it } from 'vitest';
import { probes, verdict } from './from-text.js';

interface Lb {
    type?: 'application' | 'network';
    scheme?: 'internal' | 'internet-facing';
    groups?: string;
    listener?: string;
    /** app-sg's ingress rules. */
    app?: string;
    subnets?: string;
    probe?: string;
}

/** One VPC: public subnets (IGW route), an app subnet, a client inside; `lb` fronts app-1. */
function web(o: Lb = {}): string {
    return `
vpc shop region us-east-1 {
  cidr 10.0.0.0/16
  subnet pub-a az us-east-1a { cidr 10.0.0.0/24  route-table public }
  subnet pub-b az us-east-1b { cidr 10.0.1.0/24  route-table public }
  subnet app-a az us-east-1a { cidr 10.0.10.0/24 }
  internet-gateway igw
  route-table public { route 0.0.0.0/0 -> igw }
  security-group lb-sg { ingress tcp 443 from 0.0.0.0/0  ingress udp 53 from 0.0.0.0/0 }
  security-group app-sg { ${o.app ?? 'ingress tcp 8080 from sg lb-sg'} }
  security-group client-sg { }
  instance app-1 subnet app-a { ip 10.0.10.10  security-groups app-sg }
  instance client subnet app-a { ip 10.0.10.20  security-groups client-sg }
  load-balancer lb type ${o.type ?? 'application'} scheme ${o.scheme ?? 'internet-facing'} {
    subnets ${o.subnets ?? 'pub-a, pub-b'}
    ${o.groups ?? 'security-groups lb-sg'}
    ${o.listener ?? 'listener https 443 -> app-1 port 8080'}
  }
}
probe ${o.probe ?? 'internet -> load-balancer lb tcp 443'}
`;
}

describe('application load balancers', () => {
    it('internet-facing: the internet reaches the target through it, and the target sees the ALB', async () => {
        const [result] = await probes(web());
        expect(result!.blockers).toEqual([]);
        const handOff = result!.hops.find(h => h.kind === 'load-balancer' && /opens a new one from its own address/.test(h.detail));
        expect(handOff).toBeDefined();
        // app-sg names lb-sg: it matches because the packet comes from the ALB's own address.
        expect(
            result!.hops.some(h => h.kind === 'security-group' && /from sg lb-sg allows tcp 8080 from 10\.0\.[01]\./.test(h.detail))
        ).toBe(true);
    });

    it("the target never sees the client's address: a rule for the client's block does not admit it", async () => {
        expect(await verdict(web({ app: 'ingress tcp 8080 from 198.51.100.0/24' }))).toBe('SG_INGRESS');
        expect(await verdict(web({ app: 'ingress tcp 8080 from 10.0.0.0/23' }))).toBe('ACCEPT');
    });

    it('LB_NO_LISTENER: no listener on the port; near miss: the listener port', async () => {
        const [result] = await probes(
            web({ app: 'ingress tcp 8080 from sg lb-sg', probe: 'internet -> load-balancer lb tcp 8443' }).replace(
                'ingress tcp 443 from 0.0.0.0/0',
                'ingress tcp 0-65535 from 0.0.0.0/0'
            )
        );
        expect(result!.reason).toBe('LB_NO_LISTENER');
        expect(result!.blockers[0]!.detail).toMatch(/no listener for tcp 8443 \(its listeners: https 443\)/);
        expect(await verdict(web({ probe: 'internet -> load-balancer lb tcp 443' }))).toBe('ACCEPT');
    });

    it("the ALB's own groups judge the client first", async () => {
        expect(await verdict(web({ groups: 'security-groups client-sg' }).replace('from sg lb-sg', 'from sg client-sg'))).toBe(
            'SG_INGRESS'
        );
    });

    it('internal: the internet cannot reach it; an instance inside can', async () => {
        const [fromInternet] = await probes(web({ scheme: 'internal' }));
        expect(fromInternet!.reason).toBe('NO_ROUTE');
        expect(fromInternet!.blockers[0]!.detail).toMatch(/is internal/);
        expect(await verdict(web({ scheme: 'internal', probe: 'client -> load-balancer lb tcp 443' }))).toBe('ACCEPT');
    });

    it('internet-facing from inside: its name resolves to public addresses, so a private client needs a way out', async () => {
        const [result] = await probes(web({ probe: 'client -> load-balancer lb tcp 443' }));
        expect(result!.reason).toBe('NO_ROUTE');
        expect(result!.hops[0]!.detail).toMatch(/public addresses/);
    });

    it('internet-facing in subnets without a route to the internet gateway: the reply has no way out', async () => {
        expect(await verdict(web({ subnets: 'app-a', type: 'network', groups: '', listener: 'listener tcp 443 -> app-1 port 8080' }))).toBe(
            'NO_RETURN_ROUTE'
        );
    });
});

describe('network load balancers', () => {
    const nlb = (o: Lb) => web({ type: 'network', groups: '', ...o });

    it('instance targets see the client (client IP preservation): a rule for the client admits it', async () => {
        const app = 'ingress tcp 8080 from 198.51.100.0/24';
        const [result] = await probes(nlb({ app, listener: 'listener tcp 443 -> app-1 port 8080' }));
        expect(result!.blockers).toEqual([]);
        expect(result!.hops.some(h => /keeping the client's address 198\.51\.100\.7/.test(h.detail))).toBe(true);
    });

    it('IP targets over TCP see the NLB (preservation off by default); over UDP they see the client', async () => {
        const app = 'ingress tcp 8080 from 198.51.100.0/24  ingress udp 53 from 198.51.100.0/24';
        expect(await verdict(nlb({ app, listener: 'listener tcp 443 -> 10.0.10.10 port 8080' }))).toBe('SG_INGRESS');
        expect(await verdict(nlb({ app, listener: 'listener udp 53 -> 10.0.10.10', probe: 'internet -> load-balancer lb udp 53' }))).toBe(
            'ACCEPT'
        );
    });

    it("with security groups, a target rule naming the NLB's group admits the client's preserved address", async () => {
        const text = nlb({
            groups: 'security-groups lb-sg',
            app: 'ingress tcp 8080 from sg lb-sg',
            listener: 'listener tcp 443 -> app-1 port 8080'
        });
        expect(await verdict(text)).toBe('ACCEPT');
        // Without groups on the NLB, no rule can name it: the preserved client address must be allowed by block.
        expect(await verdict(nlb({ app: 'ingress tcp 8080 from sg lb-sg', listener: 'listener tcp 443 -> app-1 port 8080' }))).toBe(
            'SG_INGRESS'
        );
    });

    it('LB_NO_LISTENER: a UDP probe to a TCP listener', async () => {
        expect(await verdict(nlb({ listener: 'listener tcp 53 -> app-1', probe: 'internet -> load-balancer lb udp 53' }))).toBe(
            'LB_NO_LISTENER'
        );
        expect(
            await verdict(
                nlb({
                    listener: 'listener tcp_udp 53 -> app-1',
                    app: 'ingress udp 53 from 0.0.0.0/0',
                    probe: 'internet -> load-balancer lb udp 53'
                })
            )
        ).toBe('ACCEPT');
    });
});

interface Saas {
    principals?: string;
    acceptance?: string;
    nlbGroups?: string;
    consumerCidr?: string;
    lbType?: string;
}

/** A provider (account 111…) with an NLB behind an endpoint service, a consumer (account 222…) with an endpoint to it. */
function saas(o: Saas = {}): string {
    return `
account vendor id "111111111111"
account buyer id "222222222222"
vpc provider account vendor region us-east-1 {
  cidr 10.0.0.0/16
  subnet a az us-east-1a { cidr 10.0.1.0/24 }
  security-group nlb-sg { ingress tcp 443 from 10.0.0.0/16 }
  security-group api-sg { ingress tcp 8443 from 10.0.0.0/16 }
  instance api-1 subnet a { ip 10.0.1.10  security-groups api-sg }
  load-balancer nlb type ${o.lbType ?? 'network'} scheme internal { subnets a  ${o.nlbGroups ?? ''}  listener ${o.lbType === 'application' ? 'https' : 'tcp'} 443 -> api-1 port 8443 }
  endpoint-service api {
    load-balancer nlb
    allowed-principals ${o.principals ?? '"222222222222"'}
    ${o.acceptance ?? ''}
  }
}
vpc consumer account buyer region us-east-1 {
  cidr ${o.consumerCidr ?? '10.0.0.0/16'}
  subnet a az us-east-1a { cidr ${o.consumerCidr ? '10.9.1.0/24' : '10.0.1.0/24'} }
  security-group ep-sg { ingress tcp 443 from 0.0.0.0/0 }
  interface-endpoint api-ep service provider.api { subnets a  security-groups ep-sg }
  instance c1 subnet a { ${o.consumerCidr ? '' : 'ip 10.0.1.50'} }
}
probe c1 -> endpoint api-ep tcp 443
`;
}

describe('PrivateLink endpoint services', () => {
    it('works between VPCs whose blocks overlap, and the target sees the NLB', async () => {
        const [result] = await probes(saas());
        expect(result!.blockers).toEqual([]);
        expect(result!.hops.map(h => h.kind)).toEqual(expect.arrayContaining(['interface-endpoint', 'endpoint-service', 'load-balancer']));
        expect(result!.hops.some(h => /from its own address 10\.0\.1\.\d+: traffic that comes through PrivateLink/.test(h.detail))).toBe(
            true
        );
    });

    it('ENDPOINT_SERVICE_NOT_ALLOWED: the consumer account is not a principal; near misses: its ARN, or anyone', async () => {
        const [result] = await probes(saas({ principals: '"333333333333"' }));
        expect(result!.reason).toBe('ENDPOINT_SERVICE_NOT_ALLOWED');
        expect(result!.blockers[0]!.detail).toMatch(/account 222222222222 .* not an allowed principal/);
        expect(await verdict(saas({ principals: '"arn:aws:iam::222222222222:role/deployer"' }))).toBe('ACCEPT');
        expect(await verdict(saas({ principals: '"*"' }))).toBe('ACCEPT');
    });

    it('ENDPOINT_SERVICE_NOT_ALLOWED: acceptance required and not accepted; near miss: accepted', async () => {
        const [result] = await probes(saas({ acceptance: 'acceptance-required on' }));
        expect(result!.reason).toBe('ENDPOINT_SERVICE_NOT_ALLOWED');
        expect(result!.blockers[0]!.detail).toMatch(/pending acceptance/);
        expect(await verdict(saas({ acceptance: 'acceptance-required on  accept consumer.api-ep' }))).toBe('ACCEPT');
    });

    it("the NLB's groups judge the consumer's private address (enforced on PrivateLink traffic by default)", async () => {
        const far = { consumerCidr: '10.9.0.0/16', nlbGroups: 'security-groups nlb-sg' };
        expect(await verdict(saas(far))).toBe('SG_INGRESS');
        expect(await verdict(saas({ ...far }).replace('ingress tcp 443 from 10.0.0.0/16', 'ingress tcp 443 from 10.9.0.0/16'))).toBe(
            'ACCEPT'
        );
    });
});
