/** JSON templates are read by JSON.parse; the line of each resource still comes from the text. */
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../src/interop/common/index.js';
import { parseTemplate } from '../../src/interop/cloudformation/template.js';

const TEXT = `{
  "Parameters": { "Vpc": { "Type": "String", "Default": "x" } },
  "Resources": {
    "Vpc": {
      "Type": "AWS::EC2::VPC",
      "Properties": { "CidrBlock": "10.0.0.0/16" },
      "Metadata": { "Subnet": { "note": "a key named like a later resource" } }
    },
    "Sub\\u006eet": {
      "Type": "AWS::EC2::Subnet",
      "Properties": { "VpcId": { "Ref": "Vpc" }, "CidrBlock": "10.0.1.0/24" }
    }
  }
}
`;

describe('JSON templates', () => {
    it('keeps the values and finds each resource at the line of its logical ID', () => {
        const t = parseTemplate('t.json', TEXT);
        expect(Object.keys(t.body.Resources as object)).toEqual(['Vpc', 'Subnet']);
        expect((t.body.Resources as Record<string, { Properties: unknown }>).Subnet!.Properties).toEqual({
            VpcId: { Ref: 'Vpc' },
            CidrBlock: '10.0.1.0/24'
        });
        // The parameter named Vpc (line 2) and the metadata key Subnet (line 7) are not the resources.
        expect([...t.lines]).toEqual([
            ['Vpc', 4],
            ['Subnet', 9]
        ]);
    });

    it('reports malformed JSON at its line and column, and a body that is no template', () => {
        expect(() => parseTemplate('bad.json', '{\n  "Resources": {,}\n}')).toThrow(/^bad\.json:2:\d+: not valid JSON/);
        expect(() => parseTemplate('list.json', '{"Outputs": {}}')).toThrow(ImportError);
        expect(() => parseTemplate('list.json', '{"Outputs": {}}')).toThrow(/no Resources section/);
    });
});
