/** Writing fixtures to a folder, and probing an imported topology at the model level. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Probe, ProbeDestination, Protocol, Topology } from '../../src/model/topology.js';
import { compile, simulateProbe } from '../../src/simulator/simulate.js';

export function writeFixture(files: Record<string, object | string>, prefix = 'import-'): string {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    for (const [name, content] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    }
    return dir;
}

function instanceId(topology: Topology, name: string): string {
    const found = topology.instances.find(i => i.name === name);
    if (!found) throw new Error(`no instance ${name} in ${topology.instances.map(i => i.name).join(', ')}`);
    return found.id;
}

/** `web-a -> app-b tcp 8080`-like probes: from an instance name or `internet`, to an instance name or a destination. */
export function verdict(topology: Topology, from: string, to: string | ProbeDestination, protocol: Protocol, port?: number): string {
    const probe: Probe = {
        kind: 'probe',
        id: 'probe:test',
        name: 'test',
        text: 'test',
        source: from === 'internet' ? { kind: 'internet' } : { kind: 'instance', instance: instanceId(topology, from) },
        destination: typeof to === 'string' ? { kind: 'instance', instance: instanceId(topology, to) } : to,
        protocol,
        port
    };
    const result = simulateProbe(compile(topology), probe, false);
    return result.verdict === 'ACCEPT' ? 'ACCEPT' : `REJECT ${result.reason}`;
}
