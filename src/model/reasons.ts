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
    'CROSS_REGION_ENDPOINT'
] as const;

export type RejectReason = (typeof REJECT_REASONS)[number];
