#!/usr/bin/env node
/**
 * Reduces the AWS provider's schema, as shipped in the prebuilt provider package
 * (@cdktn/provider-aws, generated from `terraform providers schema -json`), to the resource
 * types, data sources and attributes that vpc-lab's Terraform export and import use, and writes
 * src/interop/terraform/provider-schema.json with the provider version it was taken from.
 *
 *   npm run provider-schema                 # npm pack the package into a temporary folder
 *   npm run provider-schema -- DIR          # or read an unpacked package (its lib/ folder)
 *
 * For each type: its attributes (snake_case, `required` where the configuration must give it)
 * and its nested blocks with theirs, read from the generated `…ToTerraform` functions.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PACKAGE = '@cdktn/provider-aws';
const OUT = new URL('../src/interop/terraform/provider-schema.json', import.meta.url);

/** The resource types and data sources the exporter writes and the importer reads (issue 14). */
const RESOURCES = [
    'aws_vpc',
    'aws_vpc_ipv4_cidr_block_association',
    'aws_vpc_ipv6_cidr_block_association',
    'aws_subnet',
    'aws_route_table',
    'aws_route',
    'aws_route_table_association',
    'aws_main_route_table_association',
    'aws_default_route_table',
    'aws_internet_gateway',
    'aws_internet_gateway_attachment',
    'aws_egress_only_internet_gateway',
    'aws_nat_gateway',
    'aws_eip',
    'aws_security_group',
    'aws_security_group_rule',
    'aws_vpc_security_group_ingress_rule',
    'aws_vpc_security_group_egress_rule',
    'aws_default_security_group',
    'aws_network_acl',
    'aws_network_acl_rule',
    'aws_network_acl_association',
    'aws_default_network_acl',
    'aws_instance',
    'aws_network_interface',
    'aws_vpc_endpoint',
    'aws_vpc_endpoint_route_table_association',
    'aws_vpc_endpoint_subnet_association',
    'aws_vpc_endpoint_policy',
    'aws_vpc_peering_connection',
    'aws_vpc_peering_connection_accepter',
    'aws_vpc_peering_connection_options',
    'aws_flow_log',
    'aws_ec2_managed_prefix_list',
    'aws_ec2_managed_prefix_list_entry',
    'aws_s3_bucket',
    'aws_s3_bucket_policy',
    'aws_ec2_network_insights_path',
    'aws_ec2_transit_gateway',
    'aws_ec2_transit_gateway_route_table',
    'aws_ec2_transit_gateway_vpc_attachment',
    'aws_ec2_transit_gateway_route_table_association',
    'aws_ec2_transit_gateway_route_table_propagation',
    'aws_ec2_transit_gateway_route',
    'aws_ec2_transit_gateway_peering_attachment',
    'aws_ec2_transit_gateway_peering_attachment_accepter',
    'aws_lb',
    'aws_lb_listener',
    'aws_lb_target_group',
    'aws_lb_target_group_attachment',
    'aws_vpc_endpoint_service',
    'aws_vpc_endpoint_service_allowed_principal',
    'aws_vpc_endpoint_connection_accepter'
];
const DATA_SOURCES = ['aws_prefix_list', 'aws_ssm_parameter', 'aws_availability_zones'];

function unpack() {
    const dir = mkdtempSync(join(tmpdir(), 'provider-aws-'));
    const name = execFileSync('npm', ['pack', PACKAGE, '--silent'], { cwd: dir, encoding: 'utf8' }).trim().split('\n').pop();
    execFileSync(
        'tar',
        [
            'xzf',
            name,
            '--wildcards',
            'package/package.json',
            'package/lib/*/index.js',
            'package/lib/*/index.d.ts',
            'package/lib/provider/*'
        ],
        { cwd: dir }
    );
    return { root: join(dir, 'package'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The keys a `{ … }` returned by a generated function or method assign, with the function each nested block goes through. */
function keysOf(source, start) {
    const open = source.indexOf(
        '{',
        source.indexOf('const attrs = {', start) >= 0 && source.indexOf('const attrs = {', start) < source.indexOf('return', start) + 200
            ? source.indexOf('const attrs = {', start)
            : source.indexOf('return {', start)
    );
    let depth = 0;
    let end = open;
    for (; end < source.length; end++) {
        if (source[end] === '{') depth++;
        else if (source[end] === '}' && --depth === 0) break;
    }
    const body = source.slice(open + 1, end);
    const entries = [];
    for (const m of body.matchAll(/^\s{8,12}([a-z0-9_]+): (.*?),?$/gm)) {
        const nested = /^(?:cdktn\.listMapper\()?([A-Za-z0-9]+ToTerraform)(?:, \w+\))?\(/.exec(m[2]);
        const camel = /(?:this\._|struct\.|struct!\.)([A-Za-z0-9]+)/.exec(m[2])?.[1];
        entries.push({
            key: m[1],
            nested:
                nested && !m[2].startsWith('cdktn.') ? nested[1] : nested && m[2].startsWith('cdktn.listMapper') ? nested[1] : undefined,
            camel
        });
    }
    return entries;
}

function requiredProps(dts, interfaceName) {
    const at = dts.indexOf(`export interface ${interfaceName} `);
    if (at < 0) return new Set();
    const end = dts.indexOf('\n}', at);
    return new Set([...dts.slice(at, end).matchAll(/readonly ([A-Za-z0-9]+): /g)].map(m => m[1]));
}

function describeFunction(js, dts, fn, depth = 0) {
    const at = js.indexOf(`function ${fn}(struct)`);
    if (at < 0 || depth > 4) return {};
    const struct = fn.replace(/ToTerraform$/, '').replace(/^./, c => c.toUpperCase());
    const required = requiredProps(dts, struct);
    return describe(js, dts, keysOf(js, at), required, depth);
}

function describe(js, dts, entries, required, depth) {
    const attributes = {};
    const blocks = {};
    for (const e of entries) {
        if (e.nested)
            blocks[e.key] = { required: e.camel ? required.has(e.camel) : false, ...describeFunction(js, dts, e.nested, depth + 1) };
        else attributes[e.key] = { required: e.camel ? required.has(e.camel) : false };
    }
    return { attributes, ...(Object.keys(blocks).length ? { blocks } : {}) };
}

function schemaOf(root, wanted, data) {
    const found = {};
    let version;
    for (const dir of readdirSync(join(root, 'lib'))) {
        if (data !== dir.startsWith('data-aws-')) continue;
        const file = join(root, 'lib', dir, 'index.js');
        if (!existsSync(file)) continue;
        const js = readFileSync(file, 'utf8');
        const type = /terraformResourceType: '([a-z0-9_]+)'/.exec(js)?.[1];
        if (!type || !wanted.includes(type)) continue;
        version ??= /providerVersion: '([^']+)'/.exec(js)?.[1];
        const dts = readFileSync(join(root, 'lib', dir, 'index.d.ts'), 'utf8');
        const configName = /export interface (\w+Config) extends cdktn\.TerraformMetaArguments/.exec(dts)?.[1];
        const required = configName ? requiredProps(dts, configName) : new Set();
        found[type] = describe(js, dts, keysOf(js, js.indexOf('synthesizeAttributes()')), required, 0);
    }
    return { found, version };
}

const given = process.argv[2];
const { root, cleanup } = given ? { root: given, cleanup: () => {} } : unpack();
try {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const resources = schemaOf(root, RESOURCES, false);
    const dataSources = schemaOf(root, DATA_SOURCES, true);
    const missing = [
        ...RESOURCES.filter(t => !resources.found[t]),
        ...DATA_SOURCES.filter(t => !dataSources.found[t]).map(t => `data.${t}`)
    ];
    if (missing.length) throw new Error(`the provider package has no ${missing.join(', ')}`);
    const sort = o => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
    const schema = {
        provider: 'registry.terraform.io/hashicorp/aws',
        version: resources.version,
        from: `${PACKAGE}@${pkg.version}`,
        resources: sort(resources.found),
        dataSources: sort(dataSources.found)
    };
    writeFileSync(OUT, JSON.stringify(schema, null, 1) + '\n');
    process.stdout.write(
        `provider-schema: hashicorp/aws ${schema.version} (${schema.from}), ${RESOURCES.length} resource types, ${DATA_SOURCES.length} data sources\n`
    );
} finally {
    cleanup();
}
