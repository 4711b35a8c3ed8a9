/** The quick YAML reading of templates gives what the `yaml` package's reading gives, or stands aside. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportCloudFormation } from '../../src/interop/cloudformation/export/index.js';
import { fastYamlTemplate } from '../../src/interop/cloudformation/fast-yaml.js';
import { yamlTemplate } from '../../src/interop/cloudformation/template.js';
import { check } from '../helpers.js';
import { root } from '../cli/run.js';

function sameAsSlow(text: string): void {
    const fast = fastYamlTemplate(text);
    expect(fast, 'the quick path reads it').toBeDefined();
    const slow = yamlTemplate('t.yaml', text);
    expect(fast!.body).toEqual(slow.body);
    expect([...fast!.lines].sort()).toEqual([...slow.lines].sort());
}

const fixtures = join(root, 'test', 'fixtures', 'cloudformation');
const examples = readdirSync(join(root, 'examples')).filter(f => f.endsWith('.vpc'));

describe('quick YAML reading of templates', () => {
    it.each(readdirSync(fixtures).filter(f => f.endsWith('.yaml')))('fixture %s: same values and resource lines', file => {
        sameAsSlow(readFileSync(join(fixtures, file), 'utf8'));
    });

    it.each(examples)('%s exported: same values and resource lines', async file => {
        const checked = await check({ [file]: readFileSync(join(root, 'examples', file), 'utf8') });
        for (const template of exportCloudFormation(checked.services.workspace.WorkspaceModel.get().topology).templates)
            sameAsSlow(template.text);
    });

    it('reads the short forms, YAML 1.2 scalars, quoted keys and block scalars as the slow path does', () => {
        sameAsSlow(`AWSTemplateFormatVersion: 2010-09-09
Conditions:
  Prod: !Equals [!Ref Env, prod]
Resources:
  # a comment at the resources' indentation
  "Quoted": {Type: AWS::EC2::VPC, Properties: {CidrBlock: !Select [0, !Cidr [!GetAtt Net.CidrBlock, 4, 8]]}}
  'Single''s':
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref
      MapPublicIpOnLaunch: yes
      Ports: [0x1F, 0o17, 1e3, .inf, ~, null, true, False]
      Zone: !GetAtt [A, B.C]
      Text: !Sub |
        line \${AWS::Region}
          more: value
      Folded: >
        a
        b

  Plain:
    Condition: Prod
    Type: AWS::EC2::InternetGateway
Outputs:
  X: {Value: !GetAtt Plain.InternetGatewayId}
`);
    });

    it('stands aside for anchors, duplicate keys, unknown tags, errors and a flow-style Resources', () => {
        expect(fastYamlTemplate('Resources:\n  A: &a {Type: X}\n  B: *a\n')).toBeUndefined();
        expect(fastYamlTemplate('Resources:\n  A: {Type: X}\n  A: {Type: Y}\n')).toBeUndefined();
        expect(fastYamlTemplate('Resources:\n  A: !Bogus x\n')).toBeUndefined();
        expect(fastYamlTemplate('Resources:\n  A: [1, 2\n')).toBeUndefined();
        expect(fastYamlTemplate('Resources: {A: {Type: X}}\n')).toBeUndefined();
        expect(fastYamlTemplate('Policy: {Action: "s3:*", Resource: "*"}\nResources:\n  A: {Type: X}\n')).toBeDefined();
    });
});
