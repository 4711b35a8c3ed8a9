/**
 * The fields AWS defines for flow-log records, with the record version that introduced each
 * (the AWS VPC guide, "Flow log records", Available fields). The default format is exactly the
 * version-2 fields, in this order.
 */
export const FLOW_LOG_FIELDS: ReadonlyMap<string, number> = new Map([
    ['version', 2],
    ['account-id', 2],
    ['interface-id', 2],
    ['srcaddr', 2],
    ['dstaddr', 2],
    ['srcport', 2],
    ['dstport', 2],
    ['protocol', 2],
    ['packets', 2],
    ['bytes', 2],
    ['start', 2],
    ['end', 2],
    ['action', 2],
    ['log-status', 2],
    ['vpc-id', 3],
    ['subnet-id', 3],
    ['instance-id', 3],
    ['tcp-flags', 3],
    ['type', 3],
    ['pkt-srcaddr', 3],
    ['pkt-dstaddr', 3],
    ['region', 4],
    ['az-id', 4],
    ['sublocation-type', 4],
    ['sublocation-id', 4],
    ['pkt-src-aws-service', 5],
    ['pkt-dst-aws-service', 5],
    ['flow-direction', 5],
    ['traffic-path', 5],
    ['ecs-cluster-arn', 7],
    ['ecs-cluster-name', 7],
    ['ecs-container-instance-arn', 7],
    ['ecs-container-instance-id', 7],
    ['ecs-container-id', 7],
    ['ecs-second-container-id', 7],
    ['ecs-service-name', 7],
    ['ecs-task-definition-arn', 7],
    ['ecs-task-arn', 7],
    ['ecs-task-id', 7],
    ['reject-reason', 8],
    ['encryption-status', 10]
]);

export const DEFAULT_FLOW_LOG_FIELDS = [...FLOW_LOG_FIELDS].filter(([, version]) => version === 2).map(([name]) => name);
