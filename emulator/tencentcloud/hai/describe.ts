/** DescribeInstances: by ids or filters (not both), paging, newest first. */
import type { DescribeInstancesRequest } from "tencentcloud-sdk-nodejs/tencentcloud/services/hai/v20230812/hai_models";
import type { Call } from "../../call";
import type { Instance } from "../../instance";
import { ApiError } from "../../errors";
import { invalidParameterValue } from "../errors";
import { Filter, filterAt, instancePage } from "../common";
import { checkIds, instanceView } from "./models";

/** "instance-id; instance-state; charge-type; public-ip-address" (SDK DescribeInstancesRequest.Filters). */
const FILTERS: Record<string, (inst: Instance, values: string[]) => boolean> = {
  "instance-id": (inst, values) => values.includes(inst.id),
  "instance-state": (inst, values) => values.includes(inst.state),
  "charge-type": (inst, values) => values.includes(String(inst.attrs.ChargeType)),
  "public-ip-address": (inst, values) => inst.publicIps.some((ip) => values.includes(ip)),
};

export function describeInstances(call: Call, req: DescribeInstancesRequest): Record<string, unknown> {
  const { world } = call;
  const ids = req.InstanceIds;
  if (ids) checkIds(ids, "InstanceIds");
  const filters = readFilters(req);
  // InstanceIds and Filters: one or the other (SDK errors DescribeInstances: InvalidParameter.AtMostOne).
  if (ids && ids.length > 0 && filters.length > 0) {
    throw new ApiError("InvalidParameter.AtMostOne", "InstanceIds and Filters cannot be used together.");
  }
  // "Offset: default 0, not greater than 100; Limit: default 20, not less than 0" (SDK
  // DescribeInstancesRequest).
  const offset = req.Offset ?? 0;
  const limit = req.Limit ?? 20;
  if (offset < 0 || offset > 100) throw invalidParameterValue("Offset", "between 0 and 100");
  if (limit < 0) throw invalidParameterValue("Limit", "not less than 0");

  const matching = world
    .list("hai", call.account, call.region)
    .filter(
      (inst) =>
        (!ids || ids.length === 0 || ids.includes(inst.id)) &&
        filters.every((f) => FILTERS[f.name](inst, f.values)),
    );
  const visible = world.visible(matching).sort((a, b) => b.createdAt - a.createdAt);
  return instancePage(visible, offset, limit, (inst) => instanceView(world, inst));
}

function readFilters(req: DescribeInstancesRequest): Filter[] {
  return (req.Filters ?? []).map((f, i) => {
    const { name, values } = filterAt(f, i);
    if (!Object.hasOwn(FILTERS, name)) {
      throw invalidParameterValue(`Filters.${i}.Name`, `the filter \`${name}\` is not supported`);
    }
    if (name === "instance-id") checkIds(values, `Filters.${i}.Values`);
    return { name, values };
  });
}
