/** The program of the CloudFormation template-reading threads, bundled (see cfn-reader.mjs). */
export function cfnReaderSource(): Promise<string>;
