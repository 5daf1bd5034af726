/** The request shapes of CBS 2017-03-12: the SDK's request models (tencentcloud-sdk-nodejs cbs_models.d.ts). */
import type {
  DescribeDisksRequest,
  Filter,
  ResizeDiskRequest,
} from "tencentcloud-sdk-nodejs/tencentcloud/services/cbs/v20170312/cbs_models";
import { B, I, S, arr, obj } from "../shapes";

export const RESIZE_DISK = obj<ResizeDiskRequest>({ DiskSize: I, DiskId: S });

const FILTER = obj<Filter>({ Name: S, Values: arr(S) });

/** In the model's order. */
export const DESCRIBE_DISKS = obj<DescribeDisksRequest>({
  Filters: arr(FILTER),
  Limit: I,
  OrderField: S,
  Offset: I,
  ReturnBindAutoSnapshotPolicy: B,
  DiskIds: arr(S),
  Order: S,
});
