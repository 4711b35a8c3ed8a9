/**
 * Where imported elements came from: references made by evaluation carry the instance they name
 * (so mapping finds it without a table of addresses), and the origins are written as text only
 * when read, in the form the comments above printed elements have.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/interop/terraform/hcl/evaluate.js';
import { parseExpression } from '../../../src/interop/terraform/hcl/parse-expression.js';
import { InstanceValue, Ref, type Value } from '../../../src/interop/terraform/hcl/values.js';
import type { ResourceInstance } from '../../../src/interop/terraform/instances.js';
import { MapContext } from '../../../src/interop/terraform/map/context.js';
import { Origins } from '../../../src/interop/terraform/map/origins.js';

function instance(address: string, line?: number): ResourceInstance {
    const [type, name] = address.split('.') as [string, string];
    return { address, mode: 'managed', type, name, values: {}, unknown: [], ...(line ? { sourceLoc: { file: 'main.tf', line } } : {}) };
}

describe('references that carry their instance', () => {
    const vpc = instance('aws_vpc.main', 3);
    const scope = {
        root: (parts: string[]): { value: Value; used: number } => ({
            value: new InstanceValue('aws_vpc.main', { cidr_block: '10.0.0.0/16' }, vpc),
            used: parts[0] === 'aws_vpc' ? 2 : 1
        })
    };

    it('keeps the instance through attributes and indexes, and compares as the plain reference', () => {
        const ref = evaluate(parseExpression('aws_vpc.main.ipv6_cidr_block_association[0]'), scope);
        expect(ref).toBeInstanceOf(Ref);
        expect((ref as Ref).instance).toBe(vpc);
        expect(ref).toEqual(new Ref('aws_vpc.main', ['ipv6_cidr_block_association', '0']));
        expect(String(ref)).toBe('aws_vpc.main.ipv6_cidr_block_association.0');
    });

    it('is found by the mapping without an address table, and a reference by address alone still is', () => {
        const other = instance('aws_subnet.a');
        const ctx = new MapContext([vpc, other], 'us-east-1', 'main.tf', []);
        const ref = evaluate(parseExpression('aws_vpc.main.id'), scope);
        expect(ctx.target(ref)).toBe(vpc);
        expect(ctx.target(new Ref('aws_subnet.a', ['id']))).toBe(other);
        // A reference whose instance is not the one at its address (never made by evaluation) goes by the address.
        expect(ctx.target(new Ref('aws_subnet.a', ['id'], vpc))).toBe(other);
        ctx.register(vpc, 'vpc:main');
        expect(ctx.elementOf(vpc)).toBe('vpc:main');
        expect(ctx.isMapped(other)).toBe(false);
        expect(ctx.sourceOf('vpc:main')).toBe(vpc);
    });
});

describe('origins', () => {
    it('names the first instance that made an element, with its file and line, and a set text as given', () => {
        const origins = new Origins();
        const a = instance('aws_subnet.a', 12);
        origins.claim('subnet:app.a', a);
        origins.claim('subnet:app.a', instance('aws_route_table_association.a', 30));
        origins.claim('vpc:app', instance('aws_vpc.app'));
        origins.set('transit-gateway:peer', 'the peer of aws_ec2_transit_gateway_peering_attachment.x: outside this import');
        expect(origins.get('subnet:app.a')).toBe('aws_subnet.a (main.tf:12)');
        expect(origins.get('vpc:app')).toBe('aws_vpc.app');
        expect(origins.get('nothing')).toBeUndefined();
        expect(origins.instance('subnet:app.a')).toBe(a);
        expect(origins.instance('transit-gateway:peer')).toBeUndefined();
        expect(origins.size).toBe(3);
        expect([...origins]).toEqual([
            ['subnet:app.a', 'aws_subnet.a (main.tf:12)'],
            ['vpc:app', 'aws_vpc.app'],
            ['transit-gateway:peer', 'the peer of aws_ec2_transit_gateway_peering_attachment.x: outside this import']
        ]);
        expect(new Map(origins)).toEqual(new Map([...origins.entries()]));
    });
});
