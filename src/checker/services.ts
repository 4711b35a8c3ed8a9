import type { Vpc } from '../model/topology.js';

/** A gateway endpoint or service prefix list serves one region: the VPC's own. */
export function serviceRegionProblem(region: string, vpc: Vpc): string | undefined {
    if (region === vpc.region) return undefined;
    return `This names ${region}, but VPC ${vpc.name} is in ${vpc.region}: gateway endpoints and their prefix lists serve only their own region. Reach ${region} over the internet path (internet gateway or NAT gateway) instead.`;
}
