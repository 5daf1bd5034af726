/** RunInstances (001): instance names, host names, login settings and passwords, the ClientToken (run-login.ts). */
import { codeOf } from "../../support";
import { WINDOWS_IMAGE, cvmTest, runRules } from "./support";

const t = cvmTest();
const win = { ImageId: WINDOWS_IMAGE };

describe("RunInstances: names and login", () => {
  runRules(t, {
    refused: {
      InvalidPassword: [
        ["a Linux password of 7 characters", { LoginSettings: { Password: "Abcde1!" } }],
        ["a Linux password of 31 characters", { LoginSettings: { Password: "Ab1!".repeat(8) } }],
        ["a Linux password of one character class", { LoginSettings: { Password: "abcdefghij" } }],
        ["a password with a character not allowed", { LoginSettings: { Password: "Abcdefg1<" } }],
        ["a Windows password of 11 characters", { ...win, LoginSettings: { Password: "Abcdefgh12!" } }],
        ["a Windows password of two classes", { ...win, LoginSettings: { Password: "abcdefgh1234" } }],
      ],
      InvalidParameterCombination: [
        ["a password and a key", { LoginSettings: { Password: "Abcdefg1!", KeyIds: ["skey-3glfot13"] } }],
      ],
      "UnsupportedOperation.KeyPairUnsupportedWindows": [
        ["a key on Windows", { ...win, LoginSettings: { KeyIds: ["skey-3glfot13"] } }],
      ],
      "InvalidParameterValue.KeyPairNotFound": [
        ["a malformed key id", { LoginSettings: { KeyIds: ["key-1"] } }],
      ],
      "InvalidClientToken.TooLong": [["a ClientToken of 65 characters", { ClientToken: "t".repeat(65) }]],
      "InvalidParameterValue.IllegalHostName": [
        ["a host name starting with a hyphen", { HostName: "-web" }],
        ["a host name with two periods in a row", { HostName: "web..example" }],
        ["a host name of 1 character", { HostName: "a" }],
        ["a host name of 61 characters", { HostName: "h".repeat(61) }],
        ["a host name with an underscore", { HostName: "web_1" }],
        ["a Windows host name with a period", { ...win, HostName: "web.example" }],
        ["a Windows host name of 16 characters", { ...win, HostName: "w".repeat(16) }],
        ["a Windows host name of digits only", { ...win, HostName: "12345" }],
      ],
    },
    accepted: [
      ["a Linux password of two classes", { LoginSettings: { Password: "abcdefg1" } }],
      ["a Linux password of 30 characters", { LoginSettings: { Password: "Ab1!".repeat(7) + "Ab" } }],
      ["a Windows password of three classes", { ...win, LoginSettings: { Password: "Abcdefgh1234" } }],
      ["a key on Linux", { LoginSettings: { KeyIds: ["skey-3glfot13"] } }],
      ["KeepImageLogin", { LoginSettings: { KeepImageLogin: "TRUE" } }],
      ["a ClientToken of 64 characters", { ClientToken: "t".repeat(64) }],
      ["a Linux host name with periods", { HostName: "web-1.example.internal" }],
      ["a Windows host name", { ...win, HostName: "WIN-WEB-01" }],
      ["a host name pattern", { HostName: "web-{R:1}", InstanceCount: 3 }],
    ],
  });
});

describe("RunInstances: what the names become", () => {
  it("an InstanceName of 61 characters gets InvalidInstanceName.TooLong (60 is accepted)", async () => {
    expect(await codeOf(t.run({ InstanceName: "n".repeat(61), DryRun: true }))).toBe(
      "InvalidInstanceName.TooLong",
    );
    expect(await codeOf(t.run({ InstanceName: "n".repeat(60), DryRun: true }))).toBe("OK");
  });
  it("expands {R:x} and {R:x,F:y} patterns and suffixes names without a pattern", async () => {
    const names = async (InstanceName: string, InstanceCount: number) => {
      const res = await t
        .cvm()
        .DescribeInstances({ InstanceIds: await t.run({ InstanceName, InstanceCount }) });
      return (res.InstanceSet ?? []).map((i) => i.InstanceName).sort();
    };
    expect(await names("server_{R:3}", 2)).toEqual(["server_3", "server_4"]);
    expect(await names("server_{R:3}", 1)).toEqual(["server_3"]);
    expect(await names("app_{R:9,F:3}-{R:1}", 2)).toEqual(["app_009-1", "app_010-2"]);
    expect(await names("server_", 2)).toEqual(["server_1", "server_2"]);
    expect(await names("single", 1)).toEqual(["single"]);
  });
});
