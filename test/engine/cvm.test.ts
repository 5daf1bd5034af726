/**
 * CvmInstance through the harness, for what is much cheaper there than under the real engine
 * (test/cli/ runs examples/cvm through preview, up, update, replace, refresh, destroy, launch
 * failures and SIGKILLs): the secrets scan with credentials in the stack config, and the
 * provider text every resource stores.
 */
import * as path from "node:path";
import { engineEnv, EngineEnv, REPO, CREDENTIALS } from "./support";

const program = path.join(REPO, "examples", "cvm");
const PASSWORD = "Qcloud@TestApi123++";
let env: EngineEnv;

beforeAll(async () => {
  env = await engineEnv();
});
afterAll(() => env.close());
beforeEach(() => env.emu.control.reset());

describe("CvmInstance through the engine path", () => {
  it.each([["environment"], ["stack config"]])(
    "keeps the password secret and every credential (from the %s) out of the state and the provider text",
    async (where) => {
      const stack = env.stack(program, {
        config: { "web:password": PASSWORD },
        credentialsInConfig: where === "stack config",
      });
      await stack.up();
      const text = stack.stateText();
      expect(text).not.toContain(PASSWORD);
      for (const c of CREDENTIALS) expect(text).not.toContain(c);
      const web = stack.state().resources.find((r) => r.name === "web")!;
      expect(web.secretOutputs ?? []).toContain("loginSettings");
      await stack.destroy();
    },
  );

  it("writes a small provider text, the same for every CvmInstance, with no absolute path", async () => {
    const stack = env.stack(program, { config: { "web:password": PASSWORD } });
    const r = await stack.preview();
    const texts = r.registrations.filter((reg) => reg.custom).map((reg) => String(reg.inputs.__provider));
    expect(texts[0].length).toBeLessThan(4096);
    expect(texts[0]).toContain('"pulumi-runinstances/provider/tencentcloud/cvm/provider"');
    expect(texts[0]).not.toContain(REPO);
    expect(texts[0]).not.toMatch(/\/(home|root|tmp|work|Users)\//);
    for (const c of CREDENTIALS) expect(texts[0]).not.toContain(c);
    const other = env.stack(program, {
      config: { "web:password": "Other@Pass123", "web:zone": "ap-guangzhou-2" },
    });
    const r2 = await other.preview();
    expect(String(r2.registrations.find((reg) => reg.custom)!.inputs.__provider)).toBe(texts[0]);
  });
});
