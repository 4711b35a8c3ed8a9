/**
 * Security-group rules on the group itself (a CIDR block's or a prefix list's), separate resources
 * for those naming a group, when the stack is cut into nested stacks: a rule on a group of one part
 * reaches a prefix list of another through a parameter, and the import gives the same rules back.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportCloudFormation } from '../../src/interop/cloudformation/export/index.js';
import { importCloudFormation } from '../../src/interop/cloudformation/index.js';
import type { Topology } from '../../src/model/topology.js';
import { printFiles } from '../../src/printer/index.js';
import { modelOf } from '../printer/support.js';
import { templateProblems } from './cloudformation-spec.js';
import { byLogicalIds, type Rename } from './round-trip-support.js';

type Json = Record<string, unknown>;
type Resource = { Type: string; Properties: Json };

/** Each group's rules as text: direction, protocol, ports and peer (a prefix list by its entries, a group by its renamed id). */
function rulesOf(topology: Topology, rename: Rename = id => id): Map<string, string[]> {
    const entries = new Map(
        topology.prefixLists.map(l => [
            l.id,
            l.entries
                .map(e => e.value)
                .sort()
                .join(',')
        ])
    );
    return new Map(
        topology.securityGroups
            .filter(g => !g.implicit)
            .map(g => [
                rename(g.id),
                g.rules
                    .map(r => {
                        const p = r.peer;
                        const peer =
                            p.kind === 'cidr'
                                ? p.cidr
                                : p.kind === 'sg'
                                  ? `sg ${rename(p.group ?? '')}`
                                  : `list ${p.list ? entries.get(p.list) : p.service}`;
                        return `${r.direction} ${r.protocol} ${r.ports?.from ?? ''}-${r.ports?.to ?? ''} ${peer}`;
                    })
                    .sort()
            ])
    );
}

describe('CloudFormation export: rules on the group, across nested stacks', () => {
    it('a prefix list in another nested stack than the group naming it reaches the inline rule as a parameter, and imports back', async () => {
        const groups = Array.from(
            { length: 8 },
            (_, i) =>
                `security-group g${i} { ingress tcp ${440 + i} from prefix-list office  ingress tcp 22 from 10.0.0.0/8  ingress tcp 5432 from sg g0  egress tcp 443 to prefix-list office }`
        );
        const design = await modelOf({
            'app.vpc': `vpc app region us-east-1 { cidr 10.0.0.0/16
                subnet a az us-east-1a { cidr 10.0.1.0/24 }
                prefix-list office max-entries 5 { 192.0.2.0/24, 198.51.100.0/24 }
                ${groups.join('\n')} }`
        });
        expect(design.problems).toEqual([]);
        const exported = exportCloudFormation(design.topology, { maxResources: 6 });
        const nested = exported.templates.filter(t => t.nestedIn);
        expect(nested.length).toBeGreaterThan(2);
        for (const t of exported.templates) expect(templateProblems(t.json as never), t.name).toEqual([]);

        const resourcesOf = (t: (typeof nested)[number]) => Object.entries(t.json.Resources as Record<string, Resource>);
        const listPart = nested.find(t => resourcesOf(t).some(([, r]) => r.Type === 'AWS::EC2::PrefixList'))!;
        const [listId] = resourcesOf(listPart).find(([, r]) => r.Type === 'AWS::EC2::PrefixList')!;
        let elsewhere = 0;
        for (const part of nested)
            for (const [id, group] of resourcesOf(part).filter(([, r]) => r.Type === 'AWS::EC2::SecurityGroup')) {
                const ingress = group.Properties.SecurityGroupIngress as Json[];
                // The CIDR block's and the prefix list's rules on the group; the group's rule as a resource of its own.
                expect(
                    ingress.map(r => Object.keys(r).find(k => k.startsWith('Source') || k.startsWith('Cidr'))),
                    id
                ).toEqual(['SourcePrefixListId', 'CidrIp']);
                const list = ingress[0]!.SourcePrefixListId as { Ref: string };
                expect(group.Properties.SecurityGroupEgress, id).toEqual([
                    { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, DestinationPrefixListId: list }
                ]);
                if (part === listPart) expect(list.Ref).toBe(listId);
                else {
                    elsewhere++;
                    expect(part.json.Parameters as Json, id).toHaveProperty(list.Ref);
                }
            }
        expect(elsewhere, 'groups in another part than the list').toBeGreaterThan(0);
        const separate = nested.flatMap(t => resourcesOf(t).filter(([, r]) => r.Type === 'AWS::EC2::SecurityGroupIngress'));
        expect(separate.map(([, r]) => Object.keys(r.Properties).filter(k => k.startsWith('Source')))).toEqual(
            groups.map(() => ['SourceSecurityGroupId'])
        );

        const dir = mkdtempSync(join(tmpdir(), 'cfn-inline-'));
        for (const t of exported.templates) {
            mkdirSync(dirname(join(dir, t.name)), { recursive: true });
            writeFileSync(join(dir, t.name), t.text);
        }
        const imported = await importCloudFormation([join(dir, exported.templates.find(t => !t.nestedIn)!.name)]);
        expect(imported.report.notes.filter(n => n.kind === 'left out').map(n => `${n.what}: ${n.why}`)).toEqual([]);
        const after = await modelOf(
            Object.fromEntries(printFiles(imported.topology, { comments: imported.comments }).map(f => [f.name, f.text]))
        );
        expect(after.problems).toEqual([]);
        expect(after.codes).toEqual(design.codes);
        expect([...rulesOf(after.topology).values()].flat()).toHaveLength(groups.length * 4);
        expect(rulesOf(after.topology)).toEqual(rulesOf(design.topology, byLogicalIds(design.topology, exported.logicalIds)));
    });
});
