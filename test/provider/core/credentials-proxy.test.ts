/**
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY for Tencent Cloud calls: a CONNECT proxy on 127.0.0.1 that
 * sends every tunnel to the emulator stands in for a corporate proxy, and tencentcloud:domain
 * names hosts that only the proxy can reach (cvm.cloud.test), so the calls take the real path of
 * a proxied user while nothing leaves 127.0.0.1.
 */
import net from "node:net";
import { DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY } from "pulumi-runinstances/emulator";
import { testEnv, TestEnv } from "../../support/env";
import { Home, stackConfig, tempHome } from "./credentials-support";
import { callTencent, tencentTarget } from "../../../provider/tencentcloud/client";
import { operation } from "../../../provider/core/context";
import { agentFor } from "../../../provider/core/credentials/endpoints";
import { HttpsProxyAgent } from "https-proxy-agent";

let env: TestEnv;
let home: Home;
let proxy: net.Server;
let proxyUrl: string;
const tunnels: string[] = [];

beforeAll(async () => {
  env = await testEnv({ rateLimits: false });
  proxy = net.createServer((client) => {
    client.once("data", (head) => {
      const target = /^CONNECT (\S+) HTTP/.exec(head.toString())?.[1] ?? "?";
      tunnels.push(target);
      const upstream = net.connect(env.emu.port, "127.0.0.1", () => {
        client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        client.pipe(upstream).pipe(client);
      });
      upstream.on("error", () => client.destroy());
      client.on("error", () => upstream.destroy());
    });
  });
  await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", () => r()));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => proxy.close(r));
  await env.close();
});
beforeEach(() => {
  tunnels.length = 0;
  home = tempHome({ TENCENTCLOUD_SECRET_ID: DEFAULT_SECRET_ID, TENCENTCLOUD_SECRET_KEY: DEFAULT_SECRET_KEY });
  delete process.env.RUNINSTANCES_ENDPOINT;
  stackConfig({ "tencentcloud:domain": "cloud.test", "tencentcloud:protocol": "HTTP" });
});
afterEach(() => home.restore());

const describe = () =>
  callTencent(
    operation(env.rt, "test", 60_000),
    "cvm",
    "DescribeInstances",
    tencentTarget("ap-guangzhou"),
    (c) => c.DescribeInstances({}),
    { idempotent: true },
  );

it("HTTP_PROXY carries the calls (upper case, which the SDK alone ignores)", async () => {
  process.env.HTTP_PROXY = proxyUrl;
  await describe();
  expect(tunnels).toEqual(["cvm.cloud.test:80"]);
  expect(env.emu.world.log.at(-1)).toMatchObject({ service: "cvm", action: "DescribeInstances" });
});

it("NO_PROXY excludes a host: its calls get a direct agent (no call made: the host exists only behind the proxy)", () => {
  Object.assign(process.env, { HTTP_PROXY: proxyUrl, HTTPS_PROXY: proxyUrl, NO_PROXY: ".cloud.test" });
  expect(agentFor("http://cvm.cloud.test/")).not.toBeInstanceOf(HttpsProxyAgent);
  expect(agentFor("https://cvm.tencentcloudapi.com/")).toBeInstanceOf(HttpsProxyAgent);
});

it("the emulator endpoint (runinstances:endpoint) never goes through the proxy", async () => {
  Object.assign(process.env, { HTTP_PROXY: proxyUrl, RUNINSTANCES_ENDPOINT: env.emu.url });
  await describe();
  expect(tunnels).toEqual([]);
});
