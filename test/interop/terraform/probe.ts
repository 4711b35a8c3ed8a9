/** Runs probes against an imported model: the verdicts tests reason out from AWS's documentation. */
import { makeId } from '../../../src/model/ids.js';
import type { Probe, ProbeDestination, Protocol, Topology } from '../../../src/model/topology.js';
import { simulate } from '../../../src/simulator/simulate.js';
import { readTerraform, type TerraformImportOptions } from '../../../src/interop/terraform/index.js';
import { mapToModel, type MappedImport } from '../../../src/interop/terraform/map/index.js';

export async function importFixture(path: string | string[], options: TerraformImportOptions = {}): Promise<MappedImport> {
    const { read } = await readTerraform(path, options);
    return mapToModel(read, typeof path === 'string' ? path : path.join(', '));
}

function instanceId(t: Topology, qualified: string): string {
    const [vpc, name] = qualified.split('.') as [string, string];
    const id = makeId('instance', name, vpc);
    if (!t.instances.some(i => i.id === id)) throw new Error(`no instance ${qualified}; have ${t.instances.map(i => i.id).join(', ')}`);
    return id;
}

/**
 * `vpc.web-0 -> vpc.app-0 tcp 8080`, `internet -> vpc.web-0 tcp 443`, `vpc.app-0 -> internet 8.8.8.8 tcp 443`,
 * `vpc.app-0 -> service s3 tcp 443`, `vpc.app-0 -> 10.0.0.5 tcp 22`.
 */
export function verdict(t: Topology, text: string): 'ACCEPT' | 'REJECT' {
    const m = /^(\S+) -> (internet \S+|service \S+|\S+) (tcp|udp|icmp|all)(?: (\d+))?$/.exec(text);
    if (!m) throw new Error(`cannot read probe ${text}`);
    const [, from, to, protocol, port] = m as unknown as [string, string, string, Protocol, string | undefined];
    const source: Probe['source'] = from === 'internet' ? { kind: 'internet' } : { kind: 'instance', instance: instanceId(t, from) };
    let destination: ProbeDestination;
    if (to.startsWith('internet ')) destination = { kind: 'internet', address: to.slice(9) };
    else if (to.startsWith('service ')) destination = { kind: 'service', service: to.slice(8) };
    else if (/^[\d.:]+$/.test(to) && to.includes('.') && !/[a-z]/i.test(to)) destination = { kind: 'address', address: to };
    else destination = { kind: 'instance', instance: instanceId(t, to) };
    const probe: Probe = {
        kind: 'probe',
        id: 'probe:test',
        name: 'test',
        source,
        destination,
        protocol,
        ...(port ? { port: Number(port) } : {}),
        text
    };
    const [result] = simulate({ ...t, probes: [probe] });
    return result!.verdict;
}

export function leftOut(m: MappedImport): string[] {
    return m.notes.filter(n => n.kind === 'left-out').map(n => n.what);
}
