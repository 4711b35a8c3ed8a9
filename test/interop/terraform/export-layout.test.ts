/**
 * The files of an exported root module: the shared ones, one per VPC, and each laid out by
 * HashiCorp's formatter in pieces of whole blocks, which gives what formatting the whole file does.
 */
import { format } from '@cdktn/hcl-tools';
import { describe, expect, it } from 'vitest';
import { generateWorkspace } from '../../../bench/generate.js';
import { formatFiles } from '../../../src/interop/terraform/export/format.js';
import { hclChunks, hclText } from '../../../src/interop/terraform/export/hcl.js';
import { exportTerraform, exportTerraformBlocks } from '../../../src/interop/terraform/export/index.js';
import { check } from '../../helpers.js';

async function topologyOf(input: string | Record<string, string>) {
    const checked = await check(input);
    expect(checked.diagnostics.filter(d => d.severity === 1).map(d => d.message)).toEqual([]);
    return checked.services.workspace.WorkspaceModel.get().topology;
}

const DESIGN = `transit-gateway core region us-east-1 { }
vpc web region us-east-1 {
  cidr 10.0.0.0/16
  subnet a az us-east-1a { cidr 10.0.1.0/24  route-table rt }
  internet-gateway igw
  route-table rt { route 0.0.0.0/0 -> igw  route 10.1.0.0/16 -> web-db  route 10.2.0.0/16 -> core }
  security-group app { ingress tcp 443 from 0.0.0.0/0 }
  instance w subnet a { ip 10.0.1.10  security-groups app }
  transit-gateway-attachment core-att transit-gateway core { subnets a }
}
vpc db region us-east-1 {
  cidr 10.1.0.0/16
  subnet a az us-east-1a { cidr 10.1.1.0/24  route-table rt }
  route-table rt { route 10.0.0.0/16 -> web-db }
}
vpc Web region us-east-1 { cidr 10.2.0.0/16 }
peering web-db requester web accepter db
bucket logs region us-east-1
probe to-db: w -> 10.1.1.20 tcp 5432`;

describe('Terraform export: the files of a root module', () => {
    it("shared things in their files, each VPC's resources in a file of its own, named after its resource", async () => {
        const { folders } = exportTerraformBlocks(await topologyOf(DESIGN));
        expect(folders).toHaveLength(1);
        const files = new Map(folders[0]!.files.map(f => [f.name, f.blocks.map(b => b.labels.join('.'))]));
        expect([...files.keys()]).toEqual([
            'versions.tf',
            'variables.tf',
            'data.tf',
            'transit-gateways.tf',
            'peerings.tf',
            'buckets.tf',
            'probes.tf',
            'vpc-web.tf',
            'vpc-db.tf',
            // `Web` and `web` are two resources but would be one file where case does not count.
            'vpc-Web-2.tf'
        ]);
        expect(files.get('vpc-web.tf')).toEqual(
            expect.arrayContaining([
                'aws_vpc.web',
                'aws_subnet.a',
                'aws_internet_gateway.igw',
                'aws_security_group.app',
                'aws_instance.w',
                'aws_ec2_transit_gateway_vpc_attachment.core-att',
                'aws_route_table.rt'
            ])
        );
        expect(files.get('vpc-db.tf')).toEqual([
            'aws_vpc.db',
            'aws_subnet.db-a',
            'aws_route_table.db-rt',
            'aws_route.db-rt-1',
            'aws_route_table_association.db-a'
        ]);
        expect(files.get('vpc-Web-2.tf')).toEqual(['aws_vpc.Web']);
        expect(files.get('transit-gateways.tf')).toEqual(['aws_ec2_transit_gateway.core']);
        expect(files.get('peerings.tf')).toEqual(['aws_vpc_peering_connection.web-db']);
        expect(files.get('buckets.tf')).toEqual(['aws_s3_bucket.logs']);
        expect(files.get('probes.tf')).toHaveLength(1);
        // Every resource is in exactly one file.
        const all = [...files.values()].flat().filter(l => l.startsWith('aws_'));
        expect(new Set(all).size).toBe(all.length);
    });

    it('the header (the account and what was not exported) opens versions.tf', async () => {
        const { files } = await exportTerraform(await topologyOf(DESIGN), () => ['Not exported: nothing here']);
        const versions = files.find(f => f.path.endsWith('/versions.tf'))!.text;
        expect(versions.split('\n').slice(0, 2)).toEqual([
            '# VPC design for account 123456789012 (123456789012) in us-east-1.',
            '# Not exported: nothing here'
        ]);
        expect(files.filter(f => f.text.includes('# Not exported'))).toHaveLength(1);
    });
});

describe('Terraform export: formatting in pieces', () => {
    it('formatting a file in pieces of whole blocks gives what formatting it whole gives (a 20-VPC module)', async () => {
        const { files } = generateWorkspace(20);
        const { folders } = exportTerraformBlocks(await topologyOf(Object.fromEntries(files)));
        // Every block of the module in one file: some 2,000 blocks of every kind, with comments.
        const blocks = folders[0]!.files.flatMap(f => f.blocks);
        expect(blocks.length).toBeGreaterThan(1500);
        const header = ['VPC design for a test.', 'Not exported: nothing'];
        const whole = await format(hclText(blocks, header));
        const pieces = hclChunks(blocks, header, 8 * 1024);
        expect(pieces.length).toBeGreaterThan(20);
        expect(pieces.join('\n')).toBe(hclText(blocks, header));
        const formatted: string[] = [];
        for (const piece of pieces) formatted.push(await format(piece));
        expect(formatted.join('\n')).toBe(whole);
        // And through the pool, on this thread and a worker alike.
        expect(await formatFiles([{ path: 'all.tf', blocks, header }], 1, 8 * 1024)).toEqual([whole]);
    }, 60_000);
});
