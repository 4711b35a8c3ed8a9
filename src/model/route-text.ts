/** How a route's destination reads in messages, traces and hovers: as it is written in `.vpc`. */
import type { RouteDestination } from './topology.js';

/** `prefix-list s3`: a service's AWS-managed prefix list. */
export function prefixListText(service: string): string {
    return `prefix-list ${service}`;
}

/** `10.0.0.0/16` or `prefix-list s3`. */
export function routeDestinationText(destination: RouteDestination): string {
    return destination.kind === 'cidr' ? destination.cidr : prefixListText(destination.service);
}
