// The comment form's rules (contract §8.5), one copy for the API and the pages. No imports: the
// pages bundle this file as is (comments.ts holds the TypeBox schemas built on it).

export const COMMENT_MIN_LENGTH = 5;
export const COMMENT_MAX_LENGTH = 500;

/** Scores run 0–5 (0/20/…/100 points); a new comment starts at the top. */
export const SCORE_MIN = 0;
export const SCORE_MAX = 5;
export const DEFAULT_SCORE = 5;
