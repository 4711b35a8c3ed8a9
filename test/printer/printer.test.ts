/** The printer's layout, comments, files and the problems it reports, on models built by hand. */
import { describe, expect, it } from 'vitest';
import { printFiles, printProblems, printTopology } from '../../src/printer/index.js';
import { standardVpc, TopologyBuilder } from '../simulator/builder.js';
import { modelOf } from './support.js';

function shop(): TopologyBuilder {
    const b = standardVpc(new TopologyBuilder(), 'shop');
    b.vpc('data', ['10.1.0.0/16'], { region: 'eu-west-1', dnsHostnames: true })
        .subnet('data', 'db', '10.1.1.0/24', { az: 'eu-west-1b' })
        .instance('data', 'db-1', 'db', '10.1.1.10')
        .peering('shop-data', 'shop', 'data', true);
    b.probe('shop.web', 'data.db-1', 'tcp 5432');
    return b;
}

describe('printTopology', () => {
    it('writes the canonical layout and leaves out what AWS creates and every default', () => {
        const comments = new Map([
            ['subnet:shop.public', ['AWS::EC2::Subnet PublicSubnet (vpc.yaml:12)']],
            ['vpc:data', ['the data tier', '']]
        ]);
        expect(printTopology(shop().t, { header: ['Imported from vpc.yaml'], comments })).toBe(`// Imported from vpc.yaml

vpc shop {
  cidr 10.0.0.0/16

  // AWS::EC2::Subnet PublicSubnet (vpc.yaml:12)
  subnet public { cidr 10.0.1.0/24 route-table public }
  subnet private { cidr 10.0.2.0/24 route-table private }

  route-table public { route 0.0.0.0/0 -> igw }
  route-table private { route 0.0.0.0/0 -> nat }

  internet-gateway igw

  nat-gateway nat subnet public elastic-ip 52.0.0.1

  security-group web {
    ingress tcp 443 from 0.0.0.0/0
    egress all to 0.0.0.0/0
  }
  security-group app {
    ingress tcp 8080 from sg web
    egress all to 0.0.0.0/0
  }

  instance web subnet public { ip 10.0.1.10 public-ip 54.0.0.10 security-groups web }
  instance worker subnet private { ip 10.0.2.10 security-groups app }
}

// the data tier
//
vpc data region eu-west-1 {
  cidr 10.1.0.0/16
  dns-hostnames on

  subnet db az eu-west-1b { cidr 10.1.1.0/24 }

  instance db-1 subnet db { ip 10.1.1.10 }
}

peering shop-data requester shop accepter data { dns-resolution on }

probe p1: web -> db-1 tcp 5432
`);
    });

    it('qualifies a name that two VPCs share, and names a peering from inside a VPC by its own name', () => {
        const b = shop();
        b.instance('data', 'web', 'db', '10.1.1.20').table('data', 'back', [['10.0.0.0/16', 'shop-data']]);
        b.probe('data.web', 'shop.web', 'tcp 443');
        const text = printTopology(b.t);
        expect(text).toContain('probe p2: data.web -> shop.web tcp 443');
        expect(text).toContain('probe p1: shop.web -> db-1 tcp 5432');
        expect(text).toContain('route-table back { route 10.0.0.0/16 -> shop-data }');
    });
});

describe('printFiles', () => {
    it('writes workspace.vpc and one file per VPC, qualifying what the workspace names in VPCs', async () => {
        const files = printFiles(shop().t, { header: ['generated'] });
        expect(files.map(f => f.name)).toEqual(['workspace.vpc', 'shop.vpc', 'data.vpc']);
        expect(files[0]!.text).toBe(
            '// generated\n\npeering shop-data requester shop accepter data { dns-resolution on }\n\nprobe p1: shop.web -> data.db-1 tcp 5432\n'
        );
        expect(files[2]!.text.startsWith('// generated\n\nvpc data region eu-west-1 {\n')).toBe(true);
        const model = await modelOf(Object.fromEntries(files.map(f => [f.name, f.text])));
        expect(model.problems).toEqual([]);
        expect(model.topology.probes[0]!.destination).toEqual({ kind: 'instance', instance: 'instance:data.db-1' });
    });

    it('puts the header over the same text as without one, and reads comments from a lookup as from a map', () => {
        const plain = printFiles(shop().t);
        const asked: string[] = [];
        const lookup = {
            get: (id: string) => {
                asked.push(id);
                return id === 'subnet:shop.public' ? ['from main.tf:3'] : undefined;
            }
        };
        const withHeader = printFiles(shop().t, { header: ['generated', '', 'two lines'], comments: lookup });
        const withMap = printFiles(shop().t, {
            header: ['generated', '', 'two lines'],
            comments: new Map([['subnet:shop.public', ['from main.tf:3']]])
        });
        expect(withHeader).toEqual(withMap);
        expect(asked).toContain('subnet:shop.public');
        expect(withHeader[2]!.text).toBe(`// generated\n//\n// two lines\n\n${plain[2]!.text}`);
        expect(withHeader[1]!.text).toContain('  // from main.tf:3\n  subnet public {');
        expect(plain[1]!.text.startsWith('vpc shop {\n')).toBe(true);
    });

    it('gives each VPC a file of its own even when names clash, regardless of case', () => {
        const b = new TopologyBuilder().vpc('workspace', ['10.0.0.0/16']).vpc('App', ['10.1.0.0/16']).vpc('app', ['10.2.0.0/16']);
        expect(printFiles(b.t).map(f => f.name)).toEqual(['workspace-2.vpc', 'App.vpc', 'app-2.vpc']);
    });
});

describe('printProblems', () => {
    it('is empty for what the language can say', () => {
        expect(printProblems(shop().t)).toEqual([]);
    });

    it('lists what the text cannot say, element by element', () => {
        const b = shop();
        const t = b.t;
        t.securityGroups.find(g => g.name === 'web')!.rules = t.securityGroups
            .find(g => g.name === 'web')!
            .rules.filter(r => r.direction === 'ingress');
        t.routeTables
            .find(r => r.id === 'route-table:shop.~main')!
            .routes.push({
                id: 'x',
                destination: { kind: 'cidr', cidr: '0.0.0.0/0' },
                target: { kind: 'internet-gateway', id: 'internet-gateway:shop.igw' }
            });
        t.instances.find(i => i.name === 'worker')!.name = '9worker';
        t.buckets.push({
            kind: 'bucket',
            id: 'bucket:9lives',
            name: '9lives',
            region: 'us-east-1',
            privateTo: ['gateway-endpoint:shop.gone']
        });
        expect(printProblems(t).map(p => `${p.elementId}: ${p.message}`)).toEqual([
            "bucket:9lives: bucket '9lives': not a name the language can write (dot-separated parts that start with a letter)",
            "bucket:9lives: 9lives: its gateway endpoint 'gateway-endpoint:shop.gone' is not in the topology",
            'vpc:shop: VPC shop: its implicit main route table has routes; declare the table (`route-table NAME main`) to keep them',
            "instance:shop.worker: instance '9worker': not a name the language can write (letters, digits, _ and -, not a keyword)"
        ]);
    });
});
