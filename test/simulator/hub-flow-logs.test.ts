/**
 * Flow-log records at the ENIs of transit gateway attachments, load balancers and endpoint
 * services: one record per flow per ENI and direction, addresses as each ENI sees them.
 */
import { describe, expect, it } from 'vitest';
import { check } from '../helpers.js';
import { toModel } from '../../src/language/to-model.js';
import { simulateWithFlowLogs } from '../../src/simulator/simulate.js';

const FORMAT = 'format "${interface-id} ${flow-direction} ${srcaddr} ${dstaddr} ${pkt-srcaddr} ${dstport} ${action}"';
const LOG = `flow-log all { capture vpc  destination s3 "arn:aws:s3:::logs"  ${FORMAT} }`;

/** Each record as `ENI-OWNER-NAME direction src dst pkt-src dport action`. */
async function records(text: string): Promise<string[]> {
    const { topology } = toModel((await check(text)).documents);
    const { records } = simulateWithFlowLogs(topology);
    return records.map(r => `${r.eni.kind}:${r.eni.name} ${r.record.split(' ').slice(1).join(' ')}`);
}

describe('flow logs at the new ENIs', () => {
    it("a transit gateway's ENIs log the flow they route, with the instances' addresses", async () => {
        const text = `
transit-gateway core region us-east-1
vpc a region us-east-1 {
  cidr 10.1.0.0/16
  subnet s1 az us-east-1a { cidr 10.1.1.0/24  route-table rt }
  route-table rt { route 10.0.0.0/8 -> core }
  transit-gateway-attachment att transit-gateway core { subnets s1 }
  instance a1 subnet s1 { ip 10.1.1.10 }
  ${LOG}
}
vpc b region us-east-1 {
  cidr 10.2.0.0/16
  subnet s1 az us-east-1a { cidr 10.2.1.0/24  route-table rt }
  route-table rt { route 10.0.0.0/8 -> core }
  transit-gateway-attachment att transit-gateway core { subnets s1 }
  security-group sg { ingress tcp 443 from 10.1.0.0/16 }
  instance b1 subnet s1 { ip 10.2.1.10  security-groups sg }
  ${LOG}
}
probe a1 -> b1 tcp 443
`;
        const lines = await records(text);
        expect(lines).toEqual(
            expect.arrayContaining([
                'transit-gateway-attachment:att ingress 10.1.1.10 10.2.1.10 10.1.1.10 443 ACCEPT',
                'transit-gateway-attachment:att egress 10.1.1.10 10.2.1.10 10.1.1.10 443 ACCEPT',
                'instance:b1 ingress 10.1.1.10 10.2.1.10 10.1.1.10 443 ACCEPT'
            ])
        );
        // Request and reply at each of the four ENIs (a1, a's TGW ENI, b's TGW ENI, b1), each logged by its VPC's flow log.
        expect(lines).toHaveLength(8);
    });

    const shop = (lb: string, app: string) => `
vpc shop region us-east-1 {
  cidr 10.0.0.0/16
  subnet pub-a az us-east-1a { cidr 10.0.0.0/24  route-table public }
  subnet pub-b az us-east-1b { cidr 10.0.1.0/24  route-table public }
  subnet app-a az us-east-1a { cidr 10.0.10.0/24 }
  internet-gateway igw
  route-table public { route 0.0.0.0/0 -> igw }
  security-group lb-sg { ingress tcp 443 from 0.0.0.0/0 }
  security-group app-sg { ${app} }
  instance app-1 subnet app-a { ip 10.0.10.10  security-groups app-sg }
  ${lb}
  ${LOG}
}
probe internet -> load-balancer web tcp 443
`;

    it("an ALB's ENI logs the client's connection in and its own connection to the target out", async () => {
        const lines = await records(
            shop(
                'load-balancer web type application scheme internet-facing { subnets pub-a, pub-b  security-groups lb-sg  listener https 443 -> app-1 port 8080 }',
                'ingress tcp 8080 from sg lb-sg'
            )
        );
        const alb = lines.filter(l => l.startsWith('load-balancer:web'));
        expect(alb).toContainEqual(
            expect.stringMatching(/^load-balancer:web ingress 198\.51\.100\.7 10\.0\.0\.\d+ 198\.51\.100\.7 443 ACCEPT$/)
        );
        expect(alb).toContainEqual(
            expect.stringMatching(/^load-balancer:web egress 10\.0\.0\.\d+ 10\.0\.10\.10 10\.0\.0\.\d+ 8080 ACCEPT$/)
        );
        // The target logs the ALB's address as the source, never the client's.
        expect(lines).toContainEqual(
            expect.stringMatching(/^instance:app-1 ingress 10\.0\.0\.\d+ 10\.0\.10\.10 10\.0\.0\.\d+ 8080 ACCEPT$/)
        );
    });

    it("an NLB that preserves the client's address: the target logs the client; the NLB's ENI shows it as pkt-srcaddr", async () => {
        const lines = await records(
            shop(
                'load-balancer web type network scheme internet-facing { subnets pub-a  listener tcp 443 -> app-1 port 8080 }',
                'ingress tcp 8080 from 0.0.0.0/0'
            )
        );
        expect(lines).toContainEqual(
            expect.stringMatching(/^load-balancer:web egress 10\.0\.0\.\d+ 10\.0\.10\.10 198\.51\.100\.7 8080 ACCEPT$/)
        );
        expect(lines).toContainEqual('instance:app-1 ingress 198.51.100.7 10.0.10.10 198.51.100.7 8080 ACCEPT');
    });

    it('a target that refuses the connection: its record and the load balancer egress record say REJECT and ACCEPT', async () => {
        const lines = await records(
            shop(
                'load-balancer web type application scheme internet-facing { subnets pub-a, pub-b  security-groups lb-sg  listener https 443 -> app-1 port 8080 }',
                'ingress tcp 22 from 10.0.0.0/16'
            )
        );
        expect(lines).toContainEqual(
            expect.stringMatching(/^instance:app-1 ingress 10\.0\.0\.\d+ 10\.0\.10\.10 10\.0\.0\.\d+ 8080 REJECT$/)
        );
        expect(lines).toContainEqual(expect.stringMatching(/^load-balancer:web egress .* 8080 ACCEPT$/));
    });
});

describe('flow logs through an endpoint service', () => {
    it("the consumer's endpoint ENI logs the consumer; the provider's NLB connects to the target from its own address", async () => {
        const text = `
account vendor id "111111111111"
account buyer id "222222222222"
vpc provider account vendor region us-east-1 {
  cidr 10.0.0.0/16
  subnet a az us-east-1a { cidr 10.0.1.0/24 }
  security-group api-sg { ingress tcp 8443 from 10.0.0.0/16 }
  instance api-1 subnet a { ip 10.0.1.10  security-groups api-sg }
  load-balancer nlb type network scheme internal { subnets a  listener tcp 443 -> api-1 port 8443 }
  endpoint-service api { load-balancer nlb  allowed-principals "222222222222" }
  ${LOG}
}
vpc consumer account buyer region us-east-1 {
  cidr 10.0.0.0/16
  subnet a az us-east-1a { cidr 10.0.1.0/24 }
  security-group ep-sg { ingress tcp 443 from 10.0.0.0/16 }
  interface-endpoint api-ep service provider.api { subnets a  security-groups ep-sg }
  instance c1 subnet a { ip 10.0.1.50 }
  ${LOG}
}
probe c1 -> endpoint api-ep tcp 443
`;
        const lines = await records(text);
        expect(lines).toContainEqual(
            expect.stringMatching(/^interface-endpoint:api-ep ingress 10\.0\.1\.50 10\.0\.1\.\d+ 10\.0\.1\.50 443 ACCEPT$/)
        );
        const nlbOut = lines.find(l => l.startsWith('load-balancer:nlb egress'));
        expect(nlbOut).toMatch(/^load-balancer:nlb egress (10\.0\.1\.\d+) 10\.0\.1\.10 \1 8443 ACCEPT$/);
        // The target logs the NLB's address, not the consumer's 10.0.1.50 (which the provider's block also holds).
        expect(lines).toContainEqual(expect.stringMatching(/^instance:api-1 ingress 10\.0\.1\.(?!50 )\d+ 10\.0\.1\.10 /));
    });
});
