/** The program of the threads that read plain .tf files, bundled (see tf-reader.mjs). */
export function tfReaderSource(): Promise<string>;
