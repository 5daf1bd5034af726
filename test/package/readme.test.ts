/**
 * The README tells the truth about replacements: where a diff plans the old instances' delete
 * first, the README says so for that resource; elsewhere a replacement creates the new ones first.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { diffCvm } from "../../provider/tencentcloud/cvm/provider";
import { diffCvmHourly } from "../../provider/tencentcloud/cvm-hourly/provider";
import { diffEcm } from "../../provider/tencentcloud/ecm/provider";
import { diffHai } from "../../provider/tencentcloud/hai/provider";
import type { DiffResult } from "../../provider/core/diff";

const readme = fs.readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
const section = readme.slice(
  readme.indexOf("### What changes in place, what replaces"),
  readme.indexOf("### Behaviour you can rely on"),
);
/** The "Replaces" cell of a resource's row in the README's table. */
const replaces = (kind: string) => {
  const row = section.split("\n").find((l) => l.startsWith(`| \`${kind}\``));
  return (row ?? "").split("|")[3] ?? "";
};

type Props = Record<string, unknown>;
const cvm = { region: "ap-guangzhou", placement: { zone: "ap-guangzhou-3" }, imageId: "img-pmqg1cw7" };
/** A change that replaces CvmInstance (the image is reinstalled in place). */
const cvmZone = { placement: { zone: "ap-guangzhou-4" } };
const hourly = {
  region: "ap-guangzhou",
  zoneId: 100001,
  cpu: 1,
  mem: 2,
  imageId: "img-3wnd9xpl",
  storageSize: 0,
};
const ecm = {
  zoneInstanceCountISPSet: [{ zone: "ap-xian-ecm-1", instanceCount: 1, isp: "CTCC" }],
  moduleId: "em-12345678",
};
const hai = { region: "ap-guangzhou", applicationId: "app-jknfna", bundleType: "XL" };

/** [resource, the argument named in the README, the diff of a change that replaces old-first] */
const deleteFirst: Array<[string, string, () => DiffResult]> = [
  // A new password of CvmInstance and CvmHourlyInstance is no replacement: changed in place.
  [
    "CvmInstance",
    "clientToken",
    () => diffCvm({ ...cvm, clientToken: "mine" }, { ...cvm, clientToken: "mine", ...cvmZone }),
  ],
  [
    "CvmHourlyInstance",
    "clientToken",
    () =>
      diffCvmHourly({ ...hourly, clientToken: "mine" }, { ...hourly, clientToken: "mine", zoneId: 100002 }),
  ],
  [
    "HaiInstance",
    "clientToken",
    () => diffHai({ ...hai, clientToken: "mine" }, { ...hai, clientToken: "mine", bundleType: "XL_2X" }),
  ],
];

describe("the README on replacements", () => {
  it.each(deleteFirst)(
    "%s: a replacement on %s deletes the old instances first, and the README says so",
    (kind, arg, diff) => {
      expect(diff()).toMatchObject({ changes: true, deleteBeforeReplace: true });
      expect(replaces(kind)).toMatch(
        new RegExp(`\`${arg.replace(".", "\\.")}\`[^|]*(old|them|it)[^|]*first`),
      );
    },
  );

  it("says the new instances come first only where they do", () => {
    const others: Array<[string, () => DiffResult]> = [
      ["CvmInstance", () => diffCvm(cvm as Props, { ...cvm, ...cvmZone })],
      ["CvmHourlyInstance", () => diffCvmHourly(hourly as Props, { ...hourly, zoneId: 100002 })],
      ["EcmInstance", () => diffEcm(ecm as Props, { ...ecm, moduleId: "em-87654321" })],
      ["HaiInstance", () => diffHai(hai as Props, { ...hai, bundleType: "XL_2X" })],
    ];
    for (const [, diff] of others)
      expect(diff()).toMatchObject({ changes: true, deleteBeforeReplace: false });
    // Not as a rule without exceptions.
    expect(section).not.toMatch(
      /A replacement creates the new\s+instances before it terminates the old ones\./,
    );
    expect(section).toMatch(/except/);
  });
});
