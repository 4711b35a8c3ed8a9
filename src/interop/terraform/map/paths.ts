/** `aws_ec2_network_insights_path` resources read back as probes (what `vpc-lab export --format terraform` writes probes as). */
import { probeDesign, probeFromPath } from '../../common/probe-path.js';
import { isObject } from '../hcl/values.js';
import { resourceName } from '../instances.js';
import { num, str, type MapContext } from './context.js';

export function mapPaths(ctx: MapContext): void {
    for (const i of ctx.ofType('aws_ec2_network_insights_path')) {
        const v = i.values;
        const end = (value: typeof v.source) => (value === undefined || value === null ? undefined : ctx.element(value));
        const source = end(v.source);
        const destination = end(v.destination);
        if ((v.source !== undefined && !source) || (v.destination !== undefined && v.destination !== null && !destination)) {
            ctx.leftOut(i, i.address, 'its source or destination is not in this import');
            continue;
        }
        const tags = v.tags !== undefined && isObject(v.tags) ? v.tags : {};
        const name = ctx.names.name('probe', resourceName(i));
        const probe = probeFromPath(ctx.topology, name, {
            protocol: str(v.protocol) ?? '',
            source,
            destination,
            destinationIp: str(v.destination_ip),
            port: num(v.destination_port),
            // `vpc-lab:service-region` → serviceRegion
            design: probeDesign(key => tags[`vpc-lab:${key.replace(/[A-Z]/g, c => `-${c.toLowerCase()}`)}`])
        });
        if ('why' in probe) {
            ctx.leftOut(i, i.address, probe.why);
            continue;
        }
        ctx.topology.probes.push(probe);
        ctx.register(i, probe.id);
    }
}
