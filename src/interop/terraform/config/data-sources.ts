/**
 * The data sources whose values the product knows without asking AWS: the region's availability
 * zones (from the product's catalogue), the region itself, the partition, and an endpoint
 * service's name. Any other data source is read from the account at plan time: unknown here.
 */
import { availabilityZones } from '../../../model/aws-catalog.js';
import { Unknown, type Value, type ValueObject } from '../hcl/values.js';

export function dataSourceValue(type: string, args: ValueObject, region: string): Value | undefined {
    switch (type) {
        case 'aws_availability_zones': {
            const excluded = new Set(Array.isArray(args.exclude_names) ? args.exclude_names : []);
            const names = availabilityZones(region).filter(z => !excluded.has(z));
            return {
                ...args,
                id: region,
                names,
                zone_ids: names.map(z => new Unknown(`the zone id of ${z} differs per account`)),
                state: 'available'
            };
        }
        case 'aws_region':
            return { ...args, id: region, name: region, region, endpoint: `ec2.${region}.amazonaws.com` };
        case 'aws_partition':
            return { id: 'aws', partition: 'aws', dns_suffix: 'amazonaws.com', reverse_dns_prefix: 'com.amazonaws' };
        case 'aws_vpc_endpoint_service':
            if (typeof args.service === 'string')
                return { ...args, service_name: `com.amazonaws.${region}.${args.service}`, id: `com.amazonaws.${region}.${args.service}` };
            if (typeof args.service_name === 'string') return { ...args, id: args.service_name };
            return undefined;
        case 'aws_prefix_list':
        case 'aws_ec2_managed_prefix_list':
            // An AWS-managed list by its name: AWS assigns its id per account and region, so the
            // name stands for the id (the mapping reads it back as `prefix-list SERVICE`).
            if (typeof args.name === 'string' && /^com\.amazonaws\.[a-z0-9-]+\.[a-z0-9-]+$/.test(args.name))
                return { ...args, id: args.name, prefix_list_id: args.name };
            return undefined;
        default:
            return undefined;
    }
}
