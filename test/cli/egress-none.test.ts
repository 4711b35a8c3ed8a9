/**
 * `egress none`: a security group with no outbound rule at all. AWS (VPC User Guide, security
 * group rules): groups are stateful, so responses to allowed inbound traffic still leave, but
 * nothing the instance starts does; a group written with no egress rule keeps AWS's allow-all.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vpcLab } from './run.js';

const TEXT = `vpc app region us-east-1 {
  cidr 10.0.0.0/16
  subnet a az us-east-1a { cidr 10.0.1.0/24 }
  security-group locked {
    ingress tcp 443 from 10.0.0.0/16
    egress none
  }
  security-group open { ingress tcp 443 from 10.0.0.0/16 }
  instance one subnet a { ip 10.0.1.10 security-groups locked }
  instance two subnet a { ip 10.0.1.11 security-groups open }
}
probe out: one -> two tcp 443 expect reject
probe back: two -> one tcp 443 expect accept
`;

describe('egress none', () => {
    it('denies what the instance starts and keeps the default egress of a group that writes none', () => {
        const file = join(mkdtempSync(join(tmpdir(), 'vpc-lab-egress-none-')), 'app.vpc');
        writeFileSync(file, TEXT);
        expect(vpcLab(['check', file]).code).toBe(0);
        const run = vpcLab(['simulate', file]);
        expect(run.code, run.stdout + run.stderr).toBe(0);
        expect(run.stdout).toMatch(/probe out: one -> two tcp 443\s+REJECT SG_EGRESS/);
        expect(vpcLab(['format', '--check', file]).code).toBe(0);
    });
});
