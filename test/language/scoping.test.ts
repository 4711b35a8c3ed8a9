import { describe, expect, it } from 'vitest';
import { check, expectClean, expectDiagnostic } from '../helpers.js';

describe('scoping', () => {
    it('resolves a name in its own VPC before any other', async () => {
        const result = await check(`
vpc a { cidr 10.0.0.0/16  internet-gateway gw  route-table r { route 0.0.0.0/0 -> gw } }
vpc b { cidr 10.1.0.0/16  internet-gateway gw }`);
        expectClean(result);
        const model = result.services.workspace.WorkspaceModel.get().topology;
        expect(model.routeTables.find(t => t.id === 'route-table:a.r')?.routes[0]?.target?.id).toBe('internet-gateway:a.gw');
    });

    it('does not resolve a bare name of another VPC inside a VPC, and says how to qualify it', async () => {
        const result = await check(`
vpc a { cidr 10.0.0.0/16  security-group web { ingress tcp 22 from sg admin } }
vpc b { cidr 10.1.0.0/16  security-group admin }`);
        const d = expectDiagnostic(result, 'unresolved-reference', 'admin');
        expect(d.message).toContain('b.admin');
    });

    it('resolves references across the files of a workspace', async () => {
        const result = await check({
            'network.vpc': 'vpc a { cidr 10.0.0.0/16  subnet s { cidr 10.0.1.0/24 }  instance web subnet s { ip 10.0.1.10 } }',
            'peer.vpc': 'vpc b { cidr 10.1.0.0/16 }\npeering ab requester a accepter b',
            'probes.vpc': 'probe web -> a.web tcp 22\nbucket logs { private-to a.nope }'
        });
        expect(result.diagnostics.map(d => `${d.file}:${d.code}:${d.covered}`)).toEqual(['probes.vpc:unresolved-reference:a.nope']);
    });

    it('lets top-level statements use a bare name only when one VPC has it', async () => {
        const result = await check(`
vpc a { cidr 10.0.0.0/16  subnet s { cidr 10.0.1.0/24 }  instance web subnet s  instance solo subnet s }
vpc b { cidr 10.1.0.0/16  subnet s { cidr 10.1.1.0/24 }  instance web subnet s }
probe solo -> web tcp 22
probe solo -> b.web tcp 22`);
        const d = expectDiagnostic(result, 'unresolved-reference', 'web');
        expect(d.message).toContain('ambiguous');
        expect(d.message).toContain('a.web');
        expect(d.message).toContain('b.web');
    });

    it('makes accounts, VPCs and peerings unique in the workspace', async () => {
        const result = await check('account x id "111111111111"\nvpc x { cidr 10.0.0.0/16 }');
        expectDiagnostic(result, 'duplicate-name', 'x');
    });

    it('fills the account and region defaults', async () => {
        const result = await check(
            'account prod id "111111111111"\nvpc a account prod region eu-west-1 { cidr 10.0.0.0/16 }\nvpc b { cidr 10.1.0.0/16 }'
        );
        const { vpcs, accounts } = result.services.workspace.WorkspaceModel.get().topology;
        expect(vpcs.map(v => [v.name, v.account, v.region])).toEqual([
            ['a', '111111111111', 'eu-west-1'],
            ['b', '123456789012', 'us-east-1']
        ]);
        expect(accounts.map(a => a.name)).toEqual(['prod', 'default']);
    });
});
