import { readFileSync } from 'node:fs';
import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../src/language/generated/ast.js';
import { createVpcServices } from '../../src/language/vpc-module.js';
import { check, expectClean } from '../helpers.js';

const services = createVpcServices(EmptyFileSystem).Vpc;
const parse = parseHelper<Workspace>(services);

async function tokens(text: string): Promise<string[]> {
    const result = services.parser.Lexer.tokenize(text);
    expect(result.errors).toEqual([]);
    return result.tokens.map(t => `${t.tokenType.name}:${t.image}`);
}

describe('the language reference example (test/fixtures/language-reference.vpc, the shape of a file in docs/language.md)', () => {
    const text = readFileSync(new URL('../fixtures/language-reference.vpc', import.meta.url), 'utf8');

    it('parses without syntax errors', async () => {
        const document = await parse(text);
        expect(document.parseResult.lexerErrors).toEqual([]);
        expect(document.parseResult.parserErrors.map(e => e.message)).toEqual([]);
        expect(document.parseResult.value.statements.map(s => s.$type)).toEqual([
            'Account',
            'Vpc',
            'Peering',
            'Bucket',
            ...Array(10).fill('Probe')
        ]);
    });

    it('has no errors but unresolved references to the names it leaves undefined', async () => {
        const result = await check(text);
        const errors = result.diagnostics.filter(d => d.severity === 1);
        expect(errors.map(d => d.code)).toEqual(errors.map(() => 'unresolved-reference'));
        expect(errors.map(d => d.covered).sort()).toEqual(['admin-sg', 'db-1', 'endpoint-sg', 'shared', 'shared.db-1']);
    });
});

describe('lexing', () => {
    it('keeps IPv4 and IPv6 blocks and addresses whole', async () => {
        expect(await tokens('10.0.0.0/16 ::/0 2600:1f18:1234:ab00::/56 64:ff9b::/96 2001:4860:4860::8888 fd00::1 10.0.1.10')).toEqual([
            'IPV4:10.0.0.0/16',
            'IPV6:::/0',
            'IPV6:2600:1f18:1234:ab00::/56',
            'IPV6:64:ff9b::/96',
            'IPV6:2001:4860:4860::8888',
            'IPV6:fd00::1',
            'IPV4:10.0.1.10'
        ]);
    });

    it('lexes AZs, names with dashes and port ranges without clashing with numbers', async () => {
        expect(await tokens('us-east-1a web-1 1024-65535 443 10m')).toEqual([
            'ID:us-east-1a',
            'ID:web-1',
            'INT:1024',
            '-:-',
            'INT:65535',
            'INT:443',
            'DURATION:10m'
        ]);
    });

    it('splits a probe arrow from a name that has no space before it', async () => {
        expect(await tokens('web-1->db-1')).toEqual(['ID:web-1', '->:->', 'ID:db-1']);
    });

    it('prefers longer keywords and names over keyword prefixes', async () => {
        expect(await tokens('ipv6 ip public-ip public private-dns private main mainline')).toEqual([
            'ipv6:ipv6',
            'ip:ip',
            'public-ip:public-ip',
            'ID:public',
            'private-dns:private-dns',
            'ID:private',
            'main:main',
            'ID:mainline'
        ]);
    });

    it('skips line and block comments', async () => {
        expect(await tokens('vpc /* a\nb */ a // c\n{ }')).toEqual(['vpc:vpc', 'ID:a', '{:{', '}:}']);
    });
});

describe('parsing', () => {
    it('lets resources be called public, private, main and other keyword-like words', async () => {
        const result = await check(`
vpc app {
  cidr 10.0.0.0/16
  subnet public az us-east-1a { cidr 10.0.1.0/24 route-table main }
  subnet private az us-east-1b { cidr 10.0.2.0/24 route-table id }
  route-table main main { }
  route-table id { }
  internet-gateway igw
}`);
        expectClean(result);
    });

    it('lets resources of different kinds share a name, and resolves each reference by its kind', async () => {
        const result =
            await check(`vpc app { cidr 10.0.0.0/16  subnet private { cidr 10.0.1.0/24 route-table private }  route-table private  security-group private }
bucket b { private-to app.private }`);
        expect(result.diagnostics.map(d => `${d.code} ${d.covered}`)).toEqual(['unresolved-reference app.private']);
        const model = result.services.workspace.WorkspaceModel.get().topology;
        expect(model.subnets[0]!.routeTable).toBe('route-table:app.private');
    });

    it('keeps one namespace for what a route may target', async () => {
        const result = await check(
            `vpc app { cidr 10.0.0.0/16  subnet s { cidr 10.0.1.0/24 }  internet-gateway edge  instance edge subnet s }`
        );
        expect(result.codes()).toEqual(['duplicate-name']);
    });

    it('accepts comma lists, port ranges, qualified names and every destination form', async () => {
        const result = await check(`
vpc a region us-east-1 {
  cidr 10.0.0.0/16
  dns-hostnames on
  subnet s1 az us-east-1a { cidr 10.0.1.0/24 }
  subnet s2 az us-east-1b { cidr 10.0.2.0/24 }
  security-group sg1 { ingress tcp 1024-65535 from 10.0.0.0/16, sg sg2, prefix-list s3  egress all to 0.0.0.0/0 }
  security-group sg2 { ingress udp 53 from 10.0.0.0/8 }
  instance web subnet s1 { ip 10.0.1.10 security-groups sg1, sg2 }
  interface-endpoint ssm service ssm { subnets s1, s2 security-groups sg1 private-dns on }
}
probe web -> a.web tcp 22 expect accept
probe web -> endpoint a.ssm az us-east-1b tcp 443
probe web -> service com.amazonaws.us-east-1.s3 tcp 443 request "s3:GetObject" on "arn:aws:s3:::b/*"
probe named-one: web -> internet 8.8.8.8 icmp expect reject NO_ROUTE
probe internet -> web tcp 443`);
        expectClean(result);
    });

    it('reports a repeated single property as a syntax error on the repeat', async () => {
        const result = await check(`vpc a { cidr 10.0.0.0/16  subnet s { cidr 10.0.1.0/24 cidr 10.0.2.0/24 } }`);
        const repeat = result.diagnostics.filter(d => d.code === 'syntax');
        expect(repeat.map(d => d.covered)).toEqual(['cidr 10.0.2.0/24']);
    });

    it('reports truncated text as syntax errors, and still checks what parsed', async () => {
        const result = await check(`vpc a { cidr 10.0.0.1/16\n  subnet s az us-east-1a { cidr`);
        expect(result.codes()).toContain('syntax');
        expect(result.codes()).toContain('cidr-host-bits');
    });
});
