/** The server: where it listens, what reaches the control API, and which service a signed call goes to. */
import { signedCall, useEmulator } from "./support";

const t = useEmulator({ settings: { rateLimits: false } });

describe("the listening address", () => {
  it("is 127.0.0.1 only", () => {
    expect(t.emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});

describe("the control API", () => {
  it("is not reachable with a signed action header on another path", async () => {
    const res = await fetch(`${t.emu.url}/_emulator/reset`, {
      method: "GET",
      headers: { "x-tc-action": "RunInstances" },
    });
    expect(res.status).toBe(404);
  });

  it("names every service it serves", async () => {
    expect(await (await fetch(`${t.emu.url}/_emulator/health`)).json()).toEqual({
      ok: true,
      services: ["cvm", "cbs", "ecm", "hai", "tag", "sts", "swas", "aliyunsts"],
    });
  });
});

describe("routing by service and version", () => {
  const code = async (call: Parameters<typeof signedCall>[1]) =>
    (await signedCall(t.emu, call)).Response.Error?.Code ?? "OK";

  it.each([
    ["an IP endpoint (scope 127): the version's service", { service: "127" }, "cvm", "OK"],
    ["a scope naming the version's service", { service: "cvm" }, "cvm", "OK"],
    ["a scope naming no service (an unknown host label)", { service: "localhost" }, "cvm", "OK"],
    ["a scope naming another service of another version", { service: "ecm" }, undefined, "NoSuchVersion"],
  ])("%s", async (_name, scope, service, expected) => {
    const before = await t.emu.control.calls();
    expect(await code({ action: "DescribeZones", version: "2017-03-12", ...scope })).toBe(expected);
    const counted = (await t.emu.control.calls())[`${service}.DescribeZones`]?.calls ?? 0;
    expect(counted - (before[`${service}.DescribeZones`]?.calls ?? 0)).toBe(service ? 1 : 0);
  });

  it("answers NoSuchVersion for a version no service has, uncounted", async () => {
    expect(await code({ action: "DescribeZones", version: "2001-01-01" })).toBe("NoSuchVersion");
    expect(await t.emu.control.totalCalls()).toBe(0);
  });

  it("answers InvalidAction, counted for the version's service, for an action it does not have", async () => {
    // A CBS action the emulated CBS does not have: the version's first service answers.
    const answer = await signedCall(t.emu, { action: "DescribeSnapshots", version: "2017-03-12" });
    expect(answer.Response.Error).toEqual({
      Code: "InvalidAction",
      Message: "The action `DescribeSnapshots` does not exist for cvm 2017-03-12.",
    });
    expect(await t.emu.control.callCount("cvm", "DescribeSnapshots")).toBe(1);
  });
});
