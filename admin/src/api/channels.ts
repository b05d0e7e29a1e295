// The category menu's channels and their groups (contract §10.9, channel groups beyond it).
import type { ChannelGroupInput, ChannelInput, ChannelItem } from '@meiduo/contract/admin-media';
import type { Named } from '@meiduo/contract/admin-permissions';
import { adminResource, choices } from './resource';

export const channels = adminResource<ChannelItem, ChannelInput>('/meiduo_admin/goods/channels/');
export const channelGroups = adminResource<Named, ChannelGroupInput>('/meiduo_admin/goods/channel_groups/');

/** Every channel group (needs goods.view_goodschannelgroup). */
export const groupChoices = () => choices('/meiduo_admin/goods/channel_types/');
/** The top-level categories a channel may stand for (needs goods.view_goodscategory). */
export const topCategories = () => choices('/meiduo_admin/goods/categories/');
