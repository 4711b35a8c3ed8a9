/** A transit gateway's tables as AWS fills them: propagation, static over propagated, longest prefix, blackholes. */
import { describe, expect, it } from 'vitest';
import { parseAddress } from '../../src/simulator/cidr.js';
import { associatedTable, compileTgwRouting, lookupTgwRoute } from '../../src/simulator/tgw-routes.js';
import { check } from '../helpers.js';

const TEXT = `transit-gateway core {
  default-association off
  default-propagation off
  route-table spokes {
    associate a.att, b.att
    propagate a.att, b.att, c.att
    route 10.2.0.0/16 -> a.att
    route 10.3.5.0/24 blackhole
  }
}
vpc a { cidr 10.1.0.0/16
  subnet s az us-east-1a { cidr 10.1.1.0/24 }
  transit-gateway-attachment att transit-gateway core { subnets s } }
vpc b { cidr 10.2.0.0/16
  subnet s az us-east-1a { cidr 10.2.1.0/24 }
  transit-gateway-attachment att transit-gateway core { subnets s } }
vpc c { cidr 10.3.0.0/16
  subnet s az us-east-1a { cidr 10.3.1.0/24 }
  transit-gateway-attachment att transit-gateway core { subnets s } }
`;

async function routing() {
    const topology = (await check(TEXT)).services.workspace.WorkspaceModel.get().topology;
    return compileTgwRouting(topology);
}

function to(address: string) {
    const parsed = parseAddress(address);
    if (!parsed.ok) throw new Error(address);
    return parsed.value;
}

describe('transit gateway route tables', () => {
    it('routes by the table the sender is associated with, and none for an attachment no table associates', async () => {
        const r = await routing();
        expect(associatedTable(r, 'transit-gateway-attachment:a.att')?.name).toBe('spokes');
        expect(associatedTable(r, 'transit-gateway-attachment:c.att')).toBeUndefined();
    });

    it('fills a table with the blocks of the propagating VPCs', async () => {
        const table = associatedTable(await routing(), 'transit-gateway-attachment:a.att')!;
        expect(lookupTgwRoute(table, to('10.3.1.10'))).toMatchObject({
            origin: 'propagated',
            target: { id: 'transit-gateway-attachment:c.att' }
        });
        expect(lookupTgwRoute(table, to('10.9.0.1'))).toBeUndefined();
    });

    it('prefers a static route over a propagated one of the same prefix, and the longest prefix over both', async () => {
        const table = associatedTable(await routing(), 'transit-gateway-attachment:a.att')!;
        expect(lookupTgwRoute(table, to('10.2.1.10'))).toMatchObject({
            origin: 'static',
            target: { id: 'transit-gateway-attachment:a.att' }
        });
        expect(lookupTgwRoute(table, to('10.3.5.1'))).toMatchObject({ origin: 'static', blackhole: true });
        expect(lookupTgwRoute(table, to('10.3.6.1'))?.blackhole).toBe(false);
    });
});
