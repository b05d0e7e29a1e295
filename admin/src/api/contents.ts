// The home page's slots and their contents (beyond the contract): a content's form is
// multipart, with its picture.
import type { ContentCategoryItem, ContentItem } from '@meiduo/contract/admin-contents';
import { adminResource, choices } from './resource';

export const contents = adminResource<ContentItem, FormData>('/meiduo_admin/contents/');

/** The slots (content categories) with their keys (needs contents.view_contentcategory). */
export const contentSlots = () => choices<ContentCategoryItem>('/meiduo_admin/contents/categories/');
