/** Flow-log records as AWS writes them, from model objects: which ENIs, which directions, which addresses. */
import { describe, expect, it } from 'vitest';
import type { FlowLog, Topology } from '../../src/model/topology.js';
import { formatAddr } from '../../src/simulator/cidr.js';
import { compile } from '../../src/simulator/compile.js';
import { athenaTable, deliveries, parseS3Arn } from '../../src/simulator/flow-log-layout.js';
import { DEFAULT_START } from '../../src/simulator/flow-logs.js';
import { simulateWithFlowLogs } from '../../src/simulator/simulate.js';
import { TopologyBuilder, standardVpc } from './builder.js';

const FIELDS =
    '${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${pkt-srcaddr} ${pkt-dstaddr} ${flow-direction} ${action}';

function flowLog(t: Topology, name: string, capture: FlowLog['capture'], options: Partial<FlowLog> = {}): void {
    t.flowLogs.push({
        kind: 'flow-log',
        id: `flow-log:app.${name}`,
        name,
        vpc: 'vpc:app',
        capture,
        traffic: 'all',
        destination: { kind: 's3', target: 'arn:aws:s3:::flow-bucket/team' },
        aggregationSeconds: 600,
        format: { value: FIELDS },
        ...options
    });
}

function records(b: TopologyBuilder, start = DEFAULT_START): string[] {
    return simulateWithFlowLogs(b.t, start).records.map(r => `${r.flowLog.name}: ${r.record}`);
}

function eniOf(b: TopologyBuilder, owner: string): string {
    return compile(b.t).enisByOwner.get(owner)![0]!.eniId;
}

describe('flow-log records', () => {
    it('an accepted connection: request and reply at both instances, addresses as each ENI sees them', () => {
        const b = standardVpc(new TopologyBuilder());
        flowLog(b.t, 'all', { level: 'vpc', target: 'vpc:app' });
        b.probe('app.web', 'app.worker', 'tcp 8080');
        const web = eniOf(b, 'instance:app.web');
        const worker = eniOf(b, 'instance:app.worker');
        const lines = records(b).map(l => l.replace(/ \d{5} /g, ' EPH ').replace(/ \d{5} /g, ' EPH '));
        expect(lines).toEqual([
            `all: ${web} 10.0.1.10 10.0.2.10 EPH 8080 6 10.0.1.10 10.0.2.10 egress ACCEPT`,
            `all: ${worker} 10.0.1.10 10.0.2.10 EPH 8080 6 10.0.1.10 10.0.2.10 ingress ACCEPT`,
            `all: ${worker} 10.0.2.10 10.0.1.10 8080 EPH 6 10.0.2.10 10.0.1.10 egress ACCEPT`,
            `all: ${web} 10.0.2.10 10.0.1.10 8080 EPH 6 10.0.2.10 10.0.1.10 ingress ACCEPT`
        ]);
    });

    it('a rejected connection: REJECT at the ENI that refused it, and no reply records', () => {
        const b = standardVpc(new TopologyBuilder());
        flowLog(b.t, 'all', { level: 'vpc', target: 'vpc:app' });
        b.probe('app.worker', 'app.web', 'tcp 3389');
        const lines = records(b);
        expect(lines.map(l => l.split(' ').slice(-2).join(' '))).toEqual(['egress ACCEPT', 'ingress REJECT']);
    });

    it('a NAT gateway ENI logs each leg: four records, pkt-* keeping the original addresses', () => {
        const b = standardVpc(new TopologyBuilder());
        flowLog(b.t, 'nat-only', { level: 'eni', target: 'nat-gateway:app.nat' });
        b.probe('app.worker', { kind: 'internet', address: '203.0.113.5' }, 'tcp 80');
        const nat = compile(b.t).enisByOwner.get('nat-gateway:app.nat')![0]!;
        const natIp = formatAddr(nat.ipv4!);
        expect(nat.ipv4).toBeDefined();
        const fields = records(b).map(l => l.split(' ').slice(1));
        expect(fields.map(f => [f[0], f[1], f[2], f[6], f[7], f[8]])).toEqual([
            [nat.eniId, '10.0.2.10', natIp, '10.0.2.10', '203.0.113.5', 'ingress'],
            [nat.eniId, natIp, '203.0.113.5', natIp, '203.0.113.5', 'egress'],
            [nat.eniId, '203.0.113.5', natIp, '203.0.113.5', natIp, 'ingress'],
            [nat.eniId, natIp, '10.0.2.10', '203.0.113.5', '10.0.2.10', 'egress']
        ]);
    });

    it('capture levels: VPC, subnet and ENI logs each take their ENIs, several at once', () => {
        const b = standardVpc(new TopologyBuilder());
        flowLog(b.t, 'vpc', { level: 'vpc', target: 'vpc:app' });
        flowLog(b.t, 'private', { level: 'subnet', target: 'subnet:app.private' });
        flowLog(b.t, 'web', { level: 'eni', target: 'instance:app.web' });
        b.probe('app.web', 'app.worker', 'tcp 8080');
        const byLog = (name: string) => records(b).filter(l => l.startsWith(`${name}:`)).length;
        expect([byLog('vpc'), byLog('private'), byLog('web')]).toEqual([4, 2, 2]);
    });

    it('the traffic filter keeps ACCEPT or REJECT records only', () => {
        const b = standardVpc(new TopologyBuilder());
        flowLog(b.t, 'rejects', { level: 'vpc', target: 'vpc:app' }, { traffic: 'reject' });
        flowLog(b.t, 'accepts', { level: 'vpc', target: 'vpc:app' }, { traffic: 'accept' });
        b.probe('app.worker', 'app.web', 'tcp 3389');
        expect(records(b).map(l => `${l.split(':')[0]} ${l.split(' ').pop()}`)).toEqual(['accepts ACCEPT', 'rejects REJECT']);
    });

    it('an interface endpoint ENI logs the request in and the reply out', () => {
        const b = standardVpc(new TopologyBuilder())
            .sg('app', 'ep', [['ingress', 'tcp 443', '10.0.0.0/16']])
            .interfaceEndpoint('app', 'ssm', 'ssm', ['private'], ['ep']);
        flowLog(b.t, 'ep', { level: 'eni', target: 'interface-endpoint:app.ssm' });
        b.probe('app.worker', { kind: 'service', service: 'ssm' }, 'tcp 443');
        expect(records(b).map(l => l.split(' ').slice(-2).join(' '))).toEqual(['ingress ACCEPT', 'egress ACCEPT']);
    });

    it('ICMP has ports 0; the default format is version 2 with 14 fields', () => {
        const b = standardVpc(new TopologyBuilder());
        flowLog(b.t, 'default', { level: 'vpc', target: 'vpc:app' }, { format: undefined });
        b.probe('app.web', 'app.worker', 'icmp');
        b.t.securityGroups
            .find(g => g.name === 'app')!
            .rules.push({ id: 'icmp', direction: 'ingress', protocol: 'icmp', peer: { kind: 'cidr', cidr: '10.0.0.0/16' } });
        const [first] = simulateWithFlowLogs(b.t).records;
        const fields = first!.record.split(' ');
        expect(fields).toHaveLength(14);
        expect(fields[0]).toBe('2');
        expect(fields[1]).toBe('123456789012');
        expect(fields[2]).toMatch(/^eni-[0-9a-f]{17}$/);
        expect([fields[5], fields[6], fields[7]]).toEqual(['0', '0', '1']);
        expect(fields[13]).toBe('OK');
    });

    it('start and end sit on the aggregation window of the simulated clock', () => {
        const b = standardVpc(new TopologyBuilder());
        flowLog(b.t, 'minute', { level: 'vpc', target: 'vpc:app' }, { aggregationSeconds: 60, format: { value: '${start} ${end}' } });
        for (let i = 0; i < 7; i++) b.probe('app.web', 'app.worker', 'tcp 8080');
        const start = Date.UTC(2026, 4, 1, 12, 0, 0);
        const windows = new Set(simulateWithFlowLogs(b.t, start).records.map(r => r.record));
        expect([...windows]).toEqual([`${start / 1000} ${start / 1000 + 60}`, `${start / 1000 + 60} ${start / 1000 + 120}`]);
    });

    it("AWS's ping example: the NACL lets ICMP in but not out, so the request is ACCEPT and the reply REJECT", () => {
        const b = standardVpc(new TopologyBuilder())
            .sg('app', 'ping', [['ingress', 'icmp', '0.0.0.0/0']])
            .nacl('app', 'strict', [
                ['inbound', 100, 'allow', 'icmp', '0.0.0.0/0'],
                ['outbound', 100, 'allow', 'tcp 443', '0.0.0.0/0']
            ])
            .instance('app', 'pinged', 'public', '10.0.1.139', { publicIp: '54.0.0.139', groups: ['ping'] });
        b.t.subnets.find(x => x.name === 'public')!.networkAcl = 'network-acl:app.strict';
        flowLog(b.t, 'default', { level: 'eni', target: 'instance:app.pinged' }, { format: undefined });
        b.probe('internet', 'app.pinged', 'icmp');
        const fields = simulateWithFlowLogs(b.t).records.map(r => r.record.split(' '));
        expect(fields.map(f => [f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[12]])).toEqual([
            ['198.51.100.7', '10.0.1.139', '0', '0', '1', '4', '336', 'ACCEPT'],
            ['10.0.1.139', '198.51.100.7', '0', '0', '1', '4', '336', 'REJECT']
        ]);
    });

    it('traffic AWS never logs (the Amazon DNS server) has no records', () => {
        const b = standardVpc(new TopologyBuilder());
        flowLog(b.t, 'all', { level: 'vpc', target: 'vpc:app' });
        b.probe('app.web', { kind: 'address', address: '10.0.0.2' }, 'udp 53');
        expect(records(b)).toEqual([]);
    });

    it('the same topology gives the same records, ids and ports every time', () => {
        const build = () => {
            const b = standardVpc(new TopologyBuilder());
            flowLog(b.t, 'all', { level: 'vpc', target: 'vpc:app' });
            b.probe('app.worker', { kind: 'internet', address: '8.8.8.8' }, 'tcp 443');
            return b;
        };
        expect(records(build())).toEqual(records(build()));
    });
});

describe('delivery layout', () => {
    it('names S3 objects as AWS does, one per flow log per 5-minute publication, with a header line', () => {
        const b = standardVpc(new TopologyBuilder());
        flowLog(b.t, 'all', { level: 'vpc', target: 'vpc:app' }, { format: undefined });
        b.probe('app.web', 'app.worker', 'tcp 8080');
        const { records: recs } = simulateWithFlowLogs(b.t, Date.UTC(2026, 2, 9, 16, 17, 0));
        const [file] = deliveries(b.t, recs);
        expect(file!.path).toMatch(
            /^flow-bucket\/team\/AWSLogs\/123456789012\/vpcflowlogs\/us-east-1\/2026\/03\/09\/123456789012_vpcflowlogs_us-east-1_fl-[0-9a-f]{17}_20260309T1620Z_[0-9a-f]{8}\.log\.gz$/
        );
        expect(file!.content.split('\n')[0]).toBe(
            'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status'
        );
        expect(file!.gzip).toBe(true);
        expect(file!.deliveredAt).toBe(Date.UTC(2026, 2, 9, 16, 30, 0) / 1000);
    });

    it('lays CloudWatch Logs out as one stream per ENI, shaped like get-log-events', () => {
        const b = standardVpc(new TopologyBuilder());
        flowLog(b.t, 'cw', { level: 'vpc', target: 'vpc:app' }, { destination: { kind: 'cloudwatch', target: '/vpc/flow-logs' } });
        b.probe('app.web', 'app.worker', 'tcp 8080');
        const files = deliveries(b.t, simulateWithFlowLogs(b.t).records);
        expect(files.map(f => f.path).sort()).toEqual(
            [
                `cloudwatch/vpc/flow-logs/${eniOf(b, 'instance:app.web')}-all.json`,
                `cloudwatch/vpc/flow-logs/${eniOf(b, 'instance:app.worker')}-all.json`
            ].sort()
        );
        const doc = JSON.parse(files[0]!.content);
        expect(Object.keys(doc)).toEqual(['events', 'nextForwardToken', 'nextBackwardToken']);
        expect(Object.keys(doc.events[0])).toEqual(['timestamp', 'message', 'ingestionTime']);
    });

    it('reads bucket and prefix from the ARN', () => {
        expect(parseS3Arn('arn:aws:s3:::my-flow-log-bucket')).toEqual({ bucket: 'my-flow-log-bucket', prefix: '' });
        expect(parseS3Arn('arn:aws:s3:::my-bucket/a/b/')).toEqual({ bucket: 'my-bucket', prefix: 'a/b' });
        expect(parseS3Arn('s3://my-bucket')).toBeUndefined();
    });

    it("writes the Athena table AWS documents, with the custom format's columns in order", () => {
        const b = standardVpc(new TopologyBuilder());
        flowLog(
            b.t,
            'custom',
            { level: 'vpc', target: 'vpc:app' },
            { format: { value: '${version} ${vpc-id} ${srcaddr} ${end} ${region} ${traffic-path}' } }
        );
        const ddl = athenaTable(b.t.flowLogs[0]!, b.t, new Date(Date.UTC(2026, 0, 1)))!;
        expect(ddl).toContain(
            '  version int,\n  vpc_id string,\n  srcaddr string,\n  `end` bigint,\n  region string,\n  traffic_path int\n)'
        );
        expect(ddl).toContain('PARTITIONED BY (accid string, log_region string, day string)');
        expect(ddl).toContain("LOCATION 's3://flow-bucket/team/AWSLogs/'");
        expect(ddl).toContain('"storage.location.template" = "s3://flow-bucket/team/AWSLogs/${accid}/vpcflowlogs/${log_region}/${day}"');
        expect(ddl).toContain('"skip.header.line.count" = "1"');
    });
});
