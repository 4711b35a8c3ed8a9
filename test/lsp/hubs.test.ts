/** Editor features for transit gateways, load balancers, endpoint services and prefix lists. */
import { EmptyFileSystem } from 'langium';
import { expectFormatting, expectHover, highlightHelper } from 'langium/test';
import { describe, expect, it } from 'vitest';
import { CONCEPTS } from '../../src/language/lsp/concepts.js';
import { createVpcLspServices } from '../../src/language-server/vpc-lsp-module.js';

const services = createVpcLspServices(EmptyFileSystem).Vpc;
const check = expectHover(services);
const hover = (expected: Parameters<typeof check>[0]) => check({ ...expected, disposeAfterCheck: true });
const highlight = highlightHelper(services);
const formatting = expectFormatting(services);

const TEXT = `<|>transit-gateway core {
  route-table spokes { associate app.att  route 10.66.0.0/16 <|>blackhole }
}
vpc app {
  cidr 10.0.0.0/16
  subnet a az us-east-1a { cidr 10.0.1.0/24 }
  instance web-1 subnet a { ip 10.0.1.10 }
  transit-gateway-attachment att transit-gateway core { subnets a }
  <|>load-balancer nlb type network scheme internal { subnets a  listener tcp 443 -> web-1, 10.0.1.20 port 8443 }
  <|>endpoint-service api { load-balancer nlb }
  prefix-list office { 203.0.113.0/24, 198.51.100.0/24 }
}
`;

describe('hovers, tokens and words of the new kinds', () => {
    it('contrasts a transit gateway with peering: transitive, per-AZ ENIs, route tables, cost', async () => {
        await hover({
            text: TEXT,
            index: 0,
            hover: /\*\*Transit gateway\*\*[\s\S]*transitive[\s\S]*one subnet per AZ[\s\S]*route tables[\s\S]*per attachment-hour and per GB/
        });
    });

    it('explains why PrivateLink works with overlapping blocks and goes only one way', async () => {
        await hover({
            text: TEXT,
            index: 3,
            hover: /\*\*Endpoint service \(PrivateLink\)\*\*[\s\S]*overlap[\s\S]*only the consumer starts connections/
        });
    });

    it('explains blackhole routes and load balancers', async () => {
        await hover({ text: TEXT, index: 1, hover: /\*\*Blackhole route\*\*[\s\S]*drops/ });
        await hover({ text: TEXT, index: 2, hover: /\*\*Elastic Load Balancing\*\*[\s\S]*client IP preservation[\s\S]*PrivateLink/ });
    });

    it('has a concept for every new word', () => {
        const words = [
            'transit-gateway',
            'transit-gateway-attachment',
            'transit-gateway-peering',
            'default-association',
            'default-propagation',
            'associate',
            'propagate',
            'blackhole',
            'appliance-mode',
            'load-balancer',
            'listener',
            'scheme',
            'endpoint-service',
            'allowed-principals',
            'acceptance-required',
            'max-entries'
        ];
        expect(words.filter(w => !CONCEPTS[w])).toEqual([]);
    });

    it('colours the new names by kind and their addresses as numbers', async () => {
        const { tokens } = await highlight(TEXT.replaceAll('<|>', ''));
        const seen = tokens.map(t => `${t.text}:${t.tokenType}${t.tokenModifiers ? '+decl' : ''}`);
        expect(seen).toEqual([
            'core:interface+decl',
            'app.att:interface',
            '10.66.0.0/16:number',
            'app:namespace+decl',
            '10.0.0.0/16:number',
            'a:struct+decl',
            '10.0.1.0/24:number',
            'web-1:variable+decl',
            'a:struct',
            '10.0.1.10:number',
            'att:interface+decl',
            'core:interface',
            'a:struct',
            'nlb:interface+decl',
            'a:struct',
            'web-1:variable',
            '10.0.1.20:number',
            'api:interface+decl',
            'nlb:interface',
            'office:type+decl',
            '203.0.113.0/24:number',
            '198.51.100.0/24:number'
        ]);
    });

    it('lays out a transit gateway one member per line, its route tables and load balancers one entry per line', async () => {
        await formatting({
            before: `transit-gateway core { default-association off route-table rt { associate app.att route 10.66.0.0/16 blackhole } route-table one { propagate app.att } }
vpc app { cidr 10.0.0.0/16 subnet a { cidr 10.0.1.0/24 } transit-gateway-attachment att transit-gateway core { subnets a }
load-balancer nlb type network { subnets a listener tcp 443 -> 10.0.1.5 } prefix-list office { 203.0.113.0/24 , 198.51.100.0/24 } }`,
            after: `transit-gateway core {
  default-association off
  route-table rt {
    associate app.att
    route 10.66.0.0/16 blackhole
  }
  route-table one { propagate app.att }
}
vpc app {
  cidr 10.0.0.0/16
  subnet a { cidr 10.0.1.0/24 }
  transit-gateway-attachment att transit-gateway core { subnets a }
  load-balancer nlb type network {
    subnets a
    listener tcp 443 -> 10.0.1.5
  }
  prefix-list office { 203.0.113.0/24, 198.51.100.0/24 }
}`,
            options: { tabSize: 2, insertSpaces: true }
        });
    });
});
