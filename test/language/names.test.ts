/**
 * Names a user would pick: every word of the language may name every kind of resource and be
 * referenced, except where the grammar cannot tell a name from a keyword (listed below, with why).
 */
import { AstUtils, EmptyFileSystem, GrammarAST } from 'langium';
import { describe, expect, it } from 'vitest';
import { createVpcServices } from '../../src/language/vpc-module.js';
import { MODEL_KINDS } from '../../src/model/kinds.js';
import { check } from '../helpers.js';

const grammar = createVpcServices(EmptyFileSystem).Vpc.Grammar;
const KEYWORDS = [
    ...new Set(
        AstUtils.streamAllContents(grammar)
            .filter(GrammarAST.isKeyword)
            .map(k => k.value)
            .filter(v => /^[a-z]/.test(v))
    )
].sort();

/** Every kind named K and referenced by K wherever a reference may stand. */
function workspace(k: string): string {
    return `account ${k} id "111122223333"
vpc ${k} account ${k} {
  cidr 10.0.0.0/16
  subnet ${k} { cidr 10.0.1.0/24 route-table ${k} network-acl ${k} }
  route-table ${k} { route 0.0.0.0/0 -> ${k} }
  internet-gateway ${k}
  security-group ${k} { ingress tcp 443 from sg ${k} }
  network-acl ${k} { inbound 100 allow all from 0.0.0.0/0 }
  flow-log ${k} { capture subnet ${k} }
}
vpc v2 {
  cidr 10.1.0.0/16
  subnet s { cidr 10.1.1.0/24 }
  instance ${k} subnet s { security-groups ${k} }
  security-group ${k}
  route-table r { route 10.9.0.0/16 -> ${k} }
  flow-log f { capture eni ${k} }
}
vpc v3 {
  cidr 10.2.0.0/16
  subnet s { cidr 10.2.1.0/24 }
  nat-gateway ${k} subnet s
  route-table r { route 0.0.0.0/0 -> ${k} }
}
vpc v4 {
  cidr 10.3.0.0/16
  ipv6 2600:1f18:aaaa:bb00::/56
  egress-only-internet-gateway ${k}
  route-table r { route ::/0 -> ${k} }
}
vpc v5 {
  cidr 10.4.0.0/16
  route-table r
  gateway-endpoint ${k} service s3 { route-tables r }
}
vpc v6 {
  cidr 10.5.0.0/16
  subnet s { cidr 10.5.1.0/24 }
  interface-endpoint ${k} service ssm { subnets s }
  flow-log f { capture eni ${k} }
}
peering ${k} requester v2 accepter v3
vpc v7 {
  cidr 10.6.0.0/16
  route-table r { route 10.1.0.0/16 -> ${k} }
}
bucket ${k} { private-to v5.${k} }
probe ${k}: v2.${k} -> v2.${k} tcp 443
probe v2.${k} -> endpoint v6.${k} tcp 443
transit-gateway ${k} { route-table rt { associate v8.${k} propagate v8.${k} route 10.9.0.0/16 -> ${k} } }
transit-gateway-peering ${k} requester ${k} accepter ${k}
vpc v8 {
  cidr 10.7.0.0/16
  subnet s { cidr 10.7.1.0/24 }
  instance i subnet s
  transit-gateway-attachment ${k} transit-gateway ${k} { subnets s }
  route-table r { route 10.0.0.0/8 -> ${k} }
  load-balancer ${k} type network { subnets s listener tcp 443 -> i }
  endpoint-service ${k} { load-balancer ${k} }
  prefix-list ${k} { 192.0.2.0/24 }
  security-group g { ingress tcp 443 from prefix-list ${k} }
}
probe v2.${k} -> load-balancer v8.${k} tcp 443
`;
}

/** Where a bare keyword keeps its meaning as a keyword: an instance of that name is written `vpc.name` there. */
const KEYWORD_WINS: Record<string, string> = {
    'probe source internet': 'a probe from `internet` starts on the internet',
    'probe destination internet': '`-> internet` is the internet',
    'probe destination service': '`-> service NAME` is an AWS service',
    'probe destination endpoint': '`-> endpoint NAME` is an interface endpoint',
    'probe destination public-dns': "`-> public-dns NAME` is an instance's public DNS name",
    'probe destination load-balancer': '`-> load-balancer NAME` is a load balancer'
};

const problems = (r: Awaited<ReturnType<typeof check>>) =>
    r.diagnostics.filter(d => d.code === 'syntax' || d.code === 'unresolved-reference').map(d => `${d.covered}: ${d.message}`);

describe('names a user would pick', () => {
    it('reads every keyword of the grammar as the name of every kind, and as every reference', { timeout: 120_000 }, async () => {
        expect(KEYWORDS.length).toBeGreaterThan(60);
        const failures: string[] = [];
        for (const k of KEYWORDS) {
            const result = await check(workspace(k));
            const found = problems(result);
            if (found.length > 0) {
                failures.push(`${k}: ${found.join('; ')}`);
                continue;
            }
            const topology = result.services.workspace.WorkspaceModel.get().topology;
            const kinds = new Set(
                [...Object.values(topology)]
                    .flatMap(list => (Array.isArray(list) ? list : []))
                    .filter((e: { name?: string }) => e.name === k)
                    .map((e: { kind: string }) => e.kind)
            );
            const missing = MODEL_KINDS.filter(kind => !kinds.has(kind));
            if (missing.length > 0) failures.push(`${k}: no ${missing.join(', ')} named ${k}`);
        }
        expect(failures).toEqual([]);
    });

    it('reads bare references in probes, but for the few words that keep their meaning there', { timeout: 120_000 }, async () => {
        const keywordWins: string[] = [];
        for (const k of KEYWORDS) {
            const base = `vpc app {\n  cidr 10.0.0.0/16\n  subnet s { cidr 10.0.1.0/24 }\n  instance ${k} subnet s\n  instance other subnet s\n}\n`;
            const from = await check(`${base}probe ${k} -> other tcp 443\n`);
            const to = await check(`${base}probe other -> ${k} tcp 443\n`);
            const source = (await from.services.workspace.WorkspaceModel.get()).topology.probes[0]?.source;
            const destination = to.services.workspace.WorkspaceModel.get().topology.probes[0]?.destination;
            if (problems(from).length > 0 || source?.kind !== 'instance' || source.instance !== `instance:app.${k}`)
                keywordWins.push(`probe source ${k}`);
            if (problems(to).length > 0 || destination?.kind !== 'instance' || destination.instance !== `instance:app.${k}`)
                keywordWins.push(`probe destination ${k}`);
        }
        expect(keywordWins.sort()).toEqual(Object.keys(KEYWORD_WINS).sort());
    });
});

describe('a keyword read where a name was meant', () => {
    for (const [word, text] of [
        ['service', 'an AWS service'],
        ['endpoint', 'an interface endpoint'],
        ['public-dns', 'a public DNS name'],
        ['load-balancer', 'a load balancer']
    ] as const) {
        it(`says once that \`-> ${word}\` starts ${text} destination`, async () => {
            const result = await check(
                `vpc app {\n  cidr 10.0.0.0/16\n  subnet s { cidr 10.0.1.0/24 }\n  instance ${word} subnet s\n  instance other subnet s\n}\nprobe other -> ${word} tcp 443\n`
            );
            expect(result.diagnostics.map(d => `${d.code} ${d.covered}`)).toEqual([`syntax ${word} tcp`]);
            expect(result.diagnostics[0]!.message).toContain(`an instance named ${word} is written with its VPC`);
        });
    }
});
