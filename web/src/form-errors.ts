// Moved to the shared client plumbing (the back office reads failed forms the same way).
export { serverErrors } from '@meiduo/client/errors';
