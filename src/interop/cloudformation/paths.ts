/** `AWS::EC2::NetworkInsightsPath` resources read back as probes (what `vpc-lab export` writes probes as). */
import { probeDesign, probeFromPath } from '../common/probe-path.js';
import { elementOf, text, what, type BuildContext } from './build.js';

export const PATH_TYPE = 'AWS::EC2::NetworkInsightsPath';

export function readPaths(context: BuildContext): void {
    const { stacks, draft } = context;
    for (const resource of stacks.ofType(PATH_TYPE)) {
        const active = stacks.active(resource);
        if (active !== true) {
            if (active !== false) draft.report.leftOut(resource.source, what(resource), `its condition: ${active.why}`);
            continue;
        }
        const props = stacks.props(resource);
        const end = (value: unknown) => {
            if (value === undefined) return undefined;
            const found = elementOf(context, value);
            return 'id' in found ? found.id : found;
        };
        const source = end(props.Source);
        const destination = end(props.Destination);
        const unresolved = [source, destination].find((e): e is { why: string } => typeof e === 'object');
        if (unresolved) {
            draft.report.leftOut(resource.source, what(resource), unresolved.why);
            continue;
        }
        const protocol = text(props.Protocol, 'Protocol');
        const ip = props.DestinationIp === undefined ? undefined : text(props.DestinationIp, 'DestinationIp');
        const bad = [protocol, ip].find((v): v is { why: string } => typeof v === 'object');
        if (bad) {
            draft.report.leftOut(resource.source, what(resource), bad.why);
            continue;
        }
        const design = stacks.design(resource);
        const name = draft.names.name('probe', resource.logicalId);
        const probe = probeFromPath(draft.topology, name, {
            protocol: protocol as string,
            source: source as string | undefined,
            destination: destination as string | undefined,
            destinationIp: ip as string | undefined,
            port: props.DestinationPort === undefined ? undefined : Number(props.DestinationPort),
            design: probeDesign(key => design[`Design${key[0]!.toUpperCase()}${key.slice(1)}`])
        });
        if ('why' in probe) {
            draft.report.leftOut(resource.source, what(resource), probe.why);
            continue;
        }
        draft.topology.probes.push(probe);
        draft.origin(probe.id, () => what(resource), resource.source);
    }
}
