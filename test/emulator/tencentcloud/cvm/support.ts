/** What the CVM tests share: an emulator with every time 0, the SDK client, a RunInstances and a describe by id. */
import { Client } from "tencentcloud-sdk-nodejs/tencentcloud/services/cvm/v20170312/cvm_client";
import type {
  Instance,
  RunInstancesRequest,
} from "tencentcloud-sdk-nodejs/tencentcloud/services/cvm/v20170312/cvm_models";
import { DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, INSTANT, codeOf, tencent, useEmulator } from "../../support";

/** 001 example 2: only the required parameters. */
export const minimal: RunInstancesRequest = { Placement: { Zone: "ap-shanghai-2" }, ImageId: "img-pmqg1cw7" };
export const WINDOWS_IMAGE = "img-9qabwvbn";
export const OTHER_ACCOUNT = { secretId: "AKIDOTHERACCOUNT", secretKey: "other-secret" };

export type Patch = Record<string, unknown>;

/** The test file's emulator, with the CVM calls on it. */
export function cvmTest() {
  const t = useEmulator({
    settings: INSTANT,
    credentials: [[OTHER_ACCOUNT.secretId, OTHER_ACCOUNT.secretKey]],
  });
  const cvm = (region = "ap-shanghai", secretId = DEFAULT_SECRET_ID, secretKey = DEFAULT_SECRET_KEY) =>
    tencent(Client, t.emu, { region, secretId, secretKey });
  return {
    get emu() {
      return t.emu;
    },
    cvm,
    /** RunInstances of `minimal` with `req` over it: the new ids. */
    async run(req: Partial<RunInstancesRequest> = {}, region = "ap-shanghai"): Promise<string[]> {
      return (await cvm(region).RunInstances({ ...minimal, ...req })).InstanceIdSet ?? [];
    },
    async describe1(id: string): Promise<Instance | undefined> {
      return (await cvm().DescribeInstances({ InstanceIds: [id] })).InstanceSet?.[0];
    },
  };
}

/**
 * A RunInstances rule: each refused request (`minimal` with the patch, as a DryRun) answers its
 * code, each accepted one succeeds.
 */
export function runRules(
  t: ReturnType<typeof cvmTest>,
  {
    refused,
    accepted,
  }: { refused: Record<string, Array<[string, Patch]>>; accepted: Array<[string, Patch]> },
): void {
  const dryRun = (patch: Patch) =>
    codeOf(t.cvm().RunInstances({ ...minimal, ...patch, DryRun: true } as never));
  const cases = Object.entries(refused).flatMap(([code, rows]) =>
    rows.map(([name, patch]) => [name, patch, code]),
  );
  it.each(cases as Array<[string, Patch, string]>)("%s", async (_name, patch, code) => {
    expect(await dryRun(patch)).toBe(code);
  });
  it.each(accepted)("accepts %s", async (_name, patch) => {
    expect(await dryRun(patch)).toBe("OK");
  });
}
