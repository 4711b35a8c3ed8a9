/** The reasons the simulator gives for a rejected probe (docs/language.md, Probes). */
export const REJECT_REASONS = [
    'NO_ROUTE',
    'SG_EGRESS',
    'SG_INGRESS',
    'NACL_OUTBOUND',
    'NACL_INBOUND',
    'NACL_RETURN',
    'NO_PUBLIC_IP',
    'NOT_TRANSITIVE',
    'NO_RETURN_ROUTE',
    'EIGW_INBOUND',
    'NAT_NO_INTERNET',
    'ENDPOINT_POLICY',
    'BUCKET_POLICY',
    'ENDPOINT_PROTOCOL',
    'CROSS_REGION_ENDPOINT',
    'TGW_NO_ROUTE',
    'TGW_BLACKHOLE',
    'TGW_NO_ATTACHMENT_AZ',
    'LB_NO_LISTENER',
    'ENDPOINT_SERVICE_NOT_ALLOWED'
] as const;

export type RejectReason = (typeof REJECT_REASONS)[number];
