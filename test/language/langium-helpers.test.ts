/** The same checks through Langium's own test helpers (validationHelper, expectError, expectWarning, expectNoIssues). */
// The helper keeps one workspace across calls, so each test names its VPC differently.
import { EmptyFileSystem } from 'langium';
import { expectError, expectNoIssues, expectWarning, validationHelper } from 'langium/test';
import { describe, it } from 'vitest';
import type { Workspace } from '../../src/language/generated/ast.js';
import { createVpcServices } from '../../src/language/vpc-module.js';

const validate = validationHelper<Workspace>(createVpcServices(EmptyFileSystem).Vpc);

describe('checks through langium/test', () => {
    it('cidr-host-bits on the block, by offset', async () => {
        const text = 'vpc a { cidr 10.0.0.1/16 }';
        const result = await validate(text);
        expectError(result, /host bits set/, { offset: text.indexOf('10.0.0.1/16'), length: '10.0.0.1/16'.length, code: 'cidr-host-bits' });
    });

    it('nat-no-internet is a warning on the NAT gateway', async () => {
        const text = 'vpc b { cidr 10.1.0.0/16  subnet s { cidr 10.1.1.0/24 }  nat-gateway n subnet s }';
        const result = await validate(text);
        expectWarning(result, /no 0\.0\.0\.0\/0 route to an internet gateway/, {
            offset: text.indexOf('n subnet'),
            length: 1,
            code: 'nat-no-internet'
        });
    });

    it('a clean VPC has no issues', async () => {
        expectNoIssues(await validate('vpc c region eu-west-1 { cidr 10.2.0.0/16  subnet s az eu-west-1a { cidr 10.2.1.0/24 } }'));
    });
});
