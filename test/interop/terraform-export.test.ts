/** `vpc-lab export --format terraform`: configurations the AWS provider defines, laid out as `terraform fmt` does. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from '@cdktn/hcl-tools';
import { describe, expect, it } from 'vitest';
import { exportTerraform, type Block } from '../../src/interop/terraform/export/index.js';
import { check } from '../helpers.js';
import { root } from '../cli/run.js';

interface BlockSchema {
    attributes: Record<string, { required: boolean }>;
    blocks?: Record<string, BlockSchema & { required: boolean }>;
}
const schema = JSON.parse(readFileSync(join(root, 'src/interop/terraform/provider-schema.json'), 'utf8')) as {
    version: string;
    resources: Record<string, BlockSchema>;
    dataSources: Record<string, BlockSchema>;
};

/** Terraform's own meta-arguments of a resource, which no provider schema lists. */
const META = new Set(['depends_on', 'count', 'for_each', 'provider', 'lifecycle']);

/** What a block says that the provider's schema does not define, or leaves out that it requires. */
function problems(where: string, body: Block['body'], s: BlockSchema, top = false): string[] {
    const out: string[] = [];
    const given = new Set<string>();
    for (const item of body) {
        if ('attribute' in item) {
            given.add(item.attribute);
            if (top && META.has(item.attribute)) continue;
            if (!s.attributes[item.attribute]) out.push(`${where}: no attribute ${item.attribute}`);
        } else {
            given.add(item.block.type);
            const nested = s.blocks?.[item.block.type];
            if (!nested) out.push(`${where}: no block ${item.block.type}`);
            else out.push(...problems(`${where}.${item.block.type}`, item.block.body, nested));
        }
    }
    for (const [name, a] of Object.entries(s.attributes)) if (a.required && !given.has(name)) out.push(`${where}: ${name} is required`);
    return out;
}

function schemaProblems(blocks: Block[]): string[] {
    return blocks.flatMap(b => {
        if (b.type !== 'resource' && b.type !== 'data') return [];
        const [type, name] = b.labels as [string, string];
        const s = b.type === 'resource' ? schema.resources[type] : schema.dataSources[type];
        return s
            ? problems(`${b.type} ${type}.${name}`, b.body, s, b.type === 'resource')
            : [`${b.type} ${type}: not a type of the provider`];
    });
}

async function exported(text: string | Record<string, string>) {
    const checked = await check(text);
    return exportTerraform(checked.services.workspace.WorkspaceModel.get().topology);
}

const examples = readdirSync(join(root, 'examples')).filter(f => f.endsWith('.vpc'));

describe('Terraform export', () => {
    it.each(examples)(
        '%s: every resource, data source, attribute and nested block is in the provider schema; terraform fmt leaves the text as it is',
        async file => {
            const { files } = await exported({ [file]: readFileSync(join(root, 'examples', file), 'utf8') });
            expect(files.some(f => /\/vpc-[^/]+\.tf$/.test(f.path))).toBe(true);
            for (const f of files) {
                expect(schemaProblems(f.blocks), f.path).toEqual([]);
                expect(await format(f.text), f.path).toBe(f.text);
            }
        }
    );

    it('the schema check finds an attribute the provider does not define and a required one left out', () => {
        const wrong: Block = { type: 'resource', labels: ['aws_subnet', 'a'], body: [{ attribute: 'cidr', value: '10.0.0.0/24' }] };
        expect(schemaProblems([wrong])).toEqual(['resource aws_subnet.a: no attribute cidr', 'resource aws_subnet.a: vpc_id is required']);
        expect(schemaProblems([{ type: 'resource', labels: ['aws_security_group_ingress', 'x'], body: [] }])).toEqual([
            'resource aws_security_group_ingress: not a type of the provider'
        ]);
    });

    it('one folder per account and region, with the provider pinned to the version the schema was taken from', async () => {
        const { files } = await exported(`account a id "111111111111"
            vpc x account a region eu-west-1 { cidr 10.0.0.0/16 }
            vpc y { cidr 10.1.0.0/16 }`);
        const folders = [...new Set(files.map(f => f.path.split('/')[0]))].sort();
        expect(folders).toEqual(['123456789012-us-east-1', 'a-eu-west-1']);
        const versions = files.find(f => f.path === 'a-eu-west-1/versions.tf')!.text;
        expect(versions).toContain(`version = "${schema.version}"`);
        expect(versions).toMatch(/provider "aws" \{\n\s+region\s+= "eu-west-1"\n\s+allowed_account_ids = \["111111111111"\]/);
    });

    it('security-group rules are separate resources; the implicit allow-all outbound rule is written out, since the provider removes it', async () => {
        const { files } = await exported(`vpc app { cidr 10.0.0.0/16
            security-group web { ingress tcp 443 from 0.0.0.0/0 } }`);
        const main = files.find(f => f.path.endsWith('/vpc-app.tf'))!.text;
        expect(main).toMatch(
            /resource "aws_vpc_security_group_ingress_rule" "web-1" \{[^}]*from_port\s+= 443[^}]*cidr_ipv4\s+= "0.0.0.0\/0"/
        );
        expect(main).toMatch(
            /resource "aws_vpc_security_group_egress_rule" "web-2" \{[^}]*ip_protocol\s+= "-1"\n\s+cidr_ipv4\s+= "0.0.0.0\/0"/
        );
        expect(main).not.toMatch(/\bingress \{/);
    });

    it("subnets take their IPv6 /64 with cidrsubnet() at the design's position; the design's block is kept in a tag", async () => {
        const { files } = await exported(`vpc app { cidr 10.0.0.0/16  ipv6 2600:1f18:1234:ab00::/56
            subnet a az us-east-1a { cidr 10.0.1.0/24  ipv6 2600:1f18:1234:ab05::/64 } }`);
        const main = files.find(f => f.path.endsWith('/vpc-app.tf'))!.text;
        expect(main).toContain('assign_generated_ipv6_cidr_block = true');
        expect(main).toContain('ipv6_cidr_block   = cidrsubnet(aws_vpc.app.ipv6_cidr_block, 8, 5)');
        expect(main).toContain('"vpc-lab:ipv6" = "2600:1f18:1234:ab05::/64"');
    });
});

describe('Terraform export: the order AWS needs', () => {
    // AWS (AWS::EC2::Route): "The route table cannot use the transit gateway until it has successfully attached to the VPC."
    it("a route to a transit gateway depends_on the gateway's attachment to the route table's VPC; other routes need no such line", async () => {
        const { files } = await exported(`transit-gateway core region us-east-1 { }
vpc hub region us-east-1 {
  cidr 10.0.0.0/16
  subnet a az us-east-1a { cidr 10.0.1.0/24  route-table rt }
  internet-gateway igw
  route-table rt { route 10.0.0.0/8 -> core  route 0.0.0.0/0 -> igw }
  transit-gateway-attachment core-att transit-gateway core { subnets a }
}
vpc spoke region us-east-1 {
  cidr 10.1.0.0/16
  subnet s az us-east-1a { cidr 10.1.1.0/24  route-table rt }
  route-table rt { route 10.0.0.0/8 -> core }
  transit-gateway-attachment core-att transit-gateway core { subnets s }
}`);
        // The routes and attachments are in their VPCs' files.
        const main = { blocks: files.flatMap(f => f.blocks), text: files.map(f => f.text).join('\n') };
        const routes = main.blocks.filter(b => b.labels[0] === 'aws_route');
        const said = (b: Block, key: string) => b.body.find(i => 'attribute' in i && i.attribute === key);
        const toCore = routes.filter(b => said(b, 'transit_gateway_id'));
        expect(toCore).toHaveLength(2);
        const attachments = main.blocks.filter(b => b.labels[0] === 'aws_ec2_transit_gateway_vpc_attachment').map(b => b.labels[1]);
        // Each route waits for its own VPC's attachment.
        expect(toCore.map(b => said(b, 'depends_on'))).toEqual(
            attachments.map(name => ({ attribute: 'depends_on', value: [{ expr: `aws_ec2_transit_gateway_vpc_attachment.${name}` }] }))
        );
        expect(routes.filter(b => said(b, 'gateway_id')).map(b => said(b, 'depends_on'))).toEqual([undefined]);
        expect(main.text).toMatch(
            /transit_gateway_id\s+= aws_ec2_transit_gateway\.core\.id\n\s+depends_on\s+= \[aws_ec2_transit_gateway_vpc_attachment\.core-att\]/
        );
    });
});
