/** What a failed file-system call means, in words: the one place that reads an errno. */
const WORDS: Readonly<Record<string, string>> = {
    ENOENT: 'no such file or folder',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'it is a folder',
    ENOTDIR: 'a path component is not a folder',
    ENOSPC: 'no space left on the device',
    EROFS: 'the file system is read-only',
    EEXIST: 'a file is in the way',
    ELOOP: 'too many symbolic links',
    ENAMETOOLONG: 'the name is too long',
    EMFILE: 'too many open files'
};

export function describeFsError(error: unknown): string {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code && WORDS[code]) return WORDS[code]!;
    if (code) return `the system said ${code}`;
    return error instanceof Error ? error.message : String(error);
}
