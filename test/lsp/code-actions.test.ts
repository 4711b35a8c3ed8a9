/** Quick fixes, applied and re-checked: the diagnostic they fix is gone and nothing new appears. */
import { EmptyFileSystem, type LangiumDocument } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import { afterEach, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createVpcLspServices } from '../../src/language-server/vpc-lsp-module.js';

const services = createVpcLspServices(EmptyFileSystem).Vpc;
const parse = parseHelper(services);

afterEach(() => clearDocuments(services.shared));

async function check(text: string): Promise<{ document: LangiumDocument; diagnostics: Diagnostic[] }> {
    const document = await parse(text, { validation: true });
    return { document, diagnostics: document.diagnostics ?? [] };
}

/** The code actions the provider offers for `diagnostics` of `document`. */
async function fixesFor(document: LangiumDocument, diagnostics: Diagnostic[]): Promise<CodeAction[]> {
    return (await services.lsp.CodeActionProvider!.getCodeActions(document, {
        textDocument: { uri: document.uri.toString() },
        range: diagnostics[0]!.range,
        context: { diagnostics }
    })) as CodeAction[];
}

/** Asks for the fixes of the diagnostics with `code`, applies the first to the text and re-checks it in a fresh workspace. */
async function applyFix(text: string, code: string): Promise<{ action: CodeAction; fixed: string; after: Diagnostic[] }> {
    await clearDocuments(services.shared);
    const { document, diagnostics } = await check(text);
    const targets = diagnostics.filter(d => d.code === code);
    expect(targets.length, `${code} in ${JSON.stringify(diagnostics.map(d => d.code))}`).toBeGreaterThan(0);
    const actions = await fixesFor(document, [targets[0]!]);
    expect(actions).toHaveLength(1);
    const action = actions[0]!;
    const edits = action.edit?.changes?.[document.uri.toString()] ?? [];
    expect(edits.length).toBeGreaterThan(0);
    const fixed = TextDocument.applyEdits(TextDocument.create('file:///x.vpc', 'vpc', 1, text), edits);
    await clearDocuments(services.shared);
    return { action, fixed, after: (await check(fixed)).diagnostics };
}

describe('quick fixes', () => {
    it('cidr-host-bits: writes the network address', async () => {
        const { action, fixed, after } = await applyFix(
            'vpc v { cidr 10.0.0.0/16\n  subnet s az us-east-1a { cidr 10.0.1.7/24 } }\n',
            'cidr-host-bits'
        );
        expect(action.title).toBe('Use the network address 10.0.1.0/24');
        expect(fixed).toContain('cidr 10.0.1.0/24 }');
        expect(after).toEqual([]);
    });

    it('route-target-family: sends IPv6 to the egress-only gateway instead of the NAT gateway', async () => {
        const text = `vpc v {
  cidr 10.0.0.0/16
  ipv6 2600:1f18:1234:ab00::/56
  subnet pub az us-east-1a { cidr 10.0.0.0/24 route-table public }
  subnet app az us-east-1a { cidr 10.0.1.0/24 ipv6 2600:1f18:1234:ab01::/64 route-table private }
  internet-gateway igw
  egress-only-internet-gateway eigw
  nat-gateway nat subnet pub
  route-table public { route 0.0.0.0/0 -> igw }
  route-table private {
    route 0.0.0.0/0 -> nat
    route ::/0 -> nat
  }
}
`;
        const { action, fixed, after } = await applyFix(text, 'route-target-family');
        expect(action.title).toBe('Send it to eigw');
        expect(fixed).toContain('route ::/0 -> eigw');
        expect(after.map(d => d.code)).toEqual([]);
    });

    it("peering-missing-return-route: adds the route back to the peer's table, and to an implicit main table", async () => {
        const text = `vpc a {
  cidr 10.1.0.0/16
  subnet s az us-east-1a { cidr 10.1.1.0/24 route-table rt }
  route-table rt {
    route 10.2.0.0/16 -> ab
  }
}
vpc b {
  cidr 10.2.0.0/16
  subnet s az us-east-1a { cidr 10.2.1.0/24 route-table rt }
  route-table rt {
  }
}
vpc c { cidr 10.3.0.0/16
  subnet s az us-east-1a { cidr 10.3.1.0/24 } }
peering ab requester a accepter b
peering ac requester a accepter c
`;
        const first = await applyFix(text, 'peering-missing-return-route');
        expect(first.action.title).toBe("Add the return route `route 10.1.1.0/24 -> ab` to the peer's route table");
        expect(first.fixed).toContain('  route-table rt {\n    route 10.1.1.0/24 -> ab\n  }\n}\nvpc c');
        expect(first.after).toEqual([]);

        const second = await applyFix(
            first.fixed.replace('route 10.2.0.0/16 -> ab', 'route 10.2.0.0/16 -> ab\n    route 10.3.0.0/16 -> ac'),
            'peering-missing-return-route'
        );
        expect(second.fixed).toContain(
            'vpc c { cidr 10.3.0.0/16\n  subnet s az us-east-1a { cidr 10.3.1.0/24 } \n  route-table main main { route 10.1.1.0/24 -> ac }\n}\npeering ab'
        );
        expect(second.after).toEqual([]);
    });

    it('interface-endpoint-single-az: adds a subnet of another AZ', async () => {
        const text = `vpc v {
  cidr 10.0.0.0/16
  dns-hostnames on
  subnet a az us-east-1a { cidr 10.0.0.0/24 }
  subnet a2 az us-east-1a { cidr 10.0.2.0/24 }
  subnet b az us-east-1b { cidr 10.0.1.0/24 }
  security-group ep { ingress tcp 443 from 10.0.0.0/16 }
  interface-endpoint ssm service ssm { subnets a security-groups ep }
}
`;
        const { action, fixed, after } = await applyFix(text, 'interface-endpoint-single-az');
        expect(action.title).toBe('Add subnet b (another Availability Zone)');
        expect(fixed).toContain('{ subnets a, b security-groups ep }');
        expect(after).toEqual([]);
    });

    it('probe-expectation: adds the missing security-group rule for each blocker, and the probe passes', async () => {
        const text = `vpc v {
  cidr 10.0.0.0/16
  subnet web az us-east-1a { cidr 10.0.1.0/24 }
  subnet db az us-east-1b { cidr 10.0.2.0/24 }
  security-group web-sg { egress tcp 443 to 0.0.0.0/0 }
  security-group db-sg {
    ingress tcp 22 from 10.0.0.0/16
  }
  instance web-1 subnet web { ip 10.0.1.10 security-groups web-sg }
  instance db-1 subnet db { ip 10.0.2.5 security-groups db-sg }
}
probe web-1 -> db-1 tcp 5432 expect accept
`;
        const { action, fixed, after } = await applyFix(text, 'probe-expectation');
        expect(action.title).toBe('Make the probe pass: add `egress tcp 5432 to 10.0.2.5/32` and `ingress tcp 5432 from 10.0.1.10/32`');
        expect(fixed).toContain('security-group web-sg { egress tcp 443 to 0.0.0.0/0 egress tcp 5432 to 10.0.2.5/32 }');
        expect(fixed).toContain('    ingress tcp 22 from 10.0.0.0/16\n    ingress tcp 5432 from 10.0.1.10/32\n  }');
        expect(after).toEqual([]);
    });

    it('probe-expectation: adds NACL entries before the denying one, for the request and for the reply', async () => {
        const text = `vpc v {
  cidr 10.0.0.0/16
  subnet web az us-east-1a { cidr 10.0.1.0/24 }
  subnet db az us-east-1b { cidr 10.0.2.0/24 network-acl db-acl }
  security-group db-sg { ingress tcp 5432 from 10.0.0.0/16 }
  network-acl db-acl {
    inbound 100 deny tcp 0-65535 from 10.0.1.0/24
    inbound 200 allow all from 0.0.0.0/0
    outbound 100 allow tcp 443 to 0.0.0.0/0
  }
  instance web-1 subnet web { ip 10.0.1.10 }
  instance db-1 subnet db { ip 10.0.2.5 security-groups db-sg }
}
probe web-1 -> db-1 tcp 5432 expect accept
`;
        const { action, fixed, after } = await applyFix(text, 'probe-expectation');
        expect(action.title).toBe(
            'Make the probe pass: add `inbound 99 allow tcp 5432 from 10.0.1.10/32` and `outbound 110 allow tcp 1024-65535 to 10.0.1.10/32`'
        );
        expect(fixed).toContain(
            '    outbound 100 allow tcp 443 to 0.0.0.0/0\n    inbound 99 allow tcp 5432 from 10.0.1.10/32\n    outbound 110 allow tcp 1024-65535 to 10.0.1.10/32\n  }'
        );
        expect(after).toEqual([]);
    });

    it('probe-expectation: no fix when a blocker is not a missing rule (here, no route)', async () => {
        const { document, diagnostics } = await check(`vpc v {
  cidr 10.0.0.0/16
  subnet web az us-east-1a { cidr 10.0.1.0/24 }
  instance web-1 subnet web { ip 10.0.1.10 }
}
probe web-1 -> internet 8.8.8.8 tcp 443 expect accept
`);
        const target = diagnostics.filter(d => d.code === 'probe-expectation');
        expect(target).toHaveLength(1);
        expect(await fixesFor(document, target)).toEqual([]);
    });

    it("tgw-missing-return-route: adds the route back through the gateway to the destination's table, and to an implicit main table", async () => {
        const text = `transit-gateway core
vpc a {
  cidr 10.1.0.0/16
  subnet s az us-east-1a { cidr 10.1.1.0/24 route-table rt }
  route-table rt {
    route 10.0.0.0/8 -> core
  }
  transit-gateway-attachment att transit-gateway core { subnets s }
}
vpc b {
  cidr 10.2.0.0/16
  subnet s az us-east-1a { cidr 10.2.1.0/24 route-table rt }
  route-table rt {
  }
  transit-gateway-attachment att transit-gateway core { subnets s }
}
`;
        const first = await applyFix(text, 'tgw-missing-return-route');
        expect(first.action.title).toBe('Add the return route `route 10.1.1.0/24 -> core` to the route table that lacks it');
        expect(first.fixed).toContain(
            '  route-table rt {\n    route 10.1.1.0/24 -> core\n  }\n  transit-gateway-attachment att transit-gateway core { subnets s }\n}\n'
        );
        expect(first.after).toEqual([]);

        const implicit = text.replace(
            'subnet s az us-east-1a { cidr 10.2.1.0/24 route-table rt }\n  route-table rt {\n  }',
            'subnet s az us-east-1a { cidr 10.2.1.0/24 }'
        );
        const second = await applyFix(implicit, 'tgw-missing-return-route');
        expect(second.fixed).toContain('route-table main main { route 10.1.1.0/24 -> core }');
        expect(second.after).toEqual([]);
    });

    it('tgw-attachment-missing-az: adds a subnet of the zone its routing instances sit in', async () => {
        const text = `transit-gateway core
vpc app {
  cidr 10.0.0.0/16
  subnet a az us-east-1a { cidr 10.0.1.0/24 route-table rt }
  subnet b az us-east-1b { cidr 10.0.2.0/24 route-table rt }
  route-table rt { route 10.9.0.0/16 -> core }
  instance web subnet b
  transit-gateway-attachment att transit-gateway core { subnets a }
}
`;
        const { action, fixed, after } = await applyFix(text, 'tgw-attachment-missing-az');
        expect(action.title).toBe('Add subnet b to the attachment (its Availability Zone has none)');
        expect(fixed).toContain('transit-gateway core { subnets a, b }');
        expect(after).toEqual([]);
    });

    it('offers nothing for a diagnostic it cannot fix with certainty', async () => {
        const { document, diagnostics } = await check('vpc v { cidr 10.0.0.0/16\n  subnet s az us-east-1a { cidr 10.1.0.0/24 } }\n');
        expect(diagnostics.map(d => d.code)).toEqual(['subnet-outside-vpc']);
        expect(await fixesFor(document, diagnostics)).toEqual([]);
    });
});
