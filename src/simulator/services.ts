/** AWS service names as written in the source: `s3`, or the endpoint service name `com.amazonaws.us-east-1.s3`. */
export interface ServiceName {
    service: string;
    region?: string;
}

export function parseServiceName(text: string): ServiceName {
    const parts = text.split('.');
    if (parts.length >= 4 && parts[0] === 'com' && parts[1] === 'amazonaws') {
        return { region: parts[2], service: parts.slice(3).join('.') };
    }
    return { service: text };
}

/** The services that have gateway endpoints (and AWS-managed prefix lists used in routes). */
export const GATEWAY_SERVICES = ['s3', 'dynamodb'] as const;
