// Shapes of the areas (contract §5): provinces, and an area with its direct children.
import { Type, type Static } from '@sinclair/typebox';
import { Id, NamedRef } from './common.js';

export const AreaParams = Type.Object({ id: Id });
export const AreaBrief = NamedRef;
export type AreaBrief = Static<typeof AreaBrief>;
export const AreaList = Type.Array(AreaBrief);
export const AreaWithSubs = Type.Object({ id: Type.Integer(), name: Type.String(), subs: Type.Array(AreaBrief) });
export type AreaWithSubs = Static<typeof AreaWithSubs>;
