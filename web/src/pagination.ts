// Moved to the shared client plumbing (the back office pages its lists too).
export * from '@meiduo/client/pagination';
