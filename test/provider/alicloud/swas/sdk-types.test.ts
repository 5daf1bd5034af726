/**
 * Compile-time agreement of the SwasInstance schema with the SDK's own request models: every
 * CreateInstances argument is a field of CreateInstancesRequest of a compatible type, every
 * parameter of the document is an argument, and the name and password are the fields of
 * UpdateInstanceAttributeRequest. `tsc --noEmit` fails if they drift apart.
 */
import type { CreateInstancesRequest, UpdateInstanceAttributeRequest } from "@alicloud/swas-open20200601";
import type { SwasArgs } from "../../../../provider/alicloud/swas/schema";
import { createInstancesRequest } from "../../../../provider/alicloud/swas/api";

/** The model's declared data fields: not its methods, not the `[key: string]: any` of $dara.Model. */
type Fields<T> = {
  [K in keyof T as string extends K ? never : T[K] extends (...a: never[]) => unknown ? never : K]: T[K];
};

/** The arguments that are CreateInstances parameters (the others are set later, or this package's own). */
type CreateArgs = Omit<
  SwasArgs,
  "instanceName" | "password" | "running" | "onDelete" | "allowReplacement" | "timeouts" | "adoptInstanceIds"
>;

type Assignable<A, B> = [A] extends [B] ? true : false;
const agrees: Assignable<CreateArgs, Fields<CreateInstancesRequest>> = true;
/** Every parameter of the document (003) is an argument. */
type DocumentParameters =
  | "regionId"
  | "imageId"
  | "planId"
  | "period"
  | "autoRenew"
  | "autoRenewPeriod"
  | "dataDiskSize"
  | "amount"
  | "chargeType"
  | "clientToken";
const covered: Assignable<DocumentParameters, keyof CreateArgs> = true;
const complete: Assignable<keyof Fields<CreateInstancesRequest>, DocumentParameters> = true;
const attributes: Assignable<
  Pick<SwasArgs, "instanceName" | "password">,
  Pick<Fields<UpdateInstanceAttributeRequest>, "instanceName" | "password">
> = true;

describe("SwasInstance arguments and the SDK's request models", () => {
  it("agree at compile time", () => {
    expect(agrees && covered && complete && attributes).toBe(true);
  });

  it("turn into the request the document shows", () => {
    const req = createInstancesRequest(
      {
        imageId: "e2c9c365024a44369c9b955a998a0000",
        planId: "swas.s1.c1m1s40b3t05",
        period: 1,
        autoRenew: false,
        dataDiskSize: 20,
        amount: 1,
        chargeType: "PrePaid",
        running: true,
        onDelete: "stop",
        allowReplacement: false,
        password: "Test123!abc",
      },
      "cn-hangzhou",
      "123e4567-e89b-12d3-a456-426655440000",
    );
    expect({ ...req }).toEqual({
      regionId: "cn-hangzhou",
      imageId: "e2c9c365024a44369c9b955a998a0000",
      planId: "swas.s1.c1m1s40b3t05",
      period: 1,
      autoRenew: false,
      dataDiskSize: 20,
      amount: 1,
      chargeType: "PrePaid",
      clientToken: "123e4567-e89b-12d3-a456-426655440000",
    });
    // The password is never part of CreateInstances (nor of the token derived from it).
    expect(JSON.stringify(req)).not.toContain("Test123!abc");
  });

  it("send AutoRenewPeriod only with AutoRenew", () => {
    const base = {
      imageId: "e2c9c365024a44369c9b955a998a0000",
      planId: "swas.s1.c1m1s40b3t05",
      period: 1,
      dataDiskSize: 0,
      amount: 2,
      chargeType: "PrePaid" as const,
      running: true,
      onDelete: "stop" as const,
      allowReplacement: false,
    };
    const on = createInstancesRequest({ ...base, autoRenew: true, autoRenewPeriod: 12 }, "cn-hangzhou", "t");
    expect(on).toMatchObject({ autoRenew: true, autoRenewPeriod: 12, amount: 2 });
    const off = createInstancesRequest({ ...base, autoRenew: false }, "cn-hangzhou", "t", 5);
    expect(off.autoRenewPeriod).toBeUndefined();
    expect(off.amount).toBe(5);
  });
});
